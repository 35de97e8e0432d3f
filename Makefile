# Offramp: two commands to start.
#   make demo   create .venv, install Offramp, code the bundled sample corpus
#   make test   install the test extras and run the whole test suite
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
PIP := $(BIN)/python -m pip

.PHONY: demo test install lint format bench bench-web system-deps clean

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

# System packages some tests need: Debian's Chromium for the browser tests (driven through
# Playwright; never `playwright install`) and a Java runtime for the Spark tests. Installed
# here when missing and we are root; otherwise those tests are skipped, saying why.
system-deps:
	@missing=""; \
	[ -x /usr/bin/chromium ] || missing="$$missing chromium"; \
	command -v java >/dev/null 2>&1 || missing="$$missing openjdk-17-jre-headless"; \
	if [ -z "$$missing" ]; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	  echo "Installing for the browser and Spark tests:$$missing (apt-get) ..."; \
	  (apt-get update -qq && apt-get install -y -qq $$missing >/dev/null) \
	    || echo "Could not install$$missing; the tests that need them will be skipped."; \
	else \
	  echo "Some tests need:$$missing. Run 'sudo apt-get install -y$$missing' (skipped without)."; \
	fi

test: $(VENV)/.installed-test system-deps
	$(BIN)/python -m pytest

lint: $(VENV)/.installed-test
	$(BIN)/ruff check src tests bench scripts
	$(BIN)/ruff format --check src tests bench scripts

format: $(VENV)/.installed-test
	$(BIN)/ruff format src tests bench scripts
	$(BIN)/ruff check --fix src tests bench scripts

# Coding throughput and memory on the VOA corpus, 1x/10x/100x (about 15 minutes); writes
# its section of docs/BENCHMARKS.md.
bench: $(VENV)/.installed-test
	$(BIN)/python bench/run.py

# HTTP API load test on loopback (bounded); prints a table for docs/BENCHMARKS.md.
bench-web: $(VENV)/.installed-test
	$(BIN)/python bench/load_api.py

clean:
	rm -rf $(VENV) build dist src/*.egg-info .pytest_cache .ruff_cache
