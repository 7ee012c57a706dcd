"""Open a PDF with clear German errors: missing, not a PDF, broken, encrypted, scanned, glyph garbage.

* ``open_pdf(path)`` — context manager yielding a ``pdfplumber.PDF``; :class:`InputError` for a missing file,
  a folder, a file that is no PDF, a broken PDF, an encrypted PDF.
* ``require_text_layer(pdf, path)`` — :class:`InputError` with an OCR hint (``ocrmypdf``) for scans.
* ``is_glyph_garbage(text)`` / ``check_glyphs(text, path, page=None)`` — detect / stop ``(cid:NN)`` text
  (a font without Unicode map); callers skip single garbled pages with a warning and stop when all are garbled.
* ``sha256_file(path)`` — hex digest of the file's bytes.

Pages with a ``/Rotate`` entry need nothing special: pdfminer applies the rotation, so the characters of a
page shown upright arrive upright. Text *set* sideways on the page (``upright`` false) is left to the caller.
Nothing here knows about KdU.
"""

from __future__ import annotations

import contextlib
import hashlib
import re
from collections.abc import Iterator
from pathlib import Path

import pdfplumber
from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect

from kdu_analysis.errors import InputError

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
        if not pdf.pages:  # forces parsing of the page tree
            raise _broken(path)
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


def _broken(path: Path) -> InputError:
    return InputError(f"Die PDF-Datei {path.name} ist beschädigt und kann nicht gelesen werden",
                      remedy="Bitte die Originaldatei erneut herunterladen")


def page_text_chars(page) -> int:
    return sum(1 for c in page.chars if c.get("text", "").strip())


def require_text_layer(pdf, path: str | Path) -> None:
    """Stop scanned documents (no characters on any page) with an OCR hint."""
    name = Path(path).name
    try:
        total = sum(page_text_chars(page) for page in pdf.pages)
    except Exception as exc:  # broken content streams surface here
        raise InputError(f"Die PDF-Datei {name} ist beschädigt und kann nicht gelesen werden",
                         remedy="Bitte die Originaldatei erneut herunterladen") from exc
    if total == 0:
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
