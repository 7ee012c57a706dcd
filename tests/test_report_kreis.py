"""Per-Träger products (issue 14, contract §9): the talk for the Kreis and the two-page briefing for its factions."""

import io
import re
from datetime import date
from pathlib import Path

import matplotlib.pyplot as plt
import pdfplumber
import pytest

from kdu_analysis.cli import main
from kdu_analysis.report import pipeline
from kdu_analysis.report.deck import draw_slide
from kdu_analysis.report.kreis_produkte import build_kreis_produkte, fraktion_csv_pfad, kurzbericht_pfad, vortrag_pfade
from kdu_analysis.report.kreis_vortrag import kreis_deck
from kdu_analysis.report.kurzbericht import pruefe_layout, read_fraktion_csv, wichtigste_befunde
from kdu_analysis.report.pipeline import run_report
from kdu_analysis.traeger import find_traeger, load_traeger
from tests.helpers import upright_chars, words_with_size

STICHTAG = date(2026, 12, 1)
SLUGS = sorted(t.slug for t in load_traeger())
MONEY = re.compile(r"(?<![\d,.])\d{1,3}(?:\.\d{3})*,\d{2}(?![\d])")
DATE = re.compile(r"\b\d{2}\.\d{2}\.\d{4}\b")


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    out = tmp_path_factory.mktemp("kreis") / "reports"
    products = [("audit", pipeline.build_audit), ("kreis", build_kreis_produkte), ("homepage", pipeline.build_homepage)]
    written, problems = run_report(out, STICHTAG, log=io.StringIO(), products=products)
    return out, written


def _text(path: Path) -> list[str]:
    with pdfplumber.open(path) as pdf:
        return [" ".join((p.extract_text() or "").split()) for p in pdf.pages]


def test_every_traeger_has_a_deck_and_a_briefing(report):
    out, written = report
    names = {p.relative_to(out).as_posix() for p in written}
    for slug in SLUGS:
        assert {*vortrag_pfade(slug), kurzbericht_pfad(slug)} <= names, slug
    index = (out / "index.html").read_text(encoding="utf-8")
    homepage = (out / "homepage.html").read_text(encoding="utf-8")
    for slug in SLUGS:
        for rel in (*vortrag_pfade(slug), kurzbericht_pfad(slug)):
            assert f'href="{rel}"' in index and f'href="{rel}"' in homepage


@pytest.mark.parametrize("slug", SLUGS)
def test_briefing_is_two_a4_pages_and_every_number_is_in_the_faction_csv(report, slug):
    out, _ = report
    pages = _text(out / kurzbericht_pfad(slug))
    with pdfplumber.open(out / kurzbericht_pfad(slug)) as pdf:
        assert len(pdf.pages) <= 2
        assert all(abs(p.width - 595) < 2 and abs(p.height - 842) < 2 for p in pdf.pages)  # A4 in points
    csv_text = (out / fraktion_csv_pfad(slug)).read_text(encoding="utf-8-sig")
    text = " ".join(pages)
    for token in MONEY.findall(text):
        assert token in csv_text, f"{slug}: {token} steht nicht in der CSV-Datei"
    for token in DATE.findall(text):  # the CSV stores dates as ISO (Excel reads them), the briefing prints them German
        iso = "-".join(reversed(token.split(".")))
        assert token in csv_text or iso in csv_text, f"{slug}: {token} steht nicht in der CSV-Datei"
    assert not re.search(r"\b\d{4}-\d{2}-\d{2}\b", text), f"{slug}: ISO-Datum im Kurzbericht"
    csv = read_fraktion_csv(out / fraktion_csv_pfad(slug))
    for befund in wichtigste_befunde(csv):  # counts in the headings are row counts of the CSV
        label, count = re.match(r"(.*): (\d+) ", befund.titel).groups()
        kind = "Verstoß" if "Verstoß" in befund.titel or "Verstöße" in befund.titel else "Hinweis"
        assert int(count) == len(csv[(csv["Prüfung"] == label) & (csv["Ergebnis"] == kind)])
        assert befund.frage.endswith("?") and befund.titel.split(":")[0] in text
    assert fraktion_csv_pfad(slug) in text.replace(" ", "") or fraktion_csv_pfad(slug) in text
    assert "keine Rechtsberatung" in text


def test_meissen_briefing_prints_the_richtwerte_of_the_csv(report):
    out, _ = report
    text = " ".join(_text(out / kurzbericht_pfad("meissen")))
    # Meißen ab 01.08.2025, VR IV: 391,50 / 495,60 / 645,00 / 772,65 / 887,30 (ttsim, C)
    assert "VR IV 391,50 495,60 645,00 772,65 887,30" in text
    assert "Verlässlichkeit C" in text


@pytest.mark.parametrize("slug", SLUGS)
def test_deck_slides_keep_text_on_the_page_without_overlaps(report, slug):
    out, _ = report
    import pandas as pd

    findings = pd.read_csv(out / "pruefung/befunde.csv", dtype=str, keep_default_na=False)
    deck = kreis_deck(find_traeger(slug), STICHTAG, findings[findings.traeger_slug == slug])
    for number, slide in enumerate(deck.slides, start=1):
        fig = draw_slide(deck, slide, number, len(deck.slides))
        try:
            pruefe_layout(fig, f"{slug} Folie {number}")
        finally:
            plt.close(fig)


def test_meissen_deck_has_the_kreis_content(report):
    out, _ = report
    pages = _text(out / vortrag_pfade("meissen")[0])
    text = " ".join(pages)
    assert pages[0].startswith("Kosten der Unterkunft: Landkreis Meißen")
    for expected in ("Was das Gesetz verlangt", "Was die Gerichte verlangen", "Meißen: Richtwerte seit 2016",
                     "Meißen: Vergleichsräume", "VR VI – Mietenstufe", "Meißen: Richtwert je Haushaltsgröße",
                     "Meißen: Verstöße", "S 38 AS 3442/13", "Meißen: was nicht bekannt ist",
                     "Im Vergleich mit den anderen Trägern in Sachsen", "Quellen", "Stand der Daten"):
        assert expected in text, expected
    html = (out / vortrag_pfade("meissen")[1]).read_text(encoding="utf-8")
    assert "http://" not in html.replace("http://www.w3.org", "") and "Meißen: Verstöße" in html


def test_erzgebirgskreis_deck_says_what_is_not_known(report):
    out, _ = report
    text = " ".join(_text(out / vortrag_pfade("erzgebirgskreis")[0]))
    assert "Ausgabe ab 01.07.2016: Werte nicht bekannt" in text


def test_report_for_one_traeger(tmp_path):
    assert main(["report", "--traeger", "Meißen", "--out", str(tmp_path / "r"), "--stichtag", "2026-12-01"]) == 0
    files = {p.relative_to(tmp_path / "r").as_posix() for p in (tmp_path / "r").rglob("*") if p.is_file()}
    assert {"vortrag/meissen.pdf", "vortrag/meissen.html", "fraktionen/meissen_kurzbericht.pdf",
            "pruefung/fraktionen/meissen_befunde.csv", "index.html"} <= files
    assert not any("dresden" in f for f in files)


# ----------------------------------------------------------------------------- charts drawn for the slide (issue 12/14)

CHART_TITLES = ("Richtwerte seit", "Richtwert je Haushaltsgröße", "Im Vergleich mit den anderen Trägern in Sachsen")
TICK = re.compile(r"^(€|\d{3}|20\d\d|Person|Personen)$")


@pytest.mark.parametrize("slug", SLUGS)
def test_measured_type_sizes_on_the_chart_slides_of_every_kreis_deck(report, slug):
    """Ticks ≥ 16 pt and legends and direct labels ≥ 14 pt on the chart slides of the built PDF (read back, not
    estimated); nothing on any slide under the footer's 12 pt; the charts are vector text, not pasted pictures."""
    from kdu_analysis.report.deck import CHART_MIN_PT, FOOTER_PT

    out, _ = report
    charts = 0
    with pdfplumber.open(out / vortrag_pfade(slug)[0]) as pdf:
        for number, page in enumerate(pdf.pages, start=1):
            assert min(c["size"] for c in upright_chars(page)) >= FOOTER_PT - 0.1, (slug, number)
            text = " ".join((page.extract_text() or "").split())
            if not any(t in text for t in CHART_TITLES) or page.images:
                continue
            words = words_with_size(page)
            footer = min(w["top"] for w in words if w["text"] == "Quelle:")
            body = [w for w in words if w["bottom"] < footer - 1]
            ticks = [w for w in body if TICK.match(w["text"])]
            if len(ticks) < 5:
                continue  # a slide that says in words that no values are known
            charts += 1
            assert min(w["size"] for w in ticks) >= CHART_MIN_PT - 0.01, (slug, number)
            legend = [w for w in body if w["text"] in ("Person", "Personen", "WoGG", "bekannt", "€")]
            assert min(w["size"] for w in legend) >= 14, (slug, number)
        assert not any(p.images for p in pdf.pages), slug  # no chart pasted as a picture
    # the Saxony comparison always; with known values also the history and the household sizes (Zwickau: none known)
    assert charts >= (3 if slug in ("meissen", "dresden", "bautzen", "leipzig") else 1), slug


def test_meissen_history_hatches_the_gap_instead_of_drawing_a_decade(report):
    from kdu_analysis.report.kreis_charts import verlauf_daten

    drawn, spans, last = verlauf_daten(find_traeger("meissen"), STICHTAG)
    # 2016: one known value (4 persons, Stadt Meißen, 497,25 €), end not known → a dot, then a gap to 01.08.2025
    assert [(a.gueltig_ab, end) for a, end in drawn] == [(date(2016, 9, 1), None), (date(2025, 8, 1), STICHTAG)]
    assert [(s.start, s.end, s.kind) for s in spans] == [(date(2016, 9, 1), date(2025, 8, 1), "ende")]
    text = " ".join(_text(report[0] / vortrag_pfade("meissen")[0]))
    assert "497,25 €" in text and "Geltungsende" in text
    erz = verlauf_daten(find_traeger("erzgebirgskreis"), STICHTAG)[1]
    assert {s.kind for s in erz} == {"unbekannt"}
    assert "Werte nicht" in " ".join(_text(report[0] / vortrag_pfade("erzgebirgskreis")[0]))
