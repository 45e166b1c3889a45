"""Hospitals, departments and schools a Chinese question names by their place (濮阳市人民医院,
医院肾内科, 安康学院): another hospital of the same city is a different subject (``specifics.py``)."""

from __future__ import annotations

import re

from service.answering.places import SCHOOL_AFTER_PLACE, is_place, names_place
from service.answering.words import FUNCTION_CHARS, pos_tagger

_PLACE_WITH_SUFFIX = re.compile(r"[\u4e00-\u9fff]{2}(?:示范区|[省市县区])")
_HOSPITAL_OR_SCHOOL = re.compile(r"([\u4e00-\u9fff]{1,8}?(?:医院|卫生院|保健院|学校|中学|小学|幼儿园))")
# 黔西南州人民医院: a hospital named only by its place, which is not the 兴义市人民医院 inside it
_PLACE_HOSPITAL = re.compile(
    r"([\u4e00-\u9fff]{2,4}?)([省市州县区]?)(?=(人民医院|中医院|中医医院|中心医院|妇幼保健院))"
)
# 第一中心医院肾内科: a department of the hospital; the article's 心血管内科 is another one (多学科 is
# "multidisciplinary", no department)
_DEPARTMENT = re.compile(r"(?:医院|卫生院|保健院|附院)的?([\u4e00-\u9fff]{1,6}?(?<!多学)科)(?![技学普研])")
# 濮阳市卫健委做健康促进医院评审: a body (委) or a verb between the place and 医院 ends the name
_NOT_IN_HOSPITAL_NAME = frozenset(FUNCTION_CHARS + "到去哪几有往这那些所委做")
# 海东当地医院: the place's hospitals in general, named by no hospital
_ANY_HOSPITAL_THERE = re.compile(r"(?:当地|本地|该地|各地|外地|异地|周边|附近)")


def departments(text: str) -> list[str]:
    """The department after a hospital the question names (医院肾内科), but not a discipline a verb
    acts on (兴义市人民医院推动学科发展: the hospital pushes its disciplines on)."""
    found = []
    for name in _DEPARTMENT.findall(text):
        words = pos_tagger()(name)
        if len(words) >= 2 and words[-1][0] == "学科" and words[-2][1] in ("v", "vn"):
            continue
        found.append(name)
    return found


def hospitals(text: str, tags: list[tuple[str, str]]) -> list[str]:
    """The hospital or school after a place the question names (濮阳市|人民医院, 洛阳市|第一人民医院,
    银川|英才学校): another one of the same city is a different subject. ``tags`` are ``text``'s
    tagged words."""
    ends, verbs, at = [], set(), 0
    for word, pos in tags:
        if pos == "v":
            verbs.add(at)
        at += len(word)
        if is_place(word):
            ends.append(at)
    # 哪家省|级肿瘤专科医院 and 多少家县|级…医院 name no place: the gazetteer decides
    ends += [m.end() for m in _PLACE_WITH_SUFFIX.finditer(text) if names_place(m.group(0)[:2], m.group(0)[2])]
    found = []
    for end in sorted(set(ends)):
        if end in verbs:  # 鹤壁|要求医院…: the place requires hospitals to; no hospital's name
            continue
        m = _HOSPITAL_OR_SCHOOL.match(text, end)
        if m and _names_one_hospital(m.group(1)):
            found.append(m.group(1))
    return found


def _names_one_hospital(name: str) -> bool:
    """Is the text after a place one hospital's name (人民医院)? Not when it holds a character that
    ends a name (卫健委做…医院), starts with another place, or means the place's hospitals in
    general (当地医院)."""
    return (
        not set(name) & _NOT_IN_HOSPITAL_NAME
        and not is_place(name[:2])
        and not _ANY_HOSPITAL_THERE.match(name)
    )


def place_schools(tags: list[tuple[str, str]]) -> list[str]:
    """A university or college named by its place (安康学院): the article's 安康职业技术学院 is another."""
    text, found, at = "".join(w for w, _ in tags), [], 0
    for word, _ in tags:
        at += len(word)
        named_after_city = is_place(word) or (len(word) == 2 and is_place(word + "市"))  # 安康: 安康市
        m = SCHOOL_AFTER_PLACE.match(text, at) if named_after_city else None
        if m:
            found.append(word + m.group(0))
    return found


def place_hospitals(text: str) -> list[str]:
    """A hospital named by its place and a generic name (濮阳市人民医院, 黔西南州人民医院): the article
    must name it with that place, not with a place inside it or another."""
    found = []
    for m in _PLACE_HOSPITAL.finditer(text):
        place, suffix, hospital = m.groups()
        for start in range(len(place) - 1):  # the gazetteer decides where the place starts
            if is_place(place[start:] + suffix) or is_place(place[start:]):
                found.append(place[start:] + suffix + hospital)
                break
    return found
