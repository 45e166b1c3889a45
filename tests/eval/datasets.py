"""What the question-set tests share: eval/check_dev.py, loaded once, and the checks a set written
after dev.jsonl must pass against the sets before it (no repeated fact, no copied evidence)."""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import Sequence
from pathlib import Path
from types import ModuleType

REPO = Path(__file__).resolve().parents[2]
EVAL_DIR = REPO / "eval"
CHECKER_PATH = EVAL_DIR / "check_dev.py"


def _load_checker() -> ModuleType:
    spec = importlib.util.spec_from_file_location("ragqa_eval_check_dev", CHECKER_PATH)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


cd = _load_checker()


def load(path: Path) -> list[dict]:
    """A question set that loads without problems."""
    loaded, problems = cd.load_dataset(path)
    assert problems == []
    return list(loaded)


def longest_common_run(a: str, b: str) -> int:
    best = 0
    for i in range(len(a)):
        j = i + best + 1
        while j <= len(a) and a[i:j] in b:
            best = j - i
            j += 1
    return best


def answers_shared(items: Sequence[dict], earlier: Sequence[dict]) -> list[str]:
    """Ids of answerable questions whose (source, first answer) an earlier question has."""
    pairs = {(d["source"], cd.normalize(d["answers"][0])) for d in earlier if d["answers"]}
    return [i["id"] for i in items if i["answers"] and (i["source"], cd.normalize(i["answers"][0])) in pairs]


def questions_repeated(items: Sequence[dict], earlier: Sequence[dict]) -> list[str]:
    """Ids of questions worded as an earlier question is (after normalisation)."""
    questions = {cd.normalize(d["question"]) for d in earlier}
    return [i["id"] for i in items if cd.normalize(i["question"]) in questions]


def evidence_copied(items: Sequence[dict], max_chars: int) -> list[tuple[str, str]]:
    """(id, evidence) of questions that copy more than ``max_chars`` consecutive characters of it."""
    return [
        (i["id"], ev)
        for i in items
        for ev in i["evidence"]
        if longest_common_run(cd.normalize(i["question"]), cd.normalize(ev)) > max_chars
    ]
