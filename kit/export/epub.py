"""The storybook as a reflowable EPUB 3: what school libraries, e-readers and screen readers open.

Written with the standard library's ``zipfile`` (the format is a zip of XHTML, a package file and the pictures;
EbookLib would add an AGPL dependency for that). It reads the same story data as the HTML export and reuses its
"How I used AI" markup, carries EPUB Accessibility 1.1 metadata, and, when the pages are narrated, Media Overlays
(SMIL) so a reader highlights each sentence as it is read.
"""

from __future__ import annotations

import base64
import hashlib
import io
import uuid
import wave
import zipfile
from datetime import datetime, timezone

from markupsafe import Markup, escape

from ..story_bundle import ExportProblem
from .render import TEMPLATES, _context, environment

MIMETYPE = "application/epub+zip"
CORE_IMAGES = {"image/jpeg": "jpg", "image/png": "png", "image/gif": "gif"}   # EPUB 3.2's core media types
CORE_AUDIO = {"audio/mpeg": "mp3", "audio/mp4": "m4a"}   # the only audio a Media Overlay may point at
LABELS = {"contents": {"en": "Contents", "zh-Hant": "目錄"}, "landmarks": {"en": "Landmarks", "zh-Hant": "導覽"}}
CONTAINER = """<?xml version="1.0" encoding="UTF-8"?>
<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">
<rootfiles><rootfile full-path="OEBPS/package.opf" media-type="application/oebps-package+xml"/></rootfiles>
</container>
"""


def clock(seconds: float) -> str:
    """A duration as EPUB's media:duration wants it: h:mm:ss.fff."""
    millis = round(max(seconds, 0) * 1000)
    hours, rest = divmod(millis, 3_600_000)
    minutes, rest = divmod(rest, 60_000)
    return f"{hours}:{minutes:02d}:{rest // 1000:02d}.{rest % 1000:03d}"


def _picture(picture: dict | None, name: str, media: list, files: dict) -> dict | None:
    """A picture as a file of the book (WebP, not a core type of EPUB 3.2, becomes PNG); None when there is none."""
    if not picture or not picture.get("data"):
        return None
    raw, mime = base64.b64decode(picture["data"]), picture.get("mime")
    if mime not in CORE_IMAGES:
        from PIL import Image

        out = io.BytesIO()
        with Image.open(io.BytesIO(raw)) as image:
            image.save(out, format="PNG")
        raw, mime = out.getvalue(), "image/png"
    href = f"images/{name}.{CORE_IMAGES[mime]}"
    if href not in files:
        files[href] = raw
        media.append({"id": f"img-{name}", "href": href, "mime": mime,
                      "properties": "cover-image" if name == "cover" else ""})
    return {"href": href, "alt": picture.get("alt", ""), "width": picture.get("width"),
            "height": picture.get("height")}


def _audio(audio: dict) -> tuple[bytes, str]:
    """Narration as MP3 or MP4, the audio EPUB readers must play: a WAV clip is encoded to 64 kbit/s MP3."""
    raw, mime = base64.b64decode(audio["data"]), audio.get("mime")
    if mime in CORE_AUDIO:
        return raw, mime
    try:
        with wave.open(io.BytesIO(raw)) as clip:
            channels, width, rate = clip.getnchannels(), clip.getsampwidth(), clip.getframerate()
            frames = clip.readframes(clip.getnframes())
    except (wave.Error, EOFError) as error:
        raise ExportProblem("damaged", detail=f"narration audio ({mime}: {type(error).__name__})") from None
    if width == 1:   # the storybook's own narration is 8-bit (unsigned): 16-bit signed for the encoder
        import numpy as np

        frames = ((np.frombuffer(frames, dtype=np.uint8).astype(np.int16) - 128) << 8).astype("<i2").tobytes()
        width = 2
    if width != 2:
        raise ExportProblem("damaged", detail=f"narration audio ({width * 8}-bit)")
    import lameenc

    encoder = lameenc.Encoder()
    encoder.set_bit_rate(64)
    encoder.set_in_sample_rate(rate)
    encoder.set_channels(channels)
    encoder.set_quality(5)
    return bytes(encoder.encode(frames) + encoder.flush()), "audio/mpeg"


def sentence_words(text: str, sentences: list[dict], page: int) -> tuple[Markup, list[dict]]:
    """The page's words as paragraphs, each narrated sentence in a ``<span id="s<page>-<n>">`` a SMIL file points at.

    Sentences are found in the text in order; one the text does not contain (the words changed after narrating)
    gets no span and no highlight, and the rest still do.
    """
    spans, cursor = [], 0
    for number, sentence in enumerate(sentences, start=1):
        said = str(sentence.get("text") or "").strip()
        at = text.find(said, cursor) if said else -1
        if at < 0:
            continue
        spans.append({"id": f"s{page}-{number}", "begin": at, "end": at + len(said),
                      "start": float(sentence["start"]), "end_time": float(sentence["end"])})
        cursor = at + len(said)
    html, kept, position = [], [], 0
    for block in text.split("\n\n"):
        begin, end = position, position + len(block)
        position = end + 2
        if not block.strip():
            continue
        out, at = [], begin
        for span in spans:
            if span["begin"] >= begin and span["end"] <= end:   # a sentence across two paragraphs is not wrapped
                out.append(_lines(text[at:span["begin"]]))
                out.append(Markup('<span id="{}">{}</span>').format(span["id"], _lines(text[span["begin"]:span["end"]])))
                at = span["end"]
                kept.append(span)
        out.append(_lines(text[at:end]))
        html.append(Markup("<p>{}</p>").format(Markup("").join(out)))
    return Markup("").join(html), [{"id": s["id"], "start": s["start"], "end": s["end_time"]} for s in kept]


def _lines(text: str) -> Markup:
    return Markup("<br/>").join(escape(line) for line in text.strip("\n").split("\n"))


def _a11y(data: dict, narrated: bool) -> dict:
    pictures = [p for p in [data.get("cover")] + [page.get("picture") for page in data["pages"]] if p]
    described = all(str(p.get("alt") or "").strip() for p in pictures)
    modes = ["textual"] + (["visual"] if pictures else []) + (["auditory"] if narrated else [])
    sufficient = [",".join(modes)] + (["textual"] if described else [])
    features = ["structuralNavigation", "tableOfContents", "readingOrder", "displayTransformability"]
    features += ["alternativeText"] if pictures else []
    features += ["synchronizedAudioText"] if narrated else []
    summary = ("A reflowable picture book: " + ("every picture has a text description, " if described else "")
               + "the words can be resized and read aloud by assistive technology, and a table of contents leads "
               "to each page"
               + (", with recorded narration highlighted sentence by sentence." if narrated else ".")
               + " Made with the Qwen Storybook Kit, which checks each book with EPUBCheck.")
    return {"modes": modes, "sufficient": sufficient, "features": features, "summary": summary,
            "certified_by": "Qwen Storybook Kit (self-declared)"}


def build_epub(data: dict) -> bytes:
    """The whole EPUB file for a storybook's export data (as ``bundle.validate`` accepted it)."""
    env = environment()
    context = _context(data, labels=LABELS)
    data, lang = context["d"], context["lang"]
    page_template = env.get_template("epub/page.xhtml.j2")
    media: list[dict] = []
    files: dict[str, bytes | str] = {}
    docs, overlays = [], []

    cover = _picture(data.get("cover"), "cover", media, files) or \
        _picture((data["pages"][0] if data["pages"] else {}).get("picture"), "cover", media, files)
    docs.append({"id": "cover", "href": "cover.xhtml", "heading": env.globals["t"]("story.cover", lang)})
    files["cover.xhtml"] = page_template.render(**context, kind="cover", epub_type="cover", picture=cover,
                                                heading=data["title"])
    for n, page in enumerate(data["pages"], start=1):
        heading = env.globals["t"]("story.page", lang, n=n)
        narration = page.get("narration") or {}
        said = narration.get("sentences") or [] if narration.get("audio") else []
        words, sentences = sentence_words(page.get("text") or "", said, n)
        doc = {"id": f"page-{n}", "href": f"page-{n}.xhtml", "heading": heading, "overlay": ""}
        if sentences:
            raw, mime = _audio(narration["audio"])
            href = f"audio/page-{n}.{CORE_AUDIO[mime]}"
            files[href] = raw
            media.append({"id": f"audio-{n}", "href": href, "mime": mime})
            overlay = {"id": f"mo-{n}", "href": f"page-{n}.smil", "mime": "application/smil+xml",
                       "duration": clock(sum(s["end"] - s["start"] for s in sentences)),
                       "seconds": sum(s["end"] - s["start"] for s in sentences)}
            files[overlay["href"]] = env.get_template("epub/overlay.smil.j2").render(
                n=n, page=doc["href"], audio=href, sentences=sentences)
            media.append(overlay)
            overlays.append(overlay)
            doc["overlay"] = overlay["id"]
        files[doc["href"]] = page_template.render(
            **context, kind="page", epub_type="bodymatter", n=n, heading=heading, words=words,
            picture=_picture(page.get("picture"), f"page-{n}", media, files), offline=page.get("offline"))
        docs.append(doc)
    appendix = {**(data.get("appendix") or {}), "entry": None}   # the judges' JSON stays in the HTML file
    docs.append({"id": "end", "href": "end.xhtml", "heading": env.globals["t"]("appendix.title", lang)})
    files["end.xhtml"] = page_template.render(**{**context, "d": {**data, "appendix": appendix}}, kind="end",
                                              epub_type="backmatter", heading=docs[-1]["heading"]).replace(
                                                  "<br>", "<br/>")
    files["nav.xhtml"] = env.get_template("epub/nav.xhtml.j2").render(**context, docs=docs)
    files["epub.css"] = (TEMPLATES / "epub" / "epub.css").read_text(encoding="utf-8")
    files["package.opf"] = env.get_template("epub/package.opf.j2").render(
        **context, docs=docs, media=media, overlays=overlays, identifier=_identifier(files),
        modified=datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"), a11y=_a11y(data, bool(overlays)),
        total_duration=clock(sum(o["seconds"] for o in overlays)), narrator=data.get("narration_voice") or "")
    return _zip(files)


def _identifier(files: dict) -> str:
    """The same book gives the same identifier (a reader keeps its place across re-exports of it)."""
    digest = hashlib.sha256()
    for name in sorted(files):
        content = files[name]
        digest.update(name.encode() + (content.encode() if isinstance(content, str) else content))
    return f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, 'qwen-storybook-kit:' + digest.hexdigest())}"


def _zip(files: dict) -> bytes:
    """The container: ``mimetype`` first and stored uncompressed, as the OCF spec requires; the rest deflated."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as book:
        book.writestr(zipfile.ZipInfo("mimetype"), MIMETYPE, compress_type=zipfile.ZIP_STORED)
        book.writestr("META-INF/container.xml", CONTAINER, compress_type=zipfile.ZIP_DEFLATED)
        for name, content in files.items():
            compress = zipfile.ZIP_STORED if name.startswith(("images/", "audio/")) else zipfile.ZIP_DEFLATED
            book.writestr(f"OEBPS/{name}", content, compress_type=compress)
    return out.getvalue()
