"""What a question asks for: its content terms (with IDF weights), language and answer type."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal

import numpy as np

from embeddings.keyword import bigram_tokens, word_tokens
from embeddings.script import to_simplified
from service.answering.roles import ASKED_KIN, ROLES_ASKED_BY_NAME
from service.answering.typed import as_meant
from service.answering.units import (
    ASKED,
    ASKS_AGE,
    ASKS_AREA,
    ASKS_MEASURE,
    ASKS_SCORE_EN,
    EN_PHONE,
    asked_unit,
)
from service.answering.yes_no import figure_asked
from service.language import detect_language

AnswerType = Literal["number", "date", "place", "person", "org", "reason", "disease", "drug", "other"]
# the types that ask for no kind of item an answer must hold (怎样, 哪些, 什么, 为什么)
UNTYPED: tuple[AnswerType, ...] = ("other", "reason")


# a question word followed by another after a comma opens a clause before the question ("When the
# inspectors checked…, what did they…", "…, where a man was trapped, how big was…")
_CLAUSE_FIRST = r"(?![^?]*,\s*(?:what|which|who|whom|whose|how|why|where|when)\b)"


def _asked_first(word: str, lead: str = "", then: str = "") -> str:
    """English ``word`` (after ``lead``, and followed by ``then``) at the start of the question or
    after a comma (with no question word after a later comma): where a question word asks, and a
    relative pronoun does not stand."""
    return rf"^\W*(?:and |so )?{lead}{word}\b{then}|[,;:]\s*(?:and\s+)?{word}\b{_CLAUSE_FIRST}"


def _en_question_word(word: str) -> str:
    """``word`` asking a question ("When did…", "…, and where was…"), not opening a clause after a
    noun or verb ("…keep to when deciding…", "the county where she lives") nor one before the
    question (``_CLAUSE_FIRST``)."""
    return (
        _asked_first(word, then=_CLAUSE_FIRST)
        + rf"|\b{word}\s+(?:did|does|do|was|were|is|are|will|has|have|had|can|could|would|should)\b"
    )


ASKS_WHEN_EN = _en_question_word("when")
# "Who led…", "…, and whose…", "by whom": a question asking for a person; not the relative pronoun
# after a noun ("the patient who wrote…", "a screw whose head is stripped")
_ASKS_WHO_EN = (
    _asked_first("(?:who|whom|whose)", lead="(?:(?:by|to|with|for|from) )?")
    + r"|\b(?:by|to|with|for|from) whom\b"
    r"|\bname of (?:the|this|that)\b[^,?]*\bwho\b"
    r"|^which (?:student|pupil|player|athlete|coach|teacher|doctor|surgeon|nurse|patient|expert|official|reporter)s?\b"
)  # the name of the official who heads…; which student…
# 哪所高校, 哪所医学院: a university or college (features._orgs finds them)
ASKS_SCHOOL = r"哪一?所[\u4e00-\u9fff]{0,4}?(?:大学|高校|院校|学校|学院)"
_TYPE_PATTERNS: list[tuple[AnswerType, re.Pattern[str]]] = [
    # 因为什么意外: "because of what accident" asks for the accident, not why
    ("reason", re.compile(r"为什么(?!样|意外|事故|事件|事情)|为何|什么原因|原因是什么|\bwhy\b", re.I)),
    # 确诊为什么病: ends later than 为什么, so the last-match rule makes it a disease, not a reason
    (
        "disease",
        re.compile(
            r"什么病|哪种病|什么疾病|哪[种类]疾病|何种疾病|\bwhat (?:\w+ )?(?:disease|illness)\b", re.I
        ),
    ),
    (
        "drug",
        re.compile(
            r"什么药|哪[种款个]药|药名|\b(?:what|which) (?:\w+ )?(?:medicine|medication|drug|eye drops)\b",
            re.I,
        ),
    ),
    (
        "date",
        re.compile(
            r"什么时候|何时|哪个朝代|什么朝代|哪一?年|哪[一几]?天|几月几[日号]|几月|几[日号]|哪个月|日期|"
            + ASKS_WHEN_EN
            + r"|\b(?:what|which) (year|date|month|day)\b",
            re.I,
        ),
    ),
    (
        "number",
        re.compile(
            r"多久|多长时间|多少|(?<![哪那这])几(?!乎)[个名家人件项台次所位天年]?|(?:多大|多少|什么)比例|百分之|(?:比例|体重)"
            + ASKED
            + r"|"
            + ASKS_MEASURE
            + r"|"
            + ASKS_AGE
            + r"|"
            + ASKS_AREA
            + r"|\bhow (many|much|long)\b|\bwhat (percentage|share|number)\b|\bweight\b"
            r"|" + EN_PHONE + r"|" + ASKS_SCORE_EN,
            re.I,
        ),
    ),
    (
        "org",
        re.compile(
            r"哪家|哪[个些](医院|单位|部门|机构)|哪一?个科室|什么科室|"
            + ASKS_SCHOOL
            + r"|哪个[^，。？]{0,15}(?:联盟|协会|学会|委员会|集团)|(医院|单位|机构|学校)(?:(?!"
            + ROLES_ASKED_BY_NAME
            + r"|医生|专家|护士)[^，。？]){0,6}(叫什么|名字|名称)"
            r"|\bwhich (hospital|organi[sz]ation|department|institution)\b",
            re.I,
        ),
    ),
    # 志愿服务叫什么名字 asks for a title, not a person (it ends where 名字 does, and comes first)
    (
        "other",
        re.compile(
            r"(?:活动|服务|项目|行动|计划|工程|模式|品牌|栏目|节目|平台|口号|主题|称号)[^，。？]{0,4}(?:叫什么名字|名字|名称)"
        ),
    ),
    (
        "person",
        re.compile(
            r"谁|哪[一两二三四五几]?位|姓名|名字|全名|真名|(?:记者|通讯员|实习生|"
            + ROLES_ASKED_BY_NAME
            + r")[^，。？]{0,3}叫什么|"
            + ASKED_KIN.pattern
            + "|"
            + _ASKS_WHO_EN,
            re.I,
        ),
    ),
    (
        "place",
        re.compile(
            r"(?:哪里|哪儿)(?!着手|入手|做起|抓起|下手)|在哪(?!些|[一两二三四五六七八九几]?个?[^，。？]{0,6}(?:时期|阶段|方面|领域|环节|层面|步骤))|什么地方|(?<!的)什么位置|何处|哪[个几一]?[个座条栋]?(省|市|县|区|地|城市|大洲|洲|国家|城区|镇|乡|村|小区|社区|街道|路|街|楼|层(?![级次面]))|几楼|何地|地址|"
            + _en_question_word("where")
            + r"|\bwhich (?:[a-z]+ )?(city|province|county|district)\b|\baddress\b",
            re.I,
        ),
    ),
]


@dataclass(frozen=True)
class Question:
    text: str
    lang: Literal["zh", "en"]
    answer_type: AnswerType
    words: dict[str, float]  # content word -> IDF
    grams: dict[str, float]  # CJK bigram -> IDF
    unit: str | None = None  # measure word asked for by 多少/几
    # the question as written, when ``text`` reads it otherwise: in simplified characters, without
    # courtesies, with a misspelt place put right (typed.py), or a threshold asked as a figure
    asked: str | None = None
    # the query embedding, once retrieval has computed it
    vector: np.ndarray | None = field(default=None, compare=False, repr=False)

    @property
    def traditional(self) -> bool:
        """Was the question written in traditional characters?"""
        return self.asked is not None and to_simplified(self.asked) != self.asked

    @property
    def weight(self) -> float:
        return sum(self.words.values()) + sum(self.grams.values())


def answer_type(text: str) -> AnswerType:
    """The kind the question asks for; with several question words, the last one's (除了…几个区，还有
    哪个城市: a place), as Chinese puts the asked item at the end, but the first one's in English,
    which opens with it ("How old is the mother who…" asks an age, not a person)."""
    if detect_language(text) == "en":
        first = [
            (m.start(), rank, kind)
            for rank, (kind, pattern) in enumerate(_TYPE_PATTERNS)
            for m in [pattern.search(text)]
            if m
        ]
        return min(first)[2] if first else "other"
    found = [
        (m.end(), -rank, kind)
        for rank, (kind, pattern) in enumerate(_TYPE_PATTERNS)
        for m in [_last_match(pattern, text)]
        if m
    ]
    return max(found)[2] if found else "other"


def _last_match(pattern: re.Pattern[str], text: str) -> re.Match[str] | None:
    last = None
    for last in pattern.finditer(text):  # noqa: B007 - the last match is what we want
        pass
    return last


def analyse(text: str, idf: Callable[[str, str], float]) -> Question:
    """Read ``text`` in simplified characters, as every rule here and article text is matched."""
    asked, text = text, to_simplified(as_meant(text))
    lang = detect_language(text)
    text = figure_asked(text, lang) or text  # 超过100件了吗: 多少件
    words = {w: idf(w, "words") for w in dict.fromkeys(word_tokens(text))}
    grams = {g: idf(g, "bigrams") for g in dict.fromkeys(bigram_tokens(text))}
    return Question(
        text, lang, answer_type(text), words, grams, asked_unit(text), asked if asked != text else None
    )


def coverage(question: Question, text_norm: str) -> float:
    """IDF-weighted share of the question's terms found in ``text_norm`` (words and bigrams)."""
    total = question.weight
    if total <= 0:
        return 0.0
    hit = sum(w for t, w in question.words.items() if t in text_norm)
    hit += sum(w for t, w in question.grams.items() if t in text_norm)
    return hit / total


_TWO = re.compile(r"(和|与|及).*(分别|各|都)|\b(each|both)\b|\band\b.*\brespectively\b", re.I)


def asks_two(text: str) -> bool:
    """Does the question ask about two things at once (A和B分别/各/都……, "each", "both")?"""
    return bool(_TWO.search(text))
