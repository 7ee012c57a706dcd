"""Read an EVS special-evaluation table into tidy rows (contracts §2), with provenance, flags and the law's check.

Two publication families, one reader driven by the header (build for the family, not for one page):

* Destatis *Sonderauswertung* tables ("lfd. Nr.", SEA codes of 2 to 7 digits such as ``0111 000``, households
  hochgerechnet (in 1000) and erfasst (Anzahl) under a group header, € per month, often "davon
  regelbedarfsrelevant"; bold Abteilung rows; several pages with the header repeated);
* the Abteilung tables of the Begründung of an RBEG (Bundestag-Drucksache): one table per Abteilung under a
  heading line, Verbrauchsausgaben and the regelbedarfsrelevant part per item, "Summe Abteilung …" rows, codes
  with a space, rows without a code, running headers with the Drucksache number, notes set vertically in the margin.

Steps: upright text lines and cells from word geometry (:mod:`kdu_analysis.pdf.layout`; running headers,
footers and sideways margin notes are left out); a header block is the run of tightly spaced word-only lines
around the line naming "Gegenstand der Nachweisung"; value columns are the clusters of right edges of the
number cells under all headers of the same layout; their meaning comes from the header *as a whole*
(:mod:`kdu_analysis.loaders.evs_columns`). Each cell is parsed strictly with
:func:`~kdu_analysis.pdf.numbers.parse_destatis_cell` — symbols become flags, never 0. Wrapped labels are joined
whether the values stand on the first or on the last line of a row; the Abteilung of a row comes from its code,
else from the "Abteilung …" heading above. Sum checks (:mod:`kdu_analysis.loaders.evs_checks`) and the check
against the law's §§ 5/6 sums (:mod:`kdu_analysis.loaders.evs_gesetz`) add flags and never drop a row. A value
that stands under no column refuses the document (nothing is guessed).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

import pandas as pd

from kdu_analysis.errors import InputError
from kdu_analysis.loaders.evs_checks import check_share, run_checks
from kdu_analysis.loaders.evs_columns import SHARE_COLUMNS, column_name, column_texts, column_zones, joined_heads
from kdu_analysis.loaders.evs_labels import NEXT, PREVIOUS, AmbiguousLabel, Item, assign, bands, proved_mode
from kdu_analysis.loaders.evs_gesetz import GESETZ_COLUMNS, LawCheck, check_against_law, identify_reference
from kdu_analysis.outputs import read_machine_csv
from kdu_analysis.pdf.document import check_glyphs, open_pdf, require_text_layer, sha256_file
from kdu_analysis.pdf.layout import Cell, Line, cluster_positions, page_lines
from kdu_analysis.pdf.numbers import DestatisCell, NumberFormatError, parse_destatis_cell

COLUMNS = ["abteilung", "code", "bezeichnung", "ausgaben_eur", "regelbedarfsrelevant_eur", "haushalte_erfasst",
           "unsicher", "nicht_ausgewiesen", "zeilenart", "seite"]
EXTRA_COLUMNS = ["hochgerechnet_tsd", "ausgaben_erwachsene_eur", "ausgaben_kind_eur", "lfd_nr", "zwischensumme",
                 "umfasst", "zeichen", "datei", "sha256", "hinweise"] + GESETZ_COLUMNS
AMOUNT_COLUMNS = ["ausgaben_eur", "regelbedarfsrelevant_eur", "ausgaben_erwachsene_eur", "ausgaben_kind_eur"]
COUNT_COLUMNS = ["haushalte_erfasst", "hochgerechnet_tsd"]
ALL_ABTEILUNGEN = tuple(f"{n:02d}" for n in range(1, 13))
#: a value cell belongs to the column whose right edge is at most this far from its own (points)
COLUMN_REACH = 6.0

_LABEL_HEAD_RE = re.compile(r"^gegenstand\b|\bnachweisung\b", re.IGNORECASE)
_FIXED_HEAD_RE = re.compile(r"^(gegenstand|nachweisung|der nachweisung|codes?|sea|coicop|lfd|laufende|nr\.?)\b", re.IGNORECASE)
_CODE_RE = re.compile(r"^\d{2,4}(?: ?\d{3})?$")
_NUMBERISH_RE = re.compile(r"^[\d\s.,()/–-]*\d[\d\s.,()/–-]*$")
_LFD_RE = re.compile(r"^\d{1,4}\.?$")
_HEADING_RE = re.compile(r"^Abteilung(?:en)?\s+(\d{1,2})(?:\s*(?:und|\+|,|bis)\s*(\d{1,2}))?\b", re.IGNORECASE)
_SUM_LABEL_RE = re.compile(r"^Summe\b", re.IGNORECASE)
_SUM_ABT_RE = re.compile(r"Abteilung(?:en)?\s+(\d{1,2})(?:\s*(?:und|\+|,|bis)\s*(\d{1,2}))?", re.IGNORECASE)
_GRAND_TOTAL_RE = re.compile(r"insgesamt|private(?:n)?\s+konsum(?:ausgaben)?\s*$|^summe\s+aller|^gesamtsumme"
                             r"|^summe\s+(?:der\s+)?(?:regelbedarfsrelevant\w*\s+)?verbrauchsausgaben", re.IGNORECASE)
_FOOTER_RE = re.compile(r"^(Zeichenerklärung|Quelle|Fußnote|Anmerkung|Testdokument für|\d\)\s|\*\s)", re.IGNORECASE)
#: running page headers and footers of both families: left out wherever they stand
_RUNNING_RE = re.compile(r"Drucksache\s+\d+/\d+|Deutscher\s+Bundestag|\bWahlperiode\b|^[–-]\s*\d+\s*[–-]$"
                         r"|^Seite\s+\d+(?:\s+von\s+\d+)?$|^\d{1,4}$|^noch:", re.IGNORECASE)
#: Code-less aggregate rows of the Destatis tables: label → Abteilungen they cover.
AGGREGATE_LABELS = {
    "nahrungsmittel, getränke, tabakwaren": ("01", "02"),
    "nahrungsmittel, getränke und tabakwaren": ("01", "02"),
}
#: a label-only line longer than this that runs into the value columns is prose, not a table row
_PROSE_MIN_CHARS = 40


@dataclass
class _Header:
    """One header block: where the fixed columns are, and the cells naming the value columns."""

    label_x: float
    label_right: float
    value_x0: float
    lfd_x: float | None
    code_x: float | None
    value_cells: list[Cell]
    signature: tuple
    columns: list[tuple[float, str]] = field(default_factory=list)  # (right edge, column name)


@dataclass
class _Row:
    seite: int
    lfd: str = ""
    code: str = ""
    label: str = ""
    cells: dict[str, DestatisCell] = field(default_factory=dict)
    printed: dict[str, str] = field(default_factory=dict)
    context: tuple[str, ...] = ()
    hinweise: list[str] = field(default_factory=list)


@dataclass
class EvsExtraction:
    """Result of :func:`extract_evs`: tidy rows plus document facts and the check against the law."""

    frame: pd.DataFrame
    layout: str  # "rbeg" (has a regelbedarfsrelevant column) or "destatis"
    titel: str
    datei: str
    sha256: str
    hinweise: list[str] = field(default_factory=list)
    gesetz: LawCheck | None = None


def _parses(text: str) -> bool:
    try:
        cell = parse_destatis_cell(text)
    except NumberFormatError:
        return False
    return cell.value is not None or cell.symbol is not None or cell.unsicher


def _is_header_like(line: Line) -> bool:
    text = line.text.strip()
    return bool(text) and not any(_parses(c.text) or _CODE_RE.match(c.text) for c in line.cells) \
        and not _HEADING_RE.match(text) \
        and not _FOOTER_RE.match(text) and not _RUNNING_RE.search(text)


def _tight(upper: Line, lower: Line) -> bool:
    return lower.top - upper.bottom <= 0.6 * max(upper.bottom - upper.top, 1.0)


def _group_line(upper: Line, lower: Line, anchor: Cell) -> bool:
    """A group header row set apart a little (cell padding): only over the value columns, at most three line
    heights above the next header line."""
    return all(c.x0 > anchor.x1 for c in upper.cells) and lower.top - upper.bottom <= 3 * max(upper.bottom - upper.top, 1.0)


def _continues_header(line: Line, anchor: Cell) -> bool:
    """A line below the label header belongs to the header if it names a fixed column ("Nachweisung", "Code",
    "lfd. Nr.") or stands over the value columns — not a label wrapped onto the next page ("Ähnliches")."""
    return any(c.x0 > anchor.x1 or _FIXED_HEAD_RE.match(c.text) for c in line.cells)


def _spans_label_start(line: Line, anchor: Cell) -> bool:
    """A title line set tightly above the header (no spacing in a DOCX) is no header line: one of its cells runs
    from the columns left of the label header across its start, as no header cell does."""
    return any(c.x0 < anchor.x0 - 20 and c.x1 > anchor.x0 + 20 for c in line.cells)


def _unit_line(line: Line, anchor: Cell) -> bool:
    """A header line whose words wrapped around a number ("hochgerechnet in" / "1000" beside "EUR/Monat"): only
    over the value columns, and some cell is a word, not a number."""
    return all(c.x0 > anchor.x1 for c in line.cells) and any(re.search(r"[A-Za-zÄÖÜäöüß]{2}", c.text) for c in line.cells)


def _header_blocks(lines: list[Line]) -> list[tuple[int, int]]:
    """Index ranges ``[start, end)`` of the header blocks of a page."""
    blocks: list[tuple[int, int]] = []
    k = 0
    while k < len(lines):
        if _is_header_like(lines[k]) and any(_LABEL_HEAD_RE.search(c.text) for c in lines[k].cells):
            start, end = k, k + 1
            floor = blocks[-1][1] if blocks else 0
            anchor = next(c for c in lines[k].cells if _LABEL_HEAD_RE.search(c.text))
            while start > floor and _is_header_like(lines[start - 1]) and not _spans_label_start(lines[start - 1], anchor) \
                    and (_tight(lines[start - 1], lines[start]) or _group_line(lines[start - 1], lines[start], anchor)):
                start -= 1
            while end < len(lines) and (_is_header_like(lines[end]) or _unit_line(lines[end], anchor)) \
                    and _tight(lines[end - 1], lines[end]) and _continues_header(lines[end], anchor):
                end += 1
            blocks.append((start, end))
            k = end
        else:
            k += 1
    return blocks


def _header(lines: list[Line]) -> _Header:
    cells = [c for line in lines for c in line.cells]
    anchor = next(c for c in cells if _LABEL_HEAD_RE.search(c.text))
    label_x = anchor.x0
    label_cells = [c for c in cells if abs(c.x0 - label_x) < 3]
    label_right = max(c.x1 for c in label_cells)
    left = [c for c in cells if c.x1 <= label_x + 1]
    lfd_x = next((c.x0 for c in left if c.text.lower().startswith(("lfd", "nr", "zeile", "laufende"))), None)
    code_x = next((c.x0 for c in left if c.text.lower().startswith(("code", "sea", "coicop"))), None)
    values = [c for c in cells if c.x0 > label_right]
    value_x0 = min((c.x0 for c in values), default=label_right + 40)
    signature = tuple(sorted((round(c.x0 / 4), c.text) for c in values))
    return _Header(label_x, label_right, value_x0, lfd_x, code_x, values, signature)


def _is_footer(line: Line) -> bool:
    return bool(_FOOTER_RE.match(line.text.strip()))


def _segment(pages: list[tuple[int, list[Line]]]) -> tuple[list[tuple[int, Line]], list[tuple[_Header, list[tuple[int, Line]]]]]:
    """Lines before the first header, and the tables: (header, body lines with page numbers). A table runs on
    over page breaks until the next header; footnotes end the page's part of it."""
    pre: list[tuple[int, Line]] = []
    blocks: list[tuple[_Header, list[tuple[int, Line]]]] = []
    title: set[str] = set()  # title lines of page 1, repeated on later pages
    for seite, lines in pages:
        lines = [ln for ln in lines if not _RUNNING_RE.search(ln.text.strip()) and ln.text.strip() not in title]
        heads = {start: end for start, end in _header_blocks(lines)}
        k, footer = 0, False
        while k < len(lines):
            if k in heads:
                blocks.append((_header(lines[k:heads[k]]), []))
                k, footer = heads[k], False
                continue
            line = lines[k]
            if _is_footer(line):
                footer = True
            elif not footer:
                (blocks[-1][1] if blocks else pre).append((seite, line))
                if not blocks and seite == 1 and not _HEADING_RE.match(line.text.strip()):
                    title.add(line.text.strip())
            k += 1
    return pre, blocks


def _value_cell(cell: Cell, head: _Header) -> bool:
    """A number or symbol in the value area — or something only made of number characters (read, then flagged
    as unreadable, never taken for a label)."""
    return cell.x1 > head.value_x0 and (_parses(cell.text) or bool(_NUMBERISH_RE.match(cell.text)))


def _assign_columns(blocks, path: Path) -> None:
    """Per header layout: value columns from the right edges of all its number cells, names from the header."""
    groups: dict[tuple, list] = {}
    for head, body in blocks:
        groups.setdefault(head.signature, []).append((head, body))
    for members in groups.values():
        cells = [(seite, c) for head, body in members for seite, line in body for c in line.cells if _value_cell(c, head)]
        rights = cluster_positions([c.x1 for _s, c in cells], tolerance=4.0)
        if not rights:
            continue
        support = [[(s, c) for s, c in cells if abs(c.x1 - r) <= 4.0] for r in rights]
        for group in support:
            if len(group) == 1 and max(len(g) for g in support) >= 3:  # one value out of line with every column
                seite, cell = group[0]
                raise InputError(f"Seite {seite}: der Wert '{cell.text}' der EVS-Tabelle in {path.name} steht zwischen "
                                 "den Spalten", remedy="Die Zuordnung wird nicht geraten; bitte die Tabelle prüfen")
        zones = column_zones(rights)
        for text in joined_heads(members[0][0].value_cells, zones):
            raise InputError(f"Seite {members[0][0].seite}: die Spaltenköpfe „{text}“ der EVS-Tabelle in {path.name} stehen so eng, dass sie als "
                             "ein Text gelesen werden; welche Spalte welche Größe enthält, ist nicht sicher",
                             remedy="Die Zuordnung wird nicht geraten; bitte die Tabelle mit größerem Abstand der "
                                    "Spaltenköpfe exportieren oder die Werte von Hand übernehmen")
        texts = column_texts(members[0][0].value_cells, zones)
        used: set[str] = set()
        columns = []
        for right, text in zip(rights, texts):
            name = column_name(text, used)
            if name is None:
                raise InputError(
                    f"Die Spalte '{text or '(ohne Überschrift)'}' der EVS-Tabelle in {path.name} ist keiner bekannten Größe "
                    "zuzuordnen", remedy="Erwartet werden Spalten wie 'hochgerechnet (in 1000)', 'erfasst (Anzahl)', "
                    "'Ausgaben EUR/Monat' und 'regelbedarfsrelevant'; bitte die Tabelle prüfen")
            used.add(name)
            columns.append((right, name))
        for head, _body in members:
            head.columns = columns


def _join_label(head: str, tail: str) -> str:
    if head.endswith(" -") and tail[:1].isalpha():  # "Haushaltsgeräte und -" + "gegenstände"
        return head + tail
    if head.endswith("-") and len(head) > 1 and head[-2].isalpha() and tail[:1].islower() \
            and not re.match(r"(und|oder|bzw)\b", tail):
        return head[:-1] + tail
    return f"{head} {tail}".strip()


def _left_role(cell: Cell, head: _Header) -> str:
    if head.lfd_x is None:
        return "code"
    if head.code_x is None:
        return "lfd"
    return "lfd" if abs(cell.x0 - head.lfd_x) < abs(cell.x0 - head.code_x) else "code"


def _split_line(line: Line, head: _Header):
    values = [c for c in line.cells if _value_cell(c, head)]
    left = [c for c in line.cells if c.x1 < head.label_x - 1 and c not in values]
    label = [c for c in line.cells if c not in values and c not in left]
    return values, left, label


def _label_left(blocks) -> None:
    """Where the label column really begins: header words are often centred over it ("Gegenstand der
    Nachweisung" far right of the labels), so the most common start of the first label cell of the rows with
    values is taken when it lies further left (a block without such rows, e.g. a lone grand total whose label
    is centred around its values, takes the start seen in the whole document)."""
    def common(starts: dict[int, int]) -> float | None:
        if not starts:
            return None
        best = max(starts.values())
        return float(min(k for k, n in starts.items() if n == best)) if best >= 2 or len(starts) == 1 else None

    per_block = []
    everywhere: dict[int, int] = {}
    for head, body in blocks:
        starts: dict[int, int] = {}
        for _s, line in body:
            if not any(_value_cell(c, head) for c in line.cells):
                continue
            rest = [c for c in line.cells if c.x1 <= head.value_x0 and not _value_cell(c, head)]
            while rest and (_CODE_RE.match(rest[0].text) or _LFD_RE.match(rest[0].text)) and rest[0].x1 < head.label_right:
                rest = rest[1:]
            if rest and rest[0].x0 < head.label_x:
                key = round(rest[0].x0)
                starts[key] = starts.get(key, 0) + 1
                everywhere[key] = everywhere.get(key, 0) + 1
        per_block.append(common(starts))
    fallback = common(everywhere)
    for (head, _body), own in zip(blocks, per_block):
        start = own if own is not None else fallback
        if start is not None and start < head.label_x:
            head.label_x = start


def _read_values(row: _Row, values: list[Cell], head: _Header, path: Path) -> None:
    for cell in values:
        right, name = min(head.columns, key=lambda c: abs(c[0] - cell.x1)) if head.columns else (None, None)
        if name is None or abs(right - cell.x1) > COLUMN_REACH or name in row.cells:
            raise InputError(f"Seite {row.seite}: der Wert '{cell.text}' in der Zeile '{row.code or row.label}' der "
                             f"EVS-Tabelle in {path.name} steht unter keiner Spalte",
                             remedy="Die Zuordnung wird nicht geraten; bitte die Tabelle prüfen")
        try:
            row.cells[name] = parse_destatis_cell(cell.text)
        except NumberFormatError:
            row.hinweise.append(f"unlesbarer_wert({name}: {cell.text})")
            continue
        row.printed[name] = cell.text


def _line_label(left: list[Cell], label_cells: list[Cell], head: _Header) -> tuple[dict[str, str], str]:
    """Code / lfd. Nr. of one line and its label text (left cells that are no code are label text)."""
    found: dict[str, str] = {}
    prefix = []
    for cell in left:
        role = _left_role(cell, head)
        pattern = _CODE_RE if role == "code" else _LFD_RE
        if pattern.match(cell.text) and role not in found:
            found[role] = cell.text.replace(" ", "").rstrip(".")
        else:
            prefix.append(cell.text)
    return found, " ".join(prefix + [c.text for c in label_cells]).strip()


def _add_line(row: _Row, item: Item, path: Path) -> None:
    found, text = item.ref["codes"], item.label
    for role, value in found.items():
        if getattr(row, role):
            raise InputError(f"Seite {item.seite}: die Zeile '{row.code or row.label}' der EVS-Tabelle in {path.name} "
                             f"hat zwei Nummern ('{getattr(row, role)}' und '{value}')",
                             remedy="Die Zuordnung wird nicht geraten; bitte die Tabelle prüfen")
        setattr(row, role, value)
    if text:
        row.label = _join_label(row.label, text)


def _ambiguous(exc: AmbiguousLabel, path: Path) -> InputError:
    rows = " oder ".join(f"„{' '.join(filter(None, [r.ref['codes'].get('code', ''), r.label]))}“" for r in exc.rows[:2])
    return InputError(
        f"Seite {exc.item.seite}: die Beschriftungszeile „{exc.item.label}“ der EVS-Tabelle in {path.name} ist keiner "
        f"Tabellenzeile sicher zuzuordnen{f' (Zeile {rows})' if rows else ''} – die Tabelle wird nicht geschrieben, "
        "damit keine abgeschnittene Bezeichnung entsteht",
        remedy="Bitte die Tabelle prüfen und die Bezeichnungen von Hand übernehmen")


#: marks a heading or prose between table lines: no label goes on across it
_FENCE: list = []


def _page_runs(pre, blocks, hinweise: list[str]):
    """The table lines as :class:`Item` s, per block and page: ``(head, seite, segments)``; a segment is a list of
    consecutive table lines (headings, prose and text outside the table end a segment)."""
    context: tuple[str, ...] = ()
    for _seite, line in pre:
        match = _HEADING_RE.match(line.text.strip())
        if match:
            context = tuple(f"{int(g):02d}" for g in match.groups() if g)
    runs = []
    for head, body in blocks:
        current_page = None
        for seite, line in body:
            if seite != current_page:
                runs.append((head, seite, [[]]))
                current_page = seite
            segments = runs[-1][2]
            text = line.text.strip()
            values, left, label_cells = _split_line(line, head)
            label = " ".join(c.text for c in label_cells).strip()
            heading = _HEADING_RE.match(text)
            if heading and not values:
                context = tuple(f"{int(g):02d}" for g in heading.groups() if g)
                segments.append(_FENCE)
                continue
            codes = [c for c in left if _CODE_RE.match(c.text) or _LFD_RE.match(c.text)]
            if not values:
                outside = label_cells and label_cells[0].x0 < head.label_x - 2 and not codes
                prose = label_cells and label_cells[-1].x1 > head.value_x0 and len(label) >= _PROSE_MIN_CHARS
                # header words over the value columns only (a header broken over a page)
                over_values = label_cells and not codes and label_cells[0].x0 >= head.value_x0 - 2
                if outside or prose or over_values or not (label or codes):
                    hinweise.append(f"Seite {seite}: Text außerhalb der Tabelle übergangen: '{text}'")
                    segments.append(_FENCE if prose else [])
                    continue
            found, text_label = _line_label(left, label_cells, head)
            if segments[-1] is _FENCE:
                segments.append([])
            segments[-1].append(Item(seite=seite, top=line.top, bottom=line.bottom, label=text_label,
                                     has_values=bool(values), has_code=bool(found),
                                     ref={"values": values, "codes": found, "context": context}))
    return runs


def _read_rows(pre, blocks, path: Path, hinweise: list[str], rules: dict[int, list[float]] | None = None) -> list[_Row]:
    """Rows from the table lines: row bands, wrapped label lines given to their row (:mod:`evs_labels`), rows
    broken over a page joined. A label line that cannot be given to one row with certainty refuses the table."""
    rules = rules or {}
    runs = _page_runs(pre, blocks, hinweise)
    banded = []
    for head, seite, segments in runs:
        band_list: list = []
        for seg in segments:
            if seg is _FENCE:
                band_list.append(_FENCE)
            elif seg:
                band_list += bands(seg, rules.get(seite, []))
        banded.append((head, seite, band_list))
    hint = {m for _h, _s, bs in banded for b in bs if b is not _FENCE and (m := proved_mode(b))}
    rows: list[_Row] = []
    previous: _Row | None = None
    carry: list[Item] = []  # label lines at the end of a page that begin a row of the next page

    def skip(items: list[Item]) -> None:
        for it in items:
            hinweise.append(f"Seite {it.seite}: Zeile ohne Werte übergangen: "
                            f"'{' '.join(filter(None, [it.ref['codes'].get('code', ''), it.label]))}'")

    for n, (head, seite, band_list) in enumerate(banded):
        last_run_on_page = n + 1 == len(banded) or banded[n + 1][1] != seite
        real = [k for k, b in enumerate(band_list) if b is not _FENCE]
        for k, band in enumerate(band_list):
            if band is _FENCE:  # a heading or prose ends the row above: nothing goes on across it
                previous = None
                continue
            first_on_page = k == real[0] and previous is not None and previous.seite < seite
            last_on_page = k == real[-1] and last_run_on_page
            if not any(it.has_values for it in band):
                if first_on_page and not carry and not any(it.has_code for it in band):
                    for it in band:  # a label wrapped onto the next page
                        previous.label = _join_label(previous.label, it.label)
                elif last_on_page:
                    skip(carry)
                    carry = list(band)
                else:
                    skip(band)
                continue
            try:
                targets = assign(band, hint, first_on_page, last_on_page)
            except AmbiguousLabel as exc:
                raise _ambiguous(exc, path) from None
            new_rows: dict[int, _Row] = {}
            next_carry: list[Item] = []
            for i, (it, t) in enumerate(zip(band, targets)):
                if t == PREVIOUS:
                    previous.label = _join_label(previous.label, it.label)
                elif t == NEXT:
                    next_carry.append(it)
                else:
                    anchor = band[t]
                    if t not in new_rows:
                        new_rows[t] = _Row(seite=seite, context=anchor.ref["context"])
                        if carry:
                            if any(c.has_code for c in carry) and any(x.has_code for x, y in zip(band, targets) if y == t):
                                skip(carry)
                            else:
                                for c in carry:
                                    _add_line(new_rows[t], c, path)
                            carry = []
                    _add_line(new_rows[t], it, path)
            skip(carry)
            carry = next_carry
            for t in sorted(new_rows):
                row = new_rows[t]
                if not row.label.strip():
                    raise InputError(
                        f"Seite {seite}: die Zeile '{row.code or band[t].ref['values'][0].text}' der EVS-Tabelle in "
                        f"{path.name} hat Werte, aber keine lesbare Bezeichnung – die Tabelle wird nicht geschrieben",
                        remedy="Die Zuordnung wird nicht geraten; bitte die Tabelle prüfen")
                _read_values(row, band[t].ref["values"], head, path)
                rows.append(row)
                previous = row
    skip(carry)
    return rows


def _classify(row: _Row) -> dict:
    label_key = row.label.lower().strip()
    umfasst: tuple[str, ...] = ()
    zeilenart = "posten"
    abteilung = row.code[:2] if row.code else (row.context[0] if row.context else "")
    if _SUM_LABEL_RE.match(row.label):
        zeilenart = "summe"
        match = _SUM_ABT_RE.search(row.label)
        if match:
            umfasst = tuple(f"{int(g):02d}" for g in match.groups() if g)
            abteilung = umfasst[0]
        elif _GRAND_TOTAL_RE.search(row.label):
            umfasst, abteilung = ALL_ABTEILUNGEN, ""
        else:
            umfasst = row.context
    elif not row.code and label_key in AGGREGATE_LABELS:
        zeilenart, umfasst = "summe", AGGREGATE_LABELS[label_key]
        abteilung = umfasst[0]
    elif not row.code and _GRAND_TOTAL_RE.search(row.label):
        zeilenart, umfasst, abteilung = "summe", ALL_ABTEILUNGEN, ""
    elif len(row.code) == 2:
        zeilenart, umfasst = "summe", (row.code,)
    elif not row.code:
        row.hinweise.append("ohne_code")
    if umfasst and len(umfasst) == 2 and umfasst != ("01", "02") and int(umfasst[1]) > int(umfasst[0]) + 1:
        umfasst = tuple(f"{n:02d}" for n in range(int(umfasst[0]), int(umfasst[1]) + 1))  # "Abteilungen 03 bis 05"
    shares = {k: row.cells[k] for k in SHARE_COLUMNS if k in row.cells}
    cells = {k: c for k, c in row.cells.items() if k not in SHARE_COLUMNS}
    relevant_cell = cells.get("regelbedarfsrelevant_eur")
    unknown = relevant_cell is not None and relevant_cell.value is None and relevant_cell.symbol != "–"
    for name, cell in shares.items() if not unknown else ():
        flag = check_share(cells["ausgaben_eur"].value if "ausgaben_eur" in cells else None,
                           cells["regelbedarfsrelevant_eur"].value if "regelbedarfsrelevant_eur" in cells else None,
                           cell.value, row.printed.get(name, ""))
        if flag:
            row.hinweise.append(flag)
    record = {
        "abteilung": abteilung, "code": row.code, "bezeichnung": " ".join(row.label.split()),
        "zeilenart": zeilenart, "seite": row.seite, "lfd_nr": row.lfd, "umfasst": ",".join(umfasst),
        "unsicher": any(c.unsicher for c in cells.values()),
        "nicht_ausgewiesen": any(c.nicht_ausgewiesen for c in cells.values()),
        "zeichen": ";".join(f"{k}:{c.symbol}" for k, c in cells.items() if c.symbol),
        "hinweise": list(row.hinweise),
    }
    for name in AMOUNT_COLUMNS:
        record[name] = cells[name].value if name in cells else None
    for name in COUNT_COLUMNS:
        value = cells[name].value if name in cells else None
        if value is not None and value != value.to_integral_value():
            record["hinweise"].append(f"keine_ganze_zahl({name}: {row.printed[name]})")
        record[name] = int(value) if value is not None and value == value.to_integral_value() else value
    return record


def _upright(page):
    """The page without characters set sideways (notes printed vertically in the margin)."""
    return page.filter(lambda obj: obj.get("object_type") != "char" or obj.get("upright", True))


def extract_evs(path: str | Path, *, gesetz: str | None = None, haushaltstyp: str | None = None) -> EvsExtraction:
    """Read the EVS table(s) of one PDF. Raises :class:`InputError` for unusable input (German message).

    ``gesetz`` / ``haushaltstyp`` name the reference group when the title does not (see
    :func:`kdu_analysis.loaders.evs_gesetz.identify_reference`)."""
    path = Path(path)
    hinweise: list[str] = []
    with open_pdf(path) as pdf:
        require_text_layer(pdf, path)
        pages = []
        rules: dict[int, list[float]] = {}
        sideways: list[str] = []
        try:
            for number, page in enumerate(pdf.pages, start=1):
                upright = _upright(page)
                if len(upright.chars) < len(page.chars):
                    sideways.append(str(number))
                lines = page_lines(upright)
                rules[number] = [e["top"] for e in page.edges if e.get("orientation") == "h" and e["x1"] - e["x0"] >= 20]
                check_glyphs(" ".join(ln.text for ln in lines), path, page=number)
                pages.append((number, lines))
        except InputError:
            raise
        except Exception as exc:  # a damaged content stream surfaces only while reading a page
            raise InputError(f"Die PDF-Datei {path.name} ist beschädigt und kann nicht vollständig gelesen werden",
                             remedy="Bitte die Originaldatei erneut herunterladen") from exc
    if sideways:
        hinweise.append(f"Seite{'n' if len(sideways) > 1 else ''} {', '.join(sideways)}: quer gesetzter Text "
                        "(Randvermerk) übergangen")
    pre, blocks = _segment(pages)
    if not blocks:
        raise InputError(f"In {path.name} wurde keine EVS-Tabelle gefunden (keine Spalte 'Gegenstand der Nachweisung')",
                         remedy="Bitte eine Sonderauswertung der EVS (Destatis) oder die Abteilungstabellen eines "
                                "RBEG-Gesetzentwurfs angeben")
    title_lines = [ln.text for seite, ln in pre if seite == 1 and not _HEADING_RE.match(ln.text.strip())]
    _assign_columns(blocks, path)
    _label_left(blocks)
    rows = [_classify(r) for r in _read_rows(pre, blocks, path, hinweise, rules)]
    if not rows:
        raise InputError(f"Die EVS-Tabelle in {path.name} enthält keine Zeilen mit Werten",
                         remedy="Bitte prüfen, ob das richtige Dokument gewählt wurde")
    frame = pd.DataFrame(rows, dtype=object)
    if frame["ausgaben_eur"].isna().all() and frame["regelbedarfsrelevant_eur"].isna().all() \
            and not frame["nicht_ausgewiesen"].any():
        raise InputError(f"In der EVS-Tabelle in {path.name} wurde keine Spalte mit Ausgaben (EUR/Monat) erkannt",
                         remedy="Bitte prüfen, ob das richtige Dokument gewählt wurde")
    run_checks(frame)
    titel = " ".join(title_lines).strip()
    law = check_against_law(frame, *identify_reference(titel, gesetz, haushaltstyp))
    frame["hinweise"] = frame["hinweise"].map(lambda notes: "; ".join(notes))
    digest = sha256_file(path)
    frame["datei"] = path.name
    frame["sha256"] = digest
    layout = "rbeg" if frame["regelbedarfsrelevant_eur"].notna().any() else "destatis"
    return EvsExtraction(frame=frame[COLUMNS + EXTRA_COLUMNS], layout=layout, titel=titel,
                         datei=path.name, sha256=digest, hinweise=hinweise, gesetz=law)


def read_evs_csv(path: str | Path) -> pd.DataFrame:
    """Read a CSV written by ``extract evs`` back (amounts as Decimal, flags as bool); German errors for bad files."""
    path = Path(path)
    if not path.is_file():
        raise InputError(f"Die EVS-Datei {path} gibt es nicht",
                         remedy="Bitte zuerst 'kdu-analysis extract evs PDF --out CSV' ausführen und diese CSV angeben")
    try:
        frame = read_machine_csv(path)  # formula neutralisation ("'- darunter") undone
    except (UnicodeDecodeError, pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
        raise InputError(f"Die Datei {path.name} ist keine lesbare CSV-Datei",
                         remedy="Bitte die von 'kdu-analysis extract evs' geschriebene CSV unverändert angeben") from exc
    missing = [c for c in COLUMNS + ["zwischensumme", "zeichen"] if c not in frame.columns]
    if missing:
        raise InputError(f"In {path.name} fehlen die Spalten {', '.join(missing)}",
                         remedy="Bitte die von 'kdu-analysis extract evs' geschriebene CSV unverändert angeben")
    for column in AMOUNT_COLUMNS + COUNT_COLUMNS:
        if column not in frame.columns:
            frame[column] = ""
        frame[column] = [_csv_decimal(v, column, path, k) for k, v in enumerate(frame[column], start=2)]
    for column in ("unsicher", "nicht_ausgewiesen", "zwischensumme"):
        bad = sorted(set(frame[column]) - {"true", "false"})
        if bad:
            raise InputError(f"In {path.name} hat die Spalte {column} ungültige Werte ({', '.join(bad)})",
                             remedy="Erlaubt sind 'true' und 'false'")
        frame[column] = frame[column] == "true"
    if not set(frame["zeilenart"]) <= {"posten", "summe"}:
        raise InputError(f"In {path.name} hat die Spalte zeilenart ungültige Werte", remedy="Erlaubt sind 'posten' und 'summe'")
    return frame


def _csv_decimal(value: str, column: str, path: Path, line: int) -> Decimal | None:
    if value.strip() == "":
        return None
    try:
        return Decimal(value.strip())
    except Exception:
        raise InputError(f"In {path.name}, Zeile {line}, Spalte {column} steht keine Zahl ({value!r})",
                         remedy="Maschinenlesbare Zahlen mit Punkt als Dezimalzeichen, ohne Tausendertrennzeichen, ohne Einheit") from None
