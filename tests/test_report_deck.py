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
from kdu_analysis.report.style import add_source_line, chart_style


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
