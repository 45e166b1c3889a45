"""What an English question names, which the cited (Chinese) article must name too, and how much of
the question an answer translates.

Pinyin and foreign names (Djibouti: 吉布提), numbers, months, ordinals and conditions; the kind of
hospital (People's Hospital: 人民医院), the distinctive words of a body's English name (Friendship),
the capitalised names CC-CEDICT glosses (Dragon Boat Festival: 端午节) and the time of day (afternoon:
下午). The Chinese question's specifics are ``specifics.py``'s.
"""

from __future__ import annotations

import itertools
import re

from embeddings.keyword import search_form
from service.answering.cedict import TITLED, titled_phrases
from service.answering.conditions import conditions_missing
from service.answering.figures import english_figures, states
from service.answering.lexicon import english_terms, translated_count, translations
from service.answering.pinyin_names import english_names, foreign_names, names_an_institution, names_found
from service.answering.places import place_mentioned, places_by_pinyin

# not ordinals: "14th" Five-Year Plan is 十四五; 3,000 is 3000, as Chinese articles write it
_EN_NUMBER = re.compile(r"\b\d{1,3}(?:,\d{3})+(?:\.\d+)?\b|\b\d+(?:\.\d+)?\b")
# a road's, train's or flight's code (G107, K1234, MU5735), which the article writes as it is
_EN_CODE = re.compile(r"\b[A-Z]{1,2}\d{2,4}\b")
# the time of day an English question names, as the article writes it ("on the afternoon of April
# 19" is not the article's 4月19日上午)
_EN_TIMES_OF_DAY = {"morning": "上午|早上|早晨|清晨", "afternoon": "下午|午后", "evening": "晚上|傍晚|晚间"}
_ANY_TIME_OF_DAY = re.compile("|".join(_EN_TIMES_OF_DAY.values()))


# the kind of hospital an English question names, which the article must name as such ("Tianjin
# People's Hospital" is not the article's 天津市第一中心医院)
_EN_HOSPITAL_KINDS = (
    (re.compile(r"\bpeople['’]?s hospital\b", re.I), "人民医院"),
    (re.compile(r"\bcentral hospital\b", re.I), "中心医院"),
    (re.compile(r"\bchildren['’]?s hospital\b", re.I), "儿童医院"),
    (
        re.compile(r"\bmaternal and child(?: health)?(?: care)? hospital\b", re.I),
        "妇幼保健院|妇幼保健医院|妇幼医院",
    ),
    (
        re.compile(
            r"\b(?:tcm|traditional chinese medicine|chinese medicine) hospital\b"
            r"|\bhospital of (?:traditional )?chinese medicine\b",
            re.I,
        ),
        "中医院|中医医院",
    ),
    (re.compile(r"\b(?:cancer|tumou?r) hospital\b", re.I), "肿瘤医院"),
)


def hospital_kinds_missing(question_text: str, context: str) -> list[str]:
    """The kinds of hospital an English question names that ``context`` (Chinese) never names."""
    return [
        m.group(0)
        for pattern, chinese in _EN_HOSPITAL_KINDS
        if (m := pattern.search(question_text)) and not re.search(chinese, context)
    ]


# "China-Japan Friendship Hospital": the English words of a body's name, which a swapped question
# changes (the article's 北京天坛医院); the words of a kind or rank are hospital_kinds_missing's
_EN_BODY = re.compile(
    r"((?:[A-Z][\w'’-]*\s+)+)(?:Hospital|Cent(?:er|re)|Commission|Association|Foundation|Court|"
    r"Procuratorate|Bureau|University|School|Company|Group)\b"
)
_EN_GENERIC_NAME_WORDS = frozenset(
    "the of and first second third fourth fifth affiliated people people's peoples central provincial "
    "municipal county district city general medical university college traditional chinese medicine "
    "health maternal child children children's care cancer tumor tumour hospital center centre national "
    "new branch tcm disease control prevention town township village community service station clinic "
    "institute intermediate higher supreme no middle primary high".split()
)


# English names of Chinese bodies that no dictionary gloss gives (Peking Union Medical College: 协和;
# a Rehabilitation Hospital is a 康复医院, CC-CEDICT glosses "rehabilitation" only as 复健 and the like)
_EN_NAME_WORDS = {"union": frozenset(("协和",)), "rehabilitation": frozenset(("康复",))}


def english_body_words_missing(question_text: str, context: str) -> list[str]:
    """The words of the bodies an English question names in English (Friendship) that translate to
    nothing in ``context``."""
    missing = []
    for m in _EN_BODY.finditer(question_text):
        for word in re.split(r"[\s-]+", m.group(1).strip()):
            bare = re.sub(r"['’]s$", "", word).lower()
            if bare in _EN_GENERIC_NAME_WORDS or bare in english_names(word):
                continue
            chinese = translations(bare) | _EN_NAME_WORDS.get(bare, frozenset())
            if chinese and not any(c in context for c in chinese):
                missing.append(word)
    return missing


# Holidays Chinese news names by their date (“五一”假期, 十一黄金周), which CC-CEDICT glosses only
# under their other names (国际劳动节: May Day)
_DATE_NAMED_HOLIDAYS = {"may day": frozenset(("五一",)), "national day": frozenset(("十一",))}


def english_titles_missing(question_text: str, context: str) -> list[str]:
    """The capitalised names of an English question that CC-CEDICT glosses (Dragon Boat Festival:
    端午节) and ``context`` names in none of their Chinese forms."""
    missing = []
    for run in TITLED.finditer(question_text):
        words = run.group(0).split()
        for start, end in itertools.combinations(range(len(words) + 1), 2):
            if end - start < 2:
                continue
            phrase = " ".join(words[start:end])
            key = phrase.lower()
            chinese = titled_phrases().get(key, frozenset()) | _DATE_NAMED_HOLIDAYS.get(key, frozenset())
            if chinese and not any(c in context for c in chinese):
                missing.append(phrase)
    return missing


def english_specifics(question_text: str) -> tuple[list[str], list[str]]:
    """Pinyin names and numbers (of two or more digits) an English question names."""
    numbers = [n.replace(",", "") for n in _EN_NUMBER.findall(question_text)]
    return english_names(question_text), [n for n in numbers if len(n) >= 2]


def missing_from_english(text: str, article: str) -> list[str]:
    """Pinyin and foreign names (Djibouti: 吉布提), numbers, months, ordinals and conditions of an
    English question the article lacks."""
    names, numbers = english_specifics(text)
    context = search_form(article)
    found = names_found(names, article)
    missing = [n for n in names if not _name_is_there(n, found, article)]
    missing += [n for n in numbers if n not in context] + conditions_missing(text, context)
    missing += [c for c in _EN_CODE.findall(text) if c.lower() not in context]  # context is lower-case
    missing += hospital_kinds_missing(text, context) + english_body_words_missing(text, context)
    missing += english_titles_missing(text, context) + _time_of_day_missing(text, context)
    missing += [
        name for name, chinese in foreign_names(text) if not any(c in context for c in chinese if len(c) >= 2)
    ]  # 德 of 德国 is found by chance
    return missing + [f"{v}{unit}" for v, unit in english_figures(text) if not states(v, unit, context)]


def words_translated(text: str, answer: str) -> tuple[int, int]:
    """How many of an English question's known words the cited source text ``answer`` holds a
    translation of, and how many it has. An answer that translates under a fifth of a question's
    several known words is about something else, whatever the embeddings say: one word of six or
    more (a dictionary gloss of "heat" or "festival") is found by chance in many sentences."""
    terms = english_terms(text)
    return translated_count(terms, search_form(answer)), len(terms)


def _name_is_there(name: str, found: list[str], article: str) -> bool:
    """A pinyin name that is a known place (Jincheng: 晋城) must be that place, not any characters
    that read so (进程), unless they name a community or an institution (Bayi: 八一社区, not the
    county 巴宜); other names (Tiantan) are matched by their readings, and any name the article
    writes in Latin letters is there."""
    if re.search(f"(?<![a-z]){re.escape(name)}(?![a-z])", article, re.I):
        return True  # written in Latin letters: 哈仙达岗医疗中心（hacienda healthcare）
    places = places_by_pinyin(name)
    if places:
        compact = "".join(article.split())  # OCR puts spaces between characters
        return any(place_mentioned(place, compact) for place in places) or names_an_institution(name, compact)
    return name in found


def _time_of_day_missing(text: str, context: str) -> list[str]:
    """The time of day an English question names, when the article gives another one and not it."""
    if not _ANY_TIME_OF_DAY.search(context):
        return []
    return [
        time
        for time, chinese in _EN_TIMES_OF_DAY.items()
        if re.search(rf"\b{time}\b", text, re.I) and not re.search(chinese, context)
    ]
