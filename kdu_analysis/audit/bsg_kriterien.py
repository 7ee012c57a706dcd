"""BSG "schlüssiges Konzept" criteria, recorded per concept by an analyst in ``data/raw/konzepte/*.yaml``.

The 8-point list (BSG, rechtsprechung.yaml ``bsg_schluessiges_konzept``) is domain knowledge in the reference sheet: label **U**. The audit
renders each assessment and flags criteria without evidence (document + page).
"""

from __future__ import annotations

import functools
from datetime import date
from pathlib import Path

import jsonschema
import yaml

from kdu_analysis import config
from kdu_analysis.audit.findings import Finding, finding
from kdu_analysis.errors import ReferenceDataError
from kdu_analysis.reference.rechtsprechung import ZITAT_SCHLUESSIGES_KONZEPT
from kdu_analysis.schemas import load_schema
from kdu_analysis.traeger import Traeger

RG = f"{ZITAT_SCHLUESSIGES_KONZEPT}, Rn. 19 (Kriterien des schlüssigen Konzepts)"
KRITERIEN = {
    1: "Datenerhebung ausschließlich im genau eingegrenzten Vergleichsraum und über den gesamten Vergleichsraum",
    2: "nachvollziehbare Definition des Beobachtungsgegenstandes (Art, Standard, Größe der Wohnungen; Mietbegriff)",
    3: "Angaben über den Beobachtungszeitraum",
    4: "Festlegung der Art und Weise der Datenerhebung (Erkenntnisquellen)",
    5: "Repräsentativität des Umfangs der einbezogenen Daten",
    6: "Validität der Datenerhebung",
    7: "Einhaltung anerkannter mathematisch-statistischer Grundsätze der Datenauswertung",
    8: "Angaben über die gezogenen Schlüsse (z. B. Spannoberwert oder Kappungsgrenze)",
}
BEWERTUNGEN = ("erfuellt", "nicht_erfuellt", "unklar")
#: Format of an assessment file: JSON Schema file beside this module (D809); its enums repeat KRITERIEN and BEWERTUNGEN
#: (tests/test_schemas.py checks they agree).
SCHEMA = load_schema(Path(__file__).with_name("bsg_kriterien.schema.json"))


@functools.lru_cache(maxsize=4)
def _load(folder: str) -> tuple[dict, ...]:
    out = []
    for path in sorted(Path(folder).glob("*.yaml")):
        with path.open(encoding="utf-8") as handle:
            raw = yaml.safe_load(handle)
        try:
            jsonschema.validate(raw, SCHEMA)
        except jsonschema.ValidationError as exc:
            raise ReferenceDataError(f"Die Konzept-Bewertung {path.name} ist ungültig ({exc.message})",
                                     remedy="Format siehe data/raw/konzepte/README.md") from None
        out.append({**raw, "datei": f"data/raw/konzepte/{path.name}"})
    return tuple(out)


def bewertungen() -> list[dict]:
    return list(_load(str(config.raw_dir() / "konzepte")))


def check(traeger: Traeger, stichtag: date) -> list[Finding]:
    mine = [b for b in bewertungen() if b["traeger"] == traeger.slug]
    if not mine:
        return [finding(traeger, "bsg_kriterium", "hinweis",
                        "Für keines der Konzepte dieses Trägers ist eine Bewertung nach den BSG-Kriterien erfasst "
                        "(Vorlage: data/raw/konzepte/README.md).", stichtag=stichtag, rechtsgrundlage=RG,
                        quelle="", zuverlaessigkeit="U")]
    out = []
    for b in mine:
        by_nr = {k["nr"]: k for k in b["kriterien"]}
        for nr, text in KRITERIEN.items():
            k = by_nr.get(nr, {"belege": [], "bewertung": None, "notiz": None})
            belege = "; ".join(f"{x['dokument']}, S. {x['seite']}" + (f" ({x['fundstelle']})" if x.get("fundstelle") else "")
                               for x in k["belege"])
            if not k["belege"]:
                ergebnis, what = "hinweis", "kein Beleg erfasst"
            elif k["bewertung"] == "nicht_erfuellt":
                ergebnis, what = "verstoss", "nicht erfüllt"
            elif k["bewertung"] == "erfuellt":
                ergebnis, what = "ok", "erfüllt"
            else:
                ergebnis, what = "hinweis", "Beleg erfasst, Bewertung offen"
            notiz = f" {k['notiz']}" if k.get("notiz") else ""
            out.append(finding(traeger, "bsg_kriterium", ergebnis,
                               f"{b['titel']} – Kriterium {nr} ({text}): {what}.{notiz}"
                               + (f" Belege: {belege}." if belege else ""),
                               stichtag=stichtag, rechtsgrundlage=RG, quelle=belege or b["titel"], zuverlaessigkeit="U",
                               haushaltsgroesse=None, vergleichsraum=None))
    return out
