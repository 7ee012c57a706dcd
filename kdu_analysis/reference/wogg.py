"""§ 12 WoGG: Höchstbeträge, the BSG fallback (table + 10 %), heating and climate components."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pandas as pd

from kdu_analysis import config
from kdu_analysis.errors import ReferenceDataError
from kdu_analysis.formatting import german_date
from kdu_analysis.money import round_cent
from kdu_analysis.reference.params import Citation, entry_in_force, load_raw, make_citation

MIETENSTUFEN = ("I", "II", "III", "IV", "V", "VI", "VII")


def _table(stichtag: date) -> dict:
    return entry_in_force(load_raw("wogg_hoechstbetraege")["eintraege"], stichtag, what="die Wohngeldtabelle (§ 12 WoGG)")


def _by_size(values: list, haushaltsgroesse: int) -> Decimal:
    if haushaltsgroesse < 1:
        raise ReferenceDataError(f"Haushaltsgröße {haushaltsgroesse} ist ungültig", remedy="Bitte mindestens 1 Person angeben")
    amounts = [Decimal(str(v)) for v in values]
    if haushaltsgroesse <= 5:
        return amounts[haushaltsgroesse - 1]
    return amounts[4] + (haushaltsgroesse - 5) * amounts[5]


def hoechstbetrag(mietenstufe: str, haushaltsgroesse: int, stichtag: date) -> Decimal:
    """Höchstbetrag in € (Bruttokaltmiete) for a Mietenstufe and household size on a date."""
    table = _table(stichtag)
    if mietenstufe not in table["werte"]:
        raise ReferenceDataError(
            f"Mietenstufe {mietenstufe!r} gibt es in der Wohngeldtabelle ab {german_date(table['gueltig_ab'])} nicht",
            remedy="Gültig sind " + ", ".join(table["werte"]),
        )
    return _by_size(table["werte"][mietenstufe], haushaltsgroesse)


def wogg_plus10(mietenstufe: str, haushaltsgroesse: int, stichtag: date) -> Decimal:
    """The BSG fallback ceiling: Höchstbetrag × 1.1, rounded half up to the cent (Klimakomponente not included)."""
    return round_cent(hoechstbetrag(mietenstufe, haushaltsgroesse, stichtag) * config.WOGG_SURCHARGE_FACTOR)


def _component(kind: str, haushaltsgroesse: int, stichtag: date) -> Decimal | None:
    entries = load_raw("wogg_komponenten")["komponenten"][kind]
    if stichtag < min(e["gueltig_ab"] for e in entries):
        return None
    entry = entry_in_force(entries, stichtag, what=f"die {kind} nach § 12 WoGG")
    return round_cent(_by_size(entry["werte"], haushaltsgroesse))


def klimakomponente(haushaltsgroesse: int, stichtag: date) -> Decimal | None:
    """§ 12 Abs. 7 WoGG (from 2023); ``None`` before it existed."""
    return _component("klimakomponente", haushaltsgroesse, stichtag)


def heizkostenkomponente(haushaltsgroesse: int, stichtag: date) -> Decimal | None:
    """§ 12 Abs. 6 WoGG heating relief (CO2 relief from 2021, total amount from 2023); ``None`` before 2021."""
    return _component("heizkostenentlastung", haushaltsgroesse, stichtag)


def klimakomponente_citation(stichtag: date) -> Citation | None:
    entries = load_raw("wogg_komponenten")["komponenten"]["klimakomponente"]
    if stichtag < min(e["gueltig_ab"] for e in entries):
        return None
    return make_citation(entry_in_force(entries, stichtag, what="die Klimakomponente"))


def wogg_citation(stichtag: date) -> Citation:
    return make_citation(_table(stichtag))


def wogg_entry(stichtag: date) -> dict:
    """The raw table entry in force (with ``hinweis``), for reports that show the note."""
    return _table(stichtag)


def wogg_table_frame(stichtag: date) -> pd.DataFrame:
    """The table in force on ``stichtag`` in the columns of contracts §3 (+ zuverlaessigkeit)."""
    table = _table(stichtag)
    citation = make_citation(table)
    rows = []
    for stufe in table["werte"]:
        for size in ("1", "2", "3", "4", "5", "+1"):
            index = 6 if size == "+1" else int(size)
            amount = Decimal(str(table["werte"][stufe][index - 1]))
            if size == "+1":
                klima = klimakomponente(6, stichtag)
                klima = None if klima is None else klima - klimakomponente(5, stichtag)
            else:
                klima = klimakomponente(int(size), stichtag)
            rows.append({
                "mietenstufe": stufe,
                "haushaltsgroesse": size,
                "hoechstbetrag_eur": amount,
                "hoechstbetrag_plus10_eur": round_cent(amount * config.WOGG_SURCHARGE_FACTOR),
                "klimakomponente_eur": klima,
                "fassung": table["gueltig_ab"],
                "quelle": citation.text,
                "zuverlaessigkeit": citation.zuverlaessigkeit,
            })
    return pd.DataFrame(rows)
