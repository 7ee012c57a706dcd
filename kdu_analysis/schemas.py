"""One schema style for every YAML data file: a JSON Schema file beside the data's reader (issue 13, D809).

``load_validated(data, schema)`` reads a YAML file and checks it; a file that does not match is refused with a German
message naming the file, the place and the rule. Dates from YAML are checked as ISO text (``format: date``).
"""

from __future__ import annotations

import functools
import json
from datetime import date
from pathlib import Path
from typing import Any

import jsonschema
import yaml

from kdu_analysis.errors import ReferenceDataError


@functools.lru_cache(maxsize=None)
def load_schema(path: Path) -> dict:
    return json.loads(Path(path).read_text(encoding="utf-8"))


def jsonable(raw: Any) -> Any:
    """YAML data as JSON sees it (dates as ISO text)."""
    return json.loads(json.dumps(raw, default=lambda v: v.isoformat() if isinstance(v, date) else str(v)))


def first_error(raw: Any, schema: dict) -> str | None:
    """``"[werte, Heizöl]: … is not valid"`` for the first violation (sorted, so the same file says the same), or None."""
    errors = sorted(jsonschema.Draft202012Validator(schema).iter_errors(raw), key=str)
    return f"{list(errors[0].path)}: {errors[0].message}" if errors else None


def load_validated(data: Path, schema: Path, *, remedy: str) -> dict:
    """The YAML file ``data``, checked against the JSON Schema file ``schema``."""
    raw = yaml.safe_load(Path(data).read_text(encoding="utf-8"))
    problem = first_error(jsonable(raw), load_schema(Path(schema)))
    if problem:
        raise ReferenceDataError(f"Die Datei {Path(data).name} entspricht nicht ihrem Schema ({problem})", remedy=remedy)
    return raw
