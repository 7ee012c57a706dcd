"""Small building blocks for the offline HTML products (slide deck, homepage, index).

Every HTML file we write is self-contained: CSS and JavaScript inline, images as ``data:`` URIs.
:func:`external_resources` finds anything a browser would fetch from the network; the writers refuse such pages.
"""

from __future__ import annotations

import base64
import html
import io
import re
from collections.abc import Iterable, Sequence
from pathlib import Path

from kdu_analysis.outputs import write_text_atomic

# src=… on <script>/<img>/<iframe>/<source>/<video>/<audio>, href=… on <link>, url(…) and @import in CSS.
_RESOURCE_PATTERNS = [
    re.compile(r"<(?:script|img|iframe|source|video|audio|embed)\b[^>]*\bsrc\s*=\s*[\"']?\s*(?:https?:)?//", re.I),
    re.compile(r"<link\b[^>]*\bhref\s*=\s*[\"']?\s*(?:https?:)?//", re.I),
    re.compile(r"url\(\s*[\"']?\s*(?:https?:)?//", re.I),
    re.compile(r"@import\s+[\"']?(?:url\()?\s*[\"']?(?:https?:)?//", re.I),
]


def esc(text: object) -> str:
    return html.escape("" if text is None else str(text))


def external_resources(page: str) -> list[str]:
    """Every place in ``page`` that would load something from the network (empty list = works offline)."""
    return [m.group(0) for pattern in _RESOURCE_PATTERNS for m in pattern.finditer(page)]


def png_data_uri(png: bytes) -> str:
    return "data:image/png;base64," + base64.b64encode(png).decode("ascii")


def figure_png(fig, dpi: int = 150) -> bytes:
    """A matplotlib figure as PNG bytes (the figure stays open)."""
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=dpi)
    return buffer.getvalue()


def img_tag(png: bytes, alt: str, css_class: str = "chart") -> str:
    return f'<img class="{esc(css_class)}" alt="{esc(alt)}" src="{png_data_uri(png)}">'


def table_html(header: Sequence[str], rows: Iterable[Sequence[object]], *, numeric: Sequence[bool] | None = None,
               caption: str | None = None) -> str:
    """A plain HTML table; ``numeric`` marks right-aligned columns. Cells are already formatted strings."""
    numeric = list(numeric or [False] * len(header))
    parts = ["<table>"]
    if caption:
        parts.append(f"<caption>{esc(caption)}</caption>")
    parts.append("<thead><tr>" + "".join(f"<th>{esc(h)}</th>" for h in header) + "</tr></thead><tbody>")
    for row in rows:
        parts.append("<tr>" + "".join(
            f'<td class="num">{esc(c)}</td>' if num else f"<td>{esc(c)}</td>" for c, num in zip(row, numeric)) + "</tr>")
    parts.append("</tbody></table>")
    return "".join(parts)


def html_document(title: str, body: str, *, css: str, script: str = "", lang: str = "de") -> str:
    page = (f'<!DOCTYPE html>\n<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">\n<title>{esc(title)}</title>\n'
            f"<style>\n{css}\n</style>\n</head>\n<body>\n{body}\n"
            + (f"<script>\n{script}\n</script>\n" if script else "") + "</body>\n</html>\n")
    return page


def write_offline_html(path: Path, page: str) -> Path:
    """Write ``page`` atomically; refuse it if it would load anything from the network."""
    found = external_resources(page)
    if found:
        raise ValueError(f"HTML page {Path(path).name} would load external resources: {found[:3]}")
    return write_text_atomic(path, page)
