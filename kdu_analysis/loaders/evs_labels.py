"""Which row a wrapped label line of an EVS table belongs to — proved from the geometry, or refused.

The label column ("Gegenstand der Nachweisung") wraps; the values stand on one line of the row. Where that line
is depends on the layout: top-aligned cells put the values on the first label line, bottom-aligned on the last,
vertically centred cells between two label lines (or on the middle one). Only *some* labels wrap, so a table
gives few hints. The steps:

1. **Row bands** (:func:`bands`): consecutive lines are in one band while they are set tightly (line spacing,
   not cell padding) and no horizontal rule runs between them — text is never glued across a ruled row boundary.
2. A band with one value line is one row: all its lines belong to it.
3. A band with several value lines (tables without cell padding) is split by each alignment that is
   *consistent* with it (:func:`assign`): ``top`` (a line belongs to the value line above), ``bottom`` (the
   one below), ``middle`` (the nearest value line, no tie, the row's lines set symmetrically around it). An
   alignment is rejected when it gives a row two codes or splits a label where it visibly goes on (a line
   ending in "und", "für", ",", "-", an open bracket; a next line starting in lower case).
4. If the consistent alignments disagree, the alignment the other bands of the same document prove
   (:func:`proved_mode`: one-row bands, or bands only one alignment fits) decides when it is a single one; otherwise the label is not provable and :class:`AmbiguousLabel` is raised (the reader refuses the
   table naming page and row, instead of writing a cut label).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

#: a label line ending like this goes on in the next line
_DANGLING_RE = re.compile(r"(?:\b(?:und|oder|sowie|bzw\.?|für|im|in|von|vom|mit|der|die|das|den|dem|des|an|am|auf|aus|"
                          r"bei|zu|zur|zum|nach|ohne|einschl\.?|einschließlich|u\.|inkl\.?)|[-,(/–:])$", re.IGNORECASE)
PREVIOUS = -1  # the line continues the last row of an earlier page
NEXT = -2  # the line begins the first row of the next page
MODES = ("top", "bottom", "middle")


@dataclass
class Item:
    """One table line: where it stands and what it carries (``ref`` is the caller's own data)."""

    seite: int
    top: float
    bottom: float
    label: str
    has_values: bool
    has_code: bool
    ref: object = None

    @property
    def center(self) -> float:
        return (self.top + self.bottom) / 2

    @property
    def height(self) -> float:
        return max(self.bottom - self.top, 1.0)


@dataclass
class AmbiguousLabel(Exception):
    """A label line that cannot be given to one row with certainty."""

    item: Item
    rows: list[Item] = field(default_factory=list)  # the value lines it could belong to


def bands(items: list[Item], rules: list[float]) -> list[list[Item]]:
    """Split consecutive lines of one page into row bands: a wide gap (cell padding) or a horizontal rule between
    two lines ends a band."""
    out: list[list[Item]] = []
    for item in items:
        if out:
            upper = out[-1][-1]
            tight = item.top - upper.bottom <= 0.6 * upper.height
            ruled = any(upper.bottom - 0.8 <= y <= item.top + 0.8 for y in rules)
            if tight and not ruled:
                out[-1].append(item)
                continue
        out.append([item])
    return out


def observed_mode(band: list[Item]) -> str | None:
    """The alignment a one-row band shows (``None``: it shows none)."""
    anchors = [i for i, it in enumerate(band) if it.has_values]
    if len(anchors) != 1 or len(band) < 2:
        return None
    k = anchors[0]
    others = [i for i, it in enumerate(band) if i != k and (it.label or it.has_code)]
    if not others:
        return None
    if all(i > k for i in others):
        return "top"
    if all(i < k for i in others):
        return "bottom"
    return "middle" if _symmetric(band[k], [band[i] for i in others]) else None


def proved_mode(band: list[Item]) -> str | None:
    """The alignment a band proves: the one alignment of a one-row band (:func:`observed_mode`), or the only
    alignment consistent with a band of several rows that has wrapped lines."""
    if sum(1 for it in band if it.has_values) < 2:
        return observed_mode(band)
    if all(it.has_values for it in band):
        return None
    valid = [m for m in MODES if _mode_assignment(band, m, False, False) is not None]
    return valid[0] if len(valid) == 1 else None


def _symmetric(anchor: Item, lines: list[Item]) -> bool:
    offsets = [it.center - anchor.center for it in lines]
    if anchor.label:
        offsets.append(0.0)
    return abs(min(offsets) + max(offsets)) <= 0.35 * anchor.height


def _mode_assignment(band: list[Item], mode: str, first_on_page: bool, last_on_page: bool) -> list[int] | None:
    anchors = [i for i, it in enumerate(band) if it.has_values]
    out: list[int] = []
    for i, it in enumerate(band):
        if it.has_values:
            out.append(i)
            continue
        above = [a for a in anchors if a < i]
        below = [a for a in anchors if a > i]
        if mode == "top":
            target = above[-1] if above else (PREVIOUS if first_on_page else None)
        elif mode == "bottom":
            target = below[0] if below else (NEXT if last_on_page else None)
        else:
            dist = sorted((abs(band[a].center - it.center), a) for a in anchors)
            if len(dist) > 1 and dist[1][0] - dist[0][0] < 1.0:
                target = None  # as near to one row as to the other
            else:
                target = dist[0][1]
        if target is None:
            return None
        out.append(target)
    if mode == "middle":
        for a in anchors:
            mine = [band[i] for i, t in enumerate(out) if t == a and i != a]
            if mine and not _symmetric(band[a], mine):
                return None
    # one code per row
    for a in set(out):
        if sum(1 for i, t in enumerate(out) if t == a and band[i].has_code) > 1:
            return None
    # never split a label where it visibly goes on
    labelled = [i for i, it in enumerate(band) if it.label]
    for i, j in zip(labelled, labelled[1:]):
        if out[i] != out[j] and (_DANGLING_RE.search(band[i].label.strip()) or band[j].label.strip()[:1].islower()
                                 or band[i].label.count("(") > band[i].label.count(")")):
            return None
    return out


def assign(band: list[Item], hint: set[str], first_on_page: bool, last_on_page: bool) -> list[int]:
    """For each line of ``band`` the index (in ``band``) of the value line it belongs to, or :data:`PREVIOUS` /
    :data:`NEXT`. ``hint``: the alignments seen in the document's one-row bands. Raises :class:`AmbiguousLabel`."""
    anchors = [i for i, it in enumerate(band) if it.has_values]
    if len(anchors) == 1:
        k = anchors[0]
        if first_on_page and hint == {"top"} and k > 0 and not any(it.has_code for it in band[:k]):
            return [PREVIOUS] * k + [k] * (len(band) - k)  # a row of the previous page goes on here
        if last_on_page and hint == {"bottom"} and k < len(band) - 1 and not any(it.has_code for it in band[k + 1:]):
            return [k] * (k + 1) + [NEXT] * (len(band) - k - 1)
        return [k] * len(band)
    valid = {m: a for m in MODES if (a := _mode_assignment(band, m, first_on_page, last_on_page)) is not None}
    distinct = {tuple(a) for a in valid.values()}
    if len(distinct) == 1:
        return list(distinct.pop())
    hinted = [m for m in valid if m in hint]
    if len(hint) == 1 and hinted:
        return valid[hinted[0]]
    # name the first line the alignments disagree on (or the first wrapped line when none fits)
    candidates = list(valid.values())
    for i, it in enumerate(band):
        if it.has_values:
            continue
        targets = {a[i] for a in candidates}
        if len(targets) != 1 or not candidates:
            rows = [band[a] for a in anchors if not candidates or a in targets] or [band[a] for a in anchors]
            raise AmbiguousLabel(it, rows)
    raise AmbiguousLabel(band[0], [band[a] for a in anchors])  # pragma: no cover - every band has a label line here
