"""Outputs of the case calculator: JSON (contract §8), German text, a one-page HTML sheet and a PDF (reportlab)."""

from __future__ import annotations

import dataclasses
import html
import io
import json
from datetime import date
from decimal import Decimal
from pathlib import Path

import matplotlib
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.lib.units import cm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from kdu_analysis.formatting import euro, german_date, german_number
from kdu_analysis.reference.rechtsprechung import KURZ_KLIMAKOMPONENTE

GRUNDLAGE_DE = {"richtwert": "Richtwert des Trägers",
                "gericht_eigener_wert": "eigener Wert eines Gerichts",
                "wogg_erkenntnisausfall": "Wohngeldtabelle + 10 % (Gericht: Erkenntnisausfall)",
                "wogg_annahme": "Annahme: Erkenntnisausfall, Wohngeldtabelle + 10 %",
                "keine": "keine Obergrenze bekannt"}
KLIMA_LABEL = f"+ Klimakomponente, umstritten ({KURZ_KLIMAKOMPONENTE}, 1. Instanz)"


def _plain(value):
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, date):
        return value.isoformat()
    if dataclasses.is_dataclass(value):
        return _plain(dataclasses.asdict(value))
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value


def to_json(result: dict) -> str:
    """JSON with numbers as numbers (euro amounts to the cent) and ISO dates."""
    return json.dumps(_plain(result), ensure_ascii=False, indent=2) + "\n"


def _ja(value: bool) -> str:
    return "ja" if value else "nein"


def _monat(day: date) -> str:
    return f"{day:%m/%Y}"


def zeilen(result: dict) -> list[tuple[str, str]]:
    """(label, value) rows of the sheet, in German, every figure once."""
    rows = [
        ("Träger", result["traeger"]), ("Gemeinde", result["gemeinde"]),
        ("Vergleichsraum", result["vergleichsraum"] or "nicht zugeordnet"),
        ("Personen", str(result["personen"])),
        ("Zeitraum", _monat(result["monat"]) + ("" if result["bis"] == result["monat"] else f" bis {_monat(result['bis'])}")),
        ("Bruttokaltmiete (tatsächlich)", euro(result["bruttokaltmiete_eur"])),
        ("Heizkosten (tatsächlich)", euro(result["heizkosten_eur"])),
    ]
    if result["wohnflaeche_m2"] is not None:
        rows.append(("Wohnfläche", f"{german_number(result['wohnflaeche_m2'], None)} m²"))
    capped = any(m.kostensenkung in ("nicht_angegeben",) for m in result["monate"])
    rows += [
        ("Richtwert des Trägers", euro(result["richtwert_eur"])),
        ("Wohngeldtabelle + 10 %" + (f" (Mietenstufe {result['mietenstufe']})" if result["mietenstufe"] else ""),
         euro(result["wogg_plus10_eur"])),
        ("Klimakomponente (nicht in der Obergrenze)", euro(result["klimakomponente_eur"])
         if result["klimakomponente_eur"] is not None else "– (erst ab 2023)"),
        ("Obergrenze", (f"{euro(result['obergrenze_eur'])} – " if result["obergrenze_eur"] is not None else "")
         + GRUNDLAGE_DE[result["grundlage"]]),
    ]
    if result["obergrenze_mit_klimakomponente_eur"] is not None:
        rows.append((KLIMA_LABEL, euro(result["obergrenze_mit_klimakomponente_eur"])))
    if result["grundlage"] == "keine":
        rows.append(("Anzuerkennen", "nicht bestimmbar – keine Obergrenze bekannt"))
    else:
        label = ("Höchstens angemessen (abstrakt), Unterkunft + Heizung" if capped
                 else "Anzuerkennen (Unterkunft + Heizung)")
        rows += [(label, euro(result["anerkannt_eur"])),
                 ("Differenz tatsächlich − anerkannt", euro(result["differenz_eur"]))]
    if result["anzahl_monate"] > 1:
        rows.append((f"Summe der Differenzen ({result['anzahl_monate']} Monate)",
                     euro(result["summe_differenz_eur"]) if result["summe_differenz_eur"] is not None
                     else f"nicht bestimmbar ({result['monate_ohne_obergrenze']} Monate ohne Obergrenze)"))
    if result["nachzahlung_eur"] is not None:
        rows.append(("Nachzahlung gegenüber Jobcenter (1. Monat)", euro(result["nachzahlung_eur"])))
        rows.append(("Nachzahlung im Zeitraum", euro(result["summe_nachzahlung_eur"])))
    return rows


def monatszeilen(result: dict) -> list[list[str]]:
    return [[_monat(m.monat), euro(m.obergrenze_eur), GRUNDLAGE_DE[m.grundlage], _ja(m.karenzzeit),
             euro(m.anerkannt_unterkunft_eur), euro(m.anerkannt_eur), euro(m.differenz_eur)] for m in result["monate"]]


MONAT_KOPF = ["Monat", "Obergrenze", "Grundlage", "Karenzzeit", "Unterkunft anerkannt", "gesamt anerkannt", "Differenz"]


def to_text(result: dict) -> str:
    width = max(len(label) for label, _ in zeilen(result))
    lines = ["KdU-Berechnung für einen Haushalt", ""]
    lines += [f"{label:<{width}}  {value}" for label, value in zeilen(result)]
    lines += ["", "Regel: " + result["regel"]]
    if result["anzahl_monate"] > 1:
        lines += ["", " | ".join(MONAT_KOPF)] + [" | ".join(r) for r in monatszeilen(result)]
    if result["hinweise"]:
        lines += ["", "Hinweise:"] + [f"- {h}" for h in result["hinweise"]]
    lines += ["", "Quellen:"] + [f"- {q['angabe']}: {q['quelle']} [{q['zuverlaessigkeit']}]" for q in result["quellen"]]
    lines += ["", f"Berechnet am {german_date(result['berechnet_am'])} mit kdu-analysis. Keine Rechtsberatung."]
    return "\n".join(lines) + "\n"


_CSS = """body{font-family:DejaVu Sans,Arial,sans-serif;font-size:10pt;margin:1.5cm;color:#111}
h1{font-size:14pt;margin:0 0 .3em}table{border-collapse:collapse;width:100%;margin:.4em 0}
td,th{border-bottom:1px solid #ccc;padding:2px 6px;text-align:left;vertical-align:top}
td.n{text-align:right;white-space:nowrap}p.small,li{font-size:8.5pt}.regel{background:#f3f3f3;padding:4px 6px}
@page{size:A4;margin:1.2cm}"""


def to_html(result: dict) -> str:
    """A self-contained one-page German sheet (no external files)."""
    e = html.escape
    rows = "".join(f"<tr><td>{e(a)}</td><td class='n'>{e(b)}</td></tr>" for a, b in zeilen(result))
    months = ""
    if result["anzahl_monate"] > 1:
        head = "".join(f"<th>{e(h)}</th>" for h in MONAT_KOPF)
        body = "".join("<tr>" + "".join(f"<td class='n'>{e(c)}</td>" for c in r) + "</tr>" for r in monatszeilen(result))
        months = f"<h2 style='font-size:11pt'>Monate</h2><table><tr>{head}</tr>{body}</table>"
    notes = "".join(f"<li>{e(h)}</li>" for h in result["hinweise"])
    sources = "".join(f"<li>{e(q['angabe'])}: {e(q['quelle'])} [{e(q['zuverlaessigkeit'])}]</li>" for q in result["quellen"])
    return f"""<!DOCTYPE html>
<html lang="de"><head><meta charset="utf-8"><title>KdU-Berechnung {e(result['gemeinde'])}</title>
<style>{_CSS}</style></head><body>
<h1>Kosten der Unterkunft – Berechnung für einen Haushalt</h1>
<table>{rows}</table>
<p class="regel"><b>Regel:</b> {e(result['regel'])}</p>
{months}
{'<h2 style="font-size:11pt">Hinweise</h2><ul>' + notes + '</ul>' if notes else ''}
<h2 style="font-size:11pt">Quellen (Zuverlässigkeit A–C, U = unbestätigt)</h2><ul>{sources}</ul>
<p class="small">Berechnet am {german_date(result['berechnet_am'])} mit kdu-analysis. Keine Rechtsberatung; Werte aus
Sekundärquellen sind vor Gericht am Dokument des Trägers zu prüfen.</p>
</body></html>
"""


def to_pdf(result: dict) -> bytes:
    """The same sheet as an A4 PDF (reportlab, DejaVu font if available for umlauts and €)."""
    font = _font()
    styles = getSampleStyleSheet()
    for st in styles.byName.values():
        st.fontName = font
    small = styles["BodyText"].clone("small", fontSize=7.5, leading=9)
    body = styles["BodyText"].clone("body", fontSize=9, leading=11)
    e = html.escape
    story = [Paragraph("Kosten der Unterkunft – Berechnung für einen Haushalt", styles["Heading2"])]
    table = Table([[Paragraph(e(a), body), Paragraph(e(b), body)] for a, b in zeilen(result)], colWidths=[7 * cm, 10 * cm])
    table.setStyle(TableStyle([("LINEBELOW", (0, 0), (-1, -1), 0.3, "#bbbbbb"), ("VALIGN", (0, 0), (-1, -1), "TOP")]))
    story += [table, Spacer(1, 4), Paragraph("<b>Regel:</b> " + e(result["regel"]), small)]
    if result["anzahl_monate"] > 1:
        data = [MONAT_KOPF] + monatszeilen(result)
        mt = Table([[Paragraph(e(c), small) for c in r] for r in data])
        mt.setStyle(TableStyle([("LINEBELOW", (0, 0), (-1, 0), 0.5, "#000000")]))
        story += [Spacer(1, 4), mt]
    if result["hinweise"]:
        story += [Paragraph("Hinweise", styles["Heading4"])] + [Paragraph("• " + e(h), small) for h in result["hinweise"]]
    story += [Paragraph("Quellen", styles["Heading4"])]
    story += [Paragraph(f"• {e(q['angabe'])}: {e(q['quelle'])} [{e(q['zuverlaessigkeit'])}]", small) for q in result["quellen"]]
    story += [Spacer(1, 4), Paragraph(f"Berechnet am {german_date(result['berechnet_am'])} mit kdu-analysis. Keine "
                                      "Rechtsberatung.", small)]
    buf = io.BytesIO()
    SimpleDocTemplate(buf, pagesize=A4, leftMargin=1.6 * cm, rightMargin=1.6 * cm, topMargin=1.4 * cm,
                      bottomMargin=1.4 * cm, title="KdU-Berechnung", author="kdu-analysis",
                      invariant=1).build(story)
    return buf.getvalue()


def _font() -> str:
    if "DejaVuSans" in pdfmetrics.getRegisteredFontNames():
        return "DejaVuSans"
    path = Path(matplotlib.get_data_path()) / "fonts" / "ttf" / "DejaVuSans.ttf"
    if path.exists():
        pdfmetrics.registerFont(TTFont("DejaVuSans", str(path)))
        return "DejaVuSans"
    return "Helvetica"
