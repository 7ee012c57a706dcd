"""No formula injection in any CSV the tool writes (CWE-1236): file names, PDF region labels, Träger data and offers
that start with ``=``, ``+``, ``-``, ``@``, tab or CR reach the CSVs neutralised; numbers stay numbers."""

import csv
import io
import os
import re
import shutil
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pandas as pd
import pytest

from kdu_analysis.loaders import documents
from kdu_analysis.cli import EXIT_LUECKEN, main
from kdu_analysis.outputs import (
    german_csv_text,
    machine_csv_text,
    read_machine_csv,
    safe_cell,
    unsafe_cell,
    write_german_csv,
    write_machine_csv,
)
from tests.fixtures.hostile import HOSTILE_REGIONS, richtwert_pdf
from tests.helpers import data_copy

FIXTURES = Path(__file__).parent / "fixtures"
DANGEROUS = ["=", "+", "-", "@", "\t", "\r"]
_MACHINE_NUMBER = re.compile(r"-?\d+(\.\d+)?")
_GERMAN_NUMBER = re.compile(r"-?\d+(,\d+)?")


def dangerous_cells(folder: Path) -> list[tuple[str, str, str]]:
    """Every cell of every CSV under ``folder`` that a spreadsheet would read as a formula (the acceptance rule)."""
    bad = []
    for path in sorted(Path(folder).rglob("*.csv")):
        raw = path.read_bytes().decode("utf-8-sig")  # not read_text: it would turn a CR into a newline
        first = raw.split("\n", 1)[0]
        german = first.count(";") > first.count(",")
        rows = list(csv.reader(io.StringIO(raw, newline=""), delimiter=";" if german else ","))
        for row in rows:
            for column, cell in zip(rows[0], row):
                if cell[:1] not in DANGEROUS:
                    continue
                if (_GERMAN_NUMBER if german else _MACHINE_NUMBER).fullmatch(cell):
                    continue
                if not german and column == "haushaltsgroesse" and cell == "+1":
                    continue
                bad.append((path.name, column, cell))
    return bad


@pytest.mark.parametrize("char", DANGEROUS)
@pytest.mark.parametrize("dialect", ["machine", "german"])
def test_text_starting_with_a_formula_character_gets_an_apostrophe(char, dialect):
    assert safe_cell(f"{char}HYPERLINK(1)", dialect=dialect) == f"'{char}HYPERLINK(1)"
    assert safe_cell(f"'{char}x", dialect=dialect) == f"''{char}x"  # so that reading back is exact
    assert safe_cell("Zone Nord", dialect=dialect) == "Zone Nord"


def test_numbers_stay_numbers_negative_amounts_included():
    rows = [{"betrag_eur": Decimal("-12.50"), "anzahl": -3, "anteil": -0.25, "text": "-12.5", "leer": None}]
    assert machine_csv_text(rows).splitlines()[1] == "-12.50,-3,-0.25,-12.5,"
    assert german_csv_text(rows, list(rows[0])).splitlines()[1] == "-12,50;-3,00;-0,25;'-12.5;"  # "-12.5" is no German number
    assert safe_cell("-12,50", dialect="german") == "-12,50"
    assert safe_cell("-", dialect="machine") == "'-"


def test_household_increment_machine_plus1_german_je_weitere_person():
    rows = [{"haushaltsgroesse": "5", "betrag_eur": Decimal("962.50")},
            {"haushaltsgroesse": "+1", "betrag_eur": Decimal("116.60")}]
    assert machine_csv_text(rows).splitlines()[2] == "+1,116.60"
    assert german_csv_text(rows, {"haushaltsgroesse": "Haushaltsgröße", "betrag_eur": "Betrag (€)"}).splitlines()[2] \
        == "je weitere Person;116,60"
    assert safe_cell("+1", column="vergleichsraum") == "'+1"  # only the household-size column keeps "+1"


def test_a_carriage_return_inside_a_cell_never_splits_the_row():
    text = machine_csv_text([{"a": "x\ry", "b": "\rz"}])
    assert text == 'a,b\n"x\ry","\'\rz"\n'
    assert list(csv.reader(io.StringIO(text, newline=""))) == [["a", "b"], ["x\ry", "'\rz"]]


def test_headers_are_neutralised_too():
    assert machine_csv_text([{"=x": 1}]).splitlines()[0] == "'=x"
    assert german_csv_text([{"a": 1}], {"a": "@Kopf"}).splitlines()[0] == "'@Kopf"


def test_machine_csv_round_trip_is_exact(tmp_path):
    texts = ["=2+5.pdf", "'=schon zitiert", "''=doppelt", "-Zone Süd", "@x", "\tTab", "\rCR", "a\rb", "normal", "it's", "'"]
    frame = pd.DataFrame({"text": texts, "haushaltsgroesse": ["+1"] * len(texts)})
    write_machine_csv(tmp_path / "x.csv", frame)
    back = read_machine_csv(tmp_path / "x.csv")
    assert back.text.tolist() == texts and set(back.haushaltsgroesse) == {"+1"}
    assert [unsafe_cell(safe_cell(t)) for t in texts] == texts


def test_german_csv_file_has_bom_and_neutralised_cells(tmp_path):
    write_german_csv(tmp_path / "x.csv", [{"name": "=1+1", "haushaltsgroesse": "+1"}], ["name", "haushaltsgroesse"])
    raw = (tmp_path / "x.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and b"'=1+1;je weitere Person" in raw


def test_pdf_named_like_a_formula_and_hostile_region_labels(tmp_path, capsys):
    """extract richtwerte: the file name lands in the ``datei`` column, region labels in ``vergleichsraum``."""
    named = tmp_path / "=2+5.pdf"
    shutil.copy(FIXTURES / "richtwerte" / "dresden_2025.pdf", named)
    assert main(["extract", "richtwerte", str(named), "--out", str(tmp_path / "a.csv")]) == 0
    hostile = richtwert_pdf(tmp_path / "feindlich.pdf")
    assert main(["extract", "richtwerte", str(hostile), "--out", str(tmp_path / "b.csv")]) == 0
    assert dangerous_cells(tmp_path) == []
    a, b = read_machine_csv(tmp_path / "a.csv"), read_machine_csv(tmp_path / "b.csv")
    assert set(a.datei) == {"=2+5.pdf"} and "+1" in set(a.haushaltsgroesse)
    assert set(b.vergleichsraum) == set(HOSTILE_REGIONS)  # read back exactly as printed
    # the published Richtwert for Mittelsachsen "Mietkategorie I", 1 person, in the hostile layout's first row
    assert b[(b.vergleichsraum == next(iter(HOSTILE_REGIONS))) & (b.haushaltsgroesse == "1")].bruttokaltmiete_eur.item() \
        == "295.50"


def test_cache_round_trip_keeps_the_real_file_name(tmp_path):
    named = tmp_path / "=2+5.pdf"
    shutil.copy(FIXTURES / "richtwerte" / "dresden_2025.pdf", named)
    first = documents.read_document(named, folder=tmp_path / "cache")
    again = documents.read_document(named, folder=tmp_path / "cache")
    assert again.aus_cache and set(again.frame.datei) == {"=2+5.pdf"}
    assert again.frame.bruttokaltmiete_eur.tolist() == first.frame.bruttokaltmiete_eur.tolist()


def _hostile_data(tmp_path: Path, char: str) -> Path:
    data = data_copy(tmp_path / "data")
    yaml = data / "raw" / "traeger" / "dresden.yaml"
    escaped = {"\t": "\\t", "\r": "\\r"}.get(char, char)  # a YAML double-quoted scalar
    yaml.write_text(yaml.read_text(encoding="utf-8").replace("Stadtgebiet Dresden", f'"{escaped}Stadtgebiet Dresden"'),
                    encoding="utf-8")
    return data


@pytest.mark.parametrize("char", DANGEROUS, ids=["gleich", "plus", "minus", "at", "tab", "cr"])
def test_traeger_data_and_offers_starting_with_formula_characters(tmp_path, monkeypatch, char):
    """audit: a Vergleichsraum in the Träger data, the offers file name and its Quelle column start with ``char``."""
    data = _hostile_data(tmp_path, char)
    monkeypatch.setenv("KDU_DATA_DIR", str(data))
    offers = tmp_path / f"{char}angebote.csv"
    with offers.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["traeger", "gemeinde", "vergleichsraum", "wohnflaeche_m2", "bruttokaltmiete_eur", "datum", "quelle"])
        writer.writerow(["dresden", "Dresden", "", "38.5", "420.00", "2025-06-02", f"{char}cmd|' /C calc'!A0"])
        writer.writerow(["dresden", "Dresden", "", "57.0", "540.00", "2025-06-05", f"{char}SUMME(1;2)"])
    out = tmp_path / "out"
    assert main(["audit", "--stichtag", "2025-06-30", "--out", str(out), "--angebote", str(offers),
                 "--ohne-grafiken"]) == 0
    assert dangerous_cells(out) == []
    befunde = read_machine_csv(out / "befunde.csv")
    assert f"{char}Stadtgebiet Dresden" in set(befunde.vergleichsraum)  # the text itself is kept, only neutralised
    assert befunde.quelle.str.startswith(f"{char}angebote.csv").any()
    faction = (out / "fraktionen" / "dresden_befunde.csv").read_bytes().decode("utf-8-sig")
    assert f"'{char}Stadtgebiet Dresden" in faction and ";je weitere Person;" in faction and ";+1;" not in faction


def test_report_with_hostile_pdfs_writes_no_formula_cell(tmp_path):
    """Acceptance (issue 17): ``=2+5.pdf`` and a PDF whose region label starts with ``=`` in data/raw/pdf."""
    data = data_copy(tmp_path / "data")
    shutil.copy(FIXTURES / "richtwerte" / "dresden_2025.pdf", data / "raw" / "pdf" / "=2+5.pdf")
    richtwert_pdf(data / "raw" / "pdf" / "mittelsachsen_feindlich.pdf")
    out = tmp_path / "reports"
    env = {**os.environ, "KDU_DATA_DIR": str(data)}
    done = subprocess.run([sys.executable, "-m", "kdu_analysis", "report", "--out", str(out), "--stichtag", "2025-06-30"],
                          env=env, capture_output=True, text=True)
    assert done.returncode in (0, EXIT_LUECKEN), done.stderr[-2000:]  # gaps in the Träger data are not failures
    assert dangerous_cells(out) == []
    texts = "".join(p.read_text(encoding="utf-8-sig") for p in out.rglob("*.csv"))
    assert "'=2+5.pdf" in texts and "'=HYPERLINK(" in texts  # present, and neutralised
    faction = (out / "pruefung" / "fraktionen" / "dresden_befunde.csv").read_text(encoding="utf-8-sig")
    assert "'=2+5.pdf (sha256" in faction
