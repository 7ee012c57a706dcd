"""Helpers shared by several test modules (import from here, never from another test module)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from kdu_analysis import config
from kdu_analysis.errors import KduError
from kdu_analysis.pdf.limits import BoundedRunner, DocumentCrash
from tests.fixtures.mutations import KINDS, mutants
from tests.fixtures.richtwerte.generator.document import Block, Document, TCell, Table, layout
from tests.fixtures.richtwerte.generator.render import render_reportlab

#: far above any fixture's reading time; a mutant over it counts as a hang
FUZZ_BUDGET_S = 60


def data_copy(target: Path) -> Path:
    """A data folder with the project's bundled raw data (Träger, concepts, …) but its own, empty raw/pdf and
    processed: developer PDFs in data/raw/pdf never reach a test."""
    shutil.copytree(config.PROJECT_ROOT / "data" / "raw", target / "raw", ignore=shutil.ignore_patterns("pdf"))
    (target / "raw" / "pdf").mkdir(exist_ok=True)
    return target


def fuzz_sample(reader, seeds, kind: str, count: int, workdir: Path) -> dict[str, int]:
    """Run ``count`` mutants of one kind through ``reader`` in the bounded worker; fail on a traceback or a hang."""
    outcomes = {"ergebnis": 0, "deutscher_fehler": 0}
    batch = [m for m in mutants(seeds, count * len(KINDS), seed=kind) if m[0] == kind]
    with BoundedRunner(reader.__module__) as runner:
        for i, (_kind, source, blob) in enumerate(batch):
            path = workdir / f"mutant_{i}.pdf"
            path.write_bytes(blob)
            try:
                result = runner.run(reader, path, budget_s=FUZZ_BUDGET_S)
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


def refused_richtwert_pdf(path: Path) -> Path:
    """A Mittelsachsen-like guideline whose 3-person value (12,00 €) no plausible range explains: the reader's proof
    gate refuses its table."""
    header = [[TCell(["Mietkategorie"])] + [TCell([f"{n} Pers."], align="center") for n in range(1, 6)]]
    values = [["295,50", "344,40", "12,00", "455,60", "516,80"], ["287,50", "339,60", "406,50", "447,10", "492,10"]]
    body = [[TCell([f"Mietkategorie {'I' * (k + 1)}"])] + [TCell([f"{v} €"], align="right") for v in vs]
            for k, vs in enumerate(values)]
    doc = Document(blocks=[Block("para", "Landkreis Mittelsachsen – Richtwerte der Bruttokaltmiete, gültig ab 1. Januar 2019."),
                           Block("table", table=Table(header=header, body=body, groups=[[0], [1]]))])
    render_reportlab(doc, layout(doc), path)
    return path


def upright_chars(page):
    """Characters of a pdfplumber page set upright (not turned), without blanks."""
    return [c for c in page.chars if c.get("upright", True) and c["text"].strip()]


def words_with_size(page):
    """Words with the size of their characters (pdfplumber ``extra_attrs``), upright text only."""
    return [w for w in page.extract_words(extra_attrs=["size"]) if w.get("upright", True)]
