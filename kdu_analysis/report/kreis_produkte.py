"""Per-Träger products of ``kdu-analysis report`` (contract §9): ``vortrag/<slug>.pdf|.html`` (the talk for the Kreis)
and ``fraktionen/<slug>_kurzbericht.pdf`` (two pages for its factions), plus a homepage section linking them.

Both are built from the audit's own files: the deck from ``pruefung/befunde.csv``, the briefing from the faction CSV
``pruefung/fraktionen/<slug>_befunde.csv``. When the audit has not run in this report (``--traeger``), the audit of
the chosen Träger is run here and its faction CSV written with the audit's writer.
"""

from __future__ import annotations

import io
import time
from pathlib import Path

import pandas as pd

from kdu_analysis.audit.export import fraktion_csv_texts
from kdu_analysis.audit.findings import COLUMNS, to_frame
from kdu_analysis.audit.run import traeger_findings
from kdu_analysis.outputs import machine_csv_text, write_text_atomic
from kdu_analysis.report.deck import render_html, render_pdf
from kdu_analysis.report.homepage import Section
from kdu_analysis.report.kreis_vortrag import kreis_deck
from kdu_analysis.report.kurzbericht import read_fraktion_csv, render_kurzbericht
from kdu_analysis.traeger import Traeger, load_traeger, richtwerte_frame

AUDIT_FOLDER = "pruefung"


def vortrag_pfade(slug: str) -> tuple[str, str]:
    return f"vortrag/{slug}.pdf", f"vortrag/{slug}.html"


def kurzbericht_pfad(slug: str) -> str:
    return f"fraktionen/{slug}_kurzbericht.pdf"


def fraktion_csv_pfad(slug: str) -> str:
    return f"{AUDIT_FOLDER}/fraktionen/{slug}_befunde.csv"


def _eigene_pruefung(out: Path, traeger: list[Traeger], stichtag, lesungen=()) -> tuple[pd.DataFrame, list[Path]]:
    """Audit only the chosen Träger (the Kreis documents of the run compared as in the full audit); write their faction
    CSVs as the audit does; machine rows as strings."""
    findings = []
    for t in traeger:
        findings += traeger_findings(t, stichtag, lesungen=lesungen)
    frame = to_frame(findings)
    frame["am_stichtag"] = [f.extra.get("am_stichtag") for f in findings]
    written = []
    for slug, text in fraktion_csv_texts(frame, stichtag, [t.slug for t in traeger]).items():
        written.append(write_text_atomic(out / fraktion_csv_pfad(slug), text, encoding="utf-8-sig"))
    machine = pd.read_csv(io.StringIO(machine_csv_text(frame, COLUMNS + ["am_stichtag"])), dtype=str,
                          keep_default_na=False)
    return machine, written


def build_kreis_produkte(ctx, slugs: list[str] | None = None) -> list[Path]:
    """Deck (PDF + HTML) and briefing per Träger; one homepage section with the links; time per product to the log."""
    traeger = [t for t in load_traeger() if slugs is None or t.slug in slugs]
    befunde = ctx.out / AUDIT_FOLDER / "befunde.csv"
    if befunde.exists():
        findings, written = pd.read_csv(befunde, dtype=str, keep_default_na=False), []
    else:
        findings, written = _eigene_pruefung(ctx.out, traeger, ctx.stichtag, ctx.lesungen())
    frame = richtwerte_frame(ctx.stichtag)
    links = []
    for t in traeger:
        t0 = time.perf_counter()
        deck = kreis_deck(t, ctx.stichtag, findings[findings.traeger_slug == t.slug], frame)
        pdf, html = vortrag_pfade(t.slug)
        written += [render_pdf(deck, ctx.out / pdf), render_html(deck, ctx.out / html)]
        t1 = time.perf_counter()
        csv = read_fraktion_csv(ctx.out / fraktion_csv_pfad(t.slug))
        written.append(render_kurzbericht(t.name, csv, fraktion_csv_pfad(t.slug), ctx.stichtag,
                                          ctx.out / kurzbericht_pfad(t.slug)))
        t2 = time.perf_counter()
        ctx.log.write(f"      {t.kurzname}: Vortrag {t1 - t0:.1f} s ({len(deck.slides)} Folien), "
                      f"Kurzbericht {t2 - t1:.1f} s\n")
        links.append((t.name, [("Vortrag (PDF)", pdf), ("Vortrag (HTML)", html),
                               ("Kurzbericht für Fraktionen (PDF, 2 Seiten)", kurzbericht_pfad(t.slug)),
                               ("alle Befunde (CSV für Excel)", fraktion_csv_pfad(t.slug))]))
    ctx.sections.append(Section(
        title="Vortrag und Kurzbericht für jeden Kreis",
        paragraphs=["Für jeden Landkreis und jede kreisfreie Stadt: ein Vortrag über die eigenen Richtwerte seit der "
                    "ersten erfassten Ausgabe, die Vergleichsräume, die Befunde und was nicht bekannt ist – und ein "
                    "Kurzbericht von zwei Seiten für die Fraktionen im Kreistag oder Stadtrat."],
        links=links, quelle="kdu-analysis report; Quellen in jedem Vortrag und in der CSV-Datei des Trägers",
        sources=[]))
    return written
