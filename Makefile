# Two entry points for a fresh machine: `make serve` and `make test`. Both set up .venv first.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
CORPUS ?= $(if $(wildcard ../shared/corpus),../shared/corpus,tests/fixtures/articles)
INDEX ?= data/index
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: setup serve test lint eval bench
setup: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e ".[dev]"
	touch $@

serve: setup
	$(VENV)/bin/ragqa models prepare
	$(VENV)/bin/ragqa ingest $(CORPUS) --index $(INDEX)
	$(VENV)/bin/ragqa serve --index $(INDEX) --host $(HOST) --port $(PORT)

test: setup
	$(PY) -m pytest

lint: setup
	$(VENV)/bin/ruff check service embeddings tests
	$(VENV)/bin/mypy
