"""Run the benchmark suite and write the results table.

    .venv/bin/python benchmarks/run.py                 # every figure, full runs -> benchmarks/results/latest.md/.json
    .venv/bin/python benchmarks/run.py --quick         # fewer, shorter runs     -> benchmarks/results/quick.md/.json
    .venv/bin/python benchmarks/run.py --only 1,4      # some figures            -> benchmarks/results/partial.md/.json
    .venv/bin/python benchmarks/run.py --quick --only 4 --out /tmp/x   # the smoke test

Each figure runs in a fresh Python process (no import or state leaks from one figure into the next) and measures
the kit and its baseline alternately in that same process, several times; the table shows medians and their
ratio. Everything runs on this machine: the fake DashScope listens on 127.0.0.1 only. See benchmarks/README.md.
"""

from __future__ import annotations

import argparse
import importlib
import json
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from benchlib import RESULTS, ROOT, fmt, machine

MODULES = {1: "bench_text", 2: "bench_pictures", 3: "bench_export", 4: "bench_offline", 5: "bench_import",
           6: "bench_lessons", 7: "bench_memory"}
TIMEOUT = {1: 300, 2: 900, 3: 900, 4: 300, 5: 300, 6: 1800, 7: 900}   # seconds for one figure's process


def run_figure(number: int, quick: bool) -> tuple[list[dict], float, str]:
    """Run one figure in its own process; its rows (or one row saying what went wrong), seconds and log."""
    with tempfile.TemporaryDirectory(prefix="bench-fig-") as temp:
        emit = Path(temp) / "rows.json"
        args = [sys.executable, str(HERE / "run.py"), "--child", str(number), "--emit", str(emit)]
        if quick:
            args.append("--quick")
        started = time.perf_counter()
        try:
            done = subprocess.run(args, cwd=ROOT, capture_output=True, text=True, timeout=TIMEOUT[number],
                                  check=False)
            log, failed = done.stdout + done.stderr, done.returncode != 0
        except subprocess.TimeoutExpired as timeout:
            log, failed = f"timed out after {TIMEOUT[number]} s\n{timeout.stderr or ''}", True
        seconds = time.perf_counter() - started
        if not failed and emit.is_file():
            return json.loads(emit.read_text(encoding="utf-8")), seconds, log
    module = importlib.import_module(MODULES[number])
    last = [line for line in log.strip().splitlines() if line.strip()][-1:] or ["no output"]
    return [{"figure": number, "key": str(number), "name": module.TITLE, "error": last[0][:300],
             "met": False}], seconds, log


def child(number: int, quick: bool, emit: Path) -> None:
    module = importlib.import_module(MODULES[number])
    rows = module.measure(quick)
    emit.write_text(json.dumps(rows, ensure_ascii=False, indent=1, default=str), encoding="utf-8")


# -- the report --------------------------------------------------------------------------------------------

def cell(text) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def value(r: dict, which: str) -> str:
    number = r.get(f"{which}_median")
    if number is None:
        return "–"
    return f"{fmt(number, r['scale'], r['digits'])} {r['unit']}"


def met_mark(r: dict) -> str:
    if r.get("error"):
        return "**error**"
    if r.get("met") is None:
        return "–"
    return "yes" if r["met"] else "**no**"


def markdown(report: dict) -> str:
    m = report["machine"]
    lines = [
        "# Benchmarks: how fast and light the kit is",
        "",
        (f"`{report['command']}` on {report['date']} ({report['mode']} mode, {report['seconds']:.0f} s). "
         "Medians of several runs; kit and baseline measured alternately in the same run; ratio = kit / baseline. "
         "How each figure is measured: `benchmarks/README.md`."),
        "",
        (f"- Machine: {m['cpu']}, {m['nproc']} cores, {m['memory']}; {m['system']}; load average at start "
         f"{', '.join(str(x) for x in m['load_average'])}, at the end "
         f"{', '.join(str(x) for x in m.get('load_average_at_end', []))} "
         "(shared and noisy: compare ratios, not absolute times)"),
        f"- Python {m['python']}; " + "; ".join(f"{k} {v}" for k, v in m["versions"].items()),
        f"- OPENBLAS variables: {m['openblas'] or 'not set'}",
        "",
        "| # | figure | kit (median) | baseline (median) | ratio | goal | met? | what it means for a classroom |",
        "|---|---|---:|---:|---:|---|---|---|",
    ]
    for r in report["rows"]:
        if r.get("error"):
            lines.append(f"| {r['key']} | {cell(r['name'])} | – | – | – | – | **error** | {cell(r['error'])} |")
            continue
        kit_text = f"{value(r, 'kit')} ({cell(r['kit_label'])})"
        base_text = f"{value(r, 'base')} ({cell(r['base_label'])})" if r.get("base_median") is not None else "–"
        ratio = f"{r['ratio']:.2f}" if r.get("ratio") is not None else "–"
        lines.append(f"| {r['key']} | {cell(r['name'])} | {kit_text} | {base_text} | {ratio} | {cell(r['goal'])} "
                     f"| {met_mark(r)} | {cell(r['meaning'])} |")
    lines += ["", "## Details", ""]
    for r in report["rows"]:
        if r.get("error"):
            continue
        samples = ", ".join(fmt(x, r["scale"], r["digits"]) for x in r["kit_samples"])
        base = ", ".join(fmt(x, r["scale"], r["digits"]) for x in r["base_samples"])
        lines.append(f"- **{r['key']}** samples ({r['unit']}): {r['kit_label']} [{samples}]"
                     + (f"; {r['base_label']} [{base}]" if base else ""))
        for key, detail in r.get("extra", {}).items():
            if key in ("runs",) and isinstance(detail, list):
                for run in detail:
                    lines.append(f"  - run: {json.dumps(run, ensure_ascii=False)}")
                continue
            lines.append(f"  - {key}: {json.dumps(detail, ensure_ascii=False)}")
    lines += ["", "Figure processes: " + ", ".join(f"{n}: {s:.0f} s" for n, s in report["figure_seconds"].items()),
              ""]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Run the kit's benchmark suite and write the results table.")
    parser.add_argument("--quick", action="store_true", help="fewer, shorter runs (a minute or two, not ~15)")
    parser.add_argument("--only", action="append", default=[],
                        help="figure numbers to run, e.g. --only 4 or --only 1,2 (default: all)")
    parser.add_argument("--out", help="folder for the results (default: benchmarks/results)")
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--emit", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        child(args.child, args.quick, Path(args.emit))
        return 0

    chosen = sorted({int(n) for item in args.only for n in item.split(",") if n.strip()} or MODULES)
    unknown = [n for n in chosen if n not in MODULES]
    if unknown:
        parser.error(f"no figure {unknown}; figures are {sorted(MODULES)}")
    stem = "quick" if args.quick else ("partial" if args.only else "latest")
    out = Path(args.out) if args.out else RESULTS
    out.mkdir(parents=True, exist_ok=True)
    command = "benchmarks/run.py" + (" --quick" if args.quick else "") + \
        (f" --only {','.join(map(str, chosen))}" if args.only else "")
    started = time.perf_counter()
    report = {"command": command, "mode": "quick" if args.quick else "full",
              "date": datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"), "machine": machine(),
              "rows": [], "figure_seconds": {}}
    for number in chosen:
        print(f"figure {number}: {importlib.import_module(MODULES[number]).TITLE} ...", flush=True)
        rows, seconds, log = run_figure(number, args.quick)
        report["rows"] += rows
        report["figure_seconds"][number] = round(seconds, 1)
        for r in rows:
            if r.get("error"):
                print(f"  {r['key']}: ERROR {r['error']}\n{log[-3000:]}", flush=True)
            else:
                ratio = f"ratio {r['ratio']:.2f}" if r.get("ratio") is not None else ""
                print(f"  {r['key']}: {value(r, 'kit')} vs {value(r, 'base')} {ratio}  met: {met_mark(r)}",
                      flush=True)
    report["seconds"] = time.perf_counter() - started
    report["machine"]["load_average_at_end"] = [round(x, 2) for x in __import__("os").getloadavg()]
    (out / f"{stem}.json").write_text(json.dumps(report, ensure_ascii=False, indent=1, default=str) + "\n",
                                      encoding="utf-8")
    (out / f"{stem}.md").write_text(markdown(report), encoding="utf-8")
    print(f"wrote {out / (stem + '.md')} and {stem}.json")
    return 0 if all(not r.get("error") for r in report["rows"]) else 1


if __name__ == "__main__":
    sys.exit(main())
