"""Faction CSVs say when they were made (Stand = Stichtag) and from when every value is in force (issue 12, item 5)."""

from datetime import date

import pytest

from kdu_analysis.audit.export import write_audit
from kdu_analysis.audit.run import run_audit
from kdu_analysis.outputs import read_german_csv
from kdu_analysis.reference.wogg import wogg_citation
from kdu_analysis.traeger import find_traeger

STICHTAG = date(2025, 6, 30)


@pytest.fixture(scope="module")
def fraktionen(tmp_path_factory):
    out = tmp_path_factory.mktemp("audit")
    write_audit(out, run_audit(STICHTAG), STICHTAG, charts=False)
    return out / "fraktionen"


def test_every_row_carries_the_stand_as_iso_date(fraktionen):
    for path in sorted(fraktionen.glob("*_befunde.csv")):
        frame = read_german_csv(path)
        assert frame.columns[0] == "Stand", path.name
        assert set(frame.Stand) == {"2025-06-30"}, path.name
        assert set(frame.Stichtag) == {"2025-06-30"}


def test_richtwert_and_vergleichswert_carry_their_edition_dates(fraktionen):
    frame = read_german_csv(fraktionen / "dresden_befunde.csv")
    dresden = find_traeger("Dresden").ausgabe_am(STICHTAG)
    wogg_rows = frame[frame["Prüfung"] == "Richtwert gegenüber Wohngeldtabelle + 10 %"]
    assert len(wogg_rows) >= 4
    assert set(wogg_rows["Richtwert gültig ab"]) == {dresden.gueltig_ab.isoformat()}
    # the § 12 WoGG table in force on 30.06.2025 took effect on 01.01.2025 (2. WoGFV)
    assert wogg_citation(STICHTAG).fassung == date(2025, 1, 1)
    assert set(wogg_rows["Vergleichswert gültig ab"]) == {"2025-01-01"}
    # a value of a row without Vergleichswert has no Vergleichswert date (empty = not stated)
    without = frame[frame["Vergleichswert (€)"] == ""]
    assert set(without["Vergleichswert gültig ab"]) == {""}


def test_same_edition_checks_date_the_vergleichswert_with_the_edition(fraktionen):
    checked = 0
    for path in sorted(fraktionen.glob("*_befunde.csv")):
        frame = read_german_csv(path)
        rows = frame[frame["Prüfung"].isin(["Produkttheorie (Fläche × Quadratmeterpreis)",
                                             "Nettokaltmiete + Betriebskosten = Bruttokaltmiete"])]
        assert (rows["Vergleichswert gültig ab"] == rows["Richtwert gültig ab"]).all(), path.name
        checked += len(rows)
    assert checked > 0
