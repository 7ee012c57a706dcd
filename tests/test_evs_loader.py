"""EVS loader (contracts §2): every printed value of the three fixture documents, flags, sum checks, bad input."""

from decimal import Decimal as D
from pathlib import Path

import pandas as pd
import pytest

from kdu_analysis.cli import main
from kdu_analysis.errors import InputError
from kdu_analysis.loaders.evs import COLUMNS, extract_evs
from kdu_analysis.loaders.evs_checks import leaf_items, run_checks
from kdu_analysis.pdf.numbers import parse_destatis_cell
from tests.fixtures.evs import layouts as L

FIXTURES = Path(__file__).parent / "fixtures" / "evs"
BROKEN = Path(__file__).parent / "fixtures" / "broken"
DESTATIS_COLUMNS_5 = ["hochgerechnet_tsd", "haushalte_erfasst", "ausgaben_eur", "ausgaben_erwachsene_eur", "ausgaben_kind_eur"]
DESTATIS_COLUMNS_3 = ["hochgerechnet_tsd", "haushalte_erfasst", "ausgaben_eur"]


@pytest.fixture(scope="module")
def paar_kind():
    return extract_evs(FIXTURES / "destatis_paar_kind.pdf")


@pytest.fixture(scope="module")
def einpersonen():
    return extract_evs(FIXTURES / "destatis_einpersonen.pdf")


@pytest.fixture(scope="module")
def rbeg_table():
    return extract_evs(FIXTURES / "rbeg_einpersonen.pdf")


def _expected_value(printed):
    cell = parse_destatis_cell(printed)
    return cell.value


def _as_decimal(value):
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return None
    return D(str(value))


def _destatis_rows(layout):
    for page, rows in enumerate(layout["seiten"], start=1):
        for row in rows:
            yield page, row


@pytest.mark.parametrize("name, columns", [("paar_kind", DESTATIS_COLUMNS_5), ("einpersonen", DESTATIS_COLUMNS_3)])
def test_destatis_every_printed_value(name, columns, request):
    result = request.getfixturevalue(name)
    layout = L.DESTATIS_PAAR_KIND if name == "paar_kind" else L.DESTATIS_EINPERSONEN
    frame = result.frame
    expected = list(_destatis_rows(layout))
    assert len(frame) == len(expected)
    for (page, (lfd, code, label, *cells)), (_, row) in zip(expected, frame.iterrows()):
        assert row.lfd_nr == lfd
        assert row.code == code.replace(" ", "")
        assert row.bezeichnung == label.replace("|", " ")
        assert row.seite == page
        for column, printed in zip(columns, cells):
            assert _as_decimal(row[column]) == _expected_value(printed), (code, column)
        assert row.unsicher == any(c.startswith("(") for c in cells)
        assert row.nicht_ausgewiesen == any(c == "/" for c in cells)
    assert result.layout == "destatis"
    assert frame["regelbedarfsrelevant_eur"].isna().all()


def test_destatis_table_b_rows_as_printed(paar_kind):
    """The visible rows of the Destatis table (reference sheet §3, Table B)."""
    f = paar_kind.frame.set_index("lfd_nr")
    assert f.loc["1", "ausgaben_eur"] == D("338.78") and f.loc["1", "zeilenart"] == "summe"
    assert f.loc["1", "umfasst"] == "01,02" and f.loc["1", "code"] == ""
    assert (f.loc["4", "ausgaben_eur"], f.loc["4", "ausgaben_erwachsene_eur"], f.loc["4", "ausgaben_kind_eur"]) == \
        (D("285.57"), D("218.43"), D("67.14"))
    assert (f.loc["7", "ausgaben_eur"], f.loc["7", "haushalte_erfasst"], f.loc["7", "hochgerechnet_tsd"]) == (D("53.22"), 40, 41)
    assert f.loc["8", "ausgaben_eur"] == D("17.09") and f.loc["8", "unsicher"]
    tabak = f.loc["9"]
    assert tabak.nicht_ausgewiesen and tabak.ausgaben_eur is None and tabak.haushalte_erfasst is None
    assert f.loc["13", "ausgaben_kind_eur"] == D("0")  # a printed "( 0)" stays a real zero
    assert f.loc["20", "ausgaben_eur"] == D("579.19")


def test_codes_hierarchy_and_zwischensummen(paar_kind, einpersonen):
    f = paar_kind.frame.set_index("code")
    assert f.loc["0312100", "abteilung"] == "03"
    assert f.loc["031", "zwischensumme"] and f.loc["0312", "zwischensumme"] and not f.loc["0312100", "zwischensumme"]
    assert f.loc["03", "zeilenart"] == "summe" and f.loc["031", "zeilenart"] == "posten"
    e = einpersonen.frame.set_index("code")
    assert e.loc["0711000", "seite"] == 1 and e.loc["073", "seite"] == 2  # repeated header on page 2
    assert e.loc["072", "bezeichnung"] == "Waren und Dienstleistungen für den Betrieb von Privatfahrzeugen"
    assert e.loc["07", "haushalte_erfasst"] == 2212 and e.loc["07", "hochgerechnet_tsd"] == 1310  # "2 212"
    automaten = e.loc["1113000"]
    assert automaten.ausgaben_eur is None and "ausgaben_eur:–" in automaten.zeichen and not automaten.nicht_ausgewiesen
    # leaf items of Abteilung 07 add up to the printed 68,42 € where nothing is hidden
    leaves = leaf_items(einpersonen.frame)
    assert set(leaves[leaves.abteilung == "07"].code) == {"0711000", "0712000", "0713000", "0722000", "0723000",
                                                            "0731000", "0732000"}


def test_sum_flags_destatis(paar_kind, einpersonen):
    f = paar_kind.frame.set_index("lfd_nr")
    # 285,57 + 53,22 = 338,79: the real table's rounding difference, flagged, row kept
    assert "summe_rundungsdifferenz(ausgaben_eur: gedruckt 338,78 €, Summe der Posten 338,79 €)" in f.loc["1", "hinweise"]
    assert "zeile_summe_rundungsdifferenz(insgesamt 53,22 €, Erwachsene + Kind 53,21 €)" in f.loc["7", "hinweise"]
    assert "summe_nicht_pruefbar(ausgaben_eur: nicht ausgewiesen: 022)" in f.loc["7", "hinweise"]
    assert f.loc["4", "hinweise"] == ""  # 254,31 + 31,26 = 285,57 exactly
    e = einpersonen.frame.set_index("code")
    assert "summe_weicht_ab(ausgaben_eur: gedruckt 24,90 €, Summe der Posten 25,00 €)" in e.loc["11", "hinweise"]
    assert e.loc["07", "hinweise"] == "" and e.loc["09", "hinweise"] == "" and e.loc["111", "hinweise"] == ""
    assert "summe_nicht_pruefbar" in e.loc["071", "hinweise"]


def test_rbeg_every_printed_value(rbeg_table):
    frame = rbeg_table.frame
    assert rbeg_table.layout == "rbeg"
    expected = []
    for heading, items, total in L.RBEG_EINPERSONEN["abteilungen"]:
        for code, label, ausgaben, relevant in items:
            expected.append(("posten", code, label.replace("-|", "").replace("|", " "), ausgaben, relevant))
        expected.append(("summe", "", total[0], total[1], total[2]))
    expected.append(("summe", "", *L.RBEG_EINPERSONEN["gesamt"]))
    assert len(frame) == len(expected)
    for (zeilenart, code, label, ausgaben, relevant), (_, row) in zip(expected, frame.iterrows()):
        assert (row.zeilenart, row.code) == (zeilenart, code)
        assert row.bezeichnung.replace(" ", "") == label.replace(" ", "")
        assert _as_decimal(row.ausgaben_eur) == _expected_value(ausgaben)
        assert _as_decimal(row.regelbedarfsrelevant_eur) == _expected_value(relevant)


def test_rbeg_sums_are_the_laws_figures(rbeg_table):
    """§ 5 Abs. 1 RBEG 2021 (BGBl. I 2020 S. 2855): 150,93 / 36,09 / … / 34,71, total 434,96 €."""
    f = rbeg_table.frame
    sums = f[(f.zeilenart == "summe") & (f.abteilung != "")].set_index("abteilung")["regelbedarfsrelevant_eur"]
    assert dict(sums) == {"01": D("150.93"), "03": D("36.09"), "04": D("36.87"), "05": D("26.49"), "06": D("16.60"),
                          "07": D("39.01"), "08": D("38.89"), "09": D("42.44"), "10": D("1.57"), "11": D("11.36"),
                          "12": D("34.71")}
    total = f[(f.zeilenart == "summe") & (f.abteilung == "")].iloc[0]
    assert total.regelbedarfsrelevant_eur == D("434.96") and total.ausgaben_eur == D("860.09")
    assert f.set_index("bezeichnung").loc["Summe Abteilung 01 und 02", "umfasst"] == "01,02"
    # every sum checks out except Abteilung 09, whose Pauschalreisen are not ausgewiesen
    flagged = f[f.hinweise != ""]
    assert list(flagged.bezeichnung) == ["Summe Abteilung 09"]
    assert flagged.iloc[0].hinweise == "summe_nicht_pruefbar(ausgaben_eur: nicht ausgewiesen: 0960)"
    tabak = f.set_index("code").loc["0220"]
    assert tabak.abteilung == "02" and tabak.regelbedarfsrelevant_eur is None and tabak.zeichen == "regelbedarfsrelevant_eur:–"
    assert f.set_index("code").loc["0314", "unsicher"]


def test_mismatch_is_flagged_not_dropped():
    rows = [
        {"abteilung": "03", "code": "03", "bezeichnung": "Bekleidung", "zeilenart": "summe", "umfasst": "03"},
        {"abteilung": "03", "code": "031", "bezeichnung": "a", "zeilenart": "posten", "umfasst": ""},
        {"abteilung": "03", "code": "032", "bezeichnung": "b", "zeilenart": "posten", "umfasst": ""},
    ]
    frame = pd.DataFrame(rows, dtype=object)
    for column in ["ausgaben_eur", "regelbedarfsrelevant_eur", "ausgaben_erwachsene_eur", "ausgaben_kind_eur"]:
        frame[column] = None
    frame["ausgaben_eur"] = [D("30.00"), D("10.00"), D("19.00")]
    frame["regelbedarfsrelevant_eur"] = [D("12.00"), D("11.00"), D("1.00")]
    frame["zeichen"] = ""
    frame["hinweise"] = [[] for _ in rows]
    run_checks(frame)
    assert frame.at[0, "hinweise"] == ["summe_weicht_ab(ausgaben_eur: gedruckt 30,00 €, Summe der Posten 29,00 €)"]
    assert frame.at[1, "hinweise"] == ["regelbedarfsrelevant_groesser_als_ausgaben(11,00 € > 10,00 €)"]
    assert len(frame) == 3


def test_cli_writes_contract_columns(tmp_path, capsys):
    out = tmp_path / "evs.csv"
    assert main(["extract", "evs", str(FIXTURES / "rbeg_einpersonen.pdf"), "--out", str(out)]) == 0
    text = out.read_text(encoding="utf-8")
    header = text.splitlines()[0].split(",")
    assert header[: len(COLUMNS)] == COLUMNS
    assert "0220,Tabakwaren,19.40,,,false,false,posten,1" in text
    assert ",Summe der Verbrauchsausgaben insgesamt,860.09,434.96,,false,false,summe,2" in text
    assert "49 Zeilen" in capsys.readouterr().err


@pytest.mark.parametrize("name, words", [
    ("kein_pdf.pdf", "keine PDF-Datei"), ("scan_ohne_text.pdf", "OCR"), ("verschluesselt.pdf", "verschlüsselt"),
    ("ohne_tabelle.pdf", "keine EVS-Tabelle"), ("abgeschnitten.pdf", "beschädigt"),
])
def test_bad_input_german_error_and_no_file(name, words, tmp_path, capsys):
    out = tmp_path / "evs.csv"
    assert main(["extract", "evs", str(BROKEN / name), "--out", str(out)]) == 3
    err = capsys.readouterr().err
    assert err.startswith("Fehler: ") and words in err and err.count("\n") == 1
    assert not out.exists() and list(tmp_path.iterdir()) == []


def test_richtwert_document_is_no_evs_table():
    with pytest.raises(InputError, match="keine EVS-Tabelle"):
        extract_evs(Path(__file__).parent / "fixtures" / "richtwerte" / "dresden_2025.pdf")


def _variant(tmp_path, **changes):
    from tests.fixtures.evs.make_fixtures import destatis

    layout = {**L.DESTATIS_EINPERSONEN, "name": "variante", **changes}
    return destatis(layout, tmp_path)


def test_unreadable_cell_is_flagged_not_guessed(tmp_path):
    pages = [list(rows) for rows in L.DESTATIS_EINPERSONEN["seiten"]]
    pages[0][1] = ("2", "071", "Kauf von Fahrzeugen", "95", "160", "21,3,0")
    frame = extract_evs(_variant(tmp_path, seiten=pages)).frame.set_index("code")
    assert frame.loc["071", "ausgaben_eur"] is None
    assert "unlesbarer_wert(ausgaben_eur: 21,3,0)" in frame.loc["071", "hinweise"]
    assert frame.loc["07", "hinweise"].startswith("summe_nicht_pruefbar(ausgaben_eur: nicht ausgewiesen: 071 (ohne lesbare Zahl))")


def test_unknown_column_header_stops_the_document(tmp_path):
    kopf = [list(line) for line in L.DESTATIS_EINPERSONEN["kopf"]]
    kopf[0][-1] = (2, "Fantasie")
    kopf[1] = [k for k in kopf[1] if k[0] != 2]
    kopf[2] = [k for k in kopf[2] if k[0] != 2]
    with pytest.raises(InputError, match="Die Spalte 'Fantasie'"):
        extract_evs(_variant(tmp_path, kopf=kopf))
