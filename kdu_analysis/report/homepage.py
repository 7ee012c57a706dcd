"""The homepage: one self-contained HTML page (charts embedded, no network), German, dated and sourced.

A :class:`Homepage` is a list of :class:`Section` objects; each has a heading, short German paragraphs,
optionally a chart (PNG bytes) and/or a table, and a source. The page ends with the list of all sources
and the Stand.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from kdu_analysis import __version__
from kdu_analysis.report.html import esc, html_document, img_tag, table_html, write_offline_html
from kdu_analysis.charts.style import PALETTE
from kdu_analysis.formatting import german_date


@dataclass
class Section:
    title: str
    quelle: str
    paragraphs: list[str] = field(default_factory=list)
    image: bytes | None = None
    image_alt: str = ""
    table_header: list[str] | None = None
    table_rows: list[list[str]] | None = None
    table_numeric: list[bool] | None = None
    downloads: list[str] = field(default_factory=list)  # paths relative to the page, e.g. "abbildungen/x.csv"
    #: the sources for the closing list; ``None`` = the parts of ``quelle`` split at "; "
    sources: list[str] | None = None
    #: trusted HTML (built by the package, e.g. the Gemeinde lookup) placed after the paragraphs, with its CSS and
    #: plain JavaScript; the page stays one offline file
    html: str = ""
    css: str = ""
    script: str = ""
    #: link lists: (label, [(link text, path relative to the page), …]) – one line per entry
    links: list[tuple[str, list[tuple[str, str]]]] = field(default_factory=list)

    def source_items(self) -> list[str]:
        if self.sources is not None:
            return list(self.sources)
        return [p.strip() for p in self.quelle.split("; ") if p.strip()]


@dataclass
class Homepage:
    title: str
    stand: date
    intro: list[str]
    sections: list[Section]

    def sources(self) -> list[str]:
        return list(dict.fromkeys(item for s in self.sections for item in s.source_items()))


PAGE_CSS = """
body { font-family: "DejaVu Sans", Verdana, Arial, sans-serif; max-width: 60rem; margin: 0 auto; padding: 1rem 1.2rem 3rem;
       color: #111; line-height: 1.5; }
header { border-bottom: 4px solid %(accent)s; margin-bottom: 1.5rem; }
h1 { font-size: 1.9rem; margin: 0.5rem 0; }
h2 { font-size: 1.35rem; margin-top: 2.2rem; border-bottom: 1px solid #ccc; }
.stand { color: #444; }
nav ol { columns: 2; }
img.chart { width: 100%%; height: auto; border: 1px solid #eee; }
table { border-collapse: collapse; margin: 0.8rem 0; font-size: 0.95rem; }
th { text-align: left; border-bottom: 2px solid %(accent)s; }
th, td { padding: 0.25rem 0.7rem; }
tbody tr:nth-child(even) { background: #eef3f8; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
.quelle { font-size: 0.85rem; color: #444; }
footer { margin-top: 3rem; font-size: 0.85rem; color: #444; border-top: 1px solid #ccc; }
@media print { nav { display: none; } h2 { page-break-after: avoid; } }
""" % {"accent": PALETTE[0]}


def _anchor(number: int) -> str:
    return f"abschnitt-{number}"


def _section_html(section: Section, number: int) -> str:
    parts = [f'<section id="{_anchor(number)}"><h2>{esc(section.title)}</h2>']
    parts += [f"<p>{esc(p)}</p>" for p in section.paragraphs]
    parts.append(section.html)
    if section.image is not None:
        parts.append(f"<figure>{img_tag(section.image, section.image_alt or section.title)}</figure>")
    if section.table_header and section.table_rows is not None:
        parts.append(table_html(section.table_header, section.table_rows, numeric=section.table_numeric))
    if section.links:
        parts.append("<ul>" + "".join(
            f"<li>{esc(label)}: " + " · ".join(f'<a href="{esc(href)}">{esc(text)}</a>' for text, href in items)
            + "</li>" for label, items in section.links) + "</ul>")
    if section.downloads:
        links = ", ".join(f'<a href="{esc(d)}">{esc(Path(d).name)}</a>' for d in section.downloads)
        parts.append(f'<p class="quelle">Daten zum Nachrechnen: {links}</p>')
    parts.append(f'<p class="quelle">Quelle: {esc(section.quelle)}</p></section>')
    return "".join(parts)


def homepage_html(page: Homepage) -> str:
    for section in page.sections:
        if not section.quelle.strip():
            raise ValueError(f"homepage section {section.title!r} has no source")
    nav = "".join(f'<li><a href="#{_anchor(n)}">{esc(s.title)}</a></li>' for n, s in enumerate(page.sections, start=1))
    body = [
        f"<header><h1>{esc(page.title)}</h1><p class=\"stand\">Stand: {german_date(page.stand)}</p></header>",
        *[f"<p>{esc(p)}</p>" for p in page.intro],
        f"<nav><h2>Inhalt</h2><ol>{nav}</ol></nav>",
        *[_section_html(s, n) for n, s in enumerate(page.sections, start=1)],
        "<section id=\"quellen\"><h2>Quellen</h2><ol>" + "".join(f"<li>{esc(q)}</li>" for q in page.sources()) + "</ol></section>",
        f"<footer><p>Stand: {german_date(page.stand)} · erstellt mit kdu-analysis {esc(__version__)} · "
        "Alle Zahlen mit Quelle; Tabellen als CSV im selben Ordner.</p></footer>",
    ]
    css = PAGE_CSS + "".join(s.css for s in page.sections)
    script = "\n".join(s.script for s in page.sections if s.script)
    return html_document(page.title, "\n".join(body), css=css, script=script)


def render_homepage(page: Homepage, path: Path) -> Path:
    """Write the homepage as one offline HTML file."""
    return write_offline_html(path, homepage_html(page))
