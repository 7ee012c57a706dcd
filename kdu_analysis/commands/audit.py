"""``kdu-analysis audit --stichtag DATE --out DIR`` (contracts §7)."""

from __future__ import annotations

import sys
from pathlib import Path

from kdu_analysis import config
from kdu_analysis.audit.export import write_audit
from kdu_analysis.audit.run import run_audit
from kdu_analysis.commands.args import parse_date
from kdu_analysis.errors import InputError
from kdu_analysis.formatting import german_date
from kdu_analysis.loaders.documents import raw_pdfs, read_documents


def _run(args) -> int:
    if args.pdf_ordner is not None and not args.pdf_ordner.is_dir():
        raise InputError(f"Den Ordner {args.pdf_ordner} gibt es nicht",
                         remedy="Bitte bei --pdf-ordner den Ordner mit den Richtlinien-PDFs der Kreise angeben")
    # the Kreis documents are read here (through the cache, within the budget), the audit only compares them
    lesungen = read_documents(raw_pdfs(args.pdf_ordner))
    findings = run_audit(args.stichtag, angebote=args.angebote, lesungen=lesungen)
    for warnung in findings.attrs.get("warnungen", []):
        sys.stderr.write(f"Warnung: {warnung}\n")
    written = write_audit(Path(args.out), findings, args.stichtag, charts=not args.ohne_grafiken)
    counts = findings.ergebnis.value_counts()
    sys.stdout.write(
        f"{findings.traeger.nunique()} Träger geprüft (Stichtag {german_date(args.stichtag)}): "
        f"{counts.get('verstoss', 0)} Verstöße, {counts.get('hinweis', 0)} Hinweise, {counts.get('ok', 0)} in Ordnung. "
        f"{len(written)} Dateien in {args.out}\n")
    return 0


def register(registry) -> None:
    parser = registry.command(
        "audit", help="KdU-Richtwerte aller sächsischen Träger prüfen (Befunde als CSV, Grafiken)",
        description="Prüft die Richtwerte aller 13 sächsischen Träger zum Stichtag: Wohngeldtabelle + 10 %, "
                    "Rechenproben, Reihenfolge der Vergleichsräume, Alter der Werte und Daten, Vergleichsräume, "
                    "Heizkosten, BSG-Kriterien, Gerichtsentscheidungen. Schreibt befunde.csv, je Träger eine CSV "
                    "für Excel (Ordner fraktionen) und Grafiken (Ordner grafiken).",
        handler=_run)
    parser.add_argument("--stichtag", type=parse_date, default=config.DEFAULT_STICHTAG,
                        help=f"Stichtag JJJJ-MM-TT (Standard: {config.DEFAULT_STICHTAG.isoformat()})")
    parser.add_argument("--out", required=True, help="Zielordner")
    parser.add_argument("--angebote", type=Path, default=None,
                        help="CSV mit aktuellen Wohnungsangeboten für die Verfügbarkeitsprüfung "
                             "(Format: data/raw/angebote/README.md)")
    parser.add_argument("--pdf-ordner", type=Path, default=None,
                        help="Ordner mit Richtlinien-PDFs der Kreise zum Abgleich (Standard: data/raw/pdf, falls vorhanden)")
    parser.add_argument("--ohne-grafiken", action="store_true", help="keine Grafiken erzeugen (schneller)")
