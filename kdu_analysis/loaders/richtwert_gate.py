"""The proof gate of the Richtwert reader: a table is written only when it passes every check here.

A failed check raises :class:`TabelleAbgelehnt` (an :class:`InputError`, exit 3) naming page, reason and remedy;
nothing is written. The checks (issue 9):

* structure — a region label holds no amount; every row has a value (or a printed dash) for every household size of
  its header; no number lies outside every column or two in one column; no row of the table's block is left over;
* no value column is the household-size or running-number sequence;
* plausible ranges per measure (``config.RICHTWERT_RANGES``);
* at least ``config.RICHTWERT_MIN_SIZES`` household sizes; region names non-empty and distinct when there are several;
  no two different values for one cell;
* arithmetic where the table allows it (NKM + BK = BKM; €/m² × m² = monthly amount) within the printed precision;
* round trip — every value is found again in the page's words inside the cell box it was assigned to.

The document gate (:func:`looks_like`) names what a document that is not a KdU guideline looks like instead.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from decimal import Decimal

from kdu_analysis import config
from kdu_analysis.errors import InputError
from kdu_analysis.pdf.numbers import NumberFormatError, parse_amount

REMEDY = ("Bitte die Tabelle mit 'kdu-analysis extract richtwerte DATEI.pdf --out X.csv --vorschau ORDNER' ansehen und "
          "für dieses Dokument eine Spec-Datei anlegen (Seiten, Ausschnitt, Spaltenbedeutung; siehe README, "
          "'Neues Kreis-Dokument hinzufügen') – oder die Werte von Hand übernehmen")
_AMOUNT_IN_LABEL = re.compile(r"\d[\d.]*,\d{2}\b|\d\s*(€|EUR\b|Euro\b)")
_ALL_VALUE_COLUMNS = ("wohnflaeche_m2", "nettokaltmiete_eur", "betriebskosten_eur", "bruttokaltmiete_eur",
                      "nettokaltmiete_eur_m2", "betriebskosten_eur_m2", "bruttokaltmiete_eur_m2", "heizkosten_eur",
                      "bruttowarmmiete_eur")
MEASURE_NAMES = {"wohnflaeche_m2": "Wohnfläche", "nettokaltmiete_eur": "Nettokaltmiete", "betriebskosten_eur": "Betriebskosten",
                  "bruttokaltmiete_eur": "Bruttokaltmiete", "nettokaltmiete_eur_m2": "Nettokaltmiete je m²",
                  "betriebskosten_eur_m2": "Betriebskosten je m²", "bruttokaltmiete_eur_m2": "Bruttokaltmiete je m²",
                  "heizkosten_eur": "Heizkosten", "bruttowarmmiete_eur": "Bruttowarmmiete"}


class TabelleAbgelehnt(InputError):
    """A table the reader cannot prove. Carries what was read (for ``--vorschau``) and where it failed."""

    def __init__(self, message: str, *, seite: int | None = None, box=None, remedy: str | None = REMEDY):
        super().__init__(message, remedy=remedy)
        self.seite = seite
        self.box = box
        self.zellen: list[dict] = []  # filled in by the reader: every cell read, for the preview


@dataclass
class RowInfo:
    """One printed table row as the reader saw it (before tidying)."""

    seite: int
    label: str
    measure: str | None
    filled: set = field(default_factory=set)  # column indices holding a number
    dashes: set = field(default_factory=set)  # column indices holding a printed dash
    box: tuple | None = None


@dataclass
class TableInfo:
    """What the gate needs to know about one table besides its values."""

    seite: int
    kind: str  # "regionen" (household sizes as column heads) or "groessen" (household sizes as row labels)
    columns: list[str]  # the household sizes (regionen) or target columns (groessen) by column index
    rows: list[RowInfo] = field(default_factory=list)
    problems: list[tuple[int, str]] = field(default_factory=list)  # (seite, German reason) found while reading


def measure_key(label: str | None) -> str:
    from kdu_analysis.loaders import richtwert_columns as cols

    if not label:
        return ""
    return (cols.measure_of(label) or label.lower()) + ("/m²" if cols.is_per_m2(label) else "")


def refuse(seite, reason: str, box=None):
    where = f"Seite {seite}: " if seite else ""
    raise TabelleAbgelehnt(f"{where}{reason} – die Tabelle wird nicht geschrieben", seite=seite, box=box)


def _size_label(size: str) -> str:
    return "je weitere Person" if size == "+1" else f"{size} Person" + ("en" if size != "1" else "")


def check_tables(tables: list[TableInfo]) -> None:
    """Structure checks on what was read, table by table."""
    for table in tables:
        for seite, reason in table.problems:
            refuse(seite, reason)
        labels = [r.label for r in table.rows]
        for row in table.rows:
            if _AMOUNT_IN_LABEL.search(row.label or ""):
                refuse(row.seite, f"die Zeilenbeschriftung „{row.label}“ enthält einen Betrag (Beschriftung und erste "
                                   "Wertspalte nicht getrennt)", row.box)
            missing = [k for k in range(len(table.columns)) if k not in row.filled and k not in row.dashes]
            if missing and table.kind == "regionen":
                sizes = ", ".join(_size_label(table.columns[k]) for k in missing)
                refuse(row.seite, f"in der Zeile „{row.label or '(ohne Beschriftung)'}“ fehlt ein Wert für {sizes}", row.box)
            if missing and table.kind == "groessen":
                names = ", ".join(MEASURE_NAMES.get(table.columns[k], table.columns[k]) for k in missing)
                refuse(row.seite, f"in der Zeile „{row.label}“ fehlt ein Wert der Spalte {names}", row.box)
        if table.kind == "regionen" and len({(r.label, r.measure) for r in table.rows}) > 1:
            named = [r for r in table.rows if r.measure is None or r.label]
            if any(not r.label for r in named) and any(r.label for r in named):
                row = next(r for r in named if not r.label)
                refuse(row.seite, "eine Zeile der Tabelle hat keine Gebietsbezeichnung, andere haben eine "
                                   "(mehrzeilige Beschriftungen nicht eindeutig zuzuordnen)", row.box)
            measures: dict[str, set] = {}
            for r in table.rows:
                measures.setdefault(r.label, set()).add(measure_key(r.measure))
            if len({frozenset(v) for v in measures.values()}) > 1 and any(r.measure for r in table.rows):
                odd = min(measures, key=lambda k: len(measures[k]))
                refuse(table.seite, f"die Gebiete der Tabelle haben nicht dieselben Zeilen je Mietbegriff (z. B. "
                                     f"„{odd or '(ohne Beschriftung)'}“) – Beschriftungen nicht eindeutig zuzuordnen")
            seen = {}
            for r in table.rows:
                key = (r.label, measure_key(r.measure))
                if key in seen:
                    refuse(r.seite, f"die Gebietsbezeichnung „{r.label}“ kommt in der Tabelle zweimal vor "
                                     "(mehrzeilige Beschriftungen nicht eindeutig zuzuordnen)", r.box)
                seen[key] = r
        del labels


def _places(value: Decimal) -> int:
    exponent = value.as_tuple().exponent
    return -exponent if isinstance(exponent, int) and exponent < 0 else 0


def _half_unit(value: Decimal) -> Decimal:
    return Decimal(5) / (Decimal(10) ** (_places(value) + 1))


def check_rows(rows: list[dict]) -> None:
    """Checks on the tidy rows of a document (after merging all tables)."""
    if not rows:
        return
    seite0 = rows[0].get("seite")
    sizes = {r["haushaltsgroesse"] for r in rows if str(r["haushaltsgroesse"]).isdigit()}
    if len(sizes) < config.RICHTWERT_MIN_SIZES:
        refuse(seite0, f"die Tabelle nennt nur {len(sizes)} Haushaltsgröße(n) (eine Richtwert-Tabelle hat mindestens "
                        f"{config.RICHTWERT_MIN_SIZES})")
    for r in rows:
        for note in r.get("_notes", []):
            if note.startswith("widerspruechliche_werte_"):
                column = note.removeprefix("widerspruechliche_werte_")
                refuse(r["seite"], f"für „{r['vergleichsraum'] or 'das ganze Gebiet'}“, {_size_label(r['haushaltsgroesse'])}, "
                                    f"stehen zwei verschiedene Werte der {MEASURE_NAMES.get(column, column)}")
    _check_sequences(rows)
    _check_ranges(rows)
    _check_arithmetic(rows)


def _check_sequences(rows: list[dict]) -> None:
    regions: dict[str, list[dict]] = {}
    for r in rows:
        regions.setdefault(r["vergleichsraum"], []).append(r)
    for column in _ALL_VALUE_COLUMNS:
        for name, part in regions.items():
            sized = sorted((int(r["haushaltsgroesse"]), r[column], r) for r in part
                           if str(r["haushaltsgroesse"]).isdigit() and r.get(column) is not None)
            if len(sized) >= 3 and all(v == n for n, v, _ in sized):
                refuse(sized[0][2]["seite"], f"die Spalte {MEASURE_NAMES[column]} enthält nur die Haushaltsgrößen "
                                              f"({', '.join(str(n) for n, _, _ in sized)}) – eine Zählspalte, keine Beträge")
        by_size: dict[str, list] = {}
        for r in rows:
            if r.get(column) is not None:
                by_size.setdefault(r["haushaltsgroesse"], []).append(r[column])
        for size, values in by_size.items():
            if len(values) >= 3 and values == [Decimal(k) for k in range(1, len(values) + 1)]:
                refuse(rows[0]["seite"], f"die Werte der {MEASURE_NAMES[column]} ({_size_label(size)}) sind eine laufende "
                                          "Nummer 1, 2, 3 … – keine Beträge")


def _check_ranges(rows: list[dict]) -> None:
    for r in rows:
        kind = "plus1" if r["haushaltsgroesse"] == "+1" else "size"
        for column, ranges in config.RICHTWERT_RANGES.items():
            value = r.get(column)
            if value is None:
                continue
            low, high = ranges[kind]
            if not low <= value <= high:
                unit = "m²" if column == "wohnflaeche_m2" else ("€/m²" if column.endswith("_m2") else "€")
                refuse(r["seite"], f"{MEASURE_NAMES[column]} {str(value).replace('.', ',')} {unit} für "
                                    f"„{r['vergleichsraum'] or 'das ganze Gebiet'}“, {_size_label(r['haushaltsgroesse'])}, liegt "
                                    f"außerhalb des plausiblen Bereichs {str(low).replace('.', ',')}–"
                                    f"{str(high).replace('.', ',')} {unit}", r.get("_box"))


def _check_arithmetic(rows: list[dict]) -> None:
    slack = config.RICHTWERT_ARITHMETIC_SLACK_EUR
    for r in rows:
        where = f"„{r['vergleichsraum'] or 'das ganze Gebiet'}“, {_size_label(r['haushaltsgroesse'])}"
        for suffix in ("", "_m2"):
            nkm, bk, bkm = (r.get(f"{m}{suffix}") for m in ("nettokaltmiete_eur", "betriebskosten_eur", "bruttokaltmiete_eur"))
            if None not in (nkm, bk, bkm):
                tolerance = _half_unit(nkm) + _half_unit(bk) + _half_unit(bkm) + slack
                if abs(nkm + bk - bkm) > tolerance:
                    refuse(r["seite"], f"{where}: Nettokaltmiete {nkm} + Betriebskosten {bk} ergibt nicht die gedruckte "
                                        f"Bruttokaltmiete {bkm}".replace(".", ","), r.get("_box"))
        area = r.get("wohnflaeche_m2")
        if area is None:
            continue
        for m in ("nettokaltmiete_eur", "betriebskosten_eur", "bruttokaltmiete_eur"):
            rate, total = r.get(f"{m}_m2"), r.get(m)
            if rate is None or total is None:
                continue
            # the area is a set legal size (45 m² is exactly 45 m²); the rate and the total are rounded
            tolerance = _half_unit(rate) * area + _half_unit(total) + slack
            if _places(total) == 0:
                tolerance += Decimal("0.5")  # whole euros: some documents cut the cents off instead of rounding
            if abs(rate * area - total) > tolerance:
                refuse(r["seite"], f"{where}: {MEASURE_NAMES[m + '_m2']} {rate} × {area} m² ergibt nicht den gedruckten "
                                    f"Monatsbetrag {total}".replace(".", ","), r.get("_box"))


def check_round_trip(cells: list[dict], page_words: dict[int, list[dict]]) -> None:
    """Every value is found again in the words of its page inside the box it was read from."""
    by_page = {}
    for seite, words in page_words.items():  # words sorted by their vertical centre, for a quick look-up
        ordered = sorted(words, key=lambda w: (w["top"] + w["bottom"]) / 2)
        by_page[seite] = ([(w["top"] + w["bottom"]) / 2 for w in ordered], ordered)
    for cell in cells:
        x0, top, x1, bottom = cell["box"]
        centres, ordered = by_page.get(cell["seite"], ([], []))
        band = ordered[bisect.bisect_left(centres, top - 0.5):bisect.bisect_right(centres, bottom + 0.5)]
        inside = [w for w in band if x0 - 0.5 <= (w["x0"] + w["x1"]) / 2 <= x1 + 0.5]
        text = " ".join(w["text"] for w in sorted(inside, key=lambda w: w["x0"]))
        found = _parse(text)
        if found is None or found != cell["wert"]:
            refuse(cell["seite"], f"der Wert {str(cell['wert']).replace('.', ',')} ({MEASURE_NAMES.get(cell['spalte'], '')}) "
                                   f"steht nicht in der Zelle, der er zugeordnet wurde (dort: „{text}“)", cell["box"])


def _parse(text: str):
    try:
        parsed = parse_amount(text)
    except NumberFormatError:
        # a glued first value ("Mietkategorie I 295,50 €") was split off its label: read the trailing amount
        m = re.search(r"(\S+(?:\s*(?:€|EUR|Euro))?)$", text)
        try:
            parsed = parse_amount(m.group(1)) if m else None
        except NumberFormatError:
            return None
    return None if parsed is None else parsed.value


# --------------------------------------------------------------------------- document gate

_LOOKS_LIKE = [
    ("ein Sitzungsprotokoll (Abstimmungsergebnisse, Tagesordnung), keine KdU-Richtlinie",
     re.compile(r"niederschrift|sitzungsprotokoll|tagesordnung|\benthaltung|ja-stimmen|nein-stimmen|abstimmungsergebnis", re.I)),
    ("ein Rundschreiben oder eine Verwaltungsvorschrift (Fließtext mit Paragraphen), keine Richtwert-Tabelle",
     re.compile(r"rundschreiben|randnummer|\brz\.\s*\d|fachliche weisung", re.I)),
    ("Seminar- oder Schulungsfolien (Regelbedarfsstufen), keine KdU-Richtlinie",
     re.compile(r"regelbedarfsstufe|schulung|\bfolie\b|seminar", re.I)),
    ("ein Mietspiegel (ortsübliche Vergleichsmieten nach Baujahr und Lage), keine KdU-Richtlinie",
     re.compile(r"mietspiegel|ortsübliche[n]? vergleichsmiete|baujahr|wohnlage", re.I)),
    ("ein Heizspiegel (Heizkosten nach Energieträger), keine KdU-Richtlinie",
     re.compile(r"heizspiegel|energieträger|kwh|heizenergieverbrauch", re.I)),
    ("ein Haushaltsplan (Ansätze einer Produktgruppe), keine KdU-Richtlinie",
     re.compile(r"haushaltsplan|teilhaushalt|produktgruppe|\bansatz\b|ergebnishaushalt|aufwandsart", re.I)),
]
_GUIDELINE = re.compile(r"richtwert|angemessen|mietobergrenze|bruttokaltmiete|nettokaltmiete|kosten der unterkunft|\bkdu\b", re.I)


def looks_like(text: str) -> str | None:
    """What a document looks like when its words point to a kind of document that is not a KdU guideline (the kind
    with the most marker hits, at least two), else ``None``."""
    best, hits = None, 0
    for name, pattern in _LOOKS_LIKE:
        count = len(pattern.findall(text))
        if count > hits:
            best, hits = name, count
    return best if hits >= 2 else None


def guideline_words(text: str) -> int:
    """How often the words of a KdU guideline occur (Richtwert, angemessen, Bruttokaltmiete, …)."""
    return len(_GUIDELINE.findall(text))
