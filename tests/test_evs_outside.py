"""Regression tests for issue 10: EVS tables made by others (tests/fixtures/evs/outside/, see its README) and one
test per label shape of the seeded generator — labels wrapped in a wide column (top, bottom and middle
alignment), ruled rows, a share column, and the proof rule: a label line that cannot be given to one row refuses
the table (exit 3) instead of writing a cut label."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from kdu_analysis.cli import main
from kdu_analysis.loaders.evs import extract_evs
from kdu_analysis.loaders.evs_checks import check_share
from kdu_analysis.loaders.evs_labels import AmbiguousLabel, Item, assign, bands
from tests.fixtures.evs.generator import generate, render, score

OUTSIDE = Path(__file__).parent / "fixtures" / "evs" / "outside"


def _compare(name: str) -> list[str]:
    """Differences between the reader's rows and the outside truth (labels, codes, amounts, flags)."""
    truth = json.loads((OUTSIDE / f"{name}.truth.json").read_text(encoding="utf-8"))["truth"]
    rows = extract_evs(OUTSIDE / f"{name}.pdf").frame.to_dict("records")
    assert len(rows) == len(truth), (len(rows), len(truth))
    diffs = []
    for got, want in zip(rows, truth):
        if " ".join(got["bezeichnung"].split()) != " ".join(want["bezeichnung"].split()):
            diffs.append(f"{want['code']}: {got['bezeichnung']!r} ≠ {want['bezeichnung']!r}")
        if got["code"] != want["code"] or got["zeilenart"] != want["zeilenart"]:
            diffs.append(f"{want['code']}: code/zeilenart {got['code']}/{got['zeilenart']}")
        for column in ("ausgaben_eur", "regelbedarfsrelevant_eur"):
            expected = Decimal(want[column]) if want.get(column) else None
            if got[column] != expected and not (expected is None and got[column] == 0):
                diffs.append(f"{want['code']}: {column} {got[column]} ≠ {expected}")
    return diffs


@pytest.mark.parametrize("name", [
    "evs01_destatis_html",  # wide label column, some labels wrap, values on the first line, header centred
    "evs01m_destatis_html_middle",  # vertically centred: values between two label lines
    "evs04_destatis_grandtotal_pages",  # wrapped grand-total label without code, several pages
    "evs14_rbeg_extract_docx",  # no cell padding: row pitch = line pitch
])
def test_outside_tables_keep_the_whole_label(name):
    assert _compare(name) == []


def test_outside_share_column_is_recognised_not_refused():
    assert _compare("evs12_rbeg_pct_col") == []
    frame = extract_evs(OUTSIDE / "evs12_rbeg_pct_col.pdf").frame
    assert "anteil_prozent" not in frame.columns  # checked, not written
    assert not frame["hinweise"].str.contains("anteil_weicht_ab").any()  # the printed shares fit the amounts


def test_outside_title_set_tightly_above_the_header_is_read_as_title():
    """DOCX without spacing: the title lines touch the header; "RBEG 2021" in the title starts the law check."""
    result = extract_evs(OUTSIDE / "evs12_rbeg_pct_col.pdf")
    assert "RBEG 2021" in result.titel and (result.gesetz.gesetz, result.gesetz.haushaltstyp) == ("RBEG2021", "einpersonen")
    assert result.gesetz.count("stimmt") == 12 and result.gesetz.count("weicht_ab") == 0


def test_share_check_flags_a_share_that_does_not_fit():
    assert check_share(Decimal("11.73"), Decimal("2.99"), Decimal("25"), "25") is None  # 25,49 % printed as 25
    assert check_share(Decimal("20.00"), None, Decimal("0"), "0") is None  # "–": nothing relevant
    flag = check_share(Decimal("20.00"), Decimal("10.00"), Decimal("75"), "75")
    assert flag and flag.startswith("anteil_weicht_ab(75 % von 20,00 € sind 15,00 €")


def _generated(seed, tmp_path, **expect):
    table = generate(seed)
    for key, value in expect.items():
        assert table.options.get(key) == value, (key, table.options)
    truth = render(table, tmp_path / "t.pdf")
    s = score(table, truth, extract_evs(tmp_path / "t.pdf").frame)
    assert s["right"] == s["total"] and not s["wrong_value"], s
    return table


def test_generated_wide_label_column_top_aligned_centred_header(tmp_path):
    table = _generated(2, tmp_path, values_on="first", label_width="wide", label_header_centred=True)
    assert any("|" in r.label for r in table.items if r.kind == "row")


def test_generated_bottom_aligned_without_padding(tmp_path):
    _generated(14, tmp_path, values_on="last", label_width="wide", row_gap=0.0)


def test_generated_middle_aligned_with_ruled_rows(tmp_path):
    _generated(26, tmp_path, values_on="middle", label_width="wide", row_rules=True)


def test_generated_middle_aligned_destatis(tmp_path):
    _generated(7, tmp_path, values_on="middle", label_width="wide")


def test_generated_share_column(tmp_path):
    table = _generated(4, tmp_path, share_column=True)
    assert "anteil_prozent" in table.columns


# --- the proof rule --------------------------------------------------------------------------------------------

def _item(top, label, values=False, code=False):
    return Item(seite=1, top=top, bottom=top + 8, label=label, has_values=values, has_code=code)


def test_a_label_line_between_two_rows_without_evidence_is_not_assigned():
    band = [_item(100, "Kauf von Fahrzeugen", True, True), _item(110.5, "Zubehör"), _item(121, "Reparaturen", True, True)]
    assert len(bands(band, [])) == 1
    with pytest.raises(AmbiguousLabel) as exc:
        assign(band, set(), False, False)
    assert exc.value.item.label == "Zubehör"
    assert assign(band, {"top"}, False, False) == [0, 0, 2]  # the document proves top alignment elsewhere
    assert assign(band, {"bottom"}, False, False) == [0, 2, 2]


def test_a_label_that_visibly_goes_on_decides_the_row():
    band = [_item(100, "Ersatzteile und Zubehör für", True, True), _item(110.5, "Privatfahrzeuge"),
            _item(121, "Kraftstoffe", True, True)]
    assert assign(band, set(), False, False) == [0, 0, 2]
    band = [_item(100, "Kraftstoffe", True, True), _item(110.5, "Reparatur und"), _item(121, "Wartung", True, True)]
    assert assign(band, set(), False, False) == [0, 2, 2]


def test_a_ruled_row_boundary_is_never_crossed():
    items = [_item(100, "Kauf von Fahrzeugen", True, True), _item(110.5, "Zubehör")]
    assert len(bands(items, [109.0])) == 2 and len(bands(items, [])) == 1


def test_ambiguous_label_refuses_the_table(tmp_path, capsys):
    pdf = tmp_path / "mehrdeutig.pdf"
    c = canvas.Canvas(str(pdf), pagesize=A4)
    c.setFont("Helvetica", 8)
    y = 760
    c.drawString(40, y, "Testdokument – Sonderauswertung der EVS")
    y -= 30
    c.drawString(40, y, "Code")
    c.drawString(90, y, "Gegenstand der Nachweisung")
    c.drawRightString(420, y, "Ausgaben")
    c.drawRightString(520, y, "davon regelbedarfsrelevant")
    y -= 10.5
    c.drawRightString(420, y, "EUR/Monat")
    c.drawRightString(520, y, "EUR/Monat")
    y -= 16
    for code, label, a, r in [("0711", "Kauf von Fahrzeugen", "10,00", "–"), ("", "Zubehör", "", ""),
                              ("0712", "Reparaturen", "5,00", "5,00"), ("0713", "Fahrräder", "3,00", "3,00")]:
        if code:
            c.drawString(40, y, code)
        c.drawString(90, y, label)
        if a:
            c.drawRightString(420, y, a)
            c.drawRightString(520, y, r)
        y -= 10.5
    c.save()
    out = tmp_path / "t.csv"
    assert main(["extract", "evs", str(pdf), "--out", str(out)]) == 3
    err = capsys.readouterr().err
    assert err.startswith("Fehler: Seite 1: die Beschriftungszeile „Zubehör“") and "0711" in err and not out.exists()
