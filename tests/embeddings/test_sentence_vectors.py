"""Sentence vectors stored at ingest: a real SQLite index file, written by the real ingest pipeline
(with a small fake embedder), and the embedder that answers from it."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from embeddings.index import NewsIndex
from embeddings.ingest import Ingestor, Progress
from embeddings.sentence_vectors import StoredSentenceEmbedder, text_hash
from embeddings.types import SourceText
from service.config import ChunkingSettings
from tests.embeddings.test_index import manifest
from tests.fakes import HashingEmbedder

pytestmark = pytest.mark.integration


def by_full_stop(text: str) -> list[str]:
    """A sentence split of the test's own: the index stores whatever texts it is given."""
    return [s.strip() for s in text.split("。") if len(s.strip()) >= 4]


def ingestor(index: NewsIndex, embedder: HashingEmbedder | None = None, sentences: bool = True) -> Ingestor:
    split = by_full_stop if sentences else None
    return Ingestor(index, embedder or HashingEmbedder(), ChunkingSettings(), batch_chunks=8, sentences=split)


def every_sentence(index: NewsIndex) -> set[str]:
    chunks = index.store.chunks(index.store.chunk_ids().tolist()).values()
    return {s for c in chunks for s in by_full_stop(c.text)}


def test_ingest_stores_every_sentence_of_every_chunk(tmp_path: Path, articles: Path) -> None:
    index = NewsIndex.open(tmp_path / "idx", manifest())
    run = ingestor(index)
    reports: list[Progress] = []
    run.ingest_paths([articles], reports.append)
    wanted = every_sentence(index)
    assert reports[-1].sentences_done == run.summary.sentences_embedded
    stored = index.sentence_vectors(sorted(wanted))
    assert set(stored) == wanted and len(wanted) > 20
    assert run.summary.sentences_embedded == len(wanted) == index.store.counts()["sentence_vectors"]
    one = sorted(wanted)[0]
    assert np.allclose(stored[one], HashingEmbedder().embed_passages([one])[0])


def test_reingest_embeds_no_sentence_again(tmp_path: Path, articles: Path) -> None:
    index = NewsIndex.open(tmp_path / "idx", manifest())
    ingestor(index).ingest_paths([articles])
    again = ingestor(index)
    again.ingest_paths([articles])
    assert again.summary.sentences_embedded == 0


def test_an_index_built_without_sentences_gets_them_on_the_next_ingest(
    tmp_path: Path, articles: Path
) -> None:
    index = NewsIndex.open(tmp_path / "idx", manifest())
    ingestor(index, sentences=False).ingest_paths([articles])
    assert index.store.counts()["sentence_vectors"] == 0
    embedder = HashingEmbedder()
    backfill = ingestor(index, embedder)
    reports: list[Progress] = []
    backfill.ingest_paths([articles], reports.append)
    assert backfill.summary.unchanged_files == backfill.summary.files  # no chunk was re-embedded
    assert backfill.summary.sentences_embedded == len(every_sentence(index)) == embedder.texts_embedded
    # the backfill, after the last file, is reported as it goes
    assert reports[-1].sentences_done == backfill.summary.sentences_embedded > 0


def test_a_chunk_without_sentences_is_not_looked_at_again(tmp_path: Path) -> None:
    index = NewsIndex.open(tmp_path / "idx", manifest())
    run = ingestor(index)
    run.add_file("short.txt", [SourceText("short.txt", "无事。再见。")])
    run.flush()
    assert index.store.counts()["chunks"] == 1 and index.store.counts()["sentence_vectors"] == 0
    embedder = HashingEmbedder()
    ingestor(index, embedder).fill_sentences()
    assert embedder.calls == 0


def test_deleting_a_chunk_keeps_the_sentences_another_chunk_has(tmp_path: Path) -> None:
    shared = "郑州市今年共招聘乡村医生一百二十名"
    index = NewsIndex.open(tmp_path / "idx", manifest())
    run = ingestor(index)
    for name, own in (("a.txt", "甲地开展义诊活动惠及群众"), ("b.txt", "乙地举办健康讲座反响热烈")):
        run.add_file(name, [SourceText(name, f"{shared}。{own}。")])
    run.flush()
    assert index.store.counts()["sentence_vectors"] == 3
    index.delete(source="a.txt")
    left = index.sentence_vectors([shared, "甲地开展义诊活动惠及群众", "乙地举办健康讲座反响热烈"])
    assert set(left) == {shared, "乙地举办健康讲座反响热烈"}
    index.delete(source="b.txt")
    assert index.store.counts()["sentence_vectors"] == 0
    links = index.store.conn.execute("SELECT count(*) FROM chunk_sentences").fetchone()[0]
    assert links == 0


def test_the_stored_embedder_embeds_only_what_the_store_lacks(tmp_path: Path) -> None:
    stored_text = "郑州市今年共招聘乡村医生一百二十名"
    index = NewsIndex.open(tmp_path / "idx", manifest())
    run = ingestor(index)
    run.add_file("a.txt", [SourceText("a.txt", f"{stored_text}。")])
    run.flush()
    inner = HashingEmbedder()
    reading = StoredSentenceEmbedder(inner, index.sentence_vectors)
    texts = [stored_text, "另一句不在库里的话", stored_text]
    got = reading.embed_passages(texts)
    assert inner.texts_embedded == 1  # only the sentence the store lacks
    assert np.allclose(got, HashingEmbedder().embed_passages(texts))
    reading.embed_queries([stored_text])
    assert inner.texts_embedded == 2  # a question is never looked up among passages
    assert reading.embed_passages([]).shape == (0, 64)


def test_vectors_are_keyed_by_the_text_embedded() -> None:
    assert text_hash("句子") != text_hash("句子 ") and len(text_hash("句子")) == 64
