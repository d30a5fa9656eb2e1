"""What every figure of the benchmark suite shares: A/B timing, medians, child processes, machine facts.

A figure module (``bench_*.py``) has ``FIGURE`` (its number), ``TITLE`` and ``measure(quick) -> list[dict]``,
each dict made with ``row(...)``. ``run.py`` runs each figure in a fresh Python process and writes the table.
"""

from __future__ import annotations

import math
import os
import platform
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BENCH = ROOT / "benchmarks"
RESULTS = BENCH / "results"
PYTHON = sys.executable
JUPYTER = str(Path(sys.executable).with_name("jupyter"))
KEY = "sk-benchmark-" + "0" * 16          # the only key the fake accepts; made up, never a real one
TEXT_MODEL = "qwen-flash"
IMAGE_MODEL = "wan2.2-t2i-flash"

# Everything stays on this machine: the fake server is on 127.0.0.1 and nothing may go through a proxy.
os.environ["NO_PROXY"] = os.environ["no_proxy"] = "127.0.0.1,localhost"
if str(ROOT / "tests") not in sys.path:
    sys.path.insert(0, str(ROOT / "tests"))          # tests/fake_dashscope.py, standard library only

# What a lesson run sets (kit.lessons.cli.RUN_ENVIRONMENT), for the notebooks and kernels started here.
OFFLINE_ENV = {"KIT_BACKEND": "offline", "KIT_NO_PROMPT": "1", "KIT_OFFLINE_STREAM_DELAY": "0",
               "PYTHONWARNINGS": "ignore"}
PACKAGES = ("qwen-storybook-kit", "dashscope", "requests", "pillow", "nbconvert", "nbclient", "nbformat",
            "papermill", "ipykernel", "jupyter_client", "jupyterlab", "ipywidgets", "matplotlib", "numpy")


def median(values) -> float:
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else float("nan")


def percentile(values, fraction: float) -> float:
    """The value below which ``fraction`` of the values lie (nearest rank)."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(fraction * len(ordered)) - 1)]


def interleaved(kit: Callable[[int], object], base: Callable[[int], object], runs: int, *,
                warmup: int = 1) -> tuple[list[float], list[float]]:
    """Time ``kit(i)`` and ``base(i)`` alternately, ``runs`` times each, in ABBA order to cancel drift.

    Each callable gets the run number (so it can vary its prompt) and is timed with ``perf_counter``.
    ``warmup`` pairs run first and are not counted (imports, first connections, disk caches).
    """
    for i in range(warmup):
        kit(-1 - i)
        base(-1 - i)
    kit_times: list[float] = []
    base_times: list[float] = []
    for i in range(runs):
        order = [(kit, kit_times), (base, base_times)]
        if i % 2:
            order.reverse()
        for action, times in order:
            started = time.perf_counter()
            action(i)
            times.append(time.perf_counter() - started)
    return kit_times, base_times


def row(figure: int, key: str, name: str, *, unit: str, kit: list[float], base: list[float] | None = None,
        kit_label: str = "kit", base_label: str = "baseline", goal: str = "", met: bool | None = None,
        meaning: str = "", scale: float = 1.0, digits: int = 1, extra: dict | None = None) -> dict:
    """One line of the results table: medians of the kit's and the baseline's samples and their ratio.

    ``scale`` converts the samples to ``unit`` for display (e.g. 1000 for seconds shown as ms).
    """
    kit_median = median(kit)
    base_median = median(base) if base else None
    ratio = kit_median / base_median if base_median else None
    return {"figure": figure, "key": key, "name": name, "unit": unit, "scale": scale, "digits": digits,
            "kit_label": kit_label, "base_label": base_label,
            "kit_median": kit_median, "base_median": base_median, "ratio": ratio,
            "kit_samples": list(kit), "base_samples": list(base or []),
            "goal": goal, "met": met, "meaning": meaning, "extra": extra or {}}


def fmt(value: float | None, scale: float = 1.0, digits: int = 1) -> str:
    if value is None or math.isnan(value):
        return "–"
    return f"{value * scale:,.{digits}f}"


def offline_env(**more: str) -> dict:
    env = {**os.environ, **OFFLINE_ENV, **more}
    env.pop("DASHSCOPE_API_KEY", None)
    env.pop("MPLBACKEND", None)
    return env


def run_child(args: list[str], *, cwd: Path | str | None = None, env: dict | None = None,
              timeout: float = 600) -> dict:
    """Run a command to the end; its wall time, its own peak resident memory (KiB) and its output.

    ``os.wait4`` gives the rusage of that one child, so each figure's memory is that process's own peak.
    """
    started = time.perf_counter()
    process = subprocess.Popen(args, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = started + timeout
    # Drain the pipes on threads so a chatty child never blocks on a full pipe while we wait for it.
    import threading

    chunks: dict[str, list[bytes]] = {"out": [], "err": []}

    def drain(stream, name: str) -> None:
        for block in iter(lambda: stream.read(65536), b""):
            chunks[name].append(block)

    readers = [threading.Thread(target=drain, args=(process.stdout, "out"), daemon=True),
               threading.Thread(target=drain, args=(process.stderr, "err"), daemon=True)]
    for reader in readers:
        reader.start()
    status, rusage = 0, None
    while True:
        pid, status, rusage = os.wait4(process.pid, os.WNOHANG)
        if pid:
            break
        if time.perf_counter() > deadline:
            process.kill()
            pid, status, rusage = os.wait4(process.pid, 0)
            break
        time.sleep(0.005)
    seconds = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    for reader in readers:
        reader.join(timeout=5)
    return {"seconds": seconds, "maxrss_kib": rusage.ru_maxrss if rusage else None,
            "returncode": process.returncode,
            "stdout": b"".join(chunks["out"]).decode("utf-8", "replace"),
            "stderr": b"".join(chunks["err"]).decode("utf-8", "replace")}


def check(result: dict, what: str) -> dict:
    if result["returncode"] != 0:
        raise RuntimeError(f"{what} failed ({result['returncode']}): {result['stderr'][-2000:]}")
    return result


# -- the machine --------------------------------------------------------------------------------------------

def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.lower().startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def _memory_total() -> str:
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                return f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
    except OSError:
        pass
    return "?"


def _version(name: str) -> str:
    try:
        return version(name)
    except PackageNotFoundError:
        return "not installed"


def machine() -> dict:
    return {
        "system": f"{platform.system()} {platform.release()} {platform.machine()}",
        "cpu": _cpu_model(),
        "nproc": os.cpu_count(),
        "memory": _memory_total(),
        "load_average": [round(x, 2) for x in os.getloadavg()],
        "python": platform.python_version(),
        "openblas": {name: os.environ[name] for name in ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE")
                     if name in os.environ},
        "versions": {name: _version(name) for name in PACKAGES},
    }
