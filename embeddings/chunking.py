"""Chunk an article on sentence boundaries, with whole-sentence overlap, never across articles.

Sentences end at ``。！？；!?;`` (plus closing quotes/brackets right after) and at paragraph
breaks. Sentences are packed up to ``target_chars``; a sentence longer than ``max_chars`` is first
cut at clause punctuation (``，,、：:``), and hard-cut only when a clause is still too long.

Chunk text is a slice of the cleaned article, and its offsets come from the cleaning offset map, so
``original[start:end]`` minus whitespace equals the chunk text minus whitespace.
"""

from __future__ import annotations

import re

from embeddings.articles import split_articles
from embeddings.clean import clean_text
from embeddings.script import to_simplified
from embeddings.types import Article, Chunk, SourceText
from service.config import ChunkingSettings

Span = tuple[int, int]

_SENTENCE_END = re.compile(r"[。！？；!?;]+[”’」』）)\]》〉]*|\n")
_CLAUSE_END = re.compile(r"[，,、：:]")
_ASCII_QUOTES = "\"'"


def sentence_spans(text: str) -> list[Span]:
    """Non-empty, whitespace-trimmed sentence spans of ``text``."""
    spans: list[Span] = []
    start = 0
    for m in _SENTENCE_END.finditer(text):
        if m.start() < start:
            continue  # already taken by a closing ASCII quote
        end = m.end()
        quote = text[end : end + 1]
        if m.group() != "\n" and quote and quote in _ASCII_QUOTES and text.count(quote, start, end) % 2:
            end += 1  # the quote closes one opened in this sentence
        _append_trimmed(spans, text, start, end)
        start = end
    _append_trimmed(spans, text, start, len(text))
    return spans


def _append_trimmed(spans: list[Span], text: str, start: int, end: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        spans.append((start, end))


def bounded_units(text: str, settings: ChunkingSettings) -> list[Span]:
    """Sentences, with every one longer than ``max_chars`` cut into clauses or hard pieces."""
    units: list[Span] = []
    for start, end in sentence_spans(text):
        while end - start > settings.max_chars:
            cut = _cut_point(text, start, settings)
            _append_trimmed(units, text, start, cut)
            start = cut
        _append_trimmed(units, text, start, end)
    return units


def _cut_point(text: str, start: int, settings: ChunkingSettings) -> int:
    """Prefer the last clause end within ``target_chars``, then within ``max_chars``; else hard."""
    for limit in (settings.target_chars, settings.max_chars):
        ends = [m.end() for m in _CLAUSE_END.finditer(text, start, start + limit)]
        ends = [e for e in ends if e - start >= limit // 3]
        if ends:
            return ends[-1]
    return start + settings.max_chars


def pack(units: list[Span], settings: ChunkingSettings) -> list[Span]:
    """Group unit indexes ``[first, stop)`` into chunks; neighbours share ``overlap_sentences`` units."""
    groups: list[Span] = []
    fresh_from: list[int] = []  # first unit of each group that the previous group does not hold
    i = 0
    while i < len(units):
        first = max(i - settings.overlap_sentences, groups[-1][0] + 1) if groups else i
        while first < i and _length(units, first, i + 1) > settings.max_chars:
            first += 1  # drop overlap rather than exceed the hard limit
        stop = i + 1
        while stop < len(units) and _length(units, first, stop + 1) <= settings.target_chars:
            stop += 1
        groups.append((first, stop))
        fresh_from.append(i)
        i = stop
    if len(groups) >= 2 and _small_tail_fits(units, groups, fresh_from[-1], settings):
        groups[-2:] = [(groups[-2][0], groups[-1][1])]
    return groups


def _length(units: list[Span], first: int, stop: int) -> int:
    return units[stop - 1][1] - units[first][0]


def _small_tail_fits(units: list[Span], groups: list[Span], fresh: int, settings: ChunkingSettings) -> bool:
    """Is the last chunk's new text a fragment the previous chunk can absorb within ``max_chars``?"""
    (first, _), (_, stop) = groups[-2], groups[-1]
    small = _length(units, fresh, stop) < settings.target_chars // 4
    return small and _length(units, first, stop) <= settings.max_chars


def chunk_article(article: Article, settings: ChunkingSettings) -> list[Chunk]:
    text = article.text
    units = bounded_units(text, settings)
    chunks = []
    for ordinal, (first, stop) in enumerate(pack(units, settings)):
        cs, ce = units[first][0], units[stop - 1][1]
        start, end = article.offsets[cs], article.offsets[ce - 1] + 1
        chunks.append(Chunk(article.doc_id, article.source, ordinal, start, end, text[cs:ce]))
    return chunks


def chunk_source(source: SourceText, settings: ChunkingSettings) -> list[tuple[Article, list[Chunk]]]:
    """Clean, split into articles, and chunk each article."""
    clean = clean_text(source.text)
    return [(article, chunk_article(article, settings)) for article in split_articles(source, clean)]


def passage_text(title: str, text: str) -> str:
    """What gets embedded and keyword-indexed for a chunk: its article title gives it context, and
    it is read in simplified characters, as questions are (script.py)."""
    if not title or text.startswith(title):
        return to_simplified(text)
    return to_simplified(f"{title}\n{text}")
