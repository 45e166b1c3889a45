"""eval/gate_residue.py: the signals of what the gate accepts, and a combiner scored set by set."""

from __future__ import annotations

from types import ModuleType

import numpy as np

from tests.eval.datasets import load_script


def _module() -> ModuleType:
    return load_script("gate_residue.py")


def _rows(module: ModuleType, separable: bool) -> list:
    rng = np.random.default_rng(0)
    rows = []
    for dataset in ("a.jsonl", "b.jsonl", "c.jsonl"):
        for k in range(30):
            answerable = k % 3 != 0
            shift = (1.0 if answerable else -1.0) if separable else 0.0
            signals = tuple(float(v) for v in rng.normal(shift, 0.2, len(module.SIGNALS)))
            rows.append(module.Row(dataset, answerable, signals))
    return rows


def test_a_signal_that_separates_refuses_every_unanswerable_question_of_an_unseen_set() -> None:
    module = _module()
    counts = module.leave_one_set_out(_rows(module, separable=True))
    assert counts[0.5] == {"answerable_refused": 0, "unanswerable_refused": 30}


def test_noise_refuses_both_kinds_alike() -> None:
    module = _module()
    counts = module.leave_one_set_out(_rows(module, separable=False))[0.5]
    assert counts["answerable_refused"] > 10 and counts["unanswerable_refused"] < 30


def test_medians_are_taken_per_kind() -> None:
    module = _module()
    n = len(module.SIGNALS)
    rows = [
        module.Row("a", True, (1.0,) * n),
        module.Row("a", False, (0.0,) * n),
        module.Row("a", True, (3.0,) * n),
    ]
    assert module.medians(rows)["support"] == {"answerable": 2.0, "unanswerable": 0.0}
