"""Sentence spans of a passage, which the answerer quotes and an LLM's citations are checked by."""

from __future__ import annotations

import re
from functools import lru_cache

from embeddings.script import to_simplified_aligned
from service.answering.people import is_credit_line

_SENTENCE = re.compile(r"[^。！？；!?;\n]*(?:[。！？；!?;]+[”’」』）)\"']*|\n|$)")
MIN_SENTENCE_CHARS = 6
# An English question is compared with a sentence's opening characters (extractive.py): a long
# OCR'd sentence, often two columns run together, would pad a whole batch to its length.
SIMILARITY_CHARS = 64

Span = tuple[int, int]


def split_sentences(text: str) -> list[Span]:
    """Sentence spans of ``text`` (trimmed, at least ``MIN_SENTENCE_CHARS`` long)."""
    spans = []
    for m in _SENTENCE.finditer(text):
        s, e = m.span()
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e - s >= MIN_SENTENCE_CHARS or is_credit_line(text[s:e]):  # (何凌云), 美编周真真: short credits
            spans.append((s, e))
    return spans


@lru_cache(maxsize=256)
def sentences_or_whole(text: str) -> tuple[Span, ...]:
    """The sentence spans of a passage, or the whole passage when it has none long enough. An LLM's
    answer is checked against the same passages several times (its cited span, its support, the
    asked kind), so the split is kept."""
    return tuple(split_sentences(text)) or ((0, len(text)),)


def similarity_texts(text: str, chars: int = SIMILARITY_CHARS) -> list[str]:
    """What the answerer embeds of a passage's sentences when it compares them with an English
    question: each sentence's opening ``chars`` characters, read in simplified characters. Ingest
    embeds these ahead (embeddings/sentence_vectors.py), so that an answer need not."""
    readable = to_simplified_aligned(text)
    return [readable[s:e][:chars] for s, e in split_sentences(readable)]
