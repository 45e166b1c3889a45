"""A follow-up that asks "and what about X?" read as the question before it, with X in its place.

In a chat, after "鹤壁市受理了多少件医疗纠纷？" a reader asks "那灵宝市呢？". Alone, that names a city
and asks nothing, and the answerer quotes some sentence about 灵宝市. Read against the question
before it, it is "灵宝市受理了多少件医疗纠纷？", which the articles answer or refuse.

Only that form is rewritten: a place or an institution followed by 呢 (怎么样, 又如何), nothing
else, and only when the question before it names one of the same kind (a place for a place; for an
institution, one ending as it ends: 医院, 中心, 大学…). In English the same: "What about Lingbao?",
"And Lingbao?" after a question naming a place in pinyin (Hebi), or "What about Zhengzhou Central
Hospital?" after one naming a hospital. Every other question is answered as asked,
so an earlier question never bends one that stands on its own (``eval/follow_ups.py`` counts how
many read-set questions a history would change).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from embeddings.script import to_simplified_aligned
from service.answering.places import is_place, places_by_pinyin
from service.answering.specifics import specifics
from service.schemas import AskResponse

MAX_HISTORY = 20
_WHAT_ABOUT = re.compile(
    r"^\s*(?:那么?|还有)?[，,\s]*(?P<item>[\u4e00-\u9fff]{2,16}?)\s*(?:呢|怎么样|又如何|又怎样)\s*[？?]*\s*$"
)
_WHAT_ABOUT_EN = re.compile(
    r"^\s*(?i:and\s+)?(?i:(?:what|how)\s+about\s+(?:the\s+)?)?"
    r"(?P<item>[A-Z][\w'-]*(?:\s+[A-Z][\w'-]*){0,5})\s*\?*\s*$"
)
_EN_NAME = re.compile(r"\b[A-Z][\w'-]*(?:\s+[A-Z][\w'-]*)*")  # capitalised words in a row
_EN_INSTITUTION = frozenset("Hospital Centre Center University College School Bureau Commission".split())
_PLACE_END = "省市县区州镇乡村"
_LEADING_PLACE = re.compile(r"^[\u4e00-\u9fff]{2,3}[省市县区州]")
_INSTITUTION_END = ("医院", "卫生院", "附院", "中心", "大学", "学院", "学校", "委", "局", "所")


def standalone(question: str, history: Sequence[str]) -> str:
    """``question`` as it reads after ``history`` (earlier questions, oldest first)."""
    if not history:
        return question
    chinese = _WHAT_ABOUT.match(to_simplified_aligned(question))
    if chinese is not None:
        item = question[chinese.start("item") : chinese.end("item")]
        return _chinese(item, _earlier(history)) or question
    english = _WHAT_ABOUT_EN.match(question)
    if english is not None:
        return _english(english.group("item"), _earlier(history)) or question
    return question


def _earlier(history: Sequence[str]) -> str:
    """The latest earlier question, itself read with the ones before it."""
    return standalone(history[-1], history[:-1])


def _chinese(item: str, earlier: str) -> str | None:
    """``earlier`` with ``item`` in place of the longest name of its kind (``_same_kind``)."""
    folded = to_simplified_aligned(earlier)
    replaced = _same_kind(to_simplified_aligned(item), folded)
    if replaced is None:
        return None
    start = folded.index(replaced)  # aligned folding: offsets into ``folded`` are offsets into ``earlier``
    return earlier[:start] + item + earlier[start + len(replaced) :]


def _english(item: str, earlier: str) -> str | None:
    """``earlier`` with the English ``item`` in place of the first name of its kind: a place read in
    pinyin (Lingbao for Hebi), or an institution's name ending in the same word (… Hospital)."""
    if places_by_pinyin(item):
        names = [m for m in _EN_NAME.finditer(earlier) if places_by_pinyin(m.group())]
    else:
        last = item.split()[-1]
        names = [
            m for m in _EN_NAME.finditer(earlier) if m.group().split()[-1] == last and last in _EN_INSTITUTION
        ]
    names = [m for m in names if m.group() != item]
    if not names:
        return None
    first = names[0]
    return earlier[: first.start()] + item + earlier[first.end() :]


def _same_kind(item: str, earlier: str) -> str | None:
    """The longest name in ``earlier`` of ``item``'s kind, if ``item`` is a place or institution."""
    if is_place(item) or item[-1] in _PLACE_END:
        names = [s for s in specifics(earlier) if is_place(s) or (len(s) > 1 and s[-1] in _PLACE_END)]
        names = names or _LEADING_PLACE.findall(earlier)  # a place the gazetteer does not know
    elif item.endswith(_INSTITUTION_END):
        ending = next(e for e in _INSTITUTION_END if item.endswith(e))
        names = [s for s in specifics(earlier) if s.endswith(ending)]
    else:
        return None
    names = [n for n in names if n not in item and item not in n and n in earlier]
    return max(names, key=len) if names else None


def as_asked(response: AskResponse, asked: str, answered: str) -> AskResponse:
    """The response saying which question it answers, when a follow-up was read as another."""
    return response if answered == asked else response.model_copy(update={"asked_as": answered})
