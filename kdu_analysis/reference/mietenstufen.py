"""Mietenstufen of Saxon Gemeinden from the WoGV Anlage in force on a date.

Gemeinden with 10 000+ inhabitants are listed by name; every other Gemeinde takes its Kreis' value
(2009–2015: the Altkreis before the Kreisreform of 01.08.2008). The 2016–2019 Anlage is a known
gap: lookups in that period fail instead of borrowing another version.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from kdu_analysis.errors import ReferenceDataError
from kdu_analysis.formatting import german_date
from kdu_analysis.reference.params import Citation, entry_in_force, load_raw, make_citation

_PREFIXES = ("landeshauptstadt ", "große kreisstadt ", "grosse kreisstadt ", "kreisfreie stadt ", "stadt ", "gemeinde ")
_SUFFIX_ALIASES = [
    (r"/\s*sachsen$", ""), (r"/\s*sa\.?$", ""), (r"\s+i\.\s*sa\.?$", ""),
    (r"/\s*vogtland$", "/vogtl"), (r"/\s*vogtl\.?$", "/vogtl"),
    (r"/\s*erzgebirge$", "/erzgeb"), (r"/\s*erzgeb\.?$", "/erzgeb"),
    (r"/\s*o\.\s*l\.?$", "/ol"),
]


def normalise_gemeinde(name: str) -> str:
    """Comparable key for a Gemeinde name ("Stadt Frankenberg/Sa." ~ "Frankenberg/Sachsen")."""
    key = " ".join(name.strip().lower().split())
    for prefix in _PREFIXES:
        if key.startswith(prefix):
            key = key[len(prefix):]
    for pattern, repl in _SUFFIX_ALIASES:
        key = re.sub(pattern, repl, key)
    return key.replace(" ", "")


def normalise_kreis(name: str) -> str:
    key = " ".join(name.strip().lower().split())
    for prefix in ("landkreis ", "lk ", "kreis "):
        if key.startswith(prefix):
            key = key[len(prefix):]
            if key == "leipzig":
                return "leipzig(landkreis)"
    return key.replace(" ", "")


@dataclass(frozen=True)
class MietenstufeResult:
    stufe: str
    gemeinde: str
    grundlage: str  # "gemeinde" (listed by name) or "kreis" (Kreis/Altkreis value)
    citation: Citation
    kreis: str | None = None


def anlage(stichtag: date) -> dict | None:
    """The WoGV annex entry in force on ``stichtag`` (``gemeinden``, ``kreise``, ``kreisgliederung``, source), or
    ``None`` for the 2016–2019 gap (the annex is not in the project's data)."""
    entry = entry_in_force(load_raw("mietenstufen_sachsen")["eintraege"], stichtag, what="die Mietenstufen (Anlage zur WoGV)")
    return None if entry.get("luecke") else entry


def anlage_in_kraft(stichtag: date) -> dict:
    """Like :func:`anlage`, but the 2016–2019 gap is refused with a German message and a remedy."""
    entry = anlage(stichtag)
    if entry is None:
        raise ReferenceDataError(
            f"Für den {german_date(stichtag)} gilt die WoGV-Anlage 'Mietenstufen ab 1. Januar 2016' (2016–2019); "
            "sie liegt dem Projekt nicht vor, deshalb wird keine Mietenstufe angegeben",
            remedy="Bitte die Anlage aus dem BGBl. ergänzen (kdu_analysis/reference/data/mietenstufen_sachsen.yaml) "
            "oder einen Stichtag ab 2020 bzw. bis 2015 wählen",
        )
    return entry


def mietenstufe(gemeinde: str, stichtag: date, kreis: str | None = None) -> MietenstufeResult:
    """The Mietenstufe of a Saxon Gemeinde (or kreisfreie Stadt) on ``stichtag``."""
    entry = anlage_in_kraft(stichtag)
    citation = make_citation(entry)
    key = normalise_gemeinde(gemeinde)
    for name, stufe in entry["gemeinden"].items():
        if normalise_gemeinde(name) == key:
            return MietenstufeResult(stufe, name, "gemeinde", citation)
    altkreise = entry.get("kreisgliederung") == "altkreise"
    if kreis is None:
        which = "Altkreis (Gebietsstand vor dem 01.08.2008)" if altkreise else "Landkreis"
        raise ReferenceDataError(
            f"{gemeinde!r} ist in der WoGV-Anlage ab {german_date(entry['gueltig_ab'])} nicht gesondert aufgeführt; "
            f"für sie gilt die Mietenstufe ihres Kreises",
            remedy=f"Bitte den {which} mit --kreis angeben (möglich: {', '.join(entry['kreise'])})",
        )
    kreis_key = normalise_kreis(kreis)
    for name, info in entry["kreise"].items():
        if normalise_kreis(name) == kreis_key or normalise_kreis(name) == kreis_key.replace("(landkreis)", ""):
            return MietenstufeResult(info["stufe"], gemeinde, "kreis", citation, kreis=name)
    raise ReferenceDataError(
        f"Kreis {kreis!r} ist in der WoGV-Anlage ab {german_date(entry['gueltig_ab'])} unbekannt",
        remedy=f"Möglich sind: {', '.join(entry['kreise'])}",
    )


def kreis_names(stichtag: date) -> list[str]:
    return list(anlage_in_kraft(stichtag)["kreise"])


def listed_gemeinden(stichtag: date) -> dict[str, str]:
    """Gemeinden listed by name with their Stufe on ``stichtag``."""
    return dict(anlage_in_kraft(stichtag)["gemeinden"])
