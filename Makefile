# Two commands do all the set-up on a fresh clone:
#   make run    create the virtual environment, install, solve the bundled COP9 session
#   make test   the same set-up, then lint, type checks and the whole test suite
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
OUT    := out

.PHONY: install run test lint typecheck pytest bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

run: $(STAMP)
	mkdir -p $(OUT)
	$(BIN)/schedule solve -o $(OUT)/ctoc-cop9-2018-timetable.xlsx

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: $(STAMP)
	$(BIN)/mypy

pytest: $(STAMP)
	$(BIN)/pytest -n 2 --durations=15

test: lint typecheck pytest

# Each script rewrites its own sections of benchmarks/results.md and keeps the others.
bench: $(STAMP)
	$(BIN)/python benchmarks/run.py
	$(BIN)/python benchmarks/startup.py --update benchmarks/results.md
	$(BIN)/python benchmarks/sweep.py --update benchmarks/results.md

clean:
	rm -rf $(VENV) $(OUT) .pytest_cache .mypy_cache .ruff_cache .hypothesis
