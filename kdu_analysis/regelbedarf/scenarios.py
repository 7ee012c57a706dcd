"""Regelbedarf scenarios: named, documented, combinable changes to the official per-Abteilung amounts.

A scenario starts from the official amounts — the § 5/§ 6 RBEG sums, or, with item data from an EVS table
(``extract evs``), each item's regelbedarfsrelevant part — and applies its steps (``data/szenarien.yaml``):
restore deleted amounts (all, chosen items, chosen Abteilungen), leave out amounts resting on statistically
uncertain cells, and an alternative Fortschreibung from an index file. The result holds per Abteilung the
official amount, the scenario amount and the difference, their sums, and the resulting Regelbedarf after the
Fortschreibung to a target year (half up to whole euros, § 28 Abs. 5 SGB XII), official and scenario side by side.

The Fortschreibung path follows the rules of :mod:`kdu_analysis.regelbedarf.reproduce` (decision D110) with the
same rates (:func:`kdu_analysis.reference.regelbedarf.fortschreibung`) and :func:`reproduce.fortschreiben`; a test
proves that the official sums give every published RBS 1 amount. Published alternatives (Paritätischer) are
*reference values of others* (:func:`alternativen`), never computed here.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

import pandas as pd

from kdu_analysis import config
from kdu_analysis.errors import InputError, ReferenceDataError
from kdu_analysis.formatting import german_number
from kdu_analysis.loaders.evs_checks import leaf_items, symbols
from kdu_analysis.money import round_cent, round_euro
from kdu_analysis.reference.rbeg import GESETZE, HAUSHALTSTYPEN, STUFE_FUER_TYP, rbeg, rbeg_for_year
from kdu_analysis.reference.regelbedarf import fortschreibung
from kdu_analysis.regelbedarf.reproduce import fortschreiben
from kdu_analysis.schemas import load_validated

DATA_DIR = Path(__file__).resolve().parent / "data"
INDEX_COLUMNS = ["jahr", "veraenderung_prozent", "quelle", "zuverlaessigkeit"]
RESULT_COLUMNS = ["zeile", "abteilung", "bezeichnung", "amtlich_eur", "szenario_eur", "differenz_eur", "davon_unsicher_eur",
                  "posten_nicht_ausgewiesen", "gesetz_eur", "geaendert_durch", "quelle"]


@dataclass(frozen=True)
class Szenario:
    key: str
    name: str
    beschreibung: str
    schritte: tuple[dict, ...]
    braucht_posten: bool = False


@dataclass(frozen=True)
class IndexRate:
    jahr: int
    rate: Decimal  # fraction (0.106 = +10,6 %)
    quelle: str
    zuverlaessigkeit: str


@dataclass
class SzenarioErgebnis:
    """Result of :func:`berechne_szenario`."""

    szenario: Szenario
    gesetz: str
    haushaltstyp: str
    zieljahr: int
    abteilungen: pd.DataFrame  # one row per Abteilung (RESULT_COLUMNS without the summary rows)
    pfad: pd.DataFrame  # Fortschreibung year by year, official and scenario
    hinweise: list[str] = field(default_factory=list)

    @property
    def stufe(self) -> int:
        return STUFE_FUER_TYP[self.haushaltstyp]

    def summe(self, column: str) -> Decimal | None:
        """Sum of a column over the Abteilungen (``None`` when the column is empty, e.g. without item data)."""
        values = [v for v in self.abteilungen[column] if v is not None and not pd.isna(v)]
        return sum(values, Decimal(0)) if values else None

    def regelbedarf(self, which: str = "szenario") -> Decimal:
        """Whole-euro amount in the target year (``which``: ``amtlich`` or ``szenario``)."""
        return self.pfad[f"{which}_betrag_eur"].iloc[-1]

    def table(self) -> pd.DataFrame:
        """Rows for the CSV: Abteilungen, their sum, and the Regelbedarf in the target year (official, scenario)."""
        quelle = self.abteilungen["quelle"].iloc[0] if len(self.abteilungen) else ""
        total = {"zeile": "summe", "abteilung": "", "bezeichnung": "Summe der regelbedarfsrelevanten Verbrauchsausgaben "
                 f"(Preise {rbeg(self.gesetz).evs_jahr})",
                 "amtlich_eur": self.summe("amtlich_eur"), "szenario_eur": self.summe("szenario_eur"),
                 "differenz_eur": self.summe("differenz_eur"), "davon_unsicher_eur": self.summe("davon_unsicher_eur"),
                 "posten_nicht_ausgewiesen": self.summe("posten_nicht_ausgewiesen"),
                 "gesetz_eur": round_cent(rbeg(self.gesetz).summen[self.haushaltstyp]), "geaendert_durch": "", "quelle": quelle}
        last = self.pfad.iloc[-1]
        regel = {"zeile": "regelbedarf", "abteilung": "", "bezeichnung": f"Regelbedarfsstufe {self.stufe} im Jahr {self.zieljahr} "
                 "(fortgeschrieben, auf volle Euro gerundet)",
                 "amtlich_eur": last.amtlich_betrag_eur, "szenario_eur": last.szenario_betrag_eur,
                 "differenz_eur": last.szenario_betrag_eur - last.amtlich_betrag_eur, "davon_unsicher_eur": None,
                 "posten_nicht_ausgewiesen": None, "gesetz_eur": None, "geaendert_durch": "",
                 "quelle": "; ".join(dict.fromkeys(self.pfad["quelle"]))}
        rows = pd.concat([self.abteilungen, pd.DataFrame([total, regel], dtype=object)], ignore_index=True)
        rows["szenario"] = self.szenario.key
        rows["haushaltstyp"] = self.haushaltstyp
        rows["gesetz"] = self.gesetz
        return rows[RESULT_COLUMNS + ["szenario", "haushaltstyp", "gesetz"]]


# --- definitions --------------------------------------------------------------------------------------------

@functools.lru_cache(maxsize=None)
def _definitions() -> dict:
    return load_validated(DATA_DIR / "szenarien.yaml", DATA_DIR / "szenarien.schema.json",
                          remedy="Bitte regelbedarf/data/szenarien.yaml nach szenarien.schema.json berichtigen")["szenarien"]


def szenarien() -> dict[str, Szenario]:
    """All named scenarios of ``data/szenarien.yaml``."""
    return {key: Szenario(key=key, name=d["name"], beschreibung=" ".join(d["beschreibung"].split()),
                          schritte=tuple(d.get("schritte") or ()), braucht_posten=bool(d.get("braucht_posten")))
            for key, d in _definitions().items()}


def szenario(keys: str | Sequence[str] | Szenario) -> Szenario:
    """One scenario, or several combined (steps in the given order; names joined with " + ").
    A :class:`Szenario` object (e.g. defined in a notebook) is returned as it is."""
    if isinstance(keys, Szenario):
        return keys
    keys = [k.strip() for k in ([keys] if isinstance(keys, str) else keys) for k in k.split(",") if k.strip()]
    known = szenarien()
    unknown = [k for k in keys if k not in known]
    if unknown or not keys:
        raise InputError(f"Unbekanntes Szenario {', '.join(unknown) or '(keines angegeben)'}",
                         remedy="Verfügbar sind: " + ", ".join(known) + " (Liste: kdu-analysis regelbedarf szenarien)")
    parts = [known[k] for k in keys]
    if len(parts) == 1:
        return parts[0]
    if sum(1 for p in parts for s in p.schritte if "fortschreibung" in s) > 1:
        raise InputError("Mehrere Szenarien mit eigener Fortschreibung lassen sich nicht kombinieren",
                         remedy="Bitte höchstens ein Szenario mit alternativer Fortschreibung wählen")
    return Szenario(key="+".join(keys), name=" + ".join(p.name for p in parts),
                    beschreibung=" | ".join(p.beschreibung for p in parts),
                    schritte=tuple(s for p in parts for s in p.schritte), braucht_posten=any(p.braucht_posten for p in parts))


def alternativen() -> pd.DataFrame:
    """Alternative Regelbedarf figures published by others, with source and label (never our computation)."""
    raw = load_validated(DATA_DIR / "alternativen.yaml", DATA_DIR / "alternativen.schema.json",
                         remedy="Bitte regelbedarf/data/alternativen.yaml nach alternativen.schema.json berichtigen")
    rows = []
    for e in raw["eintraege"]:
        if e["zuverlaessigkeit"] not in ("A", "B", "C"):
            raise ReferenceDataError(f"alternativen.yaml: Eintrag {e['wer']} {e['jahr']} hat die Zuverlässigkeit "
                                     f"{e['zuverlaessigkeit']}", remedy="Nur belegte Werte (A, B, C) sind zulässig")
        rows.append({"jahr": e["jahr"], "stufe": e["stufe"], "betrag_eur": Decimal(str(e["betrag_eur"])),
                     "amtlich_eur": Decimal(str(e["amtlich_eur"])), "wer": e["wer"], "titel": e["titel"],
                     "quelle": e["quelle"], "zuverlaessigkeit": e["zuverlaessigkeit"],
                     "art": "veröffentlichte Berechnung Dritter (nicht von kdu-analysis berechnet)"})
    return pd.DataFrame(rows, dtype=object)


# --- index files --------------------------------------------------------------------------------------------

def read_index(path: str | Path) -> dict[int, IndexRate]:
    """Read an index CSV (format: ``data/README.md``); a bare file name refers to the bundled files."""
    path = Path(path)
    if not path.exists() and (DATA_DIR / path.name).exists() and len(path.parts) == 1:
        path = DATA_DIR / path.name
    if not path.is_file():
        raise InputError(f"Die Indexdatei {path} gibt es nicht", remedy="Bitte Pfad prüfen (Format: kdu_analysis/regelbedarf/data/README.md)")
    try:
        frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    except (UnicodeDecodeError, pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
        raise InputError(f"Die Indexdatei {path.name} ist keine lesbare CSV-Datei",
                         remedy="UTF-8, Komma als Trennzeichen, Punkt als Dezimalzeichen") from exc
    missing = [c for c in INDEX_COLUMNS if c not in frame.columns]
    if missing:
        raise InputError(f"In der Indexdatei {path.name} fehlen die Spalten {', '.join(missing)}",
                         remedy="Benötigt: " + ", ".join(INDEX_COLUMNS))
    out: dict[int, IndexRate] = {}
    for line, row in enumerate(frame.itertuples(index=False), start=2):
        where = f"Indexdatei {path.name}, Zeile {line}"
        try:
            jahr = int(row.jahr)
            rate = Decimal(row.veraenderung_prozent.strip()) / 100
        except Exception:
            raise InputError(f"{where}: Jahr oder Veränderungsrate ist keine Zahl ({row.jahr!r}, {row.veraenderung_prozent!r})",
                             remedy="Jahr vierstellig, Rate in Prozent mit Punkt als Dezimalzeichen (z. B. 10.6)") from None
        if not row.quelle.strip():
            raise InputError(f"{where}: die Quelle fehlt", remedy="Jede Rate braucht eine Quelle (keine Zahl ohne Quelle)")
        if row.zuverlaessigkeit not in ("A", "B", "C"):
            raise InputError(f"{where}: Zuverlässigkeit {row.zuverlaessigkeit!r} ist nicht zulässig",
                             remedy="Erlaubt sind A, B oder C; unbelegte Werte (U) werden nicht verwendet")
        if jahr in out:
            raise InputError(f"{where}: das Jahr {jahr} steht doppelt in der Datei", remedy="Bitte je Jahr eine Zeile")
        out[jahr] = IndexRate(jahr, rate, row.quelle.strip(), row.zuverlaessigkeit)
    return out


# --- Fortschreibung -----------------------------------------------------------------------------------------

def _pct(rate: Decimal) -> str:
    return german_number(rate * 100, 2) + " %"


def fortschreibung_pfad(summe: Decimal, gesetz: str, zieljahr: int, *, index: dict[int, IndexRate] | None = None,
                        fehlende_jahre: str = "fehler") -> pd.DataFrame:
    """Whole-euro amounts from the law's first year to ``zieljahr`` for a sum in EVS-year prices.

    Official rules (D110): first year = sum × (1 + § 7 rate); Mischindex years: previous *computed* amount ×
    rate(s); from 2023 Basisbetrag (to the cent) × ergänzende rate; paid = max(computed, previous paid).
    With ``index`` the rate of a listed year replaces the § 7 rate, the Mischindex or the Basisfortschreibung;
    a year not listed raises (``fehlende_jahre="fehler"``) or keeps the official rate (``"amtlich"``).
    Columns: jahr, berechnet_eur, betrag_eur, basisbetrag_eur, regel, quelle.
    """
    law = rbeg(gesetz)
    if zieljahr < law.erstes_jahr:
        raise InputError(f"Das Zieljahr {zieljahr} liegt vor dem ersten Jahr des {gesetz} ({law.erstes_jahr})",
                         remedy=f"Bitte ein Zieljahr ab {law.erstes_jahr} wählen")
    for jahr in range(law.erstes_jahr + 1, zieljahr + 1):
        newer = rbeg_for_year(jahr)
        if newer is not None:
            raise InputError(f"Ab {jahr} gilt das {newer.gesetz} mit einer neuen EVS; die Beträge des {gesetz} "
                             f"lassen sich nicht bis {zieljahr} fortschreiben",
                             remedy=f"Bitte ein Zieljahr bis {jahr - 1} wählen oder das {newer.gesetz} verwenden")
    if zieljahr > config.REGELBEDARF_LAST_YEAR:
        raise ReferenceDataError(f"Für {zieljahr} ist keine Fortschreibung der Regelbedarfe erfasst",
                                 remedy=f"Erfasst sind die Jahre bis {config.REGELBEDARF_LAST_YEAR}")

    def rate_for(jahr: int, official: Decimal, what: str) -> tuple[Decimal, str, str | None]:
        if index is None:
            return official, f"{what} {_pct(official)}", None
        if jahr in index:
            r = index[jahr]
            return r.rate, f"{what} ersetzt durch Index {_pct(r.rate)} (statt {_pct(official)})", f"{r.quelle} [{r.zuverlaessigkeit}]"
        if fehlende_jahre == "amtlich":
            return official, f"{what} {_pct(official)} (amtlich, Index ohne Wert für {jahr})", None
        raise InputError(f"Die Indexdatei enthält keinen Wert für {jahr}",
                         remedy="Bitte die Rate für dieses Jahr mit Quelle ergänzen oder ein früheres Zieljahr wählen "
                                "(erfasste Jahre: " + ", ".join(str(j) for j in sorted(index)) + ")")

    rows = []
    rate, regel, index_quelle = rate_for(law.erstes_jahr, law.fortschreibung_rate, f"§ 7 {gesetz[:4]} {gesetz[4:]}")
    computed = round_euro(fortschreiben(summe, rate))
    paid, shadow, basis = computed, computed, None
    rows.append({"jahr": law.erstes_jahr, "berechnet_eur": computed, "betrag_eur": paid, "basisbetrag_eur": None,
                 "regel": regel, "quelle": "; ".join(filter(None, [law.citation.text, index_quelle]))})
    for jahr in range(law.erstes_jahr + 1, zieljahr + 1):
        rates = fortschreibung(jahr)
        rate, regel, index_quelle = rate_for(jahr, rates["basis"], "Mischindex" if rates["art"] == "mischindex" else "Basis")
        if rates["art"] == "mischindex":
            vorstufe = rates.get("vorstufe", Decimal(0))
            computed = round_euro(fortschreiben(fortschreiben(shadow, vorstufe), rate))
            if vorstufe:
                regel = f"{_pct(vorstufe)} (§ 138 SGB XII), dann {regel}"
        else:  # zweistufig, § 28a SGB XII from 2023
            basis = round_cent(fortschreiben(basis if basis is not None else shadow, rate))
            computed = round_euro(fortschreiben(basis, rates["ergaenzend"]))
            regel += f" → {german_number(basis)} €, ergänzend {_pct(rates['ergaenzend'])}"
        shadow = computed
        if computed < paid:
            regel += " · Besitzschutz § 28a Abs. 5 SGB XII"
        paid = max(paid, computed)
        rows.append({"jahr": jahr, "berechnet_eur": computed, "betrag_eur": paid, "basisbetrag_eur": basis,
                     "regel": regel, "quelle": "; ".join(filter(None, [rates["citation"].text, index_quelle]))})
    return pd.DataFrame(rows, dtype=object)


# --- scenario arithmetic ------------------------------------------------------------------------------------

def _selected(items: pd.DataFrame, spec) -> pd.Series:
    if spec == "alle":
        return pd.Series(True, index=items.index)
    if not isinstance(spec, dict):
        raise InputError(f"Szenario-Schritt 'zurueck: {spec}' ist ungültig", remedy="Erlaubt: 'alle' oder codes/abteilungen/bezeichnung_enthaelt")
    mask = pd.Series(False, index=items.index)
    for code in spec.get("codes", []):
        mask |= items["code"].str.startswith(str(code)) & (items["code"] != "")
    for abt in spec.get("abteilungen", []):
        mask |= items["code"].str[:2].where(items["code"] != "", items["abteilung"]) == f"{int(abt):02d}"
    for word in spec.get("bezeichnung_enthaelt", []):
        mask |= items["bezeichnung"].str.contains(word, case=False, regex=False)
    return mask


def _excluded(items: pd.DataFrame, codes) -> pd.Series:
    mask = pd.Series(False, index=items.index)
    for code in codes or []:
        mask |= items["code"].str.startswith(str(code)) & (items["code"] != "")
    return mask


def _law_abteilung(abteilung: str, law) -> str:
    """Item Abteilung → the law's Abteilung key (2017/2021 print Abteilung 1 und 2 together as "01")."""
    if abteilung == "02" and "02" not in law.labels and "und 2" in law.labels.get("01", ""):
        return "01"
    return abteilung


def referenzgruppe(evs: pd.DataFrame) -> tuple[str | None, str | None]:
    """(gesetz, haushaltstyp) an ``extract evs`` table recognised as a reference group (columns ``gesetz``,
    ``haushaltstyp``; either family), else ``(None, None)``."""
    found = []
    for column in ("gesetz", "haushaltstyp"):
        values = {str(v) for v in evs[column] if v is not None and not pd.isna(v) and str(v)} if column in evs.columns else set()
        found.append(values.pop() if len(values) == 1 else None)
    return found[0], found[1]


def _resolve(evs: pd.DataFrame | None, gesetz: str | None, haushaltstyp: str | None) -> tuple[str, str]:
    """The law and household type: given ones, else the EVS table's reference group, else RBEG 2021 / single."""
    table_gesetz, table_typ = referenzgruppe(evs) if evs is not None else (None, None)
    for given, found, what in ((gesetz, table_gesetz, "Gesetz"), (haushaltstyp, table_typ, "Haushaltstyp")):
        if given is not None and found is not None and given != found:
            raise InputError(f"Die EVS-Tabelle ist die Referenzgruppe {table_gesetz} / {table_typ}, angegeben ist als "
                             f"{what} aber {given}",
                             remedy=f"Bitte das {what} der Tabelle verwenden oder die Angabe weglassen")
    return gesetz or table_gesetz or GESETZE[-1], haushaltstyp or table_typ or "einpersonen"


def _item_amounts(evs: pd.DataFrame, law, scenario: Szenario, hinweise: list[str]) -> pd.DataFrame:
    if evs["regelbedarfsrelevant_eur"].isna().all():
        raise InputError("Die EVS-Tabelle hat keine Spalte 'regelbedarfsrelevant'; Szenarien brauchen den amtlich "
                         "anerkannten Teil je Posten",
                         remedy="Bitte eine Tabelle mit der Spalte 'davon regelbedarfsrelevant' einlesen (Abteilungstabellen "
                                "der Drucksache eines RBEG oder eine Destatis-Sonderauswertung mit dieser Spalte)")
    items = leaf_items(evs).copy()
    items["abt"] = [_law_abteilung(a, law) for a in items["abteilung"]]
    amtlich, unbekannt = [], []
    for row in items.itertuples():
        sym = symbols(row.zeichen)
        if row.regelbedarfsrelevant_eur is not None and not pd.isna(row.regelbedarfsrelevant_eur):
            amtlich.append(Decimal(str(row.regelbedarfsrelevant_eur)))
            unbekannt.append(False)
        else:  # "–" = nichts als regelbedarfsrelevant anerkannt; "/" etc. = unknown, counted and reported
            amtlich.append(Decimal(0))
            unbekannt.append(sym.get("regelbedarfsrelevant_eur") != "–")
    items["amtlich"] = amtlich
    items["szenario"] = amtlich
    items["unbekannt"] = unbekannt
    items["geaendert"] = ""
    for step in scenario.schritte:
        if "zurueck" in step:
            mask = _selected(items, step["zurueck"]) & ~_excluded(items, step.get("ausser_codes"))
            for i in items.index[mask]:
                full = items.at[i, "ausgaben_eur"]
                if full is None or pd.isna(full):
                    hinweise.append(f"Posten {items.at[i, 'code'] or items.at[i, 'bezeichnung']} ist nicht ausgewiesen (/) "
                                    "und kann nicht zurückgerechnet werden")
                    continue
                if Decimal(str(full)) != items.at[i, "szenario"]:
                    items.at[i, "szenario"] = Decimal(str(full))
                    items.at[i, "geaendert"] += f"zurueck:{items.at[i, 'code']} "
            if not mask.any():
                hinweise.append(f"Schritt 'zurueck: {step['zurueck']}' trifft keinen Posten der EVS-Tabelle")
        elif step.get("unsichere_werte") == "weglassen":
            for i in items.index[items["unsicher"].astype(bool)]:
                if items.at[i, "szenario"]:
                    items.at[i, "szenario"] = Decimal(0)
                    items.at[i, "geaendert"] += f"unsicher:{items.at[i, 'code']} "
    return items


def _fortschreibung_step(scenario: Szenario, index_path) -> tuple[dict[int, IndexRate] | None, str]:
    steps = [s["fortschreibung"] for s in scenario.schritte if "fortschreibung" in s]
    if index_path is not None:
        return read_index(index_path), "fehler"
    if steps:
        return read_index(steps[0]["index"]), steps[0].get("fehlende_jahre", "fehler")
    return None, "fehler"


def berechne_szenario(keys: str | Sequence[str] | Szenario, *, gesetz: str | None = None, haushaltstyp: str | None = None,
                      evs: pd.DataFrame | None = None, zieljahr: int | None = None,
                      index: str | Path | None = None) -> SzenarioErgebnis:
    """Apply the scenario(s) ``keys`` to the official amounts of ``gesetz`` / ``haushaltstyp``.

    ``evs``: item data (``loaders.evs.read_evs_csv`` or ``extract_evs(...).frame``) of either family with a
    regelbedarfsrelevant column; needed by scenarios that restore or drop items. ``gesetz`` / ``haushaltstyp``
    default to the table's reference group (columns ``gesetz``, ``haushaltstyp``), else RBEG 2021 / einpersonen;
    a given value that contradicts the table stops. ``index``: an index CSV replacing the Mischindex /
    Basisfortschreibung (every year of the path must be in it). ``zieljahr`` defaults to the law's last year
    before the next Neuermittlung, at most ``config.REGELBEDARF_LAST_YEAR``.
    """
    scenario = szenario(keys)
    gesetz, haushaltstyp = _resolve(evs, gesetz, haushaltstyp)
    if haushaltstyp not in HAUSHALTSTYPEN:
        raise InputError(f"Unbekannter Haushaltstyp {haushaltstyp!r}", remedy="Möglich sind: " + ", ".join(HAUSHALTSTYPEN))
    law = rbeg(gesetz)
    if zieljahr is None:
        later = [rbeg(g).erstes_jahr for g in GESETZE if rbeg(g).erstes_jahr > law.erstes_jahr]
        zieljahr = min(later) - 1 if later else config.REGELBEDARF_LAST_YEAR
    hinweise: list[str] = []
    official = {code: round_cent(value) for code, value in law.abteilungen[haushaltstyp].items()}
    quelle = law.citation.text
    rows = {code: {"zeile": "abteilung", "abteilung": code, "bezeichnung": law.labels[code], "amtlich_eur": value,
                   "szenario_eur": value, "davon_unsicher_eur": None, "posten_nicht_ausgewiesen": None, "gesetz_eur": value,
                   "geaendert_durch": "", "quelle": quelle} for code, value in official.items()}
    if scenario.braucht_posten and evs is None:
        raise InputError(f"Das Szenario '{scenario.name}' braucht die Posten einer EVS-Tabelle",
                         remedy="Bitte mit --evs die CSV von 'kdu-analysis extract evs' angeben")
    if evs is not None:
        items = _item_amounts(evs, law, scenario, hinweise)
        datei = str(evs["datei"].iloc[0]) if "datei" in evs.columns and len(evs) else "EVS-Tabelle"
        for abt, part in items.groupby("abt", sort=True):
            if abt not in rows:
                rows[abt] = {"zeile": "abteilung", "abteilung": abt, "bezeichnung": f"Abteilung {int(abt)} (im {gesetz} nicht enthalten)",
                             "amtlich_eur": Decimal(0), "szenario_eur": Decimal(0), "gesetz_eur": None, "quelle": ""}
                hinweise.append(f"Abteilung {abt} ist im {gesetz} nicht enthalten; amtlich 0 €")
            row = rows[abt]
            row["amtlich_eur"] = sum(part["amtlich"], Decimal(0))
            row["szenario_eur"] = sum(part["szenario"], Decimal(0))
            unsicher = part["unsicher"].astype(bool)
            row["davon_unsicher_eur"] = sum(part.loc[unsicher, "szenario"], Decimal(0))
            row["posten_nicht_ausgewiesen"] = int((part["nicht_ausgewiesen"].astype(bool) | part["unbekannt"].astype(bool)).sum())
            row["geaendert_durch"] = " ".join(" ".join(part["geaendert"]).split())
            row["quelle"] = f"{datei} (Posten, Spalte regelbedarfsrelevant); Vergleich: {quelle}"
            if row["gesetz_eur"] is not None and row["amtlich_eur"] != row["gesetz_eur"]:
                hinweise.append(f"Abteilung {abt}: die Posten der EVS-Tabelle ergeben amtlich {german_number(row['amtlich_eur'])} €, "
                                f"das {gesetz} nennt {german_number(row['gesetz_eur'])} €")
        for abt, row in rows.items():
            if row["davon_unsicher_eur"] is None:
                row.update(szenario_eur=row["amtlich_eur"], davon_unsicher_eur=Decimal(0), posten_nicht_ausgewiesen=0)
                hinweise.append(f"Abteilung {abt}: keine Posten in der EVS-Tabelle, amtlicher Betrag unverändert")
    frame = pd.DataFrame([rows[k] for k in sorted(rows)], dtype=object)
    frame["differenz_eur"] = [s - a for s, a in zip(frame["szenario_eur"], frame["amtlich_eur"])]
    frame = frame[RESULT_COLUMNS]

    stufe = STUFE_FUER_TYP[haushaltstyp]
    if law.betraege_angewandt[stufe] != law.betraege_berechnet[stufe]:
        hinweise.append(f"§ 8 Abs. 2 {gesetz[:4]} {gesetz[4:]}: im Jahr {law.erstes_jahr} wurden für Stufe {stufe} "
                        f"{german_number(law.betraege_angewandt[stufe], 0)} € statt berechnet "
                        f"{german_number(law.betraege_berechnet[stufe], 0)} € gezahlt (Besitzschutz); die Fortschreibung "
                        "hier rechnet mit dem berechneten Betrag")
    idx, fehlende = _fortschreibung_step(scenario, index)
    amtlich = fortschreibung_pfad(sum(frame["amtlich_eur"], Decimal(0)), gesetz, zieljahr)
    neu = fortschreibung_pfad(sum(frame["szenario_eur"], Decimal(0)), gesetz, zieljahr, index=idx, fehlende_jahre=fehlende)
    pfad = pd.DataFrame({"jahr": amtlich["jahr"], "amtlich_berechnet_eur": amtlich["berechnet_eur"],
                         "amtlich_betrag_eur": amtlich["betrag_eur"], "szenario_berechnet_eur": neu["berechnet_eur"],
                         "szenario_betrag_eur": neu["betrag_eur"], "regel": neu["regel"], "quelle": neu["quelle"]},
                        dtype=object)
    return SzenarioErgebnis(scenario, gesetz, haushaltstyp, zieljahr, frame, pfad, hinweise)


def szenario_uebersicht(keys: Sequence[str] | None = None, **kwargs) -> pd.DataFrame:
    """One row per scenario: sums (EVS-year prices) and the Regelbedarf in the target year, official and scenario.
    ``keys`` defaults to every named scenario that can run with the given arguments (item data or not)."""
    if keys is None:
        keys = [k for k, s in szenarien().items() if kwargs.get("evs") is not None or not s.braucht_posten]
    rows = []
    for key in keys:
        result = berechne_szenario(key, **kwargs)
        rows.append({"szenario": result.szenario.key, "name": result.szenario.name,
                     "summe_amtlich_eur": result.summe("amtlich_eur"), "summe_szenario_eur": result.summe("szenario_eur"),
                     "differenz_eur": result.summe("differenz_eur"), "zieljahr": result.zieljahr,
                     "regelbedarf_amtlich_eur": result.regelbedarf("amtlich"),
                     "regelbedarf_szenario_eur": result.regelbedarf("szenario"), "hinweise": "; ".join(result.hinweise)})
    return pd.DataFrame(rows, dtype=object)


__all__ = ["referenzgruppe", "Szenario", "szenario_uebersicht", "SzenarioErgebnis", "IndexRate", "szenarien", "szenario", "alternativen", "read_index",
           "fortschreibung_pfad", "berechne_szenario"]
