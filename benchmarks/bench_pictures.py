"""Figure 2: the pictures for an 8-page book. ``kit.draw_many`` against a plain loop of ``ImageSynthesis.call``.

The fake DashScope runs each job for a few seconds (``JOB_SECONDS``, a different length in each run so jobs
finish at different points of the polling cycles) and at most two at once (the account's limit): the fastest any
client can finish eight pictures is four rounds, ``ceil(8 / 2) * job seconds``. The plain loop is what a
teacher would write without the kit: one synchronous ``ImageSynthesis.call`` after another (the SDK submits,
then waits, sleeping 1 s and up to 5 s between checks), then downloads the picture.

Also measured: how long a finished job takes to reach the notebook, from the moment the fake marks it
SUCCEEDED (its job record) to the moment ``draw_many`` has the picture back from its job (found by the kit's own
polling, downloaded, saved and journalled), or the SDK's ``call`` returns it.
"""

from __future__ import annotations

import contextlib
import io
import itertools
import math
import tempfile
import time

from benchlib import IMAGE_MODEL, KEY, median, percentile, row

FIGURE = 2
TITLE = "Pictures for an 8-page book"
GOAL_RATIO = 0.55
# The kit looks at a running job at most once a second (a class sharing one key shares about 20 look-ups a
# second: docs/service-facts.md), so a finished picture can wait up to a second to be seen, plus its download.
GOAL_DELAY = 1.3
# One run of each (quick: the first only, with 4 pages). The lengths put some jobs' ends just after one of
# the kit's status checks, the worst case for checks every 1.0 s.
JOB_SECONDS = (2.5, 2.7, 3.0, 3.3)


def measure(quick: bool) -> list[dict]:
    import dashscope
    import requests
    from fake_dashscope import FakeDashScope

    import kit
    from kit import calls, pictures

    pages, steps = (4, JOB_SECONDS[:1]) if quick else (8, JOB_SECONDS)
    limits = [math.ceil(pages / 2) * step for step in steps]
    received: dict[str, float] = {}
    original_run_job = pictures._run_job

    def timed_run_job(*args, **kwargs):  # the picture handed back inside draw_many: downloaded, saved, journalled
        picture = original_run_job(*args, **kwargs)
        received[picture.call_id] = time.monotonic()
        return picture

    pictures._run_job = timed_run_job
    kit_times, base_times, kit_delays, base_delays, notes = [], [], [], [], []
    try:
        with FakeDashScope(valid_keys=(KEY,), image_steps=("RUNNING", "SUCCEEDED"), step_seconds=steps[0],
                           max_running_jobs=2, image_size=(1024, 1024)) as fake, \
                tempfile.TemporaryDirectory(prefix="bench-pictures-") as workdir:
            kit.setup("dashscope", api_key=KEY, base_url=fake.base_url, workdir=workdir, quiet=True)

            def succeeded_at(task_id: str) -> float:
                fake.refresh()
                job = fake.jobs[task_id]
                assert job["status"] == "SUCCEEDED", job["status"]
                return job["since"]          # monotonic time the fake marked it SUCCEEDED

            def with_kit(run: int) -> None:
                prompts = [f"page {n + 1} of book {run}: a little dragon flies over Victoria Harbour"
                           for n in range(pages)]
                received.clear()
                with contextlib.redirect_stdout(io.StringIO()):     # the text progress bar
                    found = kit.draw_many(prompts)
                assert len(found) == pages and all(p.data for p in found)
                journal = calls.journal_for()
                kit_delays.extend(at - succeeded_at(journal.call(call_id)["task_id"])
                                  for call_id, at in received.items())

            def plain_loop(run: int) -> None:
                dashscope.base_http_api_url = fake.base_url
                for n in range(pages):
                    response = dashscope.ImageSynthesis.call(
                        model=IMAGE_MODEL, prompt=f"page {n + 1} of loop {run}: a little dragon flies over the "
                                                  f"harbour", n=1, size="1024*1024", api_key=KEY)
                    returned = time.monotonic()
                    assert response.status_code == 200, response
                    assert requests.get(response.output.results[0].url, timeout=30).content
                    base_delays.append(returned - succeeded_at(response.output.task_id))

            for run, step in enumerate(steps):    # alternate which goes first; each starts on an idle fake
                fake.step_seconds = step
                order = [(with_kit, kit_times), (plain_loop, base_times)]
                if run % 2:
                    order.reverse()
                for action, times in order:
                    fake.reset()
                    started = time.perf_counter()
                    action(run)
                    times.append(time.perf_counter() - started)
                    submits = [r["time"] for r in fake.requests_to("/image-synthesis")]
                    fastest_gap = min((b - a for a, b in itertools.pairwise(submits)), default=None)
                    notes.append({"who": "kit" if action is with_kit else "loop", "job_seconds": step,
                                  "seconds": round(times[-1], 2),
                                  "max_running": fake.max_concurrent_running_seen,
                                  "submissions": len(submits),
                                  "closest_submissions_s": None if fastest_gap is None else round(fastest_gap, 3),
                                  "polls": len(fake.requests_to("/tasks/"))})
    finally:
        pictures._run_job = original_run_job

    wall = row(FIGURE, "2a", f"{pages} pictures: `kit.draw_many` vs a loop of `ImageSynthesis.call`", unit="s",
               kit=kit_times, base=base_times, kit_label="draw_many", base_label="loop of call", digits=2,
               goal=f"ratio ≤ {GOAL_RATIO}",
               extra={"pages": pages, "job_seconds": list(steps), "two_at_a_time_limit_s": limits,
                      "kit_vs_limit": [round(k / limit, 3) for k, limit in zip(kit_times, limits)],
                      "runs": notes})
    wall["met"] = wall["ratio"] <= GOAL_RATIO
    wall["meaning"] = (f"A child waits {median(kit_times):.1f} s for {pages} pictures instead of "
                       f"{median(base_times):.1f} s; the account's own limit (two at a time) allows "
                       f"{median(limits):.0f} s at best, so the kit is within "
                       f"{(median(kit_times) / median(limits) - 1) * 100:.0f} % of it.")
    # The goal is read at the 95th percentile of every job of every run: on this shared 2-core machine a single
    # job is now and then held up by other work for a few tenths of a second; the worst job is shown beside it.
    kit_p95, sdk_p95 = percentile(kit_delays, 0.95), percentile(base_delays, 0.95)
    delay = row(FIGURE, "2b", f"A finished picture reaches the notebook (95th percentile of {len(kit_delays)} jobs)",
                unit="s", kit=[kit_p95], base=[sdk_p95], kit_label="kit polling", base_label="SDK wait",
                digits=2, goal=f"≤ {GOAL_DELAY:g} s",
                extra={"kit_median_s": round(median(kit_delays), 3), "sdk_median_s": round(median(base_delays), 3),
                       "kit_worst_s": round(max(kit_delays), 3), "sdk_worst_s": round(max(base_delays), 3),
                       "kit_delays_s": [round(d, 3) for d in kit_delays],
                       "sdk_delays_s": [round(d, 3) for d in base_delays]})
    delay["met"] = kit_p95 <= GOAL_DELAY
    delay["meaning"] = (f"A picture shows up {median(kit_delays):.2f} s after it is ready (median; 95 % within "
                        f"{kit_p95:.2f} s, worst {max(kit_delays):.2f} s), against {median(base_delays):.1f} s "
                        f"(worst {max(base_delays):.1f} s) with the SDK's own wait, which grows to 5 s for longer "
                        f"jobs: the progress bar moves when the picture is really done.")
    return [wall, delay]
