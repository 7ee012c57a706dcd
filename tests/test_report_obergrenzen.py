"""WoGG + 10 % for every Saxon area: the law's table × 1,1 with the Mietenstufe of the WoGV annex in force."""

from datetime import date

import pytest

from kdu_analysis.errors import ReferenceDataError
from kdu_analysis.report.charts import chart_wogg_plus10, saxon_mietenstufen, wogg_plus10_data
from kdu_analysis.report.obergrenzen import ART_GEMEINDE, areas, obergrenzen_frame, obergrenzen_wide


def _amount(frame, gebiet, size, column="hoechstbetrag_plus10_eur", art=ART_GEMEINDE):
    return str(frame[(frame.gebiet == gebiet) & (frame.art == art) & (frame.haushaltsgroesse == size)][column].item())


def test_2025_values_follow_the_annex_and_the_table():
    frame = obergrenzen_frame(date(2025, 6, 30))
    # § 12 WoGG 2025 (2. WoGFV): III/1 = 456 €, II/2 = 493 €, I/5 = 694 €; Dresden III, Leipzig II, Chemnitz I (WoGV 2023)
    assert (_amount(frame, "Dresden", "1", "hoechstbetrag_eur"), _amount(frame, "Dresden", "1")) == ("456", "501.60")
    assert _amount(frame, "Leipzig", "2") == "542.30"
    assert _amount(frame, "Chemnitz", "5") == "763.40"
    assert set(frame.zuverlaessigkeit_wogg) <= {"A", "B"} and "U" not in set(frame.zuverlaessigkeit_mietenstufen)
    assert frame.abgeleitet.str.contains("× 1,1").all()


def test_2012_uses_the_2009_table_and_the_altkreise():
    frame = obergrenzen_frame(date(2012, 3, 1))
    # § 12 WoGG 2009: III/1 = 330 € → 363,00 €; Leipzig Mietenstufe III in the 2009 annex
    assert _amount(frame, "Leipzig", "1", "hoechstbetrag_eur") == "330"
    assert _amount(frame, "Leipzig", "1") == "363.00"
    assert any(art.startswith("Altkreis") for art in frame.art)


def test_wide_table_has_one_row_per_area_kreise_first():
    wide = obergrenzen_wide(obergrenzen_frame(date(2025, 6, 30)))
    assert len(wide) == len(areas(date(2025, 6, 30)))
    assert wide.art.iloc[0].startswith("Landkreis") and wide.art.iloc[-1] == ART_GEMEINDE
    assert list(wide.columns[-6:]) == ["1", "2", "3", "4", "5", "+1"]


def test_the_gap_2016_2019_is_said_not_guessed():
    with pytest.raises(ReferenceDataError, match="nicht vor"):
        obergrenzen_frame(date(2018, 6, 30))
    assert saxon_mietenstufen(date(2018, 6, 30)) is None
    assert set(wogg_plus10_data(date(2018, 6, 30)).mietenstufe) == {"I", "II", "III", "IV", "V", "VI"}
    assert saxon_mietenstufen(date(2025, 6, 30)) == ["I", "II", "III"]


def test_chart_labels_are_exact_cents():
    import matplotlib.pyplot as plt

    fig, data = chart_wogg_plus10(date(2025, 6, 30), "web")
    labels = {t.get_text() for t in fig.axes[0].texts}
    plt.close(fig)
    assert "962,50" in labels  # 875 € × 1,1 – a float format with 0 decimals would print "962"
    assert len(data) == 15
