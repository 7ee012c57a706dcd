"""Recompute the Regelbedarfsstufen from the law: RBEG sums → § 7 Fortschreibung → § 8 amounts → yearly updates.

Nothing here looks up a published amount to produce a result; published amounts are only
attached for comparison (``veroeffentlicht_eur``). The rules (decision D110):

* Neuermittlung years (RBEG 2011/2017/2021): RBS 1 and RBS 4–6 = § 5/§ 6 sum × (1 + § 7 rate), rounded
  half up to whole euros (§ 28 Abs. 5 SGB XII); RBS 2 = 90 %, RBS 3 = 80 % of the rounded RBS 1 (§ 8 RBEG).
* Mischindex years (2012–2016, 2018–2020, 2022): the *computed* previous-year amount (the "Schattenwert",
  not a Besitzschutz amount) × (1 + rate), rounded half up; 2012 has two steps (0.75 % under § 138 SGB XII,
  then 1.99 %), multiplied without rounding in between.
* From 2023 (§ 28a SGB XII n. F.): Basisbetrag = previous Basisbetrag (2023: the 2022 amount) × (1 + Basis rate),
  carried to the cent (as BT-Drs. 20/3873 prints 469,38 € and the BMAS FAQ 535,50 € for 2025); amount =
  Basisbetrag × (1 + ergänzende rate), rounded half up to whole euros.
* Besitzschutz: the amount paid is never lower than the year before (§ 8 Abs. 2 RBEG; § 28a Abs. 5 SGB XII).
  For 2011 the previous amounts are the statutory § 8 Abs. 2 RBEG 2011 figures.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pandas as pd

from kdu_analysis import config
from kdu_analysis.errors import CheckError
from kdu_analysis.money import round_cent, round_euro
from kdu_analysis.formatting import german_number
from kdu_analysis.reference.rbeg import GESETZE, HAUSHALTSTYPEN, STUFE_FUER_TYP, rbeg, rbeg_for_year
from kdu_analysis.reference.regelbedarf import STUFEN, fortschreibung, regelbedarf, regelbedarf_citation


def _percent(rate: Decimal) -> str:
    return f"{rate * 100:.2f}".replace(".", ",").rstrip("0").rstrip(",") + " %"


def fortschreiben(betrag: Decimal, rate: Decimal) -> Decimal:
    """``betrag × (1 + rate)``, unrounded; the caller rounds as the law says."""
    return betrag * (Decimal(1) + rate)


def _check_sums(gesetz: str) -> None:
    law = rbeg(gesetz)
    for typ in HAUSHALTSTYPEN:
        total = sum(law.abteilungen[typ].values(), Decimal(0))
        if total != law.summen[typ]:
            raise CheckError(
                f"{gesetz}: die Abteilungsbeträge für {typ} ergeben {total} €, das Gesetz nennt {law.summen[typ]} €",
                remedy="Bitte die Referenzdatei rbeg.yaml prüfen",
            )


def rbeg_amounts(gesetz: str) -> dict[int, Decimal]:
    """Regelbedarfsstufen 1–6 computed from the law's sums (before any § 8 Abs. 2 Besitzschutz)."""
    _check_sums(gesetz)
    law = rbeg(gesetz)
    out: dict[int, Decimal] = {}
    for typ, stufe in STUFE_FUER_TYP.items():
        out[stufe] = round_euro(fortschreiben(law.summen[typ], law.fortschreibung_rate))
    out[2] = round_euro(out[1] * law.anteil_rbs2)
    out[3] = round_euro(out[1] * law.anteil_rbs3)
    return dict(sorted(out.items()))


def reproduce_rbeg(gesetz: str) -> pd.DataFrame:
    """Contract §6: per Abteilung, the sum, and the resulting whole-euro amount in the law's first year."""
    law = rbeg(gesetz)
    amounts = rbeg_amounts(gesetz)
    quelle = law.citation.text
    rows = []
    for typ in HAUSHALTSTYPEN:
        for code, value in law.abteilungen[typ].items():
            rows.append({"haushaltstyp": typ, "abteilung": code, "betrag_eur": value,
                         "bezeichnung": law.labels[code], "art": "gesetz", "quelle": quelle})
        rows.append({"haushaltstyp": typ, "abteilung": "summe", "betrag_eur": sum(law.abteilungen[typ].values(), Decimal(0)),
                     "bezeichnung": "Summe der regelbedarfsrelevanten Verbrauchsausgaben", "art": "berechnet (Summe)",
                     "quelle": quelle})
        stufe = STUFE_FUER_TYP[typ]
        rows.append({"haushaltstyp": typ, "abteilung": "regelbedarfsstufe", "betrag_eur": amounts[stufe],
                     "bezeichnung": f"Regelbedarfsstufe {stufe} {law.erstes_jahr} (Summe × {german_number(1 + law.fortschreibung_rate, 4)}, "
                                    "auf volle Euro gerundet)",
                     "art": "berechnet", "quelle": quelle})
    return pd.DataFrame(rows)


def regelbedarf_series(first_year: int = config.REGELBEDARF_FIRST_YEAR,
                       last_year: int = config.REGELBEDARF_LAST_YEAR) -> pd.DataFrame:
    """Every Regelbedarfsstufe for every year, computed by the rules above, beside the published amount."""
    rows = []
    paid: dict[int, Decimal] = {}
    shadow: dict[int, Decimal] = {}
    basis: dict[int, Decimal] = {}
    for jahr in range(config.REGELBEDARF_FIRST_YEAR, last_year + 1):
        law = rbeg_for_year(jahr)
        if law is not None:
            computed = rbeg_amounts(law.gesetz)
            previous = paid or law.betraege_angewandt  # 2011: § 8 Abs. 2 RBEG 2011 amounts
            regel = {s: f"{law.gesetz[:4]} {law.gesetz[4:]} §§ 5–8 (Summe × {german_number(1 + law.fortschreibung_rate, 4)})" for s in STUFEN}
            new_basis = {}
            quelle = law.citation.text
        else:
            rates = fortschreibung(jahr)
            quelle = rates["citation"].text
            computed, regel, new_basis = {}, {}, {}
            for s in STUFEN:
                if rates["art"] == "mischindex":
                    factor = (1 + rates.get("vorstufe", Decimal(0))) * (1 + rates["basis"])
                    computed[s] = round_euro(shadow[s] * factor)
                    steps = (f"{_percent(rates['vorstufe'])} (§ 138 SGB XII), dann " if "vorstufe" in rates else "")
                    regel[s] = f"Fortschreibung {steps}{_percent(rates['basis'])} (Mischindex)"
                else:  # zweistufig (from 2023)
                    base_prev = basis.get(s, shadow[s])
                    new_basis[s] = round_cent(fortschreiben(base_prev, rates["basis"]))
                    computed[s] = round_euro(fortschreiben(new_basis[s], rates["ergaenzend"]))
                    regel[s] = (f"§ 28a SGB XII: Basis {_percent(rates['basis'])} → {german_number(new_basis[s])} €, "
                                f"ergänzend {_percent(rates['ergaenzend'])}")
            previous = paid
        for s in STUFEN:
            amount = max(computed[s], previous[s])
            if amount != computed[s]:
                regel[s] += (" · Besitzschutz § 8 Abs. 2 RBEG" if law is not None else " · Besitzschutz § 28a Abs. 5 SGB XII")
            if jahr >= first_year:
                published = regelbedarf(s, date(jahr, 1, 1))
                rows.append({
                    "jahr": jahr, "stufe": s, "berechnet_eur": computed[s],
                    "basisbetrag_eur": new_basis.get(s), "betrag_eur": amount, "veroeffentlicht_eur": published,
                    "stimmt": amount == published, "regel": regel[s], "quelle": quelle,
                    "quelle_betrag": regelbedarf_citation(s, date(jahr, 1, 1)).text,
                })
        paid = {s: max(computed[s], previous[s]) for s in STUFEN}
        shadow = computed
        basis = new_basis or basis
    return pd.DataFrame(rows)


__all__ = ["GESETZE", "fortschreiben", "rbeg_amounts", "reproduce_rbeg", "regelbedarf_series"]
