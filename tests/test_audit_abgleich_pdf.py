"""abgleich_pdf: a Kreis PDF in data/raw/pdf is read once (loaders.documents) and every difference to the bundled
values reported by the audit, which itself never opens a PDF."""

import shutil
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from kdu_analysis import config
from kdu_analysis.audit import abgleich_pdf
from kdu_analysis.audit.run import run_audit, traeger_findings
from kdu_analysis.cli import main
from kdu_analysis.loaders.documents import raw_pdfs, read_documents
from kdu_analysis.outputs import read_machine_csv
from tests.helpers import data_copy, refused_richtwert_pdf

FIXTURES = Path(__file__).parent / "fixtures" / "richtwerte"


@pytest.fixture()
def lesungen(tmp_path):
    folder = tmp_path / "pdf"
    folder.mkdir()
    for name in ("dresden_2025.pdf", "mittelsachsen_2019.pdf"):
        shutil.copy(FIXTURES / name, folder / name)
    return read_documents(raw_pdfs(folder), folder=tmp_path / "cache")


def test_matching_pdf_gives_ok_and_original_of_correction_is_named(lesungen):
    ms = [f for f in traeger_findings("mittelsachsen", date(2025, 6, 30), lesungen=lesungen) if f.pruefung == "abgleich_pdf"]
    assert len(ms) == 1 and ms[0].ergebnis == "ok" and "alle 15 Werte" in ms[0].erlaeuterung
    assert ms[0].quelle.startswith("mittelsachsen_2019.pdf (sha256 ")
    dd = [f for f in traeger_findings("dresden", date(2025, 6, 30), lesungen=lesungen) if f.pruefung == "abgleich_pdf"]
    # the fixture prints the press-release values (449,25 € …), which the Merkblatt later corrected (450,50 €)
    assert len(dd) == 1 and "ursprüngliche Fassung" in dd[0].erlaeuterung


def test_every_difference_reported(lesungen, tmp_path, monkeypatch):
    data = tmp_path / "data"
    shutil.copytree(config.raw_dir() / "traeger", data / "raw" / "traeger")
    shutil.copytree(config.raw_dir() / "konzepte", data / "raw" / "konzepte")
    yaml_path = data / "raw" / "traeger" / "mittelsachsen.yaml"
    text = yaml_path.read_text(encoding="utf-8")
    # a transcription error in the bundled data: Mietkategorie II, 3 persons 406.50 -> 460.50
    yaml_path.write_text(text.replace('"339.60", "406.50"', '"339.60", "460.50"'), encoding="utf-8")
    monkeypatch.setenv("KDU_DATA_DIR", str(data))
    frame = run_audit(date(2025, 6, 30), lesungen=lesungen)
    diffs = frame[(frame.pruefung == "abgleich_pdf") & (frame.traeger_slug == "mittelsachsen")]
    assert len(diffs) == 1
    row = diffs.iloc[0]
    assert (row.vergleichsraum, row.haushaltsgroesse) == ("Mietkategorie II", "3")
    assert (row.wert, row.vergleichswert) == (Decimal("406.50"), Decimal("460.50"))
    assert "S. 1" in row.erlaeuterung


def test_without_documents_nothing_is_compared():
    frame = run_audit(date(2025, 6, 30))
    assert not (frame.pruefung == "abgleich_pdf").any() and frame.attrs["warnungen"] == []


def test_unreadable_pdf_is_a_warning_not_silence(tmp_path):
    folder = tmp_path / "pdf"
    folder.mkdir()
    (folder / "kaputt.pdf").write_bytes(b"kein PDF")
    frame = run_audit(date(2025, 6, 30), lesungen=read_documents(raw_pdfs(folder), folder=tmp_path / "cache"))
    assert any("kaputt.pdf" in w and "keine PDF-Datei" in w for w in frame.attrs["warnungen"])


def test_refused_table_is_never_compared_and_is_listed_with_its_reason(tmp_path):
    folder = tmp_path / "pdf"
    folder.mkdir()
    refused_richtwert_pdf(folder / "mittelsachsen_falsch.pdf")
    lesungen = read_documents(raw_pdfs(folder), folder=tmp_path / "cache")
    found = [f for f in traeger_findings("mittelsachsen", date(2025, 6, 30), lesungen=lesungen)
             if f.pruefung == "abgleich_pdf"]
    assert found == []
    notes = abgleich_pdf.nicht_zugeordnet(lesungen)
    assert len(notes) == 1 and "Tabelle abgelehnt" in notes[0] and "12,00 €" in notes[0]


def test_audit_command_compares_an_upper_case_pdf_in_data_raw_pdf(tmp_path, monkeypatch):
    """Issue 13: a Kreis document named ``X.PDF`` in data/raw/pdf is compared, like ``x.pdf`` (CLI ``audit``)."""
    data = data_copy(tmp_path / "data")
    shutil.copy(FIXTURES / "mittelsachsen_2019.pdf", data / "raw" / "pdf" / "MITTELSACHSEN.PDF")
    monkeypatch.setenv("KDU_DATA_DIR", str(data))
    assert main(["audit", "--stichtag", "2025-06-30", "--out", str(tmp_path / "p"), "--ohne-grafiken"]) == 0
    befunde = read_machine_csv(tmp_path / "p" / "befunde.csv")
    rows = befunde[befunde.pruefung == "abgleich_pdf"]
    assert len(rows) == 1 and rows.ergebnis.item() == "ok" and rows.quelle.item().startswith("MITTELSACHSEN.PDF")


def test_audit_command_refuses_a_missing_pdf_folder(tmp_path, capsys):
    assert main(["audit", "--out", str(tmp_path / "p"), "--pdf-ordner", str(tmp_path / "gibtsnicht")]) == 3
    assert "gibtsnicht" in capsys.readouterr().err
