"""Every reference data file validates against its JSON schema and keeps the citation rules."""

import json
from datetime import date

import jsonschema
import pytest

from kdu_analysis.config import REFERENCE_DATA_DIR, REFERENCE_SCHEMA_DIR
from kdu_analysis.reference.params import load_raw

SCHEMA = json.loads((REFERENCE_SCHEMA_DIR / "reference.schema.json").read_text(encoding="utf-8"))
#: Files with a schema of their own (``reference/schema/<stem>.schema.json``) are validated by their modules' tests.
OWN_SCHEMA = {p.name.removesuffix(".schema.json") for p in REFERENCE_SCHEMA_DIR.glob("*.schema.json")} - {"reference"}
FILES = sorted(p.stem for p in REFERENCE_DATA_DIR.glob("*.yaml") if p.stem not in OWN_SCHEMA)


def _jsonable(raw):
    return json.loads(json.dumps(raw, default=lambda v: v.isoformat() if isinstance(v, date) else str(v)))


def test_every_file_has_a_schema():
    assert FILES and set(FILES) <= set(SCHEMA["$defs"])


@pytest.mark.parametrize("name", FILES)
def test_file_validates(name):
    validator = jsonschema.Draft202012Validator({**SCHEMA, "$ref": f"#/$defs/{name}"})
    errors = sorted(validator.iter_errors(_jsonable(load_raw(name))), key=str)
    assert not errors, "\n".join(f"{list(e.path)}: {e.message}" for e in errors[:5])


def _dated_entries():
    for name in FILES:
        raw = load_raw(name)
        groups = list(raw.get("komponenten", {}).values()) or [raw.get("eintraege", [])]
        for entries in groups:
            for entry in entries:
                yield name, entry


def _citation_day(datum: str) -> date:
    return date.fromisoformat(datum) if len(datum) == 10 else date(int(datum), 1, 1)


def test_no_citation_is_dated_after_its_value_took_effect():
    late = []
    for name, entry in _dated_entries():
        start = entry.get("gueltig_ab") or (date(entry["jahr"], 1, 1) if "jahr" in entry else None)
        if start is None:
            continue
        if _citation_day(str(entry["quelle"]["datum"])) > start and not entry.get("rueckwirkend"):
            late.append((name, start, entry["quelle"]["datum"]))
    assert late == []


def test_only_the_retroactive_rbeg_2011_is_dated_after_it_took_effect():
    retro = [(n, e.get("gueltig_ab")) for n, e in _dated_entries() if e.get("rueckwirkend")]
    assert sorted(n for n, _ in retro) == ["fortschreibung", "rbeg", "regelbedarfsstufen"]
    for name, entry in _dated_entries():
        if entry.get("rueckwirkend"):
            assert "ückwirkend" in entry["hinweis"] or "Abteilung 2" in entry["hinweis"]


def test_no_unverified_value_is_used_as_data():
    """U items may only mark a known gap (no values)."""
    for name, entry in _dated_entries():
        if entry["zuverlaessigkeit"] == "U":
            assert entry.get("luecke") is True, (name, entry.get("gueltig_ab"))
