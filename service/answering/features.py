"""Does a sentence hold something of the kind the question asks for, that the question lacks?

An answer sentence usually repeats some of the question and adds the answer: a number with the
asked measure word, a date, a person's or organisation's name, a place. A lead sentence that
only restates the headline covers the question just as well but adds nothing of that kind.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from embeddings.keyword import search_form
from service.answering.counts import counts_answering, vague_counts, whole_counts
from service.answering.people import asks_credit, drop_bylines, is_author_line, people_named
from service.answering.pinyin_names import english_names, names_found
from service.answering.place_answers import places_answering
from service.answering.question import ASKS_SCHOOL, ASKS_WHEN_EN, Question
from service.answering.words import pos_tagger, tagged

# a year has four digits: 影响她3年 is a duration, not a date
# a day of the lunar calendar (腊月28, 正月初一, 大年三十, 除夕), which news gives around the new year
_LUNAR_DAY = (
    r"(?:正|腊|冬)月(?:初|廿)?[\d一二三四五六七八九十]{1,2}|大年(?:初[一二三四五六七八九十]|三十)|除夕"
)
_DATE = re.compile(
    r"(?:1[89]|20)\d\d\s*年|\d{1,2}\s*月\s*\d{0,2}\s*日?|[一二三四五六七八九十]+月|" + _LUNAR_DAY
)
# in the search form, which is lower-case: 中华结直肠癌mdt联盟; then the bodies news on other topics
# names (a court, 武汉市中院; a company, a bank, a government)
_ORG_SUFFIX = re.compile(
    r"[\u4e00-\u9fffa-z]{2,12}(?:医院|保健院|中心|卫生院|委员会|卫健委|卫生健康委|大学|学院|团队"
    r"|研究所|基金会|监督所|疾控中心|部门|联盟|协会|学会|[局站所]"
    r"|法院|中院|高院|检察院|公司|银行|集团|政府|研究院)"
)
_ORG_UP_TO_SUFFIX = re.compile(r"[\u4e00-\u9fffa-z]{2,12}?(?:医院|保健院|卫生院)")
_DAY = re.compile(r"\d{1,2}\s*月\s*\d{1,2}\s*日|\d{1,2}\s*日|" + _LUNAR_DAY)
_ASKS_DAY = re.compile(r"哪[一几]?天|几号|几月几日|日期")
# 每周哪几天开诊, 周几: days of the week, which a date (4月18日) is not
_ASKS_WEEKDAY = re.compile(r"周几|星期几|礼拜几|每(?:周|个?星期)[^，。？]{0,4}哪[一几]?天")
_WEEKDAY = re.compile(r"(?:周|星期|礼拜)[一二三四五六日天末]|工作日|双休日")
# 哪一年的会 is answered by a year that heads a name (2025中国研究型医院学会), with no 年 after it
_ASKS_YEAR = re.compile(r"哪一?年|\b(?:which|what) year\b", re.I)
# 哪一年建成, 始建于哪一年: a year of one event, which a sentence naming another (2020年排名) does not give
_EVENTS = "始建|建成|建院|开设|创办|引进|认证|配备|开通|评为|确定为|成为|验收|搬进|投用|落成|挂牌|成立|组建"
# the words news may use for the asked event (建成: 落成, 投入使用)
_EVENT_SAID = {
    "始建": "始建|建于|创建|建院",
    "建院": "建院|始建|建于|创建",
    "建成": "建成|落成|建起|竣工|投用|投入使用|(?<!始)建于",  # 建于1976年, not 始建于
    "投用": "投用|投入使用|建成",
    "开设": "开设|开办|设立",
    "创办": "创办|创刊|开办|创建",
    "评为": "评为|获评|荣获|入选",
    "成立": "成立|挂牌|揭牌|组建",
    "开通": "开通|上线",
    "组建": "组建|成立|挂牌",
}
_YEAR_OF_EVENT = re.compile(rf"哪一?年[^，,？?]{{0,6}}?({_EVENTS})|({_EVENTS})于?哪一?年")
_BARE_YEAR = re.compile(
    r"(?<![\d.])(?:19|20)\d\d(?![\d.%％余多万千百亿元人名位个家件次例台岁张床项所天周月日号份批届])"
)
# 什么时候 and 何时 may be answered by a moment named by an event (自患者入院起, 自开展党史学习教育以来,
# 术前) or by one relative to now (几个月前, 今年以来), not a date
_ASKS_START = re.compile(r"(?:从|自)(?:哪[一几]?天|什么时候|何时|哪[一个]?月)(?:开始|起)")
_STARTS = re.compile(r"起|开始|启动|实施|施行")
_ASKS_UNTIL = re.compile(
    r"(?:坚持|持续|延续|一直|维持|进行)[^，。？]{0,8}(?:到|至)了?(?:什么时候|何时|哪[一几]?天)"
    r"|(?:哪[一几]?天|什么时候|何时)(?:结束|截止)"
)
_UNTIL = re.compile(r"(?:到|至|直到|截至|截止)了?$")
_ENDS = re.compile(r"(?:结束|截止|止)")
_ASKS_WHEN = re.compile(r"什么时候|何时|" + ASKS_WHEN_EN, re.I)
_RELATIVE_TIME = re.compile(
    # a moment named by an event: 自患者入院起, 自开展…以来, 每逢传统节日, 节假日
    r"自[\u4e00-\u9fff]{1,8}?起|自[\u4e00-\u9fff]{2,12}?以来|从[\u4e00-\u9fff]{1,8}?起|每逢[\u4e00-\u9fff]{1,6}"
    r"|[\u4e00-\u9fff]{0,2}节假日|传统节日"
    # one relative to now: 几个月前, 今年以来, the words news dates a story with (近日, 日前, 连日来)
    r"|(?:几|[一二两三四五六七八九十\d]+)个?多?(?:天|周|星期|月|年)(?:前|以来)|今年以来|近年来|前不久|去年|前年"
    r"|近日|日前|近期|本年度|连日来"
    # 如今 only for what has been achieved by now (如今,两地间已建成…), not a story's closing remark
    r"|如今(?=[^。；]*已经?(?:建成|建立|完成|实现|开通|形成|覆盖|成为|达到))"
    # a moment named by another action (完善检查的同时) or by treatment (术前, 出院时)
    r"|[\u4e00-\u9fff]{2,8}?的同时"
    r"|(?:手?术|入院|出院|治疗|就诊|分娩)[前后时]|第一时间"
    # a clause of time: 帮扶期间, 诊疗过程中, 送到病房后, 出院时 before a comma (not
    # 然后, 最后, 同时, 平时, 有时, which set no moment)
    r"|[\u4e00-\u9fff]{2,8}?(?:期间|过程中|之际|之后|以后)"
    r"|[\u4e00-\u9fff]{2,8}(?:(?<![然最])后|(?<![同平有随])时)(?=[,，])"
)
DISEASE_ENDINGS = ("病", "癌", "症", "瘤", "炎", "结节")
# conditions named otherwise (the tagger may call them anything: 青光眼/nr, 中风/ns)
NAMED_CONDITIONS = frozenset(
    "青光眼 白内障 近视 弱视 哮喘 痛风 中风 癫痫 贫血 痴呆 心梗 脑梗 房颤 骨折".split()
)
_DISEASE_ANSWER_ENDINGS = (
    *DISEASE_ENDINGS,
    "梗死",
    "梗塞",
    "心梗",
    "脑梗",
    "骨折",
    "中风",
    "夹层",
    "综合征",
    "窒息",
    "气胸",
)
_NO_DISEASE = frozenset(
    "疾病 病症 重症 急症 危重症 急危重症 炎症 并发症 后遗症 适应症 病种 大病 慢病 慢性病 常见病 多发病 传染病 疑难病 疑难杂症".split()
)
# a why-question's answer gives a cause or a purpose (来源于 gives a source: 图片来源于网络)
_CAUSE = re.compile(
    r"因为|由于|为了|为确保|为保障|为进一步|为更好|导致|原因|以便|鉴于|(?<!来)源于|得益于|是因"
)
# 另一家医院, 牵头医院, 上级医院: a role or a rank, no hospital's name; nor do 12个镇卫生院, a bare 卫生院
_UNNAMED_ORG = re.compile(
    r"另|某|该|本|这|那|[一两几多]家|[一两几多]所|牵头|定点|上级|下级|基层|各级|[一二三]级|县级|乡镇|^个"
    r"|^(?:医院|卫生院|保健院|中心)$"
)
_ASKS_SCHOOL = re.compile(ASKS_SCHOOL)
_SCHOOL = re.compile(r"[\u4e00-\u9fff]{2,8}?(?:大学|学院|学校|院校)")
_ASKS_HOSPITAL = re.compile(r"哪[家个所]医院|which hospital", re.I)
_DEPARTMENT_WORD = re.compile(r"(.+科)(?:室|主任|医生|医师|护士长?)?$")
# a hospital's 科室 is a clinical unit: a 科, a 室 or a 中心; and a 科 listed after another
# (心内科、血管介入外科、心胸外科), which the tagger splits apart
_ASKS_CLINIC = re.compile(r"(?:哪个?|什么)科室")
_CLINICS = ("科", "室", "中心")
_LISTED_DEPARTMENT = re.compile(r"(?<=、)[\u4e00-\u9fff]{1,8}?科(?=[、，,。等和及与])")
# any other department (a 科室 is asked by _ASKS_CLINIC, which comes first)
_ASKS_DEPARTMENT = re.compile(r"哪个?部门|\bwhich department\b")
_NO_DEPARTMENT = frozenset("学科 本科 专科 工科 理科 文科 百科 分科 预科".split())
# 哪家药厂生产的: a maker, which a hospital selling the product is not
_ASKS_MAKER = re.compile(r"哪[家个](?:药厂|厂家|厂商|企业|公司|药企)|哪[家个][^，。？]{0,6}(?:生产|制造)")
_MAKER = re.compile(r"[\u4e00-\u9fff]{2,10}?(?:制药厂|药厂|制药|药业|公司|集团|厂)")
# a unit named after its hospital (北京安贞医院心脏外科中心): the answer to 哪个部门 (specifics.py's
# _DEPARTMENT, a 科 only, is what a question names)
_HOSPITAL_UNIT = re.compile(r"(?:医院|卫生院|保健院)([\u4e00-\u9fff]{2,8}?(?:科|中心|部|处|室))")
_DYNASTY = re.compile(r"[夏商周秦汉晋隋唐宋元明清][朝代]|春秋|战国|三国|南北朝|五代")


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


def vague_count(question: Question, sentence: str) -> bool:
    """Does ``sentence`` give the asked count without a figure (多种疾病 for 几种病, 所有区县 for 多少个区县)?"""
    if question.answer_type != "number":
        return False
    q, s = search_form(question.text), drop_bylines(question, search_form(sentence))
    return bool(vague_counts(question, q, s) or whole_counts(question, q, s))


def _dates(question: Question, q: str, s: str) -> list[str]:
    if "朝代" in q:  # 哪个朝代: 秦朝, 汉代, 春秋
        return _DYNASTY.findall(s)
    if _ASKS_YEAR.search(q):
        event = _YEAR_OF_EVENT.search(q)  # 哪一年建成的: a year the sentence says it was built
        verb = event and (event.group(1) or event.group(2))
        if verb and not re.search(_EVENT_SAID.get(verb, verb), s):
            return []
        return _BARE_YEAR.findall(s)
    if _ASKS_WEEKDAY.search(q):
        return _WEEKDAY.findall(s)
    dates = list((_DAY if _ASKS_DAY.search(q) else _DATE).finditer(s))
    if _ASKS_UNTIL.search(q):  # 一直坚持到了什么时候: 延续到了10月下旬 (or 12月18日结束), not when it began
        return [m.group(0) for m in dates if _ends_there(s, m)]
    if _ASKS_START.search(q):  # 从哪天起停业: 自3月31日起, not the day the notice came (3月23日收到通知)
        dates = [m for m in dates if _STARTS.search(s, m.end())]
    found = [m.group(0) for m in dates]
    if _ASKS_WHEN.search(q):  # 什么时候开始评估: 自患者入院起 is a time, as is 每逢传统节日
        found += _RELATIVE_TIME.findall(s)
    return found


def _ends_there(s: str, date: re.Match[str]) -> bool:
    return bool(_UNTIL.search(s[max(date.start() - 4, 0) : date.start()]) or _ENDS.match(s, date.end()))


def _orgs(question: Question, q: str, s: str) -> list[str]:
    if _ASKS_SCHOOL.search(q):  # 哪所高校: a university or college, not the 党校 that runs a class
        return [school[-8:] for school in _SCHOOL.findall(s)]  # 南昌医学院, inside 南昌医学院第二附属医院
    # and up to each suffix inside a longer name: 市人民医院 of 市人民医院影像中心
    found = tagged(s, ("nt",)) + _ORG_SUFFIX.findall(s) + _ORG_UP_TO_SUFFIX.findall(s)
    hospital_names = _hospital_names(question.text) if question.lang == "en" else []
    if hospital_names:  # "Jingdezhen Maternal and Child Health Hospital" asked about is no answer
        found = [o for o in found if not names_found(hospital_names, o)]
    # the regex takes up to 12 characters before the suffix; compare the name's last six
    orgs = [o[-6:] for o in found]
    orgs = [o for o in orgs if not _UNNAMED_ORG.search(o)]  # 另一家医院 names no hospital
    if _ASKS_HOSPITAL.search(q):  # 哪家医院的团队: a hospital, not the team
        orgs = [o for o in orgs if o.endswith("院")]
    if _ASKS_MAKER.search(q):
        return _MAKER.findall(s)
    if _ASKS_CLINIC.search(q):  # 哪个科室的医生: 心内科, 导管室, 胸痛中心; not 门诊部 nor the hospital
        units = _HOSPITAL_UNIT.findall(s) + _LISTED_DEPARTMENT.findall(s) + orgs
        return [u for u in units if u.endswith(_CLINICS)] + _departments(s)
    if _ASKS_DEPARTMENT.search(q):  # 属于安贞医院的哪个部门: 心脏外科中心, not 手术团队
        orgs = [o for o in orgs if not o.endswith("团队")] + _HOSPITAL_UNIT.findall(s) + _departments(s)
    return orgs


def _departments(s: str) -> list[str]:
    """A hospital's departments (骨科, 急诊科, 内科 of 内科主任), not a field of study (学科, 本科)."""
    found = (_DEPARTMENT_WORD.match(w) for w, _ in pos_tagger()(s))
    return [m.group(1) for m in found if m and m.group(1)[-2:] not in _NO_DEPARTMENT]


def _hospital_names(text: str) -> list[str]:
    """The pinyin names an English question gives a hospital ("Jingdezhen Maternal and Child Health
    Hospital"), not those of a city (Jiaozuo's competition)."""
    return [
        n
        for n in english_names(text)
        if re.search(rf"\b{n}(?:\s+(?:[A-Z][\w'’]*|and|of))*\s+Hospital\b", text, re.I)
    ]


def _reasons(question: Question, q: str, s: str) -> list[str]:
    return _CAUSE.findall(s)


def _diseases(question: Question, q: str, s: str) -> list[str]:
    """确诊为什么病 is answered by a disease's name (急性心肌梗死, 肺炎), not by 检查 or 诊断."""
    return [w for w in tagged(s, ("n",)) if w.endswith(_DISEASE_ANSWER_ENDINGS) and w not in _NO_DISEASE]


# characters no medicine's name holds: a verb of buying or taking, a function word, a count
_NOT_IN_DRUG_NAME = "的了是在到买购用和与及或为将把被对从向给由此该这那种些个瓶盒支"
# a medicine is named with its form (明珠明目滴眼液, 连花清瘟胶囊); a bare 滴眼液, or 购买滴眼液, names none
_DRUG = re.compile(
    rf"[^\W\d_{_NOT_IN_DRUG_NAME}]{{2,8}}"
    r"(?:滴眼液|眼药水|胶囊|颗粒|注射液|口服液|冲剂|糖浆|喷雾剂|软膏|片剂|滴丸)"
)


# or by its generic name, whose ending says its class (奥美拉唑, 阿奇霉素, 阿托伐他汀, 硝苯地平)
_GENERIC_DRUG = re.compile(
    rf"[^\W\d_{_NOT_IN_DRUG_NAME}粒片两一二三四五六七八九十]{{1,6}}?"
    r"(?:唑|霉素|西林|沙星|他汀|地平|普利|沙坦|洛尔|替丁|米松|尼松|双胍|匹林)"
    r"|头孢[\u4e00-\u9fff]{1,4}|布洛芬|胰岛素|硝酸甘油"
)


def _drugs(question: Question, q: str, s: str) -> list[str]:
    """什么药 is answered by a medicine's name, which names its form or its class."""
    return _DRUG.findall(s) + _GENERIC_DRUG.findall(s)


_FINDERS: dict[str, Callable[[Question, str, str], list[str]]] = {
    "number": counts_answering,
    "date": _dates,
    "person": people_named,
    "org": _orgs,
    "place": places_answering,
    "reason": _reasons,
    "disease": _diseases,
    "drug": _drugs,
}
