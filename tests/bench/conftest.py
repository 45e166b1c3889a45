"""Fixtures of the benchmark tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench.inews_qa import build_index
from service.config import Settings
from tests.bench.toy_news import ARTICLES
from tests.fakes import HashingEmbedder


@pytest.fixture
def toy_index(tmp_path: Path) -> tuple[Settings, HashingEmbedder]:
    """Settings whose index holds ``ARTICLES``, built through ``ragqa ingest``'s pipeline, and its embedder."""
    settings = Settings()
    settings.index.dir = tmp_path / "idx"
    embedder = HashingEmbedder()
    build_index(ARTICLES, settings, embedder)
    return settings, embedder
