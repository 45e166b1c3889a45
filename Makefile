# Two entry points for a fresh machine: `make serve` and `make test`. Both set up .venv first.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
CORPUS ?= $(if $(wildcard ../shared/corpus),../shared/corpus,tests/fixtures/articles)
INDEX ?= data/index
HOST ?= 127.0.0.1
PORT ?= 8000
PYTEST_ARGS ?=

.PHONY: setup browser wrk serve test lint eval bench
setup: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e ".[dev]"
	touch $@

# Debian's Chromium for the widget's browser tests (Playwright's own browser download does not work
# offline), and CJK fonts so their screenshots show Chinese rather than empty boxes.
SUDO := $(if $(filter 0,$(shell id -u)),,sudo)
browser:
	@[ -x /usr/bin/chromium ] && fc-list :lang=zh 2>/dev/null | grep -q . || { \
	  $(SUDO) apt-get update -qq && \
	  $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-cjk >/dev/null; }

# Debian's wrk, the load generator of bench/load.py.
wrk:
	@command -v wrk >/dev/null || { \
	  $(SUDO) apt-get update -qq && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }

serve: setup
	$(VENV)/bin/ragqa models prepare
	$(VENV)/bin/ragqa ingest $(CORPUS) --index $(INDEX)
	$(VENV)/bin/ragqa serve --index $(INDEX) --host $(HOST) --port $(PORT)

test: setup browser
	$(PY) -m pytest $(PYTEST_ARGS)

lint: setup
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy service embeddings tests eval bench

# Every benchmark part (bench/run_all.py); BENCH_ARGS=--quick for a fast smoke run. Results: artifacts/bench/.
BENCH_ARGS ?=
bench: setup wrk
	$(VENV)/bin/ragqa ingest $(CORPUS) --index $(INDEX)
	$(VENV)/bin/ragqa bench --index $(INDEX) $(BENCH_ARGS)

eval: setup
	$(VENV)/bin/ragqa ingest $(CORPUS) --index $(INDEX)
	$(VENV)/bin/ragqa eval eval/dev.jsonl --index $(INDEX) --out artifacts/eval --config hybrid --config dense --config keyword
