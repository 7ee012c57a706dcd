"""Träger history since 2019 (issue 15): every edition equals the figures of the public-sources sheet
(saxon_richtwerte_sources.md), editions without values never yield a ceiling, conflicts are data and Hinweise."""

import copy
from datetime import date
from decimal import Decimal

import pytest

from kdu_analysis import case
from kdu_analysis.audit.run import traeger_findings
from kdu_analysis.errors import ReferenceDataError
from kdu_analysis import traeger as tr

BKM, HK, BETRAG = "bruttokaltmiete_eur", "heizkosten_eur", "betrag_eur"
N = None

#: Per Träger: edition id -> {(measure, Vergleichsraum): six cells 1–5, +1} as printed in the sheet;
#: ``{}`` = the sheet lists the edition as existing, values not read.
SHEET = {
    "dresden": {
        "dresden-2017": {(BKM, "Stadtgebiet Dresden"): ["358.74", "429.88", "500.50", "572.73", "697.55", N]},
        "dresden-2019": {(BKM, "Stadtgebiet Dresden"): ["378.39", "444.51", "518.76", "603.63", "775.54", "81.63"]},
        "dresden-2021": {(BKM, "Stadtgebiet Dresden"): ["337.74", "423.10", "498.84", "617.37", "788.61", "83.01"]},
        # 5 persons: 846,66 vs 846,44 (conflict 3) -> no value taken
        "dresden-2023": {(BKM, "Stadtgebiet Dresden"): ["349.98", "448.44", "528.59", "657.44", N, "89.10"]},
        "dresden-bis-2024": {(BKM, "Stadtgebiet Dresden"): ["368.93", "464.93", "553.14", "687.43", "868.68", "91.44"]},
        "dresden-2025": {(BKM, "Stadtgebiet Dresden"): ["449.25", "556.02", "714.38", "812.05", "962.50", "116.60"]},
        "dresden-2025-korrektur": {(BKM, "Stadtgebiet Dresden"):
                                   ["450.50", "557.64", "715.73", "813.85", "962.50", "116.60"]},
    },
    "leipzig": {
        "leipzig-2020": {(BKM, "Stadtgebiet Leipzig"): ["294.93", "387.69", "499.07", "562.08", "644.51", "67.85"]},
        "leipzig-2021": {(BKM, "Stadtgebiet Leipzig"): ["314.07", "408.72", "532.82", "609.85", "684.41", "72.05"],
                         (HK, "Stadtgebiet Leipzig"): ["50.72", "67.63", "84.54", "95.81", "107.08", "11.28"]},
        "leipzig-2022": {(BKM, "Stadtgebiet Leipzig"): ["345.79", "450.00", "586.63", "671.44", "753.54", "79.33"],
                         (HK, "Stadtgebiet Leipzig"): ["55.84", "74.46", "93.08", "105.49", "117.90", "12.42"]},
        "leipzig-2024": {(BKM, "Stadtgebiet Leipzig"): ["345.79", "450.00", "586.63", "671.44", "782.46", "79.33"],
                         (HK, "Stadtgebiet Leipzig"): ["69.61", "92.81", "116.01", "131.48", "146.49", "14.70"]},
        # 5 persons BKM: 802,48 used over the rounded 802,00 (conflict 1)
        "leipzig-2025-12": {(BKM, "Stadtgebiet Leipzig"): ["357.62", "466.30", "602.60", "689.67", "802.48", "84.48"],
                            (HK, "Stadtgebiet Leipzig"): ["67.58", "90.10", "112.63", "127.64", "142.66", "15.02"]},
    },
    "chemnitz": {"chemnitz-2022-05": {}, "chemnitz-2023-05": {}, "chemnitz-2024": {}},
    "bautzen": {"bautzen-2024": {}},
    "erzgebirgskreis": {"erz-2014": {}, "erz-2016": {}, "erz-2024": {}},
    "goerlitz": {"goerlitz-2021-02": {}, "goerlitz-2023-02": {}},
    "leipzig_lk": {
        "lkl-2017": {(BETRAG, "Markkleeberg"): ["325.80", "404.40", N, N, "687.80", N],
                     (BETRAG, "Markranstädt"): [N, N, N, N, "625.45", N]},
        "lkl-2019": {(BETRAG, "Markkleeberg"): ["349.40", "429.20", N, N, "795.40", N],
                     (BETRAG, "Markranstädt"): [N, N, N, "571.15", "713.05", N]},
        "lkl-2021": {(BETRAG, "Markranstädt"): [N, N, N, "646.90", N, N]},
    },
    "meissen": {"meissen-2016": {(BKM, "Stadt Meißen (2016)"): [N, N, N, "497.25", N, N]}},
    "mittelsachsen": {
        "mittelsachsen-2019": {(BKM, "Mietkategorie I"): ["295.50", "344.40", "423.75", "455.60", "516.80", N],
                               (BKM, "Mietkategorie II"): ["287.50", "339.60", "406.50", "447.10", "492.10", N],
                               (BKM, "Mietkategorie III"): ["283.50", "334.20", "409.50", "432.65", "481.65", N]},
        "mittelsachsen-2020-06": {}, "mittelsachsen-2021": {},
        "mittelsachsen-2023": {(BKM, "Mittelbereich Döbeln"): ["340.00", "390.00", "468.00", "510.00", N, "60.00"],
                               (BKM, "Mittelbereich Freiberg (ohne Stadt Freiberg)"):
                                   ["334.00", "388.00", "485.00", "512.00", N, "66.00"],
                               (BKM, "Mittelbereich Mittweida"): ["353.00", "379.00", "468.00", "508.00", N, "62.00"],
                               (BKM, "Stadt Freiberg"): ["366.00", "407.00", "507.00", "581.00", N, "67.00"],
                               (BKM, "Umland Chemnitz"): ["339.00", "386.00", "492.00", "546.00", N, "62.00"]},
    },
    "vogtlandkreis": {"vogtland-2017": {}, "vogtland-2023": {}},
    # the sheet found nothing since 2019 for these three: their recorded editions stay as they were
    "nordsachsen": {},
    "saechsische_schweiz_osterzgebirge": {},
    "zwickau": {},
}


def _cells(row):
    return [None if v is None else Decimal(v) for v in row]


@pytest.mark.parametrize("slug", sorted(SHEET))
def test_every_edition_equals_the_sheet(slug):
    t = tr.find_traeger(slug)
    by_id = {a.id: a for a in t.ausgaben}
    for edition_id, tables in SHEET[slug].items():
        assert edition_id in by_id, f"{slug}: Ausgabe {edition_id} fehlt"
        a = by_id[edition_id]
        if not tables:
            assert not a.hat_werte() and a.status == "werte_nicht_gefunden" and a.hinweise, edition_id
            continue
        assert a.status == "sekundaer_transkribiert"  # no Kreis PDF was read
        for (measure, vr), row in tables.items():
            assert list(a.werte[measure][vr]) == _cells(row), (edition_id, measure, vr)
        # nothing beyond the sheet's cells in the tables it names
        assert {(m, vr) for m, table in a.werte.items() for vr in table} >= set(tables)
    assert tr.find_traeger(slug).ausgaben  # every Träger still loads


def test_since_2019_every_month_has_an_edition_or_says_it_does_not_know():
    dresden = tr.find_traeger("Dresden")
    for year in range(2019, 2027):
        assert dresden.ausgabe_am(date(year, 6, 1)).hat_werte(), year


def test_edition_without_values_never_yields_a_ceiling():
    for t in tr.load_traeger():
        for a in t.ausgaben:
            if a.hat_werte():
                continue
            assert a.hinweise, a.id  # says why
            for vr in tr.vr_names(a) or ["x"]:
                for n in range(1, 8):
                    assert tr.richtwert(a, vr, n) == (None, None)


def test_schema_refuses_edition_without_values_claiming_a_status_with_values():
    raw = {"traeger": "X", "kurzname": "X", "slug": "x", "art": "landkreis", "mietenstufe_kreis": None,
           "vergleichsraeume": [], "konzepte": [], "gerichtsentscheidungen": [], "luecken": [],
           "ausgaben": [{"id": "a", "bezeichnung": "b", "gueltig_ab": date(2020, 1, 1), "gueltig_bis": None,
                         "quelle": "q", "zuverlaessigkeit": "B", "status": "sekundaer_transkribiert",
                         "mietbegriff": "bruttokalt", "haushaltsgroessen": ["1", "2", "3", "4", "5", "+1"],
                         "werte": {}}]}
    with pytest.raises(ReferenceDataError, match="ungültig"):
        tr.parse_traeger(raw, "x.yaml")
    raw["ausgaben"][0]["status"] = "werte_nicht_gefunden"
    with pytest.raises(ReferenceDataError, match="hinweise"):  # no note, no edition
        tr.parse_traeger(copy.deepcopy(raw), "x.yaml")
    raw["ausgaben"][0]["hinweise"] = ["Tabelle nicht gelesen"]
    assert not tr.parse_traeger(raw, "x.yaml").ausgaben[0].hat_werte()


def _fall(traeger, gemeinde, monat, personen=2):
    return case.Fall(traeger=traeger, gemeinde=gemeinde, personen=personen, bruttokaltmiete=Decimal("500"),
                     heizkosten=Decimal("80"), monat=monat)


@pytest.mark.parametrize("monat, richtwert, quelle", [
    (date(2023, 6, 1), "448.44", "pnr24"), (date(2021, 6, 1), "423.10", "pm_042"),
    (date(2019, 6, 1), "444.51", "pm_085")])
def test_dresden_case_for_past_months(monat, richtwert, quelle):
    result = case.berechne(_fall("Dresden", "Dresden", monat))
    assert result["richtwert_eur"] == Decimal(richtwert)
    assert any(quelle in q["quelle"] for q in result["quellen"] if q["angabe"].startswith("Richtwert"))


def test_erzgebirgskreis_boundary_2016_and_2019_not_known():
    erz = tr.find_traeger("Erzgebirgskreis")
    assert erz.ausgabe_am(date(2016, 6, 30)).id == "erz-2014"
    assert erz.ausgabe_am(date(2016, 7, 1)).id == "erz-2016"
    result = case.berechne(_fall("Erzgebirgskreis", "Annaberg-Buchholz", date(2019, 6, 1)))
    assert result["richtwert_eur"] is None and result["grundlage"] != "richtwert"
    assert any("Richtwert für diesen Zeitraum nicht bekannt (Ausgabe vom 01.07.2016 existiert)" in h
               for h in result["hinweise"])


def test_leipzig_heating_limits_from_december_2025():
    a = tr.find_traeger("Leipzig").ausgabe_am(date(2026, 1, 1))
    assert a.wert(HK, "Stadtgebiet Leipzig", "5") == Decimal("142.66")
    assert a.wert(HK, "Stadtgebiet Leipzig", "+1") == Decimal("15.02")


def test_six_conflicts_recorded_with_both_sources_and_the_choice():
    konflikte = [(t.slug, a.id, k) for t in tr.load_traeger() for a in t.ausgaben for k in a.konflikte]
    assert len(konflikte) == 6
    for _slug, _id, k in konflikte:
        assert len(k.angaben) >= 2 and all(x["quelle"] and x["zuverlaessigkeit"] in "ABC" for x in k.angaben)
        assert k.begruendung
    dd2023 = next(k for _s, i, k in konflikte if i == "dresden-2023")
    assert dd2023.verwendet is None  # neither 846,66 nor 846,44 is taken
    assert {x["wert"] for x in dd2023.angaben} == {"846.66", "846.44"}
    lpz = next(k for _s, i, k in konflikte if i == "leipzig-2025-12")
    assert lpz.verwendet["wert"] == "802.48"


def test_conflict_must_match_the_table():
    raw = {"traeger": "X", "kurzname": "X", "slug": "x", "art": "landkreis", "mietenstufe_kreis": None,
           "vergleichsraeume": [{"name": "VR", "typ": "teilraum", "gemeinden": None, "quelle": "q",
                                 "zuverlaessigkeit": "B"}],
           "konzepte": [], "gerichtsentscheidungen": [], "luecken": [],
           "ausgaben": [{"id": "a", "bezeichnung": "b", "gueltig_ab": date(2020, 1, 1), "gueltig_bis": None,
                         "quelle": "q", "zuverlaessigkeit": "B", "status": "sekundaer_transkribiert",
                         "mietbegriff": "bruttokalt", "haushaltsgroessen": ["1", "2", "3", "4", "5", "+1"],
                         "werte": {BKM: {"VR": ["300.00", N, N, N, N, N]}},
                         "konflikte": [{"gegenstand": "1 Person", "messgroesse": BKM, "vergleichsraum": "VR",
                                        "haushaltsgroesse": "1", "begruendung": "r",
                                        "angaben": [{"wert": "300.00", "quelle": "q1", "zuverlaessigkeit": "B",
                                                     "verwendet": False},
                                                    {"wert": "301.00", "quelle": "q2", "zuverlaessigkeit": "C",
                                                     "verwendet": False}]}]}]}
    with pytest.raises(ReferenceDataError, match="Konflikt"):  # table holds a value although none is used
        tr.parse_traeger(copy.deepcopy(raw), "x.yaml")
    raw["ausgaben"][0]["konflikte"][0]["angaben"][0]["verwendet"] = True
    assert tr.parse_traeger(raw, "x.yaml").ausgaben[0].konflikte[0].verwendet["wert"] == "300.00"


def test_each_conflict_is_a_hinweis_in_the_audit():
    rows = [f for slug in ("dresden", "leipzig", "erzgebirgskreis")
            for f in traeger_findings(slug, date(2026, 12, 1)) if f.pruefung == "quellenkonflikt"]
    assert len(rows) == 6 and all(f.ergebnis == "hinweis" for f in rows)
    leipzig = next(f for f in rows if f.ausgabe == "leipzig-2025-12")
    assert leipzig.wert == Decimal("802.48") and leipzig.vergleichswert == Decimal("802.00")
    assert "802,00 €" in leipzig.erlaeuterung and "verwendet 802,48 €" in leipzig.erlaeuterung


def test_history_chart_draws_gaps_as_gaps():
    from kdu_analysis.audit.charts import chart_verlauf

    fig = chart_verlauf(tr.find_traeger("Erzgebirgskreis"), stichtag=date(2026, 12, 1))
    ax = fig.axes[0]
    assert "Ausgabe belegt, Werte nicht bekannt" in [t.get_text() for t in ax.get_legend().get_texts()]
    assert len([p for p in ax.patches if p.get_hatch() == "//"]) >= 3  # 07/2014, 07/2016, 07/2024
