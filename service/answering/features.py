"""Does a sentence hold something of the kind the question asks for, that the question lacks?

An answer sentence usually repeats some of the question and adds the answer: a number with the
asked measure word, a date, a person's or organisation's name, a place. A lead sentence that
only restates the headline covers the question just as well but adds nothing of that kind.
"""

from __future__ import annotations

import re
from collections.abc import Callable
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
_DAY = re.compile(r"\d{1,2}\s*月\s*\d{1,2}\s*日|\d{1,2}\s*日")
_ASKS_DAY = re.compile(r"哪[一几]?天|几号|几月几日|日期")
_BYLINE = re.compile(r"(?:记者|通讯员|特约记者|实习生)[\u4e00-\u9fff]{2,3}")  # reporters are not answers
_ROLE = re.compile(r"副?(?:院长|主任|书记|局长|县长|市长|站长|所长|队长|负责人)")
_SURNAMES = frozenset(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟"
    "谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔常汤和"
)
_ENTITY_POS = {"person": ("nr",), "place": ("ns",), "org": ("nt",)}


@lru_cache(maxsize=1)
def _tagger() -> Callable[[str], list[tuple[str, str]]]:
    import rjieba

    return rjieba.tag


def tagged(text: str, prefixes: tuple[str, ...]) -> list[str]:
    return [w for w, pos in _tagger()(text) if len(w) >= 2 and pos.startswith(prefixes)]


def new_answer_entity(question: Question, sentence: str) -> bool:
    """True when ``sentence`` has an item of the asked type that the question does not mention."""
    q, s = search_form(question.text), _BYLINE.sub("", search_form(sentence))
    finder = _FINDERS.get(question.answer_type)
    return finder is not None and any(item not in q for item in finder(question, q, s))


def _numbers(question: Question, q: str, s: str) -> list[str]:
    if not question.unit:
        return list(_NUMBER.findall(s))
    units = _PEOPLE if question.unit in _PEOPLE else question.unit
    return [f for f in re.findall(_NUM + "(?:" + units + ")", s) if f not in _JUST_ONE]


def _dates(question: Question, q: str, s: str) -> list[str]:
    pattern = _DAY if _ASKS_DAY.search(q) else _DATE
    return list(pattern.findall(s))


def _people(question: Question, q: str, s: str) -> list[str]:
    roles = _ROLE.findall(q)
    if roles:  # 院长是谁: a name next to that role, not any name
        role = "|".join(roles)
        beside = re.findall(f"(?:{role})([\u4e00-\u9fff]{{2,3}})", s) + re.findall(f"([\u4e00-\u9fff]{{2,3}})(?:{role})", s)
        return [n for n in beside if n[0] in _SURNAMES]
    names = [w for w in tagged(s, ("nr",)) if w[0] in _SURNAMES]
    return names + _NAME_CUE.findall(s)


def _orgs(question: Question, q: str, s: str) -> list[str]:
    # the regex takes up to 12 characters before the suffix; compare the name's last six
    return [o[-6:] for o in tagged(s, ("nt",)) + _ORG_SUFFIX.findall(s)]


def _places(question: Question, q: str, s: str) -> list[str]:
    return tagged(s, ("ns",))


_FINDERS: dict[str, Callable[[Question, str, str], list[str]]] = {
    "number": _numbers, "date": _dates, "person": _people, "org": _orgs, "place": _places,
}
