"""Save a chart the way every product needs it: PNG (slides, web), SVG (print) and the CSV behind it."""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

import matplotlib.pyplot as plt
import pandas as pd

from kdu_analysis.outputs import machine_csv_text, write_bytes_atomic, write_text_atomic


@dataclass(frozen=True)
class SavedFigure:
    png: Path
    svg: Path
    csv: Path


def has_source_line(fig) -> bool:
    return any(t.get_text().startswith("Quelle") for t in fig.texts)


def save_figure(fig, data: pd.DataFrame, folder: Path, name: str, *, dpi: int | None = None) -> SavedFigure:
    """Write ``name.png``, ``name.svg`` and ``name.csv`` into ``folder`` (atomically) and close the figure.

    Refuses a figure without a ``Quelle: …`` line: no chart leaves the package without its source.
    """
    if not has_source_line(fig):
        plt.close(fig)
        raise ValueError(f"chart {name!r} has no source line (use charts.style.add_source_line)")
    folder = Path(folder)
    paths = SavedFigure(folder / f"{name}.png", folder / f"{name}.svg", folder / f"{name}.csv")
    for path, fmt in ((paths.png, "png"), (paths.svg, "svg")):
        buffer = io.BytesIO()
        fig.savefig(buffer, format=fmt, dpi=dpi, metadata={"Date": None} if fmt == "svg" else None)
        write_bytes_atomic(path, buffer.getvalue())
    write_text_atomic(paths.csv, machine_csv_text(data))
    plt.close(fig)
    return paths
