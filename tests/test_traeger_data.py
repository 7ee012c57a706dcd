"""Bundled Träger data: schema, coverage of all 13 Saxon Träger, printed numbers from the reference sheets."""

from datetime import date
from decimal import Decimal

import pytest

from kdu_analysis.errors import InputError, ReferenceDataError
from kdu_analysis import traeger as tr

SAXON_TRAEGER = {"chemnitz", "dresden", "leipzig", "bautzen", "erzgebirgskreis", "goerlitz", "leipzig_lk", "meissen",
                 "mittelsachsen", "nordsachsen", "saechsische_schweiz_osterzgebirge", "vogtlandkreis", "zwickau"}


def test_all_13_traeger_load_and_validate():
    loaded = tr.load_traeger()
    assert {t.slug for t in loaded} == SAXON_TRAEGER
    for t in loaded:
        assert t.ausgaben, t.slug
        for a in t.ausgaben:
            assert a.zuverlaessigkeit in "ABC"  # never U as ground truth for values
            assert a.status in tr.STATUS


def test_dresden_correction_is_its_own_edition_and_in_force():
    # kdu_documents.md §2.3: press release 449,25 €, corrected Merkblatt 450,50 € (1 person), both from 01.01.2025
    dresden = tr.find_traeger("Dresden")
    original = next(a for a in dresden.ausgaben if a.id == "dresden-2025")
    assert original.wert("bruttokaltmiete_eur", "Stadtgebiet Dresden", "1") == Decimal("449.25")
    assert original.ersetzt_durch == "dresden-2025-korrektur"
    in_force = dresden.ausgabe_am(date(2025, 6, 30))
    assert in_force.id == "dresden-2025-korrektur"
    assert in_force.wert("bruttokaltmiete_eur", "Stadtgebiet Dresden", "1") == Decimal("450.50")
    assert in_force.wert("bruttokaltmiete_eur", "Stadtgebiet Dresden", "5") == Decimal("962.50")
    assert in_force.wert("bruttokaltmiete_eur", "Stadtgebiet Dresden", "+1") == Decimal("116.60")


def test_printed_numbers_from_the_sheets():
    ms = tr.find_traeger("Mittelsachsen")
    a2019 = ms.ausgabe_am(date(2019, 6, 30))
    assert a2019.id == "mittelsachsen-2019"
    assert a2019.wert("bruttokaltmiete_eur", "Mietkategorie III", "3") == Decimal("409.50")
    assert a2019.wert("bruttokaltmiete_eur", "Mietkategorie II", "3") == Decimal("406.50")
    leipzig = tr.find_traeger("leipzig").ausgabe_am(date(2024, 6, 1))
    assert leipzig.wert("bruttokaltmiete_eur", "Stadtgebiet Leipzig", "5") == Decimal("782.46")
    assert leipzig.wert("heizkosten_eur", "Stadtgebiet Leipzig", "1") == Decimal("69.61")
    vogt = tr.find_traeger("Vogtlandkreis").ausgabe_am(date(2025, 6, 30))
    assert vogt.wert("nettokaltmiete_eur", "Plauen", "1") == Decimal("216.96")


def test_empty_cells_are_not_stated_never_zero():
    bautzen = next(a for a in tr.find_traeger("Bautzen").ausgaben if a.id == "bautzen-2026-06")
    assert bautzen.wert("bruttokaltmiete_eur", "Kamenzer Land", "5") is None
    zwickau = tr.find_traeger("Zwickau").ausgaben[0]
    assert zwickau.mietbegriff == "bruttowarm" and "bruttokaltmiete_eur" not in zwickau.werte


def test_richtwerte_frame_takes_edition_in_force_with_source_columns():
    frame = tr.richtwerte_frame(date(2025, 6, 30))
    assert {"traeger", "vergleichsraum", "haushaltsgroesse", "bruttokaltmiete_eur", "quelle", "zuverlaessigkeit",
            "status", "ausgabe"} <= set(frame.columns)
    dresden = frame[frame.traeger == "Landeshauptstadt Dresden"]
    assert set(dresden.ausgabe) == {"dresden-2025-korrektur"}
    # Erzgebirgskreis: the edition of 01.07.2024 exists without values -> no rows, nothing borrowed from 2026
    assert "Erzgebirgskreis" not in set(frame.traeger)
    # Meißen: the 2016 edition (one known cell, end not known) is the latest before 01.08.2025
    assert set(frame[frame.traeger == "Landkreis Meißen"].ausgabe) == {"meissen-2016"}


def test_vg_expansion_and_gemeinde_lookup():
    ms = tr.find_traeger("Mittelsachsen")
    a2023 = ms.ausgabe_am(date(2023, 6, 1))
    assert [v.name for v in ms.vergleichsraeume_fuer("Taura", a2023)] == ["Umland Chemnitz"]  # über VG Burgstädt
    assert [v.name for v in ms.vergleichsraeume_fuer("Seelitz", a2023)] == ["Mittelbereich Mittweida"]


def test_richtwert_beyond_printed_sizes_is_marked_derived():
    # Mittelsachsen 2023, Stadt Freiberg: 4 P 581,00 €, je weitere Person 67,00 € (from the 5th person)
    # 6 persons = 581,00 + 2 × 67,00 = 715,00
    a = tr.find_traeger("Mittelsachsen").ausgabe_am(date(2023, 6, 1))
    amount, note = tr.richtwert(a, "Stadt Freiberg", 6)
    assert amount == Decimal("715.00") and note.startswith("abgeleitet")
    printed, note = tr.richtwert(a, "Stadt Freiberg", 2)
    assert printed == Decimal("407.00") and note is None


def test_broken_file_gives_german_message():
    raw = {"traeger": "X", "kurzname": "X", "slug": "x", "art": "landkreis", "mietenstufe_kreis": None,
           "vergleichsraeume": [], "konzepte": [], "gerichtsentscheidungen": [], "luecken": [],
           "ausgaben": [{"id": "a", "bezeichnung": "b", "gueltig_ab": None, "gueltig_bis": None, "quelle": "q",
                         "zuverlaessigkeit": "B", "status": "geprueft", "mietbegriff": "bruttokalt",
                         "haushaltsgroessen": ["1", "2", "3", "4", "5", "+1"],
                         "werte": {"bruttokaltmiete_eur": {"VR 1": ["300,00", None, None, None, None, None]}}}]}
    with pytest.raises(ReferenceDataError, match="ungültig"):
        tr.parse_traeger(raw, "x.yaml")


def test_unknown_traeger():
    with pytest.raises(InputError, match="nicht bekannt"):
        tr.find_traeger("Hamburg")
