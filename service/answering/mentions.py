"""Does an article mention a term a question names? Chinese writes a name in several ways: shortened
(西安交大 for 西安交通大学, 卫健委 for 卫生健康委), with an aside inside (临床医学(诊疗)研究中心), a
place by a place inside it (河南 by 灵宝市), a level by a place of that level (省级 by 河南省), a slogan
with its figures filled in (“几基几化”: 五基四化).
"""

from __future__ import annotations

import re
from functools import lru_cache

from service.answering.places import is_place, place_mentioned
from service.answering.roles import ROLE, role_forms
from service.answering.words import FUNCTION_CHARS, chinese_only, in_order, slogan_figures

_ASIDE = re.compile(r"\([^()]{1,10}\)")  # in the search form, whose brackets are ASCII
_LEVEL = re.compile(r"(国家|省|市|县)级(.+)")
# 第七名, 第三位: a rank, which news writes without its measure word (排名全国第七、河南省第三)
_RANK = re.compile(r"(第[一二三四五六七八九十百零〇\d]+)[名位]")
_COLUMN_CHARS = 24  # a column's line of text, which an OCR'd page puts between a word's halves
# 五大中心: a numbered group, which a reader shortens by its head (五大临床服务中心)
_NUMBERED_GROUP = re.compile(r"(.*?)([一二两三四五六七八九十\d]+大)([\u4e00-\u9fff]{2,})")
_GROUP_GAP = 6  # characters of the group's full name a reader may leave out


def mentioned(term: str, context: str) -> bool:
    """``term``, its long form (西安交大 -> 西安交通大学) or, for a place, a place inside it (河南 <-
    灵宝市) appears in ``context``."""
    term = term.strip(FUNCTION_CHARS)
    slogan = slogan_figures(term)
    if slogan:  # “几基几化”, which the article writes with its figures (五基四化)
        return slogan.search(context) is not None
    if is_place(term):
        return place_mentioned(term, context)
    if term.isdigit():  # 80 is not in 1800
        return number_written(term, context)
    if term.startswith("第一") and "首" + term[2:] in context:  # 第一位 is 首位, 第一届 首届
        return True
    rank = _RANK.fullmatch(term)
    if rank and re.search(f"{rank.group(1)}(?![一二三四五六七八九十百零〇\\d届次期批轮个家])", context):
        return True
    if ROLE.fullmatch(term):  # a 县长 is not the article's 副县长
        return re.search(f"(?<!副)(?:{role_forms(term)})", context) is not None
    level = _LEVEL.match(term)
    if level and re.search(
        f"{level.group(1)}级?{re.escape(level.group(2))}", context
    ):  # 省级重点: 河南省重点
        return True
    if term in context or _abbreviates(term, context) or _names_numbered_group(term, context):
        return True
    if len(term) >= 3 and term.endswith("率"):  # 化解率, which OCR'd columns split as 化…解率
        return (
            re.search(f"{re.escape(term[:-2])}[\\s\\S]{{0,{_COLUMN_CHARS}}}{re.escape(term[-2:])}", context)
            is not None
        )
    return "(" in context and term in without_asides(context)


def number_written(number: str, context: str) -> bool:
    """``number`` (digits, maybe with a decimal point) in ``context`` as a whole number: 80 is not in
    1800, nor 4 in 4.5."""
    return re.search(f"(?<![\\d.]){re.escape(number)}(?!\\.?\\d)", context) is not None


def _names_numbered_group(term: str, context: str) -> bool:
    """A numbered group shortened to its head (五大中心 for the article's 五大临床服务中心)."""
    group = _NUMBERED_GROUP.fullmatch(term)
    if group is None:
        return False
    before, count, head = map(re.escape, group.groups())
    return re.search(f"{before}{count}[\u4e00-\u9fff]{{0,{_GROUP_GAP}}}{head}", context) is not None


@lru_cache(maxsize=8)  # the gate asks for the same article's once per term it does not find
def without_asides(context: str) -> str:
    """``context`` without the asides inside names: 临床医学(诊疗)研究中心 is a 临床医学研究中心."""
    return _ASIDE.sub("", context)


def _abbreviates(term: str, context: str) -> bool:
    """Chinese shortens a name by keeping a character or two of each word (西安交通大学 -> 西安交大,
    卫生健康委 -> 卫健委, 质量控制 -> 质控): ``term``'s characters in order in ``context``, at most
    three apart (exactly one apart for a two-character term, which would otherwise match too much)."""
    if len(term) < 2 or not chinese_only(term):
        return False
    return in_order(term, context, ".{0,3}" if len(term) >= 3 else ".")
