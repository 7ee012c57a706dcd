"""The talk as a slide model, rendered to a 16:9 PDF (matplotlib) and to one offline HTML file.

A :class:`Deck` is a list of :class:`Slide` objects. Each slide has a title, at most a few short bullets,
optionally one chart drawn for the slide (:class:`SlideChart`: vector, slide style, at full size – never a
scaled-down web picture), one picture (PNG bytes) or one small table, and always a source line; the deck adds the Stand and the page number to every footer. The renderers refuse slides that
would not be legible from the back of a room (too many bullets or rows, text running off the slide) instead
of shrinking the type.
"""

from __future__ import annotations

import io
import textwrap
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.image as mpimg  # noqa: E402
import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.backends.backend_pdf import PdfPages  # noqa: E402
from matplotlib.patches import Rectangle  # noqa: E402

from kdu_analysis import config  # noqa: E402
from kdu_analysis.outputs import atomic_path  # noqa: E402
from kdu_analysis.report.html import esc, html_document, img_tag, table_html, write_offline_html  # noqa: E402
from kdu_analysis.charts.style import PALETTE, chart_style  # noqa: E402
from kdu_analysis.formatting import german_date  # noqa: E402

#: 16:9 page in inches (PowerPoint's widescreen size).
PAGE_WIDTH_IN, PAGE_HEIGHT_IN = 13.333, 7.5
#: Type sizes in points; the smallest text on a slide is the footer.
TITLE_PT, SUBTITLE_PT, BULLET_PT, DETAIL_PT, TABLE_PT, FOOTER_PT = 34, 24, 24, 17, 19, 12
#: Type of a slide's key figures (a lead comparison table) and the smallest type inside a chart drawn for the slide.
KEY_TABLE_PT, CHART_MIN_PT = 26, 16
#: Room around a chart's axes for tick labels (inches): left, bottom, right, top.
CHART_MARGINS_IN = (1.45, 0.6, 0.25, 0.1)
MAX_BULLETS = 6
MAX_SOURCES = 12  # the sources slide lists more, in smaller type
MAX_TABLE_ROWS = 9
MAX_TABLE_COLUMNS = 6
ACCENT = PALETTE[0]
FOOTER_GREY = "#444444"


@dataclass
class SlideTable:
    header: list[str]
    rows: list[list[str]]
    numeric: list[bool] | None = None
    #: type size in points (:data:`KEY_TABLE_PT` for a slide's one key comparison)
    size: float = TABLE_PT


@dataclass
class SlideChart:
    """A chart drawn on the slide itself: ``draw(ax)`` fills axes placed in the slide's free area, with the
    ``slide`` chart style in force (tick labels ≥ 16 pt at 16:9, nothing scaled). No chart title and no source
    line: the slide has both."""

    draw: Callable
    alt: str


@dataclass
class Slide:
    """One slide. ``quelle`` is required: every slide shows where its content comes from.

    A bullet is a short text, or a pair ``(text, detail)``; the detail (e.g. the court and case number)
    is set in smaller grey type under the text.
    """

    title: str
    quelle: str
    bullets: list[str | tuple[str, str]] = field(default_factory=list)
    subtitle: str | None = None
    image: bytes | None = None
    image_alt: str = ""
    table: SlideTable | None = None
    chart: SlideChart | None = None
    layout: str = "content"  # "title" for the opening slide, "sources" for the list of sources (smaller type)
    #: a short paragraph in small type under the table or bullets (e.g. one example finding); not with a picture
    note: str | None = None
    #: the sources behind this slide for the closing list; ``None`` = the parts of ``quelle`` split at "; "
    sources: list[str] | None = None

    def source_items(self) -> list[str]:
        if self.sources is not None:
            return list(self.sources)
        return [p.strip() for p in self.quelle.split("; ") if p.strip()]

    def validate(self) -> None:
        problems = []
        if not self.quelle.strip():
            problems.append("no source line")
        limit = MAX_SOURCES if self.layout == "sources" else MAX_BULLETS
        if len(self.bullets) > limit:
            problems.append(f"{len(self.bullets)} bullets (max {limit})")
        if sum(x is not None for x in (self.image, self.table, self.chart)) > 1:
            problems.append("both a picture and a table" if self.chart is None else "a chart and a picture or table")
        if self.table is not None:
            if len(self.table.rows) > MAX_TABLE_ROWS:
                problems.append(f"{len(self.table.rows)} table rows (max {MAX_TABLE_ROWS})")
            if len(self.table.header) > MAX_TABLE_COLUMNS:
                problems.append(f"{len(self.table.header)} table columns (max {MAX_TABLE_COLUMNS})")
            if any(len(r) != len(self.table.header) for r in self.table.rows):
                problems.append("table rows and header differ in length")
        if self.layout not in ("title", "content", "sources"):
            problems.append(f"unknown layout {self.layout!r}")
        if problems:
            raise ValueError(f"slide {self.title!r}: " + "; ".join(problems))


@dataclass
class Deck:
    title: str
    stand: date
    slides: list[Slide]

    def footer(self, slide: Slide) -> str:
        quelle = slide.quelle if slide.quelle.lower().startswith("quelle") else f"Quelle: {slide.quelle}"
        return f"{quelle} · Stand: {german_date(self.stand)}"


# ----------------------------------------------------------------------------- PDF

def _line_height(points: float, spacing: float = 1.3) -> float:
    """Height of one text line as a fraction of the page height."""
    return points * spacing / (PAGE_HEIGHT_IN * 72)


def _chars_per_line(width_fraction: float, points: float, bold: bool = False) -> int:
    """How many characters of DejaVu Sans fit into ``width_fraction`` of the page width
    (average glyph ≈ 0.55 em, bold ≈ 0.6 em; generous so that text never runs off the slide)."""
    return max(10, int(width_fraction * PAGE_WIDTH_IN * 72 / ((0.60 if bold else 0.56) * points)))


def _split_bullet(bullet: str | tuple[str, str]) -> tuple[str, str | None]:
    return (bullet, None) if isinstance(bullet, str) else (bullet[0], bullet[1])


#: Height (page fraction) available for bullets under a one-line title above a one-line footer, with a margin.
BODY_HEIGHT = 0.70


def bullets_height(bullets: list, size: float = BULLET_PT, width: float = 0.92) -> float:
    """The height (page fraction) ``bullets`` take when drawn in ``width`` (for splitting long lists)."""
    height = 0.0
    for bullet in bullets:
        text, detail = _split_bullet(bullet)
        height += len(textwrap.wrap(text, _chars_per_line(width - 0.03, size)) or [""]) * _line_height(size)
        height += len(textwrap.wrap(detail or "", _chars_per_line(width - 0.03, DETAIL_PT))) * _line_height(DETAIL_PT)
        height += _line_height(size) * 0.45
    return height


def _draw_bullets(fig, bullets: list, x: float, top: float, width: float, bottom: float, title: str,
                  size: float = BULLET_PT) -> float:
    y = top
    wrap = _chars_per_line(width - 0.03, size)
    for bullet in bullets:
        text, detail = _split_bullet(bullet)
        lines = textwrap.wrap(text, wrap) or [""]
        for number, line in enumerate(lines):
            if number == 0:
                fig.text(x, y, "•", fontsize=size, va="top", ha="left", color=ACCENT)
            fig.text(x + 0.025, y, line, fontsize=size, va="top", ha="left")
            y -= _line_height(size)
        for line in textwrap.wrap(detail or "", _chars_per_line(width - 0.03, DETAIL_PT)):
            fig.text(x + 0.025, y, line, fontsize=DETAIL_PT, va="top", ha="left", color=FOOTER_GREY)
            y -= _line_height(DETAIL_PT)
        y -= _line_height(size) * 0.45
    if y < bottom:
        raise ValueError(f"slide {title!r}: bullets run off the slide; shorten or split them")
    return y


def _draw_image(fig, png: bytes, box: tuple[float, float, float, float]) -> None:
    ax = fig.add_axes(box)
    ax.imshow(mpimg.imread(io.BytesIO(png), format="png"), interpolation="antialiased")
    ax.set_axis_off()


def _draw_table(fig, table: SlideTable, top: float, bottom: float, title: str) -> float:
    size = table.size
    columns = list(zip(table.header, *table.rows))
    widths = [max(len(str(c)) for c in col) + 2 for col in columns]
    scale = 0.92 / sum(widths)
    total = sum(widths) * 0.55 * size / (PAGE_WIDTH_IN * 72)
    if total > 0.92:
        raise ValueError(f"slide {title!r}: table too wide for the slide; shorten the cells")
    if total < 0.6 and size > TABLE_PT:  # a few large cells: keep the columns together instead of spreading them
        scale *= total / 0.6
    numeric = table.numeric or [False] * len(table.header)
    row_height = _line_height(size, 1.7)
    if top - row_height * (len(table.rows) + 1) < bottom:
        raise ValueError(f"slide {title!r}: table runs off the slide")
    y = top
    for number, row in enumerate([table.header, *table.rows]):
        if number % 2 == 0 and number > 0:
            fig.add_artist(Rectangle((0.04, y - row_height), 0.92, row_height, transform=fig.transFigure,
                                     color="#eef3f8", zorder=0))
        x = 0.04
        for cell, width, num in zip(row, widths, numeric):
            cell_width = width * scale
            fig.text(x + cell_width - 0.01 if num else x + 0.005, y - row_height / 2, str(cell), fontsize=size,
                     va="center", ha="right" if num else "left", weight="bold" if number == 0 else "normal")
            x += cell_width
        y -= row_height
        if number == 0:
            fig.add_artist(plt.Line2D([0.04, 0.96], [y, y], transform=fig.transFigure, color=ACCENT, linewidth=2))
    return y


def _draw_chart(fig, chart: SlideChart, box: tuple[float, float, float, float]) -> None:
    """Axes for ``chart`` inside ``box`` (x, y, width, height as page fractions), margins for tick labels."""
    left, bottom, right, top = CHART_MARGINS_IN
    x, y, w, h = box
    mx, my = left / PAGE_WIDTH_IN, bottom / PAGE_HEIGHT_IN
    with chart_style("slide"):
        ax = fig.add_axes((x + mx, y + my, w - mx - right / PAGE_WIDTH_IN, h - my - top / PAGE_HEIGHT_IN))
        chart.draw(ax)


def chart_png(chart: SlideChart, width_in: float = PAGE_WIDTH_IN * 0.92, height_in: float = PAGE_HEIGHT_IN * 0.62,
              dpi: int = 110) -> bytes:
    """The chart alone as PNG, drawn exactly as on the slide (for the HTML deck)."""
    with matplotlib.rc_context({"font.family": "DejaVu Sans", "savefig.bbox": None}):
        fig = plt.figure(figsize=(width_in, height_in))
        try:
            left, bottom, right, top = CHART_MARGINS_IN
            with chart_style("slide"):
                ax = fig.add_axes((left / width_in, bottom / height_in, 1 - (left + right) / width_in,
                                   1 - (bottom + top) / height_in))
                chart.draw(ax)
            buffer = io.BytesIO()
            fig.savefig(buffer, format="png", dpi=dpi)
        finally:
            plt.close(fig)
    return buffer.getvalue()


def draw_slide(deck: Deck, slide: Slide, number: int, total: int):
    """Slide ``number`` of ``total`` as a figure (the PDF, the PNGs and the layout check draw with it)."""
    fig = plt.figure(figsize=(PAGE_WIDTH_IN, PAGE_HEIGHT_IN))
    fig.patch.set_facecolor("white")
    # "Stand: 30.06.2025" is never split over two lines
    footer_lines = [line.replace("\x00", " ") for line in
                    textwrap.wrap(deck.footer(slide).replace("Stand: ", "Stand:\x00"), _chars_per_line(0.82, FOOTER_PT))]
    footer_top = 0.03 + _line_height(FOOTER_PT) * len(footer_lines)
    fig.text(0.04, 0.03, "\n".join(footer_lines), fontsize=FOOTER_PT, color=FOOTER_GREY, va="bottom", ha="left",
             linespacing=1.2)
    fig.text(0.96, 0.03, f"{number}/{total}", fontsize=FOOTER_PT, color=FOOTER_GREY, va="bottom", ha="right")
    bottom = footer_top + 0.03
    if slide.layout == "title":
        fig.add_artist(Rectangle((0, 0.42), 1, 0.012, transform=fig.transFigure, color=ACCENT))
        title_lines = textwrap.wrap(slide.title, _chars_per_line(0.9, 44, bold=True))
        fig.text(0.06, 0.47, "\n".join(title_lines), fontsize=44, weight="bold", va="bottom", ha="left", color="#111111")
        y = 0.37
        if slide.subtitle:
            fig.text(0.06, y, "\n".join(textwrap.wrap(slide.subtitle, _chars_per_line(0.88, SUBTITLE_PT))),
                     fontsize=SUBTITLE_PT, va="top", ha="left", color="#333333")
            y -= _line_height(SUBTITLE_PT) * 2.2
        if slide.bullets:
            _draw_bullets(fig, slide.bullets, 0.06, y, 0.88, bottom, slide.title)
        return fig
    title_lines = textwrap.wrap(slide.title, _chars_per_line(0.92, TITLE_PT, bold=True))
    if len(title_lines) > 2:
        raise ValueError(f"slide {slide.title!r}: title longer than two lines")
    fig.text(0.04, 0.95, "\n".join(title_lines), fontsize=TITLE_PT, weight="bold", va="top", ha="left", color="#111111")
    y = 0.95 - _line_height(TITLE_PT) * len(title_lines) - 0.015
    fig.add_artist(plt.Line2D([0.04, 0.96], [y, y], transform=fig.transFigure, color=ACCENT, linewidth=3))
    y -= 0.03
    if slide.subtitle:
        sub_lines = textwrap.wrap(slide.subtitle, _chars_per_line(0.92, SUBTITLE_PT))
        fig.text(0.04, y, "\n".join(sub_lines), fontsize=SUBTITLE_PT, va="top", ha="left", color="#333333")
        y -= _line_height(SUBTITLE_PT) * len(sub_lines) + 0.02
    if slide.chart is not None or slide.image is not None:
        def picture(box):  # a chart drawn on the slide, or a picture
            if slide.chart is not None:
                _draw_chart(fig, slide.chart, box)
            else:
                _draw_image(fig, slide.image, box)
        if slide.bullets:
            _draw_bullets(fig, slide.bullets, 0.04, y, 0.34, bottom, slide.title)
            picture((0.38, bottom, 0.60, y - bottom))
        else:
            picture((0.04, bottom, 0.92, y - bottom))
    elif slide.table is not None:
        if slide.bullets:
            y = _draw_bullets(fig, slide.bullets, 0.04, y, 0.92, bottom, slide.title)
        y = _draw_table(fig, slide.table, y, bottom, slide.title)
    elif slide.bullets:
        size = DETAIL_PT if slide.layout == "sources" else BULLET_PT
        y = _draw_bullets(fig, slide.bullets, 0.04, y, 0.92, bottom, slide.title, size=size)
    if slide.note and slide.image is None and slide.chart is None:
        lines = textwrap.wrap(slide.note, _chars_per_line(0.92, DETAIL_PT))
        y -= 0.03
        fig.text(0.04, y, "\n".join(lines), fontsize=DETAIL_PT, va="top", ha="left", color=FOOTER_GREY, linespacing=1.3)
        if y - _line_height(DETAIL_PT) * len(lines) < bottom:
            raise ValueError(f"slide {slide.title!r}: the note runs off the slide; shorten it")
    return fig


def balanced_chunks(items: list, size: int) -> list[list]:
    """Split into as few parts of at most ``size`` as possible, balanced (10 rows at 9 → 5 + 5, not 9 + 1)."""
    if not items:
        return [[]]
    parts = -(-len(items) // size)
    even = -(-len(items) // parts)
    return [items[i:i + even] for i in range(0, len(items), even)]


def slide_fits(slide: Slide) -> bool:
    """Whether ``slide`` can be drawn legibly (for builders that add optional text only where there is room)."""
    try:
        slide.validate()
        fig = draw_slide(Deck("", config.DEFAULT_STICHTAG, [slide]), slide, 1, 1)
    except ValueError:
        return False
    try:
        _check_inside(fig, slide.title)
        return True
    except ValueError:
        return False
    finally:
        plt.close(fig)


def _check_inside(fig, title: str) -> None:
    """Every text – on the slide and in a chart drawn on it – lies inside the page (measured after layout, not
    estimated); chart text is at least :data:`CHART_MIN_PT`."""
    if any(ax.axison for ax in fig.axes):
        fig.canvas.draw()  # axis labels are placed beside the tick labels only when drawn
    renderer = fig.canvas.get_renderer()
    page = fig.bbox
    chart_texts = []
    for ax in fig.axes:
        if not ax.axison:
            continue  # a picture
        legend = ax.get_legend()
        chart_texts += [*ax.get_xticklabels(), *ax.get_yticklabels(), ax.xaxis.label, ax.yaxis.label, ax.title,
                        *ax.texts, *(legend.get_texts() if legend else [])]
    chart_texts = [t for t in chart_texts if t.get_visible() and t.get_text().strip()]
    for text in chart_texts:
        if text.get_fontsize() < CHART_MIN_PT - 0.01:
            raise ValueError(f"slide {title!r}: chart text {text.get_text()[:30]!r} is set in "
                             f"{text.get_fontsize():.0f} pt (at least {CHART_MIN_PT} pt on a slide)")
    texts = list(fig.texts) + chart_texts
    for text in texts:
        box = text.get_window_extent(renderer)
        if box.x1 > page.x1 + 1 or box.x0 < page.x0 - 1 or box.y0 < page.y0 - 1 or box.y1 > page.y1 + 1:
            raise ValueError(f"slide {title!r}: text {text.get_text()[:40]!r} runs off the slide; shorten it")


def render_pdf(deck: Deck, path: Path) -> Path:
    """Write the deck as a 16:9 PDF, one page per slide (atomically)."""
    for slide in deck.slides:
        slide.validate()
    with matplotlib.rc_context({"pdf.fonttype": 42, "font.family": "DejaVu Sans", "savefig.bbox": None}):
        with atomic_path(path) as tmp:
            metadata = {"Title": deck.title, "Creator": "kdu-analysis", "Subject": f"Stand {german_date(deck.stand)}",
                        "CreationDate": None}
            with PdfPages(tmp, metadata=metadata) as pdf:
                for number, slide in enumerate(deck.slides, start=1):
                    fig = draw_slide(deck, slide, number, len(deck.slides))
                    try:
                        _check_inside(fig, slide.title)
                        pdf.savefig(fig)
                    finally:
                        plt.close(fig)
    return Path(path)


def slide_png(deck: Deck, index: int, dpi: int = 60) -> bytes:
    """One slide (0-based ``index``) as PNG bytes, drawn exactly as in the PDF (for notebooks and previews)."""
    slide = deck.slides[index]
    slide.validate()
    with matplotlib.rc_context({"font.family": "DejaVu Sans", "savefig.bbox": None}):
        fig = draw_slide(deck, slide, index + 1, len(deck.slides))
        try:
            _check_inside(fig, slide.title)
            buffer = io.BytesIO()
            fig.savefig(buffer, format="png", dpi=dpi)
        finally:
            plt.close(fig)
    return buffer.getvalue()


# ----------------------------------------------------------------------------- HTML

DECK_CSS = """
:root { --w: min(100vw, 177.78vh); --accent: %(accent)s; }
* { box-sizing: border-box; }
html, body { margin: 0; background: #1b1b1b; font-family: "DejaVu Sans", Verdana, Arial, sans-serif; }
.slide { display: none; position: relative; width: var(--w); height: calc(var(--w) * 0.5625); margin: 0 auto;
         background: #fff; color: #111; padding: calc(var(--w) * 0.03) calc(var(--w) * 0.04) calc(var(--w) * 0.06);
         overflow: hidden; font-size: calc(var(--w) * 0.0235); }
.slide.current { display: flex; flex-direction: column; }
.slide h1 { font-size: 2.2em; margin: 18%% 0 0.3em; border-bottom: 0.15em solid var(--accent); padding-bottom: 0.2em; }
.slide h2 { font-size: 1.45em; margin: 0 0 0.4em; border-bottom: 0.1em solid var(--accent); padding-bottom: 0.2em; }
.slide .subtitle { font-size: 1em; color: #333; margin: 0 0 0.5em; }
.slide ul { margin: 0.2em 0; padding-left: 1.1em; }
.slide li { margin-bottom: 0.45em; line-height: 1.25; }
.slide li::marker { color: var(--accent); }
.slide.sources li { font-size: 0.7em; margin-bottom: 0.2em; }
.slide .note { font-size: 0.7em; color: #444; margin-top: 1em; }
.slide li small { color: #444; font-size: 0.7em; }
.slide .body { display: flex; gap: 2%%; flex: 1; min-height: 0; }
.slide .body ul { flex: 0 0 36%%; }
.slide .body img { flex: 1; min-width: 0; object-fit: contain; max-height: 100%%; max-width: 100%%; }
.slide table { border-collapse: collapse; font-size: 0.8em; width: 100%%; }
.slide table.key { width: auto; margin-top: 0.3em; }
.slide th { text-align: left; border-bottom: 0.12em solid var(--accent); }
.slide th, .slide td { padding: 0.2em 0.5em; }
.slide tbody tr:nth-child(even) { background: #eef3f8; }
.slide td.num { text-align: right; font-variant-numeric: tabular-nums; }
.slide footer { position: absolute; left: calc(var(--w) * 0.04); right: calc(var(--w) * 0.04); bottom: calc(var(--w) * 0.012);
                font-size: 0.5em; color: #444; display: flex; justify-content: space-between; gap: 2em; }
.hint { color: #aaa; text-align: center; font: 12px sans-serif; margin: 6px; }
@media print {
  @page { size: 13.333in 7.5in; margin: 0; }
  html, body { background: #fff; }
  :root { --w: 13.333in; }
  .slide { display: flex !important; flex-direction: column; page-break-after: always; break-after: page; }
  .hint { display: none; }
}
""" % {"accent": ACCENT}

DECK_SCRIPT = """
(function () {
  var slides = document.querySelectorAll('.slide');
  var current = 0;
  function show(n) {
    current = Math.max(0, Math.min(slides.length - 1, n));
    slides.forEach(function (s, i) { s.classList.toggle('current', i === current); });
    if (history.replaceState) { history.replaceState(null, '', '#' + (current + 1)); }
  }
  document.addEventListener('keydown', function (e) {
    if (['ArrowRight', 'PageDown', ' ', 'Enter'].indexOf(e.key) >= 0) { show(current + 1); e.preventDefault(); }
    if (['ArrowLeft', 'PageUp', 'Backspace'].indexOf(e.key) >= 0) { show(current - 1); e.preventDefault(); }
    if (e.key === 'Home') { show(0); }
    if (e.key === 'End') { show(slides.length - 1); }
  });
  document.addEventListener('click', function (e) { show(current + (e.clientX < window.innerWidth / 3 ? -1 : 1)); });
  var start = parseInt((location.hash || '#1').slice(1), 10);
  show(isNaN(start) ? 0 : start - 1);
})();
"""


def _slide_html(deck: Deck, slide: Slide, number: int, total: int) -> str:
    parts = [f'<section class="slide {esc(slide.layout)}" id="folie-{number}">']
    if slide.layout == "title":
        parts.append(f"<h1>{esc(slide.title)}</h1>")
    else:
        parts.append(f"<h2>{esc(slide.title)}</h2>")
    if slide.subtitle:
        parts.append(f'<p class="subtitle">{esc(slide.subtitle)}</p>')
    items = [_split_bullet(b) for b in slide.bullets]
    bullets = ("<ul>" + "".join(f"<li>{esc(t)}" + (f'<br><small>{esc(d)}</small>' if d else "") + "</li>" for t, d in items)
               + "</ul>") if items else ""
    if slide.chart is not None:
        parts.append(f'<div class="body">{bullets}{img_tag(chart_png(slide.chart), slide.chart.alt or slide.title)}</div>')
    elif slide.image is not None:
        parts.append(f'<div class="body">{bullets}{img_tag(slide.image, slide.image_alt or slide.title)}</div>')
    else:
        parts.append(bullets)
        if slide.table is not None:
            table = table_html(slide.table.header, slide.table.rows, numeric=slide.table.numeric)
            if slide.table.size > TABLE_PT:
                table = table.replace("<table>", f'<table class="key" style="font-size:{slide.table.size / TABLE_PT * 0.8:.2f}em">', 1)
            parts.append(table)
        if slide.note:
            parts.append(f'<p class="note">{esc(slide.note)}</p>')
    parts.append(f"<footer><span>{esc(deck.footer(slide))}</span><span>{number}/{total}</span></footer></section>")
    return "".join(parts)


def deck_html(deck: Deck) -> str:
    for slide in deck.slides:
        slide.validate()
    total = len(deck.slides)
    body = "\n".join(_slide_html(deck, s, n, total) for n, s in enumerate(deck.slides, start=1))
    body += '\n<p class="hint">Weiter: Pfeiltaste rechts, Leertaste oder Klick · Zurück: Pfeiltaste links · Drucken: alle Folien</p>'
    return html_document(deck.title, body, css=DECK_CSS, script=DECK_SCRIPT)


def render_html(deck: Deck, path: Path) -> Path:
    """Write the deck as one offline HTML file (images embedded, no network needed)."""
    return write_offline_html(path, deck_html(deck))
