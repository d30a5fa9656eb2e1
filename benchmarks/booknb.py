"""The 20-page storybook notebook that figures 3 and 7 use, made as a child would make it, on the offline backend.

``build(folder)`` writes ``book.ipynb`` (kit.setup, 20 pages from ``kit.ask`` and ``kit.draw_many`` at 1024 px,
a cover, the book shown in a cell) and executes it with nbclient in a real ``python3`` kernel, so the saved
notebook carries the book's output exactly as JupyterLab would save it. Its last cell reports the kernel's
memory (``/proc/self/status``). ``pictures="photo"`` uses pictures as hard to compress as detailed photos
(closer to what Wanxiang draws than the offline engine's flat colours), for the worst case of the file size.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

PAGES = 20
MEMORY_CELL = """\
import json, os, resource
status = dict(line.split(":", 1) for line in open("/proc/self/status").read().splitlines() if ":" in line)
print("KIT-MEMORY " + json.dumps({"pid": os.getpid(), "VmHWM_kib": int(status["VmHWM"].split()[0]),
                                  "VmRSS_kib": int(status["VmRSS"].split()[0]),
                                  "maxrss_kib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}))
"""

SETUP = """\
import kit
kit.setup("offline", workdir="kit-work", quiet=True)
"""
BOOK = """\
book = kit.Storybook("The Dragon of Victoria Harbour", author="Mei", theme="Friendship")
book.theme_statement = "A little dragon learns that friends make a city feel like home."
scenes = [
    "a little red dragon wakes up on a green hill above the harbour", "the dragon meets a grey cat on a tram",
    "the dragon and the cat eat egg tarts at a bakery", "a big storm over the sea at night",
    "the dragon flies over tall buildings in the rain", "a lost boat with a small girl on the sea",
    "the dragon carries the boat to the pier", "the girl gives the dragon a red lantern",
    "the three friends watch fireworks over the harbour", "a quiet morning in a temple with incense",
    "the dragon learns to write a Chinese character", "a market full of oranges and fish",
    "the cat hides in a basket of oranges", "the dragon, the cat and the girl climb a mountain",
    "a rainbow over the islands", "the dragon swims with pink dolphins",
    "a picnic on the beach at sunset", "the moon festival with many lanterns",
    "the dragon sleeps under the stars", "the friends wave goodbye at the ferry",
]
"""
PICTURES_OFFLINE = """\
pictures = kit.draw_many(scenes, style="watercolour", size="square", seed=1)
cover = kit.draw("a little red dragon and a grey cat in front of the harbour", style="watercolour",
                 size="square", seed=99)
"""
PICTURES_PHOTO = """\
import functools, io
from PIL import Image, ImageChops

@functools.lru_cache(maxsize=1)
def grain():
    noise = Image.merge("RGB", [Image.effect_noise((1024, 1024), 60 + band) for band in range(3)])
    ramp = Image.linear_gradient("L").resize((1024, 1024))
    return Image.blend(Image.merge("RGB", (ramp, ramp.rotate(90), ramp.rotate(180))), noise, 0.35)

def photo_like(seed):
    out = io.BytesIO()
    ImageChops.offset(grain(), seed * 37, seed * 53).save(out, format="PNG", compress_level=1)
    return out.getvalue()

pictures = [photo_like(n) for n in range(len(scenes))]
cover = photo_like(99)
"""
PAGES_CELL = """\
for number, (scene, picture) in enumerate(zip(scenes, pictures)):
    words = kit.ask(f"Write page {number + 1} of a picture book for children, about {scene}.", seed=number)
    book.add_page(words, picture, alt=scene)
book.set_cover(cover, alt="A little red dragon and a grey cat")
"""
SHOW = "book"


def notebook(pictures: str = "offline", memory: bool = True):
    import nbformat

    nb = nbformat.v4.new_notebook()
    cells = [SETUP, BOOK, PICTURES_PHOTO if pictures == "photo" else PICTURES_OFFLINE, PAGES_CELL, SHOW]
    nb.cells = [nbformat.v4.new_code_cell(source) for source in cells]
    if memory:
        nb.cells.append(nbformat.v4.new_code_cell(MEMORY_CELL))
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    return nb


def execute(nb, folder: Path, timeout: int = 600, env: dict | None = None):
    """Run the notebook in a fresh python3 kernel (offline backend), in ``folder``; the executed notebook."""
    from benchlib import OFFLINE_ENV
    from nbclient import NotebookClient

    values = {**OFFLINE_ENV, **(env or {})}
    saved = {name: os.environ.get(name) for name in values}
    os.environ.update(values)               # the kernel inherits this process's environment
    try:
        NotebookClient(nb, timeout=timeout, kernel_name="python3",
                       resources={"metadata": {"path": str(folder)}}).execute()
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
    return nb


def kernel_memory(nb) -> dict:
    """What the memory cell printed: the kernel's peak (VmHWM) and current (VmRSS) resident memory, KiB."""
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            text = output.get("text", "")
            if "KIT-MEMORY " in text:
                return json.loads(text.split("KIT-MEMORY ", 1)[1].splitlines()[0])
    raise RuntimeError("the memory cell printed nothing")


def build(folder: Path, pictures: str = "offline", name: str = "book.ipynb") -> Path:
    import nbformat

    folder.mkdir(parents=True, exist_ok=True)
    nb = execute(notebook(pictures), folder)
    path = folder / name
    nbformat.write(nb, str(path))
    return path
