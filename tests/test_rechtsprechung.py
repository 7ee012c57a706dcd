"""Court citations have one home: reference/data/rechtsprechung.yaml, schema-checked, read by one loader (D806)."""

import json
import re
from datetime import date

import jsonschema
import pytest
import yaml

from kdu_analysis.config import PACKAGE_DIR, REFERENCE_SCHEMA_DIR
from kdu_analysis.errors import ReferenceDataError
from kdu_analysis.reference import rechtsprechung as rs
from kdu_analysis.reference.params import load_raw
from kdu_analysis.report import talk
from kdu_analysis.traeger import find_traeger, load_traeger, parse_traeger

#: An Aktenzeichen of a social court (``B 4 AS 87/12 R``, ``L 6 AS 429/16``, ``S 37 AS 506/23``).
AKTENZEICHEN = re.compile(r"\b[BLS] \d{1,2} [A-Z]{1,3} \d+/\d{2}\b")
AKTENZEICHEN_FULL = re.compile(r"\b[BLS] \d{1,2} [A-Z]{1,3} \d+/\d{2}(?: [A-Z]+\b)?")
LOADER = PACKAGE_DIR / "reference" / "rechtsprechung.py"


def load_yaml(path):
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def test_file_validates_against_its_schema():
    schema = json.loads((REFERENCE_SCHEMA_DIR / "rechtsprechung.schema.json").read_text(encoding="utf-8"))
    raw = json.loads(json.dumps(load_raw("rechtsprechung"), default=lambda v: v.isoformat()))
    assert list(jsonschema.Draft202012Validator(schema).iter_errors(raw)) == []


def test_schema_refuses_an_entry_without_aktenzeichen():
    schema = json.loads((REFERENCE_SCHEMA_DIR / "rechtsprechung.schema.json").read_text(encoding="utf-8"))
    bad = {"beschreibung": {"de": "x"}, "aussagen": {"gesetz": [], "gerichte": [], "offen": []},
           "entscheidungen": {"bsg_x": {"gericht": "BSG", "zuverlaessigkeit": "A", "inhalt": "ein Inhalt ohne Az"}}}
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(bad, schema)


def test_citations_as_printed():
    assert rs.ZITAT_ERKENNTNISAUSFALL == "BSG 12.12.2013 – B 4 AS 87/12 R"
    assert rs.KURZ_ERKENNTNISAUSFALL == "BSG B 4 AS 87/12 R"
    assert rs.ZITAT_KLIMAKOMPONENTE == "SG Oldenburg 20.06.2024 – S 37 AS 506/23"
    assert rs.zitat("hess_lsg_vergleichsraum") == "Hess. LSG L 6 AS 429/16"  # no date recorded: none printed
    assert rs.entscheidung("bsg_nachbesserung").zitat(fundstelle=True) == "BSG 16.06.2015 – B 4 AS 44/14 R, Rn. 19"
    e = rs.entscheidung("bsg_erkenntnisausfall")
    assert (e.datum, e.zuverlaessigkeit, e.url) == (date(2013, 12, 12), "A", "https://sozialgerichtsbarkeit.de/node/88988")
    assert rs.entscheidung("sg_oldenburg_klimakomponente").erste_instanz


def test_every_key_the_code_uses_is_recorded():
    keys = {v for k, v in vars(rs).items()
            if k.isupper() and isinstance(v, str) and re.fullmatch(r"[a-z][a-z0-9_]*", v)}
    assert len(keys) >= 7 and keys <= {e.key for e in rs.entscheidungen()}


def test_talk_statements_come_from_the_data():
    assert talk.COURT_STATEMENTS[0] == ("Konzept nicht schlüssig: erst nachbessern; nur bei Erkenntnisausfall "
                                        "WoGG-Tabelle + 10 %", "BSG 12.12.2013 – B 4 AS 87/12 R", "A")
    assert talk.OPEN_STATEMENTS[-1][1:] == ("SG Oldenburg 20.06.2024 – S 37 AS 506/23", "B")
    assert {s[2] for s in talk.ALL_STATEMENTS} <= {"A", "B"}  # only A/B items on the slides


def test_no_literal_aktenzeichen_in_the_code():
    """Every court citation in the package is read from the data; only the loader's docstrings show examples."""
    found = []
    for path in sorted(PACKAGE_DIR.rglob("*.py")):
        if path == LOADER:
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if AKTENZEICHEN.search(line):
                found.append(f"{path.relative_to(PACKAGE_DIR)}:{number}: {line.strip()}")
    assert found == []


# --- One home for a court decision: the Träger files cite rechtsprechung.yaml by key (issue 13, D881) ---------------

ROOT = PACKAGE_DIR.parent
#: Aktenzeichen that a data file outside rechtsprechung.yaml still names in a text of its own, with the reason.
MENTIONS_ALLOWED = {
    ("kdu_analysis/reference/data/wogg_komponenten.yaml", "S 37 AS 506/23"):
        "the Klimakomponente's note, read raw by reference/wogg.py (not a Träger file); left for the lead",
    ("kdu_analysis/reference/data/wohnflaechen.yaml", "L 7 AS 637/12"):
        "`belege`: a maintainer's provenance note (quoted Leitsatz), never shown",
    ("data/raw/konzepte/mittelsachsen-2016.yaml", "S 14 AS 8400/12"):
        "an analyst's note in a BSG-criteria file (audit/bsg_kriterien.py's data); left for the lead",
}


def _texts(node):
    if isinstance(node, dict):
        for v in node.values():
            yield from _texts(v)
    elif isinstance(node, list):
        for v in node:
            yield from _texts(v)
    elif isinstance(node, str):
        yield node


def test_no_aktenzeichen_is_stored_twice_in_the_data():
    """Every Aktenzeichen in the bundled data is written once: a decision's record in rechtsprechung.yaml; the Träger
    files cite it by key (``entscheidung: …`` and ``{entscheidung:…}`` in their texts)."""
    seen: dict[str, list[str]] = {}
    for path in sorted([*PACKAGE_DIR.rglob("*.yaml"), *(ROOT / "data" / "raw").rglob("*.yaml")]):
        where = path.relative_to(ROOT).as_posix()
        for text in _texts(load_yaml(path)):
            for az in AKTENZEICHEN_FULL.findall(text):
                if (where, az) not in MENTIONS_ALLOWED:
                    seen.setdefault(az, []).append(where)
    twice = {az: files for az, files in seen.items() if len(files) > 1}
    assert twice == {}
    recorded = [e.aktenzeichen for e in rs.entscheidungen()]
    assert len(recorded) == len(set(recorded)) and set(recorded) <= set(seen)


def test_traeger_decisions_take_their_citation_from_the_reference_data():
    dresden = find_traeger("dresden").gerichtsentscheidungen[0]
    assert dresden.eintrag is rs.entscheidung("sg_dresden_s_40_as_390_09")
    assert dresden.bezeichnung == "SG Dresden – S 40 AS 390/09"
    assert dresden.zitat == "SG Dresden – S 40 AS 390/09 (https://www.sozialgerichtsbarkeit.de/legacy/132099?modul=esgb&id=132099)"
    bautzen = find_traeger("bautzen")
    assert bautzen.gerichtsentscheidungen[0].bezeichnung == "Sächs. LSG vom 14.12.2023 – L 7 AS 869/18"
    # a decision named in a source text is written out from the same record
    assert bautzen.konzepte[0].quelle == ("Sächs. LSG vom 14.12.2023 – L 7 AS 869/18 "
                                          "(iww.de/mk/quellenmaterial/abrufnummer/240292)")
    cited = {e.eintrag.key for t in load_traeger() for e in t.gerichtsentscheidungen}
    assert len(cited) == 12
    # a record without `inhalt` is one a Träger file cites (its content is in that file)
    assert {e.key for e in rs.entscheidungen() if e.inhalt is None} <= cited


def _dresden_raw() -> dict:
    return load_yaml(ROOT / "data" / "raw" / "traeger" / "dresden.yaml")


def test_an_unknown_decision_key_refuses_naming_file_and_entry():
    raw = _dresden_raw()
    raw["gerichtsentscheidungen"][1]["entscheidung"] = "sg_dresden_erfunden"
    with pytest.raises(ReferenceDataError) as exc:
        parse_traeger(raw, "data/raw/traeger/dresden.yaml")
    assert str(exc.value).startswith("Die Träger-Datei data/raw/traeger/dresden.yaml ist ungültig "
                                     "(gerichtsentscheidungen/1: Entscheidung 'sg_dresden_erfunden' ist in "
                                     "kdu_analysis/reference/data/rechtsprechung.yaml nicht erfasst)")


def test_an_unknown_decision_in_a_text_refuses_naming_file_and_place():
    raw = _dresden_raw()
    raw["vergleichsraeume"][0]["quelle"] = "{entscheidung:sg_dresden_erfunden} (sozialgerichtsbarkeit.de)"
    with pytest.raises(ReferenceDataError, match=r"dresden\.yaml ist ungültig \(vergleichsraeume/0/quelle: "
                                                 r"Entscheidung 'sg_dresden_erfunden' ist in"):
        parse_traeger(raw, "data/raw/traeger/dresden.yaml")


def test_citation_facts_are_not_accepted_in_a_traeger_file():
    raw = _dresden_raw()
    raw["gerichtsentscheidungen"][0]["aktenzeichen"] = "S 40 AS 390/09"
    with pytest.raises(ReferenceDataError, match="aktenzeichen"):
        parse_traeger(raw, "data/raw/traeger/dresden.yaml")
