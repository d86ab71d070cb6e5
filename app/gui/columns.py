"""Inventory columns of the stage editors: labels, parsing of typed text, display text.

Qt-free so that paste, the models and the tests share one reading of what a person typed.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from app.core.domain import DataType, InventoryLine, Stage
from app.core.messages import CodedError
from app.core.numbers import format_percent, format_sig, parse_fraction_text, parse_number_text
from app.io import study_schema as schema

_FIELD = {f.key: f for f in schema.INVENTORY_FIELDS}


@dataclass(frozen=True, slots=True)
class Column:
    key: str
    label_en: str
    label_zh: str
    kind: str  # text | id | number | fraction | unit | factor | choice | computed
    width: int = 90
    help_en: str = ""
    help_zh: str = ""

    @property
    def editable(self) -> bool:
        return self.kind != "computed"

    @property
    def numeric(self) -> bool:
        return self.kind in ("number", "fraction", "computed")


def _col(key: str, en: str, kind: str, width: int) -> Column:
    f = _FIELD[key]
    return Column(key, en, f.zh, kind, width, f.help_en, f.help_zh)


KGCO2E = "kgco2e"
SHARE = "share"

COLUMNS: tuple[Column, ...] = (
    _col("name", "Name", "text", 250),
    _col("line_id", "Line", "id", 60),
    _col("quantity", "Quantity", "number", 84),
    _col("unit", "Unit", "unit", 60),
    _col("loss_rate", "Loss", "fraction", 56),
    _col("distance_km", "Distance (km)", "number", 90),
    _col("factor_id", "Factor", "factor", 230),
    Column(
        KGCO2E,
        "kg CO2e",
        "碳排放",
        "computed",
        84,
        "Emissions of the line and its sub-lines per declared unit",
        "本行及其子行每声明单位的排放",
    ),
    Column(SHARE, "Share", "占比", "computed", 60, "Share of the study's total", "占总量的比例"),
    _col("allocation", "Allocation", "fraction", 76),
    _col("factor_value", "Factor value", "number", 84),
    _col("factor_unit", "Factor unit", "unit", 76),
    _col("data_type", "Data type", "choice", 84),
    _col("source", "Source", "text", 140),
    _col("comment", "Comment", "text", 160),
)
COLUMN_INDEX: dict[str, int] = {c.key: i for i, c in enumerate(COLUMNS)}

# Stage-specific labels (the column keeps its meaning; the words fit the stage).
STAGE_LABELS: dict[tuple[Stage, str], tuple[str, str]] = {
    (Stage.END_OF_LIFE, "allocation"): ("Route share", "处置比例"),
    (Stage.DISTRIBUTION, "quantity"): ("Mass carried", "运输质量"),
    (Stage.USE, "quantity"): ("Lifetime amount", "寿命期用量"),
}

# Columns hidden by default per stage (still available from the header's context menu).
HIDDEN_BY_DEFAULT: dict[Stage, frozenset[str]] = {
    Stage.RAW_MATERIALS: frozenset({"distance_km", "comment"}),
    Stage.PRODUCTION: frozenset({"distance_km", "loss_rate", "comment"}),
    Stage.DISTRIBUTION: frozenset({"loss_rate", "comment"}),
    Stage.USE: frozenset({"distance_km", "loss_rate", "comment"}),
    Stage.END_OF_LIFE: frozenset({"distance_km", "loss_rate", "comment"}),
}

DEFAULT_UNIT: dict[Stage, str] = {
    Stage.RAW_MATERIALS: "kg",
    Stage.PRODUCTION: "kWh",
    Stage.DISTRIBUTION: "kg",
    Stage.USE: "kWh",
    Stage.END_OF_LIFE: "kg",
}


def header_text(col: Column, stage: Stage | None) -> tuple[str, str]:
    return (
        STAGE_LABELS.get((stage, col.key), (col.label_en, col.label_zh))
        if stage
        else (col.label_en, col.label_zh)
    )


class CellError(CodedError):
    """Typed text that cannot go into this column; a catalog message (``str()``: the English text)."""


def parse_cell(col: Column, text: object) -> object:
    """The field value for what was typed or pasted into ``col`` (raises :class:`CellError`)."""
    if not isinstance(text, str):
        if isinstance(text, bool) or text is None:
            text = "" if text is None else str(text)
        elif isinstance(text, int | float):
            return _check_number(col, float(text))
        else:
            text = str(text)
    s = text.strip()
    key = col.key
    try:
        if key == "name":
            if not s:
                raise CellError("edit.cell.name_required")
            return s
        if key == "line_id":
            if not s:
                raise CellError("edit.cell.id_required")
            return s
        if key in ("source", "comment"):
            return s
        if key in ("unit",):
            if not s:
                raise CellError("edit.cell.unit_required")
            return s
        if key in ("factor_unit", "factor_id"):
            return s or None
        if key == "quantity":
            return _check_number(col, parse_number_text(s))
        if key in ("distance_km", "factor_value"):
            return None if not s else _check_number(col, parse_number_text(s))
        if key == "loss_rate":
            return 0.0 if not s else _check_number(col, parse_fraction_text(s))
        if key == "allocation":
            return 1.0 if not s else _check_number(col, parse_fraction_text(s))
        if key == "data_type":
            if not s:
                return None
            value = schema.lookup_value(s, schema.DATA_TYPE_VALUES)  # type: ignore[arg-type]
            if value is None:
                raise CellError("edit.cell.data_type", {"text": s})
            return value
    except CellError:
        raise
    except CodedError as exc:  # NumberFormatError
        raise CellError(exc.code, exc.params) from None
    raise CellError("edit.cell.computed", _column_params(col))


def _column_params(col: Column) -> dict[str, object]:
    return {"column_en": col.label_en, "column_zh": col.label_zh}


def _check_number(col: Column, value: float) -> float:
    if not math.isfinite(value):
        raise CellError("edit.cell.not_finite", {**_column_params(col), "value": value})
    if value < 0:
        raise CellError("edit.cell.negative", _column_params(col))
    if col.key == "allocation" and not 0 < value <= 1:
        raise CellError("edit.cell.allocation")
    return value


def edit_text(line: InventoryLine, key: str) -> str:
    """Full-precision text of a field (the editor's starting text, and what copy puts out)."""
    value = getattr(line, key)
    if value is None:
        return ""
    if isinstance(value, DataType):
        return value.value
    if isinstance(value, float):
        return repr(value) if value != int(value) or abs(value) >= 1e16 else str(int(value))
    return str(value)


def display_text(line: InventoryLine, key: str) -> str:
    """What the cell shows: numbers by the app's one rounding rule."""
    value = getattr(line, key)
    if value is None:
        return ""
    if key == "loss_rate":
        return format_percent(value) if value else ""  # no scrap: keep the column quiet
    if key == "allocation":
        return format_percent(value)
    if isinstance(value, float | int) and not isinstance(value, bool):
        return format_sig(float(value))
    if isinstance(value, DataType):
        return f"{value.value} {value.label_zh}"
    return str(value)
