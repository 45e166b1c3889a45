"""A noun a question puts where the article has another, between the same words.

A swapped question often keeps a phrase of the article and changes the noun inside it: 遗传性眼病
基因检测 for the article's 遗传性耳聋基因检测, 灵宝市的老年人照护服务指导中心 for 灵宝市婴幼儿照护
服务指导中心, 列入周口市卫生健康系统 for 列入全省卫生健康系统. The words on either side (the frame)
are the article's, so the question reads as covered; only the noun between says it is not.

Paraphrases also put other words between the article's (建设 for 推进, 负责 for 承担), so only a
noun for a noun counts, and only when the article never puts the question's noun in that frame.
"""

from __future__ import annotations

import re

from service.answering.cedict import same_sense
from service.answering.words import FUNCTION_CHARS, SAME_NOUNS, chinese_only, pos_tagger

_MAX_FRAME = 6  # characters of the article kept on each side
_MIN_FRAME = 5  # both sides together: shorter frames (医院, 建设) recur everywhere
_MAX_GAP = 4
_NOUN_LENGTHS = range(2, 5)
_NOUN_POS = ("n", "j", "vn")  # 耳聋 is tagged vn
_ASKING = re.compile(r"多少|几|哪|什么|谁|怎|如何|为何|吗|呢")
# nouns that name people in general, which a reader puts for any of them (医疗人员 for the article's
# 医疗领域专家)
_ANY_PEOPLE = frozenset("人员 人士 人才 工作人员".split())
# nouns that only say when (宣传新型婚育观念的时候: "while promoting"), never what the question is about
_CLAUSE_NOUNS = frozenset(("时候", "期间"))


def swapped_in_frame(question: str, context: str) -> list[str]:
    """The nouns of ``question`` (in search form) that ``context`` replaces with another noun
    between the same words, and never has there itself."""
    text, context = _compact(question), _compact(context)
    # the frame on either side of each position, found once for every gap that starts or ends there
    befores = [_frame_before(text, at, context) for at in range(len(text))]
    afters = [_frame_after(text, at, context) for at in range(len(text))]
    swapped = []
    for start in range(1, len(text)):
        for end in range(start + 1, min(start + _MAX_GAP, len(text) - 1) + 1):
            noun = _swapped_noun(text[start:end], befores[start], afters[end], context)
            if noun:
                swapped.append(noun)
    return list(dict.fromkeys(swapped))


def _swapped_noun(gap: str, before: str, after: str, context: str) -> str | None:
    """The noun in ``gap`` if ``context`` has another noun between ``before`` and ``after``."""
    noun = gap.replace("的", "")
    if not _is_candidate(noun):
        return None
    if not before or not after or len(before) + len(after) < _MIN_FRAME:
        return None
    if _ASKING.search(before + after):
        return None
    if _either_side(before, noun, after, context) or not _close_after(before, after, context):
        return None
    frame = re.escape(before) + "的?{}的?" + re.escape(after)
    for m in re.finditer(frame.format(f"([\u4e00-\u9fff]{{1,{_MAX_GAP + 2}}}?)"), context):
        if _another_noun(m.group(1), noun) and not _aliased(m.group(1), noun, context):
            return noun
    return None


_ALIAS = "(?:(?<![立随当旋])即|也就是|又称|也称|简称|俗称)"  # not 立即 ("at once")


def _aliased(other: str, noun: str, context: str) -> bool:
    """Does ``context`` say the two are one (李庄段改建工程即西环路建设项目)?"""
    a, b = re.escape(other), re.escape(noun)
    near = "[^，,。；;]{0,8}"
    return re.search(f"{a}{near}{_ALIAS}{near}{b}|{b}{near}{_ALIAS}{near}{a}", context) is not None


def _close_after(before: str, after: str, context: str) -> bool:
    """Does ``after`` start within a gap's reach after some ``before`` in ``context``? The frame's
    pattern cannot match otherwise, and then is not built and compiled."""
    reach = _MAX_GAP + 4  # 的, the gap and 的 (as the pattern allows them)
    at = context.find(before)
    while at >= 0:
        start = at + len(before)
        if after in context[start : start + reach + len(after)]:
            return True
        at = context.find(before, at + 1)
    return False


def _another_noun(other: str, noun: str) -> bool:
    """Is the article's ``other`` a different noun of about the length of the question's ``noun``?"""
    if not _is_candidate(other) or abs(len(other) - len(noun)) > 2 or set(other) & set(noun):
        return False
    if any(noun.endswith(tuple(group)) and other.endswith(tuple(group)) for group in SAME_NOUNS):
        return False  # 医疗单位 for the article's 医疗卫生机构
    if same_sense(noun, other):  # 底子 for the article's 基础
        return False
    return _all_nouns(noun) and _all_nouns(other)


def _either_side(before: str, noun: str, after: str, context: str) -> bool:
    """Does ``context`` put ``noun`` on either side of the frame? 公共场所及公共设施建设中 has 公共场所,
    so 公共场所建设中 joins two of its phrases rather than swapping 设施."""
    # plain substrings: a pattern built per frame would be compiled for every question
    sides = (before + noun, f"{before}的{noun}", noun + after, f"{noun}的{after}")
    return any(side in context for side in sides)


def _is_candidate(word: str) -> bool:
    return (
        len(word) in _NOUN_LENGTHS
        and chinese_only(word)
        and not set(word) & set(FUNCTION_CHARS)
        and not _ASKING.search(word)
        and word not in _CLAUSE_NOUNS
        and word not in _ANY_PEOPLE
    )


def _frame_before(text: str, start: int, context: str) -> str:
    """The longest run of ``text`` ending at ``start`` (two to six characters) found in ``context``."""
    found = ""
    for size in range(2, _MAX_FRAME + 1):
        if size > start or text[start - size : start] not in context:
            break
        found = text[start - size : start]
    return found


def _frame_after(text: str, end: int, context: str) -> str:
    found = ""
    for size in range(2, _MAX_FRAME + 1):
        if end + size > len(text) or text[end : end + size] not in context:
            break
        found = text[end : end + size]
    return found


def _all_nouns(word: str) -> bool:
    return all(pos.startswith(_NOUN_POS) for _, pos in pos_tagger()(word))


def _compact(text: str) -> str:
    return re.sub(r"\s", "", text)
