"""The Kreis documents in ``data/raw/pdf`` and the one path by which their Richtwert tables are read (D870–D872).

* :class:`Document` — a PDF as the project knows it: path, SHA-256 of its bytes, number of pages.
* :func:`read_document` — the proven Richtwert table of one document (:func:`loaders.richtwerte.extract_richtwerte`
  with its proof gate), or the German reason there is none. Looked up in a disk cache keyed on content (see below);
  on a miss the document is read in a worker process within the time and memory budget of
  :mod:`kdu_analysis.pdf.limits`, so a hostile or hung file cannot stall ``make report`` or the audit. Never raises
  for a bad document.
* :func:`read_documents` — the same for a list of documents with one worker (started only when a document is read).
* :func:`raw_pdfs` — the user's documents in ``data/raw/pdf`` (``.pdf`` and ``.PDF`` alike).

The report reads each document once through here and hands the results to the audit (``run_audit(…,
lesungen=…)``); the audit itself never opens a PDF (D001).

Cache: ``data/processed/richtwerte_cache``. The key of a document is the SHA-256 of its bytes, its file name (specs
may match by name) and a fingerprint of the extraction code and the spec files (this module included). Change any
of them and the document is read again; otherwise the cached rows (machine CSV) and metadata (JSON) are used.
Failures are cached too (a refused table like a broken file), so a warm run reports the same German message without
reading the file again; a budget failure is never cached (on a quieter machine the same document may pass).
"""

from __future__ import annotations

import functools
import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path

import pandas as pd

from kdu_analysis import config
from kdu_analysis.batch_files import find_pdfs, read_bounded
from kdu_analysis.errors import KduError
from kdu_analysis.loaders.richtwert_gate import TabelleAbgelehnt
from kdu_analysis.loaders.richtwerte import COLUMNS, EXTRA_COLUMNS, VALUE_COLUMNS, RichtwertExtraction, extract_richtwerte
from kdu_analysis.outputs import read_machine_csv, write_machine_csv, write_text_atomic
from kdu_analysis.pdf.document import page_count, sha256_file
from kdu_analysis.pdf.limits import BoundedRunner, BudgetExceeded, shared_runner

#: Bump when the cache layout changes (the code fingerprint covers changes of the extraction itself).
CACHE_LAYOUT = "3"  # 2: cell boxes (zelle_*) and the status of a document; 3: page count
CACHE_FOLDER = "richtwerte_cache"
#: the module the worker process imports once (the reader comes with it)
WORKER_MODULE = __name__


@dataclass(frozen=True)
class Document:
    """One PDF: where it is, what it contains (SHA-256 of its bytes) and how many pages it has (``None`` when the
    file could not be opened as a PDF)."""

    path: Path
    sha256: str
    seiten: int | None = None

    @property
    def datei(self) -> str:
        return self.path.name


@dataclass
class Reading:
    """The result of reading one document: its proven Richtwert rows, or the German reason there are none."""

    dokument: Document
    frame: pd.DataFrame | None = None  # None when the document has no proven table
    traeger: str | None = None
    gueltig_ab: date | None = None
    hinweise: list[str] = field(default_factory=list)
    fehler: str | None = None  # German user message when the document could not be read or its table was refused
    aus_cache: bool = False
    abgelehnt: bool = False  # the reader's proof gate refused the table (as opposed to an unreadable file)

    @property
    def datei(self) -> str:
        return self.dokument.datei

    @property
    def sha256(self) -> str:
        return self.dokument.sha256

    @property
    def status(self) -> str:
        """``gelesen``, ``abgelehnt`` (table read but not proven) or ``nicht lesbar``."""
        if self.frame is not None:
            return "gelesen"
        return "abgelehnt" if self.abgelehnt else "nicht lesbar"


def raw_pdfs(folder: Path | None = None) -> list[Path]:
    """The PDFs (any case of ``.pdf``) directly in ``folder`` (default ``data/raw/pdf``), sorted; empty if the
    folder does not exist. Same rules as batch mode (:func:`kdu_analysis.batch_files.find_pdfs`)."""
    folder = Path(folder) if folder is not None else config.raw_dir() / "pdf"
    return find_pdfs(folder, nested=False) if folder.is_dir() else []


# ----------------------------------------------------------------------------------------------- the cache

def _code_files() -> list[Path]:
    package = config.PACKAGE_DIR
    files = sorted((package / "pdf").glob("*.py")) + sorted((package / "loaders").glob("richtwert*.py"))
    files += [Path(__file__).resolve()] + sorted((package / "loaders" / "specs").glob("*.yaml"))
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


def _load(folder: Path, key: str, pdf: Path, digest: str) -> Reading | None:
    meta_path = folder / f"{key}.json"
    if not meta_path.exists():
        return None
    try:
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
        frame = None if meta.get("fehler") else _frame_from_csv(folder / f"{key}.csv")
    except (OSError, ValueError, KeyError):
        return None  # a damaged cache entry is simply rebuilt
    return Reading(
        dokument=Document(pdf, digest, meta.get("seiten")), frame=frame, traeger=meta.get("traeger"),
        gueltig_ab=date.fromisoformat(meta["gueltig_ab"]) if meta.get("gueltig_ab") else None,
        hinweise=list(meta.get("hinweise", [])), fehler=meta.get("fehler"), aus_cache=True,
        abgelehnt=bool(meta.get("abgelehnt")))


def _store(folder: Path, key: str, result: Reading) -> None:
    if result.frame is not None:  # rows first: a JSON without its CSV is never left behind
        write_machine_csv(folder / f"{key}.csv", result.frame, COLUMNS + EXTRA_COLUMNS)
    meta = {"datei": result.datei, "sha256": result.sha256, "seiten": result.dokument.seiten,
            "traeger": result.traeger, "gueltig_ab": result.gueltig_ab.isoformat() if result.gueltig_ab else None,
            "hinweise": result.hinweise, "fehler": result.fehler, "abgelehnt": result.abgelehnt,
            "code": code_fingerprint()}
    write_text_atomic(folder / f"{key}.json", json.dumps(meta, ensure_ascii=False, indent=1))


# ----------------------------------------------------------------------------------------------- reading

def read_uncached(pdf: Path, runner: BoundedRunner) -> tuple[int | None, RichtwertExtraction | KduError]:
    """A cache miss: the page count, then the extraction or the German error that stopped it — each call in the
    worker within the budget. Raises only :class:`BudgetExceeded` (never cached). The one place a document is read."""
    try:
        pages = read_bounded(runner, page_count, pdf)
    except BudgetExceeded:
        raise
    except KduError as exc:  # not a PDF, broken, encrypted, over the page limit
        return None, exc
    try:
        return pages, read_bounded(runner, extract_richtwerte, pdf)
    except BudgetExceeded:
        raise
    except KduError as exc:  # no text layer, no table, a table refused by the proof gate
        return pages, exc


def read_document(pdf: str | Path, *, runner: BoundedRunner | None = None, refresh: bool = False,
                  folder: Path | None = None) -> Reading:
    """The proven Richtwert table of ``pdf`` or the German reason there is none, through the cache (``refresh``:
    read again and replace the entry) and within the budget (``runner``: the caller's worker; default one shared
    worker per process)."""
    pdf = Path(pdf)
    folder = Path(folder) if folder is not None else cache_dir()
    digest = sha256_file(pdf)
    key = cache_key(pdf, digest)
    if not refresh:
        cached = _load(folder, key, pdf, digest)
        if cached is not None:
            return cached
    try:
        pages, extraction = read_uncached(pdf, runner or shared_runner(WORKER_MODULE))
    except BudgetExceeded as exc:  # may pass on a quieter machine: reported, not cached
        return Reading(Document(pdf, digest), fehler=exc.user_message())
    document = Document(pdf, digest, pages)
    if isinstance(extraction, KduError):  # a refused table is cached like a broken file: only proven tables go on
        result = Reading(document, fehler=extraction.user_message(), abgelehnt=isinstance(extraction, TabelleAbgelehnt))
    else:
        result = Reading(document, frame=extraction.frame, traeger=extraction.traeger,
                         gueltig_ab=extraction.gueltig_ab, hinweise=list(extraction.hinweise))
    _store(folder, key, result)
    return result


def read_documents(pdfs: Iterable[Path], *, refresh: bool = False, folder: Path | None = None) -> list[Reading]:
    """:func:`read_document` for each PDF with one worker for the batch (started only if a document is read);
    ``pdfs`` may be wrapped in a progress bar."""
    with BoundedRunner(WORKER_MODULE) as runner:
        return [read_document(pdf, runner=runner, refresh=refresh, folder=folder) for pdf in pdfs]
