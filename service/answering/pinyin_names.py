"""Chinese place and person names written in pinyin inside English questions.

An English question over Chinese articles shares no words with them, except names: "Mengjin",
"Wuxi", "Changsha" are 孟津, 无锡, 长沙 in pinyin. Matching them against the pinyin of a passage
tells the extractive answerer which sentence is about the named place, and tells the gate when
the question names a place the articles never mention (the plausible "nearby city" question).
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

from service.answering.cedict import english_words, proper_names

# Xi'an, Wan'anshan: an apostrophe parts two syllables (a possessive 's ends the word)
_WORD = re.compile(r"[A-Za-z][a-z]+(?:['’][a-z]{2,})*")
# Capitalised words of English questions that are not names, and short pinyin-like English words.
_NATIONALITY = re.compile(r"(?:ese|an|ish|ic)$")  # Japanese, Korean, English, Arabic
_NOT_NAMES = frozenset(
    "how what which who whom whose when where why the a an in on at of for to by and or is are was were "
    "did does do has have had this that these those its their his her ms mr dr people hospital district "
    "county city province center centre national world health china chinese tcm first second third new "
    "general central medicine since january february march april may june july august september october "
    "november december monday tuesday wednesday thursday friday saturday sunday".split()
)


@lru_cache(maxsize=1)
def _chars_by_syllable() -> dict[str, str]:
    """Every toneless pinyin syllable and the CJK characters that can be read so (all readings,
    so that 长沙 is found as "changsha" although 长 alone reads zhang)."""
    from pypinyin import Style, pinyin

    table: dict[str, list[str]] = {}
    for code in range(0x4E00, 0x9FA6):
        for syllable in pinyin(chr(code), style=Style.NORMAL, heteronym=True)[0]:
            if syllable.isascii():
                table.setdefault(syllable, []).append(chr(code))
    return {syllable: "".join(chars) for syllable, chars in table.items()}


def is_pinyin(word: str) -> bool:
    """True when ``word`` splits into two or more pinyin syllables (Mengjin, Wuxi, Haidong)."""
    word, sylls = word.lower(), _chars_by_syllable()

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


_SHORT_QUESTION_WORDS = 12


# UBE, MRI: what Chinese articles write in Latin letters, and an English question names as they do
ACRONYM = re.compile(r"\b[A-Z]{2,}\b")


def short_and_naming(question: str) -> bool:
    """Is this a short English question that names a place or person in pinyin ("How many experts
    has Wuxi sent to Haidong?")? It scores lower against its passage than a long one that restates
    the article (the read sets' English questions: a median 0.765 at 8 to 11 words, 0.776 at 12 to
    15, 0.787 from 16), so low and flat that its passage can rank 85th of 137 by e5-small's
    cross-lingual cosine, and it has fewer words to translate: its names say what similarity and
    words say of a long question."""
    return len(question.split()) < _SHORT_QUESTION_WORDS and bool(english_names(question))


def english_names(question: str) -> list[str]:
    """Capitalised words of the question that read as pinyin names, lower-cased; not English words
    that happen to spell pinyin ("Along with…": a + long)."""
    return list(_english_names(question))


@lru_cache(maxsize=1024)
def _english_names(question: str) -> tuple[str, ...]:
    # asked once per candidate sentence of an English question: read the question once
    words = [m.group() for m in _WORD.finditer(question)]
    return tuple(
        dict.fromkeys(
            w
            for w in (re.sub("['’]", "", word.lower()) for word in words if word[0].isupper())
            if w not in _NOT_NAMES and is_pinyin(w) and w not in english_words()
        )
    )


def foreign_names(question: str) -> list[tuple[str, frozenset[str]]]:
    """Capitalised words of the question that the dictionary knows only as proper names and that
    spell no pinyin (Djibouti, Israel), each with its Chinese spellings (吉布提, 吉布地). Not months
    or weekdays (April: 4月), nor words of nationality or language (Japanese, Korean), which an
    article says in other words (日本, 韩国), nor a name spelt only in single characters (Korea: 丽)."""
    known, syllables = proper_names(), _chars_by_syllable()
    words = dict.fromkeys(m.group() for m in _WORD.finditer(question) if m.group()[0].isupper())
    return [
        (w, known[w])
        for w in words
        if w in known
        and w.lower() not in _NOT_NAMES
        and not _NATIONALITY.search(w)
        and max(map(len, known[w])) >= 2
        and w.lower() not in syllables
        and not is_pinyin(w)
    ]


def names_found(names: list[str], text: str) -> list[str]:
    """The names of which ``text`` holds a spelling: consecutive characters whose readings spell
    the name syllable by syllable."""
    return [n for n in names if _spelling(n).search(text)]


def named_share(names: list[str], acronyms: list[str], text: str) -> float:
    """The share of a question's pinyin names (``english_names``) and acronyms (``ACRONYM``: UBE)
    that ``text`` writes; 0 when it has none."""
    if not (names or acronyms):
        return 0.0
    found = len(names_found(names, text)) + sum(a in text for a in acronyms)
    return found / (len(names) + len(acronyms))


# what a name read in characters may name besides a place: 八一社区卫生服务站 (Bayi, also a county's name)
_NAMED_BY_IT = re.compile(r"\s?(?:社区|村|镇|乡|街道|路|小区|医院|卫生院|卫生服务站|服务站|诊所|学校|公园)")


def names_an_institution(name: str, text: str) -> bool:
    """Does ``text`` spell the name right before a community, street or institution (八一社区)?"""
    return re.search(f"(?:{_spelling(name).pattern}){_NAMED_BY_IT.pattern}", text) is not None


MAX_SPELLINGS = 8


@lru_cache(maxsize=1024)
def _spelling(name: str) -> re.Pattern[str]:
    """A pattern of the name's syllable splits ("xian": 西安 or 县), one character class each,
    allowing the stray spaces of OCR between characters."""
    chars = _chars_by_syllable()

    def splits(i: int) -> list[list[str]]:
        if i == len(name):
            return [[]]
        return [
            [name[i:j], *rest]
            for j in range(i + 1, min(i + 6, len(name)) + 1)
            if name[i:j] in chars
            for rest in splits(j)
        ]

    classes = [r"\s?".join(f"[{chars[s]}]" for s in split) for split in splits(0)[:MAX_SPELLINGS]]
    return re.compile("|".join(classes) or "(?!)")
