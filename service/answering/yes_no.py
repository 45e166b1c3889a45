"""Questions asking yes or no, and those that compare a figure with a threshold.

"鹤壁市受理的医疗纠纷超过100件了吗？" asks for the figure the article gives (106件): the 100 is the
reader's, not the article's, so it is read as "鹤壁市受理的医疗纠纷多少件？" and answered with the
sentence that gives the figure; the reader compares. Only a threshold the question ends on is read so:
"超过60岁的老人能免费体检吗" names a group by its age, which the article must name too.

Any other yes-or-no question is answered by the sentence that holds what it asks whether
(``asked_words``: 患者最后|康复出院了吗), which ``cues.answer_cue`` looks for.
"""

from __future__ import annotations

import re
from functools import lru_cache

from service.answering.words import FUNCTION_CHARS, pos_tagger

# 是否|提供…, 有没有|超过…: the words asking whether, before what is asked
_ASKS_WHETHER = re.compile(r"是否|有没有|是不是|能不能|会不会|要不要|可不可以|需不需要|用不用|该不该")
# 能不能泡温泉, 需要吃药吗: a question asking only yes or no, with no word asking for an item
_YES_OR_NO = re.compile(r"吗[？?]|了没有?[？?]?$|" + _ASKS_WHETHER.pattern)
_ASKS_ITEM = re.compile(r"什么|哪|谁|多少|几|怎|如何|为何|何[时处地]|多[久长高大远重]")
_YES_OR_NO_EN = re.compile(
    r"^\s*(?:can|could|is|are|should|do|does|did|will|would|must|may|has|have|had|was|were)\b", re.I
)
_ASKS_ITEM_EN = re.compile(r"\b(?:what|which|who|whom|whose|how|when|where|why)\b", re.I)

# the measure words of a count (100件, 5000万元, 3700人次), as 多少 asks for them
MEASURE_WORDS = (
    r"万元|亿元|元|万人|人次|平方米|公里|毫升|毫克|千克|公斤|小时|分钟|个月|"
    r"[克斤吨个名人件项家张台例次所位天年岁米份户批届种类支床辆篇场剂处只头条本座栋间棵颗枚级道期轮]"
)
_COMPARES = r"超过|超出|达到|高于|低于|不到|不足|多于|少于|突破|大于|小于|超|达|满|有"
# the threshold, and what may follow it before the question ends (有超过100人|参与吗)
_THRESHOLD = re.compile(
    rf"(?:(?:{_COMPARES})了?|(?<=[\u4e00-\u9fff]了))"  # or 受理了|106件…吗
    rf"(?P<figure>\d+(?:\.\d+)?)(?P<ten_thousands>[万亿])?(?P<unit>{MEASURE_WORDS}|%|％)?"
    rf"(?P<rest>(?!的)[\u4e00-\u9fff]{{0,6}}?)(?:了?(?:吗|没有|没))?[？?]?$"
)
_COMPARES_EN = (
    r"(?:more|fewer|less|higher|lower|greater) than|over|under|above|below|at least|at most|"
    r"exceed(?:ed|s)?|reach(?:ed|es)?|surpass(?:ed|es)?|top(?:ped|s)?"
)
_THRESHOLD_EN = re.compile(
    rf"\b(?:{_COMPARES_EN})\s+(?P<figure>\d[\d,]*(?:\.\d+)?)(?:\s*(?P<percent>%|percent\b))?", re.I
)


def asks_yes_or_no(text: str, lang: str) -> bool:
    """Does ``text`` ask only yes or no (骨折后的钢板是不是一定要取出来, 能喝酒吗, "Can people with
    high blood pressure drink coffee?")?"""
    if lang == "en":
        return _YES_OR_NO_EN.search(text) is not None and _ASKS_ITEM_EN.search(text) is None
    return _YES_OR_NO.search(text) is not None and _ASKS_ITEM.search(text) is None


def figure_asked(text: str, lang: str) -> str | None:
    """The question asking for the figure a yes-or-no question compares with its threshold
    (超过100件了吗 -> 多少件？, 有没有达到80% -> 达到百分之几？, "Did more than 100 people…" ->
    "Did how many people…"), or None when ``text`` compares nothing."""
    if not asks_yes_or_no(text, lang):
        return None
    if lang == "en":
        m = _THRESHOLD_EN.search(text)
        if not m or len(_THRESHOLD_EN.findall(text)) > 1:
            return None
        asked = "what percentage" if m.group("percent") else "how many"
        return text[: m.start()] + asked + text[m.end() :]
    m = _THRESHOLD.search(text)
    if not m:
        return None
    if m.group("unit") in ("%", "％"):
        asked = "百分之几"
    else:
        asked = "多少" + (m.group("ten_thousands") or "") + (m.group("unit") or "")
    return _ASKS_WHETHER.sub("", text[: m.start()]) + asked + m.group("rest") + "？"


# the last of these words before a yes-or-no question's end opens what it asks (湖北省中医院会|免费
# 接收基层医务人员进修吗, 患者最后|康复出院了吗, 补助是|一次性发放现金吗)
_OPENS_PREDICATE = frozenset("会 能 能够 可以 已经 已 最后 最终 还 都 要 是 有 在".split())
_PREDICATE_POS = ("n", "v", "a", "l", "j", "eng", "i")


@lru_cache(maxsize=256)  # answer_cue asks it of every candidate sentence
def asked_words(text: str) -> tuple[str, ...]:
    """The words of what a Chinese yes-or-no question asks whether (是否|提供法律援助服务,
    患者最后|康复出院了吗), in search form: its nouns, if it has any (能拿到|2万元育儿补助: 育儿)."""
    tagged = [
        (w.lower(), pos)
        for w, pos in pos_tagger()(_predicate(text))
        if len(w) >= 2 and pos.startswith(_PREDICATE_POS) and not set(w) & set(FUNCTION_CHARS + "吗呢")
    ]
    nouns = tuple(w for w, pos in tagged if not pos.startswith(("v", "a")))
    return nouns or tuple(w for w, _ in tagged)


def _predicate(text: str) -> str:
    """What follows a question's last 是否 / 有没有…, or else its last clause after the last word that
    opens a predicate: not the subject the article is retrieved by."""
    markers = list(_ASKS_WHETHER.finditer(text))
    if markers:
        return text[markers[-1].end() :]
    clause = re.split(r"[，,；;]", text)[-1]
    words = [w for w, _ in pos_tagger()(clause)]
    opens = [i for i, w in enumerate(words) if w in _OPENS_PREDICATE]
    return "".join(words[opens[-1] + 1 :]) if opens else clause


def rarest_asked_word(text: str, idf: dict[str, float]) -> str | None:
    """The rarest of ``asked_words`` (法律援助 of 是否提供法律援助服务), by the question's word weights
    ``idf``: the word the sentence saying whether holds."""
    words = asked_words(text)
    return max(words, key=lambda w: idf.get(w, 0.0)) if words else None
