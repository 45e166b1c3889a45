"""Split a cleaned newspaper page into its articles.

A page holds several short articles. One starts at
- a markdown heading (consecutive ``#`` lines form one title);
- a run of short heading-like lines followed, within two paragraphs, by a byline (``□…``,
  ``本报记者…``) or a ``本报讯`` lead; a kicker ending in a colon (``洛阳市中心医院:``) followed by a
  heading; a column label such as ``短评``;
- a ``本报讯`` lead or ``□`` byline with no headline before it (the title is then its first clause).
A short heading line inside an article that no byline follows is a section heading, not a new
article; photo credits and captions stay with the article they sit in.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

from embeddings.types import Article, CleanText, SourceText

_LEAD = re.compile(r"^(本报讯|□)")
_BYLINE = re.compile(r"^(本报记者|特约记者|记者|通讯员|□)")
_CREDIT = re.compile(r"(/摄|文/图|供图|摄影报道|^美编|^\(.{2,6}\)$|^（.{2,6}）$)")
_COLUMN = re.compile(r"^(短评|评论|时评|社评|编者按)$")
_SENTENCE_END = re.compile(r"[。！？!?；;]")
HEADING_MAX = 32
LOOKAHEAD = 2
TITLE_MAX = 40


@dataclass(frozen=True)
class Paragraph:
    start: int  # cleaned offsets
    end: int
    text: str

    @property
    def is_markdown_heading(self) -> bool:
        return self.text.startswith("#")

    @property
    def is_lead(self) -> bool:
        return bool(_LEAD.match(self.text))

    @property
    def is_byline(self) -> bool:
        return bool(_BYLINE.match(self.text)) and len(self.text) <= 40 and not _SENTENCE_END.search(self.text)

    @property
    def is_bullet(self) -> bool:
        return self.text.startswith(("-", "*")) and not self.text.startswith("**")

    @property
    def is_credit(self) -> bool:
        return bool(_CREDIT.search(self.text)) and len(self.text) <= 40

    @property
    def is_heading(self) -> bool:
        t = self.text
        return (
            0 < len(t) <= HEADING_MAX
            and not _SENTENCE_END.search(t)
            and t[-1] not in "，,、"
            and not t.startswith(("-", "*", "(", "（"))
            and not self.is_byline
            and not self.is_lead
            and not self.is_credit
        )


def paragraphs(clean: CleanText) -> list[Paragraph]:
    out = []
    for m in re.finditer(r"[^\n]+", clean.text):
        out.append(Paragraph(m.start(), m.end(), m.group().strip()))
    return out


def _starts(paras: list[Paragraph]) -> list[tuple[int, int]]:
    """(first paragraph, paragraphs in its headline) for each article start."""
    starts: list[tuple[int, int]] = []
    i = 0
    while i < len(paras):
        run = _heading_run(paras, i)
        if run and _opens_article(paras, i, run):
            starts.append((i, run))
            i += run
            continue
        if (paras[i].is_lead or paras[i].is_byline) and not _follows_headline(paras, i, starts):
            starts.append((i, 0))
        i += 1
    return starts


def _heading_run(paras: list[Paragraph], i: int) -> int:
    p = paras[i]
    if p.is_markdown_heading:
        n = 1
        while i + n < len(paras) and paras[i + n].is_markdown_heading:
            n += 1
        return n
    n = 0
    while i + n < len(paras) and n < 3 and paras[i + n].is_heading and not paras[i + n].is_markdown_heading:
        n += 1
    return n


def _opens_article(paras: list[Paragraph], i: int, run: int) -> bool:
    if paras[i].is_markdown_heading or _COLUMN.match(paras[i].text):
        return True
    if paras[i].text[-1] in ":：" and run >= 2:
        return True
    after = [p for p in paras[i + run :] if not p.is_bullet][:LOOKAHEAD]
    return any(p.is_lead or _BYLINE.match(p.text) for p in after)


def _follows_headline(paras: list[Paragraph], i: int, starts: list[tuple[int, int]]) -> bool:
    if not starts:
        return False
    first, run = starts[-1]
    if run == 0 and paras[first].is_byline and i == first + 1:
        return True  # a bare byline then its lead: one story
    between = [p for p in paras[first + run : i] if not p.is_bullet]
    fragments = all(_BYLINE.match(p.text) or not _SENTENCE_END.search(p.text[-1]) for p in between)
    return run > 0 and first + run <= i and len(between) < LOOKAHEAD and fragments


def _title(paras: list[Paragraph], first: int, run: int, source: SourceText) -> str:
    if run:
        return " ".join(p.text.lstrip("#").strip() for p in paras[first : first + run])
    para = paras[first]
    if para.is_byline and first + 1 < len(paras):  # a bare byline: the story's first sentence names it
        para = paras[first + 1]
    text = re.sub(r"^(本报讯|□)\s*[(（][^)）]*[)）]", "", para.text).lstrip("□")
    sentence = _SENTENCE_END.split(text, maxsplit=1)[0]
    return sentence[:TITLE_MAX] or (source.title or source.source)


def split_articles(source: SourceText, clean: CleanText) -> list[Article]:
    paras = paragraphs(clean)
    if not paras:
        return []
    if source.title and not any(p.is_markdown_heading for p in paras):
        bounds = [(0, len(clean.text), source.title)]
    else:
        starts = _starts(paras) or [(0, 0)]
        bounds = []
        for n, (first, run) in enumerate(starts):
            cs = 0 if n == 0 else paras[first].start  # a preamble (editor line) joins the first article
            ce = paras[starts[n + 1][0]].start if n + 1 < len(starts) else len(clean.text)
            bounds.append((cs, ce, _title(paras, first, run, source)))
    return _articles(source, clean, bounds)


def _articles(source: SourceText, clean: CleanText, bounds: list[tuple[int, int, str]]) -> list[Article]:
    articles: list[Article] = []
    seen: dict[str, int] = {}
    for cs, ce, title in bounds:
        while ce > cs and clean.text[ce - 1].isspace():
            ce -= 1
        if ce <= cs:
            continue
        text = clean.text[cs:ce]
        digest = hashlib.sha1(f"{source.source}\x00{text}".encode()).hexdigest()[:16]
        seen[digest] = seen.get(digest, 0) + 1
        doc_id = digest if seen[digest] == 1 else f"{digest}-{seen[digest]}"
        start, end = clean.original_span(cs, ce)
        articles.append(Article(doc_id, source.source, title, start, end, text, clean.offsets[cs : ce + 1]))
    return articles
