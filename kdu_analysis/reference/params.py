"""Generic loader for the dated, cited parameter files (GETTSIM-style)."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from datetime import date
from typing import Any

import yaml

from kdu_analysis.config import REFERENCE_DATA_DIR
from kdu_analysis.errors import ReferenceDataError
from kdu_analysis.formatting import german_date


@dataclass(frozen=True)
class Citation:
    """A source as users see it: ``text`` (law, §, Fundstelle), the date the value took effect, the label."""

    text: str
    fassung: date | None  # None where the source carries no effective date (e.g. a Richtlinie's area table)
    zuverlaessigkeit: str

    def __str__(self) -> str:
        return self.text


def citation_text(quelle: dict[str, Any]) -> str:
    """``"§ 12 Abs. 1 WoGG – Wohngeldgesetz (WoGG) – Art. 1 G v. 24.09.2008, BGBl. I S. 1856"``."""
    parts = [quelle.get("paragraph"), quelle.get("gesetz"), quelle.get("fundstelle")]
    return " – ".join(p for p in parts if p)


def make_citation(entry: dict[str, Any], fassung: date | None = None) -> Citation:
    return Citation(
        text=citation_text(entry["quelle"]),
        fassung=fassung or entry.get("gueltig_ab"),
        zuverlaessigkeit=entry["zuverlaessigkeit"],
    )


@functools.lru_cache(maxsize=None)
def load_raw(name: str) -> dict[str, Any]:
    """The parsed YAML file ``data/<name>.yaml`` (cached; treat as read-only)."""
    path = REFERENCE_DATA_DIR / f"{name}.yaml"
    if not path.exists():
        raise ReferenceDataError(f"Die Referenzdatei {path.name} fehlt", remedy="Bitte das Paket neu installieren")
    with path.open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def entry_in_force(entries: list[dict[str, Any]], stichtag: date, *, what: str) -> dict[str, Any]:
    """The latest entry with ``gueltig_ab <= stichtag``: it stays in force until a later entry replaces it.

    Only where the law itself ends a value does the entry carry ``gueltig_bis`` (with ``befristung``); after that
    date nothing is in force and the lookup refuses. Pending successors are named, never applied (``geltung``).
    """
    candidates = [e for e in entries if e["gueltig_ab"] <= stichtag]
    if not candidates:
        first = min(e["gueltig_ab"] for e in entries)
        raise ReferenceDataError(
            f"Für {what} am {german_date(stichtag)} ist keine Fassung erfasst (erfasst ab {german_date(first)})",
            remedy="Bitte einen Stichtag ab diesem Datum wählen",
        )
    entry = max(candidates, key=lambda e: e["gueltig_ab"])
    end = entry.get("gueltig_bis")
    if end is not None and stichtag > end:
        raise ReferenceDataError(
            f"Für {what} am {german_date(stichtag)} ist keine Fassung erfasst (die letzte erfasste galt bis {german_date(end)})",
            remedy="Bitte die Referenzdaten um die neue Fassung ergänzen (kdu_analysis/reference/data)",
        )
    return entry
