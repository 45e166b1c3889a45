"""Whitespace repair for OCR'd Chinese news pages, keeping every character's original offset.

Only whitespace is removed or replaced; every other code point is kept, in order. So a span of the
cleaned text maps back to the original through ``CleanText.offsets``, and the original span holds
exactly the same characters once whitespace is ignored.

What happens to one whitespace run:

* inside a line: dropped, except one space between Latin words/digits, between a Latin word and
  a Chinese character, and after a leading Markdown marker (``## ``, ``- ``, ``> ``);
* one line break: a wrap, joined like the above, unless it ends a sentence, is a Markdown hard
  break (two trailing spaces), or the next line opens a block (``#``, list, ``本报讯``, ``□``), or
  the line is heading-like over a long line of prose (a headline over a one-line paragraph);
* a blank line: a paragraph break ``"\\n"``, unless it falls mid-sentence (see ``_joins``).

A blank line falls mid-sentence when the paragraph before it does not end a sentence (a colon or a
trailing ``（作者）`` credit counts as an end) and is no Markdown heading, byline or credit, and

* the paragraph has an unclosed bracket (``本报讯（记者刘岩`` + ``通讯员王红岩）…``), or
* the next one starts with punctuation that cannot open a sentence, or
* the paragraph is prose (too long or punctuated for a heading) and the next is not heading-like, or
* the paragraph looks like a heading, yet the next starts with a one-character clause
  (``队伍建`` + ``设,医共体…``) or the paragraph is a lone line as wide as the wrapped paragraph
  after it (a larger-font headline has fewer characters per column line).

Heading-like lines that interrupt unfinished prose (captions dropped mid-sentence) are never
joined to what follows them: the prose resumes there, not the caption.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from embeddings.script import either_script
from embeddings.types import CleanText

LINE_BREAK = re.compile(r"\r\n|[\n\r\v\f\x1c-\x1e\x85\u2028\u2029]")
_WS = re.compile(r"\s+")
_HAN = re.compile(r"[\u2e80-\u2fff\u3040-\u9fff\uac00-\ud7af\uf900-\ufaff\U00020000-\U0003ffff]")
_LATIN = re.compile(
    r"[0-9A-Za-z\u00c0-\u024f\u0370-\u03ff\u0400-\u04ff\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]"
)
_LINE_MARKER = re.compile(r"(?:#{1,6}|[-*+>•]|\d{1,3}[.)])")
# Lines that open a block of their own: Markdown heading/list/quote/table, a news lead or byline.
# (written in simplified characters, matched in either script: script.either_script)
NEWS_LEAD = re.compile(either_script(r"本报讯"))
BLOCK_START = re.compile(either_script(r"\s*(?:#{1,6}\s|[-*+•]\s|>|\||本报讯|[□■])"))
BYLINE_START = re.compile(either_script(r"(?:[□■]|本报记者|本报特约记者|特约记者|本报通讯员|通讯员|记者)"))
CREDIT_LINE = re.compile(
    either_script(
        r"(?:.{0,30}(?:/摄|／摄|摄影报道|供图|文/图|图/文|文／图)"
        r"|(?:美编|责编|责任编辑|编辑|校对|版式)[:：]?\s*\S{1,12}"
        r"|[（(][^（()）。，,]{1,20}[)）])"
    )
)
SENTENCE_PUNCT = re.compile(r"[，,。；;！？!?、]")
# A colon ends a paragraph too: it introduces the next one (a list, a quotation).
_ENDS_SENTENCE = re.compile(r"[。！？!?；;…：:][”’」』\"'）)\]》]*(?:\s*[（(][^（()）]{1,20}[)）])?\s*$")
_CONTINUES = re.compile(r"[，,、。；;：:）)」』》！？!?%]")
_FIRST_CLAUSE_OF_ONE = re.compile(r"[^\s，,、。；;：:]\s*[，,、；;：:]")
_OPEN = re.compile(r"[（(]")
_CLOSE = re.compile(r"[）)]")
HEADING_MAX_CHARS = 40
_PARAGRAPH_LINE = 80  # a line this long over a heading-like one is a paragraph, not a wrap

_FOLD = {c: c - 0xFEE0 for c in range(0xFF10, 0xFF1A)}
_FOLD.update({c: c - 0xFEE0 for c in range(0xFF21, 0xFF3B)})
_FOLD.update({c: c - 0xFEE0 for c in range(0xFF41, 0xFF5B)})
_FOLD[0x3000] = 0x20


def fold_width(s: str) -> str:
    """Full-width digits, letters and the ideographic space as ASCII (same length, for search)."""
    return s.translate(_FOLD)


def is_han(ch: str) -> bool:
    return bool(_HAN.match(ch))


def is_latin(ch: str) -> bool:
    return bool(_LATIN.match(ch))


def ends_sentence(text: str) -> bool:
    """True when ``text`` ends with terminal punctuation (closers and a ``(作者)`` credit allowed)."""
    return bool(_ENDS_SENTENCE.search(text[-60:]))


def looks_like_heading(text: str) -> bool:
    """Short, and without the punctuation of running prose; never a story's lead (本报讯…)."""
    visible = _WS.sub("", text)
    short = 0 < len(visible) <= HEADING_MAX_CHARS and not SENTENCE_PUNCT.search(visible)
    return short and not NEWS_LEAD.match(visible)


def open_brackets(text: str) -> int:
    return len(_OPEN.findall(text)) - len(_CLOSE.findall(text))


@dataclass
class _Block:
    """Text between two blank lines, already cleaned inside."""

    text: str
    offsets: list[int]
    raw_lines: int
    first_line_width: int


@dataclass
class _Paragraph:
    """Blocks joined so far into one output paragraph."""

    first: _Block
    last: _Block
    chars: int
    prose: bool  # has sentence punctuation or is too long for a heading
    brackets: int

    @classmethod
    def of(cls, block: _Block) -> _Paragraph:
        prose = not looks_like_heading(block.text)
        return cls(block, block, len(block.text), prose, open_brackets(block.text))

    def extend(self, block: _Block) -> None:
        self.last = block
        self.chars += len(block.text)
        self.prose = self.prose or self.chars > HEADING_MAX_CHARS or not looks_like_heading(block.text)
        self.brackets += open_brackets(block.text)

    @property
    def unfinished(self) -> bool:
        return not ends_sentence(self.last.text)


def clean_text(text: str) -> CleanText:
    out: list[str] = []
    offsets: list[int] = []
    previous: _Paragraph | None = None
    interrupted = False
    for block in _split_blocks(text):
        if previous is not None and _joins(previous, block, interrupted):
            if _glue(out[-1][-1], block.text[0], ""):
                out.append(" ")
                offsets.append(offsets[-1] + 1)  # the whitespace right after the previous block
            previous.extend(block)
        else:
            if previous is not None:
                # Unfinished prose, then heading-like blocks (a caption, a misplaced line): the
                # prose resumes later, so what follows those blocks does not continue them.
                cut_off = previous.prose and previous.unfinished
                interrupted = cut_off or (interrupted and not previous.prose)
                out.append("\n")
                offsets.append(offsets[-1] + 1)
            previous = _Paragraph.of(block)
        out.append(block.text)
        offsets.extend(block.offsets)
    joined = "".join(out)
    offsets.append(offsets[-1] + 1 if offsets else 0)
    return CleanText(joined, offsets)


class _BlockBuilder:
    def __init__(self) -> None:
        self.chars: list[str] = []
        self.offsets: list[int] = []
        self.raw_lines = 1
        self.first_line_width = -1

    def add(self, text: str, start: int) -> None:
        self.chars.append(text)
        self.offsets.extend(range(start, start + len(text)))

    def line_break(self) -> None:
        self.raw_lines += 1
        if self.first_line_width < 0:
            self.first_line_width = len(self.offsets)

    def build(self) -> _Block:
        width = self.first_line_width if self.first_line_width >= 0 else len(self.offsets)
        return _Block("".join(self.chars), self.offsets, self.raw_lines, width)


def _split_blocks(text: str) -> list[_Block]:
    """Cut at blank lines and repair the whitespace inside each piece."""
    blocks: list[_Block] = []
    block = _BlockBuilder()
    line_start = pos = 0
    for run in _WS.finditer(text):
        block.add(text[pos : run.start()], pos)
        pos = run.end()
        breaks = len(LINE_BREAK.findall(run.group()))
        if not block.offsets or breaks >= 2 or pos == len(text):
            if block.offsets:  # else leading whitespace
                blocks.append(block.build())
                block = _BlockBuilder()
            line_start = pos
            continue
        if breaks:
            line_end = LINE_BREAK.search(text, pos)
            next_line = text[pos : line_end.start() if line_end else len(text)]
            replacement = _wrap(run.group(), text[line_start : run.start()], next_line)
            block.line_break()
            line_start = pos
        else:
            marker = run.start() - line_start <= 8 and _LINE_MARKER.fullmatch(text[line_start : run.start()])
            replacement = " " if marker else _space(text[run.start() - 1], text[pos])
        block.add(replacement, run.start())
    block.add(text[pos:], pos)
    if block.offsets:
        blocks.append(block.build())
    return blocks


def _glue(before: str, after: str, default: str) -> str:
    return " " if is_latin(before) and is_latin(after) else default


def _space(before: str, after: str) -> str:
    """Replacement for spaces inside a line (after any leading Markdown marker)."""
    if is_latin(before) and is_latin(after):
        return " "
    letter_before = is_latin(before) and not before.isdigit()
    letter_after = is_latin(after) and not after.isdigit()
    if (letter_before and is_han(after)) or (is_han(before) and letter_after):
        return " "
    return ""


def _wrap(run: str, line: str, next_line: str) -> str:
    """Replacement for a single line break (with any spaces around it)."""
    hard_break = bool(re.search(r"[ \t]{2,}(?:\r\n|[\n\r\u2028])", run))
    if hard_break or ends_sentence(line) or BLOCK_START.match(next_line) or _is_block_line(line):
        return "\n"
    if _heads_paragraph(line, next_line):
        return "\n"
    return _glue(line.rstrip()[-1], next_line[0], "")


def _heads_paragraph(line: str, next_line: str) -> bool:
    """A heading-like line over a long line of prose is a headline, not a wrap: text with one
    paragraph per line (a web page's or a news dataset's headline, then its body), where a wrapped
    column's lines are about as wide as each other."""
    if not looks_like_heading(line):
        return False  # most lines: decided before the next one is scanned
    following = _WS.sub("", next_line)
    long_enough = len(following) >= max(_PARAGRAPH_LINE, 3 * len(_WS.sub("", line)))
    return long_enough and SENTENCE_PUNCT.search(following) is not None


def _is_block_line(line: str) -> bool:
    stripped = line.strip()
    if re.match(r"#{1,6}\s|[-*+•]\s", stripped) or CREDIT_LINE.fullmatch(stripped):
        return True
    # A bare byline ("本报记者 王平"), not the first half of a bracketed one ("通讯员王红岩）12月…").
    bare = not _OPEN.search(stripped) and not _CLOSE.search(stripped)
    return len(stripped) <= HEADING_MAX_CHARS and bool(BYLINE_START.match(stripped)) and bare


def _joins(previous: _Paragraph, block: _Block, interrupted: bool) -> bool:
    """Does a blank line between ``previous`` and ``block`` fall mid-sentence?"""
    if ends_sentence(previous.last.text) or BLOCK_START.match(block.text):
        return False
    if previous.brackets > 0:
        return True  # e.g. "本报讯（记者刘岩" + blank + "通讯员王红岩）"
    if _is_block_line(previous.last.text):
        return False
    if _CONTINUES.match(block.text):
        return True
    next_is_heading = looks_like_heading(block.text) and not ends_sentence(block.text)
    if previous.prose:
        return not next_is_heading
    # ``previous`` looks like a heading: join only on positive evidence of a cut word.
    if interrupted or next_is_heading:
        return False
    return bool(_FIRST_CLAUSE_OF_ONE.match(block.text)) or _fills_column(previous, block)


def _fills_column(previous: _Paragraph, block: _Block) -> bool:
    """A lone line as wide as the wrapped paragraph after it is a wrap, not a (larger-font) heading."""
    single_line = previous.first is previous.last and previous.first.raw_lines == 1
    cjk_seam = is_han(previous.last.text[-1]) and is_han(block.text[0])
    wide = previous.chars >= 0.85 * block.first_line_width
    return single_line and block.raw_lines >= 2 and cjk_seam and wide
