# Commands for users: `make report`, `make test` and `make notebooks` (JupyterLab on notebooks/).
# Everything installs from this repository's own files into .venv.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: report test venv clean fixtures benchmark notebooks notebooks-sync

report: $(STAMP)
	$(BIN)/kdu-analysis report --out reports || test $$? -eq 6  # 6 = built with gaps (stated in the products)

test: $(STAMP)
	$(BIN)/python -m pytest

venv: $(STAMP)

# JupyterLab on notebooks/ with this project's Python as kernel. The browser opens by itself except in CI
# (CI=true) or with NO_BROWSER=1; the address with its token is printed either way. Stop with Ctrl+C.
# As root (CI, containers) JupyterLab needs --allow-root. JUPYTER_ARGS passes further options (the test uses it for a free port and its own token).
JUPYTER_ARGS ?=
notebooks: $(STAMP)
	@echo "JupyterLab startet mit den Notebooks in notebooks/ – die Adresse steht unten (Beenden: Strg+C)."
	$(BIN)/jupyter lab --ServerApp.root_dir=notebooks $(if $(filter true 1,$(CI) $(NO_BROWSER)),--no-browser) \
		$(if $(filter 0,$(shell id -u)),--allow-root) $(JUPYTER_ARGS)

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
	-$(BIN)/python tests/fixtures/evs/libreoffice.py

benchmark: $(STAMP)
	$(BIN)/python benchmarks/extract_richtwerte.py
	$(BIN)/python benchmarks/extract_evs.py
	$(BIN)/python benchmarks/fuzz_readers.py --anzahl 500
	$(BIN)/python benchmarks/large_documents.py

notebooks-sync: $(STAMP)
	$(BIN)/jupytext --sync notebooks/*.py

clean:
	rm -rf reports/* data/processed/* .pytest_cache
