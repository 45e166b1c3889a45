"""Turn answer parts into the answer text with ``[n]`` markers and citations to exact source spans."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from service.answering.base import AnswerPart
from service.answering.spans import original_span
from service.retrieval import Passage
from service.schemas import Citation

DocumentText = Callable[[str], str | None]


def build_citations(
    parts: Sequence[AnswerPart], passages: Sequence[Passage], document_text: DocumentText
) -> tuple[list[str], list[Citation]]:
    """Return each part's text with its marker appended, and the citations (one per distinct span)."""
    citations: list[Citation] = []
    by_span: dict[tuple[int, int, int], int] = {}
    marked: list[str] = []
    for part in parts:
        key = (part.passage, part.start, part.end)
        if key not in by_span:
            citations.append(_citation(len(citations) + 1, part, passages[part.passage], document_text))
            by_span[key] = len(citations)
        marked.append(f"{part.text}[{by_span[key]}]")
    return marked, citations


def _citation(number: int, part: AnswerPart, passage: Passage, document_text: DocumentText) -> Citation:
    chunk = passage.chunk
    original = document_text(chunk.source) or ""
    start, end = original_span(original, chunk.start, chunk.text, part.start, part.end)
    return Citation(
        id=number,
        doc_id=chunk.doc_id,
        source=chunk.source,
        title=chunk.title,
        start=start,
        end=end,
        text=chunk.text[part.start : part.end],
        score=round(passage.score, 4),
    )


def join_answer(marked: Sequence[str], lang: str) -> str:
    return (" " if lang == "en" else "").join(marked)
