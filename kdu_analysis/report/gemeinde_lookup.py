"""„Was gilt in meiner Gemeinde?“ – the homepage's offline lookup (contracts §10).

For every Saxon Gemeinde the project knows (the Gemeinden named in the WoGV annex and those the Träger's guidelines
assign to a Vergleichsraum) and every household size 1–8, :func:`lookup` computes in Python what applies on the
Stichtag: Träger, Vergleichsraum, the Richtwert in force (edition date, source, reliability label), the § 12 WoGG
Höchstbetrag + 10 % of the Gemeinde's Mietenstufe WITHOUT the Klimakomponente, the Klimakomponente apart (contested)
and the difference. Where the data have no Richtwert the result says so; it never borrows one.

:func:`lookup_section` embeds all results as JSON (already formatted in German notation) in one homepage section;
a small plain-JavaScript block shows them for the typed Gemeinde, offline, and reads the deep link
``homepage.html?gemeinde=NAME&personen=N`` (or ``#gemeinde=…&personen=…``).
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from kdu_analysis.audit.export import STATUS_DE
from kdu_analysis.case import KLIMA_RG, WOGG_RG, mietbegriff_hinweis
from kdu_analysis.errors import ReferenceDataError
from kdu_analysis.formatting import euro, german_date, german_number
from kdu_analysis.reference import mietenstufen as ms
from kdu_analysis.reference import wogg
from kdu_analysis.reference.rechtsprechung import ZITAT_ERKENNTNISAUSFALL, ZITAT_KLIMAKOMPONENTE
from kdu_analysis.report.homepage import Section
from kdu_analysis.report.html import esc
from kdu_analysis import traeger as tr

PERSONEN = tuple(range(1, 9))
#: One entry per Landkreis for the Gemeinden the data do not name one by one (their Kreis' Mietenstufe applies).
KREIS_SUFFIX = " (übrige Gemeinden)"
TITLE = "Was gilt in meiner Gemeinde?"
KLIMA_UMSTRITTEN = ("Die Klimakomponente (§ 12 Abs. 7 WoGG) ist umstritten: dass sie zur Wohngeldtabelle + 10 % "
                    "hinzukommt, hat bisher nur ein Sozialgericht in erster Instanz entschieden "
                    f"({ZITAT_KLIMAKOMPONENTE}). Sie steht deshalb getrennt daneben und ist nicht eingerechnet.")
CAVEATS = [
    "Alle Beträge sind Bruttokaltmieten je Monat (Nettokaltmiete + kalte Betriebskosten, ohne Heizung).",
    "Der Richtwert des Trägers gilt nur, wenn sein Konzept schlüssig ist. Ist es das nicht, muss der Träger es "
    "nachbessern, auch noch im Gerichtsverfahren, und Gerichte setzen oft einen eigenen Wert fest; erst wenn keine "
    "örtlichen Erkenntnisse mehr zu gewinnen sind (Erkenntnisausfall), gilt die Wohngeldtabelle + 10 % als "
    f"Obergrenze ({ZITAT_ERKENNTNISAUSFALL}).",
    "Im ersten Jahr des Leistungsbezugs (Karenzzeit, § 22 Abs. 1 S. 2 ff. SGB II) zählt die tatsächliche "
    "Bruttokaltmiete, seit 01.07.2026 höchstens das Eineinhalbfache der angemessenen Kosten (Ausnahmen im Gesetz). "
    "Danach darf weniger übernommen werden erst nach einer Aufforderung zur Kostensenkung und einer Frist von in der "
    "Regel bis zu sechs Monaten.",
    "Die Auskunft ersetzt keine Beratung. Maßgeblich sind der Bescheid und die Richtlinie des Trägers.",
]


@dataclass
class Ergebnis:
    """What applies for one Gemeinde and household size on the Stichtag (amounts as Decimal, ``None`` = unknown)."""

    gemeinde: str
    personen: int
    traeger: str | None = None
    vergleichsraum: str | None = None
    richtwert_eur: Decimal | None = None
    #: lowest and highest Richtwert of the edition's Vergleichsräume where the Gemeinde's one is not known
    richtwert_spanne: tuple[Decimal, Decimal] | None = None
    ausgabe: str | None = None
    ausgabe_gueltig_ab: date | None = None
    richtwert_quelle: str | None = None
    zuverlaessigkeit: str | None = None
    status: str | None = None
    mietenstufe: str | None = None
    mietenstufe_grundlage: str | None = None
    wogg_plus10_eur: Decimal | None = None
    klimakomponente_eur: Decimal | None = None
    wogg_quelle: str | None = None
    hinweise: list[str] = field(default_factory=list)

    @property
    def differenz_eur(self) -> Decimal | None:
        """Richtwert minus WoGG + 10 % (without Klimakomponente); ``None`` unless both are known."""
        if self.richtwert_eur is None or self.wogg_plus10_eur is None:
            return None
        return self.richtwert_eur - self.wogg_plus10_eur


def _traeger_names(t: tr.Traeger) -> list[str]:
    names: list[str] = []
    for v in t.vergleichsraeume:
        names += list(v.gemeinden or [])
        for members in v.verwaltungsgemeinschaften.values():
            names += list(members)
    return names


def gemeinden(stichtag: date) -> dict[str, tr.Traeger | None]:
    """Every Gemeinde the project knows → its Träger (``None`` where no guideline in the data names it)."""
    by_key: dict[str, tuple[str, tr.Traeger | None]] = {}
    for t in tr.load_traeger():
        for name in _traeger_names(t):
            key = ms.normalise_gemeinde(name)
            known = by_key.get(key)
            if known is not None and known[1] is not None and known[1].slug != t.slug:
                raise ValueError(f"Gemeinde {name!r} is assigned to {known[1].name} and {t.name}")
            by_key.setdefault(key, (name, t))
    try:
        listed = ms.listed_gemeinden(stichtag)
    except ReferenceDataError:
        listed = {}
    for name in listed:  # the WoGV spelling wins ("Frankenberg/Sachsen")
        key = ms.normalise_gemeinde(name)
        by_key[key] = (name, by_key.get(key, (name, None))[1])
    named = sorted(by_key.values(), key=lambda item: item[0].casefold())
    kreise = [(f"{t.name}{KREIS_SUFFIX}", t) for t in tr.load_traeger() if t.art == "landkreis" and t.mietenstufe_kreis]
    return dict(named + sorted(kreise, key=lambda item: item[0].casefold()))


def _courts(t: tr.Traeger, vr_name: str | None, gemeinde: str, stichtag: date) -> list[tr.Entscheidung]:
    out = []
    for e in t.gerichtsentscheidungen:
        if e.ergebnis != "nicht_schluessig" or not e.betrifft(stichtag):
            continue
        region = t.vergleichsraum(e.vergleichsraum) if e.vergleichsraum else None
        if e.vergleichsraum is None or e.vergleichsraum == vr_name or (region is not None and region.enthaelt(gemeinde)):
            out.append(e)
    return out


# The same Gemeinde is looked up for eight household sizes: name matching is done once per Gemeinde. The caches live
# for one call of lookup() / lookup_data() only (the data folder may change between calls).
@functools.lru_cache(maxsize=4096)
def _vergleichsraeume(gemeinde: str, slug: str, stichtag: date) -> tuple[str, ...]:
    t = tr.find_traeger(slug)
    return tuple(v.name for v in t.vergleichsraeume_fuer(gemeinde, t.ausgabe_am(stichtag)))


@functools.lru_cache(maxsize=4096)
def _mietenstufe(gemeinde: str, kreis: str | None, stichtag: date) -> tuple[ms.MietenstufeResult | None, str]:
    try:
        return ms.mietenstufe(gemeinde, stichtag, kreis=kreis), ""
    except ReferenceDataError as exc:
        return None, exc.message.rstrip(".")


def _richtwert(res: Ergebnis, t: tr.Traeger, stichtag: date) -> None:
    ausgabe = t.ausgabe_am(stichtag)
    if ausgabe is None or not ausgabe.hat_werte():
        later = t.naechste_ausgabe_nach(stichtag)
        res.hinweise.append(f"Für den {german_date(stichtag)} liegt dem Projekt kein Richtwert von {t.name} vor"
                            + (f" (nächste bekannte Tabelle ab {german_date(later.gueltig_ab)})" if later else "")
                            + ". Es wird keiner angenommen.")
        return
    res.ausgabe, res.ausgabe_gueltig_ab = ausgabe.bezeichnung, ausgabe.gueltig_ab
    res.richtwert_quelle, res.zuverlaessigkeit = ausgabe.quelle, ausgabe.zuverlaessigkeit
    res.status = STATUS_DE.get(ausgabe.status, ausgabe.status)
    found = _vergleichsraeume(res.gemeinde, t.slug, stichtag)
    if len(found) != 1:
        if res.gemeinde.endswith(KREIS_SUFFIX):
            res.hinweise.append(f"Für Gemeinden, die hier nicht einzeln aufgeführt sind, hängt der Richtwert von "
                                f"{t.name} vom Vergleichsraum ab; die Zuordnung steht in der Richtlinie des Trägers.")
        else:
            which = "mehreren Vergleichsräumen" if found else "keinem Vergleichsraum"
            res.hinweise.append(f"{res.gemeinde} ist in den Daten zur Ausgabe „{ausgabe.bezeichnung}“ {which} "
                                "zugeordnet; der Richtwert hängt vom Vergleichsraum ab. Die Zuordnung steht in der "
                                "Richtlinie des Trägers.")
        if ausgabe.mietbegriff == "bruttokalt":
            raeume = tr.vr_names(ausgabe)
            if res.gemeinde.endswith(KREIS_SUFFIX):  # a single town's area is not one of the "übrige Gemeinden"
                raeume = [vr for vr in raeume if getattr(t.vergleichsraum(vr), "typ", None)
                          not in ("stadtgebiet", "zentraler_ort")] or raeume
            amounts = [a for vr in raeume if (a := tr.richtwert(ausgabe, vr, res.personen)[0]) is not None]
            if amounts:
                res.richtwert_spanne = (min(amounts), max(amounts))
        return
    res.vergleichsraum = found[0]
    if ausgabe.mietbegriff != "bruttokalt":
        res.hinweise.append(mietbegriff_hinweis(t.name, ausgabe.mietbegriff))
        return
    amount, note = tr.richtwert(ausgabe, res.vergleichsraum, res.personen)
    res.richtwert_eur = amount
    if amount is None:
        res.hinweise.append(f"Für {res.personen} Personen nennt die Ausgabe für {res.vergleichsraum} keinen Richtwert.")
    elif note:
        res.hinweise.append(f"Richtwert {note}.")
    size_key = str(res.personen) if res.personen <= 5 else "+1"
    for anm in ausgabe.anmerkungen:
        if anm["vergleichsraum"] in (None, res.vergleichsraum) and anm["haushaltsgroesse"] in (None, size_key):
            res.hinweise.append(f"Anmerkung der Richtlinie: {anm['text']}.")
    for e in _courts(t, res.vergleichsraum, res.gemeinde, stichtag):
        res.hinweise.append(f"{e.bezeichnung}: Konzept nicht schlüssig ({e.gegenstand}) – dann gilt die "
                            "Wohngeldtabelle + 10 %.")


def _wogg(res: Ergebnis, t: tr.Traeger | None, stichtag: date) -> None:
    stufe, problem = _mietenstufe(res.gemeinde, t.mietenstufe_kreis if t is not None else None, stichtag)
    if stufe is None:
        res.hinweise.append(f"Wohngeldtabelle + 10 % nicht bestimmbar: {problem}.")
        return
    res.mietenstufe = stufe.stufe
    res.mietenstufe_grundlage = ("in der WoGV-Anlage genannt" if stufe.grundlage == "gemeinde"
                                 else f"Stufe des Kreises {stufe.kreis}")
    res.wogg_plus10_eur = wogg.wogg_plus10(stufe.stufe, res.personen, stichtag)
    res.klimakomponente_eur = wogg.klimakomponente(res.personen, stichtag)
    res.wogg_quelle = f"{wogg.wogg_citation(stichtag).text}; {stufe.citation.text}; {WOGG_RG}"


def lookup(gemeinde: str, personen: int, stichtag: date) -> Ergebnis:
    """The result for one Gemeinde (a name of :func:`gemeinden`) and household size 1–8."""
    _clear_caches()
    known = gemeinden(stichtag)
    if gemeinde not in known:
        raise KeyError(gemeinde)
    return _lookup(gemeinde, known[gemeinde], personen, stichtag)


def _clear_caches() -> None:
    _vergleichsraeume.cache_clear()
    _mietenstufe.cache_clear()


def _lookup(gemeinde: str, t: tr.Traeger | None, personen: int, stichtag: date) -> Ergebnis:
    if personen not in PERSONEN:
        raise ValueError(f"personen must be 1–8, not {personen}")
    res = Ergebnis(gemeinde=gemeinde, personen=personen, traeger=t.name if t is not None else None)
    if t is None:
        res.hinweise.append(f"{gemeinde} ist in den Richtlinien, die dem Projekt vorliegen, keinem Träger und "
                            "Vergleichsraum zugeordnet; ein Richtwert wird deshalb nicht angezeigt.")
    else:
        _richtwert(res, t, stichtag)
    _wogg(res, t, stichtag)
    return res


# ----------------------------------------------------------------------------- the homepage section

def shown_texts(res: Ergebnis) -> dict:
    """The strings the page shows for one result (the browser test compares these with the page)."""
    diff = res.differenz_eur
    if diff is None:
        diff_text = ""
    elif diff < 0:
        diff_text = f"{euro(-diff)} unter der Wohngeldtabelle + 10 %"
    elif diff > 0:
        diff_text = f"{euro(diff)} über der Wohngeldtabelle + 10 %"
    else:
        diff_text = "genau die Wohngeldtabelle + 10 %"
    return {
        "richtwert": (euro(res.richtwert_eur) if res.richtwert_eur is not None else
                      f"{euro(res.richtwert_spanne[0])} bis {euro(res.richtwert_spanne[1])} je nach Vergleichsraum"
                      if res.richtwert_spanne else "kein Richtwert bekannt"),
        "vergleichsraum": res.vergleichsraum or "nicht zugeordnet",
        "ausgabe": res.ausgabe or "",
        "gueltig_ab": german_date(res.ausgabe_gueltig_ab) if res.ausgabe_gueltig_ab else "",
        "quelle": res.richtwert_quelle or "",
        "zuverlaessigkeit": (f"{res.zuverlaessigkeit} – {res.status}" if res.zuverlaessigkeit else ""),
        "mietenstufe": f"{res.mietenstufe} ({res.mietenstufe_grundlage})" if res.mietenstufe else "nicht bestimmbar",
        "wogg_plus10": euro(res.wogg_plus10_eur, missing="nicht bestimmbar"),
        "klimakomponente": euro(res.klimakomponente_eur, missing="keine (erst ab 2023)"),
        "differenz": diff_text,
        "wogg_quelle": res.wogg_quelle or "",
        "hinweise": res.hinweise,
    }


def lookup_data(stichtag: date) -> dict:
    """All results, grouped so that Gemeinden with the same Träger, Vergleichsraum and Mietenstufe share one entry."""
    _clear_caches()
    entries: list[dict] = []
    index: dict[str, int] = {}
    names = []
    for name, t in gemeinden(stichtag).items():
        shown = [shown_texts(_lookup(name, t, p, stichtag)) for p in PERSONEN]
        # notes that name the Gemeinde keep it apart; everything else is shared
        key = json.dumps([t.name if t else None, shown], ensure_ascii=False, sort_keys=True)
        if key not in index:
            index[key] = len(entries)
            entries.append({"traeger": t.name if t else "nicht zugeordnet", "personen": shown})
        names.append([name, index[key]])
    # every text once: results refer to it by its number in "texte" (sources repeat hundreds of times)
    texte: dict[str, int] = {}

    def ref(text: str) -> int:
        return texte.setdefault(text, len(texte))

    for entry in entries:
        entry["personen"] = [{k: [ref(h) for h in v] if isinstance(v, list) else ref(v) for k, v in shown.items()}
                             for shown in entry["personen"]]
    return {"stand": german_date(stichtag), "gemeinden": names, "eintraege": entries, "texte": list(texte)}


LOOKUP_CSS = """
#gemeinde-suche form { display: flex; flex-wrap: wrap; gap: 0.8rem 1.5rem; align-items: flex-end; margin: 1rem 0; }
#gemeinde-suche label { display: block; font-weight: bold; }
#gemeinde-suche input, #gemeinde-suche select, #gemeinde-suche button { font: inherit; padding: 0.35rem 0.5rem; }
#gemeinde-suche input { min-width: 18rem; }
#gemeinde-suche button { background: #0072B2; color: #fff; border: 0; border-radius: 3px; cursor: pointer; }
#gemeinde-suche :focus-visible { outline: 3px solid #E69F00; outline-offset: 2px; }
#lookup-ergebnis dl { display: grid; grid-template-columns: max-content 1fr; gap: 0.3rem 1rem; margin: 0.5rem 0; }
#lookup-ergebnis dt { font-weight: bold; }
#lookup-ergebnis dd { margin: 0; }
#lookup-ergebnis .betrag { font-size: 1.3rem; font-weight: bold; font-variant-numeric: tabular-nums; }
#lookup-ergebnis .umstritten { background: #fff3d6; padding: 0 0.3rem; font-weight: bold; }
#lookup-ergebnis .kasten { border: 2px solid #0072B2; border-radius: 4px; padding: 0.6rem 1rem; }
#lookup-fehler { border-left: 5px solid #D55E00; padding: 0.4rem 0.8rem; background: #fde8de; }
@media print {
  #gemeinde-suche form button { display: none; }
  #gemeinde-suche input, #gemeinde-suche select { border: 0; padding: 0; }
  #lookup-ergebnis .kasten { break-inside: avoid; border-color: #000; }
}
"""

# Plain JavaScript, no network. Gemeinde names are compared after forgiving case, umlauts (ä = ae = a), "ß" = "ss",
# prefixes such as "Stadt"/"Gemeinde" and suffixes such as "/Sa."; a name without its "/…" suffix is accepted when
# only one Gemeinde has that base name.
LOOKUP_JS = r"""
(function () {
  "use strict";
  var daten = JSON.parse(document.getElementById("gemeinde-daten").textContent);
  var PREFIXES = ["landeshauptstadt ", "grosse kreisstadt ", "kreisfreie stadt ", "stadt ", "gemeinde "];
  var SUFFIXES = [[/\/\s*sachsen$/, ""], [/\/\s*sa\.?$/, ""], [/\s+i\.\s*sa\.?$/, ""], [/\/\s*vogtland$/, "/vogtl"],
                  [/\/\s*vogtl\.?$/, "/vogtl"], [/\/\s*erzgebirge$/, "/erzgeb"], [/\/\s*erzgeb\.?$/, "/erzgeb"],
                  [/\/\s*o\.\s*l\.?$/, "/ol"]];
  function schluessel(name) {
    var s = String(name || "").toLowerCase().replace(/\s+/g, " ").trim();
    s = s.replace(/ä/g, "a").replace(/ö/g, "o").replace(/ü/g, "u").replace(/ß/g, "ss");
    s = s.normalize("NFD").replace(/[\u0300-\u036f]/g, "");
    for (var i = 0; i < PREFIXES.length; i++) {
      if (s.indexOf(PREFIXES[i]) === 0) { s = s.slice(PREFIXES[i].length); }
    }
    for (var j = 0; j < SUFFIXES.length; j++) { s = s.replace(SUFFIXES[j][0], SUFFIXES[j][1]); }
    return s.replace(/ae/g, "a").replace(/oe/g, "o").replace(/ue/g, "u").replace(/[^a-z0-9\/]/g, "");
  }
  var genau = {}, basis = {};
  daten.gemeinden.forEach(function (g) {
    var k = schluessel(g[0]);
    genau[k] = (k in genau) ? null : g;  // two Gemeinden with one key: neither is guessed
    var b = k.split("/")[0];
    (basis[b] = basis[b] || []).push(g);
  });
  function finde(name) {
    var k = schluessel(name);
    if (!k) { return null; }
    if (genau[k]) { return genau[k]; }
    var b = basis[k.split("/")[0]];
    if (b && b.length === 1) { return b[0]; }
    // "Landkreis Meißen", "Erzgebirgskreis": the entry for the Gemeinden not named one by one
    return genau[k + "ubrigegemeinden"] || genau["landkreis" + k + "ubrigegemeinden"] || null;
  }
  var form = document.getElementById("lookup-form");
  var feld = document.getElementById("lookup-gemeinde");
  var personen = document.getElementById("lookup-personen");
  var ausgabe = document.getElementById("lookup-ergebnis");
  function el(tag, text, attrs) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) { e.textContent = text; }
    Object.keys(attrs || {}).forEach(function (a) { e.setAttribute(a, attrs[a]); });
    return e;
  }
  function zeile(dl, label, wert, name, klasse) {
    dl.appendChild(el("dt", label));
    var dd = el("dd", wert, {"data-feld": name});
    if (klasse) { dd.className = klasse; }
    dl.appendChild(dd);
    return dd;
  }
  function zeige(name, n) {
    ausgabe.textContent = "";
    if (!String(name || "").trim()) { return; }
    var g = finde(name);
    if (!g) {
      ausgabe.appendChild(el("p", "Die Gemeinde „" + name + "“ ist nicht bekannt. Bitte den Namen prüfen oder aus " +
        "der Liste wählen; fehlt Ihre Gemeinde, wählen Sie Ihren Landkreis mit „(übrige Gemeinden)“. " +
        "Es wird kein Ergebnis angezeigt.",
        {"id": "lookup-fehler", "role": "alert", "data-feld": "fehler"}));
      return;
    }
    var n_ = Math.min(8, Math.max(1, parseInt(n, 10) || 1));
    var e = daten.eintraege[g[1]], r = {};
    Object.keys(e.personen[n_ - 1]).forEach(function (k) {
      var v = e.personen[n_ - 1][k];
      r[k] = Array.isArray(v) ? v.map(function (i) { return daten.texte[i]; }) : daten.texte[v];
    });
    var box = el("div", null, {"class": "kasten"});
    box.appendChild(el("h3", g[0] + ", " + n_ + (n_ === 1 ? " Person" : " Personen"), {"data-feld": "titel"}));
    var dl = el("dl");
    zeile(dl, "Träger", e.traeger, "traeger");
    zeile(dl, "Vergleichsraum", r.vergleichsraum, "vergleichsraum");
    zeile(dl, "Richtwert des Trägers", r.richtwert, "richtwert", "betrag");
    if (r.ausgabe) {
      zeile(dl, "Gilt ab", r.gueltig_ab, "gueltig_ab");
      zeile(dl, "Ausgabe", r.ausgabe, "ausgabe");
      zeile(dl, "Quelle", r.quelle, "quelle");
      zeile(dl, "Verlässlichkeit", r.zuverlaessigkeit, "zuverlaessigkeit");
    }
    zeile(dl, "Mietenstufe", r.mietenstufe, "mietenstufe");
    zeile(dl, "Wohngeldtabelle + 10 %", r.wogg_plus10, "wogg_plus10", "betrag");
    if (r.differenz) { zeile(dl, "Unterschied", "Der Richtwert liegt " + r.differenz + ".", "differenz"); }
    var klima = zeile(dl, "Klimakomponente (getrennt)", r.klimakomponente, "klimakomponente");
    klima.appendChild(document.createTextNode(" "));
    klima.appendChild(el("span", "umstritten", {"class": "umstritten", "data-feld": "umstritten"}));
    if (r.wogg_quelle) { zeile(dl, "Quelle Wohngeld", r.wogg_quelle, "wogg_quelle"); }
    box.appendChild(dl);
    if (r.hinweise.length) {
      var ul = el("ul", null, {"data-feld": "hinweise"});
      r.hinweise.forEach(function (h) { ul.appendChild(el("li", h)); });
      box.appendChild(ul);
    }
    ausgabe.appendChild(box);
  }
  function parameter() {
    var q = new URLSearchParams(window.location.search);
    var h = new URLSearchParams(window.location.hash.replace(/^#/, ""));
    return {gemeinde: h.get("gemeinde") || q.get("gemeinde"), personen: h.get("personen") || q.get("personen")};
  }
  function ausParameter() {
    var p = parameter();
    if (p.gemeinde === null) { return; }
    feld.value = p.gemeinde;
    if (p.personen) { personen.value = String(Math.min(8, Math.max(1, parseInt(p.personen, 10) || 1))); }
    zeige(feld.value, personen.value);
    if (window.location.hash) { document.getElementById("gemeinde-suche").scrollIntoView(); }
  }
  form.addEventListener("submit", function (ev) {
    ev.preventDefault();
    zeige(feld.value, personen.value);
    var neu = "#gemeinde=" + encodeURIComponent(feld.value) + "&personen=" + personen.value;
    try { history.replaceState(null, "", neu); } catch (err) { /* file:// in some browsers */ }
  });
  personen.addEventListener("change", function () { if (feld.value.trim()) { zeige(feld.value, personen.value); } });
  window.addEventListener("hashchange", ausParameter);
  ausParameter();
}());
"""


def lookup_html(data: dict, notes: list[str]) -> str:
    options = "".join(f'<option value="{esc(name)}"></option>' for name, _ in data["gemeinden"])
    sizes = "".join(f'<option value="{n}">{n}</option>' for n in PERSONEN)
    payload = json.dumps(data, ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/")
    return (
        '<div id="gemeinde-suche">'
        '<form id="lookup-form" role="search" aria-label="Richtwert für eine Gemeinde suchen">'
        '<div><label for="lookup-gemeinde">Gemeinde</label>'
        '<input id="lookup-gemeinde" name="gemeinde" list="gemeinden-liste" autocomplete="off" '
        'placeholder="z. B. Döbeln" aria-describedby="lookup-hilfe"></div>'
        '<div><label for="lookup-personen">Personen im Haushalt</label>'
        f'<select id="lookup-personen" name="personen">{sizes}</select></div>'
        '<div><button type="submit">Anzeigen</button></div>'
        f'<datalist id="gemeinden-liste">{options}</datalist></form>'
        '<p id="lookup-hilfe" class="quelle">Namen tippen und aus der Liste wählen; Umlaute dürfen als ae/oe/ue '
        'geschrieben werden, „Stadt“ oder „Gemeinde“ davor ist egal. Die Seite braucht kein Internet.</p>'
        '<div id="lookup-ergebnis" aria-live="polite"></div>'
        '<h3>Bitte beachten</h3><ul class="lookup-hinweise">' + "".join(f"<li>{esc(n)}</li>" for n in notes) + "</ul>"
        f'<script type="application/json" id="gemeinde-daten">{payload}</script></div>'
    )


def lookup_section(stichtag: date) -> Section:
    """The homepage section with its embedded data and script."""
    data = lookup_data(stichtag)
    wogg_text = wogg.wogg_citation(stichtag).text
    return Section(
        title=TITLE,
        paragraphs=[f"Welche Obergrenze für die Miete gilt am {german_date(stichtag)}? Gemeinde und "
                    "Zahl der Personen wählen: die Seite zeigt den Richtwert des Trägers und zum Vergleich die "
                    "Wohngeldtabelle + 10 % für die Mietenstufe der Gemeinde, mit Quelle und Datum."],
        html=lookup_html(data, [
            f"Einzeln erfasst sind {sum(not n.endswith(KREIS_SUFFIX) for n, _ in data['gemeinden'])} Gemeinden: "
            "alle, die in der Anlage zur Wohngeldverordnung genannt sind, und alle, die die Richtlinien der Träger "
            "im Projekt einem Vergleichsraum zuordnen. Steht Ihre Gemeinde nicht in der Liste, wählen Sie Ihren "
            f"Landkreis mit „{KREIS_SUFFIX.strip()}“: dort gilt die Mietenstufe des Kreises. Wo die Daten keinen "
            "Richtwert enthalten, steht das da – es wird keiner angenommen.",
            KLIMA_UMSTRITTEN, *CAVEATS]),
        css=LOOKUP_CSS, script=LOOKUP_JS,
        quelle=f"Richtlinien der Träger (je Ergebnis genannt); {wogg_text}; {WOGG_RG}; {KLIMA_RG}",
        sources=[wogg_text, WOGG_RG, KLIMA_RG],
    )
