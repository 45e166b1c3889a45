"""bench/ingest_speed.py on the test fixtures with the hashing embedder: the table adds up."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from bench.ingest_speed import markdown, run
from embeddings.embedder import Embedder
from service.config import Settings
from tests.fakes import HashingEmbedder


def test_reports_medians_per_backend(fixtures_dir: Path) -> None:
    embedders: dict[str, Callable[[], Embedder]] = {
        "a": HashingEmbedder,
        "b": lambda: HashingEmbedder(dim=32),
    }
    results = run([fixtures_dir / "articles"], embedders, runs=3)
    assert list(results) == ["a", "b"]
    for r in results.values():
        assert r["runs"] == 3
        assert r["chunks"] >= 5
        assert 0 < r["embed_share"] <= 1 and 0 < r["sentence_share"] < 1
        assert r["embed_share"] + r["sentence_share"] <= 1
        assert r["chunks_per_s"] > 0
        assert r["cpu_ms_per_chunk"] > 0
        assert r["embed_chunks_per_s"] >= r["chunks_per_s"]
    table = markdown(results)
    assert table.count("\n") == 3 and table.splitlines()[2].count("|") == 11
    assert "| a |" in table and "1.00×" in table


def test_the_chunk_path_alone_embeds_no_sentence(fixtures_dir: Path) -> None:
    settings = Settings()
    settings.index.sentence_vectors = False
    results = run([fixtures_dir / "articles"], {"a": HashingEmbedder}, runs=1, settings=settings)
    assert results["a"]["sentence_share"] == 0
