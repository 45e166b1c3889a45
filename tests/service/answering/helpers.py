"""Small passages and questions for the answering unit tests (no index, no model)."""

from __future__ import annotations

from collections.abc import Sequence

from embeddings.sqlite_store import ChunkRow
from service.answering.base import AnswerPart, Draft
from service.answering.question import Question, analyse
from service.answering.sentences import sentences_or_whole
from service.retrieval import Passage

# the gate tests' usual answer: a count the question may ask for
TEXT = "至9月底,鹤壁市共受理医疗纠纷案件106件,已化解82件。"


def passage(
    text: str,
    title: str = "标题",
    doc_id: str = "a.txt#1",
    score: float = 1.0,
    dense: float = 0.9,
    ident: int = 1,
) -> Passage:
    chunk = ChunkRow(ident, doc_id, doc_id.split("#")[0], 0, 0, len(text), text, title)
    return Passage(chunk, score, dense, None)


def question(text: str) -> Question:
    """Every term weighs 1: coverage is then the plain share of the question's terms."""
    return analyse(text, lambda term, column: 1.0)


def draft(support: float = 0.6, kind_found: bool | None = True, text: str = TEXT, within: str = "") -> Draft:
    """An extractive answer quoting the whole of ``text``, which starts the first passage or stands
    ``within`` it."""
    start = within.index(text) if within else 0
    return Draft(
        [AnswerPart(text, 0, start, start + len(text))],
        True,
        "extractive",
        support=support,
        kind_found=kind_found,
    )


def part_holding(passages: Sequence[Passage], needle: str) -> AnswerPart:
    """An answer sentence quoting the sentence of ``passages`` that holds ``needle``, cited to it,
    as the LLM generator yields a verified one."""
    n, text = next((n, p.chunk.text) for n, p in enumerate(passages) if needle in p.chunk.text)
    start, end = next((s, e) for s, e in sentences_or_whole(text) if needle in text[s:e])
    return AnswerPart(text[start:end], n, start, end)
