"""``kdu-analysis extract evs PDF --out CSV`` (contracts §2)."""

from __future__ import annotations

import sys
from pathlib import Path

from kdu_analysis.loaders.evs import COLUMNS, EXTRA_COLUMNS, extract_evs
from kdu_analysis.outputs import write_machine_csv


def _extract_evs(args) -> int:
    result = extract_evs(Path(args.pdf))
    write_machine_csv(args.out, result.frame, COLUMNS + EXTRA_COLUMNS)
    frame = result.frame
    art = "Abteilungstabellen eines RBEG-Entwurfs" if result.layout == "rbeg" else "Destatis-Sonderauswertung"
    print(f"{len(frame)} Zeilen ({(frame.zeilenart == 'posten').sum()} Posten, {(frame.zeilenart == 'summe').sum()} Summen) "
          f"aus {result.datei} ({art}) → {args.out}", file=sys.stderr)
    flagged = int((frame["hinweise"] != "").sum())
    if flagged:
        print(f"{flagged} Zeilen mit Hinweisen (Summenprüfung, Rundung) in der Spalte 'hinweise'", file=sys.stderr)
    if frame["unsicher"].any() or frame["nicht_ausgewiesen"].any():
        print(f"{int(frame['unsicher'].sum())} Zeilen mit eingeschränktem Aussagewert ( ), "
              f"{int(frame['nicht_ausgewiesen'].sum())} nicht ausgewiesen (/)", file=sys.stderr)
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
                     "Regelbedarfs-Ermittlungsgesetzes – und schreibt je Posten und je Summenzeile eine Zeile. "
                     "Zeichen wie '/' (nicht ausgewiesen) und '( )' (Aussagewert eingeschränkt) werden als Merkmal "
                     "ausgegeben, nie als 0. Summen werden nachgerechnet; Abweichungen stehen in der Spalte 'hinweise'."),
    )
    p.add_argument("pdf", metavar="PDF", help="die PDF-Datei mit der EVS-Tabelle")
    p.add_argument("--out", metavar="CSV", required=True, help="Ausgabedatei (CSV, maschinenlesbar)")
