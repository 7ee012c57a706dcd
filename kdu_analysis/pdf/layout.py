"""Geometry on pdfplumber words: text lines, cells, column positions, sideways text. KdU-agnostic.

Coordinates are pdfplumber's: points, ``x`` from the left, ``top`` from the top of the page.

* ``page_lines(page, gap=7.0, tolerance=3.0) -> list[Line]`` — words grouped into text lines by ``top``
  (within ``tolerance``), each line split into :class:`Cell` s: runs of words separated by less than ``gap``.
* ``text_direction(page) -> 0 | 90 | 180 | 270``, ``upright_chars(page, direction)``, ``page_words(page, direction)``
  — text set sideways (a landscape table printed rotated on a portrait page) read in turned coordinates.
* ``box_to_page(box, direction, width, height)`` — a box in turned coordinates back on the page.
* ``group_lines(words, tolerance) -> list[Line]`` and ``split_cells(line, gap, rules=()) -> list[Cell]`` — the two
  steps; vertical ruling lines (``vertical_rules(page)``) also separate cells, so tight ruled tables split right.
* ``horizontal_rules(page) -> list[(y, x0, x1)]`` — horizontal ruling lines (row borders of a ruled table).
* ``cluster_positions(values, tolerance) -> list[float]`` — 1-D clustering (e.g. cell centres → column x).
* ``position_groups(cells_per_line, tolerance)`` — cell centres grouped as above, each with its line index.
* ``nearest_anchor(x, anchors, spacing, reach=0.6) -> int | None`` — which column a position belongs to, or
  ``None`` when it lies further than ``reach × spacing`` from every anchor.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from pdfplumber.utils import extract_words as pdfplumber_words


@dataclass
class Cell:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float | None = None  # None: unknown (cells made up by a caller); see :attr:`box`

    @property
    def box(self) -> tuple[float, float, float, float]:
        """(x0, top, x1, bottom); a cell without a known bottom is given one line height (10 pt)."""
        return (self.x0, self.top, self.x1, self.bottom if self.bottom is not None else self.top + 10.0)

    @property
    def center(self) -> float:
        return (self.x0 + self.x1) / 2

    @classmethod
    def of_words(cls, words: list[dict]) -> Cell:
        """One cell of consecutive pdfplumber words (left to right): their text joined by spaces, their box."""
        return cls(" ".join(w["text"] for w in words), words[0]["x0"], words[-1]["x1"], min(w["top"] for w in words),
                   max(w["bottom"] for w in words))


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


def split_cells(line: Line, gap: float, rules: list[float] = ()) -> list[Cell]:
    """Cells of a line: a new cell starts after a gap of ``gap`` points or more, or where a vertical
    ruling line (x-positions in ``rules``) runs between two words."""
    cells: list[Cell] = []
    for word in line.words:
        ruled = any(cells[-1].x1 - 0.5 <= x <= word["x0"] + 0.5 for x in rules) if cells else False
        if cells and word["x0"] - cells[-1].x1 < gap and not ruled:
            cell = cells[-1]
            cell.text += " " + word["text"]
            cell.x1 = max(cell.x1, word["x1"])
            cell.top = min(cell.top, word["top"])
            cell.bottom = max(cell.bottom, word["bottom"])
        else:
            cells.append(Cell(word["text"], word["x0"], word["x1"], word["top"], word["bottom"]))
    return cells


def _direction(char: dict) -> int:
    """Text direction of a character in degrees counter-clockwise: 0, 90, 180 or 270."""
    a, b = char["matrix"][0], char["matrix"][1]
    if abs(a) >= abs(b):
        return 0 if a >= 0 else 180
    return 90 if b > 0 else 270


def text_direction(page) -> int:
    """The direction most characters of ``page`` are set in (0 = upright, 90 = reading upwards, …)."""
    counts: dict[int, int] = {}
    for char in page.chars:
        if char.get("text", "").strip():
            counts[_direction(char)] = counts.get(_direction(char), 0) + 1
    return max(counts, key=counts.get) if counts else 0


def upright_chars(page, direction: int) -> list[dict]:
    """The characters set in ``direction``, with coordinates of the page turned so that they read upright
    (characters in other directions are left out)."""
    width, height = page.width, page.height
    out = []
    for char in page.chars:
        if _direction(char) != direction:
            continue
        x0, x1, top, bottom = char["x0"], char["x1"], char["top"], char["bottom"]
        if direction == 90:      # reads upwards: turn the page clockwise
            box = (height - bottom, height - top, x0, x1)
        elif direction == 270:   # reads downwards: turn the page counter-clockwise
            box = (top, bottom, width - x1, width - x0)
        elif direction == 180:
            box = (width - x1, width - x0, height - bottom, height - top)
        else:
            box = (x0, x1, top, bottom)
        out.append({**char, "x0": box[0], "x1": box[1], "top": box[2], "bottom": box[3],
                    "doctop": box[2], "upright": True})
    return out


def box_to_page(box: tuple[float, float, float, float], direction: int, width: float, height: float
                ) -> tuple[float, float, float, float]:
    """A box ``(x0, top, x1, bottom)`` in the turned coordinates of :func:`upright_chars` back on the page
    as pdfplumber sees it (the inverse of the turn for ``direction``)."""
    x0, top, x1, bottom = box
    if direction == 90:
        return (top, height - x1, bottom, height - x0)
    if direction == 270:
        return (width - bottom, x0, width - top, x1)
    if direction == 180:
        return (width - x1, height - bottom, width - x0, height - top)
    return box


def page_words(page, direction: int | None = None) -> list[dict]:
    """pdfplumber words of ``page``; for a page set sideways (``direction`` 90/180/270, detected when
    ``None``) the words of that direction in turned coordinates."""
    direction = text_direction(page) if direction is None else direction
    options = {"keep_blank_chars": False, "use_text_flow": False, "x_tolerance": 1.5, "y_tolerance": 2}
    if direction == 0:
        return page.extract_words(**options)
    chars = sorted(upright_chars(page, direction), key=lambda c: (round(c["top"]), c["x0"]))
    return pdfplumber_words(chars, **options)


def page_lines(page, gap: float = 7.0, tolerance: float = 3.0, direction: int | None = 0) -> list[Line]:
    """Text lines of a page with their cells (word runs separated by at least ``gap`` points).
    ``direction=None`` detects text set sideways and reads it turned upright (see :func:`page_words`)."""
    words = page_words(page, direction)
    lines = group_lines(words, tolerance)
    rules = vertical_rules(page) if not direction else []
    for line in lines:
        line.cells = split_cells(line, gap, [x for x, top, bottom in rules if top <= line.top + 1 and bottom >= line.bottom - 1])
    return lines


def vertical_rules(page, min_height: float = 6.0) -> list[tuple[float, float, float]]:
    """Vertical ruling lines of ``page`` (from lines and rectangle edges) as ``(x, top, bottom)``."""
    out = []
    for edge in page.edges:
        if edge.get("orientation") == "v" and edge["bottom"] - edge["top"] >= min_height:
            out.append((edge["x0"], edge["top"], edge["bottom"]))
    return out


def cluster_positions(values, tolerance: float) -> list[float]:
    """Means of groups of sorted values in which neighbours are at most ``tolerance`` apart."""
    groups: list[list[float]] = []
    for v in sorted(values):
        if groups and v - groups[-1][-1] <= tolerance:
            groups[-1].append(v)
        else:
            groups.append([v])
    return [sum(g) / len(g) for g in groups]


def position_groups(lines: list[list[Cell]], tolerance: float) -> list[list[tuple[float, int]]]:
    """Cell centres of a block of lines (each a list of cells) grouped like :func:`cluster_positions`, each centre
    with the index of its line."""
    groups: list[list[tuple[float, int]]] = []
    for x, k in sorted((c.center, k) for k, cells in enumerate(lines) for c in cells):
        if groups and x - groups[-1][-1][0] <= tolerance:
            groups[-1].append((x, k))
        else:
            groups.append([(x, k)])
    return groups


def nearest_anchor(x: float, anchors: list[float], spacing: float, reach: float = 0.6) -> int | None:
    """Index of the anchor nearest to ``x`` if it lies within ``reach × spacing``, else ``None``."""
    if not anchors:
        return None
    best = min(range(len(anchors)), key=lambda i: abs(anchors[i] - x))
    return best if abs(anchors[best] - x) <= spacing * reach else None


def horizontal_rules(page, min_width: float = 20.0) -> list[tuple[float, float, float]]:
    """Horizontal ruling lines of ``page`` (from lines and rectangle edges) as ``(y, x0, x1)``, top to bottom."""
    out = {(round(e["top"], 1), round(e["x0"], 1), round(e["x1"], 1)) for e in page.edges
           if e.get("orientation") == "h" and e["x1"] - e["x0"] >= min_width}
    return sorted(out)
