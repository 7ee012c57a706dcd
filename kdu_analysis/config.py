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

# --- Richtwert reader: proof gate (kdu_analysis/loaders/richtwert_gate.py) ------
# Plausible ranges (inclusive, per value as printed) of each contract §1 column; a value outside refuses the table.
# "size" is a household of 1…9 persons, "plus1" the "je weitere Person" increment.
RICHTWERT_RANGES: dict[str, dict[str, tuple[Decimal, Decimal]]] = {
    # cold rents of 1–9 persons in Germany run from ~150 € (rural 1 P, 2010) to ~2 500 € (Munich 9 P)
    "nettokaltmiete_eur": {"size": (Decimal("100"), Decimal("3000")), "plus1": (Decimal("15"), Decimal("400"))},
    # Betriebskosten: ~0,80–4 €/m² times 25–150 m²
    "betriebskosten_eur": {"size": (Decimal("15"), Decimal("800")), "plus1": (Decimal("3"), Decimal("150"))},
    # gross cold rent = net cold rent + Betriebskosten
    "bruttokaltmiete_eur": {"size": (Decimal("120"), Decimal("3500")), "plus1": (Decimal("20"), Decimal("500"))},
    # €/m² net cold rent: the cheapest Saxon village ~3 €, Munich concept values ~20 €
    "nettokaltmiete_eur_m2": {"size": (Decimal("2.00"), Decimal("30.00")), "plus1": (Decimal("2.00"), Decimal("30.00"))},
    # €/m² cold Betriebskosten (Betriebskostenspiegel: 0,80–4 €)
    "betriebskosten_eur_m2": {"size": (Decimal("0.30"), Decimal("6.00")), "plus1": (Decimal("0.30"), Decimal("6.00"))},
    "bruttokaltmiete_eur_m2": {"size": (Decimal("2.50"), Decimal("35.00")), "plus1": (Decimal("2.50"), Decimal("35.00"))},
    # angemessene Wohnfläche: 25–50 m² for one person up to ~150 m² for nine; the increment 5–20 m²
    "wohnflaeche_m2": {"size": (Decimal("20"), Decimal("200")), "plus1": (Decimal("5"), Decimal("25"))},
    # heating limits (Nichtprüfungsgrenze, Heizspiegel "zu hoch"): ~20 € (1 P, district heat) to ~600 € a month
    "heizkosten_eur": {"size": (Decimal("20"), Decimal("700")), "plus1": (Decimal("3"), Decimal("200"))},
    # warm rent = gross cold rent + heating
    "bruttowarmmiete_eur": {"size": (Decimal("150"), Decimal("4500")), "plus1": (Decimal("25"), Decimal("700"))},
}
# Heizkosten per m² of the household's area and month: the Heizspiegel's "zu hoch" band tops out near 4 € (oil,
# heat pump, 2023); a "Heizkosten" value above this is a rent read under the wrong measure (issue 9, D827).
RICHTWERT_HEIZKOSTEN_MAX_EUR_M2 = Decimal("5.00")
# Arithmetic within a row (NKM + BK = BKM; €/m² × m² = monthly): besides the printed precision (half a unit of the last
# printed digit of each operand, carried through), this much more is forgiven for documents rounding to full cents.
RICHTWERT_ARITHMETIC_SLACK_EUR = Decimal("0.01")
# The fewest numbered household sizes a Richtwert table has (every real table prints 1 to at least 3 persons).
RICHTWERT_MIN_SIZES = 3
