"""What an English how-many question counts.

An English question shares no words with the Chinese sentence, so a figure with the asked measure
word may count something else: "how many millilitres of platelets" is no 12000毫升 of whole blood.
The dictionary says which Chinese words the question's counted noun may be.
"""

from __future__ import annotations

import re
from functools import lru_cache

from service.answering.lexicon import translations
from service.answering.question import singular

_EN_HOW_MANY = re.compile(
    r"\bhow (?:many|much) ((?:[\w-]+ ){1,5}?)(?:did|do|does|were|are|was|is|has|have|had|will|can)\b", re.I
)
_MOST_TRANSLATIONS = 10  # a noun with more has senses enough to be found by chance


@lru_cache(maxsize=256)
def english_counted_thing(text: str) -> frozenset[str]:
    """The Chinese words for what an English how-many question counts ("millilitres of platelets":
    血小板), when the dictionary gives it a few."""
    m = _EN_HOW_MANY.search(text)
    if not m:
        return frozenset()
    noun = m.group(1).split()[-1].lower()  # the last word before the verb: platelets, not millilitres
    # CC-CEDICT glosses some words only in the plural (设施: "facilities"), so both forms are looked up
    chinese = translations(noun) | translations(singular(noun))
    return chinese if len(chinese) <= _MOST_TRANSLATIONS else frozenset()
