"""The domain model of the Träger data: editions (Ausgaben) of the Richtwerte, Vergleichsräume, concepts and court
decisions of the 13 Saxon Träger, as transcribed and cited in ``data/raw/traeger/<slug>.yaml`` (read by
:mod:`kdu_analysis.traeger.data`).

Each edition records its validity, source, reliability label (A/B/C/U) and status (``sekundaer_transkribiert``: values
copied from a secondary source and not yet checked against the Kreis PDF; ``geprueft``; ``werte_nicht_gefunden``: the
edition is known to exist but its table was not found). Empty cells are ``None`` (= not stated).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from kdu_analysis.errors import InputError
from kdu_analysis.formatting import german_date
from kdu_analysis.reference import rechtsprechung
from kdu_analysis.reference.mietenstufen import normalise_gemeinde

#: Amount columns of an edition's ``werte`` (contract §1 names; ``betrag_eur`` = kind of rent not stated).
MEASURES = ("bruttokaltmiete_eur", "nettokaltmiete_eur", "betriebskosten_eur", "heizkosten_eur",
            "bruttowarmmiete_eur", "betrag_eur")
STATUS = ("sekundaer_transkribiert", "geprueft", "werte_nicht_gefunden")
VR_TYPES = ("stadtgebiet", "teilraum", "umland", "zentraler_ort", "planungsraum", "gemeindegruppe",
            "mietkategorie", "wohnungsmarkttyp", "landkreis_gesamt")
#: Court outcomes (BSG sequence: a concept that is not schlüssig is repaired – Nachbesserung, also by the court –; only
#: where no local findings are possible (Erkenntnisausfall) is the ceiling the WoGG table + 10 %, BSG: reference/data/rechtsprechung.yaml).
#: ``nicht_schluessig`` = not schlüssig, consequence not recorded in the project's data.
ERGEBNISSE = ("schluessig", "nicht_schluessig_eigener_wert", "nachbesserung", "erkenntnisausfall", "nicht_schluessig",
              "fortschreibung_zulaessig")
#: Instances, lowest first (a later decision of a higher instance takes precedence).
INSTANZEN = ("SG", "LSG", "BSG")

SIZES = ("1", "2", "3", "4", "5", "+1")


@dataclass(frozen=True)
class Vergleichsraum:
    name: str
    typ: str
    gemeinden: tuple[str, ...] | None
    gemeinden_vollstaendig: bool
    verwaltungsgemeinschaften: dict
    umland_von: str | None
    liegt_in: str | None
    rang: int | None
    quelle: str
    zuverlaessigkeit: str

    def enthaelt(self, gemeinde: str) -> bool:
        key = normalise_gemeinde(gemeinde)
        names = list(self.gemeinden or []) + list(self.verwaltungsgemeinschaften)
        return any(normalise_gemeinde(n) == key for n in names)


@dataclass(frozen=True)
class Konflikt:
    """Sources that disagree about one fact of an edition, and which one the tool uses (and why)."""

    gegenstand: str
    angaben: tuple[dict, ...]  # {wert, quelle, zuverlaessigkeit, verwendet}
    begruendung: str
    messgroesse: str | None = None
    vergleichsraum: str | None = None
    haushaltsgroesse: str | None = None

    @property
    def verwendet(self) -> dict | None:
        return next((a for a in self.angaben if a["verwendet"]), None)

    @property
    def zelle(self) -> bool:
        """True if the conflict concerns one value cell of the edition's table."""
        return None not in (self.messgroesse, self.vergleichsraum, self.haushaltsgroesse)


@dataclass(frozen=True)
class Ausgabe:
    """One edition of a Träger's Richtwerte (a Richtlinie, a correction, a Fortschreibung)."""

    id: str
    bezeichnung: str
    gueltig_ab: date | None
    gueltig_bis: date | None
    beschlossen: date | None
    konzept: str | None
    dokument: str | None
    quelle: str
    zuverlaessigkeit: str
    status: str
    ersetzt_durch: str | None
    mietbegriff: str
    wohnflaeche_m2: tuple[Decimal | None, ...]
    bruttokaltmiete_eur_m2: tuple[Decimal | None, ...]
    plus1_ab: int
    werte: dict  # measure -> {vergleichsraum: tuple of 6 Decimal|None}
    vergleichsraeume: tuple[str, ...]
    anmerkungen: tuple[dict, ...]
    hinweise: tuple[str, ...]
    quellen: tuple[dict, ...] = ()  # further sources: {quelle, zuverlaessigkeit, umfang, bestaetigt_alle_werte}
    konflikte: tuple[Konflikt, ...] = ()

    def hat_werte(self) -> bool:
        return any(v is not None for table in self.werte.values() for row in table.values() for v in row)

    def wert(self, measure: str, vergleichsraum: str, haushaltsgroesse: str) -> Decimal | None:
        row = self.werte.get(measure, {}).get(vergleichsraum)
        return None if row is None else row[SIZES.index(haushaltsgroesse)]

    def flaeche(self, haushaltsgroesse: str) -> Decimal | None:
        return self.wohnflaeche_m2[SIZES.index(haushaltsgroesse)]

    def gilt_am(self, stichtag: date) -> bool:
        return (self.gueltig_ab is not None and self.gueltig_ab <= stichtag
                and (self.gueltig_bis is None or stichtag <= self.gueltig_bis))


@dataclass(frozen=True)
class Konzept:
    id: str
    titel: str
    autor: str
    autor_zuverlaessigkeit: str
    datum: date | None
    datenstand: date | None
    fortschreibungen: tuple[dict, ...]
    quelle: str
    zuverlaessigkeit: str


@dataclass(frozen=True)
class Entscheidung:
    """A court decision on a Träger's concept, with its outcome category and the period and region decided.

    The citation (court, date, Aktenzeichen, where it can be read, reliability) has one home: the entry ``eintrag`` of
    ``reference/data/rechtsprechung.yaml`` that the Träger file names under ``entscheidung`` (D881); the Träger file
    keeps only what is particular to the Träger. A first-instance judgment binds only its parties (§ 141 SGG); for
    others it is an argument, not a rule.
    """

    eintrag: rechtsprechung.Entscheidung
    vergleichsraum: str | None
    zeitraum_von: date | None
    zeitraum_bis: date | None
    gegenstand: str
    ergebnis: str
    begruendung: str
    zeitraum_angabe: str | None = None
    eigener_wert_eur: dict | None = None  # household size ("1"…"5", "+1") -> Decimal, as the court set it

    @property
    def gericht(self) -> str:
        return self.eintrag.gericht

    @property
    def aktenzeichen(self) -> str:
        return self.eintrag.aktenzeichen

    @property
    def datum(self) -> date | None:
        return self.eintrag.datum

    @property
    def quelle(self) -> str | None:
        return self.eintrag.quelle

    @property
    def url(self) -> str | None:
        return self.eintrag.url

    @property
    def zuverlaessigkeit(self) -> str:
        return self.eintrag.zuverlaessigkeit

    def betrifft(self, monat: date, vergleichsraum: str | None = None) -> bool:
        if self.zeitraum_von is None or monat < self.zeitraum_von:
            return False
        if self.zeitraum_bis is not None and monat > self.zeitraum_bis:
            return False
        return self.vergleichsraum is None or vergleichsraum is None or self.vergleichsraum == vergleichsraum

    @property
    def instanz_stufe(self) -> str:
        """``SG``, ``LSG`` or ``BSG``, read from the court's name."""
        return instanz_stufe(self.gericht)

    @property
    def erste_instanz(self) -> bool:
        return self.instanz_stufe == "SG"

    def wert(self, personen: int) -> Decimal | None:
        """The court's own value for ``personen`` persons (printed sizes only; never derived)."""
        if not self.eigener_wert_eur:
            return None
        return self.eigener_wert_eur.get(str(personen)) if personen <= 5 else None

    @property
    def bezeichnung(self) -> str:
        return bezeichnung(self.eintrag)

    @property
    def zitat(self) -> str:
        """Public citation: court, date, Aktenzeichen and where it can be read."""
        return f"{self.bezeichnung} ({self.url or self.quelle})"


def bezeichnung(eintrag: rechtsprechung.Entscheidung) -> str:
    """How the Träger products name a decision: ``<Gericht> – <Aktenzeichen>``, with a recorded date
    ``<Gericht> vom <TT.MM.JJJJ> – <Aktenzeichen>`` (examples: tests/test_rechtsprechung.py)."""
    datum = f" vom {german_date(eintrag.datum)}" if eintrag.datum else ""
    return f"{eintrag.gericht}{datum} – {eintrag.aktenzeichen}"


def instanz_stufe(gericht: str) -> str:
    """``SG``, ``LSG`` or ``BSG`` from a court's name (``Sächs. LSG`` → ``LSG``)."""
    name = gericht.replace(" ", "")
    return "BSG" if name.startswith("BSG") else ("LSG" if "LSG" in name else "SG")


def massgebliche_entscheidung(entscheidungen) -> Entscheidung | None:
    """Of several decisions on the same period and region, the one that takes precedence: the higher instance,
    then the later decision (undated decisions count as oldest)."""
    return max(entscheidungen, key=lambda e: (INSTANZEN.index(e.instanz_stufe), e.datum or date.min), default=None)


@dataclass(frozen=True)
class Traeger:
    name: str
    kurzname: str
    slug: str
    art: str
    mietenstufe_kreis: str | None
    vergleichsraeume: tuple[Vergleichsraum, ...]
    konzepte: tuple[Konzept, ...]
    ausgaben: tuple[Ausgabe, ...]
    gerichtsentscheidungen: tuple[Entscheidung, ...]
    luecken: tuple[str, ...]
    datei: str = ""
    _vr_index: dict = field(default_factory=dict, repr=False, compare=False)

    def vergleichsraum(self, name: str) -> Vergleichsraum | None:
        return next((v for v in self.vergleichsraeume if v.name == name), None)

    def konzept(self, konzept_id: str | None) -> Konzept | None:
        return next((k for k in self.konzepte if k.id == konzept_id), None)

    def ausgabe_am(self, stichtag: date) -> Ausgabe | None:
        """The edition in force on ``stichtag`` (a published correction replaces its original); ``None`` when our
        data cannot tell (see :meth:`unklare_ausgabe_am`)."""
        chosen = self._neueste_gueltige(stichtag)
        if chosen is not None and self._abgeloest_durch(chosen, stichtag):
            return None
        return chosen

    def unklare_ausgabe_am(self, stichtag: date) -> Ausgabe | None:
        """The edition, decided before ``stichtag`` with unknown start, because of which :meth:`ausgabe_am` cannot
        name the edition in force (Chemnitz: the Richtlinie of 30.04.2014 after the values from 01.12.2012)."""
        chosen = self._neueste_gueltige(stichtag)
        return None if chosen is None else self._abgeloest_durch(chosen, stichtag)

    def _neueste_gueltige(self, stichtag: date) -> Ausgabe | None:
        """The newest dated edition valid on ``stichtag`` (a published correction replaces its original)."""
        candidates = [a for a in self.ausgaben if a.gilt_am(stichtag) and not a.ersetzt_durch]
        if not candidates:
            candidates = [a for a in self.ausgaben if a.gilt_am(stichtag)]
        return max(candidates, key=lambda a: a.gueltig_ab, default=None)

    def _abgeloest_durch(self, ausgabe: Ausgabe, stichtag: date) -> Ausgabe | None:
        """A later edition decided on or before ``stichtag`` whose start our data do not know: an open-ended
        earlier edition may already have been replaced, so which one applied is open (a gap in our data)."""
        if ausgabe.gueltig_bis is not None:
            return None
        later = [a for a in self.ausgaben if a.gueltig_ab is None and a.beschlossen is not None
                 and ausgabe.gueltig_ab < a.beschlossen <= stichtag]
        return max(later, key=lambda a: a.beschlossen, default=None)

    def naechste_ausgabe_nach(self, stichtag: date) -> Ausgabe | None:
        later = [a for a in self.ausgaben if a.gueltig_ab is not None and a.gueltig_ab > stichtag and a.hat_werte()]
        return min(later, key=lambda a: a.gueltig_ab, default=None)

    def vergleichsraeume_fuer(self, gemeinde: str, ausgabe: Ausgabe | None = None) -> list[Vergleichsraum]:
        names = set(vr_names(ausgabe)) if ausgabe is not None else None
        found = [v for v in self.vergleichsraeume if v.enthaelt(gemeinde) and (names is None or v.name in names)]
        if not found and ausgabe is not None and len(names) == 1:
            only = self.vergleichsraum(next(iter(names)))
            if only is not None and only.typ in ("stadtgebiet", "landkreis_gesamt"):
                found = [only]
        return found


def vr_names(ausgabe: Ausgabe) -> list[str]:
    """Vergleichsräume of an edition (those with values, else the declared ones)."""
    names: list[str] = list(ausgabe.vergleichsraeume)
    for table in ausgabe.werte.values():
        names += [n for n in table if n not in names]
    return names


def richtwert(ausgabe: Ausgabe, vergleichsraum: str, personen: int,
              measure: str = "bruttokaltmiete_eur") -> tuple[Decimal | None, str | None]:
    """Richtwert for ``personen`` persons; beyond the printed sizes via the "+1" increment (marked as derived).

    Returns ``(amount, derivation)`` where ``derivation`` is ``None`` for a printed value, else a German note.
    """
    if personen < 1:
        raise InputError(f"Haushaltsgröße {personen} ist ungültig", remedy="Bitte mindestens 1 Person angeben")
    if not ausgabe.hat_werte():  # an edition known only to exist never yields a ceiling
        return None, None
    if personen <= 5:
        printed = ausgabe.wert(measure, vergleichsraum, str(personen))
        if printed is not None or personen <= ausgabe.plus1_ab:
            return printed, None
    inc = ausgabe.wert(measure, vergleichsraum, "+1")
    if inc is None:
        return None, None
    base_size = min(ausgabe.plus1_ab, 5)
    for size in range(min(personen - 1, 5), base_size - 1, -1):
        base = ausgabe.wert(measure, vergleichsraum, str(size))
        if base is not None:
            amount = base + (personen - size) * inc
            return amount, (f"abgeleitet: Wert für {size} Personen ({base} €) + {personen - size} × Mehrbetrag "
                            f"je weitere Person ({inc} €)").replace(".", ",")
    return None, None
