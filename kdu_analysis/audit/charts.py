"""Charts per Träger: Richtwert vs WoGG + 10 % by household size, and the history of the Richtwerte over editions.

Both return a matplotlib figure (or ``None`` when the data hold nothing to draw) and carry a source-and-Stand line.
"""

from __future__ import annotations

from datetime import date

import matplotlib.pyplot as plt
from matplotlib.lines import Line2D

from kdu_analysis.audit.wogg import stufen_fuer_vergleichsraum, wogg_vergleich
from kdu_analysis.errors import ReferenceDataError
from kdu_analysis.loaders.traeger import Traeger, vr_names
from kdu_analysis.reference.wogg import wogg_citation
from kdu_analysis.report.style import PALETTE, add_source_line, chart_style, euro_axis, german_date

_SIZES = ("1", "2", "3", "4", "5")


def kurzquelle(quelle: str) -> str:
    """Short form of a source for a chart's source line ("l-iz.de", "ttsim-dev/kosten-der-unterkunft")."""
    first = quelle.split(";")[0].split(" (")[0].strip()
    if first.startswith("ttsim"):
        return "ttsim-dev/kosten-der-unterkunft"
    return first.split("/")[0] if "." in first.split("/")[0] else first[:60]


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


def chart_verlauf(traeger: Traeger, kind: str = "web"):
    """Richtwerte (Bruttokaltmiete) for 1–4 persons over all dated editions; several regions → one dot each."""
    editions = [a for a in traeger.ausgaben if a.gueltig_ab and "bruttokaltmiete_eur" in a.werte and a.hat_werte()
                and not a.ersetzt_durch]
    if not editions:
        return None
    editions.sort(key=lambda a: a.gueltig_ab)
    many = len(vr_names(editions[-1])) > 1
    dotted_used = False
    with chart_style(kind):
        fig, ax = plt.subplots()
        for i, size in enumerate(("1", "2", "3", "4")):
            colour = PALETTE[i]
            label = f"{size} Person{'en' if size != '1' else ''}" + (" (höchster Wert)" if many else "")
            for k, a in enumerate(editions):
                values = [v for vr in vr_names(a) if (v := a.wert("bruttokaltmiete_eur", vr, size)) is not None]
                if not values:
                    continue
                ax.scatter([a.gueltig_ab] * len(values), [float(v) for v in values], color=colour, s=14)
                top = float(max(values))
                nxt = editions[k + 1].gueltig_ab if k + 1 < len(editions) else None
                if a.gueltig_bis is not None:  # validity known: solid line to its end
                    ax.plot([a.gueltig_ab, a.gueltig_bis], [top, top], color=colour, label=label)
                    label = None
                elif nxt is not None:  # end not known: dotted to the next known edition
                    ax.plot([a.gueltig_ab, nxt], [top, top], color=colour, linestyle=":", label=label)
                    label, dotted_used = None, True
                else:
                    ax.scatter([a.gueltig_ab], [top], color=colour, s=30, label=label)
                    label = None
        if dotted_used:
            ax.plot([], [], color="#555555", linestyle=":", label="Geltungsende nicht bekannt")
        ax.set_ylabel("Bruttokaltmiete je Monat")
        euro_axis(ax.yaxis)
        ax.set_title(f"{traeger.kurzname}: Richtwerte nach Ausgaben (gültig ab)")
        ax.legend(fontsize="x-small", loc="upper left")
        fig.autofmt_xdate()
        sources = "; ".join(dict.fromkeys(f"{kurzquelle(a.quelle)} ({a.zuverlaessigkeit})" for a in editions))
        add_source_line(fig, sources, stand=editions[-1].gueltig_ab)
    return fig
