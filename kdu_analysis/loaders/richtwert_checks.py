"""Cross-checks on extracted Richtwert rows: they add flags, never drop or change a value."""

from __future__ import annotations

from decimal import Decimal

import pandas as pd

from kdu_analysis import config


def _num(value) -> Decimal | None:
    return value if isinstance(value, Decimal) else None


def run_checks(frame: pd.DataFrame) -> None:
    """Add a ``_check_notes`` column (list of short flag ids per row)."""
    tol = config.CROSSCHECK_TOLERANCE_EUR
    notes: list[list[str]] = [[] for _ in range(len(frame))]
    for i, row in enumerate(frame.itertuples(index=False)):
        nkm, bk, bkm = _num(row.nettokaltmiete_eur), _num(row.betriebskosten_eur), _num(row.bruttokaltmiete_eur)
        if nkm is not None and bk is not None and bkm is not None and abs(nkm + bk - bkm) > tol:
            notes[i].append("summe_nkm_bk_ungleich_bkm")
        area = _num(row.wohnflaeche_m2)
        for per_m2, monthly in (("nettokaltmiete_eur_m2", "nettokaltmiete_eur"), ("betriebskosten_eur_m2", "betriebskosten_eur"),
                                ("bruttokaltmiete_eur_m2", "bruttokaltmiete_eur")):
            rate, total = _num(getattr(row, per_m2)), _num(getattr(row, monthly))
            if rate is not None and total is not None and area is not None and abs(rate * area - total) > tol:
                notes[i].append(f"produkt_{per_m2}_ungleich_{monthly}")
    # amounts must not fall with household size (within one Vergleichsraum, sizes 1..n)
    for column in ("bruttokaltmiete_eur", "nettokaltmiete_eur", "bruttowarmmiete_eur"):
        for _, part in frame.groupby("vergleichsraum", sort=False):
            sized = [(int(r.haushaltsgroesse), idx, r[column]) for idx, r in part.iterrows()
                     if str(r.haushaltsgroesse).isdigit() and isinstance(r[column], Decimal)]
            sized.sort()
            for (n_a, _, a), (n_b, idx_b, b) in zip(sized, sized[1:]):
                if b < a:
                    notes[frame.index.get_loc(idx_b)].append(f"faellt_mit_haushaltsgroesse_{column}")
    frame["_check_notes"] = notes
