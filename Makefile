# Two commands for users: `make report` and `make test`.
# Everything installs from this repository's own files into .venv.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: report test venv clean fixtures benchmark notebooks-sync

report: $(STAMP)
	$(BIN)/kdu-analysis report --out reports

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
	command -v soffice >/dev/null || (apt-get update && apt-get install -y --no-install-recommends libreoffice-writer libreoffice-calc)
	$(BIN)/python -m pip install --quiet -e ".[dev,fixtures]"
	$(BIN)/python tests/fixtures/richtwerte/make_fixtures.py
	$(BIN)/python tests/fixtures/richtwerte/generator/build_corpus.py
	$(BIN)/python tests/fixtures/evs/make_fixtures.py

benchmark: $(STAMP)
	$(BIN)/python benchmarks/extract_richtwerte.py

notebooks-sync: $(STAMP)
	$(BIN)/jupytext --sync notebooks/*.py

clean:
	rm -rf reports/* data/processed/* .pytest_cache
