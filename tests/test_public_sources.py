"""Issue 11 item 7: every source shown to users is a public citation, never an internal file name or a working note.

Checked here: every source text of the bundled Träger data (as loaded), of the other bundled YAML data, of the audit
findings (the `quelle` and `rechtsgrundlage` columns of every CSV), of the case calculator and of the slides; the
written report files are checked by `test_report_pipeline.py` with :func:`internal_source_texts`.
"""

from __future__ import annotations

import dataclasses
import re
from datetime import date
from decimal import Decimal as D
from pathlib import Path

import matplotlib.pyplot as plt
import pytest
import yaml

from kdu_analysis.audit.run import run_audit
from kdu_analysis.case import Fall, berechne
from kdu_analysis.config import REFERENCE_DATA_DIR
from kdu_analysis.report import talk
from kdu_analysis.report.kreis_vortrag import kreis_deck
from kdu_analysis.traeger import load_traeger, richtwerte_frame
from tests.source_texts import SOURCE_KEYS, TTSIM_PUBLIC, internal_reason, internal_source_texts

STICHTAG = date(2026, 12, 1)
ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "kdu_analysis"
YAML_FILES = sorted(
    [*(ROOT / "data/raw").rglob("*.yaml"), PACKAGE / "audit/heizspiegel_nienburg.yaml", PACKAGE / "report/beispielfall.yaml",
     *(PACKAGE / "regelbedarf/data").glob("*.yaml"), *REFERENCE_DATA_DIR.glob("*.yaml")])

def _strings(node, key: str | None = None):
    """Every source text (under a key of :data:`SOURCE_KEYS`) in a parsed YAML tree or a loaded dataclass."""
    if dataclasses.is_dataclass(node) and not isinstance(node, type):
        for f in dataclasses.fields(node):
            yield from _strings(getattr(node, f.name), f.name)
        if hasattr(type(node), "zitat"):  # a property (Träger decision) or a method (reference decision)
            yield node.zitat() if callable(node.zitat) else node.zitat
    elif isinstance(node, dict):
        for k, v in node.items():
            yield from _strings(v, str(k))
    elif isinstance(node, (list, tuple)):
        for v in node:
            yield from _strings(v, key)
    elif isinstance(node, str) and key in SOURCE_KEYS:
        yield node


def test_the_patterns_catch_what_they_should():
    bad = ["ttsim", "ttsim (Beispiele)", "ttsim-dev/kosten-der-unterkunft (Zeilenbeschriftung)",
           "ttsim-dev/kosten-der-unterkunft, data/kdu_gemeinden.csv (Quelldokument KdU Chemnitz-01.09.2025.pdf)",
           "Dateiname des Quelldokuments bei ttsim: 2026-05_KdU_Richtlinie_2024-04-01-Fortschreibung_Stand_05_2026.pdf",
           "eigener Richtwert", "legal_review.md §3.3", "Anlage nicht gelesen", "../shared/reference/x",
           "Träger-Daten des Projekts (data/raw)"]
    assert all(internal_reason(t) for t in bad)
    good = ["Landkreis Bautzen, KdU-Richtlinie (01.04.2024), Fortschreibung Stand 05/2026; übernommen aus dem Datensatz "
            "„kosten-der-unterkunft“ (ttsim-dev, github.com/ttsim-dev/kosten-der-unterkunft)",
            "dresden.de/de/rathaus/aktuelles/pressemitteilungen/2018/11/pm_085.php, Pressemitteilung vom 12.12.2018",
            "SG Dresden – S 40 AS 390/09 (sozialgerichtsbarkeit.de/legacy/132099)", "§ 22 Abs. 1 SGB II",
            "Einzelbefunde mit Rechtsgrundlage und Quelle: pruefung/befunde.csv (kdu-analysis audit)"]
    assert [t for t in good if internal_reason(t)] == []


def test_every_traeger_source_is_a_public_citation():
    traeger = load_traeger()
    assert len(traeger) == 13
    texts = [t for tr in traeger for t in _strings(tr) if not t.endswith(".pdf") or t not in _dokumente(tr)]
    assert len(texts) > 200
    assert internal_source_texts(texts) == []


def _dokumente(tr) -> set[str]:
    """The ``dokument`` field names the Kreis PDF for the PDF comparison (data/raw/pdf); it is a file name by design
    and is not shown as a source."""
    return {a.dokument for a in tr.ausgaben if a.dokument}


def test_editions_transcribed_from_the_dataset_cite_the_kreis_document_first():
    for tr in load_traeger():
        for a in tr.ausgaben:
            if a.dokument:  # a Kreis PDF known by name: the edition's values came from the public dataset
                first = a.quelle.split(";")[0]
                assert TTSIM_PUBLIC in a.quelle and "ttsim" not in first.lower(), (tr.slug, a.id)
                assert tr.name in first or tr.kurzname.removeprefix("LK ") in first, (tr.slug, a.id, first)


@pytest.mark.parametrize("path", YAML_FILES, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_every_bundled_yaml_source_is_a_public_citation(path):
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    texts = [t for t in _strings(raw) if not (path.parent.name == "traeger" and t.endswith(".pdf"))]
    assert internal_source_texts(texts) == []


@pytest.fixture(scope="module")
def befunde():
    return run_audit(stichtag=STICHTAG)


def test_source_columns_of_the_csv_products_are_public(befunde):
    """`quelle` and `rechtsgrundlage` go unchanged into befunde.csv and the factions' CSVs; the Richtwerte tables
    carry each edition's `quelle`."""
    texts = [*befunde.quelle.dropna().astype(str), *befunde.rechtsgrundlage.dropna().astype(str)]
    texts += [a.quelle for t in load_traeger() for a in t.ausgaben if a.quelle]  # every edition, with or without values
    assert internal_source_texts(texts) == []


def test_case_sheet_sources_are_public_for_every_traeger():
    texts = []
    for tr in load_traeger():
        vr = next((v for v in tr.vergleichsraeume if v.gemeinden), None)
        if vr is None:
            continue
        r = berechne(Fall(tr.kurzname, vr.gemeinden[0], 2, D("450"), D("70"), STICHTAG))
        texts += [q["quelle"] for q in r["quellen"]]
    assert len(texts) > 13
    assert internal_source_texts(texts) == []


def test_slide_sources_are_public(befunde):
    """The law slides of the talk and every slide of the 13 per-Träger talks: source line and closing source list."""
    texts = [s for slide in talk.law_slides() for s in slide.source_items()]
    frame = richtwerte_frame(STICHTAG)
    cells = befunde.astype(object).where(befunde.notna(), "").astype(str)  # as read back from the machine CSV
    try:
        for tr in load_traeger():
            deck = kreis_deck(tr, STICHTAG, cells[cells.traeger_slug == tr.slug], frame)
            texts += [x for slide in deck.slides for x in (slide.quelle, *slide.source_items())]
    finally:
        plt.close("all")  # the decks' charts stay open until rendered; later tests count open figures
    assert len(texts) > 13 * 10
    assert internal_source_texts(texts) == []


