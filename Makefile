# Offramp: two commands to start.
#   make demo   create .venv, install Offramp, code the bundled sample corpus
#   make test   install the test extras and run the whole test suite
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
PIP := $(BIN)/python -m pip

.PHONY: demo test install lint format bench bench-web chromium clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip setuptools wheel

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(PIP) install --quiet -e .
	@touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(PIP) install --quiet -e '.[test,spark]'
	@touch $@ $(VENV)/.installed

install: $(VENV)/.installed

demo: $(VENV)/.installed
	$(BIN)/offramp demo

# The browser tests drive Debian's Chromium through Playwright (never `playwright install`).
# Installed here when missing and we are root; otherwise those tests are skipped, saying why.
chromium:
	@if [ -x /usr/bin/chromium ]; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	  echo "Installing Chromium for the browser tests (apt-get install -y chromium) ..."; \
	  (apt-get update -qq && apt-get install -y -qq chromium >/dev/null) \
	    || echo "Could not install chromium; the browser tests will be skipped."; \
	else \
	  echo "Browser tests need Chromium: run 'sudo apt-get install -y chromium' (skipped without it)."; \
	fi

test: $(VENV)/.installed-test chromium
	$(BIN)/python -m pytest

lint: $(VENV)/.installed-test
	$(BIN)/ruff check src tests bench scripts
	$(BIN)/ruff format --check src tests bench scripts

format: $(VENV)/.installed-test
	$(BIN)/ruff format src tests bench scripts
	$(BIN)/ruff check --fix src tests bench scripts

# HTTP API load test on loopback (bounded); prints a table for docs/BENCHMARKS.md.
bench-web: $(VENV)/.installed-test
	$(BIN)/python bench/load_api.py

clean:
	rm -rf $(VENV) build dist src/*.egg-info .pytest_cache .ruff_cache
