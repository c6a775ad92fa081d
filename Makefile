# Two set-up commands for a fresh machine: `make run` and `make test`.
# Both build a virtual environment inside the repo from the pinned lock file.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: run test lint typecheck unit eval bench lock clean schema

$(STAMP): requirements.lock pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e . || \
	  $(BIN)/python -m pip install --quiet --no-deps -e .
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/radicula demo

lint: $(STAMP)
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src

typecheck: $(STAMP)
	$(BIN)/mypy src

unit: $(STAMP)
	@$(BIN)/pytest -n 2 -q; rc=$$?; \
	  if [ $$rc -eq 5 ]; then echo "pytest ran no tests" >&2; exit 1; fi; exit $$rc

test: lint typecheck unit

eval: $(STAMP)
	$(BIN)/radicula eval

bench: $(STAMP)
	$(BIN)/python bench/run.py

schema: $(STAMP)
	$(BIN)/radicula kb schema --out src/radicula/kb/schema/kb.schema.json

# Regenerate the lock file (needs network access to PyPI).
lock:
	$(PYTHON) -m pip install --quiet uv
	$(PYTHON) -m uv pip compile pyproject.toml --all-extras --python-version 3.11 \
	  --generate-hashes -o requirements.lock
	@echo "add hatchling to the lock for offline editable installs" 

clean:
	rm -rf $(VENV) .mypy_cache .ruff_cache .pytest_cache
