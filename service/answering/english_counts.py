"""What an English how-many question counts, and where a how-long question's duration must stand.

An English question shares no words with the Chinese sentence, so a figure with the asked measure
word may count or time something else: "how many millilitres of platelets" is no 12000毫升 of whole
blood, and "how long did the surgery take" is no 影响她3年 (how long a trouble lasted). The
dictionary says which Chinese words the question's own words may be.
"""

from __future__ import annotations

import re
from functools import lru_cache

from service.answering.lexicon import english_terms, translated_count, translations
from service.answering.question import singular

_EN_HOW_MANY = re.compile(
    r"\bhow (?:many|much) ((?:[\w-]+ ){1,5}?)(?:did|do|does|were|are|was|is|has|have|had|will|can)\b", re.I
)
_MOST_TRANSLATIONS = 10  # a noun with more has senses enough to be found by chance
_EVENT_REACH = 6  # characters either side of a duration where the timed event is named


@lru_cache(maxsize=256)
def english_counted_thing(text: str) -> frozenset[str]:
    """The Chinese words for what an English how-many question counts ("millilitres of platelets":
    血小板), when the dictionary gives it a few."""
    m = _EN_HOW_MANY.search(text)
    if not m:
        return frozenset()
    noun = m.group(1).split()[-1]  # the last word before the verb: platelets, not millilitres
    chinese = translations(singular(noun.lower()))
    return chinese if len(chinese) <= _MOST_TRANSLATIONS else frozenset()


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
