"""``kdu-analysis case …`` (contracts §8): one household's KdU check, as JSON, text, HTML or PDF."""

from __future__ import annotations

import argparse
import re
import sys
from decimal import Decimal
from pathlib import Path

from kdu_analysis.cli import parse_month

_AMOUNT = re.compile(r"^\d{1,6}([.,]\d{1,2})?$")


def betrag(text: str) -> Decimal:
    """argparse type for euro amounts: ``450,50`` or ``450.50`` (no thousands separator, no unit)."""
    cleaned = text.strip().removesuffix("€").strip()
    if not _AMOUNT.match(cleaned):
        raise argparse.ArgumentTypeError(f"{text!r} ist kein Betrag (Beispiel: 450,50)")
    return Decimal(cleaned.replace(",", "."))


def flaeche(text: str) -> Decimal:
    cleaned = text.strip().removesuffix("m²").strip()
    if not _AMOUNT.match(cleaned):
        raise argparse.ArgumentTypeError(f"{text!r} ist keine Fläche in m² (Beispiel: 52,5)")
    return Decimal(cleaned.replace(",", "."))


def _run(args) -> int:
    from kdu_analysis.case import Fall, berechne
    from kdu_analysis.case_sheet import to_html, to_json, to_pdf, to_text
    from kdu_analysis.errors import InputError
    from kdu_analysis.outputs import write_bytes_atomic, write_text_atomic

    fall = Fall(traeger=args.traeger, gemeinde=args.gemeinde, personen=args.personen,
                bruttokaltmiete=args.bruttokaltmiete, heizkosten=args.heizkosten, monat=args.monat,
                wohnflaeche=args.wohnflaeche, bis=args.bis, leistungsbeginn=args.leistungsbeginn,
                vergleichsraum=args.vergleichsraum, anerkannt_jobcenter=args.anerkannt_jobcenter, annahme=args.annahme)
    result = berechne(fall)
    if args.format == "pdf":
        if not args.out:
            raise InputError("Für --format pdf fehlt --out", remedy="Bitte eine Zieldatei angeben, z. B. --out fall.pdf")
        write_bytes_atomic(Path(args.out), to_pdf(result))
        return 0
    text = {"json": to_json, "text": to_text, "html": to_html}[args.format](result)
    if args.out:
        write_text_atomic(Path(args.out), text)
    else:
        sys.stdout.write(text)
    return 0


def register(registry) -> None:
    p = registry.command(
        "case", help="KdU eines Haushalts berechnen (Richtwert, Wohngeldtabelle + 10 %%, anzuerkennender Betrag)",
        description="Berechnet für einen Haushalt und Monat (oder Zeitraum) den Richtwert, die Wohngeldtabelle + 10 % "
                    "(mit Klimakomponente gesondert), die Karenzzeit, den anzuerkennenden Betrag und die Differenz – "
                    "jede Zahl mit Quelle. Ausgabe als JSON, Text, HTML-Blatt oder PDF.",
        handler=_run)
    p.add_argument("--traeger", required=True, help="Träger, z. B. Dresden, Leipzig, Mittelsachsen, 'LK Leipzig'")
    p.add_argument("--gemeinde", required=True, help="Gemeinde der Wohnung")
    p.add_argument("--personen", type=int, required=True, help="Zahl der Personen in der Bedarfsgemeinschaft")
    p.add_argument("--bruttokaltmiete", type=betrag, required=True, help="tatsächliche Bruttokaltmiete in € je Monat")
    p.add_argument("--heizkosten", type=betrag, required=True, help="tatsächliche Heizkosten in € je Monat")
    p.add_argument("--wohnflaeche", type=flaeche, default=None, help="Wohnfläche in m²")
    p.add_argument("--monat", type=parse_month, required=True, help="Monat JJJJ-MM (erster Monat bei einem Zeitraum)")
    p.add_argument("--bis", type=parse_month, default=None, help="letzter Monat JJJJ-MM eines Zeitraums (Summe der Differenzen)")
    p.add_argument("--leistungsbeginn", type=parse_month, default=None,
                   help="erster Monat des Leistungsbezugs JJJJ-MM (für die Karenzzeit)")
    p.add_argument("--vergleichsraum", default=None, help="Vergleichsraum, falls die Gemeinde nicht eindeutig zugeordnet ist")
    p.add_argument("--anerkannt-jobcenter", type=betrag, default=None,
                   help="vom Jobcenter anerkannter Betrag (Unterkunft + Heizung) je Monat, für die Nachzahlung")
    p.add_argument("--annahme", choices=["auto", "richtwert", "wogg"], default="auto",
                   help="welche Obergrenze gilt: auto (Richtwert, außer ein Gericht fand das Konzept nicht schlüssig "
                        "oder kein Richtwert ist bekannt), richtwert, wogg (Tabelle + 10 %% + Klimakomponente)")
    p.add_argument("--format", choices=["json", "text", "html", "pdf"], default="text", help="Ausgabeformat")
    p.add_argument("--out", default=None, help="Zieldatei (Standard: Bildschirm; für pdf nötig)")
