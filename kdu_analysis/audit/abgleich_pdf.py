"""Check family ``abgleich_pdf``: when a user puts a Kreis PDF into ``data/raw/pdf/``, report every difference
between its Richtwert table and the bundled values.

The audit never opens a PDF (D001): the caller reads the documents (``loaders.documents.read_documents``, through
the content-keyed cache and within the time and memory budget) and passes the readings in. Only tables that passed
the reader's proof gate arrive with rows; a refused or unreadable document is listed with its reason, never compared.

The table is matched to a Träger by the name the reader recognised, and to the bundled edition(s) with the same
"gültig ab" date (or the edition in force on the Stichtag when the document states none). Where several bundled
editions share the date (a press release and its correction), the one with the fewest differences is used and named.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from typing import Protocol

import pandas as pd

from kdu_analysis.audit.findings import Finding, finding
from kdu_analysis.errors import KduError
from kdu_analysis.formatting import euro, german_date
from kdu_analysis.traeger import MEASURES, SIZES, Ausgabe, Traeger, find_traeger, vr_names

RG = "Abgleich der gebündelten (aus Sekundärquellen übernommenen) Werte mit dem Dokument des Trägers"
_COMPARED = [m for m in MEASURES if m != "betrag_eur"]


class Lesung(Protocol):
    """What the audit needs of a read document (``loaders.documents.Reading`` has it)."""

    datei: str  # file name
    sha256: str
    frame: pd.DataFrame | None  # the proven rows (contracts §1 columns); None: unreadable or refused
    traeger: str | None  # the Träger as named in the document
    gueltig_ab: date | None
    fehler: str | None  # German reason when there are no rows
    abgelehnt: bool  # the proof gate refused the table


def _traeger_of(lesung: Lesung) -> Traeger | None:
    if lesung.frame is None or not lesung.traeger:
        return None
    try:
        return find_traeger(lesung.traeger)
    except KduError:
        return None


def nicht_zugeordnet(lesungen: Sequence[Lesung]) -> list[str]:
    """German warnings for documents that could not be read, whose table was refused, or that name no bundled Träger."""
    out = []
    for lesung in lesungen:
        if lesung.frame is None:
            grund = ("Tabelle abgelehnt: " if lesung.abgelehnt else "") + (lesung.fehler or "")
            out.append(f"{lesung.datei}: nicht gelesen ({grund})")
        elif _traeger_of(lesung) is None:
            out.append(f"{lesung.datei}: Träger nicht erkannt ({lesung.traeger or 'kein Name im Dokument'}); "
                       "kein Abgleich")
    return out


def _norm(name: str) -> str:
    return " ".join(str(name or "").lower().split())


def _cells(traeger: Traeger, ausgabe: Ausgabe, frame) -> tuple[list, list]:
    """(differences, matches) as (vr, size, measure, pdf value, bundled value, seite)."""
    names = vr_names(ausgabe)
    by_norm = {_norm(n): n for n in names}
    diffs, same = [], []
    seen = set()
    for row in frame.to_dict(orient="records"):
        vr = by_norm.get(_norm(row["vergleichsraum"])) or (names[0] if not row["vergleichsraum"] and len(names) == 1 else None)
        for m in _COMPARED:
            pdf_value = row.get(m)
            if pdf_value is None or pdf_value != pdf_value:
                continue
            pdf_value = Decimal(str(pdf_value))
            bundled = ausgabe.wert(m, vr, row["haushaltsgroesse"]) if vr else None
            seen.add((vr, row["haushaltsgroesse"], m))
            cell = (vr or row["vergleichsraum"] or "(ohne Bezeichnung)", row["haushaltsgroesse"], m, pdf_value, bundled,
                    row.get("seite"))
            (same if bundled == pdf_value else diffs).append(cell)
    for m, table in ausgabe.werte.items():
        for vr, values in table.items():
            for size, v in zip(SIZES, values):
                if v is not None and m in _COMPARED and (vr, size, m) not in seen:
                    diffs.append((vr, size, m, None, v, None))
    return diffs, same


def check(traeger: Traeger, stichtag: date, lesungen: Sequence[Lesung]) -> list[Finding]:
    out = []
    for lesung in lesungen:
        found = _traeger_of(lesung)
        if found is None or found.slug != traeger.slug:
            continue
        datei = lesung.datei
        if lesung.gueltig_ab is not None:
            candidates = [a for a in traeger.ausgaben if a.gueltig_ab == lesung.gueltig_ab and a.hat_werte()]
        else:
            current = traeger.ausgabe_am(stichtag)
            candidates = [current] if current is not None and current.hat_werte() else []
        quelle = f"{datei} (sha256 {lesung.sha256[:12]}…)"
        if not candidates:
            when = german_date(lesung.gueltig_ab) if lesung.gueltig_ab else "den Stichtag"
            out.append(finding(traeger, "abgleich_pdf", "hinweis",
                               f"{datei}: {len(lesung.frame)} Zeilen gelesen; für {when} sind keine gebündelten "
                               "Werte erfasst – bitte als neue Ausgabe in data/raw/traeger eintragen.",
                               stichtag=stichtag, rechtsgrundlage=RG, quelle=quelle, zuverlaessigkeit="A"))
            continue
        scored = sorted(((_cells(traeger, a, lesung.frame), a) for a in candidates), key=lambda x: len(x[0][0]))
        (diffs, same), ausgabe = scored[0]
        if not diffs:
            replaced = next((a for a in traeger.ausgaben if a.id == ausgabe.ersetzt_durch), None)
            note = (f" Diese Fassung wurde später korrigiert („{replaced.bezeichnung}“); das PDF ist also die "
                    "ursprüngliche Fassung." if replaced else "")
            out.append(finding(traeger, "abgleich_pdf", "hinweis" if replaced else "ok",
                               f"{datei}: alle {len(same)} Werte stimmen mit der Ausgabe „{ausgabe.bezeichnung}“ "
                               f"überein.{note}", stichtag=stichtag, ausgabe=ausgabe, rechtsgrundlage=RG, quelle=quelle,
                               zuverlaessigkeit="A"))
        for vr, size, m, pdf_value, bundled, seite in diffs:
            where = f" (S. {seite})" if seite else ""
            if pdf_value is None:
                text = f"{datei}: {m} nicht im PDF gelesen, gebündelt {euro(bundled)}."
            elif bundled is None:
                text = f"{datei}{where}: {m} {euro(pdf_value)} im PDF, in den gebündelten Daten nicht angegeben."
            else:
                text = f"{datei}{where}: {m} im PDF {euro(pdf_value)}, gebündelt {euro(bundled)}."
            out.append(finding(traeger, "abgleich_pdf", "hinweis", text + f" Verglichen mit „{ausgabe.bezeichnung}“.",
                               stichtag=stichtag, ausgabe=ausgabe, vergleichsraum=vr, haushaltsgroesse=size,
                               wert=pdf_value, vergleichswert=bundled, rechtsgrundlage=RG, quelle=quelle,
                               zuverlaessigkeit="A"))
    return out


