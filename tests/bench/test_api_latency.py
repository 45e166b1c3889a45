"""Growing an index with synthetic chunks through the store API, and timing a real HTTP server."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from bench.api_latency import grow, measure_server, synthetic_document
from bench.synthetic import chinese_sentences, synthetic_passages
from embeddings.index import NewsIndex
from embeddings.ingest import Ingestor
from service.app import create_app
from service.components import manifest_for
from service.config import Settings
from tests.fakes import HashingEmbedder
from tests.service.conftest import Server


@pytest.fixture
def small_index(tmp_path: Path, fixtures_dir: Path) -> Settings:
    settings = Settings()
    settings.index.dir = tmp_path / "index"
    settings.embedding.model = "test/hashing"
    articles = tmp_path / "articles"
    shutil.copytree(fixtures_dir / "articles", articles)
    embedder = HashingEmbedder()
    index = NewsIndex.open(settings.index.dir, manifest_for(settings, embedder))
    Ingestor(index, embedder, settings.chunking).ingest_paths([articles])
    index.close()
    return settings


def test_synthetic_document_offsets_point_into_its_text() -> None:
    _, sentences = chinese_sentences(limit=300)
    doc = synthetic_document(7, synthetic_passages(12, sentences), 2, 10)
    ((article, chunks),) = doc.articles
    assert doc.chunk_count == 10 and len(doc.chunk_hashes[0]) == 10
    for chunk in chunks:
        assert doc.source.text[chunk.start : chunk.end] == chunk.text
    assert article.end == len(doc.source.text)


@pytest.mark.integration
def test_grow_adds_searchable_chunks_with_vectors(small_index: Settings) -> None:
    index_dir = small_index.index.dir
    before = NewsIndex.open(index_dir, None, create=False)
    have = before.store.counts()["chunks"]
    before.close()
    _, sentences = chinese_sentences(limit=300)

    growth = grow(index_dir, have + 35, sentences)

    index = NewsIndex.open(index_dir, None, create=False)
    assert growth["added_chunks"] == 35
    assert index.store.counts()["chunks"] == have + 35 == len(index.vectors)
    assert index.reconcile() is False  # every chunk has its vector and every vector its chunk
    synthetic = [d for d in index.store.documents() if d.source.startswith("synthetic/")]
    assert sum(d.chunks for d in synthetic) == 35
    text = index.store.document_text(synthetic[0].source)
    assert text and index.keyword_search(text[:12], 5)
    index.close()


@pytest.mark.integration
def test_measure_server_times_both_endpoints_over_http(small_index: Settings) -> None:
    questions = ["鹤壁市受理了多少件医疗纠纷？", "What happened in the news?", "医疗纠纷"]
    with Server(create_app(small_index, embedder=HashingEmbedder())) as server:
        result = measure_server(server.url, questions, repeats=1)
    assert result["errors"] == {"ask": 0, "search": 0}
    for endpoint in ("ask", "search"):
        assert result[endpoint]["queries"] == 3
        assert 0 < result[endpoint]["p50_ms"] <= result[endpoint]["p99_ms"]
