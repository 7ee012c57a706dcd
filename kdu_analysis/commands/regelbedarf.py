"""``kdu-analysis regelbedarf …``: recompute the Regelbedarf from the law (contracts §6)."""

from __future__ import annotations

import sys

from kdu_analysis.outputs import machine_csv_text
from kdu_analysis.formatting import german_number
from kdu_analysis.reference.rbeg import GESETZE
from kdu_analysis.regelbedarf.reproduce import regelbedarf_series, reproduce_rbeg


def _reproduce(args) -> int:
    frame = reproduce_rbeg(args.gesetz)
    if args.format == "csv":
        sys.stdout.write(machine_csv_text(frame, ["haushaltstyp", "abteilung", "betrag_eur", "bezeichnung", "quelle"]))
        return 0
    for typ, part in frame.groupby("haushaltstyp", sort=False):
        print(f"\n{typ}")
        for row in part.itertuples():
            print(f"  {row.abteilung:>18}  {german_number(row.betrag_eur, 2 if row.abteilung != 'regelbedarfsstufe' else 0):>10} €  {row.bezeichnung}")
    print(f"\nQuelle: {frame['quelle'].iloc[0]}")
    return 0


def _reihe(args) -> int:
    frame = regelbedarf_series()
    if args.format == "csv":
        sys.stdout.write(machine_csv_text(frame))
        return 0
    for row in frame[frame.stufe == args.stufe].itertuples():
        mark = "✓" if row.stimmt else "✗ ABWEICHUNG"
        print(f"{row.jahr}  {german_number(row.betrag_eur, 0):>4} €  (berechnet {german_number(row.berechnet_eur, 0)} €, "
              f"veröffentlicht {german_number(row.veroeffentlicht_eur, 0)} € {mark})  {row.regel}")
    return 0


def register(registry) -> None:
    registry.group("regelbedarf", help="Regelbedarf nachrechnen und Szenarien berechnen")
    p = registry.command("reproduce", group="regelbedarf", handler=_reproduce,
                         help="Regelbedarf aus den Abteilungssummen eines Regelbedarfs-Ermittlungsgesetzes nachrechnen")
    p.add_argument("--gesetz", choices=GESETZE, required=True, help="Gesetz: " + ", ".join(GESETZE))
    p.add_argument("--format", choices=["csv", "text"], default="text", help="Ausgabeformat (Standard: text)")
    p = registry.command("reihe", group="regelbedarf", handler=_reihe,
                         help="Alle Jahre 2011–2026 nach den Regeln des Gesetzes berechnet, neben den veröffentlichten Beträgen")
    p.add_argument("--stufe", type=int, choices=range(1, 7), default=1, help="Regelbedarfsstufe für die Textausgabe (Standard 1)")
    p.add_argument("--format", choices=["csv", "text"], default="text", help="Ausgabeformat (Standard: text)")
