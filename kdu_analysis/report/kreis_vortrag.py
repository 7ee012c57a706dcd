"""The talk for the Kreis in the room (contract §9: ``vortrag/<slug>.pdf`` and ``.html``).

Same slide machinery and legibility rules as the main deck (:mod:`kdu_analysis.report.deck`), the shared law slides
(:func:`talk.law_slides`), then this Kreis: its editions as a history chart against WoGG + 10 %, the editions as a
table, its Vergleichsräume with Gemeinden and Mietenstufen, the comparison per household size, each Verstoß with its
legal basis, what is not known, the comparison with the other Saxon Träger, sources and Stand. Findings come from the
audit's machine CSV rows (strings, ``.`` decimals), so the slides show what the CSV holds.
"""

from __future__ import annotations

from datetime import date

import pandas as pd

from kdu_analysis.audit.charts import kurzquelle
from kdu_analysis.audit.findings import PRUEFUNGEN
from kdu_analysis.audit.wogg import stufen_fuer_vergleichsraum
from kdu_analysis.errors import ReferenceDataError
from kdu_analysis.formatting import german_date
from kdu_analysis.reference.wogg import wogg_citation
from kdu_analysis.report import kreis_charts, talk
from kdu_analysis.report.deck import (BODY_HEIGHT, MAX_BULLETS, MAX_TABLE_ROWS, Deck, Slide, SlideChart,
                                      SlideTable, balanced_chunks, bullets_height)
from kdu_analysis.traeger import Traeger, richtwerte_frame, vr_names


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
    drawn, spans, _ = kreis_charts.verlauf_daten(traeger, stichtag)
    courts = [e.bezeichnung for e in traeger.gerichtsentscheidungen]
    if not drawn:
        return Slide(title=f"{traeger.kurzname}: Richtwerte{since}",
                     bullets=["Für diesen Träger ist keine Ausgabe mit Bruttokaltmieten erfasst.",
                              *[f"Ausgabe {a.bezeichnung}: Werte nicht bekannt" if not a.hat_werte()
                                else f"Ausgabe {a.bezeichnung}: {_MIETBEGRIFF_KURZ.get(a.mietbegriff, a.mietbegriff)}"
                                for a in traeger.ausgaben][:4]],
                     quelle="; ".join(kurzquelle(a.quelle) for a in traeger.ausgaben),
                     sources=_edition_sources(traeger))
    several = any(len(vr_names(a)) > 1 for a, end in drawn if end is not None)
    wogg = bool(kreis_charts.verlauf_stufen(traeger, drawn[-1][0], stichtag))
    editions = [a for a, _ in drawn]
    quelle = "; ".join(dict.fromkeys(f"{kurzquelle(a.quelle)} ({a.zuverlaessigkeit})" for a in editions))
    if wogg:
        quelle += "; § 12 WoGG (Fassungen ab 2020) + 10 %"
    alt = (f"Verlauf der Richtwerte {traeger.name} für 1 bis 4 Personen nach Ausgaben, mit Wohngeldtabelle + 10 % "
           "und Lücken als schraffierte Flächen")
    return Slide(title=f"{traeger.kurzname}: Richtwerte{since}",
                 subtitle=kreis_charts.verlauf_untertitel(several),
                 chart=SlideChart(lambda ax: kreis_charts.draw_verlauf_slide(ax, traeger, stichtag), alt),
                 quelle=quelle, sources=_edition_sources(traeger) + courts)


#: What an edition without Bruttokalt amounts publishes, for a slide bullet.
_MIETBEGRIFF_KURZ = {"bruttowarm": "nur Bruttowarmmiete veröffentlicht",
                     "unbekannt": "Art der Miete in unserer Quelle nicht angegeben"}


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
    title = f"{traeger.kurzname}: Richtwert je Haushaltsgröße"
    data = kreis_charts.vergleich_daten(traeger, stichtag)
    if data is None:
        later = traeger.naechste_ausgabe_nach(stichtag)
        text = f"Am {german_date(stichtag)} ist keine Tabelle mit Bruttokaltmieten bekannt"
        return Slide(title=title, bullets=[text + (f"; die nächste bekannte gilt ab {german_date(later.gueltig_ab)}"
                                                   if later else "")],
                     quelle="Ausgaben des Trägers (Quellen auf den letzten Folien)", sources=[])
    ausgabe = traeger.ausgabe_am(stichtag)
    citation = wogg_citation(stichtag).text
    return Slide(title=title,
                 subtitle=f"Ausgabe ab {german_date(ausgabe.gueltig_ab)} · Punkt: Richtwert · Strich: WoGG + 10 %",
                 chart=SlideChart(lambda ax: kreis_charts.draw_vergleich_slide(ax, traeger, stichtag),
                                  f"Richtwerte {traeger.name} für 1 bis 4 Personen je Vergleichsraum gegenüber der "
                                  "Wohngeldtabelle plus 10 Prozent"),
                 quelle=f"{kurzquelle(ausgabe.quelle)} ({ausgabe.zuverlaessigkeit}); {citation} + 10 %",
                 sources=[f"{ausgabe.quelle} [{ausgabe.zuverlaessigkeit}]", citation])


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
            bullets.append(("Konzeptbericht liegt dem Projekt nicht vor: Datenstand der Mieten nicht bekannt", k.titel))
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


def sachsen_slide(traeger: Traeger, stichtag: date, frame: pd.DataFrame) -> Slide:
    return Slide(title="Im Vergleich mit den anderen Trägern in Sachsen",
                 subtitle=f"2 Personen, {german_date(stichtag)} · Balken: alle Vergleichsräume",
                 chart=SlideChart(lambda ax: kreis_charts.draw_sachsen_slide(ax, traeger, frame),
                                  f"Richtwerte für 2 Personen aller sächsischen Träger, {traeger.kurzname} "
                                  "hervorgehoben"),
                 quelle="Richtwerte der 13 Träger in der am Stichtag geltenden Ausgabe (Quellen je Träger in den "
                        "Projektdaten, Verlässlichkeit A–C)", sources=[])


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
