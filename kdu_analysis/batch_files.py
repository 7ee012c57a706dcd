"""Batch mode: which files of a folder are read, where each one's output goes, and reading each within its budget.

* :func:`find_pdfs` — every ``*.pdf`` (``.PDF`` too) under a folder, nested folders included (or not), sorted; links
  that lead out of the folder, hidden files and hidden folders (``.git``, ``.cache``) are skipped. The one helper
  that lists a folder's PDFs (batch mode, ``data/raw/pdf`` for the report and the audit).
* :func:`output_paths` — one output path per input, derived safely from the input's path relative to the folder:
  the same sub-folders under the target folder (so ``a/x.pdf`` and ``b/x.pdf`` stay apart), characters that are
  not allowed in file names replaced, Windows device names (``CON``, ``NUL`` …) and leading dots defused, names
  shortened, never a path outside the target folder, never an input file, never twice the same path (also not on
  a case-insensitive file system: ``X.pdf`` and ``x.PDF`` become ``x.csv`` and ``x_2.csv``).
* :func:`read_bounded` — one document through :class:`kdu_analysis.pdf.limits.BoundedRunner`; a reader bug becomes
  a German error for that document, so the batch goes on.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from kdu_analysis.errors import InputError, KduError
from kdu_analysis.pdf.limits import BoundedRunner, DocumentCrash

_UNSAFE = re.compile(r'[\x00-\x1f\x7f<>:"/\\|?*]')
_DEVICE = re.compile(r"(?i)(con|prn|aux|nul|com[0-9]|lpt[0-9])(\..*)?")
#: longest file-name stem written (file systems allow 255 bytes; leave room for suffixes and counters)
MAX_STEM_CHARS = 120


def find_pdfs(folder: str | Path, *, nested: bool = True) -> list[Path]:
    """Every ``*.pdf`` (any case) under ``folder`` (``nested=False``: directly in it), sorted by relative path;
    nothing outside the folder."""
    root = Path(folder).resolve()
    found = []
    for current, dirs, files in os.walk(root):  # os.walk does not follow links to folders
        dirs[:] = sorted(d for d in dirs if not d.startswith(".")) if nested else []
        for name in files:
            path = Path(current) / name
            if path.suffix.lower() != ".pdf" or name.startswith("."):
                continue
            try:
                real = path.resolve(strict=True)
            except OSError:
                continue  # a dangling link
            if real.is_file() and real.is_relative_to(root):
                found.append(path)
    return sorted(found, key=lambda p: (p.relative_to(root).as_posix().casefold(), p.relative_to(root).as_posix()))


def safe_stem(name: str) -> str:
    """A file-name stem that is safe on Linux, macOS and Windows and cannot name a folder or a device."""
    stem = _UNSAFE.sub("_", name).strip(" .")
    if not stem or stem in (".", ".."):
        stem = "dokument"
    if _DEVICE.fullmatch(stem):
        stem = "_" + stem
    return stem[:MAX_STEM_CHARS].rstrip(" .") or "dokument"


def output_paths(inputs: Iterable[str | Path], folder: str | Path, out_dir: str | Path, suffix: str = ".csv") -> dict[Path, Path]:
    """Input path → output path under ``out_dir`` (see module doc). Raises :class:`InputError` for an input that
    does not lie in ``folder``."""
    root, target_root = Path(folder).resolve(), Path(out_dir).resolve()
    inputs = [Path(p) for p in inputs]
    protected = {p.resolve() for p in inputs}
    taken: set[str] = set()
    result: dict[Path, Path] = {}
    for path in inputs:
        try:
            rel = path.resolve().relative_to(root)
        except ValueError:
            raise InputError(f"Die Datei {path} liegt nicht im Ordner {folder}",
                             remedy="Bitte nur Dateien aus dem angegebenen Ordner lesen") from None
        parts = [safe_stem(part) for part in rel.parent.parts]
        stem = safe_stem(Path(rel.name).stem)
        candidate, k = None, 1
        while True:
            name = f"{stem}{suffix}" if k == 1 else f"{stem}_{k}{suffix}"
            candidate = target_root.joinpath(*parts, name)
            key = candidate.as_posix().casefold()
            if key not in taken and candidate.resolve() not in protected:
                break
            k += 1
        real_parent = candidate.parent.resolve()
        if not real_parent.is_relative_to(target_root):  # a linked sub-folder leading elsewhere
            raise InputError(f"Der Zielordner {candidate.parent} führt aus dem Zielordner {out_dir} heraus (Verknüpfung)",
                             remedy="Bitte einen Zielordner ohne Verknüpfungen auf andere Ordner angeben")
        taken.add(key)
        result[path] = candidate
    return result


def read_bounded(runner: BoundedRunner, reader: Callable[..., Any], pdf: Path, **kwargs: Any) -> Any:
    """``reader(pdf, **kwargs)`` within the budgets; a reader bug becomes a German :class:`InputError`."""
    try:
        return runner.run(reader, pdf, **kwargs)
    except DocumentCrash as exc:
        raise InputError(f"Beim Lesen von {pdf.name} ist ein Programmfehler aufgetreten ({exc})",
                         remedy="Bitte die Datei und diese Meldung an das Projekt melden; die übrigen Dokumente werden "
                         "weiter gelesen") from exc


def read_each(pdfs: Iterable[Path], reader: Callable[..., Any], **kwargs: Any) -> Iterable[tuple[Path, Any]]:
    """``(pdf, result or KduError)`` for each document, each read within its budget by one worker."""
    with BoundedRunner(reader.__module__) as runner:
        for pdf in pdfs:
            try:
                yield pdf, read_bounded(runner, reader, pdf, **kwargs)
            except KduError as exc:
                yield pdf, exc
