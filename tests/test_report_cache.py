"""Incremental runs: an unchanged document is not read again; a changed one (or changed code) is."""

import shutil
from pathlib import Path

import pytest

from kdu_analysis import cache
from kdu_analysis.loaders import richtwerte
from kdu_analysis.outputs import machine_csv_text

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture
def counting(monkeypatch):
    calls = []
    real = richtwerte.extract_richtwerte

    def counted(path, spec=None):
        calls.append(Path(path).name)
        return real(path, spec=spec)

    monkeypatch.setattr(richtwerte, "extract_richtwerte", counted)
    return calls


def test_warm_run_uses_the_cache_and_gives_the_same_rows(tmp_path, counting):
    pdf = shutil.copy(FIXTURES / "richtwerte/dresden_2025.pdf", tmp_path / "dresden.pdf")
    cold = cache.extract_richtwerte_cached(pdf, folder=tmp_path / "cache")
    warm = cache.extract_richtwerte_cached(pdf, folder=tmp_path / "cache")
    assert counting == ["dresden.pdf"]
    assert (cold.aus_cache, warm.aus_cache) == (False, True)
    assert machine_csv_text(warm.frame) == machine_csv_text(cold.frame)
    assert (warm.traeger, warm.gueltig_ab, warm.hinweise) == (cold.traeger, cold.gueltig_ab, cold.hinweise)
    assert type(warm.frame.bruttokaltmiete_eur.dropna().iloc[0]).__name__ == "Decimal"


def test_changed_content_is_read_again(tmp_path, counting):
    target = tmp_path / "richtlinie.pdf"
    shutil.copy(FIXTURES / "richtwerte/dresden_2025.pdf", target)
    first = cache.extract_richtwerte_cached(target, folder=tmp_path / "cache")
    shutil.copy(FIXTURES / "richtwerte/leipzig_2020.pdf", target)  # same name, new edition
    second = cache.extract_richtwerte_cached(target, folder=tmp_path / "cache")
    assert counting == ["richtlinie.pdf", "richtlinie.pdf"]
    assert first.sha256 != second.sha256 and not second.aus_cache


def test_changed_extraction_code_invalidates(tmp_path, counting, monkeypatch):
    pdf = FIXTURES / "richtwerte/leipzig_2020.pdf"
    cache.extract_richtwerte_cached(pdf, folder=tmp_path)
    monkeypatch.setattr(cache, "code_fingerprint", lambda: "andere-version")
    cache.extract_richtwerte_cached(pdf, folder=tmp_path)
    assert counting == ["leipzig_2020.pdf", "leipzig_2020.pdf"]


def test_refresh_reads_again(tmp_path, counting):
    pdf = FIXTURES / "richtwerte/leipzig_2020.pdf"
    cache.extract_richtwerte_cached(pdf, folder=tmp_path)
    cache.extract_richtwerte_cached(pdf, folder=tmp_path, refresh=True)
    assert len(counting) == 2


def test_a_broken_document_is_cached_with_its_message(tmp_path, counting):
    pdf = FIXTURES / "broken/verschluesselt.pdf"
    first = cache.extract_richtwerte_cached(pdf, folder=tmp_path)
    second = cache.extract_richtwerte_cached(pdf, folder=tmp_path)
    assert counting == ["verschluesselt.pdf"]
    assert first.frame is None and second.frame is None
    assert second.fehler == first.fehler and "verschlüsselt" in second.fehler


def test_a_damaged_cache_entry_is_rebuilt(tmp_path, counting):
    pdf = FIXTURES / "richtwerte/leipzig_2020.pdf"
    cache.extract_richtwerte_cached(pdf, folder=tmp_path)
    for json_file in tmp_path.glob("*.json"):
        json_file.write_text("{kaputt", encoding="utf-8")
    result = cache.extract_richtwerte_cached(pdf, folder=tmp_path)
    assert len(counting) == 2 and result.frame is not None


def test_default_cache_lives_in_data_processed(tmp_path, monkeypatch):
    monkeypatch.setenv("KDU_DATA_DIR", str(tmp_path))
    assert cache.cache_dir() == tmp_path / "processed" / cache.CACHE_FOLDER
    assert cache.raw_pdfs() == []
    (tmp_path / "raw" / "pdf").mkdir(parents=True)
    (tmp_path / "raw" / "pdf" / "b.PDF").write_bytes(b"x")
    (tmp_path / "raw" / "pdf" / "a.pdf").write_bytes(b"x")
    (tmp_path / "raw" / "pdf" / "notiz.txt").write_text("x")
    assert [p.name for p in cache.raw_pdfs()] == ["a.pdf", "b.PDF"]


def _refused_pdf(path):
    """A Mittelsachsen-like guideline whose 3-person value (12,00 €) no plausible range explains."""
    from tests.fixtures.richtwerte.generator.document import Block, Document, TCell, Table, layout
    from tests.fixtures.richtwerte.generator.render import render_reportlab

    header = [[TCell(["Mietkategorie"])] + [TCell([f"{n} Pers."], align="center") for n in range(1, 6)]]
    values = [["295,50", "344,40", "12,00", "455,60", "516,80"], ["287,50", "339,60", "406,50", "447,10", "492,10"]]
    body = [[TCell([f"Mietkategorie {'I' * (k + 1)}"])] + [TCell([f"{v} €"], align="right") for v in vs]
            for k, vs in enumerate(values)]
    doc = Document(blocks=[Block("para", "Landkreis Mittelsachsen – Richtwerte der Bruttokaltmiete, gültig ab 1. Januar 2019."),
                           Block("table", table=Table(header=header, body=body, groups=[[0], [1]]))])
    render_reportlab(doc, layout(doc), path)
    return path


def test_refused_table_is_cached_with_status_and_reason(tmp_path, counting):
    pdf = _refused_pdf(tmp_path / "abgelehnt.pdf")
    cold = cache.extract_richtwerte_cached(pdf, folder=tmp_path / "cache")
    warm = cache.extract_richtwerte_cached(pdf, folder=tmp_path / "cache")
    assert counting == ["abgelehnt.pdf"]
    for result in (cold, warm):
        assert result.frame is None and result.status == "abgelehnt"
        assert "Seite 1: Bruttokaltmiete 12,00 €" in result.fehler
    broken = cache.extract_richtwerte_cached(FIXTURES / "broken/kein_pdf.pdf", folder=tmp_path / "cache")
    assert broken.status == "nicht lesbar"
