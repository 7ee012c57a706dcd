"""Regelbedarf charts; each function returns ``(Figure, DataFrame)`` so the data travels with the picture."""

from __future__ import annotations

from datetime import date

import matplotlib.pyplot as plt
import pandas as pd

from kdu_analysis import config
from kdu_analysis.regelbedarf.reproduce import regelbedarf_series
from kdu_analysis.report.style import PALETTE, add_source_line, chart_style, euro_axis

#: Law changes marked on the time axis (year → German label).
LAW_CHANGES = {
    2011: "RBEG 2011\n(EVS 2008)",
    2017: "RBEG 2017\n(EVS 2013)",
    2021: "RBEG 2021\n(EVS 2018)",
    2023: "Bürger-\ngeld",
    2025: "Null-\nrunden",
}
STUFEN_LABELS = {1: "Stufe 1 (Alleinstehende)", 2: "Stufe 2 (Paare, je Person)", 4: "Stufe 4 (14–17 Jahre)",
                 5: "Stufe 5 (6–13 Jahre)", 6: "Stufe 6 (0–5 Jahre)"}


def chart_regelbedarf_verlauf(kind: str = "web", stufen: tuple[int, ...] = (1, 2, 4, 5, 6),
                              stand: date | None = None) -> tuple[plt.Figure, pd.DataFrame]:
    """Regelbedarfsstufen 2011–2026 as paid, with the law changes marked."""
    series = regelbedarf_series()
    data = series[series.stufe.isin(stufen)][["jahr", "stufe", "betrag_eur", "berechnet_eur", "regel", "quelle_betrag"]]
    with chart_style(kind):
        fig, ax = plt.subplots()
        for colour, stufe in zip(PALETTE, stufen):
            part = data[data.stufe == stufe]
            years = list(part.jahr) + [part.jahr.max() + 1]  # the last amount holds through its year
            amounts = list(part.betrag_eur.astype(float)) + [float(part.betrag_eur.iloc[-1])]
            ax.step(years, amounts, where="post", color=colour, label=STUFEN_LABELS.get(stufe, f"Stufe {stufe}"),
                    linewidth=(None if stufe == 1 else plt.rcParams["lines.linewidth"] * 0.6))
        top = float(data.betrag_eur.max())
        for jahr, label in LAW_CHANGES.items():
            ax.axvline(jahr, color="#888888", linestyle=":", linewidth=1)
            ax.text(jahr + 0.1, top * 1.02, label, fontsize="x-small", va="bottom", ha="left", color="#333333")
        ax.set_ylim(0, top * 1.25)
        ax.set_xlim(config.REGELBEDARF_FIRST_YEAR - 0.3, config.REGELBEDARF_LAST_YEAR + 1)
        ax.set_title("Regelbedarf je Monat seit 2011")
        ax.set_xlabel("Jahr (Beträge gelten jeweils ab 1. Januar)")
        euro_axis(ax.yaxis)
        ax.legend(loc="lower center", ncols=3, fontsize="small")
        add_source_line(fig, "Anlage zu § 28 SGB XII; RBEG 2011/2017/2021; RBSFV 2012–2026; eigene Nachrechnung (kdu-analysis)",
                        stand=stand or date(config.REGELBEDARF_LAST_YEAR, 1, 1))
    return fig, data.reset_index(drop=True)
