"""The main job writes every product into the target folder, atomically, with sources and Stand."""

import codecs
import csv
import io
import os
import re
import shutil
from datetime import date
from pathlib import Path

import pandas as pd
import pdfplumber
import pytest

from kdu_analysis import codebook
from kdu_analysis.cli import main
from kdu_analysis.loaders import documents
from kdu_analysis.outputs import read_german_csv
from kdu_analysis.report import pipeline
from kdu_analysis.report.html import external_resources
from kdu_analysis.report.pipeline import run_report
from tests.helpers import data_copy
from tests.source_texts import internal_source_texts, written_report_texts

FIXTURES = Path(__file__).parent / "fixtures"
STICHTAG = date(2025, 6, 30)


def _umask() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return umask


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    """One full run with two Richtlinien and one broken file dropped into data/raw/pdf."""
    data = data_copy(tmp_path_factory.mktemp("data"))
    for name in ("richtwerte/leipzig_2020.pdf", "richtwerte/dresden_2025.pdf", "broken/scan_ohne_text.pdf"):
        shutil.copy(FIXTURES / name, data / "raw" / "pdf")
    out = tmp_path_factory.mktemp("reports") / "reports"
    mp = pytest.MonkeyPatch()
    mp.setenv("KDU_DATA_DIR", str(data))
    log = io.StringIO()
    try:
        written, problems = run_report(out, STICHTAG, log=log)
    finally:
        mp.undo()
    return out, written, problems, log.getvalue(), data


def test_report_writes_every_product(report):
    out, written, _problems, _log, _data = report
    names = {p.relative_to(out).as_posix() for p in written}
    expected = {
        "index.html", "homepage.html", "vortrag/kdu_vortrag.pdf", "vortrag/kdu_vortrag.html",
        "referenz/wogg_tabelle_2025-06-30.csv", "referenz/wogg_tabelle_2025-06-30_excel.csv",
        "referenz/regelbedarfsstufen.csv", "richtwerte/richtwerte_aus_pdf.csv", "richtwerte/richtwerte_aus_pdf_excel.csv",
        "richtwerte/dokumente.csv", "referenz/obergrenzen_wogg_plus10_2025-06-30.csv",
        "referenz/obergrenzen_wogg_plus10_2025-06-30_excel.csv",
        "fallblatt/beispiel_dresden_2025-06.html", "fallblatt/beispiel_dresden_2025-06.pdf",
        "fallblatt/beispiel_dresden_2025-06.json",
    }
    for chart in ("wogg_plus10", "regelbedarf_verlauf"):
        for kind in ("slide", "web", "print"):
            expected |= {f"abbildungen/{chart}_{kind}.{ext}" for ext in ("png", "svg", "csv")}
    assert expected <= names
    assert all(p.exists() and p.stat().st_size > 0 for p in written)
    assert not [p for p in out.parent.iterdir() if p.name.startswith(".")]  # staging folder removed
    assert (out / "homepage.html").stat().st_mode & 0o444 == 0o444 & ~_umask()  # readable like any new file


def test_reference_tables_and_chart_data_carry_the_law(report):
    out, *_ = report
    german = read_german_csv(out / "referenz/wogg_tabelle_2025-06-30_excel.csv")
    row = german[(german["Mietenstufe"] == "III") & (german["Haushaltsgröße (Personen)"] == "5")].iloc[0]
    assert row["Höchstbetrag + 10 % (€)"] == "962,50"
    chart_data = pd.read_csv(out / "abbildungen/regelbedarf_verlauf_web.csv")
    assert chart_data[(chart_data.jahr == 2026) & (chart_data.stufe == 1)].betrag_eur.item() == 563
    wogg = pd.read_csv(out / "abbildungen/wogg_plus10_web.csv", dtype=str)
    # § 12 WoGG 2025, Mietenstufe I, 1 Person: 361 € → 397,10 €
    row = wogg[(wogg.mietenstufe == "I") & (wogg.haushaltsgroesse == "1")].iloc[0]
    assert (row.hoechstbetrag_eur, row.hoechstbetrag_plus10_eur) == ("361", "397.10")
    assert set(wogg.mietenstufe) == {"I", "II", "III"}


def test_bad_pdf_is_named_and_the_rest_is_written(report):
    out, _written, problems, log, _data = report
    assert len(problems) == 1 and problems[0].startswith("scan_ohne_text.pdf:") and "OCR" in problems[0]
    assert "Problem: scan_ohne_text.pdf" in log
    docs = pd.read_csv(out / "richtwerte/dokumente.csv", dtype=str, keep_default_na=False)
    assert set(docs.datei) == {"leipzig_2020.pdf", "dresden_2025.pdf", "scan_ohne_text.pdf"}
    assert docs[docs.datei == "scan_ohne_text.pdf"].zeilen.item() == ""  # not stated, never 0
    rows = pd.read_csv(out / "richtwerte/richtwerte_aus_pdf.csv", dtype=str)
    assert set(rows.datei) == {"leipzig_2020.pdf", "dresden_2025.pdf"}


def test_deck_pages_are_16_to_9_with_source_and_stand(report):
    out, *_ = report
    with pdfplumber.open(out / "vortrag/kdu_vortrag.pdf") as pdf:
        assert len(pdf.pages) >= 8
        texts = [p.extract_text() for p in pdf.pages]
        for page in pdf.pages:
            assert page.width / page.height == pytest.approx(16 / 9, rel=0.01)
    for number, text in enumerate(texts, start=1):
        assert "Quelle:" in text and "Stand: 30.06.2025" in text, number
    joined = "\n".join(texts)
    for must in ("Was das Gesetz verlangt", "Was die Gerichte verlangen", "B 4 AS 87/12 R", "Regelbedarf",
                 "Quellen", "Stand der Daten", "2 Richtlinien-Dokumente"):
        assert must in joined, must
    html = (out / "vortrag/kdu_vortrag.html").read_text(encoding="utf-8")
    assert html.count('<section class="slide') == len(texts)


def test_html_products_work_offline(report):
    out, *_ = report
    for name in ("homepage.html", "vortrag/kdu_vortrag.html", "index.html", "fallblatt/beispiel_dresden_2025-06.html"):
        page = (out / name).read_text(encoding="utf-8")
        assert external_resources(page) == [], name
    homepage = (out / "homepage.html").read_text(encoding="utf-8")
    assert homepage.count('src="data:image/png;base64,') >= 2
    assert "Stand: 30.06.2025" in homepage and "<h2>Quellen</h2>" in homepage
    assert "leipzig_2020.pdf" in homepage


def test_index_links_every_product(report):
    out, written, *_ = report
    index = (out / "index.html").read_text(encoding="utf-8")
    for path in written:
        rel = path.relative_to(out).as_posix()
        if rel != "index.html":
            assert f'href="{rel}"' in index, rel


def test_a_failing_builder_is_named_and_the_rest_is_built(tmp_path):
    """No part takes the whole report down: the failing builder leaves nothing behind and is named everywhere."""
    def broken(ctx):
        (ctx.out / "halb").mkdir()
        (ctx.out / "halb" / "halbfertig.csv").write_text("x", encoding="utf-8")
        ctx.slides.append(pipeline.Slide(title="halb", quelle="q"))
        raise RuntimeError("kaputt")

    def missing_law(ctx):
        from kdu_analysis.errors import ReferenceDataError
        raise ReferenceDataError("Für die Tabelle X am 01.01.2030 ist keine Fassung erfasst")

    products = [pipeline.PRODUCTS[0], ("Kaputter Baustein", broken), ("Tabelle X", missing_law),
                *[p for p in pipeline.PRODUCTS if p[1] in (pipeline.build_talk, pipeline.build_homepage)]]
    log = io.StringIO()
    result = pipeline.build_report(tmp_path / "r", STICHTAG, log=log, products=products)
    names = {p.relative_to(tmp_path / "r").as_posix() for p in result.written}
    assert {"homepage.html", "vortrag/kdu_vortrag.pdf", "referenz/regelbedarfsstufen.csv"} <= names
    assert not (tmp_path / "r" / "halb").exists()  # the failed builder's partial file is removed
    assert [(g.produkt, g.fehler) for g in result.luecken] == [("Kaputter Baustein", True), ("Tabelle X", False)]
    summary = log.getvalue()
    assert "Fehlgeschlagen (1)" in summary and "Kaputter Baustein: Interner Fehler (RuntimeError: kaputt)" in summary
    assert "Lücken (1)" in summary and "Tabelle X: Für die Tabelle X am 01.01.2030 ist keine Fassung erfasst" in summary
    homepage = (tmp_path / "r/homepage.html").read_text(encoding="utf-8")
    assert "Was in diesem Bericht fehlt" in homepage and "Kaputter Baustein" in homepage
    with pdfplumber.open(tmp_path / "r/vortrag/kdu_vortrag.pdf") as pdf:
        text = " ".join(" ".join(p.extract_text().split()) for p in pdf.pages)
    assert "Was in diesem Bericht fehlt" in text and "Tabelle X" in text and "halb " not in text
    assert "Kaputter Baustein" in (tmp_path / "r/index.html").read_text(encoding="utf-8")


def test_report_command_exit_code_for_gaps_and_failures(tmp_path, monkeypatch, capsys):
    from kdu_analysis.cli import EXIT_LUECKEN

    def gap(ctx):
        ctx.gap("für diesen Stichtag fehlt etwas")
        return []

    def broken(ctx):
        raise RuntimeError("kaputt")

    monkeypatch.setenv("KDU_DATA_DIR", str(data_copy(tmp_path / "data")))
    base = [pipeline.PRODUCTS[0], *[p for p in pipeline.PRODUCTS if p[1] is pipeline.build_homepage]]
    monkeypatch.setattr(pipeline, "PRODUCTS", [base[0], ("Lückenhaft", gap), base[1]])
    assert main(["report", "--out", str(tmp_path / "r"), "--stichtag", "2027-01-15"]) == EXIT_LUECKEN == 6
    assert "Hinweis: Bericht mit 1 Lücke(n) erstellt" in capsys.readouterr().err
    monkeypatch.setattr(pipeline, "PRODUCTS", [base[0], ("Kaputt", broken), ("Lückenhaft", gap), base[1]])
    assert main(["report", "--out", str(tmp_path / "r2"), "--stichtag", "2027-01-15"]) == 1
    err = capsys.readouterr().err
    assert "Fehler: 1 Produkt(e) konnten nicht erstellt werden (Kaputt)" in err
    assert (tmp_path / "r2/homepage.html").exists()


def test_report_command_exit_codes(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(pipeline, "PRODUCTS", [p for p in pipeline.PRODUCTS if p[1] in (
        pipeline.build_reference_tables, pipeline.build_richtwerte_from_pdfs, pipeline.build_homepage)])
    data = data_copy(tmp_path / "data")
    monkeypatch.setenv("KDU_DATA_DIR", str(data))
    assert main(["report", "--out", str(tmp_path / "r")]) == 0
    assert (tmp_path / "r/homepage.html").exists()
    shutil.copy(FIXTURES / "broken/kein_pdf.pdf", data / "raw" / "pdf")
    assert main(["report", "--out", str(tmp_path / "r2")]) == 3
    err = capsys.readouterr().err
    assert "Fehler: 1 Dokument(e) in data/raw/pdf konnten nicht gelesen werden" in err
    assert (tmp_path / "r2/homepage.html").exists()


def test_a_warm_run_reads_no_pdf_and_the_audit_compares_an_upper_case_pdf(tmp_path, monkeypatch):
    """Issue 13 item 1: each document is read once per run, for the Richtwert tables and the audit alike, and not at
    all on a warm run (the content-keyed cache); a Kreis document named ``X.PDF`` is compared like ``x.pdf``."""
    data = data_copy(tmp_path / "data")
    shutil.copy(FIXTURES / "richtwerte/mittelsachsen_2019.pdf", data / "raw" / "pdf" / "X.PDF")
    monkeypatch.setenv("KDU_DATA_DIR", str(data))
    read = []
    real = documents.read_uncached
    monkeypatch.setattr(documents, "read_uncached", lambda pdf, runner: read.append(pdf.name) or real(pdf, runner))
    products = [p for p in pipeline.PRODUCTS if p[1] in (pipeline.build_richtwerte_from_pdfs, pipeline.build_audit)]
    runs = []
    for n in (1, 2):
        log = io.StringIO()
        result = pipeline.build_report(tmp_path / f"r{n}", STICHTAG, log=log, products=products)
        assert result.luecken == [] and result.problems == []
        runs.append((list(read), log.getvalue()))
    assert runs[0][0] == runs[1][0] == ["X.PDF"]  # cold: read once for both builders; warm: not read again
    assert "1 von 1 Dokumenten gelesen (0 aus dem Zwischenspeicher)" in runs[0][1]
    assert "1 von 1 Dokumenten gelesen (1 aus dem Zwischenspeicher)" in runs[1][1]
    for n in (1, 2):
        befunde = pd.read_csv(tmp_path / f"r{n}/pruefung/befunde.csv", dtype=str, keep_default_na=False)
        compared = befunde[befunde.pruefung == "abgleich_pdf"]
        assert list(compared.traeger_slug) == ["mittelsachsen"] and compared.ergebnis.item() == "ok"
        assert compared.quelle.item().startswith("X.PDF (sha256 ")
        docs = pd.read_csv(tmp_path / f"r{n}/richtwerte/dokumente.csv", dtype=str, keep_default_na=False)
        assert (docs.datei.item(), docs.status.item(), docs.seiten.item()) == ("X.PDF", "gelesen", "1")


def test_audit_products_for_every_traeger(report):
    """contracts §7 through the audit's own writer: befunde.csv, one faction CSV per Träger, slides and a section."""
    out, written, *_ = report
    names = {p.relative_to(out).as_posix() for p in written}
    befunde = pd.read_csv(out / "pruefung/befunde.csv", dtype=str, keep_default_na=False)
    assert {"traeger", "vergleichsraum", "haushaltsgroesse", "pruefung", "ergebnis", "wert", "vergleichswert",
            "rechtsgrundlage", "quelle"} <= set(befunde.columns)
    assert befunde.traeger.nunique() == 13 and set(befunde.ergebnis) <= {"ok", "hinweis", "verstoss"}
    for slug in set(befunde.traeger_slug):
        assert f"pruefung/fraktionen/{slug}_befunde.csv" in names
    faction = read_german_csv(out / f"pruefung/fraktionen/{befunde.traeger_slug.iloc[0]}_befunde.csv")
    assert "Prüfung" in faction.columns and "Rechtsgrundlage" in faction.columns
    with pdfplumber.open(out / "vortrag/kdu_vortrag.pdf") as pdf:
        text = " ".join(" ".join(p.extract_text().split()) for p in pdf.pages)
    assert "Überblick: Prüfergebnisse je Träger" in text and "Landeshauptstadt Dresden" in text
    verstoesse = befunde[befunde.ergebnis == "verstoss"]
    from kdu_analysis.audit.findings import PRUEFUNGEN

    for pruefung in set(verstoesse.pruefung):  # one defect slide per kind of Verstoß
        assert f"Mangel: {PRUEFUNGEN[pruefung]}" in text
    homepage = (out / "homepage.html").read_text(encoding="utf-8")
    assert "Prüfung der Richtwerte je Träger" in homepage and "pruefung/fraktionen/" in homepage


def test_a_stichtag_in_the_mietenstufen_gap_still_gives_a_report_that_says_so(tmp_path, monkeypatch):
    monkeypatch.setenv("KDU_DATA_DIR", str(data_copy(tmp_path / "data")))
    log = io.StringIO()
    products = [p for p in pipeline.PRODUCTS if p[1] is not pipeline.build_audit]
    written, problems = run_report(tmp_path / "r", date(2018, 6, 30), log=log, products=products)
    assert problems == [] and "Mietenstufen-Liste für diesen Stichtag nicht vorhanden" in log.getvalue()
    assert not any("obergrenzen" in p.name for p in written)
    homepage = (tmp_path / "r/homepage.html").read_text(encoding="utf-8")
    assert "Liste der Mietenstufen für diesen Stichtag liegt nicht vor" in homepage
    with pdfplumber.open(tmp_path / "r/vortrag/kdu_vortrag.pdf") as pdf:
        assert "WoGV-Anlage nicht vor" in " ".join(pdf.pages[-1].extract_text().split())


def test_example_case_sheet_is_the_calculators_result(report):
    import json

    out, *_ = report
    result = json.loads((out / "fallblatt/beispiel_dresden_2025-06.json").read_text(encoding="utf-8"))
    # § 12 WoGG 2025, Mietenstufe III (Dresden), 1 Person: 456 € × 1,1 = 501,60 €; Klimakomponente 1 Person 19,20 €
    assert (result["wogg_plus10_eur"], result["klimakomponente_eur"], result["monat"]) == (501.6, 19.2, "2025-06-01")
    with pdfplumber.open(out / "fallblatt/beispiel_dresden_2025-06.pdf") as pdf:
        assert len(pdf.pages) == 1
    homepage = (out / "homepage.html").read_text(encoding="utf-8")
    assert "Beispiel: ein Haushalt nachgerechnet" in homepage and "501,60 €" in homepage


def test_every_csv_the_report_writes_has_its_headers_from_the_codebook(report):
    """Every German-Excel CSV the report writes (BOM, ";") has the headers of one codebook table, in order (D808,
    D874); every other CSV is a machine CSV whose headers are the column names themselves (contracts)."""
    out, written, *_ = report
    tables = {tuple(codebook.headers(t).values()): t for t in codebook.tabellen()}
    german, machine = {}, []
    for path in sorted(p for p in written if p.suffix == ".csv"):
        raw = path.read_bytes()
        if raw.startswith(codecs.BOM_UTF8):
            header = tuple(next(csv.reader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";")))
            assert header in tables, path
            german[path.relative_to(out).as_posix()] = tables[header]
        else:
            header = next(csv.reader(io.StringIO(raw.decode("utf-8"))))
            assert all(re.fullmatch(r"[a-z0-9_+]+", h) for h in header), (path, header)
            machine.append(path)
    expected = {"referenz/wogg_tabelle_2025-06-30_excel.csv": "wogg_tabelle",
                "referenz/regelbedarfsstufen_excel.csv": "regelbedarfsstufen",
                "referenz/obergrenzen_wogg_plus10_2025-06-30_excel.csv": "obergrenzen",
                "richtwerte/richtwerte_aus_pdf_excel.csv": "richtwerte_aus_pdf"}
    expected.update({p.relative_to(out).as_posix(): "fraktion" for p in (out / "pruefung" / "fraktionen").glob("*.csv")})
    assert german == expected and len(expected) > 4 + 12
    assert all(not p.name.endswith("_excel.csv") for p in machine)


def test_richtwerte_from_pdf_for_excel_carry_the_printed_values(report):
    out, *_ = report
    table = codebook.tabelle("richtwerte_aus_pdf")
    frame = read_german_csv(out / "richtwerte/richtwerte_aus_pdf_excel.csv")
    assert not frame.duplicated([table.headers()[k] for k in table.schluessel]).any()
    row = frame[(frame["Datei"] == "dresden_2025.pdf") & (frame["Haushaltsgröße (Personen)"] == "5")]
    # Dresden 2025 (press release), 5 persons: Bruttokaltmiete 962,50 € as printed; page 1
    assert (row["Bruttokaltmiete (€)"].item(), row["Seite"].item()) == ("962,50", "1")


def test_written_sources_are_public_citations(report):
    """Issue 11 item 7: every source column of the written CSVs and every HTML page name public sources only (the
    user's own PDFs in data/raw/pdf are named as the documents read)."""
    out, _written, _problems, _log, data = report
    # the user's input folder and files, and the placeholders of the OCR instruction for a scanned PDF
    mine = tuple(p.name for p in (data / "raw" / "pdf").iterdir()) + ("data/raw/pdf", "EINGABE.pdf", "AUSGABE.pdf")
    texts = written_report_texts(out, allowed=mine)
    assert len(texts) > 20
    assert internal_source_texts(texts) == []


def test_report_for_one_traeger_compares_its_kreis_document_too(tmp_path, monkeypatch):
    """`report --traeger` audits the chosen Träger with the run's Kreis documents, as the full report does."""
    data = data_copy(tmp_path / "data")
    shutil.copy(FIXTURES / "richtwerte/mittelsachsen_2019.pdf", data / "raw" / "pdf" / "X.PDF")
    monkeypatch.setenv("KDU_DATA_DIR", str(data))
    assert main(["report", "--traeger", "Mittelsachsen", "--out", str(tmp_path / "r"), "--stichtag", "2026-12-01"]) == 0
    csv = (tmp_path / "r/pruefung/fraktionen/mittelsachsen_befunde.csv").read_text(encoding="utf-8-sig")
    assert "X.PDF (sha256 " in csv
