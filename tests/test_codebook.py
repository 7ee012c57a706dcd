"""The codebook (kdu_analysis/codebook/codebook.yaml) is valid and true of the tables the writers produce (D808)."""

from datetime import date

import pytest
import yaml

from kdu_analysis import codebook
from kdu_analysis.loaders.richtwerte import COLUMNS
from kdu_analysis.reference import regelbedarf, wogg
from kdu_analysis.report.obergrenzen import obergrenzen_frame, obergrenzen_wide


def test_every_table_loads_and_uses_defined_columns():
    names = codebook.tabellen()
    assert {"fraktion", "wogg_tabelle", "regelbedarfsstufen", "obergrenzen"} <= set(names)
    for name in names:
        table = codebook.tabelle(name)
        assert set(table.schluessel) <= set(table.headers()), name
        assert all(s.bedeutung for s in table.spalten)


def test_one_header_per_column_and_no_header_twice():
    """A column has one German header everywhere ("Haushaltsgröße (Personen)", "Verlässlichkeit"); the faction
    CSV's "Richtwert gültig ab" is the one recorded override (two dates stand side by side there)."""
    raw = yaml.safe_load((codebook.FOLDER / "codebook.yaml").read_text(encoding="utf-8"))  # the file as written
    heads = [entry["kopf"] for entry in raw["spalten"].values()]
    assert len(heads) == len(set(heads))
    overrides = {(t, c["name"]) for t, entry in raw["tabellen"].items() for c in entry["spalten"]
                 if isinstance(c, dict) and "kopf" in c}
    assert overrides == {("fraktion", "gueltig_ab")}
    assert codebook.headers("fraktion")["haushaltsgroesse"] == codebook.headers("wogg_tabelle")["haushaltsgroesse"] \
        == "Haushaltsgröße (Personen)"


@pytest.mark.parametrize("stichtag", [date(2025, 6, 30), date(2023, 1, 1), date(2016, 6, 30)])
def test_wogg_table_has_the_recorded_rows_and_key(stichtag):
    table = codebook.tabelle("wogg_tabelle")
    frame = wogg.wogg_table_frame(stichtag)
    assert set(table.headers()) <= set(frame.columns)
    assert len(frame) == table.rows(stichtag) == (42 if stichtag.year >= 2020 else 36)
    assert not frame.duplicated(list(table.schluessel)).any()


def test_regelbedarf_table_key():
    table = codebook.tabelle("regelbedarfsstufen")
    frame = regelbedarf.regelbedarf_table()
    assert set(table.headers()) <= set(frame.columns)
    assert not frame.duplicated(list(table.schluessel)).any()


def test_obergrenzen_columns_and_key():
    table = codebook.tabelle("obergrenzen")
    wide = obergrenzen_wide(obergrenzen_frame(date(2025, 6, 30)))
    assert list(wide.columns) == list(table.headers())
    assert not wide.duplicated(list(table.schluessel)).any()


def test_richtwerte_from_pdf_table_names_the_readers_columns():
    """The German-Excel table of the Richtwerte read from PDFs: every contract §1 column except the cell box, then
    file, SHA-256 and the reader's flags (the machine CSV keeps the column names)."""
    table = codebook.tabelle("richtwerte_aus_pdf")
    assert list(table.headers()) == COLUMNS + ["datei", "sha256", "hinweise"]
    assert table.decimals() == {"seite": 0}
