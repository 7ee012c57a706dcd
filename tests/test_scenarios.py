"""Regelbedarf scenarios: definitions, arithmetic on the RBEG fixture, Fortschreibung path, index files, CLI."""

from decimal import Decimal as D
from pathlib import Path

import pytest

from kdu_analysis.cli import main
from kdu_analysis.errors import InputError
from kdu_analysis.loaders.evs import extract_evs, read_evs_csv
from kdu_analysis.reference.regelbedarf import fortschreibung
from kdu_analysis.regelbedarf.reproduce import regelbedarf_series
from kdu_analysis.regelbedarf.scenarios import (DATA_DIR, Szenario, alternativen, berechne_szenario, fortschreibung_pfad, read_index,
                                                szenario, szenarien)

FIXTURES = Path(__file__).parent / "fixtures" / "evs"
#: § 5 Abs. 1 RBEG 2021 (BGBl. I 2020 S. 2855), Einpersonenhaushalte
RBEG2021_EINPERSONEN = {"01": "150.93", "03": "36.09", "04": "36.87", "05": "26.49", "06": "16.60", "07": "39.01",
                        "08": "38.89", "09": "42.44", "10": "1.57", "11": "11.36", "12": "34.71"}


@pytest.fixture(scope="module")
def evs():
    return extract_evs(FIXTURES / "rbeg_einpersonen.pdf").frame


def test_definitions_have_german_name_and_description():
    defs = szenarien()
    assert {"amtlich", "alle_streichungen", "alkohol_tabak", "gaststaetten_voll", "ohne_unsichere", "nur_preise"} <= set(defs)
    for s in defs.values():
        assert s.name and len(s.beschreibung) > 40


def test_combined_scenario_and_unknown_name():
    combined = szenario(["alkohol_tabak", "gaststaetten_voll"])
    assert combined.key == "alkohol_tabak+gaststaetten_voll" and len(combined.schritte) == 2 and combined.braucht_posten
    assert szenario("alkohol_tabak,nur_preise").key == "alkohol_tabak+nur_preise"
    with pytest.raises(InputError, match="Unbekanntes Szenario gibtsnicht"):
        szenario("gibtsnicht")


def test_amtlich_without_evs_is_the_law():
    result = berechne_szenario("amtlich", gesetz="RBEG2021")
    assert {r.abteilung: r.amtlich_eur for r in result.abteilungen.itertuples()} == \
        {k: D(v) for k, v in RBEG2021_EINPERSONEN.items()}
    assert result.summe("amtlich_eur") == D("434.96") and result.summe("differenz_eur") == 0
    assert result.zieljahr == 2026 and result.regelbedarf("amtlich") == D(563) == result.regelbedarf("szenario")


def test_official_items_add_up_to_the_law(evs):
    result = berechne_szenario("amtlich", evs=evs)
    assert {r.abteilung: r.amtlich_eur for r in result.abteilungen.itertuples()} == \
        {k: D(v) for k, v in RBEG2021_EINPERSONEN.items()}
    assert result.hinweise == []


def test_restoring_every_deletion_gives_the_full_expenditures(evs):
    """All items at full value: the fixture's ausgewiesene Verbrauchsausgaben, 860,09 € printed total minus the
    25,00 € of Pauschalreisen printed as '/' = 835,09 €."""
    result = berechne_szenario("amtlich", evs=evs)  # baseline
    restore = berechne_szenario("alle_streichungen", evs=evs)
    everything = berechne_szenario(Szenario(key="alle", name="Alle Streichungen", beschreibung="jede Streichung",
                                            schritte=({"zurueck": "alle"},), braucht_posten=True), evs=evs)
    assert everything.summe("szenario_eur") == D("835.09")
    assert everything.summe("amtlich_eur") == result.summe("amtlich_eur") == D("434.96")
    # the named scenario leaves the rent (0411: 290,00 €) to the KdU
    assert restore.summe("szenario_eur") == D("545.09") and restore.summe("differenz_eur") == D("110.13")
    assert "Posten 0960 ist nicht ausgewiesen (/) und kann nicht zurückgerechnet werden" in restore.hinweise
    by = restore.abteilungen.set_index("abteilung")
    assert by.loc["01", "szenario_eur"] == D("176.24") and by.loc["01", "differenz_eur"] == D("25.31")
    assert by.loc["09", "posten_nicht_ausgewiesen"] == 1
    # 2021: 545,09 × 1,0257 = 559,10 → 559 €; 2026 after the § 28a steps: 705 € (official 563 €)
    assert restore.pfad.iloc[0].szenario_betrag_eur == D(559)
    assert restore.regelbedarf("szenario") == D(705) and restore.regelbedarf("amtlich") == D(563)


def test_alcohol_tobacco_and_restaurant_scenarios(evs):
    alk = berechne_szenario("alkohol_tabak", evs=evs).abteilungen.set_index("abteilung")
    # 0210: 8,90 instead of 2,99 (mineral water); 0220: 19,40 instead of nothing
    assert alk.loc["01", "szenario_eur"] == D("176.24") and alk.loc["01", "differenz_eur"] == D("25.31")
    assert alk["differenz_eur"].drop("01").eq(0).all()
    gast = berechne_szenario("gaststaetten_voll", evs=evs).abteilungen.set_index("abteilung")
    # 1111: 34,08 at full value instead of one third (11,36)
    assert gast.loc["11", "szenario_eur"] == D("34.08") and gast.loc["11", "differenz_eur"] == D("22.72")
    both = berechne_szenario(["alkohol_tabak", "gaststaetten_voll"], evs=evs)
    assert both.summe("differenz_eur") == D("48.03")


def test_uncertain_cells(evs):
    result = berechne_szenario("ohne_unsichere", evs=evs)
    by = result.abteilungen.set_index("abteilung")
    # only 1050 (1,57 €, in parentheses) is counted as regelbedarfsrelevant and uncertain
    assert by.loc["10", "szenario_eur"] == 0 and result.summe("differenz_eur") == D("-1.57")
    marked = berechne_szenario("amtlich", evs=evs)
    assert marked.summe("davon_unsicher_eur") == D("1.57")


def test_official_path_reproduces_every_published_rbs1():
    series = regelbedarf_series()
    for gesetz, first, last, summe in [("RBEG2011", 2011, 2016, D("361.81")), ("RBEG2017", 2017, 2020, D("394.84")),
                                       ("RBEG2021", 2021, 2026, D("434.96"))]:
        path = fortschreibung_pfad(summe, gesetz, last)
        published = series[(series.stufe == 1) & series.jahr.between(first, last)]
        assert list(path.betrag_eur) == list(published.veroeffentlicht_eur), gesetz
        assert list(path.berechnet_eur) == list(published.berechnet_eur), gesetz
    path = fortschreibung_pfad(D("434.96"), "RBEG2021", 2026)
    assert path.iloc[-1].berechnet_eur == D(557)  # BMAS: computed 557 € for 2026, Nullrunde


def test_index_file_example_matches_reference_data():
    index = read_index(DATA_DIR / "preisindex_beispiel.csv")
    assert {j: r.rate for j, r in index.items()} == {2020: D("0.013"), 2023: D("0.047"), 2024: D("0.106")}
    for jahr, rate in index.items():
        assert fortschreibung(jahr)["preise"] == rate.rate


def test_index_fails_clearly_for_missing_years(tmp_path):
    with pytest.raises(InputError, match="keinen Wert für 2021"):
        berechne_szenario("amtlich", index=DATA_DIR / "preisindex_beispiel.csv")
    ok = berechne_szenario("nur_preise")  # bundled scenario: official rate where the file has none
    assert "Index ohne Wert für 2022" in ok.pfad.iloc[1].regel
    # 2023: 449 × 1,047 = 470,10 (instead of 469,38); × 1,069 = 502,54 → 503 €
    assert ok.pfad.iloc[2].szenario_berechnet_eur == D(503)
    bad = tmp_path / "index.csv"
    bad.write_text("jahr,veraenderung_prozent,quelle,zuverlaessigkeit\n2022,1.0,,B\n", encoding="utf-8")
    with pytest.raises(InputError, match="Quelle fehlt"):
        read_index(bad)
    bad.write_text("jahr,veraenderung_prozent,quelle,zuverlaessigkeit\n2022,\"1,0\",x,B\n", encoding="utf-8")
    with pytest.raises(InputError, match="keine Zahl"):
        read_index(bad)
    bad.write_text("jahr,veraenderung_prozent,quelle,zuverlaessigkeit\n2022,1.0,x,U\n", encoding="utf-8")
    with pytest.raises(InputError, match="nicht zulässig"):
        read_index(bad)


def test_target_year_limits():
    with pytest.raises(InputError, match="Ab 2021 gilt das RBEG2021"):
        berechne_szenario("amtlich", gesetz="RBEG2017", zieljahr=2022)
    with pytest.raises(InputError, match="braucht die Posten"):
        berechne_szenario("alle_streichungen")


def test_alternatives_are_labelled_as_theirs():
    alt = alternativen().set_index("jahr")
    assert alt.loc[2017, "betrag_eur"] == D(520) and alt.loc[2021, "betrag_eur"] == D(644) and alt.loc[2024, "betrag_eur"] == D(813)
    assert (alt["wer"] == "Der Paritätische Gesamtverband").all()
    assert alt["art"].str.contains("nicht von kdu-analysis berechnet").all()
    assert alt["quelle"].str.startswith("http").all() and set(alt["zuverlaessigkeit"]) <= {"A", "B", "C"}


def test_cli_szenario_and_list(tmp_path, capsys):
    evs_csv = tmp_path / "evs.csv"
    assert main(["extract", "evs", str(FIXTURES / "rbeg_einpersonen.pdf"), "--out", str(evs_csv)]) == 0
    frame = read_evs_csv(evs_csv)
    assert frame["regelbedarfsrelevant_eur"].iloc[0] == D("133.70")
    out, pfad = tmp_path / "szenario.csv", tmp_path / "pfad.csv"
    assert main(["regelbedarf", "szenario", "--name", "alkohol_tabak", "--name", "gaststaetten_voll", "--evs", str(evs_csv),
                 "--jahr", "2024", "--out", str(out), "--pfad", str(pfad)]) == 0
    text = out.read_text(encoding="utf-8")
    assert text.startswith("zeile,abteilung,bezeichnung,amtlich_eur,szenario_eur,differenz_eur")
    assert "\nsumme,,Summe der regelbedarfsrelevanten Verbrauchsausgaben (Preise 2018),434.96,482.99,48.03," in text
    assert "\nregelbedarf,,\"Regelbedarfsstufe 1 im Jahr 2024 (fortgeschrieben, auf volle Euro gerundet)\",563," in text
    assert pfad.read_text(encoding="utf-8").count("\n") == 5  # header + 2021…2024
    capsys.readouterr()
    assert main(["regelbedarf", "szenarien"]) == 0
    assert "alkohol_tabak  –  Alkohol und Tabak statt Mineralwasser-Ersatz" in capsys.readouterr().out


def test_cli_bad_evs_file(tmp_path, capsys):
    bad = tmp_path / "evs.csv"
    bad.write_text("a,b\n1,2\n", encoding="utf-8")
    out = tmp_path / "out.csv"
    assert main(["regelbedarf", "szenario", "--name", "alle_streichungen", "--evs", str(bad), "--out", str(out)]) == 3
    assert "fehlen die Spalten" in capsys.readouterr().err and not out.exists()


def test_overview_of_all_scenarios(evs):
    from kdu_analysis.regelbedarf.scenarios import szenario_uebersicht

    overview = szenario_uebersicht(evs=evs).set_index("szenario")
    assert overview.loc["amtlich", "regelbedarf_amtlich_eur"] == D(563) == overview.loc["amtlich", "regelbedarf_szenario_eur"]
    assert overview.loc["alle_streichungen", "summe_szenario_eur"] == D("545.09")
    assert overview.loc["alkohol_tabak", "regelbedarf_szenario_eur"] == D(596)
    without_items = szenario_uebersicht()
    assert list(without_items.szenario) == ["amtlich", "nur_preise"]


@pytest.mark.parametrize("pdf, gesetz, typ, summe", [
    ("generiert_destatis_rbeg2021_einpersonen.pdf", "RBEG2021", "einpersonen", D("434.96")),  # § 5 RBEG 2021
    ("generiert_drucksache_rbeg2017_kind_6_13.pdf", "RBEG2017", "kind_6_13", D("281.64")),  # § 6 RBEG 2017, 6–13
])
def test_scenario_accepts_the_csv_of_either_family(pdf, gesetz, typ, summe, tmp_path, capsys):
    """extract evs → CSV → regelbedarf szenario --evs: the reference group is taken from the CSV, the official
    items add up to the law's Abteilung sums (generated tables: the sums are the law's, the items invented)."""
    evs_csv, out = tmp_path / "evs.csv", tmp_path / "szenario.csv"
    assert main(["extract", "evs", str(FIXTURES / pdf), "--out", str(evs_csv)]) == 0
    assert main(["regelbedarf", "szenario", "--name", "amtlich", "--evs", str(evs_csv), "--out", str(out)]) == 0
    err = capsys.readouterr().err
    assert f"({gesetz}, {typ})" in err and "die Posten der EVS-Tabelle ergeben" not in err
    result = berechne_szenario("alle_streichungen", evs=read_evs_csv(evs_csv))
    assert (result.gesetz, result.haushaltstyp) == (gesetz, typ)
    assert result.summe("amtlich_eur") == summe and result.summe("differenz_eur") > 0
    with pytest.raises(InputError, match="Referenzgruppe"):
        berechne_szenario("amtlich", evs=read_evs_csv(evs_csv), gesetz="RBEG2011")


def test_scenario_refuses_a_table_without_regelbedarfsrelevant_column(tmp_path):
    evs_csv = tmp_path / "evs.csv"
    assert main(["extract", "evs", str(FIXTURES / "destatis_einpersonen.pdf"), "--out", str(evs_csv)]) == 0
    with pytest.raises(InputError, match="keine Spalte 'regelbedarfsrelevant'"):
        berechne_szenario("alle_streichungen", evs=read_evs_csv(evs_csv))
