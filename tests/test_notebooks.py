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
from tests.helpers import data_copy

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


def _free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_make_notebooks_serves_the_notebooks_in_jupyterlab(tmp_path):
    """`make notebooks` starts JupyterLab headless on notebooks/; its API lists the three notebooks; then it stops."""
    import os
    import secrets
    import shutil
    import signal
    import subprocess
    import time
    import urllib.error
    import urllib.request

    make = shutil.which("make")
    assert make, "make fehlt"
    port, token = _free_port(), secrets.token_hex(16)
    env = dict(os.environ, CI="true", JUPYTER_CONFIG_DIR=str(tmp_path / "config"),
               JUPYTER_RUNTIME_DIR=str(tmp_path / "runtime"), JUPYTER_DATA_DIR=str(tmp_path / "data"),
               JUPYTER_PLATFORM_DIRS="1")
    args = f"--ip=127.0.0.1 --port={port} --ServerApp.port_retries=0 --IdentityProvider.token={token}"
    log = (tmp_path / "jupyter.log").open("w")
    proc = subprocess.Popen([make, "-s", "notebooks", f"JUPYTER_ARGS={args}"], cwd=NOTEBOOK_DIR.parent, env=env,
                            stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        listing, deadline = None, time.monotonic() + 120
        while time.monotonic() < deadline and proc.poll() is None:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/contents?token={token}", timeout=5) as resp:
                    listing = json.loads(resp.read())
                break
            except (urllib.error.URLError, ConnectionError):
                time.sleep(0.5)
        assert listing is not None, (tmp_path / "jupyter.log").read_text()
        names = {item["name"] for item in listing["content"]}
        assert {"kdu_vortrag.ipynb", "homepage.ipynb", "regelbedarf.ipynb"} <= names
        with pytest.raises(urllib.error.HTTPError) as denied:  # the token is required
            urllib.request.urlopen(f"http://127.0.0.1:{port}/api/contents", timeout=5)
        assert denied.value.code == 403
        denied.value.close()
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/lab?token={token}", timeout=10) as resp:
            assert resp.status == 200 and b"JupyterLab" in resp.read()
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/kernelspecs?token={token}", timeout=5) as resp:
            assert "python3" in json.loads(resp.read())["kernelspecs"]  # the project's own Python
    finally:
        os.killpg(proc.pid, signal.SIGTERM)  # the process group we started: make and JupyterLab
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(timeout=10)
        log.close()
    assert "http://127.0.0.1" in (tmp_path / "jupyter.log").read_text()  # the address is printed
