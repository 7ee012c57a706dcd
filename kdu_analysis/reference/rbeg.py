"""The Regelbedarfs-Ermittlungsgesetze 2011, 2017 and 2021: §§ 5–8 figures."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from kdu_analysis.errors import ReferenceDataError
from kdu_analysis.reference.params import Citation, load_raw, make_citation

GESETZE = ("RBEG2011", "RBEG2017", "RBEG2021")
HAUSHALTSTYPEN = ("einpersonen", "kind_0_5", "kind_6_13", "kind_14_17")
#: Which Regelbedarfsstufe each reference household type determines (§ 8 RBEG).
STUFE_FUER_TYP = {"einpersonen": 1, "kind_14_17": 4, "kind_6_13": 5, "kind_0_5": 6}


@dataclass(frozen=True)
class Rbeg:
    gesetz: str
    erstes_jahr: int
    evs_jahr: int
    abteilungen: dict[str, dict[str, Decimal]]  # haushaltstyp -> abteilung code -> €
    summen: dict[str, Decimal]
    fortschreibung_rate: Decimal
    betraege_berechnet: dict[int, Decimal]
    betraege_angewandt: dict[int, Decimal]
    anteil_rbs2: Decimal
    anteil_rbs3: Decimal
    labels: dict[str, str]
    citation: Citation
    haushaltstyp_labels: dict[str, str]
    hinweis: str = ""


def rbeg(gesetz: str) -> Rbeg:
    raw = load_raw("rbeg")
    for entry in raw["eintraege"]:
        if entry["gesetz"] == gesetz:
            codes = list(entry["abteilungen"])
            abteilungen = {
                typ: {code: Decimal(str(v)) for code, v in zip(codes, values, strict=True)}
                for typ, values in entry["werte"].items()
            }
            return Rbeg(
                gesetz=gesetz,
                erstes_jahr=entry["erstes_jahr"],
                evs_jahr=entry["evs_jahr"],
                abteilungen=abteilungen,
                summen={k: Decimal(str(v)) for k, v in entry["summen"].items()},
                fortschreibung_rate=Decimal(str(entry["fortschreibung"])),
                betraege_berechnet={i + 1: Decimal(v) for i, v in enumerate(entry["stufen_berechnet"])},
                betraege_angewandt={i + 1: Decimal(v) for i, v in enumerate(entry["stufen_angewandt"])},
                anteil_rbs2=Decimal(str(entry["anteile_rbs2_rbs3"][0])),
                anteil_rbs3=Decimal(str(entry["anteile_rbs2_rbs3"][1])),
                labels=dict(entry["abteilungen"]),
                citation=make_citation(entry),
                haushaltstyp_labels=dict(raw["haushaltstypen"]),
                hinweis=entry.get("hinweis", ""),
            )
    raise ReferenceDataError(f"Unbekanntes Gesetz {gesetz!r}", remedy="Möglich sind: " + ", ".join(GESETZE))


def rbeg_for_year(jahr: int) -> Rbeg | None:
    """The RBEG whose first year is ``jahr`` (a Neuermittlung year), else ``None``."""
    return next((law for law in map(rbeg, GESETZE) if law.erstes_jahr == jahr), None)


def rbeg_for_evs_year(evs_jahr: int) -> Rbeg | None:
    """The RBEG built on the EVS of ``evs_jahr`` (2008 → RBEG 2011, 2013 → 2017, 2018 → 2021), else ``None``."""
    return next((law for law in map(rbeg, GESETZE) if law.evs_jahr == evs_jahr), None)


def abteilungen_des_gesetzes(gesetz: str) -> dict[str, tuple[str, ...]]:
    """Each Abteilung key of §§ 5/6 → the EVS Abteilungen it covers. RBEG 2017 and 2021 count Abteilung 1 und 2
    together under "01" (their label says so); RBEG 2011 lists Abteilung 1 alone (Abteilung 2 not relevant)."""
    law = rbeg(gesetz)
    out = {}
    for code, label in law.labels.items():
        together = re.search(r"Abteilung\s+(\d{1,2})\s+und\s+(\d{1,2})", label)
        out[code] = tuple(f"{int(g):02d}" for g in together.groups()) if together else (code,)
    return out


def paragraph_fuer_typ(haushaltstyp: str) -> str:
    """§ 5 for single households, § 6 for the children of couple households."""
    return "§ 5" if haushaltstyp == "einpersonen" else "§ 6"
