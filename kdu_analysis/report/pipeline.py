"""The main job: every user-facing product for the bundled data, written into one folder.

Each product builder takes the output folder and the Stichtag and returns the paths it wrote.
Progress goes to stderr; the closing summary lists what was written where.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

from kdu_analysis.outputs import write_german_csv, write_machine_csv
from kdu_analysis.reference import regelbedarf, wogg
from kdu_analysis.report.figures import save_figure
from kdu_analysis.report.style import german_date

Builder = Callable[[Path, date], list[Path]]

WOGG_GERMAN_HEADERS = {
    "mietenstufe": "Mietenstufe", "haushaltsgroesse": "Haushaltsgröße (Personen)",
    "hoechstbetrag_eur": "Höchstbetrag § 12 WoGG (€)", "hoechstbetrag_plus10_eur": "Höchstbetrag + 10 % (€)",
    "klimakomponente_eur": "Klimakomponente § 12 Abs. 7 WoGG (€)", "fassung": "Fassung ab", "quelle": "Quelle",
    "zuverlaessigkeit": "Verlässlichkeit",
}


def build_reference_tables(out: Path, stichtag: date) -> list[Path]:
    folder = out / "referenz"
    frame = wogg.wogg_table_frame(stichtag)
    stem = f"wogg_tabelle_{stichtag.isoformat()}"
    table = regelbedarf.regelbedarf_table()
    return [
        write_machine_csv(folder / f"{stem}.csv", frame),
        write_german_csv(folder / f"{stem}_excel.csv", frame, WOGG_GERMAN_HEADERS, decimals={"hoechstbetrag_eur": 0}),
        write_machine_csv(folder / "regelbedarfsstufen.csv", table),
        write_german_csv(folder / "regelbedarfsstufen_excel.csv", table,
                         {"gueltig_ab": "Gültig ab", "stufe": "Regelbedarfsstufe", "betrag_eur": "Betrag (€)", "quelle": "Quelle",
                          "zuverlaessigkeit": "Verlässlichkeit", "nullrunde": "Nullrunde"}, decimals={"betrag_eur": 0}),
    ]


def build_regelbedarf_charts(out: Path, stichtag: date) -> list[Path]:
    from kdu_analysis.regelbedarf.charts import chart_regelbedarf_verlauf

    written = []
    for kind in ("web", "slide"):
        fig, data = chart_regelbedarf_verlauf(kind)
        saved = save_figure(fig, data, out / "abbildungen", f"regelbedarf_verlauf_{kind}")
        written += [saved.png, saved.svg, saved.csv]
    return written


#: (German label, builder) in the order they run.
PRODUCTS: list[tuple[str, Builder]] = [
    ("Referenztabellen (WoGG, Regelbedarfe)", build_reference_tables),
    ("Abbildungen Regelbedarf", build_regelbedarf_charts),
]


def run_report(out: Path, stichtag: date, *, log=sys.stderr) -> list[Path]:
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    started = time.perf_counter()
    for number, (label, builder) in enumerate(PRODUCTS, start=1):
        log.write(f"[{number}/{len(PRODUCTS)}] {label} …\n")
        t0 = time.perf_counter()
        paths = builder(out, stichtag)
        written += paths
        log.write(f"      {len(paths)} Dateien in {time.perf_counter() - t0:.1f} s\n")
    log.write(f"\nFertig in {time.perf_counter() - started:.1f} s – Stichtag {german_date(stichtag)}. Geschrieben nach {out}:\n")
    for path in written:
        log.write(f"  {path.relative_to(out)}\n")
    return written
