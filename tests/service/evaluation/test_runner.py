"""The evaluation runner over a real fixture index (SQLite + FAISS, hashing embedder): in-process and
through a live HTTP server on 127.0.0.1, and the report it writes."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest

from service.config import Settings
from service.evaluation.metrics import Item, Outcome
from service.evaluation.report import write_report
from service.evaluation.runner import Config, HttpTarget, InProcessTarget, load_dataset, run_all
from service.runtime import Runtime
from tests.fakes import HashingEmbedder
from tests.service.conftest import Server, make_runtime

LINES: list[dict[str, Any]] = [
    {
        "id": "b1",
        "question": "东山镇卫生院投入多少钱引进CT？",
        "answers": ["380万元"],
        "evidence": ["投入380万元引进一台64排CT"],
        "source": "page_b.md",
        "kind": "number",
    },
    {
        "id": "b2",
        "question": "南湖区健康科普大赛一等奖是谁？",
        "answers": ["周芳"],
        "evidence": ["南湖区中医院的周芳获得一等奖"],
        "source": "page_b.md",
        "kind": "name",
    },
    {
        "id": "c1",
        "question": "西港市全民健身月安排了多少项赛事？",
        "answers": ["15项"],
        "evidence": ["等15项赛事"],
        "source": "page_c.txt",
        "kind": "number",
    },
    {
        "id": "u1",
        "question": "2030年世界杯在哪个国家举行？",
        "answers": [],
        "evidence": [],
        "source": None,
        "kind": "unanswerable",
    },
]


@pytest.fixture
def dataset(tmp_path: Path) -> Path:
    path = tmp_path / "tiny.jsonl"
    first, *rest = (json.dumps(line, ensure_ascii=False) for line in LINES)
    path.write_text(first + "\n\n" + "\n".join(rest) + "\n", encoding="utf-8")  # with a blank line
    return path


@pytest.mark.parametrize(
    ("name", "mode", "generator"),
    [
        ("hybrid", "hybrid", "extractive"),
        ("dense", "dense", "extractive"),
        ("keyword-extractive", "keyword", "extractive"),
        ("hybrid-openai", "hybrid", "openai"),
    ],
)
def test_config_parse_reads_mode_and_generator(name: str, mode: str, generator: str) -> None:
    assert Config.parse(name) == Config(name, mode, generator)  # type: ignore[arg-type]


@pytest.mark.parametrize("name", ["bm25", "hybrid-gpt", "", "dense-extractive-x"])
def test_config_parse_rejects_unknown_names_naming_them(name: str) -> None:
    with pytest.raises(ValueError, match=f"unknown config {name!r}"):
        Config.parse(name)


def test_load_dataset_skips_blank_lines_and_names_a_bad_line(dataset: Path, tmp_path: Path) -> None:
    items = load_dataset(dataset)
    assert [i.id for i in items] == ["b1", "b2", "c1", "u1"]
    assert items[0].answerable and not items[3].answerable and items[1].kind == "name"
    bad = tmp_path / "bad.jsonl"
    bad.write_text(json.dumps(LINES[0]) + "\n" + json.dumps({"question": "没有 id"}) + "\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"bad\.jsonl:2: not a dataset line \(missing 'id'\)"):
        load_dataset(bad)


@pytest.fixture(scope="module")
def runtime(fixture_index: tuple[Settings, Path]) -> Iterator[Runtime]:
    rt = make_runtime(fixture_index[0])
    yield rt
    rt.index.close()


def in_process(runtime: Runtime, dataset: Path, name: str = "hybrid") -> list[Outcome]:
    ticks: list[int] = []
    outcomes = run_all(InProcessTarget(runtime, Config.parse(name)), load_dataset(dataset), ticks.append)
    assert ticks == [1] * len(LINES), "one progress tick per question"
    return outcomes


@pytest.mark.integration
def test_in_process_answers_and_refuses_over_the_fixture_index(runtime: Runtime, dataset: Path) -> None:
    outcomes = in_process(runtime, dataset)
    assert [o.item.id for o in outcomes] == ["b1", "b2", "c1", "u1"]
    assert [o.answerable for o in outcomes] == [True, True, True, False]
    assert "380万元" in outcomes[0].answer and "周芳" in outcomes[1].answer
    assert len(outcomes[0].passages) == 10, "hit@k looks ten passages deep"
    assert all(o.generator == "extractive" and o.latency_ms > 0 for o in outcomes)
    assert "retrieve_ms" in outcomes[0].extra["timings_ms"]
    assert [o.extra["cited_sources"] for o in outcomes][2:] == [["page_c.txt"], []]


@pytest.mark.integration
def test_in_process_modes_retrieve_differently(runtime: Runtime, dataset: Path) -> None:
    keyword = in_process(runtime, dataset, "keyword")
    dense = in_process(runtime, dataset, "dense")
    assert keyword[3].passages != dense[3].passages, "the config's mode reaches the retriever"


@pytest.mark.integration
def test_http_target_gives_the_in_process_answers(runtime: Runtime, dataset: Path, live: Server) -> None:
    """`live` serves a copy of the same fixture index with the same embedder."""
    target = HttpTarget(live.url, Config.parse("hybrid-extractive"))
    try:
        over_http = run_all(target, load_dataset(dataset))
    finally:
        target.client.close()
    for local, remote in zip(in_process(runtime, dataset), over_http, strict=True):
        assert remote.item == local.item
        assert (remote.answer, remote.answerable, remote.citations) == (
            local.answer,
            local.answerable,
            local.citations,
        )
        assert remote.passages == local.passages
        assert remote.extra["cited_sources"] == local.extra["cited_sources"]
        assert remote.generator == "extractive" and remote.latency_ms > 0


@pytest.mark.integration
def test_http_target_refuses_configs_the_http_contract_cannot_express(live: Server, dataset: Path) -> None:
    with pytest.raises(ValueError, match=r"'dense'.*only hybrid"):
        HttpTarget(live.url, Config.parse("dense"))
    target = HttpTarget(live.url, Config.parse("hybrid-openai"))  # the live server runs extractive
    try:
        with pytest.raises(ValueError, match=r"wants the openai generator.*'extractive'"):
            target.run(load_dataset(dataset)[0])
    finally:
        target.client.close()


@pytest.mark.integration
def test_report_writes_results_summary_markdown_and_a_plot(
    runtime: Runtime, dataset: Path, tmp_path: Path
) -> None:
    runs = {"hybrid": in_process(runtime, dataset), "keyword": in_process(runtime, dataset, "keyword")}
    out = tmp_path / "out"
    summaries = write_report(out, runs, "tiny.jsonl", "ragqa eval tiny.jsonl --index X")

    assert json.loads((out / "summary.json").read_text(encoding="utf-8")) == summaries
    hybrid = summaries["hybrid"]
    assert (hybrid["questions"], hybrid["answerable"], hybrid["unanswerable"]) == (4, 3, 1)
    assert hybrid["hit@5"] == 1.0 and hybrid["answer_accuracy"] == 1.0 and hybrid["refusal_recall"] == 1.0

    records = [json.loads(line) for line in (out / "results.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [(r["config"], r["id"]) for r in records] == [
        (c, i) for c in runs for i in ("b1", "b2", "c1", "u1")
    ]
    assert all(r["correct"] for r in records if r["config"] == "hybrid")
    assert records[0]["hit_rank"] >= 1 and records[3]["hit_rank"] is None

    report = (out / "report.md").read_text(encoding="utf-8")
    assert "# ragqa evaluation: tiny.jsonl" in report and "`ragqa eval tiny.jsonl --index X`" in report
    assert "| metric | hybrid | keyword |" in report
    for metric in ("hit@1", "mrr", "citation_precision", "refusal_recall", "latency_p99_ms"):
        row = next(line for line in report.splitlines() if line.startswith(f"| {metric} |"))
        assert row == f"| {metric} | {hybrid[metric]} | {summaries['keyword'][metric]} |"
    assert "4 questions (3 answerable, 1 unanswerable)" in report
    assert "![eval.png](eval.png)" in report
    assert (out / "eval.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_report_lists_the_misses_of_the_first_config(tmp_path: Path) -> None:
    right = Item("r1", "问一", ["甲"], ["甲"], "a.txt")
    wrong = Item("w1", "问二", ["乙"], ["乙"], "a.txt")
    runs = {
        "x": [
            Outcome(right, ["甲"], "甲[1]", True, ["甲"], 1.0),
            Outcome(wrong, ["丙"], "丙[1]", True, ["丙"], 2.0),
        ]
    }
    write_report(tmp_path, runs, "d.jsonl", "cmd")
    misses = (
        (tmp_path / "report.md").read_text(encoding="utf-8").split("## Misses of the first configuration")[1]
    )
    assert "w1" in misses and "r1" not in misses


def test_report_says_why_answerable_questions_were_refused(tmp_path: Path) -> None:
    asked = [Item(f"q{n}", f"问{n}", ["甲"], ["甲"], "a.txt") for n in range(3)]
    why = "the answer names no number"
    runs = {
        "x": [
            Outcome(asked[0], ["甲"], "不知道", False, [], 1.0, extra={"refusal_reason": why}),
            Outcome(asked[1], ["甲"], "不知道", False, [], 1.0, extra={"refusal_reason": why}),
            Outcome(asked[2], ["甲"], "甲[1]", True, ["甲"], 1.0, extra={"refusal_reason": None}),
        ]
    }
    write_report(tmp_path, runs, "d.jsonl", "cmd")
    report = (tmp_path / "report.md").read_text(encoding="utf-8")
    assert f"- q0 () 问0 → '不知道' (refused: {why})" in report
    assert report.split("## Why answerable questions were refused")[1].splitlines()[2] == f"- 2 × {why}"
    records = [
        json.loads(line) for line in (tmp_path / "results.jsonl").read_text(encoding="utf-8").splitlines()
    ]
    assert [r["refusal_reason"] for r in records] == [why, why, None]


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        ({"answers": "380万元"}, "'answers' must be a list of strings"),
        ({"evidence": [380]}, "'evidence' must be a list of strings"),
        ({"match": "All"}, "'match' must be 'any' or 'all'"),
        ({"source": ...}, "missing 'source'"),
    ],
)
def test_load_dataset_rejects_lines_that_would_be_misread(
    tmp_path: Path, change: dict[str, object], reason: str
) -> None:
    line = {k: v for k, v in {**LINES[0], **change}.items() if v is not ...}
    path = tmp_path / "d.jsonl"
    path.write_text(json.dumps(line, ensure_ascii=False) + "\n", encoding="utf-8")
    with pytest.raises(ValueError, match=re.escape(f"d.jsonl:1: not a dataset line ({reason}")):
        load_dataset(path)


@pytest.mark.integration
def test_timed_answer_embeds_the_question_itself(fixture_index: tuple[Settings, Path], dataset: Path) -> None:
    """The runtime remembers question vectors; the timed answer must not find its question already
    embedded by the untimed retrieval that measures hit@k."""
    embedder = HashingEmbedder()
    rt = Runtime.build(fixture_index[0], embedder=embedder)
    try:
        item = load_dataset(dataset)[0]
        seen: list[tuple[str, ...]] = []
        original, answer = embedder.embed_queries, rt.answer

        def embed_queries(texts: Sequence[str]) -> Any:
            seen.append(tuple(texts))
            return original(texts)

        def timed_answer(*args: Any, **kwargs: Any) -> Any:
            seen.append(("answer",))
            return answer(*args, **kwargs)

        embedder.embed_queries = embed_queries  # type: ignore[method-assign]
        rt.answer = timed_answer  # type: ignore[method-assign]
        InProcessTarget(rt, Config.parse("hybrid")).run(item)
        assert seen[:2] == [("answer",), (item.question,)]
    finally:
        rt.index.close()
