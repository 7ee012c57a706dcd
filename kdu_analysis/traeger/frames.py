"""The Träger editions as tidy tables (contract §1 columns plus source columns) for the Kreis products."""

from __future__ import annotations

from datetime import date

import pandas as pd

from kdu_analysis import config
from kdu_analysis.traeger.data import load_traeger
from kdu_analysis.traeger.model import MEASURES, SIZES, Ausgabe, Traeger, vr_names


def ausgabe_frame(traeger: Traeger, ausgabe: Ausgabe) -> pd.DataFrame:
    """Tidy rows (Vergleichsraum × Haushaltsgröße) of one edition, contract §1 columns plus source columns."""
    rows = []
    for vr in vr_names(ausgabe):
        for i, size in enumerate(SIZES):
            row = {"traeger": traeger.name, "vergleichsraum": vr, "gueltig_ab": ausgabe.gueltig_ab,
                   "gueltig_bis": ausgabe.gueltig_bis, "haushaltsgroesse": size,
                   "wohnflaeche_m2": ausgabe.wohnflaeche_m2[i], "bruttokaltmiete_eur_m2": ausgabe.bruttokaltmiete_eur_m2[i]}
            for m in MEASURES:
                row[m] = ausgabe.werte.get(m, {}).get(vr, (None,) * 6)[i]
            row.update({"mietbegriff": ausgabe.mietbegriff, "ausgabe": ausgabe.id, "bezeichnung": ausgabe.bezeichnung,
                        "status": ausgabe.status, "quelle": ausgabe.quelle, "dokument": ausgabe.dokument,
                        "zuverlaessigkeit": ausgabe.zuverlaessigkeit, "traeger_slug": traeger.slug})
            rows.append(row)
    return pd.DataFrame(rows)


def richtwerte_frame(stichtag: date | None = None) -> pd.DataFrame:
    """Tidy Richtwerte of every Träger: the edition in force on ``stichtag`` (default: config.DEFAULT_STICHTAG).

    Träger without a known edition on that date contribute no rows.
    """
    stichtag = stichtag or config.DEFAULT_STICHTAG
    frames = []
    for t in load_traeger():
        a = t.ausgabe_am(stichtag)
        if a is not None and a.hat_werte():
            frames.append(ausgabe_frame(t, a))
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()
