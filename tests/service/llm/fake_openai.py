"""A scripted OpenAI-compatible server on 127.0.0.1 for tests (real HTTP, no mocks).

    with FakeOpenAI() as fake:
        fake.script(Status(429, retry_after="1"), Reply("答案[1]"))
        settings = LLMSettings(base_url=fake.base_url)
        ...
        fake.requests[-1].messages  # what the client sent

Each POST to ``.../chat/completions`` consumes the next scripted behaviour (``default`` when the
queue is empty; without a default the server answers 501). ``Reply`` answers in JSON or, when the
request asked for ``stream: true``, as SSE in ``parts`` deltas.
"""

from __future__ import annotations

import json
import socket
import sys
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Any, Protocol


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


class FakeOpenAI:
    def __init__(self, model: str = "fake-model", default: Behaviour | None = None) -> None:
        self.model = model
        self.default = default
        self._queue: deque[Behaviour] = deque()
        self._requests: list[RecordedRequest] = []
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        self._server: _Server | None = None
        self._thread: threading.Thread | None = None

    @property
    def base_url(self) -> str:
        assert self._server is not None, "start() the fake server first"
        return f"http://127.0.0.1:{self._server.server_address[1]}/v1"

    @property
    def requests(self) -> list[RecordedRequest]:
        with self._lock:
            return list(self._requests)

    def script(self, *behaviours: Behaviour) -> None:
        with self._lock:
            self._queue.extend(behaviours)

    def start(self) -> FakeOpenAI:
        self._server = _Server(("127.0.0.1", 0), _Handler, self)
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.02}, name="fake-openai", daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stopping.set()
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)

    def __enter__(self) -> FakeOpenAI:
        return self.start()

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()

    def wait(self, seconds: float) -> bool:
        """Sleep that ends early (returning True) when the server stops."""
        return self._stopping.wait(seconds) if seconds > 0 else False

    def _take(self, request: RecordedRequest) -> Behaviour:
        with self._lock:
            self._requests.append(request)
            if self._queue:
                return self._queue.popleft()
        return self.default or NO_SCRIPT


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, address: tuple[str, int], handler: type[_Handler], fake: FakeOpenAI) -> None:
        super().__init__(address, handler)
        self.fake = fake

    def handle_error(self, request: Any, client_address: Any) -> None:
        if not isinstance(sys.exc_info()[1], ConnectionError):  # clients hanging up is what tests do
            super().handle_error(request, client_address)


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive and chunked streams, like real servers
    server: _Server

    @property
    def fake(self) -> FakeOpenAI:
        return self.server.fake

    def do_POST(self) -> None:
        raw = self.rfile.read(int(self.headers.get("Content-Length") or 0)).decode("utf-8", "replace")
        request = RecordedRequest(
            method="POST",
            path=self.path,
            headers={name.lower(): value for name, value in self.headers.items()},
            raw=raw,
            body=_json_or_none(raw),
        )
        if not self.path.endswith("/chat/completions"):
            self.send_raw(404, b'{"error": {"message": "no such route"}}', "application/json")
            return
        try:
            self.fake._take(request).respond(self, request)
        except ConnectionError:
            self.close_connection = True  # the client gave up (timeout tests); nothing to tell it

    def send_json(self, status: int, payload: Any) -> None:
        self.send_raw(status, json.dumps(payload, ensure_ascii=False).encode(), "application/json")

    def send_raw(
        self, status: int, body: bytes, content_type: str, headers: dict[str, str] | None = None
    ) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)
        self.wfile.flush()

    def start_stream(self) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-cache")
        self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()

    def write_event(self, payload: Any) -> None:
        self.write_chunk(f"data: {json.dumps(payload, ensure_ascii=False)}\n\n".encode())

    def write_chunk(self, data: bytes) -> None:
        self.wfile.write(f"{len(data):x}\r\n".encode() + data + b"\r\n")
        self.wfile.flush()

    def end_stream(self) -> None:
        self.wfile.write(b"0\r\n\r\n")
        self.wfile.flush()

    def cut(self) -> None:
        """Drop the connection without finishing the chunked body."""
        self.close_connection = True
        self.connection.shutdown(socket.SHUT_RDWR)

    def log_message(self, format: str, *args: Any) -> None:
        pass


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


def _json_or_none(raw: str) -> Any:
    try:
        return json.loads(raw)
    except ValueError:
        return None
