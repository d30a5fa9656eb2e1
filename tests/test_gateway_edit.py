"""kit.draw(sketch=...) and kit.draw(reference=...) through the classroom gateway: the image2image route keeps the
token, model list, quota, fair queue, log and key rules; each job goes up by its own route (kept across a
restart), and what is sent up is size-limited."""

from __future__ import annotations

import base64
import io
import json

import dashscope
from PIL import Image, ImageDraw
from support import SENTINEL_KEY
from test_gateway import classroom, log_rows, posts, raw_post  # noqa: F401 - the fixture, used by name
from test_gateway_restart import job_state, poll_until_done, slow_upstream, submissions  # noqa: F401

import kit
from kit.gateway.store import QUEUED

EDIT = "/services/aigc/image2image/image-synthesis"


def png(colour=(220, 38, 38), side=512) -> bytes:
    """A child's drawing: a coloured blob on white paper."""
    image = Image.new("RGB", (side, side), "white")
    ImageDraw.Draw(image).ellipse((40, 200, 300, 480), fill=colour)
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def edit_body(model="wan2.5-i2i-preview", prompt="a dragon") -> dict:
    url = "data:image/png;base64," + base64.b64encode(png()).decode()
    return {"model": model, "input": {"prompt": prompt, "images": [url]}, "parameters": {"n": 1}}


def test_draw_from_a_sketch_goes_up_the_image2image_route_with_the_teacher_key(classroom):  # noqa: F811
    picture = kit.draw("a dragon", sketch=png())
    assert picture.data and picture.width > 0 and not picture.offline and picture.model == "wan2.5-i2i-preview"
    [upstream] = posts(classroom.fake, "image2image")
    assert upstream["headers"]["authorization"] == f"Bearer {SENTINEL_KEY}"
    assert classroom.tokens[0] not in json.dumps(upstream)
    assert not posts(classroom.fake, "text2image")
    row = [r for r in log_rows(classroom.data, at_least=1) if r["kind"] == "image"][-1]
    assert row["status"] == 200 and row["prompt"].startswith("a dragon") and "base64" not in row["prompt"]


def test_draw_from_a_reference_picture(classroom):  # noqa: F811
    first = kit.draw("a red dragon")
    second = kit.draw("the same dragon flying", reference=first)
    assert second.data and second.model == "wan2.5-i2i-preview"
    assert len(posts(classroom.fake, "image2image")) == 1 and len(posts(classroom.fake, "text2image")) == 1


def test_an_oversized_edit_is_refused_before_it_goes_up(classroom):  # noqa: F811
    limit = classroom.gateway.config.max_edit_body_bytes
    body = edit_body()
    body["input"]["images"] = ["data:image/png;base64," + "A" * (limit + 10)]
    answer = raw_post(classroom.gateway, EDIT, classroom.tokens[0], body, **{"X-DashScope-Async": "enable"})
    assert answer.status_code == 413 and answer.json()["code"] == "InvalidParameter.RequestTooLarge"
    assert not posts(classroom.fake, "image2image")


def test_the_class_model_list_applies_to_edits(classroom):  # noqa: F811
    answer = raw_post(classroom.gateway, EDIT, classroom.tokens[0], edit_body(model="wanx2.1-imageedit"),
                      **{"X-DashScope-Async": "enable"})
    assert answer.status_code == 403 and answer.json()["code"] == "Gateway.ModelNotAllowed"
    answer = raw_post(classroom.gateway, EDIT, "not-a-token", edit_body(), **{"X-DashScope-Async": "enable"})
    assert answer.status_code == 401 and not posts(classroom.fake, "image2image")


def test_a_queued_edit_survives_a_restart_and_goes_up_its_own_route(slow_upstream, start_gateway,  # noqa: F811
                                                                   make_class, gateway_data, monkeypatch):
    token = make_class("3A", 1)[0]
    first = start_gateway(slow_upstream)
    port = first.port
    monkeypatch.setattr(dashscope, "base_http_api_url", first.api_url)
    first.scheduler.hold()
    answer = raw_post(first, EDIT, token, edit_body(), **{"X-DashScope-Async": "enable"})
    task_id = answer.json()["output"]["task_id"]
    assert job_state(gateway_data, task_id)[0] == QUEUED
    first.stop()

    start_gateway(slow_upstream, port=port)
    assert poll_until_done(token, task_id).output.task_status == "SUCCEEDED"
    [sent] = submissions(slow_upstream)
    assert "image2image" in sent["path"] and sent["json"]["input"]["images"]
