"""What a Richtwert table column or row means, from the words printed in its header or label."""

from __future__ import annotations

import re

# contract §1 value columns
MONTHLY = {"nkm": "nettokaltmiete_eur", "bk": "betriebskosten_eur", "bkm": "bruttokaltmiete_eur",
           "heiz": "heizkosten_eur", "warm": "bruttowarmmiete_eur"}
PER_M2 = {"nkm": "nettokaltmiete_eur_m2", "bk": "betriebskosten_eur_m2", "bkm": "bruttokaltmiete_eur_m2"}

_SIZE_RE = re.compile(
    r"^(?:(?:für\s+)?(?:jede|je)\s+weitere(?:\s+(?:Person|Haushaltsmitglied|Mitglied|P\.?))?|\+\s*1(?:\s*P\.?)?)$"
    r"|^(?P<n>[1-9])\s*(?:-|\s)?\s*(?:Person(?:en)?(?:-?[Hh]aushalte?)?|P\.?|Pers\.?)?$",
    re.IGNORECASE,
)
# page numbers and running heads ("Seite 2 von 3", "- 4 -"): no part of a table
PAGE_FURNITURE = re.compile(r"(Seite )?\d+( von \d+)?|- \d+ -")
# a caption saying the table by household size beneath it holds no Richtwert (moving allowance, deposit …)
NOT_RICHTWERT = re.compile(r"(?i)umzug|kaution|einmalig|keine unterkunftskosten|erstausstattung|pauschale|regelbedarf")
_OLD_MARKERS = ("bisherig", "vergleich", "alter wert", "alte werte", "bis 31.", "vorher")
_DIFF_MARKERS = ("differenz", "veränderung", "änderung")


def reads_as_caption(text: str) -> bool:
    """A line's text shaped like a table caption: it ends with a colon, or it is short and no sentence."""
    text = text.rstrip()
    return text.endswith(":") or (len(text) <= 60 and not text.endswith("."))


def size_token(text: str) -> str | None:
    """``"1"``…``"9"`` or ``"+1"`` for a household-size header or row label, else ``None``."""
    m = _SIZE_RE.match(" ".join(text.split()))
    if not m:
        return None
    return m.group("n") if m.group("n") else "+1"


def measure_of(text: str) -> str | None:
    """Which rent concept a header or label names: warm, heiz, bkm, nkm, bk — warm first, so that
    "Bruttowarmmiete inkl. Heizkosten" never lands in a cold-rent column."""
    t = text.lower().replace("unterkunft und heizung", "unterkunft")
    # "ohne Heizung/Heizkosten", "exkl. Heizkosten" say what a cold rent leaves out: not a heating column
    t = re.sub(r"\b(ohne|exkl\.?|exklusive|zuzüglich|zzgl\.?)\s+heiz\w*", " ", t)
    if "warm" in t or "inkl. heiz" in t or "einschließlich heiz" in t or "inklusive heiz" in t:
        return "warm"
    if "heiz" in t:
        return "heiz"
    if "bruttokalt" in t or "brutto-kalt" in t or re.search(r"\bbkm\b", t) or "bruttokaltmiete" in t:
        return "bkm"
    if "nettokalt" in t or "netto-kalt" in t or "grundmiete" in t or re.search(r"\bnkm\b", t):
        return "nkm"
    if "betriebskosten" in t or re.search(r"\bbk\b", t):
        return "bk"
    if "richtwert" in t or "angemessen" in t or "mietobergrenze" in t or "gesamtmiete" in t:
        return "bkm"
    return None


def is_per_m2(text: str) -> bool:
    t = text.lower().replace(" ", "")
    return any(x in t for x in ("€/m²", "€/m2", "eur/m²", "euro/m²", "jem²", "proqm", "jeqm", "/qm", "jequadratmeter", "proquadratmeter"))


def is_old(text: str) -> bool:
    t = text.lower()
    return any(m in t for m in _OLD_MARKERS) or bool(re.search(r"\b(alt|bisher)\b", t))


def is_difference(text: str) -> bool:
    t = text.lower()
    return any(m in t for m in _DIFF_MARKERS)


def is_new(text: str) -> bool:
    return bool(re.search(r"\bneu(e|er|es)?\b", text.lower()))


def is_current(text: str) -> bool:
    return "aktuell" in text.lower() or "derzeit" in text.lower()


_VERSION_MARK = re.compile(r"(?i)^(neue?[rs]?|alte?[rs]?|bisherige?[rs]?|bisher|aktuelle?[rs]?|derzeitige?[rs]?|künftige?[rs]?"
                           r"|differenz|(ver)?änderung|\d{1,2}\.\d{1,2}\.(\d{2}|\d{4})?)$")
_VERSION_FILLER = re.compile(r"(?i)^(werte?|richtwerte?|ab|bis|seit|gültig|zum|vom|in|€|euro|\+|-|–|\d{4})$")


def is_version(text: str) -> bool:
    """A sub-head that only says which edition of a value a column holds: "neu", "bisherige Werte", "Differenz",
    "ab 01.01.", "bis 31.12." — it names no rent concept of its own."""
    words = text.replace("(", " ").replace(")", " ").replace(":", " ").split()
    return bool(words) and any(_VERSION_MARK.match(w) for w in words) \
        and all(_VERSION_MARK.match(w) or _VERSION_FILLER.match(w) for w in words)
