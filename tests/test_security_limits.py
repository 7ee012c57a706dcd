"""Bounded work per document: page limit, memory for many pages and huge images, time and memory budget in a worker."""

import time
from pathlib import Path

import pytest

from kdu_analysis import config
from kdu_analysis.errors import InputError
from kdu_analysis.loaders import documents
from kdu_analysis.loaders.richtwerte import extract_richtwerte
from kdu_analysis.pdf.document import open_pdf, page_preview
from kdu_analysis.pdf.limits import BoundedRunner, DocumentCrash, run_bounded
from tests.fixtures.hostile import huge_image, many_pages

FIXTURES = Path(__file__).parent / "fixtures"


def _crash(_document):
    raise ValueError("kaputt")


def _sleep(seconds):
    time.sleep(seconds)
    return "wach"


def _allocate(megabytes):
    return len(bytearray(megabytes * 1024 * 1024))


def test_page_limit_refused_with_a_german_message_naming_it(tmp_path, monkeypatch):
    path = tmp_path / "lang.pdf"
    path.write_bytes(many_pages(4, lines_per_page=2))
    monkeypatch.setattr(config, "MAX_PDF_PAGES", 3)
    with pytest.raises(InputError) as err:
        extract_richtwerte(path)
    message = err.value.user_message()
    assert "mehr als 3 Seiten" in message and "KDU_MAX_SEITEN" in message and "MAX_PDF_PAGES" in message
    monkeypatch.setattr(config, "MAX_PDF_PAGES", 4)
    result = extract_richtwerte(path)  # at the limit: read; the table on the last page
    assert result.frame[(result.frame.vergleichsraum == "Zone Nord") & (result.frame.haushaltsgroesse == "1")] \
        .bruttokaltmiete_eur.item() == pytest.approx(295.50)


def test_pages_release_their_parsed_objects(tmp_path):
    path = tmp_path / "seiten.pdf"
    path.write_bytes(many_pages(3, lines_per_page=5))
    with open_pdf(path) as pdf:
        first = pdf.pages[0]
        assert first.chars and "_objects" in vars(first)  # parsed and cached …
        second = pdf.pages[1]
        assert "_objects" not in vars(first)  # … until the next page is touched
        assert second.chars and "_objects" in vars(second)
        assert [len(p.chars) for p in pdf.pages][2] > 0  # iteration works, a released page parses again


def test_huge_image_is_never_decoded(tmp_path):
    """20,000 × 20,000 px (400 MB decoded) read within a 300 MB memory budget: the image stays compressed."""
    path = tmp_path / "bild.pdf"
    path.write_bytes(huge_image(20_000))
    result = run_bounded(extract_richtwerte, path, memory_mb=300, budget_s=120)
    assert len(result.frame) == 15


def test_preview_is_capped(tmp_path, monkeypatch):
    monkeypatch.setattr(config, "MAX_PREVIEW_PIXELS", 100_000)
    with open_pdf(FIXTURES / "richtwerte" / "zwickau_2026.pdf") as pdf:
        image = page_preview(pdf.pages[0], resolution=300)
        assert image.original.size[0] * image.original.size[1] <= 100_000


def test_worker_time_budget_stops_a_hung_call_and_the_next_document_is_read():
    with BoundedRunner("kdu_analysis.loaders.richtwerte") as runner:
        with pytest.raises(InputError, match="Zeitlimit von 1 Sekunden"):
            runner.run(_sleep, 30, budget_s=1)
        result = runner.run(extract_richtwerte, FIXTURES / "richtwerte" / "zwickau_2026.pdf")
        assert len(result.frame) > 0


def test_worker_memory_budget_and_crashes():
    with BoundedRunner(__name__) as runner:
        with pytest.raises(InputError, match="mehr als 100 MB Arbeitsspeicher"):
            runner.run(_allocate, 400, memory_mb=100)
        assert runner.run(_allocate, 10, memory_mb=100) == 10 * 1024 * 1024
        with pytest.raises(DocumentCrash, match="ValueError: kaputt") as err:
            runner.run(_crash, "x.pdf")
        assert "Traceback" in err.value.child_traceback


def test_german_errors_come_back_unchanged():
    with pytest.raises(InputError) as err:
        run_bounded(extract_richtwerte, FIXTURES / "broken" / "verschluesselt.pdf")
    assert "verschlüsselt" in err.value.user_message() and err.value.exit_code == 3


def test_worker_sees_the_callers_settings(tmp_path, monkeypatch):
    path = tmp_path / "lang.pdf"
    path.write_bytes(many_pages(3, lines_per_page=2))
    monkeypatch.setattr(config, "MAX_PDF_PAGES", 2)
    with pytest.raises(InputError, match="mehr als 2 Seiten"):
        run_bounded(extract_richtwerte, path)


def test_report_cache_reads_within_the_budget_and_never_caches_a_budget_failure(tmp_path, monkeypatch):
    pdf = FIXTURES / "richtwerte" / "zwickau_2026.pdf"
    with BoundedRunner(documents.WORKER_MODULE) as runner:
        monkeypatch.setattr(config, "DOCUMENT_TIME_BUDGET_S", 0.001)
        starved = documents.read_document(pdf, folder=tmp_path, runner=runner)
        assert starved.frame is None and "Zeitlimit" in starved.fehler
        assert not list(tmp_path.glob("*.json"))  # not cached: a quieter run may succeed
        monkeypatch.setattr(config, "DOCUMENT_TIME_BUDGET_S", 600)
        read = documents.read_document(pdf, folder=tmp_path, runner=runner)
        assert read.frame is not None and not read.aus_cache and list(tmp_path.glob("*.json"))
