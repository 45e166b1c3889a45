"""Decides whether the retrieved articles answer the question, or we must say they do not.

Plausible unanswerable questions usually keep the topic and swap one detail (a nearby city,
another year, a hospital's director instead of its deputy), so similarity alone cannot see them.
The gate refuses when any of these fails, each calibrated on ``eval/dev.jsonl`` by
``eval/fit_answering.py``:
- kind: the question asks for a kind of item (a number of 床位, a date, a name) and the answer
  sentence holds none that the question does not already contain;
- specifics: places, people, organisations, hospitals, roles, acronyms, years and numbers the
  question names (``specifics.py``) must appear in the cited article, and its months, small
  figures and amounts paid for something (5420万元建起的…中心) must agree with it (``figures.py``;
  for English questions, ``english_specifics.py``: pinyin names, numbers, months, ordinals, the
  distinctive words of a body's English name and the capitalised names CC-CEDICT glosses, such as
  Dragon Boat Festival); a
  department, an award, a disease, a rate (回访率), a quoted name, an ordinal (第一医疗…) or an
  exclusive alternative (寒假 for 暑假, 每月 for 一次性, 县级 for the article's 市级 of the same
  thing: ``alternatives.py``) counts among them, and a Chinese answer
  that names only places unrelated to the question's (a 焦作 column inside a 鹤壁 article) is about
  somewhere else; an English question's conditions (diabetes: ``conditions.py``) must be there too,
  and its answer must translate at least one of its words (``lexicon.py``);
- support: the answer sentence must carry enough of the question's information (lexical
  coverage for Chinese questions, dense similarity for cross-lingual ones), and a Chinese answer's
  cited passage must be close to the question in e5's space (a cosine, unlike a word's rarity in
  the index, does not move as unrelated news joins the index);
- words: a Chinese question asking for no kind of item (怎样预防近视, 高血压吃什么药好) must find two of
  its content words in the answer sentence, its title or the text around it; one shared rare word
  is how off-topic questions get answered (an English one, three of its words translated in the
  answer); one asking about the whole country (全国一共有多少家…, nationwide) needs an answer set in
  the whole country, not in one city; a heading answers only a question asking what something
  is called, not one asking how or what of it; and a question asking only yes or no about nothing
  the articles could name (高血压病人能不能泡温泉) asks for advice, which news does not give; nor
  is a question answered that holds no dictionary word, pinyin name, figure or Chinese character
  ("asdf qwer", "🙂"): the embeddings would rank some sentence first all the same.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from embeddings.keyword import search_form
from service.answering.alternatives import swapped_alternatives
from service.answering.base import Draft
from service.answering.cited import around, cited_article, cited_dense, cited_text, near_answer
from service.answering.cues import asks_heading, asks_only_yes_or_no, asks_title, is_heading
from service.answering.english_specifics import english_specifics, missing_from_english, words_translated
from service.answering.figures import (
    cn_numeral,
    hospital_ordinals,
    months,
    states,
    swapped_amounts,
    swapped_figures,
)
from service.answering.frames import swapped_in_frame
from service.answering.honours import honours_missing
from service.answering.mentions import mentioned
from service.answering.pinyin_names import ACRONYM, english_names, short_and_naming
from service.answering.places import is_place, named_bare, place_mentioned
from service.answering.question import UNTYPED, Question
from service.answering.specifics import is_condition, specifics
from service.answering.words import pos_tagger
from service.config import DEFAULT_MODEL
from service.retrieval import Passage, read_in_simplified

_YEAR_IN_QUESTION = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")
# a figure, a Chinese character or an acronym (MRI, which Chinese articles write in Latin letters):
# something an article could hold though no English word of the question is in the dictionary
# ("asdf qwer" and "🙂" hold nothing)
_NAMEABLE = re.compile(rf"[\d\u4e00-\u9fff]|{ACRONYM.pattern}")
_NOTHING_TO_MATCH = "the question has no word, name or figure the articles could match"
_INSTITUTION_AFTER = re.compile(r"[^，,。；;、]{0,10}?(?:医院|大学|学院|法院|检察院)")
_CITED_FLOOR_MODELS = frozenset({DEFAULT_MODEL})
_MIN_TERMS_TO_TRANSLATE = 4
_MIN_TRANSLATED_SHARE = 0.2  # of those words, the answer must translate this share
# An English question asking no kind of item (what does…, how does…) needs this many of its words
# translated in the answer, the English form of the Chinese two-words rule. English counts more
# words that a dictionary gloss finds by chance (hospital 医院, city 市), hence three: measured on the
# read sets, two changes nothing and four refuses five right answers.
_MIN_UNTYPED_TRANSLATED = 3
# 全国一共有多少家…, 我国每年…: a national figure, which a city's or a hospital's is not
_NATIONAL = re.compile(r"(?:目前|现在|如今)?(?:全国|我国|中国|国内)")
_NATIONAL_EN = re.compile(
    r"\b(?:nationwide|nationally|across (?:the country|China)|in China|China's|"
    r"the whole country|which Chinese (?:city|cities|provinces?|regions?))\b",
    re.I,
)
# 国家 is left out: it mostly heads a name (国家临床重点专科, 国家呼吸区域医疗中心) that a hospital holds
_NATIONAL_SCOPE = re.compile(r"全国|我国|国内|中国")
# 那3个镇卫生院分别是哪几个, 五大中心具体是哪五个: the counted things by name, which an answer lists
_ASKS_EACH = re.compile(r"([两二三四五六七八九十\d]+)[个家位所名项大][^？?]{0,20}(?:分别|具体)(?:是|叫)")
_CONTENT_POS = ("n", "v", "a", "l", "j", "i", "t")  # t: 周末, and 过期, which the tagger takes for a time
_QUESTION_WORDS = frozenset(
    "多少 什么 哪些 哪个 哪家 哪里 为什么 怎么 怎样 如何 怎么办 一共 共有 主要 目前 今年 去年"
    " 近年 近日 情况 工作 方面 问题 时间 活动 应该 可以 能够 需要 有没有 是否 哪种".split()
)


@dataclass(frozen=True)
class GateDecision:
    answerable: bool
    reason: str


@dataclass
class AnswerabilityGate:
    min_support: float = 0.075
    min_dense_cross_lingual: float = 0.74
    min_dense_named: float = 0.70  # the same, when the cited article holds all the question's pinyin names
    # A Chinese answer's cited passage must be this close to the question (e5's cosine, which unlike
    # term rarity does not move as the index grows): among thousands of news articles an off-topic
    # question (冬天水管冻住了怎么解冻) otherwise finds a sentence sharing its words (水管工…).
    # Measured on e5's scale only: ``gate_for`` turns it off for other models.
    min_dense_cited: float = 0.86
    check_specifics: bool = True
    check_kind: bool = True

    def decide(self, question: Question, passages: Sequence[Passage], draft: Draft) -> GateDecision:
        passages, draft = read_in_simplified(passages), draft.in_simplified()  # traditional articles
        if not passages or not draft.parts:
            return GateDecision(False, "nothing retrieved")
        if self.check_kind and draft.kind_found is False:
            return GateDecision(False, f"the answer names no {question.answer_type}")
        article = cited_article(passages, draft)
        translated = (0, 0)  # of an English question's words, how many the answer translates, of how many
        if question.lang == "en" or question.weight <= 0:
            missing = missing_from_english(question.text, article)
            named = _short_and_named(question, missing)
            floor = self.min_dense_named if named else self.min_dense_cross_lingual
            top_dense = passages[0].dense or 0.0
            if top_dense < floor:
                return GateDecision(False, f"dense {top_dense:.3f} < {floor}")
            held, words = translated = words_translated(question.text, cited_text(passages, draft))
            if words == 0 and not _NAMEABLE.search(question.text) and not english_names(question.text):
                return GateDecision(False, _NOTHING_TO_MATCH)
            if words >= _MIN_TERMS_TO_TRANSLATE and held < _MIN_TRANSLATED_SHARE * words:
                return GateDecision(False, f"the answer translates {held} of the question's {words} words")
        else:
            if draft.support < self.min_support:
                return GateDecision(False, f"support {draft.support:.2f} < {self.min_support}")
            cited = cited_dense(passages, draft)
            if cited is not None and cited < self.min_dense_cited:
                return GateDecision(False, f"cited passage's dense {cited:.3f} < {self.min_dense_cited}")
            missing = _missing_from_chinese(question.text, search_form(article))
        missing += _years_outside_answer(question.text, passages, draft)
        if self.check_specifics and missing:
            return GateDecision(False, "not in the cited article: " + ", ".join(missing))
        elsewhere = _places_elsewhere(question.text, passages, draft) if question.lang != "en" else []
        if self.check_specifics and elsewhere:
            return GateDecision(False, "the answer is about another place: " + ", ".join(elsewhere))
        refusal = self._form_refusal(question, passages, draft, translated)
        if refusal:
            return GateDecision(False, refusal)
        return GateDecision(True, f"support {draft.support:.2f}")

    def _form_refusal(
        self, question: Question, passages: Sequence[Passage], draft: Draft, translated: tuple[int, int]
    ) -> str | None:
        """What a question's form asks of its answer: enough of its words (``_too_few_words``); a list
        when it asks for each of several (分别是哪几个); a national scope when it asks about the whole
        country (全国一共有多少家…, nationwide, China's…)."""
        near = near_answer(passages, draft)
        english = question.lang == "en"
        too_few = _too_few_words(question, near, translated) if self.check_kind else None
        if too_few:
            return too_few
        if self.check_kind and not english and not _lists_each(question.text, draft):
            return "the question asks for each of several things by name, the answer lists none"
        if self.check_kind and _only_a_heading(question, draft):
            return "the answer is only a heading"
        if self.check_specifics and asks_only_yes_or_no(question) and not _names_anything(question):
            return "the question asks only yes or no, about nothing the articles name"
        if english:
            national = _NATIONAL_EN.search(question.text)
        else:
            national = _NATIONAL.match(search_form(question.text))
        if self.check_specifics and national and not _NATIONAL_SCOPE.search(near):
            return "the question asks about the whole country, the answer does not"
        return None


def gate_for(embedding_model: str) -> AnswerabilityGate:
    """The gate for an index embedded by ``embedding_model``. The cited passage's dense floor was
    measured on e5's cosines; another model's cosines have another scale (a bag of characters' sit
    far below 0.86 for a right answer), so for it that floor is off."""
    if embedding_model in _CITED_FLOOR_MODELS:
        return AnswerabilityGate()
    return AnswerabilityGate(min_dense_cited=0.0)


def _short_and_named(question: Question, missing: list[str]) -> bool:
    """Is this a short English question whose pinyin names the cited article all holds
    (``short_and_naming``)? Its dense floor is lower."""
    if question.lang != "en" or not short_and_naming(question.text):
        return False
    return not set(english_names(question.text)) & set(missing)


def _too_few_words(question: Question, near: str, translated: tuple[int, int]) -> str | None:
    """A Chinese question needs two of its content words around the answer when it asks for no kind
    of item, one when it does (篮球比赛每一节打多少分钟 is no 1分钟自救); an English one asking for
    no kind of item needs three of its words translated in the answer (``translated``: how many of
    how many). One shared rare word is how off-topic questions get answered."""
    untyped = question.answer_type in UNTYPED
    if question.lang == "en":
        held, words = translated
        if untyped and held < min(_MIN_UNTYPED_TRANSLATED, words):
            return (
                f"the answer translates {held} of the question's {words} words, "
                "and the question asks for no kind of item"
            )
        return None
    held, words = _question_words_held(question.text, near)
    if held < min(2 if untyped else 1, words):
        return f"the answer holds {held} of the question's {words} words"
    return None


def _only_a_heading(question: Question, draft: Draft) -> bool:
    """A heading names what an article is about; it does not say how, why or what of it. When it is
    the best answer to a question asking no kind of item, the article does not answer (a title
    answers only a question asking what something is called, or what a heading says)."""
    return (
        question.answer_type == "other"
        and not asks_title(question.text)
        and not asks_heading(question.text)
        and all(is_heading(p.text) for p in draft.parts)
    )


def _names_anything(question: Question) -> bool:
    """Does the question name a place, body, person, year or figure (news reports on those; a yes or no
    question naming none asks for general advice: 高血压病人能不能泡温泉, 白内障手术前要不要停药)? A
    condition is what such advice is about, so it does not count."""
    if question.lang == "en":
        return any(english_specifics(question.text))
    return any(not is_condition(s) for s in specifics(question.text))


def _lists_each(text: str, draft: Draft) -> bool:
    """Does the answer list the things a question asks for one by one (那3个镇卫生院分别是哪几个:
    A、B、C; 那两个党支部分别是哪两个: A和B)? True when it asks for no such list."""
    each = _ASKS_EACH.search(search_form(text))
    if each is None:
        return True
    separators = "、|和|与|及" if each.group(1) in ("两", "二", "2") else "、"
    return re.search(separators, "".join(p.text for p in draft.parts)) is not None


def _missing_from_chinese(text: str, context: str) -> list[str]:
    """Specifics, months and numbered hospitals of a Chinese question the article lacks, and figures,
    alternatives or nouns in the article's phrases it swapped."""
    missing = [s for s in specifics(text) if not mentioned(s, context)]
    missing += [f"{m}月" for m in months(text) if not states(m, "月", context)]
    missing += [
        f"第{cn_numeral(v)}{kind}" for v, kind in hospital_ordinals(text) if not states(v, kind, context)
    ]
    question = search_form(text)
    missing += swapped_figures(question, context) + swapped_amounts(question, context)
    missing += swapped_alternatives(text, context) + honours_missing(question, context)
    return missing + swapped_in_frame(question, context)


def _places_elsewhere(text: str, passages: Sequence[Passage], draft: Draft) -> list[str]:
    """The places the answer names when it names none of the question's nor any place holding or
    held by one (a column on 焦作 next to one on 鹤壁, in the same OCR'd article). A place in a
    hospital's, university's or court's name (北京儿童医院; 杭州铁路运输法院, which tried a case from
    四川) is not where the answer happens. An asked district
    may be named bare by the answer (新都区: 新都新蜀环卫公司)."""
    asked = [s for s in specifics(text) if is_place(s)]
    # the asked place may stand in the rest of a sentence an LLM quotes part of (its cited span is
    # the whole sentence); the places the answer names are those of its own words
    sentences = search_form(cited_text(passages, draft))
    if not asked or any(place_mentioned(q, sentences) or named_bare(q, sentences) for q in asked):
        return []
    answer = search_form("".join(p.text for p in draft.parts))
    named, at = [], 0
    for word, _ in pos_tagger()(answer):
        at += len(word)
        if is_place(word) and not _INSTITUTION_AFTER.match(answer, at):
            named.append(word)
    related = any(place_mentioned(n, q) or place_mentioned(q, n) for n in named for q in asked)
    return [] if related else list(dict.fromkeys(named))


def _years_outside_answer(text: str, passages: Sequence[Passage], draft: Draft) -> list[str]:
    """A year the question names, when the answer (its sentence or the text just before it) is set in
    another year and not in that one: 2019年下半年 is not answered by a sentence on 2020年上半年.
    An answer that names no year is left to the article-wide check."""
    near = "".join(search_form(around(passages, part)) for part in draft.parts)
    years_near = set(_YEAR_IN_QUESTION.findall(near))
    asked = _YEAR_IN_QUESTION.findall(search_form(text))
    return [y for y in asked if years_near and y not in years_near]


def _question_words_held(text: str, near: str) -> tuple[int, int]:
    """How many of a question's content words the text around the answer (``near_answer``) holds,
    and how many it has. A question with no asked kind (怎样预防近视, 高血压吃什么药好) is otherwise
    answered by any sentence sharing one rare word."""
    words = [
        w
        for w, pos in pos_tagger()(search_form(text))
        if len(w) >= 2 and pos.startswith(_CONTENT_POS) and w not in _QUESTION_WORDS
    ]
    return sum(mentioned(w, near) for w in dict.fromkeys(words)), len(set(words))
