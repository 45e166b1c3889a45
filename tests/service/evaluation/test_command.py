"""``ragqa eval`` end to end: against a live server over HTTP (fixture index, hashing embedder), and
in-process, where the command builds its runtime from settings and so needs the real e5 model (the
index is built with ``ragqa ingest`` over the fixture articles, as in tests/service/test_cli.py)."""

from __future__ import annotations

import gc
import json
import shlex
import shutil
from pathlib import Path
from typing import Any

import pytest

from service.cli import main
from tests.service.conftest import Server

LINES: list[dict[str, Any]] = [
    {
        "id": "d1",
        "question": "临河县计划接种多少剂流感疫苗？",
        "answers": ["4.5万"],
        "evidence": ["4.5万"],
        "source": "page_d.txt",
    },
    {
        "id": "b1",
        "question": "东山镇卫生院投入多少钱引进CT？",
        "answers": ["380万元"],
        "evidence": ["投入380万元引进一台64排CT"],
        "source": "page_b.md",
    },
    {"id": "u1", "question": "2030年世界杯在哪个国家举行？", "answers": [], "evidence": [], "source": None},
]


def write_jsonl(path: Path, rows: list[dict[str, Any]]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    return path


def floors(path: Path, bounds: dict[str, float]) -> str:
    path.write_text(json.dumps(bounds), encoding="utf-8")
    return str(path)


def check_outputs(out: Path, configs: list[str]) -> dict[str, Any]:
    summaries: dict[str, Any] = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert list(summaries) == configs
    records = [json.loads(line) for line in (out / "results.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [(r["config"], r["id"]) for r in records] == [(c, r["id"]) for c in configs for r in LINES]
    report = (out / "report.md").read_text(encoding="utf-8")
    assert "| metric | " + " | ".join(configs) + " |" in report
    assert (out / "eval.png").stat().st_size > 0
    return summaries


@pytest.mark.integration
def test_eval_against_a_live_server(live: Server, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    dataset = write_jsonl(tmp_path / "tiny.jsonl", LINES)
    out = tmp_path / "out"
    argv = ["eval", str(dataset), "--url", live.url, "--out", str(out), "--api-key", "s3cret"]
    assert main(argv) == 0
    summary = check_outputs(out, ["hybrid-extractive"])["hybrid-extractive"]
    report = (out / "report.md").read_text(encoding="utf-8")
    command = shlex.join(
        [
            "ragqa",
            "eval",
            str(dataset),
            "--url",
            live.url,
            "--api-key",
            "***",
            "--top-k",
            "5",
            "--out",
            str(out),
        ]
    )
    assert f"Command: `{command}`" in report and "s3cret" not in report
    assert summary["questions"] == 3 and summary["refusal_recall"] == 1.0
    stdout = capsys.readouterr().out
    assert f"report: {out / 'report.md'}" in stdout

    assert main([*argv, "--floors", floors(tmp_path / "ok.json", {"refusal_recall": 1.0})]) == 0
    capsys.readouterr()
    assert (
        main(
            [
                *argv,
                "--floors",
                floors(tmp_path / "high.json", {"refusal_recall": 1.0, "hit@1": 1.01, "latency_p50_ms": 0.0}),
            ]
        )
        == 1
    )
    err = capsys.readouterr().err
    assert f"FLOOR hit@1 = {summary['hit@1']} below the floor 1.01" in err
    assert "FLOOR latency_p50_ms = " in err and "above the ceiling 0.0" in err
    assert "refusal_recall" not in err


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--config", "bm25"], "ragqa: --config: unknown config 'bm25'"),
        (["--config", "dense"], "ragqa: --config: config 'dense': over HTTP only hybrid"),
        (["--config", "hybrid", "--config", "hybrid"], "ragqa: --config: a config is given twice"),
    ],
)
def test_eval_rejects_a_bad_config_clearly(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    dataset = write_jsonl(tmp_path / "tiny.jsonl", LINES)
    # nothing listens there: the config is checked before any question is sent
    url = "http://127.0.0.1:9"
    assert main(["eval", str(dataset), "--url", url, "--out", str(tmp_path / "out"), *argv]) == 2
    assert capsys.readouterr().err.startswith(message)
    assert not (tmp_path / "out").exists()


def test_eval_names_a_bad_dataset_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    dataset = write_jsonl(tmp_path / "bad.jsonl", [LINES[0], {"question": "没有 id"}])
    assert main(["eval", str(dataset), "--url", "http://127.0.0.1:9", "--out", str(tmp_path / "o")]) == 2
    assert capsys.readouterr().err.startswith(f"ragqa: {dataset}:2: not a dataset line (missing 'id')")
    assert main(["eval", str(tmp_path / "none.jsonl"), "--url", "http://127.0.0.1:9"]) == 2
    assert "No such file" in capsys.readouterr().err


@pytest.mark.integration
@pytest.mark.slow
def test_eval_in_process_with_the_e5_model(
    tmp_path: Path, fixtures_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    shutil.copytree(fixtures_dir / "articles", tmp_path / "articles")
    index = tmp_path / "index"
    assert main(["ingest", str(tmp_path / "articles"), "--index", str(index), "--json"]) == 0
    dataset = write_jsonl(tmp_path / "tiny.jsonl", LINES)
    out = tmp_path / "out"
    argv = [
        "eval",
        str(dataset),
        "--index",
        str(index),
        "--out",
        str(out),
        "--config",
        "hybrid",
        "--config",
        "keyword",
    ]
    capsys.readouterr()
    gc.unfreeze()
    assert main([*argv, "--floors", floors(tmp_path / "ok.json", {"hit@5": 1.0, "refusal_recall": 1.0})]) == 0
    assert gc.get_freeze_count() > 0  # as `ragqa serve` does after its warm-up
    gc.unfreeze()
    summaries = check_outputs(out, ["hybrid", "keyword"])
    hybrid = summaries["hybrid"]
    assert hybrid["hit@5"] == 1.0 and hybrid["refusal_recall"] == 1.0
    records = [json.loads(line) for line in (out / "results.jsonl").read_text(encoding="utf-8").splitlines()]
    first = records[0]
    assert first["id"] == "d1" and first["correct"] and "4.5万" in first["answer"]
    assert first["generator"] == "extractive" and first["hit_rank"] >= 1
    stdout = capsys.readouterr().out
    assert stdout.startswith("hybrid {") and "\nkeyword {" in stdout

    # floors are checked on the first config only
    assert main([*argv, "--floors", floors(tmp_path / "high.json", {"answer_accuracy": 1.01})]) == 1
    assert "FLOOR answer_accuracy = " in capsys.readouterr().err
