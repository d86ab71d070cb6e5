"""Read a study workbook (数据收集表, CONTRACTS.md §2) into a :class:`Study`.

The file first passes :mod:`app.io.xlsx_guard` (zip bombs, entity attacks, absurd dimensions,
formulas without cached values); only then does python-calamine parse it. Every problem is
collected with its file, sheet, row and column, and raised together as an :class:`InputError`:
the reader never opens a dialog and never turns a bad cell into 0 or NaN.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from app.core.domain import Boundary, Factor, GwpSet, InventoryLine, Study, StudyInfo
from app.core.errors import InputError, Problem, UnitError
from app.core.messages import CodedError, Message, problem
from app.core.numbers import NumberFormatError, parse_fraction_text, parse_number_text
from app.core.units import is_known_unit, parse_unit
from app.io import study_schema as schema
from app.io.xlsx_guard import SheetInfo, XlsxLimits, check_sheet, inspect_xlsx

Cell = object  # str | float | int | bool | date | datetime | time | timedelta, '' when empty


def column_letter(index: int) -> str:
    """0 → A, 25 → Z, 26 → AA."""
    letters = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


@dataclass(frozen=True, slots=True)
class ColumnRef:
    letter: str
    header: str

    def __str__(self) -> str:
        return f"{self.letter} ({self.header})"


@dataclass(frozen=True, slots=True)
class WorkbookReadResult:
    study: Study
    file: str
    inventory_sheet: str
    inventory_columns: dict[str, ColumnRef] = field(default_factory=dict)
    warnings: tuple[Problem, ...] = ()

    def locate(self, problem: Problem) -> Problem:
        """Give a calculation problem (line id, row, field name) its sheet and column letter."""
        column = problem.column
        if column in self.inventory_columns:
            column = str(self.inventory_columns[column])
        sheet = self.inventory_sheet if problem.row is not None or problem.line_id else None
        located = Problem(
            problem.message,
            code=problem.code,
            file=problem.file or self.file,
            sheet=problem.sheet or sheet,
            row=problem.row,
            column=column,
            line_id=problem.line_id,
            severity=problem.severity,
            params=problem.params,
        )
        return located


class _Collector:
    """Problems of one sheet, located by file, sheet, row and column."""

    def __init__(self, file: str, sheet: str, problems: list[Problem]) -> None:
        self.file = file
        self.sheet = sheet
        self.problems = problems

    def add(
        self,
        code: str,
        params: Mapping[str, object] | None = None,
        row: int | None = None,
        column: ColumnRef | str | None = None,
    ) -> None:
        self.problems.append(
            problem(
                code,
                params,
                file=self.file,
                sheet=self.sheet,
                row=row,
                column=None if column is None else str(column),
            )
        )


def _text(value: Cell) -> str:
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 1e15:
            return str(int(value))
        return repr(value)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    return str(value)


def _is_empty(value: Cell) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


class _NotANumber(CodedError):
    pass


def _number(value: Cell, parse_text: Callable[[str], float] = parse_number_text) -> float:
    if type(value) is float or type(value) is int:
        if not math.isfinite(value):
            raise _NotANumber("number.not_finite", {"value": value})
        return float(value)
    if isinstance(value, str):
        try:
            result = parse_text(value)
        except NumberFormatError as exc:
            raise _NotANumber(exc.code, exc.params) from None
        if not math.isfinite(result):
            raise _NotANumber("number.not_finite_text", {"text": value})
        return result
    if isinstance(value, bool):
        raise _NotANumber("number.logical", {"text": _text(value)})
    if isinstance(value, dt.date | dt.datetime | dt.time | dt.timedelta):
        raise _NotANumber("number.date", {"text": _text(value)})
    raise _NotANumber("number.invalid", {"text": value})


def _find_sheets(
    file: str, sheets: Sequence[SheetInfo], names: tuple[str, str], problems: list[Problem]
) -> SheetInfo | None:
    wanted = {schema.normalise_name(n) for n in names}
    found = [s for s in sheets if any(p in wanted for p in schema.name_parts(s.name))]
    if len(found) > 1:
        problems.append(
            problem(
                "workbook.duplicate_sheet",
                {"en": names[0], "zh": names[1], "sheets": ", ".join(f"'{s.name}'" for s in found)},
                file=file,
            )
        )
        return None
    if not found:
        return None
    sheet = found[0]
    if sheet.state != "visible":
        problems.append(problem("workbook.hidden_sheet", {"sheet": sheet.name}, file=file, sheet=sheet.name))
        return None
    return sheet


class _SheetRows:
    """A sheet's cells (0-based rows/cols) plus the A1 refs of formulas with no cached value."""

    def __init__(self, rows: list[list[Cell]], uncached: set[str]) -> None:
        self.rows = rows
        self.uncached = uncached

    def is_uncached(self, row: int, col: int) -> bool:
        return bool(self.uncached) and f"{column_letter(col)}{row + 1}" in self.uncached


def read_study_workbook(path: Path | str, limits: XlsxLimits | None = None) -> WorkbookReadResult:
    """Read and check a study workbook; raises :class:`InputError` with every located problem."""
    path = Path(path)
    file = path.name
    limits = limits or XlsxLimits()
    info = inspect_xlsx(path, limits)
    problems: list[Problem] = []
    study_sheet = _find_sheets(file, info.sheets, schema.STUDY_SHEET, problems)
    inventory_sheet = _find_sheets(file, info.sheets, schema.INVENTORY_SHEET, problems)
    factors_sheet = _find_sheets(file, info.sheets, schema.FACTORS_SHEET, problems)
    for sheet, names in ((study_sheet, schema.STUDY_SHEET), (inventory_sheet, schema.INVENTORY_SHEET)):
        if sheet is None and not any(
            p.code == "workbook.hidden_sheet"
            and p.sheet
            and schema.match_name(p.sheet, {schema.normalise_name(n): n for n in names})
            for p in problems
        ):
            problems.append(
                problem(
                    "workbook.missing_sheet",
                    {
                        "en": names[0],
                        "zh": names[1],
                        "found": ", ".join(repr(s.name) for s in info.sheets) or "none",
                    },
                    file=file,
                )
            )
    if problems:
        raise InputError(problems)
    assert study_sheet is not None and inventory_sheet is not None

    loaded = _load_sheets(path, [s for s in (study_sheet, inventory_sheet, factors_sheet) if s], limits)
    info_result = _read_study_sheet(file, study_sheet.name, loaded[study_sheet.name], problems)
    factors = (
        _read_factors_sheet(file, factors_sheet.name, loaded[factors_sheet.name], problems)
        if factors_sheet
        else []
    )
    lines, columns = _read_inventory(file, inventory_sheet.name, loaded[inventory_sheet.name], problems)
    if problems or info_result is None:
        raise InputError(problems or [problem("workbook.study_unreadable", file=file)])
    study = Study(info=info_result, lines=lines, factors=factors)
    return WorkbookReadResult(study, file, inventory_sheet.name, columns)


def _load_sheets(path: Path, sheets: list[SheetInfo], limits: XlsxLimits) -> dict[str, _SheetRows]:
    import python_calamine  # deferred: only needed when a workbook is actually read

    scans = {s.name: check_sheet(path, s, limits) for s in sheets}
    try:
        workbook = python_calamine.CalamineWorkbook.from_path(str(path))
        try:
            result = {}
            for sheet in sheets:
                rows = workbook.get_sheet_by_name(sheet.name).to_python(skip_empty_area=False)
                result[sheet.name] = _SheetRows(rows, set(scans[sheet.name].uncached_formulas))
            return result
        finally:
            workbook.close()
    except python_calamine.CalamineError as exc:
        raise InputError(problem("workbook.unreadable", {"reason": str(exc)}, file=path.name)) from None


def _read_study_sheet(file: str, name: str, sheet: _SheetRows, problems: list[Problem]) -> StudyInfo | None:
    out = _Collector(file, name, problems)
    lookup = schema.field_lookup(schema.STUDY_FIELDS)
    values: dict[str, tuple[Cell, int]] = {}
    for r, row in enumerate(sheet.rows):
        if not row or _is_empty(row[0]):
            continue
        key = schema.match_name(_text(row[0]), lookup)
        if key is None:
            continue  # headers, notes and extra keys are ignored
        if key in values:
            out.add("study.duplicate_key", {"key": key, "first_row": values[key][1]}, r + 1, "B")
            continue
        cell = row[1] if len(row) > 1 else ""
        if sheet.is_uncached(r, 1):
            out.add("cell.uncached_formula", None, r + 1, "B")
            continue
        values[key] = (cell, r + 1)

    def text(key: str) -> str:
        return _text(values[key][0]) if key in values else ""

    def where(key: str) -> int | None:
        return values[key][1] if key in values else None

    for f in schema.STUDY_FIELDS:
        if f.required and not text(f.key):
            params = {"key": f.key, "zh": f.zh, "help_en": f.help_en, "help_zh": f.help_zh}
            out.add("study.missing", params, where(f.key), "B")
    boundary = _choice(
        text("boundary"),
        schema.BOUNDARY_VALUES,
        Boundary.CRADLE_TO_GATE,
        "boundary",
        "cradle-to-gate / 摇篮到大门 or cradle-to-grave / 摇篮到坟墓",
        out,
        where("boundary"),
    )
    gwp = _choice(
        text("gwp_set"), schema.GWP_VALUES, GwpSet.AR6, "gwp_set", "AR6 or AR5", out, where("gwp_set")
    )
    year: int | None = None
    if text("reference_year"):
        try:
            number = _number(values["reference_year"][0])
            if not number.is_integer() or not 1900 <= number <= 2200:
                raise _NotANumber("study.year_invalid", {"text": text("reference_year")})
            year = int(number)
        except _NotANumber as exc:
            detail = Message(exc.code, exc.params)
            out.add("study.reference_year", {"detail": detail}, where("reference_year"), "B")
    if any(p.sheet == name for p in problems):
        return None
    return StudyInfo(
        product_name=text("product_name"),
        declared_unit=text("declared_unit"),
        boundary=boundary,  # type: ignore[arg-type]
        gwp_set=gwp,  # type: ignore[arg-type]
        reference_year=year,
        company=text("company"),
        site=text("site"),
    )


def _choice(
    text: str, table: dict, default: object, key: str, expected: str, out: _Collector, row: int | None
) -> object:
    if not text:
        return default
    value = schema.lookup_value(text, table)
    if value is None:
        out.add("study.choice", {"key": key, "expected": expected, "text": text}, row, "B")
        return default
    return value


def _header(
    sheet: _SheetRows, fields: tuple[schema.Field, ...], out: _Collector
) -> dict[str, tuple[int, ColumnRef]] | None:
    if not sheet.rows:
        out.add("sheet.empty", None, 1)
        return None
    lookup = schema.field_lookup(fields)
    columns: dict[str, tuple[int, ColumnRef]] = {}
    for c, cell in enumerate(sheet.rows[0]):
        if _is_empty(cell):
            continue
        key = schema.match_name(_text(cell), lookup)
        if key is None:
            continue  # extra columns are ignored
        ref = ColumnRef(column_letter(c), _text(cell))
        if key in columns:
            params = {"key": key, "first": columns[key][1].letter, "second": ref.letter}
            out.add("sheet.duplicate_column", params, 1, ref)
            continue
        columns[key] = (c, ref)
    missing = [f for f in fields if f.required and f.key not in columns]
    for f in missing:
        out.add("sheet.missing_column", {"key": f.key, "zh": f.zh}, 1)
    return None if missing else columns


class _RowReader:
    """Typed access to one row's cells; records located problems and never guesses."""

    __slots__ = ("columns", "ok", "out", "r", "row", "sheet")

    def __init__(self, sheet: _SheetRows, columns: dict[str, tuple[int, ColumnRef]], out: _Collector) -> None:
        self.sheet = sheet
        self.columns = columns
        self.out = out
        self.r = 0
        self.row: list[Cell] = []
        self.ok = True

    def at(self, r: int, row: list[Cell]) -> None:
        self.r, self.row, self.ok = r, row, True

    def raw(self, key: str) -> Cell:
        col = self.columns.get(key)
        if col is None or col[0] >= len(self.row):
            return ""
        if self.sheet.uncached and self.sheet.is_uncached(self.r, col[0]):
            self.fail(key, "cell.uncached_formula")
            return ""
        return self.row[col[0]]

    def fail(self, key: str, code: str, params: Mapping[str, object] | None = None) -> None:
        self.ok = False
        self.out.add(code, params, self.r + 1, self.columns[key][1] if key in self.columns else key)

    def text(self, key: str) -> str:
        return _text(self.raw(key))

    def number(self, key: str, required: bool = False, fraction: bool = False) -> float | None:
        value = self.raw(key)
        if _is_empty(value):
            if required:
                self.fail(key, "cell.required_number", {"column": key})
            return None
        try:
            return _number(value, parse_fraction_text if fraction else parse_number_text)
        except _NotANumber as exc:
            self.fail(key, exc.code, exc.params)
            return None

    def is_blank(self) -> bool:
        return all(_is_empty(self.row[c]) for c, _ in self.columns.values() if c < len(self.row))


class _Columns:
    """The inventory read column by column: fast paths for clean cells, located problems for the rest.

    Reading per column (instead of per row through accessor calls) keeps the reader's own cost
    well below python-calamine's parse time on 100,000-line workbooks.
    """

    def __init__(self, sheet: _SheetRows, columns: dict[str, tuple[int, ColumnRef]], out: _Collector) -> None:
        self.out = out
        self.columns = columns
        data = sheet.rows[1:]
        self.raw: dict[str, list[Cell]] = {}
        rectangular = bool(data) and all(len(r) == len(data[0]) for r in data)
        for key, (c, _) in columns.items():
            if rectangular and c < len(data[0]):
                self.raw[key] = [r[c] for r in data]
            else:
                self.raw[key] = [r[c] if c < len(r) else "" for r in data]
        self.n = len(data)
        self.bad = [False] * self.n
        self._mark_uncached(sheet)
        # A row is blank when every recognised column is empty (extra columns do not count).
        picked = [values for values in self.raw.values()]
        width = len(picked)
        self.rows = [
            i
            for i, cells in enumerate(zip(*picked, strict=True))
            if cells.count("") + cells.count(None) != width
        ]  # 0-based data row → sheet row i + 2

    def _mark_uncached(self, sheet: _SheetRows) -> None:
        by_letter = {ref.letter: key for key, (_, ref) in self.columns.items()}
        for cell_ref in sorted(sheet.uncached):
            letters = cell_ref.rstrip("0123456789")
            key = by_letter.get(letters)
            row = int(cell_ref[len(letters) :]) - 2
            if key is not None and 0 <= row < self.n:
                self.fail(row, key, "cell.uncached_formula")
                self.raw[key][row] = ""

    def fail(self, i: int, key: str, code: str, params: Mapping[str, object] | None = None) -> None:
        self.bad[i] = True
        ref = self.columns[key][1] if key in self.columns else key
        self.out.add(code, params, i + 2, ref)

    def text(self, key: str) -> list[str]:
        values = self.raw.get(key)
        if values is None:
            return [""] * self.n
        return [v.strip() if type(v) is str else _text(v) for v in values]

    def numbers(self, key: str, fraction: bool = False) -> list[float | None]:
        values = self.raw.get(key)
        if values is None:
            return [None] * self.n
        out: list[float | None] = [
            v if type(v) is float else None if v == "" or v is None else _SLOW for v in values
        ]
        parse = parse_fraction_text if fraction else parse_number_text
        for i in [i for i, v in enumerate(out) if v is _SLOW]:
            try:
                out[i] = _number(values[i], parse)
            except _NotANumber as exc:
                out[i] = None
                self.fail(i, key, exc.code, exc.params)
        return out

    def choices(self, key: str, table: dict[str, object]) -> tuple[list[object | None], list[str]]:
        texts = self.text(key)
        cache: dict[str, object | None] = {"": None}
        result = []
        for t in texts:
            if t not in cache:
                cache[t] = schema.lookup_value(t, table)
            result.append(cache[t])
        return result, texts


_SLOW = object()  # marks a cell that needs the careful (slow) path


def _read_inventory(
    file: str, name: str, sheet: _SheetRows, problems: list[Problem]
) -> tuple[list[InventoryLine], dict[str, ColumnRef]]:
    out = _Collector(file, name, problems)
    columns = _header(sheet, schema.INVENTORY_FIELDS, out)
    if columns is None:
        return [], {}
    cols = _Columns(sheet, columns, out)
    ids = cols.text("line_id")
    names = cols.text("name")
    units = cols.text("unit")
    parents = cols.text("parent_id")
    quantity = cols.numbers("quantity")
    loss = cols.numbers("loss_rate", fraction=True)
    distance = cols.numbers("distance_km")
    factor_value = cols.numbers("factor_value")
    allocation = cols.numbers("allocation", fraction=True)
    factor_ids = cols.text("factor_id")
    factor_units = cols.text("factor_unit")
    stages, stage_texts = cols.choices("stage", schema.STAGE_VALUES)
    data_types, data_type_texts = cols.choices("data_type", schema.DATA_TYPE_VALUES)
    sources = cols.text("source")
    comments = cols.text("comment")
    lines: list[InventoryLine] = []
    bad = cols.bad
    kept = cols.rows
    columns_in_order = [ids, names, units, parents, quantity, loss, distance, factor_value, allocation, factor_ids,
                        factor_units, stages, stage_texts, data_types, data_type_texts, sources, comments]  # fmt: skip
    if len(kept) != cols.n:
        columns_in_order = [[values[i] for i in kept] for values in columns_in_order]
    # zip over columns: much cheaper than indexing 17 lists per row on 100,000-line workbooks.
    for i, lid, nm, un, par, q, ls, dist, fv, alloc, fid, fu, st, st_text, dtype, dtype_text, src, com in zip(
        kept, *columns_in_order, strict=True
    ):
        # The full row check runs only where a quick look finds something to report.
        if (
            bad[i] or not lid or not nm or not un or q is None or q < 0
            or (st is None and (st_text or not par))
            or (ls is not None and not 0 <= ls < 1)
            or (dist is not None and dist < 0)
            or (fv is not None and (fv < 0 or not fu))
            or (alloc is not None and not 0 < alloc <= 1)
            or (dtype is None and dtype_text)
        ):  # fmt: skip
            _check_row(cols, i, lid, nm, un, par, q, ls, dist, fv, fu, alloc, st, st_text, dtype, dtype_text)
            if bad[i]:
                continue
        lines.append(
            InventoryLine(lid, nm, q, un, st, par or None, ls or 0.0, dist, fid or None, fv, fu or None,  # type: ignore[arg-type]
                          1.0 if alloc is None else alloc, dtype, src, com, i + 2)  # type: ignore[arg-type]
        )  # fmt: skip
    if not cols.rows and not any(p.sheet == name for p in problems):
        out.add("inventory.empty", None, 2)
    return lines, {k: ref for k, (_, ref) in columns.items()}


def _check_row(cols: _Columns, i: int, line_id: str, name: str, unit: str, parent: str, quantity: float | None,
               loss: float | None, distance: float | None, factor_value: float | None, factor_unit: str,
               allocation: float | None, stage: object, stage_text: str, data_type: object,
               data_type_text: str) -> None:  # fmt: skip
    """Row-level rules (required cells, ranges, choices); cheap when the row is clean."""
    if not line_id:
        cols.fail(i, "line_id", "cell.required", {"column": "line_id"})
    if not name:
        cols.fail(i, "name", "cell.required", {"column": "name"})
    if not unit:
        cols.fail(i, "unit", "cell.required", {"column": "unit"})
    if quantity is None:
        if not cols.bad[i] or cols.raw["quantity"][i] == "":
            cols.fail(i, "quantity", "cell.required_number", {"column": "quantity"})
    elif quantity < 0:
        cols.fail(i, "quantity", "line.quantity", {"value": _text(quantity)})
    if stage is None:
        if stage_text:
            cols.fail(i, "stage", "cell.stage", {"text": stage_text})
        elif not parent:
            cols.fail(i, "stage", "cell.stage_required")
    if loss is not None:
        raw = cols.raw["loss_rate"][i]
        if loss < 0:
            cols.fail(i, "loss_rate", "line.loss_rate", {"value": _text(raw)})
        elif loss >= 1 and not (isinstance(raw, str) and raw.strip().endswith(("%", "％"))):
            # 5 could mean 5% or 500%: refuse rather than guess; '500%' is explicit and accepted.
            cols.fail(i, "loss_rate", "cell.loss_rate_ambiguous", {"value": _text(raw)})
    if distance is not None and distance < 0:
        cols.fail(i, "distance_km", "line.distance", {"value": _text(distance)})
    if factor_value is not None:
        if not factor_unit:
            cols.fail(i, "factor_unit", "cell.factor_unit_required")
        if factor_value < 0:
            cols.fail(i, "factor_value", "line.factor_value", {"value": _text(factor_value)})
    if allocation is not None and not 0 < allocation <= 1:
        cols.fail(i, "allocation", "cell.allocation", {"value": _text(cols.raw["allocation"][i])})
    if data_type is None and data_type_text:
        cols.fail(i, "data_type", "cell.data_type", {"text": data_type_text})


def _read_factors_sheet(file: str, name: str, sheet: _SheetRows, problems: list[Problem]) -> list[Factor]:
    out = _Collector(file, name, problems)
    if not sheet.rows or all(_is_empty(c) for c in sheet.rows[0]):
        return []  # an empty optional sheet is fine
    columns = _header(sheet, schema.FACTOR_FIELDS, out)
    if columns is None:
        return []
    rd = _RowReader(sheet, columns, out)
    factors: list[Factor] = []
    seen: dict[str, int] = {}
    for r in range(1, len(sheet.rows)):
        rd.at(r, sheet.rows[r])
        if rd.is_blank():
            continue
        factor_id = rd.text("factor_id")
        if not factor_id:
            rd.fail("factor_id", "cell.required", {"column": "factor_id"})
        elif factor_id in seen:
            rd.fail(
                "factor_id", "cell.duplicate_factor", {"factor_id": factor_id, "first_row": seen[factor_id]}
            )
        name_text = rd.text("name")
        if not name_text:
            rd.fail("name", "cell.required", {"column": "name"})
        value = rd.number("value", required=True)
        if value is not None and value < 0:
            rd.fail("value", "line.factor_value", {"value": _text(value)})
        unit = rd.text("unit")
        if not unit:
            rd.fail("unit", "cell.required", {"column": "unit"})
        elif not is_known_unit(unit):
            try:
                parse_unit(unit)
            except UnitError as exc:
                rd.fail("unit", exc.problems[0].code, exc.problems[0].params)
        if rd.ok:
            seen[factor_id] = r + 1
            factors.append(Factor(factor_id, name_text, value, unit, source=rd.text("source")))  # type: ignore[arg-type]
    return factors
