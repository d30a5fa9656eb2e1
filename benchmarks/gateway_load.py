"""Load run for the classroom gateway: a class of simulated students, directly against the fake DashScope and
through the gateway in front of it, to measure what the gateway adds.

    .venv/bin/python benchmarks/gateway_load.py            # 40 students, 3 text calls + 1 picture each
    .venv/bin/python benchmarks/gateway_load.py --students 10 --runs 1 --out -   # quick look, print only
    git archive main | tar -x -C /tmp/gw-before    # then, side by side with another version of the gateway:
    .venv/bin/python benchmarks/gateway_load.py --compare /tmp/gw-before --images 0

Bounded in count (students x calls) and time (each phase has a deadline); all traffic stays on 127.0.0.1.
Each student is a thread calling the real ``dashscope`` SDK (``Generation.call``, ``ImageSynthesis``), with the
teacher's key when direct and with their own gateway token through the gateway. The fake answers each text
request after a fixed delay (``--text-delay``) and walks picture jobs through PENDING -> RUNNING -> SUCCEEDED
(``--image-step`` seconds per state, two running at once, as the account allows).

Reported (median over ``--runs`` runs for text): median and 95th-percentile latency per text request, the
gateway's added latency, throughput in requests a second, and the wall time for the whole class's pictures.
The results go to benchmarks/results/gateway-load.md.
"""

from __future__ import annotations

import argparse
import os
import platform
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from importlib.metadata import version
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
os.environ["NO_PROXY"] = os.environ["no_proxy"] = "127.0.0.1,localhost"

import dashscope
import requests

from kit.gateway.store import Store

KEY = "sk-benchmark-" + "0" * 16
TEXT_MODEL = "qwen-flash"
IMAGE_MODEL = "wan2.2-t2i-flash"
PHASE_DEADLINE = 120.0  # seconds: no phase may run longer
SOLO_CALLS = 20         # one student alone, one call after another: the gateway's own cost, without queueing


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def run_class(base_url: str, keys: list[str], work) -> tuple[list, float]:
    """Every student at once (released together by a barrier); returns (their results, wall seconds)."""
    results: list = [None] * len(keys)
    start = threading.Barrier(len(keys) + 1)

    def student(i: int) -> None:
        start.wait()
        results[i] = work(i, keys[i])

    dashscope.base_http_api_url = base_url
    threads = [threading.Thread(target=student, args=(i,), daemon=True) for i in range(len(keys))]
    for thread in threads:
        thread.start()
    start.wait()
    began = time.perf_counter()
    for thread in threads:
        thread.join(timeout=max(0.0, PHASE_DEADLINE - (time.perf_counter() - began)))
    wall = time.perf_counter() - began
    if any(thread.is_alive() for thread in threads):
        raise SystemExit(f"a phase ran past its {PHASE_DEADLINE:.0f} s deadline")
    return results, wall


def text_work(calls: int):
    def work(i: int, key: str) -> list[float]:
        latencies = []
        for j in range(calls):
            began = time.perf_counter()
            answer = dashscope.Generation.call(model=TEXT_MODEL, result_format="message", api_key=key,
                                               messages=[{"role": "user", "content": f"student {i} question {j}"}])
            latencies.append(time.perf_counter() - began)
            if answer.status_code != 200:
                raise SystemExit(f"text call failed: {answer.status_code} {answer.code}")
        return latencies
    return work


def image_work(i: int, key: str) -> float:
    began = time.perf_counter()
    task = dashscope.ImageSynthesis.async_call(model=IMAGE_MODEL, prompt=f"student {i} picture", n=1, api_key=key)
    if task.status_code != 200:
        raise SystemExit(f"picture submission failed: {task.status_code} {task.code}")
    while True:
        answer = dashscope.ImageSynthesis.fetch(task.output.task_id, api_key=key)
        if answer.output.task_status == "SUCCEEDED":
            break
        if answer.output.task_status not in ("PENDING", "RUNNING"):
            raise SystemExit(f"picture job ended {answer.output.task_status}")
        time.sleep(0.1)
    url = answer.output.results[0].url
    assert url.startswith("http://127.0.0.1:"), url
    if not requests.get(url, timeout=10).content.startswith(b"\x89PNG"):
        raise SystemExit("a picture did not download")
    return time.perf_counter() - began


class Server:
    """A server in its own process (as in a classroom), started from its command line; stopped with Ctrl-C."""

    def __init__(self, command: list[str], ready: str, env: dict | None = None, cwd: Path = ROOT):
        self.process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
                                        env={**os.environ, **(env or {})}, cwd=cwd)
        deadline = time.monotonic() + 60
        self.banner = ""
        while ready not in self.banner:
            line = self.process.stdout.readline()
            if not line or time.monotonic() > deadline:
                self.stop()
                raise SystemExit(f"{command[1:4]} did not start: {self.banner}")
            self.banner += line
        self.url = self.banner.split(ready, 1)[1].split()[0]
        if not self.url.startswith("http://127.0.0.1:"):
            self.stop()
            raise SystemExit(f"refusing to send traffic beyond this machine: {self.url}")

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()


def class_tokens(data: str, students: int) -> list[str]:
    store = Store(Path(data))
    store.create_class("bench", {"requests_per_day": 1000, "images_per_day": 100})
    tokens = [token for _, token in store.add_students("bench", students)]
    store.close()
    return tokens


def start_gateway(data: str, upstream: str, source: Path | None = None, poll_interval: float | None = 0.2) -> Server:
    """``python -m kit.gateway serve`` from this tree, or from another version's tree (``source``); its
    default polling when ``poll_interval`` is None."""
    env = {"DASHSCOPE_API_KEY": KEY}
    # The fake answers any rate; this gateway would pace a class's burst to the service's 10 a second (600 a
    # minute), which is its job but not what this figure measures: the cost of the gateway itself.
    pace = ["--text-per-minute", "1000000"]
    if source is not None:
        env["PYTHONPATH"] = str(source)
        pace = []
    return Server([sys.executable, "-m", "kit.gateway", "serve", "--data", data, "--port", "0",
                   "--upstream", upstream, *pace,
                   *(["--poll-interval", str(poll_interval)] if poll_interval else [])], "gateway on ", env=env,
                  cwd=source or ROOT)


def one_run(students: int, calls: int, text_delay: float, image_step: float, images: bool,
            compare: Path | None = None, number: int = 0) -> dict:
    with tempfile.TemporaryDirectory() as data, tempfile.TemporaryDirectory() as other_data:
        tokens = class_tokens(data, students)
        fake = Server([sys.executable, str(ROOT / "tests" / "fake_dashscope.py"), "--port", "0", "--key", KEY,
                       "--text-delay", str(text_delay), "--step-seconds", str(image_step),
                       "--max-running-jobs", "2"], "serving on ")
        try:
            gateway = start_gateway(data, fake.url)
            before = before_tokens = None
            if compare is not None:
                before_tokens = class_tokens(other_data, students)
                before = start_gateway(other_data, fake.url, compare)
            try:
                api = gateway.url + "/api/v1"
                run_class(fake.url, [KEY], text_work(2))  # warm up both paths (connections, imports)
                run_class(api, tokens[:1], text_work(2))
                [alone_direct], _ = run_class(fake.url, [KEY], text_work(SOLO_CALLS))
                [alone_through], _ = run_class(api, tokens[:1], text_work(SOLO_CALLS))
                direct, direct_wall = run_class(fake.url, [KEY] * students, text_work(calls))
                figures = {"alone_direct": alone_direct, "alone_gateway": alone_through,
                           "direct": [x for xs in direct for x in xs], "direct_wall": direct_wall}
                phases = [("gateway", api, tokens)]
                if before is not None:
                    run_class(before.url + "/api/v1", before_tokens[:1], text_work(2))
                    phases.append(("before", before.url + "/api/v1", before_tokens))
                    if number % 2:
                        phases.reverse()  # ABBA: neither version always goes first
                for name, url, keys in phases:
                    through, wall = run_class(url, keys, text_work(calls))
                    figures[name] = [x for xs in through for x in xs]
                    figures[f"{name}_wall"] = wall
                if images:
                    _, figures["images_direct_wall"] = run_class(fake.url, [KEY] * students, image_work)
                    _, figures["images_gateway_wall"] = run_class(api, tokens, image_work)
            finally:
                gateway.stop()
                if before is not None:
                    before.stop()
        finally:
            fake.stop()
    return figures


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    return (f"{platform.system()} {platform.release()} ({cpu}, {os.cpu_count()} CPUs); Python "
            f"{platform.python_version()}; dashscope {version('dashscope')}; requests {version('requests')}")


def report(args, runs: list[dict]) -> str:
    ms = 1000.0

    def median_of(name: str, measure) -> float:
        return statistics.median(measure(run[name]) for run in runs)

    alone_direct = median_of("alone_direct", statistics.median) * ms
    alone_gateway = median_of("alone_gateway", statistics.median) * ms
    direct_median = median_of("direct", statistics.median) * ms
    gateway_median = median_of("gateway", statistics.median) * ms
    direct_p95 = median_of("direct", lambda xs: percentile(xs, 0.95)) * ms
    gateway_p95 = median_of("gateway", lambda xs: percentile(xs, 0.95)) * ms
    added = statistics.median((statistics.median(r["gateway"]) - statistics.median(r["direct"])) * ms for r in runs)
    requests_per_run = args.students * args.texts
    direct_rate = statistics.median(requests_per_run / r["direct_wall"] for r in runs)
    gateway_rate = statistics.median(requests_per_run / r["gateway_wall"] for r in runs)
    with_images = next((r for r in runs if "images_gateway_wall" in r), None)
    lines = [
        "# Classroom gateway: load run",
        "",
        (f"`benchmarks/gateway_load.py` on {time.strftime('%Y-%m-%d %H:%M')}: {args.students} students at once, each "
         f"{args.texts} text calls and {args.images} picture; {args.runs} run(s), medians over runs."),
        "",
        (f"- Machine: {machine()}; load average {args.load_before:.1f} before the run, "
         f"{os.getloadavg()[0]:.1f} after (other work on this shared machine moves the figures)"),
        (f"- Fake DashScope on 127.0.0.1: {args.text_delay * ms:.0f} ms per text reply; picture jobs "
         f"{args.image_step * ms:.0f} ms per state, at most 2 running (the account limit)."),
        ("- Three processes, as in a classroom: the students (one thread each, the real SDK), the gateway "
         "(`python -m kit.gateway serve`, with its SQLite log, quotas and fair queue) and the fake "
         "(`tests/fake_dashscope.py`)."),
        "",
        "| | direct to the fake | through the gateway | gateway adds |",
        "|---|---:|---:|---:|",
        (f"| one student alone: text latency, median of {SOLO_CALLS} | {alone_direct:.1f} ms | "
         f"{alone_gateway:.1f} ms | {alone_gateway - alone_direct:+.1f} ms |"),
        (f"| whole class at once: text latency, median | {direct_median:.1f} ms | {gateway_median:.1f} ms | "
         f"{added:+.1f} ms "
         f"(x{gateway_median / direct_median:.2f}) |"),
        (f"| whole class at once: text latency, 95th percentile | {direct_p95:.1f} ms | {gateway_p95:.1f} ms | "
         f"{gateway_p95 - direct_p95:+.1f} ms |"),
        (f"| whole class at once: text throughput | {direct_rate:.1f} req/s | {gateway_rate:.1f} req/s | "
         f"x{gateway_rate / direct_rate:.2f} |"),
    ]
    if "before" in runs[0]:
        def p95_overhead(name: str) -> float:
            return median_of(name, lambda xs: percentile(xs, 0.95)) * ms - direct_p95

        before_p95 = median_of("before", lambda xs: percentile(xs, 0.95)) * ms
        lines.append(f"| the same class through the gateway given to --compare: p95 | {direct_p95:.1f} ms | "
                     f"{before_p95:.1f} ms | {before_p95 - direct_p95:+.1f} ms |")
        lines.append(f"| p95 overhead, this gateway / the compared one | | | "
                     f"x{p95_overhead('gateway') / p95_overhead('before'):.2f} |")
    if with_images:
        lines.append(f"| {args.students} pictures, whole class | {with_images['images_direct_wall']:.1f} s | "
                     f"{with_images['images_gateway_wall']:.1f} s | paced at 2 submissions / 1.1 s |")
    lines += [
        "",
        "Per run (text median / wall time, direct -> gateway):",
        "",
    ]
    for number, run in enumerate(runs, 1):
        compared = ""
        if "before" in run:
            compared = (f"; compared gateway {statistics.median(run['before']) * ms:.1f} ms / "
                        f"{run['before_wall']:.2f} s, p95 {percentile(run['before'], 0.95) * ms:.1f} ms")
        lines.append(f"- run {number}: {statistics.median(run['direct']) * ms:.1f} ms / {run['direct_wall']:.2f} s -> "
                     f"{statistics.median(run['gateway']) * ms:.1f} ms / {run['gateway_wall']:.2f} s, p95 "
                     f"{percentile(run['gateway'], 0.95) * ms:.1f} ms{compared}")
    lines += [
        "",
        ("Reading the figures: the first row is the gateway's own cost per request (token check, quota "
         "reservation and log line in SQLite, one more local HTTP hop). With the whole class at once, the three "
         "processes share this machine's CPUs, so the difference also holds queueing; against the real service "
         "(hundreds of milliseconds to seconds per reply) either figure is small. Pictures through the gateway "
         "take longer on purpose: the fake does not enforce Wanxiang's two submissions a second, the gateway "
         "does (the real service would answer 429 to the direct run instead)."),
        "",
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--students", type=int, default=40)
    parser.add_argument("--texts", type=int, default=3, help="text calls per student")
    parser.add_argument("--images", type=int, default=1, choices=(0, 1), help="pictures per student (0 or 1)")
    parser.add_argument("--runs", type=int, default=3, help="text runs (the pictures run once)")
    parser.add_argument("--text-delay", type=float, default=0.05)
    parser.add_argument("--image-step", type=float, default=0.1)
    parser.add_argument("--compare", type=Path, default=None, metavar="DIR",
                        help="another version's source tree (e.g. from git archive main): its gateway runs "
                             "the same class in the same run, side by side")
    parser.add_argument("--out", default=str(ROOT / "benchmarks" / "results" / "gateway-load.md"),
                        help="where to write the markdown ('-' prints only)")
    args = parser.parse_args(argv)
    if not 1 <= args.students <= 200 or not 1 <= args.texts <= 20 or not 1 <= args.runs <= 10:
        parser.error("keep it bounded: 1-200 students, 1-20 text calls, 1-10 runs")
    args.load_before = os.getloadavg()[0]
    runs = []
    for number in range(args.runs):
        print(f"run {number + 1}/{args.runs} ...", file=sys.stderr, flush=True)
        runs.append(one_run(args.students, args.texts, args.text_delay, args.image_step,
                            images=bool(args.images) and number == 0, compare=args.compare, number=number))
    text = report(args, runs)
    print(text)
    if args.out != "-":
        out = Path(args.out)
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(text, encoding="utf-8")
        print(f"written to {out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
