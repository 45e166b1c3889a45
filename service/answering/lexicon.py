"""English words and the Chinese words that translate them, from CC-CEDICT (cedict.py): an English
question over Chinese articles has no terms in common with them, so its words are looked up here
to find the sentence that says what it asks ("silver awards" -> 银奖, "recurrence" -> 复发).

The dictionary goes from Chinese to English; it is read once, in reverse, keeping short glosses
only (a long explanation is no translation) and Chinese words of two to six characters (a single
character translates too many things).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from functools import lru_cache

from embeddings.keyword import bigram_tokens, word_tokens
from service.answering.cedict import entries
from service.answering.pinyin_names import english_names

_CJK_WORD = re.compile(r"[\u4e00-\u9fff]{2,6}")
_NO_TRANSLATION = (
    "surname ",
    "variant of",
    "old variant",
    "see ",
    "cl:",
    "used in",
    "erhua variant",
    "japanese variant",
    "abbr. for",
    "pr.",
    "also written",
)
_MOST_GLOSS_WORDS = 4
# Words too common to say what a question is about, in questions and in glosses
STOPWORDS = frozenset(
    "a an the of to in on at for by from with and or but as is are was were be been being do does did "
    "has have had what which who whom whose when where why how many much long old that this these those "
    "it its their they them he she his her there than then so such into over about after before during "
    "also each both any all some more most very one two three first new get got make made use used "
    "can could will would should may might must not no yes up out off per via etc sb sth oneself "
    "something someone kind type way good better best well".split()
)


# What CC-CEDICT lacks of the words Chinese health news counts by: a village or township clinic is
# a 卫生室 or 卫生院 ("How many village clinics…": 115个村卫生室).
_HEALTH_NEWS = {
    "clinic": ("卫生室", "卫生院", "卫生所", "卫生服务站", "诊所"),
}


@lru_cache(maxsize=1)
def english_to_chinese() -> dict[str, frozenset[str]]:
    """Every English gloss word -> the Chinese words it glosses."""
    found: defaultdict[str, set[str]] = defaultdict(set)
    for chinese, glosses in entries():
        if not _CJK_WORD.fullmatch(chinese):
            continue
        for gloss in glosses:
            for word in _gloss_words(gloss):
                found[word].add(chinese)
    for word, words in _HEALTH_NEWS.items():
        found[word].update(words)
    return {word: frozenset(chinese) for word, chinese in found.items()}


def _gloss_words(gloss: str) -> list[str]:
    gloss = re.sub(r"\([^)]*\)|\[[^\]]*\]", " ", gloss).strip().lower()
    if gloss.startswith(_NO_TRANSLATION):
        return []
    words = [w for w in re.findall(r"[a-z]+", gloss) if w not in STOPWORDS and len(w) > 1]
    return words if len(words) <= _MOST_GLOSS_WORDS else []


@lru_cache(maxsize=4096)
def translations(word: str) -> frozenset[str]:
    """The Chinese words an English word (any inflection we can undo) may translate to."""
    table = english_to_chinese()
    found: set[str] = set()
    for form in _forms(word.lower()):
        found |= table.get(form, frozenset())
    return frozenset(found)


def _forms(word: str) -> list[str]:
    """The word and what it may be inflected from: awards -> award, trained -> train, training ->
    train, studies -> study."""
    forms = [word]
    if word.endswith("ies") and len(word) > 4:
        forms.append(word[:-3] + "y")
    elif word.endswith("es") and len(word) > 4:
        forms += [word[:-2], word[:-1]]
    elif word.endswith("s") and not word.endswith("ss") and len(word) > 3:
        forms.append(word[:-1])
    for ending in ("ing", "ed"):
        if word.endswith(ending) and len(word) > len(ending) + 3:
            stem = word[: -len(ending)]
            forms += [stem, stem + "e"]
            if len(stem) > 2 and stem[-1] == stem[-2]:  # planned -> plan
                forms.append(stem[:-1])
    return forms


def english_terms(text: str) -> list[frozenset[str]]:
    """For each content word of an English question (not a pinyin name), its Chinese translations;
    words the dictionary does not know are left out."""
    return list(_english_terms(text))


@lru_cache(maxsize=256)  # the answerer ranks sentences by them, then the gate checks the answer
def _english_terms(text: str) -> tuple[frozenset[str], ...]:
    names = {n.lower() for n in english_names(text)}
    words = dict.fromkeys(
        w for w in re.findall(r"[a-z]+", text.lower()) if len(w) > 2 and w not in STOPWORDS and w not in names
    )
    return tuple(t for t in (translations(w) for w in words) if t)


def translated_share(terms: Sequence[frozenset[str]], sentence: str) -> float:
    """The share of ``terms`` with a translation among the sentence's words and bigrams."""
    return translated_count(terms, sentence) / len(terms) if terms else 0.0


def translated_count(terms: Sequence[frozenset[str]], sentence: str) -> int:
    """How many of ``terms`` have a translation among the sentence's words and bigrams."""
    return translated_among(terms, _tokens(sentence))


def translated_among(terms: Sequence[frozenset[str]], tokens: frozenset[str]) -> int:
    """How many of ``terms`` have a translation among ``tokens`` (words and bigrams)."""
    return sum(1 for t in terms if not t.isdisjoint(tokens))


@lru_cache(maxsize=8192)  # a sentence is scored for many questions, and the gate reads the answer again
def _tokens(text: str) -> frozenset[str]:
    return frozenset(word_tokens(text)) | frozenset(bigram_tokens(text))
