"""The codebook of the German-Excel tables: one home for each column's German header, unit and meaning (D808).

``codebook.yaml`` (validated against ``codebook.schema.json`` when first read) defines every column once and lists,
per table, its columns in order, its key columns and, where fixed, its row count. The writers take their headers
and decimals from here (``headers("fraktion")``); readers of the CSVs look headers up here too.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import yaml

from kdu_analysis.errors import ReferenceDataError
from kdu_analysis.schemas import first_error, load_schema

FOLDER = Path(__file__).resolve().parent


@dataclass(frozen=True)
class Spalte:
    name: str
    kopf: str
    bedeutung: str
    einheit: str | None = None
    nachkommastellen: int | None = None


@dataclass(frozen=True)
class Tabelle:
    name: str
    beschreibung: str
    spalten: tuple[Spalte, ...]
    schluessel: tuple[str, ...]
    zeilen: int | dict[str, int] | None = None  # fixed count, or counts by the date a Fassung took effect

    def rows(self, fassung: date | None = None) -> int | None:
        """The expected row count (for a table whose count changed: that of the Fassung in force on ``fassung``)."""
        if not isinstance(self.zeilen, dict):
            return self.zeilen
        dates = [d for d in sorted(self.zeilen) if fassung is None or date.fromisoformat(d) <= fassung]
        return self.zeilen[dates[-1]] if dates else None

    def headers(self) -> dict[str, str]:
        """Column name → German header, in table order (the ``columns`` argument of ``german_csv_text``)."""
        return {s.name: s.kopf for s in self.spalten}

    def decimals(self) -> dict[str, int]:
        """Columns printed with other than two decimals."""
        return {s.name: s.nachkommastellen for s in self.spalten if s.nachkommastellen is not None}


@functools.lru_cache(maxsize=1)
def _raw() -> dict:
    raw = yaml.safe_load((FOLDER / "codebook.yaml").read_text(encoding="utf-8"))
    problem = first_error(raw, load_schema(FOLDER / "codebook.schema.json"))
    undefined = sorted({(c if isinstance(c, str) else c["name"]) for t in raw["tabellen"].values() for c in t["spalten"]}
                       - set(raw["spalten"]))
    if problem or undefined:
        what = problem or f"Spalten ohne Eintrag: {', '.join(undefined)}"
        raise ReferenceDataError(f"codebook.yaml ist fehlerhaft ({what})",
                                 remedy="Bitte kdu_analysis/codebook/codebook.yaml nach codebook.schema.json berichtigen")
    return raw


@functools.lru_cache(maxsize=None)
def tabelle(name: str) -> Tabelle:
    raw = _raw()
    entry = raw["tabellen"][name]
    spalten = []
    for item in entry["spalten"]:
        item = {"name": item} if isinstance(item, str) else item
        base = raw["spalten"][item["name"]]
        spalten.append(Spalte(name=item["name"], kopf=item.get("kopf", base["kopf"]), bedeutung=base["bedeutung"],
                              einheit=base.get("einheit"), nachkommastellen=item.get("nachkommastellen")))
    return Tabelle(name, entry["beschreibung"], tuple(spalten), tuple(entry["schluessel"]), entry.get("zeilen"))


def tabellen() -> list[str]:
    return list(_raw()["tabellen"])


def headers(name: str) -> dict[str, str]:
    """``headers("fraktion")`` → ``{"stand": "Stand", "vergleichsraum": "Vergleichsraum", …}``."""
    return tabelle(name).headers()


def decimals(name: str) -> dict[str, int]:
    return tabelle(name).decimals()
