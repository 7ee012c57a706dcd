"""Column meanings of a Richtwert table (issue 9): generated documents whose columns the reader once refused (or
could read wrongly) are now read exactly.

Each case names the general cause it stands for and a generated document of that shape (seed and producer as in
the benchmark: rw_<producer>_<seed>); the shape is checked from the drawn parameters, so a change of the generator
that no longer draws the shape fails here instead of silently testing something else.
"""

from __future__ import annotations

import pytest

from kdu_analysis.loaders import richtwert_columns as cols
from kdu_analysis.loaders import richtwert_header as header
from kdu_analysis.loaders.richtwerte import extract_richtwerte
from kdu_analysis.pdf.layout import Cell, Line
from tests.fixtures.richtwerte.generator import generate
from tests.fixtures.richtwerte.generator.score import run


def _sizes(p):
    return p.get("orientation") in ("sizes", "sizes_regions")


CASES = {
    # a group head ("Bruttokaltmiete") narrower than its version sub-heads "neu | bisher | Differenz": the column
    # "neu" has the group's measure (was: "die Spalte „neu“ nennt keinen Mietbegriff")
    "group_head_over_version_columns": [("matplotlib", 47), ("reportlab", 78), ("matplotlib", 261),
                                        ("matplotlib", 283), ("matplotlib", 297)],
    # the household size in a column of its own beside a running number, "jede weitere Person" as the row label:
    # a counter, not a value column (was: "die Spalte „Anzahl Personen“ nennt keinen Mietbegriff")
    "size_column_beside_running_number": [("reportlab", 272), ("matplotlib", 273), ("reportlab", 66)],
    # heads of neighbouring columns run into one cell ("Wohnfläche m² kalte Betriebskosten je m² Netto-Kaltmiete"):
    # split at wide gaps and flush column edges (was: "mehrere Spalten bedeuten Bruttokaltmiete")
    "glued_heads": [("reportlab", 92), ("reportlab", 266), ("matplotlib", 271)],
    # a head at mid-height beside two-line heads, an area head beside a wide head, heads at the foot of the
    # previous page (was: "mehrere Spalten bedeuten Heizkosten / Bruttokaltmiete")
    "two_row_heads": [("matplotlib", 41), ("reportlab", 210)],
    # a group head whose widened span reaches the neighbour's head ("Betriebskosten" beside "angemessene
    # Bruttokaltmiete monatlich" over "bis 31.12. | ab 01.01."), version sub-heads under a higher group head, and a
    # cell "angemessene Wohnfläche Netto-Kaltmiete" that is two heads, not one over "m² | monatlich"
    "group_head_neighbours": [("reportlab", 1130), ("reportlab", 1054), ("matplotlib", 1175)],
    # value columns set closer than the clustering tolerance ("50" beside "6,10 €/m²")
    # (was: "zwei Zahlen in einer Spalte")
    "tight_columns": [("matplotlib", 13), ("matplotlib", 85)],
    # a narrow value set flush under a wide head ("63 €" under "für jede weitere Person", an area "95" under
    # "5-Personen-Haushalt") belongs to that head, not to the neighbour whose centre is nearer
    "value_under_wide_head": [("reportlab", 142), ("reportlab", 146), ("matplotlib", 157), ("reportlab", 12)],
    # a running number beside a "jede / weitere Person" label set over two lines is no household size (was: the
    # increment read as the 6-person Richtwert, "Nettokaltmiete 64,60 € … 6 Personen" refused as implausible)
    "running_number_two_line_increment": [("reportlab", 28), ("matplotlib", 209), ("reportlab", 124),
                                          ("matplotlib", 141), ("matplotlib", 71)],
    # a table by household size that holds no Richtwert, its caption ("Umzugskostenpauschale …:") at the foot of the
    # previous page (was: read as the Heizkosten table's continuation, "Heizkosten 764,00 €" refused)
    "other_table_caption_on_previous_page": [("reportlab", 292)],
    # the heads of a table per Vergleichsraum set as one text run longer than a prose line ("Wohnfläche Grundmiete
    # Betriebskosten Brutto-Kaltmiete Richtwert Bruttokaltmiete") over the value columns, the units on the line
    # below: they head the columns word by word (was: only the units, "mehrere Spalten bedeuten Bruttokaltmiete je m²"
    # or "die Spalte „je m²“ nennt keinen Mietbegriff")
    # (rw_ma_00063 of this shape: tests/test_richtwerte_rows.py)
    "heads_run_as_one_line": [("reportlab", 88), ("reportlab", 134)],
    # the only head of its line ("Gesamtmiete inkl. Heizkosten") set off the centre of the version sub-heads
    # "bisher | neu" beneath it, reaching neither: it heads both (was: "die Spalte „neu“ nennt keinen Mietbegriff")
    # (and rw_re_00154: a unit line "in €/m²" alone under "kalte Betriebskosten", above "alt | neu | Differenz",
    # heads nothing but its own column)
    "lone_head_over_version_sub_heads": [("reportlab", 72), ("reportlab", 154)],
}
SHAPES = {
    "group_head_over_version_columns": lambda p: _sizes(p) and p.get("old_new"),
    "size_column_beside_running_number": lambda p: _sizes(p) and p.get("running_number"),
    "glued_heads": lambda p: p.get("orientation") == "sizes",
    "two_row_heads": lambda p: p.get("orientation") == "sizes_regions",
    "group_head_neighbours": lambda p: p.get("orientation") == "sizes",
    "tight_columns": lambda p: _sizes(p),
    "value_under_wide_head": lambda p: p.get("orientation") == "regions",
    "running_number_two_line_increment": lambda p: _sizes(p) and p.get("running_number") and p.get("label_lines") == 2,
    "other_table_caption_on_previous_page": lambda p: p.get("other_table") and p.get("pages", 1) >= 2,
    "heads_run_as_one_line": lambda p: p.get("orientation") == "sizes_regions",
    "lone_head_over_version_sub_heads": lambda p: _sizes(p) and p.get("old_new"),
}


@pytest.fixture(scope="module")
def out_dir(tmp_path_factory):
    return tmp_path_factory.mktemp("columns")


@pytest.mark.parametrize("cause,producer,seed", [(c, p, s) for c, docs in CASES.items() for p, s in docs],
                         ids=lambda v: str(v))
def test_column_meaning_read_exactly(cause, producer, seed, out_dir):
    doc = generate(seed, out_dir, producer=producer, negative=False)
    assert SHAPES[cause](doc.params), (doc.doc_id, "the generator no longer draws this shape")
    outcome = run(doc, extract_richtwerte)
    assert outcome.status == "exact", f"{doc.doc_id}: {outcome.status}: {'; '.join(outcome.differences[:5]) or outcome.message}"


def test_version_sub_heads():
    for text in ("neu", "bisherige Werte", "Differenz", "ab 01.01.", "bis 31.12.", "Veränderung", "alt"):
        assert cols.is_version(text), text
    for text in ("monatlich", "€/m²", "Richtwerte ab Inkrafttreten", "Wohnfläche", "2 Personen", "Bruttokaltmiete neu"):
        assert not cols.is_version(text), text


def _cell(x0, x1, row=0):
    return Cell("1,00", x0, x1, 10.0 * row, 10.0 * row + 8)


def test_value_anchors_split_a_cluster_only_where_rows_hold_two_cells():
    rows = [[_cell(191, 199, k), _cell(202, 234, k), _cell(301, 340, k)] for k in range(5)]
    assert len(header.value_anchors(rows)) == 3  # "50" and "6,10 €/m²" are two columns
    single = [[_cell(191 + k, 199 + k, k), _cell(301, 340, k)] for k in range(5)]
    assert len(header.value_anchors(single)) == 2
    once = [[_cell(191, 199, 0), _cell(202, 234, 0)]] + [[_cell(200, 230, k)] for k in range(1, 5)]
    assert len(header.value_anchors(once)) == 1  # one row with two cells: no column of its own, the row is refused


def test_value_goes_to_the_only_head_it_stands_under():
    anchors = header.HeadAnchors.of([Cell("5 P.", 276, 294, 0), Cell("für jede weitere Person", 302, 371, 0)])
    assert header.column_of(Cell("63 €", 302, 316, 20), anchors, nearest=0) == 1
    assert header.column_of(Cell("591 €", 270, 290, 20), anchors, nearest=0) == 0
    assert header.column_of(Cell("7", 295, 301, 20), anchors, nearest=0) == 0  # touches both heads: the nearest


def test_lone_head_over_version_sub_heads_heads_them_all():
    anchors = [498.0, 743.0]
    group = Line(201, 211, cells=[Cell("Gesamtmiete inkl. Heizkosten", 485, 597, 201, 211)])
    subs = Line(218, 228, cells=[Cell("Personen", 64, 100, 218, 228), Cell("bisher", 407, 430, 218, 228),
                                 Cell("neu", 656, 671, 218, 228)])
    labels = header.header_labels([group, subs], anchors, 475, 69)
    assert labels == {0: ["Gesamtmiete inkl. Heizkosten", "bisher"], 1: ["Gesamtmiete inkl. Heizkosten", "neu"]}
    # a head beside another head of its line stays the head of its own column
    two = Line(201, 211, cells=[Cell("Gesamtmiete", 485, 530, 201, 211), Cell("Heizkosten", 700, 760, 201, 211)])
    labels = header.header_labels([two, subs], anchors, 475, 69)
    assert labels == {0: ["Gesamtmiete", "bisher"], 1: ["Heizkosten", "neu"]}
