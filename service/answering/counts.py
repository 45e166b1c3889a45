"""Does a sentence give the count a 多少 / 几 question asks for?

A number question names what it counts (多少名专职调解员, 几个方面) and often its measure word
(多少件, 多久, 多少钱): the answer is a figure with that measure word, beside what is counted, and
not the other figures of its sentence (a date's digits, another group's head count).
"""

from __future__ import annotations

import re
from functools import lru_cache

from service.answering.counted import (
    PEOPLE,
    counted_head,
    counted_noun,
    head_pattern,
    noun_after_how_many,
    noun_before_how_much,
    nouns_after_count,
)
from service.answering.durations import durations_beside_words, until_able
from service.answering.english_counts import english_counted_people, english_counted_thing
from service.answering.ordinals import ranks_answering
from service.answering.question import Question
from service.answering.units import (
    ASKS_MAGNITUDE,
    DURATION_UNITS,
    MAGNITUDE,
    ORDINAL_UNITS,
    PHONE_UNITS,
    RATIO_UNITS,
)
from service.answering.words import first_word, numbered_slogan, pos_tagger

_NUM = r"[\d一二三四五六七八九十百千万亿两几半]+(?:\.\d+)?(?:余|多)?"  # 半 for 每半年
# 第一个全国冠军 ranks and 唯一一个 singles out: neither counts (nor does a figure start inside another)
_NOT_ORDINAL = r"(?<![第唯\d一二三四五六七八九十百千万亿两几半])"
_YEAR = re.compile(r"(?:1[89]|20)\d\d年")  # a date, not a duration of 2023 years
# 12月18日~22日, 2023年: the digits of a date are not a count
_DATE_SPAN = re.compile(
    r"(?:(?:1[89]|20)\d\d\s*年)?\d{1,2}\s*月(?:\s*\d{1,2}\s*日?(?:\s*[~～至到-]\s*\d{1,2}\s*日)?)?"
    r"|(?:1[89]|20)\d\d\s*年"
)
_NUMBER = re.compile(
    r"\d+(?:\.\d+)?\s*(?:%|％)?|[一二三四五六七八九十两百千]+[余多]?[个名家件项位所台例次](?!性)"
)  # not 一次性; 百余名 is a count
_JUST_ONE = frozenset(("一名", "一位", "一人"))  # "一位8个孩子的母亲" is not a head count
# how long something has gone on (多久了), not a bound (压到了多久以内): 多年 answers the first only
_ASKS_ELAPSED = re.compile(r"(?:多久|多长时间|几年|多少年)了")
_LONG_TIME = re.compile(r"多年|数年|多月|数月|几十年|十几年|半辈子|一辈子")
_VAGUE_TIME = re.compile(r"长期|长年|很快|不久|短时间内")
_KINDS = "种|类"  # and for kinds: 几种类型 -> 两类
_GRAINS = "颗|粒"  # and for small round things: 几颗车厘子 -> 20粒
_KILOMETRES = "公里|千米|km"  # 几公里长 -> 全长16千米
_KILOGRAMS = "公斤|千克|kg"
# classifiers that 个 can replace (not units of measure such as 元, 岁, 小时)
_NOUN_CLASSIFIERS = frozenset(
    "间 家 所 张 台 项 件 支 座 栋 处 条 本 种 类 批 场 篇 份 辆 只 头 棵 颗 枚 部 套".split()
)
_EVERY = re.compile(r"每(?:个|半)?(?:季度|月|周|年|天|日)|不?定期")
# 隔多久就有人来, 多久…一次: how often, which news may say without a figure (不时有人驻足)
_ASKS_HOW_OFTEN = re.compile(r"隔多[久长]|一[次期回]")
_OFTEN = re.compile(r"不时|时常|经常|常常|随时|天天|频繁")
_BIG_COUNT = re.compile(r"(?<![一二三四五六七八九十\d])[二三四五六七八九十两]大(?=[\u4e00-\u9fff]{2})")
# 多少个县, 几个村: a count of places, which must stand right before that kind of place
# 省一级 is a level, 多少个乡镇卫生院 a count of health centres
_ASKS_WHOLE_LENGTH = re.compile(r"(?:几|多少)(?:公里|千米|米)长|全长|总长|长度")
_LENGTH_SAID = re.compile(r"(?:全长|总长|长度|长|长达|长约)(?:为|是|约|达)?$")
_DISTANCE_TO = re.compile(r"距离?([\u4e00-\u9fff]{2,8}?)(?:有|约|大约)?(?:多少|几)(?:公里|千米|米)")
_COUNTED_PLACE = re.compile(r"(?:多少|几)个([县市区村镇乡省])(?![长委民级一]|镇?(?:卫生院|医院))")
# a count (12000余剂, 33000多毫升, 60000元) is no telephone number
_PHONE_NUMBER = re.compile(r"(?<!\d)(?:\d{3,4}-\d{7,8}|\d{5,})(?![\d.余多万亿元人名例次件份家台个剂毫克米])")
_BESIDE = 8  # characters either side of a count within which the counted noun stands
# 多种, 数百位, 若干个: a count with no figure, of things counted with a measure word
_VAGUE = r"(?<![\d一二三四五六七八九十百千万])(?:多|数[十百千]?|若干)"
# all of the counted things (所有区县, 全院员工, 广大患者, 各项措施), unless the question says it itself
_WHOLE = re.compile(r"所有|全部|全体|全院|广大|各项")
# 打通“最后一公里”, 一站式服务: figures of speech, no distance or count, unless asked (几站式服务)
_FIGURE_OF_SPEECH = re.compile(r"最后一(?:公里|米|步|环)|一站式|一盘棋|一张网|一条龙|一本账")
_QUOTES = re.compile(r"[“”\"‘’']")
# kinds of body news counts under other names (多少家医院: 50家医疗机构), unlike 血站 or 药店
_GENERAL_BODIES = frozenset(("医院", "机构", "单位", "企业", "公司", "门店", "商家"))
# 多少人参加, "how many people attended": a turnout, which the count of people taking part gives
# (33名家庭医生团队成员参加了竞赛)
_ASKS_TURNOUT = re.compile(
    r"(?:多少|几)(?:人|名|位)(?:参加|参会|参赛|参与|出席|到场|报名)|\bhow many people\b[^?]*?"
    r"\b(?:attend(?:ed|s)?|(?:took|take|takes|taking) part|participated|joined)\b",
    re.I,
)
_TURNOUT = re.compile(r"参加|参会|参赛|参与|出席|到场|报名|与会|在线|观看|聆听|共聚")
_TURNOUT_REACH = 16  # characters from the count to the word of taking part
_COUNT_WORDS = frozenset(("个", PEOPLE, _KINDS, "次", "例", "项", "批", "支", "家", "所", "条", "件"))


def counts_answering(question: Question, q: str, s: str) -> list[str]:
    found = _counts_answering(question, q, s)
    if question.lang == "en":
        return durations_beside_words(question.text, s, found) if question.unit == DURATION_UNITS else found
    return until_able(q, s, found)


def _counts_answering(question: Question, q: str, s: str) -> list[str]:
    s = _without_figures_of_speech(q, s)
    counted = english_counted_thing(question.text) if question.lang == "en" else frozenset()
    # "how many millilitres of platelets": 血小板, or its start (门诊 for 门诊室, "clinics")
    if counted and not any(word[:2] in s for word in counted):
        return []
    slogan = numbered_slogan(q)
    if slogan:  # “几治融合”: 四治融合, whatever other figures the sentence gives
        return [m.group(0) for m in slogan.finditer(s)]
    ranks = ranks_answering(q, s, congress_only=question.unit == ORDINAL_UNITS)
    if ranks is not None:  # 第几责任人: 第一责任人; 第几次全国代表大会: 二十大
        return ranks
    if question.unit == DURATION_UNITS and _ASKS_HOW_OFTEN.search(q):
        return _EVERY.findall(s) + _OFTEN.findall(s) + _counts(question, question.unit, s)
    if question.unit == DURATION_UNITS and _ASKS_ELAPSED.search(q):  # 多长时间了: 多年来, with no figure
        return _counts(question, question.unit, s) + _LONG_TIME.findall(s)
    if not question.unit:
        numbers = list(_NUMBER.findall(_DATE_SPAN.sub("", s)))
        # 多少粉丝: beside 粉丝 (医护人员: 医务人员); 高压是多少: beside 高压
        head = head_pattern(noun_after_how_many(q) or noun_before_how_much(q))
        if not head:
            return numbers
        return [n for n in numbers if (at := s.find(n)) >= 0 and _beside(head, at, at + len(n), s)]
    if question.unit == PHONE_UNITS:
        return _PHONE_NUMBER.findall(s)
    if question.unit == ORDINAL_UNITS:  # 第几届…宣传周: 第30个全国肿瘤防治宣传周; 第几家: 全市首家
        return re.findall(f"第{_NUM}(?:{ORDINAL_UNITS})|首(?:{ORDINAL_UNITS})", s)
    if question.unit == "级" and ASKS_MAGNITUDE.search(q):
        return MAGNITUDE.findall(s)
    if question.unit == RATIO_UNITS:  # 77.3%, 九成, 百分之九十, 一半
        return _counts(question, RATIO_UNITS, s) + re.findall(f"百分之{_NUM}|一半|半数|过半", s)
    units = _measure_words(question.unit)
    head = counted_head(counted_noun(q, units) or _counted_kind_of_body(q, units))
    if head and not re.search(head, s):  # 多少名专职调解员: a count of 调解员, not of 老年人
        return []
    found = [f for f in _counts(question, units, s, near=head) if f not in _JUST_ONE]
    if units == PEOPLE and not head and _ASKS_TURNOUT.search(q):  # 多少人参会: 300余人参会, not 1700余名患者
        found = [f for f in found if (at := s.find(f)) >= 0 and _TURNOUT.search(s[at : at + _TURNOUT_REACH])]
    if _ASKS_WHOLE_LENGTH.search(q):  # 有几公里长: 全长16千米, not the 两公里 of markings still to paint
        found = [f for f in found if (at := s.find(f)) >= 0 and _LENGTH_SAID.search(s[max(at - 4, 0) : at])]
    to = _DISTANCE_TO.search(q)
    if to:  # 距离白城市有多少公里: a distance given beside 白城, not those to other cities
        named = to.group(1)[:-1] if to.group(1)[-1] in "市县区镇" else to.group(1)  # 白城 for 白城市
        found = [
            f for f in found if re.search(f"距离?{re.escape(named)}[^，,。；;、]{{0,4}}{re.escape(f)}", s)
        ]
    place = _COUNTED_PLACE.search(q)
    if place:  # 多少个县: 67个县（市、区）, not 10个部门
        found = [f for f in found if re.search(re.escape(f) + f".{{0,2}}{place.group(1)}", s)]
    counted_as = place.group(1) if place else head
    if counted_as:  # 多少个区县开展了: 所有区县均已开展 counts them all
        found += re.findall(f"(?:{_WHOLE.pattern})(?:{counted_as})", s)
    bare = _noun_after_ge(q)
    if bare:  # 几个方面: 实现三方面效果, 10部门联合印发 (news drops the 个 before a noun)
        found += re.findall(f"(?<![第\\d一二三四五六七八九十百])[一二三四五六七八九十两\\d]+{bare}", s)
    return found + _counted_with_ge(q, units, s)


def _without_figures_of_speech(q: str, s: str) -> str:
    """``s`` without its figures of speech (打通“最后一公里”), except one the question asks (几站式,
    打通了“最后”多少公里)."""
    bare = _QUOTES.sub("", q)

    def unless_asked(m: re.Match[str]) -> str:
        return m.group(0) if any(m.group(0).replace("一", how) in bare for how in ("几", "多少")) else ""

    return _FIGURE_OF_SPEECH.sub(unless_asked, s)


def vague_counts(question: Question, q: str, s: str) -> list[str]:
    """Counts ``s`` gives without a figure (多种疾病, 多家医疗机构, 数百位专家) for a Chinese question
    asking how many of a kind counted with a measure word (几种病, 多少家) or of a noun with none
    (多少部门: 多部门), and durations (长期, 很快) for one asking how long. They answer it more
    weakly than a figure: ``ExtractiveGenerator`` prefers a sentence with one."""
    if question.lang != "zh":
        return []
    if not question.unit:  # 联合了多少部门: 联合多部门, the noun right after the vague count
        noun = noun_after_how_many(q)
        return re.findall(f"{_VAGUE}个?{noun}", s) if noun else []
    if question.unit == DURATION_UNITS and not _ASKS_HOW_OFTEN.search(q):  # 多久: 很快, 长期, 多年
        return until_able(q, s, _LONG_TIME.findall(s) + _VAGUE_TIME.findall(s))
    units = _measure_words(question.unit)
    if units not in _COUNT_WORDS:
        return []
    # the counted noun, however short (几种病: 病) or followed (几家医疗机构跟海东结对: 医疗机构)
    head = counted_head(counted_noun(q, units, shortest=1) or nouns_after_count(q, units, 2))
    general = "|个" if units in _NOUN_CLASSIFIERS else ""  # 多少家基金会: 多个基金会
    found = list(re.finditer(f"{_VAGUE}(?:{units}{general})", s))
    if head:
        found = [m for m in found if _beside(head, m.start(), m.end(), s)]
    return [m.group(0) for m in found]


def whole_counts(question: Question, q: str, s: str) -> list[str]:
    """All of what a Chinese how-many question counts, said beside one of its nouns (所有区县 for
    多少个区县, 所有建档立卡贫困户 for 多少建档立卡的贫困户, 二级医疗机构全部实现检查…互认 for 多少家做到
    检查…, 全院员工 for 多少员工, 广大患者 for 多少患者): a count without a figure, like ``vague_counts``'.
    A whole the question itself says (全院干部职工…几心几意) answers nothing."""
    if question.lang != "zh" or question.answer_type != "number" or not re.search("多少|几", q):
        return []
    units = _measure_words(question.unit) if question.unit else None
    if units == PEOPLE or (units and units not in _COUNT_WORDS):  # 多少人, 多少元, 多少岁: no 所有
        return []
    nouns = _question_nouns(q)
    return [
        m.group(0)
        for m in _WHOLE.finditer(s)
        if m.group(0) not in q
        and any(_beside(n, m.start(), m.end(), s) for n in nouns)
        and not _counts_another_noun(q, s[m.end() : m.end() + 4])
    ]


def _counts_another_noun(q: str, after: str) -> bool:
    """Does the whole word count a noun the question does not name (所有墙面 when it asks how many
    办法)? The noun right after it is what it counts."""
    word, pos = first_word(after)
    return pos.startswith("n") and len(word) >= 2 and not re.search(head_pattern(word) or word, q)


@lru_cache(maxsize=256)  # a property of the question, asked once per candidate sentence
def _question_nouns(q: str) -> tuple[str, ...]:
    """The heads of the common nouns a question names (not its places, people or bodies)."""
    words = [
        w
        for w, pos in pos_tagger()(q)
        if len(w) >= 2 and pos.startswith("n") and pos[:2] not in ("ns", "nr", "nt")
    ]
    return tuple(dict.fromkeys(p for w in words if (p := head_pattern(w))))


@lru_cache(maxsize=256)  # a property of the question, asked once per candidate sentence
def _noun_after_ge(q: str) -> str | None:
    """The noun a 几个 / 多少个 question counts (几个方面的效果 -> 方面), or the one character it ends
    on (攻入了几个球 -> 球)."""
    m = re.search(r"(?:多少|几)个([\u4e00-\u9fff]{2,4})", q)
    word, pos = first_word(m.group(1)) if m else ("", "")
    if len(word) == 2 and pos == "n":
        return word
    last = re.search(r"(?:多少|几)个([\u4e00-\u9fff])[？?]?$", q)
    return last.group(1) if last and first_word(last.group(1))[1] == "n" else None


# each measure word of a group -> the whole group (位 -> 名|位|人), built once: counts run per sentence
_MEASURE_GROUP = {
    word: group for group in (PEOPLE, _KINDS, _GRAINS, _KILOMETRES, _KILOGRAMS) for word in group.split("|")
}


def _measure_words(unit: str) -> str:
    """The measure words a count of the asked ``unit`` may use (多少位: 名|位|人; 几种: 种|类; 几颗: 颗|粒;
    几公里: 公里|千米|km)."""
    return _MEASURE_GROUP.get(unit, unit)


def _beside(pattern: str, start: int, end: int, s: str) -> bool:
    """Does ``pattern`` stand within a few characters of ``s[start:end]``?"""
    return re.search(pattern, s[max(start - _BESIDE, 0) : end + _BESIDE]) is not None


def _counts(question: Question, units: str, s: str, near: str | None = None) -> list[str]:
    """The counts in ``s`` with one of ``units``; with ``near`` (a pattern of the counted noun), only
    those beside it (住院患者100余人, not 6名医护专家 for a count of 人员)."""
    counts = [
        m for m in re.finditer(_NOT_ORDINAL + _NUM + "(?:" + units + ")", s) if not _YEAR.match(m.group(0))
    ]
    if "个" in units.split("|"):  # 六大分会场: six of them, with no classifier
        counts += list(_BIG_COUNT.finditer(s))
    nouns = near or (english_counted_people(question.text) if question.lang == "en" else None)
    if nouns:  # "how many specialists": a count beside 专家, not 百余名患者
        counts = [m for m in counts if _beside(nouns, m.start(), m.end(), s)]
    return [m.group(0) for m in counts]


def _counted_with_ge(q: str, units: str, s: str) -> list[str]:
    """多少间工作室 -> 工作室15个: 个 stands in for most classifiers, but only right beside the
    counted noun (2个重点专科 is no count of 床位)."""
    classifier = any(unit in _NOUN_CLASSIFIERS for unit in units.split("|"))
    # 几家镇卫生院已经够得上…: the nouns after the count, when the clause runs on past them
    counted = (counted_noun(q, units, shortest=2) or nouns_after_count(q, units, 2)) if classifier else None
    if not counted:
        return []
    head = re.escape(counted[-2:])
    pattern = f"{head}.{{0,6}}?({_NUM}个)|({_NUM}个).{{0,6}}?{head}"
    return [a or b for a, b in re.findall(pattern, s)]


def _counted_kind_of_body(q: str, units: str) -> str | None:
    """The two-character kind of body a 多少家 question counts (多少家血站), which news seldom
    paraphrases, unlike a hospital or an institution (多少家医院: 50家医疗机构)."""
    noun = counted_noun(q, units, shortest=2) if units == "家" else None
    return noun if noun and len(noun) == 2 and noun not in _GENERAL_BODIES else None
