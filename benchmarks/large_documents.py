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
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from kdu_analysis import config  # noqa: E402
from tests.fixtures.hostile import huge_image, many_pages  # noqa: E402

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
