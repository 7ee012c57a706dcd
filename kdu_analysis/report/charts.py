"""Charts the report draws from the legal reference data itself (the audit and Regelbedarf charts live with their stages).

Each function returns ``(Figure, DataFrame)``: the data behind the picture travels with it (``figures.save_figure``).
"""

from __future__ import annotations

from datetime import date

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from kdu_analysis.outputs import german_number
from kdu_analysis.reference import wogg
from kdu_analysis.report.obergrenzen import DERIVATION, mietenstufen_entry
from kdu_analysis.report.style import PALETTE, add_source_line, chart_style, euro_axis, german_date


def saxon_mietenstufen(stichtag: date) -> list[str] | None:
    """The Mietenstufen that occur in Sachsen on ``stichtag`` (listed Gemeinden and Kreise), in table order;
    ``None`` where the WoGV annex of that time is not in the project's data (2016–2019)."""
    entry = mietenstufen_entry(stichtag)
    if entry is None:
        return None
    present = set(entry["gemeinden"].values()) | {info["stufe"] for info in entry["kreise"].values()}
    return [s for s in wogg.wogg_table_frame(stichtag).mietenstufe.drop_duplicates() if s in present]


def wogg_plus10_data(stichtag: date) -> pd.DataFrame:
    """§ 12 WoGG Höchstbeträge + 10 % for the Saxon Mietenstufen (all Stufen where those are unknown),
    household sizes 1–5 (derived: table × 1,1)."""
    frame = wogg.wogg_table_frame(stichtag)
    stufen = saxon_mietenstufen(stichtag)
    data = frame[(frame.haushaltsgroesse != "+1") & (frame.mietenstufe.isin(stufen) if stufen else True)].copy()
    data["abgeleitet"] = DERIVATION
    return data.reset_index(drop=True)


def chart_wogg_plus10(stichtag: date, kind: str = "web") -> tuple[plt.Figure, pd.DataFrame]:
    """Grouped bars: the BSG fallback ceiling (WoGG + 10 %) per household size for each Saxon Mietenstufe."""
    data = wogg_plus10_data(stichtag)
    stufen = list(dict.fromkeys(data.mietenstufe))
    sizes = list(dict.fromkeys(data.haushaltsgroesse))
    citation = wogg.wogg_citation(stichtag)
    with chart_style(kind):
        fig, ax = plt.subplots()
        width = 0.8 / len(stufen)
        x = np.arange(len(sizes))
        for offset, (colour, stufe) in enumerate(zip(PALETTE, stufen)):
            amounts = [data[(data.mietenstufe == stufe) & (data.haushaltsgroesse == s)].hoechstbetrag_plus10_eur.item()
                       for s in sizes]
            bars = ax.bar(x + (offset - (len(stufen) - 1) / 2) * width, [float(a) for a in amounts], width * 0.95,
                          color=colour, label=f"Mietenstufe {stufe}")
            # exact amounts (Decimal, to the cent): a float format would round half to even
            ax.bar_label(bars, labels=[german_number(a, 2) for a in amounts], fontsize="xx-small", padding=2)
        ax.set_xticks(x, [f"{s} {'Person' if s == '1' else 'Personen'}" for s in sizes])
        ax.set_title(f"WoGG-Tabelle + 10 % (Fassung ab {german_date(citation.fassung)})")
        ax.set_ylabel("Bruttokaltmiete je Monat")
        euro_axis(ax.yaxis)
        ax.legend(loc="upper left", ncols=len(stufen))
        ax.set_ylim(0, float(data.hoechstbetrag_plus10_eur.max()) * 1.15)
        add_source_line(fig, f"{citation.text}; Zuschlag 10 %: BSG 12.12.2013 – B 4 AS 87/12 R; eigene Berechnung",
                        stand=stichtag)
    return fig, data
