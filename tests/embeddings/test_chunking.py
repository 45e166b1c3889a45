from __future__ import annotations

import re
from itertools import pairwise
from pathlib import Path

import pytest

from embeddings.chunking import chunk_article, chunk_source, passage_text, sentence_spans
from embeddings.types import Article, Chunk, SourceText
from service.config import ChunkingSettings

SETTINGS = [
    ChunkingSettings(target_chars=300, max_chars=500, overlap_sentences=1),  # the defaults
    ChunkingSettings(target_chars=120, max_chars=200, overlap_sentences=2),
    ChunkingSettings(target_chars=50, max_chars=80, overlap_sentences=0),
]


def squash(s: str) -> str:
    return re.sub(r"\s", "", s)


def chunks_of(text: str, settings: ChunkingSettings) -> list[Chunk]:
    return [c for _, chunks in chunk_source(SourceText("t.txt", text), settings) for c in chunks]


def assert_chunk_properties(text: str, name: str, settings: ChunkingSettings) -> int:
    """The offset property, size bound, article containment and coverage; returns the chunk count."""
    n = 0
    for article, chunks in chunk_source(SourceText(name, text), settings):
        assert [c.ordinal for c in chunks] == list(range(len(chunks)))
        for chunk in chunks:
            assert squash(text[chunk.start : chunk.end]) == squash(chunk.text)
            assert article.start <= chunk.start < chunk.end <= article.end, "a chunk never leaves its article"
            assert (chunk.doc_id, chunk.source) == (article.doc_id, article.source)
            assert 0 < len(chunk.text) <= settings.max_chars
            assert chunk.text == chunk.text.strip()
        assert_covers(text, article, chunks)
        n += len(chunks)
    return n


def assert_covers(original: str, article: Article, chunks: list[Chunk]) -> None:
    """Every visible character of the article is in some chunk, and chunks advance."""
    assert chunks[0].start == article.start and chunks[-1].end == article.end
    for a, b in pairwise(chunks):
        assert a.start < b.start and a.end < b.end
        assert not original[a.end : b.start].strip(), "only whitespace between neighbours"


# -- sentences --------------------------------------------------------------------------------


def test_sentence_spans_keep_closing_quotes() -> None:
    text = "他说：“太方便了。”随后离开！还有吗？"
    assert [text[s:e] for s, e in sentence_spans(text)] == ["他说：“太方便了。”", "随后离开！", "还有吗？"]


def test_sentence_spans_split_at_paragraphs_and_semicolons() -> None:
    text = "第一段没有句号\n第二段；分号后。 \n\n  尾巴"
    assert [text[s:e] for s, e in sentence_spans(text)] == ["第一段没有句号", "第二段；", "分号后。", "尾巴"]


def test_ascii_quote_after_terminal_closes_only_an_open_quote() -> None:
    text = '他说"好的。"然后走了。"新引语"开始。'
    assert [text[s:e] for s, e in sentence_spans(text)] == ['他说"好的。"', "然后走了。", '"新引语"开始。']


def test_sentence_spans_of_empty_text() -> None:
    assert sentence_spans("") == [] and sentence_spans(" \n ") == []


# -- packing ----------------------------------------------------------------------------------

SENTENCE = "这是一个二十个字左右的完整句子用于测试。"  # 20 characters


def test_chunks_pack_to_target_and_overlap_one_sentence() -> None:
    settings = ChunkingSettings(target_chars=100, max_chars=200, overlap_sentences=1)
    chunks = chunks_of("## 标题\n\n" + SENTENCE * 40, settings)
    assert len(chunks) > 5
    assert all(len(c.text) <= 100 for c in chunks)
    for a, b in pairwise(chunks):
        assert a.text.endswith(SENTENCE) and b.text.startswith(SENTENCE)
        assert b.start == a.end - len(SENTENCE), "neighbours share exactly one sentence"


def test_overlap_of_two_sentences() -> None:
    settings = ChunkingSettings(target_chars=100, max_chars=200, overlap_sentences=2)
    chunks = chunks_of(SENTENCE * 30, settings)
    assert all(b.start == a.end - 2 * len(SENTENCE) for a, b in pairwise(chunks))


def test_no_overlap_tiles_the_text() -> None:
    settings = ChunkingSettings(target_chars=100, max_chars=200, overlap_sentences=0)
    chunks = chunks_of(SENTENCE * 30, settings)
    assert all(b.start == a.end for a, b in pairwise(chunks))
    assert "".join(c.text for c in chunks) == SENTENCE * 30


def test_overlap_is_dropped_rather_than_exceeding_max() -> None:
    long_sentence = "长" * 90 + "。"
    settings = ChunkingSettings(target_chars=100, max_chars=150, overlap_sentences=1)
    chunks = chunks_of(long_sentence * 4, settings)
    assert [c.text for c in chunks] == [long_sentence] * 4


def test_long_sentence_is_cut_at_clauses() -> None:
    text = "，".join(["分句内容比较长一些"] * 60) + "。"
    settings = ChunkingSettings(target_chars=100, max_chars=150, overlap_sentences=0)
    chunks = chunks_of(text, settings)
    assert all(len(c.text) <= 150 for c in chunks)
    assert all(c.text.endswith(("，", "。")) for c in chunks), "cuts fall after clause punctuation"
    assert "".join(c.text for c in chunks) == text


def test_sentence_without_punctuation_is_hard_cut() -> None:
    text = "无标点" * 100
    settings = ChunkingSettings(target_chars=50, max_chars=80, overlap_sentences=1)
    chunks = chunks_of(text, settings)
    assert [len(c.text) for c in chunks] == [80, 80, 80, 60], "overlap is dropped rather than exceed 80"
    assert "".join(c.text for c in chunks) == text


def test_no_tiny_trailing_fragment() -> None:
    settings = ChunkingSettings(target_chars=80, max_chars=200, overlap_sentences=0)
    assert len(chunks_of("长句子" * 30 + "。" + "短。", settings)) == 1


def test_tiny_tail_is_kept_when_merging_would_exceed_max() -> None:
    settings = ChunkingSettings(target_chars=80, max_chars=91, overlap_sentences=0)
    chunks = chunks_of("长" * 89 + "。" + "短。", settings)
    assert [c.text for c in chunks] == ["长" * 89 + "。", "短。"]


def test_chunks_never_cross_articles() -> None:
    text = "## 第一篇\n\n" + SENTENCE * 3 + "\n\n## 第二篇\n\n" + SENTENCE * 3
    settings = ChunkingSettings(target_chars=500, max_chars=800, overlap_sentences=1)
    pairs = chunk_source(SourceText("t.txt", text), settings)
    assert [len(chunks) for _, chunks in pairs] == [1, 1]
    assert [chunks[0].text.split("\n")[0] for _, chunks in pairs] == ["## 第一篇", "## 第二篇"]


def test_chunk_article_uses_article_offsets() -> None:
    source = "  甲 乙。\n\n丙丁。"
    article = Article("id", "s", "t", 2, len(source), "甲乙。\n丙丁。", [2, 4, 5, 6, 8, 9, 10, 11])
    (chunk,) = chunk_article(article, SETTINGS[0])
    assert (chunk.start, chunk.end, chunk.text) == (2, 11, "甲乙。\n丙丁。")


# -- the offset property everywhere -----------------------------------------------------------


@pytest.mark.parametrize("settings", SETTINGS)
def test_chunk_properties_on_every_fixture(fixtures_dir: Path, settings: ChunkingSettings) -> None:
    paths = sorted((fixtures_dir / "articles").iterdir())
    assert sum(assert_chunk_properties(p.read_text(encoding="utf-8"), p.name, settings) for p in paths) >= 9


@pytest.mark.corpus
@pytest.mark.parametrize("settings", SETTINGS)
def test_chunk_properties_on_every_corpus_chunk(corpus_dir: Path, settings: ChunkingSettings) -> None:
    pages = sorted(corpus_dir.glob("*.txt"))
    assert len(pages) >= 5
    total = sum(assert_chunk_properties(p.read_text(encoding="utf-8"), p.name, settings) for p in pages)
    assert total > 100


def test_passage_text_adds_the_title_once_and_reads_simplified() -> None:
    assert passage_text("醫院新聞", "醫院擴建病房。") == "医院新闻\n医院扩建病房。"
    assert passage_text("医院", "医院扩建病房。") == "医院扩建病房。"
    assert passage_text("", "病房") == "病房"
