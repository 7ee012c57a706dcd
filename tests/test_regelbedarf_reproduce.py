"""The Regelbedarf is recomputed from the law, and every published amount 2011–2026 follows."""

from datetime import date
from decimal import ROUND_HALF_UP, Decimal

import pytest

from kdu_analysis.reference.rbeg import GESETZE, HAUSHALTSTYPEN, rbeg
from kdu_analysis.reference.regelbedarf import fortschreibung, regelbedarf, regelbedarf_table
from kdu_analysis.regelbedarf.reproduce import regelbedarf_series, reproduce_rbeg

# Anlage zu § 28 SGB XII (2011–2022), RBSFV 2024/2025/2026, Bürgergeld-Gesetz (2023): RBS 1 … 6
PUBLISHED = {
    2011: (364, 328, 291, 287, 251, 215), 2012: (374, 337, 299, 287, 251, 219), 2013: (382, 345, 306, 289, 255, 224),
    2014: (391, 353, 313, 296, 261, 229), 2015: (399, 360, 320, 302, 267, 234), 2016: (404, 364, 324, 306, 270, 237),
    2017: (409, 368, 327, 311, 291, 237), 2018: (416, 374, 332, 316, 296, 240), 2019: (424, 382, 339, 322, 302, 245),
    2020: (432, 389, 345, 328, 308, 250), 2021: (446, 401, 357, 373, 309, 283), 2022: (449, 404, 360, 376, 311, 285),
    2023: (502, 451, 402, 420, 348, 318), 2024: (563, 506, 451, 471, 390, 357), 2025: (563, 506, 451, 471, 390, 357),
    2026: (563, 506, 451, 471, 390, 357),
}


def _euro(value):
    return Decimal(value).quantize(Decimal(1), ROUND_HALF_UP)


def test_reference_data_equals_every_published_amount():
    table = regelbedarf_table()
    assert len(table) == 16 * 6
    for jahr, amounts in PUBLISHED.items():
        for stufe, amount in enumerate(amounts, start=1):
            assert regelbedarf(stufe, date(jahr, 7, 1)) == amount
    assert table[table.nullrunde].gueltig_ab.map(lambda d: d.year).unique().tolist() == [2025, 2026]


def test_computation_reproduces_every_published_amount():
    series = regelbedarf_series()
    assert len(series) == 96
    for row in series.itertuples():
        assert row.betrag_eur == PUBLISHED[row.jahr][row.stufe - 1], (row.jahr, row.stufe, row.regel)


def test_each_year_follows_from_the_previous_year_and_its_published_rate():
    """Written out independently of the package's reproduction code."""
    computed = {2011: dict(zip(range(1, 7), (364, 328, 291, 275, 242, 213)))}  # § 8 Abs. 1 RBEG 2011 (before Besitzschutz)
    paid = {2011: dict(zip(range(1, 7), PUBLISHED[2011]))}
    basis = {}
    for jahr in range(2012, 2027):
        f = fortschreibung(jahr)
        computed[jahr], paid[jahr] = {}, {}
        for s in range(1, 7):
            if jahr in (2017, 2021):
                continue
            if f["art"] == "mischindex":
                factor = (1 + f.get("vorstufe", Decimal(0))) * (1 + f["basis"])
                computed[jahr][s] = _euro(computed[jahr - 1][s] * factor)
            else:
                prev = basis.get((jahr - 1, s), Decimal(computed[jahr - 1][s]))
                basis[jahr, s] = (prev * (1 + f["basis"])).quantize(Decimal("0.01"), ROUND_HALF_UP)
                computed[jahr][s] = _euro(basis[jahr, s] * (1 + f["ergaenzend"]))
            paid[jahr][s] = max(computed[jahr][s], paid[jahr - 1][s])
        if jahr in (2017, 2021):
            law = rbeg(f"RBEG{jahr}")
            computed[jahr] = dict(law.betraege_berechnet)
            paid[jahr] = {s: max(law.betraege_berechnet[s], paid[jahr - 1][s]) for s in range(1, 7)}
        assert tuple(paid[jahr][s] for s in range(1, 7)) == PUBLISHED[jahr], jahr
    # the 2023 Basisbeträge printed in BT-Drs. 20/3873 and the 2025 basis of the BMAS FAQ
    assert [basis[2023, s] for s in range(1, 7)] == fortschreibung(2023)["basisbetraege"]
    assert basis[2025, 1] == Decimal("535.50")
    # the computed 2026 RBS 1 the BMAS named for the Nullrunde
    assert computed[2026][1] == 557


def test_besitzschutz_years_are_marked():
    series = regelbedarf_series()
    marked = series[series.regel.str.contains("Besitzschutz")]
    assert {(r.jahr, r.stufe) for r in marked.itertuples()} >= {(2011, 4), (2011, 5), (2011, 6), (2012, 4), (2012, 5),
                                                                  (2017, 6), (2025, 1), (2026, 1)}
    assert series.set_index(["jahr", "stufe"]).loc[(2012, 4), "berechnet_eur"] == 283
    assert series.set_index(["jahr", "stufe"]).loc[(2018, 6), "berechnet_eur"] == 240


@pytest.mark.parametrize(("gesetz", "expected"), [
    ("RBEG2011", {"einpersonen": 364, "kind_0_5": 213, "kind_6_13": 242, "kind_14_17": 275}),
    ("RBEG2017", {"einpersonen": 409, "kind_0_5": 236, "kind_6_13": 291, "kind_14_17": 311}),
    ("RBEG2021", {"einpersonen": 446, "kind_0_5": 283, "kind_6_13": 309, "kind_14_17": 373}),
])
def test_reproduce_rbeg_gives_the_statutory_amounts(gesetz, expected):
    frame = reproduce_rbeg(gesetz)
    result = frame[frame.abteilung == "regelbedarfsstufe"].set_index("haushaltstyp").betrag_eur.to_dict()
    assert result == {k: Decimal(v) for k, v in expected.items()}


@pytest.mark.parametrize(("gesetz", "sums"), [
    ("RBEG2011", ("361.81", "211.69", "240.32", "273.62")),
    ("RBEG2017", ("394.84", "228.08", "281.64", "300.81")),
    ("RBEG2021", ("434.96", "275.85", "301.17", "363.47")),
])
def test_abteilung_values_add_up_to_the_printed_sums(gesetz, sums):
    frame = reproduce_rbeg(gesetz)
    for typ, printed in zip(HAUSHALTSTYPEN, sums):
        part = frame[(frame.haushaltstyp == typ)]
        items = part[~part.abteilung.isin(["summe", "regelbedarfsstufe"])]
        assert len(items) == 11
        assert items.betrag_eur.sum() == Decimal(printed)
        assert part[part.abteilung == "summe"].betrag_eur.item() == Decimal(printed)
    assert set(GESETZE) == {"RBEG2011", "RBEG2017", "RBEG2021"}


def test_2017_and_2021_keep_abteilung_1_and_2_combined_as_printed():
    assert rbeg("RBEG2017").labels["01"].startswith("Abteilung 1 und 2")
    assert "02" not in rbeg("RBEG2021").labels
