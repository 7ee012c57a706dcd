"""Writing user files: atomically (never a partial file) and in the agreed CSV dialects.

Two CSV dialects exist (see shared/contracts.md):

* machine-readable: UTF-8, ``,`` separator, ``.`` decimal mark, no thousands
  separator, no units, empty cell = not stated;
* German Excel (for Kreistag factions): UTF-8 with BOM, ``;`` separator,
  decimal comma, German headers.
"""

from __future__ import annotations

import contextlib
import csv
import io
import os
import tempfile
from collections.abc import Iterable, Iterator, Mapping, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

import pandas as pd


@contextlib.contextmanager
def atomic_path(target: str | os.PathLike[str]) -> Iterator[Path]:
    """Yield a temporary path next to ``target``; move it into place only on success."""
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)
    os.close(fd)
    tmp_path = Path(tmp)
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(tmp_path, 0o666 & ~umask)  # ordinary permissions, not mkstemp's private 0600
    try:
        yield tmp_path
        os.replace(tmp_path, target)
    finally:
        if tmp_path.exists():
            tmp_path.unlink()


def write_text_atomic(target: str | os.PathLike[str], text: str, *, encoding: str = "utf-8") -> Path:
    with atomic_path(target) as tmp:
        tmp.write_text(text, encoding=encoding)
    return Path(target)


def write_bytes_atomic(target: str | os.PathLike[str], data: bytes) -> Path:
    with atomic_path(target) as tmp:
        tmp.write_bytes(data)
    return Path(target)


def _machine_cell(value: Any) -> str:
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


def machine_csv_text(rows: Iterable[Mapping[str, Any]] | pd.DataFrame, columns: Sequence[str] | None = None) -> str:
    """Render rows in the machine-readable dialect of shared/contracts.md."""
    records, columns = _records(rows, columns)
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(columns)
    for rec in records:
        writer.writerow([_machine_cell(rec.get(col)) for col in columns])
    return buf.getvalue()


def write_machine_csv(target: str | os.PathLike[str], rows, columns: Sequence[str] | None = None) -> Path:
    return write_text_atomic(target, machine_csv_text(rows, columns))


def german_number(value: Any, decimals: int | None = 2, *, thousands: bool = True) -> str:
    """Format a number the German way: ``1.012,50``. Empty for missing values."""
    text = _machine_cell(value)
    if text == "" or text in ("true", "false"):
        return {"true": "ja", "false": "nein"}.get(text, "")
    try:
        number = Decimal(text)
    except Exception:
        return text
    if decimals is not None:
        number = number.quantize(Decimal(1).scaleb(-decimals), rounding="ROUND_HALF_UP")
    formatted = f"{number:,f}" if thousands else f"{number:f}"
    return formatted.replace(",", "\u0000").replace(".", ",").replace("\u0000", ".")


def german_csv_text(
    rows: Iterable[Mapping[str, Any]] | pd.DataFrame,
    columns: Mapping[str, str] | Sequence[str],
    *,
    decimals: Mapping[str, int | None] | None = None,
) -> str:
    """Render rows in the German Excel dialect (no BOM here; see ``write_german_csv``).

    ``columns`` maps internal column names to German headers. Numeric cells get a
    decimal comma (two decimals unless ``decimals`` says otherwise), no thousands
    separator (Excel would read "1.012,50" fine, but LibreOffice imports are safer without).
    """
    if not isinstance(columns, Mapping):
        columns = {c: c for c in columns}
    decimals = dict(decimals or {})
    records, _ = _records(rows, list(columns))
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=";", lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(list(columns.values()))
    for rec in records:
        out = []
        for col in columns:
            value = rec.get(col)
            if isinstance(value, (int, float, Decimal)) and not isinstance(value, bool):
                out.append(german_number(value, decimals.get(col, 2), thousands=False))
            elif isinstance(value, bool):
                out.append("ja" if value else "nein")
            else:
                out.append(_machine_cell(value))
        writer.writerow(out)
    return buf.getvalue()


def write_german_csv(target, rows, columns, *, decimals=None) -> Path:
    """Write a CSV that opens correctly in German Excel and LibreOffice (UTF-8 with BOM)."""
    return write_text_atomic(target, german_csv_text(rows, columns, decimals=decimals), encoding="utf-8-sig")


def read_german_csv(path: str | os.PathLike[str]) -> pd.DataFrame:
    """Read a file written by :func:`write_german_csv` back (for tests and round trips)."""
    return pd.read_csv(path, sep=";", decimal=",", encoding="utf-8-sig", dtype=str, keep_default_na=False)


def _records(rows, columns):
    if isinstance(rows, pd.DataFrame):
        cols = list(columns) if columns is not None else list(rows.columns)
        records = rows.to_dict(orient="records")
    else:
        records = [dict(r) for r in rows]
        cols = list(columns) if columns is not None else (list(records[0]) if records else [])
    return records, cols
