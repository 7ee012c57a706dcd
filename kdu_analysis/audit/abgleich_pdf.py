"""Check family ``abgleich_pdf``: when a user puts a Kreis PDF into ``data/raw/pdf/``, extract its Richtwert table
(:func:`kdu_analysis.loaders.richtwerte.extract_richtwerte`) and report every difference against the bundled values.

The PDF is matched to a Träger by the name the extractor recognises, and to the bundled edition(s) with the same
"gültig ab" date (or the edition in force on the Stichtag when the PDF states none). Where several bundled editions
share the date (a press release and its correction), the one with the fewest differences is used and named.
"""

from __future__ import annotations

import functools
from datetime import date
from decimal import Decimal
from pathlib import Path

from kdu_analysis.audit.findings import Finding, euro, finding
from kdu_analysis.errors import KduError
from kdu_analysis.traeger import MEASURES, SIZES, Ausgabe, Traeger, find_traeger, vr_names

RG = "Abgleich der gebündelten (aus Sekundärquellen übernommenen) Werte mit dem Dokument des Trägers"
_COMPARED = [m for m in MEASURES if m != "betrag_eur"]


@functools.lru_cache(maxsize=64)
def _extract(path: str, mtime: float, size: int):
    """The extraction, or the German reason it failed. Only tables that passed the reader's proof gate come back:
    a refused table (:class:`TabelleAbgelehnt`) is never compared."""
    from kdu_analysis.batch_files import read_bounded
    from kdu_analysis.loaders.richtwert_gate import TabelleAbgelehnt
    from kdu_analysis.loaders.richtwerte import extract_richtwerte
    from kdu_analysis.pdf.limits import shared_runner

    try:  # within the per-document time and memory budget (a hung parser must not stall audit or report)
        return read_bounded(shared_runner("kdu_analysis.loaders.richtwerte"), extract_richtwerte, Path(path)), None
    except TabelleAbgelehnt as exc:
        return None, "Tabelle abgelehnt: " + exc.user_message()
    except KduError as exc:
        return None, exc.user_message()


def extractions(pdf_dir: Path) -> list[tuple[Path, object, str | None]]:
    """(path, extraction or None, error message) for every PDF in ``pdf_dir`` (cached by file time and size)."""
    out = []
    for path in sorted(p for p in Path(pdf_dir).glob("*") if p.suffix.lower() == ".pdf"):  # .PDF too
        stat = path.stat()
        extraction, error = _extract(str(path), stat.st_mtime, stat.st_size)
        out.append((path, extraction, error))
    return out


def _traeger_of(extraction) -> Traeger | None:
    if extraction is None or not extraction.traeger:
        return None
    try:
        return find_traeger(extraction.traeger)
    except KduError:
        return None


def nicht_zugeordnet(pdf_dir: Path) -> list[str]:
    """German warnings for PDFs that could not be read or assigned to a bundled Träger."""
    out = []
    for path, extraction, error in extractions(pdf_dir):
        if error:
            out.append(f"{path.name}: nicht gelesen ({error})")
        elif _traeger_of(extraction) is None:
            out.append(f"{path.name}: Träger nicht erkannt ({extraction.traeger or 'kein Name im Dokument'}); "
                       "kein Abgleich")
    return out


def _norm(name: str) -> str:
    return " ".join(str(name or "").lower().split())


def _cells(traeger: Traeger, ausgabe: Ausgabe, frame) -> tuple[list, list]:
    """(differences, matches) as (vr, size, measure, pdf value, bundled value, seite)."""
    names = vr_names(ausgabe)
    by_norm = {_norm(n): n for n in names}
    diffs, same = [], []
    seen = set()
    for row in frame.to_dict(orient="records"):
        vr = by_norm.get(_norm(row["vergleichsraum"])) or (names[0] if not row["vergleichsraum"] and len(names) == 1 else None)
        for m in _COMPARED:
            pdf_value = row.get(m)
            if pdf_value is None or pdf_value != pdf_value:
                continue
            pdf_value = Decimal(str(pdf_value))
            bundled = ausgabe.wert(m, vr, row["haushaltsgroesse"]) if vr else None
            seen.add((vr, row["haushaltsgroesse"], m))
            cell = (vr or row["vergleichsraum"] or "(ohne Bezeichnung)", row["haushaltsgroesse"], m, pdf_value, bundled,
                    row.get("seite"))
            (same if bundled == pdf_value else diffs).append(cell)
    for m, table in ausgabe.werte.items():
        for vr, values in table.items():
            for size, v in zip(SIZES, values):
                if v is not None and m in _COMPARED and (vr, size, m) not in seen:
                    diffs.append((vr, size, m, None, v, None))
    return diffs, same


def check(traeger: Traeger, stichtag: date, pdf_dir: Path) -> list[Finding]:
    out = []
    for path, extraction, error in extractions(pdf_dir):
        if error or _traeger_of(extraction) is None or _traeger_of(extraction).slug != traeger.slug:
            continue
        if extraction.gueltig_ab is not None:
            candidates = [a for a in traeger.ausgaben if a.gueltig_ab == extraction.gueltig_ab and a.hat_werte()]
        else:
            current = traeger.ausgabe_am(stichtag)
            candidates = [current] if current is not None and current.hat_werte() else []
        quelle = f"{path.name} (sha256 {extraction.frame['sha256'].iloc[0][:12]}…)" if len(extraction.frame) else path.name
        if not candidates:
            when = f"{extraction.gueltig_ab:%d.%m.%Y}" if extraction.gueltig_ab else "den Stichtag"
            out.append(finding(traeger, "abgleich_pdf", "hinweis",
                               f"{path.name}: {len(extraction.frame)} Zeilen gelesen; für {when} sind keine gebündelten "
                               "Werte erfasst – bitte als neue Ausgabe in data/raw/traeger eintragen.",
                               stichtag=stichtag, rechtsgrundlage=RG, quelle=quelle, zuverlaessigkeit="A"))
            continue
        scored = sorted(((_cells(traeger, a, extraction.frame), a) for a in candidates), key=lambda x: len(x[0][0]))
        (diffs, same), ausgabe = scored[0]
        if not diffs:
            replaced = next((a for a in traeger.ausgaben if a.id == ausgabe.ersetzt_durch), None)
            note = (f" Diese Fassung wurde später korrigiert („{replaced.bezeichnung}“); das PDF ist also die "
                    "ursprüngliche Fassung." if replaced else "")
            out.append(finding(traeger, "abgleich_pdf", "hinweis" if replaced else "ok",
                               f"{path.name}: alle {len(same)} Werte stimmen mit der Ausgabe „{ausgabe.bezeichnung}“ "
                               f"überein.{note}", stichtag=stichtag, ausgabe=ausgabe, rechtsgrundlage=RG, quelle=quelle,
                               zuverlaessigkeit="A"))
        for vr, size, m, pdf_value, bundled, seite in diffs:
            where = f" (S. {seite})" if seite else ""
            if pdf_value is None:
                text = f"{path.name}: {m} nicht im PDF gelesen, gebündelt {euro(bundled)}."
            elif bundled is None:
                text = f"{path.name}{where}: {m} {euro(pdf_value)} im PDF, in den gebündelten Daten nicht angegeben."
            else:
                text = f"{path.name}{where}: {m} im PDF {euro(pdf_value)}, gebündelt {euro(bundled)}."
            out.append(finding(traeger, "abgleich_pdf", "hinweis", text + f" Verglichen mit „{ausgabe.bezeichnung}“.",
                               stichtag=stichtag, ausgabe=ausgabe, vergleichsraum=vr, haushaltsgroesse=size,
                               wert=pdf_value, vergleichswert=bundled, rechtsgrundlage=RG, quelle=quelle,
                               zuverlaessigkeit="A"))
    return out


