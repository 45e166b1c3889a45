"""The index facade over a real SQLite file and a real FAISS index (with a small fake embedder)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from embeddings import ingest
from embeddings.errors import IndexError_, IndexMismatchError, NotFoundError
from embeddings.index import FAISS_NAME, NewsIndex
from embeddings.ingest import Ingestor
from embeddings.manifest import Manifest
from service.config import ChunkingSettings
from tests.fakes import HashingEmbedder

pytestmark = pytest.mark.integration


def manifest(dim: int = 64, model: str = "test/hashing") -> Manifest:
    return Manifest(model, dim, "query: ", "passage: ", ChunkingSettings().model_dump())


def build(index_dir: Path, src: Path, embedder: HashingEmbedder | None = None) -> tuple[NewsIndex, Ingestor]:
    index = NewsIndex.open(index_dir, manifest())
    ingestor = Ingestor(index, embedder or HashingEmbedder(), ChunkingSettings(), batch_chunks=8)
    ingestor.ingest_paths([src])
    return index, ingestor


def assert_consistent(index: NewsIndex) -> None:
    assert np.array_equal(index.store.chunk_ids(), index.vectors.ids())
    ids, _ = index.store.chunk_vectors()
    assert np.array_equal(ids, index.store.chunk_ids()), "every chunk has its stored vector"


def test_ingest_builds_consistent_index(tmp_path: Path, articles: Path) -> None:
    index, ingestor = build(tmp_path / "idx", articles)
    s = ingestor.summary
    assert s.files >= 3 and s.articles >= 6 and s.chunks >= s.articles and not s.errors
    counts = index.store.counts()
    assert counts["chunks"] == s.chunks == len(index.vectors)
    assert_consistent(index)


def test_chunk_offsets_point_into_stored_text(tmp_path: Path, articles: Path) -> None:
    index, _ = build(tmp_path / "idx", articles)
    rows = index.chunks(index.store.chunk_ids().tolist())
    for row in rows.values():
        original = index.store.document_text(row.source)
        assert original is not None
        assert "".join(original[row.start : row.end].split()) == "".join(row.text.split())


def test_reingest_unchanged_embeds_nothing(tmp_path: Path, articles: Path) -> None:
    build(tmp_path / "idx", articles)
    embedder = HashingEmbedder()
    _, again = build(tmp_path / "idx", articles, embedder)
    assert embedder.texts_embedded == 0
    assert again.summary.unchanged_files == again.summary.files


def test_a_new_text_pipeline_resplits_unchanged_files_and_reuses_vectors(
    tmp_path: Path, articles: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _, first = build(tmp_path / "idx", articles)
    monkeypatch.setattr(ingest, "TEXT_PIPELINE_VERSION", ingest.TEXT_PIPELINE_VERSION + 1)
    embedder = HashingEmbedder()
    index, again = build(tmp_path / "idx", articles, embedder)
    assert again.summary.unchanged_files == 0 and again.summary.documents == first.summary.documents
    assert embedder.texts_embedded == 0, "the chunks did not change, so neither do their vectors"
    assert_consistent(index)


def test_changed_file_replaces_its_articles_and_reuses_vectors(tmp_path: Path, articles: Path) -> None:
    _, first = build(tmp_path / "idx", articles)
    target = sorted(articles.glob("*.txt"))[0]
    target.write_text(
        target.read_text(encoding="utf-8")
        + "\n\n## 新增的短讯\n\n本报讯 今天新增了一条消息，共有12人参加。\n",
        encoding="utf-8",
    )
    embedder = HashingEmbedder()
    _, second = build(tmp_path / "idx", articles, embedder)
    assert 0 < embedder.texts_embedded < first.summary.chunks
    assert second.summary.reused > 0
    reopened = NewsIndex.open(tmp_path / "idx", manifest())
    assert any("新增的短讯" in t for _, t, _, _ in reopened.store.articles_of(target.name))
    assert_consistent(reopened)


def test_delete_by_source_and_by_doc(tmp_path: Path, articles: Path) -> None:
    index, _ = build(tmp_path / "idx", articles)
    docs = index.store.documents()
    before = index.store.counts()["chunks"]
    removed = index.delete(source=docs[0].source)
    assert removed == docs[0].chunks
    doc_id = index.store.articles_of(docs[1].source)[0][0]
    index.delete(doc_id=doc_id)
    assert index.store.counts()["chunks"] < before - removed
    assert_consistent(index)
    with pytest.raises(NotFoundError):
        index.delete(doc_id="nope")
    with pytest.raises(NotFoundError):
        index.delete(source="nope.txt")


def test_deleting_the_last_article_of_a_source_removes_the_source(tmp_path: Path, articles: Path) -> None:
    index, _ = build(tmp_path / "idx", articles)
    source = index.store.documents()[0].source
    for doc_id, *_ in index.store.articles_of(source):
        index.delete(doc_id=doc_id)
    assert source not in {d.source for d in index.store.documents()}
    assert_consistent(index)


def test_bad_file_is_reported_and_loses_nothing(tmp_path: Path, articles: Path) -> None:
    _, first = build(tmp_path / "idx", articles)
    (articles / "broken.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    _, second = build(tmp_path / "idx", articles)
    assert [e.source for e in second.summary.errors] == ["broken.txt"]
    assert NewsIndex.open(tmp_path / "idx", manifest()).store.counts()["chunks"] == first.summary.chunks


def test_other_model_is_refused(tmp_path: Path, articles: Path) -> None:
    build(tmp_path / "idx", articles)
    with pytest.raises(IndexMismatchError, match="RAGQA_EMBEDDING__MODEL=test/hashing"):
        NewsIndex.open(tmp_path / "idx", manifest(model="other/model"))


def test_missing_index_is_refused_when_not_creating(tmp_path: Path) -> None:
    with pytest.raises(IndexError_, match="ragqa ingest"):
        NewsIndex.open(tmp_path / "none", manifest(), create=False)


@pytest.mark.parametrize("damage", ["delete", "corrupt", "stale"])
def test_vector_file_is_repaired_from_sqlite(tmp_path: Path, articles: Path, damage: str) -> None:
    index, _ = build(tmp_path / "idx", articles)
    path = tmp_path / "idx" / FAISS_NAME
    if damage == "delete":
        path.unlink()
    elif damage == "corrupt":
        path.write_bytes(b"garbage")
    else:
        index.vectors.remove(index.vectors.ids()[:3])
        index.vectors.add(np.array([999_999]), np.ones((1, 64), np.float32) / 8)
        index.vectors.save(path)
    reopened = NewsIndex.open(tmp_path / "idx", manifest())
    assert_consistent(reopened)


def test_keyword_and_dense_search_find_fixture_passage(tmp_path: Path, articles: Path) -> None:
    index, _ = build(tmp_path / "idx", articles)
    emb = HashingEmbedder()
    some_row = next(iter(index.chunks(index.store.chunk_ids().tolist()).values()))
    query = some_row.text[:30]
    assert index.keyword_search(query, 3)[0][0] == some_row.id
    assert index.dense_search(emb.embed_queries([some_row.text])[0], 3)[0][0] == some_row.id
