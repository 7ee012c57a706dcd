"""Every test reads a clean copy of data/ (issue 13, D812): the bundled raw data without the developer's
data/raw/pdf files and without data/processed. A test that needs its own folder sets ``KDU_DATA_DIR`` itself
(monkeypatch); afterwards the clean copy is in force again."""

from __future__ import annotations

import matplotlib.pyplot as plt
import pytest

from tests.helpers import data_copy


@pytest.fixture(scope="session", autouse=True)
def clean_data_dir(tmp_path_factory):
    """Session-wide: set before any module-scoped fixture runs, so those read the clean copy too."""
    data = data_copy(tmp_path_factory.mktemp("data"))
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("KDU_DATA_DIR", str(data))
        yield data


@pytest.fixture(autouse=True)
def no_figure_left_open():
    """A test that leaves pyplot figures open must not push later tests over matplotlib's 20-figure warning
    (warnings are errors here): every test starts and ends with no open figure."""
    plt.close("all")
    yield
    plt.close("all")
