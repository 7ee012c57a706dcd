"""Argument types and exit codes shared by the command modules (below ``cli.py``: commands never import it).

Exit codes (README, "Commands"): 0 success · 1 internal error · 2 usage · 3 bad input document ·
4 reference data missing for that date · 5 failed consistency check · 6 report built with gaps
(``report``: every product that could be built was written; the gaps are named in it) · 130 interrupted.
"""

from __future__ import annotations

import argparse
from datetime import date

EXIT_OK = 0
EXIT_INTERN = 1
EXIT_AUFRUF = 2
EXIT_LUECKEN = 6
EXIT_ABGEBROCHEN = 130


def parse_date(text: str) -> date:
    """argparse type for ISO dates (``2025-06-30``)."""
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} ist kein Datum im Format JJJJ-MM-TT (z. B. 2025-06-30)") from None


def parse_month(text: str) -> date:
    """argparse type for months (``2025-03``) → first day of the month."""
    try:
        year, month = text.split("-")
        return date(int(year), int(month), 1)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} ist kein Monat im Format JJJJ-MM (z. B. 2025-03)") from None
