"""What a Chinese question names, which the cited article must name too (an English question's:
``english_specifics.py``).

Places (with the gazetteer, 河南 met by 灵宝市), people with a common surname, organisations,
hospitals and centres, roles, editions, acronyms, numbers, and the nouns that set a counted thing
apart (远程病理诊断). A question that keeps its topic and swaps one of these asks about something
the article does not cover.
"""

from __future__ import annotations

import itertools
import re
from functools import lru_cache

from embeddings.keyword import search_form
from service.answering.features import DISEASE_ENDINGS, NAMED_CONDITIONS
from service.answering.institutions import departments, hospitals, place_hospitals, place_schools
from service.answering.people import COMMON_SURNAMES
from service.answering.places import NOT_PLACE, is_place, names_place, unknown_places
from service.answering.roles import ROLE
from service.answering.words import FUNCTION_CHARS, pos_tagger

_GENERIC = frozenset("中国 全国 全省 全市 我国 国家 今年 去年 目前 近日 近年".split())
# The tagger guesses unknown words as names or places (宝宝/nr, 上岗/ns): trust a person's name
# only with one of the hundred commonest surnames (not the rarer ones bylines use: 路, 柳…), a
# place only with a place suffix (other places come from _PLACE).
_PLACE_SUFFIX = ("省", "市", "县", "区", "镇", "乡", "村", "州", "山", "湖", "岛", "寺")  # 象鼻山: a sight
_NUMBER = re.compile(r"\d+(?:\.\d+)?")
_CODE = re.compile(r"\d+[a-z]+(?![a-z])")  # 6S管理, 5G: a figure and letters, in the lower-case search form
_LATIN = re.compile(r"[a-z]{2,}|(?<![a-z])[a-z]型")  # in the search form, which is lower-case; b型
# Two characters before 省/市/县/区/示范区 name a place, even when the segmenter misses it (恒口示范区);
# names_place decides which of them are places.
_PLACE = re.compile(
    r"([\u4e00-\u9fff][^\W\d_全本该各我其此这那每])(?=示范区|[省市县](?![长委民])|区(?![域别]))"
)
# 人社部门 pays nothing the article's 医保部门 pays: a government department by its short name
_GOV_DEPARTMENT = re.compile(
    r"(人社|医保|民政|财政|教育|公安|卫健|市场监管|应急管理|税务|住建|农业农村)(?:部门|局|系统)"
)
# 获得了最佳创意奖: an award the question names; the article's 金奖 is another one
_AWARD = re.compile(r"(?:获得了?|荣获|获评|获|评为|拿到了?)([\u4e00-\u9fff]{2,6}?奖)(?![励金品项])")
_SHORT_CENTRE = re.compile(r"([\u4e00-\u9fff]{2})中心(?!医院|卫生院|组)")  # 党委中心组: a study group
# 戒烟咨询热线, 焦裕禄纪念园: a named line or venue (the article's 心理援助热线 is another); 专人专线 names none
_NAMED_LINE_OR_VENUE = re.compile(
    rf"((?:(?![{FUNCTION_CHARS}到去打])[\u4e00-\u9fff]){{2,6}}?(?:热线|(?<!专人)专线|纪念园|纪念馆|博物馆|展览馆|公园|广场|体育馆))"
)
_GENERIC_CENTRE = frozenset(
    "服务 医疗 诊疗 卫生 健康 区域 管理 指导 救治 活动 研究 合作 控制 质控 培训 国家 省级 市级".split()
)
# a body part's pain: a symptom the article must name as such (头痛 is not its 胸痛)
_SYMPTOM = re.compile(r"[头胸腹背腰颈肩牙胃腿膝眼耳咽喉]痛")
# “法治副校长”: a quoted name or slogan the article must give as such (it has “健康副校长”)
_QUOTED = re.compile(r"[“\"「《]([^”\"」》]{2,20})[”\"」》]")  # and a title: 《三国演义》
# 第一医疗卫生共同体: an ordinal with what it numbers (numbered hospitals are matched in figures.py)
_ANY_ORDINAL = re.compile(
    r"第[一二三四五六七八九十]+(?!附|人民|中心|[届次期批轮个名位例项件家所台天年周月])[\u4e00-\u9fff]{2}"
)
# 多少例远程病理诊断: the counted noun phrase after a question word and its classifier
_COUNTED = re.compile(
    r"(?:多少|几)(?:[个名人件项家张台例次所位间种支座处条批场篇份户辆]|)([\u4e00-\u9fff]{3,8}?)(?:[？?，,。]|$)"
)
_NOUN_POS = ("n", "l", "vn", "j", "t")  # t: 周末门诊 is not 夜间门诊
_UNDER_WAY = frozenset(("正在", "已经", "曾经", "仍在"))
_NAME_POS = frozenset("n nz nr l vn an j b".split())  # not ns, nt: a place or body starts a new name
# 十八盘乡马庄村: a township's village, which the gazetteer does not know (the article's 刘庄村 is another)
_VILLAGE = re.compile(rf"(?<=[乡镇])(?:(?![{FUNCTION_CHARS}各每该本全和或])[\u4e00-\u9fff]){{2,3}}村")
# 重阳节那天: a day the article must name as such (its 5月22日 is another)
_FESTIVAL = re.compile(
    r"春节|元宵节|清明节?|端午节?|七夕节?|中秋节?|重阳节?|国庆节|劳动节|五一|儿童节|六一|教师节|护士节|医师节|"
    r"母亲节|父亲节|妇女节|三八节|元旦|除夕|腊八节?|冬至|植树节|建党节|建军节"
)
# 第四届, 第29个: an edition or rank, which a swapped question changes
_ORDINAL = re.compile(r"第[一二三四五六七八九十百零〇\d]+[届次期批轮个名位家]")
# 中华胃癌MDT联盟, 江西省抗癌协会: a body named with its scope
_ASSOCIATION = frozenset("联盟 协会 学会 基金会".split())
_ASSOCIATION_NAME_POS = _NAME_POS | {"eng", "ns"}  # its name may hold a place (江西省) and letters (MDT)
_SCOPE = frozenset("中华 中国 全国".split())


@lru_cache(maxsize=4096)
def specifics(question_text: str) -> tuple[str, ...]:
    """Names, places, organisations, hospitals, roles, acronyms and numbers a Chinese question names."""
    text = search_form(question_text)
    tags = pos_tagger()(text)
    words = [(w.strip(FUNCTION_CHARS), pos) for w, pos in tags]
    found = [
        w
        for w, pos in words
        if _is_specific(w, pos) or (w not in _GENERIC and w not in NOT_PLACE and is_place(w))
    ]
    found += [m.group(1) for m in _PLACE.finditer(text) if names_place(m.group(1), text[m.end()])]
    found += _ORDINAL.findall(text) + _VILLAGE.findall(text) + _GOV_DEPARTMENT.findall(text)
    found += _FESTIVAL.findall(text)
    named = departments(text) + _AWARD.findall(text)
    # 负责人 ("the person in charge") is how a reader names whoever the article quotes, by any title
    found += [r for r in ROLE.findall(text) if r != "负责人"]
    found += [n for n in named if not set(n) & set("的哪几个什么某那这场")]
    found += [n for n in _NUMBER.findall(text) if len(n) >= 2]
    found += _LATIN.findall(text) + _CODE.findall(text)  # UBE, ECMO: a technique or device by its acronym
    found += hospitals(text, tags) + place_hospitals(text) + place_schools(tags) + unknown_places(tags)
    found += _centres(words) + _short_centres(text) + _associations(words)
    found += _counted_modifiers(text) + _conditions(words) + _rates(words)
    # 用的是哪“三定”的办法 asks what the three are: the article may spell them out without the name
    found += [
        re.sub(r"\s", "", m.group(1))
        for m in _QUOTED.finditer(text)  # “学史爱党 学史爱国”: spacing
        if not text[: m.start()].endswith("哪")
    ]
    found += [n for n in _NAMED_LINE_OR_VENUE.findall(text) if not set(n) & set("哪什么这那")]
    found += [o for o in _ANY_ORDINAL.findall(text) if not set(o) & set("的了和与在是有要就都也会能")]
    # 第几次全国代表大会: what the rank is asked of, which the article may name by its rank (二十大)
    asks_rank = "第几" in text  # (spares building a pattern per word when it cannot match)
    return tuple(
        w for w in dict.fromkeys(found) if not (asks_rank and re.search(f"第几.{{0,2}}{re.escape(w)}", text))
    )


def _centres(words: list[tuple[str, str]]) -> list[str]:
    """A centre the question names by its nouns (国家儿童区域医疗中心): the article's 国家呼吸区域医疗
    中心 is another one. The nouns run back from …中心 to a verb, place or function word."""
    found = []
    for i, (word, _) in enumerate(words):
        following = words[i + 1][0] if i + 1 < len(words) else ""
        if not word.endswith("中心") or following.startswith(("医院", "卫生院")):
            continue
        start = i
        while start > 0 and words[start - 1][1] in _NAME_POS and words[start - 1][0] not in _GENERIC:
            start -= 1
        if start > 0 and words[start - 1][1] == "ns" and not is_place(words[start - 1][0]):
            start -= 1  # a locality, no city (南门客运中心): the article's 城北客运中心 is another one
        if i - start >= 1 and len(name := "".join(w for w, _ in words[start : i + 1])) >= 4:
            found.append(name)
    return found


def _associations(words: list[tuple[str, str]]) -> list[str]:
    """An alliance or society the question names with its scope (中华胃癌MDT联盟, 江西省抗癌协会): the
    article's 中华结直肠癌MDT联盟 is another one. A body without a scope (志愿者协会) names none."""
    found = []
    for i, (word, _) in enumerate(words):
        if word not in _ASSOCIATION:
            continue
        start = i
        while start > 0 and words[start - 1][1] in _ASSOCIATION_NAME_POS and i - start < 5:
            start -= 1
        first = words[start][0]
        if i - start >= 2 and (first in _SCOPE or is_place(first)):
            found.append("".join(w for w, _ in words[start : i + 1]))
    return found


def _short_centres(text: str) -> list[str]:
    """The tagger splits some centres apart (卒|中|中心): the two characters before 中心 still name
    it, unless they are generic (服务中心) or no name (多中心, 给多)."""
    return [
        m.group(0)
        for m in _SHORT_CENTRE.finditer(text)
        if m.group(1) not in _GENERIC_CENTRE
        and not set(m.group(1)) & set(FUNCTION_CHARS + "多个该各本什么哪")
    ]


def _conditions(words: list[tuple[str, str]]) -> list[str]:
    """A disease the question names (糖尿病), or the organ before a generic one (乳腺|肿瘤): the
    article's 甲状腺肿瘤 answers nothing about 乳腺肿瘤 (a bare 病 after 患慢 is no such generic word)."""
    found = []
    for i, (word, pos) in enumerate(words):
        if _SYMPTOM.fullmatch(word) or word in NAMED_CONDITIONS:  # 头痛 is not the article's 胸痛
            found.append(word)
            continue
        if not word.endswith(DISEASE_ENDINGS) or not pos.startswith("n"):
            continue
        if len(word) >= 3:
            found.append(word)
        elif len(word) == 2 and i > 0 and words[i - 1][1].startswith("n") and len(words[i - 1][0]) >= 2:
            found.append(words[i - 1][0])
    return found


def is_condition(word: str) -> bool:
    """Is ``word``, which ``specifics`` found, a condition (青光眼, 糖尿病, 头痛)?"""
    return word in NAMED_CONDITIONS or word.endswith(DISEASE_ENDINGS) or bool(_SYMPTOM.fullmatch(word))


def _rates(words: list[tuple[str, str]]) -> list[str]:
    """The rate a question asks about (回访率, 感染率): the article's 满意率 or 复发率 is another one,
    and its 就诊率 no 首诊率 (``mentions.mentioned`` lets OCR'd columns split it: 化…解率)."""
    found = [w for w, _ in words if w.endswith("率") and len(w) >= 3]
    found += [prev + "率" for (prev, _), (w, _) in itertools.pairwise(words) if w == "率" and len(prev) == 2]
    return found


def _counted_modifiers(text: str) -> list[str]:
    """What distinguishes the counted thing of 多少例远程病理诊断 (远程, 病理): nouns before the head
    noun, when the counted phrase is a plain noun phrase (not 几天就能下床走路)."""
    m = _COUNTED.search(text)
    if not m or m.group(1).startswith("的"):
        return []
    tagged = pos_tagger()(m.group(1))
    modifiers = tagged[:-1]
    if not modifiers or any(not pos.startswith(_NOUN_POS) for _, pos in modifiers):
        return []
    if any(w in _UNDER_WAY for w, _ in modifiers):
        return []  # 多少人正在矿场上班: a clause (jieba tags 正在 a time word), not a noun phrase
    return [w for w, _ in modifiers if len(w) >= 2]


def _is_specific(word: str, pos: str) -> bool:
    if len(word) < 2 or word in _GENERIC:
        return False
    if pos.startswith("nr"):
        return word[0] in COMMON_SURNAMES and len(word) <= 3
    if pos.startswith("ns"):
        return word.endswith(_PLACE_SUFFIX) and word not in NOT_PLACE
    return pos.startswith("nt")
