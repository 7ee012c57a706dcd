# Two commands for users: `make report` and `make test`.
# Everything installs from this repository's own files into .venv.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: report test venv clean fixtures benchmark notebooks-sync

report: $(STAMP)
	$(BIN)/kdu-analysis report --out reports || test $$? -eq 6  # 6 = built with gaps (stated in the products)

test: $(STAMP)
	$(BIN)/python -m pytest

venv: $(STAMP)

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $(STAMP)

# Developer helpers (not needed by users)
fixtures: $(STAMP)
	$(BIN)/python tests/fixtures/richtwerte/make_fixtures.py
	$(BIN)/python tests/fixtures/evs/make_fixtures.py
	-$(BIN)/python tests/fixtures/evs/libreoffice.py

benchmark: $(STAMP)
	$(BIN)/python benchmarks/extract_richtwerte.py
	$(BIN)/python benchmarks/extract_evs.py

notebooks-sync: $(STAMP)
	$(BIN)/jupytext --sync notebooks/*.py

clean:
	rm -rf reports/* data/processed/* .pytest_cache
