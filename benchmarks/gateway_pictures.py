"""Picture throughput through the classroom gateway: does a class's drawing keep the account's two slots busy?

    .venv/bin/python benchmarks/gateway_pictures.py                                   # this gateway
    git archive main | tar -x -C /tmp/gw-before
    .venv/bin/python benchmarks/gateway_pictures.py --compare /tmp/gw-before          # side by side

Six students each ask for two pictures at once; every upstream job runs 3 s, and the fake lets only two run
at a time (Wanxiang's account limit), so no gateway can finish faster than ceil(12 / 2) x 3 s = 18 s: the
"two-at-a-time limit". The figure is the class's wall time (from the first submission to the last picture
downloaded by its student) against that limit; issue #10's goal is 1.15x. Also counted: the gateway's task
look-ups upstream, at most in any one second (the account allows about 20 a second) and in all.

Bounded (12 jobs a run, a deadline per phase) and loopback only: the fake runs in this process on 127.0.0.1,
each gateway is its own ``python -m kit.gateway serve`` process, with its default polling.
"""

from __future__ import annotations

import argparse
import math
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "benchmarks"))
os.environ["NO_PROXY"] = os.environ["no_proxy"] = "127.0.0.1,localhost"

import requests
from fake_dashscope import FakeDashScope
from gateway_load import KEY, class_tokens, machine, run_class, start_gateway

STUDENTS, PICTURES, JOB_SECONDS, SLOTS = 6, 2, 3.0, 2
IMAGES = "/services/aigc/text2image/image-synthesis"


def draw(api: str):
    """One student's work: submit their pictures at once, then poll each every 0.1 s until it is downloaded.
    Returns the states of pictures that did not succeed (none, when all is well)."""
    def work(_i: int, token: str) -> list[str]:
        headers = {"Authorization": f"Bearer {token}", "X-DashScope-Async": "enable"}
        body = {"model": "wan2.2-t2i-flash", "input": {"prompt": "a kite"}}
        waiting = {requests.post(api + IMAGES, json=body, headers=headers, timeout=30).json()["output"]["task_id"]
                   for _ in range(PICTURES)}
        problems = []
        while waiting:
            for task in list(waiting):
                output = requests.get(f"{api}/tasks/{task}", headers=headers, timeout=30).json()["output"]
                if output["task_status"] == "SUCCEEDED":
                    requests.get(output["results"][0]["url"], timeout=30).raise_for_status()
                    waiting.discard(task)
                elif output["task_status"] not in ("PENDING", "RUNNING"):
                    problems.append(output["task_status"])
                    waiting.discard(task)
            time.sleep(0.1)
        return problems
    return work


def lookups(fake: FakeDashScope, first: int) -> tuple[int, int]:
    """(all task look-ups since request number ``first``, the most in any one second)."""
    times = sorted(r["time"] for r in fake.requests[first:] if r["method"] == "GET" and "/tasks/" in r["path"])
    busiest, low = 0, 0
    for high, at in enumerate(times):
        while times[low] < at - 1.0:
            low += 1
        busiest = max(busiest, high - low + 1)
    return len(times), busiest


def one_version(fake: FakeDashScope, source: Path | None) -> dict:
    with tempfile.TemporaryDirectory() as data:
        tokens = class_tokens(data, STUDENTS)
        gateway = start_gateway(data, fake.base_url, source, poll_interval=None)
        try:
            first = len(fake.requests)
            results, wall = run_class(gateway.url + "/api/v1", tokens, draw(gateway.url + "/api/v1"))
            if any(problems != [] for problems in results):
                raise SystemExit(f"the class did not finish its pictures: {results}")
            total, busiest = lookups(fake, first)
        finally:
            gateway.stop()
    return {"wall": wall, "lookups": total, "busiest_second": busiest}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--compare", type=Path, default=None, metavar="DIR",
                        help="another version's source tree, run side by side (e.g. from git archive main)")
    parser.add_argument("--runs", type=int, default=2)
    parser.add_argument("--out", default=str(ROOT / "benchmarks" / "results" / "gateway-pictures.md"),
                        help="where to write the markdown ('-' prints only)")
    args = parser.parse_args(argv)
    if not 1 <= args.runs <= 5:
        parser.error("keep it bounded: 1-5 runs")
    limit = math.ceil(STUDENTS * PICTURES / SLOTS) * JOB_SECONDS
    versions = {"this gateway": None}
    if args.compare is not None:
        versions["compared gateway"] = args.compare
    results: dict[str, list[dict]] = {name: [] for name in versions}
    with FakeDashScope(valid_keys=(KEY,), image_steps=("RUNNING", "SUCCEEDED"), step_seconds=JOB_SECONDS,
                       max_running_jobs=SLOTS) as fake:
        for number in range(args.runs):
            order = list(versions.items())
            for name, source in order if number % 2 == 0 else reversed(order):  # ABBA
                print(f"run {number + 1}/{args.runs}: {name} ...", file=sys.stderr, flush=True)
                results[name].append(one_version(fake, source))
    lines = [
        "# Classroom gateway: picture throughput",
        "",
        (f"`benchmarks/gateway_pictures.py` on {time.strftime('%Y-%m-%d %H:%M')}: {STUDENTS} students x {PICTURES} "
         f"pictures at once, each upstream job {JOB_SECONDS:.0f} s, {SLOTS} running at a time; {args.runs} run(s), "
         f"medians. Two-at-a-time limit: {limit:.0f} s. Goal (issue #10): within 1.15x."),
        "",
        f"- Machine: {machine()}",
        "",
        "| | class wall time | against the limit | look-ups upstream | most look-ups in one second |",
        "|---|---:|---:|---:|---:|",
    ]
    for name, runs in results.items():
        wall = statistics.median(r["wall"] for r in runs)
        lines.append(f"| {name} | {wall:.1f} s | x{wall / limit:.2f} | "
                     f"{statistics.median(r['lookups'] for r in runs):.0f} | "
                     f"{max(r['busiest_second'] for r in runs)} |")
    lines += ["", "Per run: " + "; ".join(f"{name}: " + ", ".join(f"{r['wall']:.1f} s" for r in runs)
                                          for name, runs in results.items()), ""]
    text = "\n".join(lines)
    print(text)
    if args.out != "-":
        Path(args.out).write_text(text, encoding="utf-8")
        print(f"written to {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
