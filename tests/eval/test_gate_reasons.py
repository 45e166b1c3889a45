"""eval/gate_reasons.py: the gate's first failing check, tallied per kind of question."""

from __future__ import annotations

from types import ModuleType

from tests.eval.datasets import load_script


def _module() -> ModuleType:
    return load_script("gate_reasons.py")


def test_a_reason_names_its_check_without_figures_or_items() -> None:
    check_of = _module().check_of
    assert check_of("support 0.06 < 0.08") == "support"
    assert check_of("dense 0.701 < 0.74") == "dense"
    assert check_of("not in the cited article: 住宅, 2020") == "not in the cited article"
    assert check_of("the answer names no number") == "the answer names no number"


def test_answered_questions_and_refusals_are_counted_apart_per_kind() -> None:
    counts = _module().tally(
        [
            (True, True, "support 0.40", True),
            (True, False, "support 0.02 < 0.08", False),
            (True, False, "not in the cited article: 三个一", True),
            (False, False, "not in the cited article: 焦作", False),
            (False, False, "not in the cited article: 2019", False),
            (False, True, "support 0.50", False),
        ]
    )
    assert counts == {
        "answerable": {"answered": 1, "support": 1, "not in the cited article": 1},
        "unanswerable": {"not in the cited article": 2, "answered": 1},
        "refused although right": {"not in the cited article": 1},
    }
