"""Split a cleaned newspaper page into its articles.

A page holds several short articles; each cleaned line is classified (Markdown heading, heading-like
line, ``本报讯`` lead, byline, credit, list item, body) and an article starts at

- a run of Markdown headings (consecutive ``#`` lines are one title);
- a run of up to three heading-like lines (kicker, title, subtitle) that is followed by a byline or
  a lead (list items in between are the deck), that opens the page, that directly follows the end
  of a piece (a photo credit, ``文/图``, a trailing ``（作者）``), that is a column label such as
  ``短评``, or a single headline directly followed by a news lead (``近日，…``, ``4月19日，…``);
- a ``本报讯`` lead that no headline claims (a headline claims the first lead within a few hundred
  characters after it); such an article is titled by its first sentence.

Any other heading-like line is a section heading or a caption and stays inside its article; so do
credits, captions and the editor line (a preamble without sentences joins the first article).
A source that comes with its own title (a JSONL record, an HTML page) is one article unless it
contains Markdown headings.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field

from embeddings.clean import BYLINE_START, CREDIT_LINE, NEWS_LEAD, is_latin, looks_like_heading
from embeddings.script import either_script, to_simplified
from embeddings.types import Article, CleanText, SourceText

_MARKDOWN = re.compile(r"#{1,6}\s")
_LIST_ITEM = re.compile(r"[-*+•]\s")
_NOT_A_HEADING_START = ("(", "（", ">", "→", "↑", "←", "↓", "**", "|")
# (written in simplified characters, matched in either script: script.either_script)
_CREDIT_THEN_HEADLINE = re.compile(either_script(r"(.{1,30}?(?:摄影报道|/摄|／摄|供图))(.{2,})"))
_NAME_CREDIT_AT_END = re.compile(r"[。！？!?”’」]\s*[（(][^（()）。，,]{1,20}[)）]$")
_COLUMN_LABELS = frozenset({"短评", "评论", "时评", "快评", "社评", "简讯", "各地简讯", "图片新闻"})
_NEWS_OPENER = re.compile(either_script(r"(?:近日|日前|\d{1,2}月\d{1,2}日)"))
_NUMBERED_SECTION = re.compile(r"\d{1,2}(?![\d月日年])(?=[\u4e00-\u9fff])")  # "1内涵式建设…"
_SENTENCE_END = re.compile(r"[。！？!?；;]")
_LEAD_PREFIX = re.compile(either_script(r"(?:本报讯)?\s*[（(][^（()）]{0,40}[)）]|^本报讯\s*|^[□■]\S*\s*"))
_TITLE_TRIM = re.compile(r"^(?:#{1,6}\s*|>\s*)|\*\*")
CLAIM_CHARS = 400  # a headline claims a lead that starts within this many characters after it
DECK_LINES = 6  # list items allowed between a headline and its byline
HEADING_GROUP_MAX = 3
TITLE_MAX = 40


@dataclass(frozen=True)
class Line:
    start: int  # cleaned offsets
    end: int
    text: str
    kind: str  # "markdown", "heading", "lead", "byline", "credit", "list", "body"


@dataclass
class _Start:
    line: int
    headline: range  # heading lines giving the title; empty: title from the text
    has_lead: bool = field(default=False)


def split_articles(source: SourceText, clean: CleanText) -> list[Article]:
    lines = page_lines(clean.text)
    if not lines:
        return []
    given_title = (source.title or "").strip()
    starts = _markdown_starts(lines) if given_title else _find_starts(lines)
    starts = _with_preamble(lines, starts)
    articles: list[Article] = []
    seen: dict[str, int] = {}
    for n, start in enumerate(starts):
        cs = lines[start.line].start
        ce = lines[starts[n + 1].line].start if n + 1 < len(starts) else len(clean.text)
        while ce > cs and clean.text[ce - 1].isspace():
            ce -= 1
        if ce <= cs:
            continue
        untitled = not start.headline and n == 0 and given_title
        title = given_title if untitled else _title(source, clean, lines, start)
        articles.append(_article(source, clean, cs, ce, title, seen))
    return articles


def page_lines(text: str) -> list[Line]:
    """Classified lines of cleaned text; a photo credit glued to the next headline is cut off it."""
    lines: list[Line] = []
    for m in re.finditer(r"[^\n]+", text):
        glued = _CREDIT_THEN_HEADLINE.fullmatch(m.group())
        if glued and _kind(glued.group(2)) == "heading":
            cut = m.start() + len(glued.group(1))
            lines.append(Line(m.start(), cut, glued.group(1), "credit"))
            lines.append(Line(cut, m.end(), glued.group(2), "heading"))
        else:
            lines.append(Line(m.start(), m.end(), m.group(), _kind(m.group())))
    return lines


def _kind(text: str) -> str:
    if _MARKDOWN.match(text):
        return "markdown"
    if NEWS_LEAD.match(text):
        return "lead"
    if CREDIT_LINE.fullmatch(text):
        return "credit"
    if _LIST_ITEM.match(text):
        return "list"
    if _is_byline(text):
        return "byline"
    if len(text) >= 2 and looks_like_heading(text) and not text.startswith(_NOT_A_HEADING_START):
        return "heading"
    return "body"


def _is_byline(text: str) -> bool:
    if not BYLINE_START.match(text):
        return False
    bare = len(text) <= 40 and not _SENTENCE_END.search(text)
    return bare or bool(re.search(r"[)）]", text[:30]))  # "通讯员吴霜 夏艳)近日,…"


def _markdown_starts(lines: list[Line]) -> list[_Start]:
    starts: list[_Start] = []
    for i, line in enumerate(lines):
        if line.kind == "markdown" and (i == 0 or lines[i - 1].kind != "markdown"):
            starts.append(_Start(i, range(i, _group_end(lines, i))))
    return starts


def _find_starts(lines: list[Line]) -> list[_Start]:
    starts: list[_Start] = []
    i = 0
    while i < len(lines):
        kind = lines[i].kind
        if kind in ("markdown", "heading"):
            end = _group_end(lines, i)
            if kind == "markdown" or _opens_article(lines, i, end, starts):
                first = i if kind == "markdown" else max(i, end - HEADING_GROUP_MAX)
                starts.append(_Start(first, range(first, end)))
            i = end
            continue
        if kind == "lead":
            if starts and _claims(lines, starts[-1], i):
                starts[-1].has_lead = True
            else:
                starts.append(_Start(i, range(0), has_lead=True))
        i += 1
    return starts


def _group_end(lines: list[Line], i: int) -> int:
    end = i
    while end < len(lines) and lines[end].kind == lines[i].kind:
        end += 1
    return end


def _opens_article(lines: list[Line], i: int, end: int, starts: list[_Start]) -> bool:
    if not starts and _is_preamble(lines[:i]):
        return True
    if to_simplified(lines[i].text) in _COLUMN_LABELS or (i > 0 and _ends_piece(lines[i - 1])):
        return True
    after = end
    while after < len(lines) and after - end < DECK_LINES and lines[after].kind == "list":
        after += 1
    if after < len(lines) and lines[after].kind in ("lead", "byline"):
        return True
    lone_headline = end - i == 1 and not _NUMBERED_SECTION.match(lines[i].text)
    return lone_headline and end < len(lines) and bool(_NEWS_OPENER.match(lines[end].text))


def _ends_piece(line: Line) -> bool:
    return line.kind == "credit" or bool(_NAME_CREDIT_AT_END.search(line.text))


def _claims(lines: list[Line], start: _Start, lead: int) -> bool:
    if not start.headline or start.has_lead:
        return False
    return lines[lead].start - lines[start.headline.stop - 1].end <= CLAIM_CHARS


def _is_preamble(lines: list[Line]) -> bool:
    """Editor lines, credits, labels: nothing that reads as a sentence."""
    return all(line.kind != "lead" and not _SENTENCE_END.search(line.text) for line in lines)


def _with_preamble(lines: list[Line], starts: list[_Start]) -> list[_Start]:
    if not starts:
        return [_Start(0, range(0))]
    if starts[0].line == 0:
        return starts
    if _is_preamble(lines[: starts[0].line]):
        starts[0].line = 0
        return starts
    return [_Start(0, range(0)), *starts]


def _title(source: SourceText, clean: CleanText, lines: list[Line], start: _Start) -> str:
    if not start.headline:
        return _first_sentence(lines[start.line :]) or source.source
    parts = [_heading_text(source, clean, lines[k]) for k in start.headline]
    title = parts[0]
    for k, part in zip(start.headline[1:], parts[1:], strict=True):
        gap = source.text[clean.offsets[lines[k - 1].end - 1] + 1 : clean.offsets[lines[k].start]]
        separate = gap.count("\n") >= 2 and not title.endswith(("：", ":", "，", ",", "、", "—", "-"))
        title += (" " if separate else "") + part
    return title


def _heading_text(source: SourceText, clean: CleanText, line: Line) -> str:
    """The heading as printed: OCR letter-spacing removed, spaces between phrases kept."""
    raw = source.text[clean.offsets[line.start] : clean.offsets[line.end - 1] + 1]
    pieces = re.split(r"(\s+)", raw.strip())
    text = pieces[0]
    for before, gap, token in zip(pieces[0::2], pieces[1::2], pieces[2::2], strict=False):
        phrases = len(before) >= 2 and len(token) >= 2 and "\n" not in gap  # a wrap is no phrase gap
        latin = is_latin(before[-1]) and is_latin(token[0])
        text += (" " if phrases or latin else "") + token
    return _TITLE_TRIM.sub("", text).strip()


def _first_sentence(lines: list[Line]) -> str:
    for line in lines:
        if line.kind in ("lead", "body"):
            text = _LEAD_PREFIX.sub("", line.text, count=1).strip()
            sentence = _SENTENCE_END.split(text, maxsplit=1)[0]
            if sentence:
                return sentence if len(sentence) <= TITLE_MAX else sentence[:TITLE_MAX] + "…"
    return ""


def _article(
    source: SourceText, clean: CleanText, cs: int, ce: int, title: str, seen: dict[str, int]
) -> Article:
    text = clean.text[cs:ce]
    digest = hashlib.sha1(f"{source.source}\x00{text}".encode()).hexdigest()[:16]
    seen[digest] = seen.get(digest, 0) + 1
    doc_id = digest if seen[digest] == 1 else f"{digest}-{seen[digest]}"
    start, end = clean.original_span(cs, ce)
    return Article(doc_id, source.source, title, start, end, text, [*clean.offsets[cs:ce], end])
