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
from tests.fixtures.richtwerte.generator import PRODUCERS, committed, find_seeds, generate
from tests.fixtures.richtwerte.generator.guideline import VALUE_COLUMNS
from tests.fixtures.richtwerte.generator.negatives import KINDS
from tests.fixtures.richtwerte.generator.score import run

# The sample: for each producer rendered at test time, the first seeds of every table shape; then seeds of the
# shapes of the failure classes seen in real documents (issue 9); one document of each negative kind per producer;
# and part of the committed LibreOffice sample. Ids as in the benchmark: rw_<producer>_<seed>, neg_<producer>_<seed>.
SHAPES = {
    "regions_single": lambda p: p.get("orientation") == "regions" and p.get("mode") == "single",
    "regions_subrows": lambda p: p.get("orientation") == "regions" and p.get("mode") == "subrows",
    "regions_per_measure": lambda p: p.get("orientation") == "regions" and p.get("mode") == "per_measure",
    "regions_old_new": lambda p: p.get("orientation") == "regions" and p.get("mode") == "old_new",
    "sizes": lambda p: p.get("orientation") == "sizes" and not p.get("old_new"),
    "sizes_old_new": lambda p: p.get("orientation") == "sizes" and p.get("old_new"),
    "sizes_per_region": lambda p: p.get("orientation") == "sizes_regions",
}
FAILURE_CLASSES = {
    # 1: the first value glued to the region label
    "class1_glued_label": lambda p: p.get("orientation") == "regions" and p.get("label_pad", 4) <= 2
    and p.get("value_align") != "right",
    # 2: a running-number column next to the household sizes
    "class2_running_number": lambda p: p.get("running_number"),
    # 3: region labels over two or three lines
    "class3_wrapped_labels": lambda p: p.get("orientation") == "regions" and p.get("label_lines", 1) >= 2,
    # 4: tables continued on the next page; "jede weitere Person" set over two header lines
    "class4_continued": lambda p: p.get("orientation") == "regions" and p.get("forced_split"),
    "class4_plus_two_lines": lambda p: p.get("plus_two_lines"),
    # 5 inside a guideline: a second table by household size that holds no Richtwert (Erstausstattung, Umzug)
    "class5_other_table": lambda p: p.get("other_table"),
}


def _rendered_sample() -> list[tuple]:
    cases: dict[str, tuple] = {}
    for producer in PRODUCERS:
        for predicate, n in [(p, 2) for p in SHAPES.values()] + [(p, 2) for p in FAILURE_CLASSES.values()]:
            for seed in find_seeds(predicate, n=n, producer=producer):
                cases.setdefault(f"rw_{producer[:2]}_{seed:05d}", ("rw", seed, producer, None))
        for k, kind in enumerate(KINDS):  # failure class 5: documents that are not guidelines
            seed = 100_000 + k
            cases.setdefault(f"neg_{producer[:2]}_{seed:05d}", ("neg", seed, producer, kind))
    return list(cases.values())


RENDERED = _rendered_sample()
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
    for seed in find_seeds(lambda p: p.get("orientation") == "regions" and p.get("label_lines") == 3, n=2):
        assert generate(seed, tmp_path, producer="reportlab", negative=False).params["label_lines"] == 3
