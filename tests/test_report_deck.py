"""The slide deck: 16:9 PDF with a source line and the Stand on every slide, and an offline HTML version."""

import io
from datetime import date

import matplotlib.pyplot as plt
import pdfplumber
import pypdfium2
import pytest

from kdu_analysis.report.deck import (MAX_BULLETS, Deck, Slide, SlideTable, deck_html, render_html, render_pdf,
                                      slide_fits)
from kdu_analysis.report.html import external_resources, figure_png
from kdu_analysis.charts.style import add_source_line, chart_style
from tests.helpers import upright_chars, words_with_size


@pytest.fixture(scope="module")
def chart_png():
    with chart_style("slide"):
        fig, ax = plt.subplots()
        ax.plot([2020, 2021, 2022], [446, 449, 502])
        add_source_line(fig, "Testdaten", stand=date(2025, 6, 30))
    png = figure_png(fig)
    plt.close(fig)
    return png


@pytest.fixture(scope="module")
def deck(chart_png):
    return Deck("Testvortrag", date(2025, 6, 30), [
        Slide("Titel des Vortrags", "eigene Darstellung", subtitle="Untertitel", layout="title"),
        Slide("Aufzählung", "§ 22 SGB II", bullets=["Erster Punkt", ("Zweiter Punkt", "BSG 12.12.2013 – B 4 AS 87/12 R")]),
        Slide("Abbildung", "Testdaten", image=chart_png),
        Slide("Abbildung mit Text", "Testdaten", image=chart_png, bullets=["kurz"]),
        Slide("Tabelle", "§ 12 WoGG", table=SlideTable(["Stufe", "1 Person"], [["I", "397,10 €"], ["II", "448,80 €"]],
                                                         [False, True])),
        Slide("Quellen", "Zusammenstellung", bullets=[f"Quelle {n}" for n in range(10)], layout="sources"),
    ])


@pytest.fixture(scope="module")
def deck_pdf(deck, tmp_path_factory):
    return render_pdf(deck, tmp_path_factory.mktemp("deck") / "vortrag.pdf")


def test_pdf_has_one_16_to_9_page_per_slide(deck, deck_pdf):
    with pdfplumber.open(deck_pdf) as pdf:
        assert len(pdf.pages) == len(deck.slides)
        for page in pdf.pages:
            assert page.width / page.height == pytest.approx(16 / 9, rel=0.01)


def test_every_slide_shows_source_stand_and_number(deck, deck_pdf):
    with pdfplumber.open(deck_pdf) as pdf:
        for number, page in enumerate(pdf.pages, start=1):
            text = page.extract_text()
            assert "Quelle:" in text, number
            assert "Stand: 30.06.2025" in text, number
            assert f"{number}/{len(deck.slides)}" in text


def test_umlauts_and_symbols_survive_in_the_pdf_text(deck_pdf):
    with pdfplumber.open(deck_pdf) as pdf:
        text = "\n".join(p.extract_text() for p in pdf.pages)
    assert "Aufzählung" in text and "§ 22 SGB II" in text and "397,10 €" in text and "B 4 AS 87/12 R" in text


def test_a_rendered_slide_is_not_blank(deck_pdf):
    pdf = pypdfium2.PdfDocument(str(deck_pdf))
    try:
        image = pdf[2].render(scale=0.5).to_pil().convert("L")
    finally:
        pdf.close()
    dark = sum(image.histogram()[:128])
    assert dark > 0.01 * image.width * image.height  # the chart and the title are drawn


def test_html_deck_is_offline_and_embeds_images(deck, tmp_path):
    path = render_html(deck, tmp_path / "vortrag.html")
    page = path.read_text(encoding="utf-8")
    assert external_resources(page) == []
    assert "http://" not in page and "https://" not in page
    assert page.count('<section class="slide') == len(deck.slides)
    assert page.count('src="data:image/png;base64,') == 2
    assert page.count("Stand: 30.06.2025") == len(deck.slides)
    assert "<script>" in page  # keyboard navigation inline


def test_html_escapes_text():
    page = deck_html(Deck("T", date(2025, 1, 1), [Slide("<b>Titel</b>", "Q & A", bullets=["x < y"])]))
    assert "&lt;b&gt;Titel&lt;/b&gt;" in page and "Q &amp; A" in page and "x &lt; y" in page


@pytest.mark.parametrize("slide, message", [
    (Slide("Ohne Quelle", " ", bullets=["a"]), "no source line"),
    (Slide("Zu viel", "Q", bullets=["a"] * (MAX_BULLETS + 1)), "bullets"),
    (Slide("Tabelle", "Q", table=SlideTable(["a"], [["1"]] * 20)), "table rows"),
    (Slide("Beides", "Q", image=b"png", table=SlideTable(["a"], [["1"]])), "both a picture and a table"),
])
def test_illegible_or_unsourced_slides_are_refused(slide, message, tmp_path):
    with pytest.raises(ValueError, match=message):
        render_pdf(Deck("T", date(2025, 1, 1), [slide]), tmp_path / "x.pdf")
    assert not (tmp_path / "x.pdf").exists()
    assert list(tmp_path.iterdir()) == []  # no partial file


def test_a_note_is_set_under_the_table_and_refused_when_too_long(tmp_path):
    table = SlideTable(["Träger", "Verstöße"], [["Landkreis A", "3"]], [False, True])
    slide = Slide("Mangel", "Q", table=table, note="Beispiel Landkreis A: der Wert für 4 Personen ist niedriger")
    assert slide_fits(slide)
    path = render_pdf(Deck("T", date(2025, 1, 1), [slide]), tmp_path / "n.pdf")
    with pdfplumber.open(path) as pdf:
        assert "Beispiel Landkreis A" in pdf.pages[0].extract_text()
    assert '<p class="note">Beispiel Landkreis A' in deck_html(Deck("T", date(2025, 1, 1), [slide]))
    crowded = Slide("Mangel", "Q", table=SlideTable(["a"], [["x"]] * 9), note="sehr lang " * 300)
    assert not slide_fits(crowded)
    with pytest.raises(ValueError, match="note runs off"):
        render_pdf(Deck("T", date(2025, 1, 1), [crowded]), tmp_path / "x.pdf")


def test_text_running_off_the_slide_is_refused(tmp_path):
    long_bullets = ["Ein sehr langer Satz, der auf einer Folie nichts verloren hat, weil ihn hinten keiner liest " * 2] * 6
    with pytest.raises(ValueError, match="run off"):
        render_pdf(Deck("T", date(2025, 1, 1), [Slide("Zu lang", "Q", bullets=long_bullets)]), tmp_path / "x.pdf")
    assert list(tmp_path.iterdir()) == []


def test_pdf_is_reproducible(deck, tmp_path):
    a = render_pdf(deck, tmp_path / "a.pdf").read_bytes()
    b = render_pdf(deck, tmp_path / "b.pdf").read_bytes()
    assert a == b
    assert io.BytesIO(a).read(5) == b"%PDF-"


# ----------------------------------------------------------------------------- slides legible from the back row

def test_a_chart_drawn_for_the_slide_keeps_its_type_size(tmp_path):
    from kdu_analysis.report.deck import CHART_MIN_PT, SlideChart
    from kdu_analysis.charts.style import euro_axis

    def draw(ax):
        ax.bar([1, 2, 3], [397.1, 480.7, 573.1])
        ax.set_xticks([1, 2, 3], ["1 Person", "2 Personen", "3 Personen"])
        euro_axis(ax.yaxis)

    slide = Slide("Diagramm", "Testdaten", chart=SlideChart(draw, "Balken"))
    path = render_pdf(Deck("T", date(2025, 6, 30), [slide]), tmp_path / "c.pdf")
    with pdfplumber.open(path) as pdf:
        ticks = [w for w in words_with_size(pdf.pages[0]) if w["text"] in ("Personen", "€", "400")]
    assert ticks and min(w["size"] for w in ticks) >= CHART_MIN_PT
    page = deck_html(Deck("T", date(2025, 6, 30), [slide]))
    assert page.count('src="data:image/png;base64,') == 1 and 'alt="Balken"' in page

    def tiny(ax):
        ax.plot([1, 2], [1, 2])
        ax.text(1, 1, "winzig", fontsize=9)

    with pytest.raises(ValueError, match="at least 16 pt"):
        render_pdf(Deck("T", date(2025, 6, 30), [Slide("Klein", "Q", chart=SlideChart(tiny, "x"))]), tmp_path / "t.pdf")


@pytest.fixture(scope="module")
def talk_pdf(tmp_path_factory):
    """The talk's chart and Träger slides as the report builds them (Stichtag pinned)."""
    from kdu_analysis.audit.findings import PRUEFUNGEN
    from kdu_analysis.audit.run import run_audit
    from kdu_analysis.report import talk
    from kdu_analysis.report.charts import draw_regelbedarf_slide
    from kdu_analysis.report.deck import SlideChart

    stichtag = date(2026, 7, 15)
    findings = run_audit(stichtag)
    slides = [talk.wogg_slide(stichtag),
              talk.regelbedarf_chart_slide(SlideChart(draw_regelbedarf_slide, "Regelbedarf"),
                                           {"erstes_jahr": 2011, "nullrunden": []}),
              *talk.traeger_slides(findings, stichtag, PRUEFUNGEN)]
    deck = Deck("T", stichtag, slides)
    return deck, findings, render_pdf(deck, tmp_path_factory.mktemp("talk") / "talk.pdf")


def test_measured_type_sizes_on_the_talk_slides(talk_pdf):
    from kdu_analysis.report.deck import CHART_MIN_PT, FOOTER_PT, KEY_TABLE_PT

    deck, _, path = talk_pdf
    with pdfplumber.open(path) as pdf:
        pages = list(pdf.pages)
        # nothing on any slide is smaller than the footer (12 pt)
        for number, page in enumerate(pages, start=1):
            assert min(c["size"] for c in upright_chars(page)) >= FOOTER_PT - 0.1, number
        # chart slides: every tick label (amounts in €, sizes, years) at least 16 pt
        for number in (0, 1):
            words = words_with_size(pages[number])
            ticks = [w for w in words if w["text"] in ("€", "Person", "Personen", "2011", "2014", "2017", "2020")]
            assert len(ticks) >= 5, number
            assert min(w["size"] for w in ticks) >= CHART_MIN_PT, number
        # Träger lead slides: the key comparison's amounts in large type
        leads = [n for n, s in enumerate(deck.slides) if s.table is not None and s.table.size == KEY_TABLE_PT]
        assert len(leads) >= 10
        for n in leads:
            amounts = [w for w in words_with_size(pages[n]) if w["text"].endswith(",50") or w["text"].endswith(",00")
                       or w["text"] == "Personen"]
            assert amounts and min(w["size"] for w in amounts) >= KEY_TABLE_PT - 0.1, deck.slides[n].title


def test_traeger_slides_lead_with_the_key_comparison_then_the_verstoesse(talk_pdf):
    deck, findings, path = talk_pdf
    slides = deck.slides[2:]
    titles = [s.title for s in slides]
    assert titles.index("Landeshauptstadt Dresden") + 1 == titles.index("Landeshauptstadt Dresden: Verstöße")
    dresden = slides[titles.index("Landeshauptstadt Dresden")]
    # Stadtgebiet Dresden, Richtwerte ab 01.01.2025, Mietenstufe III (§ 12 WoGG 2025: 456 € × 1,1 = 501,60 €)
    assert dresden.subtitle == "Stadtgebiet Dresden · Richtwerte ab 01.01.2025 · Mietenstufe III"
    assert dresden.table.rows[0] == ["1 Person", "450,50 €", "501,60 €", "−51,10 €"]
    # "largest" Vergleichsraum without population data: most WoGV-listed towns, then a town's own area
    assert slides[titles.index("Landkreis Görlitz")].subtitle.startswith("PR 3 (Görlitz) · ")
    assert slides[titles.index("Landkreis Mittelsachsen")].subtitle.startswith("Umland Chemnitz · ")
    # every Träger with a Verstoß has a Verstöße slide; no Träger slide only counts Hinweise
    with_verstoss = set(findings[findings.ergebnis == "verstoss"].traeger)
    assert {t.removesuffix(": Verstöße") for t in titles if t.endswith(": Verstöße")} == with_verstoss
    for slide in slides:
        texts = [b if isinstance(b, str) else b[0] for b in slide.bullets]
        assert not any(t.endswith(("Hinweis", "Hinweise")) for t in texts), slide.title
    with pdfplumber.open(path) as pdf:
        text = pdf.pages[2 + titles.index("Landeshauptstadt Dresden")].extract_text()
    assert "450,50 €" in text and "501,60 €" in text
