"""Check an EVS table of a reference group against the law: the Abteilung sums of §§ 5/6 RBEG.

When the title says which RBEG (or which EVS year) and which reference household the table is for, and the
table has a regelbedarfsrelevant column, the regelbedarfsrelevant amount of every Abteilung key of the law and
the total are compared with ``reference/data/rbeg.yaml``:

* the table's figure for a law Abteilung is its printed sum row ("Summe Abteilung 01 und 02", the bold Destatis
  Abteilung rows ``01`` + ``02``), else the sum of its items; ``–`` counts as nothing, ``/`` makes it
  *nicht prüfbar*;
* an Abteilung the law does not count (Abteilung 2 in the RBEG 2011) must add up to nothing;
* the recognised reference group goes into the columns ``gesetz`` and ``haushaltstyp`` of every row (the
  scenarios read it from there); results are ``stimmt``, ``weicht_ab`` or ``nicht_pruefbar``, written into
  ``gesetz_eur`` and ``gesetz_abgleich`` of the sum rows and, for a difference, a flag in ``hinweise``
  (``gesetz_weicht_ab(…)``); :class:`LawCheck` carries them for the summary. Nothing is accepted silently.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

import pandas as pd

from kdu_analysis.errors import InputError
from kdu_analysis.loaders.evs_checks import leaf_items, symbols
from kdu_analysis.outputs import german_number
from kdu_analysis.reference.rbeg import (GESETZE, HAUSHALTSTYPEN, abteilungen_des_gesetzes, paragraph_fuer_typ, rbeg,
                                         rbeg_for_evs_year)

#: ``gesetz`` (RBEG2011|RBEG2017|RBEG2021) and ``haushaltstyp`` of a recognised reference group on every row;
#: ``gesetz_eur`` / ``gesetz_abgleich`` (stimmt|weicht_ab) on the sum rows compared with the law
GESETZ_COLUMNS = ["gesetz", "haushaltstyp", "gesetz_eur", "gesetz_abgleich"]
RELEVANT = "regelbedarfsrelevant_eur"

_RBEG_RE = re.compile(r"\bRBEG\s*(\d{4})\b|Regelbedarfs-?\s*Ermittlungsgesetz\w*\s+(\d{4})", re.IGNORECASE)
_EVS_RE = re.compile(r"(?:\bEVS|Einkommens-\s+und\s+Verbrauchsstichprobe(?:\s*\(EVS\))?)\s+(\d{4})\b", re.IGNORECASE)
_TYP_RE = {
    "einpersonen": re.compile(r"einpersonenhaushalt|alleinlebende", re.IGNORECASE),
    "kind_0_5": re.compile(r"kind\w*\s+(?:von\s+0\s+bis\s+)?unter\s+6\s+jahr|vollendung\s+des\s+(?:6\.|sechsten)\s+lebensjahr"
                           r"|kind\w*\s+(?:von\s+)?0\s*(?:bis|–|-)\s*5\s+jahr", re.IGNORECASE),
    "kind_6_13": re.compile(r"kind\w*\s+(?:von\s+)?6\s+bis\s+unter\s+14\s+jahr|kind\w*\s+(?:von\s+)?6\s*(?:bis|–|-)\s*13\s+jahr",
                            re.IGNORECASE),
    "kind_14_17": re.compile(r"kind\w*\s+(?:von\s+)?14\s+bis\s+unter\s+18\s+jahr|kind\w*\s+(?:von\s+)?14\s*(?:bis|–|-)\s*17\s+jahr"
                             r"|jugendliche\w*\s+von\s+14", re.IGNORECASE),
}


@dataclass
class LawCheck:
    """Outcome of the check against §§ 5/6 of an RBEG (``gesetz`` ``None``: not a recognised reference group)."""

    gesetz: str | None
    haushaltstyp: str | None
    grund: str = ""  # why nothing was compared
    ergebnisse: list[dict] = field(default_factory=list)  # abteilung, tabelle_eur, gesetz_eur, ergebnis, grundlage

    @property
    def geprueft(self) -> bool:
        return bool(self.ergebnisse)

    def count(self, ergebnis: str) -> int:
        return sum(1 for e in self.ergebnisse if e["ergebnis"] == ergebnis)

    @property
    def bezeichnung(self) -> str:
        if not self.gesetz or not self.haushaltstyp:
            return ""
        return f"{paragraph_fuer_typ(self.haushaltstyp)} {self.gesetz[:4]} {self.gesetz[4:]} " \
               f"({rbeg(self.gesetz).haushaltstyp_labels[self.haushaltstyp].split(' (')[0]})"

    def summary(self) -> list[str]:
        """German lines for the CLI summary."""
        if not self.geprueft:
            return [f"Kein Abgleich mit dem Gesetz: {self.grund}"] if self.grund else []
        n = len(self.ergebnisse)
        lines = [f"Abgleich mit {self.bezeichnung}: {self.count('stimmt')} von {n} Summen stimmen, "
                 f"{self.count('weicht_ab')} weichen ab, {self.count('nicht_pruefbar')} nicht prüfbar "
                 f"(Quelle: {rbeg(self.gesetz).citation.text})"]
        for e in self.ergebnisse:
            if e["ergebnis"] == "weicht_ab":
                lines.append(f"ACHTUNG: {e['name']}: Tabelle {_euro(e['tabelle_eur'])}, Gesetz {_euro(e['gesetz_eur'])} "
                             f"(Differenz {_euro(e['tabelle_eur'] - e['gesetz_eur'])}; {e['grundlage']})")
            elif e["ergebnis"] == "nicht_pruefbar":
                lines.append(f"Nicht prüfbar: {e['name']}: {e['grundlage']}")
        return lines


def _euro(value: Decimal) -> str:
    return german_number(value) + " €"


def identify_reference(text: str, gesetz: str | None = None, haushaltstyp: str | None = None) -> tuple[str | None, str | None, str]:
    """(gesetz, haushaltstyp, reason) from the document's title text; explicit arguments win."""
    if gesetz is not None and gesetz not in GESETZE:
        raise InputError(f"Unbekanntes Gesetz {gesetz!r}", remedy="Möglich sind: " + ", ".join(GESETZE))
    if haushaltstyp is not None and haushaltstyp not in HAUSHALTSTYPEN:
        raise InputError(f"Unbekannter Haushaltstyp {haushaltstyp!r}", remedy="Möglich sind: " + ", ".join(HAUSHALTSTYPEN))
    if gesetz is None:
        found = {f"RBEG{a or b}" for a, b in _RBEG_RE.findall(text)} & set(GESETZE)
        for year in _EVS_RE.findall(text):
            law = rbeg_for_evs_year(int(year))
            if law is not None:
                found.add(law.gesetz)
        if len(found) > 1:
            return None, None, f"der Titel nennt mehrere Gesetze ({', '.join(sorted(found))}); bitte mit --gesetz angeben"
        gesetz = next(iter(found), None)
    if haushaltstyp is None:
        typen = [typ for typ, pattern in _TYP_RE.items() if pattern.search(text)]
        haushaltstyp = typen[0] if len(typen) == 1 else None
    if gesetz is None:
        return None, haushaltstyp, "der Titel nennt kein RBEG und kein EVS-Jahr (2008, 2013, 2018); mit --gesetz angeben"
    if haushaltstyp is None:
        return gesetz, None, "der Titel nennt keinen Referenzhaushalt des Gesetzes; mit --haushaltstyp angeben"
    return gesetz, haushaltstyp, ""


def _value(frame: pd.DataFrame, i) -> tuple[Decimal | None, str]:
    """(amount, problem) of one row's regelbedarfsrelevant cell: ``–`` is nothing, ``/`` or empty unknown."""
    v = frame.at[i, RELEVANT]
    if v is not None and not pd.isna(v):
        return Decimal(str(v)), ""
    sym = symbols(frame.at[i, "zeichen"]).get(RELEVANT)
    if sym == "–":
        return Decimal(0), ""
    name = frame.at[i, "code"] or frame.at[i, "bezeichnung"]
    return None, f"{name}: {'nicht ausgewiesen (/)' if sym == '/' else 'kein Wert'}"


def _table_sum(frame: pd.DataFrame, covered: tuple[str, ...]) -> tuple[Decimal | None, str, list]:
    """The table's regelbedarfsrelevant figure for ``covered`` Abteilungen: (amount, basis or problem, row indices)."""
    sums = frame[(frame["zeilenart"] == "summe") & (frame["abteilung"] != "")]
    exact = [i for i in sums.index if tuple(sorted(filter(None, str(frame.at[i, "umfasst"]).split(",")))) == covered]
    if exact:
        value, problem = _value(frame, exact[0])
        return value, problem or f"Summenzeile '{frame.at[exact[0], 'bezeichnung']}'", exact[:1]
    singles = {str(frame.at[i, "umfasst"]): i for i in sums.index}
    if all(a in singles for a in covered):
        parts = [_value(frame, singles[a]) for a in covered]
        problems = [p for _, p in parts if p]
        if problems:
            return None, "; ".join(problems), []
        names = " + ".join(f"'{frame.at[singles[a], 'bezeichnung']}'" for a in covered)
        return sum((v for v, _ in parts), Decimal(0)), f"Summenzeile{'n' if len(covered) > 1 else ''} {names}", \
            [singles[a] for a in covered]
    items = leaf_items(frame)
    items = items[items["abteilung"].isin(covered)]
    if items.empty:
        return None, "die Abteilung fehlt in der Tabelle", []
    parts = [_value(frame, i) for i in items.index]
    problems = [p for _, p in parts if p]
    if problems:
        return None, "; ".join(problems), []
    return sum((v for v, _ in parts), Decimal(0)), f"Summe der {len(items)} Posten", list(items.index[-1:])


def check_against_law(frame: pd.DataFrame, gesetz: str | None, haushaltstyp: str | None, grund: str) -> LawCheck:
    """Compare per-Abteilung and total regelbedarfsrelevant sums with §§ 5/6; mark rows (``hinweise`` as lists)."""
    for column in GESETZ_COLUMNS:
        frame[column] = None if column == "gesetz_eur" else ""
    check = LawCheck(gesetz, haushaltstyp, grund)
    if grund or gesetz is None or haushaltstyp is None:
        return check
    frame["gesetz"], frame["haushaltstyp"] = gesetz, haushaltstyp
    if frame[RELEVANT].isna().all() and not frame["zeichen"].str.contains(RELEVANT).any():
        check.grund = "die Tabelle hat keine Spalte 'regelbedarfsrelevant'"
        return check
    law = rbeg(gesetz)
    values = law.abteilungen[haushaltstyp]
    groups = abteilungen_des_gesetzes(gesetz)
    present = {a for a in frame["abteilung"] if a}
    counted = {a for g in groups.values() for a in g}
    targets = [(key, groups[key], values[key], f"Abteilung {' und '.join(str(int(a)) for a in groups[key])}") for key in groups]
    targets += [(a, (a,), Decimal(0), f"Abteilung {int(a)} (im {gesetz[:4]} {gesetz[4:]} nicht regelbedarfsrelevant)")
                for a in sorted(present - counted)]
    table_total, total_ok = Decimal(0), True
    for key, covered, expected, name in targets:
        value, basis, rows = _table_sum(frame, tuple(sorted(covered)))
        if value is None:
            total_ok = False
            check.ergebnisse.append({"abteilung": key, "name": name, "tabelle_eur": None, "gesetz_eur": expected,
                                     "ergebnis": "nicht_pruefbar", "grundlage": basis})
            continue
        table_total += value
        ergebnis = "stimmt" if value == expected else "weicht_ab"
        check.ergebnisse.append({"abteilung": key, "name": name, "tabelle_eur": value, "gesetz_eur": expected,
                                 "ergebnis": ergebnis, "grundlage": basis})
        _mark(frame, rows[:1], check, name, value, expected, ergebnis)
    expected_total = law.summen[haushaltstyp]
    grand = frame[(frame["zeilenart"] == "summe") & (frame["abteilung"] == "")]
    if len(grand):
        value, problem = _value(frame, grand.index[0])
        basis = problem or f"Summenzeile '{frame.at[grand.index[0], 'bezeichnung']}'"
        rows = list(grand.index[:1])
    else:
        value, basis, rows = (table_total if total_ok else None), "Summe der Abteilungen", []
    name = "Summe aller Abteilungen"
    if value is None:
        check.ergebnisse.append({"abteilung": "", "name": name, "tabelle_eur": None, "gesetz_eur": expected_total,
                                 "ergebnis": "nicht_pruefbar", "grundlage": basis})
    else:
        ergebnis = "stimmt" if value == expected_total else "weicht_ab"
        check.ergebnisse.append({"abteilung": "", "name": name, "tabelle_eur": value, "gesetz_eur": expected_total,
                                 "ergebnis": ergebnis, "grundlage": basis})
        _mark(frame, rows, check, name, value, expected_total, ergebnis)
    return check


def _mark(frame, rows, check: LawCheck, name, value, expected, ergebnis) -> None:
    for i in rows:
        if frame.at[i, "zeilenart"] == "summe":
            frame.at[i, "gesetz_eur"] = expected
            frame.at[i, "gesetz_abgleich"] = ergebnis
        if ergebnis == "weicht_ab":
            frame.at[i, "hinweise"].append(f"gesetz_weicht_ab({check.bezeichnung}, {name}: Tabelle {_euro(value)}, "
                                           f"Gesetz {_euro(expected)})")
