"""Mutated fixture PDFs (truncated, bytes flipped) never raise anything but a German InputError."""

import random
from pathlib import Path

import pytest

from kdu_analysis.errors import InputError
from kdu_analysis.loaders.richtwerte import extract_richtwerte

FIX = Path(__file__).resolve().parent / "fixtures" / "richtwerte"
SOURCES = sorted(FIX.glob("*.pdf"))
N_PER_SOURCE = 24  # 12 fixtures × 24 = 288 mutated files


def _mutants(data: bytes, rng: random.Random):
    for k in range(N_PER_SOURCE):
        if k % 3 == 0:
            yield data[: rng.randrange(1, len(data))]
        else:
            buf = bytearray(data)
            for _ in range(rng.randrange(1, 40)):
                buf[rng.randrange(len(buf))] = rng.randrange(256)
            yield bytes(buf)


@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.stem)
def test_mutated_pdfs_fail_cleanly_or_extract(tmp_path, source):
    rng = random.Random(source.stem)
    outcomes = {"ok": 0, "input_error": 0}
    for i, blob in enumerate(_mutants(source.read_bytes(), rng)):
        path = tmp_path / f"mutant_{i}.pdf"
        path.write_bytes(blob)
        try:
            result = extract_richtwerte(path)
        except InputError as exc:
            assert exc.user_message()[0].isupper()
            outcomes["input_error"] += 1
        else:
            assert len(result.frame) > 0
            outcomes["ok"] += 1
    assert sum(outcomes.values()) == N_PER_SOURCE
