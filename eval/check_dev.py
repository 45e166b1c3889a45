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
:func:`summarize`.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATASET = REPO_ROOT / "eval" / "dev.jsonl"
DEFAULT_CORPUS = REPO_ROOT.parent / "shared" / "corpus"

KINDS = frozenset({"number", "name", "date", "place", "paraphrase", "multi", "english", "unanswerable"})
LANGS = frozenset({"zh", "en"})
MATCH_MODES = frozenset({"any", "all"})
REQUIRED_KEYS = ("id", "question", "answers", "evidence", "source", "lang", "kind")
OPTIONAL_KEYS = ("match",)

# Evidence length (normalised characters): outside HARD_* is a problem, outside SOFT_* a warning.
HARD_MIN_EVIDENCE, HARD_MAX_EVIDENCE = 5, 45
SOFT_MIN_EVIDENCE, SOFT_MAX_EVIDENCE = 6, 40
# A question that contains one of its evidence strings of at least this length copies the text.
COPY_MIN_LEN = 8

# Requirements on the whole set (check_counts).
MIN_TOTAL = 80
MIN_ENGLISH = 12
MIN_MULTI = 5
MIN_UNANSWERABLE = 18
MIN_UNANSWERABLE_EN = 2
MIN_PER_BASIC_KIND = 3  # number, name, date, place, paraphrase each

# q001 … dev.jsonl, h001 … heldout.jsonl, r001 … heldout_refusal.jsonl, s001 … heldout_refusal2.jsonl,
# t001 … heldout_refusal3.jsonl, u001 … heldout_refusal4.jsonl, v001 … heldout_refusal5.jsonl,
# w001 … heldout_refusal6.jsonl, x001 … heldout_refusal7.jsonl, y001 … heldout_refusal8.jsonl,
# z001 … heldout_refusal9.jsonl, a001 … heldout_refusal10.jsonl, b001 … heldout_refusal11.jsonl,
# c001 … heldout_refusal12.jsonl, d001 … heldout_refusal13.jsonl, e001 … heldout_refusal14.jsonl,
# f001 … heldout_offtopic.jsonl, g001 … heldout_offtopic2.jsonl, i001 … heldout_offtopic3.jsonl,
# j001 … heldout_offtopic4.jsonl, k001 … heldout_offtopic5.jsonl, l001 … heldout_refusal15.jsonl,
# m001 … heldout_refusal16.jsonl, n001 … heldout_refusal17.jsonl, o001 … heldout_offtopic6.jsonl,
# p001 … heldout_refusal18.jsonl. Every single letter is now taken, so the sets after these take two
# letters: ra001, rb001 … for refusal sets, oa001, ob001 … for off-topic ones.
ID_RE = re.compile(r"^(?:[qhrstuvwxyzabcdefgijklmnop]|[ro][a-z])\d{3,}$")
CJK_RE = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
LATIN_WORD_RE = re.compile(r"[A-Za-z]{2,}")
WS_RE = re.compile(r"\s+")


def normalize(text: str) -> str:
    """NFKC-normalise and drop every whitespace character (line breaks, spaces, U+3000, ...)."""
    return WS_RE.sub("", unicodedata.normalize("NFKC", text))


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


def _is_str_list(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(v, str) for v in value)


def _label(item: dict[str, Any], index: int) -> str:
    qid = item.get("id")
    return qid if isinstance(qid, str) and qid else f"item#{index + 1}"


def check_item(item: dict[str, Any], label: str) -> tuple[list[str], list[str]]:
    """Schema and self-consistency checks for one item (no corpus needed): (problems, warnings)."""
    problems: list[str] = []
    warnings: list[str] = []

    def bad(msg: str) -> None:
        problems.append(f"{label}: {msg}")

    missing = [k for k in REQUIRED_KEYS if k not in item]
    if missing:
        bad(f"missing keys {missing}")
        return problems, warnings
    unknown = sorted(set(item) - set(REQUIRED_KEYS) - set(OPTIONAL_KEYS))
    if unknown:
        bad(f"unknown keys {unknown}")

    qid, question, answers, evidence = item["id"], item["question"], item["answers"], item["evidence"]
    source, lang, kind = item["source"], item["lang"], item["kind"]

    if not isinstance(qid, str) or not ID_RE.match(qid):
        bad(
            f"id {qid!r} is not like 'q001' "
            "(or 'h001', 'r001', 's001', 't001', 'u001', 'v001', 'w001', 'x001', 'y001', 'z001', 'a001', "
            "'b001', 'c001', 'd001', 'e001', 'f001', 'g001', 'i001', 'j001', 'k001', 'l001', 'm001', 'n001', "
            "'o001', 'p001'; later sets 'ra001' … or 'oa001' …)"
        )
    if not isinstance(question, str) or not question.strip():
        bad("question must be a non-empty string")
        question = ""
    if not _is_str_list(answers):
        bad("answers must be a list of strings")
        answers = []
    if not _is_str_list(evidence):
        bad("evidence must be a list of strings")
        evidence = []
    if lang not in LANGS:
        bad(f"lang {lang!r} not in {sorted(LANGS)}")
    if kind not in KINDS:
        bad(f"kind {kind!r} not in {sorted(KINDS)}")
    if source is not None and (not isinstance(source, str) or not source.endswith(".txt")):
        bad(f"source {source!r} must be a corpus file name (*.txt) or null")
    match = item.get("match", "any")
    if match not in MATCH_MODES:
        bad(f"match {match!r} not in {sorted(MATCH_MODES)}")

    # Language of the question.
    if lang == "zh" and not CJK_RE.search(question):
        bad("lang is zh but the question has no Chinese characters")
    if lang == "en" and (CJK_RE.search(question) or not LATIN_WORD_RE.search(question)):
        bad("lang is en but the question is not plain English")
    if kind == "english" and lang != "en":
        bad("kind 'english' needs lang 'en'")
    if lang == "en" and kind not in {"english", "multi", "unanswerable"}:
        bad(f"an English question should have kind english/multi/unanswerable, not {kind!r}")

    # Answerable vs unanswerable.
    unanswerable = kind == "unanswerable"
    if unanswerable or source is None:
        if not (unanswerable and source is None and not answers and not evidence):
            bad("unanswerable <=> kind 'unanswerable', source null, empty answers and evidence")
        if "match" in item:
            bad("an unanswerable question takes no 'match'")
        return problems, warnings

    if not answers:
        bad("an answerable question needs at least one answer")
    if not evidence:
        bad("an answerable question needs at least one evidence string")
    if kind == "multi" and len(evidence) < 2:
        bad("a 'multi' question needs at least two evidence strings")
    if match == "all" and len(answers) < 2:
        bad("match 'all' needs at least two answers")

    norm_answers = [normalize(a) for a in answers]
    norm_evidence = [normalize(e) for e in evidence]
    if any(not a for a in norm_answers):
        bad("empty answer")
    if any(not e for e in norm_evidence):
        bad("empty evidence string")
    if len(set(norm_answers)) != len(norm_answers):
        bad("duplicate answers (after normalisation)")
    if len(set(norm_evidence)) != len(norm_evidence):
        bad("duplicate evidence strings (after normalisation)")

    for raw, ev in zip(evidence, norm_evidence, strict=True):
        if not ev:
            continue
        if not HARD_MIN_EVIDENCE <= len(ev) <= HARD_MAX_EVIDENCE:
            bad(f"evidence {raw!r} has {len(ev)} chars (allowed {HARD_MIN_EVIDENCE}-{HARD_MAX_EVIDENCE})")
        elif not SOFT_MIN_EVIDENCE <= len(ev) <= SOFT_MAX_EVIDENCE:
            warnings.append(f"{label}: evidence {raw!r} has {len(ev)} chars")
        if len(ev) >= COPY_MIN_LEN and ev in normalize(question):
            warnings.append(f"{label}: the question copies its evidence {raw!r}")

    for raw, ans in zip(answers, norm_answers, strict=True):
        if ans and not any(ans in ev for ev in norm_evidence):
            bad(f"answer {raw!r} occurs in none of the evidence strings")
    return problems, warnings


def check_schema(items: Sequence[dict[str, Any]]) -> tuple[list[str], list[str]]:
    """Per-item schema checks plus unique ids and questions: (problems, warnings)."""
    problems: list[str] = []
    warnings: list[str] = []
    ids: Counter[str] = Counter()
    questions: Counter[str] = Counter()
    for index, item in enumerate(items):
        label = _label(item, index)
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
        label = _label(item, index)
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
