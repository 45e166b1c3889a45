"""Where a duration must stand to answer a how-long question.

A sentence may time something other than what the question asks about: 手术历时5个多小时 is no
answer to 伤口多久才能沾水, nor 影响她3年 to "how long did the operation take". So a duration
answers only beside the asked action: after it, for a Chinese question asking how long until one
can do something (多久才能…); beside a translation of one of its words, for an English question.
"""

from __future__ import annotations

import re

from service.answering.lexicon import english_terms, translated_count
from service.answering.words import FUNCTION_CHARS

# 多久才能洗澡, 几天就能下床: how long until one can do something (the action in the group)
_UNTIL_ABLE = re.compile(
    r"(?:多久|多长时间|几天|多少天|几个月|多少年)(?:才|就)?(?:能|可以|可)([\u4e00-\u9fff]{1,8})"
)
_ACTION_REACH = 8  # characters after a duration where a Chinese question's action is said
_EVENT_REACH = 6  # characters either side of a duration where an English question's event is named


def until_able(q: str, s: str, durations: list[str]) -> list[str]:
    """For 多久才能洗澡 (how long until one can do something), the ``durations`` of ``s`` that the
    action follows (术后3天即可下地行走 for 几天就能下床走路); any other question keeps them all. One
    character of the action will do, as news words it its own way."""
    m = _UNTIL_ABLE.search(q)
    if m is None:
        return durations
    action = set(m.group(1)) - set(FUNCTION_CHARS)
    kept = []
    for duration in durations:
        at = s.find(duration)
        if at >= 0 and action & set(s[at + len(duration) : at + len(duration) + _ACTION_REACH]):
            kept.append(duration)
    return kept


def durations_beside_words(text: str, sentence: str, durations: list[str]) -> list[str]:
    """The ``durations`` of ``sentence`` with one of the English question's words translated right
    beside them: "how long did the surgery take" is answered by 手术历时5个多小时, not by 影响她3年
    nor by 为期60天的援外医疗工作 for the speed of light."""
    terms, kept = english_terms(text), []
    for duration in durations:
        at = sentence.find(duration)
        near = sentence[max(0, at - _EVENT_REACH) : at + len(duration) + _EVENT_REACH]
        if at >= 0 and translated_count(terms, near):
            kept.append(duration)
    return kept
