"""eval/carry_over.py: weights chosen on the read sets alone, then the unread sets' totals only."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

from tests.eval.datasets import EVAL_DIR, FLU_QUESTIONS, fixture_index, load_script, write_set


def _module() -> ModuleType:
    return load_script("carry_over.py")


def test_a_grid_names_fields_of_the_weights() -> None:
    module = _module()
    assert module.parse_grid(["window=0.5,0.7", "entity=0.3"]) == {"window": [0.5, 0.7], "entity": [0.3]}
    with pytest.raises(SystemExit, match="windw"):
        module.parse_grid(["windw=0.5"])
    with pytest.raises(SystemExit, match="entity"):
        module.parse_grid(["entity="])
    # the settings of a grid are fit_answering's, which fits dev
    assert load_script("fit_answering.py").grid({"window": [0.5, 0.7], "entity": [0.3]}) == [
        {"window": 0.5, "entity": 0.3},
        {"window": 0.7, "entity": 0.3},
    ]
    assert module.parse_inews("health:/tmp/i:a,c") == ("health", Path("/tmp/i"), {"a", "c"})


def test_a_grid_may_name_the_gates_thresholds_too() -> None:
    module = _module()
    assert module.parse_grid(["gate.min_support=0.05,0.1"]) == {"gate.min_support": [0.05, 0.1]}
    with pytest.raises(SystemExit, match=r"gate\.check_kind"):  # a switch, not a threshold
        module.parse_grid(["gate.check_kind=0"])
    weights, gate = module.answerer({"window": 0.7, "gate.min_support": 0.1})
    assert (weights.window, weights.entity, gate.min_support) == (0.7, 0.3, 0.1)
    assert gate.min_dense_cross_lingual == module.answerer({})[1].min_dense_cross_lingual


def test_the_best_read_score_is_chosen_and_a_tie_keeps_the_defaults() -> None:
    module = _module()
    defaults = {"window": 0.5}
    assert module.choose([({"window": 0.5}, 10), ({"window": 0.7}, 12)], defaults) == {"window": 0.7}
    assert module.choose([({"window": 0.7}, 12), ({"window": 0.5}, 12)], defaults) == {"window": 0.5}
    assert module.read_score({"a": [3, 4, 2, 5], "b": [1, 1, 0, 0]}) == 6


@pytest.mark.integration
@pytest.mark.slow
def test_unread_sets_are_reported_as_totals_only(tmp_path: Path, fixtures_dir: Path) -> None:
    index = fixture_index(tmp_path, fixtures_dir)
    sets = tmp_path / "sets"
    sets.mkdir()
    write_set(sets / "read.jsonl", FLU_QUESTIONS)
    write_set(sets / "fresh.jsonl", FLU_QUESTIONS)
    readme = "# Sets\n\n## read.jsonl\n\nRead.\n\n## fresh.jsonl\n\n**Status: unread.** Written.\n"
    (sets / "README.md").write_text(readme, encoding="utf-8")
    grid = ["--grid", "window=0.5,0.7", "--grid", "gate.min_support=0.075"]
    args = ["--index", str(index), "--eval-dir", str(sets), *grid]
    done = subprocess.run(
        [sys.executable, str(EVAL_DIR / "carry_over.py"), *args], check=True, capture_output=True, text=True
    )
    *per_setting, last = [json.loads(line) for line in done.stdout.splitlines()]
    assert [line["setting"] for line in per_setting] == [
        {"window": 0.5, "gate.min_support": 0.075},
        {"window": 0.7, "gate.min_support": 0.075},
    ]
    assert all(set(line["read"]) == {"pages read"} for line in per_setting)
    assert per_setting[0]["read"]["pages read"][1:4:2] == [1, 1]  # one answerable, one unanswerable
    assert set(last["unread"]) == {"fresh.jsonl"} and last["defaults"] == {
        "window": 0.5,
        "gate.min_support": 0.075,
    }
    assert set(last["unread"]["fresh.jsonl"]) == {"defaults", "chosen"}
    assert "临河县" not in done.stdout and "t001" not in done.stdout  # no question of any set is printed
