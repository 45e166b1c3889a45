"""MemoEmbedder: the same vectors as the embedder it wraps, each text embedded once while it is
remembered, least recently used forgotten first, queries and passages kept apart."""

from __future__ import annotations

import threading

import numpy as np
import pytest

from embeddings.embedder import Embedder
from embeddings.memo import MemoEmbedder
from tests.fakes import HashingEmbedder


def test_vectors_equal_the_wrapped_embedders() -> None:
    inner, memo = HashingEmbedder(), MemoEmbedder(HashingEmbedder())
    texts = ["北京的天气", "上海", "北京的天气"]
    assert np.array_equal(memo.embed_passages(texts), inner.embed_passages(texts))
    assert np.array_equal(memo.embed_queries(texts), inner.embed_queries(texts))
    assert memo.embed_passages([]).shape == (0, inner.dim)
    assert isinstance(memo, Embedder) and (memo.name, memo.dim) == (inner.name, inner.dim)


def test_each_text_is_embedded_once_while_remembered() -> None:
    inner = HashingEmbedder()
    memo = MemoEmbedder(inner)
    memo.embed_queries(["问题"])
    memo.embed_queries(["问题"])
    memo.embed_passages(["句子一", "句子二", "句子一"])
    memo.embed_passages(["句子二", "句子三"])
    assert inner.texts_embedded == 1 + 2 + 1
    assert (memo.hits, memo.misses) == (1 + 1 + 1, 1 + 2 + 1)


def test_queries_and_passages_are_remembered_apart() -> None:
    inner = HashingEmbedder()
    memo = MemoEmbedder(inner)
    memo.embed_queries(["同一句话"])
    memo.embed_passages(["同一句话"])
    assert inner.texts_embedded == 2  # e5 embeds them differently ("query: " / "passage: ")


def test_least_recently_used_is_forgotten_first() -> None:
    inner = HashingEmbedder()
    memo = MemoEmbedder(inner, max_texts=2)
    memo.embed_passages(["a", "b"])
    memo.embed_passages(["a"])  # b is now the least recently used
    memo.embed_passages(["c"])
    before = inner.texts_embedded
    memo.embed_passages(["a", "c"])
    assert inner.texts_embedded == before
    memo.embed_passages(["b"])
    assert inner.texts_embedded == before + 1


def test_returned_vectors_are_copies() -> None:
    memo = MemoEmbedder(HashingEmbedder())
    first = memo.embed_passages(["新闻"])
    first[:] = 0
    assert np.linalg.norm(memo.embed_passages(["新闻"])) == pytest.approx(1.0)


def test_threads_share_it_safely() -> None:
    inner = HashingEmbedder()
    memo = MemoEmbedder(inner, max_texts=50)
    texts = [f"句子{i}" for i in range(200)]
    expected = inner.embed_passages(texts)
    errors: list[str] = []

    def work(offset: int) -> None:
        for i in range(offset, offset + 400):
            j = i % 200
            if not np.array_equal(memo.embed_passages([texts[j]])[0], expected[j]):
                errors.append(texts[j])

    threads = [threading.Thread(target=work, args=(k * 37,)) for k in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []


def test_zero_size_is_refused() -> None:
    with pytest.raises(ValueError, match="max_texts"):
        MemoEmbedder(HashingEmbedder(), max_texts=0)
