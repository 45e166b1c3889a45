"""The runtime's question path: the question and answer sentences go through one memo of vectors,
ingestion does not; the answer sentences' vectors come from the index when ingest stored them."""

from __future__ import annotations

import gc
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from embeddings.memo import MemoEmbedder
from embeddings.sentence_vectors import StoredSentenceEmbedder
from service.answering.base import AnswerPart, Draft
from service.answering.cedict import common_words, proper_names
from service.answering.gate import AnswerabilityGate
from service.answering.places import _gazetteer, _names_by_pinyin
from service.answering.specifics import specifics
from service.config import DEFAULT_MODEL, Settings
from service.retrieval import Passage, read_in_simplified
from service.runtime import Runtime, freeze_loaded_objects
from tests.fakes import HashingEmbedder
from tests.service.conftest import build_index

QUESTION = "What does the new children's ward of the hospital offer?"


def _runtime(fixture_index: tuple[Settings, Path], memo_texts: int) -> tuple[Runtime, HashingEmbedder]:
    settings = fixture_index[0].model_copy(deep=True)
    settings.embedding.memo_texts = memo_texts
    embedder = HashingEmbedder()
    return Runtime.build(settings, embedder=embedder), embedder


def test_a_question_is_embedded_once_and_asked_again_embeds_nothing(
    fixture_index: tuple[Settings, Path],
) -> None:
    runtime, embedder = _runtime(fixture_index, memo_texts=100)
    try:
        runtime.answer(QUESTION)
        first = embedder.texts_embedded
        assert first == 1  # the question: ingest stored the answer sentences' vectors
        runtime.answer(QUESTION)
        assert embedder.texts_embedded == first
        assert isinstance(runtime.retriever.embedder, MemoEmbedder)
        assert isinstance(runtime.extractive.embedder, StoredSentenceEmbedder)
        assert runtime.extractive.embedder.inner is runtime.retriever.embedder
        assert runtime.embedder is embedder  # uploads embed chunks directly, without the memo
    finally:
        runtime.index.close()


def test_an_index_without_sentence_vectors_answers_alike_embedding_the_sentences(
    fixture_index: tuple[Settings, Path], tmp_path: Path
) -> None:
    settings, articles = fixture_index[0].model_copy(deep=True), fixture_index[1]
    settings.index.sentence_vectors = False
    settings.index.dir = tmp_path / "index"
    build_index(settings.index.dir, articles, settings, HashingEmbedder()).close()
    stored, _ = _runtime(fixture_index, memo_texts=0)
    embedder = HashingEmbedder()
    bare = Runtime.build(settings, embedder=embedder)
    try:
        assert bare.index.store.counts()["sentence_vectors"] == 0
        for question in (QUESTION, "How many medical staff does the children's ward have?"):
            before = embedder.texts_embedded
            assert bare.answer(question).answer == stored.answer(question).answer
            assert embedder.texts_embedded - before > 1  # the question and its candidate sentences
            readable = read_in_simplified(bare.retrieve(question, 5).passages)
            similarities = [
                [c.similarity for c in rt.extractive.features(rt.question(question), readable)]
                for rt in (bare, stored)
            ]
            assert similarities[0] == similarities[1] and max(s or 0.0 for s in similarities[0]) > 0.3
    finally:
        bare.index.close()
        stored.index.close()


def test_memo_off_embeds_every_time(fixture_index: tuple[Settings, Path]) -> None:
    remembered, with_memo = _runtime(fixture_index, memo_texts=100)
    runtime, embedder = _runtime(fixture_index, memo_texts=0)
    try:
        remembered.answer(QUESTION)
        runtime.answer(QUESTION)
        first = embedder.texts_embedded
        # the answer step reuses retrieval's query vector, so even without the memo the question
        # is embedded once
        assert first == with_memo.texts_embedded
        runtime.answer(QUESTION)
        assert embedder.texts_embedded == 2 * first
        assert runtime.retriever.embedder is embedder
    finally:
        runtime.index.close()
        remembered.index.close()


class EchoLLM:
    """An answer generator that cites the start of its first passage."""

    name = "echo"

    def generate(self, question: str, passages: Sequence[Passage]) -> Draft:
        text = passages[0].chunk.text[:10]
        return Draft([AnswerPart(text, 0, 0, len(text))], True, self.name)

    def stream(self, question: str, passages: Sequence[Passage]) -> Iterator[AnswerPart | Draft]:
        draft = self.generate(question, passages)
        yield draft.parts[0]
        yield draft


def test_a_streamed_llm_answer_retrieves_once(fixture_index: tuple[Settings, Path]) -> None:
    runtime = Runtime.build(fixture_index[0], embedder=HashingEmbedder(), llm=EchoLLM())
    searches: list[str] = []
    retrieve = runtime.retriever.retrieve
    runtime.retriever.retrieve = lambda q, *a, **k: searches.append(q) or retrieve(q, *a, **k)  # type: ignore[method-assign,func-returns-value]
    try:
        names = [name for name, _ in runtime.events("东山镇卫生院投入多少钱引进CT？")]
        assert names[0] == "citations" and names[-1] == "done" and "delta" in names
        assert searches == ["东山镇卫生院投入多少钱引进CT？"]
    finally:
        runtime.index.close()


def test_warm_up_runs_both_languages_and_writes_nothing(fixture_index: tuple[Settings, Path]) -> None:
    runtime, embedder = _runtime(fixture_index, memo_texts=100)
    try:
        before = runtime.index.store.counts()
        _gazetteer.cache_clear()
        _names_by_pinyin.cache_clear()
        specifics.cache_clear()
        proper_names.cache_clear()
        common_words.cache_clear()
        runtime.warm_up()
        assert embedder.texts_embedded >= 2  # the Chinese and the English question at least
        assert _gazetteer.cache_info().currsize == 1
        assert _names_by_pinyin.cache_info().currsize == 1
        assert proper_names.cache_info().currsize == 1  # the gate's foreign names
        assert common_words.cache_info().currsize == 1  # the people finder's ordinary words
        assert runtime.index.store.counts() == before
    finally:
        runtime.index.close()


class CountingGate:
    def __init__(self, inner: AnswerabilityGate) -> None:
        self.inner, self.questions = inner, 0

    def decide(self, *args: Any) -> Any:
        self.questions += 1
        return self.inner.decide(*args)


class UnwantedLLM(EchoLLM):
    def stream(self, question: str, passages: Sequence[Passage]) -> Iterator[AnswerPart | Draft]:
        raise AssertionError("the warm-up called the LLM")


def test_warm_up_runs_the_gate_too_but_never_the_llm(fixture_index: tuple[Settings, Path]) -> None:
    """The gate compiles its patterns on its first question: the warm-up pays for them. A
    remote LLM is not the warm-up's to call (it may be down, slow, or paid for by the token)."""
    runtime = Runtime.build(fixture_index[0], embedder=HashingEmbedder(), llm=UnwantedLLM())
    gate = CountingGate(runtime.gate)
    runtime.gate = gate  # type: ignore[assignment]
    try:
        runtime.warm_up()
        assert gate.questions >= 1
    finally:
        runtime.index.close()


def test_the_app_warms_up_before_it_is_ready(fixture_index: tuple[Settings, Path]) -> None:
    from fastapi.testclient import TestClient

    from service.app import create_app

    embedder = HashingEmbedder()
    gc.unfreeze()
    with TestClient(create_app(fixture_index[0], embedder=embedder)) as client:
        assert embedder.texts_embedded >= 2
        assert client.get("/readyz").status_code == 200
        # and then hides what it loaded from the garbage collector
        assert gc.get_freeze_count() > 0
    gc.unfreeze()


def test_freezing_leaves_later_objects_to_the_collector() -> None:
    gc.unfreeze()
    loaded = [object() for _ in range(1000)]
    freeze_loaded_objects()
    try:
        assert gc.get_freeze_count() >= len(loaded)
        later: list[object] = []
        later.append(later)  # a cycle made after start-up is still collected
        del later
        assert gc.collect() >= 1
    finally:
        gc.unfreeze()


def test_thanks_around_a_question_change_neither_retrieval_nor_answer(
    fixture_index: tuple[Settings, Path],
) -> None:
    runtime, _ = _runtime(fixture_index, memo_texts=0)
    try:
        asked = "儿童病房配备了多少名医护人员？"
        expected = runtime.answer(asked)
        for courteous in ("您好，" + asked + "谢谢！", asked + "谢谢"):
            found = runtime.retrieve(courteous, 5).passages
            assert [(p.chunk.id, p.score) for p in found] == [
                (p.chunk.id, p.score) for p in runtime.retrieve(asked, 5).passages
            ]
            response = runtime.answer(courteous)
            assert response.answerable and "86名" in response.answer
            assert response.answer == expected.answer
    finally:
        runtime.index.close()


def test_an_llm_answer_weighed_as_it_streamed_is_not_weighed_again(
    fixture_index: tuple[Settings, Path],
) -> None:
    runtime = Runtime.build(fixture_index[0], embedder=HashingEmbedder(), llm=EchoLLM())
    gate = CountingGate(runtime.gate)
    runtime.gate = gate  # type: ignore[assignment]
    try:
        runtime.answer("东山镇卫生院投入多少钱引进CT？")
        assert gate.questions == 1  # its one sentence, as it came
    finally:
        runtime.index.close()


def test_the_cited_passage_dense_floor_is_on_only_for_the_model_it_was_measured_on(
    fixture_index: tuple[Settings, Path],
) -> None:
    """A bag of characters' cosines sit far below e5's: the hashing embedder's runtime answers a
    Chinese question the same embedder named as e5 refuses, its cited passage under e5's floor."""
    asked = "东山镇卫生院投入多少钱引进CT？"
    answers = {}
    for name in ("test/hashing", DEFAULT_MODEL):
        embedder = HashingEmbedder()
        embedder.name = name
        runtime = Runtime.build(fixture_index[0], embedder=embedder)
        try:
            assert runtime.gate.min_dense_cited == (0.86 if name == DEFAULT_MODEL else 0.0)
            answers[name] = runtime.answer(asked)
        finally:
            runtime.index.close()
    assert answers["test/hashing"].answerable
    assert not answers[DEFAULT_MODEL].answerable
    assert (answers[DEFAULT_MODEL].refusal_reason or "").startswith("cited passage's dense")
