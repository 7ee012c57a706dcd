"""A fixed fuzz sample of the Richtwert reader: mutated fixture PDFs end in a result or a German error, never in a
traceback or a hang (read in the bounded worker of batch mode). The large run: ``benchmarks/fuzz_readers.py``."""

from pathlib import Path

import pytest

from kdu_analysis.errors import KduError
from kdu_analysis.loaders.richtwerte import extract_richtwerte
from kdu_analysis.pdf.limits import BoundedRunner, DocumentCrash
from tests.fixtures.mutations import KINDS, mutants, seed_pdfs

SEEDS = seed_pdfs(Path(__file__).resolve().parent / "fixtures" / "richtwerte")
N_PER_KIND = 16  # 7 kinds × 16 = 112 mutants per run, the same ones every time
BUDGET_S = 60  # far above any fixture's reading time; over it counts as a hang


def fuzz_sample(reader, seeds, kind: str, count: int, workdir: Path) -> dict[str, int]:
    """Run ``count`` mutants of one kind through ``reader``; fail on a traceback or a hang."""
    outcomes = {"ergebnis": 0, "deutscher_fehler": 0}
    batch = [m for m in mutants(seeds, count * len(KINDS), seed=kind) if m[0] == kind]
    with BoundedRunner(reader.__module__) as runner:
        for i, (_kind, source, blob) in enumerate(batch):
            path = workdir / f"mutant_{i}.pdf"
            path.write_bytes(blob)
            try:
                result = runner.run(reader, path, budget_s=BUDGET_S)
            except DocumentCrash as exc:
                pytest.fail(f"Traceback bei {kind}-Mutante von {source.name}:\n{exc.child_traceback}")
            except KduError as exc:
                assert "Zeitlimit" not in exc.message, f"Hänger bei {kind}-Mutante von {source.name}"
                assert exc.user_message()[0].isupper() and exc.exit_code in (2, 3, 4, 5)
                outcomes["deutscher_fehler"] += 1
            else:
                assert len(result.frame) > 0
                outcomes["ergebnis"] += 1
    assert sum(outcomes.values()) == count
    return outcomes


@pytest.mark.parametrize("kind", list(KINDS))
def test_mutated_richtwert_pdfs_end_in_a_result_or_a_german_error(tmp_path, kind):
    fuzz_sample(extract_richtwerte, SEEDS, kind, N_PER_KIND, tmp_path)
