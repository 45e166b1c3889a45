"""The HTTP contract of issue 3 as the API tests check it: the fields of an answer and its citations,
every ``[n]`` resolving to a citation, every span exact in the original file on disk; plus questions
whose answer is one gold fact in the fixture articles, and small helpers to ask and to read SSE.

Answers are checked by contract properties and gold facts, never by a particular extractive
sentence. Also used by the CLI, injection and LLM-backend tests."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import httpx

from tests.service.conftest import Server

CITATION_FIELDS = {"id", "doc_id", "source", "title", "start", "end", "text", "score"}
ANSWER_FIELDS = {"answer", "answerable", "citations", "generator", "timings_ms", "refusal_reason"}
# Questions whose answer is one unambiguous fact in the fixtures, and that fact.
GOLD = [
    ("青山市人民医院儿童病房共设置多少张床位？", "120", "page_a.txt"),
    ("临河县计划接种多少剂流感疫苗？", "4.5万", "page_d.txt"),
    ("东山镇卫生院投入多少钱引进CT设备？", "380万", "page_b.md"),
    ("江川市健康博览会开幕当天共接待市民多少人次？", "2.3万", "page_d.txt"),  # span crosses OCR breaks
]


def squash(text: str) -> str:
    return re.sub(r"\s", "", text)


def ask(server: Server, question: str, **body: Any) -> dict[str, Any]:
    r = httpx.post(server.url + "/v1/ask", json={"question": question, **body}, timeout=30)
    assert r.status_code == 200, r.text
    return r.json()


def check_contract(answer: dict[str, Any], articles: Path) -> None:
    """Fields and types; every [n] resolves; every span is exact in the original file on disk."""
    assert answer.keys() >= ANSWER_FIELDS
    assert isinstance(answer["answer"], str) and answer["answer"].strip()
    assert isinstance(answer["answerable"], bool)
    assert isinstance(answer["generator"], str) and answer["generator"]
    assert all(isinstance(v, (int, float)) for v in answer["timings_ms"].values())
    ids = [c["id"] for c in answer["citations"]]
    assert len(ids) == len(set(ids)), "citation ids are unique"
    markers = {int(n) for n in re.findall(r"\[(\d+)\]", answer["answer"])}
    assert markers <= set(ids), f"markers {markers} must resolve to citation ids {ids}"
    for c in answer["citations"]:
        assert c.keys() >= CITATION_FIELDS
        assert isinstance(c["score"], float) and isinstance(c["start"], int)
        original = (articles / c["source"]).read_text(encoding="utf-8")
        assert 0 <= c["start"] < c["end"] <= len(original)
        assert squash(original[c["start"] : c["end"]]) == squash(c["text"]), c
    if answer["answerable"]:
        assert answer["citations"] and markers == set(ids), "an answer cites, and cites what it lists"
        assert answer["refusal_reason"] is None
    else:
        assert answer["citations"] == [] and not markers
        assert isinstance(answer["refusal_reason"], str) and answer["refusal_reason"], "a refusal says why"


def sse_events(response: httpx.Response) -> list[tuple[str, Any]]:
    events = []
    for block in response.text.split("\n\n"):
        fields = dict(line.split(": ", 1) for line in block.splitlines() if ": " in line)
        if "data" in fields:
            events.append((fields.get("event", "message"), json.loads(fields["data"])))
    return events
