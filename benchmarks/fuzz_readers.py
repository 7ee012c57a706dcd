"""Fuzzing at scale: mutated PDFs through both readers; every run must end in a result or a German error.

Each reader (Richtwert reader ``extract_richtwerte``, EVS reader ``extract_evs``) gets ``--anzahl`` mutants (default
500) of its seed PDFs: bytes flipped, truncated, duplicated objects, broken xref, broken fonts, zero-size pages,
damaged content streams (``tests/fixtures/mutations.py``). Every mutant is read in the bounded worker of batch mode
(``kdu_analysis.pdf.limits``) with ``--zeitlimit`` seconds; a run over that time counts as a hang, anything but a
result or a German error (``KduError``) as a traceback. Prints counts per reader and per mutation kind, the first
traceback of each kind in full, and exits 1 when there was a traceback or a hang.

Seeds default to the committed fixtures; point them at a generated corpus with ``--richtwerte-seeds DIR …`` and
``--evs-seeds DIR …``. Run: ``make benchmark`` or ``.venv/bin/python benchmarks/fuzz_readers.py [--anzahl 500]``.
"""

from __future__ import annotations

import argparse
import collections
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from kdu_analysis.errors import KduError  # noqa: E402
from kdu_analysis.loaders.evs import extract_evs  # noqa: E402
from kdu_analysis.loaders.richtwerte import extract_richtwerte  # noqa: E402
from kdu_analysis.pdf.limits import BoundedRunner, DocumentCrash  # noqa: E402
from tests.fixtures.mutations import KINDS, mutants, seed_pdfs  # noqa: E402

FIXTURES = ROOT / "tests" / "fixtures"


def fuzz(reader, seeds: list[Path], count: int, budget_s: float, workdir: Path, seed: int | str = 0) -> dict:
    """Run ``count`` mutants through ``reader``; return counts and the crashes found."""
    counts = collections.Counter()
    per_kind = {kind: collections.Counter() for kind in KINDS}
    crashes: list[tuple[str, Path, str, Path]] = []
    with BoundedRunner(reader.__module__) as runner:
        for i, (kind, source, blob) in enumerate(mutants(seeds, count, seed=seed)):
            path = workdir / f"{reader.__name__}_{i:05d}_{kind}.pdf"
            path.write_bytes(blob)
            try:
                runner.run(reader, path, budget_s=budget_s)
                outcome = "ergebnis"
            except DocumentCrash as exc:
                outcome = "traceback"
                crashes.append((kind, source, exc.child_traceback, path))
            except KduError as exc:
                outcome = "haenger" if "Zeitlimit" in exc.message else "deutscher_fehler"
                if outcome == "deutscher_fehler":
                    path.unlink()
            else:
                path.unlink()
            counts[outcome] += 1
            per_kind[kind][outcome] += 1
    return {"counts": counts, "per_kind": per_kind, "crashes": crashes}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--anzahl", type=int, default=500, help="Mutanten je Leser (Standard 500)")
    parser.add_argument("--zeitlimit", type=float, default=20.0, help="Sekunden je Mutant, darüber: Hänger")
    parser.add_argument("--richtwerte-seeds", nargs="+", type=Path, default=[FIXTURES / "richtwerte"])
    parser.add_argument("--evs-seeds", nargs="+", type=Path, default=[FIXTURES / "evs"])
    parser.add_argument("--seed", default="0", help="Startwert des Zufallsgenerators")
    args = parser.parse_args(argv)
    failed = False
    with tempfile.TemporaryDirectory(prefix="kdu_fuzz_") as tmp:
        for reader, folders in ((extract_richtwerte, args.richtwerte_seeds), (extract_evs, args.evs_seeds)):
            seeds = seed_pdfs(*folders)
            t0 = time.perf_counter()
            result = fuzz(reader, seeds, args.anzahl, args.zeitlimit, Path(tmp), args.seed)
            took = time.perf_counter() - t0
            c = result["counts"]
            print(f"{reader.__name__}: {sum(c.values())} Mutanten aus {len(seeds)} Vorlagen in {took:.0f} s "
                  f"({took / max(sum(c.values()), 1) * 1000:.0f} ms je Dokument) – Ergebnis {c['ergebnis']}, "
                  f"deutscher Fehler {c['deutscher_fehler']}, Tracebacks {c['traceback']}, Hänger {c['haenger']}")
            for kind, kc in result["per_kind"].items():
                print(f"    {kind:<18} Ergebnis {kc['ergebnis']:>4}  deutscher Fehler {kc['deutscher_fehler']:>4}  "
                      f"Tracebacks {kc['traceback']:>3}  Hänger {kc['haenger']:>3}")
            shown = set()
            for kind, source, trace, _path in result["crashes"]:
                last = trace.strip().splitlines()[-1]
                if (kind, last) not in shown:
                    shown.add((kind, last))
                    print(f"--- Traceback ({kind}, Vorlage {source.name}):\n{trace}", file=sys.stderr)
            failed = failed or bool(c["traceback"] or c["haenger"])
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
