"""Validate the dev question set (eval/dev.jsonl) against its schema and, when available, the corpus.

Usage::

    python eval/check_dev.py [--corpus DIR] [--dataset eval/dev.jsonl] [--skip-corpus]

The corpus defaults to ``../shared/corpus`` relative to the repository root. Strings are compared
after NFKC normalisation and removal of all whitespace (see :func:`normalize`), so evidence may cross
hard line breaks in a page, but it must be a contiguous run of the normalised page text.

Exit status: 0 when no problem was found, 1 otherwise (2 for usage errors). Warnings are printed
but do not fail the run.

The functions are importable (the tests load this file by path): :func:`load_dataset`,
:func:`check_schema`, :func:`check_counts`, :func:`load_corpus`, :func:`check_evidence`,
:func:`summarize`, and from ``dataset_items.py`` (the checks on one question) :func:`check_item` and
:func:`normalize`.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from dataset_items import check_item, item_label, normalize

REPO_ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATASET = REPO_ROOT / "eval" / "dev.jsonl"
DEFAULT_CORPUS = REPO_ROOT.parent / "shared" / "corpus"

# Requirements on the whole set (check_counts).
MIN_TOTAL = 80
MIN_ENGLISH = 12
MIN_MULTI = 5
MIN_UNANSWERABLE = 18
MIN_UNANSWERABLE_EN = 2
MIN_PER_BASIC_KIND = 3  # number, name, date, place, paraphrase each


# --------------------------------------------------------------------------- loading


def load_dataset(path: Path | str) -> tuple[list[dict[str, Any]], list[str]]:
    """Parse a JSONL file; return (items, problems). Blank lines are problems too."""
    items: list[dict[str, Any]] = []
    problems: list[str] = []
    path = Path(path)
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        return [], [f"{path}: cannot read dataset: {exc}"]
    for lineno, line in enumerate(lines, 1):
        if not line.strip():
            problems.append(f"{path.name}:{lineno}: blank line")
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            problems.append(f"{path.name}:{lineno}: invalid JSON: {exc}")
            continue
        if not isinstance(obj, dict):
            problems.append(f"{path.name}:{lineno}: not a JSON object")
            continue
        items.append(obj)
    if not items and not problems:
        problems.append(f"{path.name}: dataset is empty")
    return items, problems


def load_corpus(corpus_dir: Path | str) -> dict[str, str]:
    """Map each ``*.txt`` file name in ``corpus_dir`` to its normalised text."""
    corpus_dir = Path(corpus_dir)
    return {
        p.name: normalize(p.read_text(encoding="utf-8", errors="replace"))
        for p in sorted(corpus_dir.glob("*.txt"))
    }


# --------------------------------------------------------------------------- schema


def check_schema(items: Sequence[dict[str, Any]]) -> tuple[list[str], list[str]]:
    """Per-item schema checks plus unique ids and questions: (problems, warnings)."""
    problems: list[str] = []
    warnings: list[str] = []
    ids: Counter[str] = Counter()
    questions: Counter[str] = Counter()
    for index, item in enumerate(items):
        label = item_label(item, index)
        p, w = check_item(item, label)
        problems += p
        warnings += w
        if isinstance(item.get("id"), str):
            ids[item["id"]] += 1
        if isinstance(item.get("question"), str):
            questions[normalize(item["question"])] += 1
    problems += [f"{qid}: duplicate id ({n}x)" for qid, n in ids.items() if n > 1]
    problems += [f"duplicate question ({n}x): {q}" for q, n in questions.items() if n > 1]
    return problems, warnings


# --------------------------------------------------------------------------- counts


def summarize(items: Iterable[dict[str, Any]]) -> dict[str, Any]:
    """Counts per kind, lang and source page, and the unanswerable share."""
    items = list(items)
    kinds = Counter(str(i.get("kind")) for i in items)
    langs = Counter(str(i.get("lang")) for i in items)
    pages = Counter(str(i.get("source")) for i in items if i.get("source") is not None)
    lang_kind = Counter(f"{i.get('lang')}/{i.get('kind')}" for i in items)
    n_unans = kinds.get("unanswerable", 0)
    return {
        "total": len(items),
        "by_kind": dict(sorted(kinds.items())),
        "by_lang": dict(sorted(langs.items())),
        "by_lang_kind": dict(sorted(lang_kind.items())),
        "by_page": dict(sorted(pages.items())),
        "unanswerable": n_unans,
        "unanswerable_share": round(n_unans / len(items), 3) if items else 0.0,
    }


def check_counts(items: Sequence[dict[str, Any]]) -> list[str]:
    """Requirements on the set as a whole (no corpus needed)."""
    s = summarize(items)
    kinds, langs = s["by_kind"], s["by_lang"]
    problems = []
    if s["total"] < MIN_TOTAL:
        problems.append(f"only {s['total']} questions (need >= {MIN_TOTAL})")
    if langs.get("en", 0) < MIN_ENGLISH:
        problems.append(f"only {langs.get('en', 0)} English questions (need >= {MIN_ENGLISH})")
    if kinds.get("multi", 0) < MIN_MULTI:
        problems.append(f"only {kinds.get('multi', 0)} multi questions (need >= {MIN_MULTI})")
    if s["unanswerable"] < MIN_UNANSWERABLE:
        problems.append(f"only {s['unanswerable']} unanswerable questions (need >= {MIN_UNANSWERABLE})")
    en_unans = s["by_lang_kind"].get("en/unanswerable", 0)
    if en_unans < MIN_UNANSWERABLE_EN:
        problems.append(f"only {en_unans} English unanswerable questions (need >= {MIN_UNANSWERABLE_EN})")
    for kind in ("number", "name", "date", "place", "paraphrase"):
        if kinds.get(kind, 0) < MIN_PER_BASIC_KIND:
            problems.append(f"only {kinds.get(kind, 0)} '{kind}' questions (need >= {MIN_PER_BASIC_KIND})")
    return problems


# --------------------------------------------------------------------------- corpus


def check_evidence(items: Sequence[dict[str, Any]], corpus: dict[str, str]) -> list[str]:
    """Every evidence string is a contiguous run of its page (normalised).

    Single-article questions: every evidence string occurs in ``source``. ``multi`` questions may
    span articles and pages: the first evidence string occurs in ``source`` and each of the others
    in some page. Every corpus page must be the source of at least one question.
    """
    problems: list[str] = []
    if not corpus:
        return ["corpus is empty (no *.txt files)"]
    covered: Counter[str] = Counter()
    for index, item in enumerate(items):
        label = item_label(item, index)
        source = item.get("source")
        evidence = item.get("evidence") or []
        if source is None:
            continue
        if source not in corpus:
            problems.append(f"{label}: source {source!r} is not a corpus file")
            continue
        covered[source] += 1
        page = corpus[source]
        multi = item.get("kind") == "multi"
        for pos, raw in enumerate(evidence):
            if not isinstance(raw, str):
                continue
            ev = normalize(raw)
            if (not multi or pos == 0) and ev not in page:
                problems.append(f"{label}: evidence {raw!r} is not a contiguous span of {source}")
            elif multi and pos > 0 and not any(ev in text for text in corpus.values()):
                problems.append(f"{label}: evidence {raw!r} occurs in no corpus page")
    problems += [f"page {name} is the source of no question" for name in corpus if not covered[name]]
    return problems


# --------------------------------------------------------------------------- CLI


def _print_summary(s: dict[str, Any], out: Any) -> None:
    print(
        f"questions: {s['total']}  unanswerable: {s['unanswerable']} ({s['unanswerable_share']:.1%})",
        file=out,
    )
    for title, key in (
        ("kind", "by_kind"),
        ("lang", "by_lang"),
        ("lang/kind", "by_lang_kind"),
        ("page", "by_page"),
    ):
        print(f"by {title}:", file=out)
        for name, n in s[key].items():
            print(f"  {name:<32} {n:>4}", file=out)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dataset", type=Path, default=DEFAULT_DATASET)
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument(
        "--skip-corpus",
        action="store_true",
        help="only check schema and counts (for a clone without ../shared/corpus)",
    )
    parser.add_argument("-q", "--quiet", action="store_true", help="print problems only")
    args = parser.parse_args(argv)

    items, problems = load_dataset(args.dataset)
    schema_problems, warnings = check_schema(items)
    problems += schema_problems
    problems += check_counts(items)
    if not args.skip_corpus:
        if args.corpus.is_dir():
            problems += check_evidence(items, load_corpus(args.corpus))
        else:
            problems.append(f"corpus directory {args.corpus} not found (use --corpus or --skip-corpus)")

    if not args.quiet:
        _print_summary(summarize(items), sys.stdout)
        for w in warnings:
            print(f"warning: {w}")
    for p in problems:
        print(f"PROBLEM: {p}", file=sys.stderr)
    if problems:
        print(f"{len(problems)} problem(s) in {args.dataset}", file=sys.stderr)
        return 1
    if not args.quiet:
        corpus_note = "" if args.skip_corpus else f" against {args.corpus}"
        print(f"OK: {args.dataset}{corpus_note}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
