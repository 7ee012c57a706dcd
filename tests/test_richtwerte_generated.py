"""A fixed sample of the generated corpus (tests/fixtures/richtwerte/generator): the reader never writes a
wrong Richtwert, and refuses documents that are not KdU guidelines.

A generated guideline is either read exactly or refused (a ``KduError``); a table written with any wrong,
missing or extra value fails. The whole corpus and its accuracy numbers: ``make benchmark``.
"""

from __future__ import annotations

import re
from decimal import Decimal

import pypdfium2
import pytest

from kdu_analysis.loaders.richtwerte import extract_richtwerte
from tests.fixtures.richtwerte.generator import PRODUCERS, committed, generate
from tests.fixtures.richtwerte.generator.guideline import VALUE_COLUMNS
from tests.fixtures.richtwerte.generator.negatives import KINDS
from tests.fixtures.richtwerte.generator.score import run

# ids as in the benchmark: rw_<producer>_<seed>, neg_<producer>_<seed>
RENDERED = [("rw", seed, PRODUCERS[seed % 2], None) for seed in range(30)]
RENDERED += [("neg", 100_000 + k, PRODUCERS[k % 2], kind) for k, kind in enumerate(KINDS)]
COMMITTED = committed()
COMMITTED_SAMPLE = [d for d in COMMITTED if d.is_guideline][:10] + [d for d in COMMITTED if not d.is_guideline][:4]
XFAIL: dict[str, str] = {}  # doc id → reason, only for documents the reader's maintainers know to be still wrong


def _case_id(case) -> str:
    if isinstance(case, tuple):
        tag, seed, producer, _ = case
        return f"{tag}_{producer[:2]}_{seed:05d}"
    return case.doc_id


CASES = [pytest.param(c, id=_case_id(c), marks=[pytest.mark.xfail(strict=True, reason=XFAIL[_case_id(c)])]
                      if _case_id(c) in XFAIL else []) for c in RENDERED + COMMITTED_SAMPLE]


@pytest.fixture(scope="module")
def out_dir(tmp_path_factory):
    return tmp_path_factory.mktemp("generated")


def _doc(case, out_dir):
    if isinstance(case, tuple):
        tag, seed, producer, kind = case
        return generate(seed, out_dir, producer=producer, negative=tag == "neg", kind=kind)
    return case


@pytest.mark.parametrize("case", CASES)
def test_generated_document_read_exactly_or_refused(case, out_dir):
    doc = _doc(case, out_dir)
    outcome = run(doc, extract_richtwerte)
    if doc.is_guideline:
        assert outcome.status in ("exact", "refused"), (
            f"{doc.doc_id} ({doc.producer}, {doc.params.get('orientation')}/{doc.params.get('mode')}): "
            f"{outcome.status}: {'; '.join(outcome.differences[:5]) or outcome.message}")
    else:
        assert outcome.status == "refused", f"{doc.doc_id} ({doc.kind}) nicht abgelehnt: {outcome.message}"
        assert outcome.message.strip(), doc.doc_id


_NUMBER = re.compile(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?")


def _numbers(text: str) -> set[Decimal]:
    return {Decimal(m.replace(".", "").replace(",", ".")) for m in _NUMBER.findall(text)}


@pytest.mark.parametrize("case", [c for c in RENDERED if c[0] == "rw"][:12] + COMMITTED_SAMPLE[:4],
                         ids=_case_id)
def test_generator_truth_is_printed_on_its_page(case, out_dir):
    """The generator's own check: every truth value is printed, the row on the page the truth names, and the truth's
    arithmetic holds (monthly amounts rise with household size)."""
    doc = _doc(case, out_dir)
    pdf = pypdfium2.PdfDocument(doc.path)  # not pdfplumber: the check must not share the reader's text layer
    try:
        pages = [_numbers(page.get_textpage().get_text_range()) for page in pdf]
    finally:
        pdf.close()
    everywhere = set().union(*pages)
    for row in doc.truth_rows:
        values = [Decimal(row[col]) for col in VALUE_COLUMNS if row[col] is not None]
        # a row merged from several tables (one per measure) keeps the page of its first value; an area printed
        # in a header that a continuation page does not repeat stands on an earlier page
        assert any(v in pages[row["seite"] - 1] for v in values), (doc.doc_id, row)
        assert all(v in everywhere for v in values), (doc.doc_id, row)
    for col in ("nettokaltmiete_eur", "bruttokaltmiete_eur", "bruttowarmmiete_eur"):
        by_region: dict[str, list[tuple[int, Decimal]]] = {}
        for row in doc.truth_rows:
            if row[col] is not None and row["haushaltsgroesse"] != "+1":
                by_region.setdefault(row["vergleichsraum"], []).append((int(row["haushaltsgroesse"]), Decimal(row[col])))
        for values in by_region.values():
            amounts = [v for _, v in sorted(values)]
            assert amounts == sorted(amounts), (doc.doc_id, col, amounts)


def test_generator_is_deterministic(tmp_path):
    a = generate(7, tmp_path / "a", producer="reportlab")
    b = generate(7, tmp_path / "b", producer="reportlab")
    assert a.truth_rows == b.truth_rows and a.path.read_bytes() == b.path.read_bytes()


def test_committed_libreoffice_sample_is_there():
    """CI has no LibreOffice: the converted documents and their truth are committed."""
    assert sum(d.is_guideline for d in COMMITTED) >= 40 and sum(not d.is_guideline for d in COMMITTED) >= 10
    assert all(d.path.is_file() and d.producer == "libreoffice" for d in COMMITTED)


def test_find_seeds_gives_documents_of_the_asked_shape(tmp_path):
    from tests.fixtures.richtwerte.generator import find_seeds

    for seed in find_seeds(lambda p: p.get("orientation") == "regions" and p.get("label_lines") == 3, n=2):
        assert generate(seed, tmp_path, producer="reportlab", negative=False).params["label_lines"] == 3
