"""Court decisions and the legal statements shown to users: the one home of every court citation (D806).

Data: ``reference/data/rechtsprechung.yaml`` (also the decisions on one Träger's concept, which the Träger files
``data/raw/traeger/*.yaml`` cite by key, D881), validated against ``reference/schema/rechtsprechung.schema.json`` when
first read. Code cites a decision by its key (``zitat("bsg_erkenntnisausfall")`` → ``"BSG 12.12.2013 – B 4 AS 87/12 R"``),
never by a literal Aktenzeichen (``tests/test_rechtsprechung.py`` checks the package for literal ones).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from datetime import date

from kdu_analysis.config import REFERENCE_SCHEMA_DIR
from kdu_analysis.errors import ReferenceDataError
from kdu_analysis.formatting import german_date
from kdu_analysis.reference.params import load_raw
from kdu_analysis.schemas import first_error, jsonable, load_schema

#: Keys of the decisions the code relies on (a test checks each is in the data).
ERKENNTNISAUSFALL = "bsg_erkenntnisausfall"
GERICHT_EIGENER_WERT = "bsg_gericht_eigener_wert"
SCHLUESSIGES_KONZEPT = "bsg_schluessiges_konzept"
HEIZSPIEGEL = "bsg_heizspiegel"
HEIZKOSTEN_KOSTENSENKUNG = "bsg_heizkosten_kostensenkung"
KLIMAKOMPONENTE = "sg_oldenburg_klimakomponente"
VERGLEICHSRAUM_HOMOGEN = "hess_lsg_vergleichsraum"
VERGLEICHSRAUM_CLUSTER = "sg_dresden_vergleichsraum_cluster"


@dataclass(frozen=True)
class Entscheidung:
    key: str
    gericht: str
    aktenzeichen: str
    zuverlaessigkeit: str
    inhalt: str | None = None  # what it holds; decisions on one Träger's concept keep that in the Träger file
    datum: date | None = None
    fundstelle: str | None = None
    quelle: str | None = None  # where it can be read (public address), printed where no url is recorded
    url: str | None = None
    erste_instanz: bool = False

    def zitat(self, *, fundstelle: bool = False) -> str:
        """``BSG 12.12.2013 – B 4 AS 87/12 R`` (without a recorded date: ``Hess. LSG L 6 AS 429/16``)."""
        text = (f"{self.gericht} {german_date(self.datum)} – {self.aktenzeichen}" if self.datum
                else f"{self.gericht} {self.aktenzeichen}")
        return f"{text}, {self.fundstelle}" if fundstelle and self.fundstelle else text

    def kurz(self) -> str:
        """``BSG B 4 AS 87/12 R`` (court and Aktenzeichen, for running text)."""
        return f"{self.gericht} {self.aktenzeichen}"


@dataclass(frozen=True)
class Aussage:
    """A statement as the talk shows it: text, citation, reliability label."""

    text: str
    quelle: str
    zuverlaessigkeit: str

    def as_tuple(self) -> tuple[str, str, str]:
        return (self.text, self.quelle, self.zuverlaessigkeit)


@functools.lru_cache(maxsize=1)
def _data() -> dict:
    raw = load_raw("rechtsprechung")
    problem = first_error(jsonable(raw), load_schema(REFERENCE_SCHEMA_DIR / "rechtsprechung.schema.json"))
    if problem:
        raise ReferenceDataError(f"rechtsprechung.yaml ist fehlerhaft ({problem})",
                                 remedy="Bitte den Eintrag nach reference/schema/rechtsprechung.schema.json berichtigen")
    return raw


@functools.lru_cache(maxsize=None)
def entscheidung(key: str) -> Entscheidung:
    """The decision recorded under ``key``."""
    entries = _data()["entscheidungen"]
    if key not in entries:
        raise ReferenceDataError(f"Gerichtsentscheidung {key!r} ist nicht erfasst",
                                 remedy="Bitte in kdu_analysis/reference/data/rechtsprechung.yaml ergänzen")
    return Entscheidung(key=key, **entries[key])


def erfasst(key: str) -> bool:
    """Whether a decision is recorded under ``key`` (the Träger files cite decisions by key)."""
    return key in _data()["entscheidungen"]


def entscheidungen() -> list[Entscheidung]:
    return [entscheidung(key) for key in _data()["entscheidungen"]]


def zitat(key: str) -> str:
    """``zitat("bsg_erkenntnisausfall")`` → ``"BSG 12.12.2013 – B 4 AS 87/12 R"``."""
    return entscheidung(key).zitat()


def kurz(key: str) -> str:
    """``kurz("bsg_erkenntnisausfall")`` → ``"BSG B 4 AS 87/12 R"``."""
    return entscheidung(key).kurz()


def aussagen(gruppe: str) -> list[Aussage]:
    """The statements of one group (``gesetz``, ``gerichte``, ``offen``) in their order."""
    out = []
    for item in _data()["aussagen"][gruppe]:
        if "entscheidung" in item:
            e = entscheidung(item["entscheidung"])
            out.append(Aussage(item["text"], e.zitat(fundstelle=True), e.zuverlaessigkeit))
        else:
            out.append(Aussage(item["text"], item["quelle"], item["zuverlaessigkeit"]))
    return out


#: The citations the code prints most, read from the data once (``BSG 12.12.2013 – B 4 AS 87/12 R`` …).
ZITAT_ERKENNTNISAUSFALL = zitat(ERKENNTNISAUSFALL)
KURZ_ERKENNTNISAUSFALL = kurz(ERKENNTNISAUSFALL)
ZITAT_KLIMAKOMPONENTE = zitat(KLIMAKOMPONENTE)
KURZ_KLIMAKOMPONENTE = kurz(KLIMAKOMPONENTE)
ZITAT_HEIZSPIEGEL = zitat(HEIZSPIEGEL)
ZITAT_HEIZKOSTEN = zitat(HEIZKOSTEN_KOSTENSENKUNG)
KURZ_HEIZKOSTEN = kurz(HEIZKOSTEN_KOSTENSENKUNG)
ZITAT_SCHLUESSIGES_KONZEPT = zitat(SCHLUESSIGES_KONZEPT)
ZITAT_VERGLEICHSRAUM_HOMOGEN = zitat(VERGLEICHSRAUM_HOMOGEN)
ZITAT_VERGLEICHSRAUM_CLUSTER = zitat(VERGLEICHSRAUM_CLUSTER)
