"""A scripted OpenAI-compatible server on 127.0.0.1 for tests (real HTTP, no mocks).

    with FakeOpenAI() as fake:
        fake.script(Status(429, retry_after="1"), Reply("答案[1]"))
        settings = LLMSettings(base_url=fake.base_url)
        ...
        fake.requests[-1].messages  # what the client sent

Each POST to ``.../chat/completions`` consumes the next scripted behaviour (``default`` when the
queue is empty; without a default the server answers 501). ``Reply`` answers in JSON or, when the
request asked for ``stream: true``, as SSE in ``parts`` deltas.

The behaviours live in fake_openai_behaviours.py and are re-exported here.
"""

from __future__ import annotations

import json
import socket
import sys
import threading
from collections import deque
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Any

from tests.service.llm.fake_openai_behaviours import (
    NO_SCRIPT,
    Behaviour,
    DropMidStream,
    RawBody,
    RawStream,
    RecordedRequest,
    Reply,
    Respond,
    Sleep,
    Status,
    split_text,
)

__all__ = [
    "Behaviour",
    "DropMidStream",
    "FakeOpenAI",
    "RawBody",
    "RawStream",
    "RecordedRequest",
    "Reply",
    "Respond",
    "Sleep",
    "Status",
    "split_text",
]


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


def _json_or_none(raw: str) -> Any:
    try:
        return json.loads(raw)
    except ValueError:
        return None
