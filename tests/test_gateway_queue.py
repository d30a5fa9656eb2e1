"""Fairness and the account's limits: the round-robin queue, the fair text gate, the submission window, and a
class of simulated students all sending picture jobs at once through the real SDK.
"""

from __future__ import annotations

import threading
import time
from collections import Counter

import dashscope
import pytest
import requests

from kit.gateway.limits import FairGate, SubmitWindow
from kit.gateway.queue import FairQueue

IMAGE_MODEL = "wan2.2-t2i-flash"


# ---- the pieces -----------------------------------------------------------------------------------------


def drain(queue: FairQueue) -> list[str]:
    order = []
    while (item := queue.pop()) is not None:
        order.append(item[1])
    return order


def test_round_robin_over_students():
    queue = FairQueue()
    for student, job in [(1, "a1"), (1, "a2"), (1, "a3"), (2, "b1"), (3, "c1"), (3, "c2")]:
        queue.push(student, job)
    assert len(queue) == 6
    assert drain(queue) == ["a1", "b1", "c1", "a2", "c2", "a3"]


def test_a_job_that_could_not_be_sent_keeps_its_turn():
    queue = FairQueue()
    for student, job in [(1, "a1"), (1, "a2"), (2, "b1")]:
        queue.push(student, job)
    assert queue.pop() == (1, "a1")
    queue.push(1, "a1", front=True)  # the service said "too many": a1 goes back to the head, with its turn
    assert drain(queue) == ["a1", "b1", "a2"]


def test_cancel_removes_a_job_and_an_empty_turn():
    queue = FairQueue()
    queue.push(1, "a1")
    queue.push(2, "b1")
    assert queue.remove("a1") and not queue.remove("a1")
    assert drain(queue) == ["b1"]


def test_a_greedy_student_never_starves_the_others():
    queue = FairQueue()
    for i in range(20):
        queue.push(1, f"greedy{i}")
    served = []
    for newcomer in range(2, 7):  # classmates arrive one by one while the greedy student's jobs are sent
        queue.push(newcomer, f"s{newcomer}")
        served.append(queue.pop()[1])
    served += drain(queue)
    for newcomer in range(2, 7):  # each classmate waits at most one greedy job
        assert served.index(f"s{newcomer}") <= 2 * (newcomer - 1)
    assert Counter(served)["greedy0"] == 1 and len(served) == 25


def test_submission_window():
    window = SubmitWindow(2, 1.1)
    assert window.next_free(10.0) == 10.0
    window.record(10.0)
    window.record(10.3)
    assert window.next_free(10.4) == pytest.approx(11.1)
    assert window.next_free(11.2) == 11.2
    window.hold_until(20.0)
    assert window.next_free(12.0) == pytest.approx(20.0)


def test_fair_gate_lets_the_student_with_fewest_places_in_first():
    gate = FairGate(1)
    assert gate.acquire("greedy", timeout=1)
    order = []

    def ask(who, in_line: threading.Event):
        ticket = gate.enter(who, most=1 << 30)     # what acquire does, with a signal once the ticket is in line
        in_line.set()
        assert gate.wait(ticket, timeout=5)
        order.append(who)
        gate.release(who)

    lines = {who: threading.Event() for who in ("greedy", "newcomer")}
    greedy_again = threading.Thread(target=ask, args=("greedy", lines["greedy"]))
    greedy_again.start()
    assert lines["greedy"].wait(5)  # greedy's second request waits first ...
    newcomer = threading.Thread(target=ask, args=("newcomer", lines["newcomer"]))
    newcomer.start()
    assert lines["newcomer"].wait(5)
    assert gate.load("greedy") == 2 and gate.load("newcomer") == 1
    gate.release("greedy")
    greedy_again.join()
    newcomer.join()
    assert order == ["newcomer", "greedy"]  # ... yet the newcomer, holding nothing, goes in first
    full = FairGate(1)
    full.acquire("a", timeout=1)
    assert full.acquire("b", timeout=0.05) is False


# ---- a whole class at once ---------------------------------------------------------------------------------


def test_many_students_sending_pictures_at_once(gateway_upstream, start_gateway, make_class, monkeypatch):
    """8 students submit 2 jobs each (one of them 4) at the same moment through the SDK, then poll.

    Every job completes exactly once; the service never sees more than 2 running jobs or more than 2
    submissions in any second; and the submissions go round the class before anyone's second picture."""
    students = 8
    tokens = make_class("4C", students, waiting_images=4, images_per_day=10)
    gateway = start_gateway(gateway_upstream)
    monkeypatch.setattr(dashscope, "base_http_api_url", gateway.api_url)
    plan = {i: (4 if i == 0 else 2) for i in range(students)}
    submitted: dict[int, list[str]] = {i: [] for i in range(students)}
    finished: dict[str, object] = {}
    problems: list[str] = []
    everyone_ready = threading.Barrier(students)
    all_submitted = threading.Barrier(students + 1)
    go = threading.Event()

    def student(i: int) -> None:
        try:
            everyone_ready.wait()
            for j in range(plan[i]):
                answer = dashscope.ImageSynthesis.async_call(model=IMAGE_MODEL, prompt=f"student{i} picture{j}",
                                                             n=1, api_key=tokens[i])
                if answer.status_code != 200:
                    problems.append(f"{i}: {answer.code} {answer.message}")
                    continue
                submitted[i].append(answer.output.task_id)
        finally:
            all_submitted.wait()
        go.wait()
        deadline = time.monotonic() + 40
        waiting = list(submitted[i])
        while waiting and time.monotonic() < deadline:
            for task_id in list(waiting):
                answer = dashscope.ImageSynthesis.fetch(task_id, api_key=tokens[i])
                if answer.output.task_status in ("SUCCEEDED", "FAILED", "UNKNOWN", "CANCELED"):
                    finished[task_id] = answer
                    waiting.remove(task_id)
            time.sleep(0.1)

    gateway.scheduler.hold()  # so that the whole class is in the queue before the first job leaves
    threads = [threading.Thread(target=student, args=(i,)) for i in range(students)]
    for thread in threads:
        thread.start()
    all_submitted.wait()
    gateway.scheduler.release()
    go.set()
    for thread in threads:
        thread.join(timeout=60)

    assert problems == []
    jobs = [task for tasks in submitted.values() for task in tasks]
    assert len(jobs) == sum(plan.values()) == 18
    assert set(finished) == set(jobs)
    assert all(answer.output.task_status == "SUCCEEDED" for answer in finished.values())
    for tasks in submitted.values():  # each student got their own pictures, each one a real PNG
        for task in tasks:
            assert finished[task].output.results[0].url.startswith(gateway.url + "/files/")
    sample = finished[submitted[3][0]].output.results[0].url
    assert requests.get(sample, timeout=5).content.startswith(b"\x89PNG")

    upstream = sorted((r for r in gateway_upstream.requests_to("image-synthesis") if r["method"] == "POST"),
                      key=lambda r: r["time"])
    prompts = [r["json"]["input"]["prompt"] for r in upstream]
    assert Counter(prompts) == Counter(f"student{i} picture{j}" for i in plan for j in range(plan[i]))  # once each
    assert gateway_upstream.max_concurrent_running_seen <= 2
    times = [r["time"] for r in upstream]
    assert all(later - earlier >= 1.0 for earlier, later in zip(times, times[2:])), times
    order = [int(p.split()[0].removeprefix("student")) for p in prompts]
    assert sorted(order[:students]) == list(range(students))          # everyone's first picture ...
    assert sorted(order[students:2 * students]) == list(range(students))  # ... then everyone's second
    assert order[2 * students:] == [0, 0]                              # and the greedy student's extras last
