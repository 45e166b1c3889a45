"""The fifth refusal held-out set (eval/heldout_refusal5.jsonl), checked with eval/check_dev.py.

Written without seeing the system's answers (nobody ran the QA system or its retrieval on its
questions, and its author did not read the gate's code), for measuring the refusal gate again once
heldout_refusal4.jsonl is spent: 24 unanswerable questions and 16 answerable ones shaped like them.
It is only measured: no rule, weight or floor is fitted on it (see eval/README.md). Schema and count
checks run everywhere; evidence-in-page checks need ../shared/corpus.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.eval.datasets import EVAL_DIR, answers_shared, cd, evidence_copied, load, questions_repeated

DATASET = EVAL_DIR / "heldout_refusal5.jsonl"
OTHER_DATASETS = (
    EVAL_DIR / "dev.jsonl",
    EVAL_DIR / "heldout.jsonl",
    EVAL_DIR / "heldout_refusal.jsonl",
    EVAL_DIR / "heldout_refusal2.jsonl",
    EVAL_DIR / "heldout_refusal3.jsonl",
    EVAL_DIR / "heldout_refusal4.jsonl",
)

EXPECTED_KINDS = {
    "number": 3,
    "name": 3,
    "date": 3,
    "place": 2,
    "paraphrase": 3,
    "english": 2,
    "unanswerable": 24,
}
# The three kinds of unanswerable question (eval/README.md), by id. The data has no field for it.
UNANSWERABLE_CATEGORIES = {
    # a detail the article does not give about a subject it covers (date, name, duration, reason, cost, ...)
    "missing_detail": [f"v{n:03d}" for n in range(17, 25)],
    # a nearby or similar city, county, hospital or department the articles do not cover
    "nearby_body": [f"v{n:03d}" for n in range(25, 33)],
    # a year, period, number, rank or key noun that is not in the article
    "swapped_figure": [f"v{n:03d}" for n in range(33, 41)],
}
# A question may not copy this many consecutive characters of its evidence (after normalisation).
MAX_COPIED_CHARS = 7


@pytest.fixture(scope="module")
def items() -> list[dict]:
    return load(DATASET)


@pytest.fixture(scope="module")
def other_items() -> list[dict]:
    """The dev, held-out and first four refusal held-out questions, which this set may not repeat."""
    return [item for path in OTHER_DATASETS for item in load(path)]


# ------------------------------------------------------------------ the fifth refusal set, no corpus


def test_schema_is_valid(items: list[dict]) -> None:
    problems, warnings = cd.check_schema(items)
    assert problems == []
    assert warnings == []


def test_ids_are_sequential(items: list[dict]) -> None:
    assert [i["id"] for i in items] == [f"v{n:03d}" for n in range(1, len(items) + 1)]


def test_counts(items: list[dict]) -> None:
    summary = cd.summarize(items)
    assert summary["total"] == 40
    assert summary["by_kind"] == EXPECTED_KINDS
    assert summary["by_lang"] == {"en": 7, "zh": 33}
    assert summary["by_lang_kind"]["en/english"] == 2
    assert summary["by_lang_kind"]["en/unanswerable"] == 5
    assert len(summary["by_page"]) == 5


def test_unanswerable_categories(items: list[dict]) -> None:
    unanswerable = [i["id"] for i in items if i["kind"] == "unanswerable"]
    by_category = [qid for ids in UNANSWERABLE_CATEGORIES.values() for qid in ids]
    assert sorted(by_category) == sorted(unanswerable)
    assert [len(ids) for ids in UNANSWERABLE_CATEGORIES.values()] == [8, 8, 8]


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
