"""The held-out refusal sets (eval/heldout_refusal.jsonl, heldout_refusal2 … 37) and the sets of
off-topic and general questions (eval/heldout_offtopic.jsonl, heldout_offtopic2 … 25), checked with
eval/check_dev.py. ``SETS`` lists them in the order they were written, each with its id prefix
(ra001 … for the nineteenth refusal set, oa001 … for the seventh off-topic set, and so on);
eval/README.md describes each.

Each was written without seeing the system's answers, for measuring the refusal gate: 16 answerable
questions and 24 unanswerable ones shaped like them (in the off-topic sets: off-topic and general
questions), 8 of each kind (eval/README.md). They are only measured: no rule, weight or floor is
fitted on a set before it is read. Every set has the same shape, so one table drives the same
checks for all of them. Schema and count checks run everywhere; evidence-in-page checks need
../shared/corpus.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.eval.datasets import EVAL_DIR, answers_shared, cd, evidence_copied, load, questions_repeated


@dataclass(frozen=True)
class RefusalSet:
    file: str
    prefix: str  # ids are r001, s001, …
    kinds: dict[str, int]


_NARROW = {"number": 3, "name": 3, "date": 3, "place": 2, "paraphrase": 3, "english": 2, "unanswerable": 24}
# In the order they were written: each may not repeat the sets before it.
SETS = (
    RefusalSet(
        "heldout_refusal.jsonl",
        "r",
        {"number": 5, "name": 3, "date": 2, "place": 2, "paraphrase": 2, "english": 2, "unanswerable": 24},
    ),
    RefusalSet(
        "heldout_refusal2.jsonl",
        "s",
        {"number": 3, "name": 3, "date": 3, "place": 3, "paraphrase": 2, "english": 2, "unanswerable": 24},
    ),
    RefusalSet("heldout_refusal3.jsonl", "t", _NARROW),
    RefusalSet("heldout_refusal4.jsonl", "u", _NARROW),
    RefusalSet("heldout_refusal5.jsonl", "v", _NARROW),
    RefusalSet("heldout_refusal6.jsonl", "w", _NARROW),
    RefusalSet("heldout_refusal7.jsonl", "x", _NARROW),
    RefusalSet("heldout_refusal8.jsonl", "y", _NARROW),
    RefusalSet("heldout_refusal9.jsonl", "z", _NARROW),
    RefusalSet("heldout_refusal10.jsonl", "a", _NARROW),
    RefusalSet("heldout_refusal11.jsonl", "b", _NARROW),
    RefusalSet("heldout_refusal12.jsonl", "c", _NARROW),
    RefusalSet("heldout_refusal13.jsonl", "d", _NARROW),
    RefusalSet("heldout_refusal14.jsonl", "e", _NARROW),
    # Same id ranges as CATEGORY_IDS, other meanings: f017-f024 general health advice near the pages'
    # topics, f025-f032 institutions, places and statistics the pages do not cover, f033-f040 far
    # from the pages.
    RefusalSet("heldout_offtopic.jsonl", "f", _NARROW),
    # The same design, written independently: g017-g024 general health advice near the pages' topics,
    # g025-g032 institutions, places and statistics the pages do not cover, g033-g040 far from the pages.
    RefusalSet("heldout_offtopic2.jsonl", "g", _NARROW),
    # The same design, written independently of both: i017-i024 general health advice near the pages'
    # topics, i025-i032 institutions, places and statistics the pages do not cover, i033-i040 far from
    # the pages.
    RefusalSet("heldout_offtopic3.jsonl", "i", _NARROW),
    # The same design, written independently of the three: j017-j024 general health advice near the
    # pages' topics, j025-j032 institutions, places and statistics the pages do not cover, j033-j040 far
    # from the pages.
    RefusalSet("heldout_offtopic4.jsonl", "j", _NARROW),
    # The same design, written independently of the four: k017-k024 general health advice near the
    # pages' topics, k025-k032 institutions, places and statistics the pages do not cover, k033-k040 far
    # from the pages.
    RefusalSet("heldout_offtopic5.jsonl", "k", _NARROW),
    # A fifteenth refusal set, same design as heldout_refusal14.jsonl, written after the off-topic sets.
    RefusalSet("heldout_refusal15.jsonl", "l", _NARROW),
    # A sixteenth refusal set, same design as heldout_refusal15.jsonl, written independently after it.
    RefusalSet("heldout_refusal16.jsonl", "m", _NARROW),
    # A seventeenth refusal set, same design as heldout_refusal16.jsonl, written independently after it.
    RefusalSet("heldout_refusal17.jsonl", "n", _NARROW),
    # A sixth off-topic set, same design as heldout_offtopic5.jsonl, written independently of the five:
    # o017-o024 general health advice near the pages' topics, o025-o032 institutions, places and
    # statistics the pages do not cover, o033-o040 far from the pages.
    RefusalSet("heldout_offtopic6.jsonl", "o", _NARROW),
    # An eighteenth refusal set, same design as heldout_refusal17.jsonl, written independently after it.
    RefusalSet("heldout_refusal18.jsonl", "p", _NARROW),
    # A nineteenth refusal set, same design as heldout_refusal18.jsonl, written independently after it.
    RefusalSet("heldout_refusal19.jsonl", "ra", _NARROW),
    # A seventh off-topic set, same design as heldout_offtopic6.jsonl, written independently of the six:
    # oa017-oa024 general health advice near the pages' topics, oa025-oa032 institutions, places and
    # statistics the pages do not cover, oa033-oa040 far from the pages.
    RefusalSet("heldout_offtopic7.jsonl", "oa", _NARROW),
    # A twentieth refusal set, same design as heldout_refusal19.jsonl, written independently after it.
    RefusalSet("heldout_refusal20.jsonl", "rb", _NARROW),
    # An eighth off-topic set, same design as heldout_offtopic7.jsonl, written independently of the seven:
    # ob017-ob024 general health advice near the pages' topics, ob025-ob032 institutions, places and
    # statistics the pages do not cover, ob033-ob040 far from the pages.
    RefusalSet("heldout_offtopic8.jsonl", "ob", _NARROW),
    # A twenty-first refusal set, same design as heldout_refusal20.jsonl, written independently after it.
    RefusalSet("heldout_refusal21.jsonl", "rc", _NARROW),
    # A ninth off-topic set, same design as heldout_offtopic8.jsonl, written independently of the eight:
    # oc017-oc024 general health advice near the pages' topics, oc025-oc032 institutions, places and
    # statistics the pages do not cover, oc033-oc040 far from the pages.
    RefusalSet("heldout_offtopic9.jsonl", "oc", _NARROW),
    # A twenty-second refusal set, same design as heldout_refusal21.jsonl, written independently after it.
    RefusalSet("heldout_refusal22.jsonl", "rd", _NARROW),
    # A tenth off-topic set, same design as heldout_offtopic9.jsonl, written independently of the nine:
    # od017-od024 general health advice near the pages' topics, od025-od032 institutions, places and
    # statistics the pages do not cover, od033-od040 far from the pages.
    RefusalSet("heldout_offtopic10.jsonl", "od", _NARROW),
    # A twenty-third refusal set, same design as heldout_refusal22.jsonl, written independently after it.
    RefusalSet("heldout_refusal23.jsonl", "re", _NARROW),
    # An eleventh off-topic set, same design as heldout_offtopic10.jsonl, written independently of the ten:
    # oe017-oe024 general health advice near the pages' topics, oe025-oe032 institutions, places and
    # statistics the pages do not cover, oe033-oe040 far from the pages.
    RefusalSet("heldout_offtopic11.jsonl", "oe", _NARROW),
    # A twenty-fourth refusal set, same design as heldout_refusal23.jsonl, written independently after it.
    RefusalSet("heldout_refusal24.jsonl", "rf", _NARROW),
    # A twelfth off-topic set, same design as heldout_offtopic11.jsonl, written independently of the eleven:
    # of017-of024 general health advice near the pages' topics, of025-of032 institutions, places and
    # statistics the pages do not cover, of033-of040 far from the pages.
    RefusalSet("heldout_offtopic12.jsonl", "of", _NARROW),
    # A twenty-fifth refusal set, same design as heldout_refusal24.jsonl, written independently after it.
    RefusalSet("heldout_refusal25.jsonl", "rg", _NARROW),
    # A thirteenth off-topic set, same design as heldout_offtopic12.jsonl, written independently of the twelve:
    # og017-og024 general health advice near the pages' topics, og025-og032 institutions, places and
    # statistics the pages do not cover, og033-og040 far from the pages.
    RefusalSet("heldout_offtopic13.jsonl", "og", _NARROW),
    # A twenty-sixth refusal set, same design as heldout_refusal25.jsonl, written independently after it.
    RefusalSet("heldout_refusal26.jsonl", "rh", _NARROW),
    # A fourteenth off-topic set, same design as heldout_offtopic13.jsonl, written independently of the thirteen:
    # oh017-oh024 general health advice near the pages' topics, oh025-oh032 institutions, places and
    # statistics the pages do not cover, oh033-oh040 far from the pages.
    RefusalSet("heldout_offtopic14.jsonl", "oh", _NARROW),
    # A twenty-seventh refusal set, same design as heldout_refusal26.jsonl, written independently after it.
    RefusalSet("heldout_refusal27.jsonl", "ri", _NARROW),
    # A fifteenth off-topic set, same design as heldout_offtopic14.jsonl, written independently of the fourteen:
    # oi017-oi024 general health advice near the pages' topics, oi025-oi032 institutions, places and
    # statistics the pages do not cover, oi033-oi040 far from the pages.
    RefusalSet("heldout_offtopic15.jsonl", "oi", _NARROW),
    # A twenty-eighth refusal set, same design as heldout_refusal27.jsonl, written independently after it.
    RefusalSet("heldout_refusal28.jsonl", "rj", _NARROW),
    # A sixteenth off-topic set, same design as heldout_offtopic15.jsonl, written independently of the fifteen:
    # oj017-oj024 general health advice near the pages' topics, oj025-oj032 institutions, places and
    # statistics the pages do not cover, oj033-oj040 far from the pages.
    RefusalSet("heldout_offtopic16.jsonl", "oj", _NARROW),
    # A twenty-ninth refusal set, same design as heldout_refusal28.jsonl, written independently after it.
    RefusalSet("heldout_refusal29.jsonl", "rk", _NARROW),
    # A seventeenth off-topic set, same design as heldout_offtopic16.jsonl, written independently of the sixteen:
    # ok017-ok024 general health advice near the pages' topics, ok025-ok032 institutions, places and
    # statistics the pages do not cover, ok033-ok040 far from the pages.
    RefusalSet("heldout_offtopic17.jsonl", "ok", _NARROW),
    # A thirtieth refusal set, same design as heldout_refusal29.jsonl, written independently after it.
    RefusalSet("heldout_refusal30.jsonl", "rl", _NARROW),
    # An eighteenth off-topic set, same design as heldout_offtopic17.jsonl, written independently of the seventeen:
    # ol017-ol024 general health advice near the pages' topics, ol025-ol032 institutions, places and
    # statistics the pages do not cover, ol033-ol040 far from the pages.
    RefusalSet("heldout_offtopic18.jsonl", "ol", _NARROW),
    # A thirty-first refusal set, same design as heldout_refusal30.jsonl, written independently after it.
    RefusalSet("heldout_refusal31.jsonl", "rm", _NARROW),
    # A nineteenth off-topic set, same design as heldout_offtopic18.jsonl, written independently of the eighteen:
    # om017-om024 general health advice near the pages' topics, om025-om032 institutions, places and
    # statistics the pages do not cover, om033-om040 far from the pages.
    RefusalSet("heldout_offtopic19.jsonl", "om", _NARROW),
    # A thirty-second refusal set, same design as heldout_refusal31.jsonl, written independently after it.
    RefusalSet("heldout_refusal32.jsonl", "rn", _NARROW),
    # A twentieth off-topic set, same design as heldout_offtopic19.jsonl, written independently of the nineteen:
    # on017-on024 general health advice near the pages' topics, on025-on032 institutions, places and
    # statistics the pages do not cover, on033-on040 far from the pages.
    RefusalSet("heldout_offtopic20.jsonl", "on", _NARROW),
    # A thirty-third refusal set, same design as heldout_refusal32.jsonl, written independently after it.
    RefusalSet("heldout_refusal33.jsonl", "ro", _NARROW),
    # A twenty-first off-topic set, same design as heldout_offtopic20.jsonl, written independently of the twenty:
    # oo017-oo024 general health advice near the pages' topics, oo025-oo032 institutions, places and
    # statistics the pages do not cover, oo033-oo040 far from the pages.
    RefusalSet("heldout_offtopic21.jsonl", "oo", _NARROW),
    # A thirty-fourth refusal set, same design as heldout_refusal33.jsonl, written independently after it.
    RefusalSet("heldout_refusal34.jsonl", "rp", _NARROW),
    # A twenty-second off-topic set, same design as heldout_offtopic21.jsonl, written independently of the
    # twenty-one: op017-op024 general health advice near the pages' topics, op025-op032 institutions, places
    # and statistics the pages do not cover, op033-op040 far from the pages.
    RefusalSet("heldout_offtopic22.jsonl", "op", _NARROW),
    # A thirty-fifth refusal set, same design as heldout_refusal34.jsonl, written independently after it.
    RefusalSet("heldout_refusal35.jsonl", "rq", _NARROW),
    # A twenty-third off-topic set, same design as heldout_offtopic22.jsonl, written independently of the twenty-two:
    # or017-or024 general health advice near the pages' topics, or025-or032 institutions, places and
    # statistics the pages do not cover, or033-or040 far from the pages.
    RefusalSet("heldout_offtopic23.jsonl", "or", _NARROW),
    # A thirty-sixth refusal set, same design as heldout_refusal35.jsonl, written independently after it.
    RefusalSet("heldout_refusal36.jsonl", "rr", _NARROW),
    # A twenty-fourth off-topic set, same design as heldout_offtopic23.jsonl, written independently of the twenty-three:
    # os017-os024 general health advice near the pages' topics, os025-os032 institutions, places and
    # statistics the pages do not cover, os033-os040 far from the pages.
    RefusalSet("heldout_offtopic24.jsonl", "os", _NARROW),
    # A thirty-seventh refusal set, same design as heldout_refusal36.jsonl, written independently after it.
    RefusalSet("heldout_refusal37.jsonl", "rt", _NARROW),
    # A twenty-fifth off-topic set, same design as heldout_offtopic24.jsonl, written independently of the twenty-four:
    # ot017-ot024 general health advice near the pages' topics, ot025-ot032 institutions, places and
    # statistics the pages do not cover, ot033-ot040 far from the pages.
    RefusalSet("heldout_offtopic25.jsonl", "ot", _NARROW),
)
EARLIER_SETS = ("dev.jsonl", "heldout.jsonl")
# The three kinds of unanswerable question, by id (the data has no field for it):
# - missing_detail: a detail the article does not give about a subject it covers (an age, a count…)
# - nearby_body: a nearby or similar city, county, hospital or department the articles do not cover
# - swapped_figure: a year, month, edition, number or key noun that is not in the article
CATEGORY_IDS = {
    "missing_detail": range(17, 25),
    "nearby_body": range(25, 33),
    "swapped_figure": range(33, 41),
}
# A question may not copy this many consecutive characters of its evidence (after normalisation).
MAX_COPIED_CHARS = 7


def test_every_refusal_and_offtopic_set_is_checked() -> None:
    written = {
        p.name
        for pattern in ("heldout_refusal*.jsonl", "heldout_offtopic*.jsonl")
        for p in EVAL_DIR.glob(pattern)
    }
    assert written == {s.file for s in SETS}


@pytest.fixture(scope="module", params=SETS, ids=lambda s: s.file)
def refusal_set(request: pytest.FixtureRequest) -> RefusalSet:
    return request.param


@pytest.fixture(scope="module")
def items(refusal_set: RefusalSet) -> list[dict]:
    return load(EVAL_DIR / refusal_set.file)


@pytest.fixture(scope="module")
def other_items(refusal_set: RefusalSet) -> list[dict]:
    """The dev, held-out and earlier refusal questions, which this set may not repeat."""
    earlier = EARLIER_SETS + tuple(s.file for s in SETS[: SETS.index(refusal_set)])
    return [item for name in earlier for item in load(EVAL_DIR / name)]


# ------------------------------------------------------------------ the sets, no corpus


def test_schema_is_valid(items: list[dict]) -> None:
    problems, warnings = cd.check_schema(items)
    assert problems == []
    assert warnings == []


def test_ids_are_sequential(items: list[dict], refusal_set: RefusalSet) -> None:
    assert [i["id"] for i in items] == [f"{refusal_set.prefix}{n:03d}" for n in range(1, len(items) + 1)]


def test_counts(items: list[dict], refusal_set: RefusalSet) -> None:
    summary = cd.summarize(items)
    assert summary["total"] == 40
    assert summary["by_kind"] == refusal_set.kinds
    assert summary["by_lang"] == {"en": 7, "zh": 33}
    assert summary["by_lang_kind"]["en/english"] == 2
    assert summary["by_lang_kind"]["en/unanswerable"] == 5
    assert len(summary["by_page"]) == 5


def test_unanswerable_categories(items: list[dict], refusal_set: RefusalSet) -> None:
    unanswerable = [i["id"] for i in items if i["kind"] == "unanswerable"]
    by_category = [f"{refusal_set.prefix}{n:03d}" for ids in CATEGORY_IDS.values() for n in ids]
    assert sorted(by_category) == sorted(unanswerable)
    assert [len(ids) for ids in CATEGORY_IDS.values()] == [8, 8, 8]


def test_no_answer_and_source_shared_with_earlier_sets(items: list[dict], other_items: list[dict]) -> None:
    assert answers_shared(items, other_items) == []


def test_no_question_repeats_an_earlier_question(items: list[dict], other_items: list[dict]) -> None:
    assert questions_repeated(items, other_items) == []


def test_questions_do_not_copy_their_evidence(items: list[dict]) -> None:
    assert evidence_copied(items, MAX_COPIED_CHARS) == []


# ------------------------------------------------------------------ against the user's pages


@pytest.mark.corpus
def test_evidence_is_contiguous_in_pages(items: list[dict], corpus_dir: Path) -> None:
    corpus = cd.load_corpus(corpus_dir)
    assert len(corpus) >= 5
    assert cd.check_evidence(items, corpus) == []


@pytest.mark.corpus
def test_every_page_has_answerable_questions(items: list[dict], corpus_dir: Path) -> None:
    pages = cd.summarize(items)["by_page"]
    for name in cd.load_corpus(corpus_dir):
        assert pages.get(name, 0) >= 3, name
