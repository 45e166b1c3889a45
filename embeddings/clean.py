"""Repair OCR'd text without losing the way back to the original.

Only whitespace changes: each whitespace run between two visible characters becomes nothing
(inside Chinese text: OCR spaces, hard line breaks inside words or sentences), one space
(between Latin words or numbers), or one newline (a real paragraph break). Every cleaned code
point records its offset in the original, so ``original[start:end]`` with whitespace removed
always equals the cleaned slice with whitespace removed.
"""

from __future__ import annotations

import re

from embeddings.types import CleanText

_ASCII_WORD = re.compile(r"[A-Za-z0-9]")
# A paragraph that ends with one of these is complete; anything else may continue after a break.
_TERMINAL = set("。！？!?；;…:：”’」』）)》】")
_CLAUSE = re.compile(r"[，,、：:；;]")
_HEADING_MAX = 30
_FULL_WIDTH = {cp: cp - 0xFEE0 for cp in range(0xFF10, 0xFF1A)}
_FULL_WIDTH.update({cp: cp - 0xFEE0 for cp in range(0xFF21, 0xFF3B)})
_FULL_WIDTH.update({cp: cp - 0xFEE0 for cp in range(0xFF41, 0xFF5B)})
_FULL_WIDTH[0x3000] = 0x20


def fold_width(text: str) -> str:
    """Full-width digits and Latin letters (and the ideographic space) to ASCII; length-preserving."""
    return text.translate(_FULL_WIDTH)


def clean_text(text: str) -> CleanText:
    out: list[str] = []
    offsets: list[int] = []
    paragraph_start = 0  # index in ``out`` where the current paragraph began
    for m in re.finditer(r"\s+|\S+", text):
        s = m.group()
        if not s.isspace():
            out.extend(s)
            offsets.extend(range(m.start(), m.end()))
            continue
        if not out or m.end() == len(text):
            continue  # leading and trailing whitespace disappear
        sep = _separator(s, out, paragraph_start, text, m.end())
        if sep:
            out.append(sep)
            offsets.append(m.start())
            if sep == "\n":
                paragraph_start = len(out)
    offsets.append(offsets[-1] + 1 if offsets else 0)  # the last kept character is never whitespace
    return CleanText("".join(out), offsets)


def _separator(run: str, out: list[str], paragraph_start: int, text: str, next_pos: int) -> str:
    before, after = out[-1], text[next_pos]
    newlines = run.count("\n")
    if newlines >= 2 or (newlines == 1 and _line_break_is_paragraph(out, paragraph_start, text, next_pos)):
        if not _continues(out, paragraph_start, text, next_pos):
            return "\n"
    if _ASCII_WORD.match(before) and _ASCII_WORD.match(after):
        return " "
    return ""


def _line_break_is_paragraph(out: list[str], paragraph_start: int, text: str, next_pos: int) -> bool:
    """A single newline ends a paragraph after complete sentences, or around a heading/marker line."""
    line = "".join(out[paragraph_start:])
    nxt = _next_line(text, next_pos)
    return (
        out[-1] in _TERMINAL
        or nxt.startswith(("#", "□", "本报讯", "- ", "* "))
        or line.lstrip().startswith("#")
    )


def _next_line(text: str, pos: int) -> str:
    end = text.find("\n", pos)
    return text[pos : end if end >= 0 else len(text)].strip()


def _continues(out: list[str], paragraph_start: int, text: str, next_pos: int) -> bool:
    """Does a blank line fall in the middle of a sentence (OCR), so the paragraphs should join?"""
    paragraph = "".join(out[paragraph_start:]).strip()
    nxt = _next_line(text, next_pos)
    if not paragraph or not nxt or paragraph[-1] in _TERMINAL or paragraph.startswith(("#", "□", "-", "*")):
        return False
    if nxt.startswith(("#", "□", "本报讯", "- ", "* ", "**")) or _looks_like_byline(nxt):
        return False
    first_clause = _CLAUSE.split(nxt, maxsplit=1)[0]
    if len(first_clause) <= 3 and len(first_clause) < len(nxt):
        return True  # "队伍建\n\n设,医共体…": the next paragraph starts mid-word
    return len(paragraph) > _HEADING_MAX or bool(_CLAUSE.search(paragraph))


def _looks_like_byline(line: str) -> bool:
    return bool(re.match(r"(本报记者|特约记者|记者|通讯员|美编)", line))
