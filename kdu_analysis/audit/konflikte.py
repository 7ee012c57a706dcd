"""Conflicting sources: every recorded conflict of an edition known on the Stichtag is reported as a Hinweis.

Nothing is averaged or guessed: the finding names every value with its source and label, the value the tool uses
(or that it uses none) and why. The data live in the Träger files (``ausgaben[].konflikte``).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal, InvalidOperation

from kdu_analysis.audit.findings import Finding, finding, weakest
from kdu_analysis.formatting import german_number
from kdu_analysis.traeger import Ausgabe, Konflikt, Traeger

KONFLIKT_RG = "§ 22 Abs. 1 S. 1 SGB II (angemessene Kosten); Quellenlage, kein Rechtsverstoß"


def _betrag(text: str) -> Decimal | None:
    try:
        return Decimal(text)
    except InvalidOperation:
        return None


def _angabe(text: str) -> str:
    value = _betrag(text)
    if value is None:
        return text
    return f"{german_number(value)} €"


def beschreibung(k: Konflikt) -> str:
    """One German sentence block: the values, their sources, the choice and its reason."""
    parts = [f"{_angabe(a['wert'])} ({a['quelle']}, Zuverlässigkeit {a['zuverlaessigkeit']})" for a in k.angaben]
    used = k.verwendet
    choice = (f"Das Programm verwendet {_angabe(used['wert'])}" if used
              else "Das Programm übernimmt keine der Angaben")
    return f"Quellen widersprechen sich – {k.gegenstand}: " + " gegenüber ".join(parts) + f". {choice}: {k.begruendung}"


def check(traeger: Traeger, ausgaben: list[Ausgabe], stichtag: date) -> list[Finding]:
    out: list[Finding] = []
    for ausgabe in ausgaben:
        for k in ausgabe.konflikte:
            used = k.verwendet
            others = [a for a in k.angaben if a is not used]
            out.append(finding(
                traeger, "quellenkonflikt", "hinweis", beschreibung(k), stichtag=stichtag, ausgabe=ausgabe,
                rechtsgrundlage=KONFLIKT_RG, quelle="; ".join(a["quelle"] for a in k.angaben),
                zuverlaessigkeit=weakest(*(a["zuverlaessigkeit"] for a in k.angaben)),
                vergleichsraum=k.vergleichsraum, haushaltsgroesse=k.haushaltsgroesse,
                wert=_betrag(used["wert"]) if used else None,
                vergleichswert=_betrag(others[0]["wert"]) if others else None))
    return out
