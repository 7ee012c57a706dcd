"""Time per page of `extract_richtwerte` against raw pdfplumber `extract_words` on the same fixture files.

Prints the ratio (how many times slower the full extraction is than reading the words alone).
Run: `make benchmark` or `.venv/bin/python benchmarks/extract_richtwerte.py`.
"""

from __future__ import annotations

import time
from pathlib import Path

import pdfplumber

from kdu_analysis.loaders.richtwerte import extract_richtwerte

FIXTURES = sorted((Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "richtwerte").glob("*.pdf"))
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


def main() -> None:
    pages = sum(_words(p) for p in FIXTURES)
    raw = _best(lambda: [_words(p) for p in FIXTURES])
    full = _best(lambda: [extract_richtwerte(p) for p in FIXTURES])
    print(f"{len(FIXTURES)} Dateien, {pages} Seiten, bester von {ROUNDS} Läufen")
    print(f"pdfplumber extract_words: {raw / pages * 1000:.1f} ms/Seite")
    print(f"extract_richtwerte:       {full / pages * 1000:.1f} ms/Seite")
    print(f"Verhältnis: {full / raw:.2f}")


if __name__ == "__main__":
    main()
