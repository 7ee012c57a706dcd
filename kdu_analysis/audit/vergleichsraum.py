"""How the Vergleichsräume are built: whole Landkreis as one region, cluster-built Wohnungsmarkttypen or
Mietkategorien used as Vergleichsräume, Gemeinden not assigned."""

from __future__ import annotations

from datetime import date

from kdu_analysis.audit.findings import Finding, finding
from kdu_analysis.loaders.traeger import Ausgabe, Traeger, vr_names

GESAMT_RG = ("SG Dresden S 20 AS 3514/14 (ganzer Landkreis als ein Vergleichsraum, SSOE 2014); Hess. LSG L 6 AS 429/16 "
             "(nur wenn homogen)")
CLUSTER_RG = ("SG Dresden 26.06.2015 – S 14 AS 8400/12; SG Dresden S 38 AS 3442/13 (Riesa); S 17 AS 886/14 (Gericht "
              "nicht sichtbar): Wohnungsmarkttypen aus einer Clusteranalyse ersetzen nicht die Bildung von Vergleichsräumen")
ZUORDNUNG_RG = "§ 22b Abs. 1 SGB II entsprechend; BSG-Definition des Vergleichsraums (homogener Lebens- und Wohnbereich)"


def check(traeger: Traeger, ausgabe: Ausgabe, stichtag: date, names: list[str] | None = None) -> list[Finding]:
    """Findings for the Vergleichsräume ``names`` (default: all of the edition) as used by ``ausgabe``."""
    out = []
    base = dict(stichtag=stichtag, ausgabe=ausgabe)
    for name in names if names is not None else vr_names(ausgabe):
        vr = traeger.vergleichsraum(name)
        if vr.typ == "landkreis_gesamt":
            out.append(finding(traeger, "vergleichsraum", "verstoss",
                               "Der ganze Landkreis ist ein Vergleichsraum; das ist nur zulässig, wenn er ein homogener "
                               "Lebens- und Wohnbereich ist.", vergleichsraum=name, rechtsgrundlage=GESAMT_RG,
                               quelle=vr.quelle, zuverlaessigkeit=vr.zuverlaessigkeit, **base))
        elif vr.typ in ("mietkategorie", "wohnungsmarkttyp"):
            out.append(finding(traeger, "vergleichsraum", "verstoss",
                               f"„{name}“ ist eine per Clusteranalyse gebildete Kategorie ({vr.typ.replace('_', ' ')}) und "
                               "wird als Vergleichsraum verwendet; die Gerichte verlangen räumlich zusammenhängende "
                               "Vergleichsräume.", vergleichsraum=name, rechtsgrundlage=CLUSTER_RG, quelle=vr.quelle,
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
