"""A gateway stopped in the middle of a lesson loses no picture: the next one on the same data folder (and port)
carries on with queued, running and half-downloaded jobs, and the students' polls simply continue.
"""

from __future__ import annotations

import time

import dashscope
import pytest
from fake_dashscope import FakeDashScope
from support import SENTINEL_KEY

from kit.gateway.store import FETCHING, QUEUED, SUBMITTING, UPSTREAM, Store

IMAGE_MODEL = "wan2.2-t2i-flash"


@pytest.fixture
def slow_upstream(monkeypatch):
    """Jobs that take about a second upstream, so a restart can happen while one runs."""
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")
    with FakeDashScope(valid_keys=(SENTINEL_KEY,), step_seconds=0.4, max_running_jobs=2) as server:
        yield server


def submissions(fake):
    return [r for r in fake.requests_to("image-synthesis") if r["method"] == "POST"]


def job_state(data, task_id):
    store = Store(data)
    try:
        row = store.job(task_id)
        return row["state"], row["upstream_status"]
    finally:
        store.close()


def wait_for(condition, timeout=10.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.02)
    return False


def poll_until_done(token, task_id, timeout=15.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        answer = dashscope.ImageSynthesis.fetch(task_id, api_key=token)
        if answer.status_code == 200 and answer.output.task_status not in ("PENDING", "RUNNING"):
            return answer
        time.sleep(0.05)
    raise AssertionError(f"job {task_id} did not finish")


def test_a_running_job_survives_a_restart(slow_upstream, start_gateway, make_class, gateway_data, monkeypatch):
    token = make_class("3A", 1)[0]
    first = start_gateway(slow_upstream)
    port = first.port
    monkeypatch.setattr(dashscope, "base_http_api_url", first.api_url)
    task = dashscope.ImageSynthesis.async_call(model=IMAGE_MODEL, prompt="a junk boat", n=1, api_key=token)
    task_id = task.output.task_id
    assert wait_for(lambda: job_state(gateway_data, task_id) == (UPSTREAM, "RUNNING"))
    assert dashscope.ImageSynthesis.fetch(task_id, api_key=token).output.task_status == "RUNNING"
    first.stop()

    second = start_gateway(slow_upstream, port=port)  # the same address: the student's kernel notices nothing
    done = poll_until_done(token, task_id)
    assert done.output.task_status == "SUCCEEDED"
    assert done.output.results[0].url.startswith(second.url + "/files/")
    assert len(submissions(slow_upstream)) == 1  # followed up by its upstream task id, not sent again


def test_queued_jobs_survive_a_restart_in_their_turns(slow_upstream, start_gateway, make_class, gateway_data,
                                                     monkeypatch):
    alice, bob = make_class("3A", 2)
    first = start_gateway(slow_upstream)
    port = first.port
    monkeypatch.setattr(dashscope, "base_http_api_url", first.api_url)
    first.scheduler.hold()
    tasks = [(alice, dashscope.ImageSynthesis.async_call(model=IMAGE_MODEL, prompt=f"alice {i}", n=1,
                                                         api_key=alice).output.task_id) for i in range(2)]
    tasks.append((bob, dashscope.ImageSynthesis.async_call(model=IMAGE_MODEL, prompt="bob 0", n=1,
                                                           api_key=bob).output.task_id))
    assert all(job_state(gateway_data, t)[0] == QUEUED for _, t in tasks)
    first.stop()

    start_gateway(slow_upstream, port=port)
    for token, task_id in tasks:
        assert poll_until_done(token, task_id).output.task_status == "SUCCEEDED"
    prompts = [r["json"]["input"]["prompt"] for r in sorted(submissions(slow_upstream), key=lambda r: r["time"])]
    assert prompts == ["alice 0", "bob 0", "alice 1"]  # each exactly once, still in turns


def test_a_job_caught_mid_submission_or_mid_download_is_finished(gateway_upstream, start_gateway, make_class,
                                                                 gateway_data, monkeypatch):
    """The two states a crash can leave behind: SUBMITTING (sent again) and FETCHING (downloaded again)."""
    token = make_class("3A", 1)[0]
    first = start_gateway(gateway_upstream)
    port = first.port
    monkeypatch.setattr(dashscope, "base_http_api_url", first.api_url)
    done = dashscope.ImageSynthesis.wait(
        dashscope.ImageSynthesis.async_call(model=IMAGE_MODEL, prompt="a tram", n=1, api_key=token), api_key=token)
    downloaded_id = done.output.task_id
    first.scheduler.hold()
    held_id = dashscope.ImageSynthesis.async_call(model=IMAGE_MODEL, prompt="a ferry", n=1,
                                                  api_key=token).output.task_id
    first.stop()
    store = Store(gateway_data)  # make it look as if the gateway had died at the worst moments
    upstream_id = store.job(downloaded_id)["upstream_id"]
    as_the_service_said = {"task_id": upstream_id, "task_status": "SUCCEEDED",
                           "results": [{"url": f"{gateway_upstream.root_url}/files/{upstream_id}-0.png"}]}
    store.move_job(downloaded_id, "SUCCEEDED", state=FETCHING, output=as_the_service_said)
    store._run("DELETE FROM files WHERE job_id = ?", (downloaded_id,))
    store.move_job(held_id, QUEUED, state=SUBMITTING)
    store.close()
    downloads_before = len(gateway_upstream.requests_to("/files/"))

    start_gateway(gateway_upstream, port=port)
    for task_id in (downloaded_id, held_id):
        answer = poll_until_done(token, task_id)
        assert answer.output.task_status == "SUCCEEDED"
    assert len(gateway_upstream.requests_to("/files/")) == downloads_before + 2
    assert [r["json"]["input"]["prompt"] for r in submissions(gateway_upstream)] == ["a tram", "a ferry"]
