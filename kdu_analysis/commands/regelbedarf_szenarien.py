"""``kdu-analysis regelbedarf szenario …`` and ``regelbedarf szenarien``: named Regelbedarf scenarios."""

from __future__ import annotations

import sys
import textwrap

from kdu_analysis import config
from kdu_analysis.loaders.evs import read_evs_csv
from kdu_analysis.outputs import write_machine_csv
from kdu_analysis.formatting import german_number
from kdu_analysis.reference.rbeg import GESETZE, HAUSHALTSTYPEN
from kdu_analysis.regelbedarf.scenarios import RESULT_COLUMNS, berechne_szenario, szenarien


def _szenario(args) -> int:
    evs = read_evs_csv(args.evs) if args.evs else None
    result = berechne_szenario(args.name, gesetz=args.gesetz, haushaltstyp=args.haushaltstyp, evs=evs,
                               zieljahr=args.jahr, index=args.index)
    table = result.table()
    if args.pfad:
        write_machine_csv(args.pfad, result.pfad)
    write_machine_csv(args.out, table, RESULT_COLUMNS + ["szenario", "haushaltstyp", "gesetz"])
    err = sys.stderr
    print(f"Szenario: {result.szenario.name} ({result.gesetz}, {result.haushaltstyp})", file=err)
    print(f"Summe amtlich {german_number(result.summe('amtlich_eur'))} €, Szenario {german_number(result.summe('szenario_eur'))} € "
          f"(Differenz {german_number(result.summe('differenz_eur'))} €, Preise des EVS-Jahres)", file=err)
    print(f"Regelbedarfsstufe {result.stufe} im Jahr {result.zieljahr}: amtlich {german_number(result.regelbedarf('amtlich'), 0)} €, "
          f"Szenario {german_number(result.regelbedarf('szenario'), 0)} € → {args.out}", file=err)
    for note in result.hinweise:
        print(f"Hinweis: {note}", file=err)
    return 0


def _liste(args) -> int:
    for key, s in szenarien().items():
        print(f"{key}  –  {s.name}" + ("  [braucht --evs]" if s.braucht_posten else ""))
        print(textwrap.fill(s.beschreibung, width=100, initial_indent="    ", subsequent_indent="    "))
    return 0


def register(registry) -> None:
    registry.group("regelbedarf", help="Regelbedarf nachrechnen und Szenarien berechnen")
    p = registry.command(
        "szenario", group="regelbedarf", handler=_szenario,
        help="Szenario berechnen: Abteilungsbeträge amtlich und im Szenario, Regelbedarf im Zieljahr (CSV)",
        description=("Verändert die amtlichen Beträge je Abteilung (Streichungen zurücknehmen, unsichere Werte weglassen, "
                     "andere Fortschreibung) und schreibt je Abteilung amtlich, Szenario und Differenz, die Summe und den "
                     "Regelbedarf im Zieljahr (auf volle Euro gerundet) als CSV. Mehrere --name werden kombiniert. "
                     "Liste der Szenarien: kdu-analysis regelbedarf szenarien"))
    p.add_argument("--name", action="append", required=True, metavar="SZENARIO",
                   help="Name des Szenarios (mehrfach oder mit Komma: werden kombiniert)")
    p.add_argument("--evs", metavar="CSV", help="Posten einer EVS-Tabelle (CSV von 'kdu-analysis extract evs', Drucksache "
                   "oder Destatis, mit Spalte regelbedarfsrelevant)")
    p.add_argument("--gesetz", choices=GESETZE, help=f"Regelbedarfs-Ermittlungsgesetz (Standard: das der EVS-Tabelle, sonst {GESETZE[-1]})")
    p.add_argument("--haushaltstyp", choices=HAUSHALTSTYPEN, help="Referenzhaushalt (Standard: der der EVS-Tabelle, sonst einpersonen)")
    p.add_argument("--jahr", type=int, metavar="JAHR",
                   help=f"Zieljahr der Fortschreibung (Standard: letztes Jahr des Gesetzes, höchstens {config.REGELBEDARF_LAST_YEAR})")
    p.add_argument("--index", metavar="CSV", help="Indexdatei für eine andere Fortschreibung (jedes Jahr muss enthalten sein)")
    p.add_argument("--pfad", metavar="CSV", help="zusätzlich die Fortschreibung Jahr für Jahr als CSV schreiben")
    p.add_argument("--out", metavar="CSV", required=True, help="Ausgabedatei (CSV, maschinenlesbar)")
    registry.command("szenarien", group="regelbedarf", handler=_liste, help="verfügbare Szenarien mit Beschreibung auflisten")
