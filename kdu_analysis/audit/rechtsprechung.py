"""Known court decisions on a Träger's concepts, surfaced as findings (schlüssig → ok, not schlüssig → verstoss)."""

from __future__ import annotations

from datetime import date

from kdu_analysis.audit.findings import Finding, finding
from kdu_analysis.loaders.traeger import Traeger

_ERGEBNIS = {"schluessig": ("ok", "schlüssig"), "nicht_schluessig": ("verstoss", "nicht schlüssig"),
             "nachbesserung": ("hinweis", "nur nach gerichtlicher Nachbesserung tragfähig"),
             "fortschreibung_zulaessig": ("ok", "Fortschreibung zulässig")}


def zeitraum(e) -> str:
    if e.zeitraum_angabe:
        return e.zeitraum_angabe
    if e.zeitraum_von is None:
        return "Zeitraum nicht angegeben"
    bis = f"{e.zeitraum_bis:%m/%Y}" if e.zeitraum_bis else "offen"
    return f"{e.zeitraum_von:%m/%Y}–{bis}"


def check(traeger: Traeger, stichtag: date) -> list[Finding]:
    out = []
    for e in traeger.gerichtsentscheidungen:
        ergebnis, wort = _ERGEBNIS[e.ergebnis]
        out.append(finding(traeger, "rechtsprechung", ergebnis,
                           f"{e.bezeichnung}: {e.gegenstand} – {wort} ({zeitraum(e)}). {e.begruendung}.",
                           stichtag=stichtag, vergleichsraum=e.vergleichsraum, rechtsgrundlage=e.bezeichnung,
                           quelle=e.quelle, zuverlaessigkeit=e.zuverlaessigkeit))
    return out
