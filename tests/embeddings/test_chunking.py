from __future__ import annotations

import re
from pathlib import Path

import pytest

from embeddings.chunking import chunk_source, sentence_spans
from embeddings.types import SourceText
from service.config import ChunkingSettings


def squash(s: str) -> str:
    return re.sub(r"\s", "", s)


def assert_offset_property(text: str, name: str, settings: ChunkingSettings) -> int:
    n = 0
    for article, chunks in chunk_source(SourceText(name, text), settings):
        for chunk in chunks:
            assert squash(text[chunk.start : chunk.end]) == squash(chunk.text)
            assert article.start <= chunk.start < chunk.end <= article.end, "a chunk never leaves its article"
            assert chunk.doc_id == article.doc_id
            assert len(chunk.text) <= settings.max_chars
            n += 1
    return n


def test_sentence_spans_keep_closing_quotes() -> None:
    text = "他说：“太方便了。”随后离开！还有吗？"
    assert [text[s:e] for s, e in sentence_spans(text)] == ["他说：“太方便了。”", "随后离开！", "还有吗？"]


def test_chunks_pack_to_target_and_overlap_one_sentence() -> None:
    sentence = "这是一个二十个字左右的完整句子用于测试。"
    text = "## 标题\n\n" + sentence * 40
    settings = ChunkingSettings(target_chars=100, max_chars=200, overlap_sentences=1)
    (article, chunks), = chunk_source(SourceText("t.txt", text), settings)
    assert len(chunks) > 5
    assert all(len(c.text) <= 200 for c in chunks)
    assert all(chunks[i].text.endswith(sentence) and chunks[i + 1].text.startswith(sentence) for i in range(len(chunks) - 1))
    assert chunks[1].start < chunks[0].end, "neighbours share a sentence"


def test_long_sentence_is_cut_at_clauses() -> None:
    text = "，".join(["分句内容比较长一些"] * 60) + "。"
    settings = ChunkingSettings(target_chars=100, max_chars=150, overlap_sentences=0)
    chunks = [c for _, cs in chunk_source(SourceText("t.txt", text), settings) for c in cs]
    assert all(len(c.text) <= 150 for c in chunks)
    assert squash("".join(c.text for c in chunks)) == squash(text)


def test_no_tiny_trailing_fragment() -> None:
    text = "长句子" * 30 + "。" + "短。"
    settings = ChunkingSettings(target_chars=80, max_chars=200, overlap_sentences=0)
    chunks = [c for _, cs in chunk_source(SourceText("t.txt", text), settings) for c in cs]
    assert len(chunks) == 1


def test_offset_property_on_fixtures(fixtures_dir: Path) -> None:
    for path in (fixtures_dir / "articles").iterdir():
        assert assert_offset_property(path.read_text(encoding="utf-8"), path.name, ChunkingSettings()) > 0


@pytest.mark.corpus
@pytest.mark.parametrize("settings", [ChunkingSettings(), ChunkingSettings(target_chars=120, max_chars=200, overlap_sentences=2)])
def test_offset_property_on_every_corpus_chunk(corpus_dir: Path, settings: ChunkingSettings) -> None:
    total = sum(assert_offset_property(p.read_text(encoding="utf-8"), p.name, settings) for p in corpus_dir.glob("*.txt"))
    assert total > 100
