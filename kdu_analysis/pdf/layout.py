"""Geometry on pdfplumber words: text lines, cells by x-gaps. KdU-agnostic.

* ``page_lines(page)`` → list of :class:`Line` (words grouped by baseline), each with ``cells``:
  runs of words separated by less than ``gap`` points, with their x-extent.
* ``Cell.center`` is used to align value cells with header cells.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Cell:
    text: str
    x0: float
    x1: float
    top: float

    @property
    def center(self) -> float:
        return (self.x0 + self.x1) / 2


@dataclass
class Line:
    top: float
    bottom: float
    words: list[dict] = field(default_factory=list)
    cells: list[Cell] = field(default_factory=list)

    @property
    def text(self) -> str:
        return " ".join(c.text for c in self.cells)


def group_lines(words: list[dict], tolerance: float = 3.0) -> list[Line]:
    """Group words whose ``top`` lies within ``tolerance`` points into lines, top to bottom."""
    lines: list[Line] = []
    for word in sorted(words, key=lambda w: (round(w["top"]), w["x0"])):
        if lines and abs(word["top"] - lines[-1].top) <= tolerance:
            lines[-1].words.append(word)
            lines[-1].bottom = max(lines[-1].bottom, word["bottom"])
        else:
            lines.append(Line(top=word["top"], bottom=word["bottom"], words=[word]))
    for line in lines:
        line.words.sort(key=lambda w: w["x0"])
    return lines


def split_cells(line: Line, gap: float) -> list[Cell]:
    cells: list[Cell] = []
    for word in line.words:
        if cells and word["x0"] - cells[-1].x1 < gap:
            cell = cells[-1]
            cell.text += " " + word["text"]
            cell.x1 = max(cell.x1, word["x1"])
        else:
            cells.append(Cell(word["text"], word["x0"], word["x1"], word["top"]))
    return cells


def page_lines(page, gap: float = 7.0, tolerance: float = 3.0) -> list[Line]:
    """Text lines of a page with their cells (word runs separated by at least ``gap`` points)."""
    words = page.extract_words(keep_blank_chars=False, use_text_flow=False, x_tolerance=1.5, y_tolerance=2)
    lines = group_lines(words, tolerance)
    for line in lines:
        line.cells = split_cells(line, gap)
    return lines
