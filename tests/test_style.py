"""The shared chart style: German number format, palette, and no chart without its source line."""

from datetime import date

import matplotlib.pyplot as plt
import pandas as pd
import pytest
from PIL import Image

from kdu_analysis.charts.figures import has_source_line, save_figure
from kdu_analysis.charts.style import PALETTE, add_source_line, chart_style, euro_axis, percent_axis
from kdu_analysis.formatting import german_date, german_decimal


def test_german_formats():
    assert german_decimal(1234.5, 1) == "1.234,5"
    assert german_decimal(1000) == "1.000"
    assert german_date(date(2025, 6, 30)) == "30.06.2025"


def test_axis_formatters_write_german_numbers():
    fig, ax = plt.subplots()
    euro_axis(ax.yaxis)
    percent_axis(ax.xaxis)
    assert ax.yaxis.get_major_formatter()(1000, 0) == "1.000 €"
    assert ax.xaxis.get_major_formatter()(0.255, 0) == "26 %"
    plt.close(fig)


def test_styles_exist_and_unknown_is_refused():
    for kind in ("slide", "web", "print"):
        with chart_style(kind):
            assert plt.rcParams["axes.prop_cycle"].by_key()["color"][0].lower() == PALETTE[0].lower()
    with pytest.raises(ValueError, match="unknown chart style"):
        with chart_style("poster"):
            pass


def test_a_chart_without_source_line_is_refused(tmp_path):
    fig, ax = plt.subplots()
    ax.plot([1, 2], [3, 4])
    assert not has_source_line(fig)
    with pytest.raises(ValueError, match="source line"):
        save_figure(fig, pd.DataFrame({"x": [1]}), tmp_path, "ohne_quelle")
    assert list(tmp_path.iterdir()) == []


def test_saved_chart_has_png_svg_csv_and_the_source_in_the_svg(tmp_path):
    with chart_style("print"):
        fig, ax = plt.subplots()
        ax.bar(["I", "II"], [397.1, 448.8])
        add_source_line(fig, "§ 12 WoGG", stand=date(2025, 6, 30))
    saved = save_figure(fig, pd.DataFrame({"stufe": ["I", "II"], "betrag_eur": [397.1, 448.8]}), tmp_path, "test")
    with Image.open(saved.png) as png:
        assert png.size[0] > 300
    assert saved.svg.read_text(encoding="utf-8").startswith("<?xml")
    assert saved.csv.read_text(encoding="utf-8") == "stufe,betrag_eur\nI,397.1\nII,448.8\n"
