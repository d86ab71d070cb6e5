"""Turn the data rows under a BOM header into :class:`BomRow` records with their tree structure.

Every cell that cannot be read without guessing becomes a located :class:`Problem` (file, sheet,
row, column) and the row is not imported: formulas without a cached value, numbers that are not
numbers, decimal commas where the file does not use them, unknown or ambiguous units, a quantity
whose own unit contradicts the unit column, level jumps. Numbers stored as text in a workbook are
read but reported (warning), so that nothing is silently 0 or NaN.

Structure, in order of preference: a level column (``1, 2, 3``, ``.1``, ``..2``, ``...3``; the
smallest level is the top), a parent-code column (``父项编码``), names indented with spaces or
full-width spaces, else a flat list. Quantities are per ONE unit of the parent.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import partial
from itertools import compress, islice, repeat
from operator import add, attrgetter, ge, itemgetter, ne
from typing import NamedTuple

import numpy as np

from app.core.errors import Problem, UnitError
from app.core.gcpause import paused_gc
from app.core.messages import CodedError, Message, problem
from app.core.numbers import NumberFormatError, parse_number_text
from app.core.progress import NO_PROGRESS, Progress
from app.core.units import Dimension, parse_unit
from app.io.bom.grid import Cell, Grid
from app.io.bom.header import FIELD_BY_KEY, HeaderGuess, cell_text

SUMMARY_WORDS = frozenset({"合计", "总计", "小计", "total", "sum", "grand total"})
_INDENT_WIDTH = {" ": 1, "\u3000": 2, "\t": 4, "\u00a0": 1}
_LEVEL = re.compile(r"^([.*·]*)\s*(\d*)$")  # 2, .1, ..2, ***3, **
_OUTLINE = re.compile(r"^\d+(?:\.\d+)+$")  # 1.2.1: the depth is the number of parts
_INLINE_UNIT = re.compile(r"^\s*([+-]?[\d.,\s]*\d)\s*([^\d\s.,+-][^\d]*)$")
_DECIMAL_COMMA_NUMBER = re.compile(r"^[+-]?(?:\d{1,3}(?:[.\s\u00a0']\d{3})+|\d+)(?:,\d+)?$")


class BomRow(NamedTuple):
    """One material row of the BOM (an immutable record: a named tuple, the cheapest to make by the
    hundred thousand)."""

    row: int  # 1-based sheet row
    code: str
    name: str
    spec: str
    quantity: float  # per ONE unit of the parent (after the denominator, if any)
    unit: str  # whitelist code (``kg``, ``piece`` …)
    loss_rate: float = 0.0
    depth: int = 0
    parent: int | None = None  # index (in BomTable.rows) of the parent row
    weight_kg: float | None = None  # mass of one ``unit`` from a weight column
    weight_source: str = ""  # e.g. "净重 (column F)"

    @property
    def key(self) -> str:
        """What identifies the material: its code, else its name."""
        return self.code or self.name


# BomRow from a tuple of all its fields, without a Python frame per row (``BomRow(*t)`` has one)
_BOM_ROW_OF = partial(tuple.__new__, BomRow)


@dataclass(frozen=True, slots=True)
class BomTable:
    file: str
    sheet: str | None
    header: HeaderGuess
    rows: tuple[BomRow, ...]
    problems: tuple[Problem, ...]
    structure: str  # "level", "parent", "indent" or "flat"
    encoding: str | None = None
    delimiter: str | None = None
    decimal_comma: bool = False
    hidden_sheet: bool = False
    bad_cells: frozenset[tuple[int, int]] = field(default_factory=frozenset)  # (sheet row, col), errors

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity != "warning"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "warning"]


FAILED = object()  # a cell already reported (e.g. a formula without a cached value)


class CellError(CodedError):
    """A cell that cannot be read without guessing (catalog code + params; reported, never raised out)."""


# What a number is, for "quantity: expected a number …" (a catalog message, so it is translated).
WHAT = {
    "quantity": Message("bom.what.quantity"),
    "quantity_base": Message("bom.what.denominator"),
    "loss_rate": Message("bom.what.loss_rate"),
    "net_weight": Message("bom.what.net_weight"),
    "gross_weight": Message("bom.what.gross_weight"),
}


class _Reader:
    """Located problems and typed cells of one grid under one header."""

    def __init__(self, grid: Grid, header: HeaderGuess) -> None:
        self.grid = grid
        self.header = header
        self.mapping = header.mapping()
        self.problems: list[Problem] = list(grid.problems)
        self.bad_cells: set[tuple[int, int]] = set()
        self.outline = self._outline_levels()

    def _outline_levels(self) -> bool:
        """True when the level column numbers rows like an outline (1, 1.1, 1.1.2)."""
        c = self.mapping.get("level")
        if c is None:
            return False
        rows = self.grid.rows[self.header.data_start :]
        if rows and min(map(len, rows)) > c:
            values = set(map(itemgetter(c), rows))  # the distinct cells, by C-level work
        else:
            values = {row[c] for row in rows if c < len(row)}
        return any(_OUTLINE.match(v.strip()) for v in values if type(v) is str)

    def column_label(self, key: str) -> str:
        index = self.mapping[key]
        col = self.header.column(index)
        return f"{col.letter} ({col.header})" if col else key

    def add(
        self,
        r: int,
        code: str,
        params: dict[str, object] | None = None,
        *,
        key: str | None = None,
        severity: str = "error",
    ) -> None:
        self.problems.append(
            problem(
                code,
                params or {},
                file=self.grid.file,
                sheet=self.grid.sheet_label,
                row=r + 1,
                column=self.column_label(key) if key else None,
                severity=severity,
            )
        )
        if severity != "warning" and key is not None:
            self.bad_cells.add((r + 1, self.mapping[key]))

    def raw(self, r: int, row: list[Cell], key: str) -> Cell:
        c = self.mapping.get(key)
        if c is None or c >= len(row):
            return ""
        if self.grid.uncached and (r, c) in self.grid.uncached:
            raise CellError("cell.uncached_formula")
        value = row[c]
        return "" if value is None else value

    def number(self, value: Cell, key: str) -> tuple[float, bool]:
        """(value, was text) of a numeric cell of the field ``key``; raises CellError."""
        what = WHAT[key]
        if type(value) is float or type(value) is int:
            if not math.isfinite(value):
                detail = Message("number.not_finite", {"value": value})
                raise CellError("cell.not_a_number", {"what": what, "detail": detail})
            return float(value), False
        if isinstance(value, bool):
            detail = Message("number.logical", {"text": str(value).upper()})
            raise CellError("cell.not_a_number", {"what": what, "detail": detail})
        if not isinstance(value, str):
            detail = Message("number.date", {"text": str(value)})
            raise CellError("cell.not_a_number", {"what": what, "detail": detail})
        return self.number_text(value, key), True

    def number_text(self, text: str, key: str) -> float:
        s = unicodedata.normalize("NFKC", text).strip()
        if self.grid.decimal_comma and _DECIMAL_COMMA_NUMBER.match(s):
            s = re.sub(r"[.\s\u00a0']", "", s).replace(",", ".")
        try:
            result = parse_number_text(s)
        except NumberFormatError as exc:
            detail = exc.as_message()
            raise CellError(
                "cell.not_a_number", {"what": WHAT[key], "detail": detail, "text": text}
            ) from None
        if not math.isfinite(result):
            detail = Message("number.not_finite_text", {"text": text})
            raise CellError("cell.not_a_number", {"what": WHAT[key], "detail": detail})
        return result


def _indent(text: str) -> int:
    width = 0
    for ch in text:
        w = _INDENT_WIDTH.get(ch)
        if w is None:
            break
        width += w
    return width


def _is_empty(value: Cell) -> bool:
    return value is None or value == "" or (isinstance(value, str) and not value.strip())


def parse_rows(
    grid: Grid, header: HeaderGuess, progress: Progress = NO_PROGRESS, *, fast: bool = True
) -> BomTable:
    """Read every data row under ``header``; problems are collected, never raised.

    ``fast=False`` reads every row the careful way (the reference the fast path is tested against).
    """
    with paused_gc():
        return _parse_rows(grid, header, progress, fast)


def _parse_rows(grid: Grid, header: HeaderGuess, progress: Progress, fast: bool) -> BomTable:
    rd = _Reader(grid, header)
    m = rd.mapping
    for key in ("quantity", "unit"):
        if key not in m and not (key == "unit" and _quantity_unit_hint(header)):
            field_label = {"field": key, "en": FIELD_BY_KEY[key].label_en, "zh": FIELD_BY_KEY[key].label_zh}
            rd.problems.append(
                problem("bom.missing_column", field_label, file=grid.file, sheet=grid.sheet_label,
                        row=header.last_row + 1)
            )  # fmt: skip
    if "code" not in m and "name" not in m:
        rd.problems.append(
            problem("bom.missing_code_column", {"field": "code"}, file=grid.file, sheet=grid.sheet_label,
                    row=header.last_row + 1)
        )  # fmt: skip
    if any(p.code in ("bom.missing_column", "bom.missing_code_column") for p in rd.problems):
        return _table(grid, header, [], rd, "flat")
    parsed = _read_rows(rd, progress, fast)
    structure = _structure_kind(m, parsed)
    bom_rows = _build_tree(rd, parsed, structure)
    if len(bom_rows) == len(parsed):  # no row dropped: the parsed columns are the rows' units and codes
        _check_mixed_units(rd, bom_rows, parsed.unit, parsed.code)
    else:
        _check_mixed_units(rd, bom_rows, list(map(_UNIT_OF, bom_rows)), list(map(_CODE_OF, bom_rows)))
    return _table(grid, header, bom_rows, rd, structure)


def _table(grid: Grid, header: HeaderGuess, rows: list[BomRow], rd: _Reader, structure: str) -> BomTable:
    return BomTable(
        grid.file,
        grid.sheet_label,
        header,
        tuple(rows),
        tuple(rd.problems),
        structure,
        grid.encoding,
        grid.delimiter,
        grid.decimal_comma,
        grid.hidden,
        frozenset(rd.bad_cells),
    )


def _quantity_unit_hint(header: HeaderGuess) -> str | None:
    index = header.mapping().get("quantity")
    col = header.column(index) if index is not None else None
    return col.unit_hint if col else None


_SLOW = object()
_PLAIN_NUMBER = re.compile(r"^\s*\+?\d+(?:\.\d+)?\s*$")
# Positions in the per-row tuple the careful path returns (and the fields of _Parsed, in order).
INDENT, NAME, CODE, SPEC, QUANTITY, UNIT, LOSS, WEIGHT, WEIGHT_SOURCE, PARENT, LEVEL = range(11)
_NONE_TYPE = type(None)
_FIRST_CHAR = itemgetter(slice(0, 1))
_INDENT_CHARS = frozenset(_INDENT_WIDTH)
_ZERO, _ONE, _INF = 0.0, 1.0, math.inf


@dataclass(slots=True)
class _Parsed:
    """The importable rows as columns: ``rows`` (0-based sheet rows) and one list per value of the
    careful path's per-row tuple (INDENT … LEVEL), all in sheet order."""

    rows: list[int]
    indent: list[int]
    name: list[str]
    code: list[str]
    spec: list[str]
    quantity: list[float]
    unit: list[str]
    loss: list[float]
    weight: list[float | None]
    weight_source: list[str]
    parent: list[str]
    level: list[int | None]

    @classmethod
    def of(cls, rows: list[int], items: list[tuple]) -> _Parsed:
        columns = [list(c) for c in zip(*items, strict=True)] if items else [[] for _ in range(11)]
        return cls(rows, *columns)

    def __len__(self) -> int:
        return len(self.rows)


def _read_rows(rd: _Reader, progress: Progress, fast: bool) -> _Parsed:
    """The importable rows: clean ones read column by column, the rest (and all, unless ``fast``)
    row by row the careful way, which reports what is wrong."""
    start, total = rd.header.data_start, len(rd.grid.rows)
    if not fast or start >= total:
        return _careful_rows(rd, range(start, total), progress)
    return _fast_rows(rd, start, total, progress)


def _careful_rows(rd: _Reader, indices: Sequence[int], progress: Progress) -> _Parsed:
    rows, total = rd.grid.rows, len(rd.grid.rows)
    kept: list[int] = []
    items: list[tuple] = []
    for k, r in enumerate(indices):
        if k % 5000 == 0:
            progress.step(r, total, "")
        item = _parse_row(rd, r, rows[r])
        if item is not None:
            kept.append(r)
            items.append(item)
    return _Parsed.of(kept, items)


# Rows read at once by the column reader: a chunk's cells stay in the CPU cache while its columns
# are read one after another (whole-sheet columns of a 100,000-row BOM do not, and each column
# pass would then fetch every row from memory again).
CHUNK_ROWS = 4096


def _fast_rows(rd: _Reader, start: int, total: int, progress: Progress) -> _Parsed:
    columns: list[list] = [[] for _ in range(11)]
    slow: list[int] = []  # sheet rows for the careful path, in order
    caches = _Caches()
    for lo in range(start, total, CHUNK_ROWS):
        progress.step(lo, total, "")
        chunk = _CleanColumns(rd, lo, min(total, lo + CHUNK_ROWS), caches)
        for column, values in zip(columns, chunk.columns(), strict=True):
            column += values
        slow += sorted(lo + i for i in chunk.slow)
    if not slow:
        return _Parsed(list(range(start, total)), *columns)
    # the unusual rows, in sheet order, the careful way (the only ones that report problems)
    careful = _careful_rows(rd, slow, progress)
    n = total - start
    keep = [True] * n
    for r in slow:
        keep[r - start] = False
    for r, item in zip(careful.rows, zip(*_columns(careful), strict=True), strict=True):
        keep[r - start] = True
        for column, value in zip(columns, item, strict=True):
            column[r - start] = value
    rows = [start + i for i in range(n) if keep[i]]
    return _Parsed(rows, *([v for v, k in zip(column, keep, strict=True) if k] for column in columns))


@dataclass(slots=True)
class _Caches:
    """What the column reader works out once per distinct text, across chunks."""

    units: dict[str, str | None] = field(default_factory=dict)  # unit text → whitelist code
    masses: dict[str, float | None] = field(default_factory=dict)  # weight unit text → kg per unit
    levels: dict[str, int | None] = field(default_factory=dict)  # level text → level


class _CleanColumns:
    """The fast reader of sheet rows ``lo``–``hi``: every mapped column read at once, exactly as
    :func:`_parse_row` reads a clean row (typed numbers, known units, no indent, no formula
    without a cached value).

    A column of one plain type is read by C-level ``map``/``set`` work; any other column cell by
    cell. A row with anything unusual in any of its cells — text numbers in a workbook, unknown
    units, empty required cells, indents, summary rows, non-finite numbers, short rows — is marked
    slow (``slow``: indices from ``lo``) and read by :func:`_parse_row`, which reports it. Columns
    are independent, so a row is fast exactly when every one of its cells is clean, and a fast
    row's values do not depend on the order the columns are read in.
    """

    def __init__(self, rd: _Reader, lo: int, hi: int, caches: _Caches) -> None:
        self.rd, self.caches = rd, caches
        grid, m = rd.grid, rd.mapping
        data = grid.rows[lo:hi]
        self.n = n = len(data)
        self.slow: set[int] = {r - lo for r, _ in grid.uncached if lo <= r < hi}
        width = max(m.values()) + 1 if m else 0
        if n and min(map(len, data)) < width:  # ragged (CSV): short rows go the careful way
            short = [i for i, row in enumerate(data) if len(row) < width]
            self.slow.update(short)
            for i in short:
                data[i] = [*data[i], *([None] * (width - len(data[i])))]
        self.data = data
        # a CSV cell is text by nature: plain digits are read directly there (a workbook's text
        # numbers take the careful path, which reports them)
        self.plain_text_numbers = grid.from_text and not grid.decimal_comma
        col = rd.header.column(m["loss_rate"]) if "loss_rate" in m else None
        self.percent = bool(col and col.percent)
        self.codes = self._codes(m.get("code"))
        self.names = self._names(m.get("name"))
        self._summary_and_unnamed()
        self.quantities = self._quantities(m["quantity"], m.get("quantity_base"))
        self.units = self._units(m.get("unit"))
        self.losses = self._losses(m.get("loss_rate"))
        self.weights, self.weight_sources = self._weights()
        self.parents = self._texts(m.get("parent_code"))
        self.specs = self._texts(m.get("spec"))
        self.levels = self._levels(m.get("level"))

    def columns(self) -> list[list]:
        """The chunk's values in the order of the careful path's tuple (INDENT … LEVEL)."""
        return [[0] * self.n, self.names, self.codes, self.specs, self.quantities, self.units, self.losses,
                self.weights, self.weight_sources, self.parents, self.levels]  # fmt: skip

    # --- one column each --------------------------------------------------------------------------

    def _column(self, c: int) -> list[Cell]:
        return list(map(itemgetter(c), self.data))

    def _codes(self, c: int | None) -> list[str]:
        if c is None:
            return [""] * self.n
        col = self._column(c)
        if set(map(type, col)) == {str}:
            return list(map(str.strip, col))
        out: list[str] = []
        for i, v in enumerate(col):
            t = type(v)
            if t is str:
                out.append(v.strip())
            elif t is float and v.is_integer() and abs(v) < 1e15:
                out.append(str(int(v)))
            else:
                out.append("")
                if v is not None:  # an int, a huge or fractional number, a date …: the careful way
                    self.slow.add(i)
        return out

    def _names(self, c: int | None) -> list[str]:
        if c is None:
            return [""] * self.n
        col = self._column(c)
        if set(map(type, col)) == {str}:
            if not _INDENT_CHARS.isdisjoint(map(_FIRST_CHAR, col)):
                self.slow.update(i for i, v in enumerate(col) if v[:1] in _INDENT_CHARS)
            return list(map(str.strip, col))
        out: list[str] = []
        for i, v in enumerate(col):
            if type(v) is str and v[:1] not in _INDENT_CHARS:
                out.append(v.strip())
            else:
                out.append("")
                self.slow.add(i)
        return out

    def _summary_and_unnamed(self) -> None:
        codes, names, summary = self.codes, self.names, SUMMARY_WORDS
        if ("" in codes and "" in names) or _any_summary_word(codes) or _any_summary_word(names):
            self.slow.update(
                i
                for i, (code, name) in enumerate(zip(codes, names, strict=True))
                if not (code or name) or code.casefold() in summary or name.casefold() in summary
            )

    def _number(self, value: Cell) -> float | None:
        """A clean finite number: typed, or (in a CSV without decimal commas) plain digits; else None."""
        if (
            type(value) is float
            or type(value) is int
            or (self.plain_text_numbers and type(value) is str and _PLAIN_NUMBER.match(value))
        ):
            value = float(value)
        else:
            return None
        return value if -_INF < value < _INF else None

    def _quantities(self, c: int, base_column: int | None) -> list[float]:
        col = self._column(c)
        if not (
            set(map(type, col)) == {float} and all(map(_ZERO.__le__, col)) and all(map(_INF.__gt__, col))
        ):
            col = [self._clean_quantity(i, v) for i, v in enumerate(col)]
        if base_column is None:
            return col
        for i, base in enumerate(self._column(base_column)):
            if base is None or base == "":
                continue
            base = self._number(base)
            if base is None or not base > 0:
                self.slow.add(i)
            elif i not in self.slow:
                col[i] /= base
        return col

    def _clean_quantity(self, i: int, v: Cell) -> float:
        if type(v) is not float:
            v = self._number(v)
        if v is None or not 0 <= v < _INF:
            self.slow.add(i)
            return 0.0
        return v

    def _units(self, c: int | None) -> list[str | None]:
        if c is None:  # the unit only in the quantity's header, e.g. 用量(kg): the same for every row
            hint = _quantity_unit_hint(self.rd.header)
            code = _unit_code(hint) if hint else None
            if code is None:
                self.slow.update(range(self.n))
            return [code] * self.n
        col = self._column(c)
        known = self.caches.units
        codes: dict[Cell, str | None] = {}
        for text in set(col):
            if type(text) is not str or not text:
                codes[text] = None
            elif (code := known.get(text, _SLOW)) is not _SLOW:
                codes[text] = code  # type: ignore[assignment]
            else:
                codes[text] = known[text] = _unit_code(text)
        out = list(map(codes.__getitem__, col))
        if None in codes.values():
            self.slow.update(i for i, code in enumerate(out) if code is None)
        return out

    def _losses(self, c: int | None) -> list[float]:
        if c is None:
            return [0.0] * self.n
        col, percent = self._column(c), self.percent
        # one rate per distinct cell (BOMs repeat a few rates). Only floats, texts and None: a set
        # would merge True, 1 and 1.0 (and 0.0 with -0.0, whose sign the careful path keeps)
        distinct = set(col) if set(map(type, col)) <= {float, str, _NONE_TYPE} else {None, 0.0}
        if 0.0 not in distinct and all(type(v) is float or v == "" or v is None for v in distinct):
            rates = {v: (v / 100.0 if percent else v) if type(v) is float else 0.0 for v in distinct}
            if all(0 <= rate < 1 for rate in rates.values()):
                return list(map(rates.__getitem__, col))
        return [self._clean_loss(i, v) for i, v in enumerate(col)]

    def _clean_loss(self, i: int, raw: Cell) -> float:
        if raw is None or raw == "":
            return 0.0
        value = self._number(raw)
        loss = None if value is None else value / 100.0 if self.percent else value
        if loss is None or not 0 <= loss < 1:
            self.slow.add(i)
            return 0.0
        return loss

    def _weights(self) -> tuple[list[float | None], list[str]]:
        """Mass of one unit in kg from the first weight column with a value (net before gross)."""
        rd, m, n = self.rd, self.rd.mapping, self.n
        weights: list[float | None] = [None] * n
        sources = [""] * n
        decided = [False] * n
        unit_column = self._column(m["weight_unit"]) if "weight_unit" in m else None
        masses = self.caches.masses
        for key in ("net_weight", "gross_weight"):
            c = m.get(key)
            if c is None:
                continue
            header = rd.header.column(c)
            hint = (header.unit_hint if header else None) or None
            label = rd.column_label(key)
            col = self._column(c)
            for i in [i for i in compress(range(n), map(ne, col, repeat(""))) if col[i] is not None]:
                if decided[i]:
                    continue
                decided[i] = True
                w = self._number(col[i])
                text = hint
                if unit_column is not None:
                    wu = unit_column[i]
                    if type(wu) is str:
                        text = wu.strip() or hint
                    elif wu is not None:
                        text = None  # a number or date as the weight unit: reported by the careful path
                factor = None
                if w is not None and w >= 0 and text:
                    factor = masses.get(text, _SLOW)
                    if factor is _SLOW:
                        factor = masses[text] = _kg_per(text)
                if factor is None:
                    self.slow.add(i)
                    continue
                weights[i], sources[i] = w * factor, label
        return weights, sources

    def _texts(self, c: int | None) -> list[str]:
        if c is None:
            return [""] * self.n
        col = self._column(c)
        if set(map(type, col)) == {str}:
            return list(map(str.strip, col))
        return [v.strip() if type(v) is str else "" if v is None else cell_text(v) for v in col]

    def _levels(self, c: int | None) -> list[int | None]:
        if c is None:
            return [None] * self.n
        col, outline = self._column(c), self.rd.outline
        if set(map(type, col)) == {float} and all(map(float.is_integer, col)) and all(map(_ZERO.__le__, col)):
            return [1] * self.n if outline else list(map(int, col))
        levels = self.caches.levels
        out: list[int | None] = []
        for i, v in enumerate(col):
            t = type(v)
            level: int | None = None
            if t is float:
                if v.is_integer() and v >= 0:
                    level = 1 if outline else int(v)
            elif t is int:
                if v >= 0:
                    level = 1 if outline else v
            elif t is str:
                level = levels.get(v, _SLOW)  # type: ignore[assignment]
                if level is _SLOW:
                    level = levels[v] = _level_or_none(v, outline)
            if level is None:
                self.slow.add(i)
            out.append(level)
        return out


def _columns(parsed: _Parsed) -> list[list]:
    return [parsed.indent, parsed.name, parsed.code, parsed.spec, parsed.quantity, parsed.unit, parsed.loss,
            parsed.weight, parsed.weight_source, parsed.parent, parsed.level]  # fmt: skip


def _any_summary_word(texts: list[str]) -> bool:
    """Whether any text casefolds to a summary word (合计, Total …): one casefold and a few substring
    searches over the joined texts, not a call per text (casefold maps each character on its own,
    so the joined text folds to the joined folds; a NUL inside a text can only add a false hit)."""
    folded = "\x00" + "\x00".join(texts).casefold() + "\x00"
    return any(f"\x00{word}\x00" in folded for word in SUMMARY_WORDS)


def _unit_code(text: str) -> str | None:
    try:
        return parse_unit(text).code
    except UnitError:
        return None


def _kg_per(text: str) -> float | None:
    try:
        unit = parse_unit(text)
    except UnitError:
        return None
    return unit.to_base if unit.dimension is Dimension.MASS else None


def _level_or_none(text: str, outline: bool) -> int | None:
    try:
        return _level(text, outline)
    except CellError:
        return None


def _parse_row(rd: _Reader, r: int, row: list[Cell]) -> tuple | None:
    """The row's values, or None for a blank/summary row or one with errors (reported)."""
    m = rd.mapping
    if all(_is_empty(row[c]) for c in m.values() if c < len(row)):
        return None
    ok = True
    values: dict[str, object] = {}

    def get(key: str) -> Cell:
        nonlocal ok
        try:
            return rd.raw(r, row, key)
        except CellError as bad:
            ok = False
            rd.add(r, bad.code, bad.params, key=key)
            return FAILED

    raw_name = get("name")
    name_text = raw_name if isinstance(raw_name, str) else "" if raw_name is FAILED else cell_text(raw_name)
    values["indent"] = _indent(name_text)
    values["name"] = name_text.strip()
    raw_code = get("code")
    values["code"] = "" if raw_code is FAILED else _code_text(rd, r, raw_code)
    values["spec"] = _text(get("spec"))
    label = (values["code"] or values["name"] or "").casefold()  # type: ignore[union-attr]
    if label in SUMMARY_WORDS or values["name"].casefold() in SUMMARY_WORDS:  # type: ignore[union-attr]
        return None
    if not values["code"] and not values["name"]:
        rd.add(r, "bom.row_unnamed", key="code" if "code" in m else "name")
        return None
    ok = _quantity_and_unit(rd, r, row, get, values) and ok
    ok = _loss_rate(rd, r, get, values) and ok
    ok = _weight(rd, r, get, values) and ok
    values["parent_code"] = _text(get("parent_code")) if "parent_code" in m else ""
    if "level" in m:
        raw_level = get("level")
        if raw_level is FAILED:
            return None
        try:
            values["level"] = _level(raw_level, rd.outline)
        except CellError as bad:
            ok = False
            rd.add(r, bad.code, bad.params, key="level")
    if not ok:
        return None
    return (values["indent"], values["name"], values["code"], values["spec"], values["quantity"], values["unit"],
            values["loss_rate"], values["weight_kg"], values["weight_source"], values["parent_code"],
            values.get("level"))  # fmt: skip


def _text(value: Cell) -> str:
    return "" if value is FAILED else cell_text(value)


def _code_text(rd: _Reader, r: int, value: Cell) -> str:
    if isinstance(value, float) and value.is_integer() and abs(value) >= 1e15:
        rd.add(r, "bom.code_number", {"code": f"{value:.0f}"}, key="code", severity="warning")
    return cell_text(value)


def _quantity_and_unit(rd: _Reader, r: int, row: list[Cell], get, values: dict[str, object]) -> bool:
    raw_q = get("quantity")
    raw_unit_cell = get("unit")
    raw_unit = _text(raw_unit_cell)
    inline_unit = ""
    ok = raw_q is not FAILED and raw_unit_cell is not FAILED
    quantity: float | None = None
    if raw_q is FAILED:
        pass
    elif _is_empty(raw_q):
        rd.add(r, "cell.missing", {"what": WHAT["quantity"]}, key="quantity")
        ok = False
    else:
        if isinstance(raw_q, str) and (match := _INLINE_UNIT.match(raw_q)):
            raw_q, inline_unit = match.group(1), match.group(2).strip()
        try:
            quantity, as_text = rd.number(raw_q, "quantity")
            if as_text and not rd.grid.from_text and not inline_unit:
                text_params = {"what": WHAT["quantity"], "text": str(raw_q)}
                rd.add(r, "cell.text_number", text_params, key="quantity", severity="warning")
            if quantity < 0:
                raise CellError("cell.negative", {"what": WHAT["quantity"], "value": cell_text(quantity)})
        except CellError as bad:
            rd.add(r, bad.code, bad.params, key="quantity")
            ok = False
            quantity = None
    if quantity is not None and "quantity_base" in rd.mapping:
        base = get("quantity_base")
        if base is FAILED:
            ok = False
        elif not _is_empty(base):
            try:
                divisor, _ = rd.number(base, "quantity_base")
                if divisor <= 0:
                    raise CellError("bom.denominator", {"value": cell_text(divisor)})
                quantity /= divisor
            except CellError as bad:
                rd.add(r, bad.code, bad.params, key="quantity_base")
                ok = False
    unit_code = None if raw_unit_cell is FAILED else _unit(rd, r, raw_unit, inline_unit)
    if unit_code is None:
        ok = False
    values["quantity"] = quantity
    values["unit"] = unit_code
    return ok


def _unit(rd: _Reader, r: int, raw_unit: str, inline_unit: str) -> str | None:
    key = "unit" if "unit" in rd.mapping else "quantity"
    text = raw_unit or inline_unit or (_quantity_unit_hint(rd.header) or "")
    if not text:
        rd.add(r, "bom.unit_missing", key=key)
        return None
    try:
        unit = parse_unit(text)
    except UnitError as exc:
        p = exc.problems[0]
        rd.add(r, p.code, p.params, key=key if raw_unit else "quantity")
        return None
    if inline_unit and raw_unit:
        try:
            other = parse_unit(inline_unit)
        except UnitError:
            other = None
        if other is not unit:
            rd.add(r, "unit.mixed", {"inline": inline_unit, "unit": raw_unit}, key="quantity")
            return None
    elif inline_unit:
        rd.add(r, "bom.inline_unit", {"unit": inline_unit}, key="quantity", severity="warning")
    return unit.code


def _loss_rate(rd: _Reader, r: int, get, values: dict[str, object]) -> bool:
    values["loss_rate"] = 0.0
    if "loss_rate" not in rd.mapping:
        return True
    raw = get("loss_rate")
    if raw is FAILED:
        return False
    if _is_empty(raw):
        return True
    col = rd.header.column(rd.mapping["loss_rate"])
    percent_header = bool(col and col.percent)
    try:
        text_percent = isinstance(raw, str) and raw.strip().endswith(("%", "％"))
        value, as_text = rd.number(raw.strip().rstrip("%％") if text_percent else raw, "loss_rate")  # type: ignore[union-attr]
        if text_percent or percent_header:
            value /= 100.0
        elif value >= 1:
            raise CellError("bom.loss_rate_ambiguous", {"value": cell_text(raw)})
        if as_text and not text_percent and not rd.grid.from_text:
            text_params = {"what": WHAT["loss_rate"], "text": str(raw)}
            rd.add(r, "cell.text_number", text_params, key="loss_rate", severity="warning")
        if not 0 <= value < 1:
            raise CellError("bom.loss_rate", {"value": cell_text(raw)})
    except CellError as bad:
        rd.add(r, bad.code, bad.params, key="loss_rate")
        return False
    values["loss_rate"] = value
    return True


def _weight(rd: _Reader, r: int, get, values: dict[str, object]) -> bool:
    """Mass of one unit from the net weight (preferred) or gross weight column, in kg."""
    values["weight_kg"] = None
    values["weight_source"] = ""
    for key in ("net_weight", "gross_weight"):
        if key not in rd.mapping:
            continue
        raw = get(key)
        if raw is FAILED:
            return False
        if _is_empty(raw):
            continue
        col = rd.header.column(rd.mapping[key])
        try:
            weight, _ = rd.number(raw, key)
            if weight < 0:
                raise CellError("cell.negative", {"what": WHAT[key], "value": cell_text(raw)})
        except CellError as bad:
            rd.add(r, bad.code, bad.params, key=key)
            return False
        unit_text = _text(get("weight_unit")) if "weight_unit" in rd.mapping else ""
        unit_text = unit_text or (col.unit_hint if col and col.unit_hint else "")
        if not unit_text:
            rd.add(r, "bom.weight_unit_missing", key=key)
            return False
        try:
            unit = parse_unit(unit_text)
        except UnitError as exc:
            p = exc.problems[0]
            rd.add(r, p.code, p.params, key="weight_unit" if "weight_unit" in rd.mapping else key)
            return False
        if unit.dimension is not Dimension.MASS:
            where = "weight_unit" if "weight_unit" in rd.mapping else key
            rd.add(r, "bom.weight_not_mass", {"unit": unit_text}, key=where)
            return False
        values["weight_kg"] = weight * unit.to_base
        values["weight_source"] = rd.column_label(key)
        return True
    return True


def _level(value: Cell, outline: bool = False) -> int:
    """The level a cell gives; in an outline-numbered column (``1``, ``1.1``, ``1.1.2``) the depth."""
    if type(value) is float or type(value) is int:
        if not float(value).is_integer() or value < 0:
            raise CellError("bom.level_number", {"value": value})
        return 1 if outline else int(value)
    text = unicodedata.normalize("NFKC", cell_text(value))
    if _OUTLINE.match(text):
        return text.count(".") + 1
    if outline and text.isdigit():
        return 1
    match = _LEVEL.match(text)
    if not text or match is None or not (match.group(1) or match.group(2)):
        raise CellError("bom.level_text", {"text": text})
    return int(match.group(2)) if match.group(2) else len(match.group(1))


def _structure_kind(mapping: dict[str, int], parsed: _Parsed) -> str:
    if "level" in mapping:
        return "level"
    if "parent_code" in mapping:
        return "parent"
    if len(set(parsed.indent)) > 1:
        return "indent"
    return "flat"


def _build_tree(rd: _Reader, parsed: _Parsed, structure: str) -> list[BomRow]:
    n = len(parsed)
    parents: list[int | None] = [None] * n
    depths = [0] * n
    dropped: set[int] = set()
    if structure == "level":
        _tree_by_levels(rd, parsed, parents, depths, dropped)
    elif structure == "indent":
        _tree_by_indent(parsed, parents, depths)
    names = parsed.name
    if "" in names:  # a row without a name is named by its code
        names = [name or code for name, code in zip(names, parsed.code, strict=True)]
    if structure == "parent":
        uses = _tree_by_parent_codes(rd, parsed, parents, depths, dropped)
        if uses is not None:
            return _exploded_rows(parsed, names, uses)
    # the common case; levels and indents only ever point up (parent codes may point down)
    if not dropped and (structure != "parent" or all(p is None or p < i for i, p in enumerate(parents))):
        return list(
            map(_BOM_ROW_OF, zip(map((1).__add__, parsed.rows), parsed.code, names, parsed.spec, parsed.quantity,
                                 parsed.unit, parsed.loss, depths, parents, parsed.weight, parsed.weight_source, strict=True))
        )  # fmt: skip
    # A row under a dropped (bad) row cannot be placed: drop it too, with a note. (A parent code may
    # name a row further down, so whether an ancestor is dropped is worked out before any row is built.)
    gone = _under_dropped(parents, dropped)
    out: list[BomRow] = []
    new_index: dict[int, int] = {}
    for i, r in enumerate(parsed.rows):
        if gone[i]:
            if i not in dropped:
                rd.add(r, "bom.parent_bad", {"parent_row": parsed.rows[parents[i]] + 1})  # type: ignore[index]
            continue
        new_index[i] = len(new_index)
    for i, r in enumerate(parsed.rows):
        if gone[i]:
            continue
        parent = parents[i]
        out.append(BomRow(r + 1, parsed.code[i], names[i], parsed.spec[i], parsed.quantity[i], parsed.unit[i],
                          parsed.loss[i], depths[i], None if parent is None else new_index[parent],
                          parsed.weight[i], parsed.weight_source[i]))  # fmt: skip
    return out


def _under_dropped(parents: list[int | None], dropped: set[int]) -> list[bool]:
    """True for each row that is dropped itself or sits under a dropped row (parents in any order)."""
    state: list[bool | None] = [None] * len(parents)
    for i in range(len(parents)):
        chain: list[int] = []
        p: int | None = i
        while p is not None and state[p] is None:
            if p in dropped:
                state[p] = True
                break
            chain.append(p)
            p = parents[p]
        verdict = p is not None and bool(state[p])
        for c in chain:
            state[c] = verdict
    return state  # type: ignore[return-value]


def _tree_by_levels(rd: _Reader, parsed: _Parsed, parents, depths, dropped: set[int]) -> None:
    levels = parsed.level
    if not levels:
        return
    top = min(levels)
    if levels[0] == top and _steps_up_by_one(levels):
        _tree_by_steady_levels(levels, top, parents, depths)
    else:
        _tree_by_open_levels(rd, parsed, top, parents, depths, dropped)


def _tree_by_open_levels(rd: _Reader, parsed: _Parsed, top: int, parents, depths, dropped: set[int]) -> None:
    """The general way: a stack of the open ancestors; a row that jumps levels is reported and dropped."""
    open_levels: list[int] = []  # the open ancestors: their levels and indices (two lists: no tuple per row)
    open_rows: list[int] = []
    for i, level in enumerate(parsed.level):
        while open_levels and open_levels[-1] >= level:
            open_levels.pop()
            open_rows.pop()
        above = open_levels[-1] if open_levels else top - 1
        if level > above + 1:
            jump = {"above": above, "level": level, "needed": level - 1}
            rd.add(parsed.rows[i], "cell.level_jump", jump, key="level")
            dropped.add(i)
            continue
        parents[i] = open_rows[-1] if open_rows else None
        depths[i] = level - top
        open_levels.append(level)
        open_rows.append(i)


def _steps_up_by_one(levels: list[int]) -> bool:
    """No row is more than one level below the row above it (then no level jumps anywhere)."""
    return len(levels) < 2 or all(map(ge, map(add, levels, repeat(1)), islice(levels, 1, None)))


def _tree_by_steady_levels(levels: list[int], top: int, parents, depths) -> None:
    """Parents and depths when the first row is on top and no row steps down more than one level.

    Then the nearest row above with a smaller level is always exactly one level up (levels rise
    one at a time), so a row's parent is the last row above it on the level above its own: found
    per level with a binary search over the rows of the level above (numpy: no Python per row).
    """
    lv = np.asarray(levels, dtype=np.int64)
    found = np.full(len(levels), -1, dtype=np.int64)
    for level in range(top + 1, int(lv.max()) + 1):
        above = np.flatnonzero(lv == level - 1)
        here = np.flatnonzero(lv == level)
        found[here] = above[np.searchsorted(above, here) - 1]
    parents[:] = [None if p < 0 else p for p in found.tolist()]
    depths[:] = (lv - top).tolist()


def _tree_by_indent(parsed: _Parsed, parents, depths) -> None:
    stack: list[tuple[int, int]] = []  # (indent, index)
    for i, indent in enumerate(parsed.indent):
        while stack and stack[-1][0] >= indent:
            stack.pop()
        parents[i] = stack[-1][1] if stack else None
        depths[i] = len(stack)
        stack.append((indent, i))


# A parent-code BOM whose shared sub-assemblies are counted under each use may grow; more rows than
# this is refused (a handful of nested shared parts would otherwise multiply without end).
MAX_EXPLODED_ROWS = 1_000_000


def _tree_by_parent_codes(rd: _Reader, parsed: _Parsed, parents, depths, dropped: set[int]):
    """Parents and depths from the parent-code column; returns None, or — when a parent code names
    several rows (a sub-assembly used in several places, each with the same components) — the
    explosion: (parsed row, parent's place in the output, depth) per use, parents first."""
    where: dict[str, list[int]] = {}
    for i, code in enumerate(parsed.code):
        if code:
            where.setdefault(code, []).append(i)
    children: dict[str, list[int]] = {}  # parent code → its components, in sheet order
    missing_reported: set[str] = set()
    for i, (r, code, own) in enumerate(zip(parsed.rows, parsed.parent, parsed.code, strict=True)):
        if not code:
            continue
        if code == own:
            rd.add(r, "bom.parent_self", {"code": code}, key="parent_code")
            dropped.add(i)
            continue
        if code not in where:
            if code not in missing_reported:
                missing_reported.add(code)
                rd.add(r, "bom.parent_missing", {"parent": code}, key="parent_code", severity="warning")
            continue
        children.setdefault(code, []).append(i)
    if any(len(where[code]) > 1 for code in children):
        return _explode(rd, parsed, where, children, dropped)
    for code, kids in children.items():
        for i in kids:
            parents[i] = where[code][0]
    for i in range(len(parsed)):  # depth, and loops (A under B under A)
        seen = {i}
        p = parents[i]
        depth = 0
        while p is not None:
            if p in seen:
                r = parsed.rows[i]
                rd.add(r, "bom.parent_loop", key="parent_code")
                dropped.add(i)
                parents[i] = None
                break
            seen.add(p)
            depth += 1
            p = parents[p]
        depths[i] = depth
    return None


def _explode(
    rd: _Reader, parsed: _Parsed, where, children, dropped: set[int]
) -> list[tuple[int, int | None, int]]:
    """Every use of every row, depth first from the top rows (those without a parent in the BOM),
    components in sheet order under each use of their parent. A component whose code is already
    among its ancestors closes a loop: reported once and not followed."""
    codes, rows = parsed.code, parsed.rows
    for code, places in where.items():
        if len(places) > 1 and code in children:
            shared = {"parent": code, "count": len(places)}
            rd.add(rows[places[0]], "bom.parent_shared", shared, key="parent_code", severity="warning")
    linked = {i for kids in children.values() for i in kids}
    uses: list[tuple[int, int | None, int]] = []
    reached: set[int] = set()
    looped: set[int] = set()
    for top in range(len(parsed)):
        if top in linked or top in dropped:
            continue
        stack: list[tuple[int, int | None, int, frozenset[str]]] = [(top, None, 0, frozenset())]
        while stack:
            i, parent_use, depth, above = stack.pop()
            code = codes[i]
            if code and code in above:
                if i not in looped:
                    looped.add(i)
                    rd.add(rows[i], "bom.parent_loop", key="parent_code")
                continue
            if len(uses) >= MAX_EXPLODED_ROWS:
                limit = {"limit": f"{MAX_EXPLODED_ROWS:,}"}
                rd.problems.append(
                    problem("bom.explosion_too_big", limit, file=rd.grid.file, sheet=rd.grid.sheet_label)
                )
                return []
            reached.add(i)
            uses.append((i, parent_use, depth))
            if code:
                here, below = len(uses) - 1, above | {code}
                stack.extend((k, here, depth + 1, below) for k in reversed(children.get(code, ())))
    for i in range(len(parsed)):  # rows only a loop reaches (A under B under A, neither on top)
        if i not in reached and i not in dropped and i not in looped:
            rd.add(rows[i], "bom.parent_loop", key="parent_code")
    return uses


def _exploded_rows(
    parsed: _Parsed, names: list[str], uses: list[tuple[int, int | None, int]]
) -> list[BomRow]:
    return [
        BomRow(parsed.rows[i] + 1, parsed.code[i], names[i], parsed.spec[i], parsed.quantity[i], parsed.unit[i],
               parsed.loss[i], depth, parent, parsed.weight[i], parsed.weight_source[i])
        for i, parent, depth in uses
    ]  # fmt: skip


_UNIT_OF, _CODE_OF = attrgetter("unit"), attrgetter("code")


def _check_mixed_units(rd: _Reader, rows: list[BomRow], units: list[str], codes: list[str]) -> None:
    """Warn where one material code comes with units of two dimensions (``units``, ``codes``: the rows')."""
    dims = {u: parse_unit(u).dimension for u in set(units)}
    if len(set(dims.values())) < 2:
        return  # one dimension for every row: nothing can be mixed
    distinct = set(codes)
    if len(distinct) == len(codes):
        return  # every code once: none can have two units
    names = {u: d.name for u, d in dims.items()}  # a str hashes in C, an Enum member in Python
    pairs = set(zip(codes, map(names.__getitem__, units), strict=True))
    if len(pairs) == len(distinct):
        return  # each code has one dimension (set sizes: no loop over the rows in Python)
    first: dict[str, tuple[BomRow, Dimension]] = {}
    for row in rows:
        if not row.code:
            continue
        dim = parse_unit(row.unit).dimension
        seen = first.setdefault(row.code, (row, dim))
        if seen[1] is not dim:
            mixed = {
                "material": row.code,
                "unit": row.unit,
                "first_unit": seen[0].unit,
                "first_row": seen[0].row,
            }
            where = "unit" if "unit" in rd.mapping else "quantity"
            rd.add(row.row - 1, "unit.mixed_material", mixed, key=where, severity="warning")
