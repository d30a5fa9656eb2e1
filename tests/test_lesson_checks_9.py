"""Checks and hints of lesson 09 (using AI well): every exercise passes a good answer, kindly refuses a weak one
and the placeholder, says why, and gives hints that get more telling. Plus the shape of the two notebooks, and
that they run top to bottom offline with every check solved.
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
SLUG = "09-using-ai-well"
IDS = ("9.1", "9.2", "9.3")
CJK = re.compile(r"[\u3400-\u9fff]")

# exercise id -> (answers that pass, answers that do not, the placeholder of the student line)
CASES = {
    "9.1": (["a girl scientist looking at the stars at night, watercolour", "a grandma who is a pilot",
             "a team of doctors of all ages", "a firefighter in a wheelchair, cartoon",
             "一個愛做科學實驗的女孩，晚上在山頂看星星", "一位做機師的婆婆", "一位坐輪椅的工程師"],
            ["a scientist", "a doctor in a hospital", "一位科學家", "a girl in the park", "一個女孩在公園",
             "an ugly old doctor", "醜陋的醫生婆婆", "girl"],
            ["✏️ Write your picture prompt here", "✏️ 在這裏寫你的圖畫提示詞"]),
    "9.2": (["Ocean Park's own website, and a library book about Hong Kong", "a library book", "ask my teacher",
             "the government website", "海洋公園的官方網站，還有圖書館裏介紹香港的書", "天文台", "政府網站",
             "Ask Qwen, then check in an encyclopedia"],
            ["ask Qwen again", "再問通義千問", "ChatGPT", "Google", "上網搜尋", "a website", "ask my mum", "問媽媽",
             "my friend"],
            ["✏️ Where would you check?", "✏️ 在這裏寫你會到哪裏查證"]),
    "9.3": ([("I used Qwen to suggest ideas and Wanxiang to draw the pictures. I wrote the story in my own words "
              "and chose which pictures to keep."),
             ("I used the kit's offline practice model to write a first draft. I changed the ending and chose the "
              "title."),
             "Qwen gave me three ideas for a title. I picked one and wrote every page myself.",
             "I did not use AI. I wrote and drew everything myself.",
             "我用了通義千問幫我想故事點子，用通義萬相畫圖畫。故事是我自己寫的，圖畫也是我自己選的。",
             "通義萬相畫了封面。其他圖畫是我親手畫的。", "我沒有用 AI，全部由我自己完成。"],
            ["AI wrote my story.", "I used Qwen.", "I used Qwen for my project and it was fun to use.",
             "AI wrote my whole story and drew the pictures.", "Qwen helped me write the story.",
             "I wrote the story myself and drew the pictures.", "我用了通義千問。",
             "通義千問幫我寫了故事，通義萬相畫了圖畫。", "故事是我自己寫的，圖畫也是我自己畫的。"],
            ["✏️ Write your AI-use statement here", "✏️ 在這裏寫你的 AI 使用聲明"]),
}

# what the last hint offers to copy (in English, in Chinese); each must pass its own check
LAST_HINT_SAMPLES = {
    "9.1": ("a girl scientist looking at the stars at night, watercolour", "一個愛做科學實驗的女孩，晚上在山頂看星星"),
    "9.2": ("Ocean Park's own website, and a library book about Hong Kong", "海洋公園的官方網站，還有圖書館裏介紹香港的書"),
    "9.3": (("I used Qwen to suggest ideas and Wanxiang to draw the pictures. I wrote the story in my own words "
             "and chose which pictures to keep."),
            "我用了通義千問幫我想故事點子，用通義萬相畫圖畫。故事是我自己寫的，圖畫也是我自己選的。"),
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
    assert result.verdict.en and CJK.search(result.verdict.zh)


@pytest.mark.parametrize(("exercise_id", "answer"), _cases(1))
def test_weak_answer_says_not_yet_and_why(exercise_id, answer):
    result = kit.check(exercise_id, answer)
    assert not result.ok, (exercise_id, answer)
    assert result.verdict.en.startswith(("Not yet", "Nearly")), result.verdict.en
    assert result.verdict.zh.startswith(("未完成", "差不多")), result.verdict.zh
    assert "could not read" not in result.verdict.en


@pytest.mark.parametrize(("exercise_id", "answer"), _cases(2))
def test_placeholder_is_a_kind_not_yet(exercise_id, answer):
    result = kit.check(exercise_id, answer)
    assert not result.ok
    assert result.verdict.en.startswith("Not yet") and "✏️" in result.verdict.en
    assert result.verdict.zh.startswith("未完成")


@pytest.mark.parametrize("exercise_id", IDS)
@pytest.mark.parametrize("odd", [None, 42, [], {}, object()])
def test_odd_answers_never_raise(exercise_id, odd):
    assert not kit.check(exercise_id, odd).ok


def test_each_verdict_says_what_is_missing():
    """The three parts of an AI-use statement are asked for one at a time, in order."""
    assert "which AI tool" in kit.check("9.3", "I wrote the story myself and drew the pictures.").verdict.en
    assert "what it did" in kit.check("9.3", "I used Qwen for my project and it was fun to use.").verdict.en
    assert "YOU did" in kit.check("9.3", "Qwen helped me write the story and the ending.").verdict.en
    # "I wrote" is the child's own part: it must not count as what the AI did
    assert "what it did" in kit.check("9.3", "I used Qwen. I wrote the story myself.").verdict.en
    # 「幫我寫」 is the AI writing for the child, not the child writing
    assert "YOU did" in kit.check("9.3", "通義千問幫我寫了故事，通義萬相幫我畫了圖畫。").verdict.en
    assert "kindly" in kit.check("9.1", "a stupid scientist").verdict.en
    assert "Which website" in kit.check("9.2", "search on Google").verdict.en


def test_a_picture_counts_as_its_prompt():
    picture = kit.draw("a grandpa who is a chef, cartoon", size="small", seed=1)
    assert kit.check("9.1", picture).ok
    assert not kit.check("9.1", kit.draw("a chef", size="small", seed=1)).ok


@pytest.mark.parametrize("exercise_id", IDS)
def test_hints_get_more_telling_and_the_last_repeats(exercise_id):
    first = kit.hint(exercise_id)
    total = first.total
    assert 2 <= total <= 4
    given = [first] + [kit.hint(exercise_id) for _ in range(total)]   # one more than there are
    assert [h.number for h in given] == list(range(1, total + 1)) + [total]
    assert given[-1].en == given[-2].en and given[-1].zh == given[-2].zh
    assert len({h.en for h in given[:total]}) == total
    assert all(h.en and CJK.search(h.zh) for h in given)
    en, zh = LAST_HINT_SAMPLES[exercise_id]
    assert en in given[-1].en and zh in given[-1].zh
    assert kit.check(exercise_id, en).ok and kit.check(exercise_id, zh).ok
    assert not any(en in h.en for h in given[:total - 1])             # only the last one gives it away


# --- the two teacher notebooks ---------------------------------------------------------------------------------

@pytest.mark.parametrize("language", ("en", "zh-Hant"))
def test_teacher_notebook_follows_the_template(language):
    nb = nbformat.read(ROOT / "solutions" / language / f"{SLUG}.ipynb", as_version=4)
    nbformat.validate(nb)
    assert nb.metadata.kernelspec.name == "python3"
    assert nb.cells[0].source.startswith("# Lesson 9 · " if language == "en" else "# 第 9 課 · ")
    code = [cell for cell in nb.cells if cell.cell_type == "code"]
    assert all(not cell.outputs and cell.execution_count is None for cell in code)
    assert "import kit" in code[0].source and "KIT_PIP_SOURCE" in code[0].source
    assert code[1].metadata.get("tags") == ["parameters"] and f'language = "{language}"' in code[1].source
    assert code[2].source == "kit.setup(backend, language=language)"
    sources = "\n".join(cell.source for cell in code)
    for exercise_id in IDS:
        assert f'kit.check("{exercise_id}", ' in sources and f'kit.hint("{exercise_id}")' in sources
    assert sources.count('kit.playground("ask"') == 1 and sources.count("kit.playground(") == 1
    assert 'kit.SafetyBlocked("generic")' in sources and 'kit.SafetyBlocked("ip")' in sources
    assert sum("teacher" in cell.metadata.get("tags", []) for cell in nb.cells) >= 3
    for cell in code[1:]:                                      # the set-up cell: tests/test_colab_setup.py
        student = student_source(cell.source)
        if "### BEGIN SOLUTION" in cell.source:
            assert "✏️" in student and "BEGIN" not in student and "STUDENT" not in student
        assert len(student.splitlines()) <= 6
    markdown = "\n".join(cell.source for cell in nb.cells if cell.cell_type == "markdown")
    if language == "zh-Hant":
        prompts = re.findall(r'kit\.(?:ask|draw)\("([^"]+)"', sources) + re.findall(r'\["([^"]+)"\] \* 4', sources)
        assert prompts and all(CJK.search(p) for p in prompts)          # Chinese prompts in the Chinese edition
        assert not set("这么说们时") & set(markdown + sources)            # Traditional only
        for term in ("提示詞", "安全過濾", "離線模式", "偏見", "AI 使用聲明"):
            assert term in markdown
    else:
        assert not CJK.search(sources)                                  # English prompts in the English one


@pytest.mark.slow
@pytest.mark.notebook
@pytest.mark.parametrize("language", ("en", "zh-Hant"))
def test_teacher_notebook_runs_offline(language, tmp_path, monkeypatch):
    papermill = pytest.importorskip("papermill")
    monkeypatch.setenv("KIT_BACKEND", "offline")
    out = tmp_path / "out.ipynb"
    papermill.execute_notebook(str(ROOT / "solutions" / language / f"{SLUG}.ipynb"), str(out),
                               kernel_name="python3", cwd=str(tmp_path), progress_bar=False)
    ran = nbformat.read(out, as_version=4)
    errors = [o for cell in ran.cells if cell.cell_type == "code" for o in cell.outputs
              if o.output_type == "error"]
    assert not errors
    checks = [o["data"]["text/plain"] for cell in ran.cells if cell.cell_type == "code"
              and "kit.check(" in cell.source for o in cell.outputs if "data" in o]
    assert len(checks) == len(IDS) and all("✅" in text for text in checks)
    cards = [o["data"].get("text/html", "") for cell in ran.cells if "kit.SafetyBlocked(" in cell.source
             for o in cell.outputs if "data" in o]
    assert len(cards) == 2 and all('class="kit-error"' in card for card in cards)


# --- what the lesson says about the offline practice model ------------------------------------------------------
# The notebooks describe what the practice model does with their examples. If the offline model changes, these
# tests say which sentence of lesson 09 to update (both editions).

@pytest.mark.parametrize(("prompt", "expected"), [
    ("Write a story about a dragon who shoots fireballs at the stars.", "kind and safe"),   # step 1: word list
    ("寫一個關於小兔用剪刀做手工的故事。", "友善和安全"),
    ("Describe a doctor.", "only know a little"),                                        # step 2: no people
    ("介紹一下護士。", "只知道一點點"),
    ("When did the Peak Tram start running?", "only know a little"),                    # step 3: honest
    ("山頂纜車是哪一年通車的？", "只知道一點點"),
])
def test_the_offline_examples_behave_as_the_lesson_says(prompt, expected):
    assert expected in kit.ask(prompt, seed=1).text


@pytest.mark.parametrize("prompt", ["Write a story about a dragon who breathes sparkly fire at the stars.",
                                    "寫一個關於小兔剪紙做手工的故事。"])
def test_the_rephrased_idea_gets_a_story(prompt):
    text = kit.ask(prompt, seed=1).text
    assert "kind and safe" not in text and "友善和安全" not in text


@pytest.mark.parametrize(("prompt", "not_expected"), [("When did Ocean Park open?", "19"),
                                                       ("海洋公園是哪一年開幕的？", "19")])
def test_ocean_park_gets_the_sea_and_no_year(prompt, not_expected):
    text = kit.ask(prompt, seed=1).text
    assert not_expected not in text and ("sea" in text.lower() or "海" in text)


def test_counting_he_and_she_finds_nothing_offline():
    texts = " ".join(kit.ask(p, seed=s).text.lower() for p in ("Describe a doctor.", "Describe a nurse.")
                     for s in (1, 2, 3)).replace(".", " ").replace(",", " ").split()
    assert texts.count("he") == texts.count("she") == texts.count("they") == 0


def test_the_pictures_are_as_described():
    scientist = kit.draw("a scientist", size="small", seed=1)
    assert "scientist" in scientist.notes["not_understood"] and not scientist.notes["understood"]
    house = kit.draw("一位科學家", size="small", seed=1)
    assert "家" in house.notes["understood"]                       # "only knows 家, so it drew a house"
    looks = {kit.draw("a child looking at the stars at night", size="small", seed=s).data for s in range(6)}
    assert len(looks) > 1
    child = kit.draw("a child looking at the stars at night", size="small", seed=1)
    assert {"child", "stars", "night"} <= set(child.notes["understood"])
