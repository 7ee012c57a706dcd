"""§ 12 WoGG tables: every cell equals the published value; date-aware lookups; the +10 % fallback."""

from datetime import date
from decimal import ROUND_HALF_UP, Decimal

import pytest

from kdu_analysis.errors import ReferenceDataError
from kdu_analysis.reference import wogg

# Published tables (rows: 1–5 persons, per further member; columns: Mietenstufe I … VI/VII).
# Transcribed from § 12 Abs. 1 WoGG (2009, 2016), Anlage 1 WoGG (2020, 2022 via § 23 WoGV, 2025 via 2. WoGFV).
PUBLISHED = {
    date(2009, 1, 1): """
        292 308 330 358 385 407
        352 380 402 435 468 501
        424 451 479 517 556 594
        490 523 556 600 649 693
        561 600 638 688 737 787
        66 72 77 83 88 99""",
    date(2016, 1, 1): """
        312 351 390 434 482 522
        378 425 473 526 584 633
        450 506 563 626 695 753
        525 591 656 730 811 879
        600 675 750 834 927 1004
        71 81 91 101 111 126""",
    date(2020, 1, 1): """
        338 381 426 478 525 575 633
        409 461 516 579 636 697 767
        487 549 614 689 757 830 912
        568 641 716 803 884 968 1065
        649 732 818 918 1010 1106 1217
        77 88 99 111 121 139 153""",
    date(2022, 1, 1): """
        347 392 438 491 540 591 651
        420 474 530 595 654 716 788
        501 564 631 708 778 853 937
        584 659 736 825 909 995 1095
        667 752 841 944 1038 1137 1251
        79 90 102 114 124 143 157""",
    date(2025, 1, 1): """
        361 408 456 511 562 615 677
        437 493 551 619 680 745 820
        521 587 657 737 809 887 975
        608 686 766 858 946 1035 1139
        694 782 875 982 1080 1183 1302
        82 94 106 119 129 149 163""",
}
STUFEN = ["I", "II", "III", "IV", "V", "VI", "VII"]


def _cells(fassung):
    rows = [line.split() for line in PUBLISHED[fassung].strip().splitlines()]
    for size_index, row in enumerate(rows):
        for stufe, value in zip(STUFEN, row):
            yield stufe, size_index + 1, Decimal(value)


@pytest.mark.parametrize("fassung", list(PUBLISHED))
def test_every_cell_equals_the_published_value(fassung):
    frame = wogg.wogg_table_frame(fassung)
    count = 0
    for stufe, idx, value in _cells(fassung):
        size = "+1" if idx == 6 else str(idx)
        row = frame[(frame.mietenstufe == stufe) & (frame.haushaltsgroesse == size)]
        assert list(row.hoechstbetrag_eur) == [value], (fassung, stufe, size)
        if idx <= 5:
            assert wogg.hoechstbetrag(stufe, idx, fassung) == value
        count += 1
    assert count == len(frame) == (36 if fassung.year < 2020 else 42)


@pytest.mark.parametrize(("stichtag", "fassung"), [
    (date(2015, 12, 31), date(2009, 1, 1)), (date(2019, 7, 1), date(2016, 1, 1)), (date(2021, 12, 31), date(2020, 1, 1)),
    (date(2023, 6, 30), date(2022, 1, 1)), (date(2024, 12, 31), date(2022, 1, 1)), (date(2026, 6, 30), date(2025, 1, 1)),
])
def test_table_in_force_on_a_date(stichtag, fassung):
    assert wogg.wogg_citation(stichtag).fassung == fassung


def test_2022_table_is_2020_times_1_02788_rounded_half_up():
    old = dict(((s, i), v) for s, i, v in _cells(date(2020, 1, 1)))
    for stufe, idx, value in _cells(date(2022, 1, 1)):
        assert (old[stufe, idx] * Decimal("1.02788")).quantize(Decimal(1), ROUND_HALF_UP) == value


def test_2025_table_is_2022_times_one_uniform_factor():
    old = dict(((s, i), v) for s, i, v in _cells(date(2022, 1, 1)))
    low, high = Decimal("0"), Decimal("10")
    for stufe, idx, value in _cells(date(2025, 1, 1)):
        low = max(low, (value - Decimal("0.5")) / old[stufe, idx])
        high = min(high, (value + Decimal("0.5")) / old[stufe, idx])
    assert low < high  # one factor reproduces all 42 cells
    assert Decimal("1.0404") < low < high < Decimal("1.0405")


def test_more_than_five_persons_adds_the_increment():
    assert wogg.hoechstbetrag("III", 7, date(2025, 3, 1)) == Decimal(875 + 2 * 106)


def test_plus10_matches_the_derived_table_of_the_reference_sheet():
    # kdu_law_and_data.md §1.9 (arithmetic): 2025 table, Mietenstufe III × 1,1
    assert [wogg.wogg_plus10("III", n, date(2025, 6, 30)) for n in range(1, 6)] == [
        Decimal("501.60"), Decimal("606.10"), Decimal("722.70"), Decimal("842.60"), Decimal("962.50")]
    frame = wogg.wogg_table_frame(date(2025, 6, 30))
    plus1 = frame[(frame.mietenstufe == "III") & (frame.haushaltsgroesse == "+1")]
    assert list(plus1.hoechstbetrag_plus10_eur) == [Decimal("116.60")]


def test_components():
    assert wogg.klimakomponente(1, date(2022, 12, 31)) is None
    assert wogg.klimakomponente(1, date(2023, 1, 1)) == Decimal("19.20")
    assert wogg.klimakomponente(6, date(2025, 1, 1)) == Decimal("39.20") + Decimal("4.80")
    assert wogg.heizkostenkomponente(1, date(2020, 12, 31)) is None
    assert wogg.heizkostenkomponente(1, date(2021, 6, 1)) == Decimal("14.40")
    assert wogg.heizkostenkomponente(5, date(2025, 1, 1)) == Decimal("225.40")


def test_dates_before_the_first_table_fail_clearly():
    with pytest.raises(ReferenceDataError, match="keine Fassung erfasst"):
        wogg.hoechstbetrag("I", 1, date(2008, 12, 31))


@pytest.mark.parametrize("stichtag", [date(2027, 1, 1), date(2028, 1, 1), date(2031, 7, 1)])
def test_the_2025_table_stays_in_force_until_a_new_one_is_recorded(stichtag):
    """§ 43 WoGG schedules a Fortschreibung for 01.01.2027, but none is recorded: the 2025 table stays in force."""
    assert wogg.hoechstbetrag("I", 1, stichtag) == Decimal("361")
    assert wogg.hoechstbetrag("VII", 5, stichtag) == Decimal("1302")
    assert wogg.wogg_citation(stichtag).fassung == date(2025, 1, 1)
    assert wogg.klimakomponente(1, stichtag) == Decimal("19.20")
    assert wogg.heizkostenkomponente(1, stichtag) == Decimal("110.40")  # the bill's halving is pending, not applied


def test_stufe_vii_does_not_exist_before_2020():
    with pytest.raises(ReferenceDataError, match="VII"):
        wogg.hoechstbetrag("VII", 1, date(2019, 1, 1))
