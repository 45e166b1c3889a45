"""The text of the retrieved passages that an answer cites, as the answerability gate reads it:
the answer's sentence with what stands around it, the cited spans, and the cited articles; and the
cited passages' dense score."""

from __future__ import annotations

from collections.abc import Sequence

from embeddings.keyword import search_form
from service.answering.base import AnswerPart, Draft
from service.retrieval import Passage

# characters before an answer sentence that still set its time (今年, 2020年，…) and its subject
_YEAR_REACH = 120
_SPEAKER_REACH = 20  # characters after it that may name who says it (“……” 郭先生说)


def near_answer(passages: Sequence[Passage], draft: Draft) -> str:
    """The answer's first sentence with its title, the text before it and just after it (a quote is
    followed by who says it: “……” 郭先生说), in search form."""
    first = draft.parts[0]
    return search_form(passages[first.passage].chunk.title + around(passages, first, _SPEAKER_REACH))


def around(passages: Sequence[Passage], part: AnswerPart, after: int = 0) -> str:
    """An answer sentence with the ``_YEAR_REACH`` characters of its passage before it and ``after``
    characters after it."""
    text = passages[part.passage].chunk.text
    return text[max(part.start - _YEAR_REACH, 0) : part.end + after]


def cited_text(passages: Sequence[Passage], draft: Draft) -> str:
    """The source text the answer cites. The translation check reads that, not the answer's own
    wording: an LLM answers an English question in English, which holds no Chinese to find the
    question's words in; an extractive answer is its spans already."""
    return "".join(passages[p.passage].chunk.text[p.start : p.end] for p in draft.parts)


def cited_article(passages: Sequence[Passage], draft: Draft) -> str:
    """Title and text of the retrieved passages from the articles the answer cites."""
    cited = {passages[p.passage].chunk.doc_id for p in draft.parts}
    chosen = [p for p in passages if p.chunk.doc_id in cited]
    titles = dict.fromkeys(p.chunk.title for p in chosen)
    return "".join(titles) + "".join(p.chunk.text for p in chosen)


def cited_dense(passages: Sequence[Passage], draft: Draft) -> float | None:
    """The closest cited passage's dense score; None when retrieval scored none (keyword mode)."""
    scores = [passages[part.passage].dense for part in draft.parts]
    return max((s for s in scores if s is not None), default=None)
