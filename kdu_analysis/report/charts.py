"""Charts the report draws from the legal reference data itself (the audit and Regelbedarf charts live with their stages).

Each function returns ``(Figure, DataFrame)``: the data behind the picture travels with it (``figures.save_figure``).
"""

from __future__ import annotations

from datetime import date

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from kdu_analysis.outputs import german_number
from kdu_analysis.reference import mietenstufen, wogg
from kdu_analysis.report.style import PALETTE, add_source_line, chart_style, euro_axis, german_date


def saxon_mietenstufen(stichtag: date) -> list[str]:
    """The Mietenstufen that occur in Sachsen on ``stichtag`` (listed Gemeinden and Kreise), in order."""
    listed = set(mietenstufen.listed_gemeinden(stichtag).values())
    from kdu_analysis.reference.params import entry_in_force, load_raw

    entry = entry_in_force(load_raw("mietenstufen_sachsen")["eintraege"], stichtag, what="die Mietenstufen (Anlage zur WoGV)")
    kreise = {info["stufe"] for info in entry["kreise"].values()}
    order = ["I", "II", "III", "IV", "V", "VI", "VII"]
    return [s for s in order if s in listed | kreise]


def wogg_plus10_data(stichtag: date) -> pd.DataFrame:
    """§ 12 WoGG Höchstbeträge + 10 % for the Saxon Mietenstufen, household sizes 1–5 (derived: table × 1,1)."""
    frame = wogg.wogg_table_frame(stichtag)
    stufen = saxon_mietenstufen(stichtag)
    data = frame[frame.mietenstufe.isin(stufen) & (frame.haushaltsgroesse != "+1")].copy()
    data["abgeleitet"] = "hoechstbetrag_plus10_eur = hoechstbetrag_eur × 1,1 (BSG B 4 AS 87/12 R), auf Cent gerundet"
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
