"""Import user factors (supplier-specific data) from an Excel (.xlsx) or CSV file.

One factor per row; the header row names the columns in English or Chinese (matched
case-insensitively, a trailing ``(unit)`` note ignored). Required: ``name`` 名称, ``value`` 因子值
(kg CO2e per unit), ``unit`` 单位, ``source`` 数据来源. Optional: ``factor_id`` 因子编号 (made from
the name when empty; ``user:`` is added), ``name_zh`` 中文名称, ``gwp_basis`` GWP版本, ``category``
类别, ``region`` 地区, ``year`` 年份, ``uncertainty`` 不确定性, ``note`` 备注 and per-gas masses
``CO2``, ``CH4_fossil``, ``CH4_non_fossil``, ``N2O`` (kg per unit).

The import is all or nothing: every problem is reported with its row and column, and nothing is
written unless the whole file is clean. Absurd files are refused before parsing (size caps); the
caller may pass a stricter ``guard`` (the app's xlsx guard) that runs first.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from app.core.errors import HostileFileError, InputError, Problem
from app.core.gwp import CH4_FOSSIL, CH4_NON_FOSSIL, CO2, N2O
from app.core.messages import problem
from app.core.numbers import NumberFormatError, parse_number_text
from app.factors.user_library import UserFactorInput, user_id, validate

MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_UNZIPPED_BYTES = 200 * 1024 * 1024
MAX_ROWS = 20_000
SHEET_NAMES = ("factors", "因子", "user factors", "用户因子")

_HEADERS: dict[str, tuple[str, ...]] = {
    "factor_id": ("factor_id", "id", "因子编号", "编号"),
    "name": ("name", "name_en", "名称", "因子名称"),
    "name_zh": ("name_zh", "中文名称", "名称(中文)"),
    "value": ("value", "factor_value", "因子值", "排放因子"),
    "unit": ("unit", "factor_unit", "单位", "因子单位"),
    "source": ("source", "数据来源", "来源"),
    "gwp_basis": ("gwp_basis", "gwp", "gwp版本", "gwp基准"),
    "category": ("category", "类别", "分类"),
    "region": ("region", "地区", "区域"),
    "year": ("year", "年份"),
    "uncertainty": ("uncertainty", "不确定性"),
    "note": ("note", "comment", "备注"),
    CO2: ("co2",),
    CH4_FOSSIL: ("ch4_fossil", "化石甲烷"),
    CH4_NON_FOSSIL: ("ch4_non_fossil", "ch4_biogenic", "生物甲烷"),
    N2O: ("n2o",),
}
_LOOKUP = {alias: key for key, aliases in _HEADERS.items() for alias in aliases}
_REQUIRED = ("name", "value", "unit", "source")
_GASES = (CO2, CH4_FOSSIL, CH4_NON_FOSSIL, N2O)

Cell = object
Guard = Callable[[Path], object]


@dataclass(frozen=True, slots=True)
class ImportPlan:
    """The validated factors of a file, ready to be written."""

    file: str
    items: tuple[UserFactorInput, ...]


def _norm_header(text: object) -> str:
    s = unicodedata.normalize("NFKC", str(text or "")).strip().casefold()
    s = re.sub(r"\s*\([^)]*\)\s*$", "", s)  # "value (kg CO2e)" -> "value"
    return s.replace(" ", "_")


def _check_size(path: Path, file: str) -> None:
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise InputError(problem("import.unreadable", {"reason": exc.strerror}, file=file)) from None
    if size > MAX_FILE_BYTES:
        raise HostileFileError(
            problem(
                "import.too_big",
                {"size_mb": f"{size / 1e6:.0f}", "limit_mb": MAX_FILE_BYTES // 2**20},
                file=file,
            )
        )


def _check_zip(path: Path, file: str) -> None:
    try:
        with zipfile.ZipFile(path) as zf:
            total = sum(i.file_size for i in zf.infolist())
    except zipfile.BadZipFile:
        raise InputError(problem("import.not_zip", file=file)) from None
    if total > MAX_UNZIPPED_BYTES:
        raise HostileFileError(problem("import.zip_bomb", file=file))


def read_rows(path: Path, guard: Guard | None = None) -> tuple[str | None, list[list[Cell]]]:
    """(sheet name or None for CSV, rows of cells) from ``path`` after the size checks."""
    file = path.name
    _check_size(path, file)
    suffix = path.suffix.lower()
    if suffix == ".csv":
        return None, _read_csv(path.read_bytes())
    if suffix not in (".xlsx", ".xlsm"):
        raise InputError(problem("import.type", file=file))
    _check_zip(path, file)
    if guard is not None:
        guard(path)
    return _read_xlsx(path, file)


def _read_csv(data: bytes) -> list[list[Cell]]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("gb18030", errors="replace")  # Chinese Excel saves CSV as GBK
    return [list(r) for r in csv.reader(io.StringIO(text))]


def _read_xlsx(path: Path, file: str) -> tuple[str, list[list[Cell]]]:
    from python_calamine import CalamineWorkbook

    try:
        book = CalamineWorkbook.from_path(str(path))
        names = [s.name for s in book.sheets_metadata if str(s.visible).lower().endswith("visible")]
        names = names or list(book.sheet_names)
        chosen = next((n for n in names if n.strip().casefold() in SHEET_NAMES), names[0])
        rows = book.get_sheet_by_name(chosen).to_python(nrows=MAX_ROWS + 2)
    except Exception as exc:
        raise InputError(problem("import.bad_xlsx", {"reason": str(exc)}, file=file)) from None
    return chosen, rows


def _text(cell: Cell) -> str:
    if cell is None:
        return ""
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    return unicodedata.normalize("NFKC", str(cell)).strip()


def _number(cell: Cell) -> float | None:
    if isinstance(cell, bool):
        raise NumberFormatError("number.invalid", {"text": cell})
    if isinstance(cell, (int, float)):
        return float(cell)
    text = _text(cell)
    return parse_number_text(text) if text else None


def plan_import(path: Path, guard: Guard | None = None) -> ImportPlan:
    """Read and check a user factor file; raises :class:`InputError` with every problem."""
    sheet, rows = read_rows(path, guard)
    file = path.name
    header_at = next((i for i, r in enumerate(rows) if any(_text(c) for c in r)), None)
    if header_at is None:
        raise InputError(problem("import.empty", file=file, sheet=sheet))
    columns = _columns(rows[header_at], file, sheet)
    body = rows[header_at + 1 :]
    if len(body) > MAX_ROWS:
        raise InputError(problem("import.too_many_rows", {"max_rows": MAX_ROWS}, file=file, sheet=sheet))
    problems: list[Problem] = []
    items: list[UserFactorInput] = []
    seen: dict[str, int] = {}
    for offset, row in enumerate(body):
        rownum = header_at + offset + 2  # 1-based, as the spreadsheet shows it
        if not any(_text(c) for c in row):
            continue
        before = len(problems)
        item = _row_item(row, columns, rownum, file, sheet, problems)
        unreadable = {p.column for p in problems[before:]}
        clean, found = validate(item, row=rownum, file=file)
        problems += [p.located(sheet=sheet) for p in found if p.column not in unreadable]
        if clean.factor_id in seen:
            problems.append(
                problem(
                    "import.duplicate_id",
                    {"factor_id": clean.factor_id, "first_row": seen[clean.factor_id]},
                    file=file,
                    sheet=sheet,
                    row=rownum,
                    column="factor_id",
                )
            )
        seen.setdefault(clean.factor_id, rownum)
        items.append(clean)
    if problems:
        raise InputError(problems)
    if not items:
        raise InputError(problem("import.no_rows", file=file, sheet=sheet))
    return ImportPlan(file, tuple(items))


def _columns(header: list[Cell], file: str, sheet: str | None) -> dict[str, int]:
    columns: dict[str, int] = {}
    for i, cell in enumerate(header):
        key = _LOOKUP.get(_norm_header(cell))
        if key is not None and key not in columns:
            columns[key] = i
    missing = [k for k in _REQUIRED if k not in columns]
    if missing:
        raise InputError(
            problem("import.columns", {"columns": ", ".join(missing)}, file=file, sheet=sheet, row=1)
        )
    return columns


def _row_item(
    row: list[Cell],
    columns: dict[str, int],
    rownum: int,
    file: str,
    sheet: str | None,
    problems: list[Problem],
) -> UserFactorInput:
    """The row as an input; cells that cannot be read are reported and left empty."""

    def cell(key: str) -> Cell:
        i = columns.get(key)
        return row[i] if i is not None and i < len(row) else None

    def number(key: str) -> float | None:
        try:
            return _number(cell(key))
        except NumberFormatError as exc:
            problems.append(problem(exc.code, exc.params, file=file, sheet=sheet, row=rownum, column=key))
            return None

    value = number("value")
    gases = {g: m for g in _GASES if (m := number(g)) is not None}
    year = number("year")
    if year is not None and not year.is_integer():
        problems.append(
            problem("import.year", {"year": f"{year:g}"}, file=file, sheet=sheet, row=rownum, column="year")
        )
        year = None
    name = _text(cell("name"))
    return UserFactorInput(
        factor_id=_text(cell("factor_id")) or user_id(_slug(name) or f"row-{rownum}"),
        name=name,
        value=value if value is not None else float("nan"),
        unit=_text(cell("unit")),
        source=_text(cell("source")),
        name_zh=_text(cell("name_zh")),
        gwp_basis=_text(cell("gwp_basis")) or None,
        gases=gases,
        category=_text(cell("category")),
        region=_text(cell("region")),
        year=int(year) if year is not None else None,
        uncertainty=_text(cell("uncertainty")),
        note=_text(cell("note")),
    )


def _slug(text: str) -> str:
    return re.sub(r"[^\w]+", "-", unicodedata.normalize("NFKC", text).casefold()).strip("-")[:80]
