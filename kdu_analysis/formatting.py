"""German formatting for everything users read: numbers, euro amounts, dates, the missing value.

The one home of these rules (issue 13, D803). Explicit formatters, never the de_DE locale (not installed on fresh
machines). CSV writers, charts, slides, the homepage and the case sheet all delegate here.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pandas as pd

#: The text for an amount the data does not state (D803): prose and table cells alike. An empty cell in a CSV
#: file means the same ("not stated", contracts) and stays empty there.
KEIN_WERT = "nicht angegeben"

#: Date as users read it (``30.06.2025``).
DATE_FORMAT = "%d.%m.%Y"


def plain_value(value: Any) -> str:
    """A value as machine text: ``None``/NaN → ``""``, floats without noise, Decimals unscaled, ISO dates."""
    if value is None:
        return ""
    if isinstance(value, float):
        if value != value:  # NaN
            return ""
        return format(Decimal(repr(value)).normalize(), "f") if value != int(value) else str(int(value))
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is pd.NA or value is pd.NaT:
        return ""
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)


def _german_separators(text: str) -> str:
    return text.replace(",", "\u0000").replace(".", ",").replace("\u0000", ".")


def german_number(value: Any, decimals: int | None = 2, *, thousands: bool = True) -> str:
    """Format a number the German way: ``1.012,50``. Empty for missing values (a CSV cell)."""
    text = plain_value(value)
    if text == "" or text in ("true", "false"):
        return {"true": "ja", "false": "nein"}.get(text, "")
    try:
        number = Decimal(text)
    except Exception:
        return text
    if decimals is not None:
        number = number.quantize(Decimal(1).scaleb(-decimals), rounding="ROUND_HALF_UP")
    formatted = f"{number:,f}" if thousands else f"{number:f}"
    return _german_separators(formatted)


def german_decimal(value: float, decimals: int = 0) -> str:
    """``1234.5`` → ``"1.234,5"`` (decimals fixed; float arithmetic, for chart axes and labels)."""
    return _german_separators(f"{value:,.{decimals}f}")


def german_date(day: date) -> str:
    """``date(2025, 6, 30)`` → ``"30.06.2025"``."""
    return day.strftime(DATE_FORMAT)


def euro(value: Any, decimals: int = 2, *, missing: str = KEIN_WERT) -> str:
    """``1012.5`` → ``"1.012,50 €"``; a missing amount → :data:`KEIN_WERT` (``missing=""`` where an empty field
    is wanted, e.g. the homepage's data table)."""
    if value is None or plain_value(value) == "":
        return missing
    return f"{german_number(value, decimals)} €"


def euro_signed(value: Any, decimals: int = 2, *, missing: str = KEIN_WERT) -> str:
    """A difference with its sign: ``+12,50 €``, ``−3,00 €`` (typographic minus), ``±0,00 €``."""
    if value is None or plain_value(value) == "":
        return missing
    sign = "+" if value > 0 else ("−" if value < 0 else "±")
    return f"{sign}{german_number(abs(value), decimals)} €"


def aufzaehlung(items) -> str:
    """``[2011, 2012, 2013]`` → ``"2011, 2012 und 2013"``."""
    items = [str(i) for i in items]
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " und " + items[-1]
