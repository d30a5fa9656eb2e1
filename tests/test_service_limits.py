"""The real service's versions, regions and account limits, played by the fake DashScope through the real SDK.

These run twice in ``make test``: on the newest dashscope in .venv, and on the lowest that pyproject.toml allows.
"""

import html
import os
import re
import threading
from pathlib import Path

import pytest
import requests
from fake_dashscope import FakeDashScope
from support import SENTINEL_KEY

import kit
from kit import calls, models, pictures
from kit.journal import Journal

ROOT = Path(__file__).resolve().parents[1]


def posts(fake, fragment):
    return [r for r in fake.requests_to(fragment) if r["method"] == "POST"]


def busy(fake, times, paths, status=429, code="Throttling.RateQuota"):
    """The next ``times`` requests to ``paths`` answer as a busy account does."""
    fake.set_failures(times, status, code, "Requests rate limit exceeded, try again later.", paths=paths)


def refused(prompt, reason, words):
    """Draw ``prompt``, expecting a RateLimited of ``reason`` whose English says ``words``."""
    with pytest.raises(kit.RateLimited) as problem:
        kit.draw(prompt)
    assert problem.value.reason == reason and words in problem.value.en


def the_only_entry(workdir):
    entries = list(Journal(workdir).entries("image"))
    assert len(entries) == 1
    return entries[0]


def test_the_sdk_loaded_is_the_one_meant():
    """In ``make test-lowest-sdk`` this proves the old version really ran; otherwise it honours the pin."""
    from dashscope.version import __version__ as loaded

    floor = re.search(r'"dashscope>=([0-9.]+)', (ROOT / "pyproject.toml").read_text()).group(1)
    version = tuple(int(p) for p in loaded.split(".")[:3])
    assert version >= tuple(int(p) for p in floor.split("."))
    if os.environ.get("KIT_EXPECT_DASHSCOPE"):
        assert loaded == os.environ["KIT_EXPECT_DASHSCOPE"]


# ---- the catalogue: models per region, refused before any request ------------------------------------------

def test_every_region_has_defaults_it_serves():
    for place in models.REGIONS.values():
        assert place.default_text in place.text and place.default_image in place.image
        assert place.endpoint.startswith("https://") and place.endpoint.endswith("/api/v1")


def test_us_pictures_are_refused_clearly_before_any_request(fake_server, workdir):
    kit.setup("dashscope", api_key=SENTINEL_KEY, region="us", base_url=fake_server.base_url, workdir=workdir,
              quiet=True)
    with pytest.raises(kit.ServiceProblem) as problem:
        kit.draw("a tram on a hill")
    assert problem.value.reason == "format" and "wan2.6-t2i" in problem.value.en and "Virginia" in problem.value.en
    assert "Nothing was sent" in problem.value.en and problem.value.zh
    assert posts(fake_server, "image-synthesis") == []


def test_a_model_the_region_does_not_serve_is_named_with_the_region(fake_server, workdir):
    kit.setup("dashscope", api_key=SENTINEL_KEY, region="intl", image_model="wanx-v1",
              base_url=fake_server.base_url, workdir=workdir, quiet=True)
    with pytest.raises(kit.ServiceProblem) as problem:
        kit.draw("a junk boat")
    assert problem.value.reason == "not_in_region"
    assert "wanx-v1" in problem.value.en and "Singapore" in problem.value.en and "新加坡" in problem.value.zh
    assert posts(fake_server, "image-synthesis") == []


def test_an_unconfirmed_list_lets_the_service_decide(fake_server, workdir):
    kit.setup("dashscope", api_key=SENTINEL_KEY, region="us", text_model="qwen-max", base_url=fake_server.base_url,
              workdir=workdir, quiet=True)
    assert kit.ask("hello").text          # Virginia's text list is unconfirmed: the request is sent
    with pytest.raises(kit.ServiceProblem):  # but a known picture format the kit cannot ask is still refused
        models.check_served("cn", "image", "wan2.6-t2i")


def test_the_workspace_region_needs_its_id(monkeypatch, workdir):
    monkeypatch.delenv("DASHSCOPE_WORKSPACE_ID", raising=False)
    with pytest.raises(kit.ServiceProblem) as problem:
        kit.setup("dashscope", api_key=SENTINEL_KEY, region="workspace", workdir=workdir, quiet=True)
    assert problem.value.reason == "workspace"
    monkeypatch.setenv("DASHSCOPE_WORKSPACE_ID", "ws-class")
    settings = kit.setup("dashscope", api_key=SENTINEL_KEY, region="workspace", workdir=workdir, quiet=True)
    assert settings.endpoint == "https://ws-class.ap-southeast-1.maas.aliyuncs.com/api/v1"


@pytest.mark.parametrize("option", [{"text_model": "qwen3.6-flash"}, {"image_model": "sdxl-imaginary"}])
def test_the_services_unknown_model_answer_is_a_setup_problem(fake_server, workdir, option):
    kit.setup("dashscope", api_key=SENTINEL_KEY, base_url=fake_server.base_url, workdir=workdir, quiet=True,
              **option)
    with pytest.raises(kit.ServiceProblem) as problem:
        kit.ask("hello") if "text_model" in option else kit.draw("a kite")
    model = next(iter(option.values()))
    assert problem.value.reason == "model" and model in problem.value.en
    assert "not your mistake" in problem.value.en and "Singapore" in problem.value.en


# ---- waiting for a free picture slot, looking up within the budget -----------------------------------------

def test_polling_stays_within_one_look_up_a_second(monkeypatch):
    monkeypatch.setenv("KIT_POLL_SCALE", "1")
    waits = [pictures.poll_wait("PENDING", n) for n in range(12)] + [pictures.poll_wait("RUNNING", 5)]
    assert pictures.poll_wait("FIRST", 0) >= 1.0
    assert min(waits) >= 1.0 and waits[11] > waits[0] and max(waits) <= pictures.POLL_PENDING_MAX


def test_a_refused_submission_waits_for_a_slot(online_kit, fake_server, capsys):
    busy(fake_server, 4, "image")
    picture = kit.draw("a dragon boat")
    assert picture.data.startswith(b"\x89PNG")
    assert len(posts(fake_server, "image-synthesis")) == 5
    assert "free picture slot" in capsys.readouterr().err


def test_a_slot_that_never_frees_is_explained_and_not_paid(online_kit, fake_server, monkeypatch, workdir):
    monkeypatch.setenv("KIT_RETRY_BASE", "0.01")
    monkeypatch.setattr(pictures, "SLOT_WAIT", 0.2)
    busy(fake_server, 10_000, "image")
    refused("a ferry", "slot", "not paid")
    entry = the_only_entry(workdir)
    assert entry["status"] == "failed" and not entry.get("task_id")


@pytest.mark.parametrize("status, code", [(429, "Throttling.RateQuota"), (500, "InternalError")])
def test_a_fault_while_looking_never_fails_a_running_job(online_kit, fake_server, workdir, status, code):
    busy(fake_server, 5, "tasks", status, code)
    picture = kit.draw("a night market")
    assert picture.data.startswith(b"\x89PNG")
    assert the_only_entry(workdir)["status"] == "done"
    assert len(posts(fake_server, "image-synthesis")) == 1


def test_look_ups_failing_for_long_keep_the_job_to_resume(online_kit, fake_server, workdir, monkeypatch):
    monkeypatch.setattr(pictures, "POLL_GIVE_UP", 0.0)
    busy(fake_server, 1, "tasks")
    refused("a cable car", "still_drawing", "not pay twice")
    entry = the_only_entry(workdir)
    assert entry["status"] == "pending" and entry["task_id"]
    picture = kit.draw("a cable car")  # running the cell again picks the job up
    assert picture.data.startswith(b"\x89PNG")
    assert len(posts(fake_server, "image-synthesis")) == 1


@pytest.mark.slow
def test_a_class_sharing_one_key_all_get_their_pictures(workdir, monkeypatch):
    """Six kernels (threads) draw two pictures each at once against the account's real limits."""
    monkeypatch.setenv("KIT_RETRY_BASE", "0.05")
    with FakeDashScope(valid_keys=(SENTINEL_KEY,), account_limits=True, step_seconds=0.05,
                       image_steps=("PENDING", "RUNNING", "SUCCEEDED")) as fake:
        kit.setup("dashscope", api_key=SENTINEL_KEY, base_url=fake.base_url, workdir=workdir, quiet=True)
        got, problems = [], []

        def kernel(child):
            try:
                got.extend(kit.draw_many([f"child {child} page {page}: a panda" for page in range(2)]))
            except kit.KitError as problem:  # pragma: no cover - shown by the assertion below
                problems.append(problem)

        threads = [threading.Thread(target=kernel, args=(i,)) for i in range(6)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert problems == [] and len(got) == 12
        assert len(fake.jobs) == 12                       # nobody paid twice
        assert fake.max_concurrent_running_seen <= 2
        assert fake.errors == []


@pytest.mark.slow
def test_the_progress_bar_says_where_a_picture_waits(workdir, capsys, monkeypatch):
    monkeypatch.setenv("KIT_POLL_SCALE", "0.3")   # five jobs stay inside the twenty look-ups a second
    monkeypatch.setenv("KIT_RETRY_BASE", "0.05")
    with FakeDashScope(valid_keys=(SENTINEL_KEY,), account_limits=True, step_seconds=1.5,
                       image_steps=("RUNNING", "SUCCEEDED")) as fake:
        kit.setup("dashscope", api_key=SENTINEL_KEY, base_url=fake.base_url, workdir=workdir, quiet=True)
        kit.draw_many([f"page {n}: a sampan" for n in range(5)])
    shown = capsys.readouterr().err
    assert re.search(r"Picture \d in the queue, about \d+ s to wait", shown)


# ---- the account's limits, as the fake plays them ------------------------------------------------------------

def test_the_fake_plays_the_account_limits():
    fake = FakeDashScope(account_limits=True)
    assert (fake.max_running_jobs, fake.submits_per_second, fake.lookups_per_second) == (2, 2, 20)
    # Lower limits, so that a loaded machine still sends more than the limit within one second.
    with FakeDashScope(valid_keys=(SENTINEL_KEY,), account_limits=True, submits_per_second=1,
                       lookups_per_second=2) as fake:
        headers = {"Authorization": f"Bearer {SENTINEL_KEY}", "X-DashScope-Async": "enable"}
        body = {"model": "wan2.2-t2i-flash", "input": {"prompt": "a cat"}, "parameters": {"n": 1}}
        url = fake.base_url + "/services/aigc/text2image/image-synthesis"
        answers = [requests.post(url, json=body, headers=headers, timeout=5) for _ in range(4)]
        refused = [a for a in answers if a.status_code == 429]
        assert answers[0].status_code == 200 and refused and fake.throttled["submit"] == len(refused)
        assert refused[0].json()["code"] == "Throttling.RateQuota" and "Retry-After" not in refused[0].headers
        task = answers[0].json()["output"]["task_id"]
        looks = [requests.get(f"{fake.base_url}/tasks/{task}", headers=headers, timeout=5).status_code
                 for _ in range(8)]
        assert looks.count(429) >= 1 and fake.throttled["lookup"] == looks.count(429)


def test_the_fake_cuts_a_long_prompt_without_a_word_and_wants_512_pixels(fake_server):
    headers = {"Authorization": f"Bearer {SENTINEL_KEY}", "X-DashScope-Async": "enable"}
    body = {"model": "wan2.2-t2i-flash", "input": {"prompt": "a" * 450 + " then the style words" * 5},
            "parameters": {"n": 1}}
    answer = requests.post(fake_server.base_url + "/services/aigc/text2image/image-synthesis", json=body,
                           headers=headers, timeout=5)
    assert answer.status_code == 200
    job = fake_server.jobs[answer.json()["output"]["task_id"]]
    assert len(job["prompt"]) == 500 and job["sent_prompt"] == body["input"]["prompt"]
    small = dict(body, parameters={"n": 1, "size": "256*256"})   # each side is 512 to 1440
    answer = requests.post(fake_server.base_url + "/services/aigc/text2image/image-synthesis", json=small,
                           headers=headers, timeout=5)
    assert answer.status_code == 400 and "512" in answer.json()["message"]


# ---- prompt length and prompt_extend --------------------------------------------------------------------------

def test_a_long_prompt_keeps_its_style_and_says_what_was_cut(online_kit, fake_server, capsys):
    words = " ".join(f"word{i}" for i in range(100))   # about 700 characters
    picture = kit.draw(words, style="watercolour")
    sent = posts(fake_server, "image-synthesis")[0]["json"]["input"]["prompt"]
    assert sent.startswith("soft watercolor painting") and len(sent) <= 500
    job = next(iter(fake_server.jobs.values()))
    assert job["prompt"] == job["sent_prompt"]            # the service cut nothing
    cut = picture.notes["cut"]
    assert cut and words.endswith(cut) and cut not in sent
    assert "left out" in capsys.readouterr().out


def test_prompt_extend_is_the_childs_switch(online_kit, fake_server):
    rewritten = kit.draw("a lion dance", seed=5)
    assert "prompt_extend" not in posts(fake_server, "image-synthesis")[0]["json"]["parameters"]
    assert rewritten.actual_prompt and rewritten.actual_prompt != rewritten.prompt
    assert html.escape(rewritten.actual_prompt) in rewritten._repr_html_()   # the card shows what was used
    plain = kit.draw("a lion dance", seed=5, prompt_extend=False)
    assert posts(fake_server, "image-synthesis")[1]["json"]["parameters"]["prompt_extend"] is False
    assert plain.actual_prompt is None and not plain.reused
    assert kit.draw("a lion dance", seed=5, prompt_extend=False).reused   # the kit's saved copy, not the model
    with pytest.raises(kit.BadInput):
        kit.draw("a lion dance", prompt_extend="yes")


def test_text_retries_are_jittered(monkeypatch):
    monkeypatch.setattr(calls.random, "uniform", lambda low, high: high)
    assert calls.jittered(2.0) == 3.0
    monkeypatch.setattr(calls.random, "uniform", lambda low, high: low)
    assert calls.jittered(2.0) == 1.0
