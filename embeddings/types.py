"""Plain data passed between the ingestion stages.

Offsets are code-point offsets into ``SourceText.text`` (the decoded original file, or for a
``.jsonl`` record / ``.html`` page the text we extracted from it, which is what we store and show).
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class SourceText:
    """One decoded input unit: a whole .txt/.md file, an HTML page's text, or one .jsonl record."""

    source: str  # path relative to the ingested root; "file.jsonl#<id>" for a jsonl record
    text: str  # the original text every offset points into
    encoding: str = "utf-8"
    title: str | None = None  # given by the input (jsonl title, HTML <title>), if any
    meta: dict[str, str] = field(default_factory=dict)  # url, date, id ...


@dataclass(frozen=True)
class CleanText:
    """Cleaned text plus, for each cleaned code point, its offset in the original text.

    ``offsets`` has ``len(text) + 1`` entries; the last one is the end of the original span.
    """

    text: str
    offsets: list[int]

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """Map a cleaned ``[start, end)`` to the original ``[start, end)``."""
        if end <= start:
            o = self.offsets[start]
            return o, o
        return self.offsets[start], self.offsets[end - 1] + 1


@dataclass(frozen=True)
class Article:
    doc_id: str
    source: str
    title: str
    start: int  # original offsets of the whole article
    end: int
    text: str  # cleaned article text
    offsets: list[int]  # original offset of each cleaned code point (+ end sentinel)


@dataclass(frozen=True)
class Chunk:
    doc_id: str
    source: str
    ordinal: int  # position of the chunk in its article
    start: int  # original code-point offsets
    end: int
    text: str  # cleaned chunk text
