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
