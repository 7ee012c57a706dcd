"""``kdu-analysis report --out DIR``: the main job (contracts §9)."""

from __future__ import annotations

import sys
from pathlib import Path

from kdu_analysis import config
from kdu_analysis.commands.args import EXIT_LUECKEN, parse_date
from kdu_analysis.errors import InputError, KduError
from kdu_analysis.report.kreis_produkte import build_kreis_produkte
from kdu_analysis.report.pipeline import build_report
from kdu_analysis.traeger import find_traeger


class BuilderFailure(KduError):
    """One or more product builders failed; every other product was written (exit code of the first failure)."""


def _report(args) -> int:
    products = None
    if args.traeger:  # contract §9: the products of one Träger (deck and briefing, with its own audit CSV)
        slug = find_traeger(args.traeger).slug
        products = [(f"Vortrag und Kurzbericht: {args.traeger}", lambda ctx: build_kreis_produkte(ctx, [slug]))]
    stichtag = args.stichtag or config.default_stichtag()
    result = build_report(Path(args.out), stichtag, refresh=args.neu_lesen, products=products)
    if result.fehler:
        failure = BuilderFailure(
            f"{len(result.fehler)} Produkt(e) konnten nicht erstellt werden ("
            + "; ".join(g.produkt for g in result.fehler) + "); alle anderen Produkte wurden geschrieben, "
            "Einzelheiten in der Abschlussmeldung oben",
            remedy="Bitte die Meldung unter „Fehlgeschlagen“ lesen, die Ursache beheben und den Bericht erneut erstellen")
        failure.exit_code = result.fehler[0].exit_code or 1
        raise failure
    if result.problems:
        raise InputError(
            f"{len(result.problems)} Dokument(e) in data/raw/pdf konnten nicht gelesen werden (Einzelheiten oben und in "
            f"{Path(args.out) / 'richtwerte' / 'dokumente.csv'}); alle anderen Produkte wurden geschrieben",
            remedy="Bitte die genannten Dateien ersetzen oder aus data/raw/pdf entfernen und den Bericht erneut erstellen")
    if result.nur_luecken:
        sys.stderr.write(f"Hinweis: Bericht mit {len(result.nur_luecken)} Lücke(n) erstellt (Liste oben unter „Lücken“; "
                         f"Exit-Code {EXIT_LUECKEN}).\n")
        return EXIT_LUECKEN
    return 0


def register(registry) -> None:
    p = registry.command(
        "report", handler=_report,
        help="Alle Produkte (Vortrag, Homepage, Abbildungen, Tabellen) für die mitgelieferten Daten in einen Ordner schreiben",
        description="Schreibt alle Produkte in den Zielordner: Vortrag als PDF (16:9) und HTML, Homepage als eine "
        "HTML-Datei, Abbildungen als PNG/SVG mit CSV, Referenztabellen und die aus data/raw/pdf gelesenen Richtwerte. "
        "Dokumente, die sich seit dem letzten Lauf nicht geändert haben, werden nicht erneut gelesen "
        "(Zwischenspeicher in data/processed). Kann ein Produkt für den Stichtag nicht erstellt werden, sagt es das "
        f"im Bericht, alles andere wird erstellt (Exit-Code {EXIT_LUECKEN}: mit Lücken erstellt).")
    p.add_argument("--out", required=True, help="Zielordner, z. B. reports")
    p.add_argument("--stichtag", type=parse_date, default=None,
                   help="Stichtag JJJJ-MM-TT (Standard: der Tag des Laufs)")
    p.add_argument("--traeger", metavar="NAME",
                   help="nur Vortrag (vortrag/<kurzname>.pdf, .html) und Kurzbericht (fraktionen/<kurzname>_kurzbericht.pdf) "
                        "dieses Trägers, z. B. Meißen")
    p.add_argument("--neu-lesen", action="store_true",
                   help="alle PDF-Dokumente neu lesen, auch wenn sie im Zwischenspeicher liegen")
