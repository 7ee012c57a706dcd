"""Published Regelbedarfsstufen (Anlage zu § 28 SGB XII) and the yearly Fortschreibung parameters."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pandas as pd

from kdu_analysis.errors import ReferenceDataError
from kdu_analysis.reference.params import Citation, entry_in_force, load_raw, make_citation

STUFEN = (1, 2, 3, 4, 5, 6)


def _entry(stichtag: date) -> dict:
    return entry_in_force(load_raw("regelbedarfsstufen")["eintraege"], stichtag, what="die Regelbedarfsstufen")


def _check_stufe(stufe: int) -> None:
    if stufe not in STUFEN:
        raise ReferenceDataError(f"Regelbedarfsstufe {stufe} gibt es nicht", remedy="Gültig sind die Stufen 1 bis 6")


def regelbedarf(stufe: int, stichtag: date) -> Decimal:
    """The published amount of Regelbedarfsstufe ``stufe`` in force on ``stichtag`` (whole euros)."""
    _check_stufe(stufe)
    return Decimal(str(_entry(stichtag)["werte"][stufe - 1]))


def regelbedarf_citation(stufe: int, stichtag: date) -> Citation:
    _check_stufe(stufe)
    return make_citation(_entry(stichtag))


def regelbedarf_entries() -> list[dict]:
    return list(load_raw("regelbedarfsstufen")["eintraege"])


def regelbedarf_table() -> pd.DataFrame:
    """All amounts since 2011 in the columns of contracts §5 (+ zuverlaessigkeit, hinweis)."""
    rows = []
    for entry in regelbedarf_entries():
        citation = make_citation(entry)
        for stufe in STUFEN:
            rows.append({
                "gueltig_ab": entry["gueltig_ab"],
                "stufe": stufe,
                "betrag_eur": Decimal(str(entry["werte"][stufe - 1])),
                "quelle": citation.text,
                "zuverlaessigkeit": citation.zuverlaessigkeit,
                "nullrunde": bool(entry.get("nullrunde", False)),
            })
    return pd.DataFrame(rows)


def fortschreibung(jahr: int) -> dict:
    """Rates of the yearly update for ``jahr`` as Decimals plus citation and notes.

    Keys: ``art`` (rbeg | mischindex | zweistufig), ``basis``, optional ``vorstufe`` (2012, § 138 SGB XII),
    ``ergaenzend`` (from 2023), ``basisbetraege`` (2023), ``preise``/``loehne`` where published, ``citation``, ``hinweis``.
    """
    for entry in load_raw("fortschreibung")["eintraege"]:
        if entry["jahr"] == jahr:
            out = {k: v for k, v in entry.items() if k not in ("quelle",)}
            for key in ("basis", "vorstufe", "ergaenzend", "preise", "loehne"):
                if key in out:
                    out[key] = Decimal(str(out[key]))
            if "basisbetraege" in out:
                out["basisbetraege"] = [Decimal(str(v)) for v in out["basisbetraege"]]
            out["citation"] = make_citation(entry, fassung=date(jahr, 1, 1))
            return out
    raise ReferenceDataError(f"Für {jahr} ist keine Fortschreibung der Regelbedarfe erfasst",
                             remedy="Erfasst sind die Jahre 2011 bis 2026")
