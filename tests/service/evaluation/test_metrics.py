"""The evaluation metrics on hand-built outcomes, with the expected numbers worked out by hand."""

from __future__ import annotations

import pytest

from service.evaluation.metrics import (
    Item,
    Outcome,
    answer_correct,
    char_f1,
    citation_supports,
    hit_rank,
    normalize,
    percentile,
    summarize,
)

REFUSAL = "资料中没有找到答案。"


def item(
    id: str, answers: list[str], evidence: list[str], source: str | None = "a.txt", match: str = "any"
) -> Item:
    return Item(id, f"问题{id}", answers, evidence, source, match=match)


def test_normalize_applies_nfkc_and_drops_all_whitespace() -> None:
    assert normalize("１２ 0\u3000张\n，\t") == "120张,"
    assert normalize("  ") == ""


@pytest.mark.parametrize(
    ("evidence", "passages", "rank"),
    [
        (["床位120张"], ["无关", "另一段", "共设置床位 120张，"], 3),
        (["床位120张"], ["共设置床位１２０张"], 1),  # full-width digits in the text
        (["至9月底,全市"], ["至9月底，全市共受理"], 1),  # the dev set writes half-width punctuation
        (["总投资4500万元", "规模最大"], ["总投资4500万元", "x", "x", "是全市规模最大的"], 4),
        (["总投资4500万元", "规模最大"], ["规模最大，总投资4500万元"], 1),
        (["床位120张"], ["床位", "120张"], None),  # split across passages: no passage holds it
        (["床位120张"], [], None),
        ([], ["床位120张"], None),
    ],
)
def test_hit_rank_is_where_the_passages_so_far_hold_every_evidence_string(
    evidence: list[str], passages: list[str], rank: int | None
) -> None:
    assert hit_rank(evidence, passages) == rank


def test_answer_correct_needs_any_gold_answer_after_markers_and_normalization() -> None:
    q = item("1", ["120张", "一百二十张"], ["床位120张"])
    assert answer_correct(q, "共设置床位１２０[1]张。")
    assert answer_correct(q, "一百二十 张[2]")
    assert not answer_correct(q, "共设置床位12张")
    assert not answer_correct(item("2", [], ["x"]), "anything")


def test_answer_correct_with_match_all_needs_every_gold_answer() -> None:
    q = item("1", ["郑州", "洛阳"], ["郑州和洛阳"], match="all")
    assert answer_correct(q, "郑州[1]和洛阳[2]")
    assert not answer_correct(q, "郑州[1]")
    assert not answer_correct(item("2", [], ["x"], match="all"), "anything"), "no gold answers is no match"


@pytest.mark.parametrize(
    ("prediction", "gold", "f1"),
    [
        ("4500万元", "4500万元", 1.0),
        ("共设置床位120张[1]。", "120张", 2 * 0.4 / 1.4),  # 10 characters, 4 in common
        ("接种率达到９８．６％", "98.6%", 2 * 0.5 / 1.5),
        (REFUSAL, "王建国", 0.0),
        ("", "王建国", 0.0),
    ],
)
def test_char_f1_counts_characters_in_common(prediction: str, gold: str, f1: float) -> None:
    assert char_f1(prediction, gold) == pytest.approx(f1)


def test_citation_supports_when_it_contains_an_evidence_string() -> None:
    q = item("1", ["4500万元"], ["总投资4500万元", "规模最大"])
    assert citation_supports(q, "该病房总投资 4500万元，")
    assert citation_supports(q, "是全市规模最大的")
    assert not citation_supports(q, "总投资4500")
    assert not citation_supports(item("2", [], []), "anything")


def test_percentile_interpolates_between_ranks() -> None:
    assert percentile([], 50) == 0.0
    assert percentile([7.0], 99) == 7.0
    assert percentile([40.0, 10.0, 30.0, 20.0], 50) == 25.0
    assert percentile([float(v) for v in range(1, 102)], 95) == pytest.approx(96.0)


def outcome(q: Item, passages: list[str], answer: str, cites: list[str], latency: float) -> Outcome:
    return Outcome(q, passages, answer, answer != REFUSAL, cites, latency)


def hand_built() -> list[Outcome]:
    a1 = item("a1", ["120张", "120"], ["床位120张"])
    a2 = item("a2", ["4500万元"], ["总投资4500万元", "规模最大"])
    a3 = item("a3", ["王建国"], ["院长王建国"])
    a4 = item("a4", ["98.6%"], ["接种率达到98.6%"])
    u1, u2 = item("u1", [], [], None), item("u2", [], [], None)
    return [
        outcome(a1, ["无关", "共设置床位 120张"], "共设置床位120张[1]。", ["共设置床位120张，"], 10),
        outcome(
            a2,
            ["总投资4500万元", *["x"] * 5, "是全市规模最大的"],
            "4500万元[1]",
            ["总投资4500万元", "无关文字"],
            20,
        ),
        outcome(a3, ["院长 王建国介绍"], REFUSAL, [], 30),  # retrieved, then wrongly refused
        outcome(a4, ["接种率达到"] * 12, "接种率达到９８．６％[1]", ["接种率 达到98.6%。"], 25),
        outcome(u1, ["无关"], REFUSAL, [], 40),
        outcome(u2, ["无关"], "某某[1]", ["无关"], 50),  # answered an unanswerable question
    ]


def test_summarize_hand_built_outcomes() -> None:
    summary = summarize(hand_built())
    # ranks 2, 7, 1, none; accuracy/citations: a1, a2, a4 right, a3 refused; a2 has one bad citation
    assert summary == {
        "questions": 6,
        "answerable": 4,
        "unanswerable": 2,
        "hit@1": 0.25,
        "hit@5": 0.5,
        "hit@10": 0.75,
        "mrr": round((1 / 2 + 1 / 7 + 1) / 4, 4),
        "answer_accuracy": 0.75,
        "char_f1": round((2 * 0.4 / 1.4 + 1.0 + 0.0 + 2 * 0.5 / 1.5) / 4, 4),
        "citation_precision": 0.75,  # 3 of the 4 citations given on answerable questions
        "citation_recall": 0.75,
        "refusal_recall": 0.5,  # u1 refused, u2 answered
        "refusal_precision": 0.5,  # refused a3 and u1; only u1 was unanswerable
        "wrongly_refused": 0.25,
        "latency_p50_ms": 27.5,  # sorted 10 20 25 30 40 50
        "latency_p95_ms": 47.5,
        "latency_p99_ms": 49.5,
    }


def test_summarize_without_refusals_or_unanswerables_is_zero_not_an_error() -> None:
    summary = summarize(hand_built()[:2])
    assert summary["unanswerable"] == 0
    assert summary["refusal_recall"] == 0.0 and summary["refusal_precision"] == 0.0
    assert summary["wrongly_refused"] == 0.0 and summary["answer_accuracy"] == 1.0
    empty = summarize([])
    assert empty["questions"] == 0 and empty["hit@5"] == 0.0 and empty["latency_p99_ms"] == 0.0
