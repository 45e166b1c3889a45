"""Exclusive alternatives a swapped question changes: 寒假 for the article's 暑假, 端午节 for 中秋节,
县级 for 市级 (qualifying the same thing), 儿科护士长 for 急诊医学科护士长. The article must name the
question's alternative when it names another of the same set.
"""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import pairwise

from service.answering.mentions import without_asides
from service.answering.words import first_word, pos_tagger

# Words that name one of a few exclusive alternatives: a question that swaps one for another
# (寒假 for the article's 暑假, 全职引进 for 柔性引进) asks about something the article does not report.
# Each alternative is a regular expression of the words that name it (春季|春天).
_ALTERNATIVES = (
    ("寒假", "暑假"),
    ("上半年", "下半年"),
    ("上午", "下午", "凌晨", "中午", "晚上|夜里"),
    ("春季|春天", "夏季|夏天", "秋季|秋天", "冬季|冬天"),
    ("全职", "柔性", "兼职"),
    ("线上", "线下"),
    ("金奖", "银奖", "铜奖", "优秀奖", "优胜奖"),
    ("特等奖", "一等奖", "二等奖", "三等奖", "优秀奖"),
    (
        "周一|星期一",
        "周二|星期二",
        "周三|星期三",
        "周四|星期四",
        "周五|星期五",
        "周六|星期六",
        "周日|星期[日天]",
    ),
    ("元旦", "春节", "元宵节", "清明节", "劳动节", "端午节", "儿童节", "七夕", "中秋节", "国庆节", "重阳节"),
    # health days and weeks (世界卫生日, 全国爱眼日, 肿瘤防治宣传周)
    (
        "卫生日",
        "无烟日",
        "爱眼日",
        "爱耳日",
        "爱牙日",
        "糖尿病日",
        "心脏日",
        "高血压日",
        "献血者日",
        "艾滋病日",
        "精神卫生日",
        "结核病日",
        "护士节",
        "医师节",
        "肿瘤防治宣传周",
        "母乳喂养周",
    ),
    ("男性|男子|男孩|男婴|先生", "女性|女子|女孩|女婴|女士"),
    # how often: 每半年 is not the article's 每季度, and 每月 not its 一次性
    ("每天|每日", "每周", "每月|每个月", "每季度", "每半年", "每年", "一次性"),
    ("上转", "下转"),  # which way patients are referred: up to a bigger hospital or down
    ("东门", "南门", "西门", "北门"),  # which of a hospital's gates
    ("东环路", "南环路", "西环路", "北环路"),  # which of a city's ring roads
    ("视力", "听力"),  # what a screening tests
    ("血压", "血糖", "血脂"),  # what is measured at a free clinic
    ("上肢", "下肢"),
    ("左侧", "右侧"),
    ("左眼", "右眼"),  # which limbs, side or eye
)


# Some qualifiers are exclusive, but of one thing only: an article on 市级健康促进创建医院 does not
# report on 县级 ones, nor one on 护士上门服务 on 医生上门服务, though either may name the other
# qualifier elsewhere. Each class is a closed set of qualifiers of the same kind.
_BOUND_QUALIFIERS = (
    "(?:国家|省|市|县|区|州|乡镇?|村)级",  # levels
    "医生|医师|护士|药师|村医",  # who serves
    "孕早中期|孕中晚期|孕早期|孕中期|孕晚期|怀孕期间|孕期|哺乳期|产褥期",  # stages of motherhood
    "医疗|教育|科技|文化|体育|农业|养老",  # sectors (卫生 is close to 医疗, so not one)
    "社区|学校|企业|机关|农村",  # where a service goes
    "高层|中层|基层",  # ranks of staff (中层干部)
    "孕产妇|新生儿|老年人",  # who is treated (危重症新生儿救治)
    "全国|全省|全市|全县|全区",  # how far a first or a rank reaches (全市首家)
    "正高级|副高级|中级|初级",  # grades of professional title (中级职称 is not 副高级职称)
    "东部|西部|南部|北部|中部",  # which part of a place (济宁市东部城区 is not its 西部城区)
)
_QUALIFIED = "([\u4e00-\u9fff]{2,3})"  # the thing qualified: its first characters


def swapped_alternatives(text: str, context: str) -> list[str]:
    """The words of ``text`` from a set of exclusive alternatives that ``context`` lacks while it
    names another of the same set, and the qualifiers it gives a thing (县级医院, 医生上门服务) that
    ``context`` gives it only with another of their class (市级医院, 护士上门服务)."""
    words = [word for options in _alternative_patterns() for word in _swapped_option(options, text, context)]
    words += [q for c in _BOUND_QUALIFIERS for q in _swapped_qualifiers(c, text, context)]
    return words + _swapped_place_levels(text, context) + _swapped_departments(text, context)


@lru_cache(maxsize=1)
def _alternative_patterns() -> tuple[tuple[re.Pattern[str], ...], ...]:
    # compiled once and kept: through re's own cache, which holds 512 patterns, they would be
    # pushed out by the patterns each question builds, and compiled again for every answer
    return tuple(tuple(map(re.compile, options)) for options in _ALTERNATIVES)


def _swapped_option(options: tuple[re.Pattern[str], ...], text: str, context: str) -> list[str]:
    for option in options:
        asked = option.search(text)
        if not asked or option.search(context):
            continue
        if any(other.search(context) for other in options if other is not option):
            return [asked.group(0)]
    return []


def _swapped_qualifiers(qualifiers: str, text: str, context: str) -> list[str]:
    swapped = []
    for word, noun in re.findall(f'({qualifiers})[的“"]?{_QUALIFIED}', text):
        noun = noun.split("的")[0]
        if len(noun) == 3 and noun not in context and len(first_word(noun)[0]) == 2:
            noun = noun[:2]  # 西部城区多大: 城区, not 城区多
        if len(noun) < 2:
            continue
        # the article may drop 级 (河南省重点专科 is 省级, 国家临床重点专科 国家级)
        named = re.findall(f'({qualifiers.replace("级", "级?")})[的“"]?{re.escape(noun)}', context)
        others = {q.rstrip("级") for q in named} - {word.rstrip("级")}
        # or put a few characters between (医生、护士上门服务)
        own_word = re.escape(word).replace("级", "级?")
        own = re.search(f"{own_word}[\u4e00-\u9fff、]{{0,4}}{re.escape(noun)}", context)
        if others and not own:
            swapped.append(f"{word}{noun}")
    return swapped


# a place's last two characters (河南, 洛阳; 龙江 of 黑龙江 is enough), its level and what it qualifies
_PLACE_LEVEL = re.compile(r"([\u4e00-\u9fff]{2})(省|市|县)(?![级长委政])([\u4e00-\u9fff]{4})")


def _swapped_place_levels(text: str, context: str) -> list[str]:
    """A thing the question gives a place of one level (河南省临床医学研究中心) that the article gives only
    a place of another level (洛阳市临床医学(诊疗)研究中心): a provincial centre is not a city's."""
    context = without_asides(context)
    swapped = []
    for place, level, noun in _PLACE_LEVEL.findall(text):
        if f"{place}{level}{noun}" in context or f"{place}{noun}" in context:
            continue
        levels = set(re.findall(f"[\u4e00-\u9fff]{{2,3}}?(省|市|县){re.escape(noun)}", context))
        if levels and level not in levels:
            swapped.append(f"{place}{level}{noun}")
    return swapped


# 儿科护士长: the department a staff title belongs to, which a swapped question changes (the article's
# 急诊医学科护士长)
_STAFF_TITLE = "护士长|副?主任|医生|医师|护士"


def _swapped_departments(text: str, context: str) -> list[str]:
    """A department the question gives a staff title (儿科护士长) that the article gives that title only
    in other departments, sharing none of its characters but 科 (急诊医学科护士长)."""
    words = [w for w, _ in pos_tagger()(text)]
    swapped = []
    for department, title in pairwise(words):
        if len(department) < 2 or not department.endswith("科") or not re.fullmatch(_STAFF_TITLE, title):
            continue
        others = re.findall(f"([\u4e00-\u9fff]{{1,4}})科(?={title})", context)
        own = set(department[:-1])
        if others and not any(own & set(other) for other in others):
            swapped.append(department + title)
    return swapped
