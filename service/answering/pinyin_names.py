"""Chinese place and person names written in pinyin inside English questions.

An English question over Chinese articles shares no words with them, except names: "Mengjin",
"Wuxi", "Changsha" are 孟津, 无锡, 长沙 in pinyin. Matching them against the pinyin of a passage
tells the extractive answerer which sentence is about the named place, and tells the gate when
the question names a place the articles never mention (the plausible "nearby city" question).
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

_WORD = re.compile(r"[A-Za-z][a-z]+")
# Capitalised words of English questions that are not names, and short pinyin-like English words.
_NOT_NAMES = frozenset(
    "how what which who whom whose when where why the a an in on at of for to by and or is are was were "
    "did does do has have had this that these those its their his her ms mr dr people hospital district "
    "county city province center centre national world health china chinese tcm first second third new "
    "general central".split()
)


@lru_cache(maxsize=1)
def _syllables() -> frozenset[str]:
    from pypinyin import lazy_pinyin

    return frozenset(s for s in lazy_pinyin([chr(c) for c in range(0x4E00, 0x9FA6)]) if s.isascii())


def is_pinyin(word: str) -> bool:
    """True when ``word`` splits into two or more pinyin syllables (Mengjin, Wuxi, Haidong)."""
    word, sylls = word.lower(), _syllables()

    @cache
    def splits(i: int) -> int:  # fewest syllables covering word[i:], or a large number
        if i == len(word):
            return 0
        best = 99
        for j in range(i + 1, min(i + 6, len(word)) + 1):
            if word[i:j] in sylls:
                best = min(best, 1 + splits(j))
        return best

    return 2 <= splits(0) < 99


def english_names(question: str) -> list[str]:
    """Capitalised words of the question that read as pinyin names, lower-cased."""
    words = [m.group() for m in _WORD.finditer(question)]
    return list(dict.fromkeys(
        w.lower() for w in words if w[0].isupper() and w.lower() not in _NOT_NAMES and is_pinyin(w)
    ))


@lru_cache(maxsize=4096)
def pinyin_of(text: str) -> str:
    """The text's pinyin without tones or separators; characters with no pinyin are kept."""
    from pypinyin import lazy_pinyin

    return "".join(lazy_pinyin(text)).lower()


def names_found(names: list[str], text: str) -> list[str]:
    spelled = pinyin_of(text)
    return [n for n in names if n in spelled]
