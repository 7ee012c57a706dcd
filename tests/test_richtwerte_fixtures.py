"""Every fixture layout extracts with every printed value correct and in the right column."""

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from kdu_analysis.loaders.richtwerte import COLUMNS, VALUE_COLUMNS, extract_richtwerte
from tests.fixtures.richtwerte.layouts import FIXTURES, expected

HERE = Path(__file__).resolve().parent / "fixtures" / "richtwerte"


def _rows(frame):
    out = {}
    for rec in frame.to_dict(orient="records"):
        out[(rec["vergleichsraum"] or "", rec["haushaltsgroesse"])] = rec
    return out


@pytest.mark.parametrize("name", FIXTURES)
def test_fixture_extracts_every_printed_value(name):
    traeger, gueltig_ab, rows = expected(name)
    result = extract_richtwerte(HERE / f"{name}.pdf")
    assert result.traeger == traeger
    assert result.gueltig_ab == date.fromisoformat(gueltig_ab)
    got = _rows(result.frame)
    assert len(got) == len(rows), sorted(got)
    for row in rows:
        key = (row["vergleichsraum"], row["haushaltsgroesse"])
        assert key in got, (key, sorted(got))
        rec = got[key]
        for column in VALUE_COLUMNS:
            want = row.get(column)
            if column == "wohnflaeche_m2" and "wohnflaeche_m2" not in row:
                continue
            assert rec[column] == (Decimal(want) if want is not None else None), (key, column, rec[column], want)
        assert rec["seite"] >= 1
    assert list(result.frame.columns)[: len(COLUMNS)] == COLUMNS
    assert result.frame["sha256"].str.len().eq(64).all()
