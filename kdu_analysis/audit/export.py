"""Files of ``kdu-analysis audit``: befunde.csv (contract §7), one German-Excel CSV per Träger, charts (PNG + SVG).

Everything is computed in memory first; files are written only when all parts succeeded (no partial output).
"""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import matplotlib.pyplot as plt
import pandas as pd

from kdu_analysis import codebook
from kdu_analysis.audit.charts import chart_richtwert_vs_wogg, chart_verlauf
from kdu_analysis.audit.findings import COLUMNS, PRUEFUNGEN
from kdu_analysis.audit.heizung import heizspiegel
from kdu_analysis.outputs import german_csv_text, machine_csv_text, write_bytes_atomic, write_text_atomic
from kdu_analysis.reference.wogg import wogg_citation
from kdu_analysis.traeger import load_traeger

ERGEBNIS_DE = {"ok": "in Ordnung", "hinweis": "Hinweis", "verstoss": "Verstoß"}
#: German headers of the faction CSV (internal column → header), from the codebook (table ``fraktion``).
FRAKTION_SPALTEN = codebook.headers("fraktion")
#: Checks whose Vergleichswert comes from the § 12 WoGG table, from the same edition as the Richtwert, or from the
#: Heizspiegel-type limits (see :func:`vergleichswert_fassung`).
WOGG_PRUEFUNGEN = ("wogg_plus10", "wogg_rueckfallwert")
SAME_EDITION_PRUEFUNGEN = ("produkttheorie", "summe_nkm_bk", "monotonie", "umland_teurer", "inversion", "abgleich_pdf",
                           "quellenkonflikt")
STATUS_DE = {"sekundaer_transkribiert": "aus Sekundärquelle übernommen, nicht am PDF geprüft",
             "geprueft": "am PDF des Kreises geprüft", "werte_nicht_gefunden": "Werte nicht gefunden"}


def vergleichswert_fassung(findings: pd.DataFrame) -> list[date | None]:
    """The date from which each finding's Vergleichswert is in force (empty where the finding has none).

    ``wert`` is always a value of the edition in ``gueltig_ab``; the Vergleichswert is the § 12 WoGG table in force
    on the Stichtag, another value of the same edition, or the heating limits the heating check compares with.
    """
    out: list[date | None] = []
    for row in findings.itertuples():
        if row.vergleichswert is None or row.vergleichswert != row.vergleichswert:
            out.append(None)
        elif row.pruefung in WOGG_PRUEFUNGEN:
            out.append(wogg_citation(row.stichtag).fassung)
        elif row.pruefung in SAME_EDITION_PRUEFUNGEN:
            out.append(row.gueltig_ab if row.gueltig_ab == row.gueltig_ab else None)
        elif row.pruefung == "heizkosten":
            out.append(heizspiegel()["gueltig_ab"])
        else:
            raise ValueError(f"Vergleichswert of check {row.pruefung!r} has no known edition date")
    return out


def fraktion_frame(findings: pd.DataFrame, stand: date) -> pd.DataFrame:
    """The faction CSV's rows: German labels, ISO dates (contract), the Stand and the edition date of every value."""
    frame = findings.copy()
    frame["vergleichswert_fassung"] = vergleichswert_fassung(findings)
    frame["stand"] = stand
    frame["pruefung_de"] = frame.pruefung.map(PRUEFUNGEN)
    frame["ergebnis_de"] = frame.ergebnis.map(ERGEBNIS_DE)
    frame["am_stichtag_de"] = frame.am_stichtag.map({True: "ja", False: "nein (frühere Ausgabe)"}).fillna("")
    frame["status"] = frame.status.map(STATUS_DE).fillna("")
    frame["gueltig_ab"] = [d if d is not None and d == d else None for d in frame.gueltig_ab]
    return frame


def fraktion_csv_texts(findings: pd.DataFrame, stichtag: date, slugs: list[str]) -> dict[str, str]:
    """Slug → the German-Excel faction CSV of that Träger (one writer for the audit and the per-Kreis products)."""
    german = fraktion_frame(findings, stichtag)
    return {slug: german_csv_text(german[german.traeger_slug == slug], FRAKTION_SPALTEN) for slug in slugs}


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
    machine = findings.assign(vergleichswert_fassung=vergleichswert_fassung(findings))
    files: dict[str, bytes | str] = {
        "befunde.csv": machine_csv_text(machine, COLUMNS + ["am_stichtag", "vergleichswert_fassung"])}
    alle = load_traeger()
    for slug, text in fraktion_csv_texts(findings, stichtag, [t.slug for t in alle]).items():
        files[f"fraktionen/{slug}_befunde.csv"] = text
    for traeger in alle:
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
