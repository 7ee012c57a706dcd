"""Karenzzeit for housing costs (§ 22 Abs. 1 S. 2 ff. SGB II): which version of the rule holds in a month, the
transition of 2023 (§ 65 Abs. 3 and 6 SGB II) and the cap of 1.5 × the appropriate amount from 01.07.2026
(13th SGB II amendment, BGBl. 2026 I Nr. 107). Data: ``reference/data/karenzzeit.yaml`` (own schema)."""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

import jsonschema

from kdu_analysis.config import REFERENCE_SCHEMA_DIR
from kdu_analysis.errors import ReferenceDataError
from kdu_analysis.formatting import german_date
from kdu_analysis.money import round_cent
from kdu_analysis.reference.params import Citation, load_raw, make_citation


def _jsonable(value):
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_jsonable(v) for v in value]
    return value.isoformat() if isinstance(value, date) else value


@functools.lru_cache(maxsize=1)
def raw() -> dict:
    """The validated data file (``ReferenceDataError`` if it breaks its schema)."""
    data = load_raw("karenzzeit")
    schema = json.loads((REFERENCE_SCHEMA_DIR / "karenzzeit.schema.json").read_text(encoding="utf-8"))
    try:
        jsonschema.validate(_jsonable(data), schema)
    except jsonschema.ValidationError as exc:
        raise ReferenceDataError(f"Die Referenzdatei karenzzeit.yaml ist ungültig ({exc.message})",
                                 remedy="Bitte kdu_analysis/reference/data/karenzzeit.yaml korrigieren") from None
    return data


@dataclass(frozen=True)
class Fassung:
    """One version of the Karenzzeit rule."""

    gueltig_ab: date
    gueltig_bis: date | None
    fassung: str  # "buergergeld" | "grundsicherungsgeld"
    monate: int
    deckel_faktor: Decimal | None
    saetze: dict
    ausnahmen: tuple[str, ...]
    keine_karenzzeit: tuple[str, ...]
    hinweis: str | None
    citation: Citation
    url: str | None

    def deckel(self, angemessen: Decimal) -> Decimal | None:
        """Upper limit within the Karenzzeit (1.5 × the abstract appropriate amount), ``None`` where uncapped."""
        return None if self.deckel_faktor is None else round_cent(angemessen * self.deckel_faktor)


def fassung_am(monat: date) -> Fassung | None:
    """The rule in force in ``monat``; ``None`` before the Karenzzeit existed (before 01.01.2023)."""
    entries = [e for e in raw()["eintraege"] if e["gueltig_ab"] <= monat
               and (e.get("gueltig_bis") is None or monat <= e["gueltig_bis"])]
    if not entries:
        return None
    e = max(entries, key=lambda x: x["gueltig_ab"])
    return Fassung(gueltig_ab=e["gueltig_ab"], gueltig_bis=e.get("gueltig_bis"), fassung=e["fassung"],
                   monate=e["monate"], deckel_faktor=Decimal(e["deckel_faktor"]) if e["deckel_faktor"] else None,
                   saetze=dict(e["saetze"]), ausnahmen=tuple(e["ausnahmen"]),
                   keine_karenzzeit=tuple(e["keine_karenzzeit"]), hinweis=e.get("hinweis"),
                   citation=make_citation(e), url=e["quelle"].get("url"))


def eingefuehrt_am() -> date:
    """First day a Karenzzeit existed (01.01.2023)."""
    return min(e["gueltig_ab"] for e in raw()["eintraege"])


def aenderungen() -> list[date]:
    """Days on which the rule changed after its introduction (01.07.2026)."""
    return sorted(e["gueltig_ab"] for e in raw()["eintraege"])[1:]


@dataclass(frozen=True)
class Uebergang:
    id: str
    paragraph: str
    stichtag: date
    regel: str
    citation: Citation
    url: str | None


def uebergang(regel_id: str) -> Uebergang:
    for u in raw()["uebergang"]:
        if u["id"] == regel_id:
            return Uebergang(id=u["id"], paragraph=u["paragraph"], stichtag=u["stichtag"], regel=u["regel"],
                             citation=make_citation(u), url=u["quelle"].get("url"))
    raise ReferenceDataError(f"Übergangsregel {regel_id!r} ist nicht erfasst", remedy="Bitte karenzzeit.yaml prüfen")


@dataclass(frozen=True)
class Gesetz:
    key: str
    name: str
    datum: date
    bgbl: str
    bgbl_ausgabetag: date
    zuverlaessigkeit: str

    @property
    def zitat(self) -> str:
        """``"… vom 16.12.2022 (BGBl. I S. 2328)"``: the act's own date, never its BGBl. issue date."""
        return f"{self.name} vom {german_date(self.datum)} ({self.bgbl})"


def gesetze() -> list[Gesetz]:
    return [Gesetz(key=k, name=g["name"], datum=g["datum"], bgbl=g["bgbl"], bgbl_ausgabetag=g["bgbl_ausgabetag"],
                   zuverlaessigkeit=g["zuverlaessigkeit"]) for k, g in raw()["gesetze"].items()]


def karenzzeit_beginn(leistungsbeginn: date) -> date:
    """First month of the Karenzzeit for benefits received since ``leistungsbeginn`` (first month ever, or after three
    years without SGB II/XII benefits): months up to 31.12.2022 are disregarded (§ 65 Abs. 3 SGB II)."""
    start = date(leistungsbeginn.year, leistungsbeginn.month, 1)
    return max(start, uebergang("bezug_vor_2023").stichtag)


def karenzzeit_ende(leistungsbeginn: date) -> date:
    """First month after the Karenzzeit (interruptions, which extend it, are not known to the program)."""
    start = karenzzeit_beginn(leistungsbeginn)
    fassung = fassung_am(start)
    index = start.year * 12 + start.month - 1 + fassung.monate
    return date(index // 12, index % 12 + 1, 1)
