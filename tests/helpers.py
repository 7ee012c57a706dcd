"""Helpers shared by several test modules (import from here, never from another test module)."""

from __future__ import annotations

import shutil
from pathlib import Path

from kdu_analysis import config


def data_copy(target: Path) -> Path:
    """A data folder with the project's bundled raw data (Träger, concepts, …) but its own, empty raw/pdf and
    processed: developer PDFs in data/raw/pdf never reach a test."""
    shutil.copytree(config.PROJECT_ROOT / "data" / "raw", target / "raw", ignore=shutil.ignore_patterns("pdf"))
    (target / "raw" / "pdf").mkdir(exist_ok=True)
    return target
