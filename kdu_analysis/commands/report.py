"""``kdu-analysis report --out DIR``: the main job (contracts §9)."""

from __future__ import annotations

from pathlib import Path

from kdu_analysis import config
from kdu_analysis.cli import parse_date
from kdu_analysis.report.pipeline import run_report


def _report(args) -> int:
    run_report(Path(args.out), args.stichtag)
    return 0


def register(registry) -> None:
    p = registry.command("report", handler=_report,
                         help="Alle Produkte (Tabellen, Abbildungen, …) für die mitgelieferten Daten in einen Ordner schreiben")
    p.add_argument("--out", required=True, help="Zielordner, z. B. reports")
    p.add_argument("--stichtag", type=parse_date, default=config.DEFAULT_STICHTAG,
                   help=f"Stichtag JJJJ-MM-TT (Standard: {config.DEFAULT_STICHTAG.isoformat()})")
