"""A question as its reader meant it, before it is read and retrieved.

- Greetings and thanks around it (您好，… 谢谢！, "Hi, … Thanks!") ask nothing. Left in, 谢谢 reads as
  a name (谢 is a common surname) that the article must hold, and the question is refused.
- A place typed with a character of the same sound (鹤璧市 for 鹤壁市: pinyin input offers both) is
  no place; the gate would refuse it as one the article does not name. A word the segmenter takes
  for a place, which the gazetteer lacks, is put right when its sound is that of exactly one place
  with the same suffix.
"""

from __future__ import annotations

import re
from functools import lru_cache

from embeddings.script import to_simplified, to_traditional
from service.answering.places import PLACE_SUFFIXES, is_place, places_by_pinyin
from service.answering.words import pos_tagger

_OPENING = re.compile(
    r"^\s*(?:(?:您好|你好|哈喽|嗨|谢谢|多谢)[啊呀]?[，,。.！!～~\s]+)+"
    r"|^\s*(?:(?:hi|hello|hey|thanks|thank you)\s*[，,.!]+\s*)+",
    re.I,
)
_THANKS = r"(?:谢谢|多谢|感谢)(?:你|您|啦|了|大家)?|thanks?(?: (?:you|a lot))?"
_CLOSING = re.compile(
    rf"(?<=[？?。.！!，,\s])\s*(?:{_THANKS})[。.！!～~\s]*$"
    r"|(?<=[\u4e00-\u9fff])(?:谢谢|多谢)(?:你|您|啦|了)?[。.！!～~\s]*$",
    re.I,
)


def without_courtesy(text: str) -> str:
    """``text`` without a greeting or thanks before or after the question; the question alone is
    left as it is."""
    bare = _CLOSING.sub("", _OPENING.sub("", text)).strip()
    return bare or text


@lru_cache(maxsize=4096)  # retrieval and the answerer read each question
def as_meant(text: str) -> str:
    """``text`` without courtesies and with its mistyped places put right."""
    return respelled(without_courtesy(text))


def respelled(text: str) -> str:
    """``text`` with each place name the gazetteer lacks (a word the segmenter takes for a place, with
    a place suffix) replaced by the one place of the same suffix that sounds the same (鹤璧市 ->
    鹤壁市), if there is exactly one. Only whole words: 紧密型|城市 holds no 型城市 (兴城市)."""
    for word, pos in pos_tagger()(text):
        meant = _place_sounding_like(word) if pos == "ns" and len(word) >= 3 else None
        if meant:
            text = text.replace(word, meant)
    return text


@lru_cache(maxsize=4096)
def _place_sounding_like(typed: str) -> str | None:
    """The one place ``typed`` sounds like, in ``typed``'s script (靈寶市 is a place already)."""
    simplified = to_simplified(typed)
    if simplified[-1] not in PLACE_SUFFIXES or is_place(simplified):
        return None
    from pypinyin import lazy_pinyin  # loads its dictionary late

    key = "".join(lazy_pinyin(simplified))
    same = [p for p in places_by_pinyin(key) if p[-1] == simplified[-1] and p != simplified]
    if len(same) != 1:
        return None
    return same[0] if simplified == typed else to_traditional(same[0])
