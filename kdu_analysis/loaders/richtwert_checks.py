"""Cross-checks on extracted Richtwert rows: they add flags, never drop or change a value."""

from __future__ import annotations

from decimal import Decimal

import pandas as pd

from kdu_analysis import config


def _num(value) -> Decimal | None:
    return value if isinstance(value, Decimal) else None


def run_checks(frame: pd.DataFrame) -> None:
    """Add a ``_check_notes`` column (list of short flag ids per row)."""
    frame["_check_notes"] = check_notes(frame.to_dict("records"))


def check_notes(records: list[dict]) -> list[list[str]]:
    """The flag ids of each record. Plain Python: the table is small and pandas row access would cost more than
    reading the page."""
    tol = config.CROSSCHECK_TOLERANCE_EUR
    notes: list[list[str]] = [[] for _ in records]
    for i, row in enumerate(records):
        nkm, bk, bkm = _num(row.get("nettokaltmiete_eur")), _num(row.get("betriebskosten_eur")), _num(row.get("bruttokaltmiete_eur"))
        if nkm is not None and bk is not None and bkm is not None and abs(nkm + bk - bkm) > tol:
            notes[i].append("summe_nkm_bk_ungleich_bkm")
        area = _num(row.get("wohnflaeche_m2"))
        for per_m2, monthly in (("nettokaltmiete_eur_m2", "nettokaltmiete_eur"), ("betriebskosten_eur_m2", "betriebskosten_eur"),
                                ("bruttokaltmiete_eur_m2", "bruttokaltmiete_eur")):
            rate, total = _num(row.get(per_m2)), _num(row.get(monthly))
            if rate is not None and total is not None and area is not None and abs(rate * area - total) > tol:
                notes[i].append(f"produkt_{per_m2}_ungleich_{monthly}")
    # amounts must not fall with household size (within one Vergleichsraum, sizes 1..n)
    for column in ("bruttokaltmiete_eur", "nettokaltmiete_eur", "bruttowarmmiete_eur"):
        regions: dict = {}
        for i, row in enumerate(records):
            if str(row.get("haushaltsgroesse")).isdigit() and isinstance(row.get(column), Decimal):
                regions.setdefault(row.get("vergleichsraum"), []).append((int(row["haushaltsgroesse"]), i, row[column]))
        for sized in regions.values():
            sized.sort()
            for (_, _, a), (_, i_b, b) in zip(sized, sized[1:]):
                if b < a:
                    notes[i_b].append(f"faellt_mit_haushaltsgroesse_{column}")
    return notes
