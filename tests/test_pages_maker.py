"""Lesson 5's page maker: a primary pupil reaches the same three locked pages with no ``for`` loop and no ``+``,
and the same checks (5.2, 5.3) read what it made."""

from __future__ import annotations

import pytest

import kit

HERO = "Lulu, a small purple dragon with golden horns"
STORY = ["Lulu wakes up on top of a mountain and watches the sunrise.",
         "Lulu has a picnic with her friends in the park.",
         "At night, Lulu flies over Victoria Harbour and the city lights twinkle."]


@pytest.fixture(autouse=True)
def _offline(tmp_path):
    kit.setup("offline", workdir=tmp_path, quiet=True, language="en")


def test_the_page_maker_makes_the_same_book_as_the_code_path():
    maker = kit.playground("pages", hero=HERO, pages=STORY, style="watercolour", seed=11)
    assert maker.pages == [] and not kit.check("5.3", maker.pages)
    maker.run()                                   # one button: Qwen writes the prompts, then every page is drawn
    prompts = [kit.ask("Write an image prompt for this page: " + page + " Character: " + HERO, seed=10).text
               for page in STORY]
    assert [box.value for box in maker.prompt_boxes] == prompts
    code_path = [kit.draw(prompt, style="watercolour", seed=11, size="small") for prompt in prompts]
    assert [(p.prompt, p.style, p.seed) for p in maker.pages] == [(p.prompt, p.style, p.seed) for p in code_path]
    assert kit.check("5.3", maker.pages)
    assert all(kit.check("5.2", request) for request in maker.requests)
    assert maker.gallery.value.count("kit-gallery-item") == 3


def test_a_changed_prompt_is_drawn_as_the_child_wrote_it():
    maker = kit.playground("pages", hero=HERO, pages=STORY[:2], seed=4)
    maker.write_prompts()
    assert maker.prompt_boxes[1].value and not maker.prompt_boxes[2].value   # an empty page asks for nothing
    maker.prompt_boxes[0].value = HERO + ", eating dim sum"
    maker.run()
    assert maker.pages[0].prompt == HERO + ", eating dim sum" and len(maker.pages) == 2
    assert {p.seed for p in maker.pages} == {4}


def test_the_page_maker_speaks_chinese(tmp_path):
    kit.setup("offline", workdir=tmp_path, quiet=True, language="zh-Hant")
    maker = kit.playground("pages", hero="露露，一條細小的紫色龍，有金色的角", pages=["露露飛過維港。", "露露在公園野餐。"])
    assert maker.requests[0] == "為這一頁寫一個圖畫提示詞：露露飛過維港。角色：露露，一條細小的紫色龍，有金色的角"
    assert "圖畫提示詞" in maker.write_button.description
    maker.run()
    assert kit.check("5.3", maker.pages).ok and kit.check("5.2", maker.requests[1]).ok


def test_the_check_reads_the_page_maker_itself():
    maker = kit.playground("pages", hero=HERO, pages=STORY, seed=5)
    first = kit.check("5.3", maker)
    assert not first.ok and "Draw my pages" in first.verdict.en
    maker.run()
    assert kit.check("5.3", maker).ok
