"""abgleich_pdf: a Kreis PDF in data/raw/pdf is extracted and every difference to the bundled values reported."""

import shutil
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from kdu_analysis import config
from kdu_analysis.audit.run import run_audit, traeger_findings

FIXTURES = Path(__file__).parent / "fixtures" / "richtwerte"


@pytest.fixture()
def pdf_dir(tmp_path):
    folder = tmp_path / "pdf"
    folder.mkdir()
    for name in ("dresden_2025.pdf", "mittelsachsen_2019.pdf"):
        shutil.copy(FIXTURES / name, folder / name)
    return folder


def test_matching_pdf_gives_ok_and_original_of_correction_is_named(pdf_dir):
    ms = [f for f in traeger_findings("mittelsachsen", date(2025, 6, 30), pdf_dir=pdf_dir) if f.pruefung == "abgleich_pdf"]
    assert len(ms) == 1 and ms[0].ergebnis == "ok" and "alle 15 Werte" in ms[0].erlaeuterung
    dd = [f for f in traeger_findings("dresden", date(2025, 6, 30), pdf_dir=pdf_dir) if f.pruefung == "abgleich_pdf"]
    # the fixture prints the press-release values (449,25 € …), which the Merkblatt later corrected (450,50 €)
    assert len(dd) == 1 and "ursprüngliche Fassung" in dd[0].erlaeuterung


def test_every_difference_reported(pdf_dir, tmp_path, monkeypatch):
    data = tmp_path / "data"
    shutil.copytree(config.raw_dir() / "traeger", data / "raw" / "traeger")
    shutil.copytree(config.raw_dir() / "konzepte", data / "raw" / "konzepte")
    yaml_path = data / "raw" / "traeger" / "mittelsachsen.yaml"
    text = yaml_path.read_text(encoding="utf-8")
    # a transcription error in the bundled data: Mietkategorie II, 3 persons 406.50 -> 460.50
    yaml_path.write_text(text.replace('"339.60", "406.50"', '"339.60", "460.50"'), encoding="utf-8")
    monkeypatch.setenv("KDU_DATA_DIR", str(data))
    frame = run_audit(date(2025, 6, 30), pdf_dir=pdf_dir)
    diffs = frame[(frame.pruefung == "abgleich_pdf") & (frame.traeger_slug == "mittelsachsen")]
    assert len(diffs) == 1
    row = diffs.iloc[0]
    assert (row.vergleichsraum, row.haushaltsgroesse) == ("Mietkategorie II", "3")
    assert (row.wert, row.vergleichswert) == (Decimal("406.50"), Decimal("460.50"))
    assert "S. 1" in row.erlaeuterung


def test_unreadable_pdf_is_a_warning_not_silence(tmp_path):
    folder = tmp_path / "pdf"
    folder.mkdir()
    (folder / "kaputt.pdf").write_bytes(b"kein PDF")
    frame = run_audit(date(2025, 6, 30), pdf_dir=folder)
    assert any("kaputt.pdf" in w for w in frame.attrs["warnungen"])


def test_refused_table_is_never_compared_and_is_listed_with_its_reason(tmp_path):
    from kdu_analysis.audit import abgleich_pdf
    from tests.test_report_cache import _refused_pdf

    folder = tmp_path / "pdf"
    folder.mkdir()
    _refused_pdf(folder / "mittelsachsen_falsch.pdf")
    found = [f for f in traeger_findings("mittelsachsen", date(2025, 6, 30), pdf_dir=folder) if f.pruefung == "abgleich_pdf"]
    assert found == []
    notes = abgleich_pdf.nicht_zugeordnet(folder)
    assert len(notes) == 1 and "Tabelle abgelehnt" in notes[0] and "12,00 €" in notes[0]
