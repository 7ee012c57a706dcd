"""Read a municipal KdU guideline PDF into tidy Richtwert rows (contracts §1), with provenance.

Generic, word-geometry based (works for ruled and borderless tables alike):

1. every page is split into text lines and cells (:mod:`kdu_analysis.pdf.layout`);
2. a table is found by its header: either a line naming household sizes ("1", "2 Personen", "jede weitere
   Person" → orientation *regions in rows*), or data rows whose label is a household size
   ("1-Personen-Haushalt", "1 Person" → orientation *sizes in rows*);
3. numbers are parsed strictly (:mod:`kdu_analysis.pdf.numbers`) and placed in the column whose header
   (or row label) names the rent concept; old, comparison and difference columns are skipped;
4. cross-checks add flags to ``hinweise`` and never drop a row (:mod:`kdu_analysis.loaders.richtwert_checks`).

Values are never derived here. A spec (:mod:`kdu_analysis.loaders.richtwert_spec`) may restrict pages or
name a column's meaning for layouts the generic reading gets wrong.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path

import pandas as pd

from kdu_analysis import batch_files
from kdu_analysis.errors import InputError, KduError
from kdu_analysis.loaders import richtwert_columns as cols
from kdu_analysis.loaders import richtwert_gate as gate
from kdu_analysis.loaders import richtwert_header as header_mod
from kdu_analysis.loaders import richtwert_label_checks as label_checks
from kdu_analysis.loaders.richtwert_checks import check_notes
from kdu_analysis.loaders.richtwert_gate import RowInfo, TableInfo, TabelleAbgelehnt
from kdu_analysis.pdf.document import check_glyphs, is_glyph_garbage, open_pdf, require_text_layer, sha256_file
from kdu_analysis.pdf.layout import (Cell, Line, box_to_page, horizontal_rules, nearest_anchor, page_lines,
                                     text_direction)
from kdu_analysis.pdf.numbers import NumberFormatError, parse_amount

COLUMNS = [
    "traeger", "vergleichsraum", "gueltig_ab", "haushaltsgroesse", "wohnflaeche_m2",
    "nettokaltmiete_eur", "betriebskosten_eur", "bruttokaltmiete_eur",
    "nettokaltmiete_eur_m2", "betriebskosten_eur_m2", "bruttokaltmiete_eur_m2",
    "heizkosten_eur", "bruttowarmmiete_eur", "seite",
]
BOX_COLUMNS = ["zelle_x0", "zelle_top", "zelle_x1", "zelle_bottom"]
EXTRA_COLUMNS = ["datei", "sha256", "hinweise"] + BOX_COLUMNS
VALUE_COLUMNS = COLUMNS[4:13]

_MONTHS = {m: i for i, m in enumerate(["januar", "februar", "märz", "april", "mai", "juni", "juli", "august",
                                         "september", "oktober", "november", "dezember"], start=1)}
_DATE_PATTERNS = [
    r"(?:tritt|treten)\s+(?:am|zum|mit\s+Wirkung\s+vom)\s+(?P<d>[^,;]{6,22}?)\s+in\s+Kraft",
    r"(?:gültig|gelten|gilt)\s+(?:ab|vom|seit)\s+(?:dem\s+)?(?P<d>\d{1,2}\.\s*(?:\d{1,2}\.|[A-Za-zäöü]+)\s*\d{4})",
    r"\bab\s+(?:dem\s+)?(?P<d>\d{1,2}\.\s*(?:\d{1,2}\.|[A-Za-zäöü]+)\s*\d{4})",
    r"\bvom\s+(?P<d>\d{1,2}\.\s*(?:\d{1,2}\.|[A-Za-zäöü]+)\s*\d{4})\s+bis",
]
_TRAEGER_RE = re.compile(
    r"(Landkreis(?:es)?\s+(?:Sächsische\s+Schweiz-Osterzgebirge|[A-ZÄÖÜ][a-zäöüß]+(?:-[A-ZÄÖÜ][a-zäöüß]+)?)"
    r"|Landeshauptstadt\s+Dresden|Stadt\s+(?:Leipzig|Chemnitz|Dresden)|Erzgebirgskreis|Vogtlandkreis)"
)
_AREA_LABEL = re.compile(r"(?i)(max(imale|\.)?\s+|angemessene\s+)?(wohnfläche|wohnungsgröße|fläche|m²|qm)(\s*\(?(in\s+)?(m²|qm)\)?)?")
# the words of a row label that only names a rent concept and its unit ("BKM €/Monat", "Bruttokaltmiete (Euro)")
_MEASURE_ONLY = re.compile(r"\b(nkm|bkm|bk|hk|bwm|nettokaltmiete|bruttokaltmiete|betriebskosten|kalte|heizkosten|bruttowarmmiete|"
                           r"brutto|netto|kaltmiete|warmmiete|grundmiete|gesamtmiete|miete|kalt|warm|inkl|heizung|"
                           r"angemessene?|richtwert|richtwerte|eur|euro|monat|monatlich|mtl|je|pro|in|m²|qm|"
                           r"nichtprüfungsgrenze|prüfungsgrenze|angemessenheitsgrenze|obergrenze|grenze|höchstbetrag|"
                           r"mietobergrenze|ab|neu|neue|werte?)\b|€|/|-|\d{1,2}\.\d{1,2}\.(\d{2,4})?")
_NOT_RICHTWERT = cols.NOT_RICHTWERT
_SUPERSEDED = re.compile(r"(?i)\bbisherig|zum vergleich|\balte (werte|richtwerte)|außer kraft")
_PAGE_FURNITURE = cols.PAGE_FURNITURE
_NOT_SIZES = re.compile(r"(?i)stufe|\brang\b|\bpunkte\b|\btop\b|\bnr\.|baujahr|jahr\b|klasse")
_COMPARISON = re.compile(r"(?i)gegenüber\s+(der|den|dem)\s+bisherigen\s+\w+|(der|den|dem)\s+bisherigen\s+\w+\s+"
                         r"(steigen|sinken|erhöhen|ändern|verändern)")
_STATEMENT = re.compile(r"(?i)richtwert|folgende|angemessen|obergrenze")  # a line saying what the table holds
_PER_M2_PROSE = re.compile(r"(je|pro)\s+(Quadratmeter|m²|qm)", re.IGNORECASE)


@dataclass
class RichtwertExtraction:
    frame: pd.DataFrame
    traeger: str | None
    gueltig_ab: date | None
    sha256: str
    datei: str
    hinweise: list[str] = field(default_factory=list)
    zellen: list[dict] = field(default_factory=list)  # every value read: seite, box (page coordinates), spalte, wert, …
    seiten: dict[int, tuple[float, float]] = field(default_factory=dict)  # page number -> (width, height)


# --------------------------------------------------------------------------- metadata

def parse_german_date(text: str) -> date | None:
    text = " ".join(text.split()).strip(" .")
    m = re.fullmatch(r"(\d{1,2})\.\s*(\d{1,2})\.\s*(\d{4})", text)
    if m:
        return date(int(m[3]), int(m[2]), int(m[1]))
    m = re.fullmatch(r"(\d{1,2})\.\s*([A-Za-zäöü]+)\s*(\d{4})", text)
    if m and m[2].lower() in _MONTHS:
        return date(int(m[3]), _MONTHS[m[2].lower()], int(m[1]))
    return None


def find_gueltig_ab(text: str) -> date | None:
    flat = " ".join(text.split())
    for pattern in _DATE_PATTERNS:
        for m in re.finditer(pattern, flat, re.IGNORECASE):
            found = parse_german_date(m.group("d"))
            if found:
                return found
    return None


def find_traeger(text: str) -> str | None:
    m = _TRAEGER_RE.search(text)
    if not m:
        return None
    name = " ".join(m.group(1).split())
    return re.sub(r"^Landkreises", "Landkreis", name)


# --------------------------------------------------------------------------- cells

_DASHES = {"-", "–", "—", "−", "./.", "-/-"}
_GLUED_TAIL = 2  # a value glued to its label: the last one or two words (number, unit)


@functools.lru_cache(maxsize=4096)
def _parse_text(text: str):
    try:
        return parse_amount(text)
    except NumberFormatError:
        return None


def _amount(cell: Cell):
    return _parse_text(cell.text)


def _numeric_cells(line: Line) -> list[tuple[Cell, object]]:
    out = []
    for cell in line.cells:
        parsed = _amount(cell)
        if parsed is not None and parsed.unit != "m2":
            out.append((cell, parsed))
    return out


_SIGN_WORDS = {"+", "-", "–", "−"}
_AMOUNT_WORD = r"[+\-–−]?\d[\d.]*(,(\d+|–|-))?[¹²³*]*(€|m²)?"
_UNIT_WORDS = re.compile(r"^(€|EUR|Euro|€/m²|EUR/m²|Euro/m²|€/qm)[¹²³*]*$", re.IGNORECASE)


def _split_amount_runs(line: Line) -> None:
    """A cell that is several amounts in a row ("70,08 Euro 339,68 Euro", "450 € 540 €", columns set closer than the
    cell gap) becomes one cell per amount (whole euros only when each carries its unit)."""
    out = []
    for cell in line.cells:
        words = _words_of(line, cell)
        decimals = any(re.search(r"\d,\d", w["text"]) for w in words)
        if len(words) < 2 or not (decimals or sum(bool(_UNIT_WORDS.match(w["text"])) for w in words) >= 2):
            out.append(cell)
            continue
        lead = []  # a label glued to the amounts ("Grimma 441,00 Euro 567,45 Euro", "1-Personen-Haushalt 404,88 Euro")
        while len(lead) < len(words) and not re.fullmatch(_AMOUNT_WORD, words[len(lead)]["text"]) \
                and words[len(lead)]["text"] not in _SIGN_WORDS \
                and (not re.search(r"\d", words[len(lead)]["text"]) or cols.size_token(words[len(lead)]["text"])):
            lead.append(words[len(lead)])
        if lead and len(lead) < len(words):
            words = words[len(lead):]
        else:
            lead = []
        groups, current = [], []
        for w in words:
            t = w["text"]
            if t in _SIGN_WORDS:
                if current:
                    groups.append(current)
                current = [w]
            elif re.fullmatch(_AMOUNT_WORD, t):
                if current and not (len(current) == 1 and current[0]["text"] in _SIGN_WORDS):
                    groups.append(current)
                    current = []
                current.append(w)
            elif _UNIT_WORDS.match(t) and current:
                current.append(w)
            else:
                groups = None
                break
        if groups is None or not current:
            out.append(cell)
            continue
        groups.append(current)
        if len(groups) < 2 or (not decimals and not all(_UNIT_WORDS.match(g[-1]["text"]) for g in groups)):
            out.append(cell)
            continue
        for g in ([lead] if lead else []) + groups:
            out.append(Cell.of_words(g))
    line.cells = out


def _unread_digits(line: Line, cells: list[Cell]) -> Cell | None:
    """A cell among ``cells`` holding digits that is neither a number nor a dash: something the reader cannot read."""
    for cell in cells:
        if re.search(r"\d", cell.text) and _amount(cell) is None and not _is_dash(cell) and len(cell.text) <= 40 \
                and not re.search(r"m²|qm|m2\b", cell.text):
            try:
                if parse_amount(cell.text) is not None:
                    continue
            except NumberFormatError:
                return cell
    return None


def _column_at(x: float, anchors: list[float], spacing: float) -> int | None:
    """The column (index into ``anchors``) a position belongs to: the nearest, if it lies within 0.6 × the wider gap
    to that column's neighbours (columns of different widths: a wide "jede weitere Person" column reaches further)."""
    best = nearest_anchor(x, anchors, float("inf"))
    if best is None:
        return None
    gaps = [b - a for a, b in zip(anchors, anchors[1:])]
    local = max([g for g in (gaps[best - 1] if best > 0 else None, gaps[best] if best < len(gaps) else None)
                 if g is not None] or [spacing])
    return best if abs(anchors[best] - x) <= 0.6 * max(local, spacing) else None


def _is_dash(cell: Cell) -> bool:
    return cell.text.strip() in _DASHES


_words_of = header_mod.words_of


def _split_glued_value(line: Line, anchors: list[float], spacing: float, label_x1: float) -> None:
    """A label cell running into the first value column ("Mietkategorie I 295,50 €", gap below the cell gap): the
    trailing amount becomes a cell of its own when it stands under a column head."""
    out = []
    for cell in line.cells:
        if not (cell.x0 < label_x1 < cell.x1) or _amount(cell) is not None:
            out.append(cell)
            continue
        words = _words_of(line, cell)
        split = None
        for k in range(1, _GLUED_TAIL + 1):
            if len(words) <= k:
                break
            tail = words[-k:]
            text = " ".join(w["text"] for w in tail)
            try:
                parsed = parse_amount(text)
            except NumberFormatError:
                continue
            if parsed is None or parsed.unit == "m2" or not re.search(r"\d", tail[0]["text"]):
                continue
            if not re.search(r",|€|eur|\d{3}", text, re.IGNORECASE):
                continue  # "Vergleichsraum 1": a region number, not an amount
            x0, x1 = tail[0]["x0"], tail[-1]["x1"]
            if _column_at((x0 + x1) / 2, anchors, spacing) is not None and (x0 + x1) / 2 > label_x1:
                head = words[:-k]
                split = [Cell.of_words(head),
                         Cell.of_words(tail)]
                break
        out += split or [cell]
    line.cells = out


@dataclass
class _Row:
    vergleichsraum: str
    measure_label: str | None
    values: dict  # column index -> (ParsedNumber, Cell)
    seite: int
    top: float
    inherited: bool = False
    notes: list[str] = field(default_factory=list)
    dashes: set = field(default_factory=set)
    box: tuple | None = None


# --------------------------------------------------------------------------- orientation A: regions × sizes

def _split_trailing_size(line: Line, cell: Cell) -> list[Cell]:
    """Right-aligned headers glue the first size to the label cell ("… mit Personen1"): split it off."""
    words = _words_of(line, cell)
    if len(words) > 1 and re.fullmatch(r"[1-9]", words[-1]["text"]) and not cols.size_token(cell.text):
        head = Cell(" ".join(w["text"] for w in words[:-1]), cell.x0, words[-2]["x1"], cell.top, cell.bottom)
        return [head, Cell(words[-1]["text"], words[-1]["x0"], words[-1]["x1"], cell.top, cell.bottom)]
    m = re.fullmatch(r"(.*\D)([1-9])", cell.text)
    if words and m and not cols.size_token(cell.text) and re.fullmatch(r".*\D[1-9]", words[-1]["text"]):
        # the digit is glued to the last word: estimate its x from the character positions
        width = (cell.x1 - cell.x0) / max(len(cell.text), 1)
        return [Cell(m.group(1), cell.x0, cell.x1 - width, cell.top, cell.bottom),
                Cell(m.group(2), cell.x1 - width, cell.x1, cell.top, cell.bottom)]
    return [cell]


_SIZE_WORD = re.compile(r"(?i)^(person(en)?|pers\.?|p\.?|(-?personen-?)?haushalte?)$")


def _split_size_run(line: Line, cell: Cell) -> list[Cell]:
    """Size heads set closer than the cell gap ("1 Person 2 Personen 3 Personen"): one cell per size."""
    words = _words_of(line, cell)
    if len(words) < 2 or cols.size_token(cell.text):
        return [cell]
    groups: list[list[dict]] = []
    lead: list[dict] = []  # the row-label column's head glued to the sizes ("Vergleichsraum 1 Person 2 Personen")
    while len(lead) < len(words) - 1 and not re.fullmatch(r"[1-9](-?Personen?(-?Haushalte?)?)?", words[len(lead)]["text"]):
        lead.append(words[len(lead)])
    if lead and (_NOT_SIZES.search(" ".join(w["text"] for w in lead)) or len(lead) > 4):
        return [cell]
    k = len(lead)
    if lead:
        groups.append(lead)
    while k < len(words):
        t = words[k]["text"]
        if re.fullmatch(r"[1-9]", t) or re.fullmatch(r"[1-9]-?Personen?(-?Haushalte?)?", t):
            group = [words[k]]
            if k + 1 < len(words) and _SIZE_WORD.match(words[k + 1]["text"]):
                group.append(words[k + 1])
            groups.append(group)
            k += len(group)
            continue
        for n in (4, 3, 2):  # "für jede weitere Person", "jede weitere Person", "je weitere"
            if k + n <= len(words) and cols.size_token(" ".join(w["text"] for w in words[k:k + n])) == "+1":
                groups.append(words[k:k + n])
                k += n
                break
        else:
            return [cell]
    if len(groups) - bool(lead) < 2:
        return [cell]
    return [Cell.of_words(g) for g in groups]


def _size_header(line: Line) -> list[tuple[Cell, str]] | None:
    """The household-size heads of a line (at least three), or ``None``; computed once per line."""
    if "_sizes" not in line.__dict__:
        line.__dict__["_sizes"] = _find_size_header(line)
    return line.__dict__["_sizes"]


def _find_size_header(line: Line) -> list[tuple[Cell, str]] | None:
    cells = [part for cell in line.cells for split in _split_size_run(line, cell)
             for part in _split_trailing_size(line, split)]
    found = [(c, cols.size_token(c.text)) for c in cells]
    found = [(c, s) for c, s in found if s]
    if any(_NOT_SIZES.search(c.text) for c in cells):
        return None  # numbered heads that are not household sizes (Regelbedarfsstufen, ranks, agenda items)
    if len(found) >= 3:
        line.cells = cells
        return found
    return None


def _stacked_increment(lines: list[Line], i: int, found: list[tuple[Cell, str]]) -> list[tuple[Cell, str]]:
    """A "jede weitere Person" head set over two or three lines (a two-row header) next to the size heads:
    join the stacked pieces and add the column."""
    if any(s == "+1" for _, s in found):
        return found
    anchors = [c.center for c, _ in found]
    spacing = min(b - a for a, b in zip(anchors, anchors[1:])) if len(anchors) > 1 else 50.0
    head = lines[i]
    near = [ln for ln in lines[max(0, i - 3): i + 4] if abs(ln.top - head.top) <= 36]
    pieces = [c for ln in near for c in ln.cells
              if c.center > anchors[-1] + 0.5 * spacing and not re.search(r"\d", c.text)
              and re.search(r"(?i)\b(jede|je|weitere|person|pers\.?|haushaltsmitglied)\b", c.text)]
    if not pieces:
        return found
    pieces.sort(key=lambda c: c.top)
    column = [p for p in pieces if p.x1 >= pieces[0].x0 - 2 and p.x0 <= pieces[0].x1 + 2]
    text = " ".join(p.text for p in column)
    if cols.size_token(text) != "+1":
        column, text = _broken_head(lines, i, column[0], anchors[-1] + 0.5 * spacing)
        if not column:
            return found
    cell = Cell(text, min(p.x0 for p in column), max(p.x1 for p in column), column[0].top, column[-1].bottom)
    return found + [(cell, "+1")]


def _broken_head(lines: list[Line], i: int, seed: Cell, right_of: float) -> tuple[list[Cell], str]:
    """A "jede weitere Person" head broken inside its words in a narrow column ("jede" / "weite" / "re" / "Perso" /
    "n", DOCX): the pieces under ``seed`` down to the first row of values, joined with or without a space at each
    break — the head when one way of joining names the per-person increment."""
    head = lines[i]
    column = []
    for ln in lines[max(0, i - 3):i + 8]:
        if ln.top > head.top and len(_numeric_cells(ln)) >= 2:
            break  # the rows begin
        if abs(ln.top - head.top) > 5 * (head.bottom - head.top):
            continue
        column += [c for c in ln.cells if c.center > right_of and not re.search(r"\d", c.text)
                   and c.x1 >= seed.x0 - 4 and c.x0 <= seed.x1 + 4]
    column.sort(key=lambda c: c.top)
    if not 1 < len(column) <= 6:
        return [], ""
    for joins in itertools.product(("", " "), repeat=len(column) - 1):
        text = column[0].text + "".join(j + c.text for j, c in zip(joins, column[1:]))
        if cols.size_token(text) == "+1":
            return column, text
    return [], ""


def _area_line(line: Line, anchors: list[float], spacing: float) -> dict[int, object] | None:
    """Areas printed under the size header ("bis 50 m²", "45 m²", "bis zu 10 m²"), by column."""
    areas = {}
    words = line.words
    for k, word in enumerate(words):
        text, x0, x1 = word["text"], word["x0"], word["x1"]
        glued = re.fullmatch(r"(\d+(?:,\d+)?)(m²|m2|qm)", text)
        if glued:
            number = glued.group(1)
        elif k + 1 < len(words) and words[k + 1]["text"] in ("m²", "m2", "qm", "m²)", "m²*"):
            number, x1 = text, words[k + 1]["x1"]
        else:
            continue
        try:
            parsed = parse_amount(number)
        except NumberFormatError:
            continue
        idx = _column_at((x0 + x1) / 2, anchors, spacing)
        if parsed is not None and idx is not None:
            areas[idx] = (parsed.value, (x0, word["top"], x1, word["bottom"]))
    return areas or None


_M2_WORDS = ("m²", "m2", "qm", "m²)", "m²*")


def _wrapped_area_line(line: Line, below: Line, anchors: list[float], spacing: float) -> dict[int, object] | None:
    """Areas whose unit wrapped onto the next line ("bis 45" over "m²" in a narrow column): each number with a unit
    word directly under it, by column."""
    units = [w for w in below.words if w["text"] in _M2_WORDS]
    if len(units) < 2 or len(units) != len(below.words) or below.top - line.bottom > line.bottom - line.top:
        return None
    areas = {}
    for word in line.words:
        if not re.fullmatch(r"\d+(,\d+)?", word["text"]):
            continue
        unit = next((u for u in units if u["x0"] <= word["x1"] + 12 and u["x1"] >= word["x0"] - 12), None)
        idx = _column_at((word["x0"] + word["x1"]) / 2, anchors, spacing)
        if unit is None or idx is None:
            continue
        areas[idx] = (parse_amount(word["text"]).value, (word["x0"], word["top"], max(word["x1"], unit["x1"]), unit["bottom"]))
    return areas or None


def _wrapped_areas(lines: list[Line], i: int, anchors: list[float], spacing: float, areas: dict) -> dict:
    """Areas of single columns whose "m²" wrapped one or two lines down among the head rows ("bis 45" … "m²" beside
    one-line "bis 60 m²" cells, middle-aligned): added for the columns that have none yet."""
    head = []
    for ln in lines[i + 1:i + 7]:
        if ln.top - lines[i].bottom > _AREA_ROW_REACH or len(_numeric_cells(ln)) >= 2 or _size_header(ln):
            break
        head.append(ln)
    for k, ln in enumerate(head):
        words = ln.words
        for n, word in enumerate(words):
            if not re.fullmatch(r"\d+(,\d+)?", word["text"]) or (n + 1 < len(words) and words[n + 1]["text"] in _M2_WORDS):
                continue
            height = ln.bottom - ln.top
            unit = next((u for below in head[k + 1:k + 3] if below.top - ln.top <= 2.2 * height
                         for m, u in enumerate(below.words) if u["text"] in _M2_WORDS
                         and u["x0"] <= word["x1"] + 12 and u["x1"] >= word["x0"] - 12
                         and not (m > 0 and re.search(r"\d$", below.words[m - 1]["text"]))), None)
            idx = _column_at((word["x0"] + word["x1"]) / 2, anchors, spacing)
            if unit is not None and idx is not None and idx not in areas:
                areas[idx] = (parse_amount(word["text"]).value,
                              (min(word["x0"], unit["x0"]), word["top"], max(word["x1"], unit["x1"]), unit["bottom"]))
    return areas


def _context_measure(context_lines: list[str]) -> str | None:
    """The rent concept named nearest above the table (closest line first)."""
    for text in context_lines:
        found = cols.measure_of(text)
        if found:
            return found
    return None


# geometry of a regions × sizes table, in PDF points unless said otherwise (body text of 8–12 pt)
_AREA_ROW_REACH = 50      # an area row ("bis 50 m²") stands at most this far under the size heads
_TITLE_REACH = 70         # a table's title stands at most this far above its size heads
_TABLE_END_GAP = 45       # a gap this wide after a table row ends the table (the prose or the next caption follows)
_PROSE_CHARS = 80         # a line longer than this is prose, never a label or a table row (characters)
_MEASURE_LABEL_CHARS = 60  # a row label naming a rent concept is at most this long (characters)
_MEASURE_CELL_CHARS = 45  # a second label column naming a rent concept is at most this long (characters)
_MIDDLE_SLACK = 0.4       # a label block this close to the midpoint between two rows cannot be assigned
_HEAD_SLACK = 0.5         # a label nearer to the head than to the first row by less than this stays the row's
_SPANNING_REACH = 40      # a label centred between two measure rows spans them when they are this close
_LINE_STEP = 1.4          # label lines closer than this × their height are one wrapped cell (HTML: 1.35)
_RULED_LINE_STEP = 1.6    # … in a ruled table, whose rulings keep the cells apart (wider line spacing, HTML tables)
_CUT_SLACK = 0.75         # a label this close to the cut between two regions' measure rows cannot be assigned


@dataclass
class _Header:
    """A household-size header of a regions × sizes table: where its columns stand and what they mean."""

    anchors: list[float]  # x of each size column's centre
    sizes: list[str]  # household size per column ("1" … "+1")
    areas: dict  # column index -> (area, box[, page]) printed under the heads
    spacing: float  # the narrowest gap between two columns
    label_x1: float  # right edge of the row-label column
    context: list[str]  # the head's first cell and the lines above it (nearest first): the rent concept
    table: TableInfo
    label_columns: list[float] = field(default_factory=list)  # x0 of the label columns after the first ("Wert")

    def column(self, x: float) -> int | None:
        return _column_at(x, self.anchors, self.spacing)

    def column_of(self, cell: Cell) -> int | None:
        """The column of a value cell: the head it stands under (heads of known extent), else the nearest."""
        return header_mod.column_of(cell, self.anchors, self.column(cell.center))


def _table_header(lines: list[Line], i: int, found: list[tuple[Cell, str]], seite: int) -> tuple[_Header, int]:
    """The header at line ``i`` (size heads ``found``) and the index of the first line after it (and its area row)."""
    anchors = header_mod.HeadAnchors.of([c for c, _ in found])
    sizes = [s for _, s in found]
    spacing = min(b - a for a, b in zip(anchors, anchors[1:])) if len(anchors) > 1 else 50.0
    label_x1 = anchors[0] - 0.6 * spacing
    areas = None
    j = i + 1
    for k in range(i + 1, min(i + 6, len(lines))):
        if lines[k].top - lines[i].bottom > _AREA_ROW_REACH or len(_numeric_cells(lines[k])) >= 2:
            break
        areas = _area_line(lines[k], anchors, spacing)
        if not areas and k + 1 < len(lines):
            areas = _wrapped_area_line(lines[k], lines[k + 1], anchors, spacing)
            k += bool(areas)
        if areas:
            j = k + 1
            break
    areas = _wrapped_areas(lines, i, anchors, spacing, areas or {})
    context_lines = [lines[i].cells[0].text] + [ln.text for ln in reversed(lines[max(0, i - 6):i])]
    table = TableInfo(seite=seite, kind="regionen", columns=sizes)
    label_columns = [c.x0 for c in lines[i].cells[1:] if c.center <= label_x1 and c.x0 > lines[i].cells[0].x1]
    return _Header(anchors, sizes, areas or {}, spacing, label_x1, context_lines, table, label_columns), j


def _repeats(header: _Header, previous: _Header | None, lines: list[Line], i: int) -> bool:
    """The header at line ``i`` repeats the previous page's header at the top of a page (the same table goes on)."""
    if previous is None or previous.sizes != header.sizes or any(_numeric_cells(ln) for ln in lines[:i]):
        return False
    above = [ln.text for ln in lines[:i] if not _PAGE_FURNITURE.fullmatch(ln.text)]
    return all(t in previous.context for t in above) or not any(len(t) > 40 or _context_measure([t]) for t in above)


def _statement_above(lines: list[Line], i: int) -> list[str]:
    """The first table of a document set further below the text that says what it holds ("Angemessen sind folgende
    Bruttokaltmieten", a title "Richtwerte KdU (bruttokalt, ohne Heizung)"): the nearest such line above it on its
    page, as the farthest context."""
    for ln in reversed(lines[:max(0, i - 6)]):
        if _STATEMENT.search(ln.text) and cols.measure_of(ln.text):
            return [ln.text]
    return []


def _read_region_tables(pages_lines, hinweise: list[str], tables: list[TableInfo],
                        rules: dict[int, list[tuple[float, float, float]]] | None = None,
                        skipped: list[tuple[int, str]] | None = None,
                        left_out: list[dict] | None = None) -> list[dict]:
    """Tables with household sizes as column headers (``rules``: each page's horizontal rulings). Returns tidy
    records (before merging); ``skipped`` collects the tables left out (no rent concept, superseded values) with the
    reason, for a refusal when no other table is read; ``left_out`` the cells of the rows read from them."""
    rules = rules or {}
    records: list[dict] = []
    previous: _Header | None = None
    previous_superseded = False
    previous_lines: list[Line] = []
    for seite, lines in pages_lines:
        i = 0
        on_page = False
        first_header = next((k for k, ln in enumerate(lines) if _size_header(ln)), len(lines))
        if previous is not None:
            # rows at the top of the page, above any new header: the previous page's table goes on there
            start = _continuation_start(lines[:first_header], previous)
            if start < first_header:
                rows_read = _read_rows(lines[:first_header], start, previous, seite, hinweise, continuation=True,
                                       rules=rules.get(seite, []))
                if not previous_superseded:  # the rest of a superseded table is read only to be skipped
                    records += rows_read
                else:
                    _leave_out(rows_read, left_out)
                i = first_header
        while i < len(lines):
            found = _size_header(lines[i])
            if not found:
                i += 1
                continue
            found = _stacked_increment(lines, i, found)
            header, j = _table_header(lines, i, found, seite)
            # the four lines above the head (a stacked "jede weitere / Person" or a label head set at mid-height
            # makes the head more than one text line: those lines are no title)
            head_top = min(c.top for c, _ in found) - 0.5
            above = [ln for ln in lines[:i] if ln.top < head_top][-4:]
            title = " ".join(ln.text for ln in above if lines[i].top - ln.bottom < _TITLE_REACH)
            # "gegenüber der bisherigen Fassung steigen die Werte": a comparison in the prose above, not an old table
            superseded = bool(_SUPERSEDED.search(_COMPARISON.sub("", title))) and not cols.is_new(title)
            # a table at the top of a page captioned at the foot of the previous one ("Umzugskostenpauschale …:")
            foot = [ln for ln in previous_lines if not _PAGE_FURNITURE.fullmatch(ln.text)][-1:] \
                if not any(not _PAGE_FURNITURE.fullmatch(ln.text) for ln in lines[:i]) else []
            foot_caption = foot[0].text if foot and len(foot[0].cells) == 1 and _NOT_RICHTWERT.search(foot[0].text) \
                and _is_caption(foot[0]) else ""
            # the caption of the next table at the foot of the previous page ("Tabelle 1: angemessene
            # Bruttokaltmiete monatlich"), the same head on this page and its first row a row already read: a new
            # table, not the previous one going on under its repeated head
            # (the head and the lines above it on this page name no rent concept; only then is the foot looked at)
            last = [ln for ln in previous_lines if not _PAGE_FURNITURE.fullmatch(ln.text)][-1:]
            restart = bool(last) and not on_page and not foot_caption and previous is not None \
                and _context_measure(header.context) is None and _is_caption(last[0]) \
                and not re.match(r"[¹²³*]|\d\)", last[0].text) \
                and _context_measure([last[0].text]) is not None \
                and _first_label(lines, j) in {r.label for r in previous.table.rows}
            if restart:
                header.context = header.context + [last[0].text]
            if not on_page and not foot_caption and not restart and _repeats(header, previous, lines, i):
                # the header repeated at the top of the next page: the same table goes on with the measure named
                # above it on the first page (and stays superseded when it was)
                superseded = previous_superseded
                header.context = [lines[i].cells[0].text] + previous.context
                if not header.areas:  # the areas printed on the first page (their boxes stay on that page)
                    first_page = previous.table.seite
                    header.areas = {k: (v[0], v[1], v[2] if len(v) > 2 else first_page) for k, v in previous.areas.items()}
            if previous is None and _context_measure(header.context) is None:
                header.context += _statement_above(lines, i)
            # a table of something else with household sizes (moving allowance, deposit …) or one whose
            # caption and head name no rent concept at all: not a Richtwert table
            caption = next((ln.text for ln in reversed(lines[max(0, i - 3):i]) if len(ln.cells) == 1), foot_caption)
            other = bool(_NOT_RICHTWERT.search(caption)) or _context_measure(header.context) is None
            if other and not _NOT_RICHTWERT.search(caption) and skipped is not None:
                skipped.append((seite, "die Tabelle mit Haushaltsgrößen nennt keinen Mietbegriff (weder ihre Überschrift "
                                       "noch ihr Kopf noch der Text darüber sagt, ob Brutto-, Nettokalt- oder Warmmiete)"))
            previous_superseded = superseded = superseded or other
            if not superseded:
                tables.append(header.table)
            previous, on_page = header, True
            i = j
            rows_read = _read_rows(lines, i, header, seite, hinweise, rules=rules.get(seite, []))
            if superseded and not other and skipped is not None:
                skipped.append((seite, f"die Tabelle unter „{title[:60]}“ enthält nach ihrer Überschrift bisherige "
                                       "Werte, eine Tabelle mit den geltenden Werten wurde nicht gefunden"))
            if superseded:  # "Bisherige Richtwerte": the values no longer in force
                hinweise.append(f"S. {seite}: Tabelle „{title[:60]}“ " + (
                    "nennt keinen Mietbegriff (keine Richtwert-Tabelle)" if other else "enthält bisherige Werte")
                    + " – nicht übernommen")
                _leave_out(rows_read, left_out)
                header.table.rows, rows_read = [], []
            records += rows_read
            i += 1
        previous_lines = lines
    return records


def _leave_out(records: list[dict], left_out: list[dict] | None) -> None:
    """Keep the cells of rows read from a table left out (old values, no Richtwert): the checks of what was left unread
    know them as read and not taken."""
    if left_out is not None:
        left_out += [{**c, "vergleichsraum": r["vergleichsraum"], "haushaltsgroesse": r["haushaltsgroesse"]}
                     for r in records for c in r["_cells"]]


def _first_label(lines: list[Line], j: int) -> str | None:
    """The label of the first line with values from line ``j`` on (``None`` when it has none of its own)."""
    row = next((ln for ln in lines[j:] if len(_numeric_cells(ln)) >= 2), None)
    return row.cells[0].text if row is not None and _amount(row.cells[0]) is None else None


def _is_caption(line: Line) -> bool:
    """A line that reads as a table's caption: no amounts, ends with a colon or is short and no sentence."""
    return not _numeric_cells(line) and cols.reads_as_caption(line.text)


def _aligned_values(line: Line, header: _Header) -> int:
    return sum(1 for c, _ in _numeric_cells(line) if c.center > header.label_x1 and header.column(c.center) is not None)


def _continuation_start(lines: list[Line], header: _Header) -> int:
    """Where the rows continue on a page without a repeated header: the first line with values under the previous
    page's columns, together with the label lines set directly above it (a middle or bottom aligned label)."""
    need = min(2, len(header.anchors))
    for k, line in enumerate(lines):
        if _aligned_values(line, header) >= need:
            start = k
            while start > 0 and len(lines[start - 1].text) <= _PROSE_CHARS and not _numeric_cells(lines[start - 1]) \
                    and lines[start].top - lines[start - 1].bottom <= 1.2 * (lines[start].bottom - lines[start].top) \
                    and lines[start - 1].cells and lines[start - 1].cells[0].center <= header.label_x1 \
                    and k - start < 3:
                start -= 1
            return start
    return len(lines)


def _label_blocks(pending: list[Line], rules: list[tuple[float, float, float]] = (), ruled: bool = False) -> list[list[Line]]:
    """Label-only lines grouped into blocks: lines closer than a line step form one block (one wrapped cell), unless
    a horizontal ruling across the label runs between them (two cells of a ruled table). In a ruled table
    (``ruled``) the rulings bound the cells, and lines set wider apart still form one block."""
    blocks: list[list[Line]] = []
    step = _RULED_LINE_STEP if ruled else _LINE_STEP
    for p in pending:
        if blocks and p.top - blocks[-1][-1].top <= step * (p.bottom - p.top) \
                and not _ruled_apart(rules, _middle(blocks[-1][-1]), _middle(p), p.cells[0].x0 if p.cells else p.words[0]["x0"]):
            blocks[-1].append(p)
        else:
            blocks.append([p])
    return blocks


def _middle(item) -> float:
    """The vertical middle of a line or a row."""
    if isinstance(item, _Row):
        return (item.box[1] + item.box[3]) / 2 if item.box else item.top
    return (item.top + item.bottom) / 2


def _ruled_apart(rules, y0: float, y1: float, x: float) -> bool:
    """A horizontal ruling crossing position ``x`` runs between heights ``y0`` and ``y1`` (two cells of a ruled table)."""
    lo, hi = min(y0, y1), max(y0, y1)
    return any(lo < y < hi and x0 - 1 <= x <= x1 for y, x0, x1 in rules)


@dataclass
class _RowState:
    """What `_read_rows` has gathered so far on one page of one table."""

    rows: list[_Row] = field(default_factory=list)
    pending: list[Line] = field(default_factory=list)  # label-only lines not yet given to a row
    fragments: list[tuple[float, str]] = field(default_factory=list)  # every piece of label text with its height
    ambiguous: list[tuple[int, str]] = field(default_factory=list)  # labels exactly between two rows
    undecided: list[tuple[int, str, str]] = field(default_factory=list)  # (index of the row above, text, reason)
    sides: set = field(default_factory=set)  # "oben"/"unten": where the label lines that could be placed went
    rules: list = field(default_factory=list)  # the page's horizontal rulings (y, x0, x1)
    dash_cells: list[list[Cell]] = field(default_factory=list)  # per row: the dashes printed in it
    last_bottom: float | None = None
    region: str = ""


def _label_column_starts(lines: list[Line], start: int, header: _Header) -> list[float]:
    """Where the label columns after the first begin: their heads ("Wert") and the measure labels of the table's
    rows ("NKM", "BK €/m²") standing in a cell of their own."""
    starts = list(header.label_columns)
    for line in lines[start:]:
        if _size_header(line):
            break
        starts += [c.x0 for c in line.cells[1:] if c.center <= header.label_x1 and len(c.text) <= _MEASURE_CELL_CHARS
                   and cols.measure_of(c.text)]
    return sorted(set(round(x, 1) for x in starts))


def _split_label_columns(line: Line, header: _Header, starts: list[float]) -> None:
    """A region label running into the measure label beside it ("Mittelbereich Stollberg (ohne Nettokaltmiete in €",
    gap below the cell gap): split where a word starts at a label column's head ("Wert") and the rest names a rent
    concept."""
    if not starts:
        return
    out = []
    for cell in line.cells:
        words = _words_of(line, cell) if cell.center <= header.label_x1 else []
        cut = next((k for k in range(1, len(words)) if any(abs(words[k]["x0"] - x) <= 1.5 and words[k - 1]["x1"] < x - 1
                                                         for x in starts)), None)
        tail = words[cut:] if cut else []
        if not tail or not cols.measure_of(" ".join(w["text"] for w in tail)):
            out.append(cell)
            continue
        for part in (words[:cut], tail):
            out.append(Cell.of_words(part))
    line.cells = out


def _split_label(label_text: str, label_cells: list[Cell]) -> tuple[str | None, str]:
    """A row label split into (measure label, region words): "NKM", "Vergleichsraum 1 BKM", "Kat. III | Bruttokalt"."""
    m = cols.measure_of(label_text) if len(label_text) <= _MEASURE_LABEL_CHARS else None
    if m and _MEASURE_ONLY.sub("", label_text.lower()).strip(" ()/.,:-") == "":
        return label_text, ""
    if m and re.search(r"\b(NKM|BKM|BK)\s*$", label_text):
        measure_label = re.search(r"\b(NKM|BKM|BK)\s*$", label_text).group(1)
        return measure_label, label_text[: label_text.rfind(measure_label)].strip()
    if len(label_cells) >= 2 and cols.measure_of(label_cells[-1].text) and len(label_cells[-1].text) <= _MEASURE_CELL_CHARS:
        # region and measure in two label columns ("Mietkategorie III | Brutto-Kaltmiete")
        return label_cells[-1].text, " ".join(c.text for c in label_cells[:-1])
    return None, label_text


def _area_row(numeric: list[tuple[Cell, object]], header: _Header, seite: int) -> None:
    """ "max. m²", "Wohnfläche (m²)": the areas, printed as bare numbers in a row of their own. One number per
    column goes to the columns in their order (short numbers set to a column's edge may stand nearer the next one)."""
    numeric = sorted(numeric, key=lambda n: n[0].center)
    in_order = len(numeric) == len(header.anchors)
    for k, (cell, parsed) in enumerate(numeric):
        idx = k if in_order else header.column_of(cell)
        if idx is None:
            header.table.problems.append((seite, f"die Wohnfläche „{cell.text}“ steht unter keiner Spaltenüberschrift"))
        elif idx not in header.areas:
            header.areas[idx] = (parsed.value, cell.box)


def _attach_measure_pieces(state: _RowState, line: Line, measure_label: str | None) -> str | None:
    """In a table of measure rows, a wrapped piece of a measure label ("Euro monatlich") stays with it."""
    rows = state.rows
    for p in [p for p in state.pending if _measure_only(p.text)]:
        above = p.top - rows[-1].top if rows else None
        if above is not None and above <= line.top - p.top and rows[-1].measure_label:
            rows[-1].measure_label += " " + p.text
        elif measure_label:
            measure_label = p.text + " " + measure_label
        else:
            continue
        state.pending = [q for q in state.pending if q is not p]
    return measure_label


def _assign_pending(state: _RowState, line: Line, words: str, seite: int) -> str:
    """Each wrapped label block belongs to the nearer data row (above or below); a block exactly in the middle
    cannot be assigned and refuses the table. Returns the words of the row at ``line``."""
    rows = state.rows
    before = []
    for block in _label_blocks(state.pending, state.rules):
        text = " ".join(p.text for p in block)
        above = block[0].top - rows[-1].top if rows else None
        below = line.top - block[-1].top
        x = block[0].cells[0].x0 if block[0].cells else block[0].words[0]["x0"]
        cut_above = bool(rows) and _ruled_apart(state.rules, _middle(rows[-1]), _middle(block[0]), x)
        cut_below = _ruled_apart(state.rules, _middle(block[-1]), _middle(line), x)
        if rows and cut_above != cut_below:  # a ruled table: the label belongs to the row in its cell
            side = "unten" if cut_above else "oben"
        elif above is not None and abs(above - below) < _MIDDLE_SLACK:
            reason = (f"die Beschriftungszeile „{text}“ steht genau zwischen zwei Tabellenzeilen und ist keiner "
                      "sicher zuzuordnen")
            if words:  # placed once the table shows where its labels stand (see _resolve_undecided)
                state.undecided.append((len(rows) - 1, text, reason))
                continue
            state.ambiguous.append((seite, reason))
            side = "oben" if above <= below else "unten"
        else:
            side = "oben" if above is not None and above <= below else "unten"
            state.sides.add(side)
        if side == "oben":
            state.region = _relabel_group(rows, (rows[-1].vergleichsraum + " " + text).strip())
        else:
            before.append(text)
    state.pending = []
    return " ".join(before + [words]).strip()


def _resolve_undecided(state: _RowState, seite: int) -> None:
    """Label lines standing exactly between two rows go where every other label line of the table went: below a row
    (labels aligned to the bottom, their first lines above the values) or above it (aligned to the top). A table
    whose labels went both ways, or none that could be placed, leaves them unassigned (the table is refused)."""
    if not state.undecided:
        return
    if len(state.sides) != 1:
        state.ambiguous += [(seite, reason) for _, _, reason in state.undecided]
        return
    side = next(iter(state.sides))
    for k, text, _ in state.undecided:
        if side == "oben":
            _relabel_group(state.rows[:k + 1], (state.rows[k].vergleichsraum + " " + text).strip())
        else:
            _prepend_group(state.rows, k + 1, text)


def _prepend_group(rows: list[_Row], k: int, text: str) -> None:
    """Put ``text`` before the label of row ``k`` and of the rows after it that inherited that label."""
    old = rows[k].vergleichsraum
    rows[k].vergleichsraum = (text + " " + old).strip()
    j = k + 1
    while j < len(rows) and rows[j].inherited and rows[j].vergleichsraum == old:
        rows[j].vergleichsraum = rows[k].vergleichsraum
        j += 1


def _place_values(line: Line, numeric: list[tuple[Cell, object]], header: _Header, seite: int) -> tuple[dict, set]:
    """The row's values by column index, and the columns holding a dash."""
    values: dict = {}
    for cell, parsed in numeric:
        idx = header.column_of(cell)
        if idx is None:
            header.table.problems.append((seite, f"der Wert „{cell.text}“ steht unter keiner Spaltenüberschrift"))
            continue
        if idx in values:
            header.table.problems.append((seite, f"zwei Zahlen in der Spalte „{_size_name(header.sizes[idx])}“ "
                                                 f"({values[idx][1].text!r} und {cell.text!r})"))
            continue
        values[idx] = (parsed, cell)
    dashes = [c for c in line.cells if c.center > header.label_x1 and _is_dash(c)]
    return values, dashes


def _place_dashes(rows: list[_Row], dash_cells: list[list[Cell]], header: _Header) -> None:
    """A printed dash belongs to the column whose values (in the other rows) it stands among, else to the one head it
    stands wholly under: a narrow dash set to the right edge of its column may stand nearer the next column's
    centre."""
    spans: dict[int, tuple[float, float]] = {}
    for row in rows:
        for idx, (_, cell) in row.values.items():
            lo, hi = spans.get(idx, (cell.x0, cell.x1))
            spans[idx] = (min(lo, cell.x0), max(hi, cell.x1))
    heads = getattr(header.anchors, "heads", None) or []
    for row, cells in zip(rows, dash_cells):
        for cell in cells:
            inside = [idx for idx, (lo, hi) in spans.items() if lo <= cell.center <= hi]
            if len(inside) != 1:
                inside = [idx for idx, (x0, x1) in enumerate(heads) if x0 - 0.5 <= cell.x0 and cell.x1 <= x1 + 0.5]
            row.dashes.add(inside[0] if len(inside) == 1 else header.column_of(cell))


def _value_row(state: _RowState, line: Line, numeric, label_cells: list[Cell], header: _Header, seite: int,
               continuation: bool) -> None:
    """A line with values: one table row, labelled by its own label cells and the label lines around it."""
    label_text = " ".join(c.text for c in label_cells)
    unread = _unread_digits(line, [c for c in line.cells if c.center > header.label_x1])
    if unread is not None:
        header.table.problems.append((seite, f"die Zelle „{unread.text}“ ist keine lesbare Zahl"))
    if _AREA_LABEL.fullmatch(label_text.strip()):
        _area_row(numeric, header, seite)
        state.last_bottom = line.bottom
        state.pending = []
        return
    measure_label, words = _split_label(label_text, label_cells)
    rows = state.rows
    if state.pending and not rows and not continuation and state.last_bottom is not None:
        # label lines beside the head's own rows ("Teilraum" beside "Personen") belong to the head
        state.pending = [p for p in state.pending if p.top >= state.last_bottom - _HEAD_SLACK]
    if state.pending and not rows and not continuation and state.last_bottom is not None:
        # text between the head (or the area row) and the first row: the head's wrapped last line when it
        # stands nearer to the head, else the first row's label set above its values
        gap_above = state.pending[0].top - state.last_bottom
        gap_below = line.top - state.pending[-1].bottom
        if gap_above < gap_below - _HEAD_SLACK:
            state.pending = []
    if any(r.measure_label for r in rows) or measure_label:
        measure_label = _attach_measure_pieces(state, line, measure_label)
    state.fragments += [(p.top, p.text) for p in state.pending] + ([(line.top, words)] if words else [])
    inherited = False
    if state.pending and not words and measure_label and rows and rows[-1].inherited and rows[-1].measure_label \
            and line.top - rows[-1].top < _SPANNING_REACH:
        # a label spanning two measure rows (merged cell, centred between them)
        words = " ".join(p.text for p in state.pending)
        rows[-1].vergleichsraum = words
        state.pending = []
    if state.pending:
        words = _assign_pending(state, line, words, seite)
    if words:
        state.region = words
    else:
        inherited = True
    values, dashes = _place_values(line, numeric, header, seite)
    box = _union([c.box for c in line.cells])
    rows.append(_Row(state.region, measure_label, values, seite, line.top, inherited=inherited, box=box))
    state.dash_cells.append(dashes)
    state.last_bottom = line.bottom


def _other_line(state: _RowState, line: Line, numeric, label_text: str, header: _Header, seite: int) -> bool:
    """A line with fewer than two values: a label line kept pending, a flagged stray row, or the table's end
    (returns False)."""
    if state.last_bottom is not None and line.top - state.last_bottom > _TABLE_END_GAP:
        return False
    if not state.rows and not numeric and not _numeric_cells(line) and len(line.text) <= _PROSE_CHARS \
            and any(c.center > header.label_x1 for c in line.cells):
        state.last_bottom = line.bottom  # the head goes on (more head rows, areas set over two lines)
    label_only = all(c.center <= header.label_x1 for c in line.cells)  # "1" wrapped under "Vergleichsraum"
    if len(line.text) <= _PROSE_CHARS and len(re.findall(r"\d,\d\d(?!\s*€?/m)", line.text)) >= 2:
        # amounts the reader could not place in columns: a row of the table it did not read
        header.table.problems.append((seite, f"die Zeile „{line.text[:60]}“ enthält Beträge, die keiner Spalte "
                                             "zuzuordnen sind"))
    if line.cells and line.cells[0].center <= header.label_x1 and len(line.text) <= _PROSE_CHARS and (
            label_only or not _numeric_cells(line)):
        if not label_only and any(cols.size_token(c.text) for c in line.cells):
            return True
        if "m²" in line.text and _area_line(line, header.anchors, header.spacing):
            return True
        units = [c for c in line.cells if c.center > header.label_x1 and _UNIT_WORDS.match(c.text)]
        if units and all(c in units for c in line.cells if c.center > header.label_x1):
            # the units of wrapped amounts ("340,00" / "€") beside a label's second line: the label line alone
            kept = [c for c in line.cells if c not in units]
            line = Line(line.top, line.bottom, [w for w in line.words if any(c.x0 - 0.5 <= w["x0"] and w["x1"] <= c.x1 + 0.5
                                                                        for c in kept)], kept)
        state.pending.append(line)
    elif len(line.text) > _PROSE_CHARS:
        return False
    elif state.rows and len(numeric) == 1 and label_text:
        header.table.problems.append((seite, f"die Zeile „{line.text}“ hat nur einen Wert"))
    return True


def _trailing_label(state: _RowState) -> None:
    """Lines after the last row continue its label only at a line step (a wrapped label); further down stand the
    next table's caption or the signature, never part of a label."""
    rows = state.rows
    if not (state.pending and rows):
        return
    x = state.pending[0].cells[0].x0 if state.pending[0].cells else state.pending[0].words[0]["x0"]
    ruled = len(rows) >= 2 and _ruled_apart(state.rules, _middle(rows[-2]), _middle(rows[-1]), x)
    block = _label_blocks(state.pending, state.rules, ruled)[0]
    step = (_RULED_LINE_STEP if ruled else _LINE_STEP) * (block[0].bottom - block[0].top) + 0.5
    if _ruled_apart(state.rules, _middle(rows[-1]), _middle(block[0]), x):
        return  # below the table's last ruling: not in a cell of the table
    if block[0].top - rows[-1].top <= step or (rows[-1].box and block[0].top <= rows[-1].box[3] + 0.5 * step):
        _relabel_group(rows, (rows[-1].vergleichsraum + " " + " ".join(p.text for p in block)).strip())
        state.fragments += [(p.top, p.text) for p in block]
        state.sides.add("oben")


def _row_records(rows: list[_Row], header: _Header) -> list[dict]:
    """Tidy records (one per row and size column) of the rows read, and the rows' facts for the gate."""
    table, areas, context = header.table, header.areas, header.context
    default_measure = _context_measure(context) or "bkm"
    joined = " ".join(context)
    per_m2_prose = bool(_PER_M2_PROSE.search(joined)) or cols.is_per_m2(joined)
    out = []
    for row in rows:
        measure = cols.measure_of(row.measure_label) if row.measure_label else default_measure
        table.rows.append(RowInfo(seite=row.seite, label=row.vergleichsraum, measure=row.measure_label,
                                  filled=set(row.values), dashes=row.dashes, box=row.box))
        for idx, (parsed, cell) in row.values.items():
            notes = []
            per_m2 = parsed.unit == "EUR/m2" or bool(row.measure_label and cols.is_per_m2(row.measure_label))
            if per_m2_prose and not per_m2 and parsed.value > 20:
                notes.append("einheit_text_widerspricht_tabelle")
            elif per_m2_prose and parsed.value <= 20:
                per_m2 = True  # "Netto-Kaltmiete €/m²" above, "5,76 €" in the cells (no monthly rent is that low)
            column = (cols.PER_M2 if per_m2 else cols.MONTHLY).get(measure)
            if column is None:
                continue
            if parsed.footnote:
                notes.append(f"fussnote_{parsed.footnote}")
            area = areas.get(idx)
            cells = [{"seite": row.seite, "box": cell.box, "spalte": column, "wert": parsed.value}]
            if area is not None:
                cells.append({"seite": area[2] if len(area) > 2 else table.seite, "box": area[1], "spalte": "wohnflaeche_m2",
                              "wert": area[0]})
            out.append({"vergleichsraum": row.vergleichsraum, "haushaltsgroesse": header.sizes[idx],
                        "wohnflaeche_m2": area[0] if area is not None else None, column: parsed.value, "seite": row.seite,
                        "_notes": notes, "_cells": cells})
    return out


def _join_offset_lines(lines: list[Line], header: _Header) -> list[Line]:
    """One table row set as two overlapping text lines (cells aligned to the middle, some wrapped: "340,00" / "€"
    beside a one-line label and "60,00 €"): lines that overlap in height and hold values in different columns are one
    row. Rows of a table never overlap, so nothing else is joined."""
    out: list[Line] = []
    for line in lines:
        prev = out[-1] if out else None
        if prev is not None and line.top < prev.bottom - 1 and not _size_header(line) and not _size_header(prev):
            a = {header.column(c.center) for c, _ in _numeric_cells(prev) if c.center > header.label_x1}
            b = {header.column(c.center) for c, _ in _numeric_cells(line) if c.center > header.label_x1}
            labels = [any(c.center <= header.label_x1 for c in ln.cells) for ln in (prev, line)]
            if a and b and None not in a | b and not a & b and not all(labels):
                out[-1] = Line(prev.top, max(prev.bottom, line.bottom), prev.words + line.words,
                               sorted(prev.cells + line.cells, key=lambda c: c.x0))
                continue
        out.append(line)
    return out


def _read_rows(lines: list[Line], start: int, header: _Header, seite: int, hinweise: list[str],
               continuation: bool = False, rules: list[tuple[float, float, float]] = ()) -> list[dict]:
    """The rows of a regions × sizes table from line ``start`` to the table's end, as tidy records (``rules``: the
    page's horizontal rulings, which put a label into its cell in a ruled table)."""
    state = _RowState(last_bottom=lines[start - 1].bottom if start > 0 else None, rules=list(rules))
    starts = _label_column_starts(lines, start, header)
    for line in _join_offset_lines(lines[start:], header):
        if _size_header(line):
            break  # next table
        _split_glued_value(line, header.anchors, header.spacing, header.label_x1)
        _split_label_columns(line, header, starts)
        numeric = [(c, p) for c, p in _numeric_cells(line) if c.center > header.label_x1]
        label_cells = [c for c in line.cells if c.center <= header.label_x1]
        if len(numeric) >= 2:
            _value_row(state, line, numeric, label_cells, header, seite, continuation)
        elif not _other_line(state, line, numeric, " ".join(c.text for c in label_cells), header, seite):
            break
    _trailing_label(state)
    _resolve_undecided(state, seite)
    _place_dashes(state.rows, state.dash_cells, header)
    if not _regroup_measure_rows(state.rows, state.fragments, header.table, seite):
        header.table.problems += state.ambiguous
    return _row_records(state.rows, header)


def _regroup_measure_rows(rows: list[_Row], fragments: list[tuple[float, str]], table: TableInfo, seite: int) -> bool:
    """A table with one row per measure and region (NKM / BKM, BKM / Heizkosten …) and the region's label in a cell
    spanning its rows: each region is the run of rows up to the repeat of the first measure, and its label is every
    piece of label text standing within the run (split at the midpoints between runs). Returns False when the table
    has no such regular measure rows (labels then stay as read)."""
    if len(rows) < 2 or not any(r.measure_label for r in rows) or not all(r.measure_label for r in rows):
        return False
    keys = [gate.measure_key(r.measure_label) for r in rows]
    groups: list[list[_Row]] = []
    for row, key in zip(rows, keys):
        if not groups or key in {gate.measure_key(r.measure_label) for r in groups[-1]}:
            groups.append([])
        groups[-1].append(row)
    if len({frozenset(gate.measure_key(r.measure_label) for r in g) for g in groups}) != 1 or len(groups[0]) < 2:
        return False
    cuts = [(a[-1].top + b[0].top) / 2 for a, b in zip(groups, groups[1:])]
    labels: list[list[tuple[float, str]]] = [[] for _ in groups]
    for top, text in fragments:
        if any(abs(top - cut) < _CUT_SLACK for cut in cuts):
            table.problems.append((seite, f"die Beschriftung „{text}“ steht genau zwischen zwei Gebieten"))
            return True
        labels[sum(top > cut for cut in cuts)].append((top, text))
    for group, parts in zip(groups, labels):
        label = " ".join(t for _, t in sorted(parts, key=lambda p: p[0]))
        for row in group:
            row.vergleichsraum = label
    return True


def _measure_only(text: str) -> bool:
    """The text names only a rent concept and its unit ("BKM €/Monat", "Heizkosten (Nichtprüfungsgrenze)")."""
    return bool(cols.measure_of(text) or re.fullmatch(r"(?i)\W*(euro|€|eur)?\s*(monatlich|mtl\.?|je monat|/monat)\W*", text)) \
        and _MEASURE_ONLY.sub("", text.lower()).strip(" ()/.,:-") == ""


def _relabel_group(rows: list[_Row], label: str) -> str:
    """Give the last row and the measure rows that share its label (one region's group) the label ``label``."""
    old = rows[-1].vergleichsraum
    k = len(rows) - 1
    rows[k].vergleichsraum = label
    while rows[k].inherited and k > 0 and rows[k - 1].vergleichsraum == old:
        k -= 1
        rows[k].vergleichsraum = label
    return label


def _size_name(size: str) -> str:
    return "je weitere Person" if size == "+1" else f"{size} Pers."


def _union(boxes) -> tuple | None:
    boxes = [b for b in boxes if b is not None]
    if not boxes:
        return None
    return (min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes))


# --------------------------------------------------------------------------- orientation B: sizes × columns

def _row_values(line: Line) -> list[tuple[Cell, object]]:
    """The numbers of a household-size row, without its label ("1", "2" are sizes, not values)."""
    return [(c, p) for c, p in _numeric_cells(line) if c is not line.cells[0]]


def _join_wrapped_size_labels(lines: list[Line], numbers: list[Cell] | None = None) -> None:
    """A household-size label set over two or three lines ("für jede" / "weitere Person", "1-Personen-" /
    "Haushalt"), with the values on one of them or between them: the pieces become one label cell on the value
    line (only when exactly one way of joining them names a household size). ``numbers`` collects the cells of a
    running-number column over the pages (a table continued on the next page keeps it)."""
    def label_only(ln):
        return ln.cells and len(ln.text) <= 40 and not _numeric_cells(ln) and len(ln.cells) == 1

    def close(a, b):  # b directly below a
        return 0 <= b.top - a.top <= 1.5 * max(a.bottom - a.top, 6.0) + 1

    def join(parts):
        text = ""
        for p in parts:
            text = text + p if text.endswith("-") and not text.endswith(" -") else (text + " " + p).strip()
        return text

    for ln in lines:  # a running number glued to the size label ("1. 1 Person")
        if ln.cells and re.match(r"\d{1,2}\.\s", ln.cells[0].text) and cols.size_token(ln.cells[0].text.split(None, 1)[1]):
            words = _words_of(ln, ln.cells[0])[1:]
            if words:
                ln.cells[0] = Cell.of_words(words)
    # running-number cells ("1. | 1", "2. | 2"), also of earlier pages (a table continued on the next page keeps
    # them): its "6." before a wrapped "je weitere Person" goes too
    numbers = numbers if numbers is not None else []
    numbers += [ln.cells[0] for ln in lines if len(ln.cells) > 2 and re.fullmatch(r"\d{1,2}\.", ln.cells[0].text)
                and cols.size_token(ln.cells[1].text)]
    for ln in lines:  # a running number before the size label ("1 | 1 Person", "5 | jede weitere Person")
        if len(ln.cells) > 2 and re.fullmatch(r"\d{1,2}\.", ln.cells[0].text) and len(numbers) >= 2 \
                and any(abs(ln.cells[0].x0 - n.x0) <= 2 for n in numbers):
            ln.cells = ln.cells[1:]
        elif len(ln.cells) > 2 and ((re.fullmatch(r"\d{1,2}\.?", ln.cells[0].text) and cols.size_token(ln.cells[1].text)
                                   and len(ln.cells[1].text) > 2)
                                  or (re.fullmatch(r"\d{1,2}\.", ln.cells[0].text)
                                      and (_amount(ln.cells[1]) is None or cols.size_token(ln.cells[1].text)))):
            if not any(n is ln.cells[0] for n in numbers):
                numbers.append(ln.cells[0])
            ln.cells = ln.cells[1:]
    for ln in lines:  # the running number of a row whose label is set over two lines ("6 | jede / weitere Person"):
        # it stands in the column of the other rows' running numbers, and it is no household size
        if len(ln.cells) > 1 and re.fullmatch(r"\d{1,2}\.?", ln.cells[0].text) and _numeric_cells(ln) \
                and not cols.size_token(ln.cells[1].text) and len(
                [n for n in numbers if n.x0 - 2 <= ln.cells[0].center <= n.x1 + 2]) >= 2:
            ln.cells = ln.cells[1:]
    for ln in lines:  # "für jede weitere Person 17,50 Euro": a value glued to the size label
        if ln.cells and not cols.size_token(ln.cells[0].text) and _amount(ln.cells[0]) is None:
            words = _words_of(ln, ln.cells[0])
            for n in (1, 2):
                head, tail = words[:-n], words[-n:]
                if not head or not re.search(r"\d", tail[0]["text"]) or not cols.size_token(" ".join(w["text"] for w in head)):
                    continue
                try:
                    parsed = parse_amount(" ".join(w["text"] for w in tail))
                except NumberFormatError:
                    continue
                if parsed is not None and parsed.unit != "m2":
                    ln.cells = [Cell.of_words(ws) for ws in (head, tail)] + ln.cells[1:]
                    break
    used: set[int] = set()
    for k, ln in enumerate(lines):
        numeric = _numeric_cells(ln)
        if not numeric or (ln.cells and cols.size_token(ln.cells[0].text)):
            continue
        first_value_x0 = min(c.x0 for c, _ in numeric)
        own = [c for c in ln.cells if c.x1 < first_value_x0 - 3 and _amount(c) is None]
        if len(own) > 1:
            continue
        above = []
        for j in (k - 1, k - 2):
            if j >= 0 and j not in used and label_only(lines[j]) and lines[j].cells[0].x1 < first_value_x0 - 3 \
                    and close(lines[j], lines[j + 1] if j + 1 < k else ln):
                above.insert(0, j)
            else:
                break
        below = []
        for j in (k + 1, k + 2):
            if j < len(lines) and label_only(lines[j]) and lines[j].cells[0].x1 < first_value_x0 - 3 \
                    and close(lines[j - 1] if j - 1 > k else ln, lines[j]):
                below.append(j)
            else:
                break
        found = []
        for na in range(len(above) + 1):
            for nb in range(len(below) + 1):
                if na == nb == 0:
                    continue
                ups, downs = above[len(above) - na:], below[:nb]
                parts = [lines[j].cells[0].text for j in ups] + [c.text for c in own] + [lines[j].cells[0].text for j in downs]
                token = cols.size_token(join(parts))
                if token:
                    found.append((token, ups + downs, join(parts)))
        if len({t for t, _, _ in found}) != 1:
            continue
        token, taken, text = min(found, key=lambda f: len(f[1]))
        pieces = [lines[j].cells[0] for j in taken] + own
        cell = Cell(text, min(p.x0 for p in pieces), max(p.x1 for p in pieces), min(p.top for p in pieces),
                    max(p.box[3] for p in pieces))
        ln.cells = [cell] + [c for c in ln.cells if c not in own]
        used.update(taken)
        for j in taken:
            lines[j].cells = []  # now part of the row's label


_SIZE_ORDER = ["1", "2", "3", "4", "5", "6", "7", "8", "9", "+1"]


def _size_blocks(pages_lines) -> list[list[tuple[int, list[Line], int]]]:
    """Runs of household-size rows (page, lines, index): a run ends where the sizes start again or other text stands
    between two rows; a run that ends a page continues on the next one when the sizes go on there."""
    blocks: list[list[tuple[int, list[Line], int]]] = []
    numbers: list[Cell] = []
    for seite, lines in pages_lines:
        _join_wrapped_size_labels(lines, numbers)
        data = [k for k, ln in enumerate(lines) if ln.cells and cols.size_token(ln.cells[0].text) and _numeric_cells(ln)]
        for k in data:
            size = cols.size_token(lines[k].cells[0].text)
            if blocks:
                last_seite, last_lines, last_k = blocks[-1][-1]
                last_size = cols.size_token(last_lines[last_k].cells[0].text)
                goes_on = _SIZE_ORDER.index(size) > _SIZE_ORDER.index(last_size)
                if last_seite == seite:
                    between = [ln for ln in lines[last_k + 1:k] if _numeric_cells(ln) or len(ln.text) > 40
                               or lines[k].top - last_lines[last_k].bottom > 4 * (ln.bottom - ln.top)]
                    if goes_on and not between:
                        blocks[-1].append((seite, lines, k))
                        continue
                elif goes_on and last_seite == seite - 1 and not any(_numeric_cells(ln) for ln in last_lines[last_k + 1:]) \
                        and not any(cols.size_token(ln.cells[0].text) for ln in lines[:k] if ln.cells):
                    blocks[-1].append((seite, lines, k))
                    continue
            blocks.append([(seite, lines, k)])
    return blocks


def _run_of_heads(text: str) -> bool:
    """A long line that is column heads set too close to split into cells ("Nr. Personen m² je m² in €/m² in Euro"),
    not prose: it names a rent concept or a unit, holds no number and ends without a sentence mark."""
    return not re.search(r"\d", re.sub(r"m²|m2", "", text)) and not text.rstrip().endswith((".", ":", ";", ",")) \
        and bool(cols.measure_of(text) or re.search(r"€|(?i:euro)|m²", text))


def _head_line(line: Line, label_x1: float) -> bool:
    """A line above a table by household size that may hold its column heads, not prose: several cells, a short
    line without a sentence mark, or a run of heads set as one cell that starts right of the row labels."""
    return len(line.cells) >= 2 or (len(line.text) <= 60 and not line.text.rstrip().endswith((":", ".", ";"))) \
        or (line.cells[0].x0 > label_x1 and _run_of_heads(line.text))


def _block_title(header_lines: list[Line], first: Line, near: bool = True) -> Line | None:
    """The region a table per Vergleichsraum is titled with: the nearest short single-cell line above the column
    heads, starting at the row labels, that names neither a measure nor household sizes."""
    for ln in reversed(header_lines):  # upwards from the column heads: the nearest such line
        text = ln.text
        if len(text) > 60 and len(ln.cells) == 1 and not _run_of_heads(text):
            break  # prose: no title between it and the table
        if (not near or first.top - ln.bottom < 110) and len(ln.cells) == 1 and ln.cells[0].x0 <= first.cells[0].x0 + 5 \
                and len(text) <= 60 and cols.measure_of(text) is None and not _numeric_cells(ln) \
                and not re.search(r"(?i)haushalt|person|bedarfsgemeinschaft|größe|anzahl|wohnfläche|tabelle|:", text):
            return ln
    return None


def _read_size_tables(pages_lines, hinweise: list[str], tables: list[TableInfo]) -> list[dict]:
    records: list[dict] = []
    pages = dict(pages_lines)
    blocks = _size_blocks(pages_lines)
    stray = [b for b in blocks if len(b) < 3]
    blocks = [b for b in blocks if len(b) >= 3]
    per_region = len(blocks) > 1
    if blocks and stray:
        seite, lines, k = stray[0][0]
        tables.append(TableInfo(seite=seite, kind="groessen", columns=[], problems=[
            (seite, f"die Zeile „{lines[k].text[:50]}“ gehört zu keiner gelesenen Tabelle (Fortsetzung nicht erkannt)")]))
    for block in blocks:
        seite, lines, first = block[0]
        data = [(s, lns[k]) for s, lns, k in block]
        last_seite, last_lines, last_k = block[-1]
        step = (data[-1][1].top - data[0][1].top) / max(len(data) - 1, 1) if len(data) > 1 else 20.0
        for ln in last_lines[last_k + 1:]:
            if ln.top - last_lines[last_k].top > 1.6 * step + 2:
                break
            if len(_numeric_cells(ln)) >= 2:  # values under the table without a household size: a row not read
                tables.append(TableInfo(seite=last_seite, kind="groessen", columns=[], problems=[
                    (last_seite, f"die Zeile „{ln.text[:50]}“ unter der Tabelle hat keine erkennbare Haushaltsgröße")]))
                break
        anchor_x = header_mod.value_anchors([[c for c, _ in _row_values(ln)] for _, ln in data])
        spacing = min((b - a for a, b in zip(anchor_x, anchor_x[1:])), default=80.0)
        label_x1 = lines[first].cells[0].x1
        header_lines = [ln for ln in lines[max(0, first - 5):first] if lines[first].top - ln.bottom < 70
                        and _head_line(ln, label_x1)]
        title = _block_title(lines[max(0, first - 7):first], lines[first]) if per_region else None
        foot = header_mod.previous_page_foot(lines[:first], pages.get(seite - 1), _numeric_cells, _PAGE_FURNITURE) \
            if not header_lines else []
        if foot:  # the column heads (and the title) at the foot of the previous page, the rows on this one
            header_lines = [ln for ln in foot[-5:] if _head_line(ln, label_x1)]
            title = _block_title(foot, lines[first], near=False) if per_region and title is None else title
            if title is not None:
                header_lines = [ln for ln in header_lines if ln.top > title.top]
        if per_region and title is None and seite - 1 in pages and not any(
                _numeric_cells(ln) or (len(ln.cells) == 1 and len(ln.text) > 60)
                for ln in lines[:first] if not _PAGE_FURNITURE.fullmatch(ln.text)):
            # the title stands at the foot of the previous page, the table on the next
            tail = [ln for ln in pages[seite - 1] if not _PAGE_FURNITURE.fullmatch(ln.text)][-2:]
            title = _block_title([ln for ln in tail if not _numeric_cells(ln)], lines[first], near=False)
        region = title.text if title else ""
        if title and any(ln is title for ln in lines):
            header_lines = [ln for ln in header_lines if ln.top > title.top]
        first_x0 = min(c.x0 for c, _ in _row_values(lines[first]))
        edges = header_mod.column_edges([[c for _, ln in data for c, _ in _row_values(ln)
                                      if _column_at(c.center, anchor_x, spacing) == i] for i in range(len(anchor_x))])
        labels = header_mod.header_labels(header_lines, anchor_x, first_x0, lines[first].cells[0].x1, edges)
        if per_region and not region:
            tables.append(TableInfo(seite=seite, kind="groessen", columns=[], problems=[
                (seite, "mehrere Tabellen mit Haushaltsgrößen, aber über einer steht kein Gebietsname")]))
        # a column holding the household size or a running number (1, 2, 3 …) is a counter, never a value
        counters = set()
        for i, x in enumerate(anchor_x):
            column = []
            for _, ln in data:
                hit = [p.value for c, p in _row_values(ln) if _column_at(c.center, anchor_x, spacing) == i]
                column.append(hit[0] if hit else None)
            sizes_here = [cols.size_token(ln.cells[0].text) for _, ln in data]
            numbered = [Decimal(s) if s and s.isdigit() else None for s in sizes_here]
            if all(v is not None and v == int(v) and v <= 20 for v in column) and (
                    [v for v, n in zip(column, numbered) if n is not None] == [n for n in numbered if n is not None]
                    or column == [Decimal(k) for k in range(1, len(column) + 1)]):
                counters.add(i)
            elif len([n for n in numbered if n is not None]) >= 3 and all(
                    (v == n) if n is not None else v is None for v, n in zip(column, numbered)):
                counters.add(i)  # the household size in a column of its own, "jede weitere Person" as the row label
        context = " ".join(ln.text for ln in lines[max(0, first - 10):first])
        heads_top = min([ln.top for ln in header_lines] + [lines[first].top])
        caption = [ln for ln in lines[:first] if ln.bottom <= heads_top + 0.5][-1:]  # the line above the column heads
        if caption and heads_top - caption[0].bottom < 40 and _NOT_RICHTWERT.search(caption[0].text):
            hinweise.append(f"S. {seite}: Tabelle mit Haushaltsgrößen ohne Richtwerte (z. B. Umzugspauschale) – "
                            "nicht übernommen")
            continue
        table = TableInfo(seite=seite, kind="groessen", columns=[])
        tables.append(table)
        chosen = _choose_columns({i: " ".join(t) for i, t in labels.items() if i not in counters}, context, table, seite)
        order = sorted(chosen)
        table.columns = [chosen[i] for i in order]
        for row_seite, ln in data:
            size = cols.size_token(ln.cells[0].text)
            info = RowInfo(seite=row_seite, label=ln.cells[0].text, measure=None, box=_union([c.box for c in ln.cells]))
            for c in ln.cells[1:]:
                idx = _column_at(c.center, anchor_x, spacing)
                if _is_dash(c) and idx in chosen:
                    info.dashes.add(order.index(idx))
            unread = _unread_digits(ln, ln.cells[1:])
            if unread is not None:
                table.problems.append((row_seite, f"die Zelle „{unread.text}“ ist keine lesbare Zahl"))
            seen = set()
            for cell, parsed in _row_values(ln):
                idx = _column_at(cell.center, anchor_x, spacing)
                if idx is None:
                    table.problems.append((row_seite, f"der Wert „{cell.text}“ steht unter keiner Spaltenüberschrift"))
                    continue
                if idx not in chosen:
                    continue
                if idx in seen:
                    table.problems.append((row_seite, f"zwei Zahlen in einer Spalte der Zeile „{ln.cells[0].text}“"))
                    continue
                seen.add(idx)
                info.filled.add(order.index(idx))
                column = chosen[idx]
                if parsed.unit == "EUR/m2" and column in (cols.MONTHLY["bkm"], cols.MONTHLY["nkm"], cols.MONTHLY["bk"]):
                    column = column.replace("_eur", "_eur_m2")
                notes = [f"fussnote_{parsed.footnote}"] if parsed.footnote else []
                records.append({"vergleichsraum": region, "haushaltsgroesse": size, column: parsed.value, "seite": row_seite,
                                "_notes": notes, "_cells": [{"seite": row_seite, "box": cell.box, "spalte": column,
                                                             "wert": parsed.value}]})
            table.rows.append(info)
            area = re.search(r"(\d+(?:,\d+)?)\s*m²", ln.text)
            if area and records:
                records[-1]["wohnflaeche_m2"] = parse_amount(area.group(1)).value
    return records


def _choose_columns(labels: dict[int, str], context: str, table: TableInfo, seite: int) -> dict[int, str]:
    candidates = {}
    for i, text in labels.items():
        if cols.is_difference(text):
            continue
        if _AREA_LABEL.search(text) and not re.search(r"(?i)€|eur|miete|kosten|nkm|bkm|\bbk\b|heiz|warm", text) \
                and not cols.is_per_m2(text):
            candidates[i] = ("wohnflaeche_m2", text)
            continue
        own = cols.measure_of(text)
        if own is None and any(cols.measure_of(t) for j, t in labels.items() if j != i):
            # other columns name their measure, this one does not: guessing from the prose could be wrong
            if not cols.is_old(text):
                table.problems.append((seite, f"die Spalte „{text or '(ohne Überschrift)'}“ nennt keinen Mietbegriff, "
                                              "andere Spalten schon"))
            continue
        measure = own or cols.measure_of(context) or "bkm"
        per_m2 = cols.is_per_m2(text)
        column = (cols.PER_M2 if per_m2 else cols.MONTHLY).get(measure)
        if column:
            candidates[i] = (column, text)
    chosen: dict[int, str] = {}
    by_column: dict[str, list[int]] = {}
    for i, (column, _) in candidates.items():
        by_column.setdefault(column, []).append(i)
    for column, idxs in by_column.items():
        keep = [i for i in idxs if not cols.is_old(candidates[i][1])]
        if any(cols.is_new(candidates[i][1]) for i in keep):
            neither = [i for i in keep if not cols.is_new(candidates[i][1]) and not cols.is_current(candidates[i][1])]
            if neither:  # a column beside "neu" that says neither "bisherig" nor "aktuell": never dropped silently
                table.problems.append((seite, f"die Spalte „{candidates[neither[0]][1]}“ steht neben einer Spalte "
                                              "„neu“, ist aber weder als bisheriger noch als neuer Wert bezeichnet"))
            keep = [i for i in keep if cols.is_new(candidates[i][1])]
        if not keep:
            continue
        if len(keep) > 1:
            table.problems.append((seite, f"mehrere Spalten der Tabelle bedeuten {gate.MEASURE_NAMES.get(column, column)}; "
                                          "welche gilt, ist nicht eindeutig"))
        chosen[keep[0]] = column
    return chosen


# --------------------------------------------------------------------------- assembly

def _merge(records: list[dict]) -> list[dict]:
    merged: dict[tuple, dict] = {}
    for rec in records:
        key = (rec["vergleichsraum"], rec["haushaltsgroesse"])
        target = merged.setdefault(key, {"vergleichsraum": key[0], "haushaltsgroesse": key[1], "seite": rec["seite"],
                                         "_notes": [], "_cells": []})
        for col in VALUE_COLUMNS:
            if rec.get(col) is not None:
                if target.get(col) is not None and target[col] != rec[col]:
                    target["_notes"].append(f"widerspruechliche_werte_{col}")
                    continue
                target[col] = rec[col]
        target["_notes"] += rec.get("_notes", [])
        for cell in rec.get("_cells", []):
            cell = {**cell, "seite": cell["seite"] or rec["seite"]}
            if not any(c["spalte"] == cell["spalte"] and c["box"] == cell["box"] for c in target["_cells"]):
                target["_cells"].append(cell)
    for target in merged.values():
        own = [c["box"] for c in target["_cells"] if c["seite"] == target["seite"] and c["spalte"] != "wohnflaeche_m2"]
        target["_box"] = _union(own)
    return list(merged.values())


def extract_richtwerte(path: str | Path, spec=None) -> RichtwertExtraction:
    """Read the Richtwert table(s) of one document. Raises :class:`InputError` for unusable input."""
    from kdu_analysis.loaders.richtwert_spec import find_spec

    path = Path(path)
    hinweise: list[str] = []
    with open_pdf(path) as pdf:
        require_text_layer(pdf, path)
        spec = spec or find_spec(path)
        page_numbers = spec.pages if spec and spec.pages else list(range(1, len(pdf.pages) + 1))
        pages_lines = []
        full_text = []
        geometry: dict[int, tuple[int, float, float]] = {}
        rules: dict[int, list[tuple[float, float, float]]] = {}
        try:
            _read_pages(pdf, path, spec, page_numbers, pages_lines, full_text, hinweise, geometry, rules)
        except InputError:
            raise
        except Exception as exc:  # a damaged content stream surfaces only while reading a page
            raise InputError(f"Die PDF-Datei {path.name} ist beschädigt und kann nicht vollständig gelesen werden",
                             remedy="Bitte die Originaldatei erneut herunterladen") from exc
    text = "\n".join(full_text)
    return _assemble(path, spec, pages_lines, text, hinweise, geometry, rules)


def extract_folder(folder: str | Path, spec=None,
                   progress: Callable[[Iterable[Path]], Iterable[Path]] | None = None,
                   ) -> list[tuple[Path, RichtwertExtraction | KduError]]:
    """Read every ``*.pdf`` in ``folder`` and its sub-folders (sorted by path). Each entry holds the extraction or the
    :class:`KduError` that stopped that document; one bad file never stops the others. ``progress`` may wrap
    the file list (e.g. ``tqdm``)."""
    folder = Path(folder)
    if not folder.is_dir():
        raise InputError(f"Der Ordner {folder} existiert nicht", remedy="Bitte den Ordner mit den KdU-Dokumenten angeben")
    pdfs = batch_files.find_pdfs(folder)  # nested folders too; nothing outside the folder
    if not pdfs:
        raise InputError(f"Im Ordner {folder} liegen keine PDF-Dateien", remedy="Bitte den Ordner mit den KdU-Dokumenten angeben")
    # each document within the time and memory budget (config); one over budget is a failure, the batch goes on
    return list(batch_files.read_each(progress(pdfs) if progress else pdfs, extract_richtwerte, spec=spec))


def _read_pages(pdf, path, spec, page_numbers, pages_lines, full_text, hinweise, geometry, rules) -> None:
    garbled: list[tuple[int, str]] = []
    for number in page_numbers:
        if not 1 <= number <= len(pdf.pages):
            raise InputError(f"Die Spec nennt Seite {number}, {path.name} hat aber {len(pdf.pages)} Seiten",
                             remedy="Bitte die Seitenangabe in der Spec-Datei korrigieren")
        page = pdf.pages[number - 1]
        if spec and spec.crop:
            page = page.crop(spec.crop)
        # a /Rotate entry needs nothing: pdfminer applies it, characters of an upright view arrive upright
        direction = text_direction(page)
        lines = page_lines(page, direction=direction)
        for line in lines:
            _split_amount_runs(line)
        text = "\n".join(line.text for line in lines)  # the words once: no second pass with extract_text
        if is_glyph_garbage(text):
            hinweise.append(f"S. {number}: Schrift ohne Unicode-Zuordnung ((cid:…)-Zeichen) – Seite nicht gelesen")
            garbled.append((number, text))
            continue
        if direction:
            hinweise.append(f"S. {number}: Text quer gesetzt (um {direction}° gedreht) – in gedrehter Lage gelesen")
        geometry[number] = (direction, float(pdf.pages[number - 1].width), float(pdf.pages[number - 1].height))
        rules[number] = [] if direction else horizontal_rules(page)
        full_text.append(text)
        pages_lines.append((number, lines))
    if garbled and len(garbled) == len(page_numbers):
        check_glyphs(garbled[0][1], path, page=garbled[0][0] if len(page_numbers) > 1 else None)


def page_span(pages: list[int]) -> str:
    """ "Seite 2", "den Seiten 1–3", "den Seiten 1, 3 und 5"."""
    pages = sorted(pages)
    if len(pages) == 1:
        return f"Seite {pages[0]}"
    if pages == list(range(pages[0], pages[-1] + 1)):
        return f"den Seiten {pages[0]}–{pages[-1]}"
    return "den Seiten " + ", ".join(str(p) for p in pages[:-1]) + f" und {pages[-1]}"


def _no_table(path: Path, text: str, hinweise: list[str], pages: list[int] | None = None) -> InputError:
    looks = gate.looks_like(text)
    if looks:
        return InputError(f"{path.name} sieht aus wie {looks}; keine Richtwert-Tabelle gelesen",
                          remedy="Bitte die KdU-Richtlinie (Richtlinie, Merkblatt oder Beschluss mit der Richtwerttabelle) angeben")
    remedy_extra = ""
    if any("Unicode" in h for h in hinweise):
        remedy_extra += "; einige Seiten haben eine Schrift ohne Unicode-Zuordnung und wurden nicht gelesen – bitte OCR " \
                        "durchführen (z. B. 'ocrmypdf --force-ocr --language deu EINGABE.pdf AUSGABE.pdf')"
    return InputError(
        f"In {path.name} wurde {'auf ' + page_span(pages) + ' ' if pages else ''}keine Richtwert-Tabelle gefunden "
        "(keine Tabelle mit Haushaltsgrößen und Euro-Beträgen)",
        remedy="Bitte prüfen, ob es die KdU-Richtlinie mit der Richtwerttabelle ist; bei ungewöhnlichem Aufbau eine "
        "Spec-Datei anlegen (siehe README, 'Neues Kreis-Dokument hinzufügen')" + remedy_extra,
    )


def _page_cells(cells: list[dict], geometry) -> list[dict]:
    """Cells with their boxes on the page as pdfplumber sees it (turned back for text set sideways)."""
    out = []
    for cell in cells:
        direction, width, height = geometry.get(cell["seite"], (0, 0.0, 0.0))
        box = tuple(round(v, 2) for v in box_to_page(cell["box"], direction, width, height))
        out.append({**cell, "box": box})
    return out


def _assemble(path: Path, spec, pages_lines, text: str, hinweise: list[str], geometry,
              rules: dict[int, list[tuple[float, float, float]]] | None = None) -> RichtwertExtraction:
    tables: list[TableInfo] = []
    skipped: list[tuple[int, str]] = []
    left_out: list[dict] = []  # cells of rows read from tables left out
    records = _read_region_tables(pages_lines, hinweise, tables, rules or {}, skipped, left_out)
    if not records:
        tables = []
        records = _read_size_tables(pages_lines, hinweise, tables)
    if spec and spec.column_meaning:
        for rec in records:
            for source, target in spec.column_meaning.items():
                if source in rec:
                    rec[target] = rec.pop(source)
                for cell in rec.get("_cells", []):
                    if cell["spalte"] == source:
                        cell["spalte"] = target
    rows = _merge(records)
    if not rows:
        if not gate.looks_like(text):
            gate.check_tables([t for t in tables if t.problems]  # a table was found, but could not be read: say why
                              + [TableInfo(seite=s, kind="regionen", columns=[], problems=[(s, why)]) for s, why in skipped])
        raise _no_table(path, text, hinweise, [seite for seite, _ in pages_lines])
    words = {seite: [w for line in lines for w in line.words] for seite, lines in pages_lines}
    read_cells = [{**c, "vergleichsraum": r["vergleichsraum"], "haushaltsgroesse": r["haushaltsgroesse"]}
                  for r in rows for c in r["_cells"]]
    try:
        gate.check_tables(tables)
        gate.check_rows(rows)
        gate.check_round_trip(read_cells, words)
        label_checks.check(rows, text, words, read_cells, path.name, left_out)  # outside-test rules (D820–D827)
        looks = gate.looks_like(text)
        if looks and gate.guideline_words(text) < 3:
            raise TabelleAbgelehnt(f"{path.name} sieht aus wie {looks}; die gelesene Tabelle wird nicht als Richtwerte "
                                   "geschrieben", remedy="Bitte die KdU-Richtlinie mit der Richtwerttabelle angeben")
    except TabelleAbgelehnt as exc:
        looks = gate.looks_like(text)
        if looks and "sieht aus wie" not in exc.message:
            exc.message = f"{path.name} sieht aus wie {looks} ({exc.message})"
            exc.args = (exc.user_message(),)
        if exc.box is not None and exc.seite in geometry:
            direction, width, height = geometry[exc.seite]
            exc.box = box_to_page(exc.box, direction, width, height)
        exc.zellen = _page_cells(read_cells, geometry)
        exc.seiten = {n: (w, h) for n, (_, w, h) in geometry.items()}
        raise
    traeger = (spec.traeger if spec and spec.traeger else None) or find_traeger(text)
    gueltig_ab = (spec.gueltig_ab if spec and spec.gueltig_ab else None) or find_gueltig_ab(text)
    digest = sha256_file(path)
    records = []
    for r in rows:
        direction, width, height = geometry.get(r["seite"], (0, 0.0, 0.0))
        box = box_to_page(r["_box"], direction, width, height) if r.get("_box") else (None,) * 4
        record = {col: r.get(col) for col in COLUMNS}
        record.update(traeger=traeger, gueltig_ab=gueltig_ab, datei=path.name, sha256=digest)
        record.update({col: None if v is None else round(float(v), 2) for col, v in zip(BOX_COLUMNS, box)})
        records.append(record)
    for record, r, extra in zip(records, rows, check_notes(records)):
        record["hinweise"] = ";".join(dict.fromkeys(r["_notes"] + extra))
    frame = pd.DataFrame(records, columns=COLUMNS + EXTRA_COLUMNS, dtype=object)
    return RichtwertExtraction(frame=frame, traeger=traeger, gueltig_ab=gueltig_ab, sha256=digest, datei=path.name,
                               hinweise=hinweise, zellen=_page_cells(read_cells, geometry),
                               seiten={n: (w, h) for n, (_, w, h) in geometry.items()})
