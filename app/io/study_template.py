"""Write the bilingual data-collection template and export a study back to a study workbook.

The template is a form a plant can fill in offline: an instructions sheet, the Study sheet with
its keys, an empty Inventory sheet with bilingual headers, drop-downs (stage, unit, boundary,
GWP set, data type) and input hints, an optional Factors sheet, and a worked example on its own
sheet (so that the example is never calculated by accident). Text written from a study is
always stored as text, never as a formula.
"""

from __future__ import annotations

import math
from pathlib import Path

from app.core.domain import STAGES, Boundary, DataType, GwpSet, Study
from app.core.units import UNITS
from app.io import study_schema as schema
from app.io.atomic import atomic_output

_HEADER_FILL = "1F6F5C"
_REQUIRED_FILL = "D9EAD3"
_EXAMPLE_ROWS: tuple[tuple[object, ...], ...] = (
    # line_id, parent_id, stage, name, quantity, unit, loss_rate, distance_km, factor_id,
    # factor_value, factor_unit, allocation, data_type, source, comment
    (
        "1",
        None,
        "raw_materials",
        "Kettle body (sub-assembly) 壶身",
        1,
        "个",
        None,
        None,
        None,
        None,
        None,
        None,
        None,
        None,
        "sub-assembly: children are per one body",
    ),
    (
        "1.1",
        "1",
        None,
        "Stainless steel sheet 不锈钢板",
        0.62,
        "千克",
        "5%",
        None,
        "SUP-SS304",
        None,
        None,
        None,
        "primary",
        "Supplier EPD 2024",
        None,
    ),
    (
        "1.2",
        "1",
        None,
        "PP handle 聚丙烯把手",
        80,
        "克",
        0.02,
        None,
        None,
        1.8,
        "kg",
        None,
        "secondary",
        "Literature value",
        None,
    ),
    (
        "2",
        None,
        "production",
        "Electricity, assembly 装配用电",
        1.4,
        "度",
        None,
        None,
        None,
        0.5777,
        "kWh",
        None,
        "primary",
        "Meter readings 2024; MEE 2024 grid carbon-footprint factor",
        None,
    ),
    (
        "3",
        None,
        "distribution",
        "Truck to port 公路运输到港口",
        1.3,
        "kg",
        None,
        650,
        None,
        0.1,
        "t·km",
        None,
        "secondary",
        None,
        "transport leg: 1.3 kg × 650 km",
    ),
    (
        "4",
        None,
        "use",
        "Electricity over 5 years 使用阶段用电",
        365,
        "kWh",
        None,
        None,
        None,
        0.5777,
        "kWh",
        None,
        "secondary",
        "Use scenario: 0.2 kWh/day × 365 × 5 years",
        None,
    ),
)

_EXAMPLE_FACTORS = (
    (
        "SUP-SS304",
        "Stainless steel 304 sheet (supplier) 不锈钢304板（供应商）",
        3.2,
        "kg",
        "Supplier EPD 2024",
    ),
)

_INSTRUCTIONS = (
    ("PCF Workbench — data-collection template 产品碳足迹数据收集表", True),
    ("", False),
    ("1. Study / 研究信息: fill in the product, declared unit and scope (green = required).", False),
    ("   填写产品名称、声明单位和范围（绿色为必填项）。", False),
    ("2. Inventory / 清单: one line per material, energy, transport leg, use or end-of-life item.", False),
    ("   每种物料、能源、运输、使用或废弃处置各占一行。", False),
    ("   • Sub-assemblies: give children a parent_id; their quantity is per ONE unit of the parent.", False),
    ("     部件：子行填写上级行号，其数量为每一个上级单位的用量。", False),
    ("   • Loss rate 损耗率: 0.05 or 5%; gross quantity = quantity × (1 + loss rate).", False),
    ("   • Transport 运输: quantity as a mass (kg/t) and distance_km; activity = t × km (t·km).", False),
    (
        "   • Factor 因子: a factor_id from the library or the Factors sheet, or factor_value + factor_unit",
        False,
    ),
    ("     (kg CO2e per unit). 可填写因子编号，或直接填写因子值和因子单位（千克CO2e/单位）。", False),
    (
        "   • Units 单位: use the drop-down (kg 千克, t 吨, kWh 度, m3 立方米, km 公里, piece 件, t·km 吨公里 …).",
        False,
    ),
    (
        "     'ton' is ambiguous and refused: write t / 吨 for tonnes.  'ton' 含义不明确，吨请写 t 或 吨。",
        False,
    ),
    ("3. Factors / 因子 (optional): study-specific factors such as a supplier's own data.", False),
    ("   可选：本研究专用因子，如供应商提供的数据。", False),
    ("4. See the sheet 'Example 示例' for a filled-in example (it is never calculated).", False),
    ("   填写示例见“Example 示例”表（该表不参与计算）。", False),
    ("", False),
    ("Calculate: pcf-workbench calc this-file.xlsx   计算：pcf-workbench calc 本文件.xlsx", False),
)


# The template's own sheets beside the contract's Study, Inventory and Factors.
INSTRUCTIONS_SHEET = "Instructions 说明"
LISTS_SHEET = "Lists 列表"  # the drop-down lists, hidden
EXAMPLE_SHEET = "Example 示例"  # only in the blank template
EXAMPLE_FACTORS_SHEET = "Example factors 示例因子"
TEMPLATE_SHEETS = (INSTRUCTIONS_SHEET, LISTS_SHEET, EXAMPLE_SHEET, EXAMPLE_FACTORS_SHEET)


def _exact_numbers() -> None:
    """Make openpyxl write every float in its shortest exact form.

    openpyxl writes numbers with ``"%.16g"``, which changes the ~1 in 3 doubles that need 17
    significant digits (``0.1 + 0.2`` is written as ``0.3``); a study written to a workbook must
    read back to the same numbers. ``repr`` is the shortest text that reads back exactly (any
    spreadsheet program reads it). Applied once, to openpyxl's cell writer only.
    """
    from openpyxl.cell import _writer

    if getattr(_writer.safe_string, "exact_floats", False):
        return
    original = _writer.safe_string

    def safe_string(value):
        if type(value) is float and math.isfinite(value):
            return repr(value)
        if type(value) is int:
            return str(value)
        return original(value)

    safe_string.exact_floats = True  # type: ignore[attr-defined]
    _writer.safe_string = safe_string


def _styles():  # deferred openpyxl import keeps app start-up fast
    from openpyxl.styles import Alignment, Font, PatternFill

    header = Font(bold=True, color="FFFFFF")
    return {
        "header_font": header,
        "header_fill": PatternFill("solid", fgColor=_HEADER_FILL),
        "required_fill": PatternFill("solid", fgColor=_REQUIRED_FILL),
        "wrap": Alignment(wrap_text=True, vertical="top"),
        "title": Font(bold=True, size=14),
    }


def _as_text(cell, value: object) -> None:
    """Store ``value`` so that no spreadsheet will ever evaluate it as a formula."""
    cell.value = value
    if isinstance(value, str):
        cell.data_type = "s"  # openpyxl would otherwise turn a leading '=' into a formula
        cell.number_format = "@"


def _write_header(ws, fields: tuple[schema.Field, ...], st: dict) -> None:
    from openpyxl.comments import Comment
    from openpyxl.utils import get_column_letter

    for c, f in enumerate(fields, start=1):
        cell = ws.cell(row=1, column=c, value=schema.bilingual(f))
        cell.font = st["header_font"]
        cell.fill = st["header_fill"]
        cell.alignment = st["wrap"]
        cell.comment = Comment(
            f"{f.help_en}\n{f.help_zh}" + ("\n(required 必填)" if f.required else ""), "PCF Workbench"
        )
        ws.column_dimensions[get_column_letter(c)].width = max(12, min(36, len(schema.bilingual(f)) + 4))
    ws.row_dimensions[1].height = 32
    ws.freeze_panes = "A2"


def _column(fields: tuple[schema.Field, ...], key: str) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter([f.key for f in fields].index(key) + 1)


def _add_list_validation(ws, ref: str, source: str, prompt_title: str, prompt: str) -> None:
    from openpyxl.worksheet.datavalidation import DataValidation

    dv = DataValidation(type="list", formula1=source, allow_blank=True)
    dv.promptTitle = prompt_title[:32]
    dv.prompt = prompt[:255]
    dv.showInputMessage = True
    # Units are checked by the app against the whitelist with aliases, so allow typing as well.
    dv.showErrorMessage = False
    dv.add(ref)
    ws.add_data_validation(dv)


def _lists_sheet(wb) -> dict[str, str]:
    """A hidden sheet holding the drop-down lists; returns list name → absolute range."""
    ws = wb.create_sheet(LISTS_SHEET)
    lists = {
        "stage": [s.value for s in STAGES] + [s.label_zh for s in STAGES],
        "unit": sorted(
            {u.code for u in UNITS.values()}
            | {
                "千克",
                "克",
                "吨",
                "度",
                "立方米",
                "升",
                "公里",
                "米",
                "件",
                "个",
                "台",
                "套",
                "吨公里",
                "平方米",
            }
        ),
        "boundary": [b.value for b in Boundary] + [b.label_zh for b in Boundary],
        "gwp_set": [g.value for g in GwpSet],
        "data_type": [d.value for d in DataType] + [d.label_zh for d in DataType],
    }
    ranges = {}
    for c, (name, values) in enumerate(lists.items(), start=1):
        ws.cell(row=1, column=c, value=name)
        for r, value in enumerate(values, start=2):
            _as_text(ws.cell(row=r, column=c), value)
        letter = ws.cell(row=1, column=c).column_letter
        ranges[name] = f"'Lists 列表'!${letter}$2:${letter}${len(values) + 1}"
    ws.sheet_state = "hidden"
    return ranges


def _study_sheet(wb, study: Study | None, st: dict, ranges: dict[str, str]) -> None:
    ws = wb.create_sheet("Study")
    for c, title in enumerate(("Field / 字段", "Value / 值", "Note / 说明"), start=1):
        cell = ws.cell(row=1, column=c, value=title)
        cell.font = st["header_font"]
        cell.fill = st["header_fill"]
    info = study.info if study else None
    defaults = {
        "boundary": info.boundary.value if info else Boundary.CRADLE_TO_GATE.value,
        "gwp_set": info.gwp_set.value if info else GwpSet.AR6.value,
    }
    if info:
        defaults.update(
            product_name=info.product_name,
            declared_unit=info.declared_unit,
            reference_year=info.reference_year,
            company=info.company,
            site=info.site,
        )
    for r, f in enumerate(schema.STUDY_FIELDS, start=2):
        key_cell = ws.cell(row=r, column=1, value=schema.bilingual(f))
        if f.required:
            key_cell.fill = st["required_fill"]
        _as_text(ws.cell(row=r, column=2), defaults.get(f.key))
        ws.cell(row=r, column=3, value=f"{f.help_en} / {f.help_zh}")
        if f.key in ("boundary", "gwp_set"):
            _add_list_validation(ws, f"B{r}", ranges[f.key], f.key, f.help_en)
    ws.column_dimensions["A"].width = 28
    ws.column_dimensions["B"].width = 36
    ws.column_dimensions["C"].width = 60
    ws.freeze_panes = "A2"


def _inventory_sheet(wb, title: str, st: dict, ranges: dict[str, str], rows) -> None:
    ws = wb.create_sheet(title)
    fields = schema.INVENTORY_FIELDS
    _write_header(ws, fields, st)
    for r, values in enumerate(rows, start=2):
        for c, value in enumerate(values, start=1):
            if value is not None and value != "":
                _as_text(ws.cell(row=r, column=c), value)
    last = max(1000, len(rows) + 500)
    for key, list_name in (
        ("stage", "stage"),
        ("unit", "unit"),
        ("factor_unit", "unit"),
        ("data_type", "data_type"),
    ):
        col = _column(fields, key)
        f = next(f for f in fields if f.key == key)
        _add_list_validation(ws, f"{col}2:{col}{last}", ranges[list_name], f.key, f"{f.help_en}\n{f.help_zh}")
    ws.auto_filter.ref = f"A1:{_column(fields, 'comment')}{max(2, len(rows) + 1)}"


def _factors_sheet(wb, title: str, st: dict, rows) -> None:
    ws = wb.create_sheet(title)
    _write_header(ws, schema.FACTOR_FIELDS, st)
    for r, values in enumerate(rows, start=2):
        for c, value in enumerate(values, start=1):
            _as_text(ws.cell(row=r, column=c), value)


def _line_row(line) -> tuple[object, ...]:
    return (
        line.line_id,
        line.parent_id,
        line.stage.value if line.stage else None,
        line.name,
        line.quantity,
        line.unit,
        line.loss_rate or None,
        line.distance_km,
        line.factor_id,
        line.factor_value,
        line.factor_unit,
        None if line.allocation == 1.0 else line.allocation,
        line.data_type.value if line.data_type else None,
        line.source or None,
        line.comment or None,
    )


def _build(study: Study | None):
    from openpyxl import Workbook

    _exact_numbers()
    st = _styles()
    wb = Workbook()
    intro = wb.active
    # The data sheets keep the contract's English names (Study, Inventory, Factors) so that any
    # tool reading by the contract finds them; headers and keys carry both languages.
    intro.title = INSTRUCTIONS_SHEET
    for r, (text, bold) in enumerate(_INSTRUCTIONS, start=1):
        cell = intro.cell(row=r, column=1, value=text)
        if bold:
            cell.font = st["title"]
    intro.column_dimensions["A"].width = 110
    ranges = _lists_sheet(wb)
    _study_sheet(wb, study, st, ranges)
    inventory_rows = [_line_row(line) for line in study.lines] if study else []
    _inventory_sheet(wb, "Inventory", st, ranges, inventory_rows)
    factor_rows = [(f.factor_id, f.name, f.value, f.unit, f.source) for f in study.factors] if study else []
    _factors_sheet(wb, "Factors", st, factor_rows)
    if study is None:
        _inventory_sheet(wb, EXAMPLE_SHEET, st, ranges, _EXAMPLE_ROWS)
        _factors_sheet(wb, EXAMPLE_FACTORS_SHEET, st, _EXAMPLE_FACTORS)
    # Keep the drop-down lists last and hidden.
    wb.move_sheet(LISTS_SHEET, offset=len(wb.sheetnames))
    wb.active = 1
    return wb


def write_template(path: Path | str) -> None:
    """Write an empty bilingual study workbook (data-collection template)."""
    with atomic_output(Path(path)) as tmp:
        _build(None).save(tmp)


def write_study_workbook(study: Study, path: Path | str) -> None:
    """Write ``study`` as a study workbook that reads back to the same study."""
    with atomic_output(Path(path)) as tmp:
        _build(study).save(tmp)
