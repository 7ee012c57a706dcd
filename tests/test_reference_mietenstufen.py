"""Mietenstufen of Saxon Gemeinden (WoGV Anlage 2009 / 2020 / 2023) and the 2016–2019 gap."""

from datetime import date

import pytest

from kdu_analysis.errors import ReferenceDataError
from kdu_analysis.reference.mietenstufen import listed_gemeinden, mietenstufe

# Spot checks from kdu_law_and_data.md §2.2–2.4 (WoGV Anlage; label A)
CASES = [
    ("Dresden", date(2012, 5, 1), None, "III"),
    ("Dresden", date(2021, 5, 1), None, "III"),
    ("Dresden", date(2025, 6, 30), None, "III"),
    ("Radebeul", date(2009, 1, 1), None, "IV"),
    ("Radebeul", date(2020, 1, 1), None, "III"),
    ("Radebeul", date(2023, 1, 1), None, "II"),
    ("Chemnitz", date(2022, 12, 31), None, "II"),
    ("Stadt Chemnitz", date(2023, 1, 1), None, "I"),
    ("Leipzig", date(2025, 6, 30), None, "II"),
    ("Klipphausen", date(2021, 1, 1), None, "I"),
    ("Klipphausen", date(2024, 1, 1), None, "II"),
    ("Frankenberg/Sa.", date(2024, 1, 1), None, "I"),
    ("Aue-Bad Schlema", date(2025, 1, 1), None, "I"),
    ("Hartha", date(2025, 6, 30), "Landkreis Mittelsachsen", "I"),
    ("Zwenkau", date(2021, 6, 30), "Landkreis Leipzig", "II"),
    ("Zwenkau", date(2023, 6, 30), "Landkreis Leipzig", "I"),
    ("Hartha", date(2010, 6, 30), "Döbeln", "II"),
    ("Sebnitz", date(2014, 1, 1), "Sächsische Schweiz", "II"),
]


@pytest.mark.parametrize(("gemeinde", "stichtag", "kreis", "stufe"), CASES)
def test_published_mietenstufen(gemeinde, stichtag, kreis, stufe):
    result = mietenstufe(gemeinde, stichtag, kreis=kreis)
    assert result.stufe == stufe
    assert result.citation.zuverlaessigkeit == "A"
    assert ("kreis" if kreis else "gemeinde") == result.grundlage


def test_listed_counts_per_version():
    assert len(listed_gemeinden(date(2009, 1, 1))) == 71
    assert len(listed_gemeinden(date(2020, 1, 1))) == 68
    assert len(listed_gemeinden(date(2023, 1, 1))) == 68


@pytest.mark.parametrize("stichtag", [date(2016, 1, 1), date(2017, 6, 30), date(2019, 12, 31)])
def test_2016_to_2019_is_a_known_gap_not_a_silent_fallback(stichtag):
    with pytest.raises(ReferenceDataError, match="liegt dem Projekt nicht vor"):
        mietenstufe("Dresden", stichtag)


def test_unlisted_gemeinde_needs_its_kreis():
    with pytest.raises(ReferenceDataError, match="--kreis"):
        mietenstufe("Hartha", date(2025, 1, 1))
    with pytest.raises(ReferenceDataError, match="Altkreis"):
        mietenstufe("Hartha", date(2012, 1, 1))


def test_unknown_kreis_is_an_error():
    with pytest.raises(ReferenceDataError, match="unbekannt"):
        mietenstufe("Hartha", date(2025, 1, 1), kreis="Landkreis Nirgendwo")
