from __future__ import annotations

from decimal import Decimal

import pytest

from app.core.numbers import (
    NumberFormatError,
    format_percent,
    format_sig,
    parse_fraction_text,
    parse_number_text,
    round_sig,
)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("12", 12.0),
        ("1,234.5", 1234.5),
        ("1,234,567", 1234567.0),
        ("-2", -2.0),
        ("１２３", 123.0),
        (" 0.25 ", 0.25),
        ("1e3", 1000.0),
        (".5", 0.5),
    ],
)
def test_text_numbers(text: str, value: float) -> None:
    assert parse_number_text(text) == value


@pytest.mark.parametrize("text", ["1,5", "1.234,5", "0,25", "abc", "", "1 234", "12kg", "1,23"])
def test_text_that_is_not_a_number_we_can_read(text: str) -> None:
    with pytest.raises(NumberFormatError):
        parse_number_text(text)


def test_decimal_comma_message_names_the_fix() -> None:
    with pytest.raises(NumberFormatError, match=r"decimal comma.*1\.5"):
        parse_number_text("1,5")


@pytest.mark.parametrize(
    ("text", "value"), [("5%", 0.05), ("5 %", 0.05), ("５％", 0.05), ("0.05", 0.05), ("150%", 1.5)]
)
def test_fractions(text: str, value: float) -> None:
    assert parse_fraction_text(text) == pytest.approx(value)


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (12.345, "12.3"),
        (12.35, "12.4"),
        (12.25, "12.3"),
        (1.005, "1.01"),
        (0.5, "0.500"),
        (123456.7, "123,000"),
        (0.00012345, "0.000123"),
        (-12.35, "-12.4"),
        (0.0, "0"),
        (1e-9, "0.00000000100"),
    ],
)
def test_display_rule_is_half_up_three_significant_figures(value: float, text: str) -> None:
    assert format_sig(value) == text


def test_round_sig_is_exact_decimal() -> None:
    assert round_sig(2.675, 3) == Decimal("2.68")
    assert round_sig(99950, 3) == Decimal("1.00E+5")


def test_a_small_non_zero_value_never_shows_as_zero() -> None:
    assert format_sig(3e-12) != "0"
    assert format_percent(0.0004) == "<0.1%"
    assert format_percent(0.2564) == "25.6%"
    assert format_percent(0.0) == "0.0%"
