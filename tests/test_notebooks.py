"""Every notebook in notebooks/ runs top to bottom on a clean machine, and its .ipynb is stripped and in sync.

The kernel is the test's own Python: a kernelspec is installed into a temporary folder and put on JUPYTER_PATH,
so nothing depends on kernels the machine may or may not have.
"""

import json
import sys
from pathlib import Path

import jupytext
import nbformat
import pytest
from nbclient import NotebookClient

NOTEBOOK_DIR = Path(__file__).resolve().parent.parent / "notebooks"
SOURCES = sorted(NOTEBOOK_DIR.glob("*.py"))
KERNEL = "kdu-analysis-test"


@pytest.fixture(scope="module")
def kernel(tmp_path_factory):
    folder = tmp_path_factory.mktemp("jupyter") / "kernels" / KERNEL
    folder.mkdir(parents=True)
    spec = {"argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
            "display_name": "kdu-analysis (Test)", "language": "python"}
    (folder / "kernel.json").write_text(json.dumps(spec), encoding="utf-8")
    mp = pytest.MonkeyPatch()
    mp.setenv("JUPYTER_PATH", str(folder.parent.parent))
    mp.setenv("JUPYTER_PLATFORM_DIRS", "1")
    yield KERNEL
    mp.undo()


def test_there_are_notebooks():
    names = {p.stem for p in SOURCES}
    assert {"kdu_vortrag", "homepage"} <= names


@pytest.mark.slow
@pytest.mark.parametrize("source", SOURCES, ids=[p.stem for p in SOURCES])
def test_notebook_runs(source, kernel, tmp_path, monkeypatch):
    monkeypatch.setenv("KDU_REPORTS_DIR", str(tmp_path / "reports"))
    from tests.test_report_pipeline import data_copy

    monkeypatch.setenv("KDU_DATA_DIR", str(data_copy(tmp_path / "data")))
    notebook = jupytext.read(source)
    client = NotebookClient(notebook, kernel_name=kernel, timeout=180,
                            resources={"metadata": {"path": str(NOTEBOOK_DIR)}})
    client.execute()
    errors = [o for cell in notebook.cells for o in cell.get("outputs", []) if o.get("output_type") == "error"]
    assert errors == []


@pytest.mark.parametrize("source", SOURCES, ids=[p.stem for p in SOURCES])
def test_paired_ipynb_is_stripped_and_in_sync(source):
    paired = source.with_suffix(".ipynb")
    assert paired.exists(), f"{paired.name} fehlt: .venv/bin/jupytext --sync {source}"
    stored = nbformat.read(paired, as_version=4)
    assert all(not cell.get("outputs") for cell in stored.cells if cell.cell_type == "code"), "outputs not stripped"
    from_py = jupytext.read(source)
    assert [c.source for c in stored.cells] == [c.source for c in from_py.cells], f"run jupytext --sync {source.name}"
