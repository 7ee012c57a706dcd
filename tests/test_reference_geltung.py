"""In force until changed: entries run open-ended, pending changes are data that is named and never applied."""

from datetime import date
from decimal import Decimal

import pytest

from kdu_analysis.reference import geltung, mietenstufen, regelbedarf, wogg
from kdu_analysis.reference.params import load_raw


def test_only_the_law_ends_an_entry():
    """``gueltig_bis`` only with ``befristung`` (the provision setting the end); otherwise a later entry replaces it."""
    for name in geltung.BEREICHE + ("rbeg", "fortschreibung"):
        raw = load_raw(name)
        groups = list(raw.get("komponenten", {}).values()) or [raw["eintraege"]]
        for entries in groups:
            for entry in entries:
                assert "gueltig_bis" not in entry or entry.get("befristung"), (name, entry.get("gueltig_ab"))


@pytest.mark.parametrize("stichtag", [date(2027, 1, 1), date(2027, 7, 1), date(2028, 1, 1)])
def test_laws_stay_in_force_after_the_last_recorded_year(stichtag):
    assert regelbedarf.regelbedarf(1, stichtag) == Decimal("563")
    assert regelbedarf.regelbedarf_citation(1, stichtag).fassung == date(2026, 1, 1)
    assert mietenstufen.mietenstufe("Dresden", stichtag).stufe == "III"
    # the bill's draft Anlage would move Glauchau from II to I; it is pending, so the 2023 Anlage applies
    glauchau = mietenstufen.mietenstufe("Glauchau", stichtag)
    assert (glauchau.stufe, glauchau.citation.fassung) == ("II", date(2023, 1, 1))
    assert wogg.wogg_plus10("III", 1, stichtag) == Decimal("501.60")


def test_pending_items_are_data_without_values():
    for name in geltung.BEREICHE:
        for item in load_raw(name).get("anstehend", []):
            assert "werte" not in item and set(item) <= {"was", "kurz", "faellig", "art", "betrifft", "quelle", "status",
                                                         "stand", "zuverlaessigkeit"}


def test_a_pending_change_is_settled_once_a_later_entry_is_recorded(monkeypatch):
    raw = load_raw("wogg_hoechstbetraege")
    assert len(geltung.anstehend("wogg_hoechstbetraege")) == 2
    fake = {**raw, "eintraege": [*raw["eintraege"], {**raw["eintraege"][-1], "gueltig_ab": date(2027, 1, 1)}]}
    monkeypatch.setattr(geltung, "load_raw", lambda name: fake if name == "wogg_hoechstbetraege" else load_raw(name))
    assert geltung.anstehend("wogg_hoechstbetraege") == []
    assert len(geltung.anstehend("wogg_hoechstbetraege", offen_nur=False)) == 2


def test_the_text_names_the_law_in_force_with_its_date_and_what_is_pending():
    before = geltung.geltung("wogg_hoechstbetraege", date(2026, 12, 1)).text()
    assert before.startswith("Wohngeldtabelle (§ 12 Abs. 1 WoGG, Anlage 1): es gilt die Fassung ab 01.01.2025")
    assert "BGBl. 2024 I Nr. 314" in before and "Anstehend: Fortschreibung der Höchstbeträge zum 01.01.2027" in before
    after = geltung.geltung("wogg_hoechstbetraege", date(2027, 1, 15)).text()
    assert ("Für die Zeit ab 01.01.2027 ist in den Daten des Projekts (Stand der Daten 10.10.2026) keine neue Fassung "
            "erfasst; es gilt die Fassung ab 01.01.2025") in after
    assert "BT-Drs. 21/8284" in after and "bis eine neue verkündet ist" in after
    # a historical Stichtag does not mention a change due years later
    assert "Anstehend" not in geltung.geltung("wogg_hoechstbetraege", date(2025, 6, 30)).text()


def test_successors_due_within_90_days():
    due = geltung.faellige_nachfolger(date(2026, 10, 15))
    assert {a.datei for a in due} == {"wogg_hoechstbetraege", "wogg_komponenten", "mietenstufen_sachsen",
                                      "regelbedarfsstufen"}
    assert geltung.faellige_nachfolger(date(2026, 6, 30)) == []  # 01.01.2027 is more than 90 days away
    assert len(geltung.faellige_nachfolger(date(2028, 1, 1))) == 5  # overdue items stay listed until settled
