"""Availability: share of current rental offers at or below the Richtwert, per Vergleichsraum and household size.

Input: a CSV of offers in the format of ``data/raw/angebote/README.md``. An offer counts for household size *n*
if its area lies above the angemessene Wohnfläche for *n − 1* persons and at most at that for *n* persons.
"""

from __future__ import annotations

import csv
import re
from datetime import date
from decimal import Decimal
from pathlib import Path

from kdu_analysis.audit.findings import Finding, finding
from kdu_analysis.errors import InputError
from kdu_analysis.formatting import german_number
from kdu_analysis.reference.wohnflaeche import angemessene_wohnflaeche
from kdu_analysis.traeger import Ausgabe, Traeger, find_traeger, richtwert

RG = ("Konkrete Verfügbarkeit angemessenen Wohnraums (BSG-Rspr.; Prüfung anmietbarer Angebotsmieten wie in den "
      "Konzeptberichten „Brutto-Kaltmiete und anmietbare Angebotsmieten“)")
REQUIRED = ("traeger", "gemeinde", "wohnflaeche_m2", "bruttokaltmiete_eur", "datum", "quelle")
_NUMBER = re.compile(r"^\d+(\.\d+)?$")


def read_angebote(path: Path) -> list[dict]:
    """Read and strictly validate an offers CSV (machine dialect: comma, decimal point, ISO dates)."""
    path = Path(path)
    if not path.exists():
        raise InputError(f"Die Angebotsdatei {path} gibt es nicht", remedy="Bitte den Pfad prüfen")
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        missing = [c for c in REQUIRED if c not in (reader.fieldnames or [])]
        if missing:
            raise InputError(f"In der Angebotsdatei {path.name} fehlen die Spalten {', '.join(missing)}",
                             remedy="Format siehe data/raw/angebote/README.md (Komma als Trennzeichen, Punkt als Dezimalzeichen)")
        rows = []
        for line, rec in enumerate(reader, start=2):
            for col in ("wohnflaeche_m2", "bruttokaltmiete_eur"):
                if not _NUMBER.match((rec[col] or "").strip()):
                    raise InputError(f"Angebotsdatei {path.name}, Zeile {line}, Spalte {col}: {rec[col]!r} ist keine Zahl",
                                     remedy="Bitte Zahlen ohne Einheit und mit Punkt als Dezimalzeichen eintragen (z. B. 345.50)")
            try:
                day = date.fromisoformat(rec["datum"].strip())
            except ValueError:
                raise InputError(f"Angebotsdatei {path.name}, Zeile {line}: Datum {rec['datum']!r} ungültig",
                                 remedy="Bitte im Format JJJJ-MM-TT eintragen") from None
            rows.append({**rec, "zeile": line, "datum": day, "wohnflaeche_m2": Decimal(rec["wohnflaeche_m2"]),
                         "bruttokaltmiete_eur": Decimal(rec["bruttokaltmiete_eur"])})
    return rows


def _vr_of(traeger: Traeger, ausgabe: Ausgabe, offer: dict) -> str | None:
    if (offer.get("vergleichsraum") or "").strip():
        return offer["vergleichsraum"].strip()
    found = traeger.vergleichsraeume_fuer(offer["gemeinde"], ausgabe)
    return found[0].name if len(found) == 1 else None


def check(traeger: Traeger, ausgabe: Ausgabe, stichtag: date, angebote: list[dict], datei: str) -> list[Finding]:
    mine = [o for o in angebote if find_traeger(o["traeger"]).slug == traeger.slug]
    if not mine:
        return []
    groups: dict[tuple[str, int], list[dict]] = {}
    unassigned = 0
    for offer in mine:
        vr = _vr_of(traeger, ausgabe, offer)
        if vr is None:
            unassigned += 1
            continue
        size = 1
        while size < 8 and offer["wohnflaeche_m2"] > angemessene_wohnflaeche(size, traeger.name)[0]:
            size += 1
        groups.setdefault((vr, size), []).append(offer)
    out = []
    label = "Beispieldaten" if any("beispiel" in (o.get("quelle") or "").lower() for o in mine) else "Angebotsdaten"
    for (vr, size), offers in sorted(groups.items()):
        limit, note = richtwert(ausgabe, vr, size)
        if limit is None:
            continue
        fitting = sum(1 for o in offers if o["bruttokaltmiete_eur"] <= limit)
        share = Decimal(fitting) / Decimal(len(offers))
        ergebnis = "verstoss" if fitting == 0 else "hinweis"
        out.append(finding(traeger, "verfuegbarkeit", ergebnis,
                           f"{label}: {fitting} von {len(offers)} Angeboten passender Größe liegen höchstens beim "
                           f"Richtwert ({german_number(share * 100, 0)} %)."
                           + (" Kein Angebot war zum Richtwert anmietbar." if fitting == 0 else "")
                           + (f" Richtwert {note}." if note else ""),
                           stichtag=stichtag, ausgabe=ausgabe, vergleichsraum=vr, haushaltsgroesse=str(size),
                           wert=limit, rechtsgrundlage=RG,
                           quelle=f"{datei}; {ausgabe.quelle}", zuverlaessigkeit="C" if label == "Angebotsdaten" else "U"))
    if unassigned:
        out.append(finding(traeger, "verfuegbarkeit", "hinweis",
                           f"{unassigned} Angebote konnten keinem Vergleichsraum zugeordnet werden (Gemeinde nicht "
                           "erfasst); bitte die Spalte vergleichsraum ausfüllen.", stichtag=stichtag, ausgabe=ausgabe,
                           rechtsgrundlage=RG, quelle=datei, zuverlaessigkeit="U"))
    return out
