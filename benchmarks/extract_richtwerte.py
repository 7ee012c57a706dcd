"""Accuracy and speed of `extract_richtwerte` (the public API) on the generated corpus, and its speed on the
fixture files.

Corpus: guideline PDFs and documents that are not guidelines, rendered from seeds by
tests/fixtures/richtwerte/generator (reportlab, matplotlib) plus the committed LibreOffice sample. Prints cell
accuracy, tables exactly right, tables refused, tables written with any wrong value ("still falsch"), negatives
refused, ms/page against raw pdfplumber `extract_words`, and the worst failures (doc id and what differed).
A refusal is a `KduError` (exit 3 in the CLI); anything else raised is counted as a crash.

Run: `make benchmark` or `.venv/bin/python benchmarks/extract_richtwerte.py [--guidelines N --negatives N]`.
Reproduce one document: `generate(seed, DIR, producer=…, negative=…)` with the seed in its id (README there).
"""

from __future__ import annotations

import argparse
import collections
import json
import re
import sys
import tempfile
import time
from pathlib import Path

import pdfplumber

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from kdu_analysis.loaders.richtwerte import extract_richtwerte  # noqa: E402
from tests.fixtures.richtwerte.generator import corpus  # noqa: E402
from tests.fixtures.richtwerte.generator.score import run  # noqa: E402

FIXTURES = sorted((ROOT / "tests" / "fixtures" / "richtwerte").glob("*.pdf"))
ROUNDS = 5


def _words(path: Path) -> int:
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            page.extract_words()
        return len(pdf.pages)


def _best(func) -> float:
    best = float("inf")
    for _ in range(ROUNDS):
        t0 = time.perf_counter()
        func()
        best = min(best, time.perf_counter() - t0)
    return best


def fixture_speed() -> None:
    pages = sum(_words(p) for p in FIXTURES)
    raw = _best(lambda: [_words(p) for p in FIXTURES])
    full = _best(lambda: [_try(p) for p in FIXTURES])
    print(f"Fixtures: {len(FIXTURES)} Dateien, {pages} Seiten, bester von {ROUNDS} Läufen")
    print(f"pdfplumber extract_words: {raw / pages * 1000:.1f} ms/Seite")
    print(f"extract_richtwerte:       {full / pages * 1000:.1f} ms/Seite")
    print(f"Verhältnis: {full / raw:.2f}")


def _try(path):
    try:
        return extract_richtwerte(path)
    except Exception:  # noqa: BLE001 - speed only
        return None


def _reason(message: str) -> str:
    """A refusal message without file names, page numbers and amounts, to count reasons."""
    text = re.sub(r"\S+\.pdf", "DATEI", message)
    text = re.sub(r"Seite \d+:?\s*", "", text)
    text = re.sub(r"\d+(?:[.,]\d+)*", "#", text)
    return text[:90]


def _pct(a: int, b: int) -> str:
    return f"{a}/{b} ({100 * a / b:.1f} %)" if b else "0/0"


def corpus_report(docs, worst: int, json_out: Path | None) -> int:
    outcomes = []
    t_extract = t_words = 0.0
    pages = 0
    for doc in docs:
        t0 = time.perf_counter()
        pages += _words(doc.path)
        t_words += time.perf_counter() - t0
        t0 = time.perf_counter()
        outcomes.append(run(doc, extract_richtwerte))
        t_extract += time.perf_counter() - t0
    guide = [o for o in outcomes if o.doc.is_guideline]
    neg = [o for o in outcomes if not o.doc.is_guideline]
    status = collections.Counter(o.status for o in guide)
    cells = sum(o.cells_total for o in guide)
    right = sum(o.cells_right for o in guide)
    written = [o for o in guide if o.status in ("exact", "falsch", "unvollstaendig")]
    w_cells = sum(o.cells_total for o in written)
    w_right = sum(o.cells_right for o in written)
    producers = collections.Counter(o.doc.producer for o in outcomes)
    print(f"Korpus: {len(guide)} Richtlinien, {len(neg)} andere Dokumente, {pages} Seiten "
          f"({', '.join(f'{k} {v}' for k, v in sorted(producers.items()))})")
    print(f"Zellen richtig (alle Tabellen, abgelehnte zählen als falsch): {_pct(right, cells)}")
    print(f"Zellen richtig (nur geschriebene Tabellen):                 {_pct(w_right, w_cells)}")
    print(f"Tabellen exakt richtig:            {_pct(status['exact'], len(guide))}")
    print(f"Tabellen abgelehnt:                {_pct(status['refused'], len(guide))}")
    print(f"Tabellen geschrieben mit Fehler (still falsch): {_pct(status['falsch'], len(guide))}")
    print(f"Tabellen geschrieben, unvollständig (kein falscher Wert, aber Werte fehlen): "
          f"{_pct(status['unvollstaendig'], len(guide))}")
    print(f"Abstürze (keine KduError):         {_pct(status['crash'] + sum(o.status == 'crash' for o in neg), len(outcomes))}")
    print(f"Andere Dokumente abgelehnt:        {_pct(sum(o.status == 'refused' for o in neg), len(neg))}")
    meta_ok = sum(o.metadata_right for o in written)
    print(f"Träger und gültig-ab richtig (geschriebene Tabellen): {_pct(meta_ok, len(written))}")
    print(f"Geschwindigkeit: extract_richtwerte {t_extract / pages * 1000:.1f} ms/Seite, "
          f"pdfplumber extract_words {t_words / pages * 1000:.1f} ms/Seite, Verhältnis {t_extract / t_words:.2f}")
    by_shape = collections.defaultdict(collections.Counter)
    for o in guide:
        p = o.doc.params
        by_shape[f"{o.doc.producer}/{p.get('orientation')}/{p.get('mode') or ('alt-neu' if p.get('old_new') else '-')}"][o.status] += 1
    print("Nach Producer/Ausrichtung/Modus (exakt/abgelehnt/falsch/unvollständig/Absturz):")
    for shape, c in sorted(by_shape.items()):
        print(f"  {shape:40s} {c['exact']:4d} {c['refused']:4d} {c['falsch']:4d} {c['unvollstaendig']:4d} {c['crash']:4d}")
    order = {"crash": 0, "written": 1, "falsch": 2, "unvollstaendig": 3}
    bad = sorted((o for o in outcomes if o.status in order), key=lambda o: (order[o.status], -len(o.differences)))
    if bad:
        print(f"Schlimmste Fehler ({min(worst, len(bad))} von {len(bad)}):")
    for o in bad[:worst]:
        p = o.doc.params
        shape = {k: p[k] for k in ("orientation", "mode", "measures", "area_mode", "header_rows", "label_lines", "valign",
                                   "page", "old_new", "kind") if p.get(k) not in (None, False)}
        detail = "; ".join(o.differences[:3]) or o.message
        print(f"  {o.doc.doc_id} [{o.status}] {shape}: {detail[:300]}")
    refusals = collections.Counter(_reason(o.message) for o in guide if o.status == "refused")
    example = {}
    for o in guide:
        if o.status == "refused":
            example.setdefault(_reason(o.message), o.doc.doc_id)
    if refusals:
        print("Häufigste Ablehnungsgründe bei Richtlinien (Anzahl, Beispiel):")
        for msg, n in refusals.most_common(10):
            print(f"  {n:4d}  {example[msg]:13s} {msg}")
    if json_out:
        json_out.write_text(json.dumps([{"doc_id": o.doc.doc_id, "kind": o.doc.kind, "producer": o.doc.producer,
                                         "status": o.status, "cells_total": o.cells_total, "cells_right": o.cells_right,
                                         "differences": o.differences, "message": o.message, "params": o.doc.params}
                                        for o in outcomes], ensure_ascii=False, indent=1), encoding="utf-8")
        print(f"Einzelergebnisse: {json_out}")
    return 0


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--guidelines", type=int, default=300, help="rendered guideline documents (plus the committed ones)")
    ap.add_argument("--negatives", type=int, default=40, help="rendered documents that are not guidelines")
    ap.add_argument("--seed", type=int, default=0, help="first seed")
    ap.add_argument("--worst", type=int, default=25, help="how many failures to list")
    ap.add_argument("--json", type=Path, help="write every document's outcome to this JSON file")
    ap.add_argument("--keep", type=Path, help="render into this folder (kept) instead of a temporary one")
    ap.add_argument("--no-fixtures", action="store_true", help="skip the speed run on the fixture files")
    args = ap.parse_args(argv)
    if not args.no_fixtures:
        fixture_speed()
        print()
    with tempfile.TemporaryDirectory() as tmp:
        out = args.keep or Path(tmp)
        t0 = time.perf_counter()
        docs = corpus(out, n_guidelines=args.guidelines, n_negatives=args.negatives, first_seed=args.seed)
        print(f"{len(docs)} Dokumente bereitgestellt in {time.perf_counter() - t0:.0f} s")
        return corpus_report(docs, args.worst, args.json)


if __name__ == "__main__":
    sys.exit(main())
