"""What the eval tests share: the eval/ scripts loaded as modules (check_dev.py once), the checks a
set written after dev.jsonl must pass against the sets before it (no repeated fact, no copied
evidence), and a two-question set for the scripts that measure one end to end."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path
from types import ModuleType
from typing import Any

REPO = Path(__file__).resolve().parents[2]
EVAL_DIR = REPO / "eval"
CHECKER_PATH = EVAL_DIR / "check_dev.py"


def load_script(file_name: str) -> ModuleType:
    """An eval/ script as a module (registered, so that its dataclasses can look themselves up), with
    the other eval/ modules importable as they are when the script runs (check_dev -> dataset_items)."""
    if str(EVAL_DIR) not in sys.path:
        sys.path.append(str(EVAL_DIR))
    spec = importlib.util.spec_from_file_location(f"ragqa_eval_{Path(file_name).stem}", EVAL_DIR / file_name)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


cd = load_script(CHECKER_PATH.name)

# One answerable and one unanswerable question about the fixture articles (tests/fixtures/articles),
# for the scripts that measure a set end to end.
FLU_QUESTIONS: list[dict[str, Any]] = [
    {
        "id": "t001",
        "question": "临河县计划接种多少剂流感疫苗？",
        "answers": ["4.5万"],
        "evidence": ["流感疫苗"],
        "source": "page_d.txt",
        "lang": "zh",
        "kind": "number",
    },
    {
        "id": "t017",
        "question": "临河县的流感疫苗一剂收费多少钱？",
        "answers": [],
        "evidence": [],
        "source": None,
        "lang": "zh",
        "kind": "unanswerable",
    },
]


def write_set(path: Path, questions: Sequence[dict[str, Any]]) -> Path:
    """``questions`` as a JSON-lines question set at ``path``."""
    path.write_text("".join(json.dumps(q, ensure_ascii=False) + "\n" for q in questions), encoding="utf-8")
    return path


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


def fixture_index(tmp_path: Path, fixtures_dir: Path) -> Path:
    """The fixture articles ingested into an index under ``tmp_path``, as ``ragqa ingest`` does."""
    from service.cli import main

    index = tmp_path / "index"
    assert main(["ingest", str(fixtures_dir / "articles"), "--index", str(index), "--json"]) == 0
    return index


def run_blind(script_name: str, *args: str | Path) -> list[dict[str, Any]]:
    """An eval/ script that measures a set without reading it, run on ``args``: its output lines as
    JSON, once checked that it printed no question of ``FLU_QUESTIONS`` (its text or its id)."""
    done = subprocess.run(
        [sys.executable, str(EVAL_DIR / script_name), *map(str, args)],
        capture_output=True,
        text=True,
        check=True,
    )
    assert not any(
        q["question"] in done.stdout + done.stderr or q["id"] in done.stdout for q in FLU_QUESTIONS
    )
    return [json.loads(line) for line in done.stdout.strip().splitlines()]
