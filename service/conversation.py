"""A follow-up read as the question before it: "and what about X?" with X in its place, "该院…?"
with the name it points back at.

In a chat, after "鹤壁市受理了多少件医疗纠纷？" a reader asks "那灵宝市呢？". Alone, that names a city
and asks nothing, and the answerer quotes some sentence about 灵宝市. Read against the question
before it, it is "灵宝市受理了多少件医疗纠纷？", which the articles answer or refuse.

Only that form is rewritten: a place or an institution followed by 呢 (怎么样, 又如何), nothing
else, and only when the question before it names one of the same kind (a place for a place; for an
institution, one ending as it ends: 医院, 中心, 大学…). In English the same: "What about Lingbao?",
"And Lingbao?" after a question naming a place in pinyin (Hebi), or "What about Zhengzhou Central
Hospital?" after one naming a hospital. So is a word pointing back (该院, 该市, 那里, 它 opening the
question) at a name of its kind the question before gave, when the follow-up names none of that
kind before it: "该院有多少张床位？" after a question on 兴义市人民医院. Every other question is
answered as asked, so an earlier question never bends one that stands on its own
(``eval/follow_ups.py`` counts how many read-set questions a history would change).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from embeddings.script import to_simplified_aligned
from service.answering.places import is_place, places_by_pinyin
from service.answering.specifics import specifics
from service.answering.typed import respelled
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
# 该院的院长是谁, 那里有几家医院, 它有多少张床位: a word pointing back at what the question before
# named (它 only as the question's subject: "判断它熟没熟" points at the question's own 西瓜); the
# endings its name may have (该院: 郑大一附院, 兴义市人民医院)
_POINTS_BACK = re.compile(
    r"该(?P<kind>医院|院|市|县|区|省|州|委|局|中心|校|所)|(?P<there>那里|那儿)|^(?:那么?)?它(?!们)"
)
_ENDINGS = {
    "医院": ("医院", "卫生院", "附院"),
    "院": ("医院", "卫生院", "附院", "学院"),
    "校": ("学校", "学院", "大学"),
}


def standalone(question: str, history: Sequence[str]) -> str:
    """``question`` as it reads after ``history`` (earlier questions, oldest first), a misspelt place
    put right (鹤璧市: 鹤壁市, ``typed.respelled``), so that ``asked_as`` says how it was read."""
    return respelled(_in_context(question, history))


def _in_context(question: str, history: Sequence[str]) -> str:
    if not history:
        return question
    chinese = _WHAT_ABOUT.match(to_simplified_aligned(question))
    if chinese is not None:
        item = question[chinese.start("item") : chinese.end("item")]
        return _chinese(item, _earlier(history)) or question
    english = _WHAT_ABOUT_EN.match(question)
    if english is not None:
        return _english(english.group("item"), _earlier(history)) or question
    pointer = _POINTS_BACK.search(question)
    if pointer is not None:
        return _pointed_at(question, pointer, _earlier(history)) or question
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


def _pointed_at(question: str, pointer: re.Match[str], earlier: str) -> str | None:
    """``question`` with the name ``earlier`` gives in place of the word pointing back at it (该院:
    the hospital it named; 那里: the place), unless ``question`` names one of that kind itself."""
    kind, before = pointer.group("kind"), question[: pointer.start()]
    if pointer.group("there"):  # 那里, 那儿: a place
        names, own = _places(earlier), _places(before)
    elif kind and kind in _PLACE_END:  # 该市
        names, own = [n for n in _places(earlier) if n.endswith(kind)], _places(before)
    else:  # 该院, 该委; 它: an institution, else a place
        endings = _ENDINGS.get(kind, (kind,)) if kind else _INSTITUTION_END
        names, own = _institutions(earlier, endings), _institutions(before, endings)
        if kind is None:
            names = names or _places(earlier)
    if own or not names:
        return None
    return before + max(names, key=len) + question[pointer.end() :]


def _institutions(text: str, endings: tuple[str, ...]) -> list[str]:
    """The institutions ``text`` names with one of ``endings``: a name the gate knows (郑大一附院), or
    a place and the few words after it up to the ending (鹤壁市|卫健|委)."""
    names = [n for n in specifics(text) if n.endswith(endings) and n in text]
    ending = "|".join(map(re.escape, endings))
    after_place = [
        m.group(0)
        for p in _places(text)
        for m in re.finditer(f"{re.escape(p)}[\u4e00-\u9fff]{{0,8}}?(?:{ending})", text)
    ]
    return names + after_place


def _places(text: str) -> list[str]:
    """The places ``text`` names (those the gazetteer knows, or the one it opens with)."""
    names = [s for s in specifics(text) if is_place(s) or (len(s) > 1 and s[-1] in _PLACE_END)]
    return [n for n in names or _LEADING_PLACE.findall(text) if n in text]


def _same_kind(item: str, earlier: str) -> str | None:
    """The longest name in ``earlier`` of ``item``'s kind, if ``item`` is a place or institution."""
    if is_place(item) or item[-1] in _PLACE_END:
        names = _places(earlier)
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
