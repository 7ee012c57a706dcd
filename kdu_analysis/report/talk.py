"""The content of the talk: builders that turn data into :class:`~kdu_analysis.report.deck.Slide` objects.

Each builder takes real data (reference tables, the Regelbedarf reproduction, audit findings) and returns slides;
nothing here invents a number. Legal statements carry their citation in the slide's source line; their reliability
labels are those of the shared reference sheets (only A and B items are used as statements).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date

import pandas as pd

from kdu_analysis import __version__, config
from kdu_analysis.audit.wogg import stufen_fuer_vergleichsraum, wogg_vergleich
from kdu_analysis.errors import ReferenceDataError
from kdu_analysis.formatting import aufzaehlung, euro, euro_signed, german_date, german_number
from kdu_analysis.reference import mietenstufen as ms
from kdu_analysis.reference import wogg
from kdu_analysis.reference.rbeg import GESETZE
from kdu_analysis.reference.rechtsprechung import ZITAT_ERKENNTNISAUSFALL, aussagen
from kdu_analysis.report.charts import draw_wogg_plus10_slide
from kdu_analysis.report.deck import (BODY_HEIGHT, DETAIL_PT, KEY_TABLE_PT, MAX_BULLETS, MAX_SOURCES, MAX_TABLE_ROWS,
                                      Slide, SlideChart, SlideTable, balanced_chunks, bullets_height, slide_fits)
from kdu_analysis.traeger import load_traeger, vr_names

#: (statement, citation, reliability label), from reference/data/rechtsprechung.yaml (``aussagen``). Only A/B items.
#: §§ 22b/22c SGB II bind directly only Satzungen under § 22a, which need a Land law that Saxony does not have.
LAW_STATEMENTS: list[tuple[str, str, str]] = [a.as_tuple() for a in aussagen("gesetz")]
COURT_STATEMENTS: list[tuple[str, str, str]] = [a.as_tuple() for a in aussagen("gerichte")]
#: Decisions of single courts and open questions: said as such, never as settled law.
OPEN_STATEMENTS: list[tuple[str, str, str]] = [a.as_tuple() for a in aussagen("offen")]
ALL_STATEMENTS = LAW_STATEMENTS + COURT_STATEMENTS + OPEN_STATEMENTS


def _statement_slide(title: str, statements: Sequence[tuple[str, str, str]]) -> Slide:
    bullets = [(text, citation) for text, citation, _label in statements]
    citations = [citation for _text, citation, _label in statements]
    law = " SGB II"
    if all(c.endswith(law) for c in citations):  # "§ 22 …; § 22b … SGB II": the law named once in the footer
        quelle = "; ".join(c.removesuffix(law) for c in citations) + law
    else:
        quelle = "; ".join(citations)
    return Slide(title=title, bullets=bullets, quelle=quelle, sources=[c for _t, c, _l in statements])


def title_slide(stichtag: date) -> Slide:
    return Slide(
        title="Kosten der Unterkunft und Regelbedarf in Sachsen",
        subtitle=f"Was die Richtwerte der Kreise taugen · LAG Hartz IV Sachsen · Stichtag {german_date(stichtag)}",
        quelle="eigene Auswertung mit kdu-analysis; alle Quellen auf den letzten Folien",
        layout="title", sources=[],
    )


def law_slides() -> list[Slide]:
    return [_statement_slide("Was das Gesetz verlangt", LAW_STATEMENTS),
            _statement_slide("Was die Gerichte verlangen", COURT_STATEMENTS),
            _statement_slide("Einzelentscheidungen und offene Fragen", OPEN_STATEMENTS)]


def wogg_slide(stichtag: date, chart_png: bytes | None = None) -> Slide:
    """The BSG fallback table; without ``chart_png`` the chart is drawn for the slide (legible in a room)."""
    citation = wogg.wogg_citation(stichtag)
    alt = "Balkendiagramm WoGG-Höchstbeträge plus 10 Prozent je Mietenstufe und Haushaltsgröße"
    return Slide(
        title="Bei Erkenntnisausfall: WoGG-Tabelle + 10 %",
        subtitle=None if chart_png else f"Bruttokaltmiete je Monat, Fassung ab {german_date(citation.fassung)}",
        image=chart_png, image_alt=alt,
        chart=None if chart_png else SlideChart(lambda ax: draw_wogg_plus10_slide(ax, stichtag), alt),
        quelle=f"{citation.text} · {ZITAT_ERKENNTNISAUSFALL} · eigene Berechnung",
        sources=[citation.text, ZITAT_ERKENNTNISAUSFALL],
    )


#: Sources of the Regelbedarf slides (the detailed citation of every amount is in the CSV files).
REGELBEDARF_SOURCES = [
    "Anlage zu § 28 SGB XII",
    ", ".join(g.replace("RBEG", "RBEG ") for g in GESETZE) + " (jeweils §§ 5–8)",
    "§ 28a SGB XII",
    f"Regelbedarfsstufen-Fortschreibungsverordnungen (RBSFV) {config.REGELBEDARF_FIRST_YEAR + 1}–{config.REGELBEDARF_LAST_YEAR}",
]


def regelbedarf_facts(series: pd.DataFrame) -> dict:
    """Facts about Stufe 1 read off the reproduced series: first year, Nullrunden, Besitzschutz years, matches."""
    stufe1 = series[series.stufe == 1].sort_values("jahr")
    paid = list(stufe1.betrag_eur)
    years = list(stufe1.jahr)
    return {
        "erstes_jahr": int(years[0]),
        "nullrunden": [int(y) for y, prev, cur in zip(years[1:], paid, paid[1:]) if cur == prev],
        "besitzschutz": [int(r.jahr) for r in stufe1.itertuples() if r.berechnet_eur < r.betrag_eur],
        "getroffen": int(series.stimmt.astype(bool).sum()),
        "betraege": len(series),
    }


def regelbedarf_chart_slide(chart: bytes | SlideChart, facts: Mapping) -> Slide:
    """The Regelbedarf since 2011: a chart drawn for the slide (:class:`SlideChart`) or a picture."""
    title = f"Regelbedarf seit {facts['erstes_jahr']}"
    if facts["nullrunden"]:
        title = f"Regelbedarf: Nullrunden {aufzaehlung(facts['nullrunden'])}"
    drawn = isinstance(chart, SlideChart)
    return Slide(
        title=title,
        image=None if drawn else chart, chart=chart if drawn else None,
        image_alt=f"Verlauf der Regelbedarfsstufen seit {facts['erstes_jahr']}",
        quelle="; ".join(REGELBEDARF_SOURCES) + " · eigene Nachrechnung", sources=REGELBEDARF_SOURCES,
    )


def regelbedarf_nachrechnung_slide(series: pd.DataFrame, years: Sequence[int]) -> Slide:
    """Stufe 1 as published vs. as recomputed from the law, for the given years."""
    part = series[(series.stufe == 1) & series.jahr.isin(years)].sort_values("jahr")
    rows = []
    for rec in part.itertuples():
        gezahlt = german_number(rec.betrag_eur, 0) + " €"
        berechnet = german_number(rec.berechnet_eur, 0) + " €"
        note = "stimmt" if rec.berechnet_eur == rec.betrag_eur else "Besitzschutz"
        rows.append([str(rec.jahr), berechnet, gezahlt, note])
    mismatched = part[~part.stimmt.astype(bool)]
    if not mismatched.empty:  # never show a reproduction that failed as if it worked
        raise ValueError(f"Regelbedarf reproduction differs from the published amounts in {list(mismatched.jahr)}")
    return Slide(
        title="Regelbedarfsstufe 1 nachgerechnet",
        subtitle="Aus den Gesetzen berechnet: alle Beträge getroffen",
        table=SlideTable(["Jahr", "berechnet", "gezahlt", "Ergebnis"], rows, [False, True, True, False]),
        quelle="; ".join(REGELBEDARF_SOURCES) + " · eigene Nachrechnung (kdu-analysis)", sources=REGELBEDARF_SOURCES,
    )


def documents_slides(rows: Sequence[Sequence[str]]) -> list[Slide]:
    """The Richtlinien read from data/raw/pdf: Träger (or file name), gültig ab, Zeilen (split over slides if many)."""
    if not rows:
        return []
    chunks = balanced_chunks([list(r) for r in rows], MAX_TABLE_ROWS)
    return [Slide(title="Gelesene Richtlinien" + (f" ({n}/{len(chunks)})" if len(chunks) > 1 else ""),
                  table=SlideTable(["Träger (sonst Datei)", "gültig ab", "Zeilen"], chunk, [False, False, True]),
                  quelle="die gelesenen Richtlinien der Träger (PDF; Prüfsummen in richtwerte/dokumente.csv)", sources=[])
            for n, chunk in enumerate(chunks, start=1)]


# ----------------------------------------------------------------------------- audit findings

FINDING_COLUMNS = ["traeger", "vergleichsraum", "haushaltsgroesse", "pruefung", "ergebnis", "rechtsgrundlage", "quelle"]


def _check_findings(findings: pd.DataFrame) -> None:
    missing = [c for c in FINDING_COLUMNS if c not in findings.columns]
    if missing:
        raise ValueError(f"audit findings lack columns {missing}")


AUDIT_DETAIL = "Einzelbefunde mit Rechtsgrundlage und Quelle: pruefung/befunde.csv (kdu-analysis audit)"


def finding_sources(frame: pd.DataFrame, *, footer_limit: int = 220) -> dict:
    """``quelle`` (footer) and ``sources`` (closing list) of a slide about these findings: the legal bases and
    sources of the Verstöße shown; everything else is in befunde.csv."""
    shown = frame[frame.ergebnis == "verstoss"] if (frame.ergebnis == "verstoss").any() else frame.iloc[0:0]
    parts = [p for p in dict.fromkeys([*shown.rechtsgrundlage.dropna().astype(str), *shown.quelle.dropna().astype(str)]) if p]
    footer = " · ".join(parts)
    if not parts or len(footer) > footer_limit:
        footer = AUDIT_DETAIL
    else:
        footer += " · " + AUDIT_DETAIL
    return {"quelle": footer, "sources": parts}


def _example(part: pd.DataFrame) -> str | None:
    """One finding's explanation as an example for the slide ("Beispiel Landkreis X: …")."""
    if "erlaeuterung" not in part.columns:
        return None
    for rec in part.itertuples():
        if isinstance(rec.erlaeuterung, str) and rec.erlaeuterung.strip():
            return f"Beispiel {rec.traeger}: {rec.erlaeuterung.strip()}"
    return None


def defect_slides(findings: pd.DataFrame, labels: Mapping[str, str] | None = None) -> list[Slide]:
    """One slide per kind of defect (``pruefung`` with at least one ``verstoss``), listing the Kreise concerned."""
    _check_findings(findings)
    labels = dict(labels or {})
    slides = []
    defects = findings[findings.ergebnis == "verstoss"]
    for pruefung, part in defects.groupby("pruefung", sort=True):
        per_traeger = part.groupby("traeger", sort=True).agg(
            befunde=("ergebnis", "size"),
            raeume=("vergleichsraum", lambda s: len({v for v in s if isinstance(v, str) and v})))
        rows = [[traeger, str(int(r.befunde)), str(int(r.raeume)) if r.raeume else "–"]
                for traeger, r in per_traeger.iterrows()]
        title = labels.get(pruefung, pruefung)
        example = _example(part)
        for number, chunk in enumerate(balanced_chunks(rows, MAX_TABLE_ROWS), start=1):
            suffix = f" ({number}/{len(balanced_chunks(rows, MAX_TABLE_ROWS))})" if len(rows) > MAX_TABLE_ROWS else ""
            slide = Slide(
                title=f"Mangel: {title}{suffix}",
                subtitle=f"{len(per_traeger)} von {findings.traeger.nunique()} Trägern betroffen",
                table=SlideTable(["Träger", "Verstöße", "Vergleichsräume"], chunk, [False, True, True]),
                note=example if number == 1 else None, **finding_sources(part))
            if slide.note and not slide_fits(slide):
                slide.note = None  # the example is optional; the table is not
            slides.append(slide)
    return slides


def traeger_counts(findings: pd.DataFrame) -> dict[str, tuple[int, int, int]]:
    """Träger → (Verstöße, Hinweise, ok), Träger in alphabetical order."""
    _check_findings(findings)
    return {traeger: tuple(int((part.ergebnis == e).sum()) for e in ("verstoss", "hinweis", "ok"))
            for traeger, part in findings.groupby("traeger", sort=True)}


def traeger_table_slides(findings: pd.DataFrame) -> list[Slide]:
    """Overview of all Träger: counts of Verstöße, Hinweise and ok results (split over slides if many)."""
    counts = traeger_counts(findings)
    rows = [[traeger, str(v), str(h), str(o)] for traeger, (v, h, o) in counts.items()]
    chunks = balanced_chunks(rows, MAX_TABLE_ROWS)
    return [Slide(title="Überblick: Prüfergebnisse je Träger" + (f" ({n}/{len(chunks)})" if len(chunks) > 1 else ""),
                  table=SlideTable(["Träger", "Verstöße", "Hinweise", "in Ordnung"], chunk, [False, True, True, True]),
                  quelle="kdu-analysis audit, befunde.csv (Rechtsgrundlage und Quelle je Befund)", sources=[])
            for n, chunk in enumerate(chunks, start=1)]


def _plural(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"


def _count_text(v: int, h: int, o: int) -> str:
    return f"{_plural(v, 'Verstoß', 'Verstöße')}, {_plural(h, 'Hinweis', 'Hinweise')}, {o} in Ordnung"


def traeger_overview_slides(findings: pd.DataFrame, labels: Mapping[str, str] | None = None,
                            charts: Mapping[str, bytes] | None = None) -> list[Slide]:
    """One slide per Träger: its chart (``charts``: Träger → PNG) with the counts, or else the checks with a
    Verstoß or Hinweis as bullets."""
    labels = dict(labels or {})
    charts = dict(charts or {})
    slides = []
    for traeger, part in findings.groupby("traeger", sort=True):
        v, h, o = traeger_counts(part)[traeger]
        verstoesse = sorted({labels.get(p, p) for p in part[part.ergebnis == "verstoss"].pruefung})
        if traeger in charts:
            subtitle = _count_text(v, h, o) + (f" – Verstöße: {', '.join(verstoesse)}" if verstoesse else "")
            if len(subtitle) > 110:
                subtitle = _count_text(v, h, o) + f" – Verstöße in {len(verstoesse)} Prüfungen"
            slides.append(Slide(title=traeger, subtitle=subtitle, image=charts[traeger],
                                image_alt=f"Richtwerte {traeger} gegenüber Wohngeldtabelle + 10 %",
                                quelle="Quelle der Werte in der Abbildung · " + AUDIT_DETAIL, sources=[]))
            continue
        bullets = []
        for pruefung, checks in part[part.ergebnis != "ok"].groupby("pruefung", sort=True):
            cv = int((checks.ergebnis == "verstoss").sum())
            ch = int((checks.ergebnis == "hinweis").sum())
            text = ", ".join(t for t in (_plural(cv, "Verstoß", "Verstöße") if cv else "",
                                         _plural(ch, "Hinweis", "Hinweise") if ch else "") if t)
            bullets.append(f"{labels.get(pruefung, pruefung)}: {text}")
        if not bullets:
            bullets = ["Keine Verstöße und keine Hinweise"]
        if len(bullets) > MAX_BULLETS:
            bullets = bullets[:MAX_BULLETS - 1] + [f"… und {len(bullets) - MAX_BULLETS + 1} weitere Prüfungen (siehe CSV)"]
        slides.append(Slide(title=traeger, subtitle=f"{len(part)} Prüfergebnisse: {_count_text(v, h, o)}",
                            bullets=bullets, **finding_sources(part, footer_limit=0)))
    return slides


# ----------------------------------------------------------------------------- one lead slide per Träger

KEY_SIZES = ("1", "2", "3", "4", "5")
GROESSTER_VR = ("Gezeigt: der Vergleichsraum mit den meisten Städten ab 10 000 Einwohnern; Unterschied ohne "
                "Klimakomponente (umstritten).")


def traeger_key_comparison(traeger, stichtag: date) -> dict | None:
    """Richtwert vs WoGG + 10 % per household size 1–5 for the Träger's largest Vergleichsraum on ``stichtag``.

    "Largest" has no population data behind it: the Vergleichsraum with the most Gemeinden that the WoGV annex
    lists by name (10 000+ inhabitants), then a town's own area (``stadtgebiet``), then the one with the most
    Gemeinden, then the first. ``None`` when the edition in force has no Bruttokaltmiete values.
    """
    ausgabe = traeger.ausgabe_am(stichtag)
    if ausgabe is None or ausgabe.mietbegriff != "bruttokalt" or not ausgabe.werte.get("bruttokaltmiete_eur"):
        return None
    try:
        listed = {ms.normalise_gemeinde(g) for g in ms.listed_gemeinden(stichtag)}
    except ReferenceDataError:
        listed = set()
    candidates = [vr for vr in vr_names(ausgabe)
                  if any(ausgabe.wert("bruttokaltmiete_eur", vr, s) is not None for s in KEY_SIZES)]
    if not candidates:
        return None

    def weight(name: str) -> tuple[int, bool, int]:
        region = traeger.vergleichsraum(name)
        members = list(region.gemeinden or []) if region else []
        town = region is not None and region.typ == "stadtgebiet"
        return sum(ms.normalise_gemeinde(g) in listed for g in members), town, len(members)

    vr = max(candidates, key=lambda name: (weight(name), -candidates.index(name)))
    try:
        stufe, _, stufe_quelle = stufen_fuer_vergleichsraum(traeger, vr, stichtag)
    except ReferenceDataError:
        stufe, stufe_quelle = None, None
    rows = []
    for size in KEY_SIZES:
        richtwert = ausgabe.wert("bruttokaltmiete_eur", vr, size)
        plus10 = wogg_vergleich(stufe, size, stichtag)[0] if stufe else None
        rows.append((int(size), richtwert, plus10))
    return {"vergleichsraum": vr, "ausgabe": ausgabe, "mietenstufe": stufe, "mietenstufe_quelle": stufe_quelle,
            "rows": rows}


def traeger_lead_slide(traeger, findings: pd.DataFrame, stichtag: date) -> Slide:
    """The Träger's one key comparison in large type: Richtwert vs WoGG + 10 % for its largest Vergleichsraum."""
    v, h, _ = traeger_counts(findings)[traeger.name] if len(findings) else (0, 0, 0)
    counts = (f"{_plural(v, 'Verstoß', 'Verstöße')} (nächste Folie)" if v else "keine Verstöße") + \
        f", {_plural(h, 'Hinweis', 'Hinweise')} in der CSV-Datei"
    key = traeger_key_comparison(traeger, stichtag)
    if key is None:
        ausgabe = traeger.ausgabe_am(stichtag)
        text = ("Für den Stichtag liegt dem Projekt keine Richtwert-Tabelle dieses Trägers vor" if ausgabe is None
                or not ausgabe.hat_werte() else
                f"Die Ausgabe „{ausgabe.bezeichnung}“ nennt keine Bruttokaltmiete (Mietbegriff: {ausgabe.mietbegriff})")
        return Slide(title=traeger.name, subtitle=counts,
                     bullets=[text + " – ein Vergleich mit der Wohngeldtabelle + 10 % ist deshalb nicht möglich."],
                     quelle=AUDIT_DETAIL, sources=[])
    ausgabe = key["ausgabe"]
    rows = [[f"{n} {'Person' if n == 1 else 'Personen'}", euro(rw), euro(p10),
             euro_signed(rw - p10) if rw is not None and p10 is not None else "–"] for n, rw, p10 in key["rows"]]
    stufe = f" · Mietenstufe {key['mietenstufe']}" if key["mietenstufe"] else ""
    citation = wogg.wogg_citation(stichtag)
    sources = [ausgabe.quelle, citation.text, *([key["mietenstufe_quelle"]] if key["mietenstufe_quelle"] else []),
               ZITAT_ERKENNTNISAUSFALL]
    slide = Slide(
        title=traeger.name,
        subtitle=f"{key['vergleichsraum']} · Richtwerte ab {german_date(ausgabe.gueltig_ab)}{stufe}",
        table=SlideTable(["Haushalt", "Richtwert", "WoGG + 10 %", "Unterschied"], rows, [False, True, True, True],
                         size=KEY_TABLE_PT),
        note=f"{counts[0].upper()}{counts[1:]}. {GROESSTER_VR}",
        quelle=f"{ausgabe.quelle} ({ausgabe.zuverlaessigkeit}) · § 12 WoGG, Anlage 1 (Fassung ab "
               f"{german_date(citation.fassung)}) · {ZITAT_ERKENNTNISAUSFALL}",
        sources=sources)
    if not slide_fits(slide):
        slide.note = None
    return slide


def _first_sentence(text: str, limit: int = 170) -> str:
    text = " ".join(str(text).split())
    cut = text.find(". ")
    sentence = text if cut < 0 else text[:cut + 1]
    return sentence if len(sentence) <= limit else sentence[:limit - 1].rsplit(" ", 1)[0] + " …"


def traeger_verstoss_slides(traeger_name: str, part: pd.DataFrame, labels: Mapping[str, str] | None = None) -> list[Slide]:
    """The Träger's findings that are Verstöße, one bullet per check (with one example); none without a Verstoß."""
    labels = dict(labels or {})
    verstoesse = part[part.ergebnis == "verstoss"]
    if verstoesse.empty:
        return []
    bullets: list[tuple[str, str]] = []
    for pruefung, checks in verstoesse.groupby("pruefung", sort=True):
        raeume = list(dict.fromkeys(v for v in checks.vergleichsraum if isinstance(v, str) and v))
        where = ""
        if raeume:
            where = " – " + ", ".join(raeume[:2]) + (f" und {len(raeume) - 2} weitere" if len(raeume) > 2 else "")
        if "am_stichtag" in checks.columns and not checks.am_stichtag.fillna(True).astype(bool).any():
            where += " (frühere Ausgabe)"
        example = next((e for e in checks.get("erlaeuterung", pd.Series(dtype=str)) if isinstance(e, str) and e.strip()), "")
        bullets.append((f"{labels.get(pruefung, pruefung)}: {_plural(len(checks), 'Verstoß', 'Verstöße')}{where}",
                        _first_sentence(example) if example else ""))
    slides, chunk = [], []
    for bullet in bullets:
        if chunk and (len(chunk) == 4 or bullets_height(chunk + [bullet]) > BODY_HEIGHT - 0.05):
            slides.append(chunk)
            chunk = []
        chunk.append(bullet)
    slides.append(chunk)
    return [Slide(title=f"{traeger_name}: Verstöße" + (f" ({n}/{len(slides)})" if len(slides) > 1 else ""),
                  bullets=[(t, d) if d else t for t, d in chunk], **finding_sources(verstoesse))
            for n, chunk in enumerate(slides, start=1)]


def traeger_slides(findings: pd.DataFrame, stichtag: date, labels: Mapping[str, str] | None = None) -> list[Slide]:
    """Per Träger (alphabetical): the lead slide with its key comparison, then its Verstöße (if any)."""
    _check_findings(findings)
    slides = []
    for traeger in sorted(load_traeger(), key=lambda t: t.name):
        part = findings[findings.traeger == traeger.name]
        if part.empty:
            continue
        slides.append(traeger_lead_slide(traeger, part, stichtag))
        slides += traeger_verstoss_slides(traeger.name, part, labels)
    return slides


def slug(text: str) -> str:
    """``"Sächsische Schweiz"`` → ``"saechsische_schweiz"`` (file names)."""
    text = text.lower()
    for umlaut, plain in (("ä", "ae"), ("ö", "oe"), ("ü", "ue"), ("ß", "ss")):
        text = text.replace(umlaut, plain)
    return "_".join("".join(c if c.isalnum() else " " for c in text).split())


GRUNDLAGE_KURZ = {"richtwert": "Richtwert", "gericht_eigener_wert": "Wert eines Gerichts",
                  "wogg_erkenntnisausfall": "WoGG + 10 % (Erkenntnisausfall)",
                  "wogg_annahme": "WoGG + 10 % (Annahme)", "keine": "keine bekannt"}


def case_slide(result: Mapping, beschreibung: str) -> Slide:
    """The example household: both ceilings side by side (Klimakomponente apart), the ceiling used with its basis,
    what is recognised and the difference ("–" where not determinable)."""
    rows = [
        ["Richtwert des Trägers", euro(result["richtwert_eur"])],
        [f"Wohngeldtabelle + 10 % (Stufe {result['mietenstufe']})" if result["mietenstufe"] else "Wohngeldtabelle + 10 %",
         euro(result["wogg_plus10_eur"])],
        ["Klimakomponente (gesondert, umstritten)", euro(result["klimakomponente_eur"])],
    ]
    if "grundlage" in result:
        rows.append([f"Obergrenze ({GRUNDLAGE_KURZ[result['grundlage']]})", euro(result.get("obergrenze_eur"))])
    rows += [
        ["Anerkannt (Unterkunft + Heizung)", euro(result["anerkannt_eur"])],
        ["Differenz tatsächlich − anerkannt", euro(result["differenz_eur"])],
    ]
    sources = [f"{q['angabe']}: {q['quelle']} [{q['zuverlaessigkeit']}]" for q in result["quellen"]]
    return Slide(title=f"Beispiel: ein Haushalt in {result['gemeinde']}", subtitle=beschreibung,
                 table=SlideTable(["", "je Monat"], rows, [False, True]),
                 quelle="kdu-analysis case (Fallblatt mit allen Quellen: fallblatt/) · erfundener Beispielhaushalt",
                 sources=sources)


# ----------------------------------------------------------------------------- closing slides

def sources_slides(slides: Sequence[Slide]) -> list[Slide]:
    """All sources named on the slides, deduplicated, in order of appearance."""
    items = list(dict.fromkeys(item for s in slides for item in s.source_items()))
    chunks: list[list[str]] = [[]]
    for item in items:
        if chunks[-1] and (len(chunks[-1]) == MAX_SOURCES
                           or bullets_height(chunks[-1] + [item], size=DETAIL_PT) > BODY_HEIGHT):
            chunks.append([])
        chunks[-1].append(item)
    return [Slide(title="Quellen" + (f" ({n}/{len(chunks)})" if len(chunks) > 1 else ""), bullets=chunk,
                  quelle="Zusammenstellung der auf den Folien genannten Quellen", layout="sources", sources=[])
            for n, chunk in enumerate(chunks, start=1)]


def stand_slide(stichtag: date, stand_lines: Sequence[str]) -> Slide:
    """What the figures are as of; ``stand_lines`` are short German lines from the product builders."""
    bullets = [f"Stichtag der Auswertung: {german_date(stichtag)}", *stand_lines][:MAX_BULLETS - 1]
    bullets.append(f"Erstellt mit kdu-analysis {__version__} – jede Zahl mit Quelle in den CSV-Dateien")
    return Slide(title="Stand der Daten", bullets=bullets, sources=[],
                 quelle=f"kdu-analysis {__version__}; Stichtag: Tag des Laufs oder kdu-analysis report --stichtag")
