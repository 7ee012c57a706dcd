"""Incremental runs: an unchanged document is not read again; a changed one (or changed code) is
(kdu_analysis.loaders.documents: the one path by which a Kreis PDF is read)."""

import shutil
from pathlib import Path

import pytest

from kdu_analysis.loaders import documents
from kdu_analysis.outputs import machine_csv_text
from tests.helpers import refused_richtwert_pdf

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture
def counting(monkeypatch):
    """Names of the documents actually read (cache misses); the reading itself happens in the worker process."""
    calls = []
    real = documents.read_uncached

    def counted(path, runner):
        calls.append(Path(path).name)
        return real(path, runner)

    monkeypatch.setattr(documents, "read_uncached", counted)
    return calls


def test_warm_run_uses_the_cache_and_gives_the_same_rows(tmp_path, counting):
    pdf = shutil.copy(FIXTURES / "richtwerte/dresden_2025.pdf", tmp_path / "dresden.pdf")
    cold = documents.read_document(pdf, folder=tmp_path / "cache")
    warm = documents.read_document(pdf, folder=tmp_path / "cache")
    assert counting == ["dresden.pdf"]
    assert (cold.aus_cache, warm.aus_cache) == (False, True)
    assert cold.dokument == warm.dokument == documents.Document(Path(pdf), cold.sha256, 1)  # page count cached too
    assert machine_csv_text(warm.frame) == machine_csv_text(cold.frame)
    assert (warm.traeger, warm.gueltig_ab, warm.hinweise) == (cold.traeger, cold.gueltig_ab, cold.hinweise)
    assert type(warm.frame.bruttokaltmiete_eur.dropna().iloc[0]).__name__ == "Decimal"


def test_changed_content_is_read_again(tmp_path, counting):
    target = tmp_path / "richtlinie.pdf"
    shutil.copy(FIXTURES / "richtwerte/dresden_2025.pdf", target)
    first = documents.read_document(target, folder=tmp_path / "cache")
    shutil.copy(FIXTURES / "richtwerte/leipzig_2020.pdf", target)  # same name, new edition
    second = documents.read_document(target, folder=tmp_path / "cache")
    assert counting == ["richtlinie.pdf", "richtlinie.pdf"]
    assert first.sha256 != second.sha256 and not second.aus_cache


def test_changed_extraction_code_invalidates(tmp_path, counting, monkeypatch):
    pdf = FIXTURES / "richtwerte/leipzig_2020.pdf"
    documents.read_document(pdf, folder=tmp_path)
    monkeypatch.setattr(documents, "code_fingerprint", lambda: "andere-version")
    documents.read_document(pdf, folder=tmp_path)
    assert counting == ["leipzig_2020.pdf", "leipzig_2020.pdf"]


def test_refresh_reads_again(tmp_path, counting):
    pdf = FIXTURES / "richtwerte/leipzig_2020.pdf"
    documents.read_document(pdf, folder=tmp_path)
    documents.read_document(pdf, folder=tmp_path, refresh=True)
    assert len(counting) == 2


def test_a_broken_document_is_cached_with_its_message(tmp_path, counting):
    pdf = FIXTURES / "broken/verschluesselt.pdf"
    first = documents.read_document(pdf, folder=tmp_path)
    second = documents.read_document(pdf, folder=tmp_path)
    assert counting == ["verschluesselt.pdf"]
    assert first.frame is None and second.frame is None
    assert second.fehler == first.fehler and "verschlüsselt" in second.fehler
    assert first.dokument.seiten is None and second.dokument.seiten is None  # never opened as a PDF


def test_a_damaged_cache_entry_is_rebuilt(tmp_path, counting):
    pdf = FIXTURES / "richtwerte/leipzig_2020.pdf"
    documents.read_document(pdf, folder=tmp_path)
    for json_file in tmp_path.glob("*.json"):
        json_file.write_text("{kaputt", encoding="utf-8")
    result = documents.read_document(pdf, folder=tmp_path)
    assert len(counting) == 2 and result.frame is not None


def test_default_cache_lives_in_data_processed(tmp_path, monkeypatch):
    monkeypatch.setenv("KDU_DATA_DIR", str(tmp_path))
    assert documents.cache_dir() == tmp_path / "processed" / documents.CACHE_FOLDER
    assert documents.raw_pdfs() == []
    (tmp_path / "raw" / "pdf").mkdir(parents=True)
    (tmp_path / "raw" / "pdf" / "b.PDF").write_bytes(b"x")
    (tmp_path / "raw" / "pdf" / "a.pdf").write_bytes(b"x")
    (tmp_path / "raw" / "pdf" / "notiz.txt").write_text("x")
    (tmp_path / "raw" / "pdf" / ".versteckt.pdf").write_bytes(b"x")
    (tmp_path / "raw" / "pdf" / "alt").mkdir()
    (tmp_path / "raw" / "pdf" / "alt" / "c.pdf").write_bytes(b"x")  # sub-folders are not read (as before)
    assert [p.name for p in documents.raw_pdfs()] == ["a.pdf", "b.PDF"]


def test_refused_table_is_cached_with_status_and_reason(tmp_path, counting):
    pdf = refused_richtwert_pdf(tmp_path / "abgelehnt.pdf")
    cold = documents.read_document(pdf, folder=tmp_path / "cache")
    warm = documents.read_document(pdf, folder=tmp_path / "cache")
    assert counting == ["abgelehnt.pdf"]
    for result in (cold, warm):
        assert result.frame is None and result.status == "abgelehnt"
        assert "Seite 1: Bruttokaltmiete 12,00 €" in result.fehler
    broken = documents.read_document(FIXTURES / "broken/kein_pdf.pdf", folder=tmp_path / "cache")
    assert broken.status == "nicht lesbar"
