"""Small figures a question states (a month, an ordinal, 一孩, 3个), which a swapped question
changes: the article must state the same figure, in digits or in Chinese numerals.

Numbers of two or more digits are checked as they are written (``specifics.specifics``); these are
the single-digit and spelled-out ones, where the article may write 6月 or 六月, 二孩 or 2孩. An
amount of money is checked with what it paid for: the article may state it for something else.
"""

from __future__ import annotations

import re

from service.answering.words import chinese_only

_DIGITS = "零一二三四五六七八九"
_CN_VALUE = {**{c: i for i, c in enumerate(_DIGITS)}, "两": 2, "〇": 0}
_CN_NUMERAL = "[一二三四五六七八九十两]+"
_MONTH = re.compile(
    r"(?<![\d.])(1[0-2]|[1-9])月|(?<![一二三四五六七八九十])(十[一二]?|[一二三四五六七八九])月"
)
_EN_MONTHS = "january february march april may june july august september october november december".split()
_EN_MONTH = re.compile(r"\b(" + "|".join(_EN_MONTHS) + r")\b", re.I)
_EN_ORDINAL = re.compile(r"\b(\d{1,3})(?:st|nd|rd|th)\b", re.I)
# "the First Affiliated Hospital" is 第一附属医院 or 一附院; "First People's Hospital" 第一人民医院
_EN_ORDINAL_WORDS = "first second third fourth fifth sixth seventh eighth ninth tenth".split()
_EN_HOSPITAL_ORDINAL = re.compile(
    rf"\b({'|'.join(_EN_ORDINAL_WORDS)})\s+(affiliated|people['’]s|central)\b", re.I
)
_EN_HOSPITAL_KIND = {"aff": "附", "peo": "人民", "cen": "中心"}
# "the second batch" is 第二批, "the fifth session" 第五届
_EN_SERIES = {
    "batch": "批",
    "phase": "期",
    "round": "轮",
    "session": "届",
    "edition": "届",
    "term": "届",
    "team": "批|届|支|期",
    "group": "批|届|支|期",
}  # "the second medical team": 第二批医疗队
_EN_SERIES_ORDINAL = re.compile(
    rf"\b({'|'.join(_EN_ORDINAL_WORDS)})\s+(?:[a-z-]+\s+)?({'|'.join(_EN_SERIES)})\b", re.I
)
# 一孩, 三级, 2个: a figure and the one character it qualifies. Not after 哪, 几, 第, 每, 多少 (questions
# and ordinals), nor 一 opening an everyday word (一起, 一直, 一些 are no figures).
_FIGURE = re.compile(rf"(?<![哪几第每少之统唯\d.])({_CN_NUMERAL}|\d+)([\u4e00-\u9fff])")
# 市一级 is "at city level", 上一级 "the level above": no rank
_LEVEL_OF = re.compile(r"[省市州县区镇乡村地)）上下]一级")
_STEP_BY_STEP = re.compile(r"(一[\u4e00-\u9fff])\1")  # 一级一级, 一步一步: "level by level", no figure
_PLAN = re.compile(r"五年(?:规划|计划)")  # a five-year plan (十四五) is no span of five years
# 哪三类 states three, as 哪一年 states no one; so does 哪“三个一”
_WHICH_FEW = re.compile(r'哪["“]?(?=[两二三四五六七八九十])')
_WHICH_MARK = "\ue000"  # stands for the 哪 of 哪三类, where _FIGURE does not look behind
# 一年, 一天 mostly mean "a year", "per day" (but 5年内 against the article's 3年内 is a swap)
_TIME = "年日天周时岁分秒"
_CLASSIFIERS = "个名位人家件次种所"
# the characters after a figure's classifier that say what it counts (三个|医疗健康集团)
_COUNTED_CHARS = 3
_NOT_FIGURE = frozenset(
    "一起 一直 一些 一样 一般 一定 一同 一道 一下 一点 一旦 一致 一体 一切 一方 一生 一线 一次性".split()
)


def cn_numeral(n: int) -> str:
    """0..99 in Chinese numerals (11 -> 十一, 20 -> 二十)."""
    if n < 10:
        return _DIGITS[n]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else _DIGITS[tens]) + "十" + ("" if ones == 0 else _DIGITS[ones])


def numeral_value(text: str) -> int | None:
    """The value of ``6``, ``六``, ``两`` or ``十二`` (None for anything else)."""
    if text.isdigit():
        return int(text)
    if "十" in text:
        tens, _, ones = text.partition("十")
        t = _CN_VALUE.get(tens) if tens else 1
        o = _CN_VALUE.get(ones) if ones else 0
        return None if t is None or o is None else t * 10 + o
    return _CN_VALUE.get(text) if len(text) == 1 else None


def states(value: int, after: str, context: str) -> bool:
    """Does ``context`` write ``value`` followed by ``after``, a regular expression (6月, 六月, 两个;
    批|届 for "the second team")?"""
    forms = {str(value)} | ({cn_numeral(value)} if value < 100 else set()) | ({"两"} if value == 2 else set())
    return any(
        form in context and re.search(f"(?<![\\d.]){re.escape(form)}(?!\\d)\\s*(?:{after})", context)
        for form in forms
    )


def months(text: str) -> list[int]:
    """The months a Chinese question names (6月, 十二月)."""
    found = [numeral_value(digits or cn) for digits, cn in _MONTH.findall(text)]
    return [m for m in found if m is not None and 1 <= m <= 12]


def english_figures(text: str) -> list[tuple[int, str]]:
    """An English question's months and ordinals as the Chinese text writes them: (6, "月") for June,
    (1, "附") for "First Affiliated" (第一附属, 一附院), (35, "") for "35th" (第35个), (14, "") for
    "14th" (十四五)."""
    found = [(_EN_MONTHS.index(m.lower()) + 1, "月") for m in _EN_MONTH.findall(text)]
    # "May" is also a verb; only a month when a day or year is beside it
    may = re.search(r"\bmay\s+\d|\d\s+may\b|\bin\s+may\b", text, re.I)
    found = [(m, u) for m, u in found if m != 5 or may]
    found += [
        (_EN_ORDINAL_WORDS.index(w.lower()) + 1, _EN_HOSPITAL_KIND[k.lower()[:3]])
        for w, k in _EN_HOSPITAL_ORDINAL.findall(text)
    ]
    found += [
        (_EN_ORDINAL_WORDS.index(w.lower()) + 1, _EN_SERIES[k.lower()])
        for w, k in _EN_SERIES_ORDINAL.findall(text)
    ]
    return found + [(int(n), "") for n in _EN_ORDINAL.findall(text)]


_CN_HOSPITAL_ORDINAL = re.compile(r"第([一二三四五六七八九十]+)(附属|人民|中心医院)")
_CN_HOSPITAL_KIND = {"附属": "附", "人民": "人民", "中心医院": "中心"}  # as _EN_HOSPITAL_KIND writes them


def hospital_ordinals(text: str) -> list[tuple[int, str]]:
    """A Chinese question's numbered hospital as ``states`` finds it: (1, "附") for 第一附属医院 (the
    article may write 一附院), (2, "人民") for 第二人民医院."""
    found = [(numeral_value(n), _CN_HOSPITAL_KIND[k]) for n, k in _CN_HOSPITAL_ORDINAL.findall(text)]
    return [(v, k) for v, k in found if v is not None]


def swapped_figures(text: str, context: str) -> list[str]:
    """The figures of a Chinese question (一孩) that ``context`` states only with other values (二孩,
    三孩): the question changed a figure the article gives. A figure the article does not
    mention at all is left to the other checks. A figure the article does state (三个) is still
    swapped when the article gives what it counts only another (两个医疗健康集团 for 三个医疗健康集团)."""
    swapped = []
    text = _PLAN.sub("", _WHICH_FEW.sub(_WHICH_MARK, _LEVEL_OF.sub("", _STEP_BY_STEP.sub("", text))))
    compact = re.sub(r"[\s的]", "", context)  # 100岁以上的患者 counts what 90岁以上患者 does
    for m in _FIGURE.finditer(text):
        numeral, after = m.groups()
        value = numeral_value(numeral)
        if value is None or numeral + after in _NOT_FIGURE or (after == "年" and value >= 1000):
            continue  # a year: _years_outside_answer and the specifics check see those
        if value == 1 and after in _CLASSIFIERS + _TIME:  # 一名患者 is "a patient", 一年 "a year"
            continue
        phrase = after + text[m.end() :].replace("的", "")[:_COUNTED_CHARS]
        which = text[m.start() - 1 : m.start()] == _WHICH_MARK
        if states(value, after, context) or (which and after == "个"):
            # 哪两个“至上”: the article may list the two (人民至上、生命至上) without counting them,
            # and its 四个意识 count something else; only the counted thing with another figure is a swap
            if _counts_otherwise(value, phrase, compact):
                swapped.append(numeral + phrase)
            continue
        head = text[m.end() : m.end() + 1]
        if after == "个" and chinese_only(head) and states(value, head, context):
            continue  # 59个国家: the article's 59国, which drops 个 before a one-character noun
        if _stated_otherwise(value, after, context):
            swapped.append(numeral + after)
    return swapped


def _counts_otherwise(value: int, phrase: str, context: str) -> bool:
    """Does ``context`` give the thing ``phrase`` counts (个医疗健, a classifier and three characters)
    only with other figures than ``value``?"""
    if len(phrase) <= _COUNTED_CHARS or not chinese_only(phrase):
        return False
    return not states(value, phrase, context) and _stated_otherwise(value, phrase, context)


def _stated_otherwise(value: int, after: str, context: str) -> bool:
    """Does ``context`` write another value than ``value`` before ``after``?"""
    others = re.findall(f"(?<![\\d.])({_CN_NUMERAL}|\\d+)(?!\\d){re.escape(after)}", context)
    if after == "年":  # 2020年 is a year, no other number of years than the question's 五年
        others = [o for o in others if not (o.isdigit() and len(o) == 4)]
    return any(numeral_value(o) not in (None, value) for o in others)


# 5420万元建起的智慧医养中心: an amount of money and what it paid for, which a swapped question pairs
# with another of the article's amounts (投资530万元建设智慧医养中心)
_AMOUNT = re.compile(r"(\d+(?:\.\d+)?)\s*(万元|亿元|元)")
_PAID_FOR_REACH = 6  # characters between an amount and what it paid for (建起的, 用于)
_THING_CHARS = range(10, 3, -1)  # the longest name of the article's, down to four characters


def swapped_amounts(text: str, context: str) -> list[str]:
    """The amounts of money a Chinese question pairs with something the article pays only other
    amounts for."""
    compact = re.sub(r"\s", "", context)
    swapped = []
    for m in _AMOUNT.finditer(text):
        thing = _named_after(text[m.end() : m.end() + _PAID_FOR_REACH + max(_THING_CHARS)], compact)
        if not thing:
            continue
        between = f"[^，,。；;]{{0,{_PAID_FOR_REACH}}}?"
        paid = re.findall(rf"(\d+(?:\.\d+)?){m.group(2)}{between}{re.escape(thing)}", compact)
        if paid and all(float(p) != float(m.group(1)) for p in paid):
            swapped.append(m.group(0))
    return swapped


def _named_after(text: str, context: str) -> str | None:
    """The longest run of Chinese in ``text``, starting near its beginning, that ``context`` has."""
    for start in range(_PAID_FOR_REACH + 1):
        for size in _THING_CHARS:
            run = text[start : start + size]
            if len(run) == size and chinese_only(run) and run in context:
                return run
    return None
