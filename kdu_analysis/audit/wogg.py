"""Check family ``wogg_plus10``: Richtwert (Bruttokaltmiete) vs § 12 WoGG table + 10 % for the VR's Mietenstufe(n).

Per Vergleichsraum the Gemeinden's own Stufe is used where the WoGV lists them, the Kreis value otherwise. If the
Gemeinden of a VR have different Stufen, the comparison uses the highest Stufe (the most favourable comparison for
claimants) and says so. The Klimakomponente (§ 12 Abs. 7 WoGG, from 2023) is shown separately (SG Oldenburg
S 37 AS 506/23 adds it on top of the table + 10 %).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from kdu_analysis import config
from kdu_analysis.audit.findings import Finding, euro, finding, weakest
from kdu_analysis.errors import ReferenceDataError
from kdu_analysis.loaders.traeger import SIZES, Ausgabe, Traeger, vr_names
from kdu_analysis.money import round_cent
from kdu_analysis.reference import mietenstufen as ms
from kdu_analysis.reference import wogg

RECHTSGRUNDLAGE = ("§ 22c Abs. 1 S. 2 SGB II; § 12 Abs. 1 WoGG (Anlage 1); BSG 12.12.2013 – B 4 AS 87/12 R "
                   "(Tabelle + 10 % bei Ausfall der Erkenntnismöglichkeiten)")
KLIMA_RECHTSGRUNDLAGE = "§ 12 Abs. 7 WoGG; SG Oldenburg 20.06.2024 – S 37 AS 506/23 (Klimakomponente zusätzlich)"
_STUFEN = wogg.MIETENSTUFEN


def stufen_fuer_vergleichsraum(traeger: Traeger, vr_name: str, stichtag: date) -> tuple[str, str, str]:
    """(Stufe used, German explanation, citation text) for a Vergleichsraum; raises ReferenceDataError in gaps."""
    vr = traeger.vergleichsraum(vr_name)
    gemeinden = list(vr.gemeinden or []) if vr else []
    found: dict[str, list[str]] = {}
    citation = None
    altkreise = ms._entry(stichtag).get("kreisgliederung") == "altkreise"  # raises in the 2016–2019 gap
    for g in gemeinden:
        res = ms.mietenstufe(g, stichtag, kreis=None if altkreise else traeger.mietenstufe_kreis) \
            if not altkreise or ms.normalise_gemeinde(g) in _listed(stichtag) else None
        if res is None:
            raise ReferenceDataError(f"Die Mietenstufe von {g} am {stichtag:%d.%m.%Y} hängt vom Altkreis "
                                     "(vor dem 01.08.2008) ab, der hier nicht erfasst ist")
        found.setdefault(res.stufe, []).append(g)
        citation = res.citation
    notes = []
    if not gemeinden or (vr is not None and not vr.gemeinden_vollstaendig):
        if traeger.mietenstufe_kreis is None or altkreise:
            raise ReferenceDataError(f"Die Gemeinden des Vergleichsraums {vr_name} sind nicht vollständig erfasst"
                                     + (" und die Kreiswerte 2009–2015 gelten für Altkreise" if altkreise else ""))
        res = ms.mietenstufe(f"(nicht gelistete Gemeinde in {traeger.mietenstufe_kreis})", stichtag,
                             kreis=traeger.mietenstufe_kreis)
        found.setdefault(res.stufe, []).append("übrige Gemeinden (Kreiswert)")
        citation = res.citation
        notes.append("Gemeinden des Vergleichsraums nicht vollständig erfasst; für nicht gesondert gelistete Gemeinden "
                     "gilt der Kreiswert")
    top = max(found, key=_STUFEN.index)
    if len(found) > 1:
        parts = "; ".join(f"Stufe {s}: {', '.join(gs)}" for s, gs in sorted(found.items(), key=lambda x: _STUFEN.index(x[0])))
        notes.append(f"Gemeinden mit verschiedenen Mietenstufen ({parts}); verglichen wird mit der höchsten Stufe {top} "
                     "(für Leistungsberechtigte günstigste Vergleichsgrundlage)")
    else:
        notes.append(f"Mietenstufe {top} ({', '.join(found[top])})")
    return top, ". ".join(notes), citation.text


def _listed(stichtag: date) -> set[str]:
    return {ms.normalise_gemeinde(g) for g in ms.listed_gemeinden(stichtag)} | set(ms.listed_gemeinden(stichtag))


def wogg_vergleich(stufe: str, size: str, stichtag: date) -> tuple[Decimal, Decimal | None]:
    """(table × 1.1, Klimakomponente) for a household size or the "+1" increment."""
    if size == "+1":
        plus10 = round_cent((wogg.hoechstbetrag(stufe, 6, stichtag) - wogg.hoechstbetrag(stufe, 5, stichtag))
                            * config.WOGG_SURCHARGE_FACTOR)
        k6, k5 = wogg.klimakomponente(6, stichtag), wogg.klimakomponente(5, stichtag)
        return plus10, None if k6 is None else k6 - k5
    n = int(size)
    return wogg.wogg_plus10(stufe, n, stichtag), wogg.klimakomponente(n, stichtag)


def check(traeger: Traeger, ausgabe: Ausgabe, stichtag: date) -> list[Finding]:
    out: list[Finding] = []
    common = dict(stichtag=stichtag, ausgabe=ausgabe)
    if ausgabe.mietbegriff != "bruttokalt":
        why = ("Die Grenzen sind nur als Bruttowarmmiete (einschließlich Heizung) veröffentlicht; die Wohngeldtabelle "
               "gilt für die Bruttokaltmiete, ein Vergleich ist daher nicht möglich"
               if ausgabe.mietbegriff == "bruttowarm" else
               "Die Art der Miete (kalt oder bruttokalt) ist in der Quelle nicht angegeben; kein Vergleich möglich")
        return [finding(traeger, "wogg_plus10", "hinweis", why, rechtsgrundlage=RECHTSGRUNDLAGE, quelle=ausgabe.quelle,
                        zuverlaessigkeit=ausgabe.zuverlaessigkeit, **common)]
    try:
        citation = wogg.wogg_citation(stichtag)
    except ReferenceDataError as exc:
        return [finding(traeger, "wogg_plus10", "hinweis", f"nicht prüfbar: {exc.message.rstrip('.')}.",
                        rechtsgrundlage=RECHTSGRUNDLAGE, quelle=ausgabe.quelle, zuverlaessigkeit=ausgabe.zuverlaessigkeit,
                        **common)]
    for vr in vr_names(ausgabe):
        try:
            stufe, note, stufe_quelle = stufen_fuer_vergleichsraum(traeger, vr, stichtag)
        except ReferenceDataError as exc:
            out.append(finding(traeger, "wogg_plus10", "hinweis",
                               f"nicht prüfbar: {exc.message.rstrip('.')}. Es wird keine Mietenstufe geschätzt.",
                               vergleichsraum=vr, rechtsgrundlage=RECHTSGRUNDLAGE, quelle=ausgabe.quelle,
                               zuverlaessigkeit=ausgabe.zuverlaessigkeit, **common))
            continue
        for size in SIZES:
            value = ausgabe.wert("bruttokaltmiete_eur", vr, size)
            if value is None:
                continue
            plus10, klima = wogg_vergleich(stufe, size, stichtag)
            label = "je weitere Person" if size == "+1" else f"{size} Person{'en' if size != '1' else ''}"
            klima_text = (f" Zusätzlich Klimakomponente {euro(klima)} (SG Oldenburg S 37 AS 506/23): "
                          f"Obergrenze dann {euro(plus10 + klima)}." if klima is not None else "")
            quelle = f"{ausgabe.quelle}; {citation.text}; {stufe_quelle}"
            label_rel = weakest(ausgabe.zuverlaessigkeit, citation.zuverlaessigkeit)
            if abs(value - plus10) <= config.WOGG_EXACT_TOLERANCE_EUR:
                out.append(finding(
                    traeger, "wogg_rueckfallwert", "hinweis",
                    f"WoGG-Rückfallwert (Tabelle + 10 %) in Verwendung: Richtwert {label} {euro(value)} = "
                    f"Wohngeldtabelle Stufe {stufe} × 1,1 ({euro(plus10)}). {note}.{klima_text}",
                    vergleichsraum=vr, haushaltsgroesse=size, wert=value, vergleichswert=plus10,
                    rechtsgrundlage=RECHTSGRUNDLAGE, quelle=quelle, zuverlaessigkeit=label_rel, mietenstufe=stufe,
                    klimakomponente_eur=klima, **common))
                continue
            if value < plus10:
                ergebnis = "hinweis"
                text = (f"Richtwert {label} {euro(value)} liegt {euro(plus10 - value)} unter der Wohngeldtabelle + 10 % "
                        f"({euro(plus10)}, Stufe {stufe}). Ist das Konzept nicht schlüssig, gilt der höhere Wert.")
            else:
                ergebnis = "ok"
                text = (f"Richtwert {label} {euro(value)} liegt nicht unter der Wohngeldtabelle + 10 % "
                        f"({euro(plus10)}, Stufe {stufe}).")
            out.append(finding(traeger, "wogg_plus10", ergebnis, f"{text} {note}.{klima_text}", vergleichsraum=vr,
                               haushaltsgroesse=size, wert=value, vergleichswert=plus10,
                               rechtsgrundlage=f"{RECHTSGRUNDLAGE}; {KLIMA_RECHTSGRUNDLAGE}" if klima else RECHTSGRUNDLAGE,
                               quelle=quelle, zuverlaessigkeit=label_rel, mietenstufe=stufe,
                               klimakomponente_eur=klima, **common))
    return out
