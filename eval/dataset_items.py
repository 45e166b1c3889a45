"""The checks on one question of a set (eval/check_dev.py runs them on every question): its schema,
its language, and that its answers and evidence agree. No corpus is needed here.

Strings are compared after NFKC normalisation and removal of all whitespace (:func:`normalize`).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from typing import Any

KINDS = frozenset(
    {"number", "name", "date", "place", "paraphrase", "multi", "english", "unanswerable", "yesno"}
)
LANGS = frozenset({"zh", "en"})
MATCH_MODES = frozenset({"any", "all"})
REQUIRED_KEYS = ("id", "question", "answers", "evidence", "source", "lang", "kind")
OPTIONAL_KEYS = ("match",)

# Evidence length (normalised characters): outside HARD_* is a problem, outside SOFT_* a warning.
HARD_MIN_EVIDENCE, HARD_MAX_EVIDENCE = 5, 45
SOFT_MIN_EVIDENCE, SOFT_MAX_EVIDENCE = 6, 40
# A question that contains one of its evidence strings of at least this length copies the text.
COPY_MIN_LEN = 8

# q001 … dev.jsonl, h001 … heldout.jsonl, r001 … heldout_refusal.jsonl, s001 … heldout_refusal2.jsonl,
# t001 … heldout_refusal3.jsonl, u001 … heldout_refusal4.jsonl, v001 … heldout_refusal5.jsonl,
# w001 … heldout_refusal6.jsonl, x001 … heldout_refusal7.jsonl, y001 … heldout_refusal8.jsonl,
# z001 … heldout_refusal9.jsonl, a001 … heldout_refusal10.jsonl, b001 … heldout_refusal11.jsonl,
# c001 … heldout_refusal12.jsonl, d001 … heldout_refusal13.jsonl, e001 … heldout_refusal14.jsonl,
# f001 … heldout_offtopic.jsonl, g001 … heldout_offtopic2.jsonl, i001 … heldout_offtopic3.jsonl,
# j001 … heldout_offtopic4.jsonl, k001 … heldout_offtopic5.jsonl, l001 … heldout_refusal15.jsonl,
# m001 … heldout_refusal16.jsonl, n001 … heldout_refusal17.jsonl, o001 … heldout_offtopic6.jsonl,
# p001 … heldout_refusal18.jsonl. Every single letter is now taken, so the sets after these take two
# letters: ra001, rb001 … for refusal sets, oa001, ob001 … for off-topic ones, ya001, yb001 for
# yes-or-no sets, ea001, eb001 for sets of short English questions.
ID_RE = re.compile(r"^(?:[qhrstuvwxyzabcdefgijklmnop]|[roye][a-z])\d{3,}$")
CJK_RE = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
LATIN_WORD_RE = re.compile(r"[A-Za-z]{2,}")
WS_RE = re.compile(r"\s+")

Report = Callable[[str], None]


def normalize(text: str) -> str:
    """NFKC-normalise and drop every whitespace character (line breaks, spaces, U+3000, ...)."""
    return WS_RE.sub("", unicodedata.normalize("NFKC", text))


def item_label(item: dict[str, Any], index: int) -> str:
    """How problems name the question: its id, else its place in the file."""
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
    question, answers, evidence = _check_fields(item, bad)
    _check_language(question, item["lang"], item["kind"], bad)
    unanswerable = item["kind"] == "unanswerable"
    if unanswerable or item["source"] is None:
        if not (unanswerable and item["source"] is None and not answers and not evidence):
            bad("unanswerable <=> kind 'unanswerable', source null, empty answers and evidence")
        if "match" in item:
            bad("an unanswerable question takes no 'match'")
        return problems, warnings
    _check_answerable(item, question, answers, evidence, bad, lambda w: warnings.append(f"{label}: {w}"))
    return problems, warnings


def _check_fields(item: dict[str, Any], bad: Report) -> tuple[str, list[str], list[str]]:
    """Each field's type and value; returns the question, answers and evidence (empty when malformed)."""
    qid, question, answers, evidence = item["id"], item["question"], item["answers"], item["evidence"]
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
    if item["lang"] not in LANGS:
        bad(f"lang {item['lang']!r} not in {sorted(LANGS)}")
    if item["kind"] not in KINDS:
        bad(f"kind {item['kind']!r} not in {sorted(KINDS)}")
    source = item["source"]
    if source is not None and (not isinstance(source, str) or not source.endswith(".txt")):
        bad(f"source {source!r} must be a corpus file name (*.txt) or null")
    match = item.get("match", "any")
    if match not in MATCH_MODES:
        bad(f"match {match!r} not in {sorted(MATCH_MODES)}")
    return question, answers, evidence


def _check_language(question: str, lang: Any, kind: Any, bad: Report) -> None:
    if lang == "zh" and not CJK_RE.search(question):
        bad("lang is zh but the question has no Chinese characters")
    if lang == "en" and (CJK_RE.search(question) or not LATIN_WORD_RE.search(question)):
        bad("lang is en but the question is not plain English")
    if kind == "english" and lang != "en":
        bad("kind 'english' needs lang 'en'")
    if lang == "en" and kind not in {"english", "multi", "unanswerable"}:
        bad(f"an English question should have kind english/multi/unanswerable, not {kind!r}")


def _check_answerable(
    item: dict[str, Any], question: str, answers: list[str], evidence: list[str], bad: Report, warn: Report
) -> None:
    """An answerable question: answers and evidence present, distinct, of sane length, and every
    answer inside some evidence string."""
    if not answers:
        bad("an answerable question needs at least one answer")
    if not evidence:
        bad("an answerable question needs at least one evidence string")
    if item["kind"] == "multi" and len(evidence) < 2:
        bad("a 'multi' question needs at least two evidence strings")
    if item.get("match", "any") == "all" and len(answers) < 2:
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
            warn(f"evidence {raw!r} has {len(ev)} chars")
        if len(ev) >= COPY_MIN_LEN and ev in normalize(question):
            warn(f"the question copies its evidence {raw!r}")
    for raw, ans in zip(answers, norm_answers, strict=True):
        if ans and not any(ans in ev for ev in norm_evidence):
            bad(f"answer {raw!r} occurs in none of the evidence strings")


def _is_str_list(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(v, str) for v in value)
