"""Does the passage an LLM cites support the sentence it wrote?

Lexically, when the sentence shares enough of its words and bigrams with the passage. Otherwise (a
paraphrase, or an English sentence over a Chinese passage) by attribution in embedding space: of all
the retrieved passages' sentences, the one closest to the answer sentence must be in the cited
passage (give or take a small margin), and close enough in absolute terms. A threshold alone cannot
tell: with multilingual-e5-small, an English sentence scores about as close to the other passages
retrieved for the same question, on the same topic, as to the Chinese sentence it translates
(docs/BENCHMARKS.md, round 45). Every number the sentence states must be in the passage, as written
or by value (1.85 million for 185万).

``cited_kind`` says whether a sentence the LLM cites holds an item of the asked kind, which the
gate's kind check then counts for the LLM's answer.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from embeddings.embedder import Embedder
from embeddings.keyword import bigram_tokens, search_form, word_tokens
from service.answering.base import AnswerPart
from service.answering.features import new_answer_entity
from service.answering.mentions import number_written
from service.answering.question import Question
from service.answering.sentences import Span, sentences_or_whole
from service.retrieval import Passage

# 26,870 has a thousands separator; 2019,2020 (a Chinese list, its comma folded to ASCII) has none
_AMOUNT = re.compile(
    r"(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)\s*(thousand|million|billion|万|亿)?", re.I
)
_SCALE = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "万": 1e4, "亿": 1e8}


@dataclass
class SupportCheck:
    min_lexical: float = 0.5
    # eval/cross_lingual_support.py: of bench/gold_reader/english.jsonl's sentences against the
    # passages retrieved for their questions, 26 of 28 right citations pass and 3 of 102 wrong ones
    # (a whole-passage cosine of 0.83, the check before: 7 and 10)
    min_similarity: float = 0.78
    similarity_margin: float = 0.01

    def lexical(self, sentence: str, passage: str) -> float:
        terms = set(word_tokens(sentence)) | set(bigram_tokens(sentence))
        if not terms:
            return 0.0
        p = search_form(passage)
        return sum(1 for t in terms if t in p) / len(terms)

    def numbers_present(self, sentence: str, passage: str) -> bool:
        p = search_form(passage)
        stated = [value for _, value in _amounts(p)]
        return all(
            number_written(digits, p) or any(math.isclose(value, v, rel_tol=1e-6) for v in stated)
            for digits, value in _amounts(search_form(sentence))
        )

    def attributed(self, closest: Sequence[tuple[float, Span]], cited: int) -> bool:
        """Does passage ``cited`` hold the sentence closest to the answer's (``Closeness.closest``)?"""
        similarity = closest[cited][0]
        top = max(score for score, _ in closest)
        return similarity >= self.min_similarity and similarity >= top - self.similarity_margin


class Closeness:
    """The retrieved passages' sentences in embedding space, embedded once per answer and only when
    a sentence needs them."""

    def __init__(self, embedder: Embedder, passages: Sequence[Passage]) -> None:
        self.embedder = embedder
        self.passages = passages
        self._sentences: list[tuple[tuple[Span, ...], np.ndarray]] | None = None
        self._closest: dict[str, list[tuple[float, Span]]] = {}

    def closest(self, sentence: str) -> list[tuple[float, Span]]:
        """For each passage, its sentence closest to ``sentence``: (cosine, span in the passage)."""
        if sentence not in self._closest:
            vector = self.embedder.embed_passages([sentence])[0]
            out = []
            for spans, vectors in self._passage_sentences():
                sims = vectors @ vector
                best = int(np.argmax(sims))
                out.append((float(sims[best]), spans[best]))
            self._closest[sentence] = out
        return self._closest[sentence]

    def _passage_sentences(self) -> list[tuple[tuple[Span, ...], np.ndarray]]:
        if self._sentences is None:
            spans = [sentences_or_whole(p.chunk.text) for p in self.passages]
            texts = [p.chunk.text[s:e] for p, ps in zip(self.passages, spans, strict=True) for s, e in ps]
            vectors = self.embedder.embed_passages(texts)
            bounds = np.cumsum([0] + [len(ps) for ps in spans])
            self._sentences = [(ps, vectors[bounds[i] : bounds[i + 1]]) for i, ps in enumerate(spans)]
        return self._sentences


def _amounts(text: str) -> list[tuple[str, float]]:
    """Each number in ``text`` as written (without thousands separators) and by value, with the
    scale word after it (26,870 -> 26870; 1.85 million and 185万 -> 1850000)."""
    out = []
    for m in _AMOUNT.finditer(text):
        digits = m.group(1).replace(",", "")
        out.append((digits, float(digits) * _SCALE.get((m.group(2) or "").lower(), 1.0)))
    return out


def cited_kind(question: Question, passages: Sequence[Passage], cited: Sequence[AnswerPart]) -> bool:
    """Does a sentence holding a cited span hold an item of the kind the question asks for? Any
    retrieved passage counts, not only those the extractive answerer reads."""
    for part in cited:
        text = passages[part.passage].chunk.text
        for start, end in sentences_or_whole(text):
            if start < part.end and part.start < end and new_answer_entity(question, text[start:end]):
                return True
    return False
