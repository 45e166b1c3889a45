"""The segmenter's words, and the one way Chinese shortens a name: shared by the answer finders and
the gate's checks."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

# characters that join words and name nothing: a name or a noun does not run across them
FUNCTION_CHARS = "的了和与在向给把被从对为及是"
_CHINESE_RUN = re.compile(r"[\u4e00-\u9fff]+")
# nouns a reader puts for one another: 住院患者 counts the article's 住院病人, and 守护老百姓健康 is its
# 守护群众健康
SAME_NOUNS = (
    frozenset("病人 患者 病患".split()),
    frozenset("老人 老年人".split()),
    frozenset("孩子 儿童 孩童 幼儿 学生".split()),
    frozenset("医生 医师 医务人员".split()),
    frozenset("老百姓 百姓 群众 民众 居民 人民群众".split()),
    frozenset("单位 机构".split()),
    frozenset("水平 能力".split()),  # 业务水平 for the article's 业务能力
)
# “几基几化” and 几个“强”: a slogan asked with 几 for its figures
_SLOGAN_WITH_JI = r"[^”\"」]{0,8}几[^”\"」]{0,8}"
_QUOTED_WITH_JI = re.compile(f'[“"「]({_SLOGAN_WITH_JI})[”"」]')
_JI_BEFORE_QUOTE = re.compile(r"几个?[“\"「]([^”\"」几]{1,6})[”\"」]")
_FIGURE = "[一二两双三四五六七八九十百\\d]+"


@lru_cache(maxsize=1)
def pos_tagger() -> Callable[[str], list[tuple[str, str]]]:
    """rjieba's part-of-speech tagger, imported on first use."""
    import rjieba

    return rjieba.tag


def first_word(text: str) -> tuple[str, str]:
    """The tagger's first word of ``text`` and its part of speech (empty strings for no text)."""
    words = pos_tagger()(text)
    return words[0] if words else ("", "")


def in_order(term: str, text: str, between: str = ".{0,3}") -> bool:
    """``term``'s characters in order in ``text``, ``between`` (a pattern) separating each two: how
    Chinese abbreviates a name (心内科 for 心血管内科, 卫健委 for 卫生健康委)."""
    if not all(ch in text for ch in term):
        return False  # spares compiling a pattern for every term of every question
    return re.search(between.join(map(re.escape, term)), text) is not None


def chinese_only(text: str) -> bool:
    """Is ``text`` Chinese characters only (no digit, letter, space or punctuation)?"""
    return _CHINESE_RUN.fullmatch(text) is not None


def tagged(text: str, prefixes: tuple[str, ...]) -> list[str]:
    return [w for w, pos in pos_tagger()(text) if len(w) >= 2 and pos.startswith(prefixes)]


@lru_cache(maxsize=1024)  # asked once per candidate sentence
def numbered_slogan(question: str) -> re.Pattern[str] | None:
    """A quoted slogan the question asks the figures of (“几基几化”, 几个“强”): the pattern of its
    filled-in form (五基四化, 四强), where each 几 stands for a figure."""
    m = _QUOTED_WITH_JI.search(question)
    if m:
        return slogan_figures(m.group(1))
    m = _JI_BEFORE_QUOTE.search(question)
    return re.compile(f"{_FIGURE}个?{re.escape(m.group(1))}") if m else None


def slogan_figures(slogan: str) -> re.Pattern[str] | None:
    """The pattern of a slogan with 几 for its figures (几基几化 -> 五基四化), if it has one."""
    if not re.fullmatch(_SLOGAN_WITH_JI, slogan):
        return None
    return re.compile(_FIGURE.join(map(re.escape, slogan.split("几"))))
