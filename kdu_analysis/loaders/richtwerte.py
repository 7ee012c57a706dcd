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

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pandas as pd

from kdu_analysis import batch_files
from kdu_analysis.errors import InputError, KduError
from kdu_analysis.loaders import richtwert_columns as cols
from kdu_analysis.loaders.richtwert_checks import run_checks
from kdu_analysis.pdf.document import check_glyphs, is_glyph_garbage, open_pdf, require_text_layer, sha256_file
from kdu_analysis.pdf.layout import Cell, Line, cluster_positions, nearest_anchor, page_lines, text_direction
from kdu_analysis.pdf.numbers import NumberFormatError, parse_amount

COLUMNS = [
    "traeger", "vergleichsraum", "gueltig_ab", "haushaltsgroesse", "wohnflaeche_m2",
    "nettokaltmiete_eur", "betriebskosten_eur", "bruttokaltmiete_eur",
    "nettokaltmiete_eur_m2", "betriebskosten_eur_m2", "bruttokaltmiete_eur_m2",
    "heizkosten_eur", "bruttowarmmiete_eur", "seite",
]
EXTRA_COLUMNS = ["datei", "sha256", "hinweise"]
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
_MEASURE_ONLY = re.compile(r"\b(nkm|bkm|bk|hk|nettokaltmiete|bruttokaltmiete|betriebskosten|kalte|heizkosten|bruttowarmmiete|"
                           r"richtwert|eur|euro|monat|monatlich|mtl|je|pro|in|m²|qm)\b|€|/")
_PER_M2_PROSE = re.compile(r"(je|pro)\s+(Quadratmeter|m²|qm)", re.IGNORECASE)


@dataclass
class RichtwertExtraction:
    frame: pd.DataFrame
    traeger: str | None
    gueltig_ab: date | None
    sha256: str
    datei: str
    hinweise: list[str] = field(default_factory=list)


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

def _amount(cell: Cell):
    try:
        return parse_amount(cell.text)
    except NumberFormatError:
        return None


def _numeric_cells(line: Line) -> list[tuple[Cell, object]]:
    out = []
    for cell in line.cells:
        parsed = _amount(cell)
        if parsed is not None and parsed.unit != "m2":
            out.append((cell, parsed))
    return out


@dataclass
class _Row:
    vergleichsraum: str
    measure_label: str | None
    values: dict  # column index -> ParsedNumber
    seite: int
    top: float
    inherited: bool = False
    notes: list[str] = field(default_factory=list)


# --------------------------------------------------------------------------- orientation A: regions × sizes

def _split_trailing_size(line: Line, cell: Cell) -> list[Cell]:
    """Right-aligned headers glue the first size to the label cell ("… mit Personen1"): split it off."""
    words = [w for w in line.words if w["x0"] >= cell.x0 - 0.5 and w["x1"] <= cell.x1 + 0.5]
    if len(words) > 1 and re.fullmatch(r"[1-9]", words[-1]["text"]) and not cols.size_token(cell.text):
        head = Cell(" ".join(w["text"] for w in words[:-1]), cell.x0, words[-2]["x1"], cell.top)
        return [head, Cell(words[-1]["text"], words[-1]["x0"], words[-1]["x1"], cell.top)]
    m = re.fullmatch(r"(.*\D)([1-9])", cell.text)
    if words and m and not cols.size_token(cell.text) and re.fullmatch(r".*\D[1-9]", words[-1]["text"]):
        # the digit is glued to the last word: estimate its x from the character positions
        width = (cell.x1 - cell.x0) / max(len(cell.text), 1)
        return [Cell(m.group(1), cell.x0, cell.x1 - width, cell.top), Cell(m.group(2), cell.x1 - width, cell.x1, cell.top)]
    return [cell]


def _size_header(line: Line) -> list[tuple[Cell, str]] | None:
    cells = [part for cell in line.cells for part in _split_trailing_size(line, cell)]
    found = [(c, cols.size_token(c.text)) for c in cells]
    found = [(c, s) for c, s in found if s]
    if len(found) >= 3:
        line.cells = cells
        return found
    return None


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
        idx = nearest_anchor((x0 + x1) / 2, anchors, spacing)
        if parsed is not None and idx is not None:
            areas[idx] = parsed.value
    return areas or None


def _context_measure(context_lines: list[str]) -> str | None:
    """The rent concept named nearest above the table (closest line first)."""
    for text in context_lines:
        found = cols.measure_of(text)
        if found:
            return found
    return None


def _read_region_tables(pages_lines, hinweise: list[str]) -> list[dict]:
    """Tables with household sizes as column headers. Returns tidy records (before merging)."""
    records: list[dict] = []
    previous_header = None  # (anchors, sizes, areas, spacing, label_x1, context)
    for seite, lines in pages_lines:
        i = 0
        header = None
        while i < len(lines):
            found = _size_header(lines[i])
            if found:
                anchors = [c.center for c, _ in found]
                sizes = [s for _, s in found]
                spacing = min(b - a for a, b in zip(anchors, anchors[1:])) if len(anchors) > 1 else 50.0
                label_x1 = anchors[0] - 0.6 * spacing
                areas = None
                j = i + 1
                for k in range(i + 1, min(i + 4, len(lines))):
                    if lines[k].top - lines[i].bottom > 50 or len(_numeric_cells(lines[k])) >= 2:
                        break
                    areas = _area_line(lines[k], anchors, spacing)
                    if areas:
                        j = k + 1
                        break
                context_lines = [lines[i].cells[0].text] + [ln.text for ln in reversed(lines[max(0, i - 6):i])]
                header = (anchors, sizes, areas or {}, spacing, label_x1, context_lines)
                previous_header = header
                i = j
                records += _read_rows(lines, i, header, seite, hinweise)
                # skip to the end of this table (rows consumed are below; next header search continues)
                i += 1
                continue
            i += 1
        if header is None and previous_header is not None:
            # a continuation page without a repeated header: use the previous page's columns
            rows = _read_rows(lines, 0, previous_header, seite, hinweise, continuation=True)
            records += rows
    return records


def _read_rows(lines: list[Line], start: int, header, seite: int, hinweise: list[str], continuation: bool = False) -> list[dict]:
    anchors, sizes, areas, spacing, label_x1, context = header
    rows: list[_Row] = []
    pending: list[Line] = []
    last_bottom = lines[start - 1].bottom if start > 0 else None
    region = ""
    for line in lines[start:]:
        if _size_header(line):
            break  # next table
        numeric = [(c, p) for c, p in _numeric_cells(line) if c.center > label_x1]
        label_text = " ".join(c.text for c in line.cells if c.center <= label_x1)
        if len(numeric) >= 2:
            measure_label = None
            words = label_text
            m = cols.measure_of(label_text) if len(label_text) <= 40 else None
            if _AREA_LABEL.fullmatch(label_text.strip()):
                # "max. m²", "Wohnfläche (m²)": the areas, printed as bare numbers in a row of their own
                for cell, parsed in numeric:
                    idx = nearest_anchor(cell.center, anchors, spacing)
                    if idx is not None and idx not in areas:
                        areas[idx] = parsed.value
                last_bottom = line.bottom
                pending = []
                continue
            if m and _MEASURE_ONLY.sub("", label_text.lower()).strip(" ()/.,:-") == "":
                measure_label, words = label_text, ""
            elif m and re.search(r"\b(NKM|BKM|BK)\s*$", label_text):
                measure_label = re.search(r"\b(NKM|BKM|BK)\s*$", label_text).group(1)
                words = label_text[: label_text.rfind(measure_label)].strip()
            if pending and not rows and (areas or pending[-1].top - lines[start - 1].top < 40):
                pending = []  # header text wrapped under the size header ("Person", "Vergleichsraum")
            inherited = False
            if pending and words:
                # each wrapped label line belongs to the nearer data row (above or below)
                # lines closer than a line step form one block (one wrapped cell)
                blocks: list[list[Line]] = []
                for p in pending:
                    if blocks and p.top - blocks[-1][-1].top <= 13:
                        blocks[-1].append(p)
                    else:
                        blocks.append([p])
                before = []
                for block in blocks:
                    text = " ".join(p.text for p in block)
                    if rows and block[0].top - rows[-1].top <= line.top - block[-1].top:
                        rows[-1].vergleichsraum = (rows[-1].vergleichsraum + " " + text).strip()
                    else:
                        before.append(text)
                words = " ".join(before + [words]).strip()
                pending = []
            if pending:  # a row without its own label: the label stands on its own line(s)
                words = " ".join(p.text for p in pending)
                if rows and rows[-1].inherited and rows[-1].measure_label and line.top - rows[-1].top < 40:
                    rows[-1].vergleichsraum = words  # a label spanning two rows (merged cell, centred)
                pending = []
            if words:
                region = words
            else:
                inherited = True
            values = {}
            for cell, parsed in numeric:
                idx = nearest_anchor(cell.center, anchors, spacing)
                if idx is None:
                    continue
                if idx in values:
                    hinweise.append(f"S. {seite}: zwei Zahlen in einer Spalte ({cell.text!r}) – nur die erste übernommen")
                    continue
                values[idx] = parsed
            rows.append(_Row(region, measure_label, values, seite, line.top, inherited=inherited))
            last_bottom = line.bottom
        else:
            if last_bottom is not None and line.top - last_bottom > 45:
                break
            if line.cells and line.cells[0].center <= label_x1 and len(line.text) <= 80 and not _numeric_cells(line):
                if any(cols.size_token(c.text) for c in line.cells):
                    continue
                if "m²" in line.text and _area_line(line, anchors, spacing):
                    continue
                pending.append(line)
            elif len(line.text) > 80:
                break
    if pending and rows and pending[0].top - rows[-1].top < 25:
        rows[-1].vergleichsraum = (rows[-1].vergleichsraum + " " + " ".join(p.text for p in pending)).strip()
    default_measure = _context_measure(context) or "bkm"
    joined = " ".join(context)
    per_m2_prose = bool(_PER_M2_PROSE.search(joined)) or cols.is_per_m2(joined)
    out = []
    for row in rows:
        measure = cols.measure_of(row.measure_label) if row.measure_label else default_measure
        for idx, parsed in row.values.items():
            notes = []
            per_m2 = parsed.unit == "EUR/m2" or bool(row.measure_label and cols.is_per_m2(row.measure_label))
            if per_m2_prose and not per_m2 and parsed.value > 20:
                notes.append("einheit_text_widerspricht_tabelle")
            elif per_m2_prose and parsed.value <= 20 and parsed.unit != "EUR":
                per_m2 = True
            column = (cols.PER_M2 if per_m2 else cols.MONTHLY).get(measure)
            if column is None:
                continue
            if parsed.footnote:
                notes.append(f"fussnote_{parsed.footnote}")
            out.append({"vergleichsraum": row.vergleichsraum, "haushaltsgroesse": sizes[idx],
                        "wohnflaeche_m2": areas.get(idx), column: parsed.value, "seite": row.seite, "_notes": notes})
    return out


# --------------------------------------------------------------------------- orientation B: sizes × columns

def _read_size_tables(pages_lines, hinweise: list[str]) -> list[dict]:
    records: list[dict] = []
    for seite, lines in pages_lines:
        data = [(k, ln) for k, ln in enumerate(lines) if ln.cells and cols.size_token(ln.cells[0].text) and len(_numeric_cells(ln)) >= 1]
        if len(data) < 3:
            continue
        first = data[0][0]
        anchor_x = cluster_positions([c.center for _, ln in data for c, _ in _numeric_cells(ln)], tolerance=24.9)
        spacing = min((b - a for a, b in zip(anchor_x, anchor_x[1:])), default=80.0)
        header_lines = [ln for ln in lines[max(0, first - 5):first] if lines[first].top - ln.bottom < 70
                        and (len(ln.cells) >= 2 or len(ln.text) <= 40)]  # column heads, not prose
        labels = {i: [] for i in range(len(anchor_x))}
        for hl in header_lines:
            if not hl.cells:
                continue
            hcenters = [c.center for c in hl.cells]
            for i, x in enumerate(anchor_x):
                # the header cell whose span (split at midpoints between header cells) contains the anchor
                k = min(range(len(hcenters)), key=lambda j: abs(hcenters[j] - x))
                cell = hl.cells[k]
                if cell.x1 < min(c.x0 for c, _ in _numeric_cells(lines[first])) - 20:
                    continue  # the row-label column's header
                labels[i].append(cell.text)
        context = " ".join(ln.text for ln in lines[max(0, first - 10):first])
        chosen = _choose_columns({i: " ".join(t) for i, t in labels.items()}, context, hinweise, seite)
        for _, ln in data:
            size = cols.size_token(ln.cells[0].text)
            for cell, parsed in _numeric_cells(ln):
                idx = nearest_anchor(cell.center, anchor_x, spacing)
                if idx is None or idx not in chosen:
                    continue
                column = chosen[idx]
                if parsed.unit == "EUR/m2" and column in (cols.MONTHLY["bkm"], cols.MONTHLY["nkm"], cols.MONTHLY["bk"]):
                    column = column.replace("_eur", "_eur_m2")
                notes = [f"fussnote_{parsed.footnote}"] if parsed.footnote else []
                records.append({"vergleichsraum": "", "haushaltsgroesse": size, column: parsed.value, "seite": seite, "_notes": notes})
            area = re.search(r"(\d+(?:,\d+)?)\s*m²", ln.text)
            if area and records:
                records[-1]["wohnflaeche_m2"] = parse_amount(area.group(1)).value
    return records


def _choose_columns(labels: dict[int, str], context: str, hinweise: list[str], seite: int) -> dict[int, str]:
    candidates = {}
    for i, text in labels.items():
        if cols.is_difference(text):
            continue
        measure = cols.measure_of(text) or cols.measure_of(context) or "bkm"
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
            keep = [i for i in keep if cols.is_new(candidates[i][1])]
        if not keep:
            continue
        if len(keep) > 1:
            hinweise.append(f"S. {seite}: mehrere Spalten für {column}; die erste wurde übernommen")
        chosen[keep[0]] = column
    return chosen


# --------------------------------------------------------------------------- assembly

def _merge(records: list[dict]) -> list[dict]:
    merged: dict[tuple, dict] = {}
    for rec in records:
        key = (rec["vergleichsraum"], rec["haushaltsgroesse"])
        target = merged.setdefault(key, {"vergleichsraum": key[0], "haushaltsgroesse": key[1], "seite": rec["seite"], "_notes": []})
        for col in VALUE_COLUMNS:
            if rec.get(col) is not None:
                if target.get(col) is not None and target[col] != rec[col]:
                    target["_notes"].append(f"widerspruechliche_werte_{col}")
                    continue
                target[col] = rec[col]
        target["_notes"] += rec.get("_notes", [])
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
        try:
            _read_pages(pdf, path, spec, page_numbers, pages_lines, full_text, hinweise)
        except InputError:
            raise
        except Exception as exc:  # a damaged content stream surfaces only while reading a page
            raise InputError(f"Die PDF-Datei {path.name} ist beschädigt und kann nicht vollständig gelesen werden",
                             remedy="Bitte die Originaldatei erneut herunterladen") from exc
    text = "\n".join(full_text)
    return _assemble(path, spec, pages_lines, text, hinweise)


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


def _read_pages(pdf, path, spec, page_numbers, pages_lines, full_text, hinweise) -> None:
    garbled: list[tuple[int, str]] = []
    for number in page_numbers:
        if not 1 <= number <= len(pdf.pages):
            raise InputError(f"Die Spec nennt Seite {number}, {path.name} hat aber {len(pdf.pages)} Seiten",
                             remedy="Bitte die Seitenangabe in der Spec-Datei korrigieren")
        page = pdf.pages[number - 1]
        if spec and spec.crop:
            page = page.crop(spec.crop)
        text = page.extract_text() or ""
        if is_glyph_garbage(text):
            hinweise.append(f"S. {number}: Schrift ohne Unicode-Zuordnung ((cid:…)-Zeichen) – Seite nicht gelesen")
            garbled.append((number, text))
            continue
        # a /Rotate entry needs nothing: pdfminer applies it, characters of an upright view arrive upright
        direction = text_direction(page)
        lines = page_lines(page, direction=direction)
        if direction:
            hinweise.append(f"S. {number}: Text quer gesetzt (um {direction}° gedreht) – in gedrehter Lage gelesen")
            text = "\n".join(line.text for line in lines)
        full_text.append(text)
        pages_lines.append((number, lines))
    if garbled and len(garbled) == len(page_numbers):
        check_glyphs(garbled[0][1], path, page=garbled[0][0] if len(page_numbers) > 1 else None)


def _assemble(path: Path, spec, pages_lines, text: str, hinweise: list[str]) -> RichtwertExtraction:
    records = _read_region_tables(pages_lines, hinweise)
    if not records:
        records = _read_size_tables(pages_lines, hinweise)
    if spec and spec.column_meaning:
        for rec in records:
            for source, target in spec.column_meaning.items():
                if source in rec:
                    rec[target] = rec.pop(source)
    rows = _merge(records)
    if not rows:
        remedy_extra = ""
        if any("Unicode" in h for h in hinweise):
            remedy_extra += "; einige Seiten haben eine Schrift ohne Unicode-Zuordnung und wurden nicht gelesen – bitte OCR " \
                       "durchführen (z. B. 'ocrmypdf --force-ocr --language deu EINGABE.pdf AUSGABE.pdf')"
        raise InputError(
            f"In {path.name} wurde keine Richtwert-Tabelle gefunden (keine Tabelle mit Haushaltsgrößen und Euro-Beträgen)",
            remedy="Bitte prüfen, ob es die KdU-Richtlinie mit der Richtwerttabelle ist; bei ungewöhnlichem Aufbau eine "
            "Spec-Datei anlegen (siehe README, 'Neues Kreis-Dokument hinzufügen')" + remedy_extra,
        )
    traeger = (spec.traeger if spec and spec.traeger else None) or find_traeger(text)
    gueltig_ab = (spec.gueltig_ab if spec and spec.gueltig_ab else None) or find_gueltig_ab(text)
    digest = sha256_file(path)
    frame = pd.DataFrame(rows)
    for col in COLUMNS:
        if col not in frame:
            frame[col] = None
    frame["traeger"] = traeger
    frame["gueltig_ab"] = gueltig_ab
    frame["datei"] = path.name
    frame["sha256"] = digest
    run_checks(frame)
    frame["hinweise"] = [";".join(dict.fromkeys(n + extra)) for n, extra in zip(frame.pop("_notes"), frame.pop("_check_notes"))]
    frame = frame[COLUMNS + EXTRA_COLUMNS].astype(object).where(frame[COLUMNS + EXTRA_COLUMNS].notna(), None)
    return RichtwertExtraction(frame=frame, traeger=traeger, gueltig_ab=gueltig_ab, sha256=digest, datei=path.name,
                               hinweise=hinweise)
