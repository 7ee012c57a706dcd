"""The strict German number parser shared by the Richtwert and the EVS loaders."""

from decimal import Decimal

import pytest

from kdu_analysis.pdf.numbers import NumberFormatError, parse_amount, parse_destatis_cell, parse_german_number


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("1.012,50 €", "1012.50", "EUR"),
        ("400 Euro", "400", "EUR"),
        ("400,00 €", "400.00", "EUR"),
        ("400", "400", None),
        ("449,25 Euro", "449.25", "EUR"),
        ("313,44 EUR", "313.44", "EUR"),
        ("– 2,87 €", "-2.87", "EUR"),
        ("– 2,87", "-2.87", None),
        ("\u2212 2,87 €", "-2.87", "EUR"),
        ("+ 13,77 €", "13.77", "EUR"),
        ("492,10 €¹", "492.10", "EUR"),
        ("492,10 €1", "492.10", "EUR"),
        ("492,10*", "492.10", None),
        ("6,53 €/m²", "6.53", "EUR/m2"),
        ("6,53 € je m²", "6.53", "EUR/m2"),
        ("50 m²", "50", "m2"),
        ("1\u00a0012,50", "1012.50", None),
        ("964,81", "964.81", None),
        ("12,–", "12", None),
        ("€ 400", "400", "EUR"),
    ],
)
def test_parses_printed_german_amounts(text, value, unit):
    parsed = parse_amount(text)
    assert parsed.value == Decimal(value)
    assert parsed.unit == unit


@pytest.mark.parametrize("text", ["4.52", "12,5,3", "1.0125", "abc", "1 2", "3 4,5", "5 Personen", "1,2,3 €"])
def test_rejects_ambiguous_text(text):
    with pytest.raises(NumberFormatError):
        parse_amount(text)


@pytest.mark.parametrize("text", ["", "  ", "–", "-", None])
def test_empty_and_dash_mean_not_stated_never_zero(text):
    assert parse_german_number(text) is None


def test_footnote_marker_is_kept_separately():
    assert parse_amount("492,10 €¹").footnote == "¹"


@pytest.mark.parametrize(
    ("text", "value", "unsicher", "nicht_ausgewiesen", "symbol"),
    [
        ("( 45,30)", "45.30", True, False, None),
        ("(338,78)", "338.78", True, False, None),
        ("128,46", "128.46", False, False, None),
        ("/", None, False, True, "/"),
        ("–", None, False, False, "–"),
        (".", None, False, False, "."),
        ("x", None, False, False, "x"),
        ("( 0)", "0", True, False, None),
    ],
)
def test_destatis_symbols_are_flags_not_zero(text, value, unsicher, nicht_ausgewiesen, symbol):
    cell = parse_destatis_cell(text)
    assert cell.value == (Decimal(value) if value is not None else None)
    assert (cell.unsicher, cell.nicht_ausgewiesen, cell.symbol) == (unsicher, nicht_ausgewiesen, symbol)
