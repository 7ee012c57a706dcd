"""What is in force on the Stichtag: the legal tables (with what is pending) and each Träger's Richtwert edition.

Feeds one slide pair, one homepage section and two CSV files of the main job. The law's editions run until a
later one replaces them (see :mod:`kdu_analysis.reference.geltung`); a Träger's edition is shown with its age,
and where the newest recorded edition is older than the review interval the text says so plainly.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd

from kdu_analysis import config
from kdu_analysis.errors import ReferenceDataError
from kdu_analysis.reference.geltung import BEREICHE, Geltung, geltung
from kdu_analysis.formatting import german_date
from kdu_analysis.report.deck import MAX_TABLE_ROWS, Slide, SlideTable, balanced_chunks, slide_fits
from kdu_analysis.traeger import Traeger, load_traeger

REVIEW_BASIS = "§ 22c Abs. 2 SGB II entsprechend (Überprüfung mindestens alle zwei Jahre)"


def gesetze(stichtag: date) -> list[Geltung]:
    """The legal areas in force on ``stichtag`` (an area without any recorded edition is left out)."""
    out = []
    for datei in BEREICHE:
        try:
            out.append(geltung(datei, stichtag))
        except ReferenceDataError:
            continue  # e.g. the Klimakomponente before 2023: the area did not exist
    return out


def gesetze_frame(stichtag: date) -> pd.DataFrame:
    return pd.DataFrame([{
        "stichtag": stichtag, "bereich": g.bereich, "fassung_ab": g.fassung, "quelle": g.citation.text,
        "zuverlaessigkeit": g.citation.zuverlaessigkeit, "neuere_fassung_faellig_seit": min(
            (a.faellig for a in g.ueberfaellig), default=None),
        "anstehend": " | ".join(a.satz() for a in g.anstehend)} for g in gesetze(stichtag)])


def _years(start: date, end: date) -> float:
    return (end - start).days / 365.25


def _de_years(value: float) -> str:
    return f"{value:.1f}".replace(".", ",")


@dataclass(frozen=True)
class TraegerStand:
    traeger: str
    kurzname: str
    ausgabe: str | None  # edition in force with values on the Stichtag
    gueltig_ab: date | None
    alter_jahre: float | None
    neueste_ab: date | None  # newest recorded edition with values (any date)
    alter_neueste: float | None
    letzte_bis: date | None  # end of the last edition that expired before the Stichtag, where none is in force
    quelle: str
    zuverlaessigkeit: str

    @property
    def neueste_veraltet(self) -> bool:
        return self.alter_neueste is not None and self.alter_neueste > config.REVIEW_INTERVAL_YEARS

    def hinweis(self) -> str:
        limit = config.REVIEW_INTERVAL_YEARS
        if self.ausgabe is None:
            return "Für den Stichtag ist keine Ausgabe mit Richtwerten erfasst" + (
                f" (die letzte galt bis {german_date(self.letzte_bis)})." if self.letzte_bis else ".")
        if self.neueste_veraltet:
            return (f"Die neueste erfasste Ausgabe ist älter als {limit} Jahre: Ob der Träger inzwischen neue "
                    "Richtwerte beschlossen hat, ist in den Daten des Projekts nicht erfasst – bitte prüfen.")
        if self.alter_jahre is not None and self.alter_jahre > limit:
            return f"Älter als {limit} Jahre ({REVIEW_BASIS})."
        return f"Innerhalb von {limit} Jahren."


def traeger_stand(traeger: Traeger, stichtag: date) -> TraegerStand:
    current = traeger.ausgabe_am(stichtag)
    if current is not None and not current.hat_werte():
        current = None
    dated = [a.gueltig_ab for a in traeger.ausgaben if a.gueltig_ab is not None and a.hat_werte()]
    newest = max(dated, default=None)
    return TraegerStand(
        traeger=traeger.name, kurzname=traeger.kurzname or traeger.name, ausgabe=current.bezeichnung if current else None,
        gueltig_ab=current.gueltig_ab if current else None,
        alter_jahre=_years(current.gueltig_ab, stichtag) if current else None,
        letzte_bis=max((a.gueltig_bis for a in traeger.ausgaben if a.gueltig_bis and a.gueltig_bis < stichtag),
                       default=None) if current is None else None,
        neueste_ab=newest, alter_neueste=_years(newest, stichtag) if newest else None,
        quelle=current.quelle if current else "", zuverlaessigkeit=current.zuverlaessigkeit if current else "")


def traeger_staende(stichtag: date) -> list[TraegerStand]:
    return sorted((traeger_stand(t, stichtag) for t in load_traeger()), key=lambda s: s.traeger)


def traeger_frame(staende: list[TraegerStand], stichtag: date) -> pd.DataFrame:
    return pd.DataFrame([{
        "stichtag": stichtag, "traeger": s.traeger, "ausgabe": s.ausgabe, "gueltig_ab": s.gueltig_ab,
        "alter_jahre": None if s.alter_jahre is None else round(s.alter_jahre, 1), "neueste_erfasste_ab": s.neueste_ab,
        "neueste_aelter_als_pruefintervall": s.neueste_veraltet, "hinweis": s.hinweis(), "quelle": s.quelle,
        "zuverlaessigkeit": s.zuverlaessigkeit} for s in staende])


def traeger_rows(staende: list[TraegerStand], *, kurz: bool = False) -> list[list[str]]:
    return [[s.kurzname if kurz else s.traeger, german_date(s.gueltig_ab) if s.gueltig_ab else (
                 f"keine (bis {german_date(s.letzte_bis)})" if s.letzte_bis else "keine erfasst"),
             _de_years(s.alter_jahre) if s.alter_jahre is not None else "",
             german_date(s.neueste_ab) if s.neueste_ab else "keine",
             "ja – prüfen" if s.neueste_veraltet or s.ausgabe is None else "nein"] for s in staende]


TRAEGER_HEADER = ["Träger", "Richtwerte gültig ab", "Alter (Jahre)", "neueste erfasste Ausgabe",
                  f"älter als {config.REVIEW_INTERVAL_YEARS} Jahre?"]
TRAEGER_HEADER_SLIDE = ["Träger", "gilt ab", "Alter (J.)", "neueste", f"> {config.REVIEW_INTERVAL_YEARS} J.?"]


def slides(stichtag: date, laws: list[Geltung], staende: list[TraegerStand]) -> list[Slide]:
    """"Was am Stichtag gilt" (the law in force, what is pending) and the Träger editions with their age."""
    out = []
    for size in (len(laws), 2, 1):  # as few slides as fit legibly
        groups = [laws[i:i + size] for i in range(0, len(laws), max(size, 1))]
        out = [Slide(title=f"Was am {german_date(stichtag)} gilt" + (f" ({n}/{len(groups)})" if len(groups) > 1 else ""),
                     bullets=[g.kurz() for g in group], quelle="; ".join(g.citation.text for g in group),
                     sources=[g.citation.text for g in group]) for n, group in enumerate(groups, start=1)]
        if all(slide_fits(s) for s in out):
            break
    chunks = balanced_chunks(traeger_rows(staende, kurz=True), MAX_TABLE_ROWS)
    for n, chunk in enumerate(chunks, start=1):
        slide = Slide(
            title="Richtwerte je Träger: geltende Ausgabe" + (f" ({n}/{len(chunks)})" if len(chunks) > 1 else ""),
            table=SlideTable(TRAEGER_HEADER_SLIDE, chunk, [False, False, True, False, False]),
            quelle=f"Richtlinien und Mitteilungen der Träger (Quelle je Ausgabe in der CSV „richtwert_ausgaben“); "
                   f"Prüfintervall: {REVIEW_BASIS}", sources=[REVIEW_BASIS])
        if not slide_fits(slide):  # drop the column of the newest edition, keep edition, age and the verdict
            slide.table = SlideTable([h for i, h in enumerate(TRAEGER_HEADER_SLIDE) if i != 3],
                                     [[c for i, c in enumerate(r) if i != 3] for r in chunk], [False, False, True, False])
        out.append(slide)
    return out


def paragraphs(laws: list[Geltung], staende: list[TraegerStand]) -> list[str]:
    texts = [g.text() for g in laws]
    old = [s.traeger for s in staende if s.neueste_veraltet]
    if old:
        texts.append(f"Bei {', '.join(old)} ist die neueste erfasste Ausgabe der Richtwerte älter als "
                     f"{config.REVIEW_INTERVAL_YEARS} Jahre. Ob diese Träger inzwischen neue Richtwerte beschlossen "
                     "haben, ist in den Daten des Projekts nicht erfasst – bitte prüfen.")
    for s in staende:
        if s.ausgabe is None:
            texts.append(f"{s.traeger}: {s.hinweis()}")
    return texts
