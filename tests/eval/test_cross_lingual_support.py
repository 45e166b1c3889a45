"""eval/cross_lingual_support.py over the toy news collection: each English sentence is checked
against every retrieved passage, the one holding its evidence counted as the right citation."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench.inews_qa import build_index, decode, encode
from service.config import Settings
from service.runtime import Runtime
from tests.bench.toy_news import ARTICLES, DRAFT
from tests.eval.datasets import load_script
from tests.fakes import HashingEmbedder


@pytest.mark.integration
def test_the_right_citation_is_accepted_and_the_others_counted(tmp_path: Path) -> None:
    settings = Settings()
    settings.index.dir = tmp_path / "idx"
    embedder = HashingEmbedder()
    build_index(ARTICLES, settings, embedder)
    item = decode(encode(DRAFT, ARTICLES), ARTICLES)
    # mostly the article's own words: the hashing embedder has no cross-lingual sense to attribute by
    english = {item.id: ["鹤壁市医疗纠纷人民调解委员会受理医疗纠纷12件 (12 disputes)."]}
    counts = load_script("cross_lingual_support.py").tally(Runtime.build(settings, embedder), [item], english)
    assert counts["right citations"] == 1 and counts["wrong citations"] == 4
    assert counts["right, accepted"] == 1
    assert counts["wrong, accepted"] == 0  # 12 is in no other article


def test_the_chinese_paraphrases_keep_their_dev_answers() -> None:
    from bench.gold_reader import answer_sentences
    from service.evaluation.metrics import answer_correct
    from service.evaluation.runner import load_dataset

    root = Path(__file__).resolve().parents[2]
    paraphrases = answer_sentences(root / "bench" / "gold_reader" / "paraphrases_zh.jsonl")
    dev = {item.id: item for item in load_dataset(root / "eval" / "dev.jsonl")}
    asked = [dev[i] for i in paraphrases]
    assert len(asked) == 12 and all(item.lang == "zh" and item.answerable for item in asked)
    assert all(answer_correct(item, paraphrases[item.id][0]) for item in asked)
