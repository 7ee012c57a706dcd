"""Case calculator: worked examples computed by hand (arithmetic in the comments)."""

import json
from datetime import date
from decimal import Decimal as D

import pytest

from kdu_analysis.case import Fall, berechne
from kdu_analysis.report.case_sheet import to_html, to_pdf, to_text
from kdu_analysis.cli import main
from kdu_analysis.errors import InputError


def test_dresden_one_person_above_richtwert():
    r = berechne(Fall("Dresden", "Dresden", 1, D("480.00"), D("70.00"), date(2025, 3, 1)))
    # Richtwert 2025 (corrected Merkblatt): 450,50 €; § 12 WoGG 2025 Stufe III, 1 P: 456 € × 1,1 = 501,60 €
    assert r["richtwert_eur"] == D("450.50") and r["wogg_plus10_eur"] == D("501.60")
    assert r["klimakomponente_eur"] == D("19.20") and r["grundlage"] == "richtwert"
    # anerkannt = min(480,00; 450,50) + 70,00 heating = 520,50 ; differenz = 550,00 − 520,50 = 29,50
    assert r["anerkannt_eur"] == D("520.50") and r["differenz_eur"] == D("29.50")


def test_karenzzeit_and_period_sum():
    r = berechne(Fall("Dresden", "Dresden", 1, D("480"), D("70"), date(2025, 1, 1), bis=date(2026, 2, 1),
                      leistungsbeginn=date(2025, 1, 1)))
    # Karenzzeit 01/2025–12/2025: actual 480 + 70 = 550 recognised, difference 0 (12 months)
    # 01/2026 and 02/2026: 450,50 + 70 = 520,50 recognised, difference 29,50 each -> sum 59,00
    assert r["anzahl_monate"] == 14
    assert [m.karenzzeit for m in r["monate"]].count(True) == 12
    assert r["anerkannt_eur"] == D("550.00") and r["differenz_eur"] == D("0.00")
    assert r["summe_differenz_eur"] == D("59.00")


def test_court_not_schluessig_without_recorded_consequence_gives_no_ceiling():
    r = berechne(Fall("Meißen", "Riesa", 2, D("480"), D("70"), date(2013, 3, 1)))
    # SG Dresden S 38 AS 3442/13 (Riesa 2012/13) is recorded only with label C and without its consequence:
    # it is named, not used; no Richtwert is recorded for 2013 either -> no ceiling, no amount
    assert r["grundlage"] == "keine" and r["obergrenze_eur"] is None and r["anerkannt_eur"] is None
    # the WoGG figure is still shown: Riesa 2009–2015 Stufe III; § 12 WoGG 2009, III, 2 P: 402 € × 1,1 = 442,20 €
    assert r["wogg_plus10_eur"] == D("442.20") and r["klimakomponente_eur"] is None
    assert any("S 38 AS 3442/13" in h and "nicht verwendet" in h for h in r["hinweise"])
    # on explicit request the table is used, labelled as an assumption: 442,20 + 70 = 512,20; 550 − 512,20 = 37,80
    w = berechne(Fall("Meißen", "Riesa", 2, D("480"), D("70"), date(2013, 3, 1), annahme="wogg"))
    assert w["grundlage"] == "wogg_annahme" and w["anerkannt_eur"] == D("512.20") and w["differenz_eur"] == D("37.80")


def test_large_household_derived_richtwert_and_wogg():
    r = berechne(Fall("Mittelsachsen", "Freiberg", 6, D("700"), D("120"), date(2023, 6, 1)))
    # Mittelsachsen 2023, Stadt Freiberg: 4 P 581,00 + 2 × 67,00 (je weitere Person ab der 5.) = 715,00 (derived)
    assert r["vergleichsraum"] == "Stadt Freiberg" and r["richtwert_eur"] == D("715.00")
    assert any("abgeleitet" in h for h in r["hinweise"])
    # Freiberg 2023 Stufe II; WoGG 2022 table II: 5 P 752 + 1 × 90 = 842 € × 1,1 = 926,20 €
    # Klimakomponente 6 P: 39,20 + 4,80 = 44,00 €
    assert r["wogg_plus10_eur"] == D("926.20") and r["klimakomponente_eur"] == D("44.00")
    # rent 700 below 715 -> fully recognised: 700 + 120 = 820
    assert r["anerkannt_eur"] == D("820.00") and r["differenz_eur"] == D("0.00")


def test_mietenstufen_gap_not_guessed():
    r = berechne(Fall("Mittelsachsen", "Hainichen", 1, D("300"), D("50"), date(2019, 6, 1),
                      vergleichsraum="Mietkategorie I"))
    # Mietkategorie I 2019, 1 P: 295,50 €; WoGG Mietenstufen 2016–2019 not available -> no WoGG figure
    assert r["richtwert_eur"] == D("295.50") and r["wogg_plus10_eur"] is None
    assert any("nicht bestimmbar" in h for h in r["hinweise"])
    # anerkannt (abstract) = 295,50 + 50 = 345,50 ; differenz = 350 − 345,50 = 4,50
    assert r["anerkannt_eur"] == D("345.50") and r["differenz_eur"] == D("4.50")
    # asked for WoGG in the Mietenstufen gap: nothing can be computed, nothing is shown
    w = berechne(Fall("Mittelsachsen", "Hainichen", 1, D("300"), D("50"), date(2019, 6, 1),
                      vergleichsraum="Mietkategorie I", annahme="wogg"))
    assert w["grundlage"] == "keine" and w["anerkannt_eur"] is None and w["differenz_eur"] is None


def test_edition_with_unstated_kind_of_rent_is_a_data_gap_not_a_warm_rent_limit():
    # LK Leipzig ab 01.04.2019: amounts recorded, the source does not say whether they are bruttokalt or bruttowarm
    r = berechne(Fall("LK Leipzig", "Borna", 2, D("400"), D("80"), date(2019, 6, 1)))
    assert r["richtwert_eur"] is None and r["grundlage"] == "keine" and r["anerkannt_eur"] is None
    text = " ".join(r["hinweise"])
    assert "nennt nicht, welche Miete" in text and "Lücke in unseren Daten" in text
    assert "Bruttowarmmiete (Gesamtangemessenheitsgrenze" not in text


def test_open_ended_edition_is_not_stretched_past_a_later_decided_edition():
    # Chemnitz: values from 01.12.2012 (open-ended); Richtlinie of 30.04.2014 decided, start and values not known
    before = berechne(Fall("Chemnitz", "Chemnitz", 1, D("400"), D("60"), date(2014, 3, 1)))
    assert before["richtwert_eur"] == D("267.84")
    r = berechne(Fall("Chemnitz", "Chemnitz", 1, D("400"), D("60"), date(2020, 6, 1)))
    assert r["richtwert_eur"] is None and r["grundlage"] == "keine" and r["anerkannt_eur"] is None
    assert any("30.04.2014" in h and "offen" in h for h in r["hinweise"])


def test_unassigned_gemeinde_needs_vergleichsraum():
    with pytest.raises(InputError, match="--vergleichsraum"):
        berechne(Fall("Nordsachsen", "Mockrehna", 2, D("520"), D("80"), date(2025, 6, 1)))
    r = berechne(Fall("Nordsachsen", "Mockrehna", 2, D("520"), D("80"), date(2025, 6, 1), vergleichsraum="VR 3"))
    # VR 3, 2 persons: 400 €; Mockrehna (not listed) -> Kreis Nordsachsen Stufe I: 437 × 1,1 = 480,70 €
    assert r["richtwert_eur"] == D("400") and r["wogg_plus10_eur"] == D("480.70")
    # anerkannt = 400 + 80 = 480 ; differenz = 600 − 480 = 120
    assert r["anerkannt_eur"] == D("480.00") and r["differenz_eur"] == D("120.00")


def test_nachzahlung_against_jobcenter_amount():
    r = berechne(Fall("Dresden", "Dresden", 1, D("480"), D("70"), date(2025, 3, 1), bis=date(2025, 5, 1),
                      anerkannt_jobcenter=D("500.00")))
    # each month 520,50 − 500,00 = 20,50 ; 3 months = 61,50
    assert r["nachzahlung_eur"] == D("20.50") and r["summe_nachzahlung_eur"] == D("61.50")


def test_input_errors():
    with pytest.raises(InputError):
        berechne(Fall("Dresden", "Dresden", 0, D("480"), D("70"), date(2025, 3, 1)))
    with pytest.raises(InputError, match="vor dem Leistungsbeginn"):
        berechne(Fall("Dresden", "Dresden", 1, D("480"), D("70"), date(2025, 3, 1), leistungsbeginn=date(2025, 5, 1)))
    with pytest.raises(InputError, match="nicht bekannt"):
        berechne(Fall("Hamburg", "Hamburg", 1, D("480"), D("70"), date(2025, 3, 1)))


def test_cli_json_contract_keys(capsys):
    code = main(["case", "--traeger", "Dresden", "--gemeinde", "Dresden", "--personen", "5", "--bruttokaltmiete",
                 "1000,00", "--heizkosten", "150", "--wohnflaeche", "95", "--monat", "2025-06", "--format", "json"])
    assert code == 0
    data = json.loads(capsys.readouterr().out)
    assert {"richtwert_eur", "wogg_plus10_eur", "anerkannt_eur", "differenz_eur", "quellen"} <= set(data)
    # 5 P: Richtwert 962,50 = 875 × 1,1; anerkannt 962,50 + 150 = 1.112,50; differenz 1.150 − 1.112,50 = 37,50
    assert data["richtwert_eur"] == 962.5 and data["wogg_plus10_eur"] == 962.5
    assert data["anerkannt_eur"] == 1112.5 and data["differenz_eur"] == 37.5
    assert all(q["zuverlaessigkeit"] in "ABCU" for q in data["quellen"])


def test_cli_bad_inputs(tmp_path, capsys):
    with pytest.raises(SystemExit) as exc:
        main(["case", "--traeger", "Dresden", "--gemeinde", "Dresden", "--personen", "1", "--bruttokaltmiete",
              "4.5.0", "--heizkosten", "70", "--monat", "2025-06"])
    assert exc.value.code == 2
    assert "kein Betrag" in capsys.readouterr().err
    out = tmp_path / "fall.pdf"
    assert main(["case", "--traeger", "Zwickau-Land", "--gemeinde", "Zwickau", "--personen", "1", "--bruttokaltmiete",
                 "400", "--heizkosten", "70", "--monat", "2025-06", "--format", "pdf", "--out", str(out)]) == 3
    assert not out.exists()


def test_sheets_are_german_self_contained_and_printable(tmp_path):
    r = berechne(Fall("Leipzig", "Leipzig", 2, D("480"), D("100"), date(2024, 6, 1), wohnflaeche=D("62.5")))
    page = to_html(r)
    assert "<html lang=\"de\">" in page and "http" not in page.split("<body>")[0]
    assert "Wohngeldtabelle + 10 %" in page and "Quellen" in page and "62,5 m²" in page
    # Leipzig 2024 heating limit 2 P 92,81 € < 100 € -> individual check, not a cut
    assert "Heizkosten über der Grenze des Trägers (92,81 €)" in to_text(r)
    pdf = to_pdf(r)
    assert pdf.startswith(b"%PDF")
    import pypdfium2

    doc = pypdfium2.PdfDocument(pdf)
    assert len(doc) == 1
    text = doc[0].get_textpage().get_text_range()
    assert "Höchstens angemessen (abstrakt)" in text and "Träger" in text and "€" in text
