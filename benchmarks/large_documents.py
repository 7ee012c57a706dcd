"""Bounded work for large documents: time and peak memory of the Richtwert reader on generated extremes.

* a 1,000-page document (prose pages, the Richtwert table on the last page) — exactly ``config.MAX_PDF_PAGES``;
* the same with one page more, which must be refused with the page-limit message (and quickly: pages are counted,
  not parsed);
* one page with a 20,000 × 20,000 px greyscale image (400 MB decoded, a few hundred KB compressed) and the
  Richtwert table as text: the reader must never decode the image.

Each run happens in a fresh interpreter that reports its wall time and its peak resident memory (``ru_maxrss``);
the baseline is the same interpreter after importing the reader. Prints one line per document and whether it
stayed within ``config.DOCUMENT_TIME_BUDGET_S`` and ``config.DOCUMENT_MEMORY_BUDGET_MB``.
Run: ``make benchmark`` or ``.venv/bin/python benchmarks/large_documents.py``.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import zlib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from kdu_analysis import config  # noqa: E402

TABLE = [("Bedarfsgemeinschaften mit Personen", ["1", "2", "3", "4", "5"]),
         ("Zone Nord", ["295,50 €", "344,40 €", "423,75 €", "455,60 €", "516,80 €"]),
         ("Zone Mitte", ["287,50 €", "339,60 €", "406,50 €", "447,10 €", "492,10 €"]),
         ("Zone Süd", ["283,50 €", "334,20 €", "409,50 €", "432,65 €", "481,65 €"])]
INTRO = ["Landkreis Mittelsachsen – Richtlinie Kosten der Unterkunft (Testdokument)",
         "Die Richtwerte (Bruttokaltmiete, monatlich) betragen:"]


def _text_ops(lines: list[tuple[float, float, str]]) -> bytes:
    ops = ["BT /F1 9 Tf"]
    for x, y, text in lines:
        escaped = text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
        ops.append(f"1 0 0 1 {x:.1f} {y:.1f} Tm ({escaped}) Tj")
    ops.append("ET")
    return "\n".join(ops).encode("cp1252")


def _table_lines(top: float = 700) -> list[tuple[float, float, str]]:
    lines = [(57, top + 60, INTRO[0]), (57, top + 40, INTRO[1])]
    for k, (label, cells) in enumerate(TABLE):
        y = top - 18 * k
        lines.append((57, y, label))
        lines += [(250 + 60 * j, y, cell) for j, cell in enumerate(cells)]
    lines.append((57, top - 100, "Diese Richtlinie tritt am 1. Januar 2025 in Kraft."))
    return lines


def _pdf(objects: list[bytes]) -> bytes:
    """A PDF from numbered object bodies (object k+1 = objects[k]) with a correct xref table."""
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for k, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{k} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def _stream(data: bytes, extra: str = "") -> bytes:
    packed = zlib.compress(data)
    return f"<< /Length {len(packed)} /Filter /FlateDecode {extra}>>\nstream\n".encode() + packed + b"\nendstream"


def many_pages(pages: int) -> bytes:
    """``pages`` pages of prose, the Richtwert table on the last one (objects: catalog, pages, font, then pairs)."""
    font = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"
    kids, objects = [], [b"", b"", font]
    prose = [(57, 780 - 14 * k, f"Abschnitt {{n}}, Absatz {k + 1}: Erläuterungen zur Angemessenheit der Unterkunftskosten.")
             for k in range(40)]
    for n in range(1, pages + 1):
        lines = _table_lines() if n == pages else [(x, y, t.format(n=n)) for x, y, t in prose]
        objects.append(_stream(_text_ops(lines)))
        content_id = len(objects)
        objects.append(f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents {content_id} 0 R "
                       f"/Resources << /Font << /F1 3 0 R >> >> >>".encode())
        kids.append(f"{len(objects)} 0 R")
    objects[0] = b"<< /Type /Catalog /Pages 2 0 R >>"
    objects[1] = f"<< /Type /Pages /Count {pages} /Kids [{' '.join(kids)}] >>".encode()
    return _pdf(objects)


def huge_image(side: int = 20_000) -> bytes:
    """One page: a ``side`` × ``side`` px greyscale image over the whole page, the Richtwert table as text on top."""
    packer = zlib.compressobj(9)
    row_block = bytes(side) * 500  # 500 white-ish rows at a time (value 0 → black would not matter either)
    chunks = [packer.compress(row_block) for _ in range(side // 500)]
    image = b"".join(chunks) + packer.flush()
    image_obj = (f"<< /Type /XObject /Subtype /Image /Width {side} /Height {side} /ColorSpace /DeviceGray "
                 f"/BitsPerComponent 8 /Length {len(image)} /Filter /FlateDecode >>\nstream\n").encode() + image + b"\nendstream"
    content = b"q 595 0 0 842 0 0 cm /Im1 Do Q\n" + _text_ops(_table_lines())
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Count 1 /Kids [4 0 R] >>",
               b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 5 0 R "
               b"/Resources << /Font << /F1 3 0 R >> /XObject << /Im1 6 0 R >> >> >>",
               _stream(content), image_obj]
    return _pdf(objects)


_MEASURE = """
import json, resource, sys, time
from kdu_analysis.errors import KduError
from kdu_analysis.loaders.richtwerte import extract_richtwerte
base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
t0 = time.perf_counter()
try:
    rows, error = len(extract_richtwerte(sys.argv[1]).frame), None
except KduError as exc:
    rows, error = 0, exc.user_message()
took = time.perf_counter() - t0
print(json.dumps({"s": took, "peak_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, "base_kb": base,
                  "rows": rows, "error": error}))
"""


def measure(path: Path) -> dict:
    done = subprocess.run([sys.executable, "-c", _MEASURE, str(path)], capture_output=True, text=True, check=True,
                          cwd=ROOT)
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    budget_s, budget_mb = config.DOCUMENT_TIME_BUDGET_S, config.DOCUMENT_MEMORY_BUDGET_MB
    with tempfile.TemporaryDirectory(prefix="kdu_gross_") as tmp:
        docs = {
            f"{config.MAX_PDF_PAGES} Seiten": ("seiten.pdf", lambda: many_pages(config.MAX_PDF_PAGES)),
            f"{config.MAX_PDF_PAGES + 1} Seiten (über dem Limit)": ("zu_viele.pdf", lambda: many_pages(config.MAX_PDF_PAGES + 1)),
            "1 Seite, Bild 20.000 × 20.000 px": ("bild.pdf", huge_image),
        }
        for label, (name, make) in docs.items():
            path = Path(tmp) / name
            path.write_bytes(make())
            r = measure(path)
            extra_mb = (r["peak_kb"] - r["base_kb"]) / 1024
            outcome = f"{r['rows']} Zeilen gelesen" if r["error"] is None else f"abgelehnt: {r['error'][:90]}…"
            within = "innerhalb" if r["s"] <= budget_s and extra_mb <= budget_mb else "ÜBER"
            print(f"{label:<38} {path.stat().st_size / 1e6:6.1f} MB Datei  {r['s']:7.2f} s  Spitze {r['peak_kb'] / 1024:6.0f} MB "
                  f"(+{extra_mb:.0f} MB zum Start)  {within} der Grenzen ({budget_s:g} s, {budget_mb} MB)  – {outcome}")


if __name__ == "__main__":
    main()
