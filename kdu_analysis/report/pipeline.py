"""The main job: every user-facing product for the bundled data, written into one folder.

Each product builder takes the :class:`ReportContext`, writes its files into ``ctx.out`` and may add slides
to the talk (``ctx.slides``), sections to the homepage (``ctx.sections``) and lines to the Stand
(``ctx.stand``). No part takes the whole report down: a builder that cannot build its product for the
Stichtag states the gap (``ctx.gap(…)``, or a :class:`ReferenceDataError` it raises) and the rest is built;
any other exception is a failure of that builder. Either way its partial files, slides and sections are
removed, the talk and the homepage say what is missing, and the closing summary lists each gap and each
failure. The run writes into a staging folder next to the target and moves the files into place at the end.
Progress goes to stderr; the closing summary and ``index.html`` list what was written where.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path

import matplotlib.pyplot as plt
import pandas as pd
from tqdm import tqdm

from kdu_analysis import codebook, config
from kdu_analysis.audit.export import write_audit
from kdu_analysis.audit.findings import PRUEFUNGEN
from kdu_analysis.audit.run import run_audit
from kdu_analysis.case import Fall, berechne
from kdu_analysis.charts.figures import SavedFigure, save_figure
from kdu_analysis.errors import KduError, ReferenceDataError
from kdu_analysis.formatting import aufzaehlung, german_date, german_number
from kdu_analysis.loaders.documents import Reading, raw_pdfs, read_documents
from kdu_analysis.loaders.richtwerte import COLUMNS, EXTRA_COLUMNS
from kdu_analysis.outputs import write_bytes_atomic, write_german_csv, write_machine_csv, write_text_atomic
from kdu_analysis.reference import mietenstufen as ms
from kdu_analysis.reference import regelbedarf, wogg
from kdu_analysis.reference.geltung import geltung as rechtsstand
from kdu_analysis.reference.rbeg import GESETZE, rbeg
from kdu_analysis.reference.rechtsprechung import ZITAT_ERKENNTNISAUSFALL, ZITAT_KLIMAKOMPONENTE
from kdu_analysis.regelbedarf.charts import chart_regelbedarf_verlauf
from kdu_analysis.regelbedarf.reproduce import regelbedarf_series
from kdu_analysis.report import geltung, talk
from kdu_analysis.report.case_sheet import to_html, to_json, to_pdf
from kdu_analysis.report.charts import chart_wogg_plus10, draw_regelbedarf_slide, saxon_mietenstufen, wogg_plus10_data
from kdu_analysis.report.deck import MAX_BULLETS, Deck, Slide, SlideChart, render_html, render_pdf, slide_fits
from kdu_analysis.report.gemeinde_lookup import lookup_section
from kdu_analysis.report.homepage import Homepage, Section, render_homepage
from kdu_analysis.report.html import esc, html_document, write_offline_html
from kdu_analysis.report.kreis_produkte import build_kreis_produkte
from kdu_analysis.report.obergrenzen import obergrenzen_frame, obergrenzen_wide
from kdu_analysis.schemas import load_validated

#: Chart kinds every figure is saved in (PNG for slides and web, SVG for print; each with its CSV).
FIGURE_KINDS = ("slide", "web", "print")


@dataclass(frozen=True)
class Luecke:
    """A product (or part of one) that was not built for the Stichtag: a stated gap or a failure of its builder."""

    produkt: str  # German label of the builder (PRODUCTS)
    text: str  # German: what is missing and why
    fehler: bool = False  # True: the builder failed (a bug, a missing file) – not a gap of the data
    exit_code: int = 0  # for failures: the code of the error (1 for an unexpected exception)

    def zeile(self) -> str:
        return f"{self.produkt}: {self.text}"


@dataclass
class ReportContext:
    out: Path
    stichtag: date
    refresh: bool = False
    log: object = sys.stderr
    slides: list[Slide] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    stand: list[str] = field(default_factory=list)
    figures: dict[str, dict[str, SavedFigure]] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)  # German messages about user input (exit code 3)
    luecken: list[Luecke] = field(default_factory=list)  # gaps and failed builders, in the order they happened
    product: str = ""  # label of the builder that is running
    _lesungen: list[Reading] | None = field(default=None, init=False, repr=False)

    def lesungen(self) -> list[Reading]:
        """The documents in ``data/raw/pdf``, each read once per run (through the content-keyed cache, within the
        budget) — for the Richtwert tables and for the audit's comparison alike, whichever builder asks first."""
        if self._lesungen is None:
            pdfs = raw_pdfs()
            self._lesungen = read_documents(
                tqdm(pdfs, desc="      PDF", unit="Dok.", file=self.log, disable=None, leave=False), refresh=self.refresh)
        return self._lesungen

    def gap(self, text: str) -> None:
        """Record that (part of) the running product cannot be built for the Stichtag; ``text`` is German."""
        self.luecken.append(Luecke(self.product, text))

    def save_chart(self, name: str, draw: Callable[[str], tuple[plt.Figure, pd.DataFrame]]) -> list[Path]:
        """Draw ``name`` in every kind via ``draw(kind)`` and save PNG + SVG + CSV for each."""
        written = []
        self.figures[name] = {}
        for kind in FIGURE_KINDS:
            fig, data = draw(kind)
            saved = save_figure(fig, data, self.out / "abbildungen", f"{name}_{kind}")
            self.figures[name][kind] = saved
            written += [saved.png, saved.svg, saved.csv]
        return written

    def png(self, name: str, kind: str) -> bytes:
        return self.figures[name][kind].png.read_bytes()

    def rel(self, path: Path) -> str:
        return path.relative_to(self.out).as_posix()


Builder = Callable[[ReportContext], list[Path]]

# ----------------------------------------------------------------------------- builders

def build_reference_tables(ctx: ReportContext) -> list[Path]:
    folder = ctx.out / "referenz"
    frame = wogg.wogg_table_frame(ctx.stichtag)
    stem = f"wogg_tabelle_{ctx.stichtag.isoformat()}"
    table = regelbedarf.regelbedarf_table()
    ctx.stand.append(f"WoGG-Tabelle in der Fassung ab {german_date(wogg.wogg_citation(ctx.stichtag).fassung)}")
    return [
        write_machine_csv(folder / f"{stem}.csv", frame),
        write_german_csv(folder / f"{stem}_excel.csv", frame, codebook.headers("wogg_tabelle"),
                         decimals=codebook.decimals("wogg_tabelle")),
        write_machine_csv(folder / "regelbedarfsstufen.csv", table),
        write_german_csv(folder / "regelbedarfsstufen_excel.csv", table, codebook.headers("regelbedarfsstufen"),
                         decimals=codebook.decimals("regelbedarfsstufen")),
    ]


def build_geltung(ctx: ReportContext) -> list[Path]:
    """What is in force on the Stichtag: the legal tables with what is pending, each Träger's edition and its age."""
    laws = geltung.gesetze(ctx.stichtag)
    staende = geltung.traeger_staende(ctx.stichtag)
    folder = ctx.out / "referenz"
    written = [write_machine_csv(folder / f"geltung_{ctx.stichtag.isoformat()}.csv", geltung.gesetze_frame(ctx.stichtag)),
               write_machine_csv(folder / f"richtwert_ausgaben_{ctx.stichtag.isoformat()}.csv",
                                 geltung.traeger_frame(staende, ctx.stichtag))]
    for stand in staende:
        if stand.ausgabe is None:
            ctx.gap(f"{stand.traeger}: {stand.hinweis()}")
    ctx.slides += geltung.slides(ctx.stichtag, laws, staende)
    ctx.sections.append(Section(
        title=f"Was am {german_date(ctx.stichtag)} gilt",
        paragraphs=geltung.paragraphs(laws, staende),
        table_header=geltung.TRAEGER_HEADER, table_rows=geltung.traeger_rows(staende),
        table_numeric=[False, False, True, False, False],
        quelle="; ".join(law.citation.text for law in laws) + f" · {geltung.REVIEW_BASIS}",
        sources=[law.citation.text for law in laws] + [geltung.REVIEW_BASIS],
        downloads=[ctx.rel(p) for p in written]))
    return written


def build_richtwerte_from_pdfs(ctx: ReportContext) -> list[Path]:
    """Richtwert tables of the documents in ``data/raw/pdf`` (read once per document version, see
    ``loaders.documents``)."""
    results = ctx.lesungen()
    if not results:
        ctx.log.write("      keine PDF-Dateien in data/raw/pdf – übersprungen\n")
        return []
    read = [r for r in results if r.frame is not None]
    failed = [r for r in results if r.frame is None]
    refused = [r for r in results if r.status == "abgelehnt"]
    ctx.log.write(f"      {len(read)} von {len(results)} Dokumenten gelesen"
                  + (f", {len(refused)} Tabelle(n) von der Prüfung abgelehnt" if refused else "") + " "
                  f"({sum(r.aus_cache for r in results)} aus dem Zwischenspeicher)\n")
    for r in failed:
        ctx.problems.append(f"{r.datei}: {r.fehler}")
    folder = ctx.out / "richtwerte"
    written = []
    if read:
        frame = pd.concat([r.frame for r in read], ignore_index=True)
        written += [write_machine_csv(folder / "richtwerte_aus_pdf.csv", frame, COLUMNS + EXTRA_COLUMNS),
                    write_german_csv(folder / "richtwerte_aus_pdf_excel.csv", frame, codebook.headers("richtwerte_aus_pdf"),
                                     decimals=codebook.decimals("richtwerte_aus_pdf"))]
    overview = pd.DataFrame([{"datei": r.datei, "status": r.status, "seiten": r.dokument.seiten,
                              "traeger": r.traeger, "gueltig_ab": r.gueltig_ab,
                              "zeilen": None if r.frame is None else len(r.frame),
                              "zeilen_mit_hinweis": None if r.frame is None else int((r.frame.hinweise != "").sum()),
                              "fehler": r.fehler, "sha256": r.sha256} for r in results])
    written.append(write_machine_csv(folder / "dokumente.csv", overview))
    ctx.stand.append(f"{len(read)} Richtlinien-Dokumente aus data/raw/pdf gelesen")
    ctx.slides += talk.documents_slides([
        [r.datei, "–", r.status] if r.frame is None else
        [r.traeger or r.datei, german_date(r.gueltig_ab) if r.gueltig_ab else "nicht angegeben", str(len(r.frame))]
        for r in results])
    ctx.sections.append(Section(
        title="Gelesene Richtlinien (data/raw/pdf)",
        paragraphs=["Die Richtwert-Tabellen dieser Dokumente wurden maschinell gelesen. Eine Tabelle wird nur übernommen, "
                    "wenn sie die Prüfungen des Lesers besteht (Aufbau, plausible Bereiche, Rechnung, jede Zahl an ihrer "
                    "Stelle im Dokument wiedergefunden); sonst steht das Dokument hier als „abgelehnt“ mit dem Grund, und "
                    "keiner seiner Werte wird verwendet. Übernommene Werte stehen so in der Tabelle, wie sie gedruckt sind; "
                    "Auffälligkeiten stehen in der Spalte „Hinweise der Prüfung“."],
        table_header=["Datei", "Status", "Träger", "Gültig ab", "Zeilen", "mit Hinweis", "Grund"],
        table_rows=[[r.datei, r.status, r.traeger or "", german_date(r.gueltig_ab) if r.gueltig_ab else "nicht angegeben",
                     "" if r.frame is None else str(len(r.frame)),
                     "" if r.frame is None else str(int((r.frame.hinweise != "").sum())), r.fehler or ""] for r in results],
        table_numeric=[False, False, False, False, True, True, False],
        quelle="die genannten PDF-Dateien (SHA-256 in richtwerte/dokumente.csv); Lesung: kdu-analysis extract richtwerte",
        sources=[f"{r.datei} (SHA-256 {r.sha256[:12]}…)" for r in results],
        downloads=[ctx.rel(p) for p in written]))
    return written


AUDIT_FOLDER = "pruefung"


def build_audit(ctx: ReportContext) -> list[Path]:
    """The KdU audit (contracts §7): its own writer puts befunde.csv, the faction CSVs and the per-Träger charts into
    ``pruefung/``; the findings become defect slides, an overview, per Träger a lead slide (its key comparison in
    large type) and its Verstöße, and homepage sections with the audit's web chart per Träger."""
    findings = run_audit(ctx.stichtag, lesungen=ctx.lesungen())  # the documents as read for the Richtwert tables
    folder = ctx.out / AUDIT_FOLDER
    written = sorted(write_audit(folder, findings, ctx.stichtag))
    ctx.slides += talk.defect_slides(findings, PRUEFUNGEN)
    ctx.slides += talk.traeger_table_slides(findings)
    # the audit's own chart per Träger (web style: its long titles fit there) on the homepage
    web_charts = {p.name.removesuffix("_richtwert_wogg.png"): p for p in written if p.name.endswith("_richtwert_wogg.png")}
    slugs = dict(zip(findings.traeger, findings.traeger_slug))
    charts = {traeger: web_charts[slug].read_bytes() for traeger, slug in slugs.items() if slug in web_charts}
    ctx.slides += talk.traeger_slides(findings, ctx.stichtag, PRUEFUNGEN)  # drawn for the room, not the web chart
    counts = talk.traeger_counts(findings)
    ctx.stand.append(f"{len(counts)} Träger geprüft ({len(findings)} Prüfergebnisse)")
    ctx.sections.append(Section(
        title="Prüfung der Richtwerte je Träger",
        paragraphs=["Für jeden der Träger wurden die Richtwerte mit den Anforderungen aus Gesetz und Rechtsprechung "
                    "verglichen. „Verstoß“ heißt: der Wert widerspricht einer Anforderung; „Hinweis“: etwas ist auffällig "
                    "oder nicht belegt. Jeder Einzelbefund steht mit Rechtsgrundlage und Quelle in der CSV-Datei des "
                    "Trägers (für Excel) und in befunde.csv."],
        table_header=["Träger", "Verstöße", "Hinweise", "in Ordnung"],
        table_rows=[[traeger, str(v), str(h), str(o)] for traeger, (v, h, o) in counts.items()],
        table_numeric=[False, True, True, True],
        quelle="kdu-analysis audit (pruefung/befunde.csv); Rechtsgrundlage und Quelle je Befund dort",
        sources=talk.finding_sources(findings)["sources"],
        downloads=[ctx.rel(p) for p in written if p.suffix == ".csv"]))
    for traeger in counts:
        if traeger in charts:
            ctx.sections.append(Section(
                title=f"{traeger}: Richtwerte und Wohngeldtabelle + 10 %", image=charts[traeger],
                image_alt=f"Richtwerte {traeger} je Haushaltsgröße gegenüber der Wohngeldtabelle plus 10 Prozent",
                quelle="Quelle und Stand in der Abbildung; Einzelbefunde in der CSV-Datei des Trägers",
                sources=[],
                downloads=[ctx.rel(p) for p in written if p.name.startswith(f"{slugs[traeger]}_")]))
    return written


def _pending_paragraph(datei: str, stichtag: date) -> list[str]:
    """The in-force-until-changed statement of a legal table, where something is pending for it (else nothing)."""
    state = rechtsstand(datei, stichtag)
    return [state.text()] if state.anstehend else []


def build_wogg_chart(ctx: ReportContext) -> list[Path]:
    written = ctx.save_chart("wogg_plus10", lambda kind: chart_wogg_plus10(ctx.stichtag, kind))
    ctx.slides.append(talk.wogg_slide(ctx.stichtag))  # chart drawn on the slide itself
    data = wogg_plus10_data(ctx.stichtag)
    citation = wogg.wogg_citation(ctx.stichtag)
    stufen = ", ".join(dict.fromkeys(data.mietenstufe))
    stufen_text = (f"in Sachsen kommen die Stufen {stufen} vor." if saxon_mietenstufen(ctx.stichtag) else
                   f"die Liste der Mietenstufen für diesen Stichtag liegt nicht vor, daher sind alle Stufen ({stufen}) gezeigt.")
    ctx.sections.append(Section(
        title="Wohngeldtabelle + 10 %: die Obergrenze bei Erkenntnisausfall",
        paragraphs=["Beruhen die Richtwerte eines Kreises nicht auf einem schlüssigen Konzept, muss der Kreis sein "
                    "Konzept nachbessern, auch noch im Gerichtsverfahren; die Gerichte ermitteln selbst und setzen oft "
                    "einen eigenen Wert fest. Erst wenn keine örtlichen Erkenntnisse mehr zu gewinnen sind "
                    "(Erkenntnisausfall), sind die tatsächlichen Kosten der Unterkunft bis zur Höhe der Wohngeldtabelle "
                    f"(§ 12 WoGG) plus 10 % zu übernehmen ({ZITAT_ERKENNTNISAUSFALL}). Maßgeblich ist dann die "
                    "Mietenstufe der Gemeinde; " + stufen_text,
                    "Die Werte sind Bruttokaltmieten je Monat (ohne Heizung). Die 10 % sind eigene Rechnung, auf den Cent "
                    "gerundet. Die Klimakomponente (§ 12 Abs. 7 WoGG) ist nicht eingerechnet: ob sie hinzukommt, ist "
                    f"umstritten (dafür {ZITAT_KLIMAKOMPONENTE}, erste Instanz; höchstrichterlich nicht "
                    "geklärt)."] + _pending_paragraph("wogg_hoechstbetraege", ctx.stichtag),
        image=ctx.png("wogg_plus10", "web"), image_alt="WoGG-Höchstbeträge plus 10 Prozent je Mietenstufe",
        quelle=f"{citation.text} · {ZITAT_ERKENNTNISAUSFALL}",
        sources=[citation.text, ZITAT_ERKENNTNISAUSFALL],
        downloads=[ctx.rel(ctx.figures["wogg_plus10"]["web"].csv), ctx.rel(ctx.figures["wogg_plus10"]["print"].svg)]))
    return written


def build_obergrenzen(ctx: ReportContext) -> list[Path]:
    """WoGG + 10 % for every Saxon area (Gemeinden of the WoGV annex and Kreise), as CSV and a homepage table."""
    if ms.anlage(ctx.stichtag) is None:
        ctx.log.write("      Mietenstufen-Liste für diesen Stichtag nicht vorhanden (2016–2019) – übersprungen\n")
        ctx.stand.append("Mietenstufen: für diesen Stichtag liegt die WoGV-Anlage nicht vor")
        ctx.gap("die WoGV-Anlage mit den Mietenstufen für diesen Stichtag (2016–2019) liegt dem Projekt nicht vor; "
                "deshalb keine Obergrenzen je Gemeinde")
        return []
    frame = obergrenzen_frame(ctx.stichtag)
    wide = obergrenzen_wide(frame)
    stem = f"obergrenzen_wogg_plus10_{ctx.stichtag.isoformat()}"
    folder = ctx.out / "referenz"
    written = [write_machine_csv(folder / f"{stem}.csv", frame),
               write_german_csv(folder / f"{stem}_excel.csv", wide, codebook.headers("obergrenzen"))]
    first = frame.iloc[0]
    ctx.stand.append(f"Mietenstufen nach der WoGV-Anlage ab {german_date(first.fassung_mietenstufen)}")
    money = ["1", "2", "3", "4", "5", "+1"]
    ctx.sections.append(Section(
        title="Wohngeldtabelle + 10 % – für jede Gemeinde",
        paragraphs=["Diese Obergrenze gilt nur bei Erkenntnisausfall (kein schlüssiges Konzept, Nachbesserung nicht "
                    "möglich). Städte und Gemeinden ab 10 000 Einwohnern haben in der Anlage zur Wohngeldverordnung eine "
                    "eigene Mietenstufe; für alle übrigen Gemeinden gilt die Stufe ihres Kreises. Die Beträge sind "
                    "Bruttokaltmieten je Monat: Wohngeldtabelle + 10 %, eigene Rechnung, auf den Cent gerundet. "
                    "Die Klimakomponente (§ 12 Abs. 7 WoGG) ist nicht eingerechnet, weil umstritten ist, ob sie "
                    "hinzukommt; sie steht getrennt in der CSV-Datei."],
        table_header=["Gebiet", "Art", "Stufe", "1 Person", "2 Personen", "3 Personen", "4 Personen", "5 Personen",
                      "je weitere"],
        table_rows=[[r["gebiet"], r["art"], r["mietenstufe"], *[german_number(r[size], 2) + " €" for size in money]]
                    for _, r in wide.iterrows()],
        table_numeric=[False, False, False] + [True] * len(money),
        quelle=f"{first.quelle_mietenstufen} · {first.quelle_wogg} · {ZITAT_ERKENNTNISAUSFALL}",
        sources=[first.quelle_mietenstufen, first.quelle_wogg, ZITAT_ERKENNTNISAUSFALL],
        downloads=[ctx.rel(p) for p in written]))
    return written


EXAMPLE_CASE = Path(__file__).resolve().parent / "beispielfall.yaml"
EXAMPLE_CASE_SCHEMA = EXAMPLE_CASE.with_name("beispielfall.schema.json")


def build_case_sheet(ctx: ReportContext) -> list[Path]:
    """The example case sheet (contracts §8 calculator, its own HTML and PDF sheet) for an invented household."""
    example = load_validated(EXAMPLE_CASE, EXAMPLE_CASE_SCHEMA,
                             remedy="Bitte kdu_analysis/report/beispielfall.yaml nach beispielfall.schema.json berichtigen")
    fall = Fall(traeger=example["traeger"], gemeinde=example["gemeinde"], personen=int(example["personen"]),
                bruttokaltmiete=Decimal(example["bruttokaltmiete_eur"]), heizkosten=Decimal(example["heizkosten_eur"]),
                monat=ctx.stichtag.replace(day=1))
    try:
        result = berechne(fall)
    except KduError as exc:  # e.g. a Stichtag without Mietenstufen: say so, write no sheet
        ctx.log.write(f"      Beispielfall nicht berechenbar: {exc.user_message()}\n")
        ctx.stand.append("Beispielfall: für diesen Stichtag nicht berechenbar")
        ctx.gap(f"Beispielfall für diesen Stichtag nicht berechenbar: {exc.user_message()}")
        return []
    folder = ctx.out / "fallblatt"
    stem = f"beispiel_{talk.slug(example['gemeinde'])}_{ctx.stichtag:%Y-%m}"
    written = [write_offline_html(folder / f"{stem}.html", to_html(result)),
               write_bytes_atomic(folder / f"{stem}.pdf", to_pdf(result)),
               write_text_atomic(folder / f"{stem}.json", to_json(result))]
    slide = talk.case_slide(result, example["beschreibung"])
    ctx.slides.append(slide)
    ctx.sections.append(Section(
        title="Beispiel: ein Haushalt nachgerechnet",
        paragraphs=[example["beschreibung"], "So rechnet das Programm für jeden Haushalt: Richtwert des Trägers und "
                    "Wohngeldtabelle + 10 % nebeneinander, die Obergrenze mit ihrer Grundlage (Richtwert, Wert eines "
                    "Gerichts oder – nur bei Erkenntnisausfall – die Wohngeldtabelle + 10 %), die Karenzzeit, der "
                    "anzuerkennende Betrag und die Differenz zur tatsächlichen Miete – jede Zahl mit Quelle. Ohne "
                    "bekannte Obergrenze nennt das Blatt keinen Betrag. Das Blatt gibt es als HTML und als PDF zum "
                    "Ausdrucken."],
        table_header=slide.table.header, table_rows=slide.table.rows, table_numeric=slide.table.numeric,
        quelle=slide.quelle, sources=slide.sources, downloads=[ctx.rel(p) for p in written]))
    return written


def build_regelbedarf(ctx: ReportContext) -> list[Path]:
    written = ctx.save_chart("regelbedarf_verlauf", lambda kind: chart_regelbedarf_verlauf(kind))
    series = regelbedarf_series()
    facts = talk.regelbedarf_facts(series)
    # the Neuermittlung years and the last three years
    years = [rbeg(g).erstes_jahr for g in GESETZE]
    years += [y for y in range(config.REGELBEDARF_LAST_YEAR - 2, config.REGELBEDARF_LAST_YEAR + 1) if y not in years]
    table_slide = talk.regelbedarf_nachrechnung_slide(series, years)
    chart = SlideChart(draw_regelbedarf_slide, f"Verlauf der Regelbedarfsstufen seit {facts['erstes_jahr']}")
    ctx.slides += [talk.regelbedarf_chart_slide(chart, facts), table_slide]
    ctx.stand.append(f"Regelbedarfe {facts['erstes_jahr']}–{config.REGELBEDARF_LAST_YEAR} "
                     f"({facts['getroffen']} von {facts['betraege']} Beträgen nachgerechnet)")
    paragraphs = [
        "Der Regelbedarf wird nach jeder Einkommens- und Verbrauchsstichprobe durch ein Regelbedarfs-Ermittlungsgesetz "
        f"neu ermittelt ({', '.join(g.replace('RBEG', 'RBEG ') for g in GESETZE)}) und dazwischen jährlich "
        f"fortgeschrieben. Wir rechnen jeden Betrag aus den Gesetzen nach: {facts['getroffen']} von "
        f"{facts['betraege']} veröffentlichten Beträgen werden genau getroffen."]
    if ctx.stichtag.year > config.REGELBEDARF_LAST_YEAR:  # the series ends with the last recorded year
        later = f"{config.REGELBEDARF_LAST_YEAR + 1}" + (f"–{ctx.stichtag.year}" if ctx.stichtag.year >
                                                        config.REGELBEDARF_LAST_YEAR + 1 else "")
        ctx.stand[-1] += f"; für {later} keine neueren Beträge erfasst"
        paragraphs.append(f"Für {later} sind in den Daten des Projekts keine neueren Beträge erfasst; Abbildung und "
                          f"Nachrechnung enden mit {config.REGELBEDARF_LAST_YEAR}. "
                          + rechtsstand("regelbedarfsstufen", ctx.stichtag).text())
    if facts["besitzschutz"]:
        paragraphs.append("Liegt der berechnete Betrag unter dem Vorjahresbetrag, wird der Vorjahresbetrag weitergezahlt "
                          f"(Besitzschutz) – für die Regelbedarfsstufe 1 so in {aufzaehlung(facts['besitzschutz'])}.")
    ctx.sections.append(Section(
        title=f"Regelbedarf seit {facts['erstes_jahr']}",
        paragraphs=paragraphs,
        image=ctx.png("regelbedarf_verlauf", "web"), image_alt=f"Verlauf der Regelbedarfsstufen seit {facts['erstes_jahr']}",
        table_header=table_slide.table.header, table_rows=table_slide.table.rows, table_numeric=table_slide.table.numeric,
        quelle="; ".join(talk.REGELBEDARF_SOURCES) + " · eigene Nachrechnung (kdu-analysis)",
        sources=talk.REGELBEDARF_SOURCES,
        downloads=[ctx.rel(ctx.figures["regelbedarf_verlauf"]["web"].csv), "referenz/regelbedarfsstufen.csv"]))
    return written


GAPS_TITLE = "Was in diesem Bericht fehlt"


def _gap_text(gap: Luecke) -> str:
    return f"{'Nicht erstellt' if gap.fehler else 'Lücke'} – {gap.zeile()}"


def gaps_slides(luecken: list[Luecke]) -> list[Slide]:
    """The gaps and failed parts of this run, named on the slides (the full text is in the closing summary)."""
    bullets = [(gap.produkt, ("nicht erstellt: " if gap.fehler else "") + gap.text) for gap in luecken]
    chunks = [bullets[i:i + MAX_BULLETS - 2] for i in range(0, len(bullets), MAX_BULLETS - 2)]
    out = []
    for n, chunk in enumerate(chunks, start=1):
        slide = Slide(title=GAPS_TITLE + (f" ({n}/{len(chunks)})" if len(chunks) > 1 else ""), bullets=chunk,
                      quelle="Abschlussmeldung von kdu-analysis report (index.html: „Was in diesem Bericht fehlt“)",
                      sources=[])
        if not slide_fits(slide):  # long messages: keep the product and the first words
            slide.bullets = [(head, text[:110].rsplit(" ", 1)[0] + " …") for head, text in chunk]
        out.append(slide)
    return out


def talk_deck(ctx: ReportContext) -> Deck:
    """The talk from what the content builders collected: title, law, their slides, sources, Stand."""
    slides = [talk.title_slide(ctx.stichtag), *talk.law_slides(), *ctx.slides]
    if ctx.luecken:
        slides += gaps_slides(ctx.luecken)
    slides += talk.sources_slides(slides)
    slides.append(talk.stand_slide(ctx.stichtag, ctx.stand))
    return Deck(title="Kosten der Unterkunft und Regelbedarf in Sachsen", stand=ctx.stichtag, slides=slides)


def build_talk(ctx: ReportContext) -> list[Path]:
    deck = talk_deck(ctx)
    folder = ctx.out / "vortrag"
    return [render_pdf(deck, folder / "kdu_vortrag.pdf"), render_html(deck, folder / "kdu_vortrag.html")]


def homepage_page(ctx: ReportContext) -> Homepage:
    """The homepage from what the content builders collected."""
    law = Section(
        title="Was Gesetz und Gerichte verlangen",
        paragraphs=[f"{text} ({citation})." for text, citation, _ in talk.ALL_STATEMENTS],
        quelle="; ".join(citation for _, citation, _ in talk.ALL_STATEMENTS))
    return Homepage(
        title="Kosten der Unterkunft und Regelbedarf in Sachsen",
        stand=ctx.stichtag,
        intro=["Diese Seite zeigt die Richtwerte der Kreise in Sachsen für die Kosten der Unterkunft, was Gesetz und "
               "Gerichte von diesen Richtwerten verlangen, welche Obergrenze gilt, wenn kein schlüssiges Konzept besteht "
               "und es sich auch nicht nachbessern lässt, und wie sich der Regelbedarf entwickelt hat. Jede Zahl hat "
               "eine Quelle; die Tabellen hinter den Abbildungen liegen als CSV-Dateien bei.",
               *[f"Stand: {line}." for line in ctx.stand]],
        sections=[lookup_section(ctx.stichtag), law, *ctx.sections, *([Section(
            title=GAPS_TITLE, paragraphs=[_gap_text(gap) + "." for gap in ctx.luecken],
            quelle="Abschlussmeldung von kdu-analysis report", sources=[])] if ctx.luecken else [])])


def build_homepage(ctx: ReportContext) -> list[Path]:
    return [render_homepage(homepage_page(ctx), ctx.out / "homepage.html")]


#: (German label, builder) in the order they run.
PRODUCTS: list[tuple[str, Builder]] = [
    ("Referenztabellen (WoGG, Regelbedarfe)", build_reference_tables),
    ("Was am Stichtag gilt (Gesetze, Richtwerte je Träger)", build_geltung),
    ("Richtwerte aus PDF-Dokumenten", build_richtwerte_from_pdfs),
    ("Abbildung WoGG + 10 %", build_wogg_chart),
    ("Obergrenzen je Gemeinde (WoGG + 10 %)", build_obergrenzen),
    ("Prüfung der Richtwerte und CSV-Dateien für Fraktionen", build_audit),
    ("Beispiel-Fallblatt (HTML, PDF)", build_case_sheet),
    ("Regelbedarf: Abbildung und Nachrechnung", build_regelbedarf),
    ("Vortrag und Kurzbericht je Träger", build_kreis_produkte),
    ("Vortrag (PDF 16:9 und HTML)", build_talk),
    ("Homepage (eine HTML-Datei)", build_homepage),
]

#: The builders that produce content (files, slides, sections) – everything except the talk and the homepage.
CONTENT_PRODUCTS = [(label, b) for label, b in PRODUCTS if b not in (build_talk, build_homepage)]


def _files_below(folder: Path) -> set[Path]:
    return {p for p in folder.rglob("*") if p.is_file()} if folder.exists() else set()


def run_builder(ctx: ReportContext, label: str, builder: Builder) -> list[Path]:
    """Run one builder; a gap or a failure is recorded in ``ctx.luecken`` and leaves nothing of that product behind.

    A :class:`ReferenceDataError` (no legal value recorded for the Stichtag) is a gap; any other error is a
    failure of that builder. Its files, slides, sections, Stand lines and figures are removed, so a product is
    either complete or absent – never half written. ``KDU_DEBUG=1`` lets unexpected exceptions through.
    """
    ctx.product = label
    before = _files_below(ctx.out)
    marks = (len(ctx.slides), len(ctx.sections), len(ctx.stand), dict(ctx.figures))
    open_figures = set(plt.get_fignums())
    try:
        return builder(ctx)
    except ReferenceDataError as exc:
        ctx.luecken.append(Luecke(label, exc.user_message()))
    except KduError as exc:
        ctx.luecken.append(Luecke(label, exc.user_message(), fehler=True, exit_code=exc.exit_code))
    except Exception as exc:  # a bug in one builder: name it, build the rest
        if os.environ.get("KDU_DEBUG"):
            raise
        ctx.luecken.append(Luecke(label, f"Interner Fehler ({type(exc).__name__}: {exc}); bitte mit KDU_DEBUG=1 "
                                         "wiederholen und den Fehler melden", fehler=True, exit_code=1))
    finally:
        ctx.product = ""
        for number in set(plt.get_fignums()) - open_figures:  # a failed (or careless) builder leaves no figure open
            plt.close(number)
    for path in _files_below(ctx.out) - before:
        path.unlink()
    del ctx.slides[marks[0]:], ctx.sections[marks[1]:], ctx.stand[marks[2]:]
    ctx.figures.clear()
    ctx.figures.update(marks[3])
    return []


def collect(out: Path, stichtag: date, *, log=sys.stderr) -> ReportContext:
    """Run the content builders directly into ``out`` (for notebooks); return the context with slides and sections."""
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    ctx = ReportContext(out=out, stichtag=stichtag, log=log)
    for label, builder in CONTENT_PRODUCTS:
        run_builder(ctx, label, builder)
    return ctx


PRODUCT_GROUPS = [
    ("vortrag/", "Vortrag (PDF zum Zeigen und Drucken, HTML für den Browser – ohne Internet)"),
    ("homepage.html", "Homepage (eine Datei, ohne Internet)"),
    ("fraktionen/", "Kurzberichte für Kreistagsfraktionen (PDF, zwei Seiten je Träger)"),
    ("abbildungen/", "Abbildungen: PNG (Folien, Web), SVG (Druck), CSV (Daten dahinter)"),
    ("referenz/", "Rechtliche Referenztabellen (CSV; _excel = für deutsches Excel)"),
    ("richtwerte/", "Aus PDF gelesene Richtwerte"),
    ("fallblatt/", "Beispiel-Fallblatt eines erfundenen Haushalts (HTML, PDF, JSON)"),
    (f"{AUDIT_FOLDER}/", "Prüfung der Richtwerte: befunde.csv, CSV je Träger für Kreistagsfraktionen (fraktionen/, "
                         "deutsches Excel), Abbildungen je Träger (grafiken/)"),
]


def _index_html(out: Path, stichtag: date, written: list[Path], luecken: list[Luecke] = ()) -> str:
    items = []
    for prefix, label in PRODUCT_GROUPS:
        files = [p.relative_to(out).as_posix() for p in written if p.relative_to(out).as_posix().startswith(prefix)]
        if files:
            links = "".join(f'<li><a href="{esc(f)}">{esc(f)}</a></li>' for f in files)
            items.append(f"<h2>{esc(label)}</h2><ul>{links}</ul>")
    if luecken:
        rows = "".join(f"<li>{'Fehlgeschlagen' if g.fehler else 'Lücke'} – {esc(g.zeile())}</li>" for g in luecken)
        items.append(f"<h2>Was in diesem Bericht fehlt</h2><ul>{rows}</ul>")
    body = (f"<h1>kdu-analysis: erstellte Dateien</h1><p>Stichtag {german_date(stichtag)}.</p>" + "".join(items))
    return html_document("kdu-analysis – Übersicht", body, css="body{font-family:sans-serif;max-width:50rem;margin:auto;padding:1rem}")


def _file_mode() -> int:
    """Permissions of an ordinary new file under the current umask (e.g. 0644)."""
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def _files(count: int) -> str:
    return f"{count} Datei" if count == 1 else f"{count} Dateien"


@dataclass
class ReportResult:
    """What a run of the main job produced: files (final paths), problems with input documents, gaps and failures."""

    written: list[Path]
    problems: list[str]
    luecken: list[Luecke]

    @property
    def fehler(self) -> list[Luecke]:
        return [g for g in self.luecken if g.fehler]

    @property
    def nur_luecken(self) -> list[Luecke]:
        return [g for g in self.luecken if not g.fehler]


def build_report(out: Path, stichtag: date, *, log=sys.stderr, refresh: bool = False,
                 products: list[tuple[str, Builder]] | None = None) -> ReportResult:
    """Run every product builder (each on its own, see :func:`run_builder`) and move the products into ``out``."""
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    products = PRODUCTS if products is None else products
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.entsteht-", dir=out.parent))
    ctx = ReportContext(out=staging, stichtag=stichtag, refresh=refresh, log=log)
    started = time.perf_counter()
    try:
        written: list[Path] = []
        for number, (label, builder) in enumerate(products, start=1):
            log.write(f"[{number}/{len(products)}] {label} …\n")
            t0 = time.perf_counter()
            known = len(ctx.luecken)
            paths = run_builder(ctx, label, builder)
            written += paths
            for gap in ctx.luecken[known:]:
                log.write(f"      {'FEHLER' if gap.fehler else 'Lücke'}: {gap.text}\n")
            log.write(f"      {_files(len(paths))} in {time.perf_counter() - t0:.1f} s\n")
        written.append(write_offline_html(staging / "index.html", _index_html(staging, stichtag, written, ctx.luecken)))
        final = []
        mode = _file_mode()
        for path in written:  # move the products into place
            target = out / path.relative_to(staging)
            target.parent.mkdir(parents=True, exist_ok=True)
            os.chmod(path, mode)  # temporary files are private (0600); products are ordinary files
            os.replace(path, target)
            final.append(target)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    log.write(f"\nFertig in {time.perf_counter() - started:.1f} s – Stichtag {german_date(stichtag)}. "
              f"{len(final)} Dateien in {out}:\n")
    for prefix, label in PRODUCT_GROUPS:
        count = sum(1 for p in final if p.relative_to(out).as_posix().startswith(prefix))
        if count:
            log.write(f"  {prefix:<15} {_files(count):>10} – {label}\n")
    log.write(f"  Übersicht: {out / 'index.html'}\n")
    result = ReportResult(final, ctx.problems, ctx.luecken)
    if result.nur_luecken:
        log.write(f"Lücken ({len(result.nur_luecken)}) – diese Teile sagen im Bericht, was fehlt:\n")
        for gap in result.nur_luecken:
            log.write(f"  - {gap.zeile()}\n")
    if result.fehler:
        log.write(f"Fehlgeschlagen ({len(result.fehler)}) – diese Produkte fehlen:\n")
        for gap in result.fehler:
            log.write(f"  - {gap.zeile()}\n")
    for problem in ctx.problems:
        log.write(f"Problem: {problem}\n")
    return result


def run_report(out: Path, stichtag: date, *, log=sys.stderr, refresh: bool = False,
               products: list[tuple[str, Builder]] | None = None) -> tuple[list[Path], list[str]]:
    """Run every product builder; return the files written (final paths) and the problems with user input."""
    result = build_report(out, stichtag, log=log, refresh=refresh, products=products)
    return result.written, result.problems
