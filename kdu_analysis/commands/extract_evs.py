"""``kdu-analysis extract evs PDF --out CSV [--gesetz G --haushaltstyp T]`` (contracts §2)."""

from __future__ import annotations

import sys
from pathlib import Path

from kdu_analysis.loaders.evs import COLUMNS, EXTRA_COLUMNS, extract_evs
from kdu_analysis.outputs import write_machine_csv
from kdu_analysis.reference.rbeg import GESETZE, HAUSHALTSTYPEN


def _extract_evs(args) -> int:
    result = extract_evs(Path(args.pdf), gesetz=args.gesetz, haushaltstyp=args.haushaltstyp)
    write_machine_csv(args.out, result.frame, COLUMNS + EXTRA_COLUMNS)
    frame = result.frame
    art = "mit Spalte regelbedarfsrelevant" if result.layout == "rbeg" else "ohne Spalte regelbedarfsrelevant"
    print(f"{len(frame)} Zeilen ({(frame.zeilenart == 'posten').sum()} Posten, {(frame.zeilenart == 'summe').sum()} Summen) "
          f"von {frame.seite.max()} Seiten aus {result.datei} ({art}) → {args.out}", file=sys.stderr)
    flagged = int((frame["hinweise"] != "").sum())
    if flagged:
        print(f"{flagged} Zeilen mit Hinweisen (Summenprüfung, Rundung, Gesetz) in der Spalte 'hinweise'", file=sys.stderr)
    if frame["unsicher"].any() or frame["nicht_ausgewiesen"].any():
        print(f"{int(frame['unsicher'].sum())} Zeilen mit eingeschränktem Aussagewert ( ), "
              f"{int(frame['nicht_ausgewiesen'].sum())} nicht ausgewiesen (/)", file=sys.stderr)
    if result.gesetz is not None:
        for line in result.gesetz.summary():
            print(line, file=sys.stderr)
    for note in result.hinweise:
        print(f"Hinweis: {note}", file=sys.stderr)
    return 0


def register(registry) -> None:
    registry.group("extract", help="Tabellen aus PDF-Dokumenten lesen")
    p = registry.command(
        "evs", group="extract", handler=_extract_evs,
        help="EVS-Tabelle (Destatis-Sonderauswertung oder Abteilungstabellen eines RBEG-Entwurfs) als CSV ausgeben",
        description=("Liest eine Tabelle der Einkommens- und Verbrauchsstichprobe (EVS) – eine Sonderauswertung des "
                     "Statistischen Bundesamts oder die Abteilungstabellen aus der Begründung eines "
                     "Regelbedarfs-Ermittlungsgesetzes (Bundestags-Drucksache) – und schreibt je Posten und je "
                     "Summenzeile eine Zeile. Zeichen wie '/' (nicht ausgewiesen) und '( )' (Aussagewert "
                     "eingeschränkt) werden als Merkmal ausgegeben, nie als 0. Summen werden nachgerechnet; ist die "
                     "Tabelle eine Referenzgruppe eines RBEG, werden die regelbedarfsrelevanten Summen je Abteilung "
                     "und insgesamt mit §§ 5/6 des Gesetzes verglichen. Abweichungen stehen in der Spalte 'hinweise' "
                     "und in der Zusammenfassung."),
    )
    p.add_argument("pdf", metavar="PDF", help="die PDF-Datei mit der EVS-Tabelle")
    p.add_argument("--out", metavar="CSV", required=True, help="Ausgabedatei (CSV, maschinenlesbar)")
    p.add_argument("--gesetz", choices=GESETZE, help="Referenzgruppe dieses Gesetzes (sonst aus dem Titel erkannt)")
    p.add_argument("--haushaltstyp", choices=HAUSHALTSTYPEN,
                   help="Referenzhaushalt (sonst aus dem Titel erkannt): einpersonen, kind_0_5, kind_6_13, kind_14_17")
