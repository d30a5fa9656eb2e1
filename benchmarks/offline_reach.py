"""How much of what a child names does the offline practice model keep? A reach figure, not a timing.

The prompts in ``benchmarks/data/offline_reach.json`` are written the way pupils write (short, Cantonese-flavoured,
with spelling slips). For each, the file lists the things it names. The writer keeps a thing when its reply says
it (any listed form); the painter understands it when one of the words it reports as understood holds it.

    .venv/bin/python benchmarks/offline_reach.py --label after     # -> results/offline-reach.{json,md}

Each run records its label next to the labels already in the results, so the table shows them side by side.
``before`` is the code before the writer and painter learned a Hong Kong child's world:

    git archive 751dbc9 kit | tar -x -C /tmp/before_kit
    PYTHONPATH=/tmp/before_kit .venv/bin/python benchmarks/offline_reach.py --label before --commit 751dbc9
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
DATA = HERE / "data" / "offline_reach.json"
RESULTS = HERE / "results"
GOALS = {"writer": 0.80, "painter": 0.85, "heldout_writer": 0.80, "heldout_painter": 0.85}
KINDS = {"writer": "named things kept by the writer", "painter": "named things understood by the painter",
         "heldout_writer": "held-out prompts: kept by the writer",
         "heldout_painter": "held-out prompts: understood by the painter"}
SEEDS = (1, 2, 3)


def prompts() -> dict:
    return json.loads(DATA.read_text(encoding="utf-8"))


def writer_kept(prompt: str, named: list, seed: int = 1) -> list[bool]:
    """For each named thing: does the offline writer's reply (seed, default temperature) say it?"""
    from kit.backends.offline_text import compose_reply

    reply = compose_reply([{"role": "user", "content": prompt}], seed=seed).text.lower()
    return [any(form.lower() in reply for form in forms) for forms in named]


def painter_understood(prompt: str, named: list) -> list[bool]:
    """For each named thing: is it among the words the offline painter says it understood?"""
    from kit.backends.offline_art.reading import read

    understood = [w.lower() for w in read(prompt).understood]
    return [any(form.lower() in word or word in form.lower() for form in forms for word in understood)
            for forms in named]


def measure(entries: list, check, fixed_only: bool = False, **kw) -> tuple[int, int, list]:
    """(kept, named, misses): every named thing of every prompt, and the ones missed as (prompt, forms)."""
    kept = total = 0
    misses = []
    for entry in entries:
        if fixed_only and not entry.get("fixed"):
            continue
        for forms, ok in zip(entry["named"], check(entry["prompt"], entry["named"], **kw)):
            total += 1
            kept += ok
            if not ok:
                misses.append((entry["prompt"], forms[0]))
    return kept, total, misses


# In a fresh process: how long importing jieba takes, and the offline writer's first Chinese premise (jieba
# loading its dictionary, with the kit's words added), against a second one.
_JIEBA_TIMES = """
import json, time
t0 = time.perf_counter()
import jieba, jieba.posseg
t1 = time.perf_counter()
from kit.backends.offline_text.cast import _zh_nouns
t2 = time.perf_counter()
_zh_nouns("外星人學煮飯")
t3 = time.perf_counter()
_zh_nouns("婆婆教孫仔整點心")
t4 = time.perf_counter()
print(json.dumps({"import_ms": (t1 - t0) * 1e3, "first_cut_ms": (t3 - t2) * 1e3, "next_cut_ms": (t4 - t3) * 1e3}))
"""


def jieba_times() -> dict:
    done = subprocess.run([sys.executable, "-c", _JIEBA_TIMES], cwd=HERE.parent, capture_output=True, text=True,
                          check=False)
    return {k: round(v, 1) for k, v in json.loads(done.stdout).items()} if done.returncode == 0 else {}


def run() -> dict:
    data = prompts()
    out = {"commit": subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=HERE, capture_output=True,
                                    text=True, check=False).stdout.strip()}
    for kind in ("writer", "heldout_writer"):
        runs = [measure(data[kind], writer_kept, seed=seed) for seed in SEEDS]
        out[kind] = {"kept": sum(w[0] for w in runs), "named": sum(w[1] for w in runs),
                     "misses": sorted({f"{p} -> {f}" for w in runs for p, f in w[2]})}
    for kind in ("painter", "heldout_painter"):
        kept, total, misses = measure(data[kind], painter_understood)
        out[kind] = {"kept": kept, "named": total, "misses": [f"{p} -> {f}" for p, f in misses]}
    out["prompts"] = {kind: len(data[kind]) for kind in KINDS}
    out["jieba"] = jieba_times()
    return out


def table(results: dict) -> str:
    labels = list(results)
    lines = ["# Offline reach: how much of what a child names the practice model keeps", "",
             ("Prompts: `benchmarks/data/offline_reach.json` (written as pupils write, English and Chinese). "
             "Command: `.venv/bin/python benchmarks/offline_reach.py --label <label>`. The writer is asked each "
             f"prompt with seeds {', '.join(map(str, SEEDS))}; a thing counts as kept when the reply says it. "
              "The held-out prompts were measured the first time they were seen in the column that says so; the "
              "word tables were then extended for what they missed, so later columns are no longer held out."), "",
             "| figure | goal | " + " | ".join(labels) + " |", "|---|---|" + "---:|" * len(labels)]
    for kind, what in KINDS.items():
        cells = []
        for label in labels:
            r = results[label].get(kind)
            cells.append(f"{r['kept'] / r['named']:.0%} ({r['kept']}/{r['named']})" if r else "–")
        lines.append(f"| {what} | ≥ {GOALS[kind]:.0%} | " + " | ".join(cells) + " |")
    lines.append("")
    for label in labels:
        lines.append(f"## {label} (commit {results[label].get('commit', '?')})")
        if results[label].get("jieba"):
            t = results[label]["jieba"]
            lines.append(f"- jieba: import {t['import_ms']:.0f} ms; the writer's first Chinese premise "
                         f"{t['first_cut_ms']:.0f} ms (dictionary and the kit's words loaded once), the next "
                         f"{t['next_cut_ms']:.1f} ms")
        for kind in KINDS:
            if kind in results[label]:
                misses = results[label][kind]["misses"]
                lines.append(f"- {kind} misses ({len(misses)}): " + ("; ".join(misses) if misses else "none"))
        lines.append("")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--label", default="after")
    parser.add_argument("--out", default=str(RESULTS))
    parser.add_argument("--commit", help="the commit measured, when the kit comes from elsewhere on PYTHONPATH")
    args = parser.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    path = out / "offline-reach.json"
    results = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
    results[args.label] = run()
    if args.commit:
        results[args.label]["commit"] = args.commit
    path.write_text(json.dumps(results, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    (out / "offline-reach.md").write_text(table(results) + "\n", encoding="utf-8")
    for kind in KINDS:
        r = results[args.label][kind]
        print(f"{args.label} {kind}: {r['kept']}/{r['named']} = {r['kept'] / r['named']:.1%}")


if __name__ == "__main__":
    main()
