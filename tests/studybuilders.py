"""Small helpers to build studies and study workbooks in tests."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from app.core.domain import Boundary, GwpSet, InventoryLine, Stage, Study, StudyInfo

INVENTORY_HEADER = (
    "line_id",
    "parent_id",
    "stage",
    "name",
    "quantity",
    "unit",
    "loss_rate",
    "distance_km",
    "factor_id",
    "factor_value",
    "factor_unit",
    "allocation",
    "data_type",
    "source",
    "comment",
)


# (line unit, factor unit) pairs that convert, for the generated studies of the property tests.
UNIT_PAIRS = [
    ("kg", "kg"),
    ("g", "kg"),
    ("吨", "kg"),
    ("kWh", "kWh"),
    ("度", "MWh"),
    ("piece", "piece"),
    ("m3", "L"),
]


def line(
    line_id: str,
    quantity: float,
    unit: str,
    *,
    stage: Stage | None = Stage.RAW_MATERIALS,
    parent: str | None = None,
    **kw: object,
) -> InventoryLine:
    if parent is not None and "stage" not in kw:
        stage = None
    return InventoryLine(
        line_id=line_id,
        name=kw.pop("name", f"line {line_id}"),
        quantity=quantity,
        unit=unit,
        stage=stage,
        parent_id=parent,
        **kw,
    )  # type: ignore[arg-type]


def study(*lines: InventoryLine, gwp: GwpSet = GwpSet.AR6, factors=()) -> Study:
    info = StudyInfo("Test product", "1 piece", Boundary.CRADLE_TO_GRAVE, gwp, 2024, "ACME", "Suzhou")
    return Study(info, list(lines), list(factors))


def write_workbook(
    path: Path,
    study_rows: Sequence[tuple[object, object]] | None = None,
    inventory: Sequence[Sequence[object]] = (),
    header: Sequence[str] = INVENTORY_HEADER,
    factors: Sequence[Sequence[object]] | None = None,
    sheet_names: tuple[str, str, str] = ("Study", "Inventory", "Factors"),
) -> Path:
    """A study workbook written with openpyxl; strings starting with '=' become formulas."""
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = sheet_names[0]
    rows = (
        study_rows if study_rows is not None else [("product_name", "Kettle"), ("declared_unit", "1 piece")]
    )
    for key, value in rows:
        ws.append([key, value])
    inv = wb.create_sheet(sheet_names[1])
    inv.append(list(header))
    for row in inventory:
        inv.append(list(row))
    if factors is not None:
        fs = wb.create_sheet(sheet_names[2])
        fs.append(["factor_id", "name", "value", "unit", "source"])
        for row in factors:
            fs.append(list(row))
    wb.save(path)
    return path


def generated_study(n: int, with_tree: bool = True) -> Study:
    """``n`` lines over all five stages: BOM sub-assemblies, electricity, transport legs, mixed data
    types, loss rates and allocation, each line with its own (inline) factor, so no library is needed."""
    from app.core.domain import DataType

    kinds = (
        ("kg", "kg", 2.1, "Steel part 钢件"),
        ("g", "kg", 3.4, "Plastic part 塑料件"),
        ("度", "kWh", 0.5777, "Electricity 电力"),
        ("kWh", "kWh", 0.2, "Natural gas 天然气"),
        ("t", "t", 1900.0, "Aluminium 铝"),
    )
    lines: list[InventoryLine] = []
    assembly: str | None = None
    for i in range(n):
        stage = STAGES_ORDER[(i * 5) // max(n, 1)]
        unit, factor_unit, value, name = kinds[i % len(kinds)]
        line_id = f"L{i + 1}"
        parent = None
        if with_tree and stage is Stage.RAW_MATERIALS and i % 10 == 0:
            assembly = line_id
            lines.append(
                InventoryLine(line_id, f"Assembly {i + 1} 组件", 1.0, "件", stage=stage, data_type=None)
            )
            continue
        if with_tree and stage is Stage.RAW_MATERIALS and assembly is not None:
            parent, stage_value = assembly, None
        else:
            stage_value = stage
        distance = 100.0 + i if stage is Stage.DISTRIBUTION and i % 2 == 0 else None
        lines.append(
            InventoryLine(
                line_id=line_id,
                name=f"{name} {i + 1}",
                quantity=0.5 + (i % 7) * 0.25,
                unit="kg" if distance is not None else unit,
                stage=stage_value,
                parent_id=parent,
                loss_rate=0.01 * (i % 4),
                distance_km=distance,
                factor_value=0.1 if distance is not None else value * (1 + (i % 13) / 10),
                factor_unit="t·km" if distance is not None else factor_unit,
                allocation=1.0 if i % 11 else 0.5,
                data_type=(DataType.PRIMARY, DataType.SECONDARY, None)[i % 3],
                source=f"source {i % 17}",
                comment="scenario: 5 years" if stage in (Stage.USE, Stage.END_OF_LIFE) else "",
            )
        )
    info = StudyInfo(
        f"Generated product {n} 生成产品",
        "1 件",
        Boundary.CRADLE_TO_GRAVE,
        GwpSet.AR6,
        2024,
        "ACME 公司",
        "Suzhou 苏州",
    )
    return Study(info, lines)


STAGES_ORDER = tuple(Stage)
