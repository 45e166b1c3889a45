"""What the scripted OpenAI-compatible server (fake_openai.py) can be told to do, one behaviour per
request: a normal ``Reply`` (JSON, or SSE in ``parts`` deltas), an error ``Status``, ``Sleep``
(read timeouts), malformed bodies and streams (``RawBody``, ``RawStream``), a connection cut mid
stream (``DropMidStream``), or a choice made from the request (``Respond``); and the request as
the server recorded it. Tests import all of these from fake_openai.py."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from tests.service.llm.fake_openai import _Handler


@dataclass(frozen=True)
class RecordedRequest:
    method: str
    path: str
    headers: dict[str, str]  # lower-case names
    raw: str
    body: Any  # parsed JSON, None when the body was not JSON

    @property
    def messages(self) -> list[dict[str, str]]:
        return list(self.body["messages"])

    @property
    def streamed(self) -> bool:
        return bool(self.body and self.body.get("stream"))


class Behaviour(Protocol):
    def respond(self, http: _Handler, request: RecordedRequest) -> None: ...


@dataclass(frozen=True)
class Reply:
    """A normal answer; streamed in ``parts`` deltas with ``pause`` seconds between them."""

    text: str
    parts: int = 3
    pause: float = 0.0

    def respond(self, http: _Handler, request: RecordedRequest) -> None:
        if not request.streamed:
            http.send_json(200, _completion(self.text, http.fake.model))
            return
        http.start_stream()
        http.write_chunk(b": keep-alive\n\n")
        http.write_event(_chunk(http.fake.model, {"role": "assistant"}))
        for piece in split_text(self.text, self.parts):
            http.fake.wait(self.pause)
            http.write_event(_chunk(http.fake.model, {"content": piece}))
        http.write_event(_chunk(http.fake.model, {}, finish_reason="stop"))
        http.write_chunk(b"data: [DONE]\n\n")
        http.end_stream()


@dataclass(frozen=True)
class Status:
    """An error status, optionally with a ``Retry-After`` header."""

    code: int
    body: str = '{"error": {"message": "scripted failure", "type": "server_error"}}'
    retry_after: str | None = None

    def respond(self, http: _Handler, request: RecordedRequest) -> None:
        headers = {"Retry-After": self.retry_after} if self.retry_after is not None else {}
        http.send_raw(self.code, self.body.encode(), "application/json", headers)


@dataclass(frozen=True)
class Sleep:
    """Say nothing for ``seconds`` (client read timeouts), then behave like ``then``."""

    seconds: float
    then: Behaviour = field(default_factory=lambda: Reply("too late"))

    def respond(self, http: _Handler, request: RecordedRequest) -> None:
        if not http.fake.wait(self.seconds):
            self.then.respond(http, request)


@dataclass(frozen=True)
class RawBody:
    """Exactly this body, e.g. malformed JSON or JSON without ``choices``."""

    body: str
    status: int = 200
    content_type: str = "application/json"

    def respond(self, http: _Handler, request: RecordedRequest) -> None:
        http.send_raw(self.status, self.body.encode(), self.content_type)


@dataclass(frozen=True)
class RawStream:
    """An SSE body written verbatim, one chunk per element."""

    pieces: tuple[str, ...]

    def respond(self, http: _Handler, request: RecordedRequest) -> None:
        http.start_stream()
        for piece in self.pieces:
            http.write_chunk(piece.encode())
        http.end_stream()


@dataclass(frozen=True)
class DropMidStream:
    """Stream the first ``sent`` of ``parts`` deltas, then cut the connection."""

    text: str
    parts: int = 4
    sent: int = 2

    def respond(self, http: _Handler, request: RecordedRequest) -> None:
        http.start_stream()
        for piece in split_text(self.text, self.parts)[: self.sent]:
            http.write_event(_chunk(http.fake.model, {"content": piece}))
        http.cut()


@dataclass(frozen=True)
class Respond:
    """Decide from the request: ``Respond(lambda request: Reply(...))``."""

    choose: Callable[[RecordedRequest], Behaviour]

    def respond(self, http: _Handler, request: RecordedRequest) -> None:
        self.choose(request).respond(http, request)


NO_SCRIPT = Status(501, '{"error": {"message": "fake server: no scripted behaviour left"}}')


def split_text(text: str, parts: int) -> list[str]:
    """``text`` in ``parts`` contiguous pieces (some may be empty when text is short)."""
    size = len(text)
    return [text[size * i // parts : size * (i + 1) // parts] for i in range(parts)]


def _completion(text: str, model: str) -> dict[str, Any]:
    return {
        "id": "chatcmpl-fake",
        "object": "chat.completion",
        "created": int(time.time()),
        "model": model,
        "choices": [{"index": 0, "message": {"role": "assistant", "content": text}, "finish_reason": "stop"}],
        "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2},
    }


def _chunk(model: str, delta: dict[str, str], finish_reason: str | None = None) -> dict[str, Any]:
    return {
        "id": "chatcmpl-fake",
        "object": "chat.completion.chunk",
        "created": int(time.time()),
        "model": model,
        "choices": [{"index": 0, "delta": delta, "finish_reason": finish_reason}],
    }
