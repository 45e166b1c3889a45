"""Where-questions: the places a sentence names of the kind the question asks for (a province, a
小区 or 街道 by its name, a county the gazetteer knows, an address, where a meeting was held, a venue,
or where something was done), for ``features.new_answer_entity``."""

from __future__ import annotations

import re
from itertools import pairwise

from service.answering.people import STREET
from service.answering.places import is_place, is_province
from service.answering.question import Question
from service.answering.words import first_word, pos_tagger, tagged

# places inside a town or a building: 婚姻登记大厅, 门诊一部大厅, 人民广场
_VENUE = re.compile(
    r"[\u4e00-\u9fff]{2,8}(?:大厅|广场|礼堂|报告厅|会议室|服务站|急救站|卫生站|卫生室|服务中心|活动中心|公园|馆)"
)
_PLACE_KIND = re.compile(r"哪(?:一|几)?[个座条栋家层]?(小区|社区|街道|村|乡|镇|路|街|楼|层)")
# 在平顶山哪个区: a district the gazetteer knows, not 平顶山市 again nor 全区
_ADMIN_KIND = re.compile(r"哪(?:一|几)?个?(县|区|市)(?![域场民长委级])")
_ASKS_PROVINCE = re.compile(r"哪[一个]{0,2}省|什么省|\bwhich province\b", re.I)
_ASKS_VENUE = re.compile(r"(?:在哪[里儿]?|在什么地方|在哪[个座]城市)[^，。？]{0,3}(?:召开|举行|举办|开幕)")
_HELD_AT = re.compile(r"在([^，,。；;]{2,20}?)(?:隆重|顺利|成功)?(?:召开|举行|举办|开幕)")
_ASKS_ADDRESS = re.compile(r"地址|门牌|\baddress\b", re.I)
_ADDRESS = re.compile(r"[\u4e00-\u9fff\d]{1,12}?" + STREET + r"(?:\d+|[一二三四五六七八九十百]+)号")
_NO_PLACE_NAME = ("周边", "附近", "所在", "老旧", "各个", "各", "该", "本", "全", "在", "到", "的")
_RELATIVE_PLACE = re.compile(r"(?<=[在到于])(?:基层|家门口|当地|本地|县域内|省内)")
# 哪里的医疗资源, 哪里的团队: whose, which a scope answers (城乡医疗资源, 全国顶尖团队)
_ASKS_WHOSE = re.compile(r"哪里的")
_SCOPE = re.compile(r"城乡|农村|乡村|基层|全国|全省|全市|国内|省内")


def places_answering(question: Question, q: str, s: str) -> list[str]:
    """The places in sentence ``s`` (search form) of the kind question ``q`` asks for."""
    if _ASKS_PROVINCE.search(q):  # 景德镇的医院在哪个省: 江西省, not 景德镇市 again
        named = [p for p in tagged(s, ("ns",)) if is_province(p)] + _tagged_places_of_kind(s, "省")
        return [p for p in named if p.removesuffix("省") not in q]
    kind = _PLACE_KIND.search(q)
    if kind:  # 哪个小区 is answered by a 小区's name, not by the city around it
        return [
            m.group(0)
            for m in re.finditer(f"[\u4e00-\u9fff]{{2,6}}?{kind.group(1)}", s)
            if not m.group(0).startswith(_NO_PLACE_NAME)
        ]
    admin = _ADMIN_KIND.search(q)
    if admin:
        return _admin_places(s, admin.group(1)) or _tagged_places_of_kind(s, admin.group(1))
    if _ASKS_ADDRESS.search(q):  # an address is a street and a number, not the city it is in
        return _ADDRESS.findall(s)
    if _ASKS_VENUE.search(q):  # where a meeting was held, not its members' cities
        s = "".join(_HELD_AT.findall(s))
    # 把病人留在哪儿: 留在基层 (where, relative to the asker, with no place's name)
    scopes = _SCOPE.findall(s) if _ASKS_WHOSE.search(q) else []
    return tagged(s, ("ns",)) + _VENUE.findall(s) + _RELATIVE_PLACE.findall(s) + scopes + _slot_places(q, s)


# 跑到哪里去买: the place news puts between 到 and the same verb (奔波到市里购买), named or not
_VISITED_WHERE = re.compile(r"(参观|走访|考察|前往|来到|去到)了?(?:哪里|哪儿|什么地方|哪些地方)")
_WHERE_SLOT = re.compile(r"(?:到|在|去|往|赴)(?:哪里|哪儿|什么地方)去?")
# 往哪里靠拢, 推向哪里: the direction news gives after 向, a place or not (向党组织靠拢, 向纵深发展)
_TOWARDS_WHERE = re.compile(r"(?:往|向|朝)(?:哪里|哪儿|什么地方|何处)")
_ONWARD = "发展|迈进|推进|延伸|拓展|转变"  # the verbs of a direction when the question gives none


def _slot_places(q: str, s: str) -> list[str]:
    visited = _VISITED_WHERE.search(q)
    if visited:  # 去参观了什么地方: 实地参观红色基地
        return re.findall(f"{visited.group(1)}了?([\u4e00-\u9fff]{{2,8}})", s)
    towards = _TOWARDS_WHERE.search(q)
    if towards:  # 往哪里靠拢: 向党组织靠拢; 推向哪里: 向纵深发展
        verb = _verb_starting(q[towards.end() :])
        onward = re.escape(verb[-1]) if verb else _ONWARD
        found = re.findall(f"(?:向|往|朝)([\u4e00-\u9fff]{{2,8}}?)(?:{onward})", s)
        if found:
            return found
    m = _WHERE_SLOT.search(q)
    verb = _verb_starting(q[m.end() :]) if m else None
    if not verb:
        return []
    return re.findall(
        f"(?:到|在|去|往|赴|于)([\u4e00-\u9fff]{{2,8}}?)(?:去|来)?[\u4e00-\u9fff]?{re.escape(verb[-1])}", s
    )


def _verb_starting(text: str) -> str | None:
    """The verb ``text`` starts with, if it starts with one (no text gives no word)."""
    word, pos = first_word(text)
    return word if pos.startswith("v") else None


def _admin_places(s: str, kind: str) -> list[str]:
    """The gazetteer's places of ``kind`` (县, 区, 市) that ``s`` names, each by its longest name."""
    found = []
    for m in re.finditer(f"[\u4e00-\u9fff]{{1,8}}?{kind}", s):
        name = next((m.group(0)[i:] for i in range(len(m.group(0)) - 1) if is_place(m.group(0)[i:])), None)
        if name:
            found.append(name)
    return found


def _tagged_places_of_kind(s: str, kind: str) -> list[str]:
    """Places of ``kind`` (省, 县, 区) the gazetteer of China's places lacks: a province abroad
    (万丹省, 西爪哇省) or a renamed county (星子县), which the tagger calls a place's or a person's
    name, as one word or followed by ``kind``."""
    words = list(pos_tagger()(s))
    found = []
    for (w, pos), (after, _) in pairwise([*words, ("", "")]):
        if not pos.startswith(("ns", "nr", "nz")):
            continue
        if len(w) >= 3 and w.endswith(kind):
            found.append(w)
        elif after == kind and len(w) >= 2:
            found.append(w + kind)
    return found
