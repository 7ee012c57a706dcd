"""Reading the Träger files ``data/raw/traeger/<slug>.yaml``: each file is checked against ``traeger.schema.json``
(beside this module) and cross-checked (editions, Vergleichsräume, conflicts) before the objects of
:mod:`kdu_analysis.traeger.model` are built; an invalid file refuses with a German message naming the file.
"""

from __future__ import annotations

import functools
import re
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path

import jsonschema
import yaml

from kdu_analysis import config
from kdu_analysis.errors import InputError, ReferenceDataError
from kdu_analysis.reference import rechtsprechung
from kdu_analysis.schemas import load_schema
from kdu_analysis.traeger.model import (SIZES, Ausgabe, Entscheidung, Konflikt, Konzept, Traeger, Vergleichsraum,
                                        bezeichnung, instanz_stufe, vr_names)

#: The format of a Träger file: JSON Schema file beside this module (D809). Its enums repeat the constants of
#: :mod:`kdu_analysis.traeger.model` (tests/test_schemas.py checks they agree); dates arrive as YAML dates and are checked in :func:`_date`.
SCHEMA = load_schema(Path(__file__).with_name("traeger.schema.json"))


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


#: A court decision named inside a text of a Träger file (a source, a gap): ``{entscheidung:sg_dresden_s_40_as_390_09}``
#: stands for the decision's name as the products print it (``<Gericht> – <Aktenzeichen>``), read from
#: ``reference/data/rechtsprechung.yaml`` — the Aktenzeichen is stored once (D881).
VERWEIS = re.compile(r"\{entscheidung:([a-z][a-z0-9_]*)\}")


def _mit_entscheidungen(node, where: str = ""):
    """``node`` with every ``{entscheidung:key}`` in its texts replaced by the decision's name."""
    if isinstance(node, dict):
        return {k: _mit_entscheidungen(v, f"{where}/{k}" if where else str(k)) for k, v in node.items()}
    if isinstance(node, list):
        return [_mit_entscheidungen(v, f"{where}/{i}") for i, v in enumerate(node)]
    if not isinstance(node, str) or "{entscheidung:" not in node:
        return node

    def name(match: re.Match) -> str:
        if not rechtsprechung.erfasst(match.group(1)):
            raise ValueError(f"{where}: Entscheidung {match.group(1)!r} ist in "
                             "kdu_analysis/reference/data/rechtsprechung.yaml nicht erfasst")
        return bezeichnung(rechtsprechung.entscheidung(match.group(1)))

    text = VERWEIS.sub(name, node)
    if "{entscheidung:" in text:
        raise ValueError(f"{where}: Verweis auf eine Entscheidung nicht lesbar (Form: {{entscheidung:schluessel}})")
    return text


def parse_traeger(raw: dict, datei: str = "") -> Traeger:
    """Validate one Träger file against :data:`SCHEMA` and build the objects."""
    try:
        jsonschema.validate(raw, SCHEMA)
        raw = _mit_entscheidungen(raw)
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
        entscheidungen = tuple(_entscheidung(e, i) for i, e in enumerate(raw["gerichtsentscheidungen"]))
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


def _entscheidung(raw: dict, index: int) -> Entscheidung:
    """A decision of the Träger file, its citation read from ``reference/data/rechtsprechung.yaml`` (D881)."""
    key = raw["entscheidung"]
    where = f"gerichtsentscheidungen/{index}"
    if not rechtsprechung.erfasst(key):
        raise ValueError(f"{where}: Entscheidung {key!r} ist in kdu_analysis/reference/data/rechtsprechung.yaml "
                         "nicht erfasst")
    eintrag = rechtsprechung.entscheidung(key)
    if not (eintrag.url or eintrag.quelle):
        raise ValueError(f"{where}: Entscheidung {key!r} hat in rechtsprechung.yaml weder url noch quelle")
    if eintrag.erste_instanz != (instanz_stufe(eintrag.gericht) == "SG"):
        raise ValueError(f"{where}: Entscheidung {key!r}: erste_instanz passt nicht zum Gericht {eintrag.gericht!r}")
    eigener = raw.get("eigener_wert_eur")
    return Entscheidung(
        **{**{k: v for k, v in raw.items() if k != "entscheidung"}, "eintrag": eintrag,
           "zeitraum_von": _date(raw["zeitraum_von"]), "zeitraum_bis": _date(raw["zeitraum_bis"]),
           "eigener_wert_eur": ({k: Decimal(str(v)) for k, v in eigener.items() if v is not None} if eigener else None)})


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
