"""bench/gold_reader.py: the gold reader's replies to our real prompt, and a toy set measured through
the real pipeline with the reader served over HTTP on 127.0.0.1 (hashing embedder)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bench.gold_reader import GoldReader, below_floors, measure
from bench.inews_qa import decode, encode
from service.config import Settings
from service.evaluation.metrics import Item
from service.llm.prompting import PromptPassage, build_messages, refusal_phrase
from tests.bench.toy_news import ARTICLES, DRAFT, REFUSE
from tests.fakes import HashingEmbedder

ASKED = Item("t1", "鹤壁市今年受理了几件医疗纠纷？", ["12件"], ["受理医疗纠纷12件"], "a.txt")


def prompt(question: str, *texts: str) -> str:
    passages = [PromptPassage(n, "标题", f"{n}.txt", text) for n, text in enumerate(texts, 1)]
    return build_messages(question, passages)[-1]["content"]


def test_the_gold_evidence_is_cited_to_the_passage_that_holds_it() -> None:
    reader = GoldReader([ASKED], english=None)
    said = reader.reply(
        prompt(ASKED.question, "新乡开展义诊活动。", "鹤壁市 受理医疗纠纷12件，调解成功10件。")
    )
    assert said == "受理医疗纠纷12件[2]。"
    assert reader.replies == {"gold": 1}


def test_an_english_question_listed_is_answered_in_english(tmp_path: Path) -> None:
    english = tmp_path / "english.jsonl"
    english.write_text(json.dumps({"id": "t1", "sentences": ["Hebi handled 12 disputes (12件)."]}) + "\n")
    reader = GoldReader([ASKED], english=english)
    said = reader.reply(
        prompt(ASKED.question, "新乡开展义诊活动。", "鹤壁市 受理医疗纠纷12件，调解成功10件。")
    )
    assert said == "Hebi handled 12 disputes (12件) [2]."
    assert reader.replies == {"gold in English": 1}


def test_the_committed_english_answers_to_dev_keep_a_gold_answer() -> None:
    from bench.gold_reader import ENGLISH, answer_sentences
    from service.evaluation.metrics import answer_correct
    from service.evaluation.runner import load_dataset

    answers = answer_sentences(ENGLISH)
    dev = {item.id: item for item in load_dataset(Path(__file__).resolve().parents[2] / "eval" / "dev.jsonl")}
    asked = [dev[i] for i in answers if i in dev]
    assert len(asked) == 16 and all(item.lang == "en" and item.answerable for item in asked)
    assert all(answer_correct(item, " ".join(answers[item.id])) for item in asked)


def test_a_retrieval_miss_is_refused_and_counted() -> None:
    reader = GoldReader([ASKED])
    assert reader.reply(prompt(ASKED.question, "新乡开展义诊活动。")) == refusal_phrase("zh")
    assert reader.replies == {"retrieval miss": 1}


def test_a_question_it_was_not_given_is_an_error() -> None:
    with pytest.raises(ValueError, match="not given"):
        GoldReader([ASKED]).reply(prompt("洛阳有多少人献血？", "洛阳市中心血站。"))


@pytest.mark.integration
def test_toy_sets_measured_through_the_real_pipeline(toy_index: tuple[Settings, HashingEmbedder]) -> None:
    settings, embedder = toy_index
    answerable, unanswerable = (decode(encode(d, ARTICLES), ARTICLES) for d in (DRAFT, REFUSE))
    totals = measure({"one": [answerable], "two": [unanswerable]}, settings, embedder, gate_reasons=True)
    assert totals["one"]["answer_accuracy"] == 1.0 and totals["one"]["citation_precision"] == 1.0
    assert totals["pooled"]["generators"] == {"openai:gold-reader": 2}
    assert totals["reader"] == {"gold": 1, "credulous": 1}
    # the credulous reply quotes the extractive answer; only the gate can refuse it
    assert totals["two"]["refusal_recall"] == 1.0
    (check,) = totals["gate"]["unanswerable"]
    assert check != "answered"
    assert totals["gate"]["answerable"] == {"answered": 1}


def test_the_guard_reads_the_pooled_totals_or_the_only_set(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    floors = tmp_path / "floors.json"
    floors.write_text(json.dumps({"answer_accuracy": 0.95, "wrongly_refused": 0.05}))
    assert below_floors({"dev.jsonl": {"answer_accuracy": 0.978, "wrongly_refused": 0.022}}, floors) == 0
    one_good_set = {
        "a": {"answer_accuracy": 1.0, "wrongly_refused": 0.0},
        "pooled": {"answer_accuracy": 0.912, "wrongly_refused": 0.088},
    }
    assert below_floors(one_good_set, floors) == 1
    assert "answer_accuracy = 0.912 below the floor 0.95" in capsys.readouterr().err
    committed = Path(__file__).resolve().parents[2] / "eval" / "gold_reader_floors.json"
    assert (
        below_floors(
            {
                "dev.jsonl": {
                    "answer_accuracy": 0.912,
                    "wrongly_refused": 0.088,
                    "refusal_recall": 0.95,
                    "citation_precision": 1.0,
                }
            },
            committed,
        )
        == 1
    )


def test_the_gate_record_finds_a_question_read_otherwise_and_keeps_its_last_decision() -> None:
    """A threshold question is read as asking for the figure (超过100件了吗 → 多少件), and the gate
    weighs an LLM answer again as each sentence arrives: one decision per question is kept."""
    from dataclasses import replace

    from bench.gold_reader import RecordingGate, squashed
    from service.answering.base import AnswerPart, Draft
    from service.answering.question import analyse
    from tests.service.answering.helpers import passage

    asked = Item("y1", "鹤壁市受理的医疗纠纷超过100件了吗？", ["106件"], ["纠纷案件106件"], "a.txt")
    read = replace(analyse("鹤壁市受理的医疗纠纷多少件？", lambda term, column: 1.0), asked=asked.question)
    gate = RecordingGate()
    gate.items, gate.decisions = {squashed(asked.question): asked}, []
    text = "至9月底,鹤壁市共受理医疗纠纷案件106件,已化解82件。"
    draft = Draft([AnswerPart(text, 0, 0, len(text))], True, "openai:m", support=0.9, kind_found=True)
    for _ in range(2):
        gate.decide(read, [passage(text)], draft)
    (decision,) = gate.decisions
    assert decision[0] is True and decision[1] is True
