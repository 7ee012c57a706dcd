"""The extract command: contract columns, bad input behaviour, batch summary."""

import shutil
from pathlib import Path

import pandas as pd
import pytest

from kdu_analysis.cli import main

FIX = Path(__file__).resolve().parent / "fixtures"


def test_extract_writes_contract_csv(tmp_path, capsys):
    out = tmp_path / "dresden.csv"
    assert main(["extract", "richtwerte", str(FIX / "richtwerte/dresden_2025.pdf"), "--out", str(out)]) == 0
    frame = pd.read_csv(out, dtype=str, keep_default_na=False)
    assert list(frame.columns)[:14] == ["traeger", "vergleichsraum", "gueltig_ab", "haushaltsgroesse", "wohnflaeche_m2",
                                        "nettokaltmiete_eur", "betriebskosten_eur", "bruttokaltmiete_eur", "nettokaltmiete_eur_m2",
                                        "betriebskosten_eur_m2", "bruttokaltmiete_eur_m2", "heizkosten_eur", "bruttowarmmiete_eur", "seite"]
    assert frame.bruttokaltmiete_eur.tolist() == ["449.25", "556.02", "714.38", "812.05", "962.50", "116.60"]
    assert frame.haushaltsgroesse.tolist() == ["1", "2", "3", "4", "5", "+1"]
    assert set(frame.nettokaltmiete_eur) == {""}  # not stated → empty, never 0
    assert set(frame.gueltig_ab) == {"2025-01-01"}


@pytest.mark.parametrize(("name", "words"), [
    ("scan_ohne_text.pdf", ["Textebene", "OCR", "ocrmypdf"]),
    ("verschluesselt.pdf", ["verschlüsselt"]),
    ("abgeschnitten.pdf", ["beschädigt"]),
    ("kein_pdf.pdf", ["keine PDF-Datei"]),
    ("ohne_tabelle.pdf", ["keine Richtwert-Tabelle"]),
])
def test_bad_input_gives_german_message_nonzero_exit_no_output(tmp_path, capsys, name, words):
    out = tmp_path / "out.csv"
    code = main(["extract", "richtwerte", str(FIX / "broken" / name), "--out", str(out)])
    err = capsys.readouterr().err
    assert code != 0
    assert err.startswith("Fehler: ") and err.count("\n") == 1
    for word in words:
        assert word in err
    assert not out.exists() and list(tmp_path.iterdir()) == []


def test_missing_file(tmp_path, capsys):
    assert main(["extract", "richtwerte", str(tmp_path / "gibtsnicht.pdf"), "--out", str(tmp_path / "x.csv")]) == 3
    assert "gibt es nicht" in capsys.readouterr().err


def test_batch_over_a_mixed_folder(tmp_path, capsys):
    folder = tmp_path / "eingang"
    folder.mkdir()
    for name in ("meissen_2025.pdf", "leipzig_2020.pdf"):
        shutil.copy(FIX / "richtwerte" / name, folder / name)
    for name in ("scan_ohne_text.pdf", "kein_pdf.pdf"):
        shutil.copy(FIX / "broken" / name, folder / name)
    out = tmp_path / "csv"
    assert main(["extract", "richtwerte", str(folder), "--out", str(out)]) == 3
    err = capsys.readouterr().err
    assert "2 von 4 Dokumenten gelesen, 2 mit Fehler" in err
    assert "scan_ohne_text.pdf" in err and "OCR" in err
    assert "Status" in err and "Träger" in err and "Grund" in err
    assert any(line.split()[:5] == ["ok", "meissen_2025.pdf", "Landkreis", "Meißen", "48"] for line in err.splitlines())
    assert any(line.split()[:2] == ["FEHLER", "kein_pdf.pdf"] and "keine PDF-Datei" in line for line in err.splitlines())
    assert sorted(p.name for p in out.iterdir()) == ["leipzig_2020.csv", "meissen_2025.csv"]


def test_sideways_table_is_read_turned_and_says_so(tmp_path, capsys):
    out = tmp_path / "x.csv"
    assert main(["extract", "richtwerte", str(FIX / "richtwerte/nordsachsen_2025_quer.pdf"), "--out", str(out)]) == 0
    assert "quer gesetzt" in capsys.readouterr().err
    assert pd.read_csv(out, dtype=str).bruttokaltmiete_eur.tolist()[:5] == ["400", "530", "670", "770", "930"]


def test_extract_folder_returns_each_result_or_its_error(tmp_path):
    from kdu_analysis.errors import InputError
    from kdu_analysis.loaders.richtwerte import RichtwertExtraction, extract_folder

    for name in ("dresden_2025.pdf", "zwickau_2026.pdf"):
        shutil.copy(FIX / "richtwerte" / name, tmp_path / name)
    shutil.copy(FIX / "broken" / "verschluesselt.pdf", tmp_path / "verschluesselt.pdf")
    (tmp_path / "notiz.txt").write_text("kein PDF", encoding="utf-8")
    results = extract_folder(tmp_path)
    assert [p.name for p, _ in results] == ["dresden_2025.pdf", "verschluesselt.pdf", "zwickau_2026.pdf"]
    assert isinstance(results[0][1], RichtwertExtraction) and results[0][1].traeger == "Landeshauptstadt Dresden"
    assert isinstance(results[1][1], InputError) and "verschlüsselt" in results[1][1].user_message()
    (tmp_path / "leer").mkdir()
    with pytest.raises(InputError, match="keine PDF-Dateien"):
        extract_folder(tmp_path / "leer")


def test_vorschau_writes_one_png_per_page_and_the_csv_has_cell_boxes(tmp_path, capsys):
    out, vorschau = tmp_path / "goerlitz.csv", tmp_path / "vorschau"
    assert main(["extract", "richtwerte", str(FIX / "richtwerte/goerlitz_2026.pdf"), "--out", str(out),
                 "--vorschau", str(vorschau)]) == 0
    assert sorted(p.name for p in vorschau.iterdir()) == ["goerlitz_2026_seite_1.png", "goerlitz_2026_seite_2.png"]
    frame = pd.read_csv(out, dtype=str, keep_default_na=False)
    assert {"zelle_x0", "zelle_top", "zelle_x1", "zelle_bottom", "hinweise"} <= set(frame.columns)
    assert (frame.zelle_x0.astype(float) < frame.zelle_x1.astype(float)).all()
    assert "Vorschau: 2 Bild(er)" in capsys.readouterr().err
