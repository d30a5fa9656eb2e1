"""kit.describe through the classroom gateway: the vision route keeps the token, quota, log and key rules, and
the pictures sent up are size-limited."""

from __future__ import annotations

import io
import json

import requests
from PIL import Image
from support import SENTINEL_KEY
from test_gateway import classroom, log_rows, posts, raw_post  # noqa: F401 - the fixture, used by name

import kit

VISION = "/services/aigc/multimodal-generation/generation"


def png(side):
    out = io.BytesIO()
    Image.new("RGB", (side, side), (60, 110, 210)).save(out, format="PNG")
    return out.getvalue()


def test_describe_goes_up_with_the_teacher_key_and_is_logged_as_vision(classroom):  # noqa: F811
    seen = kit.describe(png(300), question="Who lives here?")
    assert seen.alt.endswith("300x300 pixels.") and not seen.offline
    upstream = posts(classroom.fake, "multimodal-generation")[0]
    assert upstream["headers"]["authorization"] == f"Bearer {SENTINEL_KEY}"
    assert classroom.tokens[0] not in json.dumps(upstream)
    [row] = log_rows(classroom.data, at_least=1)
    assert row["kind"] == "vision" and row["status"] == 200 and row["label"] == "3A-01"
    assert "Who lives here?" in row["prompt"] and "base64" not in row["prompt"]   # the words, not the picture
    assert row["reply"].startswith("ALT: ")


def test_a_wrong_token_is_refused_on_the_vision_route(classroom):  # noqa: F811
    body = {"model": "qwen3-vl-flash", "input": {"messages": [{"role": "user", "content": [{"text": "hi"}]}]}}
    answer = raw_post(classroom.gateway, VISION, "not-a-token", body)
    assert answer.status_code == 401 and not posts(classroom.fake, "multimodal-generation")


def test_pictures_sent_up_are_size_limited(classroom):  # noqa: F811
    limit = classroom.gateway.config.max_picture_body_bytes
    assert limit > classroom.gateway.config.max_body_bytes   # a picture fits where text alone would not
    huge = "data:image/png;base64," + "A" * (limit + 10)
    body = {"model": "qwen3-vl-flash", "input": {"messages": [{"role": "user", "content": [{"image": huge}]}]}}
    answer = requests.post(classroom.gateway.api_url + VISION, data=json.dumps(body), timeout=10,
                           headers={"Authorization": f"Bearer {classroom.tokens[0]}"})
    assert answer.status_code == 413 and answer.json()["code"] == "InvalidParameter.RequestTooLarge"
    assert not posts(classroom.fake, "multimodal-generation")
