"""„Was gilt in meiner Gemeinde?“ (contracts §10): the Python calculation, and the page in a real headless Chromium.

The browser tests open ``homepage.html?gemeinde=…&personen=…`` (and ``#gemeinde=…``) from disk with
``chromium --headless --dump-dom`` and compare what the page shows with :func:`gemeinde_lookup.lookup`.
``.ci/run`` installs Chromium from the Debian packages when it is missing.
"""

from __future__ import annotations

import shutil
import subprocess
from datetime import date
from decimal import Decimal
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import quote

import pytest

from kdu_analysis.case import Fall, berechne
from kdu_analysis.reference import wogg
from kdu_analysis.report import gemeinde_lookup as gl
from kdu_analysis.report.homepage import Homepage, homepage_html
from kdu_analysis.report.html import external_resources
from kdu_analysis import traeger as tr

STICHTAG = date(2026, 7, 15)


# ----------------------------------------------------------------------------- the calculation

def test_every_known_gemeinde_and_size_has_a_result_and_the_big_cities_are_there():
    known = gl.gemeinden(STICHTAG)
    assert len(known) >= 200
    assert {"Dresden", "Leipzig", "Chemnitz", "Döbeln", "Frankenberg/Sachsen"} <= set(known)
    for name in ("Dresden", "Döbeln", "Ebersbach-Neugersdorf"):
        for n in gl.PERSONEN:
            res = gl.lookup(name, n, STICHTAG)
            assert res.mietenstufe is not None and res.wogg_plus10_eur is not None


def test_doebeln_three_persons_printed_values():
    res = gl.lookup("Döbeln", 3, STICHTAG)
    assert (res.traeger, res.vergleichsraum) == ("Landkreis Mittelsachsen", "Mittelbereich Döbeln")
    assert res.richtwert_eur == Decimal("480")  # Richtwerte ab 01.01.2025, Mittelbereich Döbeln, 3 Personen
    assert res.ausgabe_gueltig_ab == date(2025, 1, 1) and res.zuverlaessigkeit == "C"
    assert res.mietenstufe == "I"
    assert res.wogg_plus10_eur == Decimal("573.10")  # § 12 WoGG 2025, Stufe I, 3 Personen 521 € × 1,1
    assert res.klimakomponente_eur == Decimal("29.60")  # shown apart, never inside the + 10 % value
    assert res.differenz_eur == Decimal("-93.10")
    shown = gl.shown_texts(res)
    assert (shown["richtwert"], shown["wogg_plus10"], shown["klimakomponente"]) == ("480,00 €", "573,10 €", "29,60 €")
    assert shown["differenz"] == "93,10 € unter der Wohngeldtabelle + 10 %"


def test_the_wogg_value_excludes_the_klimakomponente_everywhere():
    for name in ("Leipzig", "Pirna", "Döbeln"):
        for n in (1, 4, 8):
            res = gl.lookup(name, n, STICHTAG)
            assert res.wogg_plus10_eur == wogg.wogg_plus10(res.mietenstufe, n, STICHTAG)


def test_no_richtwert_is_invented():
    # Landkreis Zwickau: no Bruttokalt-Richtwert for 2026 in the data
    zwickau = next(n for n, t in gl.gemeinden(STICHTAG).items() if t is not None and t.slug == "zwickau")
    res = gl.lookup(zwickau, 2, STICHTAG)
    assert res.richtwert_eur is None and res.differenz_eur is None and res.wogg_plus10_eur is not None
    assert any("kein Richtwert" in h or "Bruttowarmmiete" in h for h in res.hinweise)
    # a Gemeinde of the WoGV annex that no guideline in the data assigns to a Träger
    res = gl.lookup("Ebersbach-Neugersdorf", 2, STICHTAG)
    assert res.traeger is None and res.richtwert_eur is None
    assert any("keinem Träger" in h for h in res.hinweise)
    assert gl.shown_texts(res)["richtwert"] == "kein Richtwert bekannt"


def test_gemeinden_not_named_one_by_one_take_their_kreis_entry():
    res = gl.lookup("Landkreis Mittelsachsen (übrige Gemeinden)", 3, STICHTAG)
    assert res.traeger == "Landkreis Mittelsachsen" and res.vergleichsraum is None and res.richtwert_eur is None
    # Richtwerte ab 01.01.2025, 3 Personen: Döbeln 480, Freiberg-Umland 500, Mittweida 490, Umland Chemnitz 500;
    # the town area Stadt Freiberg (530) is left out
    assert res.richtwert_spanne == (Decimal("480"), Decimal("500"))
    assert gl.shown_texts(res)["richtwert"] == "480,00 € bis 500,00 € je nach Vergleichsraum"
    assert (res.mietenstufe, res.wogg_plus10_eur) == ("I", Decimal("573.10"))  # Kreis Mittelsachsen: Stufe I
    assert res.differenz_eur is None
    kreise = [n for n in gl.gemeinden(STICHTAG) if n.endswith(gl.KREIS_SUFFIX)]
    assert len(kreise) == 10  # the ten Landkreise; the three kreisfreie Städte are named


def test_sizes_beyond_the_table_are_derived_and_say_so():
    res = gl.lookup("Döbeln", 7, STICHTAG)  # Mittelsachsen 2025: no "je weitere Person" recorded
    assert res.richtwert_eur is None
    dresden = gl.lookup("Dresden", 7, STICHTAG)  # 962,50 € for 5 + 2 × 116,60 € je weitere Person
    assert dresden.richtwert_eur == Decimal("1195.70")
    assert any("abgeleitet" in h for h in dresden.hinweise)


def test_lookup_agrees_with_the_case_calculator():
    for name, n in (("Döbeln", 2), ("Dresden", 4), ("Leipzig", 1)):
        res = gl.lookup(name, n, STICHTAG)
        case = berechne(Fall(traeger=res.traeger, gemeinde=name, personen=n, bruttokaltmiete=Decimal(500),
                             heizkosten=Decimal(0), monat=STICHTAG.replace(day=1)))
        assert (case["richtwert_eur"], case["wogg_plus10_eur"], case["klimakomponente_eur"]) == (
            res.richtwert_eur, res.wogg_plus10_eur, res.klimakomponente_eur)
        assert case["vergleichsraum"] == res.vergleichsraum


def test_section_is_offline_and_labelled():
    page = homepage_html(Homepage(title="Test", stand=STICHTAG, intro=[], sections=[gl.lookup_section(STICHTAG)]))
    assert external_resources(page) == []
    assert '<label for="lookup-gemeinde">' in page and '<label for="lookup-personen">' in page
    assert 'list="gemeinden-liste"' in page and page.count("<option value=\"Döbeln\">") == 1
    assert "fetch(" not in page and "XMLHttpRequest" not in page
    assert len(page) < 400_000


# ----------------------------------------------------------------------------- in a real browser

def _chromium() -> str:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    pytest.fail("Chromium fehlt: bitte `apt-get install chromium` (macht .ci/run selbst)")


class _Fields(HTMLParser):
    """Text of every element with a ``data-feld`` attribute (children included)."""

    def __init__(self):
        super().__init__()
        self.fields: dict[str, str] = {}
        self._open: list[tuple[str | None, list[str]]] = []

    def handle_starttag(self, tag, attrs):
        if tag in ("br", "img", "input", "meta", "link", "option"):
            return
        self._open.append((dict(attrs).get("data-feld"), []))

    def handle_endtag(self, tag):
        if tag in ("br", "img", "input", "meta", "link", "option") or not self._open:
            return
        name, parts = self._open.pop()
        text = " ".join("".join(parts).split())
        if name:
            self.fields[name] = text
        if self._open:
            self._open[-1][1].append("".join(parts))

    def handle_data(self, data):
        if self._open:
            self._open[-1][1].append(data)


@pytest.fixture(scope="module")
def page(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("homepage")
    path = folder / "homepage.html"
    path.write_text(homepage_html(Homepage(title="Test", stand=STICHTAG, intro=[],
                                           sections=[gl.lookup_section(STICHTAG)])), encoding="utf-8")
    return path


def _dump(url: str, tmp_path: Path) -> dict[str, str]:
    cmd = [_chromium(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
           f"--user-data-dir={tmp_path / 'chromium'}", "--dump-dom", url]
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    parser = _Fields()
    parser.feed(done.stdout)
    assert "lookup-ergebnis" in done.stdout, "page did not load"
    return parser.fields


def _sample() -> list[tuple[str, int]]:
    names = list(gl.gemeinden(STICHTAG))
    picked = names[::23] + ["Dresden", "Leipzig", "Chemnitz", "Döbeln", "Ebersbach-Neugersdorf",
                            "Landkreis Görlitz (übrige Gemeinden)"]
    # every 23rd Gemeinde, the three cities, sizes 1–8 in turn; plus sizes derived from "je weitere Person"
    return [(name, 1 + i % 8) for i, name in enumerate(dict.fromkeys(picked))] + [("Dresden", 7), ("Leipzig", 8)]


#: Gemeinden and sizes the browser test checked (printed in the closing note of the test run, see README)
SAMPLE = _sample()


@pytest.mark.parametrize("gemeinde,personen", SAMPLE, ids=[f"{g}-{n}" for g, n in SAMPLE])
def test_deep_link_shows_the_python_result(page, tmp_path, gemeinde, personen):
    via_hash = personen % 2 == 0
    params = f"gemeinde={quote(gemeinde)}&personen={personen}"
    url = page.as_uri() + (f"#{params}" if via_hash else f"?{params}")
    shown = _dump(url, tmp_path)
    expected = gl.shown_texts(gl.lookup(gemeinde, personen, STICHTAG))
    assert "fehler" not in shown
    assert shown["titel"] == f"{gemeinde}, {personen} {'Person' if personen == 1 else 'Personen'}"
    assert shown["traeger"] == (gl.gemeinden(STICHTAG)[gemeinde].name if gl.gemeinden(STICHTAG)[gemeinde]
                                else "nicht zugeordnet")
    for key in ("vergleichsraum", "richtwert", "mietenstufe", "wogg_plus10"):
        assert shown[key] == expected[key], key
    assert shown["klimakomponente"] == f"{expected['klimakomponente']} umstritten"
    if expected["ausgabe"]:
        assert (shown["gueltig_ab"], shown["quelle"], shown["zuverlaessigkeit"]) == (
            expected["gueltig_ab"], expected["quelle"], expected["zuverlaessigkeit"])
    if expected["differenz"]:
        assert shown["differenz"] == f"Der Richtwert liegt {expected['differenz']}."
    else:
        assert "differenz" not in shown


def test_forgiving_spelling(page, tmp_path):
    for typed, meant in (("Stadt Doebeln", "Döbeln"), ("GEMEINDE döbeln", "Döbeln"), ("Frankenberg", "Frankenberg/Sachsen"),
                         ("Landeshauptstadt Dresden", "Dresden"),
                         ("Landkreis Meissen", "Landkreis Meißen (übrige Gemeinden)"),
                         ("erzgebirgskreis", "Erzgebirgskreis (übrige Gemeinden)")):
        shown = _dump(page.as_uri() + f"?gemeinde={quote(typed)}&personen=2", tmp_path)
        assert shown.get("titel") == f"{meant}, 2 Personen", typed
        assert shown["richtwert"] == gl.shown_texts(gl.lookup(meant, 2, STICHTAG))["richtwert"]


def test_unknown_name_gives_a_clear_message_and_no_result(page, tmp_path):
    shown = _dump(page.as_uri() + "?gemeinde=Atlantis&personen=3", tmp_path)
    assert "Atlantis" in shown["fehler"] and "nicht bekannt" in shown["fehler"]
    assert not {"titel", "traeger", "richtwert", "wogg_plus10"} & set(shown)
    # the hash wins over the query: a known query name with an unknown hash name shows no stale result
    shown = _dump(page.as_uri() + "?gemeinde=D%C3%B6beln&personen=2#gemeinde=Nirgendwo&personen=2", tmp_path)
    assert "Nirgendwo" in shown["fehler"] and "richtwert" not in shown


def test_typing_a_new_name_replaces_the_old_result(page, tmp_path):
    """The form in use: Döbeln shown, then an unknown name submitted → only the message is left."""
    html = page.read_text(encoding="utf-8").replace("</body>", (
        "<script>(function(){var f=document.getElementById('lookup-form'),g=document.getElementById('lookup-gemeinde');"
        "g.value='Döbeln';f.requestSubmit();document.body.setAttribute('data-zwischen',"
        "document.querySelector('[data-feld=richtwert]').textContent);"
        "g.value='Xyz';f.requestSubmit();}());</script></body>"))
    harness = page.with_name("harness.html")
    harness.write_text(html, encoding="utf-8")
    done = subprocess.run([_chromium(), "--headless", "--no-sandbox", "--disable-gpu",
                           f"--user-data-dir={tmp_path / 'chromium'}", "--dump-dom", harness.as_uri()],
                          capture_output=True, text=True, timeout=120)
    parser = _Fields()
    parser.feed(done.stdout)
    assert 'data-zwischen="' + gl.shown_texts(gl.lookup("Döbeln", 1, STICHTAG))["richtwert"] in done.stdout
    assert "Xyz" in parser.fields["fehler"] and "richtwert" not in parser.fields
