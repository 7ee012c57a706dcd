"""The homepage and the offline check shared by every HTML product."""

from datetime import date

import pytest

from kdu_analysis.report.homepage import Homepage, Section, homepage_html, render_homepage
from kdu_analysis.report.html import external_resources, table_html, write_offline_html

PNG = bytes.fromhex("89504e470d0a1a0a")  # the header is enough for an <img> test


def _page(**section):
    defaults = {"title": "Abschnitt", "quelle": "§ 12 WoGG; BSG 12.12.2013 – B 4 AS 87/12 R",
                "paragraphs": ["Erklärung mit Umlauten: Höchstbeträge"]}
    return Homepage("Titel", date(2025, 6, 30), ["Einleitung"], [Section(**{**defaults, **section})])


def test_homepage_is_one_offline_file_with_images_sources_and_stand(tmp_path):
    page = _page(image=PNG, table_header=["Stufe", "1 Person"], table_rows=[["I", "397,10 €"]], table_numeric=[False, True],
                 downloads=["abbildungen/x.csv"])
    path = render_homepage(page, tmp_path / "homepage.html")
    text = path.read_text(encoding="utf-8")
    assert external_resources(text) == []
    assert 'src="data:image/png;base64,iVBORw0KGgo="' in text
    assert "Stand: 30.06.2025" in text and '<td class="num">397,10 €</td>' in text
    assert "<li>§ 12 WoGG</li><li>BSG 12.12.2013 – B 4 AS 87/12 R</li>" in text
    assert 'href="abbildungen/x.csv"' in text and 'lang="de"' in text


def test_a_section_without_source_is_refused():
    with pytest.raises(ValueError, match="no source"):
        homepage_html(_page(quelle=""))


@pytest.mark.parametrize("snippet", [
    '<script src="https://cdn.example.org/reveal.js"></script>',
    "<link rel='stylesheet' href='http://example.org/a.css'>",
    '<img src="//example.org/a.png">',
    "<style>body { background: url('https://example.org/x.png') }</style>",
    '<style>@import url("https://fonts.example.org/css");</style>',
    '<iframe src="https://example.org"></iframe>',
])
def test_external_resources_are_found(snippet, tmp_path):
    assert external_resources(snippet)
    with pytest.raises(ValueError, match="external resources"):
        write_offline_html(tmp_path / "x.html", snippet)
    assert list(tmp_path.iterdir()) == []


def test_links_and_embedded_data_are_fine():
    page = ('<a href="https://www.gesetze-im-internet.de/sgb_2/__22.html">§ 22</a>'
            '<img src="data:image/png;base64,AAAA"><script>var x = 1;</script>')
    assert external_resources(page) == []


def test_table_cells_are_escaped():
    assert table_html(["a<b"], [["x & y"]]) == "<table><thead><tr><th>a&lt;b</th></tr></thead><tbody><tr><td>x &amp; y</td></tr></tbody></table>"


def test_a_section_brings_its_own_html_css_and_script_into_the_one_file():
    page = homepage_html(_page(html='<div id="werkzeug"></div>', css="#werkzeug{color:red}",
                               script="document.getElementById('werkzeug').textContent='ok';"))
    assert '<div id="werkzeug"></div>' in page and "#werkzeug{color:red}" in page
    assert page.index("<script>") > page.index('<div id="werkzeug">')  # runs after the element exists
    assert external_resources(page) == []


def test_the_report_homepage_opens_with_the_gemeinde_lookup(tmp_path):
    from kdu_analysis.report.gemeinde_lookup import TITLE
    from kdu_analysis.report.pipeline import ReportContext, homepage_page

    page = homepage_page(ReportContext(out=tmp_path, stichtag=date(2025, 6, 30)))
    assert page.sections[0].title == TITLE == "Was gilt in meiner Gemeinde?"
    text = homepage_html(page)
    assert 'id="lookup-gemeinde"' in text and 'id="gemeinde-daten"' in text and "Stand: 30.06.2025" in text
