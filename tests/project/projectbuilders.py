"""Studies with every field set, and hypothesis strategies for project tests."""

from __future__ import annotations

from hypothesis import strategies as st
from studybuilders import UNIT_PAIRS

from app.core.domain import (
    STAGES,
    Boundary,
    DataType,
    Factor,
    GwpSet,
    InventoryLine,
    Stage,
    Study,
    StudyInfo,
)

UNITS = UNIT_PAIRS
TEXT = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), max_size=12)


def rich_study() -> Study:
    """Every field of every type used at least once; study factors with gases."""
    info = StudyInfo(
        "Kettle 电热水壶", "1 台", Boundary.CRADLE_TO_GRAVE, GwpSet.AR5, 2024, "ACME 有限公司", "苏州"
    )
    lines = [
        InventoryLine("1", "Body 壶身", 1, "个", stage=Stage.RAW_MATERIALS, comment="sub-assembly"),
        InventoryLine(
            "1.1", "Steel 不锈钢", 0.62, "千克", parent_id="1", loss_rate=0.05, factor_id="S-SS",
            data_type=DataType.PRIMARY, source="supplier EPD", comment="=SUM(A1)",
        ),
        InventoryLine("2", "Electricity 电", 1.4, "度", stage=Stage.PRODUCTION, factor_id="LIB-GRID"),
        InventoryLine(
            "3", "Truck 货车", 1.3, "kg", stage=Stage.DISTRIBUTION, distance_km=650.0, factor_value=0.1,
            factor_unit="t·km", data_type=DataType.SECONDARY, allocation=0.6,
        ),
        InventoryLine("4", "Use 使用", 0.1 + 0.2, "MWh", stage=Stage.USE, factor_id="LIB-GRID"),
        InventoryLine("5", "Landfill 填埋", 1.5e-7, "t", stage=Stage.END_OF_LIFE, factor_value=450, factor_unit="t"),
    ]  # fmt: skip
    factors = [
        Factor("S-SS", "Stainless steel (supplier)", 3.2, "kg", source="EPD 2024", gwp_basis="AR6",
               gases={"CO2": 3.0, "CH4_fossil": 0.005}, dataset="Supplier", dataset_version="2024", name_zh="不锈钢")
    ]  # fmt: skip
    return Study(info, lines, factors)


LIBRARY = {
    "LIB-GRID": Factor(
        "LIB-GRID", "Grid electricity", 0.5777, "kWh", dataset="Test DB", dataset_version="2024"
    ),
    "LIB-STEEL": Factor("LIB-STEEL", "Steel", 2.21, "kg", dataset="Test DB", dataset_version="2024"),
}


class FakeLibrary:
    def __init__(self, factors: dict[str, Factor] | None = None) -> None:
        self.factors = dict(LIBRARY if factors is None else factors)

    def get_factor(self, factor_id: str) -> Factor | None:
        return self.factors.get(factor_id)

    def get_factors(self, ids: list[str]) -> dict[str, Factor]:
        return {i: self.factors[i] for i in ids if i in self.factors}


@st.composite
def studies(draw: st.DrawFn) -> Study:
    """Generated studies: trees, every optional field, awkward text and numbers."""
    n = draw(st.integers(min_value=1, max_value=25))
    lines: list[InventoryLine] = []
    for i in range(n):
        parent = None
        if i and draw(st.booleans()):
            parent = str(draw(st.integers(min_value=0, max_value=i - 1)))
        unit, factor_unit = draw(st.sampled_from(UNITS))
        transport = draw(st.integers(0, 9)) == 0 and unit in ("kg", "g", "吨")
        has_factor = draw(st.booleans()) or transport
        lines.append(
            InventoryLine(
                line_id=str(i),
                name=draw(TEXT.filter(lambda s: s.strip() != "")) if draw(st.booleans()) else f"line {i}",
                quantity=draw(st.floats(min_value=0, max_value=1e6, allow_nan=False)),
                unit=unit,
                stage=None if parent else draw(st.sampled_from(STAGES)),
                parent_id=parent,
                loss_rate=draw(st.floats(min_value=0, max_value=0.5)),
                distance_km=draw(st.floats(min_value=0, max_value=5000)) if transport else None,
                factor_value=draw(st.floats(min_value=0, max_value=100)) if has_factor else None,
                factor_unit=("t·km" if transport else factor_unit) if has_factor else None,
                allocation=draw(st.floats(min_value=0.01, max_value=1.0)),
                data_type=draw(st.sampled_from([None, DataType.PRIMARY, DataType.SECONDARY])),
                source=draw(TEXT),
                comment=draw(TEXT),
            )
        )
    info = StudyInfo(
        draw(TEXT.filter(lambda s: s.strip() != "")),
        "1 piece",
        draw(st.sampled_from(list(Boundary))),
        draw(st.sampled_from(list(GwpSet))),
        draw(st.one_of(st.none(), st.integers(1990, 2030))),
        draw(TEXT),
        draw(TEXT),
    )
    return Study(info, lines, [])
