"""What the answer to a question asking no kind of item looks like.

A how, which or what question (怎样, 哪些, 有什么作用) has no number, date or name to look for,
but its answer still has a shape: a list for 哪些, effects for 有什么作用, the verb the question
asks about for 如何, a quoted name for 叫什么名字.
"""

from __future__ import annotations

import re
from functools import lru_cache

from embeddings.keyword import search_form
from service.answering.question import Question
from service.answering.words import FUNCTION_CHARS, first_word, pos_tagger
from service.answering.yes_no import asks_yes_or_no, rarest_asked_word

_ASKS_LIST = re.compile(r"哪些|哪几[个项种类家位]|有什么(?=[\u4e00-\u9fff]{0,4}[？?]?$)")
# "which disciplines", "what kinds of services": several things, which a Chinese answer lists with 、
_ASKS_LIST_EN = re.compile(
    r"\b(?:which|what)(?: (?:kinds?|types?|sorts?) of)?(?: [a-z]+)?"
    r" (?!(?:does|was|is|has|this|its)\b)[a-z]{3,}s\b",
    re.I,
)
_ASKS_TITLE = re.compile(r"叫什么|名字|名称|主题|口号|称号|标语|题目|简称")
_ASKS_TITLE_EN = re.compile(r"\b(?:called|named?|names|theme|title|slogan|motto|headline)\b", re.I)
# a question about a heading itself (小标题说要彰显哪一种“心”, "the section's heading")
_ASKS_HEADING = re.compile(r"标题|(?:\b(?:the|its|a)|'s) (?:sub)?headings?\b", re.I)
# a heading or a title line: short, and not ended as a sentence is
_HEADING_MAX_CHARS = 30
_SENTENCE_END = re.compile(r"[。！？；!?;…”’」』）)\"']$")
_QUOTED_NAME = re.compile(r"[“\"「《][^”\"」》]{2,20}[”\"」》]")
_ASKS_EFFECT = re.compile(r"(?:作用|功效|好处|效果|用途|意义)")
_EFFECT = re.compile(r"作用|功效|好处|效果|有助于|有利于|用于|能够")
# 是哪个层级的: a level (省级"新型婚育文化"实践点)
_ASKS_LEVEL = re.compile(r"哪个?(?:层级|级别)|哪一级|什么级别")
# 三级医院: a hospital's grade; 全省先进: a level said by the scope of an honour (not 全国609家)
_LEVEL = re.compile(r"(?:国家|省|市|县|区|州|[一二三])级|全(?:国|省|市|县)(?=先进|优秀|示范|模范|文明|重点)")
# 多快启动了急救体系: how soon, which news says with an adverb (立即, 第一时间) or a span (30分钟内)
_ASKS_SPEED = re.compile(r"多快|多迅速|多及时")
_SPEED = re.compile(
    r"第一时间|立即|立刻|马上|及时|迅速|随即|当即|当天|当场|[\d一二三四五六七八九十半]+(?:分钟|个?小时)内?"
)
# 在多大范围里算得上权威: a scope (省内, 全市医疗机构, 全院上下), which no place names
_ASKS_SCOPE = re.compile(r"(?:什么|多大|哪个|哪一?级)的?范围")
_SCOPE = re.compile(r"全(?:国|省|市|县|区|院)|(?:国|省|市|县|区|院)内|县域|不出[\u4e00-\u9fff]{1,2}")
# 配得全不全, 什么程度的支持: an extent, which news gives as an adverb or adjective (基本齐备, 全方位的)
_ASKS_EXTENT = re.compile(r"(?:什么|多大|怎样的?)程度|全不全|齐不齐|够不够")
_EXTENT = re.compile(r"全方位|全面|基本|进一步|明显|显著|大幅|充分|极大|高度|初步|完全|日益")
_ASKS_PLAN = re.compile(r"哪个?五年(?:规划|计划)")
_PLAN_NAME = re.compile(r"十[一二三四五六七八九]五")
_ASKS_RANGE = re.compile(r"从哪[^，。？]{0,12}到哪")
_RANGE = re.compile(r"从[^，。；]{1,20}到")
# 把主动脉夹层比作什么: a figure of speech, which a speaker puts in single quotes (拆除这个‘定时炸弹’)
# or news says with 犹如 (double quotes mark slogans and names as often as figures)
_ASKS_LIKENESS = re.compile(r"比作|比喻|比成|喻为|称作|形容[为成]")
_LIKENESS = re.compile(r"‘[^’]{2,8}’|犹如|好比|如同|宛如|仿佛|好似|恰似")
# 打了个比方，说要常抓什么: a figure of speech news quotes after the verb the question keeps (常抓“牛鼻子”,
# 耕好“责任田”), not a quoted name after another verb (聚焦“三重一大”事项)
_ASKS_FIGURE = re.compile(r"打了?个?比方|比方说")
_QUOTED_FIGURE = re.compile(r"([\u4e00-\u9fff])[“\"]([^”\"]{2,5})[”\"]")
# 用哪句话概括, 用了怎样的说法: a saying, which news quotes (“小香囊,大祝福。”, “上热、中温、下凉”)
_ASKS_SAYING = re.compile(r"哪[一几]?句话|什么话|一句话|(?:怎样|什么样?|哪种|哪个)的?(?:说法|提法|表述|字眼)")
_SAYING = re.compile(r"[“\"「][^”\"」]{2,}")
# 哪一项制度: one thing of a kind, which its answer names with the kind (消防应急疏散制度)
_ASKS_WHICH_OF_KIND = re.compile(r"哪一?[项个种条份](?=[\u4e00-\u9fff]{2})")
# 用什么办法普及防癌知识: a means, which news names before 方式 and the question's action (通过发放宣传册、
# 设置展板等方式普及肿瘤防治知识), not a means of another action of the article (等方式,抓好思想教育)
_ASKS_MEANS = re.compile(r"(?:用|通过|以|靠|采取了?|采用了?)什么(?:样的)?(?:办法|方法|方式|途径|手段|形式)")
_MEANS = re.compile(r"(?:通过|采取|采用|以)[^，,。；]{2,40}?(?:方式|办法|方法|途径|手段|形式)")
_SPEED_REACH = 4  # characters after the speed word where the question's verb may start
# 以怎样的节奏推行, 以什么样的劲头去查: the pace or drive of an action, which news gives as an adverb
_ASKS_PACE = re.compile(r"以(?:怎样|什么样|何种)的?(?:节奏|劲头|力度|速度|步伐|姿态|干劲|态度)")
_PACE = re.compile(r"持续|逐步|不断|深入|加快|全力|抓紧|稳步|扎实|大力|积极|坚决|从严|严格")
_PACE_REACH = 7  # characters after the word of pace where the question's action or its object may start
_NO_WORD_CHARS = frozenset(FUNCTION_CHARS + "，,。、；")  # two characters with one of these are no word
_ASKS_HOW = re.compile(r"如何|怎样|怎么(?!办)|通过什么|用什么(?:办法|方法|方式)")


def answer_cue(question: Question, sentence: str) -> bool:
    """For a question asking no kind of item, does the sentence look like its answer? 哪些科室 wants
    a list (伽玛刀中心、影像诊断中心), 有什么作用 a sentence on effects (…等功效), 如何找到 the
    sentence that says how it was found (…发布信息,找到了这位老人), 哪个层级 a level (省级), 以怎样的
    节奏 a word of pace before the action (持续深入实施)."""
    q, s = search_form(question.text), search_form(sentence)
    if asks_only_yes_or_no(question):  # 患者最后康复出院了吗: the sentence saying whether (…,康复出院)
        whether = rarest_asked_word(question.text, question.words)
        return whether is not None and whether in s
    if _ASKS_PACE.search(q):  # 以怎样的节奏推行6S管理: 持续深入实施6S管理, 逐步完善 (no function character)
        return _before_question_pair(_PACE, q, s, _PACE_REACH, words_only=True)
    if (_ASKS_LIST.search(q) or _ASKS_LIST_EN.search(question.text)) and "、" in s:
        return True
    if _ASKS_EFFECT.search(q) and _EFFECT.search(s):
        return True
    if _ASKS_TITLE.search(q) and any(_new_to(q, m.group(0)[1:-1]) for m in _QUOTED_NAME.finditer(s)):
        return True  # 叫什么名字: “健康鹤壁行·名医走基层”, not the title the question names itself
    if _ASKS_LEVEL.search(q) and _LEVEL.search(s):
        return True
    if _ASKS_SPEED.search(q) and _before_question_pair(_SPEED, q, s, _SPEED_REACH):  # 立即启动…急救体系
        return True
    if _ASKS_SCOPE.search(q) and _SCOPE.search(s):
        return True
    if _ASKS_EXTENT.search(q) and _EXTENT.search(s):
        return True
    if _ASKS_PLAN.search(q) and _PLAN_NAME.search(s):  # 哪个五年规划时期: “十四五”期间
        return True
    if _ASKS_RANGE.search(q) and _RANGE.search(s):  # 从哪个阶段管到哪个阶段: 从预防、评估到康复
        return True
    if _ASKS_LIKENESS.search(q) and _LIKENESS.search(s):
        return True
    if _ASKS_FIGURE.search(q) and _quotes_figure(q, s):
        return True
    if _ASKS_SAYING.search(q) and _SAYING.search(s):
        return True
    if _ASKS_MEANS.search(q) and _before_question_pair(_MEANS, q, s, 1):  # …等方式普及, 用什么办法普及
        return True
    kind = _kind_after_which(q)
    if kind and re.search(f"[\u4e00-\u9fff]{{2}}{kind}", s):
        return True
    verb = _verb_after_how(q)
    return verb is not None and verb in s


def _before_question_pair(
    marker: re.Pattern[str], q: str, s: str, starts: int, words_only: bool = False
) -> bool:
    """Does a match of ``marker`` in ``s`` (a speed word, a word of pace, a means) stand right before
    two characters of the question, starting within ``starts`` characters after it? With
    ``words_only``, not two holding a function character."""
    for m in marker.finditer(s):
        for at in range(m.end(), m.end() + starts):
            pair = s[at : at + 2]
            if len(pair) == 2 and pair in q and not (words_only and set(pair) & _NO_WORD_CHARS):
                return True
    return False


def _quotes_figure(q: str, s: str) -> bool:
    """Does ``s`` quote a short term new to the question right after one of its characters (常输“营养液”
    for 经常给输点什么)?"""
    return any(
        m.group(1) in q and m.group(1) not in FUNCTION_CHARS and _new_to(q, m.group(2))
        for m in _QUOTED_FIGURE.finditer(s)
    )


def _new_to(question: str, name: str) -> bool:
    """Does the question lack most of ``name``'s characters (a name it does not already give)?"""
    return sum(ch in question for ch in name) < 0.6 * len(name)


def asks_title(text: str) -> bool:
    """Does the question ask what something is called (叫什么名字, 主题, "what was the theme")?"""
    return bool(_ASKS_TITLE.search(search_form(text)) or _ASKS_TITLE_EN.search(text))


def asks_heading(text: str) -> bool:
    """Does the question ask what a heading says (小标题说要彰显哪一种“心”)? A heading answers it."""
    return _ASKS_HEADING.search(text) is not None


def asks_only_yes_or_no(question: Question) -> bool:
    """Does the question ask only yes or no (骨折后的钢板是不是一定要取出来, 能喝酒吗, "Can people
    with high blood pressure drink coffee?")?"""
    return asks_yes_or_no(question.text, question.lang)


def is_heading(sentence: str) -> bool:
    """Is it a heading (鹤壁市"1+3+4+N"工作模式构建和谐医患关系) rather than a sentence?"""
    text = sentence.strip()
    return len(text) <= _HEADING_MAX_CHARS and not _SENTENCE_END.search(text)


@lru_cache(maxsize=256)
def _kind_after_which(q: str) -> str | None:
    """The two-character noun after 哪一项 / 哪种 (哪一项制度 -> 制度)."""
    m = _ASKS_WHICH_OF_KIND.search(q)
    word, pos = first_word(q[m.end() : m.end() + 4]) if m else ("", "")
    return word if len(word) == 2 and pos == "n" else None


@lru_cache(maxsize=256)
def _verb_after_how(q: str) -> str | None:
    """The first verb after 如何/怎样… (如何找到那位老人 -> 找到), once per question."""
    how = _ASKS_HOW.search(q)
    if how is None:
        return None
    verbs = [w for w, pos in pos_tagger()(q[how.end() :]) if pos.startswith("v") and len(w) >= 2]
    return verbs[0] if verbs else None
