# Two commands do all the set-up on a fresh clone: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

.PHONY: install run test lint format schema bench fuzz clean

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $(STAMP)

install: $(STAMP)

# A second run writes nothing new: the port is checked before anything is written, the demo
# loads into an empty store only, and the local ADMIN token is created once
# (data/local-admin-token, 0600) and shown again.
run: install  ## load the demo data into ./data (when empty) and serve on :8000
	@$(BIN)/sozialplanung serve --check-port
	$(BIN)/sozialplanung demo
	@echo "ADMIN token for the local demo (send as 'Authorization: Bearer <token>'):"
	@$(BIN)/sozialplanung token local
	$(BIN)/sozialplanung serve --dev

test: install  ## every test; PostgreSQL tests run when a server answers
	$(BIN)/python -m pytest

lint: install  ## ruff, then mypy over the package (settings in pyproject.toml)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

schema: install  ## regenerate schema.graphql from the code
	$(BIN)/python -m sozialplanung.graphql.export > schema.graphql

bench: install  ## every benchmark: each figure beside a reference taken in the same run
	$(BIN)/python -m bench.read_path
	$(BIN)/python -m bench.rebuild
	$(BIN)/python -m bench.search
	$(BIN)/python -m bench.catch_up
	$(BIN)/python -m bench.time_travel
	$(BIN)/python -m bench.subscribers
	$(BIN)/python -m bench.sealing

fuzz: install  ## 10,000+ generated queries and mutations (schemathesis) against the served demo, as ADMIN
	$(BIN)/python -m bench.fuzz

clean:
	rm -rf $(VENV) data .pytest_cache
