"""A fixed fuzz sample of the Richtwert reader: mutated fixture PDFs end in a result or a German error, never in a
traceback or a hang (read in the bounded worker of batch mode). The large run: ``benchmarks/fuzz_readers.py``."""

from pathlib import Path

import pytest

from kdu_analysis.loaders.richtwerte import extract_richtwerte
from tests.fixtures.mutations import KINDS, seed_pdfs
from tests.helpers import fuzz_sample

SEEDS = seed_pdfs(Path(__file__).resolve().parent / "fixtures" / "richtwerte")
N_PER_KIND = 16  # 7 kinds × 16 = 112 mutants per run, the same ones every time


@pytest.mark.parametrize("kind", list(KINDS))
def test_mutated_richtwert_pdfs_end_in_a_result_or_a_german_error(tmp_path, kind):
    fuzz_sample(extract_richtwerte, SEEDS, kind, N_PER_KIND, tmp_path)
