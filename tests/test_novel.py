"""The interactive novel: scenes and choices, saved after every change, checked for traps, drawn and played."""

import json
import warnings

import pytest

import kit
from kit.story.novel import MIME


def small(prompt: str, seed: int = 1) -> kit.Picture:
    return kit.draw(prompt, seed=seed, size="small")


@pytest.fixture
def novel(offline_kit):
    novel = kit.Novel("The Lost Key", author="Ka Ho", theme="Honesty")
    novel.add_scene("gate", "A gate at night.", small("a school gate at night", 1),
                    choices={"Go in": "hall", "Run home": "home"}, alt="A gate")
    novel.add_scene("hall", "A key glows on the floor.", choices={"Take it to the office": "office",
                                                                  "Go back": "gate"})
    novel.add_scene("office", "The principal smiles.", ending=True)
    novel.add_scene("home", "You are safe at home.", ending=True)
    return novel


def kinds(novel) -> list[str]:
    return [problem.kind for problem in novel.check()]


def test_a_good_story_has_no_problems(novel):
    assert novel.check() == []
    assert "every path leads to an ending" in repr(novel.check())
    assert novel.start == "gate" and list(novel.scenes) == ["gate", "hall", "office", "home"]


def test_a_choice_to_a_scene_that_does_not_exist(novel):
    novel.add_choice("hall", "Climb the stairs", "attic")
    problems = novel.check()
    assert [p.kind for p in problems] == ["missing_target"]
    assert "attic" in problems[0].en and "Climb the stairs" in problems[0].en
    assert "attic" in problems[0].zh and "場景" in problems[0].zh and "選擇" in problems[0].zh


def test_a_scene_no_path_reaches(novel):
    novel.add_scene("garden", "A secret garden.", ending=True)
    assert kinds(novel) == ["unreachable"]
    assert "garden" in str(novel.check()[0])


def test_a_scene_with_no_choices_that_is_not_an_ending(novel):
    novel.edit_scene("home", ending=False)
    assert kinds(novel) == ["dead_end"]
    assert "ending=True" in novel.check()[0].en and "結局" in novel.check()[0].zh


def test_a_loop_with_no_way_out(offline_kit):
    novel = kit.Novel("Round and round")
    novel.add_scene("start", "Begin.", choices={"Left": "a", "Right": "end"})
    novel.add_scene("a", "Room A.", choices={"On": "b"})
    novel.add_scene("b", "Room B.", choices={"Back": "a"})
    novel.add_scene("end", "The end.", ending=True)
    problems = novel.check()
    assert [p.kind for p in problems] == ["trap"] and problems[0].scenes == ("a", "b")
    assert "“a”" in problems[0].en and "循環" in problems[0].zh
    novel.add_choice("b", "Escape", "end")
    assert novel.check() == []


def test_a_scene_looping_to_itself_is_a_trap(offline_kit):
    novel = kit.Novel("Stuck")
    novel.add_scene("start", "Begin.", choices={"Wait": "start", "Go": "end"})
    novel.add_scene("end", "The end.", ending=True)
    assert novel.check() == []
    novel.remove_choice("start", "Go")
    assert [p.kind for p in novel.check()] == ["unreachable", "trap"]


def test_no_ending_and_no_scenes(offline_kit):
    novel = kit.Novel("Unfinished")
    assert kinds(novel) == ["no_scenes"]
    novel.add_scene("start", "Begin.", choices={"On": "next"})
    novel.add_scene("next", "Next.", choices={"Back": "start"})
    assert "no_ending" in kinds(novel)


def test_scenes_can_be_edited_renamed_deleted_and_undone(novel):
    novel.scenes["gate"].text = "A creaky gate."
    novel.rename_scene("hall", "great-hall")
    assert novel.scene("gate").choices == {"Go in": "great-hall", "Run home": "home"}
    novel.delete_scene("home")
    assert kinds(novel) == ["missing_target"]
    novel.set_start("office")
    assert novel.start == "office"
    for _ in range(3):
        assert novel.undo()
    assert "hall" in novel.scenes and novel.start == "gate"
    assert novel.undo() and novel.scene("gate").text == "A gate at night."
    with pytest.raises(kit.BadInput) as problem:
        novel.scene("nowhere")
    assert "gate" in problem.value.en


def test_running_a_cell_again_updates_the_scene_instead_of_copying_it(novel):
    novel.add_scene("home", "You are safe at home, and you smile.", ending=True)
    assert len(novel) == 4 and novel.scene("home").text.endswith("smile.")


def test_bad_choices_are_kind_errors(novel):
    with pytest.raises(kit.BadInput) as problem:
        novel.add_scene("x", "words", choices=["not", "pairs", "at", "all"])
    assert "cave" in problem.value.en
    with pytest.raises(kit.BadInput):
        novel.add_scene("", "no id")


def test_saved_after_every_change_and_back_after_a_restart(novel, offline_kit):
    novel.add_choice("office", "Read the letter", "home")
    assert json.loads(novel.path.read_text(encoding="utf-8"))["scenes"][2]["choices"][0]["label"] == "Read the letter"
    kit.setup("offline", workdir=offline_kit.workdir, quiet=True)
    again = kit.Novel("The Lost Key")
    assert list(again.scenes) == list(novel.scenes) and again.scene("gate").picture is not None
    assert kit.Novel.load(novel.name).scene("office").choices == {"Read the letter": "home"}


def test_the_map_draws_chinese_labels_without_glyph_warnings(offline_kit, tmp_path):
    novel = kit.Novel("迷失的鑰匙")
    novel.add_scene("大門", "晚上的學校。", choices={"走進禮堂": "禮堂", "跑回家": "家"})
    novel.add_scene("禮堂", "地上有一條發光的鑰匙。", choices={"交給校長": "校長室", "回去": "大門", "上樓": "閣樓"})
    novel.add_scene("校長室", "校長笑了。", ending=True)
    novel.add_scene("家", "你安全回到家。", ending=True)
    novel.add_scene("花園", "一個秘密花園。", ending=True)
    with warnings.catch_warnings():
        warnings.simplefilter("error", UserWarning)    # "Glyph ... missing from font(s)" would fail here
        figure = novel.map()
        figure.savefig(tmp_path / "map.png")
    texts = [text.get_text() for text in figure.axes[0].texts]
    assert any("大門" in text for text in texts) and any("★" in text for text in texts)
    assert any(text.startswith("?") for text in texts)          # the missing 閣樓 is drawn, marked
    assert (tmp_path / "map.png").stat().st_size > 10_000


def test_play_clicks_through_to_an_ending_with_back_and_restart(novel):
    view = novel.play()
    player = view.player
    view_html, choices, controls = view.children
    assert "A gate at night." in view_html.value and "<img" in view_html.value
    assert [b.description for b in choices.children] == ["Go in", "Run home"]
    choices.children[0].click()
    assert player.current == "hall" and "A key glows" in view_html.value
    back, restart = controls.children
    back.click()
    assert player.current == "gate" and back.disabled
    choices.children[0].click()
    choices.children[0].click()
    assert player.current == "office" and player.at_ending and "The End" in view_html.value
    assert choices.children == ()
    restart.click()
    assert player.current == "gate" and player.history == []


def test_the_player_without_widgets(novel):
    player = novel.player()
    assert player.choose("Run home") == "home" and player.at_ending
    assert player.back() == "gate"
    with pytest.raises(kit.BadInput):
        player.choose("Fly away")
    novel.add_choice("gate", "Climb the wall", "roof")
    player = novel.player()
    assert [c["ok"] for c in player.choices] == [True, True, False]


def test_the_mime_bundle_is_everything_the_exporter_needs(novel):
    novel.add_choice("hall", "Up the stairs", "attic")
    bundle = novel._repr_mimebundle_()
    data = bundle[MIME]
    json.dumps(data)
    assert data["kind"] == "novel" and data["start"] == "scene-1"
    assert [scene["id"] for scene in data["scenes"]] == ["gate", "hall", "office", "home"]
    hall = data["scenes"][1]
    assert hall["choices"][0] == {"label": "Take it to the office", "target": "office", "anchor": "scene-3"}
    assert hall["choices"][2]["anchor"] is None
    assert data["scenes"][0]["picture"]["mime"] == "image/jpeg" and data["scenes"][2]["ending"]
    assert data["problems"] and "attic" in data["problems"][0]
    assert "call_id" not in json.dumps(data)
    html = bundle["text/html"]
    assert "The Lost Key" in html and "attic" in html and "⚠" in html


def test_the_checklist_shows_story_problems(novel):
    rows = {row.item: row for row in novel.checklist()}
    assert rows["story"].ok and rows["alt"].ok and rows["scenes"].ok
    novel.edit_scene("home", ending=False)
    rows = {row.item: row for row in novel.checklist()}
    assert not rows["story:dead_end"].ok and "home" in rows["story:dead_end"].en
    assert not rows["theme_statement"].ok and not rows["picture"].ok


def test_running_a_cell_again_keeps_a_picture_drawn_elsewhere(novel):
    novel.scene("home").picture = small("a cosy home", 5)
    novel.add_scene("home", "You are safe at home.", ending=True)
    assert novel.scene("home").picture.prompt == "a cosy home"
    novel.add_scene("home", "You are safe at home.", choices={}, ending=False)
    assert novel.scene("home").choices == {} and not novel.scene("home").ending


def test_the_map_shows_as_a_picture_without_matplotlib_magic(tmp_path):
    import kit

    kit.setup("offline", workdir=tmp_path / "work", quiet=True)
    novel = kit.Novel("Map test")
    novel.add_scene("start", "Begin", choices={"Go": "end"})
    novel.add_scene("end", "The end", ending=True)
    from IPython.core.formatters import PNGFormatter

    png = PNGFormatter()(novel.map())
    assert png and png[:4] == b"\x89PNG"
