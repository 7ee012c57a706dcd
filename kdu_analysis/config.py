"""The one place for the Stichtag, data folders and thresholds.

No other module writes a year, a date or a limit; they import it from here.
Environment variables override the folders so that tests and other tools can
point the package at their own data.
"""

from __future__ import annotations

import os
from datetime import date
from decimal import Decimal
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
PROJECT_ROOT = PACKAGE_DIR.parent

#: Legal reference data shipped with the package (dated, cited YAML files).
REFERENCE_DATA_DIR = PACKAGE_DIR / "reference" / "data"
REFERENCE_SCHEMA_DIR = PACKAGE_DIR / "reference" / "schema"


def data_dir() -> Path:
    """Root of data/raw and data/processed (``KDU_DATA_DIR`` overrides)."""
    return Path(os.environ.get("KDU_DATA_DIR", PROJECT_ROOT / "data"))


def raw_dir() -> Path:
    return data_dir() / "raw"


def processed_dir() -> Path:
    return data_dir() / "processed"


def reports_dir() -> Path:
    return Path(os.environ.get("KDU_REPORTS_DIR", PROJECT_ROOT / "reports"))


# --- Stichtag -----------------------------------------------------------------
def default_stichtag() -> date:
    """Default date of reference for audits, reports and the case calculator: the day of the run.

    ``--stichtag`` overrides it on the command line; ``KDU_STICHTAG`` (JJJJ-MM-TT) pins it for tests and
    scripted runs.
    """
    pinned = os.environ.get("KDU_STICHTAG")
    return date.fromisoformat(pinned) if pinned else date.today()


def __getattr__(name: str):
    # ``config.DEFAULT_STICHTAG`` is read at the moment of use (the day of the run), never frozen at import
    if name == "DEFAULT_STICHTAG":
        return default_stichtag()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


#: Pending changes (reference data ``anstehend``) are named in the products when due within this many days
#: after the Stichtag (or overdue).
PENDING_HORIZON_DAYS = 365
#: ``kdu-analysis reference anstehend`` lists successors due within this many days after the Stichtag.
SUCCESSOR_DUE_DAYS = 90

#: First and last year for which the Regelbedarf series is reproduced and charted.
REGELBEDARF_FIRST_YEAR = 2011
REGELBEDARF_LAST_YEAR = 2026

# --- Thresholds (legal and methodological) --------------------------------------
#: BSG fallback: § 12 WoGG table plus 10 % (BSG, Erkenntnisausfall: reference/data/rechtsprechung.yaml).
WOGG_SURCHARGE_FACTOR = Decimal("1.10")

#: Review interval for Richtwerte (§ 22c Abs. 2 SGB II by analogy), in years.
REVIEW_INTERVAL_YEARS = 2

#: The Karenzzeit (§ 22 Abs. 1 S. 2 ff. SGB II) is legal reference data: kdu_analysis/reference/data/karenzzeit.yaml.

#: Tolerance for arithmetic cross-checks on printed amounts (rounding to the cent
#: on either side of a product or a sum).
CROSSCHECK_TOLERANCE_EUR = Decimal("0.05")
#: Relative tolerance when comparing a Richtwert with 1.1 × WoGG ("exactly").
WOGG_EXACT_TOLERANCE_EUR = Decimal("0.005")

#: Reliability labels (see shared reference sheets). U items are never ground truth.
RELIABILITY_LABELS = ("A", "B", "C", "U")

# --- Limits for hostile or oversized input (issue 17) ---------------------------
#: Most pages read from one document: Richtlinien have < 100 pages; a 1,000-page file is a
#: Konzeptbericht with annexes or a crafted file. Override with ``KDU_MAX_SEITEN``.
MAX_PDF_PAGES = int(os.environ.get("KDU_MAX_SEITEN", "1000"))

#: Seconds one document may take in batch mode: a document at the page limit (1,000 dense pages, ~0.1–0.3 s each
#: in pdfplumber) must fit, a hung parser must not stall the batch for long; a document over budget is stopped and
#: reported as failed, the batch goes on. ``KDU_ZEITLIMIT_S`` overrides.
DOCUMENT_TIME_BUDGET_S = float(os.environ.get("KDU_ZEITLIMIT_S", "600"))

#: Memory one document may use in batch mode on top of the reader process itself, in MB (a zip-bomb content
#: stream or a huge inline image fails with a German message instead of swapping). ``KDU_SPEICHERLIMIT_MB``.
DOCUMENT_MEMORY_BUDGET_MB = int(os.environ.get("KDU_SPEICHERLIMIT_MB", "1500"))

#: Largest preview image (pixels) a page is ever rasterised to; only previews rasterise at all.
MAX_PREVIEW_PIXELS = 40_000_000

#: Characters that make a spreadsheet read a CSV cell as a formula (OWASP, CWE-1236); such text cells get a
#: leading apostrophe in every CSV the tool writes.
CSV_FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
