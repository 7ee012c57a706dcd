"""The three charts of the talk for one Kreis, drawn on the slide itself (``deck.SlideChart``).

Each ``draw_*_slide(ax, …)`` fills axes that the deck places on a 16:9 slide with the ``slide`` style in force: tick
labels and direct labels ≥ 16 pt, the legend above the plot area (one row, at most five entries: households of 1–4
persons and the WoGG + 10 % reference), German number format, no title and no source line (the slide has both).
The data come from the audit's chart functions (:mod:`kdu_analysis.audit.charts`) and the Träger data; nothing here
decides which edition applies or what a value is.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, timedelta

import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.lines import Line2D
from matplotlib.ticker import MaxNLocator
from matplotlib.font_manager import FontProperties

from kdu_analysis.audit.charts import verlauf_ende, verlauf_stufen, wogg_band
from kdu_analysis.audit.wogg import stufen_fuer_vergleichsraum, wogg_vergleich
from kdu_analysis.errors import ReferenceDataError
from kdu_analysis.formatting import german_number
from kdu_analysis.charts.style import PALETTE, euro_axis
from kdu_analysis.traeger import Traeger, load_traeger, vr_names

#: Type of direct labels and legends in these charts (tick labels come from the slide style, 17 pt).
LABEL_PT = 16
#: Households drawn: 1–4 persons (four series plus the WoGG reference = five).
SIZES = ("1", "2", "3", "4")
GAP_FACE, GAP_EDGE, WOGG_GREY, OTHER_GREY = "#EEEEEE", "#8A8A8A", "#333333", "#8A8A8A"
#: Hatches of the two kinds of gap and their direct labels.
GAP_KINDS = {"unbekannt": ("//", "Werte nicht\nbekannt"), "mietbegriff": ("\\\\", "Mietbegriff\noffen"),
             "ende": ("..", "Geltungsende\nnicht bekannt")}


def size_label(size: str) -> str:
    return f"{size} Person" + ("" if size == "1" else "en")


def _room(ax, *, left_in: float = 0.0, top_in: float = 0.0) -> None:
    """Shrink the axes from the left/top by inches (room for long tick labels and the legend row)."""
    fig = ax.figure
    box = ax.get_position()
    dx, dy = left_in / fig.get_figwidth(), top_in / fig.get_figheight()
    ax.set_position((box.x0 + dx, box.y0, box.width - dx, box.height - dy))


def _euro_ticks(ax, which: str, low: float, high: float, bins: int = 6) -> None:
    """Amount ticks (German format, "500 €") inside ``low``–``high`` only: a tick outside the axes would still be
    measured (and refused) as text off the slide."""
    # on the x axis not at the very right end either: half of its label would stand beyond the axes
    end = high - (high - low) * (0.04 if which == "x" else 0)
    ticks = [t for t in MaxNLocator(bins, steps=[1, 2, 2.5, 5, 10]).tick_values(low, high) if low <= t <= end]
    axis = ax.xaxis if which == "x" else ax.yaxis
    axis.set_ticks(ticks)
    euro_axis(axis)


def _legend_row(ax, handles: list, labels: list[str], left: float | None = None) -> None:
    """The legend as one row above the plot area (outside the data), starting at figure x ``left`` (default: under
    the axis label, so that the row fits the narrower chart of the HTML deck too)."""
    _room(ax, top_in=0.5)
    box = ax.get_position()
    left = max(0.0, box.x0 - 1.2 / ax.figure.get_figwidth()) if left is None else left
    ax.legend(handles, labels, loc="lower left", bbox_to_anchor=(left, box.y1 + 0.01),
              bbox_transform=ax.figure.transFigure, ncols=len(labels), fontsize=LABEL_PT, borderaxespad=0,
              handlelength=1.6, columnspacing=1.2, frameon=False)


# ----------------------------------------------------------------------------- history of the Richtwerte

@dataclass
class Span:
    start: date
    end: date
    kind: str  # a key of GAP_KINDS


def verlauf_daten(traeger: Traeger, stichtag: date):
    """Editions drawn (Bruttokaltmiete known), the gaps between them and the day the chart ends.

    An edition without values (or with values of an unstated rent concept) is a gap over its validity; the time after
    an edition whose end is not known, up to the next dated edition, is a gap of its own kind ("Geltungsende nicht
    bekannt") – a value is never stretched over years nobody documented. The newest edition runs to the Stichtag
    (it is the edition in force, as in ``Traeger.ausgabe_am``).
    """
    dated = sorted((a for a in traeger.ausgaben if a.gueltig_ab and not a.ersetzt_durch), key=lambda a: a.gueltig_ab)
    editions = [a for a in dated if "bruttokaltmiete_eur" in a.werte and a.hat_werte() and a.mietbegriff == "bruttokalt"]
    last = max([stichtag] + [a.gueltig_bis for a in dated if a.gueltig_bis])
    spans, drawn = [], []
    for a in dated:
        end, known = verlauf_ende(a, dated)
        if a not in editions:
            spans.append(Span(a.gueltig_ab, end or last, "mietbegriff" if a.hat_werte() else "unbekannt"))
        elif known or end is None:
            drawn.append((a, end or max(last, a.gueltig_ab)))
        else:  # end not known, a later edition exists: the value marks its start only
            drawn.append((a, None))
            spans.append(Span(a.gueltig_ab, end, "ende"))
    return drawn, spans, last


def draw_verlauf_slide(ax, traeger: Traeger, stichtag: date) -> bool:
    """Richtwert (Bruttokaltmiete) for 1–4 persons over the editions, for a slide; ``False`` when nothing to draw.

    A line per edition over its validity (several Vergleichsräume: the highest as line, lowest to highest as a light
    band); an edition whose end is not known is a dot with its amount; gaps hatched and labelled in place; WoGG + 10 %
    of the highest of today's Mietenstufen as dashed lines; court decisions on a concept marked where they begin.
    """
    drawn, spans, last = verlauf_daten(traeger, stichtag)
    if not drawn:
        return False
    first = min([a.gueltig_ab for a, _ in drawn] + [s.start for s in spans])
    pad = timedelta(days=max(60, (last - first).days // 40))
    tops: list[float] = []
    several = False
    for i, size in enumerate(SIZES):
        colour = PALETTE[i]
        for a, end in drawn:
            values = [float(v) for vr in vr_names(a) if (v := a.wert("bruttokaltmiete_eur", vr, size)) is not None]
            if not values:
                continue
            top, low = max(values), min(values)
            tops.append(top)
            if end is None:
                ax.plot([a.gueltig_ab], [top], marker="o", markersize=11, color=colour, zorder=4)
                ax.annotate(german_number(top, 2) + " €", (a.gueltig_ab, top), textcoords="offset points",
                            xytext=(10, 0), va="center", ha="left", fontsize=LABEL_PT, color=colour, zorder=5,
                            bbox={"boxstyle": "round,pad=0.15", "facecolor": "white", "edgecolor": "none"})
                continue
            ax.plot([a.gueltig_ab, end], [top, top], color=colour, solid_capstyle="butt", zorder=4)
            ax.plot([a.gueltig_ab], [top], marker="o", markersize=7, color=colour, zorder=4)
            if low < top:
                several = True
                ax.fill_between([a.gueltig_ab, end], [low, low], [top, top], color=colour, alpha=0.18, linewidth=0,
                                zorder=2)
    # WoGG + 10 % of today's Mietenstufen (the highest one: it is compared with the highest Richtwert)
    current = drawn[-1][0]
    stufen = verlauf_stufen(traeger, current, stichtag)
    wogg_label = None
    if stufen:
        days, day = [], date(first.year, first.month, 1)
        while day <= last:
            days.append(day)
            month = day.month + 1
            day = date(day.year + (month - 1) // 12, (month - 1) % 12 + 1, 1)
        days.append(last)
        for i, size in enumerate(SIZES):
            _, high = wogg_band(traeger, size, days, stufen)
            if any(not math.isnan(h) for h in high):
                ax.plot(days, high, color=PALETTE[i], linestyle=(0, (4, 2)), linewidth=2.0, drawstyle="steps-post",
                        zorder=3)
                tops += [h for h in high if not math.isnan(h)]
                wogg_label = f"WoGG + 10 % (Stufe {stufen[-1]})"
    # court decisions on a concept of this Träger, at the start of the period they decided
    courts = [e for e in traeger.gerichtsentscheidungen if e.zeitraum_von and first <= e.zeitraum_von <= last]
    for e in courts:
        ax.axvline(e.zeitraum_von, color="#D55E00" if e.ergebnis.startswith("nicht_schluessig") else WOGG_GREY,
                   linewidth=1.5, linestyle="-.", zorder=1)
    ymax = max(tops) * 1.12 if tops else 1
    ymin = min(tops) * 0.8 if tops else 0
    ax.set_ylim(ymin, ymax)
    for e in courts:
        ax.text(e.zeitraum_von, ymax - (ymax - ymin) * 0.03, " Gericht", rotation=90, va="top", ha="left",
                fontsize=LABEL_PT, color=WOGG_GREY)
    # gaps: hatched, neighbouring gaps of one kind merged, the label inside where it fits
    merged: list[Span] = []
    for s in sorted(spans, key=lambda s: s.start):
        if merged and merged[-1].kind == s.kind and (s.start - merged[-1].end).days <= 1:
            merged[-1].end = max(merged[-1].end, s.end)
        else:
            merged.append(Span(s.start, s.end, s.kind))
    ax.set_xlim(first - pad, last + pad)
    width_in = ax.get_position().width * ax.figure.get_figwidth()
    days_per_in = ((last - first).days + 2 * pad.days) / width_in
    for s in merged:
        hatch, label = GAP_KINDS[s.kind]
        ax.axvspan(s.start, s.end, facecolor=GAP_FACE, edgecolor=GAP_EDGE, hatch=hatch, linewidth=0.8, zorder=0)
        width = (s.end - s.start).days / days_per_in
        if width >= 0.45:  # two lines of 16 pt need about 1,7 in across; a narrower gap gets its label upright
            ax.text(s.start + (s.end - s.start) / 2, ymin + (ymax - ymin) * 0.5,
                    label if width >= 1.75 else label.replace("\n", " "), ha="center", va="center",
                    rotation=0 if width >= 1.75 else 90, fontsize=LABEL_PT, color=WOGG_GREY, zorder=5,
                    linespacing=1.1, bbox={"boxstyle": "round,pad=0.3", "facecolor": "white", "edgecolor": GAP_EDGE})
    step = max(1, math.ceil(((last - first).days / 365.25) / 7))
    low, high = first - pad, last + pad
    ticks = [date(y, 1, 1) for y in range(low.year + 1, high.year + 1) if (y - low.year - 1) % step == 0]
    ax.set_xticks(ticks, [str(t.year) for t in ticks])  # only years inside the axes: no label off the slide
    _euro_ticks(ax, "y", ymin, ymax)
    ax.set_ylabel("Bruttokaltmiete je Monat")
    handles = [Line2D([], [], color=PALETTE[i], linewidth=4) for i in range(len(SIZES))]
    labels = [size_label(s) for s in SIZES]
    if wogg_label:
        handles.append(Line2D([], [], color=WOGG_GREY, linestyle=(0, (4, 2)), linewidth=2.0))
        labels.append(wogg_label)
    _legend_row(ax, handles, labels)
    return several


def verlauf_untertitel(several: bool) -> str | None:
    """The one line the legend cannot say: what line and band mean when there are several Vergleichsräume."""
    return "Linie: höchster, Fläche: niedrigster bis höchster Vergleichsraum" if several else None


# ----------------------------------------------------------------------------- Richtwert per household size

def vergleich_daten(traeger: Traeger, stichtag: date) -> pd.DataFrame | None:
    """Per Vergleichsraum of the edition in force and household size 1–4: Richtwert and WoGG + 10 % of its Stufe."""
    ausgabe = traeger.ausgabe_am(stichtag)
    if ausgabe is None or "bruttokaltmiete_eur" not in ausgabe.werte:
        return None
    rows = []
    for vr in vr_names(ausgabe):
        try:
            stufe = stufen_fuer_vergleichsraum(traeger, vr, stichtag)[0]
        except ReferenceDataError:
            stufe = None
        for size in SIZES:
            value = ausgabe.wert("bruttokaltmiete_eur", vr, size)
            wogg = wogg_vergleich(stufe, size, stichtag)[0] if stufe else None
            rows.append({"vergleichsraum": vr, "haushaltsgroesse": size, "stufe": stufe, "richtwert_eur": value,
                         "wogg_plus10_eur": wogg})
    frame = pd.DataFrame(rows)
    return None if frame.richtwert_eur.isna().all() else frame


def _one_line(name: str, width: int = 30) -> str:
    """A Vergleichsraum's name on one tick line (the Vergleichsräume slide has it in full)."""
    return name if len(name) <= width else name[:width - 1].rstrip(" /") + "…"


def _tick_pt() -> float:
    return FontProperties(size=plt.rcParams["ytick.labelsize"]).get_size_in_points()


def _label_width_in(labels: list[str], points: float) -> float:
    longest = max((len(line) for label in labels for line in label.split("\n")), default=0)
    return longest * 0.62 * points / 72 + 0.3


def draw_vergleich_slide(ax, traeger: Traeger, stichtag: date) -> pd.DataFrame | None:
    """Each Vergleichsraum a row: the Richtwert for 1–4 persons as dots, WoGG + 10 % of its Stufe as a black bar,
    a thin line between the two (the shortfall or the excess). One Vergleichsraum (a city): a row per household
    size with both amounts written beside them."""
    data = vergleich_daten(traeger, stichtag)
    if data is None:
        return None
    names = list(dict.fromkeys(data.vergleichsraum))
    single = len(names) == 1
    labels = [size_label(s) for s in SIZES] if single else [_one_line(n) for n in names]
    left = ax.get_position().x0 - 1.2 / ax.figure.get_figwidth()
    _room(ax, left_in=max(0.0, _label_width_in(labels, _tick_pt()) - 1.3))
    offsets = {s: 0.0 if single else (i - (len(SIZES) - 1) / 2) * 0.19 for i, s in enumerate(SIZES)}
    for row in data.itertuples():
        y = (SIZES.index(row.haushaltsgroesse) if single else names.index(row.vergleichsraum)) + \
            offsets[row.haushaltsgroesse]
        colour = PALETTE[SIZES.index(row.haushaltsgroesse)]
        if row.richtwert_eur is not None and row.wogg_plus10_eur is not None:
            ax.plot([float(row.richtwert_eur), float(row.wogg_plus10_eur)], [y, y], color=colour,
                    linewidth=4 if single else 1.5, zorder=2)
        if row.wogg_plus10_eur is not None:
            ax.plot([float(row.wogg_plus10_eur)], [y], marker="|", markersize=24 if single else 16, markeredgewidth=3,
                    color=WOGG_GREY, zorder=3)
        if row.richtwert_eur is not None:
            ax.plot([float(row.richtwert_eur)], [y], marker="o", markersize=14 if single else 10, color=colour,
                    zorder=4)
        if single:  # few marks: the amounts themselves, Richtwert left, WoGG + 10 % right
            low_first = row.wogg_plus10_eur is None or row.richtwert_eur is None \
                or row.richtwert_eur <= row.wogg_plus10_eur
            for value, is_richtwert in ((row.richtwert_eur, True), (row.wogg_plus10_eur, False)):
                if value is None:
                    continue
                right = is_richtwert != low_first
                ax.annotate(german_number(value, 2) + " €", (float(value), y), textcoords="offset points",
                            xytext=(14 if right else -14, 0), ha="left" if right else "right", va="center",
                            fontsize=LABEL_PT, color=colour if is_richtwert else WOGG_GREY,
                            weight="bold" if is_richtwert else "normal")
    ax.set_yticks(range(len(labels)), labels)
    ax.set_ylim(len(labels) - 0.5, -0.5)
    ax.grid(axis="x", color="#cccccc", linewidth=0.8)
    ax.grid(axis="y", visible=False)
    amounts = [float(v) for v in pd.concat([data.richtwert_eur, data.wogg_plus10_eur]).dropna()]
    spread = max(amounts) - min(amounts) or max(amounts) * 0.1
    if single:  # room for the written amounts on both sides
        ax.set_xlim(min(amounts) - spread * 0.4, max(amounts) + spread * 0.25)
    else:
        ax.set_xlim(min(amounts) * 0.92, max(amounts) * 1.04)
    _euro_ticks(ax, "x", *ax.get_xlim())
    ax.set_xlabel("Bruttokaltmiete je Monat")
    stufen = sorted({s for s in data.stufe if s})
    wogg = Line2D([], [], color=WOGG_GREY, marker="|", markersize=16, markeredgewidth=3, linestyle="none")
    wogg_text = "WoGG + 10 %" if len(stufen) != 1 else f"WoGG + 10 % (Stufe {stufen[0]})"
    if single:
        _legend_row(ax, [Line2D([], [], color=WOGG_GREY, marker="o", markersize=12, linestyle="none"), wogg],
                    [f"Richtwert {_one_line(names[0])}", wogg_text], left=max(0.0, left))
    else:
        handles = [Line2D([], [], color=PALETTE[i], marker="o", markersize=10, linestyle="none")
                   for i in range(len(SIZES))]
        _legend_row(ax, handles + [wogg], [size_label(s) for s in SIZES] + [wogg_text], left=max(0.0, left))
    return data


# ----------------------------------------------------------------------------- this Kreis among the Saxon Träger

def sachsen_daten(frame: pd.DataFrame, personen: str = "2") -> list[tuple[Traeger, float | None, float | None]]:
    """Per Saxon Träger the lowest and highest Richtwert for ``personen`` persons in ``frame`` (``richtwerte_frame``
    of the Stichtag), highest first; Träger without a known value last with ``None``."""
    rows = []
    for t in load_traeger():
        part = frame[(frame.traeger_slug == t.slug) & (frame.haushaltsgroesse == personen)] if not frame.empty else frame
        values = [float(v) for v in part.bruttokaltmiete_eur if v is not None and v == v] if not part.empty else []
        rows.append((t, min(values) if values else None, max(values) if values else None))
    rows.sort(key=lambda r: (r[2] is None, -(r[2] or 0)))
    return rows


def draw_sachsen_slide(ax, traeger: Traeger, frame: pd.DataFrame, personen: str = "2") -> list:
    """A row per Träger: lowest to highest Vergleichsraum as a bar, the highest amount written; ``traeger`` in colour."""
    rows = sachsen_daten(frame, personen)
    names = [t.kurzname for t, _, _ in rows]
    _room(ax, left_in=max(0.0, _label_width_in(names, _tick_pt()) - 1.3))
    known = [h for _, _, h in rows if h is not None]
    for i, (t, low, high) in enumerate(rows):
        own = t.slug == traeger.slug
        colour = PALETTE[3] if own else OTHER_GREY
        if high is None:
            ax.text(0.01, i, "am Stichtag nicht bekannt", transform=ax.get_yaxis_transform(), va="center", ha="left",
                    color=colour, fontsize=LABEL_PT)
            continue
        ax.plot([low, high], [i, i], color=colour, linewidth=12 if own else 8, solid_capstyle="butt")
        ax.plot([high], [i], marker="o", markersize=12 if own else 9, color=colour)  # one Vergleichsraum: a dot
        ax.annotate(german_number(high) + " €", (high, i), textcoords="offset points", xytext=(8, 0), va="center",
                    fontsize=LABEL_PT, color=colour, weight="bold" if own else "normal")
    ax.set_yticks(range(len(rows)), names)
    for label, (t, _, _) in zip(ax.get_yticklabels(), rows):
        if t.slug == traeger.slug:
            label.set_color(PALETTE[3])
            label.set_fontweight("bold")
    ax.set_ylim(len(rows) - 0.4, -0.6)
    lowest = min((low for _, low, _ in rows if low is not None), default=0)
    ax.set_xlim(max(0, lowest - 100) // 50 * 50, max(known) * 1.12 if known else 1)
    ax.grid(axis="x", color="#cccccc", linewidth=0.8)
    ax.grid(axis="y", visible=False)
    _euro_ticks(ax, "x", *ax.get_xlim())
    ax.set_xlabel("Bruttokaltmiete je Monat")
    return rows


__all__ = ["draw_sachsen_slide", "draw_verlauf_slide", "draw_vergleich_slide", "sachsen_daten", "vergleich_daten",
           "verlauf_daten", "verlauf_untertitel"]
