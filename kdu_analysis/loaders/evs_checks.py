"""Arithmetic cross-checks on an extracted EVS table: flags in ``hinweise``, never a dropped row.

* Hierarchy from the SEA codes: a row's parent is the nearest row whose code is a proper prefix of its code
  (``0312100`` → ``0312`` → ``031`` → ``03``). Every parent is compared with the sum of its *direct* children,
  so each item is counted once (a group row is never added to its own items). Posten rows that have
  children are marked ``zwischensumme`` = true: they must not be added to other posten.
* Code-less sum rows ("Summe Abteilung 03", "Nahrungsmittel, Getränke, Tabakwaren", grand totals) are compared
  with the Abteilung rows they cover (``umfasst``) or, without such rows, with the top-level items of those
  Abteilungen.
* Cell symbols: ``–`` (nichts vorhanden) counts as nothing; ``/``, ``.`` and ``x`` make a sum
  *nicht prüfbar* (flagged, not guessed).
* Within a row: ``insgesamt`` vs Erwachsene + Kind, and the regelbedarfsrelevant part never above the
  expenditure.

Flags (short id and German detail): ``summe_weicht_ab``, ``summe_rundungsdifferenz`` (≤ the tolerance in
``config.CROSSCHECK_TOLERANCE_EUR``), ``summe_nicht_pruefbar``, ``summe_ohne_posten``, ``zeile_summe_weicht_ab``,
``zeile_summe_rundungsdifferenz``, ``regelbedarfsrelevant_groesser_als_ausgaben``, ``anteil_weicht_ab`` (a printed
share column "Anteil in %" that does not fit the row's two € amounts; the share itself is not written).
"""

from __future__ import annotations

from decimal import Decimal

import pandas as pd

from kdu_analysis import config
from kdu_analysis.outputs import german_number

SUM_COLUMNS = ["ausgaben_eur", "regelbedarfsrelevant_eur", "ausgaben_erwachsene_eur", "ausgaben_kind_eur"]
_UNKNOWN_SYMBOLS = {"/", ".", "x", "X", "…", "..."}


def symbols(zeichen: str) -> dict[str, str]:
    """``"ausgaben_eur:/;regelbedarfsrelevant_eur:–"`` → ``{"ausgaben_eur": "/", …}``."""
    out = {}
    for part in filter(None, (zeichen or "").split(";")):
        name, _, sym = part.partition(":")
        out[name] = sym
    return out


def _euro(value: Decimal) -> str:
    return german_number(value) + " €"


def _parents(frame: pd.DataFrame) -> dict[int, int | None]:
    """Index of each coded row → index of its nearest coded ancestor (or None)."""
    coded = [(i, c) for i, c in zip(frame.index, frame["code"]) if c]
    parents: dict[int, int | None] = {}
    for i, code in coded:
        best = None
        for j, other in coded:
            if j != i and len(other) < len(code) and code.startswith(other) and (best is None or len(other) > len(best[1])):
                best = (j, other)
        parents[i] = best[0] if best else None
    return parents


def _children(frame: pd.DataFrame, parents: dict[int, int | None]) -> dict[int, list[int]]:
    children: dict[int, list[int]] = {i: [] for i in frame.index}
    for i, p in parents.items():
        if p is not None:
            children[p].append(i)
    top_level = [i for i, p in parents.items() if p is None]
    uncoded_items = [i for i in frame.index if not frame.at[i, "code"] and frame.at[i, "zeilenart"] == "posten"]
    # code-less items belong to their Abteilung row
    abteilung_rows = {frame.at[i, "code"]: i for i in frame.index if len(frame.at[i, "code"]) == 2}
    for i in uncoded_items:
        if frame.at[i, "abteilung"] in abteilung_rows:
            children[abteilung_rows[frame.at[i, "abteilung"]]].append(i)
    sums = [i for i in frame.index if frame.at[i, "zeilenart"] == "summe" and not frame.at[i, "code"]]
    for i in sums:
        covered = set(filter(None, frame.at[i, "umfasst"].split(",")))
        if frame.at[i, "abteilung"] == "":  # grand total: the largest sum rows that do not overlap
            candidates = [j for j in frame.index if j != i and frame.at[j, "zeilenart"] == "summe"
                          and frame.at[j, "abteilung"] != ""]
            candidates.sort(key=lambda j: -len(frame.at[j, "umfasst"].split(",")))
            taken: set[str] = set()
            for j in candidates:
                cover = set(frame.at[j, "umfasst"].split(","))
                if not cover & taken:
                    children[i].append(j)
                    taken |= cover
            continue
        direct = [abteilung_rows[a] for a in sorted(covered) if a in abteilung_rows]
        if direct:
            children[i] = direct
        else:
            children[i] = [j for j in top_level if frame.at[j, "abteilung"] in covered and j != i] + \
                          [j for j in uncoded_items if frame.at[j, "abteilung"] in covered]
    return children


def _check_sum(frame, i, kids, column, notes) -> None:
    printed = frame.at[i, column]
    if printed is None or pd.isna(printed):
        return
    values = [frame.at[k, column] for k in kids]
    if all(v is None or pd.isna(v) for v in values) and not any(symbols(frame.at[k, "zeichen"]).get(column) for k in kids):
        return  # the column is not printed for the items
    total, unknown = Decimal(0), []
    for k, v in zip(kids, values):
        if v is not None and not pd.isna(v):
            total += Decimal(str(v))
        elif symbols(frame.at[k, "zeichen"]).get(column) == "–":
            continue
        else:
            name = frame.at[k, "code"] or frame.at[k, "bezeichnung"]
            hidden = symbols(frame.at[k, "zeichen"]).get(column) == "/"
            unknown.append(name if hidden else f"{name} (ohne lesbare Zahl)")
    if unknown:
        notes.append(f"summe_nicht_pruefbar({column}: nicht ausgewiesen: {', '.join(unknown)})")
        return
    diff = Decimal(str(printed)) - total
    if diff == 0:
        return
    kind = "summe_rundungsdifferenz" if abs(diff) <= config.CROSSCHECK_TOLERANCE_EUR else "summe_weicht_ab"
    notes.append(f"{kind}({column}: gedruckt {_euro(Decimal(str(printed)))}, Summe der Posten {_euro(total)})")


def _check_row(frame, i, notes) -> None:
    get = {c: frame.at[i, c] for c in SUM_COLUMNS}
    known = {c: Decimal(str(v)) for c, v in get.items() if v is not None and not pd.isna(v)}
    if {"ausgaben_eur", "ausgaben_erwachsene_eur", "ausgaben_kind_eur"} <= known.keys():
        parts = known["ausgaben_erwachsene_eur"] + known["ausgaben_kind_eur"]
        diff = known["ausgaben_eur"] - parts
        if diff:
            kind = "zeile_summe_rundungsdifferenz" if abs(diff) <= config.CROSSCHECK_TOLERANCE_EUR else "zeile_summe_weicht_ab"
            notes.append(f"{kind}(insgesamt {_euro(known['ausgaben_eur'])}, Erwachsene + Kind {_euro(parts)})")
    if {"ausgaben_eur", "regelbedarfsrelevant_eur"} <= known.keys() and known["regelbedarfsrelevant_eur"] > known["ausgaben_eur"]:
        notes.append(f"regelbedarfsrelevant_groesser_als_ausgaben({_euro(known['regelbedarfsrelevant_eur'])} > "
                     f"{_euro(known['ausgaben_eur'])})")


def check_share(ausgaben: Decimal | None, relevant: Decimal | None, share: Decimal | None, printed: str) -> str | None:
    """A printed share ("Anteil in %") against the two € amounts of its row: the flag, or ``None`` when it fits
    within the rounding of the printed share (half a unit of its last digit) and of the cents."""
    if share is None or ausgaben is None:
        return None
    relevant = relevant or Decimal(0)  # "–": nothing regelbedarfsrelevant
    digits = len(printed.split(",")[1]) if "," in printed else 0
    tolerance = ausgaben * Decimal(5) / Decimal(10) ** (digits + 3) + Decimal("0.01")
    expected = ausgaben * share / 100
    if abs(expected - relevant) <= tolerance:
        return None
    return (f"anteil_weicht_ab({printed} % von {_euro(ausgaben)} sind {_euro(expected.quantize(Decimal('0.01')))}, "
            f"regelbedarfsrelevant gedruckt {_euro(relevant)})")


def run_checks(frame: pd.DataFrame) -> None:
    """Add flags to ``frame['hinweise']`` (lists) and fill ``frame['zwischensumme']`` in place."""
    parents = _parents(frame)
    children = _children(frame, parents)
    frame["zwischensumme"] = [frame.at[i, "zeilenart"] == "posten" and bool(children[i]) for i in frame.index]
    for i in frame.index:
        notes = frame.at[i, "hinweise"]
        _check_row(frame, i, notes)
        kids = children[i]
        if frame.at[i, "zeilenart"] == "summe" and not kids:
            notes.append("summe_ohne_posten")
        if kids:
            for column in SUM_COLUMNS:
                _check_sum(frame, i, kids, column, notes)


def leaf_items(frame: pd.DataFrame) -> pd.DataFrame:
    """The items that add up without double counting: posten rows that are not Zwischensummen."""
    zs = frame["zwischensumme"].astype(str).str.lower().isin(["true", "1"])
    return frame[(frame["zeilenart"] == "posten") & ~zs]
