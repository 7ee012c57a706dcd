"""Regression tests from an outside test (documents by an independent generator, other PDF producers).

Each document was once written with a wrong value, label or household size and exit 0. It must now be read exactly
(every row of its truth, no other row, every printed value equal) or refused with a German reason and exit 3 —
never written wrong. Fixtures: tests/fixtures/richtwerte/outside/ (README there).
"""

from __future__ import annotations

import json
import re
from decimal import Decimal
from pathlib import Path

import pytest

from kdu_analysis.errors import InputError
from kdu_analysis.loaders import richtwert_label_checks as label_checks
from kdu_analysis.loaders.richtwert_gate import TabelleAbgelehnt
from kdu_analysis.loaders.richtwerte import extract_richtwerte

HERE = Path(__file__).parent / "fixtures" / "richtwerte" / "outside"
NUM = ["wohnflaeche_m2", "nettokaltmiete_eur", "betriebskosten_eur", "bruttokaltmiete_eur", "nettokaltmiete_eur_m2",
       "betriebskosten_eur_m2", "bruttokaltmiete_eur_m2", "heizkosten_eur", "bruttowarmmiete_eur"]


def _label(s) -> str:
    s = re.sub(r"\s+", " ", s or "").strip().replace("- ", "-")
    return re.sub(r"[¹²³*]", "", s).strip().lower()


def _dec(v):
    if v is None or (isinstance(v, float) and v != v) or str(v).strip() == "":
        return None
    return Decimal(str(v).strip()).normalize()


def _wrong_rows(doc: dict, frame) -> list[str]:
    """What differs between the written rows and the truth (empty: exact)."""
    key = lambda r: (_label(r.get("vergleichsraum")), str(r.get("haushaltsgroesse")))
    truth = {key(r): r for r in doc["optional"]}
    truth.update({key(r): r for r in doc["truth"]})
    wrong, seen = [], set()
    for row in frame.to_dict("records"):
        k = key(row)
        t = truth.get(k)
        if t is None:
            wrong.append(f"extra row {k}")
            continue
        seen.add(k)
        for f in NUM:
            if f in doc["ignore"]:
                continue
            got, want = _dec(row.get(f)), _dec(t.get(f))
            if got is not None and got != want:
                wrong.append(f"{k} {f}: {got} ≠ {want}")
    wrong += [f"missing row {k}" for k in (key(r) for r in doc["truth"]) if k not in seen]
    return wrong


def _exact_or_refused(name: str, truth: str | None = None) -> str:
    doc = json.loads((HERE / f"{truth or name}.truth.json").read_text(encoding="utf-8"))
    try:
        result = extract_richtwerte(HERE / f"{name}.pdf")
    except InputError as exc:
        assert exc.exit_code == 3
        message = exc.user_message()
        assert re.search(r"Seite \d|sieht aus wie|keine Richtwert-Tabelle", message), message
        return "refused"
    assert not doc["negative"], f"{name} is not a guideline but was read: {len(result.frame)} rows"
    assert _wrong_rows(doc, result.frame) == []
    return "exact"


# one test per shape that was written wrongly; the outcome each document has today is noted in the id
@pytest.mark.parametrize("name", [
    "rw02_ms2023_odt",              # 1. "Heizkosten" in the paragraph above the table named the column
    "rw38_ns_transposed_int",       # 2. sizes in rows, regions in columns
    "rw09_ms2019_docx_landscape",   # 3. DOCX: the wrapped area row glued into the first label
    "rw40_ns_docx",                 # 3.
    "rw33_ssoe_groups",             # 4. long label ending in "/" cut at the wrap
    "rw34_ssoe_noborders",          # 4.
    "rw27b_b2026_wraplabel_top",    # 5. last label continues below the value line
    "rw27_b2026_wraplabel",         # 5. vertically centred three-line labels
    "rw36_llk_split_thead",         # 6. table over two pages with repeated header
    "rw46_b2026_in_column",         # 7. table in the left column of a two-column page
    "rw28_b2026_ods",               # 8. spreadsheet too wide: 4-person column alone on page 2
])
def test_outside_guideline_exact_or_refused(name):
    _exact_or_refused(name)


@pytest.mark.parametrize("name", ["rw02_odt_a_full", "rw02_odt_d_only_HK_sentence"])
def test_rw02_heizkosten_sentence_never_names_the_column(name):  # 1., minimal variants of rw02 (same table)
    assert _exact_or_refused(name, truth="rw02_ms2023_odt") == "refused"


def test_rw02_without_the_sentence_is_read_exactly():
    assert _exact_or_refused("rw02_odt_b_noHK", truth="rw02_ms2023_odt") == "exact"


def test_heizkosten_table_under_a_bruttokaltmiete_heading_refused():
    word = lambda t, x0, top: {"text": t, "x0": x0, "x1": x0 + 40, "top": top, "bottom": top + 9}
    words = {1: [word("Angemessene", 40, 50), word("Bruttokaltmiete", 90, 50), word("Heizkosten", 40, 70),
                 word("werden", 90, 70), word("340,00", 150, 120)]}
    cells = [{"seite": 1, "vergleichsraum": "A", "spalte": "heizkosten_eur", "box": (150, 120, 180, 129)}]
    rows = [{"vergleichsraum": "A", "haushaltsgroesse": "1", "seite": 1, "heizkosten_eur": Decimal("80")}]
    with pytest.raises(TabelleAbgelehnt, match="über ihr steht aber Bruttokaltmiete"):
        label_checks.check_heating(rows, words, cells)
    rows[0]["wohnflaeche_m2"] = Decimal("50")
    rows[0]["heizkosten_eur"] = Decimal("340")
    with pytest.raises(TabelleAbgelehnt, match="mehr als 5,00 € je m²"):
        label_checks.check_heating(rows, {1: []}, cells)


@pytest.mark.parametrize("name", ["neg08_survey_median_only", "neg09_jobcenter_statistik", "neg10_wogg_one_stufe"])
def test_outside_non_guideline_refused(name):  # 9.
    with pytest.raises(InputError) as info:
        extract_richtwerte(HERE / f"{name}.pdf")
    assert info.value.exit_code == 3
    assert "sieht aus wie" in info.value.user_message()


def test_rw28_lone_column_names_the_page():
    with pytest.raises(TabelleAbgelehnt, match="Seite 2: .*ohne Gebietsbezeichnung"):
        extract_richtwerte(HERE / "rw28_b2026_ods.pdf")


@pytest.mark.parametrize("label, reason", [
    ("1 Person 45 m²", "Haushaltsgröße"),
    ("2 Personen", "Haushaltsgröße"),
    ("Wohnfläche bis 45 bis 60 bis 75 VR 1", "Wohnflächen-Zeile"),
    ("VG Dohna-Müglitztal / Klingenberg / Tharandt /", "abgeschnitten"),
    ("Dresdener Land (Radeberg, Arnsdorf,", "abgeschnitten"),
    ("Markkleeberg (eigener", "abgeschnitten"),
    ("Kamenzer Land Dresdener Land", "zweimal"),
])
def test_label_never_looks_like(label, reason):
    rows = [{"vergleichsraum": label, "haushaltsgroesse": "1", "seite": 1},
            {"vergleichsraum": "Stadtgebiet Kamenz", "haushaltsgroesse": "1", "seite": 1}]
    with pytest.raises(TabelleAbgelehnt, match=reason):
        label_checks.check_labels(rows)


def test_good_labels_pass():
    rows = [{"vergleichsraum": v, "haushaltsgroesse": "1", "seite": 1} for v in (
        "Dresdener Land (Radeberg, Arnsdorf, Ottendorf-Okrilla, Wachau)", "Stadtgebiet Bautzen", "Bautzener Land",
        "VR 1", "Mietkategorie III", "Heidenau / VG Pirna (Pirna, Dohma)", "Stadt Freiberg (ohne OT Zug)")]
    label_checks.check_labels(rows)


def test_word_right_of_the_values_is_foreign():
    word = lambda t, x0, top: {"text": t, "x0": x0, "x1": x0 + 30, "top": top, "bottom": top + 9}
    words = {1: [word("Stadtgebiet", 40, 100), word("370,35", 150, 100), word("Hinweise.", 320, 100),
                 word("Bischofswerda", 40, 112)]}
    cells = [{"seite": 1, "vergleichsraum": "Stadtgebiet Bischofswerda Hinweise.", "spalte": "bruttokaltmiete_eur",
              "box": (150, 100, 180, 109)}]
    rows = [{"vergleichsraum": "Stadtgebiet Bischofswerda Hinweise.", "haushaltsgroesse": "1", "seite": 1}]
    with pytest.raises(TabelleAbgelehnt, match="„Hinweise.“ .* rechts der Werte"):
        label_checks.check_foreign_words(rows, words, cells)
    cells[0]["vergleichsraum"] = rows[0]["vergleichsraum"] = "Stadtgebiet Bischofswerda"
    label_checks.check_foreign_words(rows, words, cells)


def test_unread_rows_at_the_top_of_the_next_page_refuse():  # 6. (rw36: the only row on page 2 was dropped)
    word = lambda t, x0, top: {"text": t, "x0": x0, "x1": x0 + 30, "top": top, "bottom": top + 9}
    cells = [{"seite": 1, "vergleichsraum": "Markkleeberg", "spalte": "bruttokaltmiete_eur", "box": (150, 700, 180, 709),
              "wert": Decimal("455.25")}]
    head = [word("Teilraum", 40, 60), word("1", 150, 60), word("2", 200, 60), word("3", 250, 60)]
    row = [word("Markranstädt", 40, 90), word("396,50", 150, 90), word("512,00", 200, 90), word("667,50", 250, 90)]
    with pytest.raises(TabelleAbgelehnt, match="Seite 2: die Tabelle von Seite 1 geht auf Seite 2 weiter"):
        label_checks.check_unread_continuation({1: [], 2: head + row}, cells)
    prose = [word("Die", 40, 40), word("Heizkosten:", 80, 40)]  # prose first: a table of something else follows
    label_checks.check_unread_continuation({1: [], 2: prose + head + row}, cells)
    cells[0]["vergleichsraum"] = "Stadt Markranstädt"  # the row's label was read (its page counted as the one before)
    label_checks.check_unread_continuation({1: [], 2: head + row}, cells)
