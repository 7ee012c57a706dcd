"""Staleness: age of the Richtwerte and of the rent data behind them, both against the two-year review of § 22c Abs. 2
SGB II, which binds directly only Satzungen under § 22a and is applied to concepts by analogy – hence "hinweis", never
"verstoss". (The SG Magdeburg decision once cited here is not a rule on a concept's age: it excludes from the
*sample* Bestandsmieten whose contract or last change lies more than four years back, by analogy to § 558 Abs. 2 BGB,
whose window has been six years since 2020; the project has no sample data to check that.) Editions not known on the Stichtag are said plainly.
"""

from __future__ import annotations

from datetime import date

from kdu_analysis import config
from kdu_analysis.audit.findings import Finding, finding
from kdu_analysis.formatting import german_date, german_decimal
from kdu_analysis.traeger import Ausgabe, Traeger

REVIEW_RG = ("§ 22c Abs. 2 SGB II entsprechend (Überprüfung „mindestens alle zwei Jahre“; unmittelbar nur für "
             "Satzungen nach § 22a SGB II)")
DATA_RG = ("§ 22c Abs. 2 SGB II entsprechend (Überprüfung und Fortschreibung der Datengrundlage mindestens alle zwei "
           "Jahre; unmittelbar nur für Satzungen nach § 22a SGB II)")
KEINE_RG = "§ 22 Abs. 1 S. 1 SGB II (nur angemessene Kosten; Maßstab ist das Konzept des Trägers)"


def _years(start: date, end: date) -> float:
    return (end - start).days / 365.25


def check(traeger: Traeger, ausgabe: Ausgabe | None, stichtag: date) -> list[Finding]:
    out: list[Finding] = []
    if ausgabe is None or not ausgabe.hat_werte():
        later = traeger.naechste_ausgabe_nach(stichtag)
        known = "keine Ausgabe" if ausgabe is None else f"nur die Ausgabe „{ausgabe.bezeichnung}“ ohne Werte"
        text = (f"Für den {german_date(stichtag)} ist {known} erfasst; die Richtwerte sind nicht bekannt"
                + (f". Die nächste bekannte Tabelle gilt ab {german_date(later.gueltig_ab)}" if later else "")
                + ". Das ist eine Lücke in den Daten des Programms, kein Beleg dafür, dass der Träger keine Richtwerte "
                "hatte. Lücken: " + " ".join(traeger.luecken))
        out.append(finding(traeger, "keine_werte", "hinweis", text, stichtag=stichtag, ausgabe=ausgabe,
                           rechtsgrundlage=KEINE_RG, quelle=ausgabe.quelle if ausgabe else "",
                           zuverlaessigkeit=ausgabe.zuverlaessigkeit if ausgabe else "B"))
        if ausgabe is None:
            return out
    age = _years(ausgabe.gueltig_ab, stichtag)
    limit = config.REVIEW_INTERVAL_YEARS
    over = age > limit
    out.append(finding(
        traeger, "alter_richtwerte", "hinweis" if over else "ok",
        f"Die Richtwerte gelten seit {german_date(ausgabe.gueltig_ab)} ({german_decimal(age, 1)} Jahre am Stichtag); "
        + (f"länger als {limit} Jahre ohne bekannte Überprüfung." if over else f"innerhalb von {limit} Jahren."),
        stichtag=stichtag, ausgabe=ausgabe, rechtsgrundlage=REVIEW_RG, quelle=ausgabe.quelle,
        zuverlaessigkeit=ausgabe.zuverlaessigkeit))
    konzept = traeger.konzept(ausgabe.konzept)
    if konzept is None:
        out.append(finding(traeger, "alter_daten", "hinweis",
                           "Zu dieser Ausgabe ist kein Konzept erfasst; Alter der Mietdaten nicht prüfbar.",
                           stichtag=stichtag, ausgabe=ausgabe, rechtsgrundlage=DATA_RG, quelle=ausgabe.quelle,
                           zuverlaessigkeit=ausgabe.zuverlaessigkeit))
    elif konzept.datenstand is None:
        out.append(finding(traeger, "alter_daten", "hinweis",
                           f"Datenstand der Mieterhebung für „{konzept.titel}“ nicht bekannt; Alter der Mietdaten nicht "
                           "prüfbar.", stichtag=stichtag, ausgabe=ausgabe, rechtsgrundlage=DATA_RG,
                           quelle=konzept.quelle, zuverlaessigkeit=konzept.zuverlaessigkeit))
    else:
        data_age = _years(konzept.datenstand, stichtag)
        index_updates = [f for f in konzept.fortschreibungen if f["datum"] and konzept.datenstand < f["datum"] <= stichtag]
        over = data_age > config.REVIEW_INTERVAL_YEARS
        text = (f"Mietdaten mit Stand {konzept.datenstand:%Y} sind am Stichtag {german_decimal(data_age, 1)} Jahre alt "
                f"(Überprüfung alle {config.REVIEW_INTERVAL_YEARS} Jahre, § 22c Abs. 2 SGB II entsprechend)")
        if over and index_updates:
            text += ("; danach fortgeschrieben (" + "; ".join(f["art"] for f in index_updates)
                     + ") – ob die Fortschreibung die Daten aktuell hält, ist im Einzelfall zu prüfen")
        elif over:
            text += "; keine Fortschreibung erfasst – bitte prüfen"
        out.append(finding(traeger, "alter_daten", "hinweis" if over else "ok", text + ".", stichtag=stichtag,
                           ausgabe=ausgabe, rechtsgrundlage=DATA_RG, quelle=konzept.quelle,
                           zuverlaessigkeit=konzept.zuverlaessigkeit))
    return out
