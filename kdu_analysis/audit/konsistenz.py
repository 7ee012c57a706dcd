"""Arithmetic checks inside one edition: Produkttheorie, NKM + BK = BKM, amounts rising with household size.

Every printed row is checked; a check that cannot be done (missing cells) produces no finding, a failed one a flag.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from kdu_analysis import config
from kdu_analysis.audit.findings import Finding, finding
from kdu_analysis.formatting import euro
from kdu_analysis.money import round_cent
from kdu_analysis.traeger import Ausgabe, Traeger, vr_names

PRODUKT_RG = "Produkttheorie: BSG 07.11.2006 – B 7b AS 18/06 R; angemessene Fläche × Quadratmeterpreis"
SUMME_RG = "Bruttokaltmiete = Nettokaltmiete + kalte Betriebskosten (§ 22 Abs. 1 SGB II; BSG-Rspr. zur Bruttokaltmiete)"
MONOTONIE_RG = "§ 22 Abs. 1 S. 1 SGB II (abstrakte Angemessenheit nach Haushaltsgröße)"
_MEASURES = ("bruttokaltmiete_eur", "nettokaltmiete_eur", "bruttowarmmiete_eur", "betrag_eur")


def check(traeger: Traeger, ausgabe: Ausgabe, stichtag: date) -> list[Finding]:
    out: list[Finding] = []
    base = dict(stichtag=stichtag, ausgabe=ausgabe, quelle=ausgabe.quelle, zuverlaessigkeit=ausgabe.zuverlaessigkeit)
    tol = config.CROSSCHECK_TOLERANCE_EUR
    for vr in vr_names(ausgabe):
        # Produkttheorie where a €/m² rate and an area are printed
        for size in ("1", "2", "3", "4", "5"):
            rate, area = ausgabe.bruttokaltmiete_eur_m2[int(size) - 1], ausgabe.flaeche(size)
            value = ausgabe.wert("bruttokaltmiete_eur", vr, size)
            if rate is not None and area is not None and value is not None:
                product = round_cent(rate * area)
                ok = abs(product - value) <= tol
                out.append(finding(traeger, "produkttheorie", "ok" if ok else "verstoss",
                                   f"{area} m² × {euro(rate)}/m² = {euro(product)}; gedruckt {euro(value)}"
                                   + ("" if ok else " – Produkt und Betrag weichen ab") + ".",
                                   vergleichsraum=vr, haushaltsgroesse=size, wert=value, vergleichswert=product,
                                   rechtsgrundlage=PRODUKT_RG, **base))
        # the 5-person value against 95 m² × (+1 amount ÷ +1 area) (constant €/m², e.g. Meißen)
        five, inc, area5, inc_area = (ausgabe.wert("bruttokaltmiete_eur", vr, "5"), ausgabe.wert("bruttokaltmiete_eur", vr, "+1"),
                                      ausgabe.flaeche("5"), ausgabe.flaeche("+1"))
        if five is not None and inc is not None and inc_area:
            area5 = area5 or Decimal(95)
            product = round_cent(area5 * inc / inc_area)
            if abs(product - five) <= tol:
                out.append(finding(traeger, "produkttheorie", "ok",
                                   f"5 Personen: {area5} m² × ({euro(inc)} ÷ {inc_area} m²) = {euro(product)} entspricht "
                                   f"dem gedruckten Wert {euro(five)} (einheitlicher Quadratmeterpreis; abgeleitet).",
                                   vergleichsraum=vr, haushaltsgroesse="5", wert=five, vergleichswert=product,
                                   rechtsgrundlage=PRODUKT_RG, **base))
        # NKM + BK = BKM; where only NKM and BKM are printed, the implied BK must be positive
        for size in ("1", "2", "3", "4", "5", "+1"):
            nkm, bk, bkm = (ausgabe.wert("nettokaltmiete_eur", vr, size), ausgabe.wert("betriebskosten_eur", vr, size),
                            ausgabe.wert("bruttokaltmiete_eur", vr, size))
            if nkm is None or bkm is None:
                continue
            if bk is not None:
                ok = abs(nkm + bk - bkm) <= tol
                text = f"{euro(nkm)} + {euro(bk)} = {euro(nkm + bk)}; gedruckt {euro(bkm)}."
                compare = nkm + bk
            else:
                ok = bkm > nkm
                text = (f"Bruttokaltmiete {euro(bkm)} − Nettokaltmiete {euro(nkm)} = kalte Betriebskosten "
                        f"{euro(bkm - nkm)} (abgeleitet)" + ("." if ok else " – nicht positiv."))
                compare = nkm
            out.append(finding(traeger, "summe_nkm_bk", "ok" if ok else "verstoss", text, vergleichsraum=vr,
                               haushaltsgroesse=size, wert=bkm, vergleichswert=compare, rechtsgrundlage=SUMME_RG, **base))
        # amounts must not fall with household size
        for measure in _MEASURES:
            row = ausgabe.werte.get(measure, {}).get(vr)
            if row is None:
                continue
            sizes = [(str(i + 1), v) for i, v in enumerate(row[:5]) if v is not None]
            for (s1, v1), (s2, v2) in zip(sizes, sizes[1:]):
                if v2 < v1:
                    out.append(finding(traeger, "monotonie", "verstoss",
                                       f"Der Wert für {s2} Personen ({euro(v2)}) ist niedriger als für {s1} Personen "
                                       f"({euro(v1)}) – so gedruckt.", vergleichsraum=vr, haushaltsgroesse=s2, wert=v2,
                                       vergleichswert=v1, rechtsgrundlage=MONOTONIE_RG, **base))
    return out
