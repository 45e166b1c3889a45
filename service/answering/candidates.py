"""A sentence the extractive generator may quote (``Candidate``), with its features, and the weights
that combine them into its score (fitted by ``eval/fit_answering.py``)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Weights:
    sentence: float = 0.5
    window: float = 0.5
    entity: float = 0.3
    no_entity: float = -0.2
    vague: float = 0.75  # the share of ``entity`` a count or duration without a figure (多种, 很快) earns
    passage: float = 1.0
    similarity: float = 4.0  # for questions scored by embeddings
    names: float = 0.2
    translated: float = 0.5  # for English questions: share of their words translated in the sentence
    cue: float = 0.2  # a sentence shaped like the answer to a how/which/what-effect question
    second_margin: float = 0.0  # a second sentence joins when its score is this close
    second_article_margin: float = 0.3  # the same, for the second article of a two-event question
    neighbour_margin: float = 0.2  # the runner-up joins the best as one quote when it is next to it


@dataclass(frozen=True)
class Candidate:
    passage: int
    start: int
    end: int
    text: str
    sentence: float  # coverage of the question by the sentence alone
    window: float
    entity: bool | None  # None when the question asks for no particular kind
    passage_delta: float
    names: float = 0.0  # share of the pinyin names of an English question found around the sentence
    similarity: float | None = None  # question-sentence cosine, for questions scored by embeddings
    translated: float = 0.0  # share of an English question's words the sentence translates
    article: str = ""  # doc_id of the passage's article
    cue: bool = False  # looks like the answer to a question asking no kind of item (answer_cue)
    index: int = 0  # the sentence's place among its passage's sentences
    adjoins_previous: bool = False  # only whitespace separates it from the sentence before it
    vague: bool = False  # no item of the asked kind, but the asked count without a figure (多种)
    score: float = 0.0
