"""``kdu-analysis report --out DIR``: the main job (contracts §9)."""

from __future__ import annotations

from pathlib import Path

from kdu_analysis import config
from kdu_analysis.cli import parse_date
from kdu_analysis.errors import InputError
from kdu_analysis.report.pipeline import run_report


def _report(args) -> int:
    products = None
    if args.traeger:  # contract §9: the products of one Träger (deck and briefing, with its own audit CSV)
        from kdu_analysis.loaders.traeger import find_traeger
        from kdu_analysis.report.kreis_produkte import build_kreis_produkte

        slug = find_traeger(args.traeger).slug
        products = [(f"Vortrag und Kurzbericht: {args.traeger}", lambda ctx: build_kreis_produkte(ctx, [slug]))]
    _written, problems = run_report(Path(args.out), args.stichtag, refresh=args.neu_lesen, products=products)
    if problems:
        raise InputError(
            f"{len(problems)} Dokument(e) in data/raw/pdf konnten nicht gelesen werden (Einzelheiten oben und in "
            f"{Path(args.out) / 'richtwerte' / 'dokumente.csv'}); alle anderen Produkte wurden geschrieben",
            remedy="Bitte die genannten Dateien ersetzen oder aus data/raw/pdf entfernen und den Bericht erneut erstellen")
    return 0


def register(registry) -> None:
    p = registry.command(
        "report", handler=_report,
        help="Alle Produkte (Vortrag, Homepage, Abbildungen, Tabellen) für die mitgelieferten Daten in einen Ordner schreiben",
        description="Schreibt alle Produkte in den Zielordner: Vortrag als PDF (16:9) und HTML, Homepage als eine "
        "HTML-Datei, Abbildungen als PNG/SVG mit CSV, Referenztabellen und die aus data/raw/pdf gelesenen Richtwerte. "
        "Dokumente, die sich seit dem letzten Lauf nicht geändert haben, werden nicht erneut gelesen "
        "(Zwischenspeicher in data/processed).")
    p.add_argument("--out", required=True, help="Zielordner, z. B. reports")
    p.add_argument("--stichtag", type=parse_date, default=config.DEFAULT_STICHTAG,
                   help=f"Stichtag JJJJ-MM-TT (Standard: {config.DEFAULT_STICHTAG.isoformat()})")
    p.add_argument("--traeger", metavar="NAME",
                   help="nur Vortrag (vortrag/<kurzname>.pdf, .html) und Kurzbericht (fraktionen/<kurzname>_kurzbericht.pdf) "
                        "dieses Trägers, z. B. Meißen")
    p.add_argument("--neu-lesen", action="store_true",
                   help="alle PDF-Dokumente neu lesen, auch wenn sie im Zwischenspeicher liegen")
