"""The finding record every audit check returns (contract §7 columns first)."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date
from decimal import Decimal

import pandas as pd

from kdu_analysis.traeger import Ausgabe, Traeger

#: Contract §7 columns, in this order, then the project's own columns.
CONTRACT_COLUMNS = ["traeger", "vergleichsraum", "haushaltsgroesse", "pruefung", "ergebnis", "wert",
                    "vergleichswert", "rechtsgrundlage", "quelle"]
EXTRA_COLUMNS = ["erlaeuterung", "zuverlaessigkeit", "stichtag", "ausgabe", "gueltig_ab", "status",
                 "mietenstufe", "klimakomponente_eur", "traeger_slug"]
COLUMNS = CONTRACT_COLUMNS + EXTRA_COLUMNS
ERGEBNISSE = ("ok", "hinweis", "verstoss")

#: Short German titles of the check families (for CSVs, charts and slides).
PRUEFUNGEN = {
    "wogg_plus10": "Richtwert gegenüber Wohngeldtabelle + 10 %",
    "wogg_rueckfallwert": "WoGG-Rückfallwert (Tabelle + 10 %) in Verwendung",
    "produkttheorie": "Produkttheorie (Fläche × Quadratmeterpreis)",
    "summe_nkm_bk": "Nettokaltmiete + Betriebskosten = Bruttokaltmiete",
    "monotonie": "Richtwert steigt mit der Haushaltsgröße",
    "umland_teurer": "Umland teurer als die Stadt",
    "inversion": "Reihenfolge benachbarter Vergleichsräume",
    "alter_richtwerte": "Alter der Richtwerte (Überprüfung alle zwei Jahre)",
    "alter_daten": "Alter der Mietdaten (Überprüfung alle zwei Jahre)",
    "keine_werte": "Richtwerte am Stichtag nicht bekannt",
    "vergleichsraum": "Bildung der Vergleichsräume",
    "heizkosten": "Heizkostengrenze gegenüber Heizspiegel",
    "verfuegbarkeit": "Anteil anmietbarer Angebote",
    "bsg_kriterium": "Kriterien des schlüssigen Konzepts (BSG)",
    "rechtsprechung": "Bekannte Gerichtsentscheidungen",
    "abgleich_pdf": "Abgleich mit dem PDF des Kreises",
    "quellenkonflikt": "Widersprüchliche Quellen zu einer Ausgabe",
}


@dataclass
class Finding:
    traeger: str
    pruefung: str
    ergebnis: str
    erlaeuterung: str
    rechtsgrundlage: str
    quelle: str
    zuverlaessigkeit: str
    stichtag: date
    vergleichsraum: str | None = None
    haushaltsgroesse: str | None = None
    wert: Decimal | None = None
    vergleichswert: Decimal | None = None
    ausgabe: str | None = None
    gueltig_ab: date | None = None
    status: str | None = None
    mietenstufe: str | None = None
    klimakomponente_eur: Decimal | None = None
    traeger_slug: str | None = None
    extra: dict = field(default_factory=dict)

    def __post_init__(self):
        if self.ergebnis not in ERGEBNISSE:
            raise ValueError(f"ergebnis {self.ergebnis!r} not in {ERGEBNISSE}")
        if self.pruefung not in PRUEFUNGEN:
            raise ValueError(f"unknown pruefung {self.pruefung!r}")


def finding(traeger: Traeger, pruefung: str, ergebnis: str, erlaeuterung: str, *, stichtag: date,
            rechtsgrundlage: str, quelle: str, zuverlaessigkeit: str, ausgabe: Ausgabe | None = None,
            **fields) -> Finding:
    """A finding for ``traeger``; edition fields are filled from ``ausgabe``."""
    if ausgabe is not None:
        fields.setdefault("ausgabe", ausgabe.id)
        fields.setdefault("gueltig_ab", ausgabe.gueltig_ab)
        fields.setdefault("status", ausgabe.status)
    return Finding(traeger=traeger.name, traeger_slug=traeger.slug, pruefung=pruefung, ergebnis=ergebnis,
                   erlaeuterung=erlaeuterung, rechtsgrundlage=rechtsgrundlage, quelle=quelle,
                   zuverlaessigkeit=zuverlaessigkeit, stichtag=stichtag, **fields)


def weakest(*labels: str | None) -> str:
    """The least reliable of several labels (a comparison is only as good as its weakest input)."""
    order = {"A": 0, "B": 1, "C": 2, "U": 3}
    present = [lab for lab in labels if lab]
    return max(present, key=lambda lab: order[lab]) if present else "U"


def to_frame(findings: list[Finding]) -> pd.DataFrame:
    rows = []
    for f in findings:
        row = asdict(f)
        row.pop("extra")
        rows.append(row)
    return pd.DataFrame(rows, columns=COLUMNS)
