"""Per-household KdU calculator (contracts §8): what the Jobcenter must recognise, month by month.

Rules (stated in every result, one home: :data:`REGEL`):
- Ceiling (``grundlage``): the Träger's Richtwert where one is recorded for the month. A court decision recorded for
  that Vergleichsraum and period takes precedence (higher instance, then later decision): its own value
  (``gericht_eigener_wert``), or WoGG table + 10 % only where it found an Erkenntnisausfall (``wogg_erkenntnisausfall``,
  BSG, rechtsprechung.yaml ``bsg_erkenntnisausfall``). A gap in the project's data is not an Erkenntnisausfall: without a recorded Richtwert
  the result is ``keine`` (no ceiling, no recognised amount, no arrears) unless the user asks for ``--annahme wogg``
  (``wogg_annahme``, labelled as an assumption).
- The Klimakomponente (§ 12 Abs. 7 WoGG) is never inside the ceiling: whether it is added is contested (SG Oldenburg,
  first instance, rechtsprechung.yaml ``sg_oldenburg_klimakomponente``); it is shown apart and as a second, labelled figure.
- Karenzzeit (§ 22 Abs. 1 S. 2 ff. SGB II, reference/karenzzeit.py): from 01.01.2023, one year from the first month of
  benefits, months before 2023 disregarded (§ 65 Abs. 3), not where only appropriate costs were recognised before
  (§ 65 Abs. 6); from 01.07.2026 capped at 1.5 × the appropriate amount (13th SGB II amendment). Heating has no Karenzzeit.
- Above the ceiling after the Karenzzeit, actual costs count until the Kostensenkung period (as a rule six months after
  the request, the Karenzzeit not counted) has run; without the request's date the capped figure is only
  "angemessen (abstrakt)".
- Heating is recognised as stated: a Heizspiegel or Träger limit is only an indication (BSG, ``bsg_heizkosten_kostensenkung``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
import calendar
from datetime import date, timedelta
from decimal import Decimal

from kdu_analysis.errors import InputError, ReferenceDataError
from kdu_analysis.money import round_cent
from kdu_analysis.formatting import german_date, german_number
from kdu_analysis.reference import karenzzeit as kz
from kdu_analysis.reference import mietenstufen as ms
from kdu_analysis.reference import wogg
from kdu_analysis.reference.rechtsprechung import KURZ_ERKENNTNISAUSFALL, KURZ_HEIZKOSTEN, ZITAT_ERKENNTNISAUSFALL, ZITAT_HEIZKOSTEN, ZITAT_HEIZSPIEGEL, ZITAT_KLIMAKOMPONENTE
from kdu_analysis.reference.wohnflaeche import angemessene_wohnflaeche
from kdu_analysis import traeger as tr

ANNAHMEN = ("auto", "richtwert", "wogg")
GRUNDLAGEN = ("richtwert", "gericht_eigener_wert", "wogg_erkenntnisausfall", "wogg_annahme", "keine")
WOGG_RG = f"{ZITAT_ERKENNTNISAUSFALL} (Wohngeldtabelle + 10 % nur bei Ausfall der lokalen Erkenntnismöglichkeiten)"
KLIMA_RG = (f"umstritten: {ZITAT_KLIMAKOMPONENTE} (1. Instanz, Berufung zugelassen) rechnet sie zur "
            "Tabelle + 10 % hinzu; höchstrichterlich nicht geklärt")
SGG_141 = "§ 141 SGG: ein Urteil bindet nur die Beteiligten"
HEIZ_RG = (f"§ 22 Abs. 1 S. 1 SGB II; {ZITAT_HEIZSPIEGEL} (Heizspiegel-Grenzwert nur Anhaltspunkt); "
           f"{ZITAT_HEIZKOSTEN} (keine Kürzung ohne konkrete Prüfung und Kostensenkungsaufforderung)")
KOSTENSENKUNG_MONATE = 6
KOSTENSENKUNG = ("nicht_noetig", "frist_laeuft", "frist_abgelaufen", "nicht_angegeben")


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
    #: § 65 Abs. 6 SGB II: only appropriate (not actual) costs were recognised for this flat in an earlier period.
    vorher_angemessen_anerkannt: bool = False
    #: day the Kostensenkungsaufforderung was received (§ 22 Abs. 1 S. 7 a. F. / S. 9 n. F. SGB II).
    kostensenkungsaufforderung: date | None = None
    #: previous cold rent, if the household moved without necessity (§ 22 Abs. 1 S. 6 a. F. / Abs. 4 n. F. SGB II).
    bisherige_bruttokaltmiete: Decimal | None = None
    #: children in the Bedarfsgemeinschaft (exception to the 1.5 cap from 07/2026, § 22 Abs. 1 S. 7 n. F.).
    kinder: bool = False
    #: § 22 Abs. 1 S. 8 n. F.: a m² cap is exceeded or the rent breaks the Mietpreisbremse (no Karenzzeit from 07/2026).
    keine_karenzzeit_s8: bool = False


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
    obergrenze_mit_klimakomponente_eur: Decimal | None
    grundlage: str  # one of GRUNDLAGEN
    karenzzeit: bool
    karenzzeit_deckel_eur: Decimal | None
    kostensenkung: str  # one of KOSTENSENKUNG
    entscheidung: str | None
    anerkannt_unterkunft_eur: Decimal | None
    anerkannt_heizung_eur: Decimal
    anerkannt_eur: Decimal | None
    tatsaechlich_eur: Decimal
    differenz_eur: Decimal | None
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
    if fall.bisherige_bruttokaltmiete is not None and fall.bisherige_bruttokaltmiete < 0:
        raise InputError("Die bisherige Bruttokaltmiete ist negativ", remedy="Bitte den Monatsbetrag in € angeben")


def _karenzzeit(fall: Fall, monat: date, hinweise: list[str], quellen: list[dict]) -> tuple[bool, kz.Fassung | None]:
    """(in the Karenzzeit?, rule in force) for ``monat``; every reason is written into ``hinweise``."""
    fassung = kz.fassung_am(monat)
    if fassung is None:
        return False, None
    if fall.leistungsbeginn is None:
        hinweise.append("Ohne Angabe des Leistungsbeginns (--leistungsbeginn) ist die Karenzzeit nicht geprüft; "
                        "in der Karenzzeit zählt die tatsächliche Bruttokaltmiete (§ 22 Abs. 1 S. 2, 3 SGB II).")
        return False, fassung
    if fall.vorher_angemessen_anerkannt:
        u = kz.uebergang("vorher_angemessen_anerkannt")
        hinweise.append(f"Keine Karenzzeit: {u.regel.rstrip('.')} ({u.paragraph}).")
        quellen.append({"angabe": "keine Karenzzeit", "quelle": u.citation.text, "zuverlaessigkeit": u.citation.zuverlaessigkeit})
        return False, fassung
    beginn, ende = kz.karenzzeit_beginn(fall.leistungsbeginn), kz.karenzzeit_ende(fall.leistungsbeginn)
    if fall.leistungsbeginn < beginn:
        u = kz.uebergang("bezug_vor_2023")
        hinweise.append(f"Leistungsbeginn {fall.leistungsbeginn:%m/%Y} vor dem {german_date(u.stichtag)}: Bezugszeiten bis "
                        f"31.12.2022 bleiben unberücksichtigt ({u.paragraph}), die Karenzzeit lief daher von "
                        f"{beginn:%m/%Y} bis {add_months(ende, -1):%m/%Y} – vorausgesetzt, der Bezug dauerte am "
                        "01.01.2023 an.")
        quellen.append({"angabe": "Karenzzeit bei Leistungsbezug vor 2023", "quelle": u.citation.text,
                        "zuverlaessigkeit": u.citation.zuverlaessigkeit})
    hinweise.append("Als Leistungsbeginn zählt der erste Monat des Leistungsbezugs überhaupt, nicht der Beginn des "
                    "aktuellen Bewilligungszeitraums; eine neue Karenzzeit beginnt erst nach mindestens drei Jahren ohne "
                    "Leistungen nach dem SGB II oder SGB XII (§ 22 Abs. 1 S. 5 SGB II). Unterbrechungen von mindestens "
                    "einem Monat verlängern die Karenzzeit (S. 4) – hier nicht berücksichtigt.")
    if fall.keine_karenzzeit_s8 and fassung.fassung == "grundsicherungsgeld":
        hinweise.append(f"Keine Karenzzeit ab {german_date(fassung.gueltig_ab)} ({fassung.saetze['keine_karenzzeit']}): "
                        + "; ".join(fassung.keine_karenzzeit) + ".")
        return False, fassung
    inside = beginn <= monat < ende
    if inside:
        hinweise.append(f"Karenzzeit {beginn:%m/%Y} bis {add_months(ende, -1):%m/%Y}: die tatsächliche Bruttokaltmiete "
                        f"wird anerkannt ({fassung.saetze['tatsaechliche_kosten']})"
                        + (f", ab {german_date(fassung.gueltig_ab)} höchstens das {german_number(fassung.deckel_faktor, 1)}-fache "
                           f"der angemessenen Kosten ({fassung.saetze['deckel']})" if fassung.deckel_faktor else "")
                        + ". Heizkosten haben keine Karenzzeit.")
        quellen.append({"angabe": f"Karenzzeit (Fassung ab {german_date(fassung.gueltig_ab)})", "quelle": fassung.citation.text,
                        "zuverlaessigkeit": fassung.citation.zuverlaessigkeit})
    return inside, fassung


def _court_covers(t: tr.Traeger, e: tr.Entscheidung, vr_name: str | None, gemeinde: str) -> bool:
    """A decision covers the household if it names no region, the household's region, or a region with its Gemeinde."""
    if e.vergleichsraum is None or e.vergleichsraum == vr_name:
        return True
    region = t.vergleichsraum(e.vergleichsraum)
    return region is not None and region.enthaelt(gemeinde)


_ERGEBNIS_TEXT = {"schluessig": "schlüssig", "fortschreibung_zulaessig": "Fortschreibung zulässig",
                  "nicht_schluessig_eigener_wert": "nicht schlüssig, eigener Wert des Gerichts",
                  "nachbesserung": "nachgebessert", "erkenntnisausfall": "Erkenntnisausfall: Wohngeldtabelle + 10 %",
                  "nicht_schluessig": "nicht schlüssig (Folge nicht erfasst)"}


def mietbegriff_hinweis(traeger_name: str, mietbegriff: str) -> str:
    """Why an edition's amounts are not a Bruttokalt Richtwert: a published Bruttowarm limit, or a kind of rent our
    source does not state (a gap in the project's data, not in the Träger's guideline)."""
    if mietbegriff == "bruttowarm":
        return (f"{traeger_name} veröffentlicht in dieser Ausgabe nur eine Grenze für die Bruttowarmmiete "
                "(Gesamtangemessenheitsgrenze, § 22 Abs. 10 SGB II); ein Richtwert für die Bruttokaltmiete liegt "
                "nicht vor, ein Vergleich der Bruttokaltmiete mit der Wohngeldtabelle greift daher zu kurz.")
    return (f"Für diese Ausgabe von {traeger_name} sind Beträge erfasst, aber unsere Quelle nennt nicht, welche Miete "
            "sie begrenzen (bruttokalt oder bruttowarm). Sie werden darum nicht als Richtwert für die Bruttokaltmiete "
            "verwendet. Das ist eine Lücke in unseren Daten, keine Lücke im Konzept: bitte den Richtwert im Bescheid "
            "oder in der Richtlinie des Trägers nachsehen.")


def _richtwert(fall: Fall, t: tr.Traeger, monat: date, hinweise: list[str], quellen: list[dict]):
    """(edition, Vergleichsraum, Richtwert, derivation note) of the month."""
    ausgabe = t.ausgabe_am(monat)
    vr_name = fall.vergleichsraum
    richtwert = note = None
    if ausgabe is None or not ausgabe.hat_werte():
        later = t.naechste_ausgabe_nach(monat)
        gap = ("Das ist eine Lücke in unseren Daten, kein Ausfall des Konzepts: das Jobcenter hatte einen Richtwert. "
               "Bitte den Richtwert aus dem Bescheid oder der Richtlinie nachsehen.")
        offen = t.unklare_ausgabe_am(monat) if ausgabe is None else None
        if offen is not None:
            hinweise.append(f"Welche Ausgabe von {t.name} im Monat {monat:%m/%Y} galt, ist in unseren Daten offen: "
                            f"„{offen.bezeichnung}“ (beschlossen am {german_date(offen.beschlossen)}, Beginn nicht "
                            "bekannt) hat die vorherigen Richtwerte abgelöst; deren Werte werden darum nicht angesetzt.")
        hinweise.append((f"Für {monat:%m/%Y} ist im Programm kein Richtwert von {t.name} erfasst" if ausgabe is None else
                         f"Richtwert für diesen Zeitraum nicht bekannt (Ausgabe vom {german_date(ausgabe.gueltig_ab)} existiert)")
                        + (f" (nächste erfasste Tabelle ab {german_date(later.gueltig_ab)})" if later else "") + ". " + gap)
    elif ausgabe.mietbegriff != "bruttokalt":
        hinweise.append(mietbegriff_hinweis(t.name, ausgabe.mietbegriff))
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
    return ausgabe, vr_name, richtwert, note


def _wogg(fall: Fall, t: tr.Traeger, monat: date, hinweise: list[str], quellen: list[dict]):
    """(Mietenstufe, table + 10 %, Klimakomponente) of the household's own Gemeinde; Nones where not determinable."""
    try:
        res = ms.mietenstufe(fall.gemeinde, monat, kreis=t.mietenstufe_kreis)
        plus10 = wogg.wogg_plus10(res.stufe, fall.personen, monat)
        klima = wogg.klimakomponente(fall.personen, monat)
    except ReferenceDataError as exc:
        hinweise.append(f"Wohngeldtabelle + 10 % nicht bestimmbar: {exc.message.rstrip('.')}.")
        return None, None, None
    quellen.append({"angabe": f"Mietenstufe {res.stufe} ({res.gemeinde})", "quelle": res.citation.text,
                    "zuverlaessigkeit": res.citation.zuverlaessigkeit})
    cit = wogg.wogg_citation(monat)
    quellen.append({"angabe": "Wohngeldtabelle (Höchstbetrag × 1,1)", "quelle": f"{cit.text}; {WOGG_RG}",
                    "zuverlaessigkeit": cit.zuverlaessigkeit})
    if klima is not None:
        kc = wogg.klimakomponente_citation(monat)
        quellen.append({"angabe": "Klimakomponente (nicht in der Obergrenze)", "quelle": f"{kc.text}; {KLIMA_RG}",
                        "zuverlaessigkeit": kc.zuverlaessigkeit})
    return res.stufe, plus10, klima


def _obergrenze(fall: Fall, t: tr.Traeger, monat: date, vr_name: str | None, richtwert, plus10,
                hinweise: list[str], quellen: list[dict]) -> tuple[str, Decimal | None, tr.Entscheidung | None]:
    """(grundlage, ceiling, governing court decision) by the rules in the module docstring."""
    courts = [e for e in t.gerichtsentscheidungen if e.betrifft(monat) and _court_covers(t, e, vr_name, fall.gemeinde)]
    for e in courts:
        if e.zuverlaessigkeit not in ("A", "B"):
            hinweise.append(f"Gericht: {e.bezeichnung} – {_ERGEBNIS_TEXT[e.ergebnis]} ({e.gegenstand}); nicht verwendet, "
                            f"weil die Entscheidung im Projekt nur mit Zuverlässigkeit {e.zuverlaessigkeit} belegt ist.")
    court = tr.massgebliche_entscheidung([e for e in courts if e.zuverlaessigkeit in ("A", "B")])
    if court is not None:
        others = [e for e in courts if e is not court and e.zuverlaessigkeit in ("A", "B")]
        text = f"Gericht: {court.bezeichnung} – {_ERGEBNIS_TEXT[court.ergebnis]} ({court.gegenstand}). {court.begruendung}."
        if court.erste_instanz:
            text += f" Erste Instanz: {SGG_141}; für andere Haushalte ein Argument, keine Bindung."
        if others:
            text += " Vorrang vor " + "; ".join(e.bezeichnung for e in others) + " (höhere Instanz, dann spätere Entscheidung)."
        hinweise.append(text)
        quellen.append({"angabe": "Gerichtsentscheidung", "quelle": court.zitat, "zuverlaessigkeit": court.zuverlaessigkeit})
    if fall.annahme == "wogg":
        if plus10 is None:
            return "keine", None, court
        erkenntnisausfall = court is not None and court.ergebnis == "erkenntnisausfall"
        if not erkenntnisausfall:
            hinweise.append("Annahme auf Wunsch (--annahme wogg): Erkenntnisausfall, Obergrenze Wohngeldtabelle + 10 %. "
                            "Das gilt nur, wenn das Konzept nicht schlüssig ist und auch nicht nachgebessert werden kann "
                            f"({KURZ_ERKENNTNISAUSFALL}) – vor Gericht darzulegen.")
        return ("wogg_erkenntnisausfall" if erkenntnisausfall else "wogg_annahme"), plus10, court
    if fall.annahme == "richtwert":
        if court is not None and court.ergebnis not in ("schluessig", "fortschreibung_zulaessig"):
            hinweise.append("Auf Wunsch (--annahme richtwert) wird trotz der Gerichtsentscheidung der Richtwert verwendet.")
        return ("richtwert", richtwert, court) if richtwert is not None else ("keine", None, court)
    if court is not None and court.ergebnis not in ("schluessig", "fortschreibung_zulaessig"):
        if court.ergebnis == "erkenntnisausfall":
            return ("wogg_erkenntnisausfall", plus10, court) if plus10 is not None else ("keine", None, court)
        value = court.wert(fall.personen)
        if value is not None:
            return "gericht_eigener_wert", value, court
        hinweise.append("Welcher Wert nach der Gerichtsentscheidung für diese Haushaltsgröße gilt, ist im Programm nicht "
                        "erfasst; daher keine Obergrenze.")
        return "keine", None, court
    return ("richtwert", richtwert, court) if richtwert is not None else ("keine", None, court)


def _kostensenkung(fall: Fall, monat: date, karenz_ende: date | None) -> tuple[str, date | None]:
    """State of the Kostensenkung period in ``monat`` and its last day. The period runs from the day the request was
    received, but not before the Karenzzeit has ended (the Karenzzeit is not counted); a month in which the period is
    still running counts in full."""
    if fall.kostensenkungsaufforderung is None:
        return "nicht_angegeben", None
    start = fall.kostensenkungsaufforderung
    if karenz_ende is not None and start < karenz_ende:
        start = karenz_ende
    first = add_months(date(start.year, start.month, 1), KOSTENSENKUNG_MONATE)
    end = date(first.year, first.month, min(start.day, calendar.monthrange(first.year, first.month)[1]))
    last_day = end - timedelta(days=1)
    return ("frist_laeuft" if monat <= last_day else "frist_abgelaufen"), last_day


@dataclass(frozen=True)
class Unterkunft:
    """Step result: the recognised cold rent of a month (``None`` = not determinable), the Karenzzeit cap applied,
    and the state of the Kostensenkung period."""

    anerkannt: Decimal | None
    deckel: Decimal | None
    kostensenkung: str


def _anerkannte_unterkunft(fall: Fall, monat: date, grundlage: str, obergrenze: Decimal | None, karenz: bool,
                           fassung, karenz_ende: date | None, hinweise: list[str]) -> Unterkunft:
    """Step 4 of :func:`berechne_monat`: the cold rent to recognise (move rule, Karenzzeit with its cap, the ceiling,
    the Kostensenkung period)."""
    deckel = None
    kostensenkung = "nicht_noetig"
    miete = fall.bruttokaltmiete
    if fall.bisherige_bruttokaltmiete is not None and miete > fall.bisherige_bruttokaltmiete:
        miete = fall.bisherige_bruttokaltmiete
        hinweise.append(f"Umzug ohne Notwendigkeit: nur die bisherige Bruttokaltmiete von "
                        f"{german_number(miete)} € zählt (§ 22 Abs. 1 S. 6 SGB II a. F.; ab 01.07.2026 § 22 Abs. 4 SGB II).")
    if grundlage == "keine" or obergrenze is None:
        anerkannt_u = None
        if karenz and (fassung is None or fassung.deckel_faktor is None):
            hinweise.append(f"In der Karenzzeit ist die tatsächliche Bruttokaltmiete ({german_number(miete)} €) auch ohne "
                            "bekannte Obergrenze anzuerkennen (§ 22 Abs. 1 S. 3 SGB II); Gesamtbetrag und Nachzahlung "
                            "weist das Programm ohne Obergrenze trotzdem nicht aus.")
            anerkannt_u = miete
        elif karenz:
            hinweise.append("Ab 01.07.2026 ist auch in der Karenzzeit höchstens das Eineinhalbfache der angemessenen "
                            "Kosten anzuerkennen; ohne bekannte Obergrenze ist dieser Betrag nicht bestimmbar.")
    elif karenz:
        anerkannt_u = miete
        deckel = fassung.deckel(obergrenze) if fassung is not None else None
        if deckel is not None and miete > deckel:
            anerkannt_u = deckel
            hinweise.append(f"Karenzzeit ab {german_date(fassung.gueltig_ab)}: höchstens {german_number(fassung.deckel_faktor, 1)} × "
                            f"{german_number(obergrenze)} € = {german_number(deckel)} € ({fassung.saetze['deckel']}; "
                            f"{kz_gesetz_zitat('dreizehntes_sgb2_aendg')}).")
        if deckel is not None and (fall.kinder or miete > deckel):
            hinweise.append(f"Ausnahmen ({fassung.saetze['ausnahmen']}): " + "; ".join(fassung.ausnahmen[:2])
                            + (". In dieser Bedarfsgemeinschaft leben Kinder: höhere Kosten können anerkannt werden."
                               if fall.kinder else "."))
    elif miete <= obergrenze:
        anerkannt_u = miete
    else:
        kostensenkung, frist_ende = _kostensenkung(fall, monat, karenz_ende)
        if kostensenkung == "frist_laeuft":
            anerkannt_u = miete
            hinweise.append(f"Miete über der Obergrenze, aber Frist nach der Kostensenkungsaufforderung vom "
                            f"{german_date(fall.kostensenkungsaufforderung)} läuft bis {german_date(frist_ende)} (in der Regel "
                            f"längstens sechs Monate, die Karenzzeit wird nicht angerechnet; § 22 Abs. 1 S. 7, 8 SGB II a. F., "
                            "ab 01.07.2026 S. 9, 10): die tatsächlichen Kosten sind anzuerkennen.")
        else:
            anerkannt_u = obergrenze
            if kostensenkung == "nicht_angegeben":
                hinweise.append("Miete über der Obergrenze: der Betrag ist nur die abstrakt angemessene Höhe. Gekürzt "
                                "werden darf erst nach einer Kostensenkungsaufforderung und einer Frist von in der Regel "
                                "bis zu sechs Monaten (nach Ablauf der Karenzzeit; § 22 Abs. 1 S. 7, 8 SGB II a. F., ab "
                                "01.07.2026 S. 9, 10). Datum der Aufforderung mit --kostensenkungsaufforderung angeben.")
    return Unterkunft(anerkannt_u, deckel, kostensenkung)


def _heizung_hinweise(fall: Fall, ausgabe, vr_name: str | None, hinweise: list[str], quellen: list[dict]) -> None:
    """Step 5: heating is recognised as stated; the Träger's limit is named as an indication only."""
    hinweise.append("Heizkosten: wie angegeben angesetzt; keine Karenzzeit. Ein Heizspiegel- oder Trägergrenzwert ist "
                    "nur ein Anhaltspunkt; gekürzt werden darf erst nach konkreter Prüfung und Kostensenkungsaufforderung "
                    f"({KURZ_HEIZKOSTEN}). Hat das Jobcenter so rechtmäßig gekürzt, mindert das eine Nachzahlung.")
    if ausgabe is not None and vr_name is not None and ausgabe.mietbegriff == "bruttokalt":
        limit, _ = tr.richtwert(ausgabe, vr_name, fall.personen, measure="heizkosten_eur")
        if limit is not None and fall.heizkosten > limit:
            hinweise.append(f"Heizkosten über der Grenze des Trägers ({german_number(limit)} €): nur ein Anhaltspunkt für "
                            "eine Prüfung im Einzelfall, keine Kürzung ohne konkrete Prüfung und Kostensenkungsaufforderung.")
            quellen.append({"angabe": "Heizkostengrenze", "quelle": f"{ausgabe.quelle}; {HEIZ_RG}",
                            "zuverlaessigkeit": ausgabe.zuverlaessigkeit})


def _wohnflaeche_hinweise(fall: Fall, t, ausgabe, hinweise: list[str], quellen: list[dict]) -> None:
    """Step 6: the flat's area against the angemessene Wohnfläche (Produkttheorie: only a note)."""
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


def berechne_monat(fall: Fall, monat: date) -> Monat:
    """One month, in named steps: 1 Richtwert, 2 WoGG + 10 %, 3 ceiling and its basis, 4 recognised cold rent,
    5 heating, 6 area; then the amounts (each step appends its German notes and sources)."""
    t = tr.find_traeger(fall.traeger)
    hinweise: list[str] = []
    quellen: list[dict] = []
    ausgabe, vr_name, richtwert, note = _richtwert(fall, t, monat, hinweise, quellen)
    stufe, plus10, klima = _wogg(fall, t, monat, hinweise, quellen)
    grundlage, obergrenze, court = _obergrenze(fall, t, monat, vr_name, richtwert, plus10, hinweise, quellen)
    mit_klima = (round_cent(obergrenze + klima) if grundlage in ("wogg_erkenntnisausfall", "wogg_annahme")
                 and klima is not None else None)
    if mit_klima is not None:
        hinweise.append(f"+ Klimakomponente {german_number(klima)} € ({KLIMA_RG}): Obergrenze dann "
                        f"{german_number(mit_klima)} € – nur als zweite, umstrittene Zahl.")
    if grundlage == "keine":
        hinweise.append("Keine Obergrenze bekannt: das Programm weist keinen anzuerkennenden Betrag und keine "
                        "Nachzahlung aus (§ 22 Abs. 1 S. 1 SGB II: nur angemessene Kosten).")
    karenz, fassung = _karenzzeit(fall, monat, hinweise, quellen)
    if fassung is None and monat >= kz.eingefuehrt_am():  # pragma: no cover - data always cover from 2023
        raise ReferenceDataError(f"Für {monat:%m/%Y} ist die Karenzzeit-Regel nicht erfasst")
    karenz_ende = (kz.karenzzeit_ende(fall.leistungsbeginn)
                   if fall.leistungsbeginn is not None and not fall.vorher_angemessen_anerkannt else None)
    u = _anerkannte_unterkunft(fall, monat, grundlage, obergrenze, karenz, fassung, karenz_ende, hinweise)
    anerkannt_u, deckel, kostensenkung = u.anerkannt, u.deckel, u.kostensenkung
    _heizung_hinweise(fall, ausgabe, vr_name, hinweise, quellen)
    _wohnflaeche_hinweise(fall, t, ausgabe, hinweise, quellen)
    tatsaechlich = round_cent(fall.bruttokaltmiete + fall.heizkosten)
    anerkannt = differenz = nachzahlung = None
    if grundlage != "keine" and anerkannt_u is not None:
        anerkannt = round_cent(anerkannt_u + fall.heizkosten)
        differenz = round_cent(tatsaechlich - anerkannt)
        if fall.anerkannt_jobcenter is not None:
            nachzahlung = max(round_cent(anerkannt - fall.anerkannt_jobcenter), Decimal("0.00"))
    return Monat(monat=monat, vergleichsraum=vr_name, ausgabe=ausgabe.id if ausgabe else None,
                 richtwert_eur=richtwert, richtwert_hinweis=note, mietenstufe=stufe, wogg_plus10_eur=plus10,
                 klimakomponente_eur=klima, obergrenze_eur=obergrenze if grundlage != "keine" else None,
                 obergrenze_mit_klimakomponente_eur=mit_klima, grundlage=grundlage, karenzzeit=karenz,
                 karenzzeit_deckel_eur=deckel, kostensenkung=kostensenkung,
                 entscheidung=court.bezeichnung if court else None,
                 anerkannt_unterkunft_eur=None if anerkannt_u is None else round_cent(anerkannt_u),
                 anerkannt_heizung_eur=round_cent(fall.heizkosten), anerkannt_eur=anerkannt, tatsaechlich_eur=tatsaechlich,
                 differenz_eur=differenz, nachzahlung_eur=nachzahlung, hinweise=hinweise, quellen=quellen)


def kz_gesetz_zitat(key: str) -> str:
    return next(g.zitat for g in kz.gesetze() if g.key == key)


REGEL = ("Obergrenze ist der Richtwert des Trägers. Hat ein Gericht für den Vergleichsraum und Zeitraum anders "
         "entschieden, gilt die höhere Instanz, dann die spätere Entscheidung: ein eigener Wert des Gerichts, oder – nur "
         f"bei festgestelltem Erkenntnisausfall – die Wohngeldtabelle + 10 % ({KURZ_ERKENNTNISAUSFALL}); ein Urteil der ersten "
         "Instanz bindet nur die Beteiligten (§ 141 SGG). Fehlt ein Richtwert in unseren Daten, weist das Programm keine "
         "Obergrenze aus; die Wohngeldtabelle + 10 % nur auf ausdrücklichen Wunsch (--annahme wogg) als Annahme. Die "
         "Klimakomponente ist umstritten und steht getrennt. In der Karenzzeit zählt die tatsächliche Bruttokaltmiete, "
         "ab 01.07.2026 höchstens das Eineinhalbfache der angemessenen Kosten; Heizkosten wie angegeben.")


def _sum(values) -> Decimal | None:
    """Sum over all months, or ``None`` if any month has no amount (a partial total is not a total)."""
    values = list(values)
    if not values or any(v is None for v in values):
        return None
    return round_cent(sum(values, Decimal(0)))


def berechne(fall: Fall) -> dict:
    """The whole case: first month's figures at top level (contract §8 keys), all months, sums, sources."""
    _validate(fall)
    t = tr.find_traeger(fall.traeger)  # clear error before any month
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
    return {
        "traeger": t.name, "gemeinde": fall.gemeinde, "personen": fall.personen,
        "monat": fall.monat, "bis": fall.bis or fall.monat,
        "bruttokaltmiete_eur": round_cent(fall.bruttokaltmiete), "heizkosten_eur": round_cent(fall.heizkosten),
        "wohnflaeche_m2": fall.wohnflaeche, "vergleichsraum": first.vergleichsraum,
        "richtwert_eur": first.richtwert_eur, "wogg_plus10_eur": first.wogg_plus10_eur,
        "klimakomponente_eur": first.klimakomponente_eur, "mietenstufe": first.mietenstufe,
        "obergrenze_eur": first.obergrenze_eur, "grundlage": first.grundlage,
        "obergrenze_mit_klimakomponente_eur": first.obergrenze_mit_klimakomponente_eur,
        "karenzzeit": first.karenzzeit, "leistungsbeginn": fall.leistungsbeginn,
        "anerkannt_eur": first.anerkannt_eur, "differenz_eur": first.differenz_eur,
        "nachzahlung_eur": first.nachzahlung_eur,
        "summe_differenz_eur": _sum(m.differenz_eur for m in months),
        "summe_nachzahlung_eur": (_sum(m.nachzahlung_eur for m in months) if fall.anerkannt_jobcenter is not None
                                  else None),
        "anzahl_monate": len(months), "monate_ohne_obergrenze": sum(1 for m in months if m.grundlage == "keine"),
        "annahme": fall.annahme, "regel": REGEL,
        "monate": months, "hinweise": hinweise, "quellen": quellen, "berechnet_am": date.today(),
    }
