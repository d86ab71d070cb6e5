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
from dataclasses import dataclass, field
from operator import attrgetter, itemgetter

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


@dataclass(slots=True)
class BomRow:
    """One material row of the BOM. Treated as immutable (not frozen only for speed on big BOMs)."""

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
        texts = [v for v in [row[c] for row in rows if c < len(row)] if type(v) is str]
        return any(_OUTLINE.match(v.strip()) for v in texts)

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
    _check_mixed_units(rd, bom_rows)
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
# Positions in the per-row tuple that both row paths return.
INDENT, NAME, CODE, SPEC, QUANTITY, UNIT, LOSS, WEIGHT, WEIGHT_SOURCE, PARENT, LEVEL = range(11)


def _read_rows(rd: _Reader, progress: Progress, fast: bool) -> list[tuple[int, tuple]]:
    """(sheet row, values) of every importable row; clean rows by the fast reader, the rest carefully."""
    rows = rd.grid.rows
    total = len(rows)
    clean = _clean_row_reader(rd) if fast else None
    parsed: list[tuple[int, tuple]] = []
    add = parsed.append
    for r in range(rd.header.data_start, total):
        if r % 5000 == 0:
            progress.step(r, total, "")
        row = rows[r]
        item = clean(r, row) if clean is not None else None
        if item is None:
            item = _parse_row(rd, r, row)
            if item is None:
                continue
        add((r, item))
    return parsed


def _clean_row_reader(rd: _Reader):
    """A reader of the common clean row (typed numbers, known units, no indent), without per-cell calls.

    It returns the row's values exactly as :func:`_parse_row` would, or None for anything unusual —
    text numbers, unknown units, empty required cells, formulas, indents, summary rows, non-finite
    numbers — which then goes the careful way and is reported there. Column indices and caches are
    closure variables: no attribute or dict lookups per cell.
    """
    m = rd.mapping
    ci, ni, si, qi, bi, ui, li = (m.get(k) for k in ("code", "name", "spec", "quantity", "quantity_base", "unit",
                                                       "loss_rate"))  # fmt: skip
    nwi, gwi, wui, pi, lvi = (
        m.get(k) for k in ("net_weight", "gross_weight", "weight_unit", "parent_code", "level")
    )
    width = max(m.values()) + 1 if m else 0
    uncached_rows = {r for r, _ in rd.grid.uncached}
    col = rd.header.column(m["loss_rate"]) if "loss_rate" in m else None
    percent = bool(col and col.percent)
    weights = [
        (c, (h.unit_hint if (h := rd.header.column(c)) else None) or None, rd.column_label(k))
        for k, c in (("net_weight", nwi), ("gross_weight", gwi))
        if c is not None
    ]
    outline = rd.outline
    units: dict[str, str | None] = {}
    masses: dict[str, float | None] = {}
    levels: dict[str, int | None] = {}
    # CSV cells are text by nature: plain digits are read directly (a workbook's text numbers
    # take the careful path, which reports them)
    plain_text_numbers = rd.grid.from_text and not rd.grid.decimal_comma
    inf = math.inf
    summary = SUMMARY_WORDS
    indents = _INDENT_WIDTH

    def number(value: Cell) -> float | None:
        """A clean finite number: typed, or (in a CSV without decimal commas) plain digits; else None."""
        if (
            type(value) is float
            or type(value) is int
            or (plain_text_numbers and type(value) is str and _PLAIN_NUMBER.match(value))
        ):
            value = float(value)
        else:
            return None
        return value if -inf < value < inf else None

    def unit_code(text: str) -> str | None:
        try:
            code = parse_unit(text).code
        except UnitError:
            code = None
        units[text] = code
        return code

    def kg_per(text: str) -> float | None:
        try:
            unit = parse_unit(text)
            factor = unit.to_base if unit.dimension is Dimension.MASS else None
        except UnitError:
            factor = None
        masses[text] = factor
        return factor

    def level_of(text: str) -> int | None:
        try:
            level = _level(text, outline)
        except CellError:
            level = None
        levels[text] = level
        return level

    def clean(r: int, row: list[Cell]) -> tuple | None:
        if len(row) < width or (uncached_rows and r in uncached_rows):
            return None
        code = row[ci] if ci is not None else ""
        if type(code) is str:
            code = code.strip()
        elif type(code) is float:
            if not code.is_integer() or abs(code) >= 1e15:
                return None
            code = str(int(code))
        elif code is None:
            code = ""
        else:
            return None
        name = row[ni] if ni is not None else ""
        if type(name) is not str or (name and name[0] in indents):
            return None
        name = name.strip()
        if not (code or name) or code.casefold() in summary or name.casefold() in summary:
            return None
        q = row[qi]
        if type(q) is not float:
            q = number(q)
            if q is None:
                return None
        if not (0 <= q < inf):
            return None
        if bi is not None:
            base = row[bi]
            if base is not None and base != "":
                base = number(base)
                if base is None or not base > 0:
                    return None
                q /= base
        u = row[ui] if ui is not None else None
        if type(u) is not str or not u:
            return None
        unit = units.get(u, _SLOW)
        if unit is _SLOW:
            unit = unit_code(u)
        if unit is None:
            return None
        loss = 0.0
        if li is not None:
            raw = row[li]
            if raw is not None and raw != "":
                value = number(raw)
                if value is None:
                    return None
                loss = value / 100.0 if percent else value
                if not 0 <= loss < 1:
                    return None
        weight_kg, weight_source = None, ""
        for c, hint, label in weights:
            w = row[c]
            if w is None or w == "":
                continue
            w = number(w)
            if w is None or w < 0:
                return None
            text = hint
            if wui is not None:
                wu = row[wui]
                if type(wu) is str:
                    text = wu.strip() or hint
                elif wu is not None:
                    return None  # a number or date as the weight unit: reported by the careful path
            if not text:
                return None
            factor = masses.get(text, _SLOW)
            if factor is _SLOW:
                factor = kg_per(text)
            if factor is None:
                return None
            weight_kg, weight_source = w * factor, label
            break
        parent = ""
        if pi is not None:
            p = row[pi]
            parent = p.strip() if type(p) is str else "" if p is None else cell_text(p)
        spec = ""
        if si is not None:
            sp = row[si]
            spec = sp.strip() if type(sp) is str else "" if sp is None else cell_text(sp)
        level = None
        if lvi is not None:
            lv = row[lvi]
            if type(lv) is float:
                if not (lv.is_integer() and lv >= 0):
                    return None
                level = 1 if outline else int(lv)
            elif type(lv) is int:
                if lv < 0:
                    return None
                level = 1 if outline else lv
            elif type(lv) is str:
                level = levels.get(lv, _SLOW)
                if level is _SLOW:
                    level = level_of(lv)
                if level is None:
                    return None
            else:
                return None
        return (0, name, code, spec, q, unit, loss, weight_kg, weight_source, parent, level)

    return clean


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


def _structure_kind(mapping: dict[str, int], parsed: list[tuple[int, tuple]]) -> str:
    if "level" in mapping:
        return "level"
    if "parent_code" in mapping:
        return "parent"
    if len({item[INDENT] for _, item in parsed}) > 1:
        return "indent"
    return "flat"


def _build_tree(rd: _Reader, parsed: list[tuple[int, tuple]], structure: str) -> list[BomRow]:
    parents: list[int | None] = [None] * len(parsed)
    depths = [0] * len(parsed)
    dropped: set[int] = set()
    if structure == "level":
        _tree_by_levels(rd, parsed, parents, depths, dropped)
    elif structure == "indent":
        _tree_by_indent(parsed, parents, depths)
    elif structure == "parent":
        _tree_by_parent_codes(rd, parsed, parents, depths, dropped)
    # the common case; levels and indents only ever point up (parent codes may point down)
    if not dropped and (structure != "parent" or all(p is None or p < i for i, p in enumerate(parents))):
        return [
            BomRow(
                r + 1, code, name or code, spec, quantity, unit, loss, depth, parent, weight, weight_source
            )
            for (
                r,
                (_, name, code, spec, quantity, unit, loss, weight, weight_source, _, _),
            ), depth, parent in zip(parsed, depths, parents, strict=True)
        ]
    # A row under a dropped (bad) row cannot be placed: drop it too, with a note. (A parent code may
    # name a row further down, so whether an ancestor is dropped is worked out before any row is built.)
    gone = _under_dropped(parents, dropped)
    out: list[BomRow] = []
    new_index: dict[int, int] = {}
    for i, (r, _) in enumerate(parsed):
        if gone[i]:
            if i not in dropped:
                rd.add(r, "bom.parent_bad", {"parent_row": parsed[parents[i]][0] + 1})  # type: ignore[index]
            continue
        new_index[i] = len(new_index)
    for i, (r, item) in enumerate(parsed):
        if gone[i]:
            continue
        parent = parents[i]
        _, name, code, spec, quantity, unit, loss, weight, weight_source, _, _ = item
        out.append(BomRow(r + 1, code, name or code, spec, quantity, unit, loss, depths[i],  # type: ignore[arg-type]
                          None if parent is None else new_index[parent], weight, weight_source))  # type: ignore[arg-type]  # fmt: skip
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


_ITEM_OF, _LEVEL_OF = itemgetter(1), itemgetter(LEVEL)


def _tree_by_levels(rd, parsed, parents, depths, dropped) -> None:
    if not parsed:
        return
    levels = list(map(_LEVEL_OF, map(_ITEM_OF, parsed)))  # C loops: no Python frame per row
    top = min(levels)
    open_levels: list[int] = []  # the open ancestors: their levels and indices (two lists: no tuple per row)
    open_rows: list[int] = []
    for i, level in enumerate(levels):
        while open_levels and open_levels[-1] >= level:
            open_levels.pop()
            open_rows.pop()
        above = open_levels[-1] if open_levels else top - 1
        if level > above + 1:
            jump = {"above": above, "level": level, "needed": level - 1}
            rd.add(parsed[i][0], "cell.level_jump", jump, key="level")
            dropped.add(i)
            continue
        parents[i] = open_rows[-1] if open_rows else None
        depths[i] = level - top
        open_levels.append(level)
        open_rows.append(i)


def _tree_by_indent(parsed, parents, depths) -> None:
    stack: list[tuple[int, int]] = []  # (indent, index)
    for i, (_, item) in enumerate(parsed):
        indent = item[INDENT]
        while stack and stack[-1][0] >= indent:
            stack.pop()
        parents[i] = stack[-1][1] if stack else None
        depths[i] = len(stack)
        stack.append((indent, i))


def _tree_by_parent_codes(rd, parsed, parents, depths, dropped) -> None:
    where: dict[str, list[int]] = {}
    for i, (_, item) in enumerate(parsed):
        if item[CODE]:
            where.setdefault(item[CODE], []).append(i)
    missing_reported: set[str] = set()
    for i, (r, item) in enumerate(parsed):
        code = item[PARENT]
        if not code:
            continue
        if code == item[CODE]:
            rd.add(r, "bom.parent_self", {"code": code}, key="parent_code")
            dropped.add(i)
            continue
        places = where.get(code)
        if not places:
            if code not in missing_reported:
                missing_reported.add(code)
                rd.add(r, "bom.parent_missing", {"parent": code}, key="parent_code", severity="warning")
            continue
        earlier = [p for p in places if p < i]
        parents[i] = earlier[-1] if earlier else places[0]
        if len(places) > 1 and code not in missing_reported:
            missing_reported.add(code)
            repeated = {"parent": code, "count": len(places)}
            rd.add(r, "bom.parent_repeated", repeated, key="parent_code", severity="warning")
    for i in range(len(parsed)):  # depth, and loops (A under B under A)
        seen = {i}
        p = parents[i]
        depth = 0
        while p is not None:
            if p in seen:
                r = parsed[i][0]
                rd.add(r, "bom.parent_loop", key="parent_code")
                dropped.add(i)
                parents[i] = None
                break
            seen.add(p)
            depth += 1
            p = parents[p]
        depths[i] = depth


_UNIT_OF, _CODE_OF = attrgetter("unit"), attrgetter("code")


def _check_mixed_units(rd: _Reader, rows: list[BomRow]) -> None:
    units = list(map(_UNIT_OF, rows))  # map + attrgetter: the C loop, no Python frame per row
    dims = {u: parse_unit(u).dimension for u in set(units)}
    if len(set(dims.values())) < 2:
        return  # one dimension for every row: nothing can be mixed
    codes = list(map(_CODE_OF, rows))
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
