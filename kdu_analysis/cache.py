"""Incremental runs: PDF extraction results cached in ``data/processed`` keyed on content, not on file dates.

The key of a document is the SHA-256 of its bytes, its file name (specs may match by name) and a fingerprint of the
extraction code and the spec files. Change any of them and the document is read again; otherwise the cached rows
(machine CSV) and metadata (JSON) are used. Failures are cached too, so a warm run reports the same German message
without reading the broken file again.
"""

from __future__ import annotations

import functools
import hashlib
import json
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path

import pandas as pd

from kdu_analysis import config
from kdu_analysis.errors import KduError
from kdu_analysis.outputs import read_machine_csv, write_machine_csv, write_text_atomic
from kdu_analysis.pdf.document import sha256_file
from kdu_analysis.pdf.limits import BudgetExceeded

#: Bump when the cache layout changes (the code fingerprint covers changes of the extraction itself).
CACHE_LAYOUT = "2"  # 2: cell boxes (zelle_*) and the status of a document
CACHE_FOLDER = "richtwerte_cache"


@dataclass
class CachedExtraction:
    datei: str
    sha256: str
    frame: pd.DataFrame | None = None  # None when the document could not be read
    traeger: str | None = None
    gueltig_ab: date | None = None
    hinweise: list[str] = field(default_factory=list)
    fehler: str | None = None  # German user message when the document could not be read
    aus_cache: bool = False
    abgelehnt: bool = False  # the reader's proof gate refused the table (as opposed to an unreadable file)

    @property
    def status(self) -> str:
        """``gelesen``, ``abgelehnt`` (table read but not proven) or ``nicht lesbar``."""
        if self.frame is not None:
            return "gelesen"
        return "abgelehnt" if self.abgelehnt else "nicht lesbar"


def _code_files() -> list[Path]:
    package = config.PACKAGE_DIR
    files = sorted((package / "pdf").glob("*.py")) + sorted((package / "loaders").glob("richtwert*.py"))
    files += sorted((package / "loaders" / "specs").glob("*.yaml"))
    return files


@functools.lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """SHA-256 over the extraction code and the spec files (computed once per process)."""
    digest = hashlib.sha256(CACHE_LAYOUT.encode())
    for path in _code_files():
        digest.update(path.relative_to(config.PACKAGE_DIR).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def cache_key(pdf: Path, content_sha256: str) -> str:
    return hashlib.sha256(f"{content_sha256}\0{pdf.name}\0{code_fingerprint()}".encode()).hexdigest()[:32]


def cache_dir() -> Path:
    return config.processed_dir() / CACHE_FOLDER


def _frame_from_csv(path: Path) -> pd.DataFrame:
    from kdu_analysis.loaders.richtwerte import VALUE_COLUMNS

    frame = read_machine_csv(path).astype(object)  # formula neutralisation undone (file names like "=2+5.pdf")
    frame = frame.where(frame != "", None)
    for col in VALUE_COLUMNS:
        frame[col] = [None if v is None else Decimal(v) for v in frame[col]]
    frame["seite"] = [None if v is None else int(v) for v in frame["seite"]]
    for col in ("zelle_x0", "zelle_top", "zelle_x1", "zelle_bottom"):
        if col in frame:
            frame[col] = [None if v is None else float(v) for v in frame[col]]
    frame["gueltig_ab"] = [None if v is None else date.fromisoformat(v) for v in frame["gueltig_ab"]]
    frame["hinweise"] = frame["hinweise"].fillna("")
    return frame


def _load(folder: Path, key: str, pdf: Path, digest: str) -> CachedExtraction | None:
    meta_path = folder / f"{key}.json"
    if not meta_path.exists():
        return None
    try:
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
        frame = None if meta.get("fehler") else _frame_from_csv(folder / f"{key}.csv")
    except (OSError, ValueError, KeyError):
        return None  # a damaged cache entry is simply rebuilt
    return CachedExtraction(
        datei=pdf.name, sha256=digest, frame=frame, traeger=meta.get("traeger"),
        gueltig_ab=date.fromisoformat(meta["gueltig_ab"]) if meta.get("gueltig_ab") else None,
        hinweise=list(meta.get("hinweise", [])), fehler=meta.get("fehler"), aus_cache=True,
        abgelehnt=bool(meta.get("abgelehnt")))


def _store(folder: Path, key: str, result: CachedExtraction) -> None:
    from kdu_analysis.loaders.richtwerte import COLUMNS, EXTRA_COLUMNS

    if result.frame is not None:  # rows first: a JSON without its CSV is never left behind
        write_machine_csv(folder / f"{key}.csv", result.frame, COLUMNS + EXTRA_COLUMNS)
    meta = {"datei": result.datei, "sha256": result.sha256, "traeger": result.traeger,
            "gueltig_ab": result.gueltig_ab.isoformat() if result.gueltig_ab else None,
            "hinweise": result.hinweise, "fehler": result.fehler, "abgelehnt": result.abgelehnt,
            "code": code_fingerprint()}
    write_text_atomic(folder / f"{key}.json", json.dumps(meta, ensure_ascii=False, indent=1))


def extract_richtwerte_cached(pdf: str | Path, *, folder: Path | None = None, refresh: bool = False,
                              runner=None) -> CachedExtraction:
    """``loaders.richtwerte.extract_richtwerte`` with a content-keyed cache; never raises for a bad document
    (the German message is in ``fehler``)."""
    from kdu_analysis.batch_files import read_bounded
    from kdu_analysis.loaders.richtwert_gate import TabelleAbgelehnt
    from kdu_analysis.loaders.richtwerte import extract_richtwerte

    pdf = Path(pdf)
    folder = Path(folder) if folder is not None else cache_dir()
    digest = sha256_file(pdf)
    key = cache_key(pdf, digest)
    if not refresh:
        cached = _load(folder, key, pdf, digest)
        if cached is not None:
            return cached
    try:
        # with a runner: within the time and memory budget of batch mode (kdu_analysis.pdf.limits)
        extraction = read_bounded(runner, extract_richtwerte, pdf) if runner else extract_richtwerte(pdf)
        result = CachedExtraction(datei=pdf.name, sha256=digest, frame=extraction.frame, traeger=extraction.traeger,
                                  gueltig_ab=extraction.gueltig_ab, hinweise=list(extraction.hinweise))
    except BudgetExceeded as exc:  # may pass on a quieter machine: reported, not cached
        return CachedExtraction(datei=pdf.name, sha256=digest, fehler=exc.user_message())
    except KduError as exc:  # a refused table is cached like a broken file: only proven tables go on
        result = CachedExtraction(datei=pdf.name, sha256=digest, fehler=exc.user_message(),
                                  abgelehnt=isinstance(exc, TabelleAbgelehnt))
    _store(folder, key, result)
    return result


def raw_pdfs(folder: Path | None = None) -> list[Path]:
    """The user's documents in ``data/raw/pdf`` (sorted; empty if the folder does not exist)."""
    folder = Path(folder) if folder is not None else config.raw_dir() / "pdf"
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.is_file() and p.suffix.lower() == ".pdf")
