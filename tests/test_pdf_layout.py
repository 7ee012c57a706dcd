"""Generic geometry helpers: lines, cells, column positions."""

from pathlib import Path

import pdfplumber
import pytest

from kdu_analysis.pdf.layout import cluster_positions, group_lines, nearest_anchor, page_lines, split_cells

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
