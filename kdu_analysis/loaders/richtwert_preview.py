"""``extract richtwerte PDF --vorschau DIR``: one PNG per page showing what the reader read, for a person to check.

Every read cell is boxed (green) and labelled with measure, household size and region; a refused table is marked
(red box where the check failed, red banner with the reason). Pages are rendered by pdfplumber (``page.to_image``,
pypdfium2 underneath — no system tools needed).
"""

from __future__ import annotations

import io
from pathlib import Path

from PIL import ImageDraw, ImageFont

from kdu_analysis.outputs import write_bytes_atomic
from kdu_analysis.pdf.document import open_pdf

RESOLUTION = 110  # dpi: readable labels, small files
_SHORT = {"wohnflaeche_m2": "m²", "nettokaltmiete_eur": "NKM", "betriebskosten_eur": "BK", "bruttokaltmiete_eur": "BKM",
          "nettokaltmiete_eur_m2": "NKM/m²", "betriebskosten_eur_m2": "BK/m²", "bruttokaltmiete_eur_m2": "BKM/m²",
          "heizkosten_eur": "HK", "bruttowarmmiete_eur": "BWM"}
_OK = (0, 140, 60)
_BAD = (210, 0, 0)


def _font(size: int):
    """DejaVu Sans (shipped with matplotlib, a dependency): umlauts and „quotes“ render."""
    from matplotlib import get_data_path

    try:
        return ImageFont.truetype(str(Path(get_data_path()) / "fonts" / "ttf" / "DejaVuSans.ttf"), size)
    except OSError:
        return ImageFont.load_default()


def cell_label(cell: dict) -> str:
    """Measure and household size of a cell, e.g. ``BKM 2P``."""
    size = cell.get("haushaltsgroesse") or ""
    return f"{_SHORT.get(cell.get('spalte'), cell.get('spalte', ''))} {size}P"


def region_label(cell: dict) -> str:
    region = " ".join(str(cell.get("vergleichsraum") or "").split()) or "(ganzes Gebiet)"
    return region if len(region) <= 40 else region[:39] + "…"


def write_preview(pdf_path: str | Path, zellen: list[dict], out_dir: str | Path, *, fehler: str | None = None,
                  fehler_seite: int | None = None, fehler_box=None) -> list[Path]:
    """Write ``<name>_seite_<n>.png`` for every page of ``pdf_path`` into ``out_dir``; returns the files written."""
    pdf_path, out_dir = Path(pdf_path), Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    by_page: dict[int, list[dict]] = {}
    for cell in zellen:
        by_page.setdefault(cell["seite"], []).append(cell)
    written = []
    small, banner = _font(11), _font(15)
    scale = RESOLUTION / 72
    with open_pdf(pdf_path) as pdf:
        for number, page in enumerate(pdf.pages, start=1):
            image = page.to_image(resolution=RESOLUTION).original.convert("RGB")
            draw = ImageDraw.Draw(image)
            seen_labels, first_in_row = set(), {}
            for cell in by_page.get(number, []):
                x0, top, x1, bottom = (v * scale for v in cell["box"])
                draw.rectangle([x0 - 1, top - 1, x1 + 1, bottom + 1], outline=_OK, width=2)
                label = cell_label(cell)
                key = (round(x0), round(top), label)
                if key not in seen_labels:
                    seen_labels.add(key)
                    draw.text((x0, max(0, top - 12)), label, fill=_OK, font=small)
                row = (region_label(cell), round(top))
                if row not in first_in_row or x0 < first_in_row[row][0]:
                    first_in_row[row] = (x0, bottom)
            for (region, _), (x0, bottom) in first_in_row.items():  # the region once per row, under its first cell
                draw.text((x0, bottom + 2), "▸ " + region, fill=(0, 90, 160), font=small)
            if fehler and (fehler_seite in (None, number)):
                if fehler_box is not None and fehler_seite == number:
                    x0, top, x1, bottom = (v * scale for v in fehler_box)
                    draw.rectangle([x0 - 3, top - 3, x1 + 3, bottom + 3], outline=_BAD, width=3)
                text = "ABGELEHNT: " + fehler
                lines = [text[k:k + 110] for k in range(0, min(len(text), 440), 110)]
                height = 8 + 19 * len(lines)
                draw.rectangle([0, 0, image.width, height], fill=(255, 235, 235))
                for k, line in enumerate(lines):
                    draw.text((8, 4 + 19 * k), line, fill=_BAD, font=banner)
            buffer = io.BytesIO()
            image.save(buffer, format="PNG", optimize=True)
            written.append(write_bytes_atomic(out_dir / f"{pdf_path.stem}_seite_{number}.png", buffer.getvalue()))
    return written
