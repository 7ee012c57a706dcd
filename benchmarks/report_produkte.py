"""Time per product of the whole `kdu-analysis report` (13 Kreis decks and 13 briefings included).

Runs the report as a user would (`make report` = one new process) into a temporary folder, then prints the time of
every builder and of each Träger's deck and briefing as the report logs them, the total wall time against the
60-s target, and the process CPU time (on a shared machine the wall time also counts waiting for the CPU).
Run: `.venv/bin/python benchmarks/report_produkte.py [--stichtag JJJJ-MM-TT]`.
"""

from __future__ import annotations

import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TARGET_S = 60.0


def main() -> int:
    exe = Path(sys.executable).with_name("kdu-analysis")
    with tempfile.TemporaryDirectory() as tmp:
        t0 = time.perf_counter()
        run = subprocess.run([str(exe), "report", "--out", str(Path(tmp) / "reports"), *sys.argv[1:]],
                             capture_output=True, text=True)
        wall = time.perf_counter() - t0
        cpu = resource.getrusage(resource.RUSAGE_CHILDREN)
        log = run.stderr
        count = len([p for p in (Path(tmp) / "reports").rglob("*") if p.is_file()])
    label = None
    print("Zeit je Produkt:")
    for line in log.splitlines():
        if m := re.match(r"\[\d+/\d+\] (.*) …", line):
            label = m.group(1)
        elif m := re.match(r"\s+(\d+ Dateien?) in ([\d.]+) s", line):
            print(f"  {m.group(2):>6} s  {label} ({m.group(1)})")
        elif m := re.match(r"\s+(.+): Vortrag ([\d.]+) s \((\d+) Folien\), Kurzbericht ([\d.]+) s", line):
            print(f"  {m.group(2):>6} s  Vortrag {m.group(1)} ({m.group(3)} Folien)   "
                  f"{m.group(4):>5} s  Kurzbericht {m.group(1)}")
    print(f"Gesamt: {wall:.1f} s Wandzeit für {count} Dateien (Ziel < {TARGET_S:.0f} s: "
          f"{'erreicht' if wall < TARGET_S else 'NICHT erreicht'}; Verhältnis {wall / TARGET_S:.2f}), "
          f"CPU-Zeit {cpu.ru_utime + cpu.ru_stime:.1f} s, Exit-Code {run.returncode}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
