"""Cold vs warm `kdu-analysis report`: how much the content-keyed PDF cache (kdu_analysis/loaders/documents.py) saves.

Copies the Richtwert fixture PDFs (each under three names, as if several editions had been dropped in) into a
temporary data/raw/pdf, then runs the report command twice as a user would (new process each time):
cold (empty data/processed) and warm (nothing changed). Prints wall times and the ratio.
Run: `.venv/bin/python benchmarks/report_cold_warm.py`.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = sorted((ROOT / "tests" / "fixtures" / "richtwerte").glob("*.pdf"))
COPIES = 3


def _run(env: dict, out: Path) -> float:
    t0 = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "kdu_analysis", "report", "--out", str(out)], env=env,
                          stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    if done.returncode not in (0, 3):  # 3: some fixture PDFs are deliberately unreadable; products are written
        raise SystemExit(done.stderr)
    return time.perf_counter() - t0


def _extract_step(env_data: Path, refresh: bool) -> float:
    os.environ["KDU_DATA_DIR"] = str(env_data)
    from kdu_analysis.loaders import documents  # after KDU_DATA_DIR is set: the step reads that folder

    t0 = time.perf_counter()
    documents.read_documents(documents.raw_pdfs(), refresh=refresh)
    return time.perf_counter() - t0


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "data"
        shutil.copytree(ROOT / "data" / "raw", data / "raw", ignore=shutil.ignore_patterns("pdf"))
        (data / "raw" / "pdf").mkdir()
        for pdf in FIXTURES:
            for n in range(COPIES):
                shutil.copy(pdf, data / "raw" / "pdf" / f"{pdf.stem}_{n}.pdf")
        env = {**os.environ, "KDU_DATA_DIR": str(data)}
        cold = _run(env, Path(tmp) / "cold")
        warm = _run(env, Path(tmp) / "warm")
        step_cold = _extract_step(data, refresh=True)
        step_warm = _extract_step(data, refresh=False)
        count = len(FIXTURES) * COPIES
    print(f"{count} PDF-Dokumente in data/raw/pdf")
    print(f"report (ganzer Lauf, neuer Prozess): kalt {cold:.2f} s, warm {warm:.2f} s, Verhältnis kalt/warm {cold / warm:.2f}")
    print(f"nur PDF-Schritt: kalt {step_cold:.3f} s, warm {step_warm:.3f} s, Verhältnis {step_cold / step_warm:.1f}")


if __name__ == "__main__":
    main()
