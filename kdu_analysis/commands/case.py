"""``kdu-analysis case …`` (contracts §8): one household's KdU check, as JSON, text, HTML or PDF."""

from __future__ import annotations

import argparse
import re
import sys
from datetime import date
from decimal import Decimal
from pathlib import Path

from kdu_analysis.case import Fall, berechne
from kdu_analysis.commands.args import parse_month
from kdu_analysis.errors import InputError
from kdu_analysis.outputs import write_bytes_atomic, write_text_atomic
from kdu_analysis.report.case_sheet import to_html, to_json, to_pdf, to_text


def tag(text: str):
    """argparse type for a day ``JJJJ-MM-TT``."""
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} ist kein Datum (Beispiel: 2024-03-15)") from None

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
    fall = Fall(traeger=args.traeger, gemeinde=args.gemeinde, personen=args.personen,
                bruttokaltmiete=args.bruttokaltmiete, heizkosten=args.heizkosten, monat=args.monat,
                wohnflaeche=args.wohnflaeche, bis=args.bis, leistungsbeginn=args.leistungsbeginn,
                vergleichsraum=args.vergleichsraum, anerkannt_jobcenter=args.anerkannt_jobcenter, annahme=args.annahme,
                vorher_angemessen_anerkannt=args.vorher_angemessen_anerkannt,
                kostensenkungsaufforderung=args.kostensenkungsaufforderung,
                bisherige_bruttokaltmiete=args.bisherige_bruttokaltmiete, kinder=args.kinder,
                keine_karenzzeit_s8=args.keine_karenzzeit_s8)
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
        "case", help="KdU eines Haushalts berechnen (Obergrenze mit Grundlage, Karenzzeit, anzuerkennender Betrag)",
        description="Berechnet für einen Haushalt und Monat (oder Zeitraum) die Obergrenze und ihre Grundlage (Richtwert, "
                    "eigener Wert eines Gerichts, Wohngeldtabelle + 10 % nur bei festgestelltem Erkenntnisausfall oder "
                    "als ausdrückliche Annahme), die Klimakomponente getrennt, die Karenzzeit, den anzuerkennenden "
                    "Betrag und die Differenz – jede Zahl mit Quelle. Fehlt ein Richtwert in den Daten, wird keine "
                    "Obergrenze ausgewiesen. Ausgabe als JSON, Text, HTML-Blatt oder PDF.",
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
                   help="erster Monat des Leistungsbezugs überhaupt JJJJ-MM (oder nach mindestens drei Jahren ohne "
                        "SGB-II/XII-Leistungen), für die Karenzzeit")
    p.add_argument("--vorher-angemessen-anerkannt", action="store_true",
                   help="für diese Wohnung wurden schon früher nur die angemessenen Kosten anerkannt: keine Karenzzeit "
                        "(§ 65 Abs. 6 SGB II)")
    p.add_argument("--kostensenkungsaufforderung", type=tag, default=None,
                   help="Tag, an dem die Kostensenkungsaufforderung zuging, JJJJ-MM-TT (Frist in der Regel sechs Monate)")
    p.add_argument("--bisherige-bruttokaltmiete", type=betrag, default=None,
                   help="nach einem nicht erforderlichen Umzug: die bisherige Bruttokaltmiete in € (nur sie zählt)")
    p.add_argument("--kinder", action="store_true",
                   help="Kinder in der Bedarfsgemeinschaft (ab 07/2026 Ausnahme vom Deckel in der Karenzzeit möglich)")
    p.add_argument("--keine-karenzzeit-s8", action="store_true",
                   help="ab 07/2026: Quadratmeter-Obergrenze überschritten oder Miete über der Mietpreisbremse – "
                        "keine Karenzzeit (§ 22 Abs. 1 S. 8 SGB II)")
    p.add_argument("--vergleichsraum", default=None, help="Vergleichsraum, falls die Gemeinde nicht eindeutig zugeordnet ist")
    p.add_argument("--anerkannt-jobcenter", type=betrag, default=None,
                   help="vom Jobcenter anerkannter Betrag (Unterkunft + Heizung) je Monat, für die Nachzahlung")
    p.add_argument("--annahme", choices=["auto", "richtwert", "wogg"], default="auto",
                   help="welche Obergrenze gilt: auto (Richtwert oder Gerichtsentscheidung; ohne Richtwert keine "
                        "Obergrenze), richtwert, wogg (Annahme Erkenntnisausfall: Tabelle + 10 %%, Klimakomponente getrennt)")
    p.add_argument("--format", choices=["json", "text", "html", "pdf"], default="text", help="Ausgabeformat")
    p.add_argument("--out", default=None, help="Zieldatei (Standard: Bildschirm; für pdf nötig)")
