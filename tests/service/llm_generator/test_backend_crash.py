"""An answer backend that breaks after the status line was sent (a bug, not an LLM outage, which
falls back to extractive): the SSE stream ends with an error event, a plain request gets 503, and
the OpenAI SDK raises on the stream."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from openai import APIError, OpenAI

from embeddings.errors import ModelError
from service.app import create_app
from service.config import Settings
from tests.fakes import HashingEmbedder
from tests.service.answering.helpers import part_holding
from tests.service.api.contract import sse_events
from tests.service.conftest import Server
from tests.service.llm_generator.helpers import EVIDENCE, QUESTION

pytestmark = pytest.mark.integration


class CrashingGenerator:
    """An answer backend with a bug: it writes a sentence, then raises (an LLM outage falls back
    to extractive instead; a crash like this must still reach the client as an error)."""

    name = "crashing"

    def generate(self, question: str, passages: Any) -> Any:
        raise ModelError("the answer backend crashed")

    def stream(self, question: str, passages: Any) -> Iterator[Any]:
        yield part_holding(passages, EVIDENCE)
        raise ModelError("the answer backend crashed")


@pytest.fixture(scope="module")
def crashing(fixture_index: tuple[Settings, Path]) -> Iterator[Server]:
    with Server(create_app(fixture_index[0], embedder=HashingEmbedder(), llm=CrashingGenerator())) as server:
        yield server


def test_a_crash_mid_stream_ends_with_an_error_event(crashing: Server) -> None:
    body = {"question": QUESTION, "stream": True}
    with httpx.stream("POST", crashing.url + "/v1/ask", json=body, timeout=30) as r:
        assert r.status_code == 200
        r.read()
    events = sse_events(r)
    assert [kind for kind, _ in events] == ["citations", "delta", "error"]
    assert EVIDENCE in events[1][1]["text"]
    assert events[-1][1] == {
        "error": {"code": "stream_failed", "message": "the answer backend crashed", "field": None}
    }
    plain = httpx.post(crashing.url + "/v1/ask", json={"question": QUESTION}, timeout=30)
    assert plain.status_code == 503 and plain.json()["error"]["code"] == "model_unavailable"


def test_a_crash_mid_stream_raises_in_the_openai_sdk(crashing: Server) -> None:
    client = OpenAI(base_url=crashing.url + "/v1", api_key="unused", max_retries=0)
    stream = client.chat.completions.create(
        model="ragqa", stream=True, messages=[{"role": "user", "content": QUESTION}]
    )
    with pytest.raises(APIError, match="the answer backend crashed"):
        for _ in stream:
            pass
