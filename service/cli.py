"""The ``ragqa`` command. Heavy imports happen inside each sub-command."""

from __future__ import annotations

import argparse
import json
import logging
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from embeddings.errors import RagqaError
from service.config import Settings
from service.evaluation.command import cmd_eval
from service.security.commands import add_keys_parser, bind_refusal

Handler = Callable[[argparse.Namespace, Settings], int]


def _settings(args: argparse.Namespace) -> Settings:
    settings = Settings()
    if getattr(args, "index", None):
        settings.index.dir = Path(args.index)
    return settings


def cmd_models_prepare(args: argparse.Namespace, settings: Settings) -> int:
    from embeddings.embedder import prepare_model

    for path in prepare_model(settings.embedding):
        print(path)
    return 0


def cmd_ingest(args: argparse.Namespace, settings: Settings) -> int:
    from tqdm import tqdm

    from embeddings.ingest import Progress
    from service.components import load_embedder, make_ingestor, open_index

    embedder = load_embedder(settings)
    index = open_index(settings, embedder, create=True)
    ingestor = make_ingestor(settings, index, embedder, batch_chunks=args.batch_chunks)
    bar = tqdm(total=0, unit="file", disable=args.json or (not sys.stderr.isatty() and not args.progress))

    def progress(p: Progress) -> None:
        bar.total = p.files_total
        bar.update(p.files_done - bar.n)
        rate = p.chunks_done / p.elapsed if p.elapsed else 0.0
        bar.set_postfix(chunks=p.chunks_done, chunks_per_s=f"{rate:.1f}", sentences=p.sentences_done)

    summary = ingestor.ingest_paths([Path(p) for p in args.paths], progress)
    bar.close()
    if args.json:
        print(json.dumps(summary.as_dict(), ensure_ascii=False, indent=2))
    else:
        _print_summary(summary.as_dict())
    return 0


def _print_summary(s: dict[str, object]) -> None:
    print(
        f"files {s['files']} ({s['unchanged_files']} unchanged) · documents {s['documents']} · "
        f"articles {s['articles']} · chunks {s['chunks']} (embedded {s['embedded']}, reused {s['reused']}) · "
        f"sentences embedded {s['sentences_embedded']} · errors {len(s['errors'])} · "  # type: ignore[arg-type]
        f"{s['seconds']:.1f} s (embedding {s['embed_seconds']:.1f} s, "
        f"sentences {s['sentence_seconds']:.1f} s)"
    )
    for err in s["errors"]:  # type: ignore[attr-defined]
        where = f"{err['source']}:{err['line']}" if err["line"] else err["source"]
        print(f"  skipped {where}: {err['message']}", file=sys.stderr)


def cmd_index_info(args: argparse.Namespace, settings: Settings) -> int:
    from embeddings.index import NewsIndex

    index = NewsIndex.open(settings.index.dir, None, create=False)
    info = {
        "dir": str(index.dir),
        "manifest": json.loads(index.manifest.to_json()),
        **index.store.counts(),
        "vectors_in_faiss": len(index.vectors),
    }
    if args.json:
        print(json.dumps(info, ensure_ascii=False, indent=2))
        return 0
    for key, value in info.items():
        print(f"{key}: {value}")
    for doc in index.store.documents():
        print(f"  {doc.source}: {doc.articles} articles, {doc.chunks} chunks ({doc.encoding})")
    return 0


def cmd_index_delete(args: argparse.Namespace, settings: Settings) -> int:
    from embeddings.index import NewsIndex

    index = NewsIndex.open(settings.index.dir, None, create=False)
    removed = index.delete(source=args.source, doc_id=args.doc)
    print(f"removed {removed} chunks")
    return 0


def cmd_serve(args: argparse.Namespace, settings: Settings) -> int:
    import uvicorn

    from embeddings.embedder import set_torch_threads
    from embeddings.manifest import check_index
    from service.app import create_app
    from service.runtime import Runtime

    settings.server.host, settings.server.port = args.host, args.port
    if args.allow_public_without_keys:
        settings.security.allow_public_without_keys = True
    refusal = bind_refusal(settings, args.host)
    if refusal:
        print(f"ragqa: {refusal}", file=sys.stderr)
        return 2
    # Check the index before the model loads, and build everything before binding the port: a
    # missing or damaged index ends here with a clear message and exit 2, never a half-working server.
    check_index(settings.index.dir)
    logging.getLogger("ragqa.answers").setLevel(logging.INFO)  # one line per answer, as uvicorn's access log
    if settings.embedding.st_backend == "torch":
        set_torch_threads(settings.server.torch_threads)
    app = create_app(settings, runtime=Runtime.build(settings))
    uvicorn.run(app, host=args.host, port=args.port, log_level="info")
    return 0


def cmd_ask(args: argparse.Namespace, settings: Settings) -> int:
    from pydantic import ValidationError

    from embeddings.errors import InputError
    from embeddings.manifest import check_index
    from service.runtime import Runtime
    from service.schemas import AskRequest

    try:  # the same rules as POST /v1/ask
        request = AskRequest.model_validate({"question": args.question, "top_k": args.top_k})
    except ValidationError as exc:
        first = exc.errors()[0]
        raise InputError(f"{first['loc'][0]}: {first['msg']}", str(first["loc"][0])) from None
    check_index(settings.index.dir)  # before the model loads: a wrong --index fails at once
    runtime = Runtime.build(settings)
    answer = runtime.answer(request.question, top_k=request.top_k)
    if args.json:
        print(json.dumps(answer.model_dump(), ensure_ascii=False, indent=2))
        return 0
    print(answer.answer)
    if answer.refusal_reason:
        print(f"  (refused: {answer.refusal_reason})", file=sys.stderr)
    for c in answer.citations:
        print(f"  [{c.id}] {c.title} — {c.source} [{c.start}:{c.end}]")
    return 0


def cmd_bench(args: argparse.Namespace, settings: Settings) -> int:
    # The benchmarks live in the repository's bench/ folder (not in the installed package).
    repo = Path(__file__).resolve().parents[1]
    if not (repo / "bench" / "run_all.py").exists():
        print("ragqa: bench/ is missing; run `ragqa bench` from a repository checkout", file=sys.stderr)
        return 2
    sys.path.insert(0, str(repo))
    from bench.run_all import main as run_all

    argv = ["--quick"] if args.quick else []
    for name in ("sizes", "parts", "timeout", "out", "index"):
        if getattr(args, name):
            argv += [f"--{name}", getattr(args, name)]
    return run_all(argv)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="ragqa", description="Question answering over news articles.")
    parser.add_argument("-v", "--verbose", action="store_true")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("ingest", help="index files or directories")
    p.add_argument("paths", nargs="+")
    p.add_argument("--index", help="index directory (default: settings)")
    p.add_argument("--batch-chunks", type=int, default=256, help="chunks per committed batch")
    p.add_argument("--json", action="store_true", help="print the summary as JSON")
    p.add_argument("--progress", action="store_true", help="show the progress bar even without a TTY")
    p.set_defaults(handler=cmd_ingest)

    index = sub.add_parser("index", help="inspect or edit an index").add_subparsers(
        dest="action", required=True
    )
    p = index.add_parser("info")
    p.add_argument("--index")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_index_info)
    p = index.add_parser("delete")
    p.add_argument("--index")
    target = p.add_mutually_exclusive_group(required=True)
    target.add_argument("--source", help="a file as ingested (path relative to the ingested root)")
    target.add_argument("--doc", help="one article's doc_id")
    p.set_defaults(handler=cmd_index_delete)

    models = sub.add_parser("models", help="manage embedding models").add_subparsers(
        dest="action", required=True
    )
    models.add_parser("prepare", help="convert the bundled e5 model (and export it to ONNX)").set_defaults(
        handler=cmd_models_prepare
    )

    p = sub.add_parser("serve", help="run the HTTP API")
    p.add_argument("--index")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=8000)
    p.add_argument(
        "--allow-public-without-keys",
        action="store_true",
        help="bind a non-loopback address although no API keys exist (no authentication)",
    )
    p.set_defaults(handler=cmd_serve)

    add_keys_parser(sub)

    p = sub.add_parser("ask", help="answer one question from the command line")
    p.add_argument("question")
    p.add_argument("--index")
    p.add_argument("--top-k", type=int, default=5)
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_ask)

    p = sub.add_parser("eval", help="evaluate on a dataset (in-process or against --url)")
    p.add_argument("dataset")
    p.add_argument("--index")
    p.add_argument("--url", help="evaluate a running server through the HTTP contract")
    p.add_argument("--api-key", help="bearer key for --url")
    p.add_argument(
        "--config",
        action="append",
        help="MODE[-GENERATOR]: hybrid|dense|keyword and extractive|openai (repeatable); "
        "with --url only hybrid and the server's own generator",
    )
    p.add_argument("--top-k", type=int, default=5)
    p.add_argument("--out", default="eval/out")
    p.add_argument("--floors", help="JSON of minimum metrics; exit 1 when the first config falls below")
    p.add_argument("--progress", action="store_true")
    p.set_defaults(handler=cmd_eval)

    p = sub.add_parser("bench", help="latency at scale, memory per chunk, baselines (bench/run_all.py)")
    p.add_argument("--quick", action="store_true", help="tiny sizes and few queries")
    p.add_argument("--sizes", help="comma-separated chunk counts, e.g. 10000,100000,1000000")
    p.add_argument("--parts", help="comma-separated parts (default: all present in bench/)")
    p.add_argument("--timeout", help="seconds any one part may run")
    p.add_argument("--out", help="output folder (default artifacts/bench)")
    p.add_argument("--index", help="built index the HTTP latency part copies (default data/index)")
    p.set_defaults(handler=cmd_bench)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    level = logging.INFO if args.verbose else logging.WARNING
    logging.basicConfig(level=level, format="%(levelname)s %(message)s")
    try:
        handler: Handler = args.handler
        return handler(args, _settings(args))
    except RagqaError as exc:
        print(f"ragqa: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
