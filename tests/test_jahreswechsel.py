"""The main job survives the turn of the year: laws in force until changed, pending changes said plainly.

Runs the main job for the Stichtage 31.12.2026, 01.01.2027, 01.07.2027 and 01.01.2028. The turn of the year
(01.01.2027) runs every product, audit included; the others every product but the audit (its 60 files take most
of the time; tests/test_report_pipeline.py and the acceptance run cover it for other Stichtage).
"""

import io
import json
from datetime import date

import pandas as pd
import pdfplumber
import pytest

from kdu_analysis.cli import main
from kdu_analysis.report import pipeline
from kdu_analysis.formatting import german_date
from tests.helpers import data_copy

FULL = {date(2027, 1, 1)}
STICHTAGE = [date(2026, 12, 31), date(2027, 1, 1), date(2027, 7, 1), date(2028, 1, 1)]


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory):
    return data_copy(tmp_path_factory.mktemp("data"))


@pytest.fixture(scope="module", params=STICHTAGE, ids=[d.isoformat() for d in STICHTAGE])
def run(request, data_dir, tmp_path_factory):
    stichtag = request.param
    products = pipeline.PRODUCTS if stichtag in FULL else [p for p in pipeline.PRODUCTS if p[1] is not pipeline.build_audit]
    out = tmp_path_factory.mktemp("r") / "reports"
    mp = pytest.MonkeyPatch()
    mp.setenv("KDU_DATA_DIR", str(data_dir))
    log = io.StringIO()
    try:
        result = pipeline.build_report(out, stichtag, log=log, products=products)
    finally:
        mp.undo()
    with pdfplumber.open(out / "vortrag/kdu_vortrag.pdf") as pdf:
        talk = " ".join(" ".join(p.extract_text().split()) for p in pdf.pages)
    homepage = (out / "homepage.html").read_text(encoding="utf-8")
    return stichtag, out, result, log.getvalue(), talk, " ".join(homepage.split())


def test_the_job_finishes_and_builds_every_product(run):
    stichtag, out, result, log, _talk, _homepage = run
    assert result.fehler == [], log
    iso = stichtag.isoformat()
    for name in ("homepage.html", "index.html", "vortrag/kdu_vortrag.pdf", "vortrag/kdu_vortrag.html",
                 f"referenz/wogg_tabelle_{iso}.csv", f"referenz/obergrenzen_wogg_plus10_{iso}.csv",
                 f"referenz/geltung_{iso}.csv", f"referenz/richtwert_ausgaben_{iso}.csv",
                 f"fallblatt/beispiel_dresden_{stichtag:%Y-%m}.json", "abbildungen/regelbedarf_verlauf_web.png"):
        assert (out / name).exists(), name
    if stichtag in FULL:
        assert (out / "pruefung/befunde.csv").exists()
    # the only gaps are Träger without a recorded edition for the day – named, not fatal
    assert all("Ausgabe mit Richtwerten" in g.text for g in result.luecken), result.luecken
    assert f"Stichtag {german_date(stichtag)}" in log


def test_the_law_in_force_is_named_with_its_date(run):
    stichtag, _out, _result, _log, talk, homepage = run
    for text in (talk, homepage):
        assert f"Was am {german_date(stichtag)} gilt" in text
        assert "Wohngeldtabelle (§ 12 Abs. 1 WoGG, Anlage 1)" in text and "es gilt die Fassung ab 01.01.2025" in text
        assert "Regelbedarfsstufen (Anlage zu § 28 SGB XII)" in text and "es gilt die Fassung ab 01.01.2026" in text
        assert f"Stand: {german_date(stichtag)}" in text or f"Stand {german_date(stichtag)}" in text
    if stichtag >= date(2027, 1, 1):
        assert ("Für die Zeit ab 01.01.2027 ist in den Daten des Projekts (Stand der Daten 10.10.2026) keine neue "
                "Fassung erfasst; es gilt die Fassung ab 01.01.2025") in homepage
        assert "keine neueren Beträge erfasst" in homepage  # the Regelbedarf series ends with 2026


def test_pending_changes_are_stated(run):
    _stichtag, out, _result, _log, talk, homepage = run
    for text in (talk, homepage):
        assert "Anstehend:" in text and "BT-Drs. 21/8284" in text
    assert "Neuermittlung" in homepage and "Heizkostenkomponente halbiert" in homepage
    frame = pd.read_csv(next((out / "referenz").glob("geltung_*.csv")), dtype=str)
    assert frame.anstehend.str.contains("fällig 01.01.2027").all()


def test_pending_changes_are_never_applied(run):
    stichtag, out, _result, _log, _talk, _homepage = run
    iso = stichtag.isoformat()
    table = pd.read_csv(out / f"referenz/wogg_tabelle_{iso}.csv", dtype=str)
    assert set(table.fassung) == {"2025-01-01"}
    row = table[(table.mietenstufe == "III") & (table.haushaltsgroesse == "5")].iloc[0]
    assert (row.hoechstbetrag_eur, row.hoechstbetrag_plus10_eur) == ("875", "962.50")
    grenzen = pd.read_csv(out / f"referenz/obergrenzen_wogg_plus10_{iso}.csv", dtype=str)
    # the draft Anlage 2027 would put Glauchau into Stufe I; the Anlage of 2023 (Stufe II) stays in force
    assert set(grenzen[grenzen.gebiet == "Glauchau"].mietenstufe) == {"II"}
    case = json.loads((out / f"fallblatt/beispiel_dresden_{stichtag:%Y-%m}.json").read_text(encoding="utf-8"))
    assert (case["wogg_plus10_eur"], case["klimakomponente_eur"]) == (501.6, 19.2)
    geltung = pd.read_csv(out / f"referenz/geltung_{iso}.csv", dtype=str)
    assert set(geltung.fassung_ab) == {"2025-01-01", "2023-01-01", "2026-01-01"}


def test_a_traeger_edition_is_stated_with_its_age(run):
    stichtag, out, _result, _log, talk, homepage = run
    ausgaben = pd.read_csv(out / f"referenz/richtwert_ausgaben_{stichtag.isoformat()}.csv", dtype=str,
                           keep_default_na=False)
    assert len(ausgaben) == 13
    ssoe = ausgaben[ausgaben.traeger == "Landkreis Sächsische Schweiz-Osterzgebirge"].iloc[0]
    assert ssoe.gueltig_ab == "2024-07-01" and ssoe.neueste_aelter_als_pruefintervall == "true"
    assert "Landkreis Sächsische Schweiz-Osterzgebirge" in homepage and "älter als 2 Jahre" in homepage
    assert "Richtwerte je Träger: geltende Ausgabe" in talk


def test_default_stichtag_is_the_day_of_the_run(tmp_path, monkeypatch):
    """A fresh run without --stichtag shows the day of the run in the summary, the talk and the homepage."""
    monkeypatch.delenv("KDU_STICHTAG", raising=False)
    monkeypatch.setenv("KDU_DATA_DIR", str(data_copy(tmp_path / "data")))
    monkeypatch.setattr(pipeline, "PRODUCTS", [p for p in pipeline.PRODUCTS if p[1] in (
        pipeline.build_reference_tables, pipeline.build_talk, pipeline.build_homepage)])
    assert main(["report", "--out", str(tmp_path / "r")]) == 0
    today = german_date(date.today())
    assert f"Stand: {today}" in (tmp_path / "r/homepage.html").read_text(encoding="utf-8")
    with pdfplumber.open(tmp_path / "r/vortrag/kdu_vortrag.pdf") as pdf:
        assert f"Stichtag {today}" in pdf.pages[0].extract_text().replace("\n", " ")
    assert f"Stichtag {today}" in (tmp_path / "r/index.html").read_text(encoding="utf-8")


def test_reference_wogg_after_the_last_recorded_year_prints_the_2025_table_with_a_note(capsys):
    assert main(["reference", "wogg", "--stichtag", "2027-01-15"]) == 0
    out = capsys.readouterr().out
    assert "Fassung ab 01.01.2025" in out and "361,00 €" in out
    assert ("Hinweis: Wohngeldtabelle (§ 12 Abs. 1 WoGG, Anlage 1): Für die Zeit ab 01.01.2027 ist in den Daten des "
            "Projekts (Stand der Daten 10.10.2026) keine neue Fassung erfasst") in out


def test_reference_anstehend_lists_successors_due_within_90_days(capsys):
    assert main(["reference", "anstehend", "--stichtag", "2026-11-15", "--format", "csv"]) == 0
    frame = pd.read_csv(io.StringIO(capsys.readouterr().out), dtype=str)
    assert set(frame.datei) == {f"kdu_analysis/reference/data/{n}.yaml" for n in (
        "wogg_hoechstbetraege", "wogg_komponenten", "mietenstufen_sachsen", "regelbedarfsstufen")}
    assert set(frame.faellig) == {"2027-01-01"} and set(frame.ueberfaellig) == {"false"}
    assert main(["reference", "anstehend", "--stichtag", "2026-06-30"]) == 0
    assert "keine" in capsys.readouterr().out
