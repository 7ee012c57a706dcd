"""Check family ``wogg_plus10``: Richtwert (Bruttokaltmiete) vs § 12 WoGG table + 10 % for the VR's Mietenstufe(n).

Per Vergleichsraum the Gemeinden's own Stufe is used where the WoGV lists them, the Kreis value otherwise. The table
+ 10 % is the fallback only after an Erkenntnisausfall (BSG, reference/data/rechtsprechung.yaml ``bsg_erkenntnisausfall``), and then for each household the Stufe of
its own Gemeinde counts: where the Gemeinden of a VR have different Stufen, the finding reports the range (lowest to
highest Stufe, with the Gemeinden) and flags the sizes whose Richtwert lies below the value of at least one Gemeinde.
The Klimakomponente (§ 12 Abs. 7 WoGG, from 2023) is never added: whether it belongs to the fallback is contested
(SG Oldenburg, first instance: ``sg_oldenburg_klimakomponente``); it is shown apart.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from kdu_analysis import config
from kdu_analysis.audit.findings import Finding, finding, weakest
from kdu_analysis.formatting import euro, german_date
from kdu_analysis.errors import ReferenceDataError
from kdu_analysis.money import round_cent
from kdu_analysis.reference import mietenstufen as ms
from kdu_analysis.reference import wogg
from kdu_analysis.reference.rechtsprechung import KURZ_KLIMAKOMPONENTE, ZITAT_ERKENNTNISAUSFALL, ZITAT_KLIMAKOMPONENTE
from kdu_analysis.traeger import SIZES, Ausgabe, Traeger, vr_names

RECHTSGRUNDLAGE = (f"§ 12 Abs. 1 WoGG (Anlage 1); {ZITAT_ERKENNTNISAUSFALL} (Tabelle + 10 % nur bei Ausfall der "
                   "lokalen Erkenntnismöglichkeiten)")
KLIMA_RECHTSGRUNDLAGE = (f"§ 12 Abs. 7 WoGG; umstritten: {ZITAT_KLIMAKOMPONENTE} (1. Instanz) rechnet "
                         "die Klimakomponente hinzu")
FALLBACK_TEXT = ("Die Tabelle + 10 % gilt erst, wenn das Konzept nicht schlüssig ist und nicht nachgebessert werden kann "
                 "(Erkenntnisausfall); maßgeblich ist dann die Mietenstufe der Wohnortgemeinde.")
_STUFEN = wogg.MIETENSTUFEN


def stufen_im_vergleichsraum(traeger: Traeger, vr_name: str, stichtag: date) -> tuple[dict[str, list[str]], list[str], str]:
    """({Stufe: Gemeinden}, notes, citation text) for a Vergleichsraum; raises ReferenceDataError in gaps."""
    vr = traeger.vergleichsraum(vr_name)
    gemeinden = list(vr.gemeinden or []) if vr else []
    found: dict[str, list[str]] = {}
    citation = None
    altkreise = ms.anlage_in_kraft(stichtag).get("kreisgliederung") == "altkreise"  # raises in the 2016–2019 gap
    for g in gemeinden:
        res = ms.mietenstufe(g, stichtag, kreis=None if altkreise else traeger.mietenstufe_kreis) \
            if not altkreise or ms.normalise_gemeinde(g) in _listed(stichtag) else None
        if res is None:
            raise ReferenceDataError(f"Die Mietenstufe von {g} am {german_date(stichtag)} hängt vom Altkreis "
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
    return dict(sorted(found.items(), key=lambda x: _STUFEN.index(x[0]))), notes, citation.text


def stufen_fuer_vergleichsraum(traeger: Traeger, vr_name: str, stichtag: date) -> tuple[str, str, str]:
    """(highest Stufe, German explanation, citation text) – for charts that draw one line per Vergleichsraum."""
    found, notes, citation = stufen_im_vergleichsraum(traeger, vr_name, stichtag)
    top = max(found, key=_STUFEN.index)
    return top, ". ".join(notes + [_stufen_text(found)]), citation


def _stufen_text(found: dict[str, list[str]]) -> str:
    if len(found) == 1:
        stufe, gs = next(iter(found.items()))
        return f"Mietenstufe {stufe} ({', '.join(gs)})"
    parts = "; ".join(f"Stufe {s}: {', '.join(gs)}" for s, gs in found.items())
    return (f"Gemeinden mit verschiedenen Mietenstufen ({parts}); für jeden Haushalt zählt die Stufe seiner Gemeinde, "
            "daher die Spanne")


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
            found, notes, stufe_quelle = stufen_im_vergleichsraum(traeger, vr, stichtag)
        except ReferenceDataError as exc:
            out.append(finding(traeger, "wogg_plus10", "hinweis",
                               f"nicht prüfbar: {exc.message.rstrip('.')}. Es wird keine Mietenstufe geschätzt.",
                               vergleichsraum=vr, rechtsgrundlage=RECHTSGRUNDLAGE, quelle=ausgabe.quelle,
                               zuverlaessigkeit=ausgabe.zuverlaessigkeit, **common))
            continue
        note = ". ".join(notes + [_stufen_text(found)])
        stufen = list(found)
        stufe_label = stufen[0] if len(stufen) == 1 else f"{stufen[0]}–{stufen[-1]}"
        for size in SIZES:
            value = ausgabe.wert("bruttokaltmiete_eur", vr, size)
            if value is None:
                continue
            by_stufe = {st: wogg_vergleich(st, size, stichtag) for st in stufen}
            low, high = by_stufe[stufen[0]][0], by_stufe[stufen[-1]][0]
            klima = by_stufe[stufen[0]][1]
            label = "je weitere Person" if size == "+1" else f"{size} Person{'en' if size != '1' else ''}"
            spanne = (f"{euro(low)}, Stufe {stufen[0]}" if low == high else
                      f"Spanne im Vergleichsraum: {euro(low)} bei Stufe {stufen[0]} bis {euro(high)} bei Stufe {stufen[-1]}")
            klima_text = (f" Klimakomponente {euro(klima)} (§ 12 Abs. 7 WoGG) nicht eingerechnet; ob sie hinzukommt, ist "
                          f"umstritten ({KURZ_KLIMAKOMPONENTE}, 1. Instanz)." if klima is not None else "")
            quelle = f"{ausgabe.quelle}; {citation.text}; {stufe_quelle}"
            label_rel = weakest(ausgabe.zuverlaessigkeit, citation.zuverlaessigkeit)
            matches = [st for st in stufen if abs(value - by_stufe[st][0]) <= config.WOGG_EXACT_TOLERANCE_EUR]
            if matches:
                out.append(finding(
                    traeger, "wogg_rueckfallwert", "hinweis",
                    f"WoGG-Rückfallwert (Tabelle + 10 %) in Verwendung: Richtwert {label} {euro(value)} = "
                    f"Wohngeldtabelle Stufe {matches[0]} × 1,1. {note}.{klima_text}",
                    vergleichsraum=vr, haushaltsgroesse=size, wert=value, vergleichswert=by_stufe[matches[0]][0],
                    rechtsgrundlage=RECHTSGRUNDLAGE, quelle=quelle, zuverlaessigkeit=label_rel, mietenstufe=stufe_label,
                    klimakomponente_eur=klima, **common))
                continue
            below = [st for st in stufen if value < by_stufe[st][0]]
            if below:
                ergebnis = "hinweis"
                wo = ("" if len(below) == len(stufen) else
                      " der Gemeinden mit Stufe " + ", ".join(below))
                text = (f"Richtwert {label} {euro(value)} liegt unter der Wohngeldtabelle + 10 %{wo} ({spanne}). "
                        + FALLBACK_TEXT)
            else:
                ergebnis = "ok"
                text = f"Richtwert {label} {euro(value)} liegt nicht unter der Wohngeldtabelle + 10 % ({spanne})."
            out.append(finding(traeger, "wogg_plus10", ergebnis, f"{text} {note}.{klima_text}", vergleichsraum=vr,
                               haushaltsgroesse=size, wert=value, vergleichswert=high,
                               rechtsgrundlage=f"{RECHTSGRUNDLAGE}; {KLIMA_RECHTSGRUNDLAGE}" if klima else RECHTSGRUNDLAGE,
                               quelle=quelle, zuverlaessigkeit=label_rel, mietenstufe=stufe_label,
                               klimakomponente_eur=klima, **common))
    return out
