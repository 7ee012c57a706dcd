"""Angemessene Wohnfläche by household size: Saxon social-housing limits and local deviations."""

from __future__ import annotations

from decimal import Decimal

from kdu_analysis.errors import ReferenceDataError
from kdu_analysis.reference.params import Citation, load_raw, make_citation


def _norm(name: str) -> str:
    return " ".join(name.lower().split())


def angemessene_wohnflaeche(haushaltsgroesse: int, traeger: str | None = None) -> tuple[Decimal, Citation]:
    """Area in m² for ``haushaltsgroesse`` persons; a Träger's own limit where one is recorded."""
    if haushaltsgroesse < 1:
        raise ReferenceDataError(f"Haushaltsgröße {haushaltsgroesse} ist ungültig", remedy="Bitte mindestens 1 Person angeben")
    entries = load_raw("wohnflaechen")["eintraege"]
    chosen = next((e for e in entries if e["traeger"] is None), None)
    if traeger is not None:
        chosen = next((e for e in entries if e["traeger"] and _norm(e["traeger"]) == _norm(traeger)), chosen)
    values = [Decimal(v) for v in chosen["werte"]]
    if haushaltsgroesse <= len(values):
        area = values[haushaltsgroesse - 1]
    else:
        area = values[-1] + (haushaltsgroesse - len(values)) * Decimal(chosen["je_weitere"])
    return area, make_citation(chosen)
