"""/v1/ask over real HTTP on 127.0.0.1, as JSON and as SSE: answers with exact citations, the
streamed event sequence, filters, refusals in the question's language, an English question over
Chinese articles, and bad requests that name the offending field. The index is real (SQLite +
FAISS) over the fixture articles with the small HashingEmbedder."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import httpx
import pytest

from service.llm.prompting import refusal_phrase
from tests.service.api.contract import GOLD, ask, check_contract, sse_events
from tests.service.conftest import Server

pytestmark = pytest.mark.integration


@pytest.mark.parametrize(("question", "gold", "source"), GOLD)
def test_ask_answers_with_exact_citations(
    live: Server, articles: Path, question: str, gold: str, source: str
) -> None:
    answer = ask(live, question)
    check_contract(answer, articles)
    assert answer["answerable"] is True
    assert answer["generator"] == "extractive"
    assert gold in answer["answer"]
    assert any(gold in c["text"] and c["source"] == source for c in answer["citations"])


def test_ask_stream_sends_citations_then_deltas_then_done(live: Server, articles: Path) -> None:
    question = GOLD[1][0]
    body = {"question": question, "stream": True}
    with httpx.stream("POST", live.url + "/v1/ask", json=body, timeout=30) as r:
        assert r.status_code == 200
        assert r.headers["content-type"].startswith("text/event-stream")
        r.read()
    events = sse_events(r)
    kinds = [kind for kind, _ in events]
    assert kinds[0] == "citations" and kinds[-1] == "done"
    assert set(kinds[1:-1]) == {"delta"}, kinds
    done = events[-1][1]
    check_contract(done, articles)
    assert "".join(data["text"] for _, data in events[1:-1]) == done["answer"]
    assert events[0][1] == done["citations"]
    plain = ask(live, question)
    assert done.keys() == plain.keys()
    del done["timings_ms"], plain["timings_ms"]
    assert done == plain


def test_ask_stream_refusal_is_a_complete_event_sequence(live: Server) -> None:
    body = {"question": "火星上有多少只企鹅？", "stream": True}
    with httpx.stream("POST", live.url + "/v1/ask", json=body, timeout=30) as r:
        r.read()
    kinds = [kind for kind, _ in sse_events(r)]
    assert kinds[0] == "citations" and kinds[-1] == "done" and "delta" in kinds
    assert sse_events(r)[-1][1]["answerable"] is False


def test_a_filter_that_matches_nothing_is_a_refusal(live: Server) -> None:
    answer = ask(live, GOLD[0][0], filters={"source": "no-such-file.txt"})
    assert answer["answerable"] is False and answer["citations"] == []
    assert answer["answer"] == refusal_phrase("zh")
    assert answer["refusal_reason"] == "nothing retrieved"


def test_filters_restrict_the_evidence(live: Server, articles: Path) -> None:
    question, gold, source = GOLD[0]
    answer = ask(live, question, filters={"source": source})
    check_contract(answer, articles)
    assert gold in answer["answer"] and {c["source"] for c in answer["citations"]} == {source}

    elsewhere = ask(live, question, filters={"source": "page_b.md"})
    check_contract(elsewhere, articles)
    assert gold not in elsewhere["answer"]
    assert all(c["source"] == "page_b.md" for c in elsewhere["citations"])

    doc_id = answer["citations"][0]["doc_id"]
    by_doc = ask(live, question, filters={"doc_id": doc_id})
    assert by_doc["citations"] and {c["doc_id"] for c in by_doc["citations"]} == {doc_id}
    search = {"query": question, "filters": {"doc_id": doc_id}}
    hits = httpx.post(live.url + "/v1/search", json=search).json()["hits"]
    assert hits and {h["doc_id"] for h in hits} == {doc_id}


@pytest.mark.parametrize(
    ("question", "lang"),
    [
        ("火星上有多少只企鹅？", "zh"),
        ("What is the population of Mars?", "en"),
        ("How many penguins live on the Moon?", "en"),
    ],
)
def test_unanswerable_questions_are_refused_in_their_language(
    live: Server, articles: Path, question: str, lang: str
) -> None:
    answer = ask(live, question)
    check_contract(answer, articles)
    assert answer["answerable"] is False
    assert answer["answer"] == refusal_phrase(lang)  # type: ignore[arg-type]
    assert answer["refusal_reason"]  # which check refused it, e.g. "the answer names no number"


def test_english_question_over_chinese_articles(live: Server, articles: Path) -> None:
    """The fake embedder is not cross-lingual (and the gate judges English questions by dense
    similarity calibrated for e5), so here the question names the hospital in Chinese and the
    English path is checked: retrieval, the contract, and an answer or refusal in English.
    tests/service/test_cli.py asks purely English questions with the real e5 model."""
    question = "How many beds does the children's ward of 青山市人民医院 have?"
    hits = httpx.post(live.url + "/v1/search", json={"query": question, "top_k": 1}).json()["hits"]
    assert "青山市人民医院" in hits[0]["title"]
    answer = ask(live, question)
    check_contract(answer, articles)
    if answer["answerable"]:
        assert "120" in answer["answer"]
    else:
        assert answer["answer"] == refusal_phrase("en")


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"question": ""}, "question"),
        ({"question": "床位\x00"}, "question"),
        ({"question": "床位", "top_k": 0}, "top_k"),
        ({"question": "床位", "top_k": 10_000}, "top_k"),
        ({"question": "床位", "colour": "red"}, "colour"),
        ({"question": "床位", "filters": {"author": "x"}}, "filters.author"),
        ({}, "question"),
    ],
)
def test_bad_ask_requests_name_the_field(live: Server, body: dict[str, Any], field: str) -> None:
    r = httpx.post(live.url + "/v1/ask", json=body)
    assert r.status_code in (400, 422), r.text
    assert r.json()["error"]["field"] == field


def test_a_what_about_follow_up_is_answered_as_the_question_before_it(live: Server, articles: Path) -> None:
    alone = ask(live, "那江川市呢？")
    assert alone["asked_as"] is None  # no conversation: answered as asked
    history = ["临河县计划接种多少剂流感疫苗？"]
    follow_up = ask(live, "那江川市呢？", history=history)
    check_contract(follow_up, articles)
    assert follow_up["asked_as"] == "江川市计划接种多少剂流感疫苗？"
    same = ask(live, "江川市健康博览会开幕当天共接待市民多少人次？", history=history)
    assert same["asked_as"] is None and "2.3万" in same["answer"]  # a question of its own is kept
    with httpx.stream(
        "POST", live.url + "/v1/ask", json={"question": "那江川市呢？", "history": history, "stream": True}
    ) as r:
        r.read()
    assert sse_events(r)[-1][1]["asked_as"] == "江川市计划接种多少剂流感疫苗？"


def test_a_follow_up_pointing_back_is_answered_with_the_name_before_it(live: Server, articles: Path) -> None:
    history = ["青山市人民医院的儿童病房是哪天启用的？"]
    follow_up = ask(live, "该院的儿童病房共设置了多少张床位？", history=history)
    check_contract(follow_up, articles)
    assert follow_up["asked_as"] == "青山市人民医院的儿童病房共设置了多少张床位？"
    assert follow_up["answerable"] and "120张" in follow_up["answer"]


def test_a_misspelt_place_is_answered_as_the_place_it_sounds_like_and_says_so(
    live: Server, articles: Path
) -> None:
    answer = ask(live, "白河县疾控中心为多少名儿童补种疫苗？")
    misspelt = ask(live, "百河县疾控中心为多少名儿童补种疫苗？")  # 百 for 白: both read bai
    check_contract(misspelt, articles)
    assert misspelt["answer"] == answer["answer"] and "2300名" in answer["answer"]
    assert misspelt["asked_as"] == "白河县疾控中心为多少名儿童补种疫苗？"


def test_an_english_what_about_follow_up_too(live: Server) -> None:
    earlier = "How many flu vaccine doses does Linhe plan to give?"
    answer = ask(live, "What about Jiangchuan?", history=[earlier])
    assert answer["asked_as"] == "How many flu vaccine doses does Jiangchuan plan to give?"


def test_an_english_follow_up_pointing_back_too(live: Server) -> None:
    earlier = "When did Qingshan People's Hospital open its children's ward?"
    answer = ask(live, "How many beds does the hospital's children's ward have?", history=[earlier])
    assert answer["asked_as"] == "How many beds does Qingshan People's Hospital's children's ward have?"
    alone = ask(live, "How many beds does the hospital's children's ward have?")
    assert alone["asked_as"] is None


@pytest.mark.parametrize("history", [[""], ["ok", "\x00"], ["问"] * 21, "not a list"])
def test_bad_history_is_a_422_naming_it(live: Server, history: object) -> None:
    r = httpx.post(live.url + "/v1/ask", json={"question": "那江川市呢？", "history": history})
    assert r.status_code == 422 and r.json()["error"]["field"].startswith("history")
