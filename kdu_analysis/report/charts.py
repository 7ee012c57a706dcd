"""Charts the report draws from the legal reference data itself (the audit and Regelbedarf charts live with their stages).

Each function returns ``(Figure, DataFrame)``: the data behind the picture travels with it (``figures.save_figure``).
"""

from __future__ import annotations

from datetime import date

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from kdu_analysis import config
from kdu_analysis.charts.style import PALETTE, add_source_line, chart_style, euro_axis
from kdu_analysis.formatting import german_date, german_number
from kdu_analysis.reference import mietenstufen as ms
from kdu_analysis.reference import wogg
from kdu_analysis.reference.rechtsprechung import ZITAT_ERKENNTNISAUSFALL
from kdu_analysis.regelbedarf.charts import STUFEN_LABELS, law_changes
from kdu_analysis.regelbedarf.reproduce import regelbedarf_series
from kdu_analysis.report.obergrenzen import DERIVATION


def saxon_mietenstufen(stichtag: date) -> list[str] | None:
    """The Mietenstufen that occur in Sachsen on ``stichtag`` (listed Gemeinden and Kreise), in table order;
    ``None`` where the WoGV annex of that time is not in the project's data (2016–2019)."""
    entry = ms.anlage(stichtag)
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
        add_source_line(fig, f"{citation.text}; Zuschlag 10 %: {ZITAT_ERKENNTNISAUSFALL}; eigene Berechnung",
                        stand=stichtag)
    return fig, data


# ----------------------------------------------------------------------------- charts drawn for the slide
# Each ``draw_*_slide(ax, …)`` fills axes that the deck places on a 16:9 slide (``deck.SlideChart``); the slide
# style is in force, every text is at least 16 pt, and there is no title or source line (the slide has both).

SLIDE_TEXT_PT = 17


def draw_wogg_plus10_slide(ax, stichtag: date) -> pd.DataFrame:
    """WoGG + 10 % per household size for the Saxon Mietenstufen, grouped bars, for a slide."""
    data = wogg_plus10_data(stichtag)
    stufen = list(dict.fromkeys(data.mietenstufe))
    sizes = list(dict.fromkeys(data.haushaltsgroesse))
    width = 0.8 / len(stufen)
    x = np.arange(len(sizes))
    for offset, (colour, stufe) in enumerate(zip(PALETTE, stufen)):
        amounts = [data[(data.mietenstufe == stufe) & (data.haushaltsgroesse == s)].hoechstbetrag_plus10_eur.item()
                   for s in sizes]
        ax.bar(x + (offset - (len(stufen) - 1) / 2) * width, [float(a) for a in amounts], width * 0.95, color=colour,
               label=f"Stufe {stufe}")
    ax.set_xticks(x, [f"{s} {'Person' if s == '1' else 'Personen'}" for s in sizes])
    euro_axis(ax.yaxis)
    ax.set_ylabel("Bruttokaltmiete je Monat")
    columns = min(len(stufen), 4)  # all seven Stufen (years without the Saxon list) take two legend rows
    ax.set_ylim(0, float(data.hoechstbetrag_plus10_eur.max()) * (1.18 if len(stufen) <= columns else 1.35))
    ax.legend(loc="upper left", ncols=columns, fontsize=SLIDE_TEXT_PT)
    return data


def draw_regelbedarf_slide(ax, stufen: tuple[int, ...] = (1, 2, 4, 5, 6)) -> pd.DataFrame:
    """Regelbedarfsstufen as paid since 2011 (steps), Neuermittlungen and Nullrunden marked, for a slide."""
    series = regelbedarf_series()
    data = series[series.stufe.isin(stufen)][["jahr", "stufe", "betrag_eur"]]
    for colour, stufe in zip(PALETTE, stufen):
        part = data[data.stufe == stufe]
        years = list(part.jahr) + [part.jahr.max() + 1]  # the last amount holds through its year
        amounts = list(part.betrag_eur.astype(float)) + [float(part.betrag_eur.iloc[-1])]
        ax.step(years, amounts, where="post", color=colour, label=STUFEN_LABELS.get(stufe, f"Stufe {stufe}"),
                linewidth=None if stufe == 1 else plt.rcParams["lines.linewidth"] * 0.6)
    top = float(data.betrag_eur.max())
    for jahr, label in law_changes().items():
        ax.axvline(jahr, color="#888888", linestyle=":", linewidth=1.2)
        if label:
            ax.text(jahr + 0.1, top * 1.04, label.replace("\n", " ") if len(label) < 12 else label, fontsize=16,
                    va="bottom", ha="left", color="#333333")
    ax.set_ylim(0, top * 1.45)
    ax.set_xlim(config.REGELBEDARF_FIRST_YEAR - 0.3, config.REGELBEDARF_LAST_YEAR + 1)
    ax.set_xticks(range(config.REGELBEDARF_FIRST_YEAR, config.REGELBEDARF_LAST_YEAR + 1, 3))
    euro_axis(ax.yaxis)
    ax.legend(loc="lower center", ncols=3, fontsize=16)
    return data

