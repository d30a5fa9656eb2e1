"""The real service: Qwen and Wanxiang through the official ``dashscope`` SDK.

Facts this module is built on (checked in shared/reference/dashscope-protocol.md):
- the SDK reads its environment only at import, so the key and endpoint are set in code on every call;
- ``Generation.call`` never raises on an API error: check ``status_code`` before touching ``output``;
- an image job that runs and then fails still answers 200: look at ``output.task_status``;
- image URLs expire after 24 hours, so the picture is downloaded as soon as the job succeeds;
- responses are read as the dicts they are (``_field``): before 1.25.22 ``getattr(response, name, default)``
  raises KeyError for a missing field, and before 1.25.19 there is no ``headers`` key (docs/service-facts.md).
The SDK is imported only here and only when first needed, so offline classrooms never pay for loading it.
"""

from __future__ import annotations

from collections.abc import Callable

from ..errors import (
    BadInput,
    KeyProblem,
    KitError,
    NetworkProblem,
    RateLimited,
    SafetyBlocked,
    ServiceProblem,
)
from ..models import image_model
from .base import ImageJob, ImageRequest, SketchRequest, Sound, SpeechRequest, TextRequest, TextResult

# Older wanx-v1 takes a style parameter; the wan2.x models take the style as words in the prompt.
WANX_V1_STYLES = {
    "watercolour": "<watercolor>", "sketch": "<sketch>", "cartoon": "<3d cartoon>",
    "ink painting": "<chinese painting>", "oil painting": "<oil painting>", "flat illustration": "<flat illustration>",
    "pixel art": "<auto>", "crayon": "<auto>",
}
STYLE_WORDS = {
    "watercolour": "soft watercolor painting", "sketch": "pencil sketch, black and white line drawing",
    "cartoon": "bright cartoon illustration with bold outlines", "ink painting": "traditional Chinese ink wash painting",
    "pixel art": "retro pixel art", "oil painting": "thick oil painting with visible brush strokes",
    "crayon": "child's crayon drawing", "flat illustration": "flat vector illustration",
}
REQUEST_TIMEOUT = 120  # seconds for one HTTP request; the SDK's default of 300 is too long for a child


def _sdk():
    import dashscope

    return dashscope


def _field(obj, name: str, default=None):
    """A field of an SDK response, safe on every SDK version the kit allows (they are all dict subclasses)."""
    if isinstance(obj, dict):
        value = obj.get(name, default)
        return default if value is None else value
    return default


def style_words(style: str | None) -> str:
    return STYLE_WORDS.get(style, style) if style else ""


def compose_prompt(prompt: str, style: str | None, model: str) -> str:
    """The prompt as sent: the style words first, where a model that reads only so far still keeps them."""
    words = "" if image_model(model).style_parameter else style_words(style)
    return f"{words}: {prompt}" if words else prompt


# What the service says when it does not serve a model on this route or region (a setup problem).
_UNKNOWN_MODEL_CODES = ("ModelNotFound", "Model.AccessDenied", "AccessDenied.Unpurchased",
                        "Gateway.ModelNotAllowed")   # a classroom gateway refusing a model the class may not use
_UNKNOWN_MODEL_WORDS = ("model not exist", "does not exist", "url error", "model not found", "unsupported model",
                        "not support")


def _unknown_model(status, code: str, message: str) -> bool:
    if code.startswith(_UNKNOWN_MODEL_CODES):
        return True
    if code == "AccessDenied" and "synchronous" not in message:
        return True
    return status in (400, 404) and any(w in message.lower() for w in _UNKNOWN_MODEL_WORDS)


def service_error(status: int | None, code: str | None, message: str | None, *, region: str = "",
                  model: str = "", during: str = "text", retry_after: float | None = None) -> KitError:
    """Turn the service's answer into the KitError a child should see."""
    code = code or ""
    message = message or ""
    detail = f"{status} {code}: {message}".strip()
    if status == 401 or code.startswith("InvalidApiKey"):
        return KeyProblem("invalid", detail=detail, region=region)
    if code.startswith("DataInspectionFailed"):
        reason = during if during in ("image", "speech") else ("output" if during == "stream"
                                                                or "Output" in message else "generic")
        return SafetyBlocked(reason, detail=detail)
    if code.startswith("IPInfringementSuspect"):
        return SafetyBlocked("ip", detail=detail)
    if code.startswith("Blocklist"):
        return SafetyBlocked("blocklist", detail=detail)
    if status == 429 or code.startswith(("Throttling", "Quota")):
        reason = "quota" if "Quota.Student" in code or "Quota.Class" in code else "generic"
        return RateLimited(reason, detail=detail, retry_after=retry_after)
    if code in ("Arrearage",) or code.startswith("AllocationQuota"):
        return ServiceProblem("account", detail=detail)
    if _unknown_model(status, code, message):
        return ServiceProblem("model", detail=detail, model=model, region=region or "-")
    if code.startswith(("InvalidParameter", "BadRequest")):
        return BadInput("generic", detail=detail, what=message or code)
    if code in ("RequestTimeOut", "WaitTaskTimeout"):
        return NetworkProblem("timeout", detail=detail)
    return ServiceProblem("generic", detail=detail)


def _retry_after(response) -> float | None:
    headers = _field(response, "headers", {})
    try:
        value = {k.lower(): v for k, v in dict(headers).items()}.get("retry-after")
        return float(value) if value is not None else None
    except (TypeError, ValueError):
        return None


def _network_error(exc: Exception) -> KitError:
    import requests

    if isinstance(exc, requests.exceptions.Timeout):
        return NetworkProblem("timeout", detail=type(exc).__name__)
    if isinstance(exc, (requests.exceptions.ConnectionError, OSError)):
        return NetworkProblem("generic", detail=type(exc).__name__)
    return ServiceProblem("generic", detail=f"{type(exc).__name__}: {exc}")


class DashScopeBackend:
    name = "dashscope"

    def __init__(self, *, api_key: str | None, endpoint: str, region: str, region_label: str = ""):
        if not api_key:
            raise KeyProblem("missing")
        self._api_key = api_key
        self.endpoint = endpoint
        self.region = region
        self.region_label = region_label or region

    def __repr__(self) -> str:
        return f"DashScopeBackend(endpoint={self.endpoint!r})"

    def _prepare(self):
        sdk = _sdk()
        sdk.api_key = self._api_key
        sdk.base_http_api_url = self.endpoint
        return sdk

    def _error(self, response, *, model: str, during: str) -> KitError:
        return service_error(int(_field(response, "status_code", 0)), _field(response, "code", ""),
                             _field(response, "message", ""), region=self.region_label, model=model,
                             during=during, retry_after=_retry_after(response))

    # -- text ----------------------------------------------------------------------------------------
    def complete(self, request: TextRequest, on_text: Callable[[str], None] | None = None) -> TextResult:
        sdk = self._prepare()
        params = {k: v for k, v in (("temperature", request.temperature), ("top_p", request.top_p),
                                    ("seed", request.seed), ("max_tokens", request.max_tokens)) if v is not None}
        stream = on_text is not None
        if stream:
            params.update(stream=True, incremental_output=True)
        try:
            response = sdk.Generation.call(model=request.model, messages=request.as_messages(),
                                           result_format="message", api_key=self._api_key,
                                           request_timeout=REQUEST_TIMEOUT, **params)
            if not stream:
                if response.status_code != 200:
                    raise self._error(response, model=request.model, during="text")
                choice = response.output.choices[0]
                return TextResult(choice.message.content or "", request.model, choice.finish_reason or "stop",
                                  _usage(response))
            pieces: list[str] = []
            finish, usage = "stop", {}
            for chunk in response:
                if chunk.status_code != 200:
                    raise self._error(chunk, model=request.model, during="stream" if pieces else "text")
                choice = chunk.output.choices[0]
                text = choice.message.content or ""
                if text:
                    pieces.append(text)
                    on_text(text)
                if choice.finish_reason and choice.finish_reason != "null":
                    finish = choice.finish_reason
                usage = _usage(chunk) or usage
            return TextResult("".join(pieces), request.model, finish, usage)
        except KitError:
            raise
        except Exception as exc:  # noqa: BLE001 - the SDK raises on network failures
            raise _network_error(exc) from None

    # -- pictures ------------------------------------------------------------------------------------
    def submit_image(self, request: ImageRequest) -> str:
        sdk = self._prepare()
        prompt, extra = compose_prompt(request.prompt, request.style, request.model), {}
        if request.style and image_model(request.model).style_parameter:
            extra["style"] = WANX_V1_STYLES.get(request.style, "<auto>")
        if request.negative:
            extra["negative_prompt"] = request.negative
        if request.seed is not None:
            extra["seed"] = request.seed
        if request.prompt_extend is not None and image_model(request.model).prompt_extend:
            extra["prompt_extend"] = request.prompt_extend
        try:
            response = sdk.ImageSynthesis.async_call(model=request.model, prompt=prompt, n=1, size=request.size,
                                                     api_key=self._api_key, **extra)
        except Exception as exc:  # noqa: BLE001 - any failure here has one kind answer
            raise _network_error(exc) from None
        return self._task_id(response, request.model)

    def submit_sketch(self, request: SketchRequest, sketch: bytes) -> str:
        """A picture from the child's drawing: the drawing keeps its layout (the requested size is asked for)."""
        return self._submit_image2image(request, sketch, size=request.size)

    def submit_edit(self, request, reference: bytes) -> str:
        """A picture drawn with a reference picture (the book's hero)."""
        return self._submit_image2image(request, reference)

    def _submit_image2image(self, request, image: bytes, *, size: str | None = None) -> str:
        """The image2image route (``ImageSynthesis`` with ``images``; the SDK picks the route from the model):
        the picture goes up inline as a base64 data URL, so nothing is uploaded anywhere else."""
        sdk = self._prepare()
        extra = {k: v for k, v in (("negative_prompt", request.negative), ("seed", request.seed), ("size", size))
                 if v is not None}
        try:
            response = sdk.ImageSynthesis.async_call(model=request.model,
                                                     prompt=compose_prompt(request.prompt, request.style, request.model),
                                                     images=[data_url(image)], n=1, api_key=self._api_key, **extra)
        except Exception as exc:  # noqa: BLE001 - any failure here has one kind answer
            raise _network_error(exc) from None
        return self._task_id(response, request.model)

    def _task_id(self, response, model: str) -> str:
        if response.status_code != 200:
            raise self._error(response, model=model, during="image")
        task_id = _field(_field(response, "output", {}), "task_id")
        if not task_id:
            raise ServiceProblem("picture", detail="no task id in the answer")
        return task_id

    def image_status(self, task_id: str, request: ImageRequest) -> ImageJob:
        sdk = self._prepare()
        try:
            response = sdk.ImageSynthesis.fetch(task_id, api_key=self._api_key)
        except Exception as exc:  # noqa: BLE001 - any failure here has one kind answer
            raise _network_error(exc) from None
        if response.status_code in (503, 504):
            return ImageJob(task_id, "RUNNING")  # a passing fault while polling: ask again
        if response.status_code != 200:
            raise self._error(response, model=request.model, during="image")
        output = _field(response, "output", {})
        status = _field(output, "task_status", "UNKNOWN")
        if status in ("PENDING", "RUNNING"):
            return ImageJob(task_id, status)
        if status == "FAILED":  # the job's own end, not a fault of the look-up: never ask again
            problem = service_error(200, _field(output, "code", ""), _field(output, "message", ""),
                                    region=self.region_label, model=request.model, during="image")
            problem.job_failed = True
            raise problem
        if status != "SUCCEEDED":
            raise ServiceProblem("picture", detail=f"task {status}")
        results = [r for r in _field(output, "results", []) if _field(r, "url")]
        if not results:
            failed = (_field(output, "results", []) or [{}])[0]
            problem = service_error(200, _field(failed, "code", ""), _field(failed, "message", ""),
                                    region=self.region_label, model=request.model, during="image")
            problem.job_failed = True
            raise problem
        data = download(_field(results[0], "url"))
        return ImageJob(task_id, "SUCCEEDED", data=data, format=image_format(data),
                        actual_prompt=_field(results[0], "actual_prompt"))

    # -- speech --------------------------------------------------------------------------------------
    def speak(self, request: SpeechRequest) -> Sound:
        """Qwen-TTS: one request, the reply's ``output.audio.url`` downloaded at once (the link expires)."""
        from ..models import SPEECH_LANGUAGE_TYPE

        sdk = self._prepare()
        try:
            response = sdk.MultiModalConversation.call(
                model=request.model, text=request.text, voice=request.voice,
                language_type=SPEECH_LANGUAGE_TYPE.get(request.language, "Auto"), api_key=self._api_key,
                request_timeout=REQUEST_TIMEOUT)
        except Exception as exc:  # noqa: BLE001 - any failure here has one kind answer
            raise _network_error(exc) from None
        if response.status_code != 200:
            raise self._error(response, model=request.model, during="speech")
        audio = _field(_field(response, "output", {}), "audio", {})
        url = _field(audio, "url")
        if not url:
            raise ServiceProblem("speech", detail="no audio url in the answer")
        data = download(url, what="speech")
        return Sound(data, "wav", int(_field(_field(response, "usage", {}), "characters", 0) or 0))


    # -- looking at pictures --------------------------------------------------------------------------
    def look(self, request, image: bytes, hero: bytes | None = None) -> TextResult:
        """Qwen-VL looks at the picture (and the hero's, to compare), sent as base64 data URLs in the message
        (the SDK uploads nothing)."""
        sdk = self._prepare()
        pictures = [image] if hero is None else [image, hero]
        content = [*({"image": data_url(each)} for each in pictures), {"text": request.instruction}]
        try:
            response = sdk.MultiModalConversation.call(model=request.model,
                                                       messages=[{"role": "user", "content": content}],
                                                       api_key=self._api_key, request_timeout=REQUEST_TIMEOUT)
        except Exception as exc:  # noqa: BLE001 - the SDK raises on network failures
            raise _network_error(exc) from None
        if response.status_code != 200:
            raise self._error(response, model=request.model, during="vision")
        choice = _field(response, "output", {}).get("choices", [{}])[0]
        said = _field(_field(choice, "message", {}), "content", "")
        if isinstance(said, list):   # the multimodal route answers with a list of {"text": ...} parts
            said = "".join(str(_field(part, "text", "")) for part in said)
        return TextResult(str(said), request.model, _field(choice, "finish_reason", "stop"), _usage(response))


def data_url(image: bytes) -> str:
    """The picture as the data URL the vision models read (PNG or JPEG by its first bytes)."""
    import base64

    return f"data:image/{image_format(image)};base64,{base64.b64encode(image).decode('ascii')}"


def _usage(response) -> dict:
    usage = _field(response, "usage", {})
    if not usage:
        return {}
    return {k: v for k, v in dict(usage).items() if isinstance(v, (int, float))}


def download(url: str, what: str = "picture") -> bytes:
    """Fetch the picture (or sound) now: the service's links stop working after 24 hours."""
    import requests

    try:
        answer = requests.get(url, timeout=REQUEST_TIMEOUT)
    except Exception as exc:  # noqa: BLE001 - any failure here has one kind answer
        raise _network_error(exc) from None
    if answer.status_code != 200 or not answer.content:
        raise ServiceProblem(what, detail=f"download answered {answer.status_code}")
    return answer.content


def image_format(data: bytes) -> str:
    if data.startswith(b"\x89PNG"):
        return "png"
    if data[:3] == b"\xff\xd8\xff":
        return "jpeg"
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "webp"
    return "png"
