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
#: Default date of reference for audits, reports and the case calculator.
#: Change it here (or pass --stichtag) when new figures arrive.
DEFAULT_STICHTAG = date(2025, 6, 30)

#: First and last year for which the Regelbedarf series is reproduced and charted.
REGELBEDARF_FIRST_YEAR = 2011
REGELBEDARF_LAST_YEAR = 2026

# --- Thresholds (legal and methodological) --------------------------------------
#: BSG fallback: § 12 WoGG table plus 10 % (BSG 12.12.2013 – B 4 AS 87/12 R).
WOGG_SURCHARGE_FACTOR = Decimal("1.10")

#: Review interval for Richtwerte (§ 22c Abs. 2 SGB II by analogy), in years.
REVIEW_INTERVAL_YEARS = 2

#: Rent data older than this many years are no longer current (SG Magdeburg S 14 AS 720/19 WA).
MAX_DATA_AGE_YEARS = 4

#: Karenzzeit (§ 22 Abs. 1 S. 2 SGB II since 01.01.2023), in months.
KARENZZEIT_MONTHS = 12
KARENZZEIT_IN_FORCE_FROM = date(2023, 1, 1)

#: Tolerance for arithmetic cross-checks on printed amounts (rounding to the cent
#: on either side of a product or a sum).
CROSSCHECK_TOLERANCE_EUR = Decimal("0.05")
#: Relative tolerance when comparing a Richtwert with 1.1 × WoGG ("exactly").
WOGG_EXACT_TOLERANCE_EUR = Decimal("0.005")

#: Reliability labels (see shared reference sheets). U items are never ground truth.
RELIABILITY_LABELS = ("A", "B", "C", "U")

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
