"""Talking to Qwen: ``ask`` for one question, ``Chat`` for a conversation. Both return a ``Reply``."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from pathlib import Path

from . import calls, models
from .backends.base import TextRequest, request_key
from .chat_file import ChatFile
from .display import LiveCard, in_notebook, text_card
from .settings import current


@dataclass
class Reply:
    """What the model said. ``str(reply)`` is the text; in a notebook it shows as a card."""

    text: str
    model: str
    backend: str
    usage: dict = field(default_factory=dict)
    finish_reason: str = "stop"
    prompt: str = ""
    seed: int | None = None
    reused: bool = False
    replayed: bool = False
    call_id: str | None = None
    _shown_at: int | None = field(default=None, repr=False, compare=False)

    def __str__(self) -> str:
        return self.text

    @property
    def offline(self) -> bool:
        return self.backend == "offline"

    def _repr_html_(self) -> str:
        return text_card(self.text, model=self.model, backend=self.backend, prompt=self.prompt,
                         reused=self.reused, replayed=self.replayed, finish_reason=self.finish_reason,
                         seed=self.seed)

    def _ipython_display_(self) -> None:
        from IPython import get_ipython
        from IPython.display import display

        shell = get_ipython()
        if self._shown_at is not None and shell is not None and shell.execution_count == self._shown_at:
            return  # the live card already shows this reply in this cell
        label = " [OFFLINE 離線]" if self.offline else ""
        display({"text/html": self._repr_html_(), "text/plain": self.text + label}, raw=True)


def _message_pairs(system: str | None, history: list[tuple[str, str]], prompt: str | None) -> tuple:
    """The conversation as the model sees it: system prompt first, then the turns, then the new prompt."""
    pairs = []
    if system:
        pairs.append(("system", str(system)))
    pairs.extend(history)
    if prompt is not None:
        pairs.append(("user", prompt))
    return tuple(pairs)


class TextCall(calls.Call):
    """A question to Qwen, for the call pipeline: answered at once (streamed onto a live card if asked)."""

    kind = "text"

    def __init__(self, request: TextRequest, backend: str, *, explicit_seed: bool, stream: bool, prompt: str):
        self.request, self.model, self.stream, self.prompt = request, request.model, stream, prompt
        self.key = request.key(backend)
        self.loose = request_key("text-loose", "", {"messages": request.messages})
        self.reuse = explicit_seed  # the same seed asks for the same answer: the saved one, not paid twice

    def replay_keys(self, settings) -> list[str]:
        live = replace(self.request, model=settings.text_model)
        return [live.key("dashscope"), self.request.key("offline")]

    def journal_request(self) -> dict:
        r = self.request
        return {"messages": [list(p) for p in r.messages], "temperature": r.temperature, "top_p": r.top_p,
                "seed": r.seed, "max_tokens": r.max_tokens, "stream": self.stream}

    def perform(self, entry: dict, journal, backend) -> tuple[dict, Reply]:
        request = self.request
        live_card = (LiveCard(model=request.model, backend=entry["backend"], prompt=self.prompt, seed=request.seed)
                     if self.stream else None)
        result = calls.with_retry(lambda: backend.complete(request, live_card.add if live_card else None))
        reply = Reply(text=result.text, model=result.model, backend=entry["backend"], usage=result.usage,
                      finish_reason=result.finish_reason, prompt=self.prompt, seed=request.seed,
                      call_id=entry["id"])
        if live_card is not None:
            live_card.finish(finish_reason=result.finish_reason)
            if in_notebook():
                from IPython import get_ipython

                reply._shown_at = get_ipython().execution_count
        return {"text": result.text, "finish_reason": result.finish_reason, "usage": result.usage,
                "model": result.model}, reply

    def answer(self, entry: dict, journal, *, reused: bool = False, replayed: bool = False) -> Reply:
        return _reply_from(entry, self.prompt, reused=reused, replayed=replayed)


def _complete(pairs: tuple, *, temperature=None, top_p=None, seed=None, max_tokens=None, stream=False,
              prompt: str = "") -> Reply:
    settings = current()
    temperature = calls.check_number("temperature", temperature, 0, 2, high_open=True)
    top_p = calls.check_number("top_p", top_p, 0, 1, low_open=True)
    seed = calls.check_number("seed", seed, 0, calls.MAX_SEED, integer=True)
    max_tokens = calls.check_number("max_tokens", max_tokens, 1, 8192, integer=True)
    explicit_seed = seed is not None
    if seed is None and settings.backend == "offline" and temperature != 0:
        seed = calls.new_seed()  # like the real model: asking again gives a new answer
    text_model = settings.models[0]
    if settings.backend == "dashscope":
        models.check_served(settings.region, "text", text_model)  # a setup problem, named before any request
    request = TextRequest(model=text_model, messages=pairs, temperature=temperature, top_p=top_p, seed=seed,
                          max_tokens=max_tokens)
    return calls.run(TextCall(request, settings.backend, explicit_seed=explicit_seed, stream=stream,
                              prompt=prompt), settings)


def _reply_from(entry: dict, prompt: str, *, reused: bool = False, replayed: bool = False) -> Reply:
    return Reply(text=entry.get("text", ""), model=entry.get("model", ""), backend=entry.get("backend", ""),
                 usage=entry.get("usage") or {}, finish_reason=entry.get("finish_reason", "stop"), prompt=prompt,
                 seed=(entry.get("request") or {}).get("seed"), reused=reused, replayed=replayed,
                 call_id=entry.get("id"))


def ask(prompt: str, *, system: str | None = None, temperature: float | None = None, top_p: float | None = None,
        seed: int | None = None, max_tokens: int | None = None, stream: bool = False) -> Reply:
    """Ask Qwen one question and get a ``Reply``.

    ``system`` gives the model a role. ``temperature`` (0 to 2) and ``top_p`` (0 to 1) are the creativity dials;
    the same ``seed`` asks for the same answer again (and reuses the saved one instead of paying twice).
    ``stream=True`` shows the answer as it is written.
    """
    prompt = calls.check_prompt(prompt, calls.MAX_TEXT_PROMPT)
    return _complete(_message_pairs(system, [], prompt), temperature=temperature, top_p=top_p, seed=seed,
                     max_tokens=max_tokens, stream=stream, prompt=prompt)


class Chat:
    """A conversation that remembers what was said, so "make it shorter" knows what "it" is.

    Give it a ``name`` and the conversation is saved in the work folder after every turn, so it comes back
    after a kernel restart: ``Chat(name="my-story")`` picks up where it stopped.
    """

    def __init__(self, system: str | None = None, *, name: str | None = None, **params):
        self.system = system
        self.params = params
        self.name = name
        self._turns: list[tuple[str, str]] = []
        if name:
            self._file = ChatFile(self._path())
            saved = self._file.load_chat()
            if saved:
                self.system = saved[0] if system is None else system
                self._turns = saved[1]

    def _path(self) -> Path:
        safe = re.sub(r"[^\w\-]+", "-", self.name or "chat").strip("-") or "chat"
        return current().workdir / "chats" / f"{safe}.json"

    def say(self, text: str, **params) -> Reply:
        text = calls.check_prompt(text, calls.MAX_TEXT_PROMPT)
        options = {**self.params, **params}
        reply = _complete(_message_pairs(self.system, self._turns, text), prompt=text, **options)
        self._turns += [("user", text), ("assistant", reply.text)]
        if self.name:
            self._turns = self._file.save_chat(self.system, self._turns)
        return reply

    @property
    def history(self) -> list[dict]:
        """The conversation so far, as the model sees it (system prompt first)."""
        return [{"role": role, "content": content}
                for role, content in _message_pairs(self.system, self._turns, None)]

    def clear(self) -> None:
        self._turns = []

    def __repr__(self) -> str:
        return f"Chat(system={self.system!r}, turns={len(self._turns) // 2})"
