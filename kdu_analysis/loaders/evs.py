"""Read an EVS special-evaluation table into tidy rows (contracts §2), with provenance and flags.

Two layouts, one generic reader driven by the column headers:

* Destatis *Sonderauswertung* tables ("Gegenstand der Nachweisung", households hochgerechnet (in 1000) and
  erfasst (Anzahl), € values per month; SEA codes of 2, 3, 4 or 7 digits such as ``0111 000``);
* the Abteilung tables of an RBEG Gesetzentwurf (Verbrauchsausgaben and the regelbedarfsrelevant part per
  item, "Summe Abteilung …" rows, one table per Abteilung with its header repeated).

Steps: text lines and cells from word geometry (:mod:`kdu_analysis.pdf.layout`); a table starts at a line
naming "Gegenstand der Nachweisung"; header lines below it name the value columns; value columns are the
clusters of right edges of the number cells; each cell is parsed strictly with
:func:`~kdu_analysis.pdf.numbers.parse_destatis_cell` — symbols become flags, never 0. Wrapped labels are
joined; the Abteilung of a row comes from its code, else from the "Abteilung …" heading above the table.
Sum checks (:mod:`kdu_analysis.loaders.evs_checks`) add flags to ``hinweise`` and never drop a row.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

import pandas as pd

from kdu_analysis.errors import InputError
from kdu_analysis.loaders.evs_checks import run_checks
from kdu_analysis.outputs import read_machine_csv
from kdu_analysis.pdf.document import check_glyphs, open_pdf, require_text_layer, sha256_file
from kdu_analysis.pdf.layout import Cell, Line, cluster_positions, page_lines
from kdu_analysis.pdf.numbers import DestatisCell, NumberFormatError, parse_destatis_cell

COLUMNS = ["abteilung", "code", "bezeichnung", "ausgaben_eur", "regelbedarfsrelevant_eur", "haushalte_erfasst",
           "unsicher", "nicht_ausgewiesen", "zeilenart", "seite"]
EXTRA_COLUMNS = ["hochgerechnet_tsd", "ausgaben_erwachsene_eur", "ausgaben_kind_eur", "lfd_nr", "zwischensumme",
                 "umfasst", "zeichen", "datei", "sha256", "hinweise"]
#: Value columns a header can name, in the order they are tried (first match wins; "regelbedarfsrelevant"
#: before "Ausgaben", "Erwachsene"/"Kind" before "insgesamt").
VALUE_KEYWORDS: list[tuple[str, tuple[str, ...]]] = [
    ("regelbedarfsrelevant_eur", ("regelbedarfsrelevant", "regel- bedarfsrelevant", "davon regel")),
    ("hochgerechnet_tsd", ("hochgerechnet", "in 1000", "in 1 000")),
    ("haushalte_erfasst", ("erfasst", "anzahl")),
    ("ausgaben_erwachsene_eur", ("erwachsene",)),
    ("ausgaben_kind_eur", ("kind",)),
    ("ausgaben_eur", ("insgesamt", "ausgaben", "verbrauchs", "je haushalt", "eur")),
]
AMOUNT_COLUMNS = ["ausgaben_eur", "regelbedarfsrelevant_eur", "ausgaben_erwachsene_eur", "ausgaben_kind_eur"]
COUNT_COLUMNS = ["haushalte_erfasst", "hochgerechnet_tsd"]
ALL_ABTEILUNGEN = tuple(f"{n:02d}" for n in range(1, 13))

_HEADER_RE = re.compile(r"gegenstand\s+der\s+nachweisung", re.IGNORECASE)
_CODE_RE = re.compile(r"^\d{2,4}(?: ?\d{3})?$")
_LFD_RE = re.compile(r"^\d{1,4}\.?$")
_HEADING_RE = re.compile(r"^Abteilung(?:en)?\s+(\d{1,2})(?:\s*(?:und|\+|,|bis)\s*(\d{1,2}))?\b", re.IGNORECASE)
_SUM_LABEL_RE = re.compile(r"^Summe\b", re.IGNORECASE)
_SUM_ABT_RE = re.compile(r"Abteilung(?:en)?\s+(\d{1,2})(?:\s*(?:und|\+|,|bis)\s*(\d{1,2}))?", re.IGNORECASE)
_GRAND_TOTAL_RE = re.compile(r"insgesamt|private(?:n)?\s+konsum(?:ausgaben)?\s*$|^summe\s+aller", re.IGNORECASE)
_FOOTER_RE = re.compile(r"^(Zeichenerklärung|Quelle|Fußnote|Anmerkung|Testdokument für|Seite\s+\d+|\d\)\s|\*\s)", re.IGNORECASE)
#: Code-less aggregate rows of the Destatis tables: label → Abteilungen they cover.
AGGREGATE_LABELS = {
    "nahrungsmittel, getränke, tabakwaren": ("01", "02"),
    "nahrungsmittel, getränke und tabakwaren": ("01", "02"),
}


@dataclass
class _Geometry:
    """Where the fixed columns of one table are (from its header) and what its value columns mean."""

    lfd_x: float | None
    code_x: float | None
    label_x: float
    boundary: float  # cells starting right of this are value cells
    header_cells: list[Cell] = field(default_factory=list)
    columns: list[tuple[float, float, str]] = field(default_factory=list)  # (x0, x1, column name)


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
    bottom: float = 0.0


@dataclass
class EvsExtraction:
    """Result of :func:`extract_evs`: tidy rows plus document facts."""

    frame: pd.DataFrame
    layout: str  # "rbeg" (has a regelbedarfsrelevant column) or "destatis"
    titel: str
    datei: str
    sha256: str
    hinweise: list[str] = field(default_factory=list)


def _is_footer(line: Line) -> bool:
    return bool(_FOOTER_RE.match(line.text.strip()))


def _header_geometry(line: Line) -> _Geometry:
    label_cell = next(c for c in line.cells if _HEADER_RE.search(c.text))
    left = [c for c in line.cells if c.x1 <= label_cell.x0 + 1]
    lfd_x = next((c.x0 for c in left if c.text.lower().startswith(("lfd", "nr", "zeile"))), None)
    code_x = next((c.x0 for c in left if c.text.lower().startswith(("code", "sea", "coicop"))), None)
    right = [c for c in line.cells if c.x0 > label_cell.x1]
    boundary = min((c.x0 for c in right), default=label_cell.x1 + 40) - 2
    return _Geometry(lfd_x, code_x, label_cell.x0, boundary, header_cells=list(right))


def _is_header_continuation(line: Line, geo: _Geometry) -> bool:
    """A header line below the first: words over the value columns, no number, no code."""
    over_values = False
    for cell in line.cells:
        try:
            parsed = parse_destatis_cell(cell.text)
            if parsed.value is not None or parsed.symbol:
                return False
        except NumberFormatError:
            pass
        if cell.x1 > geo.boundary:
            over_values = True
    return over_values


def _extend_header(line: Line, geo: _Geometry) -> None:
    cells = [c for c in line.cells if c.x1 > geo.boundary]
    geo.header_cells += cells
    geo.boundary = min([geo.boundary] + [c.x0 - 2 for c in cells if c.x0 > geo.label_x + 20])


def _left_role(cell: Cell, geo: _Geometry) -> str:
    if geo.lfd_x is None:
        return "code"
    if geo.code_x is None:
        return "lfd"
    return "lfd" if abs(cell.x0 - geo.lfd_x) < abs(cell.x0 - geo.code_x) else "code"


def _join_label(head: str, tail: str) -> str:
    if head.endswith("-") and len(head) > 1 and head[-2].isalpha() and tail[:1].islower() \
            and not re.match(r"(und|oder|bzw)\b", tail):
        return head[:-1] + tail
    return f"{head} {tail}"


def _segment(pages: list[tuple[int, list[Line]]], hinweise: list[str]) -> list[tuple[_Geometry, list[tuple[int, Line]]]]:
    """Split the document into tables: (geometry from the header, body lines with page numbers)."""
    blocks: list[tuple[_Geometry, list[tuple[int, Line]]]] = []
    for seite, lines in pages:
        k = 0
        current: list[tuple[int, Line]] | None = None
        while k < len(lines):
            line = lines[k]
            if any(_HEADER_RE.search(c.text) for c in line.cells):
                geo = _header_geometry(line)
                k += 1
                while k < len(lines) and _is_header_continuation(lines[k], geo) and not _is_footer(lines[k]):
                    _extend_header(lines[k], geo)
                    k += 1
                current = []
                blocks.append((geo, current))
                continue
            if current is not None and _is_footer(line):
                current = None  # the rest of the page is footnotes
            elif current is not None:
                current.append((seite, line))
            elif blocks and _HEADING_RE.match(line.text.strip()):
                # a heading between the end of one table and the next header (RBEG layout)
                blocks[-1][1].append((seite, line))
            k += 1
    return blocks


def _assign_columns(geo: _Geometry, body: list[tuple[int, Line]], path: Path) -> None:
    """Value columns = clusters of the right edges of number cells; meaning from the header cells above."""
    edges = []
    for _seite, line in body:
        for cell in line.cells:
            if cell.x0 >= geo.boundary:
                try:
                    parse_destatis_cell(cell.text)
                except NumberFormatError:
                    continue
                edges.append((cell.x0, cell.x1))
    if not edges:
        return
    rights = cluster_positions([x1 for _, x1 in edges], tolerance=4.0)
    spans = []
    for r in rights:
        members = [(x0, x1) for x0, x1 in edges if abs(x1 - r) <= 4.0]
        spans.append((min(x0 for x0, _ in members), max(x1 for _, x1 in members)))
    texts = ["" for _ in spans]
    for cell in sorted(geo.header_cells, key=lambda c: c.top):
        overlaps = [min(x1, cell.x1) - max(x0, cell.x0) for x0, x1 in spans]
        best = max(range(len(spans)), key=lambda i: overlaps[i])
        if overlaps[best] <= 0:
            centre = (cell.x0 + cell.x1) / 2
            best = min(range(len(spans)), key=lambda i: abs((spans[i][0] + spans[i][1]) / 2 - centre))
        texts[best] = f"{texts[best]} {cell.text}".strip()
    used: set[str] = set()
    for (x0, x1), text in zip(spans, texts):
        name = _column_name(text.lower(), used)
        if name is None:
            raise InputError(
                f"Die Spalte '{text or '(ohne Überschrift)'}' der EVS-Tabelle in {path.name} ist keiner bekannten Größe "
                "zuzuordnen", remedy="Erwartet werden Spalten wie 'hochgerechnet (in 1000)', 'erfasst (Anzahl)', "
                "'Ausgaben EUR/Monat' und 'regelbedarfsrelevant'; bitte die Tabelle prüfen")
        used.add(name)
        geo.columns.append((x0, x1, name))


def _column_name(text: str, used: set[str]) -> str | None:
    for name, keys in VALUE_KEYWORDS:
        if name not in used and any(k in text for k in keys):
            return name
    return None


def _column_for(cell: Cell, geo: _Geometry) -> str | None:
    best = min(geo.columns, key=lambda c: abs(c[1] - cell.x1), default=None)
    if best is None or abs(best[1] - cell.x1) > max(12.0, (best[1] - best[0]) * 0.6):
        return None
    return best[2]


def _read_rows(blocks, path: Path, hinweise: list[str]) -> list[_Row]:
    rows: list[_Row] = []
    context: tuple[str, ...] = ()
    for geo, body in blocks:
        _assign_columns(geo, body, path)
        previous: _Row | None = None
        previous_bottom = 0.0
        for seite, line in body:
            text = line.text.strip()
            heading = _HEADING_RE.match(text)
            values = [c for c in line.cells if c.x0 >= geo.boundary]
            left = [c for c in line.cells if c.x1 < geo.label_x - 1]
            label = " ".join(c.text for c in line.cells if c not in values and c not in left).strip()
            if heading and not values:
                context = tuple(f"{int(g):02d}" for g in heading.groups() if g)
                previous = None
                continue
            if not values:
                codes = [c for c in left if _left_role(c, geo) == "code"]
                if previous is not None and not codes and label and line.top - previous_bottom < 1.8 * (line.bottom - line.top):
                    previous.label = _join_label(previous.label, label)
                    previous_bottom = line.bottom
                elif label or codes:
                    hinweise.append(f"Seite {seite}: Zeile ohne Werte übergangen: '{text}'")
                continue
            row = _Row(seite=seite, label=label, context=context, bottom=line.bottom)
            for cell in left:
                role = _left_role(cell, geo)
                pattern = _CODE_RE if role == "code" else _LFD_RE
                if pattern.match(cell.text):
                    setattr(row, role, cell.text.replace(" ", "").rstrip("."))
                else:
                    row.label = f"{cell.text} {row.label}".strip()
            for cell in values:
                name = _column_for(cell, geo)
                if name is None or name in row.cells:
                    row.hinweise.append(f"wert_ohne_spalte({cell.text})")
                    continue
                try:
                    row.cells[name] = parse_destatis_cell(cell.text)
                except NumberFormatError:
                    row.hinweise.append(f"unlesbarer_wert({name}: {cell.text})")
                    continue
                row.printed[name] = cell.text
            rows.append(row)
            previous, previous_bottom = row, line.bottom
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
    cells = row.cells
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


def extract_evs(path: str | Path) -> EvsExtraction:
    """Read the EVS table(s) of one PDF. Raises :class:`InputError` for unusable input (German message)."""
    path = Path(path)
    hinweise: list[str] = []
    with open_pdf(path) as pdf:
        require_text_layer(pdf, path)
        pages = []
        title_lines: list[str] = []
        try:
            for number, page in enumerate(pdf.pages, start=1):
                lines = page_lines(page)
                check_glyphs(" ".join(ln.text for ln in lines), path, page=number)
                pages.append((number, lines))
                if number == 1:
                    for ln in lines:
                        if any(_HEADER_RE.search(c.text) for c in ln.cells) or _HEADING_RE.match(ln.text):
                            break
                        title_lines.append(ln.text)
        except InputError:
            raise
        except Exception as exc:  # a damaged content stream surfaces only while reading a page
            raise InputError(f"Die PDF-Datei {path.name} ist beschädigt und kann nicht vollständig gelesen werden",
                             remedy="Bitte die Originaldatei erneut herunterladen") from exc
    blocks = _segment(pages, hinweise)
    if not blocks:
        raise InputError(f"In {path.name} wurde keine EVS-Tabelle gefunden (keine Spalte 'Gegenstand der Nachweisung')",
                         remedy="Bitte eine Sonderauswertung der EVS (Destatis) oder die Abteilungstabellen eines "
                                "RBEG-Gesetzentwurfs angeben")
    rows = [_classify(r) for r in _read_rows(blocks, path, hinweise)]
    if not rows:
        raise InputError(f"Die EVS-Tabelle in {path.name} enthält keine Zeilen mit Werten",
                         remedy="Bitte prüfen, ob das richtige Dokument gewählt wurde")
    frame = pd.DataFrame(rows, dtype=object)
    if frame["ausgaben_eur"].isna().all() and frame["regelbedarfsrelevant_eur"].isna().all() \
            and not frame["nicht_ausgewiesen"].any():
        raise InputError(f"In der EVS-Tabelle in {path.name} wurde keine Spalte mit Ausgaben (EUR/Monat) erkannt",
                         remedy="Bitte prüfen, ob das richtige Dokument gewählt wurde")
    run_checks(frame)
    frame["hinweise"] = frame["hinweise"].map(lambda notes: "; ".join(notes))
    digest = sha256_file(path)
    frame["datei"] = path.name
    frame["sha256"] = digest
    layout = "rbeg" if frame["regelbedarfsrelevant_eur"].notna().any() else "destatis"
    return EvsExtraction(frame=frame[COLUMNS + EXTRA_COLUMNS], layout=layout, titel=" ".join(title_lines).strip(),
                         datei=path.name, sha256=digest, hinweise=hinweise)


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
