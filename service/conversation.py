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
kind before it: "该院有多少张床位？" after a question on 兴义市人民医院; and in English "the hospital",
"this city", "its", "there", or "it" as a question's subject ("How many beds does it have?"). Every
other question is answered as asked, so an earlier question never bends one that stands on its own
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
_EN_OPENERS = frozenset(
    "is are was were do does did has have had can could will would should what which who whose when where "
    "why how the a an in at on of for to from by with after before according since under apart besides "
    "through during".split()
)
_EN_POSSESSIVE = re.compile(r"['’]s?$")
_EN_PLACE_SUFFIX = re.compile(r"\s+(?:City|County|Province|District)$")
_EN_INSTITUTION = frozenset("Hospital Centre Center University College School Bureau Commission".split())
_PLACE_END = "省市县区州镇乡村"
_LEADING_PLACE = re.compile(r"^[\u4e00-\u9fff]{2,3}[省市县区州]")
_INSTITUTION_END = ("医院", "卫生院", "附院", "中心", "大学", "学院", "学校", "委", "局", "所")
# 该院的院长是谁, 那里有几家医院, 它有多少张床位: a word pointing back at what the question before
# named (它 only as the question's subject: "判断它熟没熟" points at the question's own 西瓜; 那儿
# opening the question or after 在, 去…, not "大腿根那儿", the thigh's); the
# endings its name may have (该院: 郑大一附院, 兴义市人民医院)
_POINTS_BACK = re.compile(
    r"该(?P<kind>医院|院|市|县|区|省|州|委|局|中心|校|所)|(?:^|(?<=[在去到从来往于向住留，,]))(?P<there>那里|那儿)"
    r"|^(?:那么?)?它(?!们)"
)
# the hospital, this city, its, there, it: English words pointing back (``_pointed_at_en``)
_POINTS_BACK_EN = re.compile(
    r"\b(?:(?P<det>the|this|that)\s+(?P<noun>hospital|centre|center|university|college|school|bureau|"
    r"commission|city|county|province|district)|(?P<word>its|it|there))\b",
    re.IGNORECASE,
)
# "the hospital with the most beds", "the city of Hebi": defined where it stands, no pointer
_EN_DEFINED_AFTER = re.compile(r"^\s+(?:with|that|which|where|who|whose|of|in|on|at|for)\b", re.IGNORECASE)
# "Which hospital improved its service?": a noun before "it"/"its" that it points at
_EN_NOUN_BEFORE = re.compile(
    r"\b(?:which|what|whose|the|a|an|this|that)\s+(?!(?:is|was|are|were|does|did|do|has|had|will|can)\b)[a-z]+",
    re.IGNORECASE,
)
_EN_PLACE_NOUNS = frozenset("city county province district".split())
_EN_SUBJECT_AFTER = re.compile(r"\b(?:does|did|do|is|was|has|had|will|would|can|could)\s+$", re.IGNORECASE)
_EN_BE = r"(?:is|are|was|were|be|been)"
_EN_EXISTENTIAL = (
    re.compile(rf"\b{_EN_BE}\s+$", re.IGNORECASE),
    re.compile(rf"^\s+{_EN_BE}\b", re.IGNORECASE),
)
# "is it true that", "is it safe for", "does it take long to": an "it" pointing at nothing
_EN_IT_CLAUSE = re.compile(
    r"^\s+(?:\w+\s+(?:that|to|for|if|whether)|takes?|took|seems?|seemed)\b", re.IGNORECASE
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
    for pointer_en in _POINTS_BACK_EN.finditer(question):
        if _points_back_en(question, pointer_en):
            return _pointed_at_en(question, pointer_en, _earlier(history)) or question
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


def _points_back_en(question: str, pointer: re.Match[str]) -> bool:
    """Whether an English pointer points back: "it" only as a subject after its verb ("does it", not
    "is it true that", nor an object), "it" and "its" only with no noun before them to point at,
    "there" never as in "are there", "there were", "the hospital" not as in "the hospital with"; and
    none in a question naming its own."""
    noun, word = (pointer.group("noun") or "").lower(), (pointer.group("word") or "").lower()
    before, after = question[: pointer.start()], question[pointer.end() :]
    # A pointer may point at a name in its own question, even ahead ("its ... Xingyi Hospital", "the
    # city's ... Hebi"): "the hospital" at one of its kind, any other at any name (capitalised past
    # the first word, as every question opens: a place the gazetteer lacks is a name too).
    if noun and noun not in _EN_PLACE_NOUNS:
        own = english_institutions(question, noun.capitalize())
    else:
        own = _EN_NAME.findall(question, len(question) - len(question.lstrip().partition(" ")[2]))
    if own:
        return False
    if noun:  # the hospital, this city; not "the hospital with the most beds"
        return pointer.group("det").lower() != "the" or not _EN_DEFINED_AFTER.match(after)
    if word == "there":
        return not any(p.search(s) for p, s in zip(_EN_EXISTENTIAL, (before, after), strict=True))
    if _EN_NOUN_BEFORE.search(before):
        return False
    return word == "its" or (bool(_EN_SUBJECT_AFTER.search(before)) and not _EN_IT_CLAUSE.match(after))


def _pointed_at_en(question: str, pointer: re.Match[str], earlier: str) -> str | None:
    """``question`` with the name ``earlier`` gives in place of an English pointer: an institution
    ending in the word "the hospital" names, a place (in pinyin) for "this city"; for "it", "its" and
    "there" an institution, else a place."""
    noun, word = (pointer.group("noun") or "").lower(), (pointer.group("word") or "").lower()
    if noun in _EN_PLACE_NOUNS:
        names = english_places(earlier)
    else:
        names = english_institutions(earlier, noun.capitalize()) or ([] if noun else english_places(earlier))
    if not names:
        return None
    name = names[0]
    if word == "its":
        name += "'" if name.endswith("s") else "'s"
    elif word == "there":
        name = ("at " if name.split()[-1] in _EN_INSTITUTION else "in ") + name
    return question[: pointer.start()] + name + question[pointer.end() :]


def english_institutions(text: str, ending: str = "") -> list[str]:
    """Capitalised names in ``text`` ending in ``ending`` (any institution word when empty)."""
    names = _english_names(text)
    return [n for n in names if n.split()[-1] == ending or (not ending and n.split()[-1] in _EN_INSTITUTION)]


def english_places(text: str) -> list[str]:
    """Places read in pinyin that ``text`` names (Hebi, Hebi City), alone or opening a longer name
    (Chongqing of Chongqing Mental Health Center)."""
    places = []
    for name in _english_names(text):
        if places_by_pinyin(_EN_PLACE_SUFFIX.sub("", name)):
            places.append(name)
        elif places_by_pinyin(name.split()[0]):
            places.append(name.split()[0])
    return places


def _english_names(text: str) -> list[str]:
    """Capitalised words in a row, without a possessive's 's (Hebi's health commission: Hebi) nor
    the word opening the question (Is Hebi's ...: Hebi)."""
    names = []
    for match in _EN_NAME.finditer(text):
        words = match.group().split()
        if not text[: match.start()].strip() and words[0].lower() in _EN_OPENERS:
            words = words[1:]
        if words:
            names.append(_EN_POSSESSIVE.sub("", " ".join(words)))
    return names


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
