# Two commands do all the set-up on a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

NODE_STAMP := node_modules/.installed

.PHONY: demo test lint typecheck check install system-deps browser-tools bench clean serve

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev,bench]'
	touch $(STAMP)

install: $(STAMP)

# Debian packages the tests use (pdftoppm, Chromium, npm, Tesseract, OCRmyPDF's tools); installed only when missing.
system-deps:
	bash scripts/system-deps.sh

# What the browser tests inject into pages (axe-core), pinned by package-lock.json.
$(NODE_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $(NODE_STAMP)

browser-tools: system-deps $(NODE_STAMP)

demo: $(STAMP)
	bash scripts/demo.sh

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks

typecheck: $(STAMP)
	$(BIN)/mypy

check: lint typecheck

test: $(STAMP) system-deps browser-tools
	$(BIN)/imr guidelines lint
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/mypy
	$(BIN)/python -m pytest -n 2 -q

bench: $(STAMP)
	$(BIN)/python benchmarks/letters.py
	$(BIN)/python benchmarks/facts.py
	$(BIN)/python benchmarks/decide.py
	$(BIN)/python benchmarks/service.py
	$(BIN)/python benchmarks/first_draft.py
	$(BIN)/python benchmarks/intake.py

serve: $(STAMP)
	$(BIN)/imr serve

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache out node_modules
