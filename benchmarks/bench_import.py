"""Figure 5: starting up. ``import kit`` on the offline backend against ``import dashscope``, each in a fresh
Python process (interpreter start included; ``python -c pass`` is shown as the floor).

The kit loads the SDK only when the dashscope backend is first used; a separate process checks that a whole
offline ask and draw leave ``dashscope`` (and ``requests``) unloaded.
"""

from __future__ import annotations

import json

from benchlib import PYTHON, check, median, offline_env, row, run_child

FIGURE = 5
TITLE = "Import time"
PROBE = ("import sys, json, tempfile, kit; kit.setup('offline', workdir=tempfile.mkdtemp(), quiet=True); "
         "kit.ask('hello'); kit.draw('a cat', size='small'); "
         "print(json.dumps({m: m in sys.modules for m in ('dashscope', 'requests', 'IPython', 'ipywidgets')}))")


def measure(quick: bool) -> list[dict]:
    runs = 3 if quick else 9
    env = offline_env()

    def timed(code: str) -> dict:
        return check(run_child([PYTHON, "-c", code], env=env, timeout=120), code)

    for code in ("import kit", "import dashscope", "pass"):     # warm the disk cache
        timed(code)
    kit_runs, sdk_runs, bare = [], [], []
    for run in range(runs):
        order = [("import kit", kit_runs), ("import dashscope", sdk_runs)]
        if run % 2:
            order.reverse()
        for code, results in order:
            results.append(timed(code))
        bare.append(timed("pass"))
    loaded = json.loads(timed(PROBE)["stdout"].strip().splitlines()[-1])

    floor = median([r["seconds"] for r in bare])
    speed = row(FIGURE, "5a", "`import kit` (offline) vs `import dashscope`, fresh process", unit="ms", scale=1000,
                digits=0, kit=[r["seconds"] for r in kit_runs], base=[r["seconds"] for r in sdk_runs],
                kit_label="import kit", base_label="import dashscope",
                goal="SDK not loaded offline; ratio < 1",
                extra={"runs": runs, "python_startup_ms": round(floor * 1000),
                       "modules_after_offline_ask_and_draw": loaded,
                       "kit_maxrss_mib": round(median([r["maxrss_kib"] for r in kit_runs]) / 1024, 1),
                       "dashscope_maxrss_mib": round(median([r["maxrss_kib"] for r in sdk_runs]) / 1024, 1),
                       "python_maxrss_mib": round(median([r["maxrss_kib"] for r in bare]) / 1024, 1)})
    speed["met"] = not loaded["dashscope"] and speed["ratio"] < 1
    kit_own = (speed["kit_median"] - floor) * 1000
    sdk_own = (speed["base_median"] - floor) * 1000
    speed["meaning"] = (f"The kit's first cell costs {kit_own:.0f} ms beyond Python's own start "
                        f"({floor * 1000:.0f} ms); the SDK would cost {sdk_own:.0f} ms more and "
                        f"{speed['extra']['dashscope_maxrss_mib'] - speed['extra']['kit_maxrss_mib']:.0f} MiB; "
                        f"offline it is {'never loaded' if not loaded['dashscope'] else 'LOADED (should not be)'}.")
    return [speed]
