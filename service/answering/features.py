"""Does a sentence hold something of the kind the question asks for, that the question lacks?

An answer sentence usually repeats some of the question and adds the answer: a number with the
asked measure word, a date, a person's or organisation's name, a place. A lead sentence that
only restates the headline covers the question just as well but adds nothing of that kind.
"""

from __future__ import annotations

import re
from functools import lru_cache

from embeddings.keyword import search_form
from service.answering.question import Question

_NUM = r"[\d一二三四五六七八九十百千万亿两几]+(?:\.\d+)?(?:余|多)?"
_DATE = re.compile(r"\d{1,4}\s*年|\d{1,2}\s*月\s*\d{0,2}\s*日?|[一二三四五六七八九十]+月")
_NUMBER = re.compile(r"\d+(?:\.\d+)?\s*(?:%|％)?|[一二三四五六七八九十两]+[个名家件项位所台例次]")
_ORG_SUFFIX = re.compile(r"[\u4e00-\u9fff]{2,12}(?:医院|中心|卫生院|委员会|卫健委|卫生健康委|大学|学院|团队|研究所|基金会|监督所|疾控中心|[局站所])")
_NAME_CUE = re.compile(r"(?:院长|主任|书记|医生|教授|专家|负责人|局长|站长|县长|市长|副县长)([\u4e00-\u9fff]{2,3})")
_JUST_ONE = frozenset(("一名", "一位", "一人"))  # "一位8个孩子的母亲" is not a head count
_PEOPLE = "名|位|人"  # interchangeable measure words for people: 多少位 -> 71人
_ENTITY_POS = {"person": ("nr",), "place": ("ns",), "org": ("nt",)}


@lru_cache(maxsize=1)
def _tagger():  # type: ignore[no-untyped-def]
    import rjieba

    return rjieba.tag


def tagged(text: str, prefixes: tuple[str, ...]) -> list[str]:
    return [w for w, pos in _tagger()(text) if len(w) >= 2 and pos.startswith(prefixes)]


def new_answer_entity(question: Question, sentence: str) -> bool:
    """True when ``sentence`` has an item of the asked type that the question does not mention."""
    q, s = search_form(question.text), search_form(sentence)
    kind = question.answer_type
    if kind == "number":
        if question.unit:
            units = _PEOPLE if question.unit in _PEOPLE else question.unit
            found = [f for f in re.findall(_NUM + "(?:" + units + ")", s) if f not in _JUST_ONE]
        else:
            found = _NUMBER.findall(s)
        return any(f not in q for f in found)
    if kind == "date":
        return any(d not in q for d in _DATE.findall(s))
    if kind == "person":
        names = tagged(s, ("nr",)) + _NAME_CUE.findall(s)
        return any(n not in q for n in names)
    if kind == "org":
        orgs = tagged(s, ("nt",)) + _ORG_SUFFIX.findall(s)
        return any(o not in q for o in orgs)
    if kind == "place":
        return any(p not in q for p in tagged(s, ("ns",)))
    return False
