"""Looking at a picture: ``describe`` asks Qwen-VL what it sees (a story seed) and for short alt text.

The picture goes up as a base64 data URL inside the message's content list (``MultiModalConversation``), never
as a file the SDK would upload elsewhere. It is shrunk first (a vision model needs no more than 1024 pixels a
side) and refused when it is not a picture or too big to open safely. Offline, an honest reader measures
colours and places instead (``backends.offline_vision``) and says that is all it does.
"""

from __future__ import annotations

import hashlib
import io
from dataclasses import asdict, dataclass, replace
from pathlib import Path

from . import calls, models
from .backends.base import request_key
from .errors import BadInput
from .settings import current
from .text import Reply

MAX_SIDE = 1024                 # what is sent: enough for a vision model, small enough to stay far under limits
MAX_QUESTION = 500
ASK = {
    "en": ("Look at this picture from a child's storybook. Answer in English, in exactly two lines. "
           "Line 1 starts with 'ALT: ' and is alt text of at most 15 words for a reader who cannot see it. "
           "Line 2 starts with 'SEED: ' and says in two or three kind sentences what you see, then one "
           "question that could start a story."),
    "zh-Hant": ("請看這幅兒童故事書的圖畫。用繁體中文（香港）回答，剛好兩行。第一行以「ALT: 」開頭，是給看不見圖畫的人的"
                "替代文字，最多二十個字。第二行以「SEED: 」開頭，用兩三句溫和的句子說你看到甚麼，再問一個可以開始故事的問題。"),
}
ASKED = {"en": " The child also asks: ", "zh-Hant": "小朋友還問："}
ASK_SAME = {
    "en": (" The second picture is the story's hero. Add a third line that starts with 'SAME: ' and then yes or "
           "no: is the hero in the first picture the same character (same creature, colours and clothes)?"),
    "zh-Hant": "第二幅圖畫是故事的主角。加第三行，以「SAME: 」開頭，再寫 yes 或 no：第一幅圖畫的主角是不是同一個角色（同樣的動物、顏色和衣服）？",
}


@dataclass(frozen=True)
class VisionRequest:
    model: str
    image: str                              # the picture's fingerprint (its bytes travel beside the request)
    instruction: str                        # what the model is asked, in the kit's language
    question: str = ""                      # the child's own question, also inside the instruction
    language: str = "en"
    painted: tuple[str, ...] = ()           # what the offline painter says it drew (only the offline reader reads it)
    hero: str = ""                          # the hero picture's fingerprint, when asked "is this the same character?"
    hero_painted: tuple[str, ...] = ()      # what the offline painter drew in the hero picture

    def key(self, backend: str) -> str:
        return request_key("vision", backend, asdict(self))


@dataclass
class Description(Reply):
    """What the vision model saw: ``str(...)`` is the story seed; ``.alt`` the short alt text; ``.same`` (when
    asked with ``hero=``) whether the hero is the same character: True, False, or None when it did not say."""

    alt: str = ""
    same: bool | None = None


def same_answer(text: str) -> bool | None:
    """The "SAME: yes/no" line of an answer: True, False, or None when there is none."""
    for line in text.splitlines():
        if line.strip().upper().startswith("SAME:"):
            said = line.strip()[5:].strip().lower()
            return True if said.startswith(("yes", "是")) else False if said.startswith(("no", "不")) else None
    return None


def split_answer(text: str) -> tuple[str, str]:
    """(alt text, story seed) from the "ALT: ... / SEED: ..." answer; a model that ignored the shape still gives both."""
    alt, seed = "", []
    for line in text.strip().splitlines():
        stripped = line.strip()
        if stripped.upper().startswith("SAME:"):
            continue
        if stripped.upper().startswith("ALT:"):
            alt = stripped[4:].strip()
        elif stripped.upper().startswith("SEED:"):
            seed.append(stripped[5:].strip())
        elif stripped:
            seed.append(stripped)
    story = " ".join(seed).strip() or alt
    if not alt:
        alt = story.split(". ")[0].split("。")[0][:120]
    return alt, story


def picture_bytes(picture, min_side: int = 0) -> tuple[bytes, tuple[str, ...]]:
    """The picture to send (PNG, at most MAX_SIDE and at least ``min_side`` a side) and what the offline painter
    drew in it, if it did."""
    from PIL import Image, UnidentifiedImageError

    from .story_bundle import picture_size, too_big

    painted: tuple[str, ...] = ()
    if isinstance(picture, (bytes, bytearray)):
        data = bytes(picture)
    elif isinstance(picture, (str, Path)):
        path = Path(picture).expanduser()
        if not path.is_file():
            raise BadInput("picture", value=str(picture)[:80])
        data = path.read_bytes()
    elif hasattr(picture, "data"):
        data = bytes(picture.data)
        painted = _painted(picture)
    else:
        raise BadInput("picture", value=type(picture).__name__)
    huge = too_big(picture_size(data) or (0, 0))   # from the header alone: never decode a picture that big
    if huge:
        raise BadInput("picture_too_big", **huge)
    try:
        with Image.open(io.BytesIO(data)) as image:
            image.load()
            if max(image.size) <= MAX_SIDE and min(image.size) >= min_side and image.format == "PNG":
                return data, painted
            image = image.convert("RGB")
            image.thumbnail((MAX_SIDE, MAX_SIDE))
            if min(image.size) < min_side:   # an image-editing model refuses a small reference
                grow = min_side / min(image.size)
                image = image.resize((round(image.width * grow), round(image.height * grow)))
            out = io.BytesIO()
            image.save(out, format="PNG", compress_level=1)
            return out.getvalue(), painted
    except (UnidentifiedImageError, OSError, ValueError):
        raise BadInput("picture", value=str(getattr(picture, "path", "") or type(picture).__name__)[:80]) from None


def _painted(picture) -> tuple[str, ...]:
    """The offline painter's own words for what it drew: its notes, or its reading of the prompt again."""
    if getattr(picture, "backend", "") != "offline":
        return ()
    understood = (getattr(picture, "notes", None) or {}).get("understood")
    if understood is None and getattr(picture, "call_id", None):   # a book's picture: its call says what was drawn
        entry = calls.journal_for().call(picture.call_id) or {}
        understood = ((entry.get("result") or {}).get("notes") or {}).get("understood")
    if understood is None and getattr(picture, "prompt", ""):
        from .backends.offline_art.reading import read

        understood = read(picture.prompt, getattr(picture, "negative", None), None).understood
    return tuple(understood or ())


class VisionCall(calls.Call):
    """A picture shown to Qwen-VL, for the call pipeline: answered at once, like a question (``text.TextCall``)."""

    kind = "vision"

    def __init__(self, request: VisionRequest, image: bytes, backend: str, *, question: str = "",
                 hero: bytes | None = None):
        self.request, self.image, self.question, self.model = request, image, question, request.model
        self.hero = hero
        self.key = request.key(backend)
        self.loose = request_key("vision-loose", "", {"image": request.image, "instruction": request.instruction})
        self.reuse = True   # the same picture and question: the saved answer, not paid twice

    def replay_keys(self, settings) -> list[str]:
        live = replace(self.request, model=models.vision_model(settings.region), painted=())
        return [live.key("dashscope"), self.request.key("offline")]

    def journal_request(self) -> dict:
        return asdict(self.request)

    def perform(self, entry: dict, journal, backend) -> tuple[dict, Description]:
        result = calls.with_retry(lambda: backend.look(self.request, self.image, self.hero))
        fields = {"text": result.text, "finish_reason": result.finish_reason, "usage": result.usage,
                  "model": result.model}
        return fields, self.answer({**entry, **fields}, journal)

    def answer(self, entry: dict, journal, *, reused: bool = False, replayed: bool = False) -> Description:
        alt, seed = split_answer(entry.get("text", ""))
        return Description(text=seed, alt=alt, same=same_answer(entry.get("text", "")), model=entry.get("model", ""), backend=entry.get("backend", ""),
                           usage=entry.get("usage") or {}, finish_reason=entry.get("finish_reason", "stop"),
                           prompt=self.question, reused=reused, replayed=replayed, call_id=entry.get("id"))


def describe(picture, *, question: str | None = None, hero=None) -> Description:
    """Ask Qwen-VL to look at a picture (a ``kit.Picture``, a file path or PNG/JPEG bytes).

    The answer (a ``Reply``) is what it sees, as a story seed, in the kit's language; ``.alt`` is short alt
    text for the picture. ``question`` asks something more ("What is the dragon feeling?"). Offline, a reader
    that only measures colours and places answers, and says so. With ``hero`` (the book's hero picture) it also
    says whether the picture shows the same character: ``.same``.
    """
    settings = current()
    question = calls.check_prompt(question, MAX_QUESTION) if question is not None else ""
    image, painted = picture_bytes(picture)
    language = "zh-Hant" if settings.language.startswith("zh") else "en"
    instruction = ASK[language] + (ASKED[language] + question if question else "")
    hero_image, hero_painted = picture_bytes(hero) if hero is not None else (None, ())
    if hero_image is not None:
        instruction += ASK_SAME[language]
    if settings.backend == "dashscope":
        model = models.vision_model(settings.region)
        models.check_served(settings.region, "vision", model)
    else:
        model = "offline-practice-reader"
    offline = settings.backend != "dashscope"
    request = VisionRequest(model=model, image=_fingerprint(image), instruction=instruction, question=question,
                            language=language, painted=painted if offline else (),
                            hero=_fingerprint(hero_image) if hero_image else "",
                            hero_painted=hero_painted if offline else ())
    return calls.run(VisionCall(request, image, settings.backend, question=question, hero=hero_image), settings)


def _fingerprint(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:24]
