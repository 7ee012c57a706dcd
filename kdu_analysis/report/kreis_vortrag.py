"""The talk for the Kreis in the room (contract §9: ``vortrag/<slug>.pdf`` and ``.html``).

Same slide machinery and legibility rules as the main deck (:mod:`kdu_analysis.report.deck`), the shared law slides
(:func:`talk.law_slides`), then this Kreis: its editions as a history chart against WoGG + 10 %, the editions as a
table, its Vergleichsräume with Gemeinden and Mietenstufen, the comparison per household size, each Verstoß with its
legal basis, what is not known, the comparison with the other Saxon Träger, sources and Stand. Findings come from the
audit's machine CSV rows (strings, ``.`` decimals), so the slides show what the CSV holds.
"""

from __future__ import annotations

import io
from datetime import date

import matplotlib.pyplot as plt
import pandas as pd

from kdu_analysis.audit.charts import chart_richtwert_vs_wogg, chart_verlauf, kurzquelle
from kdu_analysis.audit.findings import PRUEFUNGEN
from kdu_analysis.audit.wogg import stufen_fuer_vergleichsraum
from kdu_analysis.errors import ReferenceDataError
from kdu_analysis.loaders.traeger import Traeger, load_traeger, richtwerte_frame, vr_names
from kdu_analysis.formatting import german_number
from kdu_analysis.report import talk
from kdu_analysis.report.deck import (BODY_HEIGHT, MAX_BULLETS, MAX_TABLE_ROWS, Deck, Slide, SlideTable,
                                      balanced_chunks, bullets_height)
from kdu_analysis.charts.style import PALETTE, add_source_line, chart_style, euro_axis
from kdu_analysis.formatting import german_date

#: Chart resolution for the per-Kreis slides (a 16:9 slide is 13,3 in wide: 100 dpi ≈ 1330 px).
SLIDE_DPI = 100
CHART_NOTE = "Quelle und Stand in der Abbildung"


def _png(fig) -> bytes:
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=SLIDE_DPI, bbox_inches="tight", pil_kwargs={"compress_level": 1})
    plt.close(fig)
    return buffer.getvalue()


def _edition_sources(traeger: Traeger) -> list[str]:
    return list(dict.fromkeys(f"{a.quelle} [{a.zuverlaessigkeit}]" for a in traeger.ausgaben))


def _chunk_bullets(bullets: list, room: float = BODY_HEIGHT - 0.06) -> list[list]:
    """Split bullets over slides by their measured height (never shrink the type)."""
    chunks: list[list] = [[]]
    for bullet in bullets:
        if chunks[-1] and (len(chunks[-1]) == MAX_BULLETS or bullets_height(chunks[-1] + [bullet]) > room):
            chunks.append([])
        chunks[-1].append(bullet)
    return chunks


def _kurz(text: str, width: int) -> str:
    return text if len(text) <= width else text[:width - 1].rstrip() + "…"


def _numbered(title: str, n: int, total: int) -> str:
    return title + (f" ({n}/{total})" if total > 1 else "")


# ----------------------------------------------------------------------------- slides

def title_slide(traeger: Traeger, stichtag: date) -> Slide:
    return Slide(title=f"Kosten der Unterkunft: {traeger.name}",
                 subtitle=f"Richtwerte, Rechtsprechung und was fehlt · LAG Hartz IV Sachsen · Stichtag "
                          f"{german_date(stichtag)}",
                 quelle="eigene Auswertung mit kdu-analysis; alle Quellen auf den letzten Folien",
                 layout="title", sources=[])


def history_slide(traeger: Traeger, stichtag: date) -> Slide:
    dated = [a.gueltig_ab for a in traeger.ausgaben if a.gueltig_ab]
    since = f" seit {min(dated).year}" if dated else ""
    fig = chart_verlauf(traeger, "slide", stichtag=stichtag, wogg_band=True, gerichte=True)
    courts = [e.bezeichnung for e in traeger.gerichtsentscheidungen]
    if fig is None:
        return Slide(title=f"{traeger.kurzname}: Richtwerte{since}",
                     bullets=["Für diesen Träger ist keine Ausgabe mit Bruttokaltmieten erfasst.",
                              *[f"Ausgabe {a.bezeichnung}: Werte nicht bekannt" if not a.hat_werte()
                                else f"Ausgabe {a.bezeichnung}: nur {a.mietbegriff}" for a in traeger.ausgaben][:4]],
                     quelle="; ".join(kurzquelle(a.quelle) for a in traeger.ausgaben),
                     sources=_edition_sources(traeger))
    return Slide(title=f"{traeger.kurzname}: Richtwerte{since}", image=_png(fig),
                 image_alt=f"Verlauf der Richtwerte {traeger.name} nach Ausgaben, mit Wohngeldtabelle + 10 % und "
                           "Lücken als schraffierte Flächen",
                 quelle=CHART_NOTE + " · schraffiert: Ausgabe belegt, Werte nicht bekannt",
                 sources=_edition_sources(traeger) + courts)


def _werte_text(a) -> str:
    if a.ersetzt_durch:
        return "ersetzt"
    if not a.hat_werte():
        return "nicht bekannt"
    if a.mietbegriff == "unbekannt":
        return "Art offen"
    cells = [v for table in a.werte.values() for row in table.values() for v in row]
    return "bekannt" if all(v is not None for v in cells) else "teilweise"


def editions_slides(traeger: Traeger) -> list[Slide]:
    editions = sorted(traeger.ausgaben, key=lambda a: (a.gueltig_ab or a.beschlossen or date.min))
    rows = [[german_date(a.gueltig_ab) if a.gueltig_ab else "nicht bekannt",
             german_date(a.gueltig_bis) if a.gueltig_bis else "–", _werte_text(a), a.zuverlaessigkeit,
             _kurz(kurzquelle(a.quelle), 28)] for a in editions]
    chunks = balanced_chunks(rows, MAX_TABLE_ROWS)
    return [Slide(title=_numbered(f"{traeger.kurzname}: alle erfassten Ausgaben", n, len(chunks)),
                  table=SlideTable(["gültig ab", "bis", "Werte", "Verl.", "Quelle"], chunk,
                                   [False, False, False, False, False]),
                  quelle="Quellen je Ausgabe in Kurzform, vollständig auf den Quellenfolien · Verl. = Verlässlichkeit "
                         "A/B/C · Werte „Art offen“: netto oder brutto kalt nicht belegt",
                  sources=_edition_sources(traeger))
            for n, chunk in enumerate(chunks, start=1)]


def vergleichsraum_slides(traeger: Traeger, stichtag: date) -> list[Slide]:
    ausgabe = traeger.ausgabe_am(stichtag)
    if ausgabe is None or not ausgabe.hat_werte():
        with_values = [a for a in traeger.ausgaben if a.hat_werte() and a.gueltig_ab]
        ausgabe = max(with_values, key=lambda a: a.gueltig_ab, default=None)
    if ausgabe is None:
        return []
    bullets, sources = [], []
    for name in vr_names(ausgabe):
        vr = traeger.vergleichsraum(name)
        try:
            stufe_text = f"Mietenstufe {stufen_fuer_vergleichsraum(traeger, name, stichtag)[0]}"
        except ReferenceDataError:
            stufe_text = "Mietenstufe nicht bestimmbar"
        if vr.gemeinden:
            members = ", ".join(vr.gemeinden) + ("" if vr.gemeinden_vollstaendig else " (nur Beispiele erfasst)")
        else:
            members = "Gemeinden nicht erfasst"
        bullets.append((f"{name} – {stufe_text}", members))
        sources.append(f"{vr.quelle} [{vr.zuverlaessigkeit}]")
    chunks = _chunk_bullets(bullets, BODY_HEIGHT - 0.07)
    return [Slide(title=_numbered(f"{traeger.kurzname}: Vergleichsräume", n, len(chunks)),
                  subtitle=f"Ausgabe ab {german_date(ausgabe.gueltig_ab)} · Mietenstufe nach WoGV-Anlage",
                  bullets=chunk, quelle="Zuordnung der Gemeinden: " + "; ".join(dict.fromkeys(
                      kurzquelle(s) for s in sources)) + " · Mietenstufen: Anlage zu § 1 Abs. 3 WoGV",
                  sources=list(dict.fromkeys(sources)) + ["Anlage zu § 1 Abs. 3 WoGV (Mietenstufen)"])
            for n, chunk in enumerate(chunks, start=1)]


def vergleich_slide(traeger: Traeger, stichtag: date) -> Slide:
    fig = chart_richtwert_vs_wogg(traeger, stichtag, kind="slide")
    title = f"{traeger.kurzname}: Richtwert je Haushaltsgröße"
    if fig is None:
        later = traeger.naechste_ausgabe_nach(stichtag)
        text = f"Am {german_date(stichtag)} ist keine Tabelle mit Bruttokaltmieten bekannt"
        return Slide(title=title, bullets=[text + (f"; die nächste bekannte gilt ab {german_date(later.gueltig_ab)}"
                                                   if later else "")],
                     quelle="Ausgaben des Trägers (Quellen auf den letzten Folien)", sources=[])
    return Slide(title=title, subtitle="jeder Vergleichsraum gegen die Wohngeldtabelle + 10 % seiner Mietenstufe",
                 image=_png(fig), image_alt=f"Richtwerte {traeger.name} je Haushaltsgröße und Vergleichsraum "
                                            "gegenüber der Wohngeldtabelle plus 10 Prozent",
                 quelle=CHART_NOTE, sources=[])


def verstoss_slides(traeger: Traeger, findings: pd.DataFrame) -> list[Slide]:
    """Each Verstoß of this Träger with its legal basis (detail line) and source (footer, closing list)."""
    part = findings[findings.ergebnis == "verstoss"]
    if part.empty:
        counts = findings.ergebnis.value_counts()
        return [Slide(title=f"{traeger.kurzname}: keine Verstöße festgestellt",
                      bullets=[f"{int(counts.get('hinweis', 0))} Hinweise und {int(counts.get('ok', 0))} Prüfungen "
                               "ohne Befund – Einzelheiten in der CSV-Datei für Fraktionen",
                               "„Kein Verstoß“ heißt: mit den erfassten Daten nicht feststellbar"],
                      quelle=talk.AUDIT_DETAIL, sources=[])]
    bullets = []
    for rec in part.itertuples():
        where = ", ".join(x for x in (rec.vergleichsraum, f"{rec.haushaltsgroesse} P." if rec.haushaltsgroesse else "")
                          if x)
        bullets.append((PRUEFUNGEN.get(rec.pruefung, rec.pruefung) + (f" – {where}" if where else ""),
                        rec.rechtsgrundlage))
    chunks = _chunk_bullets(bullets)
    sources = talk.finding_sources(part)
    return [Slide(title=_numbered(f"{traeger.kurzname}: Verstöße", n, len(chunks)), bullets=chunk, **sources)
            for n, chunk in enumerate(chunks, start=1)]


def unbekannt_slides(traeger: Traeger, stichtag: date) -> list[Slide]:
    """What is not known, said plainly: editions without values, unread concept reports, conflicts, gaps."""
    bullets: list = []
    for a in sorted(traeger.ausgaben, key=lambda a: a.gueltig_ab or a.beschlossen or date.min):
        if not a.hat_werte():
            start = f"ab {german_date(a.gueltig_ab)}" if a.gueltig_ab else "Beginn nicht bekannt"
            bullets.append((f"Ausgabe {start}: Werte nicht bekannt", a.bezeichnung))
    for k in traeger.konzepte:
        if k.datenstand is None:
            bullets.append(("Konzeptbericht nicht gelesen: Datenstand der Mieten nicht bekannt", k.titel))
    for a in traeger.ausgaben:
        for konflikt in a.konflikte:
            bullets.append((f"Quellen widersprechen sich: {konflikt.gegenstand}", konflikt.begruendung))
    bullets += list(traeger.luecken)
    if not bullets:
        bullets = ["Keine bekannten Lücken in den erfassten Daten"]
    chunks = _chunk_bullets(bullets)
    return [Slide(title=_numbered(f"{traeger.kurzname}: was nicht bekannt ist", n, len(chunks)), bullets=chunk,
                  quelle="Lücken der Projektdaten, nicht des Rechts: eine fehlende Angabe heißt „nicht bekannt“",
                  sources=[])
            for n, chunk in enumerate(chunks, start=1)]


def chart_sachsen(traeger: Traeger, stichtag: date, frame: pd.DataFrame, kind: str = "slide", personen: str = "2"):
    """Richtwert (Bruttokaltmiete) for ``personen`` persons in force on the Stichtag, lowest to highest
    Vergleichsraum, for every Saxon Träger; ``traeger`` highlighted, Träger without known values named."""
    rows = []
    for t in load_traeger():
        part = frame[(frame.traeger_slug == t.slug) & (frame.haushaltsgroesse == personen)] if not frame.empty else frame
        values = [float(v) for v in part.bruttokaltmiete_eur if v is not None and v == v] if not part.empty else []
        rows.append((t, min(values) if values else None, max(values) if values else None))
    rows.sort(key=lambda r: (r[2] is None, -(r[2] or 0)))
    with chart_style(kind):
        fig, ax = plt.subplots()
        for i, (t, low, high) in enumerate(rows):
            own = t.slug == traeger.slug
            colour = PALETTE[3] if own else "#9a9a9a"
            if high is None:
                ax.annotate("keine Bruttokaltmiete am Stichtag bekannt", (0, i), textcoords="offset points",
                            xytext=(6, 0), va="center", ha="left", color=colour, fontsize="small")
                continue
            ax.plot([low, high], [i, i], color=colour, linewidth=9 if own else 6, solid_capstyle="butt")
            ax.plot([high], [i], marker="|", color=colour, markersize=14)
            ax.annotate(german_number(high) + " €", (high, i), textcoords="offset points", xytext=(8, 0),
                        va="center", fontsize="small", color=colour, weight="bold" if own else "normal")
        ax.set_yticks(range(len(rows)))
        ax.set_yticklabels([t.kurzname for t, _, _ in rows])
        for label, (t, _, _) in zip(ax.get_yticklabels(), rows):
            if t.slug == traeger.slug:
                label.set_color(PALETTE[3])
                label.set_fontweight("bold")
        ax.set_ylim(len(rows) - 0.4, -0.6)  # top to bottom, with room below the last row
        known = [h for _, _, h in rows if h is not None]
        ax.set_xlim(0, max(known) * 1.2 if known else 1)
        euro_axis(ax.xaxis)
        ax.set_xlabel(f"Richtwert Bruttokaltmiete, {personen} Personen (niedrigster bis höchster Vergleichsraum)")
        ax.set_title(f"Sachsen am {german_date(stichtag)}: {traeger.kurzname} im Vergleich")
        add_source_line(fig, "Richtwerte der 13 Träger in der am Stichtag geltenden Ausgabe (Quellen je Träger in "
                             "den Projektdaten, Verlässlichkeit A–C)", stand=stichtag)
    return fig


def sachsen_slide(traeger: Traeger, stichtag: date, frame: pd.DataFrame) -> Slide:
    return Slide(title="Im Vergleich mit den anderen Trägern in Sachsen", image=_png(chart_sachsen(traeger, stichtag,
                                                                                                   frame)),
                 image_alt=f"Richtwerte für 2 Personen aller sächsischen Träger, {traeger.kurzname} hervorgehoben",
                 quelle=CHART_NOTE, sources=[])


def kreis_deck(traeger: Traeger, stichtag: date, findings: pd.DataFrame, frame: pd.DataFrame | None = None) -> Deck:
    """The deck for one Träger; ``findings``: its rows of the audit's machine CSV (all cells strings)."""
    frame = richtwerte_frame(stichtag) if frame is None else frame
    slides = [title_slide(traeger, stichtag), *talk.law_slides(), history_slide(traeger, stichtag),
              *editions_slides(traeger), *vergleichsraum_slides(traeger, stichtag), vergleich_slide(traeger, stichtag),
              *verstoss_slides(traeger, findings), *unbekannt_slides(traeger, stichtag),
              sachsen_slide(traeger, stichtag, frame)]
    slides += talk.sources_slides(slides)
    without = sum(1 for a in traeger.ausgaben if not a.hat_werte())
    secondary = any(a.status == "sekundaer_transkribiert" for a in traeger.ausgaben)
    lines = [f"{len(traeger.ausgaben)} Ausgaben erfasst, davon {without} ohne bekannte Werte"]
    if secondary:
        lines.append("Werte aus öffentlichen Sekundärquellen übernommen, nicht am PDF des Kreises geprüft")
    slides.append(talk.stand_slide(stichtag, lines))
    return Deck(title=f"Kosten der Unterkunft: {traeger.name}", stand=stichtag, slides=slides)
