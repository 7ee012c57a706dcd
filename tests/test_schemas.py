"""One schema style: every YAML data file has a JSON Schema file, and the data validate (issue 13, D809)."""

import json
from pathlib import Path

import jsonschema
import pytest
import yaml

from kdu_analysis import config
from kdu_analysis.audit import bsg_kriterien
from kdu_analysis.errors import ReferenceDataError
from kdu_analysis.report import pipeline
from kdu_analysis.schemas import first_error, jsonable, load_schema, load_validated
from kdu_analysis import traeger

PACKAGE = config.PACKAGE_DIR
#: (data, schema) outside reference/ (which has its own test, test_reference_schema.py).
PAIRS = [
    (PACKAGE / "audit" / "heizspiegel_nienburg.yaml", PACKAGE / "audit" / "heizspiegel_nienburg.schema.json"),
    (pipeline.EXAMPLE_CASE, pipeline.EXAMPLE_CASE_SCHEMA),
]


@pytest.mark.parametrize("data, schema", PAIRS, ids=lambda p: p.name)
def test_data_files_validate(data, schema):
    jsonschema.Draft202012Validator.check_schema(load_schema(schema))
    assert first_error(jsonable(yaml.safe_load(data.read_text(encoding="utf-8"))), load_schema(schema)) is None


def test_every_yaml_data_file_in_the_package_has_a_schema_file():
    """reference/data/*.yaml → reference/schema/; elsewhere the schema file sits beside the data."""
    missing = [p for p in PACKAGE.rglob("*.yaml")
               if "reference" not in p.parts and "specs" not in p.parts  # reader specs: owned by the reader
               and not p.with_name(p.stem + ".schema.json").exists()]
    assert missing == []


def test_a_broken_example_case_is_refused(tmp_path):
    broken = tmp_path / "beispielfall.yaml"
    broken.write_text("beschreibung: Erfundener Beispielhaushalt\ntraeger: Dresden\ngemeinde: Dresden\npersonen: 0\n"
                      "bruttokaltmiete_eur: '480'\nheizkosten_eur: '70.00'\n", encoding="utf-8")
    with pytest.raises(ReferenceDataError, match="beispielfall.yaml entspricht nicht ihrem Schema"):
        load_validated(broken, pipeline.EXAMPLE_CASE_SCHEMA, remedy="x")


def _enum(schema: dict, *path: str) -> list:
    for key in path:
        schema = schema[key]
    return schema["enum"]


def test_schema_files_agree_with_the_code_constants():
    t = json.loads(Path(traeger.__file__).with_name("traeger.schema.json").read_text(encoding="utf-8"))
    assert _enum(t, "properties", "art") == ["kreisfreie_stadt", "landkreis"]
    vr = t["properties"]["vergleichsraeume"]["items"]["properties"]
    assert _enum(vr, "typ") == list(traeger.VR_TYPES)
    assert _enum(vr, "zuverlaessigkeit") == list(config.RELIABILITY_LABELS)
    ausgabe = t["properties"]["ausgaben"]["items"]["properties"]
    assert _enum(ausgabe, "status") == list(traeger.STATUS)
    assert list(ausgabe["werte"]["properties"]) == list(traeger.MEASURES)
    urteil = t["properties"]["gerichtsentscheidungen"]["items"]["properties"]
    assert _enum(urteil, "ergebnis") == list(traeger.ERGEBNISSE)
    assert "instanz" not in urteil and "aktenzeichen" not in urteil  # citation facts: rechtsprechung.yaml (D881)
    b = bsg_kriterien.SCHEMA["properties"]["kriterien"]["items"]["properties"]
    assert _enum(b, "nr") == list(bsg_kriterien.KRITERIEN)
    assert _enum(b, "bewertung") == [*bsg_kriterien.BEWERTUNGEN, None]


def test_traeger_files_validate_against_the_schema_beside_the_reader():
    """The Träger files (data/raw/traeger/) against kdu_analysis/traeger/traeger.schema.json (D880)."""
    jsonschema.Draft202012Validator.check_schema(traeger.SCHEMA)
    files = sorted((config.raw_dir() / "traeger").glob("[!_]*.yaml"))
    assert len(files) == 13
    for path in files:
        assert first_error(yaml.safe_load(path.read_text(encoding="utf-8")), traeger.SCHEMA) is None, path.name
