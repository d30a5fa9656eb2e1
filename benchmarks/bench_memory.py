"""Figure 7: memory. The peak resident memory of a kernel that imported the kit and built a 20-page book (its
own ``/proc/self/status`` VmHWM, read in its last cell), against a bare python3 kernel that ran only that cell;
and the peak of the export process (``os.wait4`` rusage of ``jupyter nbconvert``), storybook against html.

From the kernel's peak: how many such kernels fit in 8 GiB, the class of 30 being the goal. And what a hub could
set for its kernels (no change to the kit): glibc keeps memory the pictures' big temporary buffers used unless
``MALLOC_TRIM_THRESHOLD_`` tells it to give it back; 7c runs the same book in a kernel started with it.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import booknb
from bench_export import export
from benchlib import median, row

FIGURE = 7
TITLE = "Memory"
NODE_BYTES = 8 * 1024 ** 3
CLASS = 30
TRIM = {"MALLOC_TRIM_THRESHOLD_": "1000000"}     # give freed memory above 1 MB back to the system


def bare_kernel(folder: Path) -> dict:
    import nbformat

    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(booknb.MEMORY_CELL)]
    return booknb.kernel_memory(booknb.execute(nb, folder))


def measure(quick: bool) -> list[dict]:
    import nbformat

    runs = 1 if quick else 3
    kernels, bare, trimmed = [], [], []
    with tempfile.TemporaryDirectory(prefix="bench-memory-") as temp:
        temp = Path(temp)
        for run in range(runs):
            folder = temp / f"run{run}"
            folder.mkdir()
            order = ["book", "bare", "trim"] if run % 2 == 0 else ["trim", "bare", "book"]
            for which in order:
                if which == "trim":
                    (folder / "trim").mkdir()
                    trimmed.append(booknb.kernel_memory(booknb.execute(booknb.notebook(), folder / "trim",
                                                                       env=TRIM)))
                elif which == "book":
                    nb = booknb.execute(booknb.notebook(), folder)
                    kernels.append(booknb.kernel_memory(nb))
                    nbformat.write(nb, str(folder / "book.ipynb"))
                else:
                    bare.append(bare_kernel(folder))
        notebook = temp / "run0" / "book.ipynb"
        exports = {"storybook": [], "html": []}
        for run in range(1 if quick else 2):
            for to in (("storybook", "html") if run % 2 == 0 else ("html", "storybook")):
                exports[to].append(export(notebook, to, temp / to))

    peak = [k["VmHWM_kib"] for k in kernels]
    kernel_peak_bytes = median(peak) * 1024
    fit = int(NODE_BYTES // kernel_peak_bytes)
    kernel = row(FIGURE, "7a", "Kernel peak memory: kit + 20-page book vs a bare python3 kernel", unit="MiB",
                 scale=1 / 1024, digits=0, kit=peak, base=[b["VmHWM_kib"] for b in bare],
                 kit_label="kit kernel", base_label="bare kernel",
                 goal=f"{CLASS} kernels fit in 8 GiB", met=fit >= CLASS,
                 extra={"runs": runs, "kernels_in_8_GiB": fit,
                        "resident_after_kib": [k["VmRSS_kib"] for k in kernels],
                        "bare_resident_after_kib": [b["VmRSS_kib"] for b in bare]})
    kernel["meaning"] = (f"One child's kernel peaks at {kernel_peak_bytes / 2 ** 20:.0f} MiB, so {fit} fit in "
                         f"8 GiB: a class of {CLASS} needs about {CLASS * kernel_peak_bytes / 2 ** 30:.1f} GiB "
                         f"for kernels (plus each child's Jupyter server, roughly 100 MiB, on a JupyterHub).")
    export_row = row(FIGURE, "7b", "Export peak memory: `--to storybook` vs `--to html` (nbconvert process)",
                     unit="MiB", scale=1 / 1024, digits=0, kit=[r["maxrss_kib"] for r in exports["storybook"]],
                     base=[r["maxrss_kib"] for r in exports["html"]], kit_label="storybook", base_label="html",
                     goal="no goal (short-lived)")
    resident = [k["VmRSS_kib"] for k in kernels]
    trim = row(FIGURE, "7c", "Kernel memory kept after the book: with `MALLOC_TRIM_THRESHOLD_=1000000` vs default",
               unit="MiB", scale=1 / 1024, digits=0, kit=[k["VmRSS_kib"] for k in trimmed], base=resident,
               kit_label="trim threshold set", base_label="default", goal="no goal (a hub setting, not the kit)",
               extra={"peak_with_setting_kib": [k["VmHWM_kib"] for k in trimmed]})
    kept = median(trim["kit_samples"]) * 1024
    trim["meaning"] = (f"Set in the hub's kernel environment, it lets a kernel give back what the pictures' "
                       f"temporary buffers used: {kept / 2 ** 20:.0f} MiB kept instead of "
                       f"{median(resident) / 1024:.0f} MiB, so a class of {CLASS} idle kernels needs "
                       f"{CLASS * kept / 2 ** 30:.1f} GiB instead of {CLASS * median(resident) * 1024 / 2 ** 30:.1f}.")
    export_peak_bytes = median(export_row["kit_samples"]) * 1024
    everyone = CLASS * (kernel_peak_bytes + export_peak_bytes) / 2 ** 30
    export_row["meaning"] = (f"Handing in needs {export_peak_bytes / 2 ** 20:.0f} MiB for a few seconds; even if "
                             f"all {CLASS} children export at the same moment, kernels and exports together need "
                             f"{everyone:.1f} GiB{' (within 8 GiB)' if everyone <= 8 else ' (more than 8 GiB)'}.")
    return [kernel, export_row, trim]
