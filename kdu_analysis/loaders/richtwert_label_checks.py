"""Gate rules learnt from an outside test (documents made by an independent generator, other PDF producers).

Called by the reader right after :mod:`richtwert_gate`; a failed rule raises
:class:`~kdu_analysis.loaders.richtwert_gate.TabelleAbgelehnt` (exit 3, nothing written). The rules are general
properties of a Richtwert table, not tricks for one layout (decisions D820–D826):

* not a guideline: a heading that says "keine Richtwerte", a table of average/median/actual rents without any word of
  a guideline (angemessen, Richtwert, Obergrenze), the Höchstbeträge of § 12 WoGG (D820);
* a region label never looks like a household size or the area row ("1 Person 45 m²", "Wohnfläche bis 45 bis 60") (D821);
* a region label never ends in "/", ",", "(" or a hyphen and never has unbalanced brackets: a wrapped label was cut (D822);
* a region label never holds two labels' worth of region names: the same region word twice outside brackets
  ("Kamenzer Land Dresdener Land") (D823);
* a word of a region label never stands only right of the row's values on the page (prose of a neighbouring text
  column glued into the label) (D824);
* a page after the table that holds a lone column of amounts without labels (a spreadsheet printed too wide) means the
  table is incomplete (D825).
"""

from __future__ import annotations

import re
from decimal import Decimal

from kdu_analysis import config
from kdu_analysis.loaders import richtwert_columns as cols
from kdu_analysis.loaders.richtwert_gate import TabelleAbgelehnt, refuse

_GUIDELINE_WORD = re.compile(r"angemessen|richtwert|obergrenze|mietobergrenze|\bkdu-richtlinie", re.I)
_NO_RICHTWERT = re.compile(r"\bkeine\s+(?:kdu-)?richtwerte?\b|\bkeine\s+angemessenheitsgrenzen?\b", re.I)
_STATISTIC = re.compile(r"\bmedian\b|durchschnitt|\btatsächlich\w*|mittelwert|stichprobe|\bbestandsmieten\b", re.I)
_WOGG = re.compile(r"§\s*12\s*WoGG|\bmietenstufe\b|höchstbeträge?\b.*\bwohngeld|\bwohngeld\b.*höchstbeträge?", re.I | re.S)

_SIZE_LABEL = re.compile(r"^\s*(?:[1-9]\s*(?:-\s*)?(?:Personen|Person|Pers\.?|P\.?)(?:\s|$)|(?:jede|je)\s+weitere\b)", re.I)
_AREA_LABEL = re.compile(r"\bWohnfläche\b|\d\s*m²|\bbis\s+\d+\b.*\bbis\s+\d+\b", re.I)
_CUT_END = re.compile(r"(?:[/,(\[–-]|\bund|\bsowie|\bder|\bdie|\bdes)\s*$", re.I)
_REGION_WORDS = ("Land", "Stadtgebiet", "Vergleichsraum", "VR", "Mietkategorie", "Mittelbereich", "Wohnungsmarkttyp",
                 "Wohnungsmarktregion")
_AMOUNT_WORD = re.compile(r"^\d{1,3}(?:\.\d{3})*,\d{2}(?:€)?$")


def check(rows: list[dict], text: str, words: dict[int, list[dict]], cells: list[dict], name: str,
          left_out: list[dict] = ()) -> None:
    """Refuse a read document that breaks one of the rules above (``left_out``: cells of rows the reader read from a
    table it left out, old values or no Richtwert)."""
    check_document(text, name)
    check_labels(rows)
    check_foreign_words(rows, words, cells)
    check_lone_columns(words, cells)
    check_unread_continuation(words, cells, left_out)
    check_heating(rows, words, cells)


def check_document(text: str, name: str) -> None:
    """D820: documents with a table by household size that are not KdU guidelines."""
    head = text[:400]
    why = None
    if _NO_RICHTWERT.search(head):
        why = "eine Statistik oder Erhebung, die in ihrer Überschrift sagt, dass sie keine Richtwerte enthält"
    elif not _GUIDELINE_WORD.search(text) and _WOGG.search(text):
        why = "die Höchstbeträge nach § 12 WoGG (Wohngeld, Mietenstufe), keine KdU-Richtlinie"
    elif not _GUIDELINE_WORD.search(text) and _STATISTIC.search(text):
        why = ("eine Mietstatistik (Durchschnitt, Median oder tatsächliche Mieten), keine KdU-Richtlinie mit "
               "angemessenen Richtwerten")
    if why:
        raise TabelleAbgelehnt(f"{name} sieht aus wie {why}; die gelesene Tabelle wird nicht als Richtwerte geschrieben",
                               remedy="Bitte die KdU-Richtlinie mit der Richtwerttabelle angeben")


def _outside_brackets(label: str) -> str:
    return re.sub(r"\([^()]*\)|\[[^\[\]]*\]", " ", label)


def check_labels(rows: list[dict]) -> None:
    """D821–D823: what a region label never looks like."""
    labels: dict[str, dict] = {}
    for r in rows:
        labels.setdefault(r.get("vergleichsraum") or "", r)
    for label, r in labels.items():
        if not label:
            continue
        seite, box = r.get("seite"), r.get("_box")
        if _SIZE_LABEL.search(label):
            refuse(seite, f"die Gebietsbezeichnung „{label}“ sieht aus wie eine Haushaltsgröße (stehen die "
                           "Haushaltsgrößen in den Zeilen und die Gebiete in den Spalten?)", box)
        if _AREA_LABEL.search(label):
            refuse(seite, f"die Gebietsbezeichnung „{label}“ enthält die Wohnflächen-Zeile des Tabellenkopfs", box)
        if _CUT_END.search(label) or label.count("(") != label.count(")") or label.count("[") != label.count("]"):
            refuse(seite, f"die Gebietsbezeichnung „{label}“ ist abgeschnitten (endet mitten im Namen oder hat eine "
                           "offene Klammer) – mehrzeilige Beschriftung nicht sicher zugeordnet", box)
        plain = _outside_brackets(label).split()
        for word in _REGION_WORDS:
            if plain.count(word) >= 2:
                refuse(seite, f"die Gebietsbezeichnung „{label}“ enthält zweimal „{word}“ – zwei Beschriftungen "
                               "zusammengefügt", box)


def check_foreign_words(rows: list[dict], words: dict[int, list[dict]], cells: list[dict]) -> None:
    """D824: a label word found near its row only to the right of the row's first value (another text column)."""
    first_x: dict[tuple, float] = {}
    span: dict[tuple, list[float]] = {}
    for c in cells:
        key = (c["seite"], c.get("vergleichsraum"))
        if c.get("spalte") == "wohnflaeche_m2":
            continue
        x0, top, _, bottom = c["box"]
        first_x[key] = min(first_x.get(key, x0), x0)
        s = span.setdefault(key, [top, bottom])
        s[0], s[1] = min(s[0], top), max(s[1], bottom)
    for (seite, label), x_first in first_x.items():
        if not label:
            continue
        top, bottom = span[(seite, label)]
        if bottom - top > 30:
            continue  # a region over many rows (its name as a heading above a table by household size)
        reach = 4 * max(bottom - top, 8.0)
        near = [w for w in words.get(seite, []) if top - reach <= (w["top"] + w["bottom"]) / 2 <= bottom + reach]
        for token in set(label.split()):
            found = [w for w in near if w["text"] == token]
            if found and all(w["x0"] >= x_first - 0.5 for w in found):
                refuse(seite, f"das Wort „{token}“ der Gebietsbezeichnung „{label}“ steht rechts der Werte (Text einer "
                               "anderen Spalte oder eines Nachbartexts)", (min(w["x0"] for w in found), top,
                                                                            max(w["x1"] for w in found), bottom))


def _lines(page_words: list[dict]) -> list[list[dict]]:
    out: list[list[dict]] = []
    for w in sorted(page_words, key=lambda w: ((w["top"] + w["bottom"]) / 2, w["x0"])):
        centre = (w["top"] + w["bottom"]) / 2
        if out and abs(centre - (out[-1][0]["top"] + out[-1][0]["bottom"]) / 2) <= 2:
            out[-1].append(w)
        else:
            out.append([w])
    return out


def _next_page(words: dict[int, list[dict]], cells: list[dict]) -> tuple[int | None, int | None]:
    """The last page with read cells and the page after it (``None`` when there is none)."""
    if not cells:
        return None, None
    last = max(c["seite"] for c in cells)
    return last, (last + 1 if last + 1 in words else None)


def check_lone_columns(words: dict[int, list[dict]], cells: list[dict]) -> None:
    """D825: a page after the table with a column of amounts that stand alone on their lines (no label)."""
    last, page = _next_page(words, cells)
    if page is None:
        return
    lone = []
    for line in _lines(words[page]):
        texts = [w["text"] for w in line if w["text"] not in ("€", "EUR", "Euro")]
        if len(texts) == 1 and _AMOUNT_WORD.match(texts[0]):
            lone.append(line[0])
    if len(lone) >= 3:
        xs = sorted(w["x0"] for w in lone)
        if xs[-1] - xs[0] <= 60:  # one column
            refuse(page, f"auf Seite {page} stehen {len(lone)} Beträge in einer Spalte ohne Gebietsbezeichnung – die "
                          f"Tabelle von Seite {last} ist zu breit gedruckt und unvollständig gelesen",
                    (xs[0], min(w["top"] for w in lone), max(w["x1"] for w in lone), max(w["bottom"] for w in lone)))


def check_heating(rows: list[dict], words: dict[int, list[dict]], cells: list[dict]) -> None:
    """D827: Heizkosten that are a rent, or a Heizkosten table under a heading naming another rent concept."""
    for r in rows:
        heat, area = r.get("heizkosten_eur"), r.get("wohnflaeche_m2")
        if heat is not None and area and str(r.get("haushaltsgroesse")).isdigit() \
                and heat > config.RICHTWERT_HEIZKOSTEN_MAX_EUR_M2 * area:
            refuse(r.get("seite"), f"Heizkosten {str(heat).replace('.', ',')} € für {area} m² "
                                    f"(„{r.get('vergleichsraum') or 'das ganze Gebiet'}“) sind mehr als "
                                    f"{str(config.RICHTWERT_HEIZKOSTEN_MAX_EUR_M2).replace('.', ',')} € je m² – "
                                    "die Spalte ist wohl keine Heizkosten-Spalte", r.get("_box"))
    value_columns = {c["spalte"] for c in cells if c.get("spalte") != "wohnflaeche_m2"}
    if value_columns != {"heizkosten_eur"}:
        return
    seite = min(c["seite"] for c in cells)
    top = min(c["box"][1] for c in cells if c["seite"] == seite)
    above = [line for line in _lines(words.get(seite, [])) if top - 150 <= line[0]["top"] < top - 1]
    named = {cols.measure_of(" ".join(w["text"] for w in line)) for line in above} - {None, "heiz"}
    if named:
        names = ", ".join(sorted({"bkm": "Bruttokaltmiete", "nkm": "Nettokaltmiete", "bk": "Betriebskosten",
                                  "warm": "Bruttowarmmiete"}.get(m, m) for m in named))
        refuse(seite, f"die Tabelle wurde als Heizkosten gelesen, über ihr steht aber {names} – welcher Mietbegriff in "
                       "der Tabelle steht, ist nicht eindeutig (nennt ein Satz im Text die Heizkosten?)")


def _already_read(line: list[dict], amounts: list[dict], cells: list[dict]) -> bool:
    """The line's label is part of a read label, or its amounts were all read (the reader's page of a row may be the
    page its label started on)."""
    label = [w["text"] for w in line if w not in amounts and w["text"] not in ("€", "EUR", "Euro", "–", "-", "—")]
    read_labels = {t for c in cells for t in (c.get("vergleichsraum") or "").split()}
    if label and all(t in read_labels for t in label):
        return True
    values = {c.get("wert") for c in cells}
    return all(Decimal(w["text"].rstrip("€").replace(".", "").replace(",", ".")) in values for w in amounts)


def check_unread_continuation(words: dict[int, list[dict]], cells: list[dict], left_out: list[dict] = ()) -> None:
    """D828: the next page begins with table rows (after repeated head lines at most) that were not read — neither
    written nor read as rows of a table left out (``left_out``: its cells, the table's rest on the next page)."""
    last, page = _next_page(words, cells)
    if page is None:
        return
    # the previous page ends with the caption of a table that holds no Richtwert ("Umzugskostenpauschale …:"):
    # its last line that is no page furniture names such a table, reads as a caption, and lies below the table
    foot = [line for line in _lines(words[last])
            if not cols.PAGE_FURNITURE.fullmatch(" ".join(w["text"] for w in line))][-1:]
    caption = " ".join(w["text"] for w in foot[0]) if foot else ""
    if caption and cols.NOT_RICHTWERT.search(caption) and not _AMOUNT_WORD.search(caption.split()[-1]) \
            and cols.reads_as_caption(caption) \
            and foot[0][0]["top"] > max(c["box"][3] for c in cells if c["seite"] == last):
        return  # that table starts the next page: its amounts are no unread continuation
    for line in _lines(words[page]):
        text = " ".join(w["text"] for w in line)
        amounts = [w for w in line if _AMOUNT_WORD.match(w["text"])]
        if len(amounts) >= 3 and not _already_read(line, amounts, [*cells, *left_out]):
            refuse(page, f"die Tabelle von Seite {last} geht auf Seite {page} weiter (Zeile „{text[:60]}“), diese "
                          "Zeilen wurden nicht gelesen",
                    (min(w["x0"] for w in line), min(w["top"] for w in line), max(w["x1"] for w in line),
                     max(w["bottom"] for w in line)))
        if len(text) > 80 or re.search(r"[.:;]$", text):
            return  # prose: whatever follows is no continuation of the table
