"""Who a sentence names, for a question asking for a person: the holder of the asked role, the
reporter of a byline, or anyone with a common surname; and the bylines that answer nothing else.
"""

from __future__ import annotations

import re
from functools import lru_cache

from embeddings.keyword import search_form
from service.answering.cedict import common_words
from service.answering.pinyin_names import english_names, names_found
from service.answering.question import Question
from service.answering.roles import (
    ASKED_KIN,
    ASKS_NO_OFFICIAL,
    ASKS_TELLER,
    EN_ROLES,
    NAME_CUE,
    OFFICIAL,
    ROLE,
    TELLER,
    role_forms,
)
from service.answering.words import FUNCTION_CHARS, in_order, tagged

# and a page's credits (美术编辑, which the page shortens: 美编周真真)
_BYLINE_LABEL = r"(?:特约记者|记者|通讯员|实习生|美术编辑|美编|责任编辑|责编)"
_LABEL_FORMS = {"美术编辑": "(?:美术编辑|美编)", "责任编辑": "(?:责任编辑|责编)"}
# Reporters are not answers. A name ends before the next label (记者王明通讯员李华) or punctuation;
# 记者从周口市卫生健康委获悉 names where the news came from, no reporter.
_NOT_A_NAME = "(?![从在向对了到获])"
_NAME_ENDING = f"[\u4e00-\u9fff]{{2,3}}?(?={_BYLINE_LABEL}|[^\u4e00-\u9fff]|$)"
_BYLINE = re.compile(f"{_BYLINE_LABEL}{_NOT_A_NAME}(?:{_NAME_ENDING}|[\u4e00-\u9fff]{{2,3}})")


def _names_after(label: str) -> str:
    """A pattern for the name after ``label``: two or three characters up to the next label or
    punctuation (记者王平通讯员王雁), else the two right after it (run together: 王雁张蕊)."""
    return f"{label}{_NOT_A_NAME}(?:({_NAME_ENDING})|([\u4e00-\u9fff]{{2}}))"


_BYLINE_NAME = re.compile(_names_after(_BYLINE_LABEL))
# 那篇稿子的特约记者是谁 asks for a byline, which is then the answer
# or 是本报哪位记者写的; and 署名的是哪几位 asks for whoever the byline names, under any label
_ASKS_BYLINE = re.compile(
    f"({_BYLINE_LABEL})[^，。？]{{0,3}}(?:是谁|叫什么|是哪[一两几]?位|是哪几|有谁|有哪些|姓名|名字)|哪[一两几]?位({_BYLINE_LABEL})"
)
_ASKS_SIGNED = re.compile(r"署名的?(?:作者)?(?:是谁|是哪[一两几]?位|有谁|有哪些|都有谁)")
# an article ends with its authors in parentheses: (陈越新 逯玉婷)
_BYLINE_AT_END = re.compile(r"[(（]([\u4e00-\u9fff\s、]{2,16})[)）]")
# or its authors after a box, under the headline, with no label: □王正勋 侯林峰 赵炜方
_BOXED_AUTHORS = re.compile(r"□(?!.*(?:记者|通讯员|实习生|编辑))\s*((?:[\u4e00-\u9fff]{2,3}\s*){1,5})")
# a photograph's credit (王正勋 侯林峰 王中贺/摄), or the text's and photographs' (晓辉 高鸽 文/图)
_CREDITED = r"([\u4e00-\u9fff\s、]{2,24}?)\s*"
_TEXT_AND_PHOTOS = r"文\s*/\s*图"
_PHOTO_CREDIT = re.compile(_CREDITED + rf"(?:/\s*摄|{_TEXT_AND_PHOTOS})")
_TEXT_CREDIT = re.compile(_CREDITED + _TEXT_AND_PHOTOS)
# 那张现场照片是谁拍摄的 asks for the photograph's credit, 那篇稿件是谁写的 for the text's
_ASKS_PHOTOGRAPHER = re.compile(
    r"(?:照片|图片|配图|摄影|拍摄|拍的)[^，。？]{0,6}(?:是谁|谁|哪位|哪一位|名字|姓名)|谁拍|摄影师|摄影者"
)
_ASKS_AUTHOR = re.compile(
    r"(?:稿件|稿子|报道|文章|文稿)[^，。？]{0,6}(?:是谁写|谁写|作者|执笔|撰写)|作者是谁"
)
COMMON_SURNAMES = frozenset(  # the hundred most common
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟"
    "谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔常汤"
)
_SURNAMES = COMMON_SURNAMES | frozenset(
    "和"
    # less common, still frequent in bylines and rosters; words that often follow a role
    # (成功, 向记者, 全程, 管理, 党委, 包括, 关心, 解释, 单位) are left out
    "乔路柳欧温岳房蒙鲁葛洪牛殷车樊詹耿申隋柏靳焦翟栾练祝闵闻阎晏苗庞庄颜宁辛倪季屈裴聂卜戚滕鞠"
    "邢凌施姬邝冉储艾伍项祁符匡宫饶柴丛米仇岑栗巩佟谷荣冷沙俞娄桂池蔺毕麦仲邬奚蓝臧茅"
    # and of the next two hundred, those that seldom open a word after a role (尤其, 简介, 查看 do)
    # or a foreign place the tagger calls a name (吉布提)
    "游易赖兰章梅涂舒牟费盛童甄曲阳席鲍霍翁甘柯阮辜刁瞿丘古晋苑苟褚廉盖穆燕郎邸冀屠郜郁喻揭窦迟敖"
    "鄢卓虞卞竺冼楚巫桑荆谌胥"
)
_UNIT_KINDS = "科室部队院所站处"
_CJK = re.compile("[\u4e00-\u9fff]")
_BODY_REACH = 12  # characters before a role that name its body (洛阳市孟津区中医院)
_BOOK_TITLE = re.compile(r"《[^》]{1,30}》")
STREET = "(?:路|大街|街|大道|巷|胡同)"
_STREET = "[东西南北中]?" + STREET  # 桂花中路 is a street, though 桂花 is tagged as a name
_BODY_BEFORE_ROLE = re.compile(
    r"([\u4e00-\u9fff]{3})(?:卫生院|医院|保健院|中心|卫健委|卫生健康委|委员会|局|站|所|学校|中学|小学|公司)$"
)
# 刘庄村 and 米纳斯吉拉斯州, tagged as names, are a village and a state; 黄石路 a street
_PLACE_ENDING = re.compile(r"[村庄屯寨]$|(?<=..)(?:[州省市县区]|路|大街|街|大道|巷)$")
# 蒋乔肾病医院: a name that a body's name starts with is a place's, no one who answers (not 李明所在医院)
_BODY_AFTER_NAME = re.compile(
    rf"(?:(?![{FUNCTION_CHARS}到去进住来回赴入出于送转找所])[\u4e00-\u9fff]){{0,2}}"
    r"(?:医院|卫生院|诊所|学校|中学|小学|公司|集团)"
)
# 把…说成…的，是谁: who said it, which a speaker the article leaves unnamed answers (相关负责人表示)
_ASKS_SPEAKER = re.compile(r"(?:说成?|表示|介绍|指出|提出|称)[^。？?]{0,40}是谁|谁(?:说|表示|介绍|指出|提出)")
_TITLE_AFTER_ROLE = "(?:医师|药师|护师|技师)?"  # 主任医师: the role 主任 and a title
_SPEAKS = "介绍|表示|说|指出|告诉|提醒|解释|强调"
# 主任在会上说: words that start no name between a role and a verb of speaking (cf. _NOT_A_NAME)
_NOT_A_SPEAKERS_NAME = "(?![在从向对了到也还就都又再])"
_UNNAMED_SPEAKER = re.compile(r"(?:相关|有关)?负责人(?=表示|介绍|说|称|指出)")


def drop_bylines(question: Question, s: str) -> str:
    """``s`` without its reporters (记者王明通讯员李华), unless the question asks for one of them."""
    return s if asks_byline(question.text) else _BYLINE.sub("", s)


def is_author_line(s: str) -> bool:
    """An article's closing line of authors in parentheses, (陈越新 逯玉婷), its authors after a box
    (□王正勋 侯林峰 赵炜方), or a photograph's credit (王正勋 侯林峰/摄): names that answer nothing."""
    return any(p.fullmatch(s.strip()) for p in (_BYLINE_AT_END, _PHOTO_CREDIT, _BOXED_AUTHORS))


def is_credit_line(s: str) -> bool:
    """A line naming who made the piece: an author line, or a lone byline (美编周真真, 通讯员胡自勇)."""
    return is_author_line(s) or _BYLINE.fullmatch(s.strip()) is not None


@lru_cache(maxsize=256)  # asked once per candidate sentence
def asks_byline(text: str) -> str | None:
    """The byline label whose name the question asks (那篇稿子的特约记者是谁: 特约记者), if any."""
    text = search_form(text)
    m = _ASKS_BYLINE.search(text)
    if m:
        return m.group(1) or m.group(2)
    return _BYLINE_LABEL if _ASKS_SIGNED.search(text) else None


def asks_photographer(text: str) -> bool:
    """Does the question ask who took a photograph (那张现场照片是谁拍摄的)?"""
    return _ASKS_PHOTOGRAPHER.search(search_form(text)) is not None


@lru_cache(maxsize=256)  # asked once per candidate sentence
def asks_credit(text: str) -> bool:
    """Does the question ask for a credit: who took a photograph or wrote the piece (那篇稿件是谁写的,
    文末署名的是谁)?"""
    return asks_photographer(text) or _ASKS_AUTHOR.search(search_form(text)) is not None or _asks_signed(text)


def _asks_signed(text: str) -> bool:
    """署名的是谁, naming no label: the byline's names or the closing credit's answer it."""
    text = search_form(text)
    return _ASKS_SIGNED.search(text) is not None and _ASKS_BYLINE.search(text) is None


def _credited(q: str, s: str) -> list[str]:
    """The names of the credit in ``s`` that the question asks for: a photograph's (…/摄, …文/图)
    or the text's (…文/图, an article's closing (陈越新 逯玉婷))."""
    credits = (_PHOTO_CREDIT,) if asks_photographer(q) else (_TEXT_CREDIT, _BYLINE_AT_END, _BOXED_AUTHORS)
    credit = next((m for p in credits if (m := p.fullmatch(s.strip()))), None)
    return re.split(r"[\s、]+", credit.group(1).strip()) if credit else []


def people_named(question: Question, q: str, s: str) -> list[str]:
    """The people ``s`` names that answer ``q``: the names of a credit (照片是谁拍摄的), the
    name beside the asked role (院长是谁), the byline after the asked label (特约记者是谁), or else
    any name with a common surname."""
    if asks_credit(q):
        credited = _credited(q, s)
        if credited or not _asks_signed(q):
            return credited
        return [a or b for a, b in _BYLINE_NAME.findall(s)]
    label = asks_byline(q)
    if label:  # the name after the label: 特约记者叶利民, 记者王平通讯员王雁
        label = _LABEL_FORMS.get(label, label)  # 美术编辑, or the page's 美编
        return [a or b for a, b in re.findall(_names_after(label), s)]
    roles = ASKED_KIN.findall(q) or ROLE.findall(q) or [r for pattern, r in EN_ROLES if pattern.search(q)]
    if roles:  # 院长是谁: a name next to that role, not any name
        role = "|".join(role_forms(r) for r in roles)
        unit = _unit_before_role(q)
        after = [
            m for m in re.finditer(f"(?:{role})([\u4e00-\u9fff]{{2,3}})", s) if _at_asked_body(m, unit, q, s)
        ]
        beside = [m.group(1) for m in after] + re.findall(f"([\u4e00-\u9fff]{{2,3}})(?:{role})", s)
        # 队长、某医院眼科专家郝少峰: the role, then an apposition that ends in a titled name
        for clause in re.findall(f"(?:{role})、([^，,。；;]{{2,30}})", s):
            beside += NAME_CUE.findall(clause)
        return [n for n in beside if n[0] in _SURNAMES] + _speaking(role, unit, q, s)
    s = _BOOK_TITLE.sub("", s)  # 《我的父亲焦裕禄》 names a work, not someone who answers
    # the tagger's dictionary calls 荣誉 and 顾问 names: a name is no word the dictionary has
    names = [
        w
        for w in tagged(s, ("nr",))
        if not re.search(re.escape(w) + _STREET, s)
        and not _names_a_body(w, s)
        and not _common_word_name(w)
        and not _PLACE_ENDING.search(w)
    ]
    named = [w for w in names + NAME_CUE.findall(s) if w[0] in _SURNAMES]
    if not ASKS_TELLER.search(q):
        named = [w for w in named if not _only_after(TELLER, w, s)]
    if ASKS_NO_OFFICIAL.search(q):
        named = [w for w in named if not _only_after(OFFICIAL, w, s)]
    if named or not _ASKS_SPEAKER.search(q):
        return named
    return _UNNAMED_SPEAKER.findall(s)


def _only_after(titles: re.Pattern[str], name: str, s: str) -> bool:
    """Does ``s`` name ``name`` only right after one of ``titles`` (民警王飞)?"""
    return all(titles.search(s[: m.start()]) for m in re.finditer(re.escape(name), s))


def _speaking(role: str, unit: str | None, q: str, s: str) -> list[str]:
    """The name between the asked role and a verb of speaking (主任医师经屏介绍), whatever its surname:
    news names whom it quotes. A word the dictionary has (院长尤其强调) is none."""
    found = re.finditer(
        f"(?:{role}){_TITLE_AFTER_ROLE}{_NOT_A_SPEAKERS_NAME}([\u4e00-\u9fff]{{2,3}}?)(?:{_SPEAKS})", s
    )
    return [m.group(1) for m in found if _at_asked_body(m, unit, q, s) and m.group(1) not in common_words()]


def _at_asked_body(role: re.Match[str], unit: str | None, q: str, s: str) -> bool:
    """Is the role matched in ``s`` that of the unit and body the question asks about?"""
    return _same_unit(unit, s[max(role.start() - 6, 0) : role.start()]) and _same_body(q, s[: role.start()])


def _names_a_body(name: str, s: str) -> bool:
    return any(_BODY_AFTER_NAME.match(s, m.end()) for m in re.finditer(re.escape(name), s))


_HONORIFICS = ("女士", "先生", "老人", "大爷", "大妈", "阿姨", "师傅", "医生", "护士", "老师", "大夫")


def _common_word_name(word: str) -> bool:
    if word in common_words():
        return True
    return len(word) == 3 and word[1:] in common_words() and not word.endswith(_HONORIFICS)


@lru_cache(maxsize=256)
def _unit_before_role(q: str) -> str | None:
    """Up to three characters naming a unit just before the question's role (急诊医学科主任 -> 医学科,
    肾内科的主任 -> 肾内科)."""
    m = re.search(f"([\u4e00-\u9fff]{{2,3}})的?(?:{ROLE.pattern})", q)
    unit = m.group(1).split("的")[-1] if m else ""
    if len(unit) == 3 and unit[0] in "院委局站心所":  # 二附院骨科主任: the unit is 骨科
        unit = unit[1:]
    return unit if len(unit) >= 2 else None


def _same_unit(named: str | None, before: str) -> bool:
    """急诊医学科主任 is not 妇产科主任, nor 肾内科 心血管内科: when the question names a unit (…科,
    …院) just before the role and the sentence names another unit of the same kind there (in the
    few characters ``before`` the role), the question's must be it or abbreviate it (心内科 for
    心血管内科); a 中心 is no …科. 该院 and 本院 refer back, so they agree with any."""
    if not named or len(before) < 2:
        return True
    named_kind, kind = _sub_unit_kind(named), _sub_unit_kind(before)
    if named_kind and kind and kind != named_kind:  # 伽玛刀中心 is no 肿瘤内科
        return before[: -len(kind)].endswith(tuple("该本我全"))
    if named[-1] not in _UNIT_KINDS or before[-1] != named[-1] or before[-2] in "该本我全":
        return True
    return in_order(named, before)


def _sub_unit_kind(unit: str) -> str | None:
    return next((kind for kind in ("科", "中心") if unit.endswith(kind)), None)


def _same_body(q: str, before: str) -> bool:
    """梅子铺卫生院院长李文文 answers no question about another hospital's 院长: when the sentence
    names a body right before the role, a pair of the characters before its generic ending
    (梅子铺) must be in the question (该院, 本院 and bare 市卫健委 refer back, so they pass)."""
    m = _BODY_BEFORE_ROLE.search(before)
    if not m or set(m.group(1)) & set("该本我其"):
        return True
    if not _CJK.search(q):  # "the president of Mengjin TCM Hospital": 孟津区中医院院长, by its pinyin
        names = english_names(q)
        return not names or bool(names_found(names, before[-_BODY_REACH:]))
    key = m.group(1)
    return any(key[i : i + 2] in q for i in range(len(key) - 1))
