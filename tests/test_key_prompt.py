"""No hidden box stops Run All: without a key, a real kernel runs the set-up straight through, offline.

The kernel is started as JupyterLab starts it (stdin allowed, no CI or papermill variables), so a ``getpass``
prompt would show up here as an ``input_request`` on the stdin channel.
"""

import os
import queue

import pytest
from jupyter_client.manager import start_new_kernel

pytestmark = [pytest.mark.notebook, pytest.mark.slow]

CLEAN = ("CI", "KIT_NO_PROMPT", "PAPERMILL_EXECUTION", "DASHSCOPE_API_KEY", "KIT_BACKEND", "JUPYTERHUB_API_TOKEN")


@pytest.fixture(scope="module")
def kernel(tmp_path_factory):
    env = {k: v for k, v in os.environ.items() if k not in CLEAN}
    env["KIT_WORKDIR"] = str(tmp_path_factory.mktemp("kit-work"))
    manager, client = start_new_kernel(kernel_name="python3", env=env)
    yield client
    client.stop_channels()
    manager.shutdown_kernel(now=True)


def run(client, code: str) -> tuple[str, list[str]]:
    """Run code with stdin allowed; return its printed text and every prompt the kernel asked (each answered empty)."""
    msg_id = client.execute(code, allow_stdin=True)
    printed, prompts = [], []
    while True:
        try:
            request = client.stdin_channel.get_msg(timeout=0.2)
            prompts.append(request["content"]["prompt"])
            client.input("")
        except queue.Empty:
            pass
        try:
            msg = client.iopub_channel.get_msg(timeout=0.2)
        except queue.Empty:
            continue
        if msg["parent_header"].get("msg_id") != msg_id:
            continue
        if msg["msg_type"] == "stream":
            printed.append(msg["content"]["text"])
        if msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle":
            return "".join(printed), prompts


def test_without_a_key_the_set_up_never_waits_and_says_offline_once(kernel):
    printed, prompts = run(kernel, "import kit\nkit.setup(None, language='zh-Hant')")
    assert prompts == []
    assert printed.count("離線模式") == 1 and 'backend 設為 "dashscope"' in printed
    printed, prompts = run(kernel, "print(kit.ask('Write one line about a kite', seed=1).text[:0] + 'ran on')")
    assert prompts == [] and "ran on" in printed


def test_a_child_who_chose_dashscope_is_asked_in_a_hidden_box(kernel):
    _printed, prompts = run(kernel, "import kit\ntry:\n    kit.setup('dashscope')\nexcept kit.KitError:\n    pass")
    assert len(prompts) == 1 and "API" in prompts[0]
