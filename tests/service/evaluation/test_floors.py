"""Quality floors: metrics below their floor fail, ceilings (wrongly_refused, latency_*) fail above."""

from __future__ import annotations

import json
from pathlib import Path

from service.evaluation.floors import check_floors

SUMMARY = {"hit@5": 0.9, "answer_accuracy": 0.8, "wrongly_refused": 0.1, "latency_p95_ms": 120.0}


def floors(tmp_path: Path, bounds: dict[str, float]) -> Path:
    path = tmp_path / "floors.json"
    path.write_text(json.dumps(bounds), encoding="utf-8")
    return path


def test_metrics_at_or_above_their_floors_and_under_their_ceilings_pass(tmp_path: Path) -> None:
    bounds = {"hit@5": 0.9, "answer_accuracy": 0.7, "wrongly_refused": 0.1, "latency_p95_ms": 200}
    assert check_floors(SUMMARY, floors(tmp_path, bounds)) == []


def test_a_metric_below_its_floor_fails_naming_it(tmp_path: Path) -> None:
    failures = check_floors(SUMMARY, floors(tmp_path, {"hit@5": 0.95, "answer_accuracy": 0.5}))
    assert failures == ["hit@5 = 0.9 below the floor 0.95"]


def test_wrongly_refused_and_latency_are_ceilings(tmp_path: Path) -> None:
    failures = check_floors(SUMMARY, floors(tmp_path, {"wrongly_refused": 0.05, "latency_p95_ms": 100}))
    assert failures == [
        "wrongly_refused = 0.1 above the ceiling 0.05",
        "latency_p95_ms = 120.0 above the ceiling 100",
    ]
    # a low value is fine for a ceiling, where it would fail a floor
    assert check_floors({"wrongly_refused": 0.0}, floors(tmp_path, {"wrongly_refused": 0.12})) == []


def test_a_metric_the_summary_lacks_is_reported(tmp_path: Path) -> None:
    failures = check_floors(SUMMARY, floors(tmp_path, {"citation_precision": 0.8, "hit@5": 0.5}))
    assert failures == ["citation_precision: not measured"]


def test_the_repository_floors_name_only_measured_metrics(tmp_path: Path) -> None:
    from service.evaluation.metrics import summarize

    repo_floors = Path(__file__).resolve().parents[3] / "eval" / "floors.json"
    names = set(json.loads(repo_floors.read_text(encoding="utf-8")))
    assert names <= set(summarize([])), "a typo in eval/floors.json would fail CI as 'not measured'"
