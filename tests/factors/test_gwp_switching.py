"""Per-gas data: consistency with the published AR5 values, and AR5 vs AR6 recomputation."""

from __future__ import annotations

import math

import pytest

from app.core.compile import compile_study
from app.core.domain import Factor, GwpSet, InventoryLine, Stage, Study, StudyInfo
from app.core.gwp import CH4_FOSSIL, GwpTable, factor_co2e
from app.factors.library import FactorLibrary


def _with_gases(library: FactorLibrary) -> list[Factor]:
    ids = library._bundled.ids()
    return [f for f in library.get_factors(ids).values() if f.gases]


def test_gases_reproduce_the_published_ar5_value(library: FactorLibrary, gwp: dict[str, GwpTable]) -> None:
    """With AR5's single CH4 value (28, as DESNZ and EPA publish) every factor gives back its value.

    Tolerances follow the publishers' rounding: DESNZ prints the total and its three gas parts to
    5 decimals (4 roundings of ±5e-6, so ≤ 2e-5 kg); EPA supply-chain prints the CO2e to 3
    decimals (±5e-4) and each gas mass to 3 significant figures (±0.5 %). EPA Hub values are
    computed by the build from the gas masses (float noise only). China CO2 factors are CO2 only.
    """
    ar5 = gwp["AR5"]
    publisher_ar5 = GwpTable("AR5 (CH4 28)", {**ar5.values, "CH4_fossil": 28.0, "CH4_non_fossil": 28.0})
    tolerance = {
        "desnz2025": lambda v: 2e-5,
        "useeio13": lambda v: 5e-4 + 0.005 * v,
        "epahub2025": lambda v: 1e-9 * v,
        "cn-mee": lambda v: 0.0,
    }
    checked = 0
    for f in _with_gases(library):
        recomputed = factor_co2e(f, publisher_ar5)
        assert abs(recomputed - f.value) <= tolerance[f.dataset](f.value), (f.factor_id, recomputed, f.value)
        # Under IPCC's origin split (fossil CH4 30) a fossil factor gains exactly 2 x kg CH4.
        extra = 2.0 * f.gases.get(CH4_FOSSIL, 0.0)
        assert math.isclose(factor_co2e(f, ar5), recomputed + extra, rel_tol=1e-12, abs_tol=1e-15)
        checked += 1
    assert checked == 2654  # DESNZ fuels/transport/refrigerants, EPA Hub, supply chain, China CO2


def test_refrigerant_is_recomputed_from_its_gas(library: FactorLibrary, gwp: dict[str, GwpTable]) -> None:
    f = library.get_factor("desnz2025:3_200_2024_3_1")  # HFC-134a, per kg
    assert f is not None and f.value == 1300.0 and f.gases == {"HFC134a": 1.0}
    assert factor_co2e(f, gwp["AR6"]) == 1530.0


# EPA Hub Table 1, per MMBtu: natural gas 53.06 kg CO2, 1 g CH4 (fossil), 0.1 g N2O;
# per short ton: wood 1640 kg biogenic CO2 (not counted), 126 g CH4 (non-fossil), 63 g N2O.
GAS_ID = "epahub2025:t1:natural-gas:mmbtu"
WOOD_ID = "epahub2025:t1:wood-and-wood-residuals:short-ton"
# AR5: CH4 fossil 30, non-fossil 28, N2O 265. AR6: CH4 fossil 29.8, non-fossil 27.0, N2O 273.
GAS_AR5 = 53.06 + 0.001 * 30 + 0.0001 * 265  # 53.1165
GAS_AR6 = 53.06 + 0.001 * 29.8 + 0.0001 * 273  # 53.1171
WOOD_AR5 = 0.126 * 28 + 0.063 * 265  # 20.223
WOOD_AR6 = 0.126 * 27.0 + 0.063 * 273  # 20.601
# The study: 1,000 MMBtu of natural gas and 10 short tons of wood per declared unit.
STUDY_AR5 = 1000 * GAS_AR5 + 10 * WOOD_AR5  # 53116.5 + 202.23 = 53318.73
STUDY_AR6 = 1000 * GAS_AR6 + 10 * WOOD_AR6  # 53117.1 + 206.01 = 53323.11


def test_factor_co2e_by_hand(library: FactorLibrary, gwp: dict[str, GwpTable]) -> None:
    gas, wood = library.get_factor(GAS_ID), library.get_factor(WOOD_ID)
    assert gas is not None and wood is not None
    assert factor_co2e(gas, gwp["AR5"]) == pytest.approx(53.1165, rel=1e-12)
    assert factor_co2e(gas, gwp["AR6"]) == pytest.approx(53.1171, rel=1e-12)
    assert factor_co2e(wood, gwp["AR5"]) == pytest.approx(20.223, rel=1e-12)
    assert factor_co2e(wood, gwp["AR6"]) == pytest.approx(20.601, rel=1e-12)


def _study(gwp_set: GwpSet) -> Study:
    info = StudyInfo(product_name="Boiler heat", declared_unit="1 piece", gwp_set=gwp_set)
    lines = [
        InventoryLine("1", "natural gas", 1000.0, "MMBtu", stage=Stage.PRODUCTION, factor_id=GAS_ID),
        InventoryLine("2", "wood chips", 10.0, "short ton", stage=Stage.PRODUCTION, factor_id=WOOD_ID),
    ]
    return Study(info, lines)


@pytest.mark.parametrize(("gwp_set", "expected"), [(GwpSet.AR5, STUDY_AR5), (GwpSet.AR6, STUDY_AR6)])
def test_study_under_ar5_and_ar6(
    library: FactorLibrary, gwp: dict[str, GwpTable], gwp_set: GwpSet, expected: float
) -> None:
    compiled = compile_study(_study(gwp_set), library, gwp[gwp_set.value])
    result = compiled.calculate()
    assert result.total == pytest.approx(expected, rel=1e-12)
    assert all("recomputed from gases" in t.basis for t in compiled.traces)


def test_ar6_minus_ar5_by_hand(library: FactorLibrary, gwp: dict[str, GwpTable]) -> None:
    totals = {
        s: compile_study(_study(s), library, gwp[s.value]).calculate().total for s in (GwpSet.AR5, GwpSet.AR6)
    }
    # gas: 1000 x (0.001 x -0.2 + 0.0001 x 8) = 0.6; wood: 10 x (0.126 x -1 + 0.063 x 8) = 3.78
    assert totals[GwpSet.AR6] - totals[GwpSet.AR5] == pytest.approx(0.6 + 3.78, rel=1e-9)


def test_co2e_only_factor_keeps_its_value_and_basis(library: FactorLibrary, gwp: dict[str, GwpTable]) -> None:
    info = StudyInfo(product_name="x", declared_unit="1 piece", gwp_set=GwpSet.AR6)
    line = InventoryLine(
        "1", "waste", 2.0, "short ton", stage=Stage.END_OF_LIFE, factor_id="epahub2025:t9:glass:landfilled"
    )
    compiled = compile_study(Study(info, [line]), library, gwp["AR6"])
    assert compiled.calculate().total == pytest.approx(2 * 20.0)
    assert compiled.traces[0].basis == "AR5 (as published)"
