# Wirehouse: `make run` sets everything up and loads the sample corpus; `make test` tests it.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
# pip's per-index warnings about unreachable local mirrors are noise here.
PIP := $(BIN)/python -m pip --disable-pip-version-check -q
START ?=
END ?=

.DEFAULT_GOAL := help

help: ## List the targets
	@grep -hE '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-10s %s\n", $$1, $$2}'

$(BIN)/wirehouse: requirements.lock pyproject.toml
	@$(PYTHON) -c "import sys; sys.exit(sys.version_info[:2] != (3, 11))" 2>/dev/null || { echo "error: Python 3.11 is needed (set PYTHON=/path/to/python3.11)"; exit 2; }
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(PIP) install --require-hashes --no-deps -r requirements.lock
	$(PIP) install --no-deps --no-build-isolation -e .
	@touch $@

$(VENV)/.dev: $(BIN)/wirehouse requirements-dev.lock
	$(PIP) install --require-hashes --no-deps -r requirements-dev.lock
	@touch $@

venv: $(BIN)/wirehouse ## Create .venv with the locked dependencies and wirehouse installed

run: $(BIN)/wirehouse ## Run the nightly job on the configured sources (the sample corpus)
	$(BIN)/wirehouse run

test: $(VENV)/.dev ## Run the test suite
	$(BIN)/python -m pytest

lint: $(VENV)/.dev ## ruff and mypy
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

eval: $(BIN)/wirehouse ## Score extraction, dates, quotes and events on ../shared/corpora (dev splits)
	$(BIN)/wirehouse eval

backfill: $(BIN)/wirehouse ## Load a publication range: make backfill START=2024-04-01 END=2024-04-30
	@test -n "$(START)" -a -n "$(END)" || { echo "usage: make backfill START=YYYY-MM-DD END=YYYY-MM-DD"; exit 2; }
	$(BIN)/wirehouse backfill --start "$(START)" --end "$(END)"

validate: $(BIN)/wirehouse ## Re-run the data-quality checks and audits on the warehouse
	$(BIN)/wirehouse validate

sql: $(BIN)/wirehouse ## Open the DuckDB shell read-only on the warehouse
	$(BIN)/wirehouse sql

docs: $(BIN)/wirehouse ## Regenerate docs/schema.md and the answers in docs/queries.sql (a fresh sample run)
	$(BIN)/python -m warehouse.schema_docs docs/schema.md
	rm -rf build/docs
	WIREHOUSE_DB=build/docs/warehouse.duckdb WIREHOUSE_REPORT=false $(BIN)/wirehouse run --inline --quiet
	$(BIN)/python -m warehouse.worked_queries docs/queries.sql --db build/docs/warehouse.duckdb

report: $(BIN)/wirehouse ## Rebuild the HTML report of the newest run (data/reports/latest.html)
	$(BIN)/wirehouse report

bench: $(BIN)/wirehouse ## Throughput: bare trafilatura vs the whole pipeline on the same pages (ROUNDS=3)
	$(BIN)/python -m wirehouse.evaluation.bench --rounds $(or $(ROUNDS),3)

scale: $(BIN)/wirehouse ## Scale runs: 10k vs 100k synthetic pages, time and peak memory (SIZES=10000,100000)
	$(BIN)/python -m wirehouse.evaluation.bench --scale $(or $(SIZES),10000,100000)

serve: $(BIN)/wirehouse ## Run the nightly job on its cron schedule (a Prefect deployment; local server if none)
	$(BIN)/wirehouse serve

crawl-bench: $(BIN)/wirehouse ## Nightly crawl of a local 20-host test site twice, and a WARC backfill (PAGES=1000)
	$(BIN)/python -m wirehouse.evaluation.crawl --pages $(or $(PAGES),1000) --hosts 20 --out $$(mktemp -d)

reliability: $(VENV)/.dev ## Kill, rerun, fill the disk, race and fuzz real runs; print the figures (FUZZ_SECONDS=120 KILLS=50)
	rm -rf build/reliability
	RELIABILITY_FULL=1 RELIABILITY_RESULTS=build/reliability \
	RELIABILITY_KILLS=$(or $(KILLS),50) RELIABILITY_PREFECT_KILLS=3 \
	RELIABILITY_FUZZ_SECONDS=$(or $(FUZZ_SECONDS),120) \
	$(BIN)/python -m pytest tests/reliability -p no:cacheprovider -q; status=$$?; \
	$(BIN)/python -m tests.reliability.report; exit $$status

lock: ## Re-resolve requirements*.lock from requirements*.in (needs uv)
	uv pip compile --python-version 3.11 --generate-hashes --no-header requirements.in -o requirements.lock
	uv pip compile --python-version 3.11 --generate-hashes --no-header requirements-dev.in -o requirements-dev.lock

clean: ## Remove the environment and the local warehouse
	rm -rf $(VENV) data build *.egg-info

.PHONY: help venv run test lint eval backfill validate sql docs report bench scale serve crawl-bench reliability lock clean
