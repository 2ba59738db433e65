# Two entry points that work on a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: system-deps venv demo test lint typecheck docs bench bench-scale soak clean

$(BIN)/privnet: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(BIN)/privnet

venv: $(BIN)/privnet

# Graphviz and Chromium (Debian packages) for `verify --format html` and its browser test:
# installed with apt-get when missing and run as root; otherwise a message, and on we go.
system-deps:
	@sh scripts/system_deps.sh

demo: system-deps venv
	$(BIN)/python scripts/demo.py

lint: venv
	$(BIN)/ruff check src tests scripts
	$(BIN)/mypy
	$(BIN)/lint-imports

test: system-deps lint
	$(BIN)/python -m pytest -n 2 tests

docs: venv
	$(BIN)/privnet rules --format markdown > docs/rules.md

bench: venv
	$(BIN)/python scripts/bench_validate.py
	$(BIN)/python scripts/bench_verify.py
	$(BIN)/python scripts/bench_engine.py --scale 1.0

bench-scale: venv
	$(BIN)/python scripts/bench_state.py
	$(BIN)/python scripts/bench_engine.py --sizes

# Every example applied and destroyed 20 times under as many emulator ordering seeds, then
# the `soak` tests: one fault at every call position of every kind (about 15 minutes in all).
soak: venv
	$(BIN)/python scripts/soak_examples.py --runs 20
	$(BIN)/python -m pytest -m soak tests
	HYPOTHESIS_PROFILE=privnet-fuzz $(BIN)/python -m pytest tests/input_safety/test_fuzz_no_traceback.py tests/test_mutation_fuzz.py

clean:
	rm -rf $(VENV) .privnet .pytest_cache .mypy_cache .ruff_cache
