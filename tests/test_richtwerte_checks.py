"""Cross-checks flag rows and never drop or change them; specs re-label columns; glyph garbage stops."""

from decimal import Decimal as D
from pathlib import Path

import pandas as pd
import pytest

from kdu_analysis.errors import InputError
from kdu_analysis.loaders.richtwert_checks import run_checks
from kdu_analysis.loaders.richtwert_spec import load_spec
from kdu_analysis.loaders.richtwerte import extract_richtwerte
from kdu_analysis.pdf.document import check_glyphs

FIX = Path(__file__).resolve().parent / "fixtures" / "richtwerte"


def _frame(rows):
    cols = ["vergleichsraum", "haushaltsgroesse", "wohnflaeche_m2", "nettokaltmiete_eur", "betriebskosten_eur",
            "bruttokaltmiete_eur", "nettokaltmiete_eur_m2", "betriebskosten_eur_m2", "bruttokaltmiete_eur_m2", "bruttowarmmiete_eur"]
    return pd.DataFrame([{c: r.get(c) for c in cols} for r in rows])


def test_checks_flag_sum_product_and_monotony_without_dropping():
    frame = _frame([
        # Plauen 1 P from the Vogtland table with a made-up BK that does not add up
        {"vergleichsraum": "A", "haushaltsgroesse": "1", "nettokaltmiete_eur": D("216.96"), "betriebskosten_eur": D("60.00"),
         "bruttokaltmiete_eur": D("280.32")},
        # 45 m² × 7,00 €/m² = 315,00 but 316,00 printed
        {"vergleichsraum": "A", "haushaltsgroesse": "2", "wohnflaeche_m2": D("45"), "bruttokaltmiete_eur_m2": D("7.00"),
         "bruttokaltmiete_eur": D("316.00")},
        # Frauenstein 2010: 4 P (345) below 3 P (354)
        {"vergleichsraum": "F", "haushaltsgroesse": "3", "bruttokaltmiete_eur": D("354")},
        {"vergleichsraum": "F", "haushaltsgroesse": "4", "bruttokaltmiete_eur": D("345")},
        {"vergleichsraum": "G", "haushaltsgroesse": "1", "nettokaltmiete_eur": D("216.96"), "betriebskosten_eur": D("63.36"),
         "bruttokaltmiete_eur": D("280.32")},
    ])
    run_checks(frame)
    notes = frame["_check_notes"].tolist()
    assert notes[0] == ["summe_nkm_bk_ungleich_bkm"]
    assert notes[1] == ["produkt_bruttokaltmiete_eur_m2_ungleich_bruttokaltmiete_eur"]
    assert notes[2] == [] and notes[3] == ["faellt_mit_haushaltsgroesse_bruttokaltmiete_eur"]
    assert notes[4] == []
    assert len(frame) == 5 and frame.bruttokaltmiete_eur.tolist()[3] == D("345")


def test_spec_relabels_a_column_and_sets_metadata(tmp_path):
    spec_file = tmp_path / "zwickau.yaml"
    spec_file.write_text("datei: 'zwickau_*.pdf'\nseiten: [1]\ntraeger: Landkreis Zwickau (Spec)\n"
                         "gueltig_ab: 2026-02-01\nspalten: {bruttowarmmiete_eur: bruttokaltmiete_eur}\n", encoding="utf-8")
    result = extract_richtwerte(FIX / "zwickau_2026.pdf", spec=load_spec(spec_file))
    assert result.traeger == "Landkreis Zwickau (Spec)" and str(result.gueltig_ab) == "2026-02-01"
    assert result.frame.bruttokaltmiete_eur.notna().all() and result.frame.bruttowarmmiete_eur.isna().all()


def test_spec_with_unknown_keys_or_values_is_refused(tmp_path):
    spec_file = tmp_path / "bad.yaml"
    spec_file.write_text("datei: x.pdf\nwerte: [300]\n", encoding="utf-8")
    with pytest.raises(InputError, match="unbekannte Angaben: werte"):
        load_spec(spec_file)


def test_cid_glyph_garbage_stops_with_ocr_hint():
    with pytest.raises(InputError, match="unlesbaren Zeichen-Codes.*OCR"):
        check_glyphs("(cid:12)(cid:44)(cid:3)(cid:18) 300,00", "kreis.pdf", page=2)
    check_glyphs("Richtwert 300,00 € (cid:3)" + " Text" * 20, "kreis.pdf")  # a stray code is tolerated


def test_spec_in_the_spec_folder_is_found_by_file_name(tmp_path, monkeypatch):
    from kdu_analysis.loaders import richtwert_spec

    (tmp_path / "zwickau.yaml").write_text("datei: 'zwickau_*.pdf'\ntraeger: Landkreis Zwickau (Spec-Ordner)\n"
                                           "hinweis: Testspec\n", encoding="utf-8")
    monkeypatch.setattr(richtwert_spec, "SPEC_DIR", tmp_path)
    assert extract_richtwerte(FIX / "zwickau_2026.pdf").traeger == "Landkreis Zwickau (Spec-Ordner)"
    assert extract_richtwerte(FIX / "meissen_2025.pdf").traeger == "Landkreis Meißen"  # no spec matches


def test_spec_naming_a_page_the_document_lacks_is_refused(tmp_path):
    spec_file = tmp_path / "s.yaml"
    spec_file.write_text("seiten: [7]\n", encoding="utf-8")
    with pytest.raises(InputError, match="Seite 7"):
        extract_richtwerte(FIX / "meissen_2025.pdf", spec=load_spec(spec_file))


def test_spec_for_the_exact_edition_wins_over_a_name_pattern(tmp_path, monkeypatch):
    from kdu_analysis.loaders import richtwert_spec
    from kdu_analysis.pdf.document import sha256_file

    (tmp_path / "a_name.yaml").write_text("datei: 'zwickau_*.pdf'\ntraeger: nach Name\n", encoding="utf-8")
    (tmp_path / "b_edition.yaml").write_text(f"sha256: '{sha256_file(FIX / 'zwickau_2026.pdf')}'\ntraeger: nach Ausgabe\n",
                                             encoding="utf-8")
    monkeypatch.setattr(richtwert_spec, "SPEC_DIR", tmp_path)
    assert extract_richtwerte(FIX / "zwickau_2026.pdf").traeger == "nach Ausgabe"
