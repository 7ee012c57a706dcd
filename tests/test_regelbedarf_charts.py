"""Regelbedarf charts: data behind each chart, German labels, source line, alternatives labelled as theirs."""

from decimal import Decimal as D
from pathlib import Path

import matplotlib.pyplot as plt
import pytest

from kdu_analysis.errors import InputError
from kdu_analysis.loaders.evs import extract_evs
from kdu_analysis.regelbedarf.charts import (chart_abteilungen, chart_regelbedarf_verlauf, chart_unsicher_anteil,
                                             law_changes)
from kdu_analysis.regelbedarf.scenarios import berechne_szenario
from kdu_analysis.charts.figures import has_source_line, save_figure

FIXTURE = Path(__file__).parent / "fixtures" / "evs" / "rbeg_einpersonen.pdf"


@pytest.fixture(scope="module")
def evs():
    return extract_evs(FIXTURE).frame


def _texts(fig):
    return [t.get_text() for t in fig.findobj(plt.Text)]


def test_law_changes_marked():
    marks = law_changes()
    assert marks[2011].startswith("RBEG 2011") and marks[2017].startswith("RBEG 2017") and marks[2021].startswith("RBEG 2021")
    assert "Bürger" in marks[2023] and marks[2025] == "Null-\nrunden\n2025/26" and marks[2026] == ""


def test_verlauf_data_and_alternatives():
    fig, data = chart_regelbedarf_verlauf("web", stufen=(1,))
    try:
        amtlich = data[data.art.str.startswith("amtlich")]
        assert list(amtlich.jahr) == list(range(2011, 2027))
        assert amtlich.set_index("jahr").betrag_eur[2011] == D(364) and amtlich.set_index("jahr").betrag_eur[2026] == D(563)
        theirs = data[~data.art.str.startswith("amtlich")].set_index("jahr")
        assert dict(theirs.betrag_eur) == {2017: D(520), 2021: D(644), 2024: D(813)}
        assert theirs.art.str.contains("nicht von kdu-analysis berechnet").all()
        texts = " ".join(_texts(fig))
        assert "Paritätischer 2021:\n644 €" in texts and "seine Berechnung" in texts
        assert has_source_line(fig) and "Stand: 01.01.2026" in texts
    finally:
        plt.close(fig)


def test_verlauf_without_stufe_1_has_no_alternatives():
    fig, data = chart_regelbedarf_verlauf("print", stufen=(4, 5, 6))
    plt.close(fig)
    assert data.art.str.startswith("amtlich").all()


@pytest.mark.parametrize("kind", ["web", "slide", "print"])
def test_abteilungen_chart(evs, kind, tmp_path):
    result = berechne_szenario("alkohol_tabak", evs=evs)
    fig, data = chart_abteilungen(result, kind)
    texts = " ".join(_texts(fig))
    assert "+25,31 €" in texts and "Summe amtlich 434,96 €" in texts and "rbeg_einpersonen.pdf" in texts
    assert "Alkohol und Tabak statt Mineralwasser-Ersatz" in texts
    assert list(data.abteilung) == ["01", "03", "04", "05", "06", "07", "08", "09", "10", "11", "12"]
    saved = save_figure(fig, data, tmp_path, f"abteilungen_{kind}")
    assert saved.png.stat().st_size > 10_000 and saved.svg.exists()
    assert "amtlich_eur,szenario_eur,differenz_eur" in saved.csv.read_text(encoding="utf-8").splitlines()[0]


def test_unsicher_anteil(evs):
    fig, data = chart_unsicher_anteil(berechne_szenario("amtlich", evs=evs), "web")
    try:
        total = data.iloc[-1]
        assert total.bezeichnung == "Summe" and total.davon_unsicher_eur == D("1.57")
        assert round(float(total.anteil_unsicher) * 100, 2) == 0.36  # 1,57 / 434,96
        assert data.set_index("abteilung").loc["10", "anteil_unsicher"] == 1
        assert "0,4 %  (1,57 €) · 1 Posten nicht ausgewiesen" in " ".join(_texts(fig)) and has_source_line(fig)
    finally:
        plt.close(fig)


def test_unsicher_anteil_needs_items():
    with pytest.raises(InputError, match="nur mit den Posten einer EVS-Tabelle"):
        chart_unsicher_anteil(berechne_szenario("amtlich"))


def test_figure_png_for_notebooks():
    from kdu_analysis.regelbedarf.charts import figure_png

    fig, _ = chart_regelbedarf_verlauf("web", stufen=(1,))
    data = figure_png(fig)
    assert data.startswith(b"\x89PNG") and not plt.fignum_exists(fig.number)
