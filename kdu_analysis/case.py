"""Per-household KdU calculator (contracts §8): what the Jobcenter must recognise, month by month.

Rule used (stated in every result): the Träger's Richtwert is the ceiling only if its concept is schlüssig. Where a
court found the concept for that Vergleichsraum and period not schlüssig, or no Richtwert is known for the month,
the ceiling is the § 12 WoGG table + 10 % (BSG B 4 AS 87/12 R) plus the Klimakomponente (SG Oldenburg S 37 AS 506/23).
Both amounts are always shown. Within the Karenzzeit (§ 22 Abs. 1 S. 2 SGB II, from 01.01.2023, one year from the first
month of benefits) the actual housing costs count. Heating costs are recognised as stated; a Träger's heating limit
only triggers an individual check (BSG B 14 AS 57/19 R).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from kdu_analysis import config
from kdu_analysis.errors import InputError, ReferenceDataError
from kdu_analysis.loaders import traeger as tr
from kdu_analysis.money import round_cent
from kdu_analysis.outputs import german_number
from kdu_analysis.reference import mietenstufen as ms
from kdu_analysis.reference import wogg
from kdu_analysis.reference.wohnflaeche import angemessene_wohnflaeche

ANNAHMEN = ("auto", "richtwert", "wogg")
WOGG_RG = "§ 22c Abs. 1 S. 2 SGB II; BSG 12.12.2013 – B 4 AS 87/12 R (Wohngeldtabelle + 10 %)"
KLIMA_RG = "SG Oldenburg 20.06.2024 – S 37 AS 506/23 (Klimakomponente zusätzlich zur Tabelle + 10 %, erste Instanz)"
KARENZ_RG = "§ 22 Abs. 1 S. 2 SGB II (seit 01.01.2023): Karenzzeit ein Jahr ab Beginn des Leistungsbezugs"
HEIZ_RG = "§ 22 Abs. 1 S. 1 SGB II; BSG 19.05.2021 – B 14 AS 57/19 R (Überschreiten eines Grenzwerts allein rechtfertigt keine Kürzung)"


@dataclass
class Fall:
    traeger: str
    gemeinde: str
    personen: int
    bruttokaltmiete: Decimal
    heizkosten: Decimal
    monat: date
    wohnflaeche: Decimal | None = None
    bis: date | None = None
    leistungsbeginn: date | None = None
    vergleichsraum: str | None = None
    anerkannt_jobcenter: Decimal | None = None
    annahme: str = "auto"


@dataclass
class Monat:
    monat: date
    vergleichsraum: str | None
    ausgabe: str | None
    richtwert_eur: Decimal | None
    richtwert_hinweis: str | None
    mietenstufe: str | None
    wogg_plus10_eur: Decimal | None
    klimakomponente_eur: Decimal | None
    obergrenze_eur: Decimal | None
    grundlage: str  # "richtwert" | "wogg" | "karenzzeit" | "keine"
    karenzzeit: bool
    anerkannt_unterkunft_eur: Decimal
    anerkannt_heizung_eur: Decimal
    anerkannt_eur: Decimal
    tatsaechlich_eur: Decimal
    differenz_eur: Decimal
    nachzahlung_eur: Decimal | None
    hinweise: list[str] = field(default_factory=list)
    quellen: list[dict] = field(default_factory=list)


def add_months(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def _months(start: date, end: date | None) -> list[date]:
    end = end or start
    if end < start:
        raise InputError("Der Monat bei --bis liegt vor --monat", remedy="Bitte den Zeitraum prüfen")
    out, current = [], start
    while current <= end:
        out.append(current)
        current = add_months(current, 1)
    return out


def _validate(fall: Fall) -> None:
    if fall.personen < 1:
        raise InputError(f"Personenzahl {fall.personen} ist ungültig", remedy="Bitte mindestens 1 Person angeben")
    for name, value in (("Bruttokaltmiete", fall.bruttokaltmiete), ("Heizkosten", fall.heizkosten)):
        if value < 0:
            raise InputError(f"{name} {value} ist negativ", remedy="Bitte den Monatsbetrag in € angeben")
    if fall.leistungsbeginn is not None and fall.monat < date(fall.leistungsbeginn.year, fall.leistungsbeginn.month, 1):
        raise InputError(f"Der Zeitraum beginnt ({fall.monat:%m/%Y}) vor dem Leistungsbeginn ({fall.leistungsbeginn:%m/%Y})",
                         remedy="Bitte --monat auf den Leistungsbeginn oder später setzen")
    if fall.annahme not in ANNAHMEN:
        raise InputError(f"Annahme {fall.annahme!r} unbekannt", remedy="Möglich: " + ", ".join(ANNAHMEN))


def _karenzzeit(fall: Fall, monat: date, hinweise: list[str]) -> bool:
    if fall.leistungsbeginn is None:
        return False
    start = date(fall.leistungsbeginn.year, fall.leistungsbeginn.month, 1)
    if start < config.KARENZZEIT_IN_FORCE_FROM:
        hinweise.append(f"Leistungsbeginn {start:%m/%Y} liegt vor dem {config.KARENZZEIT_IN_FORCE_FROM:%d.%m.%Y}: "
                        "Karenzzeit nicht angewandt (Übergangsrecht nach § 65 SGB II ist im Projekt nicht hinterlegt).")
        return False
    ende = add_months(start, config.KARENZZEIT_MONTHS)
    if start <= monat < ende:
        hinweise.append(f"Karenzzeit {start:%m/%Y} bis {add_months(ende, -1):%m/%Y}: die tatsächliche Bruttokaltmiete "
                        "wird anerkannt (Unterbrechungen von mindestens einem Monat verlängern sie – nicht berücksichtigt).")
        return True
    return False


def _court_covers(t: tr.Traeger, e: tr.Entscheidung, vr_name: str | None, gemeinde: str) -> bool:
    """A decision covers the household if it names no region, the household's region, or a region with its Gemeinde."""
    if e.vergleichsraum is None or e.vergleichsraum == vr_name:
        return True
    region = t.vergleichsraum(e.vergleichsraum)
    return region is not None and region.enthaelt(gemeinde)


def berechne_monat(fall: Fall, monat: date) -> Monat:
    t = tr.find_traeger(fall.traeger)
    hinweise: list[str] = []
    quellen: list[dict] = []
    ausgabe = t.ausgabe_am(monat)
    vr_name = fall.vergleichsraum
    richtwert = note = None
    if ausgabe is None or not ausgabe.hat_werte():
        later = t.naechste_ausgabe_nach(monat)
        hinweise.append((f"Für {monat:%m/%Y} ist kein Richtwert von {t.name} bekannt" if ausgabe is None else
                         f"Richtwert für diesen Zeitraum nicht bekannt (Ausgabe vom {ausgabe.gueltig_ab:%d.%m.%Y} existiert)")
                        + (f" (nächste bekannte Tabelle ab {later.gueltig_ab:%d.%m.%Y})" if later else "") + ".")
    elif ausgabe.mietbegriff != "bruttokalt":
        hinweise.append(f"{t.name} veröffentlicht nur eine Bruttowarmmiete; ein Richtwert für die Bruttokaltmiete "
                        "liegt nicht vor.")
    else:
        if vr_name is None:
            found = t.vergleichsraeume_fuer(fall.gemeinde, ausgabe)
            if len(found) == 1:
                vr_name = found[0].name
                quellen.append({"angabe": f"Vergleichsraum {vr_name}", "quelle": found[0].quelle,
                                "zuverlaessigkeit": found[0].zuverlaessigkeit})
            else:
                which = "mehreren Vergleichsräumen" if found else "keinem Vergleichsraum"
                raise InputError(
                    f"{fall.gemeinde} ist in der Ausgabe „{ausgabe.bezeichnung}“ von {t.name} {which} zugeordnet "
                    "(die Zuordnung im Projekt ist unvollständig)",
                    remedy="Bitte den Vergleichsraum aus dem Bescheid oder der Richtlinie mit --vergleichsraum angeben; "
                           "möglich: " + ", ".join(tr.vr_names(ausgabe)))
        elif vr_name not in tr.vr_names(ausgabe):
            raise InputError(f"Vergleichsraum {vr_name!r} gibt es in der Ausgabe {ausgabe.bezeichnung} nicht",
                             remedy="Möglich: " + ", ".join(tr.vr_names(ausgabe)))
        if vr_name is not None:
            richtwert, note = tr.richtwert(ausgabe, vr_name, fall.personen)
            if richtwert is None:
                hinweise.append(f"Für {fall.personen} Personen ist in {vr_name} kein Richtwert angegeben.")
            else:
                status = "" if ausgabe.status == "geprueft" else " (aus Sekundärquelle übernommen, nicht am PDF geprüft)"
                quellen.append({"angabe": f"Richtwert {ausgabe.bezeichnung}", "quelle": ausgabe.quelle + status,
                                "zuverlaessigkeit": ausgabe.zuverlaessigkeit})
                if note:
                    hinweise.append(f"Richtwert {note}.")
            size_key = str(fall.personen) if fall.personen <= 5 else "+1"
            for anm in ausgabe.anmerkungen:
                if anm["vergleichsraum"] in (None, vr_name) and anm["haushaltsgroesse"] in (None, size_key):
                    hinweise.append(f"Anmerkung der Richtlinie: {anm['text']}.")
    # WoGG + 10 %
    stufe = plus10 = klima = None
    try:
        res = ms.mietenstufe(fall.gemeinde, monat, kreis=t.mietenstufe_kreis)
        stufe = res.stufe
        plus10 = wogg.wogg_plus10(stufe, fall.personen, monat)
        klima = wogg.klimakomponente(fall.personen, monat)
        quellen.append({"angabe": f"Mietenstufe {stufe} ({res.gemeinde})", "quelle": res.citation.text,
                        "zuverlaessigkeit": res.citation.zuverlaessigkeit})
        cit = wogg.wogg_citation(monat)
        quellen.append({"angabe": "Wohngeldtabelle (Höchstbetrag × 1,1)", "quelle": f"{cit.text}; {WOGG_RG}",
                        "zuverlaessigkeit": cit.zuverlaessigkeit})
        if klima is not None:
            kc = wogg.klimakomponente_citation(monat)
            quellen.append({"angabe": "Klimakomponente", "quelle": f"{kc.text}; {KLIMA_RG}",
                            "zuverlaessigkeit": kc.zuverlaessigkeit})
    except ReferenceDataError as exc:
        hinweise.append(f"Wohngeldtabelle + 10 % nicht bestimmbar: {exc.message.rstrip('.')}.")
    # which ceiling
    courts = [e for e in t.gerichtsentscheidungen
              if e.ergebnis == "nicht_schluessig" and e.zuverlaessigkeit in ("A", "B") and e.betrifft(monat)
              and _court_covers(t, e, vr_name, fall.gemeinde)]
    wogg_ceiling = None if plus10 is None else plus10 + (klima or Decimal(0))
    if fall.annahme == "wogg" or (fall.annahme == "auto" and (courts or richtwert is None)):
        grundlage, obergrenze = ("wogg", wogg_ceiling) if wogg_ceiling is not None else ("keine", None)
        if courts:
            hinweise.append("Gericht: " + "; ".join(f"{e.bezeichnung} – nicht schlüssig ({e.gegenstand})" for e in courts)
                            + ". Deshalb gilt die Wohngeldtabelle + 10 % (zuzüglich Klimakomponente) als Obergrenze.")
        elif fall.annahme == "auto" and wogg_ceiling is not None:
            hinweise.append("Ohne bekannten Richtwert nimmt das Programm hilfsweise die Wohngeldtabelle + 10 % "
                            "(zuzüglich Klimakomponente) als Obergrenze an.")
    else:
        grundlage, obergrenze = ("richtwert", richtwert) if richtwert is not None else ("keine", None)
    karenz = _karenzzeit(fall, monat, hinweise)
    if karenz:
        grundlage = "karenzzeit"
        anerkannt_u = fall.bruttokaltmiete
        quellen.append({"angabe": "Karenzzeit", "quelle": KARENZ_RG, "zuverlaessigkeit": "B"})
    elif obergrenze is None:
        anerkannt_u = fall.bruttokaltmiete
        hinweise.append("Keine Obergrenze bestimmbar: die tatsächliche Bruttokaltmiete wird ausgewiesen, ohne Prüfung.")
    else:
        anerkannt_u = min(fall.bruttokaltmiete, obergrenze)
        if fall.bruttokaltmiete > obergrenze:
            hinweise.append("Die Miete liegt über der Obergrenze. Eine Absenkung ist erst nach einer "
                            "Kostensenkungsaufforderung zulässig, in der Regel nach höchstens sechs Monaten "
                            "(§ 22 Abs. 1 SGB II) – hier nicht geprüft.")
    # heating: recognised as stated; a Träger limit only triggers a check
    if ausgabe is not None and vr_name is not None and ausgabe.mietbegriff == "bruttokalt":
        limit, _ = tr.richtwert(ausgabe, vr_name, fall.personen, measure="heizkosten_eur")
        if limit is not None and fall.heizkosten > limit:
            hinweise.append(f"Heizkosten über der Grenze des Trägers ({german_number(limit)} €): Prüfung im "
                            "Einzelfall; keine Kürzung ohne konkrete Prüfung und Kostensenkungsaufforderung.")
            quellen.append({"angabe": "Heizkostengrenze", "quelle": f"{ausgabe.quelle}; {HEIZ_RG}",
                            "zuverlaessigkeit": ausgabe.zuverlaessigkeit})
    if fall.wohnflaeche is not None:
        area, cit = (ausgabe.flaeche(str(fall.personen)) if ausgabe and fall.personen <= 5 else None), None
        if area is None:
            area, cit = angemessene_wohnflaeche(fall.personen, t.name)
        if fall.wohnflaeche > area:
            hinweise.append(f"Wohnfläche {german_number(fall.wohnflaeche, None)} m² über der angemessenen Fläche von "
                            f"{german_number(area, None)} m²; nach der Produkttheorie zählt nur, ob die Miete insgesamt "
                            "angemessen ist.")
        if cit is not None:
            quellen.append({"angabe": f"angemessene Wohnfläche {area} m²", "quelle": cit.text,
                            "zuverlaessigkeit": cit.zuverlaessigkeit})
    anerkannt = round_cent(anerkannt_u + fall.heizkosten)
    tatsaechlich = round_cent(fall.bruttokaltmiete + fall.heizkosten)
    nachzahlung = None
    if fall.anerkannt_jobcenter is not None:
        nachzahlung = max(round_cent(anerkannt - fall.anerkannt_jobcenter), Decimal("0.00"))
    return Monat(monat=monat, vergleichsraum=vr_name, ausgabe=ausgabe.id if ausgabe else None,
                 richtwert_eur=richtwert, richtwert_hinweis=note, mietenstufe=stufe, wogg_plus10_eur=plus10,
                 klimakomponente_eur=klima, obergrenze_eur=obergrenze, grundlage=grundlage, karenzzeit=karenz,
                 anerkannt_unterkunft_eur=round_cent(anerkannt_u), anerkannt_heizung_eur=round_cent(fall.heizkosten),
                 anerkannt_eur=anerkannt, tatsaechlich_eur=tatsaechlich, differenz_eur=round_cent(tatsaechlich - anerkannt),
                 nachzahlung_eur=nachzahlung, hinweise=hinweise, quellen=quellen)


REGEL = ("Der Richtwert des Trägers gilt nur, wenn sein Konzept schlüssig ist. Hat ein Gericht das Konzept für den "
         "Vergleichsraum und Zeitraum als nicht schlüssig beurteilt, oder ist kein Richtwert bekannt, nimmt das Programm "
         "die Wohngeldtabelle + 10 % zuzüglich Klimakomponente als Obergrenze an. Beide Beträge werden immer gezeigt.")


def berechne(fall: Fall) -> dict:
    """The whole case: first month's figures at top level (contract §8 keys), all months, sums, sources."""
    _validate(fall)
    tr.find_traeger(fall.traeger)  # clear error before any month
    months = [berechne_monat(fall, m) for m in _months(fall.monat, fall.bis)]
    first = months[0]
    quellen, seen = [], set()
    for m in months:
        for q in m.quellen:
            key = (q["angabe"], q["quelle"])
            if key not in seen:
                seen.add(key)
                quellen.append(q)
    hinweise = list(dict.fromkeys(h for m in months for h in m.hinweise))
    t = tr.find_traeger(fall.traeger)
    return {
        "traeger": t.name, "gemeinde": fall.gemeinde, "personen": fall.personen,
        "monat": fall.monat, "bis": fall.bis or fall.monat,
        "bruttokaltmiete_eur": round_cent(fall.bruttokaltmiete), "heizkosten_eur": round_cent(fall.heizkosten),
        "wohnflaeche_m2": fall.wohnflaeche, "vergleichsraum": first.vergleichsraum,
        "richtwert_eur": first.richtwert_eur, "wogg_plus10_eur": first.wogg_plus10_eur,
        "klimakomponente_eur": first.klimakomponente_eur, "mietenstufe": first.mietenstufe,
        "obergrenze_eur": first.obergrenze_eur, "grundlage": first.grundlage,
        "anerkannt_eur": first.anerkannt_eur, "differenz_eur": first.differenz_eur,
        "nachzahlung_eur": first.nachzahlung_eur,
        "summe_differenz_eur": round_cent(sum((m.differenz_eur for m in months), Decimal(0))),
        "summe_nachzahlung_eur": (round_cent(sum((m.nachzahlung_eur for m in months), Decimal(0)))
                                  if fall.anerkannt_jobcenter is not None else None),
        "anzahl_monate": len(months), "annahme": fall.annahme, "regel": REGEL,
        "monate": months, "hinweise": hinweise, "quellen": quellen, "berechnet_am": date.today(),
    }
