"""Client for OpenAI-compatible ``/chat/completions`` servers (OpenAI, vLLM, Ollama, llama.cpp ...).

Synchronous httpx with retries (exponential backoff + jitter, ``Retry-After``) and SSE streaming.
Every failure leaves as ``LLMError``; httpx exceptions never escape.
"""

from __future__ import annotations

import json
import random
import threading
import time
from collections.abc import Callable, Generator, Iterable, Iterator
from contextlib import contextmanager
from types import TracebackType
from typing import Any, NoReturn

import httpx

from embeddings.errors import LLMError
from service.config import LLMSettings
from service.llm.base import ChatMessage

RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
_EXCERPT_CHARS = 300


class _RetryableError(Exception):
    """One attempt failed in a way another attempt may fix."""

    def __init__(self, message: str, retry_after: float | None = None) -> None:
        super().__init__(message)
        self.retry_after = retry_after


class OpenAIChatClient:
    """``LLMClient`` over HTTP. The connection pool is opened on first use; ``close()`` releases it."""

    def __init__(
        self,
        settings: LLMSettings,
        transport: httpx.BaseTransport | None = None,
        *,
        backoff_base: float = 0.5,
        backoff_max: float = 8.0,
        max_retry_after: float = 30.0,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.name = f"openai:{settings.model}"
        self._settings = settings
        self._transport = transport
        self._url = settings.base_url.rstrip("/") + "/chat/completions"
        self._backoff_base = backoff_base
        self._backoff_max = backoff_max
        self._max_retry_after = max_retry_after
        self._sleep = sleep
        self._client: httpx.Client | None = None
        self._lock = threading.Lock()

    def complete(self, messages: list[ChatMessage]) -> str:
        response = self._send(messages, stream=False)
        with self._reading(response):
            body = response.read().decode("utf-8", "replace")
        return _completion_text(body)

    def stream(self, messages: list[ChatMessage]) -> Generator[str, None, None]:
        response = self._send(messages, stream=True)
        with self._reading(response):
            yield from _sse_deltas(response.iter_lines())

    def close(self) -> None:
        with self._lock:
            if self._client is not None:
                self._client.close()
                self._client = None

    def __enter__(self) -> OpenAIChatClient:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def _http(self) -> httpx.Client:
        with self._lock:
            if self._client is None:
                settings = self._settings
                key = settings.api_key.get_secret_value()
                self._client = httpx.Client(
                    headers={"Authorization": f"Bearer {key}"} if key else {},
                    timeout=httpx.Timeout(settings.read_timeout, connect=settings.connect_timeout),
                    transport=self._transport,
                )
            return self._client

    def _send(self, messages: list[ChatMessage], *, stream: bool) -> httpx.Response:
        """POST with retries; returns a successful response whose body is not read yet."""
        settings = self._settings
        payload = {
            "model": settings.model,
            "messages": messages,
            "temperature": settings.temperature,
            "max_tokens": settings.max_tokens,
            "stream": stream,
        }
        attempts = settings.max_retries + 1
        for attempt in range(1, attempts + 1):
            try:
                return self._attempt(payload, stream=stream)
            except _RetryableError as failure:
                if attempt == attempts:
                    tries = f"{attempts} attempts" if attempts > 1 else "1 attempt, retries disabled"
                    raise LLMError(f"{failure} (gave up after {tries})") from failure.__cause__
                self._sleep(self._delay(attempt, failure.retry_after))
        raise AssertionError("unreachable")

    def _attempt(self, payload: dict[str, Any], *, stream: bool) -> httpx.Response:
        client = self._http()
        accept = "text/event-stream" if stream else "application/json"
        try:
            request = client.build_request("POST", self._url, json=payload, headers={"Accept": accept})
            response = client.send(request, stream=True)
        except httpx.ReadTimeout as exc:
            # The server took the request but the model is slow: retrying would only multiply the wait.
            raise LLMError(
                f"LLM server {self._url} sent no answer within {self._settings.read_timeout}s (read timeout)"
            ) from exc
        except (httpx.UnsupportedProtocol, httpx.InvalidURL) as exc:
            raise LLMError(f"bad LLM base_url {self._settings.base_url!r}: {exc}") from exc
        except httpx.TransportError as exc:
            raise _RetryableError(f"cannot reach LLM server {self._url}: {_describe(exc)}") from exc
        if response.is_success:
            return response
        self._fail_on_status(response)

    def _fail_on_status(self, response: httpx.Response) -> NoReturn:
        try:
            body = response.read().decode("utf-8", "replace")
        except (httpx.HTTPError, httpx.StreamError):
            body = ""
        finally:
            response.close()
        message = f"LLM server {self._url} answered HTTP {response.status_code}: {_excerpt(body)}"
        if response.status_code in RETRY_STATUSES:
            raise _RetryableError(message, _retry_after_seconds(response))
        raise LLMError(message)

    def _delay(self, attempt: int, retry_after: float | None) -> float:
        if retry_after is not None:
            return min(retry_after, self._max_retry_after)
        ceiling = min(self._backoff_max, self._backoff_base * 2 ** (attempt - 1))
        return random.uniform(ceiling / 2, ceiling)  # jitter keeps clients from retrying in lockstep

    @contextmanager
    def _reading(self, response: httpx.Response) -> Iterator[None]:
        """Reading a body: map httpx failures to ``LLMError`` and always release the connection."""
        try:
            yield
        except httpx.TimeoutException as exc:
            raise LLMError(
                f"LLM server {self._url} stalled for more than {self._settings.read_timeout}s mid-answer"
            ) from exc
        except (httpx.HTTPError, httpx.StreamError) as exc:
            raise LLMError(f"LLM server {self._url} broke off mid-answer: {_describe(exc)}") from exc
        finally:
            response.close()


def _completion_text(body: str) -> str:
    try:
        data = json.loads(body)
    except ValueError as exc:
        raise LLMError(f"LLM server sent malformed JSON: {_excerpt(body)}") from exc
    try:
        content = data["choices"][0]["message"]["content"]
    except (KeyError, IndexError, TypeError):
        content = None
    if not isinstance(content, str):
        raise LLMError(f"LLM response has no choices[0].message.content: {_excerpt(body)}")
    if not content.strip():
        raise LLMError("LLM returned an empty answer")
    return content.strip()


def _sse_deltas(lines: Iterable[str]) -> Iterator[str]:
    """Content deltas of an OpenAI SSE stream; a stream cut off before it finished is an error."""
    produced = finished = False
    for line in lines:
        if not line.startswith("data:"):
            continue  # blank event separators, ": keep-alive" comments, event:/id: fields
        data = line[len("data:") :].strip()
        if data == "[DONE]":
            finished = True
            break
        text, finish_reason = _chunk_delta(data)
        finished = finished or finish_reason is not None
        if text:
            produced = produced or bool(text.strip())
            yield text
    if not finished:
        raise LLMError("LLM stream ended before it was finished (no [DONE])")
    if not produced:
        raise LLMError("LLM returned an empty answer")


def _chunk_delta(data: str) -> tuple[str, Any]:
    """(content text, finish_reason) of one stream chunk; chunks without content give ""."""
    try:
        chunk = json.loads(data)
    except ValueError as exc:
        raise LLMError(f"LLM stream sent malformed JSON: {_excerpt(data)}") from exc
    if not isinstance(chunk, dict):
        raise LLMError(f"LLM stream sent an unexpected chunk: {_excerpt(data)}")
    if "error" in chunk:
        raise LLMError(f"LLM stream reported an error: {_excerpt(json.dumps(chunk['error']))}")
    choices = chunk.get("choices")
    if not isinstance(choices, list) or not choices or not isinstance(choices[0], dict):
        return "", None  # e.g. a trailing usage-only chunk
    delta = choices[0].get("delta")
    content = delta.get("content") if isinstance(delta, dict) else None
    return (content if isinstance(content, str) else ""), choices[0].get("finish_reason")


def _retry_after_seconds(response: httpx.Response) -> float | None:
    try:
        seconds = float(response.headers.get("retry-after", ""))
    except ValueError:
        return None  # absent or an HTTP date: our own backoff applies
    return seconds if seconds >= 0 else None


def _excerpt(text: str) -> str:
    text = " ".join(text.split())
    if not text:
        return "(empty body)"
    return text if len(text) <= _EXCERPT_CHARS else text[:_EXCERPT_CHARS] + "…"


def _describe(exc: BaseException) -> str:
    return str(exc) or type(exc).__name__
