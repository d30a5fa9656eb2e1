"""``storykit gateway ...``: the teacher's commands, run as a teacher would (``serve`` in a real subprocess,
started as ``python -m kit.gateway``, the quick-starting twin of ``storykit gateway``)."""

from __future__ import annotations

import html
import os
import signal
import subprocess
import sys
import time

import pytest
import requests
from support import SENTINEL_KEY, everything_written

from kit.cli import main
from kit.gateway.config import ConfigProblem, read_keys
from kit.gateway.store import Store


def run(capsys, *args) -> tuple[int, str, str]:
    code = main(["gateway", *args])
    out, err = capsys.readouterr()
    return code, out, err


def tokens_in(text: str) -> list[str]:
    return [word for line in text.splitlines() for word in line.split() if word.startswith("kit-")]


def test_class_create_prints_tokens_once_and_writes_cards(capsys, gateway_data):
    code, out, _ = run(capsys, "class", "create", "3A", "--students", "3", "--images-per-day", "5",
                       "--data", str(gateway_data), "--url", "http://192.168.1.20:8787")
    assert code == 0
    tokens = tokens_in(out)
    assert len(tokens) == 3 and "3A-01" in out
    cards = gateway_data / "cards" / "3A.html"
    page = html.unescape(cards.read_text(encoding="utf-8"))
    assert all(token in page for token in tokens)
    assert 'base_url="http://192.168.1.20:8787/class/3A/api/v1"' in page
    assert "你的故事書工具課堂通行碼" in page
    assert oct(cards.stat().st_mode & 0o777) == oct(0o600)
    store = Store(gateway_data)
    assert store.class_limits("3A") == {"images_per_day": 5}
    assert store.student_for_token(tokens[2]).label == "3A-03"
    store.close()
    assert run(capsys, "class", "create", "3A", "--students", "1", "--data", str(gateway_data))[0] == 2
    code, out, _ = run(capsys, "class", "create", "hub-3B", "--students", "0", "--data", str(gateway_data))
    assert code == 0 and "hub users" in out and not (gateway_data / "cards" / "hub-3B.html").exists()
    assert run(capsys, "class", "create", "bad name!", "--students", "1", "--data", str(gateway_data))[0] == 2


def test_class_add_set_list_and_revoke(capsys, gateway_data):
    run(capsys, "class", "create", "5B", "--students", "2", "--data", str(gateway_data))
    code, out, _ = run(capsys, "class", "add", "5B", "--students", "1", "--data", str(gateway_data))
    assert code == 0 and "5B-03" in out
    [token] = tokens_in(out)
    assert run(capsys, "class", "set", "5B", "--requests-per-day", "9", "--data", str(gateway_data))[0] == 0
    code, out, _ = run(capsys, "class", "list", "--data", str(gateway_data))
    assert "5B: 3 active students" in out and "9 requests" in out
    code, out, _ = run(capsys, "revoke", token, "--data", str(gateway_data))
    assert code == 0 and "5B-03" in out
    code, out, _ = run(capsys, "revoke", "--student", "5B-01", "--data", str(gateway_data))
    assert code == 0 and "5B-01" in out
    assert run(capsys, "revoke", "kit-xxxx-xxxx-xxxx-xxxx", "--data", str(gateway_data))[0] == 2
    assert "1 active students (2 revoked)" in run(capsys, "class", "list", "--data", str(gateway_data))[1]


def test_blocklist_report_teacher_token_and_purge(capsys, gateway_data):
    data = ["--data", str(gateway_data)]
    run(capsys, "class", "create", "3A", "--students", "2", *data)
    assert run(capsys, "blocklist", "add", "dragon fruit", "鬼", *data)[0] == 0
    assert run(capsys, "blocklist", "list", *data)[1].split("\n")[:2] == ["dragon fruit", "鬼"]
    assert run(capsys, "blocklist", "remove", "鬼", *data)[0] == 0
    store = Store(gateway_data)
    student = store.students("3A")[0]
    store.add_usage(student.id, time.strftime("%Y-%m-%d"), requests=4, tokens=120, images=2)
    store.log(student=student, kind="text", prompt="What is a dragon?", reply="A big lizard.", status=200)
    store.log(student=student, kind="text", prompt="bad words", status=400, code="DataInspectionFailed",
              flag="safety")
    store.close()
    code, out, _ = run(capsys, "report", "--class", "3A", "--log", "5", *data)
    assert code == 0
    assert "3A-01" in out and "120" in out and "What is a dragon?" in out and "A big lizard." in out
    assert "[safety]" in out
    code, out, _ = run(capsys, "report", "--flagged", *data)
    assert "bad words" in out and "What is a dragon?" not in out
    assert run(capsys, "report", "--class", "9Z", *data)[0] == 2
    code, out, _ = run(capsys, "teacher-token", *data)
    token = out.strip().rsplit(" ", 1)[1]
    store = Store(gateway_data)
    assert store.is_teacher(token) and token not in everything_written(gateway_data)
    store.close()
    code, out, _ = run(capsys, "purge", "--older-than", "0", *data)
    assert code == 0 and "2 log line(s)" in out


def test_keys_file(tmp_path):
    keys = tmp_path / "keys.txt"
    keys.write_text("# the school's accounts\nsk-aaaaaaaaaaaaaaaa  school-a\nsk-bbbbbbbbbbbbbbbb school-a\n"
                    "sk-cccccccccccccccc\n")
    os.chmod(keys, 0o600)
    found = read_keys(keys)
    assert [k.account for k in found] == ["school-a", "school-a", ""]
    assert "sk-aaaa" not in repr(found)
    os.chmod(keys, 0o644)
    with pytest.raises(ConfigProblem, match="chmod 600"):
        read_keys(keys)
    assert read_keys(None, environ={}) == []


def test_serve_without_a_key_says_what_to_do(capsys, gateway_data, monkeypatch):
    monkeypatch.delenv("DASHSCOPE_API_KEY", raising=False)
    code, _, err = run(capsys, "serve", "--data", str(gateway_data), "--port", "0")
    assert code == 2 and "DASHSCOPE_API_KEY" in err


def test_serve_runs_until_interrupted_and_never_prints_the_key(gateway_upstream, gateway_data, capsys, tmp_path):
    _, out, _ = run(capsys, "class", "create", "3A", "--students", "1", "--data", str(gateway_data))
    [token] = tokens_in(out)
    env = {**os.environ, "DASHSCOPE_API_KEY": SENTINEL_KEY, "NO_PROXY": "127.0.0.1", "no_proxy": "127.0.0.1"}
    process = subprocess.Popen(
        [sys.executable, "-m", "kit.gateway", "serve", "--data", str(gateway_data), "--port", "0",
         "--upstream", gateway_upstream.base_url, "--poll-interval", "0.05"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env, cwd=tmp_path)
    try:
        banner = []
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            line = process.stdout.readline()
            banner.append(line)
            if not line or "Ctrl-C" in line:
                break
        text = "".join(banner)
        assert "teacher token (shown once" in text, text
        url = text.split("gateway on ", 1)[1].split()[0]
        answer = requests.post(url + "/api/v1/services/aigc/text-generation/generation", timeout=10,
                               headers={"Authorization": f"Bearer {token}"},
                               json={"model": "qwen-flash", "input": {"prompt": "hello from a subprocess"}})
        assert answer.status_code == 200 and "hello from a subprocess" in answer.text
        teacher = text.split("keep it): ", 1)[1].split()[0]
        assert requests.get(url + "/teacher", auth=("t", teacher), timeout=10).status_code == 200
    finally:
        process.send_signal(signal.SIGINT)
        out, err = process.communicate(timeout=20)
    assert process.returncode == 0
    assert "POST /api/v1/services/aigc/text-generation/generation 200" in err
    assert SENTINEL_KEY not in text + out + err
    assert token not in text + out + err
