"""Known court decisions on a Träger's concepts, surfaced as findings by outcome category.

Not schlüssig (with or without the court's own value) → verstoss; Nachbesserung and Erkenntnisausfall → hinweis
(the concept only held after repair, or the WoGG table + 10 % applied); schlüssig → ok. A decision superseded by a
higher instance (or a later decision of the same instance) for the same region and an overlapping period is a hinweis
that names the decision taking precedence. First-instance judgments bind only their parties (§ 141 SGG); the text
says so.
"""

from __future__ import annotations

from datetime import date

from kdu_analysis.audit.findings import Finding, finding
from kdu_analysis.formatting import euro
from kdu_analysis.traeger import INSTANZEN, Entscheidung, Traeger

_ERGEBNIS = {"schluessig": ("ok", "schlüssig"),
             "nicht_schluessig_eigener_wert": ("verstoss", "nicht schlüssig; das Gericht setzte einen eigenen Wert"),
             "nachbesserung": ("hinweis", "nur nach Nachbesserung tragfähig"),
             "erkenntnisausfall": ("hinweis", "Erkenntnisausfall: Wohngeldtabelle + 10 %"),
             "nicht_schluessig": ("verstoss", "nicht schlüssig"),
             "fortschreibung_zulaessig": ("ok", "Fortschreibung zulässig")}
SGG_141 = "1. Instanz: bindet nur die Beteiligten (§ 141 SGG)"


def zeitraum(e) -> str:
    if e.zeitraum_angabe:
        return e.zeitraum_angabe
    if e.zeitraum_von is None:
        return "Zeitraum nicht angegeben"
    bis = f"{e.zeitraum_bis:%m/%Y}" if e.zeitraum_bis else "offen"
    return f"{e.zeitraum_von:%m/%Y}–{bis}"


def _overlap(a: Entscheidung, b: Entscheidung) -> bool:
    if a.zeitraum_von is None or b.zeitraum_von is None:
        return False
    a_end, b_end = a.zeitraum_bis or date.max, b.zeitraum_bis or date.max
    return a.zeitraum_von <= b_end and b.zeitraum_von <= a_end


def vorrang(traeger: Traeger, e: Entscheidung) -> Entscheidung | None:
    """The decision that takes precedence over ``e`` (same region, overlapping period, higher instance or later)."""
    rank = lambda x: (INSTANZEN.index(x.instanz_stufe), x.datum or date.min)  # noqa: E731
    better = [o for o in traeger.gerichtsentscheidungen if o is not e and o.vergleichsraum == e.vergleichsraum
              and _overlap(o, e) and rank(o) > rank(e)]
    return max(better, key=rank, default=None)


def check(traeger: Traeger, stichtag: date) -> list[Finding]:
    out = []
    for e in traeger.gerichtsentscheidungen:
        ergebnis, wort = _ERGEBNIS[e.ergebnis]
        werte = ""
        if e.eigener_wert_eur:
            werte = " Eigener Wert des Gerichts: " + ", ".join(
                f"{euro(v)} für {k} Person{'en' if k != '1' else ''}" for k, v in e.eigener_wert_eur.items()) + "."
        text = f"{e.bezeichnung}: {e.gegenstand} – {wort} ({zeitraum(e)}). {e.begruendung}.{werte}"
        if e.erste_instanz:
            text += f" {SGG_141}."
        later = vorrang(traeger, e)
        if later is not None:
            ergebnis = "hinweis"
            text += f" Überholt: Vorrang hat {later.bezeichnung} (höhere Instanz oder spätere Entscheidung)."
        out.append(finding(traeger, "rechtsprechung", ergebnis, text, stichtag=stichtag, vergleichsraum=e.vergleichsraum,
                           rechtsgrundlage=e.bezeichnung, quelle=e.url or e.quelle, zuverlaessigkeit=e.zuverlaessigkeit))
    return out
