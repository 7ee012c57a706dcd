"""The column heads of a Richtwert table by household size: which header words stand over which value column.

Three things printed headers do that a reader has to undo before a head names its column:

* heads of neighbouring columns set so close that the page's words run into one cell ("Wohnfläche m² kalte
  Betriebskosten je m²"): the cell is split where the word gap is wider than a word space, or where a word starts
  on the left edge (ends on the right edge) of a column whose values are set flush left (right);
* a group head over version sub-heads ("Bruttokaltmiete" over "neu | bisher | Differenz") that is narrower than
  the columns it heads: it heads the whole run of version sub-heads under it;
* a head set at mid-height beside two-line heads ("Heizkosten" between "Gesamtmiete" / "monatlich"): a sub-head
  that stands directly under another head is that head's, never a sub-head of the neighbour.
"""

from __future__ import annotations

import re

from kdu_analysis.loaders import richtwert_columns as cols
from kdu_analysis.pdf.layout import Cell, Line, position_groups

_WIDE_GAP_EM = 0.6  # a word space is 0.25-0.32 em; heads of two columns set closer than the cell gap are further apart
_EDGE_TOL = 1.0  # pt: a head word starting (ending) on a flush column edge
_TOUCH = 2.0  # pt: a value this close to a head's extent stands under it ...
_CLEAR = 5.0  # pt: ... when every other head keeps at least this gap
_AREA_HEAD = re.compile(r"(?i)wohnfläche|fläche|wohnungsgröße")
_RENT_WORD = re.compile(r"(?i)miete|kosten|\b(nkm|bkm|bk)\b|€|eur")


def column_edges(columns: list[list[Cell]]) -> list[tuple[float | None, float | None]]:
    """Per value column (its cells, any rows), the left edge if its values are set flush left, the right edge if
    flush right (``None`` where the edge is ragged; a column of one cell has no known alignment)."""
    edges = []
    for cells in columns:
        if len(cells) < 2:
            edges.append((None, None))
            continue
        x0s, x1s = [c.x0 for c in cells], [c.x1 for c in cells]
        left = min(x0s) if max(x0s) - min(x0s) <= 0.6 else None
        right = max(x1s) if max(x1s) - min(x1s) <= 0.6 else None
        edges.append((left, right))
    return edges


def words_of(line: Line, cell: Cell) -> list[dict]:
    """The words of ``line`` inside ``cell``."""
    return [w for w in line.words if w["x0"] >= cell.x0 - 0.5 and w["x1"] <= cell.x1 + 0.5]


def split_glued(line: Line, cell: Cell, anchor_x: list[float], edges) -> list[Cell]:
    """``cell`` as the heads it holds: split at a gap wider than a word space, or at a flush column edge. Only a
    cell over two or more value columns is split (one head over one column stays whole)."""
    covered = [x for x in anchor_x if cell.x0 - 3 <= x <= cell.x1 + 3]
    words = words_of(line, cell)
    if len(covered) < 2 or len(words) < 2:
        return [cell]
    lefts = [left for left, _ in edges or [] if left is not None]
    rights = [right for _, right in edges or [] if right is not None]
    pieces: list[list[dict]] = [[words[0]]]
    for a, b in zip(words, words[1:]):
        height = max(a["bottom"] - a["top"], b["bottom"] - b["top"], 1.0)
        wide = b["x0"] - a["x1"] >= _WIDE_GAP_EM * height
        edge = any(abs(b["x0"] - x) <= _EDGE_TOL for x in lefts) or any(abs(a["x1"] - x) <= _EDGE_TOL for x in rights)
        if wide or edge:
            pieces.append([b])
        else:
            pieces[-1].append(b)
    return [Cell.of_words(p) for p in pieces] if len(pieces) > 1 else [cell]


def _covers(head: Cell, cell: Cell) -> bool:
    return head.x0 - 3 <= cell.center <= head.x1 + 3


def header_labels(header_lines: list[Line], anchor_x: list[float], first_x0: float,
                  label_x1: float | None = None, edges=None) -> dict[int, list[str]]:
    """The header words over each value column. A head reaching over several columns heads all of them when a later
    header line splits its span into sub-heads ("Richtwert Bruttokaltmiete" over "aktuell | neu | Differenz");
    otherwise its words go to the column each stands over (heads set too close to split into cells). A cell over
    one column (or none) heads the column nearest to it. ``edges``: :func:`column_edges` of the value columns."""
    labels: dict[int, list[str]] = {i: [] for i in range(len(anchor_x))}
    if not anchor_x:
        return labels

    def nearest(x):
        return min(range(len(anchor_x)), key=lambda i: abs(anchor_x[i] - x))

    def columns_of(cell):
        covered = [i for i, x in enumerate(anchor_x) if cell.x0 - 3 <= x <= cell.x1 + 3]
        return covered if covered else [nearest(cell.center)]

    def label_column(cell):
        if label_x1 is None:
            return cell.x1 < first_x0 - 20
        return cell.x1 <= label_x1 + 5 or cell.center < (label_x1 + first_x0) / 2

    rows = [[p for c in hl.cells for p in split_glued(hl, c, anchor_x, edges) if not label_column(p)]
            for hl in header_lines]

    def single(o):  # a head over one column at most
        return len([x for x in anchor_x if o.x0 - 3 <= x <= o.x1 + 3]) <= 1 and not cols.is_version(o.text)

    for k, (hl, cells) in enumerate(zip(header_lines, rows)):
        for cell in cells:
            covered = [i for i, x in enumerate(anchor_x) if cell.x0 - 3 <= x <= cell.x1 + 3]
            half = (cell.x1 - cell.x0) / 2 + 5
            sub_columns: set[int] = set()
            # heads of one column on its own (they cover no version sub-head's neighbour)
            rivals = [h for h in cells if h is not cell and not any(
                _covers(h, c) and not cols.is_version(c.text) for r in rows[k + 1:] for c in r)]
            for j in range(k + 1, len(rows)):
                above = [o for r in rows[:j] for o in r if o is not cell and single(o)]
                in_span = [c for c in rows[j] if cell.x0 - half <= c.center <= cell.x1 + half
                           and (_covers(cell, c) or not any(_covers(o, c) for o in above))]
                own = [c for c in in_span if _names_own(c.text)]
                if any(_covers(cell, c) for c in own):
                    sub_columns = set()  # heads naming their own measure or area stand under this cell: no group head
                    break
                in_span = [c for c in in_span if c not in own]  # a neighbour's head reached by the widened span
                if not in_span:
                    continue
                subs = [c for c in in_span if min(cells, key=lambda h: abs(h.center - c.center)) is cell]
                if any(cols.is_version(c.text) for c in subs):
                    if not any(_covers(cell, c) for c in subs) and any(
                            _covers(o, c) for r in rows[:j] for o in r if o is not cell for c in subs):
                        break  # version sub-heads under another group head: not this head's
                    subs = _version_run(rows[j], subs, rivals, cell, above)
                sub_columns = {i for c in subs for i in columns_of(c)}
                if len(sub_columns) >= 2:
                    break
            below = rows[k + 1] if k + 1 < len(rows) else []
            if len(sub_columns) < 2 and len(cells) == 1 and len(below) >= 2 and cols.measure_of(cell.text) \
                    and not any(_covers(o, cell) for r in rows[:k] for o in r) \
                    and all(cols.is_version(c.text) and not _names_own(c.text) for c in below):
                # the only head of its line, naming a rent concept and under no other head, over a line of nothing
                # but version sub-heads ("Gesamtmiete inkl. Heizkosten" over "bisher | neu"), set off their
                # centre: the head of them all
                sub_columns = {i for c in below for i in columns_of(c)}
            if len(sub_columns) >= 2 and len(covered) >= 2 and _two_heads(hl, cell, covered, anchor_x):
                sub_columns = set()  # "angemessene Wohnfläche Netto-Kaltmiete": two heads, no group head
            if len(sub_columns) >= 2:
                for i in sorted(sub_columns | set(covered)):
                    labels[i].append(cell.text)
            elif len(covered) >= 2:
                for word in words_of(hl, cell):
                    x = (word["x0"] + word["x1"]) / 2
                    labels[min(covered, key=lambda i: abs(anchor_x[i] - x))].append(word["text"])
            else:
                labels[covered[0] if covered else nearest(cell.center)].append(cell.text)
    return labels


def _names_own(text: str) -> bool:
    """A head naming a rent concept or the area: a column head of its own, never a group head's sub-head."""
    return bool(cols.measure_of(text) or (_AREA_HEAD.search(text) and not cols.is_per_m2(text)))


def _two_heads(line: Line, cell: Cell, covered: list[int], anchor_x: list[float]) -> bool:
    """Whether the words of ``cell``, each given to the column it stands nearest, name an area over one column and
    a rent concept over another (two heads set too close to split, not one head over both)."""
    parts: dict[int, list[str]] = {}
    for word in words_of(line, cell):
        x = (word["x0"] + word["x1"]) / 2
        parts.setdefault(min(covered, key=lambda i: abs(anchor_x[i] - x)), []).append(word["text"])
    texts = [" ".join(t) for t in parts.values()]
    return len(texts) >= 2 and any(_AREA_HEAD.search(t) and not _RENT_WORD.search(t) for t in texts) \
        and any(cols.measure_of(t) and not _AREA_HEAD.search(t) for t in texts)


def _version_run(line_cells: list[Cell], subs: list[Cell], rivals: list[Cell], cell: Cell,
                 above: list[Cell]) -> list[Cell]:
    """The sub-heads a group head over version columns heads: the unbroken run of version sub-heads ("neu",
    "bisher", "Differenz", "ab 01.01.") its own sub-heads belong to, less those nearer another group head of its
    line (``rivals``) or standing directly under a head of one column (``above``)."""
    heads = [cell, *rivals]
    ordered = sorted(line_cells, key=lambda c: c.x0)
    taken = {id(c) for c in subs}
    marks = [cols.is_version(c.text) for c in ordered]
    out = list(subs)
    for start, c in enumerate(ordered):
        if id(c) not in taken or not marks[start]:
            continue
        for step in (-1, 1):
            k = start + step
            while 0 <= k < len(ordered) and marks[k]:
                other = ordered[k]
                if min(heads, key=lambda h: abs(h.center - other.center)) is not cell \
                        or (not _covers(cell, other) and any(_covers(o, other) for o in above)):
                    break
                if id(other) not in taken:
                    taken.add(id(other))
                    out.append(other)
                k += step
    return out


def value_anchors(rows: list[list[Cell]], tolerance: float = 24.9) -> list[float]:
    """The x-centres of the value columns of a block of rows (each row: its value cells). Centres closer than
    ``tolerance`` form one column, unless one row has two cells in it: then the columns were set tighter than
    ``tolerance`` (an area "50" beside "6,10 €/m²"), and the group is split at its widest gap as long as each
    part holds cells of at least three rows (else it stays one column, and the reader refuses the row)."""
    out: list[float] = []
    for group in position_groups(rows, tolerance):
        out.extend(sum(x for x, _ in g) / len(g) for g in _split_doubled(group, min(3, len(rows))))
    return out


def _split_doubled(group: list[tuple[float, int]], support: int) -> list[list[tuple[float, int]]]:
    rows = [k for _, k in group]
    if len(rows) == len(set(rows)) or len(group) < 2:
        return [group]
    cut = max(range(1, len(group)), key=lambda i: group[i][0] - group[i - 1][0])
    left, right = group[:cut], group[cut:]
    if len({k for _, k in left}) < support or len({k for _, k in right}) < support:
        return [group]
    return _split_doubled(left, support) + _split_doubled(right, support)


class HeadAnchors(list):
    """The x-centres of a table's column heads (a list of floats, as the reader's column search expects) that also
    know each head's extent."""

    heads: list[tuple[float, float]]

    @classmethod
    def of(cls, cells: list[Cell]) -> "HeadAnchors":
        anchors = cls(c.center for c in cells)
        anchors.heads = [(c.x0, c.x1) for c in cells]
        return anchors


def column_of(cell: Cell, anchors, nearest: int | None) -> int | None:
    """The column of a value cell under heads of known extent: the head the cell stands under or touches when every
    other head keeps a clear gap from it (a narrow value set flush left or right under a wide head stands nearer to
    the neighbour's centre), else ``nearest`` (the reader's nearest-centre column)."""
    heads = getattr(anchors, "heads", None)
    if not heads:
        return nearest
    gaps = sorted((max(0.0, x0 - cell.x1, cell.x0 - x1), i) for i, (x0, x1) in enumerate(heads))
    if gaps[0][0] <= _TOUCH and (len(gaps) == 1 or gaps[1][0] >= _CLEAR):
        return gaps[0][1]
    return nearest


def previous_page_foot(above: list[Line], previous: list[Line] | None, numeric, furniture) -> list[Line]:
    """The lines at the foot of the previous page that head a table whose rows start this page: only when nothing but
    page furniture stands above the rows here; the lines after the previous page's last row or prose line
    (at most seven, none of them holding amounts)."""
    if previous is None or any(not furniture.fullmatch(ln.text) for ln in above):
        return []
    lines = [ln for ln in previous if not furniture.fullmatch(ln.text)]
    k = len(lines)
    while k > 0 and len(lines) - k < 7 and not numeric(lines[k - 1]) \
            and not (len(lines[k - 1].cells) == 1 and len(lines[k - 1].text) > 60):
        k -= 1
    return lines[k:]
