"""Figure 3: handing in a 20-page storybook. ``jupyter nbconvert --to storybook`` against plain
``jupyter nbconvert --to html --embed-images`` of the same saved notebook: time and file size.

The notebook is made by ``booknb`` (20 pages of 1024 px pictures on the offline backend, the book shown in a
cell) and each export runs as its own ``jupyter nbconvert`` process, as a child or JupyterLab's menu would.
The size goal is checked twice: with the offline engine's pictures, and with photo-like pictures that
compress as badly as detailed real ones (the worst case for the 8 MB promise).
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import booknb
from benchlib import JUPYTER, check, median, offline_env, row, run_child

FIGURE = 3
TITLE = "Export of a 20-page storybook"
GOAL_BYTES = 8_000_000


def export(notebook: Path, to: str, out: Path) -> dict:
    args = [JUPYTER, "nbconvert", "--to", to, notebook.name, "--output-dir", str(out)]
    if to == "html":
        args.append("--embed-images")
    result = check(run_child(args, cwd=notebook.parent, env=offline_env(), timeout=600), f"nbconvert --to {to}")
    written = [path for path in out.iterdir() if path.is_file()]
    assert len(written) == 1, written
    result["bytes"] = written[0].stat().st_size
    written[0].unlink()
    return result


def measure(quick: bool) -> list[dict]:
    runs = 2 if quick else 5
    with tempfile.TemporaryDirectory(prefix="bench-export-") as temp:
        temp = Path(temp)
        notebook = booknb.build(temp / "offline")
        kit_runs, base_runs = [], []
        export(notebook, "storybook", temp / "a")     # warm the disk cache and nbconvert's first start
        export(notebook, "html", temp / "b")
        for run in range(runs):
            order = [("storybook", kit_runs, temp / "a"), ("html", base_runs, temp / "b")]
            if run % 2:
                order.reverse()
            for to, results, out in order:
                results.append(export(notebook, to, out))
        photo = booknb.build(temp / "photo", pictures="photo")
        photo_kit = export(photo, "storybook", temp / "a")
        photo_base = export(photo, "html", temp / "b")
        notebook_bytes = notebook.stat().st_size
        photo_notebook_bytes = photo.stat().st_size

    mib = 1 / 1_000_000
    time_row = row(FIGURE, "3a", "Export time: `--to storybook` vs `--to html --embed-images`", unit="s",
                   kit=[r["seconds"] for r in kit_runs], base=[r["seconds"] for r in base_runs],
                   kit_label="storybook", base_label="html", digits=2, goal="no goal (informational)",
                   extra={"runs": runs, "notebook_bytes": notebook_bytes})
    time_row["meaning"] = (f"Handing in takes {median([r['seconds'] for r in kit_runs]):.1f} s, about what "
                           f"nbconvert's own HTML export takes: most of it is starting nbconvert.")
    size_row = row(FIGURE, "3b", "File size, offline pictures", unit="MB", scale=mib, digits=2,
                   kit=[r["bytes"] for r in kit_runs], base=[r["bytes"] for r in base_runs],
                   kit_label="storybook", base_label="html", goal="< 8 MB")
    size_row["met"] = size_row["kit_median"] < GOAL_BYTES
    size_row["meaning"] = (f"{size_row['kit_median'] * mib:.1f} MB: fits an e-mail attachment or a school "
                           f"portal's upload limit, and opens at once on a judge's laptop.")
    worst = row(FIGURE, "3c", "File size, photo-like pictures (worst case)", unit="MB", scale=mib, digits=2,
                kit=[photo_kit["bytes"]], base=[photo_base["bytes"]], kit_label="storybook", base_label="html",
                goal="< 8 MB", extra={"notebook_bytes": photo_notebook_bytes,
                                      "export_seconds": round(photo_kit["seconds"], 2)})
    worst["met"] = worst["kit_median"] < GOAL_BYTES
    worst["meaning"] = (f"Even with pictures as detailed as photos the book stays at "
                        f"{worst['kit_median'] * mib:.1f} MB (pictures re-encoded to fit the budget); the saved "
                        f"notebook itself is {photo_notebook_bytes * mib:.1f} MB.")
    return [time_row, size_row, worst]
