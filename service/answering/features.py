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
from service.answering.ordinals import ranks_answering
from service.answering.people import STREET, asks_credit, drop_bylines, is_author_line, people_named
from service.answering.pinyin_names import english_names, names_found
from service.answering.places import is_province
from service.answering.question import (
    DURATION_UNITS,
    ORDINAL_UNITS,
    PHONE_UNITS,
    RATIO_UNITS,
    Question,
    english_counted_people,
)
from service.answering.words import numbered_slogan, pos_tagger, tagged

_NUM = r"[\d一二三四五六七八九十百千万亿两几半]+(?:\.\d+)?(?:余|多)?"  # 半 for 每半年
# a year has four digits: 影响她3年 is a duration, not a date
_DATE = re.compile(r"(?:1[89]|20)\d\d\s*年|\d{1,2}\s*月\s*\d{0,2}\s*日?|[一二三四五六七八九十]+月")
_YEAR = re.compile(r"(?:1[89]|20)\d\d年")  # a date, not a duration of 2023 years
# 12月18日~22日, 2023年: the digits of a date are not a count
_DATE_SPAN = re.compile(r"(?:(?:1[89]|20)\d\d\s*年)?\d{1,2}\s*月(?:\s*\d{1,2}\s*日?(?:\s*[~～至到-]\s*\d{1,2}\s*日)?)?"
                        r"|(?:1[89]|20)\d\d\s*年")
_NUMBER = re.compile(r"\d+(?:\.\d+)?\s*(?:%|％)?|[一二三四五六七八九十两]+[个名家件项位所台例次](?!性)")  # not 一次性
# in the search form, which is lower-case: 中华结直肠癌mdt联盟
_ORG_SUFFIX = re.compile(r"[\u4e00-\u9fffa-z]{2,12}(?:医院|保健院|中心|卫生院|委员会|卫健委|卫生健康委|大学|学院|团队"
                         r"|研究所|基金会|监督所|疾控中心|部门|联盟|协会|学会|[局站所])")
# the head nouns a writer swaps freely: 住院病人 are the article's 住院患者
_HEAD_NOUNS = {"病人": "病人|患者|病患", "患者": "病人|患者|病患", "老人": "老人|老年人", "孩子": "孩子|儿童|幼儿|学生",
               "医生": "医生|医师|医务人员", "医师": "医生|医师|医务人员"}
_JUST_ONE = frozenset(("一名", "一位", "一人"))  # "一位8个孩子的母亲" is not a head count
_PEOPLE = "名|位|人"  # interchangeable measure words for people: 多少位 -> 71人
# how long something has gone on (多久了), not a bound (压到了多久以内): 多年 answers the first only
_ASKS_ELAPSED = re.compile(r"(?:多久|多长时间|几年|多少年)了")
_LONG_TIME = re.compile(r"多年|数年|多月|数月|几十年|十几年|半辈子|一辈子")
_KINDS = "种|类"  # and for kinds: 几种类型 -> 两类
# classifiers that 个 can replace (not units of measure such as 元, 岁, 小时)
_NOUN_CLASSIFIERS = frozenset("间 家 所 张 台 项 件 支 座 栋 处 条 本 种 类 批 场 篇 份 辆 只 头 棵 颗 枚 部 套".split())
_EVERY = re.compile(r"每(?:个|半)?(?:季度|月|周|年|天|日)|不?定期")
_DAY = re.compile(r"\d{1,2}\s*月\s*\d{1,2}\s*日|\d{1,2}\s*日")
_ASKS_DAY = re.compile(r"哪[一几]?天|几号|几月几日|日期")
# 哪一年的会 is answered by a year that heads a name (2025中国研究型医院学会), with no 年 after it
_ASKS_YEAR = re.compile(r"哪一?年|\bwhich year\b", re.I)
_BARE_YEAR = re.compile(r"(?<![\d.])(?:19|20)\d\d(?![\d.%％余多万千百亿元人名位个家件次例台岁张床项所天周月日号份批届])")
# 什么时候 and 何时 may be answered by a moment named by an event (自患者入院起, 自开展党史学习教育以来,
# 术前) or by one relative to now (几个月前, 今年以来), not a date
_ASKS_WHEN = re.compile(r"什么时候|何时|\bwhen\b", re.I)
_RELATIVE_TIME = re.compile(r"自[\u4e00-\u9fff]{1,8}?起|自[\u4e00-\u9fff]{2,12}?以来|从[\u4e00-\u9fff]{1,8}?起|每逢[\u4e00-\u9fff]{1,6}|[\u4e00-\u9fff]{0,2}节假日|传统节日"
                            r"|(?:几|[一二两三四五六七八九十\d]+)个?多?(?:天|周|星期|月|年)(?:前|以来)|今年以来|近年来|前不久|去年|前年"
                            r"|(?:手?术|入院|出院|治疗|就诊|分娩)[前后时]|第一时间")
DISEASE_ENDINGS = ("病", "癌", "症", "瘤", "炎", "结节")
_DISEASE_ANSWER_ENDINGS = (*DISEASE_ENDINGS, "梗死", "梗塞", "心梗", "脑梗", "骨折", "中风", "夹层", "综合征", "窒息", "气胸")
_NO_DISEASE = frozenset("疾病 病症 重症 急症 危重症 急危重症 炎症 并发症 后遗症 适应症 病种 大病 慢病 慢性病 常见病 多发病 传染病 疑难病 疑难杂症".split())
# a why-question's answer gives a cause or a purpose
_CAUSE = re.compile(r"因为|由于|为了|为确保|为保障|为进一步|为更好|导致|原因|以便|鉴于|源于|得益于|是因")
# 另一家医院, 牵头医院, 上级医院: a role or a rank, no hospital's name
_UNNAMED_ORG = re.compile(r"另|某|该|本|这|那|[一两几多]家|[一两几多]所|牵头|定点|上级|下级|基层|各级|[一二三]级|县级|乡镇")
_ASKS_HOSPITAL = re.compile(r"哪[家个所]医院|which hospital", re.I)
_ASKS_DEPARTMENT = re.compile(r"哪个?(?:部门|科室)")
# a unit named after its hospital (北京安贞医院心脏外科中心): the answer to 哪个部门 (specifics.py's
# _DEPARTMENT, a 科 only, is what a question names)
_HOSPITAL_UNIT = re.compile(r"(?:医院|卫生院|保健院)([\u4e00-\u9fff]{2,8}?(?:科|中心|部|处|室))")
# places inside a town or a building: 婚姻登记大厅, 门诊一部大厅, 人民广场
_VENUE = re.compile(r"[\u4e00-\u9fff]{2,8}(?:大厅|广场|礼堂|报告厅|会议室|服务站|急救站|卫生站|卫生室|服务中心|活动中心|公园|馆)")
_BIG_COUNT = re.compile(r"(?<![一二三四五六七八九十\d])[二三四五六七八九十两]大(?=[\u4e00-\u9fff]{2})")
_PLACE_KIND = re.compile(r"哪(?:一|几)?[个座条栋家]?(小区|社区|街道|村|乡|镇|路|街|楼)")
_ASKS_PROVINCE = re.compile(r"哪[一个]{0,2}省|什么省|\bwhich province\b", re.I)
_ASKS_VENUE = re.compile(r"(?:在哪[里儿]?|在什么地方|在哪[个座]城市)[^，。？]{0,3}(?:召开|举行|举办|开幕)")
_HELD_AT = re.compile(r"在([^，,。；;]{2,20}?)(?:隆重|顺利|成功)?(?:召开|举行|举办|开幕)")
# 多少个县, 几个村: a count of places, which must stand right before that kind of place
# 省一级 is a level, 多少个乡镇卫生院 a count of health centres
_COUNTED_PLACE = re.compile(r"(?:多少|几)个([县市区村镇乡省])(?![长委民级一]|镇?(?:卫生院|医院))")
_ASKS_ADDRESS = re.compile(r"地址|门牌|\baddress\b", re.I)
_ADDRESS = re.compile(r"[\u4e00-\u9fff\d]{1,12}?" + STREET + r"(?:\d+|[一二三四五六七八九十百]+)号")
# a count (12000余剂, 33000多毫升, 60000元) is no telephone number
_PHONE_NUMBER = re.compile(r"(?<!\d)(?:\d{3,4}-\d{7,8}|\d{5,})(?![\d.余多万亿元人名例次件份家台个剂毫克米])")
_NO_PLACE_NAME = ("周边", "附近", "所在", "老旧", "各个", "各", "该", "本", "全", "在", "到", "的")
_RELATIVE_PLACE = re.compile(r"(?<=[在到于])(?:基层|家门口|当地|本地|县域内|省内)")
_DYNASTY = re.compile(r"[夏商周秦汉晋隋唐宋元明清][朝代]|春秋|战国|三国|南北朝|五代")
_BESIDE = 8  # characters either side of a count within which the counted noun stands


def new_answer_entity(question: Question, sentence: str) -> bool:
    """True when ``sentence`` has an item of the asked type that the question does not mention."""
    q, s = search_form(question.text), drop_bylines(question, search_form(sentence))
    if is_author_line(s) and not asks_credit(question.text):
        return False
    finder = _FINDERS.get(question.answer_type)
    if finder is None:
        return False
    # an English question names its subject in pinyin (Jingdezhen): 景德镇市妇幼保健院 is no new item
    named = english_names(question.text) if question.lang == "en" else []
    return any(item not in q and not (named and names_found(named, item)) for item in finder(question, q, s))


def _numbers(question: Question, q: str, s: str) -> list[str]:
    slogan = numbered_slogan(q)
    if slogan:  # “几治融合”: 四治融合, whatever other figures the sentence gives
        return [m.group(0) for m in slogan.finditer(s)]
    ranks = ranks_answering(q, s, congress_only=question.unit == ORDINAL_UNITS)
    if ranks is not None:  # 第几责任人: 第一责任人; 第几次全国代表大会: 二十大
        return ranks
    if question.unit == DURATION_UNITS and re.search("一[次期回]", q):  # 多久…一次 asks how often: 每季度
        return _EVERY.findall(s) + _counts(question, question.unit, s)
    if question.unit == DURATION_UNITS and _ASKS_ELAPSED.search(q):  # 多长时间了: 多年来, with no figure
        return _counts(question, question.unit, s) + _LONG_TIME.findall(s)
    if not question.unit:
        numbers = list(_NUMBER.findall(_DATE_SPAN.sub("", s)))
        head = _head_pattern(_noun_after_how_many(q))  # 多少粉丝: beside 粉丝 (医护人员: 医务人员)
        if not head:
            return numbers
        return [n for n in numbers if (at := s.find(n)) >= 0 and _beside(head, at, at + len(n), s)]
    if question.unit == PHONE_UNITS:
        return _PHONE_NUMBER.findall(s)
    if question.unit == ORDINAL_UNITS:  # 第几届…宣传周: 第30个全国肿瘤防治宣传周; 第几家: 全市首家
        return re.findall(f"第{_NUM}(?:{ORDINAL_UNITS})|首(?:{ORDINAL_UNITS})", s)
    if question.unit == RATIO_UNITS:  # 77.3%, 九成, 百分之九十, 一半
        return _counts(question, RATIO_UNITS, s) + re.findall(f"百分之{_NUM}|一半|半数|过半", s)
    units = _PEOPLE if question.unit in _PEOPLE else _KINDS if question.unit in _KINDS else question.unit
    counted = _counted_noun(q, units)
    head = _head_pattern(counted.rstrip("了过着") if counted else None)  # 老百姓受益了: 受益, not 益了
    if head and not re.search(head, s):  # 多少名专职调解员: a count of 调解员, not of 老年人
        return []
    found = [f for f in _counts(question, units, s, near=head) if f not in _JUST_ONE]
    place = _COUNTED_PLACE.search(q)
    if place:  # 多少个县: 67个县（市、区）, not 10个部门
        found = [f for f in found if re.search(re.escape(f) + f".{{0,2}}{place.group(1)}", s)]
    counted_as = place.group(1) if place else head
    if counted_as:  # 多少个区县开展了: 所有区县均已开展 counts them all
        found += re.findall(f"(?:所有|全部)(?:{counted_as})", s)
    bare = _noun_after_ge(q)
    if bare:  # 几个方面: 实现三方面效果, 10部门联合印发 (news drops the 个 before a noun)
        found += re.findall(f"(?<![第\\d一二三四五六七八九十百])[一二三四五六七八九十两\\d]+{bare}", s)
    return found + _counted_with_ge(q, units, s)


@lru_cache(maxsize=256)  # a property of the question, asked once per candidate sentence
def _noun_after_ge(q: str) -> str | None:
    """The two-character noun a 几个 / 多少个 question counts (几个方面的效果 -> 方面)."""
    m = re.search(r"(?:多少|几)个([\u4e00-\u9fff]{2,4})", q)
    if not m:
        return None
    words = pos_tagger()(m.group(1))
    return words[0][0] if len(words[0][0]) == 2 and words[0][1] == "n" else None


@lru_cache(maxsize=256)  # a property of the question, asked once per candidate sentence
def _noun_after_how_many(q: str) -> str | None:
    """The noun right after a 多少 with no measure word (多少粉丝才能开通 -> 粉丝)."""
    m = re.search(r"多少([\u4e00-\u9fff]{2,4})", q)
    if not m:
        return None
    words = pos_tagger()(m.group(1))
    return words[0][0] if words and len(words[0][0]) >= 2 and words[0][1] in ("n", "nz") else None


def _head_pattern(noun: str | None) -> str | None:
    """A counted noun's head as a pattern of the ways it is said (住院病人: 病人|患者|病患)."""
    return _HEAD_NOUNS.get(noun[-2:], noun[-2:]) if noun else None


def _beside(pattern: str, start: int, end: int, s: str) -> bool:
    """Does ``pattern`` stand within a few characters of ``s[start:end]``?"""
    return re.search(pattern, s[max(start - _BESIDE, 0) : end + _BESIDE]) is not None


def _counts(question: Question, units: str, s: str, near: str | None = None) -> list[str]:
    """The counts in ``s`` with one of ``units``; with ``near`` (a pattern of the counted noun), only
    those beside it (住院患者100余人, not 6名医护专家 for a count of 人员)."""
    counts = [m for m in re.finditer(_NUM + "(?:" + units + ")", s) if not _YEAR.match(m.group(0))]
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
    counted = (_counted_noun(q, units, shortest=2) or _nouns_after_count(q, units, 2)) if classifier else None
    if not counted:
        return []
    head = re.escape(counted[-2:])
    pattern = f"{head}.{{0,6}}?({_NUM}个)|({_NUM}个).{{0,6}}?{head}"
    return [a or b for a, b in re.findall(pattern, s)]


@lru_cache(maxsize=256)
def _counted_noun(q: str, units: str, shortest: int = 3) -> str | None:
    """What a 多少名… question counts, when it names it in ``shortest`` to 6 characters (专职调解员),
    before the end of the clause or a 的 (几家乡镇卫生院的服务能力)."""
    m = re.search(f"(?:多少|几)(?:{units})([\u4e00-\u9fff]{{{shortest},6}}?)([？?，,。的]|$)", q)
    if not m:  # people are seldom paraphrased (老年人 is no 医务人员); institutions often are
        return _nouns_after_count(q, units, shortest) if units == _PEOPLE else None
    if m.group(1).startswith("的"):  # 几年的期限 is a period of years, not a count of 期限
        return None
    if m.group(2) == "的" and not all(pos.startswith("n") for _, pos in pos_tagger()(m.group(1))):
        return None  # 多少件不合时宜的文件: what comes before 的 describes the counted thing
    return m.group(1)


def _dates(question: Question, q: str, s: str) -> list[str]:
    if "朝代" in q:  # 哪个朝代: 秦朝, 汉代, 春秋
        return _DYNASTY.findall(s)
    if _ASKS_YEAR.search(q):
        return _BARE_YEAR.findall(s)
    pattern = _DAY if _ASKS_DAY.search(q) else _DATE
    found = list(pattern.findall(s))
    if _ASKS_WHEN.search(q):  # 什么时候开始评估: 自患者入院起 is a time, as is 每逢传统节日
        found += _RELATIVE_TIME.findall(s)
    return found


def _nouns_after_count(q: str, units: str, shortest: int) -> str | None:
    """The nouns right after 多少名 when a verb follows them (多少名老年人提供了服务 -> 老年人)."""
    m = re.search(f"(?:多少|几)(?:{units})", q)
    if not m:
        return None
    nouns = ""
    for word, pos in pos_tagger()(q[m.end() :]):
        if not pos.startswith("n") or len(nouns + word) > 6:
            break
        nouns += word
    return nouns if len(nouns) >= shortest else None


def _orgs(question: Question, q: str, s: str) -> list[str]:
    found = tagged(s, ("nt",)) + _ORG_SUFFIX.findall(s)
    hospital_names = _hospital_names(question.text) if question.lang == "en" else []
    if hospital_names:  # "Jingdezhen Maternal and Child Health Hospital" asked about is no answer
        found = [o for o in found if not names_found(hospital_names, o)]
    # the regex takes up to 12 characters before the suffix; compare the name's last six
    orgs = [o[-6:] for o in found]
    orgs = [o for o in orgs if not _UNNAMED_ORG.search(o)]  # 另一家医院 names no hospital
    if _ASKS_HOSPITAL.search(q):  # 哪家医院的团队: a hospital, not the team
        orgs = [o for o in orgs if o.endswith("院")]
    if _ASKS_DEPARTMENT.search(q):  # 属于安贞医院的哪个部门: 心脏外科中心, not 手术团队
        orgs = [o for o in orgs if not o.endswith("团队")] + _HOSPITAL_UNIT.findall(s)
    return orgs


def _hospital_names(text: str) -> list[str]:
    """The pinyin names an English question gives a hospital ("Jingdezhen Maternal and Child Health
    Hospital"), not those of a city (Jiaozuo's competition)."""
    return [n for n in english_names(text)
            if re.search(rf"\b{n}(?:\s+(?:[A-Z][\w'’]*|and|of))*\s+Hospital\b", text, re.I)]


def _places(question: Question, q: str, s: str) -> list[str]:
    if _ASKS_PROVINCE.search(q):  # 景德镇的医院在哪个省: 江西省, not 景德镇市 again
        return [p for p in tagged(s, ("ns",)) if is_province(p) and p.removesuffix("省") not in q]
    kind = _PLACE_KIND.search(q)
    if kind:  # 哪个小区 is answered by a 小区's name, not by the city around it
        return [m.group(0) for m in re.finditer(f"[\u4e00-\u9fff]{{2,6}}?{kind.group(1)}", s)
                if not m.group(0).startswith(_NO_PLACE_NAME)]
    if _ASKS_ADDRESS.search(q):  # an address is a street and a number, not the city it is in
        return _ADDRESS.findall(s)
    if _ASKS_VENUE.search(q):  # where a meeting was held: where the sentence holds it, not its members' cities
        s = "".join(_HELD_AT.findall(s))
    # 把病人留在哪儿: 留在基层 (where, relative to the asker, with no place's name)
    return tagged(s, ("ns",)) + _VENUE.findall(s) + _RELATIVE_PLACE.findall(s)


def _reasons(question: Question, q: str, s: str) -> list[str]:
    return _CAUSE.findall(s)


def _diseases(question: Question, q: str, s: str) -> list[str]:
    """确诊为什么病 is answered by a disease's name (急性心肌梗死, 肺炎), not by 检查 or 诊断."""
    return [w for w in tagged(s, ("n",)) if w.endswith(_DISEASE_ANSWER_ENDINGS) and w not in _NO_DISEASE]


_FINDERS: dict[str, Callable[[Question, str, str], list[str]]] = {
    "number": _numbers, "date": _dates, "person": people_named, "org": _orgs, "place": _places, "reason": _reasons,
    "disease": _diseases,
}
