"""Checks and hints of the capstones and the hand-in: lessons 06 (storybook), 07 (interactive novel), 08 (picture
card, SEN) and 10 (hand it in). Every exercise passes a good answer, says "not yet" (or "nearly") to a weak one and
to the placeholder, says why in both languages, and gives hints that get more telling. The checkers take the kit's
own objects (Storybook, Novel, PictureStudio, PictureCard, a file path), made here on the offline backend. Plus the
shape of the eight teacher notebooks, and (slow) that they run top to bottom offline with every check solved.
"""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest
from support import SIMPLIFIED, fails, passes

import kit
from kit import lessons
from kit.lessons.editions import student_source

ROOT = Path(__file__).resolve().parents[1]
IDS = ("6.1", "6.2", "7.1", "7.2", "8.1", "8.2", "10.1", "10.2")
CJK = re.compile(r"[\u3400-\u9fff]")
THEME, THEME_ZH = "Kindness in my neighbourhood", "社區裏的關愛"


@pytest.fixture(autouse=True)
def _offline(tmp_path, monkeypatch):
    monkeypatch.setattr(lessons, "_hints_given", {})    # hints count per kernel: start each test at the first
    monkeypatch.chdir(tmp_path)                         # exports land in the test's own folder
    kit.setup("offline", workdir=tmp_path / "kit-work", quiet=True)


# --- what the checks are given: the kit's own objects, made offline ----------------------------------------------

def small_picture(prompt="a small orange cat with a green scarf", seed=11):
    return kit.draw(prompt, style="watercolour", seed=seed, size="small")


def finished_book(pages=4, *, name="ready-book", cover=True, author="Mei", alt=True, pictures=True, rewrite=True,
                  statement=f"My book fits the theme {THEME} because Pip helps three neighbours on her street."):
    """A storybook as a child hands it in: a Qwen draft rewritten by hand, pictures, descriptions, a cover."""
    book = kit.Storybook("Pip and the Kind Street", author=author, theme=THEME, name=name)
    book.theme_statement = statement
    for number in range(pages):
        text = kit.ask(f"Write two sentences for a picture book: Pip the cat helps neighbour {number + 1}.",
                       seed=number + 1) if number == 0 else f"Page {number + 1}: Pip helps another neighbour."
        book.add_page(text=text, picture=small_picture(seed=number + 1) if pictures else None,
                      alt=f"Pip helps neighbour {number + 1}." if alt else None)
    if rewrite and pages:
        book.pages[0].text = "Grandma Wong's bags are so heavy! Pip holds one handle all the way to the lift."
    if cover:
        book.set_cover(small_picture("Pip the cat waving on her street"), alt="Pip waves.")
    return book


def red_wallet(*, name="red-wallet", endings=3):
    """The lesson's sample novel: a start, two choices, a middle scene, and three endings (or fewer)."""
    novel = kit.Novel("The Red Wallet", author="Ka Ho", theme=THEME, name=name)
    novel.add_scene("lift", "You find a red wallet in the lift.",
                    choices={"Take it to the security guard": "guard", "Knock on the neighbours' doors": "doors"})
    novel.add_scene("guard", "Mr Chan opens the wallet carefully.",
                    choices={"Wait with Mr Chan": "thanks", "Leave a note on the notice board": "note"})
    novel.add_scene("doors", "A girl gasps: it is her grandpa's wallet!", ending=True)
    novel.add_scene("thanks", "An old man hurries in and shakes your hand.", ending=endings >= 2)
    novel.add_scene("note", "Someone writes under your note: thank you!", ending=endings >= 3)
    if endings < 3:
        novel.edit_scene("note", choices={"Go home": "doors"})
    if endings < 2:
        novel.edit_scene("thanks", choices={"Go home": "doors"})
    return novel


def studio_with_card(title="Mimi in the Park"):
    studio = kit.PictureStudio()
    for step, choice in (("feeling", "calm"), ("who", "cat"), ("where", "park"), ("colours", "soft"),
                         ("style", "crayon")):
        studio.choose(step, choice)
    studio.draw()
    studio.make_card(title, author="Wing")
    return studio


# --- every exercise: the placeholder, odd answers, and the languages ---------------------------------------------

@pytest.mark.parametrize("exercise_id", IDS)
@pytest.mark.parametrize("placeholder", ["✏️ Write your answer here", "✏️ 在這裏寫你的答案", "", "   ", None])
def test_placeholder_is_a_kind_not_yet(exercise_id, placeholder):
    result = fails(exercise_id, placeholder)
    assert result.verdict.en.startswith("Not yet") and result.verdict.zh.startswith("未完成")


@pytest.mark.parametrize("exercise_id", IDS)
@pytest.mark.parametrize("odd", [42, [], {}, object(), ("a", 1, None)])
def test_odd_answers_never_raise(exercise_id, odd):
    verdict = lessons.load_all()[exercise_id].checker(odd)     # the checker itself, not kit.check's safety net
    assert isinstance(verdict, lessons.Verdict) and not verdict.ok
    result = kit.check(exercise_id, odd)
    assert not result.ok
    assert "could not read" not in result.verdict.en


# --- 6.1 · My theme statement ------------------------------------------------------------------------------------

@pytest.mark.parametrize("answer", [
    (THEME, f"My book fits the theme {THEME} because Pip helps three neighbours on her street."),
    (THEME, "Pip is kind to the people on her street: she helps a grandma and waits with a lost boy."),
    (THEME, "Our story shows kindness in a neighbourhood when Lulu flies Grandma Wong's shopping upstairs."),
    (THEME_ZH, "我的故事切合「社區裏的關愛」這個主題，因為皮皮幫助了街上三位街坊。"),
    (THEME_ZH, "這個故事講述社區裏的關愛：露露幫婆婆拿餸菜，又在巴士站為小朋友擋雨。"),
    "My story fits the theme because Pip helps three neighbours on her street.",
    {"theme": "Friendship", "statement": "It is about friendship: two friends who fix a kite together after a fight."},
])
def test_6_1_passes_a_statement_that_names_the_theme_and_says_how(answer):
    passes("6.1", answer)


def test_6_1_reads_a_storybook():
    book = kit.Storybook("Pip", theme=THEME, name="statement-book")
    book.theme_statement = f"My book fits the theme {THEME} because Pip helps three neighbours."
    passes("6.1", book)
    book.theme_statement = "✏️ How does your book fit the theme?"
    assert "✏️" in fails("6.1", book).verdict.en


def test_6_1_not_yet_when_it_only_names_the_theme():
    fails("6.1", (THEME, "My story is about kindness in my neighbourhood."), "how")
    fails("6.1", (THEME_ZH, "我的故事是關於社區裏的關愛。"), "how")


def test_6_1_nearly_when_the_theme_is_not_named():
    fails("6.1", (THEME, "Pip helps a grandma, a lost boy and a shopkeeper on her street."), "name the theme")
    fails("6.1", "Pip helps three neighbours on her street and everyone is happy.", "name the theme")


def test_6_1_not_yet_when_too_short_or_no_theme_yet():
    fails("6.1", (THEME, "Kindness."), "very short")
    book = kit.Storybook("No theme", name="no-theme")
    book.theme_statement = "It fits because Pip helps three neighbours on her street."
    fails("6.1", book, "no theme")


# --- 6.2 · Ready to hand in --------------------------------------------------------------------------------------

def test_6_2_passes_a_finished_book_made_offline_as_a_rehearsal():
    book = finished_book()
    checklist = book.checklist()
    assert checklist.finished and checklist.rehearsal and not checklist.ok
    result = passes("6.2", book)
    assert "4 pages" in result.verdict.en and "rehearsal" in result.verdict.en


def test_6_2_counts_pages():
    fails("6.2", finished_book(3, name="three-pages"), "3 pages", "at least 4")
    fails("6.2", kit.Storybook("Empty", name="empty-book"), "0 pages")


def test_6_2_names_the_page_without_a_description_or_picture():
    fails("6.2", finished_book(name="no-alt", alt=False), "page 1, 2, 3, 4", "description")
    fails("6.2", finished_book(name="no-pictures", pictures=False, cover=False), "no picture")


def test_6_2_nearly_until_the_checklist_is_clean():
    result = fails("6.2", finished_book(name="no-author", author=""), "Nearly", "checklist")
    assert "name" in result.verdict.en
    fails("6.2", finished_book(name="no-cover", cover=False), "Nearly", "cover")
    fails("6.2", finished_book(name="no-rewrite", rewrite=False), "Nearly", "own words")


def test_6_2_finds_the_example_words_left_in_the_book():
    fails("6.2", finished_book(name="placeholder-author", author="✏️ Your first name or a pen name"), "your name")
    fails("6.2", finished_book(name="placeholder-statement", statement="✏️ How does your book fit the theme?"),
          "theme statement")


def test_6_2_wants_the_book_itself():
    fails("6.2", red_wallet(), "interactive novel")
    fails("6.2", "my-storybook.html", "book itself")


# --- 7.1 · My novel works ----------------------------------------------------------------------------------------

def test_7_1_passes_a_novel_where_every_path_ends():
    result = passes("7.1", red_wallet())
    assert "5 scenes and 3 endings" in result.verdict.en


def test_7_1_reports_the_first_problem_check_finds():
    broken = kit.Novel("The Lost Kite", name="broken-kite")
    broken.add_scene("park", "Your kite is stuck in a tree.", choices={"Climb the tree": "climb",
                                                                       "Ask the park keeper": "keeper"})
    broken.add_scene("climb", "The branch is thin.", choices={"Go back down": "park"})
    broken.add_scene("keepr", "The keeper brings a ladder.", ending=True)
    result = fails("7.1", broken, "check() found", "keeper")
    assert "more after that" in result.verdict.en
    broken.rename_scene("keepr", "keeper")
    broken.edit_scene("climb", choices={"Go back down": "park", "Jump down": "keeper"})
    fails("7.1", broken, "only 1 ending")


def test_7_1_wants_two_endings_and_words_everywhere():
    fails("7.1", red_wallet(name="one-ending", endings=1), "only 1 ending", "at least 2")
    novel = red_wallet(name="empty-scene")
    novel.edit_scene("note", text="")
    fails("7.1", novel, "no words", "note")


def test_7_1_starts_with_the_builders_blank_scene_as_not_yet():
    novel = kit.Novel("My Novel", name="my-novel")
    kit.NovelBuilder(novel)                 # the builder adds a blank start scene to write in
    fails("7.1", novel, "Not yet")


def test_7_1_wants_the_novel_itself():
    fails("7.1", finished_book(name="not-a-novel"), "storybook")
    fails("7.1", "my-novel.html", "novel itself")
    novel = red_wallet(name="placeholder-novel")
    novel.edit_scene("doors", text="✏️ Write this scene")
    fails("7.1", novel, "doors", "✏️")


# --- 7.2 · Real choices ------------------------------------------------------------------------------------------

@pytest.mark.parametrize("answer", [
    {"Take the wallet to the security guard": "guard", "Knock on the neighbours' doors": "doors"},
    {"把銀包交給保安員": "guard", "逐家逐戶敲門問": "doors"},
    [("Climb the tree", "climb"), ("Ask the park keeper", "keeper")],
    ["Follow the cat", "Go home for dinner"],
    "Knock on the door",
    "跟着那隻貓走",
])
def test_7_2_passes_real_choices(answer):
    passes("7.2", answer)


@pytest.mark.parametrize(("answer", "why"), [
    ("Next", "does not say what the reader will do"),
    ({"Option 1": "a", "Option 2": "b"}, "does not say what the reader will do"),
    ({"Continue": "guard", "Knock on the door": "doors"}, "does not say"),
    ({"下一頁": "a", "敲門": "b"}, "does not say"),
    ("What do you do?", "question"),
    ({"Open the box": "box", "Open the box.": "box2"}, "same words"),
    ({"Take it to the guard": "guard", "Keep it in your pocket": "guard"}, "same scene"),
    ("Hide", "very short"),
    ("Walk slowly all the way down the long dark corridor to the very last door on the left side", "long"),
])
def test_7_2_refuses_a_choice_that_is_not_real(answer, why):
    fails("7.2", answer, why)


def test_7_2_reads_a_scene_and_a_novel():
    novel = red_wallet(name="choices-novel")
    passes("7.2", novel.scene("lift"))
    passes("7.2", novel)
    novel.edit_scene("lift", choices={"Next": "guard", "Knock on the neighbours' doors": "doors"})
    fails("7.2", novel, "Next")


def test_7_2_placeholder_dict_is_not_yet():
    result = fails("7.2", {"✏️ First choice": "scene-a", "✏️ Second choice": "scene-b"})
    assert result.verdict.en.startswith("Not yet") and "✏️" in result.verdict.en


# --- 8.1 · My picture card ---------------------------------------------------------------------------------------

def test_8_1_passes_the_studio_and_its_card():
    studio = studio_with_card()
    assert "Mimi in the Park" in passes("8.1", studio).verdict.en
    passes("8.1", studio.card)


def test_8_1_not_yet_before_the_card_is_made():
    studio = kit.PictureStudio()
    fails("8.1", studio, "not made yet", "Make my card")
    studio.choose("who", "panda")
    studio.draw()
    fails("8.1", studio, "not made yet")


def test_8_1_card_needs_a_picture_a_sentence_and_a_short_title():
    picture = small_picture("a happy panda at the beach")
    fails("8.1", kit.PictureCard(None, "Panda", "A happy panda.", name="no-picture"), "needs a picture")
    fails("8.1", kit.PictureCard(picture, "Panda", name="no-sentence"), "needs a sentence")
    long_title = "My very happy panda who loves the big blue sea at the beach"
    fails("8.1", kit.PictureCard(picture, long_title, "A happy panda.", name="long-title"), "shorter")
    fails("8.1", kit.PictureCard(picture, "✏️ A short title", "A happy panda.", name="placeholder-title"),
          "needs a title")
    fails("8.1", "Happy Panda", "your card")


# --- 8.2 · My own words ------------------------------------------------------------------------------------------

@pytest.mark.parametrize("answer", ["Mimi is calm in the park.", "I like the cat!", "Happy panda!",
                                    "咪咪在公園裏很平靜。", "我喜歡這隻貓！", "開心熊貓",
                                    "Happy", "貓", "開心", "Sad"])   # one word is a whole answer for an SEN pupil
def test_8_2_passes_short_kind_words(answer):
    passes("8.2", answer)


@pytest.mark.parametrize(("answer", "why"), [
    ("哈哈哈哈", "one word"),
    (" ".join(["The cat sits in the park and looks at the birds and the trees"] * 3), "a lot of words"),
    ("The cat is ugly.", "kind words"),
    ("Call me on 91234567", "phone"),
])
def test_8_2_refuses_with_a_warm_reason(answer, why):
    fails("8.2", answer, why)


def test_8_2_reads_a_card():
    card = studio_with_card().card
    card.sentence = "Mimi is calm in the park."
    passes("8.2", card)


# --- 10.1 · The file I hand in -----------------------------------------------------------------------------------

def test_10_1_calls_an_offline_made_file_a_rehearsal(tmp_path):
    exported = finished_book(name="export-book").export()
    result = fails("10.1", exported, "rehearsal, not an entry", "kit.setup(\"dashscope\")", "page 1")
    assert exported.name in result.verdict.en
    fails("10.1", str(exported), "rehearsal")
    fails("10.1", red_wallet(name="export-novel").export(), "not an entry", "no picture")
    fails("10.1", studio_with_card().card.export(), "rehearsal")


def test_10_1_refuses_an_empty_or_one_page_book(tmp_path):
    empty = kit.Storybook("Empty", author="Mei", theme=THEME, name="empty").export()
    fails("10.1", empty, "not an entry", "no pages")
    one = finished_book(1, name="one-page").export()
    result = fails("10.1", one, "not an entry", "only 1 page", "rehearsal")
    assert "entry needs at least 2" in result.verdict.en


def test_10_1_refuses_a_book_without_alt_text_or_theme_statement(tmp_path):
    fails("10.1", finished_book(name="no-alt", alt=False).export(), "not an entry", "describe the picture")
    fails("10.1", finished_book(name="no-statement", statement="").export(), "not an entry", "theme")


def test_10_1_accepts_a_pdf_and_refuses_a_png(tmp_path):
    (tmp_path / "book.pdf").write_bytes(b"%PDF-1.7\n" + b"0" * 1000)
    assert "checklist()" in passes("10.1", tmp_path / "book.pdf").verdict.en   # only the file could be read
    png = studio_with_card().card.save_png()
    fails("10.1", png, "PNG", "HTML file")


def test_10_1_refuses_a_missing_big_or_unfinished_file(tmp_path):
    finished_book(name="nearby").export()
    result = fails("10.1", "my-storybook.storybook.html", "no file called")
    assert "nearby.storybook.html" in result.verdict.en          # it lists the HTML files that are here
    big = tmp_path / "big.html"
    big.write_bytes(b"<!DOCTYPE html><html>" + b" " * 8_100_000 + b"</html>")
    assert "organiser's rules" in passes("10.1", big).verdict.en      # size is advice, not an invented rule
    text = tmp_path / "notes.txt"
    text.write_text("my story", encoding="utf-8")
    fails("10.1", text, "not a web page")
    unfinished = finished_book(name="unfinished", statement="✏️ How does your book fit the theme?").export()
    fails("10.1", unfinished, "✏️")


def test_10_1_wants_the_file_not_the_project():
    fails("10.1", finished_book(name="not-exported"), "export it first")


# --- 10.2 · My AI-use statement ----------------------------------------------------------------------------------

@pytest.mark.parametrize("answer", [
    ("I used the kit's offline practice model to write a first draft and draw the picture. I chose the idea, "
     "rewrote the words myself and checked every page with my teacher."),
    "I used Qwen to draft the pages and Wanxiang to draw the pictures. I rewrote the words myself.",
    "我用了工具包的離線練習模型寫初稿和畫圖畫。點子是我自己想的，文字是我自己改寫的。",
    "The computer (Wanxiang) drew my picture. I chose everything myself. My teacher typed my words.",
])
def test_10_2_passes_an_honest_statement(answer):
    assert "inside your file" in passes("10.2", answer).verdict.en


@pytest.mark.parametrize(("answer", "why"), [
    ("I used Qwen.", "few sentences"),
    ("AI wrote my whole story and drew the pictures.", "what YOU did"),
    ("I wrote the story myself and drew the pictures.", "which AI tool"),
])
def test_10_2_asks_for_the_missing_part(answer, why):
    fails("10.2", answer, why)


# --- hints ---------------------------------------------------------------------------------------------------------

# what the last hint offers to copy (English, Chinese), and what to check it as
LAST_HINT_SAMPLES = {
    "6.1": ((f"My book fits the theme {THEME} because Pip helps three neighbours on her street.", THEME),
            ("我的故事切合「社區裏的關愛」這個主題，因為皮皮幫助了街上三位街坊。", THEME_ZH)),
    "7.2": (({"Take the wallet to the security guard": "guard", "Knock on the neighbours' doors": "doors"},
             None), ({"把銀包交給保安員": "guard", "逐家逐戶敲門問": "doors"}, None)),
    "8.2": (("Pan Pan is happy at the beach!", None), ("盼盼在海灘很開心！", None)),
    "10.2": ((("I used Qwen to draft the pages and Wanxiang to draw the pictures. I rewrote the words myself and "
               "chose every picture."), None),
             ("我用通義千問幫我寫故事初稿，用通義萬相畫圖畫。文字是我自己改寫的，每幅圖畫也是我自己選的。", None)),
}


def _shown(sample) -> str:
    if isinstance(sample, dict):
        return ", ".join(f'"{label}": "{target}"' for label, target in sample.items())
    return sample


@pytest.mark.parametrize("exercise_id", IDS)
def test_hints_get_more_telling_and_the_last_repeats(exercise_id):
    first = kit.hint(exercise_id)
    total = first.total
    assert 2 <= total <= 4
    given = [first] + [kit.hint(exercise_id) for _ in range(total)]   # one more than there are
    assert [h.number for h in given] == list(range(1, total + 1)) + [total]
    assert given[-1].en == given[-2].en and given[-1].zh == given[-2].zh
    assert len({h.en for h in given[:total]}) == total and len({h.zh for h in given[:total]}) == total
    assert all(h.en and CJK.search(h.zh) and not SIMPLIFIED.search(h.zh) for h in given)
    if exercise_id in LAST_HINT_SAMPLES:
        for (sample, theme), text in zip(LAST_HINT_SAMPLES[exercise_id], (given[-1].en, given[-1].zh)):
            assert _shown(sample) in text, (sample, text)
            assert not any(_shown(sample) in h.en + h.zh for h in given[:total - 1])   # only the last gives it
            assert kit.check(exercise_id, (theme, sample) if theme else sample).ok


# --- the eight teacher notebooks -----------------------------------------------------------------------------------

NOTEBOOKS = {"06-capstone-storybook": ("6", ("6.1", "6.2"), "kit.StoryBuilder(my_book"),
             "07-capstone-interactive-novel": ("7", ("7.1", "7.2"), "kit.NovelBuilder(my_novel"),
             "08-capstone-picture-studio": ("8", ("8.1", "8.2"), "kit.PictureStudio()"),
             "10-hand-it-in": ("10", ("10.1", "10.2"), "project.export()")}


def _notebook(slug, language):
    return nbformat.read(ROOT / "solutions" / language / f"{slug}.ipynb", as_version=4)


@pytest.mark.parametrize("language", ("en", "zh-Hant"))
@pytest.mark.parametrize("slug", sorted(NOTEBOOKS))
def test_teacher_notebook_follows_the_template(slug, language):
    number, ids, maker = NOTEBOOKS[slug]
    nb = _notebook(slug, language)
    nbformat.validate(nb)
    assert nb.metadata.kernelspec.name == "python3"
    assert nb.cells[0].source.startswith(f"# Lesson {number} · " if language == "en" else f"# 第 {number} 課 · ")
    assert ("In this lesson I can" if language == "en" else "這一課我能夠") in nb.cells[0].source
    code = [cell for cell in nb.cells if cell.cell_type == "code"]
    assert all(not cell.outputs and cell.execution_count is None for cell in code)
    assert "import kit" in code[0].source and "KIT_PIP_SOURCE" in code[0].source
    assert code[1].metadata.get("tags") == ["parameters"] and f'language = "{language}"' in code[1].source
    assert code[2].source == "kit.setup(backend, language=language)"
    sources = "\n".join(cell.source for cell in code)
    for exercise_id in ids:
        assert f'kit.check("{exercise_id}", ' in sources and f'kit.hint("{exercise_id}")' in sources
    assert maker in sources
    assert sum("teacher" in cell.metadata.get("tags", []) for cell in nb.cells) >= 3
    markdown = "\n".join(cell.source for cell in nb.cells if cell.cell_type == "markdown")
    for heading in (("## Reflection", "## Key points") if language == "en" else ("## 反思", "## 重點")):
        assert heading in markdown
    for cell in code[1:]:                                      # the set-up cell: tests/test_colab_setup.py
        if "solution-only" in cell.metadata.get("tags", []):
            continue                                            # the teacher's own demo: not in the student edition
        student = student_source(cell.source)
        if "### BEGIN SOLUTION" in cell.source:
            assert "✏️" in student and "BEGIN" not in student and "STUDENT" not in student
        assert len(student.splitlines()) <= 6, cell.source
    if language == "zh-Hant":
        prompts = re.findall(r'kit\.(?:ask|draw)\("([^"]+)"', sources)
        assert all(CJK.search(p) for p in prompts), prompts               # Chinese prompts in the Chinese edition
        assert not SIMPLIFIED.search(markdown + sources)                 # Traditional only
    else:
        assert not CJK.search(sources)                                    # English prompts in the English one


@pytest.mark.parametrize("slug", sorted(NOTEBOOKS))
def test_the_two_languages_have_the_same_shape(slug):
    en, zh = _notebook(slug, "en"), _notebook(slug, "zh-Hant")
    assert [c.cell_type for c in en.cells] == [c.cell_type for c in zh.cells]
    assert [c.metadata.get("tags") for c in en.cells] == [c.metadata.get("tags") for c in zh.cells]


@pytest.mark.slow
@pytest.mark.notebook
@pytest.mark.parametrize("language", ("en", "zh-Hant"))
@pytest.mark.parametrize("slug", sorted(NOTEBOOKS))
def test_teacher_notebook_runs_offline_with_every_check_solved(slug, language, tmp_path, monkeypatch):
    papermill = pytest.importorskip("papermill")
    monkeypatch.setenv("KIT_BACKEND", "offline")
    monkeypatch.setenv("KIT_OFFLINE_STREAM_DELAY", "0")
    out = tmp_path / "out.ipynb"
    papermill.execute_notebook(str(ROOT / "solutions" / language / f"{slug}.ipynb"), str(out),
                               kernel_name="python3", cwd=str(tmp_path), progress_bar=False)
    ran = nbformat.read(out, as_version=4)
    errors = [o for cell in ran.cells if cell.cell_type == "code" for o in cell.outputs if o.output_type == "error"]
    assert not errors
    checks = [o["data"]["text/plain"] for cell in ran.cells if cell.cell_type == "code"
              and ("kit.check(" in cell.source or cell.source.rstrip().endswith("result"))
              for o in cell.outputs if "data" in o and "kit-check" in o["data"].get("text/html", "")]
    assert len(checks) == len(NOTEBOOKS[slug][1]), checks
    if slug == "10-hand-it-in":          # offline, the file is a rehearsal: 10.1 says so, and so should it
        assert checks[0].startswith("🔁") and ("not an entry" in checks[0] or "不是參賽作品" in checks[0]), checks
        checks = checks[1:]
    assert all(text.startswith("✅") for text in checks), checks
    exported = sorted(path.name for path in tmp_path.glob("*.html"))
    assert exported, "the lesson exports the project it made"
