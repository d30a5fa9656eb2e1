"""Which models each Model Studio region serves, with the classroom defaults: the one place model ids live.

Why one place: model lists change more often than code. When a model is retired or a region gains one, edit the
tables here and nothing else. Every fact is in docs/service-facts.md with where it was read; a region's
``checked`` names the kinds whose list a source confirms; for the others the kit lets the service decide.

A model the catalogue knows, asked for in a region whose (checked) list does not have it, is refused before any
request with a bilingual setup message naming the model and the region (never the child's mistake). A model the
catalogue has never heard of is sent as asked: it may be newer than this table.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .errors import ServiceProblem

# How a picture request is written. "prompt": the text2image route (``ImageSynthesis``, input.prompt), the one the
# kit speaks. "messages": the image-generation route of the wan2.6/2.7 image models (input.messages), not yet.
PROMPT_FORMAT, MESSAGES_FORMAT = "prompt", "messages"


@dataclass(frozen=True)
class ImageModel:
    """What the kit must know to ask one image model well."""

    name: str
    prompt_limit: int = 500          # characters the model reads; the service cuts the rest without a word
    request_format: str = PROMPT_FORMAT
    style_parameter: bool = False    # wanx-v1 takes the style as a parameter, not as words
    prompt_extend: bool = True       # takes the prompt_extend switch (the service rewrites the prompt)


@dataclass(frozen=True)
class Region:
    key: str
    label: str                       # what a person sees: English / 繁體中文
    endpoint: str                    # native API base; "{workspace}" is filled from the workspace id
    text: tuple[str, ...]
    image: tuple[str, ...]
    default_text: str
    default_image: str               # check_served says so kindly when the kit cannot ask it
    vision: tuple[str, ...] = ()     # for the lessons that follow: describing a child's drawing
    speech: tuple[str, ...] = ()     # reading a story aloud
    image_edit: tuple[str, ...] = ()  # changing a picture from reference pictures
    checked: tuple[str, ...] = ("text", "image", "vision", "speech", "image_edit")  # kinds whose list a source
    # confirms; for the others the kit lets the service decide
    notes: dict = field(default_factory=dict)


IMAGE_MODELS = {m.name: m for m in (
    ImageModel("wan2.2-t2i-flash", 500),
    ImageModel("wan2.2-t2i-plus", 500),
    ImageModel("wan2.1-t2i-turbo", 500),
    ImageModel("wan2.1-t2i-plus", 500),
    ImageModel("wanx2.1-t2i-turbo", 500),
    ImageModel("wanx2.1-t2i-plus", 500),
    ImageModel("wan2.5-t2i-preview", 800),   # sources differ (800 or 2000): the smaller is safe
    ImageModel("wanx-v1", 500, style_parameter=True, prompt_extend=False),
    ImageModel("qwen-image", 800),
    ImageModel("z-image-turbo", 800, prompt_extend=False),
    ImageModel("wan2.6-t2i", 2000, MESSAGES_FORMAT),
    ImageModel("wan2.6-image", 2000, MESSAGES_FORMAT),
    ImageModel("wan2.7-image", 2000, MESSAGES_FORMAT),
    ImageModel("wan2.7-image-pro", 2000, MESSAGES_FORMAT),
)}

_SINGAPORE_TEXT = ("qwen-flash", "qwen-plus", "qwen-turbo", "qwen-max", "qwen3-max")
_SINGAPORE_IMAGE = ("wan2.2-t2i-flash", "wan2.2-t2i-plus", "wan2.1-t2i-turbo", "wan2.1-t2i-plus",
                    "wan2.5-t2i-preview", "wan2.6-t2i", "wan2.6-image", "wan2.7-image", "wan2.7-image-pro",
                    "qwen-image", "z-image-turbo")
_SINGAPORE_VISION = ("qwen3-vl-plus", "qwen3-vl-flash", "qwen-vl-max", "qwen-vl-plus")
_SINGAPORE_SPEECH = ("qwen3-tts-flash", "qwen3-tts-instruct-flash")
_SINGAPORE_EDIT = ("wan2.5-i2i-preview", "wan2.7-image", "wan2.7-image-pro", "qwen-image-edit")

REGIONS: dict[str, Region] = {r.key: r for r in (
    Region("intl", "Singapore / 新加坡", "https://dashscope-intl.aliyuncs.com/api/v1",
           _SINGAPORE_TEXT, _SINGAPORE_IMAGE, "qwen-flash", "wan2.2-t2i-flash",
           vision=_SINGAPORE_VISION, speech=_SINGAPORE_SPEECH, image_edit=_SINGAPORE_EDIT),
    Region("cn", "Beijing / 北京", "https://dashscope.aliyuncs.com/api/v1",
           ("qwen-flash", "qwen-plus", "qwen-turbo", "qwen-max", "qwen3-max"),
           ("wan2.2-t2i-flash", "wan2.2-t2i-plus", "wanx2.1-t2i-turbo", "wanx2.1-t2i-plus", "wanx-v1",
            "wan2.5-t2i-preview", "wan2.6-t2i", "qwen-image"),
           "qwen-flash", "wan2.2-t2i-flash",
           vision=("qwen3-vl-plus", "qwen3-vl-flash", "qwen-vl-max", "qwen-vl-plus"),
           speech=("qwen3-tts-flash",),
           image_edit=("wanx2.1-imageedit", "wanx-style-repaint-v1", "wanx-sketch-to-image-lite",
                       "wan2.5-i2i-preview", "qwen-image-edit"),
           checked=()),
    Region("us", "US (Virginia) / 美國（維珍尼亞）", "https://dashscope-us.aliyuncs.com/api/v1",
           ("qwen-flash", "qwen-plus"), ("wan2.6-t2i", "wan2.6-image"), "qwen-flash", "wan2.6-t2i", checked=("image",),
           notes={"image": "Virginia serves only the wan2.6 image models, which the kit cannot ask yet."}),
    Region("hongkong", "Hong Kong / 香港", "https://cn-hongkong.dashscope.aliyuncs.com/api/v1",
           ("qwen-flash", "qwen-plus"), ("wan2.2-t2i-flash",), "qwen-flash", "wan2.2-t2i-flash", checked=()),
    Region("workspace", "Singapore workspace / 新加坡工作空間",
           "https://{workspace}.ap-southeast-1.maas.aliyuncs.com/api/v1",
           _SINGAPORE_TEXT, _SINGAPORE_IMAGE, "qwen-flash", "wan2.2-t2i-flash",
           vision=_SINGAPORE_VISION, speech=_SINGAPORE_SPEECH, image_edit=_SINGAPORE_EDIT),
)}

_KINDS = ("text", "image", "vision", "speech", "image_edit")
# Image-editing models the kit can ask: the image2image route (``ImageSynthesis`` with ``images``). The others in
# the regions' lists (wan2.7-image, qwen-image-edit) take the messages format on another route: not yet.
SKETCH_MODELS = ("wan2.5-i2i-preview", "wanx2.1-imageedit")


def sketch_model(region_key: str) -> str:
    """The model that turns a child's drawing into a picture in this region, or a kind setup message."""
    place = REGIONS[region_key]
    for model in place.image_edit:
        if model in SKETCH_MODELS:
            return model
    raise ServiceProblem("format", model="image editing / 圖畫編輯", region=place.label)


def region(key: str) -> Region:
    return REGIONS[key]


DEFAULT_VISION = "qwen3-vl-flash"   # fast and cheap; enough to describe a child's picture


def vision_model(region_key: str) -> str:
    """The vision model ``kit.describe`` asks in this region (KIT_VISION_MODEL chooses another)."""
    import os

    chosen = os.environ.get("KIT_VISION_MODEL")
    served = REGIONS[region_key].vision
    if chosen:
        return chosen
    return DEFAULT_VISION if DEFAULT_VISION in served or not served else served[0]


# The reference-capable model the kit can ask: wan2.5-i2i-preview speaks the ImageSynthesis route (image2image,
# input.images, 1-3 pictures); wan2.7-image and qwen-image-edit take another request format, not yet.
EDIT_MODELS = ("wan2.5-i2i-preview",)


def edit_model(region_key: str) -> str | None:
    """The image-editing model this region serves that the kit can ask, or None (then prompt and seed only)."""
    return next((m for m in EDIT_MODELS if m in REGIONS[region_key].image_edit), None)


def image_model(name: str) -> ImageModel:
    """What the kit knows of an image model; one it has never heard of gets the careful defaults."""
    return IMAGE_MODELS.get(name) or ImageModel(name)


def known(kind: str, model: str) -> bool:
    """True when some region's list names ``model`` for ``kind``."""
    return any(model in getattr(r, kind) for r in REGIONS.values())


def check_served(region_key: str, kind: str, model: str) -> None:
    """Refuse, before any request, a model this region does not serve or the kit cannot ask.

    Raises ``ServiceProblem`` with a setup message naming the model and the region: a teacher's fix, never a
    child's. Unknown models and regions whose lists are unchecked pass: the service then decides.
    """
    if kind not in _KINDS:
        raise ValueError(kind)
    place = REGIONS[region_key]
    served = getattr(place, kind)
    if kind in place.checked and model not in served and known(kind, model):
        elsewhere = ", ".join(r.label for r in REGIONS.values() if model in getattr(r, kind) and kind in r.checked)
        raise ServiceProblem("not_in_region", model=model, region=place.label, elsewhere=elsewhere or "-")
    if kind == "image" and image_model(model).request_format != PROMPT_FORMAT:
        raise ServiceProblem("format", model=model, region=place.label)



# Speech (Qwen-TTS through MultiModalConversation; docs/service-facts.md "Speech in Singapore"). Voices by the
# language a child picks: "yue" Cantonese (the docs list Kiki and Rocky), "zh" Mandarin, "en" English. The first
# voice of each list is the default. ``language_type`` is what the service's request calls the language.
DEFAULT_SPEECH_MODEL = "qwen3-tts-flash"
SPEECH_VOICES = {
    "yue": ("Kiki", "Rocky"),
    "zh": ("Cherry", "Ethan", "Serena", "Chelsie"),
    "en": ("Cherry", "Ethan", "Jennifer", "Ryan"),
}
SPEECH_LANGUAGE_TYPE = {"yue": "Chinese", "zh": "Chinese", "en": "English"}
SPEECH_LIMIT = 600            # characters one request reads, each Chinese character counted as two
SPEECH_PRICE_PER_10K = 0.10   # USD per 10,000 characters (Model Studio qwen-tts page, Singapore)
