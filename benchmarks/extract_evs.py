"""Accuracy of `extract evs` on a seeded corpus of generated EVS tables (both publication families).

For every seed the generator (tests/fixtures/evs/generator.py) draws a table laid out like a Bundestag-Drucksache
or a Destatis Sonderauswertung, renders it with reportlab and keeps the truth of every cell. The script prints
the share of cells read right, how many tables were written with any wrong cell — a value, flag, label, code or
page (target 0; the rest must be refused with a reason; layouts include labels wrapped with the values on the first,
last or middle line, ruled rows and a share column, see the generator's ``_layout``), and how many Abteilung sums were compared with §§ 5/6 RBEG — and whether every planted
difference from the law was flagged.

Run: `make benchmark` or `.venv/bin/python benchmarks/extract_evs.py [--tabellen 120] [--start 0]`.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from kdu_analysis.errors import InputError  # noqa: E402
from kdu_analysis.loaders.evs import extract_evs  # noqa: E402
from tests.fixtures.evs.generator import expected_law_check, generate, render, score  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tabellen", type=int, default=120)
    parser.add_argument("--start", type=int, default=0)
    args = parser.parse_args(argv)
    right = total = wrong_tables = refused = expected_refusals = pages = 0
    sums_expected = sums_checked = planted = flagged = law_wrong = 0
    families: Counter = Counter()
    reasons: list[str] = []
    seconds = 0.0
    with tempfile.TemporaryDirectory() as folder:
        for seed in range(args.start, args.start + args.tabellen):
            table = generate(seed)
            path = Path(folder) / f"{table.name}.pdf"
            truth = render(table, path)
            families[table.family] += 1
            pages += max(t["seite"] for t in truth)
            t0 = time.perf_counter()
            try:
                result = extract_evs(path)
            except InputError as exc:
                refused += 1
                expected_refusals += "stoerung" in table.options
                reasons.append(f"{table.name} ({table.options.get('stoerung', 'ohne Störung')}): abgelehnt – {exc}")
                continue
            finally:
                seconds += time.perf_counter() - t0
            if "stoerung" in table.options:
                wrong_tables += 1
                reasons.append(f"{table.name}: Störung '{table.options['stoerung']}' NICHT ABGELEHNT")
                continue
            s = score(table, truth, result.frame)
            right += s["right"]
            total += s["total"]
            wrong_tables += s["wrong_value"]
            if s["wrong_value"]:
                reasons.append(f"{table.name}: GESCHRIEBEN MIT FALSCHEM WERT")
            expected = expected_law_check(table)
            got = {e["abteilung"] or "gesamt": e["ergebnis"] for e in result.gesetz.ergebnisse}
            sums_expected += len(expected)
            sums_checked += sum(1 for k in expected if got.get(k) in ("stimmt", "weicht_ab"))
            planted += sum(1 for v in expected.values() if v == "weicht_ab")
            flagged += sum(1 for k, v in expected.items() if v == "weicht_ab" and got.get(k) == "weicht_ab")
            law_wrong += sum(1 for k, v in expected.items() if got.get(k) != v)
    n = args.tabellen
    print(f"{n} erzeugte Tabellen ({families['drucksache']} Drucksache, {families['destatis']} Destatis), {pages} Seiten, "
          f"Seeds {args.start}–{args.start + n - 1}")
    print(f"Zellen richtig:                 {right} / {total} = {100 * right / max(total, 1):.2f} %")
    print(f"Tabellen mit falschem Wert:     {wrong_tables}")
    print(f"Tabellen abgelehnt:             {refused} (davon mit eingebauter Störung: {expected_refusals}; "
          f"Zellen oben nur der geschriebenen Tabellen)")
    print(f"Abteilungssummen mit Gesetz verglichen: {sums_checked} / {sums_expected} (falsches Ergebnis: {law_wrong})")
    print(f"eingebaute Abweichungen vom Gesetz gemeldet: {flagged} / {planted}")
    print(f"Zeit: {1000 * seconds / max(pages, 1):.0f} ms/Seite")
    for reason in reasons:
        print("  " + reason)
    _libreoffice()
    return 0


def _libreoffice() -> None:
    """The committed LibreOffice-produced tables (same seeds, other producer); page numbers not compared."""
    from tests.fixtures.evs.libreoffice import FOLDER, SEEDS

    right = total = wrong = 0
    with tempfile.TemporaryDirectory() as folder:
        for seed in SEEDS:
            table = generate(seed)
            truth = render(table, Path(folder) / "truth.pdf")
            try:
                frame = extract_evs(FOLDER / f"lo_{table.name}.pdf").frame.copy()
            except InputError:
                wrong += 1
                continue
            frame["seite"] = None
            for row in truth:
                row["seite"] = None
            s = score(table, truth, frame)
            right, total, wrong = right + s["right"], total + s["total"], wrong + s["wrong_value"]
    print(f"LibreOffice ({len(SEEDS)} Tabellen): Zellen richtig {right} / {total} = {100 * right / max(total, 1):.2f} %, "
          f"Tabellen mit falschem Wert oder abgelehnt: {wrong}")


if __name__ == "__main__":
    raise SystemExit(main())
