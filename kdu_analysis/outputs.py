"""Writing user files: atomically (never a partial file) and in the agreed CSV dialects.

Two CSV dialects exist (see shared/contracts.md):

* machine-readable: UTF-8, ``,`` separator, ``.`` decimal mark, no thousands
  separator, no units, empty cell = not stated;
* German Excel (for Kreistag factions): UTF-8 with BOM, ``;`` separator,
  decimal comma, German headers, the household size ``+1`` written ``je weitere Person``.

In both dialects no text cell begins with a character that makes a spreadsheet read it as a formula
(``=``, ``+``, ``-``, ``@``, tab, carriage return; CSV injection, CWE-1236): such cells get a leading
apostrophe (OWASP). Numbers stay numbers, negative amounts included; so does ``+1`` in a machine CSV's
household-size column. :func:`safe_cell` is the one place that decides; :func:`read_machine_csv` undoes it.
"""

from __future__ import annotations

import contextlib
import csv
import io
import numbers
import os
import re
import tempfile
from collections.abc import Iterable, Iterator, Mapping, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

import pandas as pd

from kdu_analysis.formatting import german_number  # noqa: F401 - re-exported: the CSV writers' number format
from kdu_analysis.formatting import plain_value as _machine_cell

from kdu_analysis.config import CSV_FORMULA_PREFIXES

#: Columns holding a household size ("1" … "5", "+1" for the "je weitere Person" increment).
HOUSEHOLD_SIZE_COLUMNS = frozenset({"haushaltsgroesse"})
INCREMENT_SIZE = "+1"
INCREMENT_SIZE_GERMAN = "je weitere Person"
_MACHINE_NUMBER = re.compile(r"-?\d+(\.\d+)?(E[+-]?\d+)?")
_GERMAN_NUMBER = re.compile(r"-?\d{1,3}(\.\d{3})*(,\d+)?|-?\d+(,\d+)?")
#: a text cell that needs the apostrophe: a formula character after any apostrophes already there (so that a
#: text that itself begins with "'=" gets one more and reading back is exact)
_NEEDS_QUOTE = re.compile("'*[" + re.escape("".join(CSV_FORMULA_PREFIXES)) + "]")
_QUOTED = re.compile("'+[" + re.escape("".join(CSV_FORMULA_PREFIXES)) + "]")


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


def safe_cell(text: str, *, dialect: str = "machine", column: str | None = None, numeric: bool = False) -> str:
    """Neutralise one rendered CSV cell against formula injection (the one place that does it).

    ``numeric`` marks a cell rendered from a number (always left alone). A text that is itself a plain number of the
    dialect (``-12.5`` / ``-12,50``) stays too; ``+1`` stays in a machine CSV's household-size column and is written
    ``je weitere Person`` in a German one. Anything else starting with ``=``, ``+``, ``-``, ``@``, tab or carriage
    return gets a leading apostrophe.
    """
    if numeric or not text:
        return text
    if column in HOUSEHOLD_SIZE_COLUMNS and text == INCREMENT_SIZE:
        return INCREMENT_SIZE if dialect == "machine" else INCREMENT_SIZE_GERMAN
    if not _NEEDS_QUOTE.match(text):
        return text
    if (_MACHINE_NUMBER if dialect == "machine" else _GERMAN_NUMBER).fullmatch(text):
        return text
    return "'" + text


def unsafe_cell(text: str) -> str:
    """Undo :func:`safe_cell` for a machine CSV cell read back (``'=x`` → ``=x``; ``''=x`` → ``'=x``)."""
    return text[1:] if isinstance(text, str) and _QUOTED.match(text) else text


def read_machine_csv(path: str | os.PathLike[str]) -> pd.DataFrame:
    """Read a machine CSV written by this package back as text (empty cell = ``""``), neutralisation undone."""
    frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    return frame.map(unsafe_cell) if len(frame) else frame


def machine_csv_text(rows: Iterable[Mapping[str, Any]] | pd.DataFrame, columns: Sequence[str] | None = None) -> str:
    """Render rows in the machine-readable dialect of shared/contracts.md."""
    records, columns = _records(rows, columns)
    out, row_buf = io.StringIO(), io.StringIO()
    # rows end in "\n"; the writer is told "\r\n" so that it quotes a field holding a bare CR as well (with "\n" alone
    # Python's csv leaves "a\rb" unquoted, and every CSV reader would split the row there)
    writer = csv.writer(row_buf, lineterminator="\r\n")

    def emit(cells: list[str]) -> None:
        row_buf.seek(0)
        row_buf.truncate()
        writer.writerow(cells)
        out.write(row_buf.getvalue()[:-2] + "\n")

    emit([safe_cell(str(col)) for col in columns])
    for rec in records:
        emit([safe_cell(_machine_cell(rec.get(col)), column=col, numeric=_is_number(rec.get(col))) for col in columns])
    return out.getvalue()


def write_machine_csv(target: str | os.PathLike[str], rows, columns: Sequence[str] | None = None) -> Path:
    return write_text_atomic(target, machine_csv_text(rows, columns))


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
    writer.writerow([safe_cell(str(header), dialect="german") for header in columns.values()])
    for rec in records:
        out = []
        for col in columns:
            value = rec.get(col)
            if isinstance(value, (int, float, Decimal)) and not isinstance(value, bool):
                out.append(german_number(value, decimals.get(col, 2), thousands=False))
            elif isinstance(value, bool):
                out.append("ja" if value else "nein")
            else:
                out.append(safe_cell(_machine_cell(value), dialect="german", column=col))
        writer.writerow(out)
    return buf.getvalue()


def write_german_csv(target, rows, columns, *, decimals=None) -> Path:
    """Write a CSV that opens correctly in German Excel and LibreOffice (UTF-8 with BOM)."""
    return write_text_atomic(target, german_csv_text(rows, columns, decimals=decimals), encoding="utf-8-sig")


def read_german_csv(path: str | os.PathLike[str]) -> pd.DataFrame:
    """Read a file written by :func:`write_german_csv` back (for tests and round trips)."""
    return pd.read_csv(path, sep=";", decimal=",", encoding="utf-8-sig", dtype=str, keep_default_na=False)


def _is_number(value: Any) -> bool:
    return isinstance(value, numbers.Number) and not isinstance(value, bool)


def _records(rows, columns):
    if isinstance(rows, pd.DataFrame):
        cols = list(columns) if columns is not None else list(rows.columns)
        records = rows.to_dict(orient="records")
    else:
        records = [dict(r) for r in rows]
        cols = list(columns) if columns is not None else (list(records[0]) if records else [])
    return records, cols
