"""Open a PDF with clear German errors: missing, not a PDF, broken, encrypted, scanned, glyph garbage.

* ``open_pdf(path)`` — context manager yielding a ``pdfplumber.PDF``; :class:`InputError` for a missing file,
  a folder, a file that is no PDF, a broken PDF, an encrypted PDF.
* ``require_text_layer(pdf, path)`` — :class:`InputError` with an OCR hint (``ocrmypdf``) for scans.
* ``is_glyph_garbage(text)`` / ``check_glyphs(text, path, page=None)`` — detect / stop ``(cid:NN)`` text
  (a font without Unicode map); callers skip single garbled pages with a warning and stop when all are garbled.
* ``sha256_file(path)`` — hex digest of the file's bytes.
* ``page_count(path)`` — the number of pages, with the same German errors and page limit as ``open_pdf``.
* ``page_preview(page, resolution)`` — the only place a page is rasterised (previews only), with a pixel cap.

Bounded work: ``open_pdf`` refuses documents with more than ``config.MAX_PDF_PAGES`` pages (counted lazily, before
any page is parsed) with a German message naming the limit. Reading never decodes or rasterises images: pdfplumber
keeps an image as its undecoded stream and position, so a page with a 20,000 × 20,000 px image costs the size of the
compressed stream, not 1.2 GB. Time and memory per document in batch mode: :mod:`kdu_analysis.pdf.limits`.

Pages with a ``/Rotate`` entry need nothing special: pdfminer applies the rotation, so the characters of a
page shown upright arrive upright. Text *set* sideways on the page (``upright`` false) is left to the caller.
Nothing here knows about KdU.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import re
from collections.abc import Iterator
from pathlib import Path

import pdfplumber
from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
from pdfminer.pdfpage import PDFPage

from kdu_analysis import config
from kdu_analysis.errors import InputError

# pdfminer and pdfplumber log English warnings about damaged files ("Could not get FontBBox …"); users get one German
# line instead (the errors below), so only their errors are let through.
for _name in ("pdfminer", "pdfplumber"):
    logging.getLogger(_name).setLevel(logging.ERROR)

OCR_REMEDY = (
    "Bitte zuerst eine Texterkennung (OCR) durchführen, z. B. mit "
    "'ocrmypdf --language deu EINGABE.pdf AUSGABE.pdf', und die Ausgabedatei verwenden"
)
GLYPH_REMEDY = (
    "Bitte den Text per Texterkennung (OCR) neu erzeugen, z. B. mit "
    "'ocrmypdf --force-ocr --language deu EINGABE.pdf AUSGABE.pdf', und die Ausgabedatei verwenden"
)
_CID_RE = re.compile(r"\(cid:\d+\)")


def sha256_file(path: str | Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 16), b""):
            digest.update(block)
    return digest.hexdigest()


def _check_header(path: Path) -> None:
    if not path.exists():
        raise InputError(f"Die Datei {path} gibt es nicht", remedy="Bitte Pfad und Dateinamen prüfen")
    if path.is_dir():
        raise InputError(f"{path} ist ein Ordner, keine PDF-Datei", remedy="Bitte eine einzelne PDF-Datei angeben")
    with path.open("rb") as handle:
        head = handle.read(1024)
    if b"%PDF-" not in head:
        raise InputError(
            f"Die Datei {path.name} ist keine PDF-Datei",
            remedy="Bitte das Originaldokument als PDF herunterladen (Word-, Bild- oder HTML-Dateien werden nicht gelesen)",
        )


@contextlib.contextmanager
def open_pdf(path: str | Path) -> Iterator[pdfplumber.PDF]:
    """Open ``path`` with pdfplumber; raise :class:`InputError` with a German message on any failure."""
    path = Path(path)
    _check_header(path)
    stream = path.open("rb")  # our own handle, so it is closed even when pdfplumber fails half-way
    try:
        pdf = pdfplumber.open(stream)
        _check_page_count(pdf, path)
        if not pdf.pages:  # forces parsing of the page tree
            raise _broken(path)
        pdf._pages = _ReleasingPages(pdf.pages)  # at most one page's parsed objects in memory
    except InputError:
        stream.close()
        raise
    except Exception as exc:  # pdfminer raises many kinds on broken files
        stream.close()
        causes = [exc, exc.__context__, *getattr(exc, "args", ())]
        if any(isinstance(c, (PDFPasswordIncorrect, PDFEncryptionError)) for c in causes):
            raise InputError(
                f"Die PDF-Datei {path.name} ist verschlüsselt (kennwortgeschützt)",
                remedy="Bitte eine ungeschützte Fassung beim Träger anfordern oder den Schutz mit dem Kennwort entfernen "
                "(z. B. 'qpdf --decrypt --password=KENNWORT EINGABE.pdf AUSGABE.pdf')",
            ) from exc
        raise _broken(path) from exc
    try:
        yield pdf
    finally:
        pdf.close()
        stream.close()


def page_count(path: str | Path) -> int:
    """Number of pages of ``path`` (no page is parsed; errors and page limit as :func:`open_pdf`)."""
    with open_pdf(path) as pdf:
        return len(pdf.pages)


class _ReleasingPages(list):
    """The page list of an open PDF that keeps only one page's parsed objects in memory.

    pdfplumber caches every page's characters and layout once touched (about 6 MB per dense page: a 1,000-page
    document would need gigabytes). Touching a page here releases the caches of the page touched before; a page
    touched again is simply parsed again. Slices are plain lists.
    """

    def __init__(self, pages):
        super().__init__(pages)
        self._current = None

    def _touch(self, page):
        if self._current is not None and self._current is not page:
            self._current.close()  # pdfplumber's Page.close() only flushes caches
        self._current = page
        return page

    def __getitem__(self, index):
        item = super().__getitem__(index)
        return item if isinstance(index, slice) else self._touch(item)

    def __iter__(self):
        for page in super().__iter__():
            yield self._touch(page)


def _check_page_count(pdf, path: Path) -> None:
    """Stop documents over the page limit before pdfplumber builds its page list (counted up to the limit only)."""
    limit = config.MAX_PDF_PAGES
    count = 0
    for _page in PDFPage.create_pages(pdf.doc):
        count += 1
        if count > limit:
            raise InputError(
                f"Die PDF-Datei {path.name} hat mehr als {limit} Seiten; gelesen werden höchstens {limit} Seiten je Dokument "
                "(Seitenlimit)",
                remedy="Bitte nur den Teil mit der Richtwerttabelle als eigene PDF-Datei speichern (z. B. "
                f"'qpdf EINGABE.pdf --pages . 1-20 -- AUSGABE.pdf') oder das Limit mit der Umgebungsvariable KDU_MAX_SEITEN "
                "erhöhen (Grenze MAX_PDF_PAGES in kdu_analysis/config.py)")


def page_preview(page, resolution: float = 100):
    """Rasterise one page for a preview (``pdfplumber`` PageImage), never larger than ``config.MAX_PREVIEW_PIXELS``.

    The only place in the package that rasterises; text reading never does. The resolution is lowered for huge pages.
    """
    width_in, height_in = float(page.width) / 72, float(page.height) / 72
    pixels = width_in * height_in * resolution ** 2
    if pixels > config.MAX_PREVIEW_PIXELS:
        resolution = (config.MAX_PREVIEW_PIXELS / max(width_in * height_in, 1e-9)) ** 0.5
    return page.to_image(resolution=max(int(resolution), 1))


def _broken(path: Path) -> InputError:
    return InputError(f"Die PDF-Datei {path.name} ist beschädigt und kann nicht gelesen werden",
                      remedy="Bitte die Originaldatei erneut herunterladen")


def page_text_chars(page) -> int:
    return sum(1 for c in page.chars if c.get("text", "").strip())


def require_text_layer(pdf, path: str | Path) -> None:
    """Stop scanned documents (no characters on any page) with an OCR hint."""
    name = Path(path).name
    try:
        has_text = any(page_text_chars(page) for page in pdf.pages)  # stops at the first page with text
    except Exception as exc:  # broken content streams surface here
        raise InputError(f"Die PDF-Datei {name} ist beschädigt und kann nicht gelesen werden",
                         remedy="Bitte die Originaldatei erneut herunterladen") from exc
    if not has_text:
        raise InputError(f"Die PDF-Datei {name} hat keine Textebene (vermutlich ein Scan)", remedy=OCR_REMEDY)


def is_glyph_garbage(text: str) -> bool:
    """True when more than a fifth of ``text`` are ``(cid:NN)`` glyph codes (a font without Unicode map)."""
    hits = _CID_RE.findall(text)
    return bool(hits) and len("".join(hits)) > 0.2 * max(len(text), 1)


def check_glyphs(text: str, path: str | Path, *, page: int | None = None) -> None:
    """Stop text that is mostly ``(cid:NN)`` glyph codes (a font without Unicode map)."""
    if is_glyph_garbage(text):
        hits = _CID_RE.findall(text)
        where = f" (Seite {page})" if page else ""
        raise InputError(
            f"Der Text der PDF-Datei {Path(path).name}{where} besteht aus unlesbaren Zeichen-Codes wie {hits[0]} "
            "(Schrift ohne Unicode-Zuordnung)",
            remedy=GLYPH_REMEDY,
        )
