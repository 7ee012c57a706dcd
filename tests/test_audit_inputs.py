"""Availability from an offers CSV and BSG-criteria assessments (analyst YAML files)."""

from datetime import date
from pathlib import Path

import pytest

from kdu_analysis import config
from kdu_analysis.audit import bsg_kriterien, verfuegbarkeit
from kdu_analysis.audit.run import traeger_findings
from kdu_analysis.errors import InputError

EXAMPLE = config.raw_dir() / "angebote" / "beispiel_angebote.csv"


def test_example_offers_share_per_size_and_region():
    offers = verfuegbarkeit.read_angebote(EXAMPLE)
    rows = [f for f in traeger_findings("dresden", date(2025, 6, 30), angebote=offers, angebote_datei=EXAMPLE.name)
            if f.pruefung == "verfuegbarkeit"]
    one = next(f for f in rows if f.haushaltsgroesse == "1")
    # 1 person (≤ 45 m²): offers 420,00 / 465,00 / 445,50 € against the Richtwert 450,50 € -> 2 of 3
    assert "2 von 3" in one.erlaeuterung and "Beispieldaten" in one.erlaeuterung and one.zuverlaessigkeit == "U"
    two = next(f for f in rows if f.haushaltsgroesse == "2")
    # 2 persons (45–60 m²): 540,00 and 610,00 € against 557,64 € -> 1 of 2
    assert "1 von 2" in two.erlaeuterung


def test_offers_mapped_via_vg_and_unassigned_reported():
    offers = verfuegbarkeit.read_angebote(EXAMPLE)
    ms = [f for f in traeger_findings("mittelsachsen", date(2025, 6, 30), angebote=offers) if f.pruefung == "verfuegbarkeit"]
    # Umland Chemnitz 1 P (≤ 50 m²): Taura 330 €, Flöha 355 € vs 340 € -> 1 of 2
    assert any(f.vergleichsraum == "Umland Chemnitz" and "1 von 2" in f.erlaeuterung for f in ms)
    # Stadt Freiberg 1 P: 395 € vs 380 € -> none available -> verstoss
    assert any(f.vergleichsraum == "Stadt Freiberg" and f.ergebnis == "verstoss" for f in ms)
    ns = [f for f in traeger_findings("nordsachsen", date(2025, 6, 30), angebote=offers) if f.pruefung == "verfuegbarkeit"]
    assert any("keinem Vergleichsraum" in f.erlaeuterung for f in ns)


def test_offers_missing_column(tmp_path: Path):
    bad = tmp_path / "a.csv"
    bad.write_text("traeger,gemeinde\ndresden,Dresden\n", encoding="utf-8")
    with pytest.raises(InputError, match="fehlen die Spalten"):
        verfuegbarkeit.read_angebote(bad)


def test_bsg_assessment_rendered_and_missing_evidence_flagged():
    rows = [f for f in traeger_findings("mittelsachsen", date(2025, 6, 30)) if f.pruefung == "bsg_kriterium"]
    assert len(rows) == 8 and {f.zuverlaessigkeit for f in rows} == {"U"}
    k3 = next(f for f in rows if "Kriterium 3 " in f.erlaeuterung)
    assert "kein Beleg erfasst" in k3.erlaeuterung and k3.ergebnis == "hinweis"
    k1 = next(f for f in rows if "Kriterium 1 " in f.erlaeuterung)
    assert "S. 10–12" in k1.erlaeuterung
    assert len(bsg_kriterien.KRITERIEN) == 8


def test_traeger_without_assessment_gets_hint():
    rows = [f for f in traeger_findings("goerlitz", date(2025, 6, 30)) if f.pruefung == "bsg_kriterium"]
    assert len(rows) == 1 and "keines der Konzepte" in rows[0].erlaeuterung
