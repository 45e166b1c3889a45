"""Write per-question results (JSONL), a Markdown report and PNG plots for one or more configs."""

from __future__ import annotations

import json
import platform
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from service.evaluation.metrics import Outcome, hit_rank, summarize
from service.evaluation.runner import HIT_DEPTH, outcome_record

METRIC_ORDER = [
    "hit@1",
    "hit@5",
    "hit@10",
    "mrr",
    "answer_accuracy",
    "char_f1",
    "citation_precision",
    "citation_recall",
    "refusal_recall",
    "refusal_precision",
    "wrongly_refused",
    "latency_p50_ms",
    "latency_p95_ms",
    "latency_p99_ms",
]


def machine() -> str:
    import os

    mem = ""
    try:
        with open("/proc/meminfo") as meminfo:
            kb = int(next(line for line in meminfo if line.startswith("MemTotal")).split()[1])
        mem = f", {kb / 1024 / 1024:.0f} GiB"
    except (OSError, StopIteration, ValueError):
        pass
    return f"{platform.machine()}, {os.cpu_count()} cores{mem}, Python {platform.python_version()}"


def write_report(out: Path, runs: dict[str, list[Outcome]], dataset: str, command: str) -> dict[str, Any]:
    out.mkdir(parents=True, exist_ok=True)
    summaries = {name: summarize(outcomes) for name, outcomes in runs.items()}
    with open(out / "results.jsonl", "w", encoding="utf-8") as fh:
        for name, outcomes in runs.items():
            for o in outcomes:
                fh.write(json.dumps(outcome_record(o, name), ensure_ascii=False) + "\n")
    (out / "summary.json").write_text(json.dumps(summaries, indent=2, ensure_ascii=False), encoding="utf-8")
    plots = _plots(out, runs)
    (out / "report.md").write_text(_markdown(summaries, runs, dataset, command, plots), encoding="utf-8")
    return summaries


def _markdown(
    summaries: dict[str, dict[str, Any]],
    runs: dict[str, list[Outcome]],
    dataset: str,
    command: str,
    plots: Sequence[str],
) -> str:
    names = list(summaries)
    lines = [
        f"# ragqa evaluation: {dataset}",
        "",
        f"Command: `{command}`  ",
        f"Machine: {machine()}",
        "",
        "| metric | " + " | ".join(names) + " |",
        "|---|" + "---|" * len(names),
    ]
    for metric in METRIC_ORDER:
        lines.append(f"| {metric} | " + " | ".join(str(summaries[n][metric]) for n in names) + " |")
    first = next(iter(summaries.values()))
    lines += [
        "",
        f"{first['questions']} questions ({first['answerable']} answerable, "
        f"{first['unanswerable']} unanswerable). Latency is per `/v1/ask` call; "
        "percentiles are over all questions.",
        "",
    ]
    lines += [f"![{p}]({p})" for p in plots]
    lines += ["", "## Misses of the first configuration", ""]
    for o in runs[names[0]]:
        rec = outcome_record(o, names[0])
        if not rec["correct"]:
            why = f" (refused: {o.extra['refusal_reason']})" if o.extra.get("refusal_reason") else ""
            lines.append(f"- {o.item.id} ({o.item.kind}) {o.item.question} → {o.answer[:80]!r}{why}")
    lines += ["", "## Why answerable questions were refused (first configuration)", ""]
    reasons = Counter(
        o.extra.get("refusal_reason") or "(no reason given)"
        for o in runs[names[0]]
        if o.item.answerable and not o.answerable
    )
    lines += [f"- {count} × {reason}" for reason, count in reasons.most_common()] or ["- none"]
    return "\n".join(lines) + "\n"


def _plots(out: Path, runs: dict[str, list[Outcome]]) -> list[str]:
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        return []
    fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(10, 4))
    for name, outcomes in runs.items():
        ranks = [hit_rank(o.item.evidence, o.passages) for o in outcomes if o.item.answerable]
        ks = list(range(1, HIT_DEPTH + 1))
        curve = [sum(1 for r in ranks if r and r <= k) / max(len(ranks), 1) for k in ks]
        ax1.plot(ks, curve, marker="o", label=name)
        ax2.hist([o.latency_ms for o in outcomes], bins=30, alpha=0.5, label=name)
    ax1.set(title="passage hit@k", xlabel="k", ylabel="share of answerable questions", ylim=(0, 1.02))
    ax2.set(title="/v1/ask latency", xlabel="ms", ylabel="questions")
    ax1.legend()
    ax2.legend()
    fig.tight_layout()
    fig.savefig(out / "eval.png", dpi=100)
    plt.close(fig)
    return ["eval.png"]
