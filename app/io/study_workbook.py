"""Read a study workbook (数据收集表, CONTRACTS.md §2) into a :class:`Study`.

The file first passes :mod:`app.io.xlsx_guard` (zip bombs, entity attacks, absurd dimensions,
formulas without cached values); only then does python-calamine parse it. Every problem is
collected with its file, sheet, row and column, and raised together as an :class:`InputError`:
the reader never opens a dialog and never turns a bad cell into 0 or NaN.
"""

from __future__ import annotations

import datetime as dt
import math
import operator
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import chain, compress
from pathlib import Path

from app.core.domain import Boundary, Factor, GwpSet, LineColumns, Study, StudyInfo
from app.core.errors import InputError, Problem, UnitError
from app.core.gcpause import paused_gc
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
    with paused_gc():  # millions of acyclic cell objects: see app.core.gcpause
        return _read_study_workbook(Path(path), limits)


def _read_study_workbook(path: Path, limits: XlsxLimits | None) -> WorkbookReadResult:
    file = path.name
    limits = limits or XlsxLimits()
    info = inspect_xlsx(path, limits, keep_heads=True)  # check_sheet goes on from the inflated heads
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
    inventory, columns = _read_inventory(file, inventory_sheet.name, loaded[inventory_sheet.name], problems)
    if problems or info_result is None or inventory is None:
        raise InputError(problems or [problem("workbook.study_unreadable", file=file)])
    study = Study(info_result, factors=factors, columns=inventory)
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
        width = len(data[0]) if data else 0
        if data and max(c for c, _ in columns.values()) < width and len(set(map(len, data))) == 1:
            # Rectangular (calamine pads every row): flatten in row order, then take each column as
            # a strided slice - C-level and cache-friendly, unlike picking cells row by row.
            cells = list(chain.from_iterable(data))
            self.raw = {key: cells[c::width] for key, (c, _) in columns.items()}
        else:
            for key, (c, _) in columns.items():
                self.raw[key] = [r[c] if c < len(r) else "" for r in data]
        self.n = len(data)
        self.unknown: dict[str, bool] = {}  # per choice column: does a cell name no known choice?
        self.bad = [False] * self.n
        self._mark_uncached(sheet)
        # A row is blank when every recognised column is empty (extra columns do not count).
        blank = _blank_rows(list(self.raw.values()), self.n)
        self.rows = [i for i in range(self.n) if i not in blank] if blank else list(range(self.n))
        # 0-based data row → sheet row i + 2

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
        if values and values[0] == "" and values.count("") == self.n:
            return values  # type: ignore[return-value]  # an empty optional column
        try:
            return list(map(str.strip, values))  # the common case: a column of text cells
        except TypeError:
            return [v.strip() if type(v) is str else _text(v) for v in values]

    def numbers(self, key: str, fraction: bool = False) -> list[float | None]:
        values = self.raw.get(key)
        if values is None or not values or (values[0] == "" and values.count("") == self.n):
            return [None] * self.n
        if set(map(type, values)) == {float}:
            return values  # type: ignore[return-value]  # a clean numeric column
        out: list[float | None] = [
            v if type(v) is float else None if v == "" or v is None else _SLOW for v in values
        ]
        if _SLOW not in out:
            return out
        parse = parse_fraction_text if fraction else parse_number_text
        for i in [i for i, v in enumerate(out) if v is _SLOW]:
            try:
                out[i] = _number(values[i], parse)
            except _NotANumber as exc:
                out[i] = None
                self.fail(i, key, exc.code, exc.params)
        return out

    def choices(self, key: str, table: dict[str, object]) -> tuple[list[object | None], list[str]]:
        raw = self.raw.get(key)
        if raw is None:
            self.unknown[key] = False
            return [None] * self.n, [""] * self.n
        distinct = set(raw)
        if all(type(v) is str for v in distinct):
            # Few distinct texts: trim and look up each once, keyed by the raw cell.
            texts = {v: _text(v) for v in distinct}
            values = {v: schema.lookup_value(t, table) if t else None for v, t in texts.items()}
            self.unknown[key] = any(t and values[v] is None for v, t in texts.items())
            return list(map(values.__getitem__, raw)), list(map(texts.__getitem__, raw))
        # Numbers or logical values (True == 1.0 as keys) - key by the text instead.
        text_list = self.text(key)
        by_text = {t: schema.lookup_value(t, table) if t else None for t in set(text_list)}
        self.unknown[key] = any(t and v is None for t, v in by_text.items())
        return list(map(by_text.__getitem__, text_list)), text_list


_SLOW = object()  # marks a cell that needs the careful (slow) path


def _is_blank_cell(value: Cell) -> bool:
    return value == "" or value is None


def _blank_rows(columns: list[list[Cell]], n: int) -> set[int]:
    """Rows empty in every given column; a column with no empty cell settles it in one C-level pass."""
    candidates: list[int] | None = None
    for values in columns:
        if candidates is None:
            if "" not in values and None not in values:
                return set()
            candidates = [i for i, v in enumerate(values) if v == "" or v is None]
        else:
            candidates = [i for i in candidates if _is_blank_cell(values[i])]
        if not candidates:
            return set()
    return set(candidates or ()) if columns else set(range(n))


def _outside(
    values: list[float | None], low: float, high: float, low_open: bool, high_open: bool
) -> list[int]:
    """Positions of numbers outside [low, high] (open ends as flagged); None is fine.

    min/max first, so a clean column costs a few C-level passes instead of a Python loop.
    """
    if not values or (values[0] is None and values.count(None) == len(values)):
        return []  # an empty optional column
    present = values if None not in values else [v for v in values if v is not None]
    lo, hi = min(present), max(present)  # type: ignore[type-var]
    if (lo > low if low_open else lo >= low) and (hi < high if high_open else hi <= high):
        return []
    return [
        j
        for j, v in enumerate(values)
        if v is not None
        and not ((v > low if low_open else v >= low) and (v < high if high_open else v <= high))
    ]


def _none_if_empty(values: list[str]) -> list[str | None]:
    if "" not in values:
        return values  # type: ignore[return-value]
    if values[0] == "" and values.count("") == len(values):
        return [None] * len(values)
    return [v or None for v in values]


def _suspect_rows(ids: list[str], names: list[str], units: list[str], parents: list[str],
                  quantity: list[float | None], loss: list[float | None], distance: list[float | None],
                  factor_value: list[float | None], factor_units: list[str], allocation: list[float | None],
                  stages: list[object], stage_texts: list[str], data_types: list[object],
                  data_type_texts: list[str], unknown: dict[str, bool]) -> set[int]:  # fmt: skip
    """Positions where a quick column-wise look finds something for :func:`_check_row` to report."""
    suspects: set[int] = set()
    for texts in (ids, names, units):
        if "" in texts:
            suspects.update(j for j, t in enumerate(texts) if not t)
    inf = math.inf
    if None in quantity:
        suspects.update(j for j, q in enumerate(quantity) if q is None)
    suspects.update(_outside(quantity, 0.0, inf, False, True))
    if None in stages:
        if unknown["stage"]:
            suspects.update(
                j for j, st in enumerate(stages) if st is None and (stage_texts[j] or not parents[j])
            )
        else:  # every line without a stage has an empty stage cell: only top-level ones are wrong
            tops = compress(range(len(parents)), map(operator.not_, parents))
            suspects.update(j for j in tops if stages[j] is None)
    suspects.update(_outside(loss, 0.0, 1.0, False, True))
    suspects.update(_outside(distance, 0.0, inf, False, True))
    suspects.update(_outside(factor_value, 0.0, inf, False, True))
    if "" in factor_units:
        empty = compress(range(len(factor_units)), map(operator.not_, factor_units))  # C-level
        suspects.update(j for j in empty if factor_value[j] is not None)
    suspects.update(_outside(allocation, 0.0, 1.0, True, False))
    if unknown["data_type"]:
        suspects.update(j for j, dt_ in enumerate(data_types) if dt_ is None and data_type_texts[j])
    return suspects


def _read_inventory(
    file: str, name: str, sheet: _SheetRows, problems: list[Problem]
) -> tuple[LineColumns | None, dict[str, ColumnRef]]:
    out = _Collector(file, name, problems)
    columns = _header(sheet, schema.INVENTORY_FIELDS, out)
    if columns is None:
        return None, {}
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
    bad = cols.bad
    kept = cols.rows
    columns_in_order = [ids, names, units, parents, quantity, loss, distance, factor_value, allocation, factor_ids,
                        factor_units, stages, stage_texts, data_types, data_type_texts, sources, comments]  # fmt: skip
    if len(kept) != cols.n:
        columns_in_order = [[values[i] for i in kept] for values in columns_in_order]
    (ids, names, units, parents, quantity, loss, distance, factor_value, allocation, factor_ids, factor_units,
     stages, stage_texts, data_types, data_type_texts, sources, comments) = columns_in_order  # fmt: skip
    # The full row check runs only where a quick column-wise look finds something to report.
    suspects = _suspect_rows(ids, names, units, parents, quantity, loss, distance, factor_value, factor_units,
                             allocation, stages, stage_texts, data_types, data_type_texts, cols.unknown)  # fmt: skip
    if True in bad:
        suspects.update(j for j, i in enumerate(kept) if bad[i])
    for j in sorted(suspects):
        _check_row(cols, kept[j], ids[j], names[j], units[j], parents[j], quantity[j], loss[j], distance[j],
                   factor_value[j], factor_units[j], allocation[j], stages[j], stage_texts[j], data_types[j],
                   data_type_texts[j])  # fmt: skip
    if any(bad[kept[j]] for j in suspects):  # drop the rows that failed
        keep = [j for j, i in enumerate(kept) if not bad[i]]
        columns_in_order = [[values[j] for j in keep] for values in columns_in_order]
        (ids, names, units, parents, quantity, loss, distance, factor_value, allocation, factor_ids,
         factor_units, stages, _, data_types, _, sources, comments) = columns_in_order  # fmt: skip
        kept = [kept[j] for j in keep]
    # Each column gets its defaults in one pass.
    parent_ids, factor_ids, factor_units = map(_none_if_empty, (parents, factor_ids, factor_units))
    loss = [v or 0.0 for v in loss]
    if None in allocation:
        allocation = [1.0 if v is None else v for v in allocation]
    # The study keeps these columns; line objects are made only if someone asks for them.
    inventory = LineColumns(ids, names, quantity, units, stages, parent_ids, loss, distance, factor_ids,  # type: ignore[arg-type]
                            factor_value, factor_units, allocation, data_types, sources, comments,  # type: ignore[arg-type]
                            [i + 2 for i in kept])  # fmt: skip
    if not cols.rows and not any(p.sheet == name for p in problems):
        out.add("inventory.empty", None, 2)
    return inventory, {k: ref for k, (_, ref) in columns.items()}


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
