"""bench/answer_costs.py: regular expressions compiled counted from a profile, and collections
timed over a toy index (hashing embedder) before and after start-up's objects are frozen."""

from __future__ import annotations

import gc
import re

from bench.answer_costs import collections_timed, gc_pauses, profile_costs
from service.answering.words import pos_tagger
from service.config import Settings
from service.runtime import Runtime, freeze_loaded_objects
from tests.fakes import HashingEmbedder

QUESTIONS = ["郑州市有多少家医院参加了义诊？", "How many doctors work in Zhengzhou?"]


def test_collections_are_timed() -> None:
    with collections_timed() as pauses:
        gc.collect()
    assert len(pauses) == 1 and pauses[0] >= 0


def test_patterns_compiled_counts_cache_misses() -> None:
    fresh = [f"ragqa-bench-{i}-(a|b)+" for i in range(3)]
    assert profile_costs(lambda: [re.compile(p) for p in fresh])["patterns compiled"] == 3
    assert profile_costs(lambda: [re.compile(p) for p in fresh])["patterns compiled"] == 0


def test_tagger_calls_are_counted() -> None:
    costs = profile_costs(lambda: [pos_tagger()(text) for text in ("今天", "鹤壁市")])
    assert costs["tagger calls"] == 2 and costs["tagging ms"] >= 0
    assert profile_costs(lambda: None)["tagger calls"] == 0


def test_freezing_hides_start_up_objects_from_the_collector(
    toy_index: tuple[Settings, HashingEmbedder],
) -> None:
    settings, embedder = toy_index
    runtime = Runtime.build(settings, embedder=embedder)
    try:
        before = gc_pauses(runtime, QUESTIONS)
        freeze_loaded_objects()
        after = gc_pauses(runtime, QUESTIONS)
        assert after["objects watched"] < before["objects watched"]
        assert after["a full collection ms"] < before["a full collection ms"]
    finally:
        gc.unfreeze()
        runtime.index.close()
