"""EVS tables as the Bundestag and Destatis print them: header vocabulary, a fixed sample of generated tables
(every cell against the generator's truth) and the check against §§ 5/6 RBEG (flag in the CSV and the summary)."""

from decimal import Decimal as D
from pathlib import Path

import pandas as pd
import pytest

from kdu_analysis.cli import main
from kdu_analysis.loaders.evs import extract_evs
from kdu_analysis.loaders.evs_columns import column_name, column_texts, column_zones, join_header_lines, joined_heads
from kdu_analysis.loaders.evs_gesetz import identify_reference
from kdu_analysis.pdf.layout import Cell
from kdu_analysis.reference.rbeg import abteilungen_des_gesetzes, rbeg_for_evs_year
from tests.fixtures.evs.generator import expected_law_check, generate, render, score

FIXTURES = Path(__file__).parent / "fixtures" / "evs"
#: a fixed fast sample: both families, values on the first and on the last line of wrapped rows, margin notes,
#: prose between tables, two-line label headers, one and two group headers, swapped count columns, a table
#: without regelbedarfsrelevant column, one that is no reference group, and planted differences from the law
SAMPLE = [1, 3, 5, 12, 14, 17, 22]


@pytest.mark.parametrize("parts, joined", [
    (["davon", "regelbedarfs-", "relevant"], "davon regelbedarfsrelevant"),
    (["Verbrauchs-", "ausgaben der", "Referenz-", "gruppe", "in Euro"], "Verbrauchsausgaben der Referenzgruppe in Euro"),
    (["Haushaltsgeräte und", "-gegenstände"], "Haushaltsgeräte und -gegenstände"),
    (["hoch-", "gerechnet", "(in 1 000)"], "hochgerechnet (in 1 000)"),
])
def test_header_lines_joined_with_hyphenation_undone(parts, joined):
    assert join_header_lines(parts) == joined


@pytest.mark.parametrize("text, name", [
    ("Haushalte mit Ausgaben hochgerechnet (in 1000)", "hochgerechnet_tsd"),
    ("Haushalte mit Eintragungen erfasst Anzahl", "haushalte_erfasst"),
    ("EUR/Monat durchschnittliche Ausgaben je Haushalt", "ausgaben_eur"),
    ("EUR/Monat davon regelbedarfsrelevant", "regelbedarfsrelevant_eur"),
    ("Euro je Monat davon regel- bedarfsrelevant", "regelbedarfsrelevant_eur"),
    ("regelbedarfsrelevante Ausgaben in Euro", "regelbedarfsrelevant_eur"),
    ("Verbrauchsausgaben der Referenzgruppe in Euro", "ausgaben_eur"),
    ("darunter Kind EUR/Monat", "ausgaben_kind_eur"),
    ("Fantasie", None),
])
def test_vocabulary_of_both_families(text, name):
    assert column_name(text, set()) == name


def test_group_header_applies_to_the_columns_below():
    zones = column_zones([359.0, 421.0, 483.0, 545.0])
    cells = [Cell("Haushalte mit Ausgaben", 321, 407, 100), Cell("EUR/Monat", 460, 506, 100),
             Cell("hochgerechnet", 307, 359, 110), Cell("(in 1000)", 326, 359, 120),
             Cell("erfasst", 395, 421, 110), Cell("Anzahl", 397, 421, 120),
             Cell("Ausgaben je", 441, 483, 110), Cell("Haushalt", 452, 483, 120),
             Cell("davon regel-", 500, 545, 110), Cell("bedarfsrelevant", 488, 545, 120)]
    texts = column_texts(cells, zones)
    assert texts == ["Haushalte mit Ausgaben hochgerechnet (in 1000)", "Haushalte mit Ausgaben erfasst Anzahl",
                     "EUR/Monat Ausgaben je Haushalt", "EUR/Monat davon regelbedarfsrelevant"]
    assert [column_name(t, set()) for t in texts] == ["hochgerechnet_tsd", "haushalte_erfasst", "ausgaben_eur",
                                                      "regelbedarfsrelevant_eur"]


def test_two_heads_joined_into_one_cell_are_refused_not_guessed():
    # "erfasst" and "hochgerechnet" set so close that the text extraction joined them: the order of the two count
    # columns cannot be proved (the vocabulary's first match would give the left column "hochgerechnet")
    zones = column_zones([359.0, 421.0, 483.0])
    joined = [Cell("Haushalte mit Ausgaben", 321, 407, 100), Cell("erfasst hochgerechnet", 330, 421, 110),
              Cell("Ausgaben je Haushalt", 441, 483, 110)]
    assert joined_heads(joined, zones) == ["erfasst hochgerechnet"]
    group = [Cell("Haushalte mit Ausgaben", 321, 407, 100), Cell("EUR/Monat", 430, 483, 100)]
    assert joined_heads(group, zones) == []  # a group header names what its columns share


@pytest.mark.parametrize("title, expected", [
    ("Referenzgruppe nach § 4 RBEG 2021, Einpersonenhaushalte", ("RBEG2021", "einpersonen")),
    ("Sonderauswertung der EVS 2013: Paarhaushalte mit einem Kind von 6 bis unter 14 Jahren", ("RBEG2017", "kind_6_13")),
    ("EVS 2008, Paarhaushalte mit einem Kind unter 6 Jahren", ("RBEG2011", "kind_0_5")),
    ("EVS 2018, Paarhaushalte mit 1 Kind von 14 bis unter 18 Jahren", ("RBEG2021", "kind_14_17")),
    ("Paarhaushalte mit 1 Kind von 3 bis unter 6 Jahren (EVS 2018)", ("RBEG2021", None)),  # a subgroup, no reference group
    ("Einpersonenhaushalte, unterste 15 %", (None, "einpersonen")),
])
def test_reference_group_from_the_title(title, expected):
    gesetz, typ, _reason = identify_reference(title)
    assert (gesetz, typ) == expected


def test_rbeg_lookups():
    assert abteilungen_des_gesetzes("RBEG2021")["01"] == ("01", "02")
    assert abteilungen_des_gesetzes("RBEG2011")["01"] == ("01",) and "02" not in abteilungen_des_gesetzes("RBEG2011")
    assert rbeg_for_evs_year(2018).gesetz == "RBEG2021" and rbeg_for_evs_year(2019) is None


@pytest.mark.parametrize("seed", SAMPLE)
def test_generated_table_every_cell_and_the_law(seed, tmp_path):
    table = generate(seed)
    truth = render(table, tmp_path / f"{table.name}.pdf")
    result = extract_evs(tmp_path / f"{table.name}.pdf")
    s = score(table, truth, result.frame)
    assert s["right"] == s["total"] and not s["wrong_value"], s
    got = {e["abteilung"] or "gesamt": e["ergebnis"] for e in result.gesetz.ergebnisse}
    assert got == expected_law_check(table)
    if not got:
        assert result.gesetz.grund  # a reason is given why nothing was compared


def test_sample_covers_the_variations():
    tables = [generate(s) for s in SAMPLE]
    assert {t.family for t in tables} == {"drucksache", "destatis"}
    assert {t.options["values_on"] for t in tables} == {"first", "last"}
    assert any(t.abweichung for t in tables) and any(t.gesetz is None for t in tables)
    assert any(t.options["margin_note"] for t in tables) and any(t.options["prose"] for t in tables)
    assert any("regelbedarfsrelevant_eur" not in t.columns for t in tables)


def test_rbeg_fixture_matches_paragraph_5_rbeg_2021():
    result = extract_evs(FIXTURES / "rbeg_einpersonen.pdf")
    check = result.gesetz
    assert (check.gesetz, check.haushaltstyp) == ("RBEG2021", "einpersonen")
    assert check.count("stimmt") == 12 and check.count("weicht_ab") == 0  # 11 Abteilungen + total 434,96 €
    f = result.frame
    marked = f[f.gesetz_abgleich != ""]
    assert list(marked.gesetz_abgleich.unique()) == ["stimmt"] and len(marked) == 12
    total = marked[marked.abteilung == ""].iloc[0]
    assert total.gesetz_eur == D("434.96") and (total.gesetz, total.haushaltstyp) == ("RBEG2021", "einpersonen")
    assert check.bezeichnung == "§ 5 RBEG 2021 (Einpersonenhaushalte)"


def test_difference_from_the_law_is_flagged_in_csv_and_summary(tmp_path, capsys):
    table = generate(12)  # RBEG 2021, kind_6_13, one Abteilung deliberately off
    [(key, diff)] = table.abweichung.items()
    pdf = tmp_path / "t.pdf"
    render(table, pdf)
    out = tmp_path / "t.csv"
    assert main(["extract", "evs", str(pdf), "--out", str(out)]) == 0
    err = capsys.readouterr().err
    assert "Abgleich mit § 6 RBEG 2021" in err and "2 weichen ab" in err
    assert f"ACHTUNG: Abteilung {int(key)}" in err
    frame = pd.read_csv(out, dtype=str, keep_default_na=False)
    off = frame[frame.gesetz_abgleich == "weicht_ab"]
    assert len(off) == 2 and off.hinweise.str.contains("gesetz_weicht_ab").all()
    assert set(frame.gesetz_abgleich) == {"", "stimmt", "weicht_ab"}


def test_law_and_household_can_be_named_when_the_title_does_not(tmp_path, capsys):
    out = tmp_path / "e.csv"
    args = ["extract", "evs", str(FIXTURES / "destatis_einpersonen.pdf"), "--out", str(out)]
    assert main(args) == 0
    assert "Kein Abgleich mit dem Gesetz: der Titel nennt kein RBEG" in capsys.readouterr().err
    assert main(args + ["--gesetz", "RBEG2021", "--haushaltstyp", "einpersonen"]) == 0
    assert "Kein Abgleich mit dem Gesetz: die Tabelle hat keine Spalte 'regelbedarfsrelevant'" in capsys.readouterr().err


def test_running_headers_and_margin_notes_are_not_rows(tmp_path):
    table = generate(14)  # Drucksache: running header, vertical margin note, prose between the tables
    render(table, tmp_path / "t.pdf")
    result = extract_evs(tmp_path / "t.pdf")
    text = " ".join(result.frame.bezeichnung)
    assert "Drucksache" not in text and "Vorabfassung" not in text and "werden wie folgt" not in text
    assert any("quer gesetzter Text" in h for h in result.hinweise)
    assert result.frame.seite.max() > 1  # tables continued over pages


@pytest.mark.parametrize("seed, words", [(23, "steht zwischen den Spalten"), (128, "Die Spalte 'Gewichtung'")])
def test_defective_generated_tables_are_refused(seed, words, tmp_path, capsys):
    table = generate(seed)
    assert table.options["stoerung"] in ("verschoben", "unbekannte_spalte")
    render(table, tmp_path / "t.pdf")
    out = tmp_path / "t.csv"
    assert main(["extract", "evs", str(tmp_path / "t.pdf"), "--out", str(out)]) == 3
    err = capsys.readouterr().err
    assert err.startswith("Fehler: ") and words in err and not out.exists()


@pytest.mark.parametrize("seed", [0, 1, 2, 3, 5, 12, 14, 17, 22])
def test_libreoffice_produced_tables(seed, tmp_path):
    """The same tables produced by LibreOffice (committed, see tests/fixtures/evs/libreoffice.py): other font
    metrics and padding, labels wrapped by Writer, rows broken over pages under a repeated header."""
    table = generate(seed)
    truth = render(table, tmp_path / "truth.pdf")
    result = extract_evs(FIXTURES / "libreoffice" / f"lo_{table.name}.pdf")
    frame = result.frame.copy()
    frame["seite"] = None  # Writer paginates differently
    for row in truth:
        row["seite"] = None
    s = score(table, truth, frame)
    assert s["right"] == s["total"] and not s["wrong_value"], s
    assert {e["abteilung"] or "gesamt": e["ergebnis"] for e in result.gesetz.ergebnisse} == expected_law_check(table)
