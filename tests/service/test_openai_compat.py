"""The official ``openai`` SDK talking to our /v1/chat/completions over 127.0.0.1; citations travel
with the answer (on the message, and in their own ``event: citations`` SSE chunk)."""

from __future__ import annotations

import json
import re
from typing import Any

import httpx
import pytest
from openai import BadRequestError, NotFoundError, OpenAI

from service.llm.prompting import refusal_phrase
from tests.service.conftest import Server

pytestmark = pytest.mark.integration

QUESTION = "临河县计划接种多少剂流感疫苗？"
GOLD = "4.5万"


@pytest.fixture(scope="module")
def client(live: Server) -> OpenAI:
    return OpenAI(base_url=live.url + "/v1", api_key="unused", max_retries=0, timeout=30)


def citations_of(obj: Any) -> list[dict[str, Any]]:
    extra = obj.model_extra or {}
    return list(extra.get("citations") or [])


def check_citations(answer: str, citations: list[dict[str, Any]]) -> None:
    ids = {c["id"] for c in citations}
    assert citations and {int(n) for n in re.findall(r"\[(\d+)\]", answer)} == ids
    assert any(GOLD in c["text"] for c in citations)
    for c in citations:
        assert {"id", "doc_id", "source", "title", "start", "end", "text", "score"} <= c.keys()


def test_sdk_non_streamed_completion_carries_citations(client: OpenAI, live: Server) -> None:
    messages: Any = [{"role": "user", "content": QUESTION}]
    completion = client.chat.completions.create(model="ragqa", messages=messages)
    assert completion.object == "chat.completion"
    (choice,) = completion.choices
    assert choice.finish_reason == "stop" and choice.message.role == "assistant"
    answer = choice.message.content or ""
    assert GOLD in answer
    check_citations(answer, citations_of(choice.message))
    assert citations_of(completion) == citations_of(choice.message)
    plain = httpx.post(live.url + "/v1/ask", json={"question": QUESTION}).json()
    assert answer == plain["answer"] and citations_of(choice.message) == plain["citations"]


def test_sdk_stream_joins_to_the_answer_and_keeps_citations(client: OpenAI) -> None:
    stream = client.chat.completions.create(
        model="ragqa", stream=True, messages=[{"role": "user", "content": QUESTION}]
    )
    chunks = list(stream)
    assert all(c.object == "chat.completion.chunk" for c in chunks)
    text = "".join(c.choices[0].delta.content or "" for c in chunks if c.choices)
    assert GOLD in text
    finishes = [c.choices[0].finish_reason for c in chunks if c.choices and c.choices[0].finish_reason]
    assert finishes == ["stop"]
    with_citations = [citations_of(c) for c in chunks if citations_of(c)]
    assert with_citations, "the SDK hands the citations chunk through (extra field)"
    check_citations(text, with_citations[-1])


def raw_events(live: Server, body: dict[str, Any]) -> list[tuple[str, str]]:
    with httpx.stream("POST", live.url + "/v1/chat/completions", json=body, timeout=30) as r:
        assert r.status_code == 200
        assert r.headers["content-type"].startswith("text/event-stream")
        r.read()
    events = []
    for block in r.text.split("\n\n"):
        fields = dict(line.split(": ", 1) for line in block.splitlines() if ": " in line)
        if "data" in fields:
            events.append((fields.get("event", "message"), fields["data"]))
    return events


def test_raw_stream_has_a_citations_event_before_the_text(live: Server) -> None:
    body = {"model": "ragqa", "stream": True, "messages": [{"role": "user", "content": QUESTION}]}
    events = raw_events(live, body)
    assert events[-1] == ("message", "[DONE]")
    kinds = [kind for kind, _ in events]
    first_text = next(
        i
        for i, (k, d) in enumerate(events)
        if k == "message" and '"content": "' in d and json.loads(d)["choices"][0]["delta"].get("content")
    )
    first_citations = kinds.index("citations")
    assert first_citations < first_text
    chunk = json.loads(events[first_citations][1])
    assert chunk["object"] == "chat.completion.chunk" and chunk["choices"] == []
    assert any(GOLD in c["text"] for c in chunk["citations"])
    # every named event is still a parseable chunk, so clients that ignore event names do not break
    for _, data in events[:-1]:
        assert json.loads(data)["object"] == "chat.completion.chunk"
    # a front end listening only to unnamed events still sees the end of the answer
    unnamed = [json.loads(d) for k, d in events[:-1] if k == "message"]
    assert any(c["choices"] and c["choices"][0]["finish_reason"] == "stop" for c in unnamed)


def test_multi_turn_answers_the_last_user_question(client: OpenAI) -> None:
    messages: Any = [
        {"role": "system", "content": "You are helpful."},
        {"role": "user", "content": "青山市人民医院儿童病房共设置多少张床位？"},
        {"role": "assistant", "content": "共设置床位120张[1]。"},
        {"role": "user", "content": [{"type": "text", "text": QUESTION}]},
    ]
    completion = client.chat.completions.create(model="ragqa", messages=messages)
    answer = completion.choices[0].message.content or ""
    assert GOLD in answer and "120张" not in answer


def test_a_what_about_follow_up_reads_the_earlier_user_message(client: OpenAI) -> None:
    messages: Any = [
        {"role": "user", "content": QUESTION},
        {"role": "assistant", "content": "计划接种流感疫苗4.5万剂[1]。"},
        {"role": "user", "content": "那江川市呢？"},
    ]
    completion = client.chat.completions.create(model="ragqa", messages=messages)
    assert (completion.model_extra or {}).get("asked_as") == "江川市计划接种多少剂流感疫苗？"


def test_an_english_pointer_reads_the_earlier_user_message(client: OpenAI) -> None:
    messages: Any = [
        {"role": "user", "content": "Which award did Qingshan People's Hospital win?"},
        {"role": "assistant", "content": "I cannot find that in the articles."},
        {"role": "user", "content": "How many beds does it have?"},
    ]
    completion = client.chat.completions.create(model="ragqa", messages=messages)
    asked_as = (completion.model_extra or {}).get("asked_as")
    assert asked_as == "How many beds does Qingshan People's Hospital have?"


def test_unanswerable_question_is_refused(client: OpenAI) -> None:
    completion = client.chat.completions.create(
        model="ragqa", messages=[{"role": "user", "content": "What is the population of Mars?"}]
    )
    message = completion.choices[0].message
    assert message.content == refusal_phrase("en")
    assert citations_of(message) == []
    assert (completion.model_extra or {}).get("answerable") is False
    assert (completion.model_extra or {}).get("refusal_reason")


def test_no_user_message_is_a_400_the_sdk_understands(client: OpenAI) -> None:
    with pytest.raises(BadRequestError) as caught:
        client.chat.completions.create(model="ragqa", messages=[{"role": "system", "content": "hi"}])
    assert caught.value.status_code == 400
    body: Any = caught.value.body
    assert body["field"] == "messages"


def answers_counted(live: Server) -> float:
    metrics = httpx.get(live.url + "/metrics").text
    sample = r'^ragqa_answers_total\{generator="extractive",outcome="answered"\} (\S+)$'
    found = re.search(sample, metrics, re.M)
    return float(found[1]) if found else 0.0


def test_chat_answers_are_counted_in_the_metrics(client: OpenAI, live: Server) -> None:
    before = answers_counted(live)
    messages: Any = [{"role": "user", "content": QUESTION}]
    client.chat.completions.create(model="ragqa", messages=messages)
    list(client.chat.completions.create(model="ragqa", messages=messages, stream=True))
    assert answers_counted(live) == before + 2


def test_the_model_list_names_ragqa(client: OpenAI) -> None:
    """Chat front ends (Open WebUI, LibreChat...) discover models before they chat."""
    assert [m.id for m in client.models.list()] == ["ragqa"]
    assert client.models.retrieve("ragqa").id == "ragqa"
    with pytest.raises(NotFoundError):
        client.models.retrieve("gpt-4o")
