"""The offline, deterministic default generator: quote the sentences that answer the question.

Each sentence of the top passages is scored by how much of the question's information it
holds (IDF-weighted words and bigrams, with a little credit for the sentence before it and the
article title, where news often states the subject), whether it has the shape of the wanted
answer (a number for 多少, a date for 何时 ...), and the retrieval score of its passage. For
questions with no usable keyword signal (English over Chinese text) sentence embeddings decide.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

import numpy as np

from embeddings.embedder import Embedder
from embeddings.keyword import search_form
from service.answering.base import AnswerPart, Draft
from service.answering.features import new_answer_entity
from service.answering.question import Question, coverage
from service.retrieval import Passage

_SENTENCE = re.compile(r"[^。！？；!?;\n]*(?:[。！？；!?;]+[”’」』）)\"']*|\n|$)")
MIN_SENTENCE_CHARS = 6
MAX_SENTENCES = 2
W_SENTENCE = 0.5
W_WINDOW = 0.5


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans of ``text`` (trimmed, at least ``MIN_SENTENCE_CHARS`` long)."""
    spans = []
    for m in _SENTENCE.finditer(text):
        s, e = m.span()
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e - s >= MIN_SENTENCE_CHARS:
            spans.append((s, e))
    return spans


@dataclass(frozen=True)
class Candidate:
    passage: int
    start: int
    end: int
    text: str
    score: float
    lexical: float


class ExtractiveGenerator:
    name = "extractive"

    def __init__(self, embedder: Embedder | None = None, passages_considered: int = 4,
                 shape_bonus: float = 0.3, passage_weight: float = 1.0) -> None:
        self.embedder = embedder
        self.passages_considered = passages_considered
        self.shape_bonus = shape_bonus
        self.passage_weight = passage_weight

    def candidates(self, question: Question, passages: Sequence[Passage]) -> list[Candidate]:
        pool = list(passages[: self.passages_considered])
        if not pool:
            return []
        top = pool[0].score
        out: list[Candidate] = []
        for pi, passage in enumerate(pool):
            text = passage.chunk.text
            title = search_form(passage.chunk.title)
            spans = split_sentences(text)
            for si, (s, e) in enumerate(spans):
                sentence = search_form(text[s:e])
                context = title + "".join(search_form(text[a:b]) for a, b in spans[max(si - 2, 0) : si])
                cov = coverage(question, sentence)
                lexical = W_SENTENCE * cov + W_WINDOW * coverage(question, context + sentence)
                score = lexical + self._shape(question, text[s:e]) + self.passage_weight * (passage.score - top)
                out.append(Candidate(pi, s, e, text[s:e], score, cov))
        if question.weight <= 0 or max(c.lexical for c in out) == 0:
            out = self._by_embedding(question, out, pool)
        return sorted(out, key=lambda c: -c.score)

    def _shape(self, question: Question, sentence: str) -> float:
        if question.answer_type == "other":
            return 0.0
        return self.shape_bonus if new_answer_entity(question, sentence) else -self.shape_bonus / 3

    def _by_embedding(self, question: Question, cands: list[Candidate], pool: Sequence[Passage]) -> list[Candidate]:
        if self.embedder is None or not cands:
            return cands
        cands = [c for c in cands if c.passage < 3]
        q = self.embedder.embed_queries([question.text])[0]
        vecs = self.embedder.embed_passages([c.text for c in cands])
        sims = vecs @ q
        top = pool[0].score
        return [
            Candidate(c.passage, c.start, c.end, c.text,
                      float(sim) * 4 + self._shape(question, c.text) + 0.5 * (pool[c.passage].score - top), c.lexical)
            for c, sim in zip(cands, np.asarray(sims).tolist(), strict=True)
        ]

    def generate_for(self, question: Question, passages: Sequence[Passage]) -> Draft:
        ranked = self.candidates(question, passages)
        if not ranked:
            return Draft([], False, self.name)
        chosen = [ranked[0]]
        for cand in ranked[1:]:
            if len(chosen) >= MAX_SENTENCES:
                break
            if cand.score >= ranked[0].score - 0.05 and cand.lexical > 0 and _distinct(cand, chosen):
                chosen.append(cand)
        parts = [AnswerPart(c.text, c.passage, c.start, c.end) for c in chosen]
        return Draft(parts, True, self.name, support=ranked[0].lexical)

    def stream_for(self, question: Question, passages: Sequence[Passage]) -> Iterator[str | Draft]:
        draft = self.generate_for(question, passages)
        for part in draft.parts:
            yield part.text
        yield draft


def _distinct(cand: Candidate, chosen: Sequence[Candidate]) -> bool:
    return all(cand.text not in c.text and c.text not in cand.text for c in chosen)
