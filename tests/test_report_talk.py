"""Talk content: legal statements only from A/B items, audit findings turned into defect and Träger slides."""

from datetime import date

import pandas as pd
import pytest

from kdu_analysis.regelbedarf.reproduce import regelbedarf_series
from kdu_analysis.report import talk
from kdu_analysis.report.deck import MAX_BULLETS, MAX_TABLE_ROWS, Deck, Slide, deck_html, slide_fits


def _finding(traeger, pruefung, ergebnis, raum="VR 1", groesse="1"):
    return {"traeger": traeger, "vergleichsraum": raum, "haushaltsgroesse": groesse, "pruefung": pruefung,
            "ergebnis": ergebnis, "wert": 400, "vergleichswert": 397.1, "rechtsgrundlage": "§ 22 Abs. 1 SGB II",
            "quelle": f"Richtlinie {traeger}", "erlaeuterung": "Testbefund"}


@pytest.fixture
def findings():
    rows = [_finding("Landkreis A", "wogg_plus10", "verstoss", raum=f"VR {n}") for n in range(3)]
    rows += [_finding("Landkreis B", "wogg_plus10", "verstoss"), _finding("Landkreis B", "alter_daten", "hinweis"),
             _finding("Landkreis C", "wogg_plus10", "ok"), _finding("Landkreis C", "alter_daten", "verstoss")]
    return pd.DataFrame(rows)


def test_law_statements_use_only_reliable_items():
    for _text, citation, label in talk.ALL_STATEMENTS:
        assert label in ("A", "B") and citation
    slides = talk.law_slides()
    assert [s.title for s in slides] == ["Was das Gesetz verlangt", "Was die Gerichte verlangen",
                                         "Einzelentscheidungen und offene Fragen"]
    assert all(slide_fits(s) for s in slides)
    # review defect 8: the BSG sequence, not "no concept -> WoGG"; defect 10: no blanket B 14 AS 2/10 R statement
    assert ("Konzept nicht schlüssig: erst nachbessern; nur bei Erkenntnisausfall WoGG-Tabelle + 10 %",
            "BSG 12.12.2013 – B 4 AS 87/12 R") in slides[1].bullets
    assert all("B 14 AS 2/10 R" not in c for _t, c, _l in talk.COURT_STATEMENTS)


def test_one_defect_slide_per_kind_with_the_kreise_concerned(findings):
    slides = talk.defect_slides(findings, labels={"wogg_plus10": "Richtwert unter WoGG + 10 %"})
    assert [s.title for s in slides] == ["Mangel: alter_daten", "Mangel: Richtwert unter WoGG + 10 %"]
    wogg = slides[1]
    assert wogg.table.rows == [["Landkreis A", "3", "3"], ["Landkreis B", "1", "1"]]
    assert wogg.subtitle == "2 von 3 Trägern betroffen"
    assert wogg.note == "Beispiel Landkreis A: Testbefund"
    assert "§ 22 Abs. 1 SGB II" in wogg.quelle and "Richtlinie Landkreis A" in wogg.source_items()
    no_region = talk.defect_slides(findings.assign(vergleichsraum=""))[1]
    assert no_region.table.rows[0] == ["Landkreis A", "3", "–"]


def test_defect_slides_split_long_lists():
    rows = [_finding(f"Kreis {n:02d}", "wogg_plus10", "verstoss") for n in range(13)]
    slides = talk.defect_slides(pd.DataFrame(rows))
    assert [len(s.table.rows) for s in slides] == [7, 6]  # balanced, at most MAX_TABLE_ROWS each
    assert slides[0].title.endswith("(1/2)")


def test_traeger_overview_counts_every_result(findings):
    slides = {s.title: s for s in talk.traeger_overview_slides(findings)}
    assert slides["Landkreis B"].subtitle == "2 Prüfergebnisse: 1 Verstoß, 1 Hinweis, 0 in Ordnung"
    assert slides["Landkreis B"].bullets == ["alter_daten: 1 Hinweis", "wogg_plus10: 1 Verstoß"]
    assert slides["Landkreis C"].bullets == ["alter_daten: 1 Verstoß"]
    assert slides["Landkreis A"].subtitle == "3 Prüfergebnisse: 3 Verstöße, 0 Hinweise, 0 in Ordnung"
    many = pd.DataFrame([_finding("Kreis X", f"p{n}", "verstoss") for n in range(9)])
    bullets = talk.traeger_overview_slides(many)[0].bullets
    assert len(bullets) == MAX_BULLETS and bullets[-1].startswith("… und 4 weitere")


def test_traeger_with_a_chart_get_it_and_the_table_counts_all(findings):
    slides = {s.title: s for s in talk.traeger_overview_slides(findings, {"wogg_plus10": "WoGG + 10 %"},
                                                                 charts={"Landkreis A": b"png"})}
    assert slides["Landkreis A"].image == b"png" and slides["Landkreis A"].bullets == []
    assert slides["Landkreis A"].subtitle == "3 Verstöße, 0 Hinweise, 0 in Ordnung – Verstöße: WoGG + 10 %"
    assert slides["Landkreis B"].image is None
    table = talk.traeger_table_slides(findings)
    assert len(table) == 1 and table[0].table.rows == [["Landkreis A", "3", "0", "0"], ["Landkreis B", "1", "1", "0"],
                                                       ["Landkreis C", "1", "0", "1"]]


def test_audit_slides_cite_the_verstoesse_and_point_to_befunde(findings):
    slide = talk.defect_slides(findings)[1]
    assert slide.source_items() == ["§ 22 Abs. 1 SGB II", "Richtlinie Landkreis A", "Richtlinie Landkreis B"]
    assert slide.quelle.endswith(talk.AUDIT_DETAIL)
    only_hinweise = findings[findings.ergebnis != "verstoss"]
    assert talk.finding_sources(only_hinweise) == {"quelle": talk.AUDIT_DETAIL, "sources": []}


def test_findings_without_contract_columns_are_refused():
    with pytest.raises(ValueError, match="lack columns"):
        talk.defect_slides(pd.DataFrame({"traeger": ["A"]}))


def test_nachrechnung_slide_prints_the_published_amounts():
    slide = talk.regelbedarf_nachrechnung_slide(regelbedarf_series(), [2011, 2021, 2026])
    # published Regelbedarfsstufe 1: 364 € (2011), 446 € (2021), 563 € (2026; computed 557 €, Besitzschutz)
    assert slide.table.rows == [["2011", "364 €", "364 €", "stimmt"], ["2021", "446 €", "446 €", "stimmt"],
                                ["2026", "557 €", "563 €", "Besitzschutz"]]


def test_nachrechnung_slide_refuses_a_failed_reproduction():
    series = regelbedarf_series().copy()
    series.loc[(series.jahr == 2021) & (series.stufe == 1), "stimmt"] = False
    with pytest.raises(ValueError, match="2021"):
        talk.regelbedarf_nachrechnung_slide(series, [2021])


def test_sources_slides_collect_each_source_once():
    slides = [Slide("a", "X; Y", sources=None), Slide("b", "ignored", sources=["Y", "Z"]), Slide("c", "Q", sources=[])]
    sources = talk.sources_slides(slides)
    assert len(sources) == 1 and sources[0].bullets == ["X", "Y", "Z"] and sources[0].layout == "sources"
    many = [Slide(str(n), "Q", sources=[f"Quelle Nummer {n} " + "mit langem Titel " * 8]) for n in range(20)]
    split = talk.sources_slides(many)
    assert len(split) > 1 and sum(len(s.bullets) for s in split) == 20


def test_stand_slide_and_title_render(tmp_path):
    slides = [talk.title_slide(date(2025, 6, 30)), talk.stand_slide(date(2025, 6, 30), ["WoGG-Tabelle ab 01.01.2025"])]
    page = deck_html(Deck("T", date(2025, 6, 30), slides))
    assert "Stichtag 30.06.2025" in page and "Stichtag der Auswertung: 30.06.2025" in page


def test_regelbedarf_facts_are_read_off_the_series():
    facts = talk.regelbedarf_facts(regelbedarf_series())
    # Stufe 1: 563 € in 2024, 2025 and 2026 (Nullrunden), computed 539 € and 557 € below it (Besitzschutz)
    assert facts["erstes_jahr"] == 2011
    assert facts["nullrunden"] == [2025, 2026]
    assert facts["besitzschutz"] == [2025, 2026]
    assert facts["getroffen"] == facts["betraege"] == 96
    assert talk.regelbedarf_chart_slide(b"png", facts).title == "Regelbedarf: Nullrunden 2025 und 2026"


def test_documents_slides_balance_long_lists():
    rows = [[f"Landkreis {n}", "01.01.2025", "12"] for n in range(10)]
    slides = talk.documents_slides(rows)
    assert [len(s.table.rows) for s in slides] == [5, 5]
    assert all(len(s.table.rows) <= MAX_TABLE_ROWS for s in slides)
    assert talk.documents_slides([]) == []


def test_case_slide_shows_both_ceilings_with_the_calculators_sources():
    result = {"gemeinde": "Dresden", "richtwert_eur": 450.5, "wogg_plus10_eur": 501.6, "mietenstufe": "III",
              "klimakomponente_eur": 19.2, "anerkannt_eur": 520.5, "differenz_eur": 29.5,
              "quellen": [{"angabe": "Mietenstufe III", "quelle": "WoGV Anlage", "zuverlaessigkeit": "A"}]}
    slide = talk.case_slide(result, "Erfundener Beispielhaushalt")
    assert slide.table.rows[1] == ["Wohngeldtabelle + 10 % (Stufe III)", "501,60 €"]
    assert slide.table.rows[-1] == ["Differenz tatsächlich − anerkannt", "29,50 €"]
    assert slide.sources == ["Mietenstufe III: WoGV Anlage [A]"]
    assert talk.case_slide({**result, "richtwert_eur": None}, "x").table.rows[0][1] == "nicht angegeben"  # not stated, never 0 (D803)


def test_slug():
    assert talk.slug("Sächsische Schweiz-Osterzgebirge") == "saechsische_schweiz_osterzgebirge"
