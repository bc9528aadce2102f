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

lock: ## Re-resolve requirements*.lock from requirements*.in (needs uv)
	uv pip compile --python-version 3.11 --generate-hashes --no-header requirements.in -o requirements.lock
	uv pip compile --python-version 3.11 --generate-hashes --no-header requirements-dev.in -o requirements-dev.lock

clean: ## Remove the environment and the local warehouse
	rm -rf $(VENV) data build *.egg-info

.PHONY: help venv run test lint eval backfill validate sql lock clean
