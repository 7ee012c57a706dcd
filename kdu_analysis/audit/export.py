"""Files of ``kdu-analysis audit``: befunde.csv (contract §7), one German-Excel CSV per Träger, charts (PNG + SVG).

Everything is computed in memory first; files are written only when all parts succeeded (no partial output).
"""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import matplotlib.pyplot as plt
import pandas as pd

from kdu_analysis.audit.charts import chart_richtwert_vs_wogg, chart_verlauf
from kdu_analysis.audit.findings import COLUMNS, PRUEFUNGEN
from kdu_analysis.loaders.traeger import load_traeger
from kdu_analysis.outputs import german_csv_text, machine_csv_text, write_bytes_atomic, write_text_atomic

ERGEBNIS_DE = {"ok": "in Ordnung", "hinweis": "Hinweis", "verstoss": "Verstoß"}
#: German headers of the faction CSV (internal column → header).
FRAKTION_SPALTEN = {
    "vergleichsraum": "Vergleichsraum", "haushaltsgroesse": "Haushaltsgröße", "pruefung_de": "Prüfung",
    "ergebnis_de": "Ergebnis", "wert": "Richtwert (€)", "vergleichswert": "Vergleichswert (€)",
    "erlaeuterung": "Erläuterung", "rechtsgrundlage": "Rechtsgrundlage", "quelle": "Quelle",
    "zuverlaessigkeit": "Zuverlässigkeit", "ausgabe": "Ausgabe", "gueltig_ab": "Gültig ab",
    "am_stichtag_de": "Gilt am Stichtag", "status": "Status der Werte", "stichtag": "Stichtag",
}
STATUS_DE = {"sekundaer_transkribiert": "aus Sekundärquelle übernommen, nicht am PDF geprüft",
             "geprueft": "am PDF des Kreises geprüft", "werte_nicht_gefunden": "Werte nicht gefunden"}


def fraktion_frame(findings: pd.DataFrame) -> pd.DataFrame:
    frame = findings.copy()
    frame["pruefung_de"] = frame.pruefung.map(PRUEFUNGEN)
    frame["ergebnis_de"] = frame.ergebnis.map(ERGEBNIS_DE)
    frame["am_stichtag_de"] = frame.am_stichtag.map({True: "ja", False: "nein (frühere Ausgabe)"}).fillna("")
    frame["status"] = frame.status.map(STATUS_DE).fillna("")
    frame["gueltig_ab"] = [d.strftime("%d.%m.%Y") if d is not None and d == d else "" for d in frame.gueltig_ab]
    frame["stichtag"] = [d.strftime("%d.%m.%Y") for d in frame.stichtag]
    return frame


def _figure_bytes(fig) -> dict[str, bytes]:
    out = {}
    for ext in ("png", "svg"):
        buf = io.BytesIO()
        fig.savefig(buf, format=ext, bbox_inches="tight")  # the style's tight box is gone outside chart_style
        out[ext] = buf.getvalue()
    plt.close(fig)
    return out


def render(findings: pd.DataFrame, stichtag: date, *, charts: bool = True) -> dict[str, bytes | str]:
    """Relative path → content of every output file."""
    files: dict[str, bytes | str] = {"befunde.csv": machine_csv_text(findings, COLUMNS + ["am_stichtag"])}
    german = fraktion_frame(findings)
    for traeger in load_traeger():
        part = german[german.traeger_slug == traeger.slug]
        files[f"fraktionen/{traeger.slug}_befunde.csv"] = german_csv_text(part, FRAKTION_SPALTEN)
        if not charts:
            continue
        for name, fig in (("richtwert_wogg", chart_richtwert_vs_wogg(traeger, stichtag)),
                          ("verlauf", chart_verlauf(traeger))):
            if fig is not None:
                for ext, data in _figure_bytes(fig).items():
                    files[f"grafiken/{traeger.slug}_{name}.{ext}"] = data
    return files


def write_audit(out: Path, findings: pd.DataFrame, stichtag: date, *, charts: bool = True) -> list[Path]:
    files = render(findings, stichtag, charts=charts)
    written = []
    for rel, content in files.items():
        target = Path(out) / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            written.append(write_bytes_atomic(target, content))
        elif rel.startswith("fraktionen/"):
            written.append(write_text_atomic(target, content, encoding="utf-8-sig"))
        else:
            written.append(write_text_atomic(target, content))
    return written
