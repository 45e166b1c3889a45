"""The offline, deterministic default generator: quote the sentences that answer the question.

Each sentence of the top passages gets a few features, combined linearly with weights fitted on
``eval/dev.jsonl`` (``eval/fit_answering.py`` reruns the fit):
- ``sentence``: the share of the question's information (IDF-weighted words and bigrams) it holds;
- ``window``: the same over the title and the two sentences before it, where news often names
  the subject that the answer sentence then leaves out;
- ``entity``: it holds an item of the asked kind that the question lacks (a number with the asked
  measure word, a date, a name...), which a lead sentence restating the headline does not;
- ``passage``: its passage's retrieval score relative to the best passage;
- ``cue``: for a question asking no kind of item, the sentence is shaped like its answer (a list for
  哪些, effects for 有什么作用, the question's verb for 如何…; ``cues.py``).
Questions with no keyword signal at all (English over Chinese text) use sentence embeddings, and
``translated``: the share of the English question's words that the sentence holds a dictionary
translation of (``lexicon.py``).

The best sentence is quoted; for a question asking no kind of item, the runner-up joins it as one
span when it is the very next or previous sentence and scores close (``Weights.neighbour_margin``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

import numpy as np

from embeddings.embedder import Embedder
from embeddings.keyword import search_form
from service.answering.base import AnswerPart, Draft
from service.answering.candidates import Candidate, Weights
from service.answering.cues import answer_cue
from service.answering.features import new_answer_entity, vague_count
from service.answering.lexicon import english_terms, translated_share
from service.answering.people import asks_byline
from service.answering.pinyin_names import ACRONYM, english_names, named_share
from service.answering.question import UNTYPED, Question, asks_two, coverage
from service.answering.sentences import SIMILARITY_CHARS, split_sentences
from service.retrieval import Passage, read_in_simplified

_QUOTE_OPEN = "“「『\"'"
_QUOTE_CLOSE = ("”", "」", "』", '"')
_ATTRIBUTION = re.compile(r"[^，,。“”\"]{2,24}(?:说道?|表示|介绍|坦言|感慨|强调)[。！!]?$")
MAX_SENTENCES = 2


class ExtractiveGenerator:
    name = "extractive"

    def __init__(
        self,
        embedder: Embedder | None = None,
        passages_considered: int = 4,
        weights: Weights | None = None,
        similarity_passages: int = 4,
        similarity_sentences: int = 8,
        similarity_chars: int = SIMILARITY_CHARS,
    ) -> None:
        self.embedder = embedder
        self.passages_considered = passages_considered
        self.similarity_passages = similarity_passages
        self.similarity_sentences = similarity_sentences
        self.similarity_chars = similarity_chars
        self.weights = weights or Weights()

    def features(self, question: Question, passages: Sequence[Passage]) -> list[Candidate]:
        cands = self._lexical_features(question, passages)
        if cands and (question.lang == "en" or max(c.sentence for c in cands) == 0):
            cands = self._with_similarity(question, self._with_names(question, cands, passages))
        return cands

    def _with_names(
        self, question: Question, cands: list[Candidate], passages: Sequence[Passage]
    ) -> list[Candidate]:
        names, acronyms = english_names(question.text), ACRONYM.findall(question.text)
        if not (names or acronyms):
            return cands
        out = []
        for c in cands:
            context = passages[c.passage].chunk.title + c.text
            out.append(replace(c, names=named_share(names, acronyms, context)))
        return out

    def _lexical_features(self, question: Question, passages: Sequence[Passage]) -> list[Candidate]:
        pool = list(passages[: self.passages_considered])
        terms = english_terms(question.text) if question.lang == "en" else []
        untyped = question.answer_type in UNTYPED
        out: list[Candidate] = []
        for pi, passage in enumerate(pool):
            text = passage.chunk.text
            title = search_form(passage.chunk.title)
            spans = split_sentences(text)
            for si, (s, e) in enumerate(spans):
                if untyped and _ATTRIBUTION.match(text[s:e]):  # ……李文文说道。: the quote before it answers
                    continue
                sentence = search_form(text[s:e])
                context = title + "".join(search_form(text[a:b]) for a, b in spans[max(si - 2, 0) : si])
                quoted = text[s] in _QUOTE_OPEN or text[s:e].rstrip().endswith(_QUOTE_CLOSE)
                if quoted and si + 1 < len(spans):  # “…” 郭先生说: who says it comes after
                    context += search_form(text[spans[si + 1][0] : spans[si + 1][1]])
                entity = None if question.answer_type == "other" else new_answer_entity(question, text[s:e])
                window = coverage(question, context + sentence)
                delta = passage.score - pool[0].score
                covered = coverage(question, sentence)
                cue = question.answer_type == "other" and answer_cue(question, text[s:e])
                adjoins = si > 0 and not text[spans[si - 1][1] : s].strip()
                vague = entity is False and vague_count(question, text[s:e])
                out.append(
                    Candidate(
                        pi,
                        s,
                        e,
                        text[s:e],
                        covered,
                        window,
                        entity,
                        delta,
                        article=passage.chunk.doc_id,
                        translated=translated_share(terms, sentence),
                        cue=cue,
                        index=si,
                        adjoins_previous=adjoins,
                        vague=vague,
                    )
                )
        return out

    def _with_similarity(self, question: Question, cands: list[Candidate]) -> list[Candidate]:
        if self.embedder is None:
            return cands
        cands = [c for c in cands if c.passage < self.similarity_passages]
        # Embedding sentences is the slow part of an answer. A sentence without the asked kind of
        # item would be refused by the gate anyway, so only those with it are worth the cost.
        typed = [c for c in cands if c.entity is not False]
        if not typed:
            return [replace(c, similarity=0.0) for c in cands]
        # The two best passages that have such sentences: the answer is often in the article's next
        # chunk, which a cross-lingual similarity ranks second.
        first_two = sorted({c.passage for c in typed})[:2]
        cands = [c for c in typed if c.passage in first_two]
        if len(cands) == 1:  # nothing to choose between: a similarity would change no ranking
            return [replace(cands[0], similarity=0.0)]
        embedded, skipped = self._most_promising(cands)
        q = question.vector
        if q is None:
            q = self.embedder.embed_queries([question.text])[0]
        # ingest stored these texts' vectors (sentences.similarity_texts); the embedder finds them
        texts = [c.text[: self.similarity_chars] for c in embedded]
        sims = np.asarray(self.embedder.embed_passages(texts) @ q).tolist()
        scored = [replace(c, similarity=float(sim)) for c, sim in zip(embedded, sims, strict=True)]
        return scored + [replace(c, similarity=0.0) for c in skipped]

    def _most_promising(self, cands: list[Candidate]) -> tuple[list[Candidate], list[Candidate]]:
        """At most ``similarity_sentences`` candidates, so that one answer's cost is bounded: those
        naming the question's names first, then those holding the asked kind, then in text order
        (news puts the facts up front); among those, the ones translating more of the question's
        words first. Returns (to embed, in text order; the rest)."""
        order = sorted(
            range(len(cands)),
            key=lambda i: (-cands[i].names, -cands[i].translated, cands[i].entity is not True, i),
        )
        keep = set(order[: self.similarity_sentences])
        return (
            [c for i, c in enumerate(cands) if i in keep],
            [c for i, c in enumerate(cands) if i not in keep],
        )

    def score(self, c: Candidate) -> float:
        w = self.weights
        if c.vague:  # 多种疾病 for 几种病: the asked kind, said less exactly than a figure
            entity = w.vague * w.entity
        else:
            entity = 0.0 if c.entity is None else (w.entity if c.entity else w.no_entity)
        if c.similarity is not None:
            match = w.similarity * c.similarity + w.names * c.names
        else:
            match = w.sentence * c.sentence + w.window * c.window
        return match + w.translated * c.translated + entity + w.passage * c.passage_delta + w.cue * c.cue

    def rank(self, cands: Sequence[Candidate]) -> list[Candidate]:
        return sorted((replace(c, score=self.score(c)) for c in cands), key=lambda c: -c.score)

    def generate_for(self, question: Question, passages: Sequence[Passage]) -> Draft:
        """Read in simplified characters, quoted as printed (traditional articles)."""
        readable = read_in_simplified(passages)
        draft = self.draft_from(question.text, self.rank(self.features(question, readable)))
        return draft.as_printed(readable, passages)

    def draft_from(self, question_text: str, ranked: Sequence[Candidate]) -> Draft:
        """The answer drafted from ranked candidates (what the evaluation scripts replay): a byline
        question's byline, else the best sentence and a close runner-up."""
        if ranked and asks_byline(question_text):
            return self._byline(ranked)
        return self.choose(ranked, asks_two(question_text))

    def _byline(self, ranked: Sequence[Candidate]) -> Draft:
        """Who reported the story the question describes: the best sentence finds the article, and
        that article's byline names them (the story's own sentences do not)."""
        article = [c for c in ranked if c.article == ranked[0].article]
        byline = next((c for c in article if c.entity), None)
        if byline is None:
            return self.choose(ranked)
        part = AnswerPart(byline.text, byline.passage, byline.start, byline.end)
        support = max(max(c.sentence, c.window) for c in article)
        return Draft([part], True, self.name, support=support, kind_found=True)

    def choose(self, ranked: Sequence[Candidate], two_articles: bool = False) -> Draft:
        """The best sentence, plus a close runner-up that adds something.

        A question about two events ("A和B分别……") gets the best sentence of a second article too.
        """
        if not ranked:
            return Draft([], False, self.name)
        joined = None if two_articles else self._with_neighbour(ranked)
        if joined is not None:
            return joined
        chosen = [ranked[0]]
        if two_articles:
            other = [c for c in ranked if c.article != ranked[0].article and c.entity is not False]
            if other and other[0].score >= ranked[0].score - self.weights.second_article_margin:
                chosen.append(other[0])
        for cand in ranked[1:]:
            if len(chosen) >= MAX_SENTENCES:
                break
            close = cand.score >= ranked[0].score - self.weights.second_margin
            if close and cand.sentence > 0 and _distinct(cand, chosen):
                chosen.append(cand)
        return self._quoting([AnswerPart(c.text, c.passage, c.start, c.end) for c in chosen], ranked[0])

    def _with_neighbour(self, ranked: Sequence[Candidate]) -> Draft | None:
        """For a question asking no kind of item, the best sentence and the runner-up as one quote
        when the runner-up is the sentence right before or after it and scores close: news often
        restates the question in one sentence and answers it in the next (重点培养现有人才。
        医院党委建立班子结对联系培养机制……). An asked item (a number, a date) sits in one sentence."""
        if len(ranked) < 2 or ranked[0].entity is not None:
            return None
        top, runner = ranked[0], ranked[1]
        first, second = sorted((top, runner), key=lambda c: c.start)
        neighbours = (
            first.passage == second.passage and second.index == first.index + 1 and second.adjoins_previous
        )
        if not neighbours or runner.score < top.score - self.weights.neighbour_margin:
            return None
        both = AnswerPart(first.text + second.text, first.passage, first.start, second.end)
        return self._quoting([both], top)

    def _quoting(self, parts: list[AnswerPart], top: Candidate) -> Draft:
        """The answer quoting ``parts``, as sure as the best candidate ``top`` is."""
        kind_found = True if top.vague else top.entity
        return Draft(parts, True, self.name, support=max(top.sentence, top.window), kind_found=kind_found)


def _distinct(cand: Candidate, chosen: Sequence[Candidate]) -> bool:
    return all(cand.text not in c.text and c.text not in cand.text for c in chosen)
