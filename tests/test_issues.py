"""One regression test per problem layout or parser trap (shared/reference/kdu_documents.md §6)."""

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from kdu_analysis.audit.run import traeger_findings
from kdu_analysis.loaders.richtwerte import extract_richtwerte

FIX = Path(__file__).resolve().parent / "fixtures" / "richtwerte"


@pytest.fixture(scope="module")
def docs():
    return {p.stem: extract_richtwerte(p).frame for p in FIX.glob("*.pdf")}


def _row(frame, vr, size):
    return frame[(frame.vergleichsraum.fillna("") == vr) & (frame.haushaltsgroesse == size)].iloc[0]


def test_prose_says_per_m2_but_table_prints_monthly_totals(docs):
    row = _row(docs["mittelsachsen_2019"], "Mietkategorie I", "1")
    assert row.bruttokaltmiete_eur == Decimal("295.50") and row.bruttokaltmiete_eur_m2 is None
    assert "einheit_text_widerspricht_tabelle" in row.hinweise


def test_footnote_marker_stuck_to_a_number(docs):
    row = _row(docs["mittelsachsen_2019"], "Mietkategorie II", "5")
    assert row.bruttokaltmiete_eur == Decimal("492.10")
    assert "fussnote_¹" in row.hinweise


def test_printed_non_monotone_value_is_flagged_not_changed(docs):
    # Meißen VR VII 4 P equals VR VIII 4 P (555,90 €) though VII is dearer at every other size: kept as printed
    assert _row(docs["meissen_2025"], "VR VII", "4").bruttokaltmiete_eur == Decimal("555.90")
    assert _row(docs["meissen_2025"], "VR VIII", "4").bruttokaltmiete_eur == Decimal("555.90")
    frame = docs["mittelsachsen_2019"]
    # Kat. III 3 P (409,50) > Kat. II 3 P (406,50) is a cross-region inversion, not a fall with size: read as printed …
    dear, cheap = _row(frame, "Mietkategorie III", "3"), _row(frame, "Mietkategorie II", "3")
    assert (dear.bruttokaltmiete_eur, cheap.bruttokaltmiete_eur) == (Decimal("409.50"), Decimal("406.50"))
    assert "faellt_mit_haushaltsgroesse" not in dear.hinweise
    # … and flagged by the audit ("so gedruckt"), with exactly the printed values
    flagged = [f for f in traeger_findings("mittelsachsen", date(2025, 6, 30))
               if f.pruefung == "inversion" and f.ausgabe == "mittelsachsen-2019"]
    assert [(f.vergleichsraum, f.haushaltsgroesse, f.wert, f.vergleichswert, f.ergebnis) for f in flagged] == [
        ("Mietkategorie III", "3", dear.bruttokaltmiete_eur, cheap.bruttokaltmiete_eur, "hinweis")]
    assert "so gedruckt" in flagged[0].erlaeuterung


def test_warm_rent_never_lands_in_a_cold_rent_column(docs):
    frame = docs["zwickau_2026"]
    assert frame.bruttowarmmiete_eur.notna().all()
    assert frame.bruttokaltmiete_eur.isna().all() and frame.nettokaltmiete_eur.isna().all()


def test_aktuell_neu_differenz_takes_the_new_values(docs):
    row = _row(docs["leipzig_2020"], "", "1")
    assert (row.bruttokaltmiete_eur, row.heizkosten_eur) == (Decimal("294.93"), Decimal("52.91"))


def test_bisherige_richtwerte_column_is_ignored(docs):
    assert _row(docs["dresden_2025"], "", "5").bruttokaltmiete_eur == Decimal("962.50")
    assert Decimal("868.68") not in set(docs["dresden_2025"].bruttokaltmiete_eur)


def test_table_continued_on_next_page_with_repeated_header(docs):
    frame = docs["goerlitz_2026"]
    assert _row(frame, "PR 5 Z (Zittau)", "1").seite == 2
    assert _row(frame, "PR 1", "1").seite == 1
    assert len(frame) == 9 * 5


def test_z_rows_do_not_collide_with_their_planungsraum(docs):
    frame = docs["goerlitz_2026"]
    assert _row(frame, "PR 5", "1").bruttokaltmiete_eur == Decimal("293.33")
    assert _row(frame, "PR 5 Z (Zittau)", "1").bruttokaltmiete_eur == Decimal("285.55")


def test_region_label_spanning_nkm_and_bkm_rows(docs):
    row = _row(docs["vogtland_2025"], "Plauen", "1")
    assert (row.nettokaltmiete_eur, row.bruttokaltmiete_eur, row.wohnflaeche_m2) == (Decimal("216.96"), Decimal("280.32"), Decimal("48"))


def test_wrapped_group_labels_and_duplicate_values_stay_separate_rows(docs):
    frame = docs["ssoe_2024"]
    twos = frame[frame.haushaltsgroesse == "2"]
    assert list(twos.bruttokaltmiete_eur) == [Decimal("446.66")] * 3
    assert "VG Dohna-Müglitztal / Klingenberg / Tharandt / Dippoldiswalde" in set(frame.vergleichsraum)


def test_wrapped_label_in_a_top_aligned_cell(docs):
    assert "Mittelbereich Freiberg (ohne Stadt Freiberg)" in set(docs["mittelsachsen_2023"].vergleichsraum)


def test_increment_column_and_its_area(docs):
    row = _row(docs["mittelsachsen_2023"], "Stadt Freiberg", "+1")
    assert (row.bruttokaltmiete_eur, row.wohnflaeche_m2) == (Decimal("67.00"), Decimal("10"))


def test_missing_area_cell_stays_empty(docs):
    assert _row(docs["meissen_2025"], "VR I", "5").wohnflaeche_m2 is None


def test_bruttokalt_ohne_heizung_is_not_a_heating_column(docs):
    frame = docs["leipzig_lk_2025"]
    assert frame.heizkosten_eur.isna().all()
    assert _row(frame, "Markkleeberg (eigener Richtwert)", "5").bruttokaltmiete_eur == Decimal("964.81")


def test_four_line_member_list_in_a_top_aligned_label(docs):
    assert "Landkreis Mitte (Bad Lausick, Colditz, Frohburg, Geithain, Naunhof …)" in set(docs["leipzig_lk_2025"].vergleichsraum)


def test_sideways_landscape_table_with_round_euros_and_a_member_column(docs):
    frame = docs["nordsachsen_2025_quer"]
    assert len(frame) == 15 and set(frame.vergleichsraum) == {"VR 1", "VR 2", "VR 3"}
    assert _row(frame, "VR 3", "5").bruttokaltmiete_eur == Decimal("640")
    assert not frame.vergleichsraum.str.contains("Torgau").any()


def test_area_row_of_bare_numbers_is_areas_not_rents(docs):
    frame = docs["chemnitz_2025"]
    assert len(frame) == 6 and set(frame.vergleichsraum.fillna("")) == {""}
    row = _row(frame, "", "1")
    assert (row.wohnflaeche_m2, row.bruttokaltmiete_eur) == (Decimal("48"), Decimal("313.44"))
    assert _row(frame, "", "+1").wohnflaeche_m2 == Decimal("10")
    assert Decimal("48") not in set(frame.bruttokaltmiete_eur)


def test_tight_ruled_cells_are_split_at_the_rules(docs):
    # LibreOffice table with 4 pt padding: the word gaps are smaller than the cell gap, the rules separate them
    assert _row(docs["chemnitz_2025"], "", "5").bruttokaltmiete_eur == Decimal("600.40")
