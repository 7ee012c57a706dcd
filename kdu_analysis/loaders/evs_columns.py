"""What the value columns of an EVS table mean: read from the header *as a whole*.

Both publication families print their column heads over several lines, hyphenated across lines
("regelbedarfs-" / "relevant", "Verbrauchs-" / "ausgaben"), and with group headers spanning several columns
("Haushalte mit Ausgaben" over "hochgerechnet (in 1000)" and "erfasst (Anzahl)"; "EUR/Monat" over the € columns).

* :func:`column_zones` — the horizontal zone of each value column (from the right edges of its number cells:
  numbers are right-aligned): from the previous column's right edge to its own.
* :func:`column_texts` — every header cell goes to the zones it overlaps by at least ``GROUP_SHARE`` of its
  width; a cell reaching into two zones is a group header and applies to both. The texts of a column are joined
  top to bottom with the hyphenation undone (:func:`join_header_lines`).
* :func:`column_name` — the vocabulary (:data:`VOCABULARY`): first matching entry wins, so specific meanings
  ("regelbedarfsrelevant", "hochgerechnet", "erfasst") come before the generic "Ausgaben"/"EUR".
"""

from __future__ import annotations

import re

from kdu_analysis.pdf.layout import Cell

#: (column, words that name it) — matched against the joined header text in lower case and, for hyphenated
#: words, without spaces. Order matters: first match wins.
VOCABULARY: list[tuple[str, tuple[str, ...]]] = [
    ("anteil_prozent", ("%", "prozent", "vom hundert", "v. h.")),  # share column: checked, not written (SHARE_COLUMNS)
    ("regelbedarfsrelevant_eur", ("regelbedarfsrelevant", "davon regel")),
    ("hochgerechnet_tsd", ("hochgerechnet", "in 1000", "in 1 000", "in tausend")),
    ("haushalte_erfasst", ("erfasst", "anzahl", "fallzahl")),
    ("ausgaben_erwachsene_eur", ("erwachsene",)),
    ("ausgaben_kind_eur", ("kind",)),
    ("ausgaben_eur", ("verbrauchsausgaben", "ausgaben", "insgesamt", "je haushalt", "eur", "euro")),
]
#: Columns that are recognised and checked but not written: the share of the regelbedarfsrelevant amount in the
#: expenditure ("Anteil in %") follows from the two € columns.
SHARE_COLUMNS = ("anteil_prozent",)
#: A header cell overlapping two zones by at least this share of its width each is a group header.
GROUP_SHARE = 0.15


def join_header_lines(parts: list[str]) -> str:
    """Header fragments top to bottom → one text; "regelbedarfs-" + "relevant" → "regelbedarfsrelevant",
    "Verbrauchs-" + "ausgaben" → "Verbrauchsausgaben" ("Haushalte mit" + "-gegenstände" stays apart)."""
    out = ""
    for part in (p.strip() for p in parts):
        if not part:
            continue
        if out.endswith(" -") and part[:1].isalpha():
            out += part
        elif out.endswith("-") and len(out) > 1 and out[-2].isalpha() and part[:1].islower() \
                and not re.match(r"(und|oder|bzw)\b", part):
            out = out[:-1] + part
        else:
            out = f"{out} {part}".strip()
    return out


def column_zones(rights: list[float]) -> list[tuple[float, float]]:
    """Zones ``(left, right)`` of columns with the given right edges (sorted); the first reaches one column
    width to the left."""
    if not rights:
        return []
    step = min((b - a for a, b in zip(rights, rights[1:])), default=80.0)
    lefts = [rights[0] - step] + rights[:-1]
    return list(zip(lefts, rights))


def _overlaps(cell: Cell, zones: list[tuple[float, float]]) -> list[float]:
    return [max(0.0, min(cell.x1, right) - max(cell.x0, left)) for left, right in zones]


def _group_hits(cell: Cell, overlaps: list[float]) -> list[int]:
    """The zones a header cell reaches into by at least ``GROUP_SHARE`` of its width (two or more: a group header)."""
    width = max(cell.x1 - cell.x0, 1.0)
    return [i for i, o in enumerate(overlaps) if o >= GROUP_SHARE * width]


def column_texts(header_cells: list[Cell], zones: list[tuple[float, float]]) -> list[str]:
    """The joined header text of each zone (group headers applied to every column they span)."""
    parts: list[list[tuple[float, float, str]]] = [[] for _ in zones]
    for cell in header_cells:
        overlaps = _overlaps(cell, zones)
        hits = _group_hits(cell, overlaps)
        if len(hits) == 1 or not hits:
            best = max(range(len(zones)), key=lambda i: overlaps[i]) if zones else None
            hits = [best] if best is not None and overlaps[best] > 0 else []
        for i in hits:
            parts[i].append((cell.top, cell.x0, cell.text))
    return [join_header_lines([t for _, _, t in sorted(p)]) for p in parts]


#: Columns a single header cell never names two of: a cell that does ("erfasst hochgerechnet") is two heads set so
#: close that the text extraction joined them – a group header names what its columns share, not each of them.
DISTINCT_COLUMNS = ("regelbedarfsrelevant_eur", "hochgerechnet_tsd", "haushalte_erfasst")


def _names_in(text: str) -> set[str]:
    """Every column of :data:`VOCABULARY` the header text names (lower case; hyphenated words also without spaces)."""
    low = " ".join(text.lower().split())
    squashed = low.replace("- ", "").replace(" ", "")
    return {name for name, words in VOCABULARY if any(w in low or w.replace(" ", "") in squashed for w in words)}


def joined_heads(header_cells: list[Cell], zones: list[tuple[float, float]]) -> list[str]:
    """Header cells over several columns that name two distinct columns (two heads joined into one cell): their
    order cannot be proved from the joined text, so the caller refuses the table instead of guessing."""
    out = []
    for cell in header_cells:
        if len(_group_hits(cell, _overlaps(cell, zones))) >= 2 and len(_names_in(cell.text) & set(DISTINCT_COLUMNS)) >= 2:
            out.append(cell.text)
    return out


def column_name(text: str, used: set[str]) -> str | None:
    """The column a header text names (``None``: unknown); a name already used is not given twice."""
    named = _names_in(text)
    return next((name for name, _words in VOCABULARY if name in named and name not in used), None)
