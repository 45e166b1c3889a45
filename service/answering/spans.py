"""Map a span of a chunk's cleaned text back to code-point offsets in the original source.

Cleaning only removes or inserts whitespace, so walking both strings while skipping whitespace
aligns them exactly.
"""

from __future__ import annotations


def original_span(original: str, chunk_start: int, cleaned: str, start: int, end: int) -> tuple[int, int]:
    """Original ``[start, end)`` of ``cleaned[start:end]`` for a chunk beginning at ``chunk_start``."""
    first = _first_non_space(cleaned, start, end)
    last = _last_non_space(cleaned, start, end)
    if first is None or last is None:
        pos = _locate(original, chunk_start, cleaned, start)
        return pos, pos
    return _locate(original, chunk_start, cleaned, first), _locate(original, chunk_start, cleaned, last) + 1


def _first_non_space(text: str, start: int, end: int) -> int | None:
    return next((i for i in range(start, end) if not text[i].isspace()), None)


def _last_non_space(text: str, start: int, end: int) -> int | None:
    return next((i for i in range(end - 1, start - 1, -1) if not text[i].isspace()), None)


def _locate(original: str, chunk_start: int, cleaned: str, target: int) -> int:
    """Original offset of the non-space character ``cleaned[target]``."""
    j = chunk_start
    for i, ch in enumerate(cleaned):
        if ch.isspace():
            continue
        while j < len(original) and original[j].isspace():
            j += 1
        if i >= target:
            return j
        j += 1
    return j
