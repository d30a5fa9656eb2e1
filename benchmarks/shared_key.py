"""A class sharing one key directly (no gateway), against the account's limits as the fake DashScope plays them.

Two figures, measured in one run against the fastest the account allows (two jobs at a time):

A. Twelve kernels (separate Python processes, as on a school hub) each draw two pictures at the same moment;
   every job runs 3 s at the fake, which plays the account: 2 running jobs (more wait PENDING), 2 submissions
   and 20 task look-ups a second (429 beyond, no Retry-After). Reported: pictures that arrived, jobs paid
   (submissions accepted), look-up 429s as a share of all look-ups, and wall time / the two-at-a-time limit
   (ceil(24 / 2) x 3 s). Goal: all arrive, none paid twice, look-up 429s under 5 %, ratio <= 1.3.
B. One ``draw_many`` of 8 pictures of 3 s jobs against the same limit (ceil(8 / 2) x 3 s), five runs after a
   warm-up picture (the SDK's import and first connection). Goal: ratio <= 1.1.

    .venv/bin/python benchmarks/shared_key.py            # -> benchmarks/results/shared-key.md and .json
    .venv/bin/python benchmarks/shared_key.py --quick    # 4 kernels, 1 draw_many run (a smoke check)
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import math
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from benchlib import KEY, PYTHON, RESULTS, median

JOB_SECONDS = 3.0
SLOTS = 2

KERNEL = """
import json, sys, time
import kit
url, workdir, start_at, child, KEY = sys.argv[1], sys.argv[2], float(sys.argv[3]), sys.argv[4], sys.argv[5]
kit.setup("dashscope", api_key=KEY, base_url=url, workdir=workdir, quiet=True)
import dashscope  # loaded before the bell, as in a kernel that has already drawn
time.sleep(max(0.0, start_at - time.time()))
began = time.time()
pictures = kit.draw_many([f"child {child} page {page}: a panda rides a tram" for page in range(2)], _progress=False)
print(json.dumps({"began": began, "end": time.time(), "pictures": sum(1 for p in pictures if p is not None and p.data)}))
"""


def fake_account():
    from fake_dashscope import FakeDashScope

    return FakeDashScope(valid_keys=(KEY,), account_limits=True, image_steps=("RUNNING", "SUCCEEDED"),
                         step_seconds=JOB_SECONDS, image_size=(512, 512))


def class_sharing_one_key(kernels: int) -> dict:
    env = dict(os.environ, NO_PROXY="127.0.0.1,localhost", no_proxy="127.0.0.1,localhost", KIT_NO_PROMPT="1")
    with fake_account() as fake, tempfile.TemporaryDirectory(prefix="bench-class-") as root:
        start_at = time.time() + 4.0 + 1.0 * kernels     # every kernel is ready before the bell
        children = [subprocess.Popen([PYTHON, "-c", KERNEL, fake.base_url, f"{root}/kernel{i}", str(start_at),
                                      str(i), KEY], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env,
                                     text=True) for i in range(kernels)]
        answers = []
        for child in children:
            out, _ = child.communicate(timeout=600)
            answers.append(json.loads(out.strip().splitlines()[-1]) if child.returncode == 0 else None)
        looks = len(fake.requests_to("/tasks/"))
        submits = len(fake.requests_to("/image-synthesis"))
        wall = max(a["end"] for a in answers if a) - start_at
        submitted = sorted(r["time"] for r in fake.requests_to("/image-synthesis"))
        pictures = kernels * 2
        limit = math.ceil(pictures / SLOTS) * JOB_SECONDS
        return {"kernels": kernels, "pictures_asked": pictures,
                "pictures_arrived": sum(a["pictures"] for a in answers if a),
                "kernels_failed": sum(1 for a in answers if a is None),
                "jobs_paid": len(fake.jobs), "submissions_sent": submits,
                "submission_429s": fake.throttled["submit"], "look_ups": looks,
                "look_up_429s": fake.throttled["lookup"],
                "look_up_429_share": round(fake.throttled["lookup"] / max(looks, 1), 4),
                "max_running_seen": fake.max_concurrent_running_seen,
                "latest_start_s": round(max(a["began"] for a in answers if a) - start_at, 2),
                "last_submission_s": round(submitted[-1] - start_at, 2) if submitted else None,
                "wall_s": round(wall, 2), "limit_s": limit, "ratio": round(wall / limit, 3)}


def draw_many_of_eight(runs: int) -> dict:
    import kit

    pages = 8
    limit = math.ceil(pages / SLOTS) * JOB_SECONDS
    walls, looks, throttled = [], [], []
    with fake_account() as fake, tempfile.TemporaryDirectory(prefix="bench-eight-") as workdir:
        kit.setup("dashscope", api_key=KEY, base_url=fake.base_url, workdir=workdir, quiet=True)
        kit.draw("warm-up: the SDK and the connection, not counted")
        for run in range(runs):
            fake.reset()
            time.sleep(1.1)   # a fresh second for the submission limit
            prompts = [f"run {run} page {n + 1}: a little dragon over Victoria Harbour" for n in range(pages)]
            started = time.perf_counter()
            with contextlib.redirect_stderr(io.StringIO()):
                found = kit.draw_many(prompts)
            walls.append(time.perf_counter() - started)
            assert len(found) == pages and all(p.data for p in found) and len(fake.jobs) == pages
            looks.append(len(fake.requests_to("/tasks/")))
            throttled.append(fake.throttled["lookup"] + fake.throttled["submit"])
    return {"pictures": pages, "runs": runs, "wall_s": [round(w, 2) for w in walls], "limit_s": limit,
            "ratio_median": round(median(walls) / limit, 3), "ratios": [round(w / limit, 3) for w in walls],
            "look_ups_per_run": looks, "429s_per_run": throttled}


def write(report: dict, name: str) -> Path:
    RESULTS.mkdir(parents=True, exist_ok=True)
    a, b = report["class"], report["draw_many"]
    lines = [
        "# A class sharing one key directly (no gateway)",
        "",
        (f"Measured {report['when']} with `.venv/bin/python benchmarks/shared_key.py`"
        f"{' --quick' if report['quick'] else ''}, against `tests/fake_dashscope.py` playing the account's "
        "limits (2 running jobs, 2 submissions/s, 20 look-ups/s, 429 beyond, no Retry-After); "
        f"every job runs {JOB_SECONDS:g} s. Ratios are against the fastest the account allows: "
        "ceil(pictures / 2) x job seconds."),
        "",
        "| figure | measured | goal | met |",
        "|---|---|---|---|",
        (f"| A. {a['kernels']} kernels x 2 pictures: wall / two-at-a-time limit | {a['wall_s']} s / "
        f"{a['limit_s']:g} s = **{a['ratio']}x** | <= 1.3x | {'yes' if a['ratio'] <= 1.3 else 'no'} |"),
        (f"| A. pictures arrived | {a['pictures_arrived']} of {a['pictures_asked']} | all | "
        f"{'yes' if a['pictures_arrived'] == a['pictures_asked'] else 'no'} |"),
        (f"| A. jobs paid | {a['jobs_paid']} for {a['pictures_asked']} pictures | none twice | "
        f"{'yes' if a['jobs_paid'] == a['pictures_asked'] else 'no'} |"),
        (f"| A. look-up 429s | {a['look_up_429s']} of {a['look_ups']} = **{a['look_up_429_share'] * 100:.1f} %** | "
        f"< 5 % | {'yes' if a['look_up_429_share'] < 0.05 else 'no'} |"),
        (f"| B. `draw_many` of 8: wall / limit (median of {b['runs']}) | {b['wall_s']} s / {b['limit_s']:g} s = "
        f"**{b['ratio_median']}x** | <= 1.1x | {'yes' if b['ratio_median'] <= 1.1 else 'no'} |"),
        "",
        (f"A also saw: {a['submission_429s']} refused submissions (each waited its turn and was sent again), "
        f"at most {a['max_running_seen']} jobs running at once. B: look-ups per run {b['look_ups_per_run']}, "
        f"429s per run {b['429s_per_run']}."),
        "",
        "```json",
        json.dumps(report, indent=1),
        "```",
        "",
    ]
    path = RESULTS / f"{name}.md"
    path.write_text("\n".join(lines), encoding="utf-8")
    (RESULTS / f"{name}.json").write_text(json.dumps(report, indent=1) + "\n", encoding="utf-8")
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args(argv)
    os.environ["NO_PROXY"] = os.environ["no_proxy"] = "127.0.0.1,localhost"
    report = {"when": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()), "quick": args.quick,
              "class": class_sharing_one_key(4 if args.quick else 12),
              "draw_many": draw_many_of_eight(1 if args.quick else 5)}
    path = write(report, "shared-key-quick" if args.quick else "shared-key")
    print(path.read_text(encoding="utf-8").split("```json")[0])
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
