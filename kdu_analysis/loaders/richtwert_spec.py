"""Optional per-document specs for layouts the generic reader gets wrong.

A spec is a small YAML file in ``kdu_analysis/loaders/specs/`` (or given with ``--spec``)::

    datei: "KdU Beispielkreis - *.pdf"   # glob on the file name, or
    sha256: "…"                           # exact document edition
    seiten: [3, 4]                         # 1-based pages holding the table
    crop: [0, 100, 595, 700]               # x0, top, x1, bottom in points
    traeger: "Landkreis Beispiel"           # when the document does not name it recognisably
    gueltig_ab: 2025-01-01                  # when the date is not stated in a recognisable sentence
    spalten: {bruttokaltmiete_eur: bruttowarmmiete_eur}   # re-label a column the reader misnamed

A spec never holds Richtwert values.
"""

from __future__ import annotations

import fnmatch
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import yaml

from kdu_analysis.errors import InputError
from kdu_analysis.pdf.document import sha256_file

SPEC_DIR = Path(__file__).resolve().parent / "specs"
_ALLOWED = {"datei", "sha256", "seiten", "crop", "traeger", "gueltig_ab", "spalten", "hinweis"}


@dataclass
class Spec:
    pages: list[int] = field(default_factory=list)
    crop: tuple[float, float, float, float] | None = None
    traeger: str | None = None
    gueltig_ab: date | None = None
    column_meaning: dict[str, str] = field(default_factory=dict)


def load_spec(path: str | Path) -> Spec:
    path = Path(path)
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as exc:
        raise InputError(f"Die Spec-Datei {path.name} ist nicht lesbar", remedy="Bitte das YAML-Format prüfen") from exc
    unknown = set(raw) - _ALLOWED
    if unknown:
        raise InputError(f"Die Spec-Datei {path.name} enthält unbekannte Angaben: {', '.join(sorted(unknown))}",
                         remedy=f"Erlaubt sind: {', '.join(sorted(_ALLOWED))}")
    return Spec(pages=list(raw.get("seiten") or []), crop=tuple(raw["crop"]) if raw.get("crop") else None,
                traeger=raw.get("traeger"), gueltig_ab=raw.get("gueltig_ab"), column_meaning=dict(raw.get("spalten") or {}))


def find_spec(document: Path) -> Spec | None:
    """The spec in SPEC_DIR matching the document: an exact SHA-256 first, else a file-name pattern."""
    if not SPEC_DIR.exists():
        return None
    specs = []
    for spec_file in sorted(SPEC_DIR.glob("*.yaml")):
        try:
            raw = yaml.safe_load(spec_file.read_text(encoding="utf-8")) or {}
        except (OSError, yaml.YAMLError) as exc:
            raise InputError(f"Die Spec-Datei {spec_file.name} ist nicht lesbar", remedy="Bitte das YAML-Format prüfen") from exc
        specs.append((spec_file, raw))
    if any(raw.get("sha256") for _, raw in specs):
        digest = sha256_file(document)
        for spec_file, raw in specs:
            if raw.get("sha256") == digest:
                return load_spec(spec_file)
    for spec_file, raw in specs:
        if not raw.get("sha256") and raw.get("datei") and fnmatch.fnmatch(document.name, raw["datei"]):
            return load_spec(spec_file)
    return None
