"""The journaled-call pipeline (``calls.run``) a kind of call plugs into: what it promises every kind.

A toy kind (``Echo``) stands for the coming ones (speech, vision, image editing): if these hold, a new kind gets
"nothing lost, nothing paid twice" by supplying its own few steps. Text and pictures are tested end to end in
test_api_offline.py, test_dashscope_backend.py and test_service_limits.py.
"""

from __future__ import annotations

import pytest

import kit
from kit import calls
from kit.backends.base import request_key
from kit.errors import KitError, RateLimited, ServiceProblem
from kit.journal import Journal


class Echo(calls.Call):
    """Answers with its words, saved as a file; a job (``resumes``) when asked to be one."""

    kind = "echo"

    def __init__(self, words: str, *, reuse: bool = True, resumes: bool = False, fail: KitError | None = None,
                 leave_pending: bool = False):
        self.words, self.fail, self.leave_pending = words, fail, leave_pending
        self.model, self.reuse, self.resumes = "echo-1", reuse, resumes
        self.key = request_key("echo", kit.settings.current().backend, {"words": words})
        self.loose = request_key("echo-loose", "", {"words": words})
        self.performed: list[dict] = []
        self.resumed: list[dict] = []
        self.pending_while_performing: list[str] = []

    def replay_keys(self, settings) -> list[str]:
        return [request_key("echo", "offline", {"words": self.words})]

    def journal_request(self) -> dict:
        return {"words": self.words}

    def perform(self, entry, journal, backend):
        self.pending_while_performing.append(journal.call(entry["id"])["status"])
        self.performed.append(entry)
        if self.resumes and not entry.get("task_id"):
            journal.update(entry, task_id="task-1")
        if self.fail is not None:
            raise self.fail
        path = journal.save_file(entry, self.words.encode(), "txt", folder="echoes")
        return {"echo": path}, ("made", self.words, entry["id"])

    def answer(self, entry, journal, *, reused=False, replayed=False):
        data = journal.file_bytes(entry, "echo")
        how = "replayed" if replayed else "reused" if reused else "made"
        return None if data is None else (how, data.decode(), entry["id"])

    def resume(self, entry) -> None:
        self.resumed.append(entry)

    def failure(self, problem, entry):
        return None if self.leave_pending else problem


def entries(workdir) -> list[dict]:
    return list(Journal(workdir).entries("echo"))


def test_a_new_call_is_journaled_before_it_is_made_and_saved_after(offline_kit, workdir):
    call = Echo("a brave dragon")
    how, words, call_id = calls.run(call)
    assert (how, words) == ("made", "a brave dragon")
    assert call.pending_while_performing == ["pending"]  # on disk before the backend was asked
    [entry] = entries(workdir)
    assert entry["id"] == call_id and entry["status"] == "done" and entry["request"] == {"words": "a brave dragon"}
    assert (workdir / entry["echo"]).read_text() == "a brave dragon"


def test_the_same_request_is_answered_from_the_journal_not_paid_twice(offline_kit, workdir):
    first = calls.run(Echo("a brave dragon"))
    again = Echo("a brave dragon")
    assert calls.run(again) == ("reused", "a brave dragon", first[2])
    assert again.performed == [] and len(entries(workdir)) == 1


def test_reuse_only_when_the_kind_says_so_and_the_saved_answer_is_still_there(offline_kit, workdir):
    calls.run(Echo("a brave dragon"))
    assert calls.run(Echo("a brave dragon", reuse=False))[0] == "made"  # e.g. text without a seed
    newest = Journal(workdir).find(Echo("a brave dragon").key)
    (workdir / newest["echo"]).unlink()
    assert calls.run(Echo("a brave dragon"))[0] == "made"  # the file is gone: made again, not a broken answer
    assert len(entries(workdir)) == 3


def test_a_failed_call_is_recorded_and_raised(offline_kit, workdir):
    with pytest.raises(ServiceProblem):
        calls.run(Echo("a brave dragon", fail=ServiceProblem("generic", detail="boom")))
    [entry] = entries(workdir)
    assert entry["status"] == "failed"
    assert entry["error"] == {"kind": ServiceProblem.kind, "reason": "generic", "detail": "boom"}


def test_a_job_that_runs_on_stays_pending_and_the_next_run_resumes_it(offline_kit, workdir):
    first = Echo("a brave dragon", resumes=True, fail=RateLimited("still_drawing"), leave_pending=True)
    with pytest.raises(RateLimited):
        calls.run(first)
    [entry] = entries(workdir)
    assert entry["status"] == "pending" and entry["task_id"] == "task-1"

    again = Echo("a brave dragon", resumes=True)
    assert calls.run(again) == ("made", "a brave dragon", entry["id"])  # the same call, not a second one
    assert [e["id"] for e in again.resumed] == [entry["id"]]
    assert len(entries(workdir)) == 1 and entries(workdir)[0]["status"] == "done"


def test_a_job_this_kernel_is_still_working_on_is_not_resumed_twice(offline_kit, workdir):
    with pytest.raises(RateLimited):
        calls.run(Echo("a brave dragon", resumes=True, fail=RateLimited("still_drawing"), leave_pending=True))
    [entry] = entries(workdir)
    calls._running.add(entry["id"])
    try:
        other = Echo("a brave dragon", resumes=True)
        calls.run(other)
    finally:
        calls._running.discard(entry["id"])
    assert other.resumed == [] and len(entries(workdir)) == 2


def test_a_pending_entry_is_not_resumed_by_a_kind_that_does_not_resume(offline_kit, workdir):
    with pytest.raises(RateLimited):
        calls.run(Echo("a brave dragon", resumes=True, fail=RateLimited("still_drawing"), leave_pending=True))
    plain = Echo("a brave dragon")
    calls.run(plain)
    assert plain.resumed == [] and len(entries(workdir)) == 2


def test_replay_answers_from_recordings_only(offline_kit, workdir):
    recorded = calls.run(Echo("a brave dragon"))
    kit.setup("replay", workdir=workdir, quiet=True)
    call = Echo("a brave dragon")
    assert calls.run(call) == ("replayed", "a brave dragon", recorded[2]) and call.performed == []
    with pytest.raises(ServiceProblem) as missing:
        calls.run(Echo("a shy dragon"))
    assert missing.value.reason == "not_recorded"
    (workdir / Journal(workdir).call(recorded[2])["echo"]).unlink()
    with pytest.raises(KitError):
        calls.run(Echo("a brave dragon"))
    assert len(entries(workdir)) == 1  # replay never writes a call
