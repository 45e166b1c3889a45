"""What the refusal gate lets through, and whether generic signals would catch it.

The gate's checks are lexical rules (service/answering/gate.py). This looks at the Chinese
questions it accepts on sets already read: do the answerable and the unanswerable ones among them
differ on generic signals (lexical support, dense similarity, question words absent from the
article)? Each signal's medians are printed, then a logistic regression over all of them is fitted
leaving one set out at a time and scored on that set, so that its counts say what it would do on
a set it was not fitted on:

    python eval/gate_residue.py eval/dev.jsonl eval/heldout_refusal{2,3}.jsonl --index /tmp/idx

It fits on the sets it is given: run it only on sets already read (eval/README.md), never on an
unread held-out set. It prints no question.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

if __package__ in (None, ""):  # run as a script: this checkout's code, not the installed one
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import numpy as np

SIGNALS = (
    "support",  # the answerer's lexical support, which the gate thresholds
    "answer_coverage",  # IDF-weighted share of the question's terms in the answer
    "article_coverage",  # the same in the cited article
    "absent_share",  # IDF-weighted share of the question's words not in the cited article
    "absent_nouns",  # the question's nouns (two characters or more) the cited article lacks
    "top_dense",  # the best passage's dense score
    "answer_cosine",  # question (query prefix) against answer (passage prefix), e5
)
THRESHOLDS = (0.5, 0.6, 0.7, 0.8, 0.9)
_NOUNS = ("n", "vn", "j", "l")


@dataclass(frozen=True)
class Row:
    dataset: str
    answerable: bool
    signals: tuple[float, ...]


def medians(rows: list[Row]) -> dict[str, dict[str, float]]:
    """Each signal's median over the answerable and over the unanswerable rows."""
    out = {}
    for i, name in enumerate(SIGNALS):
        by_kind = {
            kind: [r.signals[i] for r in rows if r.answerable == (kind == "answerable")]
            for kind in ("answerable", "unanswerable")
        }
        out[name] = {k: round(float(np.median(v)), 3) if v else float("nan") for k, v in by_kind.items()}
    return out


def leave_one_set_out(rows: list[Row]) -> dict[float, dict[str, int]]:
    """For each threshold, how many answerable and unanswerable rows a logistic regression fitted on
    the other sets would refuse (probability of unanswerable above the threshold)."""
    from sklearn.linear_model import LogisticRegression  # a dependency of sentence-transformers

    x = np.array([r.signals for r in rows], float)
    x = (x - x.mean(0)) / (x.std(0) + 1e-9)
    y = np.array([not r.answerable for r in rows], int)
    sets = np.array([r.dataset for r in rows])
    p = np.zeros(len(rows))
    for held_out in dict.fromkeys(sets):
        test = sets == held_out
        if len(set(y[~test])) < 2:
            continue
        model = LogisticRegression(C=0.3, class_weight="balanced", max_iter=1000).fit(x[~test], y[~test])
        p[test] = model.predict_proba(x[test])[:, 1]
    return {
        t: {
            "answerable_refused": int(((p > t) & (y == 0)).sum()),
            "unanswerable_refused": int(((p > t) & (y == 1)).sum()),
        }
        for t in THRESHOLDS
    }


def residue(datasets: list[Path], index: Path, top_k: int) -> list[Row]:
    """The Chinese questions of ``datasets`` that the shipped answerer and gate answer, with signals."""
    from fit_answering import collect, replay, runtime_over

    from embeddings.keyword import search_form
    from service.answering.cited import cited_article
    from service.answering.extractive import ExtractiveGenerator
    from service.answering.gate import AnswerabilityGate
    from service.answering.mentions import mentioned
    from service.answering.question import coverage
    from service.answering.words import tagged
    from service.evaluation.runner import load_dataset

    rt = runtime_over(index)
    gen, gate, rows = ExtractiveGenerator(), AnswerabilityGate(), []
    for path in datasets:
        items = [i for i in load_dataset(path) if i.lang == "zh"]
        for case in collect(rt, items, top_k):
            answered, draft = replay(case, gen, gate)
            if not answered:
                continue
            q = case.question
            article = search_form(cited_article(case.passages, draft))
            answer = search_form("".join(p.text for p in draft.parts))
            absent = sum(v for w, v in q.words.items() if w not in article) / (sum(q.words.values()) or 1)
            nouns = [w for w in tagged(search_form(q.text), _NOUNS) if not mentioned(w, article)]
            qv, av = rt.embedder.embed_queries([q.text])[0], rt.embedder.embed_passages([answer])[0]
            signals = (
                draft.support,
                coverage(q, answer),
                coverage(q, article),
                absent,
                len(nouns),
                case.passages[0].dense or 0.0,
                float(qv @ av),
            )
            rows.append(Row(path.name, case.item.answerable, signals))
    return rows


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("datasets", type=Path, nargs="+")
    from fit_answering import add_run_arguments

    add_run_arguments(ap)
    args = ap.parse_args()
    rows = residue(args.datasets, args.index, args.top_k)
    report: dict[str, Any] = {
        "accepted_answerable": sum(r.answerable for r in rows),
        "accepted_unanswerable": sum(not r.answerable for r in rows),
        "medians": medians(rows),
        "leave_one_set_out": leave_one_set_out(rows),
    }
    print(json.dumps(report, indent=1))


if __name__ == "__main__":
    main()
