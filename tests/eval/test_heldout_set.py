"""The held-out question set (eval/heldout.jsonl), checked with eval/check_dev.py.

The set is only measured: no rule, weight or floor is fitted on it (see eval/README.md).
Schema and count checks run everywhere; evidence-in-page checks need ../shared/corpus.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.eval.datasets import (
    EVAL_DIR,
    answers_shared,
    cd,
    evidence_copied,
    load,
    longest_common_run,
    questions_repeated,
)

DATASET = EVAL_DIR / "heldout.jsonl"
DEV_DATASET = EVAL_DIR / "dev.jsonl"

EXPECTED_KINDS = {
    "number": 7,
    "name": 5,
    "date": 4,
    "place": 3,
    "paraphrase": 5,
    "english": 6,
    "unanswerable": 10,
}
# A question may not copy this many consecutive characters of its evidence (after normalisation).
MAX_COPIED_CHARS = 7


@pytest.fixture(scope="module")
def items() -> list[dict]:
    return load(DATASET)


@pytest.fixture(scope="module")
def dev_items() -> list[dict]:
    return load(DEV_DATASET)


# ------------------------------------------------------------------ the held-out set, no corpus


def test_schema_is_valid(items: list[dict]) -> None:
    problems, warnings = cd.check_schema(items)
    assert problems == []
    assert warnings == []


def test_ids_are_sequential(items: list[dict]) -> None:
    assert [i["id"] for i in items] == [f"h{n:03d}" for n in range(1, len(items) + 1)]


def test_counts(items: list[dict]) -> None:
    summary = cd.summarize(items)
    assert summary["total"] == 40
    assert summary["by_kind"] == EXPECTED_KINDS
    assert summary["by_lang"] == {"en": 8, "zh": 32}
    assert summary["by_lang_kind"]["en/english"] == 6
    assert summary["by_lang_kind"]["en/unanswerable"] == 2
    assert len(summary["by_page"]) == 5


def test_no_answer_and_source_shared_with_dev(items: list[dict], dev_items: list[dict]) -> None:
    assert answers_shared(items, dev_items) == []


def test_no_question_repeats_a_dev_question(items: list[dict], dev_items: list[dict]) -> None:
    assert questions_repeated(items, dev_items) == []


def test_questions_do_not_copy_their_evidence(items: list[dict]) -> None:
    assert evidence_copied(items, MAX_COPIED_CHARS) == []


def test_longest_common_run() -> None:
    assert longest_common_run("abcdef", "xxcdexx") == 3
    assert longest_common_run("abc", "xyz") == 0


# ------------------------------------------------------------------ against the user's pages


@pytest.mark.corpus
def test_evidence_is_contiguous_in_pages(items: list[dict], corpus_dir: Path) -> None:
    corpus = cd.load_corpus(corpus_dir)
    assert len(corpus) >= 5
    assert cd.check_evidence(items, corpus) == []


@pytest.mark.corpus
def test_every_page_has_several_questions(items: list[dict], corpus_dir: Path) -> None:
    pages = cd.summarize(items)["by_page"]
    for name in cd.load_corpus(corpus_dir):
        assert pages.get(name, 0) >= 5, name
