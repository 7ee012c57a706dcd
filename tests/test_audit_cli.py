"""``kdu-analysis audit`` (contracts §7): files, German-Excel round trip, bad input without partial output."""

from decimal import Decimal

import pandas as pd
import pytest

from kdu_analysis.cli import main
from kdu_analysis.outputs import read_german_csv


@pytest.fixture(scope="module")
def audit_dir(tmp_path_factory):
    out = tmp_path_factory.mktemp("audit")
    assert main(["audit", "--stichtag", "2025-06-30", "--out", str(out)]) == 0
    return out


def test_befunde_csv_contract_columns(audit_dir):
    frame = pd.read_csv(audit_dir / "befunde.csv", dtype=str, keep_default_na=False)
    assert list(frame.columns[:9]) == ["traeger", "vergleichsraum", "haushaltsgroesse", "pruefung", "ergebnis", "wert",
                                       "vergleichswert", "rechtsgrundlage", "quelle"]
    assert frame.traeger.nunique() == 13
    dresden5 = frame[(frame.traeger == "Landeshauptstadt Dresden") & (frame.pruefung == "wogg_rueckfallwert")
                     & (frame.haushaltsgroesse == "5")].iloc[0]
    assert (dresden5.wert, dresden5.vergleichswert) == ("962.50", "962.50")


def test_faction_csv_round_trip_numbers_and_umlauts(audit_dir):
    machine = pd.read_csv(audit_dir / "befunde.csv", dtype=str, keep_default_na=False)
    raw = (audit_dir / "fraktionen" / "saechsische_schweiz_osterzgebirge_befunde.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # BOM for Excel
    german = read_german_csv(audit_dir / "fraktionen" / "saechsische_schweiz_osterzgebirge_befunde.csv")
    assert {"Vergleichsraum", "Haushaltsgröße (Personen)", "Prüfung", "Ergebnis", "Richtwert (€)", "Vergleichswert (€)",
            "Rechtsgrundlage", "Quelle"} <= set(german.columns)
    mine = machine[machine.traeger == "Landkreis Sächsische Schweiz-Osterzgebirge"]
    assert len(german) == len(mine)
    back = [str(Decimal(v.replace(",", "."))) if v else "" for v in german["Richtwert (€)"]]
    assert back == [str(Decimal(v).quantize(Decimal("0.01"))) if v else "" for v in mine.wert]
    assert "VG Glashütte / Altenberg / Bad Gottleuba / Königstein" in set(german.Vergleichsraum)
    assert german["Prüfung"].str.contains("Größ|Wohngeld|Vergleichsr").any()


def test_charts_written_as_png_and_svg(audit_dir):
    pngs = sorted(p.stem for p in (audit_dir / "grafiken").glob("*.png"))
    svgs = sorted(p.stem for p in (audit_dir / "grafiken").glob("*.svg"))
    assert pngs == svgs and "dresden_richtwert_wogg" in pngs and "leipzig_verlauf" in pngs


def test_bad_offers_file_no_partial_output(tmp_path, capsys):
    bad = tmp_path / "angebote.csv"
    bad.write_text("traeger,gemeinde,wohnflaeche_m2,bruttokaltmiete_eur,datum,quelle\n"
                   "dresden,Dresden,\"45,5\",400,2025-05-01,x\n", encoding="utf-8")
    out = tmp_path / "out"
    assert main(["audit", "--stichtag", "2025-06-30", "--out", str(out), "--angebote", str(bad)]) == 3
    assert not out.exists()
    err = capsys.readouterr().err
    assert "Zeile 2" in err and "wohnflaeche_m2" in err
