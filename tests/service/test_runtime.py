"""The runtime's question path: the question and answer sentences go through one memo of vectors,
ingestion does not."""

from __future__ import annotations

from pathlib import Path

from embeddings.memo import MemoEmbedder
from service.config import Settings
from service.runtime import Runtime
from tests.fakes import HashingEmbedder

QUESTION = "How many beds does the hospital have?"


def _runtime(fixture_index: tuple[Settings, Path], memo_texts: int) -> tuple[Runtime, HashingEmbedder]:
    settings = fixture_index[0].model_copy(deep=True)
    settings.embedding.memo_texts = memo_texts
    embedder = HashingEmbedder()
    return Runtime.build(settings, embedder=embedder), embedder


def test_a_question_is_embedded_once_and_asked_again_embeds_nothing(
        fixture_index: tuple[Settings, Path]) -> None:
    runtime, embedder = _runtime(fixture_index, memo_texts=100)
    try:
        runtime.answer(QUESTION)
        first = embedder.texts_embedded
        assert first > 1  # the question and the answer sentences
        runtime.answer(QUESTION)
        assert embedder.texts_embedded == first
        assert isinstance(runtime.retriever.embedder, MemoEmbedder)
        assert runtime.extractive.embedder is runtime.retriever.embedder
        assert runtime.embedder is embedder  # uploads embed chunks directly, without the memo
    finally:
        runtime.index.close()


def test_memo_off_embeds_every_time(fixture_index: tuple[Settings, Path]) -> None:
    remembered, with_memo = _runtime(fixture_index, memo_texts=100)
    runtime, embedder = _runtime(fixture_index, memo_texts=0)
    try:
        remembered.answer(QUESTION)
        runtime.answer(QUESTION)
        first = embedder.texts_embedded
        assert first == with_memo.texts_embedded + 1  # retrieval and the answer step each embed the question
        runtime.answer(QUESTION)
        assert embedder.texts_embedded == 2 * first
        assert runtime.retriever.embedder is embedder
    finally:
        runtime.index.close()
        remembered.index.close()
