"""A fixed fuzz sample of the EVS reader, and the mutations themselves (each kind really changes the document)."""

from pathlib import Path

import pytest

from kdu_analysis.loaders.evs import extract_evs
from kdu_analysis.loaders.richtwerte import extract_richtwerte
from tests.fixtures.hostile import richtwert_pdf
from tests.fixtures.mutations import KINDS, mutants, seed_pdfs
from tests.helpers import fuzz_sample

FIXTURES = Path(__file__).resolve().parent / "fixtures"
EVS_SEEDS = seed_pdfs(FIXTURES / "evs")
N_PER_KIND = 12  # 7 kinds × 12 = 84 EVS mutants per run


@pytest.mark.parametrize("kind", list(KINDS))
def test_mutated_evs_pdfs_end_in_a_result_or_a_german_error(tmp_path, kind):
    fuzz_sample(extract_evs, EVS_SEEDS, kind, N_PER_KIND, tmp_path)


def test_every_kind_changes_the_document_and_is_reproducible():
    seeds = seed_pdfs(FIXTURES / "richtwerte", FIXTURES / "evs")
    first = list(mutants(seeds, 2 * len(KINDS), seed="x"))
    again = list(mutants(seeds, 2 * len(KINDS), seed="x"))
    assert [m[2] for m in first] == [m[2] for m in again]
    assert {kind for kind, _, _ in first} == set(KINDS)
    assert all(blob != source.read_bytes() for _, source, blob in first)


def test_seed_list_is_a_parameter(tmp_path):
    """Any corpus can seed the run (here: a hostile document built on the fly)."""
    seed = richtwert_pdf(tmp_path / "seed.pdf")
    outcomes = fuzz_sample(extract_richtwerte, [seed], "content_stream", 6, tmp_path)
    assert sum(outcomes.values()) == 6
