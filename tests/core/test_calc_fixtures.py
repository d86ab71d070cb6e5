"""Hand-computed fixtures: every formula of CONTRACTS.md §2, worked out on paper."""

from __future__ import annotations

import numpy as np
import pytest
from studybuilders import line, study

from app.core.compile import compile_study
from app.core.domain import Factor, Stage
from app.core.errors import StudyError, UnitError


def calc(s):
    return compile_study(s).calculate()


def test_loss_rates_multiply_down_a_three_level_bom() -> None:
    # 1 kettle body per product (loss 10%) → 2 brackets per body (loss 5%) → 0.3 kg steel per bracket
    # (loss 2%), steel at 2.5 kg CO2e/kg:
    # exploded steel = 0.3 × 1.02 × 2 × 1.05 × 1 × 1.10 = 0.70686 kg → 1.767150 kg CO2e
    s = study(
        line("1", 1, "piece", loss_rate=0.10),
        line("1.1", 2, "piece", parent="1", loss_rate=0.05),
        line("1.1.1", 0.3, "kg", parent="1.1", loss_rate=0.02, factor_value=2.5, factor_unit="kg"),
    )
    r = calc(s)
    assert r.exploded_quantity[2] == pytest.approx(0.70686, rel=1e-14)
    assert r.line_emissions("1.1.1") == pytest.approx(1.76715, rel=1e-14)
    assert r.total == pytest.approx(1.76715, rel=1e-14)
    assert r.stage_total(Stage.RAW_MATERIALS) == pytest.approx(1.76715, rel=1e-14)


def test_children_inherit_the_top_level_stage_even_if_they_name_another() -> None:
    s = study(
        line("A", 1, "piece", stage=Stage.PRODUCTION),
        line("A1", 2, "kWh", parent="A", stage=Stage.USE, factor_value=0.5, factor_unit="kWh"),
    )
    r = calc(s)
    assert r.stage_total(Stage.PRODUCTION) == pytest.approx(1.0)
    assert r.stage_total(Stage.USE) == 0.0


def test_transport_leg_is_tonnes_times_km() -> None:
    # 1.3 kg over 650 km = 0.0013 t × 650 km = 0.845 t·km; × 0.1 kg CO2e/t·km = 0.0845 kg CO2e
    s = study(
        line("T", 1.3, "kg", stage=Stage.DISTRIBUTION, distance_km=650, factor_value=0.1, factor_unit="tkm")
    )
    r = calc(s)
    assert r.activity[0] == pytest.approx(0.845, rel=1e-14)
    assert r.total == pytest.approx(0.0845, rel=1e-14)


def test_transport_leg_of_a_child_uses_the_exploded_mass_and_a_kg_km_factor() -> None:
    # 4 pallets per product, each 25 千克 with 2% loss, 120 公里 at 0.09 kg CO2e per 吨公里 …
    # exploded mass = 4 × 25 × 1.02 = 102 kg = 0.102 t; × 120 km = 12.24 t·km × 0.09 = 1.1016
    s = study(
        line("P", 4, "piece", stage=Stage.DISTRIBUTION),
        line(
            "P1",
            25,
            "千克",
            parent="P",
            loss_rate=0.02,
            distance_km=120,
            factor_value=0.09,
            factor_unit="吨公里",
        ),
    )
    r = calc(s)
    assert r.activity[1] == pytest.approx(12.24, rel=1e-14)
    assert r.total == pytest.approx(1.1016, rel=1e-14)
    # the same leg against a per-kg·km factor (0.00009 kg CO2e per kg·km) gives the same result
    s2 = study(
        line("P", 4, "piece", stage=Stage.DISTRIBUTION),
        line(
            "P1",
            25,
            "kg",
            parent="P",
            loss_rate=0.02,
            distance_km=120,
            factor_value=0.00009,
            factor_unit="kg·km",
        ),
    )
    assert calc(s2).total == pytest.approx(1.1016, rel=1e-12)


def test_allocation_scales_only_its_own_line() -> None:
    # 10 kWh × 0.6 allocation × 0.5777 = 3.4662; the 2 kg line (no allocation) × 1.5 = 3.0
    s = study(
        line("E", 10, "kWh", stage=Stage.PRODUCTION, allocation=0.6, factor_value=0.5777, factor_unit="kWh"),
        line("M", 2, "kg", factor_value=1.5, factor_unit="kg"),
    )
    r = calc(s)
    assert r.line_emissions("E") == pytest.approx(3.4662, rel=1e-14)
    assert r.total == pytest.approx(6.4662, rel=1e-14)


@pytest.mark.parametrize(
    ("quantity", "unit", "factor", "factor_unit", "expected"),
    [
        (12, "度", 0.5777, "kWh", 6.9324),  # 12 kWh × 0.5777
        (2.5, "MWh", 0.5777, "kWh", 1444.25),  # 2500 kWh × 0.5777
        (800, "千克", 1.9, "t", 1.52),  # 0.8 t × 1.9
        (0.4, "吨", 2.1, "kg", 840.0),  # 400 kg × 2.1
        (3, "吨公里", 0.1, "t·km", 0.3),
        (500, "克", 3.0, "公斤", 1.5),
        (36, "MJ", 0.2, "kWh", 2.0),  # 10 kWh × 0.2
        (2, "GJ", 56.1, "GJ", 112.2),
        (250, "升", 2.0, "m3", 0.5),
        (1, "套", 7.0, "piece", 7.0),
    ],
)
def test_unit_conversions_to_the_factor_unit(quantity, unit, factor, factor_unit, expected) -> None:
    r = calc(study(line("X", quantity, unit, factor_value=factor, factor_unit=factor_unit)))
    assert r.total == pytest.approx(expected, rel=1e-12)


def test_study_factors_and_inline_values() -> None:
    steel = Factor("SUP-1", "steel (supplier)", 2.0, "kg", source="supplier EPD")
    s = study(
        line("1", 3, "kg", factor_id="SUP-1"),
        line("2", 3, "kg", factor_id="SUP-1", factor_value=1.0, factor_unit="kg"),  # value overrides id
        factors=[steel],
    )
    r = calc(s)
    assert r.emissions.tolist() == [6.0, 3.0]


def test_stage_totals_and_total_are_consistent() -> None:
    s = study(
        line("r", 1, "kg", factor_value=1.0, factor_unit="kg"),
        line("p", 2, "kg", stage=Stage.PRODUCTION, factor_value=1.0, factor_unit="kg"),
        line("d", 3, "kg", stage=Stage.DISTRIBUTION, factor_value=1.0, factor_unit="kg"),
        line("u", 4, "kg", stage=Stage.USE, factor_value=1.0, factor_unit="kg"),
        line("e", 5, "kg", stage=Stage.END_OF_LIFE, factor_value=1.0, factor_unit="kg"),
    )
    r = calc(s)
    assert r.stage_totals.tolist() == [1.0, 2.0, 3.0, 4.0, 5.0]
    assert r.total == 15.0
    assert not r.emissions.flags.writeable  # the result is immutable


def test_a_line_without_factor_is_a_warning_not_a_silent_zero() -> None:
    compiled = compile_study(study(line("1", 1, "kg")))
    assert compiled.calculate().total == 0.0
    assert [w.code for w in compiled.warnings] == ["line.no_factor"]


@pytest.mark.parametrize(
    ("lines", "code"),
    [
        ((line("1", 1, "kg"), line("1", 2, "kg")), "line.duplicate_id"),
        ((line("1", 1, "kg", parent="9"),), "line.missing_parent"),
        ((line("a", 1, "kg", parent="b"), line("b", 1, "kg", parent="a")), "line.loop"),
        ((line("a", 1, "kg", parent="a"),), "line.own_parent"),
        ((line("1", 1, "ton", factor_value=1.0, factor_unit="kg"),), "line.unit"),  # detail: unit.ambiguous
        ((line("1", 1, "kg", factor_value=1.0, factor_unit="kWh"),), "line.unit_mismatch"),
        ((line("1", -1, "kg"),), "line.quantity"),
        ((line("1", 1, "kg", allocation=0.0),), "line.allocation"),
        ((line("1", 1, "kg", stage=None),), "line.missing_stage"),
        ((line("1", 1, "piece", distance_km=10.0),), "line.transport_unit"),
        (
            (line("1", 1, "kg", distance_km=10.0, factor_value=1.0, factor_unit="kg"),),
            "line.transport_factor_unit",
        ),
        ((line("1", 1, "kg", factor_id="nope"),), "line.unknown_factor"),
        ((line("1", 1, "kg", factor_value=1.0),), "line.factor_unit"),
    ],
)
def test_bad_studies_raise_a_located_study_error(lines, code) -> None:
    with pytest.raises(StudyError) as info:
        compile_study(study(*lines))
    codes = [p.code for p in info.value.problems]
    assert code in codes
    assert all(p.line_id for p in info.value.problems)


def test_every_problem_is_reported_at_once() -> None:
    with pytest.raises(StudyError) as info:
        compile_study(study(line("1", 1, "ton"), line("2", 1, "furlongs"), line("3", -5, "kg")))
    assert len(info.value.problems) == 3


def test_unit_errors_are_input_errors() -> None:
    assert issubclass(UnitError, Exception)
    with pytest.raises(StudyError):
        compile_study(study(line("1", 1, "tons")))


def test_six_level_tree_matches_a_plain_python_walk() -> None:
    rng = np.random.default_rng(7)
    lines = [line("0", 1.0, "piece")]
    for depth in range(1, 6):
        lines.append(
            line(
                str(depth),
                float(rng.uniform(0.5, 3)),
                "piece",
                parent=str(depth - 1),
                loss_rate=float(rng.uniform(0, 0.1)),
            )
        )
    lines.append(line("leaf", 0.25, "kg", parent="5", factor_value=4.0, factor_unit="kg"))
    r = calc(study(*lines))
    expected = 0.25 * 4.0
    for ln in lines[:-1]:
        expected *= ln.quantity * (1 + ln.loss_rate)
    assert r.total == pytest.approx(expected, rel=1e-13)
