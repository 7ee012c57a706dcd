"""What is in force on a Stichtag, and what is pending: "in force until changed" in plain German.

A legal value stays in force until a later entry replaces it or the law itself sets an end (``gueltig_bis``
with ``befristung``). Scheduled or pending changes are data of their file (``anstehend``: what, when due,
source, status, Stand der Daten) — never values: they are named, never applied. A pending item is settled
once an entry taking effect on or after its due date is recorded.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from kdu_analysis import config
from kdu_analysis.formatting import german_date
from kdu_analysis.reference.params import Citation, entry_in_force, load_raw, make_citation

#: Files with a "state in force" (file stem → entries in force; components: the table of one component).
BEREICHE = ("wogg_hoechstbetraege", "mietenstufen_sachsen", "wogg_komponenten", "regelbedarfsstufen")

_ART = {"planmaessig": "planmäßig", "gesetzentwurf": "Gesetzentwurf", "angekuendigt": "angekündigt"}


def _de(day: date) -> str:
    return german_date(day)


@dataclass(frozen=True)
class Anstehend:
    """A scheduled or pending change of one reference file (no values)."""

    datei: str
    was: str
    kurz: str
    faellig: date
    art: str
    quelle: str
    status: str
    stand: date
    zuverlaessigkeit: str
    betrifft: str | None = None

    def satz(self) -> str:
        """``"<was> – fällig 01.01.2027 (Gesetzentwurf); <status> (Quelle: …; Stand der Daten 10.10.2026)"``."""
        return (f"{self.was} – fällig {_de(self.faellig)} ({_ART.get(self.art, self.art)}); {self.status} "
                f"(Quelle: {self.quelle}; Stand der Daten {_de(self.stand)}; Verlässlichkeit {self.zuverlaessigkeit})")


def _entries(raw: dict) -> list[dict]:
    if "eintraege" in raw:
        return raw["eintraege"]
    return [e for entries in raw["komponenten"].values() for e in entries]


def anstehend(datei: str, *, offen_nur: bool = True) -> list[Anstehend]:
    """Pending items of ``datei``; with ``offen_nur`` only those not yet settled by a recorded entry."""
    raw = load_raw(datei)
    entries = _entries(raw)
    out = []
    for item in raw.get("anstehend", []):
        targets = raw["komponenten"][item["betrifft"]] if item.get("betrifft") else entries
        settled = any(e["gueltig_ab"] >= item["faellig"] for e in targets)
        if offen_nur and settled:
            continue
        out.append(Anstehend(datei=datei, was=item["was"], kurz=item["kurz"], faellig=item["faellig"], art=item["art"],
                             quelle=item["quelle"], status=item["status"], stand=item["stand"],
                             zuverlaessigkeit=item["zuverlaessigkeit"], betrifft=item.get("betrifft")))
    return sorted(out, key=lambda a: a.faellig)


@dataclass(frozen=True)
class Geltung:
    """The edition of one legal area in force on ``stichtag`` and what is pending for it."""

    datei: str
    bereich: str
    stichtag: date
    fassung: date
    citation: Citation
    anstehend: tuple[Anstehend, ...]  # open items due by stichtag + config.PENDING_HORIZON_DAYS

    @property
    def ueberfaellig(self) -> tuple[Anstehend, ...]:
        """Open items whose due date has passed: a newer edition may exist that the data do not record."""
        return tuple(a for a in self.anstehend if a.faellig <= self.stichtag)

    def saetze(self) -> list[str]:
        """German sentences: the edition in force, then each pending item."""
        first = f"{self.bereich}: es gilt die Fassung ab {_de(self.fassung)} ({self.citation.text})."
        if self.ueberfaellig:
            first = (f"{self.bereich}: {self._keine_neue()}; es gilt die Fassung ab {_de(self.fassung)} "
                     f"({self.citation.text}) weiter, bis eine neue verkündet ist.")
        return [first, *[f"Anstehend: {a.satz()}." for a in self.anstehend]]

    def _keine_neue(self) -> str:
        late = self.ueberfaellig
        return (f"Für die Zeit ab {_de(min(a.faellig for a in late))} ist in den Daten des Projekts (Stand der Daten "
                f"{_de(max(a.stand for a in late))}) keine neue Fassung erfasst")

    def text(self) -> str:
        return " ".join(self.saetze())

    def kurz(self) -> tuple[str, str]:
        """(headline, detail) for a slide bullet: the edition in force and, briefly, what is pending."""
        head = f"{self.bereich}: es gilt die Fassung ab {_de(self.fassung)}"
        detail = ""
        if self.ueberfaellig:
            detail = f"Keine neuere erfasst (Stand der Daten {_de(max(a.stand for a in self.ueberfaellig))}). "
        if self.anstehend:
            detail += "Anstehend: " + "; ".join(a.kurz for a in self.anstehend)
        return head, detail.strip() or self.citation.text


def _in_force(datei: str, stichtag: date) -> dict:
    raw = load_raw(datei)
    if datei == "wogg_komponenten":  # the Klimakomponente stands for the pair (same act, same dates)
        return entry_in_force(raw["komponenten"]["klimakomponente"], stichtag, what=raw["benennung"]["bereich"])
    return entry_in_force(raw["eintraege"], stichtag, what=raw["benennung"]["bereich"])


def geltung(datei: str, stichtag: date) -> Geltung:
    """What is in force for ``datei`` on ``stichtag`` (raises ReferenceDataError where nothing is recorded)."""
    raw = load_raw(datei)
    entry = _in_force(datei, stichtag)
    horizon = stichtag + timedelta(days=config.PENDING_HORIZON_DAYS)
    pending = tuple(a for a in anstehend(datei) if entry["gueltig_ab"] < a.faellig <= horizon)
    return Geltung(datei=datei, bereich=raw["benennung"]["bereich"], stichtag=stichtag, fassung=entry["gueltig_ab"],
                   citation=make_citation(entry), anstehend=pending)


def faellige_nachfolger(stichtag: date, tage: int | None = None) -> list[Anstehend]:
    """Every open item whose due date lies within ``tage`` days after ``stichtag`` or has already passed."""
    tage = config.SUCCESSOR_DUE_DAYS if tage is None else tage
    limit = stichtag + timedelta(days=tage)
    return sorted((a for datei in BEREICHE for a in anstehend(datei) if a.faellig <= limit),
                  key=lambda a: (a.faellig, a.datei))
