"""How the Vergleichsräume are built: whole Landkreis as one region, cluster-built Wohnungsmarkttypen or
Mietkategorien used as Vergleichsräume, Gemeinden not assigned.

A whole Kreis is a lawful Vergleichsraum if it is homogeneous (Hess. LSG, rechtsprechung.yaml ``hess_lsg_vergleichsraum``), and whether cluster-built
types can serve as Vergleichsräume is decided case by case; both are therefore a "Hinweis (prüfen)", and a Verstoß only
where a court (label A/B) found the concept of that Träger not schlüssig for that region.
"""

from __future__ import annotations

from datetime import date

from kdu_analysis.audit.findings import Finding, finding
from kdu_analysis.reference.rechtsprechung import ZITAT_VERGLEICHSRAUM_CLUSTER, ZITAT_VERGLEICHSRAUM_HOMOGEN
from kdu_analysis.traeger import Ausgabe, Traeger, vr_names

GESAMT_RG = f"{ZITAT_VERGLEICHSRAUM_HOMOGEN} (ganzer Landkreis als Vergleichsraum nur, wenn er homogen ist)"
CLUSTER_RG = (f"{ZITAT_VERGLEICHSRAUM_CLUSTER} (Wohnungsmarkttypen aus einer Clusteranalyse ersetzen nicht die "
              "Bildung von Vergleichsräumen; 1. Instanz)")
ZUORDNUNG_RG = "BSG-Definition des Vergleichsraums (homogener Lebens- und Wohnbereich); § 22b Abs. 1 SGB II als Orientierung"
_NICHT_SCHLUESSIG = ("nicht_schluessig", "nicht_schluessig_eigener_wert", "erkenntnisausfall")


def _court(traeger: Traeger, name: str):
    """A court decision (A/B) that found the concept not schlüssig for this region, if recorded."""
    return next((e for e in traeger.gerichtsentscheidungen if e.vergleichsraum == name
                 and e.ergebnis in _NICHT_SCHLUESSIG and e.zuverlaessigkeit in ("A", "B")), None)


def check(traeger: Traeger, ausgabe: Ausgabe, stichtag: date, names: list[str] | None = None) -> list[Finding]:
    """Findings for the Vergleichsräume ``names`` (default: all of the edition) as used by ``ausgabe``."""
    out = []
    base = dict(stichtag=stichtag, ausgabe=ausgabe)
    for name in names if names is not None else vr_names(ausgabe):
        vr = traeger.vergleichsraum(name)
        if vr.typ in ("landkreis_gesamt", "mietkategorie", "wohnungsmarkttyp"):
            court = _court(traeger, name)
            if vr.typ == "landkreis_gesamt":
                text = ("Der ganze Landkreis ist ein Vergleichsraum; das ist nur zulässig, wenn er ein homogener "
                        "Lebens- und Wohnbereich ist – bitte prüfen.")
                rg = GESAMT_RG
            else:
                text = (f"„{name}“ ist eine per Clusteranalyse gebildete Kategorie ({vr.typ.replace('_', ' ')}) und wird "
                        "als Vergleichsraum verwendet; ob sie räumlich zusammenhängende, homogene Vergleichsräume "
                        "ersetzt, ist im Einzelfall zu prüfen.")
                rg = CLUSTER_RG
            if court is not None:
                text += f" {court.bezeichnung} hielt das Konzept für diesen Raum für nicht schlüssig."
                rg = f"{court.bezeichnung}; {rg}"
            out.append(finding(traeger, "vergleichsraum", "verstoss" if court is not None else "hinweis", text,
                               vergleichsraum=name, rechtsgrundlage=rg, quelle=vr.quelle,
                               zuverlaessigkeit=vr.zuverlaessigkeit, **base))
        elif vr.gemeinden is None:
            out.append(finding(traeger, "vergleichsraum", "hinweis",
                               f"Die Gemeinden von „{name}“ sind im Projekt nicht erfasst; räumliche Abgrenzung nicht "
                               "prüfbar.", vergleichsraum=name, rechtsgrundlage=ZUORDNUNG_RG, quelle=vr.quelle,
                               zuverlaessigkeit=vr.zuverlaessigkeit, **base))
        else:
            text = (f"Räumlich abgegrenzter Vergleichsraum ({vr.typ.replace('_', ' ')}) mit den Gemeinden "
                    f"{', '.join(vr.gemeinden)}" + (" (nur Beispiele erfasst)" if not vr.gemeinden_vollstaendig else "")
                    + ".")
            out.append(finding(traeger, "vergleichsraum", "ok", text, vergleichsraum=name, rechtsgrundlage=ZUORDNUNG_RG,
                               quelle=vr.quelle, zuverlaessigkeit=vr.zuverlaessigkeit, **base))
    return out
