"""Issue 9: the reader proves every table or refuses it. One regression test per failure class (1–5), each built
from a document of that shape drawn with the layout generator (tests/fixtures/richtwerte/generator), plus the
gate's checks one by one."""

import random
from decimal import Decimal as D

import pytest

from kdu_analysis.cli import main
from kdu_analysis.errors import InputError
from kdu_analysis.loaders import richtwert_gate as gate
from kdu_analysis.loaders.richtwerte import extract_richtwerte
from tests.fixtures.richtwerte.generator import negatives
from tests.fixtures.richtwerte.generator.document import Block, Document, TCell, Table, layout
from tests.fixtures.richtwerte.generator.render import render_reportlab

INTRO = [Block("heading", "Richtlinie des Landkreises Zwickau zur Angemessenheit der Kosten der Unterkunft", size=12),
         Block("para", "Die Richtwerte (Bruttokaltmiete, monatlich) gelten ab 1. Januar 2026. Bei Überschreitung um mehr "
                       "als 10 % wird im Einzelfall geprüft (Nr. 2 Satz 1 und 3).")]
SIZES = ["1 Person", "2 Personen", "3 Personen", "4 Personen", "5 Personen"]
VALUES = {"VR 1": ["295,50", "344,40", "423,75", "455,60", "516,80"],
          "VR 2": ["287,50", "339,60", "406,50", "447,10", "492,10"],
          "VR 3": ["283,50", "334,20", "409,50", "432,65", "481,65"]}


def _cells(texts, align="right"):
    return [TCell([t], align=align) for t in texts]


def _render(tmp_path, name, table, blocks_after=(), orientation="portrait"):
    doc = Document(blocks=[*INTRO, Block("table", table=table), *blocks_after], orientation=orientation)
    path = tmp_path / f"{name}.pdf"
    render_reportlab(doc, layout(doc), path)
    return path


def _region_table(labels, values, **options):
    header = [[TCell(["Vergleichsraum"])] + _cells(SIZES, "center")]
    body = [[TCell(label)] + _cells([f"{v} €" for v in vs]) for label, vs in zip(labels, values)]
    return Table(header=header, body=body, groups=[[i] for i in range(len(body))], **options)


def _by_key(frame):
    return {(r["vergleichsraum"], r["haushaltsgroesse"]): r for r in frame.to_dict("records")}


def _exact_or_refused(path, truth):
    """The reader writes exactly ``truth`` ({(region, size): BKM}) or refuses; never a wrong value or label."""
    try:
        frame = extract_richtwerte(path).frame
    except gate.TabelleAbgelehnt as exc:
        assert "Seite" in exc.user_message() and "Spec-Datei" in exc.user_message()
        return None
    got = {k: r["bruttokaltmiete_eur"] for k, r in _by_key(frame).items()}
    assert got == truth
    return frame


def _truth(labels, values):
    return {(label, str(n)): D(v.replace(",", ".")) for label, vs in zip(labels, values) for n, v in enumerate(vs, 1)}


# --------------------------------------------------------------------------- class 1: value glued to the label

def test_class1_first_value_glued_into_the_region_label(tmp_path):
    labels = ["Mietkategorie I", "Mietkategorie II", "Mietkategorie III"]
    table = _region_table([[x] for x in labels], list(VALUES.values()), gap=1.5, rules="none")
    frame = _exact_or_refused(_render(tmp_path, "klasse1", table), _truth(labels, list(VALUES.values())))
    assert frame is not None  # read exactly: the amount is split off the label
    assert not frame.vergleichsraum.str.contains("€").any()


def test_gate_refuses_a_label_holding_an_amount():
    table = gate.TableInfo(seite=2, kind="regionen", columns=["1", "2", "3"],
                           rows=[gate.RowInfo(seite=2, label="Mietkategorie I 295,50 €", measure=None, filled={1, 2})])
    with pytest.raises(gate.TabelleAbgelehnt, match="Seite 2: die Zeilenbeschriftung „Mietkategorie I 295,50 €“ enthält"):
        gate.check_tables([table])


# --------------------------------------------------------------------------- class 2: a size column read as values

def test_class2_household_size_column_is_not_a_value_column(tmp_path):
    header = [_cells(["Haushalt", "Personen", "Bruttokaltmiete in €/m²", "Bruttokaltmiete monatlich"], "center")]
    rates = ["6,53", "6,02", "5,95", "5,70", "5,62"]
    areas = [45, 60, 75, 85, 95]
    body = [[TCell([f"{n}-Personen-Haushalt"])] + _cells([str(n), f"{r} €/m²", f"{D(r.replace(',', '.')) * a:.2f} €".replace(".", ",")])
            for n, r, a in zip(range(1, 6), rates, areas)]
    table = Table(header=header, body=body, groups=[[i] for i in range(5)])
    frame = extract_richtwerte(_render(tmp_path, "klasse2", table)).frame
    assert frame.bruttokaltmiete_eur_m2.tolist() == [D(r.replace(",", ".")) for r in rates]
    assert frame.bruttokaltmiete_eur.tolist()[0] == D("293.85")


def test_gate_refuses_a_column_that_is_the_size_sequence():
    rows = [{"vergleichsraum": "", "haushaltsgroesse": str(n), "bruttokaltmiete_eur_m2": D(n), "seite": 1}
            for n in range(1, 6)]
    with pytest.raises(gate.TabelleAbgelehnt, match="nur die Haushaltsgrößen"):
        gate.check_rows(rows)


# --------------------------------------------------------------------------- class 3: labels over two lines

@pytest.mark.parametrize("valign", ["top", "middle", "bottom"])
def test_class3_two_line_region_labels_stay_with_their_rows(tmp_path, valign):
    labels = [["Vergleichsraum 1", "(Stadt Zwickau)"], ["Vergleichsraum 2", "(Stadt Crimmitschau)"],
              ["Vergleichsraum 3", "(Stadt Werdau)"]]
    table = _region_table(labels, list(VALUES.values()), valign=valign, rules="hrules")
    joined = [" ".join(x) for x in labels]
    frame = _exact_or_refused(_render(tmp_path, f"klasse3_{valign}", table), _truth(joined, list(VALUES.values())))
    if valign in ("top", "bottom"):
        assert frame is not None


def test_gate_refuses_an_empty_region_name_beside_named_ones():
    rows = [gate.RowInfo(seite=1, label="", measure=None, filled={0, 1, 2}),
            gate.RowInfo(seite=1, label="(Stadt Zwickau) Vergleichsraum 2", measure=None, filled={0, 1, 2})]
    with pytest.raises(gate.TabelleAbgelehnt, match="keine Gebietsbezeichnung"):
        gate.check_tables([gate.TableInfo(seite=1, kind="regionen", columns=["1", "2", "3"], rows=rows)])


# --------------------------------------------------------------------------- class 4: continuation, two-row heads

def test_class4_table_continued_without_repeated_header_keeps_its_rows(tmp_path):
    labels = [f"VR {k}" for k in range(1, 9)]
    values = [VALUES["VR 1"], VALUES["VR 2"], VALUES["VR 3"]] * 3
    table = _region_table([[x] for x in labels], values[:8], repeat_header=False, split_before=[5])
    frame = _exact_or_refused(_render(tmp_path, "klasse4", table), _truth(labels, values[:8]))
    assert frame is not None and set(frame.seite) == {1, 2}


def test_class4_jede_weitere_person_under_a_two_row_header(tmp_path):
    header = [[TCell(["Vergleichsraum"], rowspan=2), TCell(["Haushaltsgröße"], colspan=6, align="center")],
              _cells(SIZES + ["jede weitere Person"], "center")]
    body = [[TCell([k])] + _cells([f"{v} €" for v in vs + ["60,00"]]) for k, vs in VALUES.items()]
    table = Table(header=header, body=body, groups=[[i] for i in range(3)])
    frame = extract_richtwerte(_render(tmp_path, "klasse4b", table)).frame
    rows = _by_key(frame)
    assert all(rows[(k, "+1")]["bruttokaltmiete_eur"] == D("60.00") for k in VALUES)


# --------------------------------------------------------------------------- class 5: not a guideline

@pytest.mark.parametrize("kind", negatives.KINDS)
def test_class5_documents_that_are_not_guidelines_are_refused(tmp_path, kind, capsys):
    doc = negatives.build(random.Random(7), kind, "reportlab")
    path = tmp_path / f"{kind}.pdf"
    render_reportlab(doc, layout(doc), path)
    out = tmp_path / "out.csv"
    assert main(["extract", "richtwerte", str(path), "--out", str(out)]) == 3
    err = capsys.readouterr().err
    assert err.startswith("Fehler: ") and err.count("\n") == 1 and not out.exists()
    assert "sieht aus wie" in err or "keine Richtwert-Tabelle" in err


def test_looks_like_names_the_kind_of_document():
    assert "Mietspiegel" in gate.looks_like("Qualifizierter Mietspiegel 2024: ortsübliche Vergleichsmiete nach Baujahr")
    assert "Sitzungsprotokoll" in gate.looks_like("Niederschrift der Sitzung; Tagesordnung; Enthaltung: 2")
    assert gate.looks_like("Richtlinie zur Angemessenheit der Kosten der Unterkunft") is None


# --------------------------------------------------------------------------- the other checks

def test_gate_refuses_implausible_values_and_names_page_and_range():
    rows = [{"vergleichsraum": "VR 1", "haushaltsgroesse": str(n), "bruttokaltmiete_eur": v, "seite": 4}
            for n, v in zip(range(1, 4), [D("12"), D("400"), D("500")])]
    with pytest.raises(gate.TabelleAbgelehnt, match="Seite 4: Bruttokaltmiete 12 € .* außerhalb des plausiblen Bereichs"):
        gate.check_rows(rows)


def test_gate_refuses_sums_and_products_that_no_rounding_explains():
    base = {"vergleichsraum": "", "seite": 1}
    ok = [{**base, "haushaltsgroesse": str(n), "nettokaltmiete_eur": D("250.00"), "betriebskosten_eur": D("60.00"),
           "bruttokaltmiete_eur": D("310.00")} for n in (1, 2, 3)]
    gate.check_rows(ok)
    with pytest.raises(gate.TabelleAbgelehnt, match="ergibt nicht die gedruckte"):
        gate.check_rows(ok[:2] + [{**ok[2], "bruttokaltmiete_eur": D("311.00")}])
    product = [{**base, "haushaltsgroesse": str(n), "wohnflaeche_m2": D("45"), "bruttokaltmiete_eur_m2": D("7.00"),
                "bruttokaltmiete_eur": D("315.00")} for n in (1, 2, 3)]
    gate.check_rows(product)
    with pytest.raises(gate.TabelleAbgelehnt, match="× 45 m² ergibt nicht"):
        gate.check_rows(product[:2] + [{**product[2], "bruttokaltmiete_eur": D("316.00")}])


def test_gate_needs_three_household_sizes():
    rows = [{"vergleichsraum": "", "haushaltsgroesse": n, "bruttokaltmiete_eur": D("400"), "seite": 1} for n in ("1", "2")]
    with pytest.raises(gate.TabelleAbgelehnt, match="nur 2 Haushaltsgröße"):
        gate.check_rows(rows)


def test_round_trip_finds_each_value_in_its_cell():
    words = {1: [{"text": "344,40", "x0": 100, "x1": 130, "top": 50, "bottom": 60},
                 {"text": "€", "x0": 132, "x1": 138, "top": 50, "bottom": 60}]}
    gate.check_round_trip([{"seite": 1, "box": (100, 50, 138, 60), "spalte": "bruttokaltmiete_eur", "wert": D("344.40")}], words)
    with pytest.raises(gate.TabelleAbgelehnt, match="steht nicht in der Zelle"):
        gate.check_round_trip([{"seite": 1, "box": (100, 50, 138, 60), "spalte": "bruttokaltmiete_eur",
                                "wert": D("344.50")}], words)


def test_refused_table_exits_3_names_the_page_and_writes_a_preview(tmp_path, capsys):
    labels = ["VR 1", "VR 2", "VR 3"]
    values = [VALUES["VR 1"], VALUES["VR 2"], ["283,50", "334,20", "12,00", "432,65", "481,65"]]
    path = _render(tmp_path, "unplausibel", _region_table([[x] for x in labels], values))
    out, vorschau = tmp_path / "out.csv", tmp_path / "vorschau"
    assert main(["extract", "richtwerte", str(path), "--out", str(out), "--vorschau", str(vorschau)]) == 3
    err = capsys.readouterr().err
    assert "Fehler: Seite 1: Bruttokaltmiete 12,00 €" in err and not out.exists()
    assert [p.name for p in vorschau.iterdir()] == ["unplausibel_seite_1.png"]


def test_written_rows_carry_their_cell_box(tmp_path):
    labels = list(VALUES)
    path = _render(tmp_path, "boxen", _region_table([[x] for x in labels], list(VALUES.values())))
    result = extract_richtwerte(path)
    frame = result.frame
    assert (frame.zelle_x0 < frame.zelle_x1).all() and (frame.zelle_top < frame.zelle_bottom).all()
    assert len(result.zellen) == 15 and {c["spalte"] for c in result.zellen} == {"bruttokaltmiete_eur"}
    with pytest.raises(InputError):
        raise gate.TabelleAbgelehnt("x")


def test_a_second_table_by_household_size_that_is_no_richtwert_is_not_written(tmp_path):
    labels = list(VALUES)
    umzug = Table(header=[[TCell(["Haushaltsgröße"])] + _cells(SIZES, "center")],
                  body=[[TCell(["Betrag"])] + _cells(["302 €", "449 €", "567 €", "717 €", "864 €"])], groups=[[0]])
    path = _render(tmp_path, "umzug", _region_table([[x] for x in labels], list(VALUES.values())),
                   blocks_after=[Block("para", "Umzugskostenpauschale (einmalige Leistung, keine Unterkunftskosten):"),
                                 Block("table", table=umzug)])
    result = extract_richtwerte(path)
    assert set(result.frame.vergleichsraum) == set(labels)
    assert any("nicht übernommen" in h for h in result.hinweise)
