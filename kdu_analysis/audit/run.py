"""Entry point: run every check family for every Träger as of a Stichtag.

Stichtag-dependent checks (WoGG + 10 %, staleness, heating) use the edition in force; checks of the printed
tables themselves (arithmetic, region order, Vergleichsraum construction) cover every edition known on the Stichtag
(in force or earlier), so that defects of earlier editions stay visible. Column ``am_stichtag`` tells them apart.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path

import pandas as pd

from kdu_analysis import config
from kdu_analysis.audit import (abgleich_pdf, aktualitaet, bsg_kriterien, heizung, konflikte, konsistenz, rechtsprechung,
                                regionen, vergleichsraum, verfuegbarkeit, wogg)
from kdu_analysis.audit.abgleich_pdf import Lesung
from kdu_analysis.audit.findings import Finding, to_frame
from kdu_analysis.traeger import Ausgabe, Traeger, find_traeger, load_traeger, vr_names


def bekannte_ausgaben(traeger: Traeger, stichtag: date) -> list[Ausgabe]:
    """Editions published by the Stichtag: in force or earlier (undated old editions included)."""
    return [a for a in traeger.ausgaben
            if (a.gueltig_ab is None and (a.gueltig_bis is None or a.gueltig_bis <= stichtag or a.beschlossen
                                          and a.beschlossen <= stichtag))
            or (a.gueltig_ab is not None and a.gueltig_ab <= stichtag)]


def traeger_findings(traeger: Traeger | str, stichtag: date | None = None, *, angebote: list[dict] | None = None,
                     angebote_datei: str = "", lesungen: Sequence[Lesung] = ()) -> list[Finding]:
    """All findings for one Träger (for charts and per-Träger CSVs); ``lesungen``: Kreis documents read by the caller
    (:func:`kdu_analysis.loaders.documents.read_documents`), compared with the bundled values."""
    traeger = find_traeger(traeger) if isinstance(traeger, str) else traeger
    stichtag = stichtag or config.DEFAULT_STICHTAG
    current = traeger.ausgabe_am(stichtag)
    out: list[Finding] = []
    out += aktualitaet.check(traeger, current, stichtag)
    if current is not None and (current.hat_werte() or current.mietbegriff != "bruttokalt"):
        out += wogg.check(traeger, current, stichtag)  # a warm-only edition gets a finding saying why it is not comparable
    if current is not None and current.hat_werte():
        out += heizung.check(traeger, current, stichtag)
        if angebote:
            out += verfuegbarkeit.check(traeger, current, stichtag, angebote, angebote_datei)
    known = bekannte_ausgaben(traeger, stichtag)
    latest_use: dict[str, Ausgabe] = {}  # each Vergleichsraum once, with the latest edition that uses it
    for ausgabe in sorted(known, key=lambda a: (a.gueltig_ab or date.min, a.ersetzt_durch is None)):
        for name in vr_names(ausgabe):
            latest_use[name] = ausgabe
    if current is not None:
        latest_use.update({name: current for name in vr_names(current)})
    for ausgabe in known:
        names = [n for n, a in latest_use.items() if a is ausgabe]
        if names:
            out += vergleichsraum.check(traeger, ausgabe, stichtag, names)
        # published tables are checked even when superseded (their numbers were applied)
        if ausgabe.hat_werte():
            out += konsistenz.check(traeger, ausgabe, stichtag)
            out += regionen.check(traeger, ausgabe, stichtag)
    out += konflikte.check(traeger, known, stichtag)
    out += rechtsprechung.check(traeger, stichtag)
    out += bsg_kriterien.check(traeger, stichtag)
    out += abgleich_pdf.check(traeger, stichtag, lesungen)
    for f in out:
        f.extra["am_stichtag"] = None if f.ausgabe is None else (current is not None and f.ausgabe == current.id)
    return out


def run_audit(stichtag: date | None = None, *, angebote: Path | None = None,
              lesungen: Sequence[Lesung] = ()) -> pd.DataFrame:
    """Findings for every Träger as one DataFrame (contract §7 columns first; no row is ever dropped).

    ``angebote``: optional offers CSV (data/raw/angebote/README.md). ``lesungen``: the Kreis documents (e.g. of
    ``data/raw/pdf``) as read by :func:`kdu_analysis.loaders.documents.read_documents`; each is compared with the
    bundled values (check family ``abgleich_pdf``), and those that could not be read or assigned are listed in
    ``frame.attrs["warnungen"]``. The audit itself never opens a PDF.
    """
    stichtag = stichtag or config.DEFAULT_STICHTAG
    offers = verfuegbarkeit.read_angebote(angebote) if angebote else None
    findings: list[Finding] = []
    for traeger in load_traeger():
        findings += traeger_findings(traeger, stichtag, angebote=offers,
                                     angebote_datei=Path(angebote).name if angebote else "", lesungen=lesungen)
    frame = to_frame(findings)
    frame["am_stichtag"] = [f.extra.get("am_stichtag") for f in findings]
    frame.attrs["warnungen"] = abgleich_pdf.nicht_zugeordnet(lesungen)
    return frame
