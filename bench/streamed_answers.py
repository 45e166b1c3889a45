"""What an OpenAI chat front end shows of a streamed answer, against the answer ragqa settles on.

A chat front end shows the ``content`` deltas of ``/v1/chat/completions`` as they arrive and never
takes them back. This asks the first ``--limit`` questions of a dataset through that route, streamed,
on a ``ragqa serve`` started here over ``--index`` (its generator from the environment: set
``RAGQA_LLM__BACKEND=openai`` and ``RAGQA_LLM__BASE_URL``, as ``bench/local_llm.sh`` does), and counts
the streams whose shown text is not the final answer, and those that showed a sentence the final
answer does not hold.

    RAGQA_LLM__BACKEND=openai RAGQA_LLM__BASE_URL=http://127.0.0.1:8089/v1 RAGQA_LLM__MODEL=gemma \\
        python bench/streamed_answers.py eval/dev.jsonl --index /tmp/idx --limit 20
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import httpx

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.serving import BENCH_SERVER_ENV, ragqa_server
from service.evaluation.runner import load_dataset

_SENTENCE = re.compile(r"[^。！？!?\n]+[。！？!?]*")


def streamed(url: str, question: str, timeout: float) -> tuple[str, dict[str, Any]]:
    """The content a chat front end would show, and the extra fields of the finishing chunk."""
    body = {"model": "ragqa", "stream": True, "messages": [{"role": "user", "content": question}]}
    shown, final = "", dict[str, Any]()
    with httpx.stream("POST", url + "/v1/chat/completions", json=body, timeout=timeout) as r:
        r.raise_for_status()
        for line in r.iter_lines():
            if not line.startswith("data: {"):
                continue
            chunk = json.loads(line[6:])
            for choice in chunk.get("choices", []):
                shown += choice["delta"].get("content") or ""
                if choice.get("finish_reason"):
                    final = chunk
    return shown, final


def tally(pairs: list[tuple[str, str]]) -> dict[str, int]:
    """Of (shown, final answer) pairs: how many differ, and how many showed a sentence (markers
    aside) that the final answer does not hold."""

    def bare(text: str) -> str:
        return re.sub(r"\[\d+\]|\s", "", text)

    differ = sum(shown != final for shown, final in pairs)
    dropped = sum(
        any(bare(s) and bare(s) not in bare(final) for s in _SENTENCE.findall(shown))
        for shown, final in pairs
    )
    return {"questions": len(pairs), "shown_is_not_the_answer": differ, "showed_a_dropped_sentence": dropped}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("dataset", type=Path)
    parser.add_argument("--index", type=Path, required=True)
    parser.add_argument("--limit", type=int, default=20)
    parser.add_argument("--timeout", type=float, default=300.0, help="seconds per answer")
    parser.add_argument("--log", type=Path, default=Path("/tmp/ragqa-streamed-answers.log"))
    args = parser.parse_args()
    items = load_dataset(args.dataset)[: args.limit]
    env = {k: v for k, v in BENCH_SERVER_ENV.items() if k != "RAGQA_LLM__BACKEND"}
    pairs: list[tuple[str, str]] = []
    generators: Counter[str] = Counter()
    with ragqa_server(args.index, args.log, env) as (url, _):
        for item in items:
            shown, final = streamed(url, item.question, args.timeout)
            pairs.append((shown, final.get("answer", "")))
            generators[final.get("generator", "?").split(" (")[0]] += 1
    print(json.dumps({**tally(pairs), "generators": dict(generators)}, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
