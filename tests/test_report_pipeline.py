"""The main job writes its products; charts never leave without a source line."""

import io
from datetime import date

import matplotlib.pyplot as plt
import pandas as pd
import pytest

from kdu_analysis.cli import main
from kdu_analysis.outputs import read_german_csv
from kdu_analysis.report.figures import save_figure
from kdu_analysis.report.pipeline import run_report


def test_report_writes_reference_tables_and_charts(tmp_path):
    log = io.StringIO()
    written = run_report(tmp_path, date(2025, 6, 30), log=log)
    names = {p.relative_to(tmp_path).as_posix() for p in written}
    assert {"referenz/wogg_tabelle_2025-06-30.csv", "referenz/regelbedarfsstufen.csv",
            "abbildungen/regelbedarf_verlauf_web.png", "abbildungen/regelbedarf_verlauf_web.svg",
            "abbildungen/regelbedarf_verlauf_web.csv"} <= names
    assert all(p.exists() and p.stat().st_size > 0 for p in written)
    assert "Fertig" in log.getvalue()
    german = read_german_csv(tmp_path / "referenz/wogg_tabelle_2025-06-30_excel.csv")
    row = german[(german["Mietenstufe"] == "III") & (german["Haushaltsgröße (Personen)"] == "5")].iloc[0]
    assert row["Höchstbetrag + 10 % (€)"] == "962,50"
    chart_data = pd.read_csv(tmp_path / "abbildungen/regelbedarf_verlauf_web.csv")
    assert chart_data[(chart_data.jahr == 2026) & (chart_data.stufe == 1)].betrag_eur.item() == 563


def test_report_command(tmp_path, capsys):
    assert main(["report", "--out", str(tmp_path / "r")]) == 0
    assert (tmp_path / "r/abbildungen/regelbedarf_verlauf_slide.png").exists()


def test_a_chart_without_source_line_is_refused(tmp_path):
    fig, ax = plt.subplots()
    ax.plot([1, 2], [3, 4])
    with pytest.raises(ValueError, match="source line"):
        save_figure(fig, pd.DataFrame({"x": [1]}), tmp_path, "ohne_quelle")
    assert list(tmp_path.iterdir()) == []
