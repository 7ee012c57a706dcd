"""The fallback ceiling (§ 12 WoGG + 10 %, only after an Erkenntnisausfall, BSG: ``bsg_erkenntnisausfall``) for every Saxon area:
Gemeinden listed in the WoGV annex and the Kreise (whose value holds for all other Gemeinden). Derived values, marked
as such; both sources named in every row. The ceiling never includes the Klimakomponente (contested); it is a column
of its own, and ``obergrenze_mit_klimakomponente_eur`` is the second, labelled figure."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pandas as pd

from kdu_analysis.errors import ReferenceDataError
from kdu_analysis.formatting import german_date
from kdu_analysis.money import round_cent
from kdu_analysis.reference import mietenstufen as ms
from kdu_analysis.reference import wogg
from kdu_analysis.reference.params import make_citation
from kdu_analysis.reference.rechtsprechung import ZITAT_ERKENNTNISAUSFALL, ZITAT_KLIMAKOMPONENTE

ART_GEMEINDE = "Gemeinde (einzeln aufgeführt)"
ART_KREIS = {"kreise": "Landkreis (übrige Gemeinden)", "altkreise": "Altkreis vor der Kreisreform (übrige Gemeinden)"}
DERIVATION = f"hoechstbetrag_plus10_eur = hoechstbetrag_eur × 1,1 ({ZITAT_ERKENNTNISAUSFALL}), auf Cent gerundet"
KLIMA_HINWEIS = ("obergrenze_mit_klimakomponente_eur = hoechstbetrag_plus10_eur + klimakomponente_eur; umstritten "
                 f"({ZITAT_KLIMAKOMPONENTE}, 1. Instanz; höchstrichterlich nicht geklärt)")


def areas(stichtag: date) -> pd.DataFrame:
    """Areas with their Mietenstufe: ``gebiet``, ``art``, ``mietenstufe`` (Kreise first, then Gemeinden A–Z)."""
    entry = ms.anlage(stichtag)
    if entry is None:
        raise ReferenceDataError(
            f"Für den {german_date(stichtag)} liegt die WoGV-Anlage mit den Mietenstufen (2016–2019) nicht vor",
            remedy="Bitte die Anlage ergänzen (kdu_analysis/reference/data/mietenstufen_sachsen.yaml)")
    art_kreis = ART_KREIS[entry.get("kreisgliederung", "kreise")]
    rows = [{"gebiet": name, "art": art_kreis, "mietenstufe": info["stufe"]} for name, info in sorted(entry["kreise"].items())]
    rows += [{"gebiet": name, "art": ART_GEMEINDE, "mietenstufe": stufe} for name, stufe in sorted(entry["gemeinden"].items())]
    return pd.DataFrame(rows)


def obergrenzen_frame(stichtag: date) -> pd.DataFrame:
    """Tidy: one row per area × household size (1–5, +1) with Höchstbetrag, + 10 % and the Klimakomponente."""
    places = areas(stichtag)  # raises for the 2016–2019 gap
    table = wogg.wogg_table_frame(stichtag).set_index(["mietenstufe", "haushaltsgroesse"])
    citation_stufen = make_citation(ms.anlage(stichtag))
    frame = places.merge(table.reset_index(), on="mietenstufe", how="left", validate="many_to_many")
    if frame.hoechstbetrag_eur.isna().any():
        raise ReferenceDataError("Eine Mietenstufe der WoGV-Anlage fehlt in der WoGG-Tabelle",
                                 remedy="Bitte die Referenzdaten prüfen")
    frame = frame.rename(columns={"fassung": "fassung_wogg", "quelle": "quelle_wogg",
                                  "zuverlaessigkeit": "zuverlaessigkeit_wogg"})
    frame["fassung_mietenstufen"] = citation_stufen.fassung
    frame["quelle_mietenstufen"] = citation_stufen.text
    frame["zuverlaessigkeit_mietenstufen"] = citation_stufen.zuverlaessigkeit
    frame["abgeleitet"] = DERIVATION
    frame["obergrenze_mit_klimakomponente_eur"] = [
        None if k is None or k != k else round_cent(Decimal(str(p)) + Decimal(str(k)))
        for p, k in zip(frame.hoechstbetrag_plus10_eur, frame.klimakomponente_eur)]
    frame["hinweis_klimakomponente"] = [None if v is None else KLIMA_HINWEIS for v in frame.obergrenze_mit_klimakomponente_eur]
    columns = ["gebiet", "art", "mietenstufe", "haushaltsgroesse", "hoechstbetrag_eur", "hoechstbetrag_plus10_eur",
               "klimakomponente_eur", "obergrenze_mit_klimakomponente_eur", "fassung_wogg", "fassung_mietenstufen", "quelle_wogg", "quelle_mietenstufen",
               "zuverlaessigkeit_wogg", "zuverlaessigkeit_mietenstufen", "abgeleitet", "hinweis_klimakomponente"]
    return frame[columns]


def obergrenzen_wide(frame: pd.DataFrame) -> pd.DataFrame:
    """One row per area, the + 10 % amounts side by side (for Excel and the homepage)."""
    wide = frame.pivot(index=["gebiet", "art", "mietenstufe"], columns="haushaltsgroesse", values="hoechstbetrag_plus10_eur")
    wide = wide[["1", "2", "3", "4", "5", "+1"]].reset_index()
    order = {key: n for n, key in enumerate(zip(frame.gebiet, frame.art))}
    wide["_order"] = [order[key] for key in zip(wide.gebiet, wide.art)]
    return wide.sort_values("_order").drop(columns="_order").reset_index(drop=True)
