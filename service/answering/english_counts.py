"""What an English how-many question counts: the Chinese measure words and nouns that count it
(``english_unit``, ``english_counted_people``) and the dictionary's words for it.

An English question shares no words with the Chinese sentence, so a figure with the asked measure
word may count something else: "how many millilitres of platelets" is no 12000毫升 of whole blood.
The dictionary says which Chinese words the question's counted noun may be.
"""

from __future__ import annotations

import re
from functools import lru_cache

from service.answering.lexicon import translations

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


# "How many remote ECG cases …": the counted noun names the Chinese measure words that count it.
_EN_COUNTED = re.compile(
    r"\bhow many ((?:[\w-]+ ){0,4}?)([a-z]+)\b"
    r"(?= (?:did|do|does|were|are|was|is|has|have|had|will|can|could|in|at|for|of)\b)",
    re.I,
)
_EN_UNITS = {
    "case": "例|件|次",
    "operation": "例|台|次",
    "surgery": "例|台|次",
    "procedure": "例|台|次",
    "test": "例|次|人次|份",
    "screening": "例|次|人次",
    "visit": "次|人次",
    "patient": "名|位|人",
    "people": "名|位|人",
    "person": "名|位|人",
    "resident": "名|位|人",
    "doctor": "名|位|人",
    "member": "名|位|人",
    "specialist": "名|位|人",
    "nurse": "名|位|人",
    "staff": "名|位|人",
    "worker": "名|位|人",
    "student": "名|位|人",
    "child": "名|位|人",
    "children": "名|位|人",
    "newborn": "名|位|人|例",
    "baby": "名|位|人|例",
    "expert": "名|位|人",
    "volunteer": "名|位|人",
    "participant": "名|位|人",
    "contestant": "名|位|人",
    "mediator": "名|位|人",
    "hospital": "家|所|个",
    "place": "个|家|处|所",
    "institution": "家|所|个",
    "clinic": "家|所|个",
    "center": "家|所|个",
    "centre": "家|所|个",
    "bed": "张|床",
    "household": "户",
    "family": "户|个家庭",
    "village": "个|村",
    "day": "天",
    "hour": "个?多?小时",
    "yuan": "元",
}


# The Chinese nouns that count people of an English kind: 百余名患者 is no count of specialists.
_EN_PEOPLE_NOUNS = {
    "specialist": "专家|医生|医师|医务",
    "expert": "专家|医生|医师|医务",
    "doctor": "医生|医师|医务|专家",
    "nurse": "护士|护理|医护",
    "patient": "患者|病人|病例|患儿|病患",
    "volunteer": "志愿者|志愿",
    "student": "学生|学员|毕业生",
    "resident": "居民|群众|村民",
    "worker": "社工|工作人员|工作者|职工|员工|医务|医护",
}


def english_counted_people(text: str) -> str | None:
    """For "how many specialists …": the Chinese nouns for them (专家|医生|…), if we know them."""
    return next((_EN_PEOPLE_NOUNS[n] for n in _after_how_many(text, 3) if n in _EN_PEOPLE_NOUNS), None)


def _after_how_many(text: str, most: int) -> list[str]:
    """The first ``most`` words after "how many", singular and lower-case."""
    after = re.search(rf"\bhow many ((?:[\w-]+ ?){{1,{most}}})", text, re.I)
    return [singular(w.lower()) for w in after.group(1).split()] if after else []


def english_unit(text: str) -> str | None:
    """The Chinese measure words that count what an English how-many question asks about."""
    m = _EN_COUNTED.search(text)
    if m and singular(m.group(2).lower()) in _EN_UNITS:
        return _EN_UNITS[singular(m.group(2).lower())]
    # no verb we know after the noun ("how many specialists took part in"): the first noun we know
    return next((_EN_UNITS[n] for n in _after_how_many(text, 5) if n in _EN_UNITS), None)


def singular(noun: str) -> str:
    if noun.endswith("ies"):
        return noun[:-3] + "y"  # surgeries, babies, families
    return noun[:-1] if noun.endswith("s") else noun
