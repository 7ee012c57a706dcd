"""``kdu-analysis extract richtwerte PDF --out CSV`` (contracts §1), and a batch mode over a folder."""

from __future__ import annotations

import sys
from pathlib import Path

from tqdm import tqdm

from kdu_analysis.errors import InputError, KduError
from kdu_analysis.loaders.richtwert_spec import load_spec
from kdu_analysis.loaders.richtwerte import COLUMNS, EXTRA_COLUMNS, extract_richtwerte
from kdu_analysis.outputs import write_machine_csv


def _one(pdf: Path, out: Path, spec) -> int:
    result = extract_richtwerte(pdf, spec=spec)
    write_machine_csv(out, result.frame, COLUMNS + EXTRA_COLUMNS)
    flagged = int((result.frame["hinweise"] != "").sum())
    print(f"{len(result.frame)} Zeilen aus {pdf.name} → {out}"
          + (f" ({flagged} Zeilen mit Hinweisen in der Spalte 'hinweise')" if flagged else ""), file=sys.stderr)
    for note in result.hinweise:
        print(f"Hinweis: {note}", file=sys.stderr)
    return 0


def _batch(folder: Path, out_dir: Path, spec) -> int:
    pdfs = sorted(p for p in folder.iterdir() if p.is_file() and p.suffix.lower() == ".pdf")
    if not pdfs:
        raise InputError(f"Im Ordner {folder} liegen keine PDF-Dateien", remedy="Bitte den Ordner mit den KdU-Dokumenten angeben")
    results = []
    for pdf in tqdm(pdfs, desc="Dokumente", unit="PDF", file=sys.stderr, disable=None):
        target = out_dir / f"{pdf.stem}.csv"
        try:
            extraction = extract_richtwerte(pdf, spec=spec)
            write_machine_csv(target, extraction.frame, COLUMNS + EXTRA_COLUMNS)
            results.append((pdf.name, extraction.traeger or "–", str(len(extraction.frame)), "ok", ""))
        except KduError as exc:
            results.append((pdf.name, "–", "0", "FEHLER", exc.user_message()))
    failed = [r for r in results if r[3] != "ok"]
    print(f"\nZusammenfassung: {len(results) - len(failed)} von {len(results)} Dokumenten gelesen, {len(failed)} mit Fehler.",
          file=sys.stderr)
    width = max(len(r[0]) for r in results)
    for name, traeger, rows, status, reason in results:
        line = f"  {status:<6} {name:<{width}}  {traeger}, {rows} Zeilen" if status == "ok" else f"  {status:<6} {name:<{width}}  {reason}"
        print(line, file=sys.stderr)
    return 3 if failed else 0


def _extract(args) -> int:
    source = Path(args.pdf)
    spec = load_spec(args.spec) if args.spec else None
    if source.is_dir():
        return _batch(source, Path(args.out), spec)
    return _one(source, Path(args.out), spec)


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
