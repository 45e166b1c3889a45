"""The ``openai`` answer backend end to end when the model fails: a 429 is retried; an HTTP error,
a read timeout, a body that is not SSE, malformed JSON in the stream, or an answer without citation
markers falls back to the extractive answer, which says so in ``generator`` and still streams."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.service.api.contract import check_contract, sse_events
from tests.service.conftest import Server
from tests.service.llm.fake_openai import Behaviour, FakeOpenAI, RawBody, RawStream, Reply, Sleep, Status
from tests.service.llm_generator.helpers import GOLD, QUESTION, READ_TIMEOUT, answering, ask

pytestmark = pytest.mark.integration


def test_429_is_retried_then_answered(llm_live: Server, fake: FakeOpenAI, sent: Any) -> None:
    fake.script(Status(429, retry_after="0"), answering(lambda n: f"计划接种流感疫苗4.5万剂[{n}]。"))
    answer = ask(llm_live)
    assert answer["generator"] == "openai:fake-model" and GOLD in answer["answer"]
    assert len(sent()) == 2


@pytest.mark.parametrize(
    ("behaviours", "reason"),
    [
        ((Status(500), Status(500)), "HTTP 500"),
        ((Sleep(READ_TIMEOUT * 3),), "read timeout"),
        ((RawBody("<html>gateway</html>", content_type="text/html"),), "[DONE]"),
        ((RawStream(("data: {not json\n\n",)),), "malformed JSON"),
    ],
    ids=["500", "timeout", "not-sse", "malformed-json"],
)
def test_llm_failures_fall_back_to_extractive_and_say_so(
    llm_live: Server,
    fake: FakeOpenAI,
    sent: Any,
    fixtures_dir: Path,
    behaviours: tuple[Behaviour, ...],
    reason: str,
) -> None:
    fake.script(*behaviours)
    answer = ask(llm_live)
    check_contract(answer, fixtures_dir / "articles")
    assert answer["generator"].startswith("extractive (fallback: openai:fake-model")
    assert reason in answer["generator"]
    assert answer["answerable"] is True and GOLD in answer["answer"]
    assert len(sent()) == len(behaviours)


def test_fallback_still_streams_deltas(llm_live: Server, fake: FakeOpenAI, sent: Any) -> None:
    fake.script(Status(500), Status(500))
    body = {"question": QUESTION, "stream": True}
    with httpx.stream("POST", llm_live.url + "/v1/ask", json=body, timeout=30) as r:
        r.read()
    events = sse_events(r)
    kinds = [kind for kind, _ in events]
    assert kinds[0] == "citations" and kinds[-1] == "done" and "delta" in kinds
    done = events[-1][1]
    assert done["generator"].startswith("extractive (fallback")
    assert "".join(d["text"] for k, d in events if k == "delta") == done["answer"]
    assert kinds.count("citations") == 1 and events[0][1] == done["citations"], (
        "the fallback's markers resolve"
    )


def test_answer_without_citation_markers_falls_back(llm_live: Server, fake: FakeOpenAI, sent: Any) -> None:
    fake.script(Reply("临河县计划免费接种流感疫苗4.5万剂。"))
    answer = ask(llm_live)
    assert answer["generator"].startswith("extractive (fallback: openai:fake-model answer had no verifiable")
    assert answer["flagged"] == ["临河县计划免费接种流感疫苗4.5万剂。"]
    assert GOLD in answer["answer"]
