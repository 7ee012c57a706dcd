"""Regelbedarf charts; each function returns ``(Figure, DataFrame)`` so the data travels with the picture.

* :func:`chart_regelbedarf_verlauf` — Regelbedarfsstufen 2011–2026 with the law changes marked and the
  alternatives published by others as labelled reference points (theirs, not ours);
* :func:`chart_abteilungen` — official vs scenario amount per Abteilung (a :class:`SzenarioErgebnis`);
* :func:`chart_unsicher_anteil` — share of each Abteilung's amount resting on cells printed in parentheses
  (needs item data from an EVS table).

All labels German, "1.000 €" axes, a ``Quelle … · Stand …`` line on every chart (:mod:`kdu_analysis.charts.style`).
"""

from __future__ import annotations

import io
import textwrap
from datetime import date
from decimal import Decimal

import matplotlib.pyplot as plt
import pandas as pd

from kdu_analysis import config
from kdu_analysis.errors import InputError
from kdu_analysis.reference.rbeg import GESETZE, rbeg
from kdu_analysis.reference.regelbedarf import regelbedarf_table
from kdu_analysis.regelbedarf.reproduce import regelbedarf_series
from kdu_analysis.regelbedarf.scenarios import SzenarioErgebnis, alternativen
from kdu_analysis.charts.style import PALETTE, add_source_line, chart_style, euro_axis, percent_axis
from kdu_analysis.formatting import euro, german_decimal

STUFEN_LABELS = {1: "Stufe 1 (Alleinstehende)", 2: "Stufe 2 (Paare, je Person)", 3: "Stufe 3", 4: "Stufe 4 (14–17 Jahre)",
                 5: "Stufe 5 (6–13 Jahre)", 6: "Stufe 6 (0–5 Jahre)"}


def law_changes() -> dict[int, str]:
    """Years to mark on the time axis (year → German label), read off the reference data."""
    marks = {rbeg(g).erstes_jahr: f"{g[:4]} {g[4:]}\n(EVS {rbeg(g).evs_jahr})" for g in GESETZE}
    marks[2023] = "Bürger-\ngeld"
    table = regelbedarf_table()
    nullrunden = sorted({d.year for d in table[table.nullrunde].gueltig_ab})
    runs: list[list[int]] = []
    for jahr in nullrunden:  # consecutive Nullrunden share one label
        if runs and runs[-1][-1] == jahr - 1:
            runs[-1].append(jahr)
            marks[jahr] = ""
        else:
            runs.append([jahr])
    for run in runs:
        marks[run[0]] = f"Null-\nrunde\n{run[0]}" if len(run) == 1 else f"Null-\nrunden\n{run[0]}/{str(run[-1])[2:]}"
    return dict(sorted(marks.items()))


def chart_regelbedarf_verlauf(kind: str = "web", stufen: tuple[int, ...] = (1, 2, 4, 5, 6), stand: date | None = None,
                              mit_alternativen: bool = True) -> tuple[plt.Figure, pd.DataFrame]:
    """Regelbedarfsstufen 2011–2026 as paid, law changes marked, published alternatives (Stufe 1) as theirs."""
    series = regelbedarf_series()
    data = series[series.stufe.isin(stufen)][["jahr", "stufe", "betrag_eur", "berechnet_eur", "regel", "quelle_betrag"]].copy()
    data["art"] = "amtlich (Anlage zu § 28 SGB XII)"
    alt = alternativen() if mit_alternativen and 1 in stufen else alternativen().iloc[0:0]
    with chart_style(kind):
        fig, ax = plt.subplots()
        for colour, stufe in zip(PALETTE, stufen):
            part = data[data.stufe == stufe]
            years = list(part.jahr) + [part.jahr.max() + 1]  # the last amount holds through its year
            amounts = list(part.betrag_eur.astype(float)) + [float(part.betrag_eur.iloc[-1])]
            ax.step(years, amounts, where="post", color=colour, label=STUFEN_LABELS.get(stufe, f"Stufe {stufe}"),
                    linewidth=(None if stufe == 1 else plt.rcParams["lines.linewidth"] * 0.6))
        top = float(max([data.betrag_eur.max()] + list(alt.betrag_eur)))
        for jahr, label in law_changes().items():
            ax.axvline(jahr, color="#888888", linestyle=":", linewidth=1)
            ax.text(jahr + 0.1, top * 1.03, label, fontsize="x-small", va="bottom", ha="left", color="#333333")
        if len(alt):
            ax.scatter([j + 0.5 for j in alt.jahr], alt.betrag_eur.astype(float), marker="D", color=PALETTE[3], zorder=5,
                       label="Paritätischer (Stufe 1, seine Berechnung)")
            for row in alt.itertuples():
                ax.annotate(f"Paritätischer {row.jahr}:\n{euro(row.betrag_eur, 0)}", (row.jahr + 0.5, float(row.betrag_eur)),
                            xytext=(6, -4), textcoords="offset points", fontsize="x-small", color=PALETTE[3], va="top")
        ax.set_ylim(0, top * 1.25)
        ax.set_xlim(config.REGELBEDARF_FIRST_YEAR - 0.3, config.REGELBEDARF_LAST_YEAR + 1)
        ax.set_title("Regelbedarf je Monat seit 2011")
        ax.set_xlabel("Jahr (Beträge gelten jeweils ab 1. Januar)")
        euro_axis(ax.yaxis)
        ax.legend(loc="lower center", ncols=3, fontsize="x-small")
        quelle = "Anlage zu § 28 SGB XII; RBEG 2011/2017/2021; RBSFV 2012–2026; eigene Nachrechnung (kdu-analysis)"
        if len(alt):
            quelle += "; Paritätischer: Expertisen 2016, 2020, 2023 (Angaben des Verbands)"
        add_source_line(fig, quelle, stand=stand or date(config.REGELBEDARF_LAST_YEAR, 1, 1))
    rows = data.rename(columns={"quelle_betrag": "quelle"})
    if len(alt):
        extra = alt.rename(columns={"titel": "regel"})[["jahr", "stufe", "betrag_eur", "regel", "quelle", "art"]]
        rows = pd.concat([rows, extra], ignore_index=True)
    return fig, rows.reset_index(drop=True)


def _abteilung_label(row) -> str:
    text = row.bezeichnung
    if "(" in text:
        text = text[text.index("(") + 1:].rstrip(")")
    short = text if len(text) <= 34 else text[:32].rstrip(" ,-") + "…"
    return f"{row.abteilung} {short}"


def _title(fig, title: str, subtitle: str) -> None:
    """Title and subtitle over the whole figure, left-aligned (the long Abteilung labels take the left of the axes row)."""
    fig.suptitle(title, x=0.01, y=0.99, ha="left", va="top", fontweight="bold", fontsize=plt.rcParams["axes.titlesize"])
    fig.text(0.01, 0.99 - 0.09, textwrap.shorten(subtitle, 110, placeholder=" …"), ha="left", va="top", fontsize="small",
             color="#333333")
    fig.subplots_adjust(top=0.8)


def _stand(ergebnis: SzenarioErgebnis) -> str:
    return f"Rechtsstand 01.01.{ergebnis.zieljahr}"


def chart_abteilungen(ergebnis: SzenarioErgebnis, kind: str = "web") -> tuple[plt.Figure, pd.DataFrame]:
    """Official vs scenario amount per Abteilung (EVS-year prices), with the differences written at the bars."""
    data = ergebnis.abteilungen.copy()
    law = rbeg(ergebnis.gesetz)
    with chart_style(kind):
        fig, ax = plt.subplots()
        positions = list(range(len(data)))[::-1]
        height = 0.38
        ax.barh([p + height / 2 for p in positions], data.amtlich_eur.astype(float), height, color=PALETTE[0],
                label=f"amtlich ({law.gesetz[:4]} {law.gesetz[4:]})")
        ax.barh([p - height / 2 for p in positions], data.szenario_eur.astype(float), height, color=PALETTE[1],
                label=f"Szenario: {ergebnis.szenario.name}")
        for p, row in zip(positions, data.itertuples()):
            if row.differenz_eur:
                sign = "+" if row.differenz_eur > 0 else "−"
                ax.text(float(max(row.amtlich_eur, row.szenario_eur)) + 1, p, f"{sign}{german_decimal(abs(float(row.differenz_eur)), 2)} €",
                        va="center", fontsize="x-small", color="#333333")
        ax.set_yticks(positions, [_abteilung_label(r) for r in data.itertuples()], fontsize="x-small")
        ax.set_xlim(0, float(max(data.amtlich_eur.max(), data.szenario_eur.max())) * 1.18)
        fig.subplots_adjust(left=0.33, right=0.97)
        euro_axis(ax.xaxis)
        total_a, total_s = ergebnis.summe("amtlich_eur"), ergebnis.summe("szenario_eur")
        _title(fig, "Regelbedarfsrelevante Ausgaben je Abteilung",
               f"{law.haushaltstyp_labels[ergebnis.haushaltstyp].split(' (')[0]}, € je Monat in Preisen {law.evs_jahr} · "
               f"Szenario: {ergebnis.szenario.name}")
        ax.set_xlabel(f"€ je Monat · Summe amtlich {german_decimal(float(total_a), 2)} €, Szenario {german_decimal(float(total_s), 2)} € · "
                      f"Regelbedarf {ergebnis.zieljahr}: {euro(ergebnis.regelbedarf('amtlich'), 0)} amtlich, "
                      f"{euro(ergebnis.regelbedarf('szenario'), 0)} im Szenario", fontsize="x-small")
        ax.legend(loc="lower right", fontsize="x-small")
        quelle = f"{law.citation.text}; Szenario: eigene Berechnung (kdu-analysis, Szenario '{ergebnis.szenario.key}')"
        datei = _evs_datei(ergebnis)
        if datei:
            quelle += f"; Posten: {datei}"
        add_source_line(fig, quelle, stand=_stand(ergebnis))
    return fig, data


def _evs_datei(ergebnis: SzenarioErgebnis) -> str | None:
    sources = [q for q in ergebnis.abteilungen["quelle"] if " (Posten" in str(q)]
    return sources[0].split(" (Posten")[0] if sources else None


def chart_unsicher_anteil(ergebnis: SzenarioErgebnis, kind: str = "web") -> tuple[plt.Figure, pd.DataFrame]:
    """Share of each Abteilung's amount (and of the sum) resting on cells with eingeschränktem Aussagewert."""
    datei = _evs_datei(ergebnis)
    if datei is None:
        raise InputError("Der Anteil unsicherer Werte lässt sich nur mit den Posten einer EVS-Tabelle berechnen",
                         remedy="Bitte das Szenario mit einer EVS-Tabelle (--evs bzw. evs=…) berechnen")
    data = ergebnis.abteilungen[["abteilung", "bezeichnung", "szenario_eur", "davon_unsicher_eur", "posten_nicht_ausgewiesen"]].copy()
    data["anteil_unsicher"] = [(u / s) if s else Decimal(0) for u, s in zip(data.davon_unsicher_eur, data.szenario_eur)]
    total_s, total_u = ergebnis.summe("szenario_eur"), ergebnis.summe("davon_unsicher_eur")
    total = {"abteilung": "", "bezeichnung": "Summe", "szenario_eur": total_s, "davon_unsicher_eur": total_u,
             "posten_nicht_ausgewiesen": ergebnis.summe("posten_nicht_ausgewiesen"),
             "anteil_unsicher": (total_u / total_s) if total_s else Decimal(0)}
    data = pd.concat([data, pd.DataFrame([total], dtype=object)], ignore_index=True)
    with chart_style(kind):
        fig, ax = plt.subplots()
        positions = list(range(len(data)))[::-1]
        colours = [PALETTE[3] if not row.abteilung else PALETTE[0] for row in data.itertuples()]
        shares = [float(v) for v in data.anteil_unsicher]
        ax.barh(positions, shares, color=colours)
        for p, row, share in zip(positions, data.itertuples(), shares):
            note = f"{german_decimal(share * 100, 1)} %  ({german_decimal(float(row.davon_unsicher_eur), 2)} €)"
            if row.posten_nicht_ausgewiesen:
                note += f" · {int(row.posten_nicht_ausgewiesen)} Posten nicht ausgewiesen"
            ax.text(share + 0.01, p, note, va="center", fontsize="x-small", color="#333333")
        labels = [_abteilung_label(r) if r.abteilung else "Summe aller Abteilungen" for r in data.itertuples()]
        ax.set_yticks(positions, labels, fontsize="x-small")
        ax.set_xlim(0, max(max(shares) * 1.5, 0.1))
        fig.subplots_adjust(left=0.33, right=0.97)
        percent_axis(ax.xaxis)
        _title(fig, "Wie viel beruht auf statistisch unsicheren Werten?",
               f"Tabellenfelder in Klammern (Aussagewert eingeschränkt) · Szenario: {ergebnis.szenario.name}")
        ax.set_xlabel("Anteil des Betrags, der auf in Klammern gedruckten Tabellenfeldern beruht (wenige erfasste Haushalte)",
                      fontsize="x-small")
        add_source_line(fig, f"Posten: {datei}; {rbeg(ergebnis.gesetz).citation.text}; eigene Berechnung (kdu-analysis)",
                        stand=_stand(ergebnis))
    return fig, data


def figure_png(fig) -> bytes:
    """The figure as PNG bytes (for ``IPython.display.Image`` in notebooks); closes the figure."""
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png")
    plt.close(fig)
    return buffer.getvalue()
