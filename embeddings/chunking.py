"""Chunk an article on sentence boundaries, with whole-sentence overlap, never across articles.

Chunk offsets are code-point offsets into the original source text, taken from the cleaning
offset map, so ``original[start:end]`` minus whitespace equals the chunk text minus whitespace.
"""

from __future__ import annotations

import re

from embeddings.articles import split_articles
from embeddings.clean import clean_text
from embeddings.types import Article, Chunk, SourceText
from service.config import ChunkingSettings

_SENTENCE = re.compile(r"[^。！？；!?;\n]*(?:[。！？；!?;]+[”’」』）)\"']*|\n|$)")
_CLAUSE_END = re.compile(r"[，,、：:]")


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Sentence spans (whitespace-trimmed, non-empty) of ``text``."""
    spans = []
    for m in _SENTENCE.finditer(text):
        s, e = m.span()
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            spans.append((s, e))
    return spans


def _bounded(text: str, spans: list[tuple[int, int]], max_chars: int) -> list[tuple[int, int]]:
    """Cut sentences longer than ``max_chars`` at clause punctuation, or hard as a last resort."""
    out: list[tuple[int, int]] = []
    for s, e in spans:
        while e - s > max_chars:
            window = text[s : s + max_chars]
            cuts = [m.end() for m in _CLAUSE_END.finditer(window) if m.end() >= max_chars // 3]
            cut = s + (cuts[-1] if cuts else max_chars)
            out.append((s, cut))
            s = cut
        out.append((s, e))
    return out


def _pack(spans: list[tuple[int, int]], settings: ChunkingSettings) -> list[list[tuple[int, int]]]:
    groups: list[list[tuple[int, int]]] = []
    current: list[tuple[int, int]] = []
    for span in spans:
        if current and span[1] - current[0][0] > settings.target_chars:
            groups.append(current)
            overlap = current[-settings.overlap_sentences :] if settings.overlap_sentences else []
            current = [s for s in overlap if s[1] - s[0] <= settings.target_chars // 2]
            if current and span[1] - current[0][0] > settings.max_chars:
                current = []
        current.append(span)
    if current:
        tail_new = [s for s in current if not groups or s not in groups[-1]]
        small = sum(e - s for s, e in tail_new) < settings.target_chars // 4
        if groups and small and current[-1][1] - groups[-1][0][0] <= settings.max_chars:
            groups[-1] = groups[-1] + tail_new
        elif tail_new or not groups:
            groups.append(current)
    return groups


def chunk_article(article: Article, settings: ChunkingSettings) -> list[Chunk]:
    text = article.text
    spans = _bounded(text, sentence_spans(text), settings.max_chars)
    chunks = []
    for ordinal, group in enumerate(_pack(spans, settings)):
        cs, ce = group[0][0], group[-1][1]
        start, end = article.offsets[cs], article.offsets[ce - 1] + 1
        chunks.append(Chunk(article.doc_id, article.source, ordinal, start, end, text[cs:ce]))
    return chunks


def chunk_source(source: SourceText, settings: ChunkingSettings) -> list[tuple[Article, list[Chunk]]]:
    clean = clean_text(source.text)
    return [(a, chunk_article(a, settings)) for a in split_articles(source, clean)]
