"""A question set asked and answered in either Chinese script: simplified or traditional questions
over the pages as printed, and over the same pages converted to traditional characters.

    python eval/both_scripts.py eval/dev.jsonl --corpus ../shared/corpus --index /tmp/idx

prints one line of ``ragqa eval`` metrics per pairing. The traditional pages are the corpus
converted by OpenCC (``s2t``) into a scratch directory and ingested there with the offline defaults
(``--work``, a temporary directory unless given); for them the gold answers and evidence are
converted too, so the metrics compare like with like. ``--index`` is an index of the pages as
printed (``ragqa ingest CORPUS --index DIR``).

With ``--write-traditional DIR`` it only writes each given set with its questions in traditional
characters into ``DIR`` (same file names), for ``eval/snapshot.py`` to compare set by set:

    python eval/both_scripts.py --write-traditional /tmp/trad $(ls eval/*.jsonl)
    python eval/snapshot.py /tmp/trad/*.jsonl --index /tmp/idx --out trad.tsv
    python eval/snapshot.py --compare simplified.tsv trad.tsv
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from dataclasses import replace
from pathlib import Path
from typing import Any

if __package__ in (None, ""):  # run as a script: this checkout's code, not the installed one
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from embeddings.script import to_traditional
from service.evaluation.metrics import Item


def traditional_questions(items: list[Item]) -> list[Item]:
    return [replace(i, question=to_traditional(i.question)) for i in items]


def traditional_gold(items: list[Item]) -> list[Item]:
    """Gold answers and evidence as the traditional pages print them."""
    return [replace(i, answers=_each(i.answers), evidence=_each(i.evidence)) for i in items]


def _each(texts: list[str]) -> list[str]:
    return [to_traditional(t) for t in texts]


def convert_corpus(corpus: Path, out: Path) -> Path:
    """Every text file under ``corpus`` converted to traditional characters, same names."""
    for path in sorted(p for p in corpus.rglob("*") if p.is_file()):
        target = out / path.relative_to(corpus)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(to_traditional(path.read_text(encoding="utf-8")), encoding="utf-8")
    return out


def measure(index: Path, asked: list[list[Item]], top_k: int) -> list[dict[str, Any]]:
    """The metrics of each question list, answered by one runtime over ``index``."""
    from service.config import Settings
    from service.evaluation.metrics import summarize
    from service.evaluation.runner import Config, InProcessTarget, run_all
    from service.runtime import Runtime

    settings = Settings()
    settings.index.dir = index
    runtime = Runtime.build(settings)
    keys = ("answer_accuracy", "citation_precision", "refusal_recall", "wrongly_refused", "hit@5")
    try:
        runtime.warm_up()
        target = InProcessTarget(runtime, Config.parse("hybrid-extractive"), top_k)
        summaries = [summarize(run_all(target, items)) for items in asked]
    finally:
        runtime.index.close()
    return [{k: summary[k] for k in keys} for summary in summaries]


def ingest(corpus: Path, index: Path) -> None:
    from service.cli import main as ragqa

    if ragqa(["ingest", str(corpus), "--index", str(index)]) != 0:
        raise SystemExit(f"could not ingest {corpus}")


def write_traditional(datasets: list[Path], out: Path) -> None:
    """Each set as it is but for its questions, in traditional characters, under ``out``."""
    out.mkdir(parents=True, exist_ok=True)
    for path in datasets:
        lines = path.read_text(encoding="utf-8").splitlines()
        records = [json.loads(line) for line in lines if line.strip()]
        text = "".join(
            json.dumps({**r, "question": to_traditional(r["question"])}, ensure_ascii=False) + "\n"
            for r in records
        )
        (out / path.name).write_text(text, encoding="utf-8")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("datasets", type=Path, nargs="+")
    ap.add_argument("--corpus", type=Path, help="the pages the dataset is about")
    ap.add_argument("--index", type=Path, help="an index of those pages as printed")
    ap.add_argument("--work", type=Path, help="where the traditional pages and their index go")
    ap.add_argument("--top-k", type=int, default=5)
    ap.add_argument("--write-traditional", type=Path, metavar="DIR", help="only write the sets converted")
    args = ap.parse_args()
    if args.write_traditional:
        write_traditional(args.datasets, args.write_traditional)
        return
    if len(args.datasets) != 1 or args.corpus is None or args.index is None:
        ap.error("measuring takes one dataset, --corpus and --index")

    from service.evaluation.runner import load_dataset

    items = load_dataset(args.datasets[0])
    with tempfile.TemporaryDirectory() as scratch:
        work = args.work or Path(scratch)
        traditional_index = work / "index"
        if not traditional_index.exists():
            ingest(convert_corpus(args.corpus, work / "pages"), traditional_index)
        in_traditional = traditional_questions(items)
        pairings = {
            args.index: {
                "simplified questions, pages as printed": items,
                "traditional questions, pages as printed": in_traditional,
            },
            traditional_index: {
                "simplified questions, traditional pages": traditional_gold(items),
                "traditional questions, traditional pages": traditional_gold(in_traditional),
            },
        }
        for index, named in pairings.items():
            for name, metrics in zip(named, measure(index, list(named.values()), args.top_k), strict=True):
                print(json.dumps({"pairing": name, **metrics}, ensure_ascii=False))


if __name__ == "__main__":
    main()
