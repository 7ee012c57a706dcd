"""Decimal arithmetic the way the law rounds (half up), never Python's banker's rounding."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import Any

CENT = Decimal("0.01")
EURO = Decimal("1")


def to_decimal(value: Any) -> Decimal:
    """Convert int/str/Decimal (or float via its shortest repr) to Decimal."""
    if isinstance(value, Decimal):
        return value
    if isinstance(value, float):
        return Decimal(repr(value))
    return Decimal(str(value))


def round_half_up(value: Any, places: int = 2) -> Decimal:
    """Round half up to ``places`` decimals (``places=0``: whole euros, § 28 Abs. 5 SGB XII)."""
    quantum = Decimal(1).scaleb(-places)
    return to_decimal(value).quantize(quantum, rounding=ROUND_HALF_UP)


def round_cent(value: Any) -> Decimal:
    return round_half_up(value, 2)


def round_euro(value: Any) -> Decimal:
    return round_half_up(value, 0)
