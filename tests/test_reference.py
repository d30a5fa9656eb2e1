"""The same hero on every page: kit.draw(..., reference=picture) and book.character, offline and through the fake."""

import base64
import io

import pytest
from PIL import Image
from support import SENTINEL_KEY

import kit

HERO = "a small purple dragon with a red scarf"


def edit_posts(fake):
    return [r for r in fake.requests_to("image2image") if r["method"] == "POST"]


def test_offline_the_painter_draws_the_referenced_hero_on_every_page(offline_kit):
    book = kit.Storybook("Hero book")
    hero = book.character(HERO, seed=5)
    assert book.hero is not None and book.hero.data == hero.data
    book.add_page("One.")
    book.add_page("Two.")
    first = book.draw_page(0, "in a forest at night", seed=1)
    second = book.draw_page(1, "on a beach", seed=2)
    for picture in (first, second):
        assert {"purple", "dragon", "red", "scarf"} <= set(picture.notes["understood"])
        assert picture.notes["reference"].startswith("offline")
    plain = kit.draw("on a beach", seed=2)
    assert "dragon" not in plain.notes["understood"]          # without the reference, no hero
    assert book.pages[1].picture.data == second.data


def test_the_reference_goes_up_with_the_job_through_the_image_editing_model(online_kit, fake_server):
    hero = kit.draw(HERO, seed=5, size="small")
    page = kit.draw("on a beach", seed=2, reference=hero)
    assert page.model == "wan2.5-i2i-preview" and not page.offline
    body = edit_posts(fake_server)[0]["json"]
    assert body["model"] == "wan2.5-i2i-preview" and body["input"]["prompt"] == "on a beach"
    sent = base64.b64decode(body["input"]["images"][0].split(",", 1)[1])
    assert sent == hero.data or min(Image.open(io.BytesIO(sent)).size) == 384   # a small hero is enlarged
    assert body["parameters"]["seed"] == 2
    kit.draw("on a beach", seed=2, reference=hero)
    assert len(edit_posts(fake_server)) == 1                  # the saved picture, not paid twice


def test_a_job_sent_before_a_restart_is_resumed_with_its_reference(online_kit, fake_server):
    from kit import calls

    hero = kit.draw(HERO, seed=5, size="small")
    kit.draw("in the rain", seed=3, reference=hero)
    journal = calls.journal_for()
    entry = list(journal.entries("image"))[-1]
    assert entry["request"]["reference"].startswith("references/") and entry["request"]["hero"] == HERO
    journal.update(entry, status="pending")          # as if the kernel restarted while the job was running
    again = kit.draw("in the rain", seed=3, reference=hero)
    assert again.model == "wan2.5-i2i-preview" and len(edit_posts(fake_server)) == 1   # picked up, not sent again


def test_where_no_model_takes_a_reference_the_hero_words_and_seed_are_used_and_said(fake_server, workdir, capsys):
    kit.setup("dashscope", api_key=SENTINEL_KEY, base_url=fake_server.base_url, workdir=workdir, region="hongkong",
              quiet=True)
    hero = kit.draw(HERO, seed=5, size="small")
    page = kit.draw("on a beach", reference=hero, size="small")
    assert "hero's words and seed" in capsys.readouterr().out
    assert not edit_posts(fake_server)
    assert page.prompt == f"{HERO}. on a beach" and page.seed == 5


def test_the_fake_image_editing_route_is_strict(online_kit, fake_server):
    import dashscope

    dashscope.base_http_api_url = fake_server.base_url

    def submit(images, model="wan2.5-i2i-preview"):
        return dashscope.ImageSynthesis.async_call(model=model, prompt="a dragon", images=images, n=1,
                                                   api_key=SENTINEL_KEY, task="image2image")

    def url(side):
        out = io.BytesIO()
        Image.new("RGB", (side, side), (200, 30, 30)).save(out, format="PNG")
        return "data:image/png;base64," + base64.b64encode(out.getvalue()).decode()

    assert "each side must be 384 to 5000 pixels" in submit([url(64)]).message
    url = url(400)
    assert submit([url]).status_code == 200
    assert submit([url] * 4).code == "InvalidParameter"
    assert "not a PNG or JPEG picture" in submit(["data:image/png;base64,aGVsbG8="]).message
    assert submit([url], model="wan2.2-t2i-flash").message == "Model not exist."


@pytest.mark.parametrize("bad", [b"not a picture", 7])
def test_a_reference_that_is_not_a_picture_is_a_kind_error(offline_kit, bad):
    with pytest.raises(kit.BadInput):
        kit.draw("a beach", reference=bad)
