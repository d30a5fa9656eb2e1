"""The child's own drawing: the Sketchpad's state (PNG sync, autosave, reload) and draw(sketch=), offline and
through the fake service's image2image route."""

from __future__ import annotations

import base64
import io
import json

import numpy as np
import pytest
from PIL import Image, ImageDraw

import kit
from kit import Sketchpad, pictures
from kit.errors import BadInput
from kit.journal import Journal


def drawing(size=(768, 512), colour=(220, 38, 38), box=(40, 300, 300, 480)) -> bytes:
    """A child's drawing: white paper with one big coloured blob where the child put it."""
    image = Image.new("RGB", size, "white")
    ImageDraw.Draw(image).ellipse(box, fill=colour)
    buf = io.BytesIO()
    image.save(buf, format="PNG")
    return buf.getvalue()


def pixels(data: bytes) -> np.ndarray:
    return np.asarray(Image.open(io.BytesIO(data)).convert("RGB"), dtype=np.int16)


# --- the Sketchpad --------------------------------------------------------------------------------------------

def test_a_blank_pad_has_no_picture(offline_kit):
    pad = Sketchpad()
    assert pad.blank and pad.picture is None


def test_the_page_sending_its_png_gives_a_picture_and_saves_it(offline_kit, workdir):
    pad = Sketchpad(name="my dragon!")
    pad.png = drawing()              # what the page sends when a stroke ends
    picture = pad.picture
    assert isinstance(picture, kit.Picture)
    assert (picture.width, picture.height) == (768, 512)
    assert picture.notes["from_sketch"] and picture.backend == "child"
    saved = workdir / "sketches" / "my-dragon.png"
    assert pad.path == saved and saved.read_bytes() == pad.png


def test_the_png_arrives_from_the_page_as_a_binary_buffer(offline_kit):
    pad = Sketchpad(name="from-the-page")
    pad.set_state({"png": memoryview(drawing()), "strokes": 1})   # what the comm hands over
    assert pad.png == drawing() and pad.strokes == 1 and pad.path.read_bytes() == drawing()


def test_a_restart_loses_nothing(offline_kit):
    Sketchpad(name="my-dragon").png = drawing()
    again = Sketchpad(name="my-dragon")           # a new kernel runs the same cell
    assert again.png == drawing() and again.picture is not None
    assert Sketchpad(name="another").blank


def test_clear_forgets_the_saved_drawing(offline_kit):
    pad = Sketchpad(name="cleared")
    pad.png = drawing()
    pad.clear()
    assert pad.blank and not pad.path.exists()
    assert Sketchpad(name="cleared").blank


def test_a_white_page_is_blank(offline_kit):
    pad = Sketchpad()
    pad.png = drawing(colour=(255, 255, 255))
    assert pad.blank and pad.picture is None


def test_names_never_leave_the_sketch_folder(offline_kit, workdir):
    pad = Sketchpad(name="../../etc/passwd")
    assert pad.path.parent == workdir / "sketches" and ".." not in pad.path.name


@pytest.mark.parametrize("language, first", [("en", "Undo"), ("zh-Hant", "復原")])
def test_controls_have_words_in_both_languages(offline_kit, language, first):
    pad = Sketchpad(language=language)
    assert pad.labels["undo"].startswith(f"↩️ {first}")
    assert "Undo" in pad.labels["undo"] and "復原" in pad.labels["undo"]
    assert all(label.split(" ", 1)[1] for _, label in pad.colours)   # an emoji and words, never a swatch alone
    assert [size for _, size in pad.brushes] == [18, 40]


def test_the_front_end_module_draws_with_pointer_events_and_sends_png_on_stroke_end():
    source = Sketchpad._esm.read_text() if hasattr(Sketchpad._esm, "read_text") else str(Sketchpad._esm)
    for needed in ("pointerdown", "pointerup", "setPointerCapture", '"image/png"', 'model.set("png"',
                   'createElement("button")', "aria-pressed"):
        assert needed in source, needed


# --- draw(sketch=) offline ------------------------------------------------------------------------------------

def test_offline_repaints_the_sketch_where_the_child_drew(offline_kit):
    picture = kit.draw("a cat at the beach", sketch=drawing(colour=(147, 51, 234)), seed=3, size="landscape")
    assert picture.offline and picture.notes["from_sketch"]
    art = pixels(picture.data)
    assert art.shape[:2] == (720, 1280)
    red = (art[..., 0] > 110) & (art[..., 1] < 90) & (art[..., 2] > 180)   # the child's purple
    # the blob was in the lower left: the picture's purple is there, not in the upper right
    height, width = red.shape
    assert red[height // 2:, : width // 2].mean() > 0.1
    assert red[: height // 2, width // 2:].mean() < 0.01


def test_the_same_drawing_and_seed_is_reused_not_made_again(offline_kit, workdir):
    first = kit.draw("a dragon", sketch=drawing(), seed=5)
    second = kit.draw("a dragon", sketch=drawing(), seed=5)
    other = kit.draw("a dragon", sketch=drawing(box=(400, 40, 700, 200)), seed=5)
    assert second.reused and second.data == first.data
    assert not other.reused and other.data != first.data


def test_the_journal_keeps_the_drawing_and_marks_the_picture(offline_kit, workdir):
    pad = Sketchpad(name="boat")
    pad.png = drawing()
    picture = kit.draw("a boat", sketch=pad, style="crayon")
    entry = Journal(workdir).call(picture.call_id)
    notes = entry["result"]["notes"]
    assert notes["from_sketch"] is True
    sent = Image.open(workdir / notes["sketch"])
    assert sent.size == (768, 512)
    assert entry["request"]["sketch_digest"] and entry["request"]["style"] == "crayon"


@pytest.mark.parametrize("bad", [b"", b"not a picture", drawing(colour=(255, 255, 255))])
def test_an_empty_or_broken_sketch_is_a_kind_error(offline_kit, bad):
    with pytest.raises(BadInput) as caught:
        kit.draw("a dragon", sketch=bad)
    assert "Sketchpad" in str(caught.value) and "畫板" in str(caught.value)


def test_what_is_sent_is_size_limited():
    big = Image.open(io.BytesIO(pictures.sketch_png(drawing(size=(3000, 2000), box=(0, 0, 900, 900)))))
    small = Image.open(io.BytesIO(pictures.sketch_png(drawing(size=(200, 100), box=(0, 0, 90, 90)))))
    assert max(big.size) == 1024 and min(small.size) >= 384


# --- draw(sketch=) through the fake service --------------------------------------------------------------------

def test_the_drawing_goes_up_on_the_image2image_route(online_kit, fake_server):
    picture = kit.draw("a dragon over the harbour", sketch=drawing(), seed=11, style="watercolour")
    assert picture.notes["from_sketch"] and picture.model == "wan2.5-i2i-preview"
    posts = [r for r in fake_server.requests_to("/image2image/image-synthesis") if r["method"] == "POST"]
    assert len(posts) == 1
    body = posts[0]["json"]
    assert body["model"] == "wan2.5-i2i-preview" and body["parameters"]["seed"] == 11
    assert body["input"]["prompt"].endswith("a dragon over the harbour")
    (image,) = body["input"]["images"]
    sent = base64.b64decode(image.split(",", 1)[1])
    assert image.startswith("data:image/png;base64,") and Image.open(io.BytesIO(sent)).size == (768, 512)
    assert not fake_server.requests_to("/text2image/")


def test_a_restart_does_not_pay_twice_for_the_same_drawing(online_kit, fake_server):
    kit.draw("a dragon", sketch=drawing(), seed=2)
    again = kit.draw("a dragon", sketch=drawing(), seed=2)
    assert again.reused
    assert len([r for r in fake_server.requests_to("/image2image/") if r["method"] == "POST"]) == 1


@pytest.mark.parametrize("images, words", [
    ([], "1 to 3"),
    (["data:image/png;base64,bm90IGEgcGljdHVyZQ=="], "not a PNG"),
    (["data:image/png;base64," + base64.b64encode(drawing(size=(200, 200))).decode()], "384 to 5000"),
    ([123], "data:image"),
])
def test_the_fake_route_is_as_strict_as_the_service(fake_dashscope, images, words):
    import requests

    answer = requests.post(fake_dashscope.base_url + "/services/aigc/image2image/image-synthesis",
                           headers={"Authorization": "Bearer " + fake_dashscope.api_key,
                                    "X-DashScope-Async": "enable", "Content-Type": "application/json"},
                           data=json.dumps({"model": "wan2.5-i2i-preview",
                                            "input": {"prompt": "a dragon", "images": images}}))
    assert answer.status_code == 400 and words in answer.json()["message"]


def test_each_route_serves_its_own_models(fake_dashscope):
    import requests

    def post(route, model):
        return requests.post(fake_dashscope.base_url + f"/services/aigc/{route}/image-synthesis",
                             headers={"Authorization": "Bearer " + fake_dashscope.api_key,
                                      "X-DashScope-Async": "enable", "Content-Type": "application/json"},
                             data=json.dumps({"model": model, "input": {"prompt": "a dragon",
                                                                         "images": ["https://example.com/a.png"]}}))

    assert post("text2image", "wan2.5-i2i-preview").status_code == 400
    assert post("image2image", "wan2.2-t2i-flash").status_code == 400
    assert post("image2image", "wan2.5-i2i-preview").status_code == 200


# --- the book: the AI-use page and the drawing beside the finished page ------------------------------------------

def test_the_storybook_shows_the_drawing_and_says_the_picture_began_as_it(offline_kit, tmp_path):
    book = kit.Storybook("My Dragon", author="Mei")
    book.add_page("A dragon I drew.", kit.draw("a dragon", sketch=drawing(), seed=1, size="small"), alt="A dragon")
    book.add_page("A dragon from words.", kit.draw("a dragon", seed=1, size="small"), alt="Another dragon")
    data = book.export_data()
    first, second = data["pages"]
    assert first["sketch"]["data"] and second["sketch"] is None
    rows = [item["picture"] for item in data["appendix"]["items"] if item.get("picture")]
    assert [row["from_sketch"] for row in rows] == [True, False]
    page = book.export(tmp_path / "book.storybook.html").read_text(encoding="utf-8")
    assert page.count('class="page-sketch"') == 1 and "My own drawing" in page and "我自己的畫" in page
    assert page.count("k-from-sketch") == 1 and "它由我自己的畫開始" in page


def test_each_region_names_the_model_that_turns_a_drawing_into_a_picture():
    from kit import models
    from kit.errors import ServiceProblem

    assert models.sketch_model("intl") == models.sketch_model("workspace") == "wan2.5-i2i-preview"
    assert models.sketch_model("cn") == "wanx2.1-imageedit"
    with pytest.raises(ServiceProblem) as caught:
        models.sketch_model("us")           # Virginia lists no image-editing model the kit can ask
    assert "US (Virginia)" in str(caught.value)
