"""Checks and hints of lessons 00-02: every exercise passes a good answer, kindly refuses a weak one and the
placeholder, and gives hints that get more telling (the last one repeats). Plus the shape of the six notebooks.
"""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest

import kit
from kit import lessons
from kit.lessons.editions import student_source

ROOT = Path(__file__).resolve().parents[1]
IDS = ("0.1", "0.2", "1.1", "1.2", "1.3", "2.1", "2.2", "2.3")
CJK = re.compile(r"[\u3400-\u9fff]")

# exercise id -> (answers that pass, answers that do not, the placeholder of the student line)
CASES = {
    "0.1": (["offline", "離線", "Offline mode", "the practice model"],
            ["online", "連線", "Qwen", "banana"],
            ["✏️ offline or online?", "✏️ 離線還是連線？"]),
    "0.2": (["Tell me a fun fact about pandas.", "Why do we see rainbows?", "講個笑話", "為甚麼會有彩虹？",
             "Write a story about a cat who lives in Hong Kong.", "I want a story about a dragon."],
            ["hello", "I like cats", "熊貓", "你好"],
            ["✏️ Write your prompt here", "✏️ 在這裏寫你的提示詞"]),
    "1.1": (["Write exactly three sentences about a panda who loves dim sum.", "用三句寫一隻愛吃點心的熊貓。",
             "Tell me 3 facts about the Peak Tram", "In under 50 words, describe a robot chef in Mong Kok",
             "用三句寫一隻叫咪咪的勇敢小貓，牠住在大嶼山。"],
            ["Write about a cat", "Write three sentences about a cat", "Write a story about a cat who is scared of water",
             "寫一個關於貓的故事", "用三句寫一個關於貓的故事", "寫一隻怕水的貓，短一點", "cat"],
            ["✏️ Write your prompt here", "✏️ 在這裏寫你的提示詞"]),
    "1.2": (["You are a friendly museum guide. Answer in two short sentences for children.",
             "You are a friendly robot. Use simple words for young children.",
             "你是一位親切的博物館導賞員。用兩句簡單的話回答小朋友。", "你是一個友善的機械人。用簡單的字，講給小朋友聽。"],
            ["Be nice", "You are a pirate.", "你是一位海盜船長。", "Answer in two sentences."],
            ["✏️ Write your system prompt here", "✏️ 在這裏寫你的系統提示詞"]),
    "1.3": (["Make it shorter: two sentences, and give it a happy ending.", "Make it funnier.",
             "把它改短一點，只用兩句，再加一個開心的結局。", "好笑一點。", "Add a friendly owl to the story."],
            ["make it better", "again", "寫好啲", "shorter", "ok"],
            ["✏️ Write your follow-up here", "✏️ 在這裏寫你的追問"]),
    "2.1": ([0, 0.2, "0", "0.3", 0.0],
            [0.7, 1.2, "1.4", 3, -1, "hot", None],
            ["✏️ a number from 0 to 2", "✏️ 由 0 至 2 的數字"]),
    "2.2": (["B", "b", "(B)", " B ", "B."],
            ["A", "C", "(A)", "Banana", "AB", ""],
            ["✏️ A, B or C", "✏️ A、B 還是 C？"]),
    "2.3": ([{"temperature": 1.0, "seed": 42}, {"temperature": 0.7, "seed": 0},
             {"temperature": "1.2", "seed": "7"}, {"temperature": 1.5, "seed": 2024, "top_p": 0.9}],
            [{"temperature": 0.2, "seed": 4}, {"temperature": 1.9, "seed": 4}, {"temperature": 1.0, "seed": 4.5},
             {"temperature": 1.0, "seed": -3}, {"temperature": 1.0}, {"seed": 4}, {"temperature": 2.5, "seed": 1},
             {"temperature": 1.0, "seed": 4, "top_p": 0}, "1.0", 42],
            [{"temperature": "✏️", "seed": "✏️"}, {"temperature": 1.0, "seed": "✏️"}]),
}

# what the last hint offers to copy (in English, in Chinese); each must pass its own check
LAST_HINT_SAMPLES = {
    "0.1": ('"offline"', '"離線"', "offline"),
    "0.2": ("Tell me a fun fact about pandas.", "請告訴我一個關於熊貓的有趣知識。", None),
    "1.1": ("Write exactly three sentences about a panda who loves dim sum.", "用三句寫一隻愛吃點心的熊貓。", None),
    "1.2": ("You are a friendly museum guide. Answer in two short sentences for children.",
            "你是一位親切的博物館導賞員。用兩句簡單的話回答小朋友。", None),
    "1.3": ("Make it shorter: two sentences, and give it a happy ending.", "把它改短一點，只用兩句，再加一個開心的結局。", None),
    "2.1": ("my_temperature = 0", "my_temperature = 0", 0),
    "2.3": ('{"temperature": 1.0, "seed": 42}', '{"temperature": 1.0, "seed": 42}', {"temperature": 1.0, "seed": 42}),
}


@pytest.fixture(autouse=True)
def _offline(tmp_path, monkeypatch):
    monkeypatch.setattr(lessons, "_hints_given", {})    # hints count per kernel: start each test at the first
    kit.setup("offline", workdir=tmp_path, quiet=True)


def _cases(kind: int):
    return [(exercise_id, answer) for exercise_id, case in CASES.items() for answer in case[kind]]


@pytest.mark.parametrize(("exercise_id", "answer"), _cases(0))
def test_good_answer_passes(exercise_id, answer):
    result = kit.check(exercise_id, answer)
    assert result.ok, (exercise_id, answer, result.verdict.en)
    assert bool(result) is True
    assert result.verdict.en and CJK.search(result.verdict.zh)


@pytest.mark.parametrize(("exercise_id", "answer"), _cases(1))
def test_weak_answer_says_not_yet_and_why(exercise_id, answer):
    result = kit.check(exercise_id, answer)
    assert not result.ok, (exercise_id, answer)
    assert result.verdict.en.startswith(("Not yet", "Nearly")), result.verdict.en
    assert result.verdict.zh.startswith(("未完成", "差不多")), result.verdict.zh
    assert "could not read" not in result.verdict.en       # the checker understood it, and says why


@pytest.mark.parametrize(("exercise_id", "answer"), _cases(2))
def test_placeholder_is_a_kind_not_yet(exercise_id, answer):
    result = kit.check(exercise_id, answer)
    assert not result.ok
    assert result.verdict.en.startswith("Not yet") and "✏️" in result.verdict.en
    assert result.verdict.zh.startswith("未完成")
    assert "🔁" in repr(result) and "kit-check" in result._repr_html_()


@pytest.mark.parametrize("exercise_id", IDS)
@pytest.mark.parametrize("odd", [None, 42, [], {}, object()])
def test_odd_answers_never_raise(exercise_id, odd):
    verdict = lessons.load_all()[exercise_id].checker(odd)     # the checker itself, not kit.check's safety net
    assert isinstance(verdict, lessons.Verdict) and not verdict.ok
    assert not kit.check(exercise_id, odd).ok


def test_which_mode_follows_the_backend(tmp_path):
    kit.setup("dashscope", api_key="sk-" + "x" * 20, workdir=tmp_path / "online", quiet=True)
    assert kit.check("0.1", "online").ok
    assert kit.check("0.1", "連線").ok
    offline = kit.check("0.1", "offline")
    assert not offline.ok and "no 🔌" in offline.verdict.en
    kit.setup("replay", workdir=tmp_path / "replay", quiet=True)
    assert kit.check("0.1", "replay").ok


def test_a_reply_or_a_chat_counts_as_its_prompt():
    reply = kit.ask("Write exactly three sentences about a panda who loves dim sum.")
    assert kit.check("1.1", reply).ok
    assert kit.check("0.2", reply).ok
    chat = kit.Chat("You are a friendly robot. Use simple words for young children.")
    assert kit.check("1.2", chat).ok
    assert not kit.check("1.2", kit.Chat()).ok


def test_checks_are_recorded_in_progress(tmp_path):
    kit.check("1.1", "✏️ Write your prompt here")
    kit.check("1.1", "Write exactly three sentences about a panda who loves dim sum.")
    import json

    progress = json.loads((tmp_path / "progress.json").read_text(encoding="utf-8"))
    assert progress["1.1"]["attempts"] == 2 and progress["1.1"]["solved"] is True


@pytest.mark.parametrize("exercise_id", IDS)
def test_hints_get_more_telling_and_the_last_repeats(exercise_id):
    first = kit.hint(exercise_id)
    total = first.total
    assert 2 <= total <= 4
    given = [first] + [kit.hint(exercise_id) for _ in range(total)]   # one more than there are
    assert [h.number for h in given] == list(range(1, total + 1)) + [total]
    assert given[-1].en == given[-2].en and given[-1].zh == given[-2].zh
    texts = [h.en for h in given[:total]]
    assert len(set(texts)) == total                                     # each hint says something new
    assert all(h.en and CJK.search(h.zh) for h in given)
    last = given[-1]
    if exercise_id == "2.2":                                            # rules out the two wrong choices
        assert "A" in last.en and "C" in last.en and "A" in last.zh and "C" in last.zh
        return
    en, zh, answer = LAST_HINT_SAMPLES[exercise_id]
    assert en in last.en and zh in last.zh
    for sample in ((answer,) if answer is not None else (en, zh)):
        assert kit.check(exercise_id, sample).ok, (exercise_id, sample)
    assert not any(en in h.en for h in given[:total - 1])               # only the last one gives it away


def test_hint_card_shows_both_languages():
    card = kit.hint("1.1")
    html = card._repr_html_()
    assert 'lang="en"' in html and 'lang="zh-Hant"' in html and "1/3" in html


# --- the six teacher notebooks --------------------------------------------------------------------------------

NOTEBOOKS = {"00-start-here": ("0.1", "0.2"), "01-talking-to-qwen": ("1.1", "1.2", "1.3"),
             "02-creativity-dials": ("2.1", "2.2", "2.3")}


@pytest.mark.parametrize("language", ("en", "zh-Hant"))
@pytest.mark.parametrize("slug", sorted(NOTEBOOKS))
def test_teacher_notebook_follows_the_template(slug, language):
    nb = nbformat.read(ROOT / "solutions" / language / f"{slug}.ipynb", as_version=4)
    nbformat.validate(nb)
    assert nb.metadata.kernelspec.name == "python3"
    code = [cell for cell in nb.cells if cell.cell_type == "code"]
    assert all(not cell.outputs and cell.execution_count is None for cell in code)
    assert "import kit" in code[0].source
    assert code[1].metadata.get("tags") == ["parameters"] and f'language = "{language}"' in code[1].source
    assert code[2].source == "kit.setup(backend, language=language)"
    sources = "\n".join(cell.source for cell in code)
    for exercise_id in NOTEBOOKS[slug]:
        assert f'kit.check("{exercise_id}", ' in sources and f'kit.hint("{exercise_id}")' in sources
    assert sources.count("kit.playground(") == 1
    assert any("teacher" in cell.metadata.get("tags", []) for cell in nb.cells)
    for cell in code[1:]:                                      # the set-up cell: tests/test_colab_setup.py
        if "### BEGIN SOLUTION" in cell.source:
            student = student_source(cell.source)
            assert "✏️" in student and "BEGIN" not in student and "STUDENT" not in student
        assert len(student_source(cell.source).splitlines()) <= 6
    markdown = "\n".join(cell.source for cell in nb.cells if cell.cell_type == "markdown")
    if language == "zh-Hant":
        prompts = re.findall(r'kit\.ask\("([^"]+)"', sources) + re.findall(r'\.say\("([^"]+)"', sources)
        assert prompts and all(CJK.search(p) for p in prompts)          # Chinese prompts in the Chinese edition
        assert "这" not in markdown and "么" not in markdown and "说" not in markdown   # Traditional only
        assert "提示詞" in markdown
    else:
        assert not CJK.search(sources)                                  # English prompts in the English one


@pytest.mark.slow
@pytest.mark.notebook
@pytest.mark.parametrize("language", ("en", "zh-Hant"))
@pytest.mark.parametrize("slug", sorted(NOTEBOOKS))
def test_teacher_notebook_runs_offline(slug, language, tmp_path, monkeypatch):
    papermill = pytest.importorskip("papermill")
    monkeypatch.setenv("KIT_BACKEND", "offline")
    out = tmp_path / "out.ipynb"
    papermill.execute_notebook(str(ROOT / "solutions" / language / f"{slug}.ipynb"), str(out),
                               kernel_name="python3", cwd=str(tmp_path), progress_bar=False)
    ran = nbformat.read(out, as_version=4)
    errors = [o for cell in ran.cells if cell.cell_type == "code" for o in cell.outputs
              if o.output_type == "error"]
    assert not errors
    checks = [o["data"]["text/plain"] for cell in ran.cells if cell.cell_type == "code"
              and "kit.check(" in cell.source for o in cell.outputs if "data" in o]
    assert len(checks) == len(NOTEBOOKS[slug]) and all("✅" in text for text in checks)


def test_1_1_reads_the_real_models_reply_for_the_asked_length(tmp_path):
    from kit.text import Reply

    prompt = "Write exactly three sentences about a panda who loves dim sum."
    kept = Reply(text="Pan Pan loves dim sum. He eats ten buns. Then he naps!", model="qwen-plus",
                 backend="dashscope", prompt=prompt)
    longer = Reply(text="Pan Pan loves dim sum. He eats ten buns. Then he naps. The end.", model="qwen-plus",
                   backend="dashscope", prompt="用三句寫一隻愛吃點心的熊貓。")
    assert "kept to it" in kit.check("1.1", kept).verdict.en
    result = kit.check("1.1", longer)
    assert result.ok and "4 句，不是 3 句" in result.verdict.zh        # a good prompt stays good: only a note
    offline = Reply(text="One. Two.", model="offline", backend="offline", prompt=prompt)
    assert "Qwen" not in kit.check("1.1", offline).verdict.en.split("guess now.")[1]
