"""The two-page briefing for a Kreistag's factions (contract §9: ``fraktionen/<slug>_kurzbericht.pdf``).

Plain German on two A4 pages: the Richtwerte in force as a table, the three most important findings with questions a
faction could ask the administration (questions, not legal advice), the data state with its reliability labels, and
where the CSV with every detail lies. Every amount and date is taken from the faction CSV of the audit
(``pruefung/fraktionen/<slug>_befunde.csv``) as printed there, so the briefing and the CSV cannot disagree.
The layout is measured, not estimated: a text that leaves the page or overlaps another refuses the briefing.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
from matplotlib.backends.backend_pdf import PdfPages  # noqa: E402

from kdu_analysis import codebook  # noqa: E402
from kdu_analysis.audit.findings import PRUEFUNGEN  # noqa: E402
from kdu_analysis.outputs import atomic_path  # noqa: E402
from kdu_analysis.charts.style import PALETTE  # noqa: E402
from kdu_analysis.formatting import german_date  # noqa: E402

#: German headers of the faction CSV this brief reads (codebook table ``fraktion``).
SPALTE = codebook.headers("fraktion")

A4_IN = (8.27, 11.69)
MARGIN_X, TOP, BOTTOM = 0.08, 0.955, 0.07
WIDTH = 1 - 2 * MARGIN_X
#: Type sizes in points (body text never below 9 pt).
H1_PT, H2_PT, BODY_PT, SMALL_PT, TABLE_PT = 17, 12.5, 10, 8.5, 9
MAX_PAGES = 2
SIZES = ("1", "2", "3", "4", "5")
WOGG_LABEL = PRUEFUNGEN["wogg_plus10"]

#: What a faction could ask the administration about a finding (questions, never legal advice).
FRAGEN = {
    "wogg_plus10": "Auf welchem Konzept beruhen die Richtwerte, und warum liegen sie unter der Wohngeldtabelle + 10 %, "
                   "die ohne schlüssiges Konzept gilt?",
    "vergleichsraum": "Nach welchen Merkmalen wurden die Vergleichsräume gebildet, und welche Gemeinden gehören "
                      "genau zu welchem Vergleichsraum?",
    "rechtsprechung": "Wie hat die Verwaltung die genannten Gerichtsentscheidungen umgesetzt, und wurden betroffene "
                      "Haushalte nachträglich berücksichtigt?",
    "alter_richtwerte": "Wann wurden die Richtwerte zuletzt überprüft, und wann ist die nächste Überprüfung geplant?",
    "alter_daten": "Aus welchem Zeitraum stammen die Mietdaten des Konzepts, und ist der Konzeptbericht für den "
                   "Kreistag einsehbar?",
    "keine_werte": "Wo sind die Richtwerte für diesen Zeitraum veröffentlicht, und kann die Verwaltung die Tabelle "
                   "dem Kreistag vorlegen?",
    "bsg_kriterium": "Kann die Verwaltung den vollständigen Konzeptbericht mit Datengrundlage und Auswertung vorlegen?",
    "quellenkonflikt": "Kann die Verwaltung die amtliche Tabelle vorlegen, damit der strittige Wert geklärt wird?",
    "heizkosten": "Wie wird geprüft, wenn Heizkosten über der Grenze liegen, und wie oft wurde gekürzt?",
    "monotonie": "Warum ist der Richtwert für einen größeren Haushalt niedriger als für einen kleineren?",
    "produkttheorie": "Wie sind Wohnfläche und Quadratmeterpreis im Richtwert verrechnet?",
    "verfuegbarkeit": "Wie viele Wohnungen zum Richtwert waren tatsächlich anmietbar?",
    "inversion": "Warum ist der Richtwert im Umland höher als in der Stadt (oder umgekehrt)?",
    "umland_teurer": "Warum ist der Richtwert im Umland höher als in der Stadt?",
}
#: Order in which Hinweise are chosen when fewer than three kinds of Verstoß exist.
VORRANG = ("wogg_plus10", "keine_werte", "rechtsprechung", "vergleichsraum", "alter_daten", "alter_richtwerte",
           "bsg_kriterium", "quellenkonflikt", "heizkosten")
LABELS = {
    "A": "A – amtliche Quelle oder zwei übereinstimmende unabhängige Quellen",
    "B": "B – eine verlässliche Sekundärquelle (Tageszeitung, Gerichtsentscheidung)",
    "C": "C – schwächere Quelle (Portale, Parteiseiten, Umrechnungen)",
}


def read_fraktion_csv(path: Path) -> pd.DataFrame:
    """The faction CSV as written by the audit (German Excel dialect), every cell as printed."""
    return pd.read_csv(path, sep=";", encoding="utf-8-sig", dtype=str, keep_default_na=False)


# ----------------------------------------------------------------------------- content

@dataclass
class Befund:
    titel: str
    text: str
    rechtsgrundlage: str
    frage: str


def richtwert_tabelle(csv: pd.DataFrame) -> tuple[list[str], list[list[str]], list[list[str]]]:
    """(Vergleichsräume, Richtwert rows, WoGG + 10 % rows) of the edition in force, cells as printed in the CSV."""
    part = csv[(csv[SPALTE["pruefung_de"]] == WOGG_LABEL) & (csv[SPALTE["am_stichtag_de"]] == "ja")]
    regions = list(dict.fromkeys(part[SPALTE["vergleichsraum"]]))
    richt, wogg = [], []
    for region in regions:
        rows = part[part[SPALTE["vergleichsraum"]] == region]
        cell = {r[SPALTE["haushaltsgroesse"]]: r for _, r in rows.iterrows()}
        richt.append([region] + [cell[s][SPALTE["wert"]] or "–" if s in cell else "–" for s in SIZES])
        wogg.append([region] + [cell[s][SPALTE["vergleichswert"]] or "–" if s in cell else "–" for s in SIZES])
    return regions, richt, wogg


def _key(label: str) -> str:
    return next((k for k, v in PRUEFUNGEN.items() if v == label), label)


def wichtigste_befunde(csv: pd.DataFrame, n: int = 3) -> list[Befund]:
    """The ``n`` most important findings: kinds of Verstoß first (most rows first), then Hinweise by priority."""
    out: list[Befund] = []
    verstoesse = csv[csv[SPALTE["ergebnis_de"]] == "Verstoß"]
    order = verstoesse[SPALTE["pruefung_de"]].value_counts()
    chosen = list(order.index)
    hinweise = csv[csv[SPALTE["ergebnis_de"]] == "Hinweis"]
    present = set(hinweise[SPALTE["pruefung_de"]])
    chosen += [PRUEFUNGEN[k] for k in VORRANG if PRUEFUNGEN[k] in present and PRUEFUNGEN[k] not in chosen]
    chosen += [p for p in dict.fromkeys(hinweise[SPALTE["pruefung_de"]]) if p not in chosen]
    for label in chosen[:n]:
        rows = csv[(csv[SPALTE["pruefung_de"]] == label) & csv[SPALTE["ergebnis_de"]].isin(["Verstoß", "Hinweis"])]
        ergebnis = "Verstoß" if (rows[SPALTE["ergebnis_de"]] == "Verstoß").any() else "Hinweis"
        rows = rows[rows[SPALTE["ergebnis_de"]] == ergebnis]
        count = len(rows)
        word = {"Verstoß": ("Verstoß", "Verstöße"), "Hinweis": ("Hinweis", "Hinweise")}[ergebnis][count != 1]
        first = rows.iloc[0]
        text = first["Erläuterung"]
        if count > 1:
            text += f" (Beispiel; insgesamt {count} Zeilen dieser Art in der CSV-Datei.)"
        out.append(Befund(titel=f"{label}: {count} {word}", text=text, rechtsgrundlage=first["Rechtsgrundlage"],
                          frage=FRAGEN.get(_key(label), "Wie bewertet die Verwaltung diesen Befund, und was "
                                                        "unternimmt sie?")))
    return out


def _datum(text) -> str:
    """A date cell of the faction CSV (ISO, as the CSV stores it) in the German form the briefing prints."""
    try:
        return german_date(date.fromisoformat(str(text).strip()))
    except ValueError:
        return str(text)


def datenstand(csv: pd.DataFrame) -> list[str]:
    """Plain sentences about the edition in force and its reliability, from the CSV's edition columns."""
    current = csv[csv[SPALTE["am_stichtag_de"]] == "ja"]
    lines = []
    for (ausgabe, gueltig, status, label), _ in current.groupby(
            [SPALTE["ausgabe"], SPALTE["gueltig_ab"], SPALTE["status"], SPALTE["zuverlaessigkeit"]], sort=False):
        if not gueltig:
            continue
        lines.append(f"Ausgabe gültig ab {_datum(gueltig)}: {status or 'Status nicht angegeben'}; Verlässlichkeit {label}.")
        break
    if not lines:
        lines.append("Für den Stichtag ist keine Ausgabe mit Werten erfasst.")
    labels = sorted({x for x in csv[SPALTE["zuverlaessigkeit"]] if x in LABELS})
    lines.append("Verlässlichkeit der Angaben in diesem Bericht: " + "; ".join(LABELS[x] for x in labels) + ".")
    return lines


# ----------------------------------------------------------------------------- layout

def _chars(width: float, points: float, bold: bool = False) -> int:
    return max(10, int(width * A4_IN[0] * 72 / ((0.60 if bold else 0.55) * points)))


def _line(points: float) -> float:
    return points * 1.45 / (A4_IN[1] * 72)


class Pages:
    """Top-down flow of text blocks and tables over at most :data:`MAX_PAGES` A4 pages."""

    def __init__(self, footer: str):
        self.footer = footer
        self.figs: list = []
        self._new()

    def _new(self) -> None:
        if len(self.figs) == MAX_PAGES:
            raise ValueError("Kurzbericht: der Inhalt passt nicht auf zwei Seiten")
        fig = plt.figure(figsize=A4_IN)
        fig.patch.set_facecolor("white")
        self.figs.append(fig)
        self.y = TOP

    def need(self, height: float) -> None:
        if self.y - height < BOTTOM:
            self._new()

    def text(self, text: str, size: float = BODY_PT, *, bold: bool = False, color: str = "#111111",
             indent: float = 0.0, after: float = 0.006, keep: float = 0.0) -> None:
        lines = textwrap.wrap(text, _chars(WIDTH - indent, size, bold)) or [""]
        height = len(lines) * _line(size)
        self.need(height + keep)
        self.figs[-1].text(MARGIN_X + indent, self.y, "\n".join(lines), fontsize=size, va="top", ha="left",
                           weight="bold" if bold else "normal", color=color, linespacing=1.3)
        self.y -= height + after

    def heading(self, text: str) -> None:
        self.need(_line(H2_PT) + 4 * _line(BODY_PT))  # never a heading alone at the foot of a page
        self.y -= 0.008
        self.text(text, H2_PT, bold=True, color=PALETTE[0], after=0.004)

    def table(self, header: list[str], rows: list[list[str]], first_width: float) -> None:
        row_h = _line(TABLE_PT) * 1.15
        self.need(row_h * (len(rows) + 1) + 0.01)
        fig = self.figs[-1]
        rest = (WIDTH - first_width) / (len(header) - 1)
        first_chars = _chars(first_width - 0.01, TABLE_PT)
        for number, row in enumerate([header, *rows]):
            if number % 2 == 0 and number > 0:
                fig.add_artist(plt.Rectangle((MARGIN_X, self.y - row_h + 0.002), WIDTH, row_h, color="#eef3f8",
                                             transform=fig.transFigure, zorder=0))
            label = row[0] if len(row[0]) <= first_chars else textwrap.shorten(row[0], first_chars, placeholder="…")
            fig.text(MARGIN_X + 0.005, self.y - row_h / 2, label, fontsize=TABLE_PT, va="center", ha="left",
                     weight="bold" if number == 0 else "normal")
            for i, cell in enumerate(row[1:]):
                fig.text(MARGIN_X + first_width + rest * (i + 1) - 0.01, self.y - row_h / 2, cell, fontsize=TABLE_PT,
                         va="center", ha="right", weight="bold" if number == 0 else "normal")
            self.y -= row_h
            if number == 0:
                fig.add_artist(plt.Line2D([MARGIN_X, MARGIN_X + WIDTH], [self.y + 0.001, self.y + 0.001],
                                          transform=fig.transFigure, color=PALETTE[0], linewidth=1.2))
        self.y -= 0.008

    def finish(self) -> list:
        total = len(self.figs)
        for number, fig in enumerate(self.figs, start=1):
            footer = "\n".join(textwrap.wrap(self.footer, _chars(WIDTH - 0.14, SMALL_PT)))
            fig.text(MARGIN_X, 0.03, footer, fontsize=SMALL_PT, linespacing=1.25, color="#444444", va="bottom", ha="left")
            fig.text(MARGIN_X + WIDTH, 0.03, f"Seite {number}/{total}", fontsize=SMALL_PT, color="#444444",
                     va="bottom", ha="right")
        return self.figs


def pruefe_layout(fig, name: str = "") -> None:
    """Every text of ``fig`` lies inside the page and overlaps no other text (measured after layout)."""
    renderer = fig.canvas.get_renderer()
    page = fig.bbox
    boxes = []
    for text in fig.texts:
        if not text.get_text().strip():
            continue
        box = text.get_window_extent(renderer)
        if box.x0 < page.x0 - 1 or box.x1 > page.x1 + 1 or box.y0 < page.y0 - 1 or box.y1 > page.y1 + 1:
            raise ValueError(f"{name}: Text {text.get_text()[:40]!r} ragt über die Seite hinaus")
        boxes.append((box, text.get_text()))
    for i, (a, ta) in enumerate(boxes):
        for b, tb in boxes[i + 1:]:
            if a.x0 < b.x1 - 1 and b.x0 < a.x1 - 1 and a.y0 < b.y1 - 1 and b.y0 < a.y1 - 1:
                raise ValueError(f"{name}: Texte überlappen: {ta[:30]!r} und {tb[:30]!r}")


def kurzbericht_pages(traeger_name: str, csv: pd.DataFrame, csv_pfad: str, stichtag: date) -> list:
    """The figures (A4 pages) of the briefing; ``csv`` = the faction CSV as read by :func:`read_fraktion_csv`."""
    stand = _datum(csv[SPALTE["stichtag"]].iloc[0]) if len(csv) else german_date(stichtag)
    pages = Pages(f"Kurzbericht {traeger_name} · Stand {stand} · LAG Hartz IV Sachsen · keine Rechtsberatung")
    praeposition = "in der" if "stadt" in traeger_name.split()[0].lower() else "im"
    pages.text(f"Kosten der Unterkunft {praeposition} {traeger_name}", H1_PT, bold=True, after=0.004)
    pages.text(f"Kurzbericht für die Fraktionen des Kreistags bzw. Stadtrats · Stichtag {stand}", BODY_PT,
               color="#333333", after=0.012)
    pages.text("Nach dem ersten Jahr des Leistungsbezugs (Karenzzeit) übernimmt das Jobcenter die Miete nur bis zu einem "
               "Richtwert. Dieser Richtwert muss auf einem „schlüssigen Konzept“ beruhen (§ 22 Abs. 1 SGB II, "
               "Rechtsprechung des Bundessozialgerichts). Ist es das nicht, muss der Kreis nachbessern; erst wenn keine "
               "örtlichen Erkenntnisse mehr zu gewinnen sind, gilt die Wohngeldtabelle + 10 %. Dieser Bericht fasst "
               "zusammen, was öffentlich bekannt ist und wo es Fragen gibt.", BODY_PT, after=0.01)
    pages.heading("1. Die Richtwerte am Stichtag (Bruttokaltmiete je Monat, €)")
    regions, richt, wogg = richtwert_tabelle(csv)
    if regions:
        header = ["Vergleichsraum", "1 Person", "2 Pers.", "3 Pers.", "4 Pers.", "5 Pers."]
        pages.table(header, richt, 0.40)
        pages.text("Zum Vergleich: Wohngeldtabelle + 10 % der Mietenstufe (ohne Klimakomponente) – die Obergrenze, "
                   "wenn das Konzept nicht schlüssig ist und sich nicht nachbessern lässt:", SMALL_PT, color="#333333", keep=_line(TABLE_PT) * 3)
        pages.table(header, wogg, 0.40)
        pages.text("„–“ = in der Quelle nicht angegeben (nicht null).", SMALL_PT, color="#444444")
    else:
        row = csv[csv[SPALTE["pruefung_de"]] == PRUEFUNGEN["keine_werte"]]
        pages.text(row.iloc[0]["Erläuterung"] if len(row) else "Am Stichtag ist keine Tabelle mit Bruttokaltmieten "
                   "bekannt.", BODY_PT)
    pages.heading("2. Die drei wichtigsten Befunde – und was die Fraktion fragen könnte")
    for number, befund in enumerate(wichtigste_befunde(csv), start=1):
        block = sum(len(textwrap.wrap(t, _chars(WIDTH - 0.02, size))) * _line(size) + 0.003
                    for t, size in ((befund.titel, BODY_PT), (befund.text, BODY_PT),
                                    ("Rechtsgrundlage: " + befund.rechtsgrundlage, SMALL_PT),
                                    ("Frage an die Verwaltung: " + befund.frage, BODY_PT)))
        if block < 1 - TOP + BOTTOM + 0.5:  # keep a finding on one page where it fits on half a page
            pages.need(block)
        pages.text(f"{number}. {befund.titel}", BODY_PT, bold=True, after=0.003, keep=3 * _line(BODY_PT))
        pages.text(befund.text, BODY_PT, indent=0.02, after=0.003)
        pages.text(f"Rechtsgrundlage: {befund.rechtsgrundlage}", SMALL_PT, color="#444444", indent=0.02, after=0.003)
        pages.text(f"Frage an die Verwaltung: {befund.frage}", BODY_PT, color=PALETTE[0], indent=0.02, after=0.01)
    pages.text("Die Fragen sind Anregungen für die politische Arbeit, keine Rechtsberatung. Im Einzelfall helfen "
               "Sozialberatungsstellen und Fachanwälte für Sozialrecht.", SMALL_PT, color="#444444", after=0.01)
    pages.heading("3. Wie verlässlich die Daten sind")
    for line in datenstand(csv):
        pages.text(line, BODY_PT, after=0.004)
    pages.text("Kein Wert wurde geschätzt oder gemittelt: eine leere Angabe heißt „nicht bekannt“, nicht null.",
               BODY_PT, after=0.01)
    pages.heading("4. Alle Einzelheiten")
    pages.text(f"Jeder Befund mit Rechtsgrundlage und Quelle steht in der Tabelle {csv_pfad} (für Excel: Semikolon, "
               "Dezimalkomma). Der Vortrag für den Kreis liegt im Ordner vortrag/.", BODY_PT)
    figs = pages.finish()
    for number, fig in enumerate(figs, start=1):
        pruefe_layout(fig, f"Kurzbericht {traeger_name}, Seite {number}")
    return figs


def render_kurzbericht(traeger_name: str, csv: pd.DataFrame, csv_pfad: str, stichtag: date, path: Path) -> Path:
    """Write the briefing as an A4 PDF (atomically; nothing is written when the layout check fails)."""
    figs = kurzbericht_pages(traeger_name, csv, csv_pfad, stichtag)
    try:
        # Type 3 glyphs: text stays extractable (the test reads it back) and the PDF is written in half the time
        with matplotlib.rc_context({"pdf.fonttype": 3, "font.family": "DejaVu Sans", "savefig.bbox": None}):
            with atomic_path(path) as tmp:
                metadata = {"Title": f"Kurzbericht {traeger_name}", "Creator": "kdu-analysis", "CreationDate": None}
                with PdfPages(tmp, metadata=metadata) as pdf:
                    for fig in figs:
                        pdf.savefig(fig)
    finally:
        for fig in figs:
            plt.close(fig)
    return Path(path)
