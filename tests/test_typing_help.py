"""Code typed with a Chinese input method on: full-width punctuation is fixed when that is unambiguous, and the
other slips (a missing closing quote, words without quotes) get a kind bilingual card with the corrected line.
The last test runs the cells in a real IPython kernel, as a child's notebook does."""

from __future__ import annotations

import os

import pytest

from kit.typing_help import TypingSlip, read_cell

PANDA = "請寫三句關於熊貓的故事。"


@pytest.mark.parametrize(("typed", "runs"), [
    (f"my_prompt = “{PANDA}”", f'my_prompt = "{PANDA}"'),
    (f"my_prompt = 「{PANDA}」", f'my_prompt = "{PANDA}"'),
    (f'my_prompt = "{PANDA}”', f'my_prompt = "{PANDA}"'),                 # the keyboard switched halfway
    ("reply = kit.ask（“你好”，seed=3）", 'reply = kit.ask("你好",seed=3)'),
    ("my_hero = ‘Lulu’", "my_hero = 'Lulu'"),
])
def test_full_width_punctuation_outside_quotes_is_made_plain(typed, runs):
    fixed, changes, slip = read_cell(typed)
    assert (fixed, slip) == (runs, None) and changes


@pytest.mark.parametrize("typed", ['x = "他說「你好」，好"  # 註解，好', 's = """多行\n“字”"""', "print('，')"])
def test_text_inside_quotes_and_comments_is_never_touched(typed):
    assert read_cell(typed) == (typed, [], None)


@pytest.mark.parametrize(("typed", "reason", "corrected"), [
    (f'my_prompt = "{PANDA}', "unclosed", f'my_prompt = "{PANDA}"'),
    ('kit.ask("請寫三句)', "unclosed", 'kit.ask("請寫三句")'),
    (f"my_prompt = {PANDA}", "unquoted", f'my_prompt = "{PANDA}"'),
    ("my_prompt = 熊貓故事", "unquoted", 'my_prompt = "熊貓故事"'),            # compiles, but a NameError
    (f"kit.ask({PANDA}, seed=3)", "unquoted", f'kit.ask("{PANDA}", seed=3)'),
    ('my_prompt = "你好"。', "stray", 'my_prompt = "你好"'),
])
def test_other_slips_get_a_card_with_the_corrected_line(typed, reason, corrected):
    fixed, changes, slip = read_cell(typed)
    assert fixed == typed and not changes
    assert isinstance(slip, TypingSlip) and (slip.reason, slip.corrected) == (reason, corrected)
    assert slip.zh.startswith("第 1 行") and slip.en.startswith("Line 1")


def test_a_chinese_name_defined_before_is_left_alone():
    assert read_cell("print(熊貓)", {"熊貓": "🐼"}) == ("print(熊貓)", [], None)
    assert read_cell("熊貓 = 1\nprint(熊貓)") == ("熊貓 = 1\nprint(熊貓)", [], None)


def test_the_card_points_at_the_character():
    slip = read_cell(f'my_prompt = "{PANDA}')[2]
    card = slip._repr_html_()
    assert "kit-error" in card and "打字的小錯誤" in card
    pointer_line = card.split("<pre")[1].split("\n")[1]
    assert pointer_line == " " * len("my_prompt = ") + "^"
    assert f"✅ my_prompt = &quot;{PANDA}&quot;" in card


# --- in a real kernel --------------------------------------------------------------------------------------

def _run(client, code):
    """Execute one cell; return (text printed, HTML shown, the error's name from the reply, or None)."""
    printed, shown = [], []

    def collect(msg):
        kind, content = msg["msg_type"], msg["content"]
        if kind == "stream":
            printed.append(content["text"])
        elif kind == "error":
            printed.append("\n".join(content["traceback"]))
        elif kind in ("display_data", "execute_result"):
            shown.append(content["data"].get("text/html", "") + content["data"].get("text/plain", ""))

    reply = client.execute_interactive(code, output_hook=collect, timeout=60)["content"]
    return "".join(printed), "".join(shown), reply.get("ename") if reply["status"] == "error" else None


@pytest.mark.notebook
def test_in_a_real_kernel(tmp_path):
    jupyter_client = pytest.importorskip("jupyter_client")
    env = {**os.environ, "KIT_NO_PROMPT": "1", "MPLBACKEND": "Agg"}
    manager, client = jupyter_client.manager.start_new_kernel(kernel_name="python3", cwd=str(tmp_path), env=env)
    try:
        _run(client, f"import kit\nkit.setup('offline', language='zh-Hant', workdir={str(tmp_path)!r}, quiet=True)")

        out, _shown, error = _run(client, f"my_prompt = “{PANDA}”\nprint(my_prompt)")
        assert error is None and PANDA in out
        assert out.index("已把中文輸入法打出的符號改好") < out.index("In code")      # Chinese first, say what changed
        assert "“ → \"" in out

        for typed, corrected in ((f'my_prompt = "{PANDA}', f'my_prompt = &quot;{PANDA}&quot;'),
                                 (f"my_prompt = {PANDA}", f'my_prompt = &quot;{PANDA}&quot;'),
                                 ("my_prompt = 熊貓故事", "my_prompt = &quot;熊貓故事&quot;")):      # else a NameError
            out, shown, error = _run(client, typed)
            assert error == "TypingSlip" and "SyntaxError" not in out and "NameError" not in out
            assert "kit-error" in shown and f"✅ {corrected}" in shown and "^" in shown
            assert shown.index("第 1 行") < shown.index("Line 1")

        out, _shown, error = _run(client, "print(1 + 1)")
        assert error is None and out.strip() == "2"
    finally:
        client.stop_channels()
        manager.shutdown_kernel(now=True)


def test_the_transformer_is_registered_once(monkeypatch):
    from IPython.core.interactiveshell import InteractiveShell

    from kit import typing_help

    existed = InteractiveShell.initialized()
    shell = InteractiveShell.instance()
    monkeypatch.setattr(shell, "input_transformers_post", [])
    try:
        typing_help.install_typing_help()
        typing_help.install_typing_help()
        assert shell.input_transformers_post == [typing_help.transform]
        assert shell.transform_cell("x = 「你好」\n") == 'x = "你好"\n'
    finally:
        if not existed:          # leave no IPython shell behind for the other tests
            InteractiveShell.clear_instance()
