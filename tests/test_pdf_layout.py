"""Generic geometry helpers: lines, cells, column positions, ruled vs borderless, tables over page breaks."""

from pathlib import Path

import pdfplumber
import pytest

from kdu_analysis.pdf.layout import (
    cluster_positions, column_positions, group_lines, nearest_anchor, page_lines, ruled_tables, split_cells,
    stitch_tables, table_kind,
)

FIX = Path(__file__).resolve().parent / "fixtures"


def _word(text, x0, top, width=None):
    width = width if width is not None else 5.0 * len(text)
    return {"text": text, "x0": x0, "x1": x0 + width, "top": top, "bottom": top + 9}


def test_words_group_into_lines_within_tolerance_and_sort_by_x():
    words = [_word("2 Personen", 200, 100.8), _word("1 Person", 120, 100), _word("VR 1", 40, 120.5), _word("400 €", 120, 121)]
    lines = group_lines(words, tolerance=3.0)
    assert [[w["text"] for w in ln.words] for ln in lines] == [["1 Person", "2 Personen"], ["VR 1", "400 €"]]


def test_cells_split_at_gaps_wider_than_gap():
    line = group_lines([_word("Stadt", 40, 50, 25), _word("Freiberg", 68, 50, 40), _word("329,50", 200, 50, 30)])[0]
    cells = split_cells(line, gap=7.0)
    assert [c.text for c in cells] == ["Stadt Freiberg", "329,50"]
    assert cells[1].center == pytest.approx(215)


def test_cluster_positions_and_nearest_anchor():
    assert cluster_positions([100, 310, 102, 205, 98, 207], tolerance=5) == pytest.approx([100, 206, 310])
    anchors = [100, 206, 310]
    assert nearest_anchor(210, anchors, spacing=100) == 1
    assert nearest_anchor(153, anchors, spacing=60) is None  # further than 0.6 × spacing from every column
    assert nearest_anchor(5, [], spacing=100) is None


def test_column_positions_need_support_from_several_lines():
    words = [_word("VR 1", 40, 100), _word("400", 200, 100), _word("530", 300, 100),
             _word("VR 2", 40, 120), _word("370", 201, 120), _word("480", 299, 120),
             _word("Fußnote", 420, 140)]
    lines = group_lines(words)
    for line in lines:
        line.cells = split_cells(line, 7.0)
    xs = column_positions(lines, min_support=2)
    assert len(xs) == 3 and xs[1] == pytest.approx(208.0)


@pytest.mark.parametrize(("name", "kinds"), [
    ("richtwerte/meissen_2025.pdf", ["ruled"]),            # reportlab grid
    ("richtwerte/goerlitz_2026.pdf", ["ruled", "ruled"]),  # grid continued on page 2
    ("richtwerte/dresden_2025.pdf", ["borderless"]),       # LibreOffice list without rules
    ("richtwerte/mittelsachsen_2023.pdf", ["borderless"]),
    ("broken/ohne_tabelle.pdf", [None]),                   # prose only
])
def test_table_kind_tells_ruled_from_borderless(name, kinds):
    with pdfplumber.open(FIX / name) as pdf:
        assert [table_kind(page) for page in pdf.pages] == kinds


def test_table_over_a_page_break_is_stitched_without_the_repeated_header():
    with pdfplumber.open(FIX / "richtwerte/goerlitz_2026.pdf") as pdf:
        parts = [ruled_tables(page)[0] for page in pdf.pages]
    assert parts[0][0] == parts[1][0]  # the header is repeated on page 2
    table = stitch_tables(parts, header_rows=1)
    assert table[0][0] == "Planungsraum" and [r[0] for r in table].count("Planungsraum") == 1
    assert [r[0] for r in table[1:]] == ["PR 1", "PR 1 Z (Weißwasser)", "PR 2", "PR 2 Z (Niesky)", "PR 3 (Görlitz)",
                                         "PR 4", "PR 4 Z (Löbau)", "PR 5", "PR 5 Z (Zittau)"]
    # Görlitz 2026, kdu_documents.md §2.10: PR 4 1 P 293,76 €; PR 1 1 P 323,95 €
    assert table[1][1] == "323,95 €" and table[6][1] == "293,76 €"


def test_stitch_keeps_a_continuation_without_header_and_whitespace_differences_match():
    parts = [[["VR", "1 P"], ["A", "1"]], [["VR ", " 1  P"], ["B", "2"]], [["C", "3"]]]
    assert stitch_tables(parts) == [["VR", "1 P"], ["A", "1"], ["B", "2"], ["C", "3"]]
    assert stitch_tables([]) == []


def test_page_lines_on_a_real_page():
    with pdfplumber.open(FIX / "richtwerte/meissen_2025.pdf") as pdf:
        lines = page_lines(pdf.pages[0])
    texts = [ln.text for ln in lines]
    assert any(t.startswith("VR I ") for t in texts)
    assert all(ln.cells for ln in lines)


def test_vertical_rule_separates_words_closer_than_the_gap():
    line = group_lines([_word("BKM", 58, 100, 22), _word("313,44", 84, 100, 30), _word("388,20", 117, 100, 30)])[0]
    assert [c.text for c in split_cells(line, gap=7.0)] == ["BKM 313,44 388,20"]
    assert [c.text for c in split_cells(line, gap=7.0, rules=[82.0, 115.5])] == ["BKM", "313,44", "388,20"]


@pytest.mark.parametrize("direction", [0, 90, 180, 270])
def test_box_to_page_turns_a_box_back(direction):
    from kdu_analysis.pdf.layout import box_to_page

    width, height = 595.0, 842.0
    x0, x1, top, bottom = 100.0, 160.0, 200.0, 212.0  # a word on the page
    # the same word in the turned coordinates of upright_chars
    turned = {0: (x0, top, x1, bottom), 90: (height - bottom, x0, height - top, x1),
              270: (top, width - x1, bottom, width - x0), 180: (width - x1, height - bottom, width - x0, height - top)}
    assert box_to_page(turned[direction], direction, width, height) == pytest.approx((x0, top, x1, bottom))
