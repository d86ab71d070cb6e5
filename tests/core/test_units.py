from __future__ import annotations

import pytest

from app.core.errors import UnitError
from app.core.units import Dimension, conversion_factor, convert, parse_unit


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("kg", "kg"),
        ("KG", "kg"),
        ("千克", "kg"),
        ("公斤", "kg"),
        ("克", "g"),
        ("吨", "t"),
        ("t", "t"),
        ("tonne", "t"),
        ("度", "kWh"),
        ("kWh", "kWh"),
        ("KWH", "kWh"),
        ("MWh", "MWh"),
        ("GJ", "GJ"),
        ("MJ", "MJ"),
        ("Wh", "Wh"),
        ("L", "L"),
        ("升", "L"),
        ("m3", "m3"),
        ("m³", "m3"),
        ("立方米", "m3"),
        ("Nm3", "Nm3"),
        ("m", "m"),
        ("米", "m"),
        ("km", "km"),
        ("公里", "km"),
        ("m2", "m2"),
        ("m²", "m2"),
        ("平方米", "m2"),
        ("piece", "piece"),
        ("pcs", "piece"),
        ("PCS", "piece"),
        ("pc", "piece"),
        ("个", "piece"),
        ("件", "piece"),
        ("只", "piece"),
        ("台", "piece"),
        ("套", "piece"),
        ("t·km", "t·km"),
        ("tkm", "t·km"),
        ("t*km", "t·km"),
        ("吨公里", "t·km"),
        ("ｋｇ", "kg"),
        (" kg ", "kg"),
        ("t・km", "t·km"),
    ],
)
def test_contract_units_and_aliases(text: str, code: str) -> None:
    assert parse_unit(text).code == code


@pytest.mark.parametrize("text", ["ton", "Ton", "tons", "TON", "MT", "箱"])
def test_ambiguous_units_are_refused_with_a_hint(text: str) -> None:
    with pytest.raises(UnitError) as info:
        parse_unit(text)
    assert info.value.problems[0].code == "unit.ambiguous"


@pytest.mark.parametrize("text", ["", "kgs of steel", "furlong", "mwh-ish", "T"])
def test_unknown_units_are_refused(text: str) -> None:
    with pytest.raises(UnitError):
        parse_unit(text)


def test_case_is_significant_where_it_changes_meaning() -> None:
    # 'mWh' would be a milliwatt-hour: not whitelisted, so it must not silently become MWh.
    with pytest.raises(UnitError):
        parse_unit("mWh")
    with pytest.raises(UnitError):
        parse_unit("M")


@pytest.mark.parametrize(
    ("amount", "src", "dst", "expected"),
    [
        (1.0, "MWh", "kWh", 1000.0),
        (3.6, "MJ", "kWh", 1.0),
        (1.0, "GJ", "kWh", 1000.0 / 3.6),
        (2.0, "度", "kWh", 2.0),
        (1500.0, "千克", "t", 1.5),
        (250.0, "克", "kg", 0.25),
        (1.0, "吨公里", "t·km", 1.0),
        (1000.0, "kg·km", "t·km", 1.0),
        (1.0, "short ton", "kg", 907.18474),
        (1.0, "mile", "km", 1.609344),
        (1.0, "gal", "L", 3.785411784),
        (1.0, "MMBtu", "GJ", 1.05505585262),
        (2.0, "升", "m3", 0.002),
        (3.0, "平方米", "m2", 3.0),
        (4.0, "台", "piece", 4.0),
    ],
)
def test_conversions(amount: float, src: str, dst: str, expected: float) -> None:
    assert convert(amount, src, dst) == pytest.approx(expected, rel=1e-12)


@pytest.mark.parametrize(
    ("src", "dst"), [("kg", "kWh"), ("m3", "Nm3"), ("L", "kg"), ("piece", "kg"), ("USD", "CNY")]
)
def test_different_dimensions_never_convert(src: str, dst: str) -> None:
    with pytest.raises(UnitError) as info:
        conversion_factor(parse_unit(src), parse_unit(dst))
    assert info.value.problems[0].code == "unit.mismatch"


def test_every_unit_converts_to_itself_exactly() -> None:
    from app.core.units import UNITS

    for unit in UNITS.values():
        assert conversion_factor(unit, unit) == 1.0
        assert isinstance(unit.dimension, Dimension)
