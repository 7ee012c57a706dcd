"""``kdu-analysis extract richtwerte PDF --out CSV`` (contracts §1), and a batch mode over a folder."""

from __future__ import annotations

import sys
from pathlib import Path

from tqdm import tqdm

from kdu_analysis.batch_files import output_paths
from kdu_analysis.errors import KduError
from kdu_analysis.loaders.richtwert_gate import TabelleAbgelehnt
from kdu_analysis.loaders.richtwert_spec import load_spec
from kdu_analysis.loaders.richtwerte import COLUMNS, EXTRA_COLUMNS, extract_folder, extract_richtwerte
from kdu_analysis.outputs import write_machine_csv


def _preview(pdf: Path, vorschau: Path | None, outcome) -> None:
    """``--vorschau DIR``: PNGs of every page with the cells read (and, for a refused table, where it failed)."""
    if vorschau is None or not (isinstance(outcome, TabelleAbgelehnt) or hasattr(outcome, "zellen")):
        return
    from kdu_analysis.loaders.richtwert_preview import write_preview

    if isinstance(outcome, TabelleAbgelehnt):
        files = write_preview(pdf, outcome.zellen, vorschau, fehler=outcome.user_message(), fehler_seite=outcome.seite,
                              fehler_box=outcome.box)
    else:
        files = write_preview(pdf, outcome.zellen, vorschau)
    print(f"Vorschau: {len(files)} Bild(er) in {vorschau}", file=sys.stderr)


def _one(pdf: Path, out: Path, spec, vorschau: Path | None = None) -> int:
    try:
        result = extract_richtwerte(pdf, spec=spec)
    except TabelleAbgelehnt as exc:
        _preview(pdf, vorschau, exc)  # the picture shows what was read and where the check failed
        raise
    write_machine_csv(out, result.frame, COLUMNS + EXTRA_COLUMNS)
    _preview(pdf, vorschau, result)
    flagged = int((result.frame["hinweise"] != "").sum())
    print(f"{len(result.frame)} Zeilen aus {pdf.name} → {out}"
          + (f" ({flagged} Zeilen mit Hinweisen in der Spalte 'hinweise')" if flagged else ""), file=sys.stderr)
    for note in result.hinweise:
        print(f"Hinweis: {note}", file=sys.stderr)
    return 0


def _batch(folder: Path, out_dir: Path, spec, vorschau: Path | None = None) -> int:
    def bar(pdfs):
        return tqdm(pdfs, desc="Dokumente", unit="PDF", file=sys.stderr, disable=None)

    results = []
    outcomes = extract_folder(folder, spec=spec, progress=bar)
    targets = output_paths([pdf for pdf, _ in outcomes], folder, out_dir)  # safe names, never outside out_dir
    for pdf, outcome in outcomes:
        label = pdf.resolve().relative_to(folder.resolve()).as_posix()
        _preview(pdf, vorschau, outcome)
        if isinstance(outcome, KduError):
            results.append((label, "–", "0", "FEHLER", outcome.user_message()))
            continue
        try:
            write_machine_csv(targets[pdf], outcome.frame, COLUMNS + EXTRA_COLUMNS)
        except KduError as exc:
            results.append((label, outcome.traeger or "–", "0", "FEHLER", exc.user_message()))
            continue
        results.append((label, outcome.traeger or "–", str(len(outcome.frame)), "ok", ""))
    failed = [r for r in results if r[3] != "ok"]
    print(f"\nZusammenfassung: {len(results) - len(failed)} von {len(results)} Dokumenten gelesen, {len(failed)} mit Fehler.",
          file=sys.stderr)
    headers = ("Status", "Datei", "Träger", "Zeilen", "Grund")
    table = [headers] + [(status, name, traeger, rows, reason or "–") for name, traeger, rows, status, reason in results]
    widths = [max(len(r[k]) for r in table) for k in range(4)]
    for row in table:
        print("  " + "  ".join(f"{cell:<{w}}" for cell, w in zip(row[:4], widths)) + "  " + row[4], file=sys.stderr)
    return 3 if failed else 0


def _extract(args) -> int:
    source = Path(args.pdf)
    spec = load_spec(args.spec) if args.spec else None
    vorschau = Path(args.vorschau) if args.vorschau else None
    if source.is_dir():
        return _batch(source, Path(args.out), spec, vorschau)
    return _one(source, Path(args.out), spec, vorschau)


def register(registry) -> None:
    registry.group("extract", help="Tabellen aus PDF-Dokumenten lesen (KdU-Richtwerte, EVS)")
    p = registry.command(
        "richtwerte", group="extract", handler=_extract,
        help="Richtwert-Tabelle(n) einer KdU-Richtlinie als CSV schreiben (eine Zeile je Vergleichsraum und Haushaltsgröße)",
        description="Liest die Richtwert-Tabelle(n) einer KdU-Richtlinie (PDF mit Textebene) und schreibt sie als CSV. "
        "Ist PDF ein Ordner, werden alle PDF-Dateien darin gelesen und je Dokument eine CSV in den Zielordner --out "
        "geschrieben; am Ende steht eine Zusammenfassung, was nicht gelesen werden konnte und warum.",
    )
    p.add_argument("pdf", metavar="PDF", help="PDF-Datei oder Ordner mit PDF-Dateien")
    p.add_argument("--out", required=True, help="Ziel-CSV (bei einem Ordner: Zielordner)")
    p.add_argument("--spec", help="optionale Spec-Datei (YAML) für Dokumente mit ungewöhnlichem Aufbau")
    p.add_argument("--vorschau", metavar="ORDNER",
                   help="je Seite ein PNG-Bild in ORDNER: jede gelesene Zelle umrahmt und beschriftet (Größe, Haushalt, "
                   "Gebiet), eine abgelehnte Tabelle rot markiert – zum Nachprüfen von Hand")
