"""One look for every chart: German number format, colour-blind-safe palette, a source line.

Use it like this in any module that draws a chart::

    from kdu_analysis.charts.style import chart_style, add_source_line, euro_axis

    with chart_style("slide"):            # or "web" / "print"
        fig, ax = plt.subplots()
        ...
        euro_axis(ax.yaxis)               # "1.000 €" ticks
        add_source_line(fig, "Quelle: § 12 WoGG (BGBl. 2024 I Nr. 314)", stand="30.06.2025")

German formats come from :mod:`kdu_analysis.formatting` (explicit formatters, never the de_DE locale).
This package sits below audit/, regelbedarf/ and report/: each of them may draw charts with it (D800).
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.ticker import FuncFormatter  # noqa: E402

from kdu_analysis.formatting import german_date, german_decimal  # noqa: E402

STYLE_DIR = Path(__file__).resolve().parent / "styles"

#: Okabe–Ito palette (colour-blind safe), in the order charts use it.
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442", "#000000"]


def euro_axis(axis, decimals: int = 0, suffix: str = " €") -> None:
    """Tick labels like ``1.000 €`` on a matplotlib axis."""
    axis.set_major_formatter(FuncFormatter(lambda v, _pos: german_decimal(v, decimals) + suffix))


def number_axis(axis, decimals: int = 0, suffix: str = "") -> None:
    axis.set_major_formatter(FuncFormatter(lambda v, _pos: german_decimal(v, decimals) + suffix))


def percent_axis(axis, decimals: int = 0) -> None:
    """Values as fractions (0.25) shown as ``25 %``."""
    axis.set_major_formatter(FuncFormatter(lambda v, _pos: german_decimal(v * 100, decimals) + " %"))


@contextlib.contextmanager
def chart_style(kind: str = "web") -> Iterator[None]:
    """Apply the package style sheet ``kind`` (``slide``, ``web`` or ``print``) inside the block."""
    sheet = STYLE_DIR / f"{kind}.mplstyle"
    if not sheet.exists():
        raise ValueError(f"unknown chart style {kind!r}")
    with plt.style.context([str(STYLE_DIR / "base.mplstyle"), str(sheet)]):
        yield


def add_source_line(fig, quelle: str, stand: date | str | None = None) -> None:
    """Write ``Quelle: … · Stand: …`` under the chart (every chart carries one)."""
    text = quelle if quelle.lower().startswith("quelle") else f"Quelle: {quelle}"
    if stand is not None:
        stand_text = german_date(stand) if isinstance(stand, date) else str(stand)
        text += f" · Stand: {stand_text}"
    fig.text(0.01, 0.005, text, ha="left", va="bottom", fontsize="small", color="#444444", wrap=True)
    # leave room under the x-axis label for one or two lines of source text
    room = 0.10 + 0.0075 * float(plt.rcParams["font.size"])
    fig.subplots_adjust(bottom=max(fig.subplotpars.bottom, room))
