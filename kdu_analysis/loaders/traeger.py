"""Bundled KdU data of the 13 Saxon Träger (``data/raw/traeger/<slug>.yaml``).

Each file records every known edition (Ausgabe) of a Träger's Richtwerte with its validity,
source, reliability label (A/B/C/U) and status (``sekundaer_transkribiert``: values copied from
a secondary source and not yet checked against the Kreis PDF; ``geprueft``; ``werte_nicht_gefunden``:
the edition is known to exist but its table was not found). Empty cells are ``None`` (= not stated).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path

import jsonschema
import pandas as pd
import yaml

from kdu_analysis import config
from kdu_analysis.errors import InputError, ReferenceDataError
from kdu_analysis.formatting import german_date
from kdu_analysis.reference.mietenstufen import normalise_gemeinde
from kdu_analysis.schemas import load_schema

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

#: The format of a Träger file: JSON Schema file beside this module (D809). Its enums repeat the constants above
#: (tests/test_schemas.py checks they agree); dates arrive as YAML dates and are checked in :func:`_date`.
SCHEMA = load_schema(Path(__file__).with_name("traeger.schema.json"))

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
    """A court decision on a Träger's concept, with its outcome category and instance.

    A first-instance judgment binds only its parties (§ 141 SGG); for others it is an argument, not a rule.
    """

    gericht: str
    aktenzeichen: str
    datum: date | None
    vergleichsraum: str | None
    zeitraum_von: date | None
    zeitraum_bis: date | None
    gegenstand: str
    ergebnis: str
    begruendung: str
    quelle: str
    zuverlaessigkeit: str
    zeitraum_angabe: str | None = None
    instanz: str | None = None
    eigener_wert_eur: dict | None = None  # household size ("1"…"5", "+1") -> Decimal, as the court set it
    url: str | None = None

    def betrifft(self, monat: date, vergleichsraum: str | None = None) -> bool:
        if self.zeitraum_von is None or monat < self.zeitraum_von:
            return False
        if self.zeitraum_bis is not None and monat > self.zeitraum_bis:
            return False
        return self.vergleichsraum is None or vergleichsraum is None or self.vergleichsraum == vergleichsraum

    @property
    def instanz_stufe(self) -> str:
        """``SG``, ``LSG`` or ``BSG`` (recorded, else read from the court's name)."""
        if self.instanz:
            return self.instanz
        name = self.gericht.replace(" ", "")
        return "BSG" if name.startswith("BSG") else ("LSG" if "LSG" in name else "SG")

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
        datum = f" vom {german_date(self.datum)}" if self.datum else ""
        return f"{self.gericht}{datum} – {self.aktenzeichen}"

    @property
    def zitat(self) -> str:
        """Public citation: court, date, Aktenzeichen and where it can be read."""
        return f"{self.bezeichnung} ({self.url or self.quelle})"


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
        candidates = [a for a in self.ausgaben if a.gilt_am(stichtag) and not a.ersetzt_durch]
        if not candidates:
            candidates = [a for a in self.ausgaben if a.gilt_am(stichtag)]
        chosen = max(candidates, key=lambda a: a.gueltig_ab, default=None)
        if chosen is not None and self._abgeloest_durch(chosen, stichtag):
            return None
        return chosen

    def _abgeloest_durch(self, ausgabe: Ausgabe, stichtag: date) -> Ausgabe | None:
        """A later edition decided on or before ``stichtag`` whose start our data do not know: an open-ended
        earlier edition may already have been replaced, so which one applied is open (a gap in our data)."""
        if ausgabe.gueltig_bis is not None:
            return None
        later = [a for a in self.ausgaben if a.gueltig_ab is None and a.beschlossen is not None
                 and ausgabe.gueltig_ab < a.beschlossen <= stichtag]
        return max(later, key=lambda a: a.beschlossen, default=None)

    def unklare_ausgabe_am(self, stichtag: date) -> Ausgabe | None:
        """The edition, decided before ``stichtag`` with unknown start, because of which :meth:`ausgabe_am` cannot
        name the edition in force (Chemnitz: the Richtlinie of 30.04.2014 after the values from 01.12.2012)."""
        candidates = [a for a in self.ausgaben if a.gilt_am(stichtag) and not a.ersetzt_durch]
        chosen = max(candidates, key=lambda a: a.gueltig_ab, default=None)
        return None if chosen is None else self._abgeloest_durch(chosen, stichtag)

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


def _date(value) -> date | None:
    if value is None or isinstance(value, date):
        return value
    raise ValueError(f"kein Datum: {value!r}")


def _amounts(values, where: str) -> tuple[Decimal | None, ...]:
    if values is None:
        return (None,) * len(SIZES)
    if len(values) != len(SIZES):
        raise ValueError(f"{where}: {len(values)} Werte statt {len(SIZES)} (1–5 Personen und +1)")
    out = []
    for v in values:
        try:
            out.append(None if v is None else Decimal(str(v)))
        except InvalidOperation:
            raise ValueError(f"{where}: {v!r} ist kein Betrag") from None
    return tuple(out)


def parse_traeger(raw: dict, datei: str = "") -> Traeger:
    """Validate one Träger file against :data:`SCHEMA` and build the objects."""
    try:
        jsonschema.validate(raw, SCHEMA)
        vrs = tuple(Vergleichsraum(
            name=v["name"], typ=v["typ"], gemeinden=tuple(v["gemeinden"]) if v["gemeinden"] is not None else None,
            gemeinden_vollstaendig=v.get("gemeinden_vollstaendig", v["gemeinden"] is not None),
            verwaltungsgemeinschaften=dict(v.get("verwaltungsgemeinschaften", {})),
            umland_von=v.get("umland_von"), liegt_in=v.get("liegt_in"), rang=v.get("rang"),
            quelle=v["quelle"], zuverlaessigkeit=v["zuverlaessigkeit"]) for v in raw["vergleichsraeume"])
        konzepte = tuple(Konzept(
            id=k["id"], titel=k["titel"], autor=k["autor"], autor_zuverlaessigkeit=k["autor_zuverlaessigkeit"],
            datum=_date(k["datum"]), datenstand=_date(k["datenstand"]),
            fortschreibungen=tuple(dict(f, datum=_date(f["datum"])) for f in k.get("fortschreibungen", [])),
            quelle=k["quelle"], zuverlaessigkeit=k["zuverlaessigkeit"]) for k in raw["konzepte"])
        ausgaben = []
        for a in raw["ausgaben"]:
            werte = {m: {vr: _amounts(row, f"{a['id']}/{m}/{vr}") for vr, row in table.items()}
                     for m, table in a["werte"].items()}
            ausgaben.append(Ausgabe(
                id=a["id"], bezeichnung=a["bezeichnung"], gueltig_ab=_date(a["gueltig_ab"]),
                gueltig_bis=_date(a["gueltig_bis"]), beschlossen=_date(a.get("beschlossen")),
                konzept=a.get("konzept"), dokument=a.get("dokument"), quelle=a["quelle"],
                zuverlaessigkeit=a["zuverlaessigkeit"], status=a["status"], ersetzt_durch=a.get("ersetzt_durch"),
                mietbegriff=a["mietbegriff"], wohnflaeche_m2=_amounts(a.get("wohnflaeche_m2"), a["id"]),
                bruttokaltmiete_eur_m2=_amounts(a.get("bruttokaltmiete_eur_m2"), a["id"]),
                plus1_ab=a.get("plus1_ab", 5), werte=werte, vergleichsraeume=tuple(a.get("vergleichsraeume", [])),
                anmerkungen=tuple(a.get("anmerkungen", [])), hinweise=tuple(a.get("hinweise", [])),
                quellen=tuple(a.get("quellen", [])),
                konflikte=tuple(Konflikt(**{**k, "angaben": tuple(k["angaben"])}) for k in a.get("konflikte", []))))
        entscheidungen = tuple(Entscheidung(
            **{**e, "datum": _date(e["datum"]), "zeitraum_von": _date(e["zeitraum_von"]),
               "zeitraum_bis": _date(e["zeitraum_bis"]),
               "eigener_wert_eur": ({k: Decimal(str(v)) for k, v in e["eigener_wert_eur"].items() if v is not None}
                                    if e.get("eigener_wert_eur") else None)}) for e in raw["gerichtsentscheidungen"])
        traeger = Traeger(name=raw["traeger"], kurzname=raw["kurzname"], slug=raw["slug"], art=raw["art"],
                          mietenstufe_kreis=raw["mietenstufe_kreis"], vergleichsraeume=vrs, konzepte=konzepte,
                          ausgaben=tuple(ausgaben), gerichtsentscheidungen=entscheidungen,
                          luecken=tuple(raw["luecken"]), datei=datei)
        _cross_check(traeger)
    except (jsonschema.ValidationError, ValueError, TypeError) as exc:
        detail = exc.message if isinstance(exc, jsonschema.ValidationError) else str(exc)
        path = "/".join(str(p) for p in getattr(exc, "absolute_path", []))
        raise ReferenceDataError(
            f"Die Träger-Datei {datei or raw.get('slug', '?')} ist ungültig ({path + ': ' if path else ''}{detail})",
            remedy="Bitte die Datei nach data/raw/traeger/README.md korrigieren") from None
    return traeger


def _cross_check(t: Traeger) -> None:
    ids = [a.id for a in t.ausgaben]
    if len(set(ids)) != len(ids):
        raise ValueError("Ausgaben-IDs sind nicht eindeutig")
    known = {v.name for v in t.vergleichsraeume}
    for a in t.ausgaben:
        missing = [n for n in vr_names(a) if n not in known]
        if missing:
            raise ValueError(f"Ausgabe {a.id}: Vergleichsraum {missing[0]!r} ist nicht unter vergleichsraeume erfasst")
        if a.konzept and t.konzept(a.konzept) is None:
            raise ValueError(f"Ausgabe {a.id}: Konzept {a.konzept!r} fehlt")
        if a.ersetzt_durch and a.ersetzt_durch not in ids:
            raise ValueError(f"Ausgabe {a.id}: ersetzt_durch {a.ersetzt_durch!r} fehlt")
        if a.status == "werte_nicht_gefunden" and a.hat_werte():
            raise ValueError(f"Ausgabe {a.id}: Status werte_nicht_gefunden, aber Werte eingetragen")
        if a.hat_werte() and a.zuverlaessigkeit == "U":
            raise ValueError(f"Ausgabe {a.id}: Werte mit Zuverlässigkeit U dürfen nicht als Richtwert gelten")
        if any(q.get("bestaetigt_alle_werte") for q in a.quellen) and a.zuverlaessigkeit != "A":
            raise ValueError(f"Ausgabe {a.id}: zwei übereinstimmende unabhängige Quellen ergeben Zuverlässigkeit A")
        for k in a.konflikte:
            _check_konflikt(a, k)


def _check_konflikt(a: Ausgabe, k: Konflikt) -> None:
    """A recorded conflict must match the table: the cell holds the value marked ``verwendet`` (or nothing)."""
    used = [x for x in k.angaben if x["verwendet"]]
    if len(used) > 1:
        raise ValueError(f"Ausgabe {a.id}, Konflikt „{k.gegenstand}“: mehr als eine Angabe ist als verwendet markiert")
    if not k.zelle:
        return
    cell = a.wert(k.messgroesse, k.vergleichsraum, k.haushaltsgroesse)
    expected = Decimal(used[0]["wert"]) if used else None
    if cell != expected:
        raise ValueError(f"Ausgabe {a.id}, Konflikt „{k.gegenstand}“: Tabelle enthält {cell}, "
                         f"verwendet ist {expected}")


def traeger_dir() -> Path:
    return config.raw_dir() / "traeger"


@functools.lru_cache(maxsize=4)
def _load(folder: str) -> tuple[Traeger, ...]:
    path = Path(folder)
    files = sorted(p for p in path.glob("*.yaml") if not p.name.startswith("_"))
    if not files:
        raise InputError(f"Im Ordner {path} liegen keine Träger-Dateien (*.yaml)",
                         remedy="Bitte das Projekt vollständig auschecken oder KDU_DATA_DIR prüfen")
    out = []
    for file in files:
        with file.open(encoding="utf-8") as handle:
            out.append(parse_traeger(yaml.safe_load(handle), datei=f"data/raw/traeger/{file.name}"))
    return tuple(out)


def load_traeger() -> list[Traeger]:
    """All Träger in ``data/raw/traeger`` (schema-validated), sorted by file name."""
    return list(_load(str(traeger_dir())))


def find_traeger(name: str) -> Traeger:
    """A Träger by slug, short name or full name ("Dresden", "Landkreis Meißen", "meissen")."""
    key = " ".join(name.lower().split())
    all_ = load_traeger()
    for t in all_:
        if key in (t.slug, t.kurzname.lower(), t.name.lower()):
            return t
    matches = [t for t in all_ if key in t.name.lower()]
    if len(matches) == 1:
        return matches[0]
    raise InputError(f"Träger {name!r} ist nicht bekannt" + (" (mehrdeutig)" if matches else ""),
                     remedy="Möglich sind: " + ", ".join(t.kurzname for t in all_))


def ausgabe_frame(traeger: Traeger, ausgabe: Ausgabe) -> pd.DataFrame:
    """Tidy rows (Vergleichsraum × Haushaltsgröße) of one edition, contract §1 columns plus source columns."""
    rows = []
    for vr in vr_names(ausgabe):
        for i, size in enumerate(SIZES):
            row = {"traeger": traeger.name, "vergleichsraum": vr, "gueltig_ab": ausgabe.gueltig_ab,
                   "gueltig_bis": ausgabe.gueltig_bis, "haushaltsgroesse": size,
                   "wohnflaeche_m2": ausgabe.wohnflaeche_m2[i], "bruttokaltmiete_eur_m2": ausgabe.bruttokaltmiete_eur_m2[i]}
            for m in MEASURES:
                row[m] = ausgabe.werte.get(m, {}).get(vr, (None,) * 6)[i]
            row.update({"mietbegriff": ausgabe.mietbegriff, "ausgabe": ausgabe.id, "bezeichnung": ausgabe.bezeichnung,
                        "status": ausgabe.status, "quelle": ausgabe.quelle, "dokument": ausgabe.dokument,
                        "zuverlaessigkeit": ausgabe.zuverlaessigkeit, "traeger_slug": traeger.slug})
            rows.append(row)
    return pd.DataFrame(rows)


def richtwerte_frame(stichtag: date | None = None) -> pd.DataFrame:
    """Tidy Richtwerte of every Träger: the edition in force on ``stichtag`` (default: config.DEFAULT_STICHTAG).

    Träger without a known edition on that date contribute no rows.
    """
    stichtag = stichtag or config.DEFAULT_STICHTAG
    frames = []
    for t in load_traeger():
        a = t.ausgabe_am(stichtag)
        if a is not None and a.hat_werte():
            frames.append(ausgabe_frame(t, a))
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()


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
