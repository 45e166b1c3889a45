"""The text a reader sees on an HTML page, laid out so that the cleaner and article splitter treat
it like a plain-text page: blocks separated by blank lines, ``<br>`` as newlines, headings as
``## ``; scripts, styles, comments and the like dropped."""

from __future__ import annotations

import re

from bs4 import BeautifulSoup, CData, NavigableString
from bs4.exceptions import ParserRejectedMarkup

from embeddings.errors import UnsupportedFileError

_DROP_TAGS = ["script", "style", "noscript", "template", "iframe", "head", "title"]
_HEADING_TAGS = ["h1", "h2", "h3", "h4", "h5", "h6"]
_BLOCK_TAGS = [
    "address", "article", "aside", "blockquote", "caption", "dd", "details", "div", "dl", "dt",
    "fieldset", "figcaption", "figure", "footer", "form", "header", "hr", "li", "main", "nav", "ol",
    "p", "pre", "section", "summary", "table", "tr", "ul",
]  # fmt: skip
_WHITESPACE = re.compile(r"\s+")


def html_text(markup: str) -> tuple[str | None, str]:
    """The page's title (``<title>``, else its first ``<h1>``) and its visible text."""
    try:
        soup = BeautifulSoup(markup, "html.parser")
    except ParserRejectedMarkup as exc:
        raise UnsupportedFileError(f"cannot parse HTML: {exc}", field="file") from exc
    title = _html_title(soup)  # first: the visible text drops <title> and rewrites headings
    text = _visible_text(soup)
    if not text:
        raise UnsupportedFileError("no visible text in the HTML page", field="file")
    return title, text


def _html_title(soup: BeautifulSoup) -> str | None:
    for tag in (soup.find("title"), soup.find("h1")):
        if tag is not None:
            title = " ".join(tag.get_text(" ").split())
            if title:
                return title
    return None


def _visible_text(soup: BeautifulSoup) -> str:
    """Visible text with blocks separated by blank lines, ``<br>`` as newlines, headings as ``## ``."""
    for tag in soup.find_all(_DROP_TAGS):
        tag.decompose()
    for string in soup.find_all(string=True):
        if type(string) not in (NavigableString, CData):  # comments, doctype, processing instructions
            string.extract()
        elif string.find_parent("pre") is None:  # HTML collapses whitespace except in <pre>
            string.replace_with(_WHITESPACE.sub(" ", string))
    for tag in soup.find_all(_HEADING_TAGS):
        heading = " ".join(tag.get_text(" ").split())
        if heading:
            tag.replace_with(f"\n\n## {heading}\n\n")
        else:
            tag.decompose()
    for tag in soup.find_all(_BLOCK_TAGS):
        tag.insert_before("\n\n")
        tag.insert_after("\n\n")
    for tag in soup.find_all(["td", "th"]):
        tag.insert_after(" ")
    for tag in soup.find_all("br"):
        tag.replace_with("\n")
    lines = "\n".join(line.strip() for line in soup.get_text().split("\n"))
    return re.sub(r"\n{3,}", "\n\n", lines).strip()
