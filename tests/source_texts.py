"""What a source shown to users must never contain (issue 11 item 7): the checks shared by
`test_public_sources.py` (bundled data, audit, case, slides) and `test_report_pipeline.py` (written report files)."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

# What a source shown to users must never contain (issue 11 item 7).
INTERNAL = re.compile(
    r"[\w\-]+\.(?:pdf|csv|md|yaml|py)\b"  # a file name (internal copy, working sheet, code)
    r"|Quelldokument|Dateiname|nicht gelesen|Zeilenbeschriftung|\(Beispiele|eigener Richtwert"
    r"|shared/|\bmd §|data/raw|kdu_analysis/", re.IGNORECASE)
# a pointer to another product of the same report ("pruefung/befunde.csv") is not a source's file name
OWN_OUTPUT = re.compile(r"\b(?:pruefung|referenz|fraktionen|richtwerte|abbildungen|fallblatt|vortrag)/[\w\-.]+"
                        r"\.(?:csv|pdf|html|json|png|svg)\b")
TTSIM = re.compile(r"ttsim", re.IGNORECASE)
TTSIM_PUBLIC = "github.com/ttsim-dev/kosten-der-unterkunft"

# keys whose text is shown to users as a source; `belege` (provenance notes for maintainers) is not shown
SOURCE_KEYS = {"quelle", "quelle_text", "fundstelle", "gesetz", "paragraph", "url", "zitat", "dokument"}


def internal_reason(text: str) -> str | None:
    """Why ``text`` is not a public citation, or ``None`` when it is."""
    text = OWN_OUTPUT.sub(" ", text)
    if m := INTERNAL.search(text):
        return m.group(0)
    if TTSIM.search(text) and TTSIM_PUBLIC not in text:
        return "ttsim ohne öffentliche Adresse"
    return None


def internal_source_texts(texts) -> list[tuple[str, str]]:
    """``(reason, excerpt)`` for every text that is not a public citation (excerpt: the text around the reason)."""
    out = []
    for t in texts:
        if isinstance(t, str) and (reason := internal_reason(t)):
            at = t.find(reason)
            out.append((reason, t if len(t) < 300 else t[max(at - 120, 0):at + 120] if at >= 0 else t[:300]))
    return out


def written_report_texts(out: Path, allowed: tuple[str, ...] = ()) -> list[str]:
    """Source texts of a written report: every source-like CSV column, and the visible text of the HTML pages.

    Removed before checking: links to the report's own files and ``allowed`` (the user's own inputs, e.g. the PDF
    files put into data/raw/pdf, which the report names as the documents it read).
    """
    texts: list[str] = []
    own = sorted({x for p in out.rglob("*") if p.is_file() for x in (p.relative_to(out).as_posix(), p.name)}
                 | set(allowed), key=len, reverse=True)
    for csv in sorted(out.rglob("*.csv")):
        frame = pd.read_csv(csv, dtype=str, sep=None, engine="python", encoding="utf-8-sig")
        for col in frame.columns:
            if re.search(r"quelle|rechtsgrundlage|fundstelle", col, re.IGNORECASE):
                texts += [_without(t, own) for t in frame[col].dropna()]
    for page in sorted(out.rglob("*.html")):
        html = page.read_text(encoding="utf-8")
        html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
        texts.append(_without(re.sub(r"<[^>]+>", " ", html), own))
    return texts


def _without(text: str, names: list[str]) -> str:
    for name in names:
        text = text.replace(name, " ")
    return text
