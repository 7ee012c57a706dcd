"""Court citations have one home: reference/data/rechtsprechung.yaml, schema-checked, read by one loader (D806)."""

import json
import re
from datetime import date

import jsonschema
import pytest

from kdu_analysis.config import PACKAGE_DIR, REFERENCE_SCHEMA_DIR
from kdu_analysis.reference import rechtsprechung as rs
from kdu_analysis.reference.params import load_raw
from kdu_analysis.report import talk

#: An Aktenzeichen of a social court (``B 4 AS 87/12 R``, ``L 6 AS 429/16``, ``S 37 AS 506/23``).
AKTENZEICHEN = re.compile(r"\b[BLS] \d{1,2} [A-Z]{1,3} \d+/\d{2}\b")
LOADER = PACKAGE_DIR / "reference" / "rechtsprechung.py"


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
