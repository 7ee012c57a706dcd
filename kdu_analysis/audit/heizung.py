"""Heating limits of a Träger vs Heizspiegel-type limits (§ 22 Abs. 1 SGB II; BSG ``bsg_heizspiegel``).

The only per-m² limits available to the project are those of Jobcenter Nienburg (Lower Saxony, Heizspiegel 2022,
label C). They are shown for orientation, with the range over fuel types and building sizes; Saxon or current
"zu hoch" thresholds are missing and the findings say so.
"""

from __future__ import annotations

import functools
from datetime import date
from decimal import Decimal
from pathlib import Path

from kdu_analysis.audit.findings import Finding, finding, weakest
from kdu_analysis.formatting import euro
from kdu_analysis.money import round_cent
from kdu_analysis.reference.rechtsprechung import ZITAT_HEIZKOSTEN, ZITAT_HEIZSPIEGEL
from kdu_analysis.reference.wohnflaeche import angemessene_wohnflaeche
from kdu_analysis.schemas import load_validated
from kdu_analysis.traeger import Ausgabe, Traeger, vr_names

RG = (f"§ 22 Abs. 1 S. 1 SGB II; {ZITAT_HEIZSPIEGEL} (Heizspiegel-Grenzwert „zu hoch“ × angemessene "
      f"Wohnfläche als Anhaltspunkt); {ZITAT_HEIZKOSTEN} (Überschreitung allein rechtfertigt keine Kürzung)")
ANHALT = ("Ein Heizspiegel-Grenzwert ist nur ein Anhaltspunkt für unangemessene Heizkosten; gekürzt werden darf erst "
          "nach konkreter Prüfung im Einzelfall und einer Kostensenkungsaufforderung.")
FEHLT = ("Es fehlen: aktuelle Heizspiegel-Grenzwerte („zu hoch“) 2023–2025 je Energieträger und Gebäudegröße sowie "
         "Angaben zu Energieträger und Gebäudegröße der Wohnungen.")


@functools.lru_cache(maxsize=1)
def heizspiegel() -> dict:
    folder = Path(__file__).parent
    return load_validated(folder / "heizspiegel_nienburg.yaml", folder / "heizspiegel_nienburg.schema.json",
                          remedy="Bitte kdu_analysis/audit/heizspiegel_nienburg.yaml nach dem Schema daneben berichtigen")


def spanne(flaeche: Decimal) -> tuple[Decimal, Decimal]:
    """Lowest and highest Nienburg limit × area over all fuels and building sizes."""
    rates = [Decimal(v) for row in heizspiegel()["werte"].values() for v in row]
    return round_cent(min(rates) * flaeche), round_cent(max(rates) * flaeche)


def check(traeger: Traeger, ausgabe: Ausgabe, stichtag: date) -> list[Finding]:
    hs = heizspiegel()
    table = ausgabe.werte.get("heizkosten_eur", {})
    if not table:
        return [finding(traeger, "heizkosten", "hinweis",
                        "Für diese Ausgabe ist keine Heizkostengrenze erfasst. " + FEHLT, stichtag=stichtag,
                        ausgabe=ausgabe, rechtsgrundlage=RG, quelle=ausgabe.quelle,
                        zuverlaessigkeit=ausgabe.zuverlaessigkeit)]
    out = []
    for vr in vr_names(ausgabe):
        for size in ("1", "2", "3", "4", "5"):
            value = ausgabe.wert("heizkosten_eur", vr, size)
            if value is None:
                continue
            area = ausgabe.flaeche(size)
            area_source = ausgabe.quelle
            if area is None:
                area, citation = angemessene_wohnflaeche(int(size), traeger.name)
                area_source = citation.text
            low, high = spanne(area)
            ergebnis = "hinweis" if value < low else "ok"
            text = (f"Heizkostengrenze {euro(value)} bei {area} m². Zum Vergleich (nur Orientierung, Niedersachsen, "
                    f"Heizspiegel 2022): {euro(low)} bis {euro(high)} je nach Energieträger und Gebäudegröße"
                    + (" – die Grenze liegt unter dem niedrigsten Vergleichswert" if value < low else "")
                    + ". " + ANHALT + " " + FEHLT)
            out.append(finding(traeger, "heizkosten", ergebnis, text, stichtag=stichtag, ausgabe=ausgabe,
                               vergleichsraum=vr, haushaltsgroesse=size, wert=value, vergleichswert=low,
                               rechtsgrundlage=RG, quelle=f"{ausgabe.quelle}; {hs['quelle']}; Fläche: {area_source}",
                               zuverlaessigkeit=weakest(ausgabe.zuverlaessigkeit, hs["zuverlaessigkeit"])))
    return out
