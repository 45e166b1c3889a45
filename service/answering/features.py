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
from service.answering.pinyin_names import english_names, names_found
from service.answering.question import DURATION_UNITS, RATIO_UNITS, Question, english_counted_people

_NUM = r"[\d一二三四五六七八九十百千万亿两几半]+(?:\.\d+)?(?:余|多)?"  # 半 for 每半年
# a year has four digits: 影响她3年 is a duration, not a date
_DATE = re.compile(r"(?:1[89]|20)\d\d\s*年|\d{1,2}\s*月\s*\d{0,2}\s*日?|[一二三四五六七八九十]+月")
_YEAR = re.compile(r"(?:1[89]|20)\d\d年")  # a date, not a duration of 2023 years
# 12月18日~22日, 2023年: the digits of a date are not a count
_DATE_SPAN = re.compile(r"(?:(?:1[89]|20)\d\d\s*年)?\d{1,2}\s*月(?:\s*\d{1,2}\s*日?(?:\s*[~～至到-]\s*\d{1,2}\s*日)?)?"
                        r"|(?:1[89]|20)\d\d\s*年")
_NUMBER = re.compile(r"\d+(?:\.\d+)?\s*(?:%|％)?|[一二三四五六七八九十两]+[个名家件项位所台例次](?!性)")  # not 一次性
_ORG_SUFFIX = re.compile(r"[\u4e00-\u9fff]{2,12}(?:医院|保健院|中心|卫生院|委员会|卫健委|卫生健康委|大学|学院|团队"
                         r"|研究所|基金会|监督所|疾控中心|部门|[局站所])")
_NAME_CUE = re.compile(r"(?:院长|主任|书记|医生|教授|专家|负责人|局长|站长|县长|市长|副县长)([\u4e00-\u9fff]{2,3})")
# the head nouns a writer swaps freely: 住院病人 are the article's 住院患者
_HEAD_NOUNS = {"病人": "病人|患者|病患", "患者": "病人|患者|病患", "老人": "老人|老年人", "孩子": "孩子|儿童|幼儿|学生",
               "医生": "医生|医师|医务人员", "医师": "医生|医师|医务人员"}
_JUST_ONE = frozenset(("一名", "一位", "一人"))  # "一位8个孩子的母亲" is not a head count
_PEOPLE = "名|位|人"  # interchangeable measure words for people: 多少位 -> 71人
# classifiers that 个 can replace (not units of measure such as 元, 岁, 小时)
_NOUN_CLASSIFIERS = frozenset("间 家 所 张 台 项 件 支 座 栋 处 条 本 种 类 批 场 篇 份 辆 只 头 棵 颗 枚 部 套".split())
_EVERY = re.compile(r"每(?:个|半)?(?:季度|月|周|年|天|日)")
_DAY = re.compile(r"\d{1,2}\s*月\s*\d{1,2}\s*日|\d{1,2}\s*日")
_ASKS_DAY = re.compile(r"哪[一几]?天|几号|几月几日|日期")
# 哪一年的会 is answered by a year that heads a name (2025中国研究型医院学会), with no 年 after it
_ASKS_YEAR = re.compile(r"哪一?年|\bwhich year\b", re.I)
_BARE_YEAR = re.compile(r"(?<![\d.])(?:19|20)\d\d(?![\d.%％余多万千百亿元人名位个家件次例台岁张床项所天周月日号份批届])")
_BYLINE_LABEL = r"(?:特约记者|记者|通讯员|实习生)"
# Reporters are not answers. A name ends before the next label (记者王明通讯员李华) or punctuation.
_BYLINE = re.compile(
    f"{_BYLINE_LABEL}[\u4e00-\u9fff]{{2,3}}?(?={_BYLINE_LABEL}|[^\u4e00-\u9fff]|$)|{_BYLINE_LABEL}[\u4e00-\u9fff]{{2,3}}"
)
# 那篇稿子的特约记者是谁 asks for a byline, which is then the answer
_ASKS_BYLINE = re.compile(f"({_BYLINE_LABEL})[^，。？]{{0,3}}(?:是谁|叫什么|是哪[位几]|有谁|有哪些|姓名|名字)")
# an article ends with its authors in parentheses: (陈越新 逯玉婷)
_BYLINE_AT_END = re.compile(r"[(（][\u4e00-\u9fff\s、]{2,16}[)）]")
_ROLE = re.compile(r"副?(?:院长|主任|书记|局长|县长|市长|站长|所长|队长|负责人)")
_SURNAMES = frozenset(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟"
    "谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔常汤和"
    # less common, still frequent in bylines and rosters; words that often follow a role
    # (成功, 向记者, 全程, 管理, 党委, 包括, 关心, 解释, 单位) are left out
    "乔路柳欧温岳房蒙鲁葛洪牛殷车樊詹耿申隋柏靳焦翟栾练祝闵闻阎晏苗庞庄颜宁辛倪季屈裴聂卜戚滕鞠"
    "邢凌施姬邝冉储艾伍项祁符匡宫饶柴丛米仇岑栗巩佟谷荣冷沙俞娄桂池蔺毕麦仲邬奚蓝臧茅"
)
_UNIT_KINDS = "科室部队院所站处"
_STREET = "[东西南北中]?(?:路|街|大道|大街|巷)"  # 桂花中路 is a street, though 桂花 is tagged as a name
_BODY_BEFORE_ROLE = re.compile(r"([\u4e00-\u9fff]{3})(?:卫生院|医院|保健院|中心|卫健委|卫生健康委|委员会|局|站|所)$")
# an English question's role, as the Chinese text writes it
_EN_ROLES = [
    (re.compile(r"\bsecretary\b", re.I), "书记"),
    (re.compile(r"\b(?:director|heads?|headed|chief)\b", re.I), "主任|院长|局长|站长|所长|队长|组长|负责人"),
    (re.compile(r"\b(?:president|dean)\b", re.I), "院长"),
    (re.compile(r"\b(?:captain|team leader)\b", re.I), "队长"),
]
DISEASE_ENDINGS = ("病", "癌", "症", "瘤", "炎", "结节")
_DISEASE_ANSWER_ENDINGS = (*DISEASE_ENDINGS, "梗死", "梗塞", "心梗", "脑梗", "骨折", "中风", "夹层", "综合征", "窒息", "气胸")
_NO_DISEASE = frozenset("疾病 病症 重症 急症 危重症 急危重症 炎症 并发症 后遗症 适应症 病种 大病 慢病 慢性病 常见病 多发病 传染病 疑难病 疑难杂症".split())
# a why-question's answer gives a cause or a purpose
_CAUSE = re.compile(r"因为|由于|为了|为确保|为保障|为进一步|为更好|导致|原因|以便|鉴于|源于|得益于|是因")
# 另一家医院, 牵头医院, 上级医院: a role or a rank, no hospital's name
_UNNAMED_ORG = re.compile(r"另|某|该|本|这|那|[一两几多]家|[一两几多]所|牵头|定点|上级|下级|基层|各级|[一二三]级|县级|乡镇")
_ASKS_HOSPITAL = re.compile(r"哪[家个所]医院|which hospital", re.I)
# places inside a town or a building: 婚姻登记大厅, 门诊一部大厅, 人民广场
_VENUE = re.compile(r"[\u4e00-\u9fff]{2,8}(?:大厅|广场|礼堂|报告厅|会议室|服务站|急救站|卫生站|卫生室|服务中心|活动中心|公园|馆)")
_BIG_COUNT = re.compile(r"(?<![一二三四五六七八九十\d])[二三四五六七八九十两]大(?=[\u4e00-\u9fff]{2})")
_PLACE_KIND = re.compile(r"哪(?:一|几)?[个座条栋家]?(小区|社区|街道|村|乡|镇|路|街|楼)")
_ASKS_VENUE = re.compile(r"(?:在哪[里儿]?|在什么地方|在哪[个座]城市)[^，。？]{0,3}(?:召开|举行|举办|开幕)")
_HELD_AT = re.compile(r"在([^，,。；;]{2,20}?)(?:隆重|顺利|成功)?(?:召开|举行|举办|开幕)")
_NO_PLACE_NAME = ("周边", "附近", "所在", "老旧", "各个", "各", "该", "本", "全", "在", "到", "的")
_ENTITY_POS = {"person": ("nr",), "place": ("ns",), "org": ("nt",)}


@lru_cache(maxsize=1)
def pos_tagger() -> Callable[[str], list[tuple[str, str]]]:
    """rjieba's part-of-speech tagger, imported on first use."""
    import rjieba

    return rjieba.tag


def in_order(term: str, text: str, between: str = ".{0,3}") -> bool:
    """``term``'s characters in order in ``text``, ``between`` (a pattern) separating each two: how
    Chinese abbreviates a name (心内科 for 心血管内科, 卫健委 for 卫生健康委)."""
    return re.search(between.join(map(re.escape, term)), text) is not None


def tagged(text: str, prefixes: tuple[str, ...]) -> list[str]:
    return [w for w, pos in pos_tagger()(text) if len(w) >= 2 and pos.startswith(prefixes)]


def new_answer_entity(question: Question, sentence: str) -> bool:
    """True when ``sentence`` has an item of the asked type that the question does not mention."""
    q, s = search_form(question.text), search_form(sentence)
    if not asks_byline(question.text):
        s = _BYLINE.sub("", s)
    if _BYLINE_AT_END.fullmatch(s.strip()):
        return False
    finder = _FINDERS.get(question.answer_type)
    if finder is None:
        return False
    # an English question names its subject in pinyin (Jingdezhen): 景德镇市妇幼保健院 is no new item
    named = english_names(question.text) if question.lang == "en" else []
    return any(item not in q and not (named and names_found(named, item)) for item in finder(question, q, s))


def _numbers(question: Question, q: str, s: str) -> list[str]:
    if question.unit == DURATION_UNITS and re.search("一[次期回]", q):  # 多久…一次 asks how often: 每季度
        return _EVERY.findall(s) + _counts(question, question.unit, s)
    if not question.unit:
        return list(_NUMBER.findall(_DATE_SPAN.sub("", s)))
    if question.unit == RATIO_UNITS:  # 77.3%, 九成, 百分之九十, 一半
        return _counts(question, RATIO_UNITS, s) + re.findall(f"百分之{_NUM}|一半|半数|过半", s)
    units = _PEOPLE if question.unit in _PEOPLE else question.unit
    counted = _counted_noun(q, units)
    head = _HEAD_NOUNS.get(counted[-2:], counted[-2:]) if counted else None
    if head and not re.search(head, s):  # 多少名专职调解员: a count of 调解员, not of 老年人
        return []
    found = [f for f in _counts(question, units, s, near=head) if f not in _JUST_ONE]
    return found + _counted_with_ge(q, units, s)


def _counts(question: Question, units: str, s: str, near: str | None = None) -> list[str]:
    """The counts in ``s`` with one of ``units``; with ``near`` (a pattern of the counted noun), only
    those beside it (住院患者100余人, not 6名医护专家 for a count of 人员)."""
    counts = [m for m in re.finditer(_NUM + "(?:" + units + ")", s) if not _YEAR.match(m.group(0))]
    if "个" in units.split("|"):  # 六大分会场: six of them, with no classifier
        counts += list(_BIG_COUNT.finditer(s))
    nouns = near or (english_counted_people(question.text) if question.lang == "en" else None)
    if nouns:  # "how many specialists": a count beside 专家, not 百余名患者
        counts = [m for m in counts if re.search(nouns, s[max(m.start() - 8, 0) : m.end() + 8])]
    return [m.group(0) for m in counts]


def _counted_with_ge(q: str, units: str, s: str) -> list[str]:
    """多少间工作室 -> 工作室15个: 个 stands in for most classifiers, but only right beside the
    counted noun (2个重点专科 is no count of 床位)."""
    counted = _counted_noun(q, units, shortest=2) if units in _NOUN_CLASSIFIERS else None
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
    if _ASKS_YEAR.search(q):
        return _BARE_YEAR.findall(s)
    pattern = _DAY if _ASKS_DAY.search(q) else _DATE
    return list(pattern.findall(s))


def asks_byline(text: str) -> str | None:
    """The byline label whose name the question asks (那篇稿子的特约记者是谁: 特约记者), if any."""
    m = _ASKS_BYLINE.search(search_form(text))
    return m.group(1) if m else None


def _people(question: Question, q: str, s: str) -> list[str]:
    label = asks_byline(q)
    if label:  # the name after the label: 特约记者叶利民, 记者王平通讯员王雁; run together (王雁张蕊), two
        pattern = f"{label}([\u4e00-\u9fff]{{2,3}}?)(?={_BYLINE_LABEL}|[^\u4e00-\u9fff]|$)|{label}([\u4e00-\u9fff]{{2}})"
        return [a or b for a, b in re.findall(pattern, s)]
    roles = _ROLE.findall(q) or [r for pattern, r in _EN_ROLES if pattern.search(q)]
    if roles:  # 院长是谁: a name next to that role, not any name
        role = "|".join(roles)
        unit = _unit_before_role(q)
        after = [m for m in re.finditer(f"(?:{role})([\u4e00-\u9fff]{{2,3}})", s)
                 if _same_unit(unit, s[max(m.start() - 6, 0) : m.start()]) and _same_body(q, s[: m.start()])]
        beside = [m.group(1) for m in after] + re.findall(f"([\u4e00-\u9fff]{{2,3}})(?:{role})", s)
        # 队长、某医院眼科专家郝少峰: the role, then an apposition that ends in a titled name
        for clause in re.findall(f"(?:{role})、([^，,。；;]{{2,30}})", s):
            beside += _NAME_CUE.findall(clause)
        return [n for n in beside if n[0] in _SURNAMES]
    names = [w for w in tagged(s, ("nr",)) if not re.search(re.escape(w) + _STREET, s)]
    return [w for w in names + _NAME_CUE.findall(s) if w[0] in _SURNAMES]


@lru_cache(maxsize=256)
def _unit_before_role(q: str) -> str | None:
    """Up to three characters naming a unit just before the question's role (急诊医学科主任 -> 医学科,
    肾内科的主任 -> 肾内科)."""
    m = re.search(f"([\u4e00-\u9fff]{{2,3}})的?(?:{_ROLE.pattern})", q)
    unit = m.group(1).split("的")[-1] if m else ""
    if len(unit) == 3 and unit[0] in "院委局站心所":  # 二附院骨科主任: the unit is 骨科
        unit = unit[1:]
    return unit if len(unit) >= 2 else None


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
    key = m.group(1)
    return any(key[i : i + 2] in q for i in range(len(key) - 1))


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
    return orgs


def _hospital_names(text: str) -> list[str]:
    """The pinyin names an English question gives a hospital ("Jingdezhen Maternal and Child Health
    Hospital"), not those of a city (Jiaozuo's competition)."""
    return [n for n in english_names(text)
            if re.search(rf"\b{n}(?:\s+(?:[A-Z][\w'’]*|and|of))*\s+Hospital\b", text, re.I)]


def _places(question: Question, q: str, s: str) -> list[str]:
    kind = _PLACE_KIND.search(q)
    if kind:  # 哪个小区 is answered by a 小区's name, not by the city around it
        return [m.group(0) for m in re.finditer(f"[\u4e00-\u9fff]{{2,6}}?{kind.group(1)}", s)
                if not m.group(0).startswith(_NO_PLACE_NAME)]
    if _ASKS_VENUE.search(q):  # where a meeting was held: where the sentence holds it, not its members' cities
        s = "".join(_HELD_AT.findall(s))
    return tagged(s, ("ns",)) + _VENUE.findall(s)


def _reasons(question: Question, q: str, s: str) -> list[str]:
    return _CAUSE.findall(s)


def _diseases(question: Question, q: str, s: str) -> list[str]:
    """确诊为什么病 is answered by a disease's name (急性心肌梗死, 肺炎), not by 检查 or 诊断."""
    return [w for w in tagged(s, ("n",)) if w.endswith(_DISEASE_ANSWER_ENDINGS) and w not in _NO_DISEASE]


_FINDERS: dict[str, Callable[[Question, str, str], list[str]]] = {
    "number": _numbers, "date": _dates, "person": _people, "org": _orgs, "place": _places, "reason": _reasons,
    "disease": _diseases,
}
