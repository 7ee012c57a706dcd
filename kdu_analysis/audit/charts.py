"""Charts per Träger: Richtwert vs WoGG + 10 % by household size, and the history of the Richtwerte over editions.

Both return a matplotlib figure (or ``None`` when the data hold nothing to draw) and carry a source-and-Stand line.
"""

from __future__ import annotations

from datetime import date

import matplotlib.pyplot as plt
from matplotlib.lines import Line2D

from kdu_analysis.audit.wogg import stufen_fuer_vergleichsraum, wogg_vergleich
from kdu_analysis.errors import ReferenceDataError
from kdu_analysis.reference.wogg import wogg_citation
from kdu_analysis.charts.style import PALETTE, add_source_line, chart_style, euro_axis
from kdu_analysis.formatting import german_date
from kdu_analysis.traeger import Traeger, vr_names

_SIZES = ("1", "2", "3", "4", "5")


def kurzquelle(quelle: str) -> str:
    """Short form of a source for a chart's source line ("l-iz.de", "ttsim-dev/kosten-der-unterkunft")."""
    first = quelle.split(";")[0].split(" (")[0].strip()
    if first.startswith("ttsim"):
        return "ttsim-dev/kosten-der-unterkunft"
    host = first.split("/")[0]
    return host if "." in host and " " not in host else first[:60]  # a web address → its host; else the citation


def chart_richtwert_vs_wogg(traeger: Traeger, stichtag: date, kind: str = "web"):
    """Lines per Vergleichsraum (Bruttokaltmiete by household size) against the dashed WoGG + 10 % line per Stufe."""
    ausgabe = traeger.ausgabe_am(stichtag)
    if ausgabe is None or "bruttokaltmiete_eur" not in ausgabe.werte:
        return None
    stufen: dict[str, list[str]] = {}
    with chart_style(kind):
        fig, ax = plt.subplots()
        for i, vr in enumerate(vr_names(ausgabe)):
            points = [(int(s), float(v)) for s in _SIZES if (v := ausgabe.wert("bruttokaltmiete_eur", vr, s)) is not None]
            if not points:
                continue
            ax.plot(*zip(*points), marker="o", color=PALETTE[i % len(PALETTE)], label=vr, linewidth=1.6)
            try:
                stufe, _, _ = stufen_fuer_vergleichsraum(traeger, vr, stichtag)
                stufen.setdefault(stufe, []).append(vr)
            except ReferenceDataError:
                pass
        for stufe in sorted(stufen):
            values = [(int(s), float(wogg_vergleich(stufe, s, stichtag)[0])) for s in _SIZES]
            ax.plot(*zip(*values), linestyle="--", color="#555555", linewidth=1.2)
            ax.annotate(f"WoGG + 10 % (Stufe {stufe})", values[-1], textcoords="offset points", xytext=(4, 0),
                        fontsize="small", color="#555555", va="center")
        ax.set_xticks(range(1, 6))
        ax.set_xticklabels([f"{s} P." for s in _SIZES])
        ax.set_xlim(0.8, 6.2)
        ax.set_xlabel("Haushaltsgröße (Personen)")
        ax.set_ylabel("Bruttokaltmiete je Monat")
        euro_axis(ax.yaxis)
        ax.set_title(f"{traeger.kurzname}: Richtwerte und Wohngeldtabelle + 10 % am {german_date(stichtag)}")
        handles, labels = ax.get_legend_handles_labels()
        handles.append(Line2D([], [], linestyle="--", color="#555555"))
        labels.append("Wohngeldtabelle + 10 % (ohne Klimakomponente)")
        ax.legend(handles, labels, fontsize="x-small", loc="upper left", ncol=2 if len(labels) > 6 else 1)
        add_source_line(fig, f"{kurzquelle(ausgabe.quelle)} ({ausgabe.zuverlaessigkeit}); {wogg_citation(stichtag).text}",
                        stand=stichtag)
    return fig


def verlauf_ende(a, dated):
    """End of an edition on the chart: its own end, else the start of the next dated edition (any kind)."""
    if a.gueltig_bis is not None:
        return a.gueltig_bis, True
    later = [b.gueltig_ab for b in dated if b.gueltig_ab > a.gueltig_ab]
    return (min(later), False) if later else (None, False)


def wogg_band(traeger: Traeger, size: str, days: list[date], stufen: list[str]):
    """WoGG + 10 % (lowest and highest of ``stufen``) per day; None where the table is not in the project."""
    low, high = [], []
    for day in days:
        try:
            values = [float(wogg_vergleich(stufe, size, day)[0]) for stufe in stufen]
            low.append(min(values))
            high.append(max(values))
        except (ReferenceDataError, KeyError, ValueError):
            low.append(float("nan"))
            high.append(float("nan"))
    return low, high


def chart_verlauf(traeger: Traeger, kind: str = "web", *, stichtag: date | None = None, wogg_band: bool = False,
                  gerichte: bool = False):
    """Richtwerte (Bruttokaltmiete) for 1–4 persons over all dated editions; several regions → one dot each.

    Editions known to exist without readable values (or with a rent concept that is not stated) are drawn as hatched
    grey spans – a gap stays a gap, no line is drawn across it. ``wogg_band``: WoGG + 10 % of the Mietenstufen of the
    current Vergleichsräume (a line for one Stufe, a band for several) where the table is in the project;
    ``gerichte``: court decisions on a concept of this Träger marked at the start of the period they decided.
    """
    dated = sorted((a for a in traeger.ausgaben if a.gueltig_ab and not a.ersetzt_durch), key=lambda a: a.gueltig_ab)
    editions = [a for a in dated if "bruttokaltmiete_eur" in a.werte and a.hat_werte() and a.mietbegriff == "bruttokalt"]
    gaps = [a for a in dated if a not in editions]
    if not editions:
        return None
    many = len(vr_names(editions[-1])) > 1
    dotted_used = False
    with chart_style(kind):
        fig, ax = plt.subplots()
        for a in gaps:
            end, _ = verlauf_ende(a, dated)
            end = end or stichtag or date(a.gueltig_ab.year + 1, a.gueltig_ab.month, 1)
            ax.axvspan(a.gueltig_ab, end, facecolor="#DDDDDD", edgecolor="#999999", linewidth=0.8, alpha=0.6,
                       hatch=".." if a.hat_werte() else "//", zorder=0)
        for hatch, text in (("//", "Ausgabe belegt, Werte nicht bekannt"),
                            ("..", "Ausgabe mit Einzelwerten, Mietbegriff offen (nicht gezeichnet)")):
            if any((".." if a.hat_werte() else "//") == hatch for a in gaps):
                ax.fill_between([], [], facecolor="#DDDDDD", edgecolor="#999999", hatch=hatch, label=text)
        for i, size in enumerate(("1", "2", "3", "4")):
            colour = PALETTE[i]
            label = f"{size} Person{'en' if size != '1' else ''}" + (" (höchster Wert)" if many else "")
            for a in editions:
                values = [v for vr in vr_names(a) if (v := a.wert("bruttokaltmiete_eur", vr, size)) is not None]
                if not values:
                    continue
                ax.scatter([a.gueltig_ab] * len(values), [float(v) for v in values], color=colour, s=14)
                top = float(max(values))
                end, known = verlauf_ende(a, dated)
                if end is not None and known:  # validity known: solid line to its end
                    ax.plot([a.gueltig_ab, end], [top, top], color=colour, label=label)
                    label = None
                elif end is not None:  # end not known: dotted to the next known edition
                    ax.plot([a.gueltig_ab, end], [top, top], color=colour, linestyle=":", label=label)
                    label, dotted_used = None, True
                elif stichtag is not None and stichtag > a.gueltig_ab:  # latest edition: dotted to the Stichtag
                    ax.plot([a.gueltig_ab, stichtag], [top, top], color=colour, linestyle=":", label=label)
                    label, dotted_used = None, True
                else:
                    ax.scatter([a.gueltig_ab], [top], color=colour, s=30, label=label)
                    label = None
        if dotted_used:
            ax.plot([], [], color="#555555", linestyle=":", label="Geltungsende nicht bekannt")
        if wogg_band:
            _draw_wogg(ax, traeger, dated, editions, stichtag)
        if gerichte:
            _draw_gerichte(ax, traeger, dated[0].gueltig_ab)
        ax.set_ylabel("Bruttokaltmiete je Monat")
        euro_axis(ax.yaxis)
        ax.set_title(f"{traeger.kurzname}: Richtwerte nach Ausgaben (gültig ab)")
        ax.legend(fontsize="x-small", loc="upper left")
        fig.autofmt_xdate()
        sources = "; ".join(dict.fromkeys(f"{kurzquelle(a.quelle)} ({a.zuverlaessigkeit})" for a in editions))
        if wogg_band:
            sources += "; § 12 WoGG (Fassungen ab 2020)"
        add_source_line(fig, sources, stand=stichtag or editions[-1].gueltig_ab)
    return fig


def verlauf_stufen(traeger: Traeger, ausgabe, day: date) -> list[str]:
    """The Mietenstufen (highest of each Vergleichsraum) of an edition's Vergleichsräume on ``day``, sorted."""
    stufen = set()
    for vr in vr_names(ausgabe):
        try:
            stufen.add(stufen_fuer_vergleichsraum(traeger, vr, max(day, ausgabe.gueltig_ab))[0])
        except ReferenceDataError:
            continue
    return sorted(stufen)


def _draw_wogg(ax, traeger: Traeger, dated, editions, stichtag: date | None) -> None:
    current = editions[-1]
    stufen = verlauf_stufen(traeger, current, stichtag or current.gueltig_ab)
    if not stufen:
        return
    start, end = dated[0].gueltig_ab, stichtag or max(a.gueltig_ab for a in dated)
    days, current_day = [], date(start.year, start.month, 1)
    while current_day <= end:
        days.append(current_day)
        month = current_day.month + 3
        current_day = date(current_day.year + (month - 1) // 12, (month - 1) % 12 + 1, 1)
    label_used = False
    for i, size in enumerate(("1", "2", "3", "4")):
        low, high = wogg_band(traeger, size, days, stufen)
        if len(stufen) == 1:
            ax.plot(days, high, color=PALETTE[i], linestyle="--", linewidth=1.0, drawstyle="steps-post")
        else:
            ax.fill_between(days, low, high, color=PALETTE[i], alpha=0.15, step="post", linewidth=0)
        label_used = True
    if label_used:
        what = (f"heutige Stufe {next(iter(stufen))}" if len(stufen) == 1
                else "heutige Stufen " + "–".join([min(stufen), max(stufen)]))
        if len(stufen) == 1:
            ax.plot([], [], color="#555555", linestyle="--", label=f"Wohngeldtabelle + 10 % ({what})")
        else:
            ax.fill_between([], [], color="#555555", alpha=0.15, label=f"Wohngeldtabelle + 10 % ({what})")


def _draw_gerichte(ax, traeger: Traeger, first: date) -> None:
    marked = False
    for e in traeger.gerichtsentscheidungen:
        if e.zeitraum_von is None or e.zeitraum_von < first:
            continue
        colour = "#D55E00" if e.ergebnis == "nicht_schluessig" else "#555555"
        ax.axvline(e.zeitraum_von, color=colour, linewidth=1.0, linestyle="-.", zorder=1)
        marked = True
    if marked:
        ax.plot([], [], color="#555555", linestyle="-.", label="Gerichtsentscheidung (Beginn des Zeitraums)")
