"""What a 多少 / 几 question counts or measures: the noun after its measure word (多少名专职调解员),
after a bare 多少 (多少粉丝) or before a closing 是多少 (高压是多少), as the pattern of the ways
news says that noun's head (病人|患者|病患).
"""

from __future__ import annotations

import re
from functools import lru_cache

from service.answering.places import PLACE_SUFFIXES
from service.answering.words import SAME_NOUNS, first_word, pos_tagger

PEOPLE = "名|位|人"  # interchangeable measure words for people: 多少位 -> 71人
_GOING_TO = frozenset(("去", "到", "赴", "前往", "派往", "至"))  # 多少名专家去海东
_ENDS_HOW_MUCH = re.compile(
    r"([\u4e00-\u9fff]{2,4}?)(?:是|为|有|达到?|总计|共计|合计|一共|共|约)?多少[？?]?$"
)


@lru_cache(maxsize=256)  # a property of the question, asked once per candidate sentence
def noun_after_how_many(q: str) -> str | None:
    """The noun right after a 多少 with no measure word (多少粉丝才能开通 -> 粉丝)."""
    m = re.search(r"多少([\u4e00-\u9fff]{2,4})", q)
    word, pos = first_word(m.group(1)) if m else ("", "")
    return word if len(word) >= 2 and pos in ("n", "nz") else None


def noun_before_how_much(q: str) -> str | None:
    """The noun a question ending in 是多少 asks the figure of (他的高压是多少 -> 高压, 罚金总计多少 -> 罚金)."""
    m = _ENDS_HOW_MUCH.search(q)
    words = pos_tagger()(m.group(1)) if m else []
    word, pos = words[-1] if words else ("", "")
    return word if len(word) >= 2 and pos in ("n", "nz") else None


def counted_head(counted: str | None) -> str | None:
    """The head pattern of what a question counts, without a trailing particle (老百姓受益了: 受益, not
    益了)."""
    return head_pattern(counted.rstrip("了过着") if counted else None)


def head_pattern(noun: str | None) -> str | None:
    """A counted noun's head as a pattern of the ways it is said (住院病人: 病人|患者|病患)."""
    if not noun:
        return None
    return next(("|".join(sorted(group)) for group in SAME_NOUNS if noun[-2:] in group), noun[-2:])


@lru_cache(maxsize=256)
def counted_noun(q: str, units: str, shortest: int = 3) -> str | None:
    """What a 多少名… question counts, when it names it in ``shortest`` to 6 characters (专职调解员),
    before the end of the clause or a 的 (几家乡镇卫生院的服务能力)."""
    m = re.search(f"(?:多少|几)(?:{units})([\u4e00-\u9fff]{{{shortest},6}}?)([？?，,。的]|$)", q)
    if not m:
        return _people_after_count(q, units)
    if m.group(1).startswith(("的", "以内", "以上", "以下", "左右", "之内")):
        return None  # 几年的期限 is a period of years, not a count of 期限; 几颗以内比较安全 counts no 安全
    if m.group(2) == "的" and not all(pos.startswith("n") for _, pos in pos_tagger()(m.group(1))):
        # 多少辆乱停乱放的共享单车？: what comes before 的 describes the counted thing, which ends the question
        after = re.fullmatch(f"([\u4e00-\u9fff]{{{shortest},6}})[？?]?", q[m.end() :])
        return after.group(1) if after else None
    nouns = _before_destination(m.group(1))
    if nouns:  # 多少名专家去海东: 专家, not 专家去海东 (the count is no count of 海东)
        return nouns if len(nouns) >= shortest else _people_after_count(q, units)
    return m.group(1)


def _before_destination(words: str) -> str | None:
    """What ``words`` says before the place it goes to (专家去海东 -> 专家), if it ends so."""
    tags = pos_tagger()(words)
    if tags and len(tags[-1][0]) == 1 and tags[-1][0] in PLACE_SUFFIXES:  # 到海东市: 海东 | 市
        tags = tags[:-1]
    if len(tags) >= 3 and tags[-1][1] == "ns" and tags[-2][0] in _GOING_TO:
        return "".join(w for w, _ in tags[:-2])
    return None


def _people_after_count(q: str, units: str) -> str | None:
    """People are seldom paraphrased (孕妇 are no 新生儿, 老年人 no 医务人员); institutions often are."""
    return nouns_after_count(q, units, 2) if units == PEOPLE else None


def nouns_after_count(q: str, units: str, shortest: int) -> str | None:
    """The nouns right after 多少名 when a verb follows them (多少名老年人提供了服务 -> 老年人)."""
    m = re.search(f"(?:多少|几)(?:{units})", q)
    if not m:
        return None
    nouns, following = "", ""
    for word, pos in pos_tagger()(q[m.end() :]):
        if not pos.startswith("n") or len(nouns + word) > 6:
            following = pos
            break
        nouns += word
    # 多少人参赛？: after 人 (itself a noun) the tagger's two-character noun may be a verb; after 名 or
    # 位, ending the question, it is what is counted (多少名成员？, not the first of 多少名保安、职工…)
    ends = q[m.end() + len(nouns) :] in ("", "？", "?")
    if len(nouns) == 2 and not following.startswith("v") and (m.group(0).endswith("人") or not ends):
        return None
    return nouns if len(nouns) >= shortest else None
