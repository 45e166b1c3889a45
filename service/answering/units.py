"""The unit a how-many or how-much question asks its figure in: 多少件 wants 件, 多少钱 元, 多久 a
unit of time, 体重是多少 克 or 公斤, 开到了多快 公里; the answerer and the gate look for a figure in it."""

from __future__ import annotations

import re

from service.answering.english_counts import english_unit
from service.answering.yes_no import MEASURE_WORDS

# An attribute noun asks for itself only when the question ends on it (体重是多少, 比例有多高), not
# when it qualifies another noun (刷新了哪个地区的最小体重纪录, 达到一定比例的县)
ASKED = r"(?=\s*(?:[是为有约达占多几仅只]|[？?]|$))"
# 开到了多快, 有多远, 全长是多少, 余震有多大: a measure news gives in figures (asked_unit: its units)
# 多快 alone is how soon (多快作出回应: 1小时内); a speed only for what moves (开到了多快)
_ASKS_SPEED = (
    r"(?:开|跑|驶|飞|车)[^，。？]{0,6}多快|(?:时速|车速|速度)"
    + ASKED
    + r"|\bhow fast\b[^?]*\b(?:driv|travel|going|moving|flying|running)"
)


def _not_after(nouns: str) -> str:
    """Lookbehinds refusing a measure word right after one of ``nouns`` or after it and 有."""
    words = nouns.split()
    return f"(?<!{'|'.join(words)})(?<!{'|'.join(w + '有' for w in words)})"


# 水平有多高, 影响有多深: no measure in metres
_ABSTRACT = _not_after("水平 要求 标准 评价 价值 效率 风险 程度 影响 意义 热情 期望 难度 门槛")
_ASKS_LENGTH = (
    r"多远|"
    + _ABSTRACT
    + r"多深|多长(?!时间|时候)|(?:全长|长度|距离|深度)"
    + ASKED
    + r"|\bhow (?:far|deep)\b"
)
_ASKS_HEIGHT = _ABSTRACT + r"多高|(?:高度|身高)" + ASKED + r"|\bhow (?:tall|high)\b"
_ASKS_MAGNITUDE = (
    r"(?:地震|震级|余震|小震)[^。？]{0,30}?"
    + _not_after("损失 影响 范围 规模 危害 伤亡 面积 作用")  # 地震造成的损失有多大
    + r"多大|震级"
    + ASKED
    + r"|\bwhat magnitude\b"
)
# 余震有多大: a magnitude, which news gives in figures (1.9级), never as 三级应急响应 does
ASKS_MAGNITUDE = re.compile(_ASKS_MAGNITUDE, re.I)
MAGNITUDE = re.compile(r"(?<![\d.])\d+(?:\.\d+)?级")
# 孩子多大: a person's age (a 伤口 or 肿瘤 多大 is a size)
_ASKS_PERSONS_AGE = r"(?:孩子|儿子|女儿|宝宝|婴儿|男孩|女孩|老人|患者|病人)(?:今年|现在|当时|目前|才|有)?多大"
ASKS_AGE = (
    r"年龄"
    + ASKED
    + r"|多大年纪|多大岁数|多少岁|几岁|(?:今年|现年|现在|当时|目前)多大|多大了|\bhow old\b|\bage\b|"
    + _ASKS_PERSONS_AGE
)
ASKS_MEASURE = "|".join((_ASKS_SPEED, _ASKS_LENGTH, _ASKS_HEIGHT, _ASKS_MAGNITUDE))
# "the phone number of …", "the number of the … hotline": a number to call (asked_unit: PHONE_UNITS)
EN_PHONE = r"\b(?:phone|telephone|hotline) number\b|\bnumber of the [\w ]*hotline\b"
# "What score did Beijing's health system get": a figure, in points
ASKS_SCORE_EN = r"\bwhat (?:\w+ ){0,3}score\b"


_UNIT = re.compile(r"(?:多少|(?<![那这])几)(" + MEASURE_WORDS + r"|万|分(?!之))")
_MONEY = re.compile(
    r"多少钱|多少资金|多少经费|多少善款|多少现金|\bhow much (money|did .* (invest|spend|cost))", re.I
)


# 第几届 is answered by 第30个 as well: news numbers a recurring event with any of these; 第几家 asks
# a rank among bodies (首家, 第二家)
_ASKS_ORDINAL = re.compile(r"第几[届个次期批轮家所]")
ORDINAL_UNITS = "届|个|次|期|批|轮|家|所"
_DURATION = re.compile(r"多久|多长时间|多少时间|几个?小时")
# 多久 -> 不到一个小时, 40分钟, 3天, 3年; not a bare 月, mostly a date (5月), nor a four-digit year
# (2023年: the answer finder drops those)
_HOW_LONG_EN = re.compile(r"\bhow long\b", re.I)
DURATION_UNITS = "个?多?(?:小时|钟头)|个月|个?季度|分钟|天|周|秒|年"


# 补助能拿多少 and 每月收费多少 ask for an amount of money even without 钱 (多少人 and 多少户 say otherwise)
_MONEY_TOPIC = re.compile(
    r"(?:补助|补贴|奖金|奖励金|费用|经费|资金|金额|总额|投资|投入|成本|造价|[善捐助贷]款|收费|缴费|花费|价格|价钱|价值|总值|产值)[^，。？]{0,6}多少"
    r"|多少[^，。？]{0,4}(?:补助|补贴|奖金)|补多少"
    r"|\b(?:total )?(?:investment|budget|funding|cost)\b",
    re.I,
)
# The asked attribute names the unit of its answer: a weight is in 克/公斤, an age in 岁.
WEIGHT_UNITS = "克|千克|公斤|斤|kg|g"
# a rate or a share is a percentage (化解率达到了多少: 77.3%), not the other figures of its sentence
RATIO_UNITS = "%|％|成|个?百分点"
# a telephone or hotline number is a number of five digits or more (12356, 0379-63892000)
PHONE_UNITS = "phone"
_PHONE = re.compile(r"(?:电话|热线|号码)(?:号码)?(?:是|为)?(?:多少|什么)[？?]?\s*$|" + EN_PHONE, re.I)
# an area is in square metres or mu (面积标准是多少: 不少于10平方米), a time of day on the clock
AREA_UNITS = "平方米|平米|㎡|亩|平方公里|公顷"
CLOCK_UNITS = "点|时|[:：]\\d\\d"
# 过火面积有多大, "how big was the area that burned": a figure in AREA_UNITS
ASKS_AREA = r"面积[^，。？]{0,6}(?:多少|多大|几)|占地多少|\bhow (?:big|large) (?:an area|(?:was|is|were|are) the (?:\w+ )?area)\b"
_ATTRIBUTE_UNITS = [
    (
        re.compile(ASKS_AREA + r"|\b(?:floor|building|total) area\b|\bsquare met(?:re|er)s\b", re.I),
        AREA_UNITS,
    ),
    (re.compile(r"几点|\bwhat time\b(?! of)", re.I), CLOCK_UNITS),
    (re.compile(ASKS_SCORE_EN, re.I), "分"),  # a score is in points: 99.33分
    (re.compile(r"(?:体重|重量)" + ASKED + r"|有多重|\bweigh", re.I), WEIGHT_UNITS),
    (
        re.compile(
            r"(?:(?<![频效])率|比例|占比|比重|百分比)[^，。？]{0,6}(?:多少|多高|多大|几成)|多大比例|(?:多少|什么)比例"
            r"|百分之几|几成(?![年人员为立功])|\bwhat (?:percentage|share|proportion)\b|\bpercent",
            re.I,
        ),
        RATIO_UNITS,
    ),
    (re.compile(_ASKS_SPEED, re.I), "公里|千米|km|码|迈|米/秒|米每秒"),
    (re.compile(_ASKS_LENGTH, re.I), "公里|千米|米|km"),
    (re.compile(_ASKS_HEIGHT, re.I), "米|厘米|层"),
    (ASKS_MAGNITUDE, "级"),
    # 常住人口有多少: people, in 人 or 万 (not the 10件 of a sentence that shares 人口)
    (
        re.compile(r"人口(?:总数|数量|总量)?(?:是|有|为|约|达到?)?(?:多少|几)|多少人口|\bpopulation\b", re.I),
        "人|万|亿",
    ),
    (re.compile(ASKS_AGE, re.I), "岁"),
]


def asked_unit(text: str) -> str | None:
    """The measure word a 多少/几 question asks for (多少件 -> 件; 多少钱 -> 元; 多久 -> any unit
    of time, as a regular-expression alternation), if any."""
    if _MONEY.search(text):
        return "元"
    if _PHONE.search(text):
        return PHONE_UNITS
    if _DURATION.search(text):
        return DURATION_UNITS
    if _ASKS_ORDINAL.search(text):
        return ORDINAL_UNITS
    m = _UNIT.search(text)
    if m:
        return m.group(1)
    if _MONEY_TOPIC.search(text):
        return "元"
    for pattern, units in _ATTRIBUTE_UNITS:
        if pattern.search(text):
            return units
    if _HOW_LONG_EN.search(text):
        return DURATION_UNITS
    return english_unit(text)
