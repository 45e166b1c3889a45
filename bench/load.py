"""Load: concurrent clients asking over HTTP, then the same while documents are being ingested.

    apt-get install -y wrk        # the load generator (Debian's wrk); `make bench` installs it
    python -m bench.load [--index data/index] [--clients 32] [--seconds 60] [--quick]

Starts a real ``ragqa serve`` (extractive generator, the real e5 model) over a temporary copy of the
index, warms it up, and drives ``POST /v1/ask`` with wrk from 127.0.0.1: ``--clients`` connections,
each sending its next question as soon as the previous answer arrived, with the questions of
``eval/dev.jsonl`` (bench/load_ask.lua). Phase 2 repeats that while one more client uploads
documents through ``POST /v1/documents`` back to back. The server's per-address rate limit is
switched off (RAGQA_SECURITY__*_RATE_PER_MINUTE=0): one address opening 32 connections is exactly
what it exists to stop, and this measures the service behind it. Writes the table to
``artifacts/bench/load.md`` (and ``.json``); exits 1 when any request failed.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx

from bench.common import REPO
from bench.serving import BENCH_SERVER_ENV, ragqa_server

LUA = REPO / "bench" / "load_ask.lua"


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    corpus = REPO.parent / "shared" / "corpus"
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument(
        "--index", type=Path, default=REPO / "data" / "index", help="built index (copied, never written)"
    )
    p.add_argument("--clients", type=int, default=32, help="concurrent connections")
    p.add_argument("--seconds", type=int, default=60, help="duration of each phase")
    p.add_argument("--threads", type=int, default=2, help="wrk threads")
    p.add_argument("--questions", type=Path, default=REPO / "eval" / "dev.jsonl")
    fixtures = REPO / "tests" / "fixtures" / "articles"
    p.add_argument(
        "--docs",
        type=Path,
        default=corpus if corpus.is_dir() else fixtures,
        help="files uploaded (as new documents) during phase 2",
    )
    p.add_argument("--doc-chars", type=int, default=2000, help="size of each uploaded piece")
    p.add_argument("--out", type=Path, default=REPO / "artifacts" / "bench")
    p.add_argument("--quick", action="store_true", help="8 clients for 10 s (a smoke run)")
    args = p.parse_args(argv)
    if args.quick:
        args.clients, args.seconds = 8, 10
    return args


@contextmanager
def serve(index: Path, log: Path) -> Iterator[str]:
    try:
        with ragqa_server(index, log, BENCH_SERVER_ENV, timeout=600) as (url, _):
            yield url
    except RuntimeError as exc:
        raise SystemExit(str(exc)) from exc


def question_bodies(path: Path, target: Path) -> int:
    lines = [
        json.dumps({"question": json.loads(line)["question"]}, ensure_ascii=False)
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    target.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return len(lines)


def run_wrk(url: str, bodies: Path, args: argparse.Namespace) -> dict[str, Any]:
    cmd = [
        "wrk",
        "-t",
        str(args.threads),
        "-c",
        str(args.clients),
        "-d",
        f"{args.seconds}s",
        "--timeout",
        "120s",
        "-s",
        str(LUA),
        url,
        "--",
        str(bodies),
    ]
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=args.seconds + 300, check=True)
    summary = [line for line in done.stdout.splitlines() if line.startswith("{")]
    if not summary:
        raise SystemExit(f"wrk printed no summary:\n{done.stdout}\n{done.stderr}")
    result: dict[str, Any] = json.loads(summary[-1])
    result["command"] = " ".join(cmd)
    return result


def pieces(docs: Path, size: int) -> list[tuple[str, str]]:
    """The files of ``docs`` cut at paragraph breaks into (name, text) pieces of about ``size`` chars."""
    out: list[tuple[str, str]] = []
    for path in sorted(p for p in docs.iterdir() if p.suffix in (".txt", ".md")):
        current = ""
        for paragraph in path.read_text(encoding="utf-8").split("\n\n"):
            current = f"{current}\n\n{paragraph}" if current else paragraph
            if len(current) >= size:
                out.append((f"{path.stem}-{len(out)}{path.suffix}", current))
                current = ""
        if current.strip():
            out.append((f"{path.stem}-{len(out)}{path.suffix}", current))
    return out


class Uploader(threading.Thread):
    """One more client: uploads pieces of the files in ``docs`` as new documents, back to back."""

    def __init__(self, url: str, docs: Path, size: int) -> None:
        super().__init__(daemon=True)
        self.url, self.files = url, pieces(docs, size)
        self.stop = threading.Event()
        self.seconds: list[float] = []
        self.chunks = 0
        self.failures: list[str] = []

    def run(self) -> None:
        with httpx.Client(base_url=self.url, timeout=600) as client:
            n = 0
            while not self.stop.is_set():
                name, text = self.files[n % len(self.files)]
                # Mark every sentence so that each upload is new text to embed, not reused vectors.
                body = {"source": f"load/{n:04d}-{name}", "text": text.replace("。", f"〔{n}〕。")}
                t0 = time.perf_counter()
                r = client.post("/v1/documents", json=body)
                if r.status_code == 200:
                    self.seconds.append(time.perf_counter() - t0)
                    self.chunks += int(r.json()["chunks"])
                else:
                    self.failures.append(f"{r.status_code} {r.text[:200]}")
                n += 1


def phase(
    name: str, url: str, bodies: Path, args: argparse.Namespace, uploader: Uploader | None
) -> dict[str, Any]:
    load_before = os.getloadavg()
    if uploader:
        uploader.start()
    result = run_wrk(url, bodies, args)
    if uploader:
        uploader.stop.set()
        uploader.join()
    errors = sum(result["errors"].values())
    row = {
        "phase": name,
        "clients": args.clients,
        "seconds": round(result["duration_us"] / 1e6, 1),
        "requests": result["requests"],
        "errors": errors,
        "throughput_rps": round(result["requests"] / (result["duration_us"] / 1e6), 2),
        **{f"{k}_ms": round(v / 1000, 1) for k, v in result["latency_us"].items()},
        "load_before": [round(x, 2) for x in load_before],
        "load_after": [round(x, 2) for x in os.getloadavg()],
        "wrk": result,
    }
    if uploader:
        row["uploads"] = len(uploader.seconds)
        row["upload_errors"] = len(uploader.failures)
        row["upload_p50_s"] = round(statistics.median(uploader.seconds), 2) if uploader.seconds else None
        row["chunks_added"] = uploader.chunks
        row["errors"] += len(uploader.failures)
        row["upload_failures"] = uploader.failures[:5]
    return row


def check_consistent(url: str) -> dict[str, Any]:
    status: dict[str, Any] = httpx.get(url + "/readyz", timeout=30).json()
    if status["chunks"] != status["vectors"]:
        raise SystemExit(f"index inconsistent after the load: {status}")
    return status


def machine() -> str:
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor(),
    )
    mem = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return f"{os.cpu_count()} cores ({cpu}), {mem:.0f} GiB RAM, Python {platform.python_version()}"


def markdown(rows: list[dict[str, Any]], command: str) -> str:
    lines = [
        f"Command: `{command}`; machine: {machine()}.",
        "",
        "| phase | clients | s | requests | errors | req/s | p50 ms | p90 ms | p99 ms | max ms "
        "| uploads (p50 s, chunks) | load avg before → after |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---|",
    ]
    for r in rows:
        uploads = f"{r['uploads']} ({r['upload_p50_s']} s, {r['chunks_added']})" if "uploads" in r else "—"
        lines.append(
            f"| {r['phase']} | {r['clients']} | {r['seconds']} | {r['requests']} | {r['errors']} | "
            f"{r['throughput_rps']} | {r['p50_ms']} | {r['p90_ms']} | {r['p99_ms']} | {r['max_ms']} | "
            f"{uploads} | {r['load_before'][0]} → {r['load_after'][0]} |"
        )
    return "\n".join(lines) + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is not installed: apt-get install -y wrk (or `make bench`, which does)")
    if not (args.index / "manifest.json").exists():
        raise SystemExit(f"no index in {args.index}: build one with `ragqa ingest PATH --index {args.index}`")
    command = "python -m bench.load " + " ".join(argv if argv is not None else sys.argv[1:])
    with tempfile.TemporaryDirectory(prefix="ragqa-load-") as tmp:
        work = Path(tmp)
        shutil.copytree(args.index, work / "index", ignore=shutil.ignore_patterns("keys.json"))
        count = question_bodies(args.questions, work / "bodies.jsonl")
        print(f"{count} questions; serving a copy of {args.index}", flush=True)
        with serve(work / "index", work / "serve.log") as url:
            bodies = work / "bodies.jsonl"
            for line in bodies.read_text(encoding="utf-8").splitlines()[:5]:  # warm up
                httpx.post(url + "/v1/ask", json=json.loads(line), timeout=120)
            before = check_consistent(url)
            rows = [phase("questions", url, bodies, args, None)]
            print(rows[-1], flush=True)
            uploader = Uploader(url, args.docs, args.doc_chars)
            rows.append(phase("questions + ingest", url, bodies, args, uploader))
            print(rows[-1], flush=True)
            after = check_consistent(url)
            if after["chunks"] != before["chunks"] + rows[-1]["chunks_added"]:
                raise SystemExit(
                    f"chunks went from {before['chunks']} to {after['chunks']}, "
                    f"but {rows[-1]['chunks_added']} were added"
                )
    args.out.mkdir(parents=True, exist_ok=True)
    table = markdown(rows, command)
    (args.out / "load.md").write_text(table, encoding="utf-8")
    (args.out / "load.json").write_text(
        json.dumps({"command": command, "machine": machine(), "rows": rows}, ensure_ascii=False, indent=2),
        encoding="utf-8",
    )
    print(table)
    return 1 if any(r["errors"] for r in rows) else 0


if __name__ == "__main__":
    sys.exit(main())
