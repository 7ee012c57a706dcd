"""Comparisons between Vergleichsräume of one edition: surrounding areas above their town, central places below
their Planungsraum, and inversions of ranked Mietkategorien (e.g. Mittelsachsen 2019: III > II for 3 persons)."""

from __future__ import annotations

from datetime import date

from kdu_analysis.audit.findings import Finding, finding
from kdu_analysis.formatting import euro
from kdu_analysis.reference.rechtsprechung import ZITAT_VERGLEICHSRAUM_CLUSTER
from kdu_analysis.traeger import SIZES, Ausgabe, Traeger, vr_names

RG = ("Vergleichsraum als homogener Lebens- und Wohnbereich (BSG-Rspr., wiedergegeben in "
      f"{ZITAT_VERGLEICHSRAUM_CLUSTER}); auffällige Preisfolge zwischen Räumen")
MEASURE = "bruttokaltmiete_eur"


def _pairs(traeger: Traeger, ausgabe: Ausgabe):
    """(cheaper-expected VR, dearer-expected VR, VR to flag, check id, German relation) for the edition's Vergleichsräume."""
    names = vr_names(ausgabe)
    for name in names:
        vr = traeger.vergleichsraum(name)
        if vr.umland_von and vr.umland_von in names:
            yield name, vr.umland_von, name, "umland_teurer", f"Das Umland „{name}“ ist teurer als die Stadt „{vr.umland_von}“"
        if vr.typ == "zentraler_ort" and vr.liegt_in in names:
            yield vr.liegt_in, name, name, "inversion", (f"Der zentrale Ort „{name}“ ist billiger als der Planungsraum "
                                                   f"„{vr.liegt_in}“, in dem er liegt")
    ranked = sorted((traeger.vergleichsraum(n) for n in names if traeger.vergleichsraum(n).rang), key=lambda v: v.rang)
    for upper, lower in zip(ranked, ranked[1:]):
        yield lower.name, upper.name, lower.name, "inversion", (f"Die niedrigere Kategorie „{lower.name}“ ist teurer als "
                                                     f"„{upper.name}“")


def check(traeger: Traeger, ausgabe: Ausgabe, stichtag: date) -> list[Finding]:
    out = []
    for cheap, dear, flagged, pruefung, relation in _pairs(traeger, ausgabe):
        for size in SIZES:
            a, b = ausgabe.wert(MEASURE, cheap, size), ausgabe.wert(MEASURE, dear, size)
            if a is None or b is None or a <= b:
                continue
            label = "je weitere Person" if size == "+1" else f"{size} Pers."
            out.append(finding(traeger, pruefung, "hinweis",
                               f"{relation} ({label}: {euro(a)} gegenüber {euro(b)}) – so gedruckt; die Begründung "
                               "sollte im Konzept stehen.", stichtag=stichtag, ausgabe=ausgabe, vergleichsraum=flagged,
                               haushaltsgroesse=size, wert=a, vergleichswert=b, rechtsgrundlage=RG,
                               quelle=ausgabe.quelle, zuverlaessigkeit=ausgabe.zuverlaessigkeit))
    return out
