"""``kdu-analysis reference …``: the legal tables as CSV or readable text (contracts §§ 3–5)."""

from __future__ import annotations

import sys

import pandas as pd

from kdu_analysis import config
from kdu_analysis.commands.args import parse_date
from kdu_analysis.outputs import machine_csv_text
from kdu_analysis.formatting import german_date, german_number
from kdu_analysis.reference import geltung, mietenstufen, regelbedarf, wogg
from kdu_analysis.reference.rechtsprechung import ZITAT_ERKENNTNISAUSFALL


def _emit(frame: pd.DataFrame, fmt: str, columns: list[str], money: set[str]) -> None:
    if fmt == "csv":
        sys.stdout.write(machine_csv_text(frame, columns))
        return
    shown = frame[columns].copy()
    for col in columns:
        if col in money:
            shown[col] = [german_number(v) + " €" if german_number(v) else "" for v in shown[col]]
        elif col in ("fassung", "gueltig_ab"):
            shown[col] = [german_date(v) for v in shown[col]]
    sys.stdout.write(shown.to_string(index=False) + "\n")


def _wogg(args) -> int:
    frame = wogg.wogg_table_frame(args.stichtag)
    citation = wogg.wogg_citation(args.stichtag)
    columns = ["mietenstufe", "haushaltsgroesse", "hoechstbetrag_eur", "hoechstbetrag_plus10_eur",
               "klimakomponente_eur", "fassung", "quelle"]
    if args.format == "csv":
        _emit(frame, "csv", columns + ["zuverlaessigkeit"], set())
    else:
        print(f"Höchstbeträge § 12 WoGG, gültig am {german_date(args.stichtag)} (Fassung ab {german_date(citation.fassung)})")
        _emit(frame, "text", columns[:5], {"hoechstbetrag_eur", "hoechstbetrag_plus10_eur", "klimakomponente_eur"})
        print(f"Quelle: {citation.text} (Verlässlichkeit {citation.zuverlaessigkeit})")
        print(f"+10 %: Rückfallwert nach {ZITAT_ERKENNTNISAUSFALL}; Klimakomponente nach § 12 Abs. 7 WoGG gesondert.")
        state = geltung.geltung("wogg_hoechstbetraege", args.stichtag)
        if state.anstehend:  # in force until changed: say that no newer table is recorded and what is pending
            print("Hinweis: " + " ".join(state.saetze()[0 if state.ueberfaellig else 1:]))
    return 0


def _anstehend(args) -> int:
    stichtag = args.stichtag or config.default_stichtag()
    items = geltung.faellige_nachfolger(stichtag, args.tage)
    if args.format == "csv":
        frame = pd.DataFrame([{"datei": f"kdu_analysis/reference/data/{a.datei}.yaml", "faellig": a.faellig,
                               "ueberfaellig": a.faellig <= stichtag, "art": a.art, "was": a.was, "status": a.status,
                               "quelle": a.quelle, "stand": a.stand, "zuverlaessigkeit": a.zuverlaessigkeit}
                              for a in items],
                             columns=["datei", "faellig", "ueberfaellig", "art", "was", "status", "quelle", "stand",
                                      "zuverlaessigkeit"])
        sys.stdout.write(machine_csv_text(frame, list(frame.columns)))
        return 0
    print(f"Referenzdaten, deren Nachfolger bis {german_date(stichtag + pd.Timedelta(days=args.tage))} fällig ist "
          f"(Stichtag {german_date(stichtag)} + {args.tage} Tage; Überfälliges eingeschlossen):")
    if not items:
        print("  keine")
    for item in items:
        in_force = geltung.geltung(item.datei, stichtag)
        late = "ÜBERFÄLLIG seit" if item.faellig <= stichtag else "fällig"
        print(f"- kdu_analysis/reference/data/{item.datei}.yaml – {in_force.bereich}, geltende Fassung ab "
              f"{german_date(in_force.fassung)}")
        print(f"  {late} {german_date(item.faellig)}: {item.satz()}")
    if items:
        print("Was zu tun ist: docs/jahreswechsel.md (neue Fassung als Eintrag mit Quelle und Verlässlichkeit ergänzen; "
              "der Eintrag unter „anstehend“ gilt dann als erledigt).")
    return 0


def _mietenstufe(args) -> int:
    result = mietenstufen.mietenstufe(args.gemeinde, args.stichtag, kreis=args.kreis)
    print(result.stufe)
    basis = "gesondert gelistet" if result.grundlage == "gemeinde" else f"Wert des Kreises {result.kreis}"
    print(f"{result.citation.text} ({basis}; Verlässlichkeit {result.citation.zuverlaessigkeit})")
    return 0


def _regelbedarf(args) -> int:
    frame = regelbedarf.regelbedarf_table()
    _emit(frame, args.format, ["gueltig_ab", "stufe", "betrag_eur", "quelle"] + (["zuverlaessigkeit"] if args.format == "csv" else []),
          {"betrag_eur"})
    return 0


def register(registry) -> None:
    registry.group("reference", help="Rechtliche Referenzdaten anzeigen (WoGG-Tabelle, Mietenstufen, Regelbedarfe)")
    p = registry.command("wogg", group="reference", handler=_wogg,
                         help="Höchstbeträge nach § 12 WoGG mit +10 %% und Klimakomponente für einen Stichtag")
    p.add_argument("--stichtag", type=parse_date, required=True, help="Datum JJJJ-MM-TT, z. B. 2025-03-01")
    p.add_argument("--format", choices=["csv", "text"], default="text", help="Ausgabeformat (Standard: text)")
    p = registry.command("mietenstufe", group="reference", handler=_mietenstufe,
                         help="Mietenstufe einer sächsischen Gemeinde an einem Stichtag (Zeile 1) und die Quelle (Zeile 2)")
    p.add_argument("--gemeinde", required=True, help="Name der Gemeinde oder kreisfreien Stadt, z. B. Dresden")
    p.add_argument("--stichtag", type=parse_date, required=True, help="Datum JJJJ-MM-TT")
    p.add_argument("--kreis", help="Landkreis (bis 2015: Altkreis) für Gemeinden, die nicht gesondert gelistet sind")
    p = registry.command("anstehend", group="reference", handler=_anstehend,
                         help="Referenzdaten, deren angekündigte oder planmäßige Nachfolger bald (oder schon) fällig sind")
    p.add_argument("--stichtag", type=parse_date, default=None, help="Datum JJJJ-MM-TT (Standard: heute)")
    p.add_argument("--tage", type=int, default=config.SUCCESSOR_DUE_DAYS,
                   help=f"fällig innerhalb so vieler Tage nach dem Stichtag (Standard: {config.SUCCESSOR_DUE_DAYS})")
    p.add_argument("--format", choices=["csv", "text"], default="text", help="Ausgabeformat (Standard: text)")
    p = registry.command("regelbedarf", group="reference", handler=_regelbedarf,
                         help="Alle Regelbedarfsstufen seit 2011 mit Quelle")
    p.add_argument("--format", choices=["csv", "text"], default="text", help="Ausgabeformat (Standard: text)")
