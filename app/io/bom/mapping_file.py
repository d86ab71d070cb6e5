"""The BOM mapping memory as an Excel sheet, so a consultant can share confirmed mappings.

Sheet ``BOM mappings`` with the header ``material_code / 物料编码``, ``factor_id / 因子编号``,
``material_name / 物料名称``, ``factor_name / 因子名称``, ``updated / 更新时间``. Reading goes through
the guarded BOM grid reader (:mod:`app.io.bom.grid`); text is always written as text, never as a
formula.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from app.core.errors import InputError, Problem
from app.core.messages import problem
from app.io.atomic import atomic_output
from app.io.bom.grid import read_grid
from app.io.bom.header import cell_text

SHEET = "BOM mappings"
COLUMNS = (
    ("material_code", "物料编码"),
    ("factor_id", "因子编号"),
    ("material_name", "物料名称"),
    ("factor_name", "因子名称"),
    ("updated", "更新时间"),
)
_ALIASES = {
    "material_code": ("material_code", "material code", "material", "code", "物料编码", "物料代码"),
    "factor_id": ("factor_id", "factor id", "因子编号", "因子id"),
    "material_name": ("material_name", "material name", "物料名称", "名称"),
    "factor_name": ("factor_name", "factor name", "因子名称"),
    "updated": ("updated", "更新时间", "date", "日期"),
}


@dataclass(frozen=True, slots=True)
class MappingRow:
    code: str
    factor_id: str
    material_name: str = ""
    factor_name: str = ""
    updated: str = ""
    row: int | None = None


def write_mapping_workbook(rows: Iterable[MappingRow], path: Path | str) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    wb = Workbook()
    ws = wb.active
    ws.title = SHEET
    for c, (en, zh) in enumerate(COLUMNS, start=1):
        ws.cell(row=1, column=c, value=f"{en} / {zh}").font = Font(bold=True)
        ws.column_dimensions[ws.cell(row=1, column=c).column_letter].width = 28
    for r, item in enumerate(rows, start=2):
        for c, value in enumerate(
            (item.code, item.factor_id, item.material_name, item.factor_name, item.updated), 1
        ):
            cell = ws.cell(row=r, column=c, value=value)
            cell.data_type = "s"  # never a formula, even for text starting with '='
            cell.number_format = "@"
    ws.freeze_panes = "A2"
    with atomic_output(Path(path)) as tmp:
        wb.save(tmp)


def _key(text: str) -> str | None:
    parts = [p.strip().casefold() for p in text.split("/")]
    for key, aliases in _ALIASES.items():
        if any(p in aliases for p in parts):
            return key
    return None


def read_mapping_workbook(path: Path | str) -> list[MappingRow]:
    """Rows of a mapping sheet (the sheet ``BOM mappings`` or the first visible one)."""
    from app.io.bom.grid import list_sheets

    path = Path(path)
    source = list_sheets(path)
    sheet = next((s.name for s in source.sheets if s.name.strip().casefold() == SHEET.casefold()), None)
    grid = read_grid(path, sheet or source.default_sheet)
    if not grid.rows:
        raise InputError(problem("bom.mapping_empty", file=path.name))
    columns = {k: c for c, v in enumerate(grid.rows[0]) if (k := _key(cell_text(v)))}
    missing = [k for k in ("material_code", "factor_id") if k not in columns]
    if missing:
        raise InputError(problem("bom.mapping_columns", file=path.name, sheet=grid.sheet_label, row=1))
    problems: list[Problem] = []
    out: list[MappingRow] = []
    for r, row in enumerate(grid.rows[1:], start=2):

        def get(key: str, row: list = row) -> str:
            c = columns.get(key)
            return cell_text(row[c]) if c is not None and c < len(row) else ""

        code, factor_id = get("material_code"), get("factor_id")
        if not code and not factor_id:
            continue
        if not code or not factor_id:
            problems.append(problem("bom.mapping_incomplete", file=path.name, sheet=grid.sheet_label, row=r))
            continue
        out.append(MappingRow(code, factor_id, get("material_name"), get("factor_name"), get("updated"), r))
    if problems:
        raise InputError(problems)
    return out
