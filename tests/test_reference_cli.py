"""The reference and reproduction commands of contracts §§ 3–6."""

import io
from decimal import Decimal

import pandas as pd

from kdu_analysis.cli import main


def _csv(capsys, argv):
    assert main(argv) == 0
    return pd.read_csv(io.StringIO(capsys.readouterr().out), dtype=str, keep_default_na=False)


def test_reference_wogg_2025_csv_has_plus10_and_citation(capsys):
    frame = _csv(capsys, ["reference", "wogg", "--stichtag", "2025-03-01", "--format", "csv"])
    assert list(frame.columns)[:7] == ["mietenstufe", "haushaltsgroesse", "hoechstbetrag_eur", "hoechstbetrag_plus10_eur",
                                       "klimakomponente_eur", "fassung", "quelle"]
    assert len(frame) == 42
    row = frame[(frame.mietenstufe == "III") & (frame.haushaltsgroesse == "5")].iloc[0]
    assert (row.hoechstbetrag_eur, row.hoechstbetrag_plus10_eur, row.klimakomponente_eur) == ("875", "962.50", "39.20")
    assert set(frame.fassung) == {"2025-01-01"}
    assert frame.quelle.str.contains("BGBl. 2024 I Nr. 314").all()


def test_reference_wogg_before_2023_has_empty_klimakomponente(capsys):
    frame = _csv(capsys, ["reference", "wogg", "--stichtag", "2016-06-01", "--format", "csv"])
    assert (frame.klimakomponente_eur == "").all() and len(frame) == 36


def test_reference_mietenstufe_two_lines(capsys):
    assert main(["reference", "mietenstufe", "--gemeinde", "Dresden", "--stichtag", "2025-06-30"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "III" and "WoGV" in lines[1] and len(lines) == 2


def test_reference_mietenstufe_gap_is_one_german_line_and_nonzero(capsys):
    assert main(["reference", "mietenstufe", "--gemeinde", "Dresden", "--stichtag", "2018-01-01"]) != 0
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.startswith("Fehler: ") and captured.err.count("\n") == 1


def test_reference_regelbedarf_csv(capsys):
    frame = _csv(capsys, ["reference", "regelbedarf", "--format", "csv"])
    assert list(frame.columns)[:4] == ["gueltig_ab", "stufe", "betrag_eur", "quelle"]
    assert len(frame) == 96
    assert frame[(frame.gueltig_ab == "2026-01-01") & (frame.stufe == "1")].betrag_eur.item() == "563"


def test_regelbedarf_reproduce_csv(capsys):
    for gesetz, amount in (("RBEG2011", "364"), ("RBEG2017", "409"), ("RBEG2021", "446")):
        frame = _csv(capsys, ["regelbedarf", "reproduce", "--gesetz", gesetz, "--format", "csv"])
        assert list(frame.columns)[:3] == ["haushaltstyp", "abteilung", "betrag_eur"]
        rbs = frame[(frame.haushaltstyp == "einpersonen") & (frame.abteilung == "regelbedarfsstufe")]
        assert rbs.betrag_eur.item() == amount
        assert set(frame.haushaltstyp) == {"einpersonen", "kind_0_5", "kind_6_13", "kind_14_17"}
        assert Decimal(frame[(frame.haushaltstyp == "einpersonen") & (frame.abteilung == "summe")].betrag_eur.item()) > 0


def test_bad_stichtag_is_rejected_in_german(capsys):
    try:
        main(["reference", "wogg", "--stichtag", "01.03.2025"])
    except SystemExit as exc:
        assert exc.code == 2
    assert "JJJJ-MM-TT" in capsys.readouterr().err


def test_reference_wogg_after_2026_keeps_the_2025_table_and_its_csv_columns(capsys):
    """contracts §3 stays as it is: the CSV of 2027 is the 2025 table; the note appears only in text form."""
    frame = _csv(capsys, ["reference", "wogg", "--stichtag", "2027-01-15", "--format", "csv"])
    assert set(frame.fassung) == {"2025-01-01"} and len(frame) == 42
    assert main(["reference", "wogg", "--stichtag", "2026-12-01"]) == 0
    text = capsys.readouterr().out
    assert "Hinweis: Anstehend: Fortschreibung der Höchstbeträge zum 01.01.2027" in text
    assert "keine neue Fassung erfasst" not in text  # not yet due on 01.12.2026
    assert main(["reference", "wogg", "--stichtag", "2025-03-01"]) == 0
    assert "Hinweis" not in capsys.readouterr().out
