"""The domain model of a product-footprint study.

Lines and factors are immutable values; a :class:`Study` holds them in order. Edits replace a
line with a changed copy (``dataclasses.replace``), which keeps undo commands trivial to invert.
"""

from __future__ import annotations

import operator
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum


class Stage(StrEnum):
    """The five life-cycle stages of ISO 14067 / GB/T 24067, in report order."""

    RAW_MATERIALS = "raw_materials"
    PRODUCTION = "production"
    DISTRIBUTION = "distribution"
    USE = "use"
    END_OF_LIFE = "end_of_life"

    @property
    def index(self) -> int:
        return STAGES.index(self)

    @property
    def label_en(self) -> str:
        return _STAGE_LABELS[self][0]

    @property
    def label_zh(self) -> str:
        return _STAGE_LABELS[self][1]


STAGES: tuple[Stage, ...] = tuple(Stage)

_STAGE_LABELS = {
    Stage.RAW_MATERIALS: ("Raw material acquisition", "原材料获取"),
    Stage.PRODUCTION: ("Production", "生产制造"),
    Stage.DISTRIBUTION: ("Distribution", "分销运输"),
    Stage.USE: ("Use", "使用"),
    Stage.END_OF_LIFE: ("End of life", "废弃处置"),
}


class Boundary(StrEnum):
    CRADLE_TO_GATE = "cradle-to-gate"
    CRADLE_TO_GRAVE = "cradle-to-grave"

    @property
    def label_zh(self) -> str:
        return "摇篮到大门" if self is Boundary.CRADLE_TO_GATE else "摇篮到坟墓"


class GwpSet(StrEnum):
    """IPCC assessment report whose GWP100 values characterise the study."""

    AR6 = "AR6"
    AR5 = "AR5"


class DataType(StrEnum):
    PRIMARY = "primary"
    SECONDARY = "secondary"

    @property
    def label_zh(self) -> str:
        return "初级" if self is DataType.PRIMARY else "次级"


@dataclass(frozen=True, slots=True)
class StudyInfo:
    """Goal-and-scope settings of a study (sheet ``Study`` / 研究信息)."""

    product_name: str
    declared_unit: str
    boundary: Boundary = Boundary.CRADLE_TO_GATE
    gwp_set: GwpSet = GwpSet.AR6
    reference_year: int | None = None
    company: str = ""
    site: str = ""


@dataclass(frozen=True, slots=True)
class Factor:
    """An emission factor: kg CO2e per one ``unit`` of activity.

    ``value`` is the CO2e value as published, on ``gwp_basis`` (``"AR5"``, ``"AR6"`` or ``None``
    when the publisher does not say). ``gases`` holds kg of each gas per unit where the source
    gives them (keys from :mod:`app.core.gwp`, e.g. ``CO2``, ``CH4_fossil``, ``N2O``); a factor
    with gases is recomputed under the study's GWP set, one without keeps ``value``.
    """

    factor_id: str
    name: str
    value: float
    unit: str
    source: str = ""
    gwp_basis: str | None = None
    gases: Mapping[str, float] = field(default_factory=dict)
    dataset: str = ""
    dataset_version: str = ""
    name_zh: str = ""

    @property
    def has_gases(self) -> bool:
        return bool(self.gases)


@dataclass(slots=True)
class InventoryLine:
    """One row of the inventory (sheet ``Inventory`` / 清单).

    Treated as an immutable value: edits replace a line with ``dataclasses.replace`` and never
    assign to its fields, so a shallow copy of ``Study.lines`` is a consistent snapshot for a
    background calculation. (Not ``frozen=True`` only because frozen dataclasses take three
    times as long to create, which matters when reading 100,000-line workbooks.)

    ``quantity`` is per declared unit for top-level lines and per ONE unit of the parent for
    child lines. ``stage`` is required on top-level lines; children inherit their top-level
    ancestor's stage and any value they carry is ignored. ``unit`` and ``factor_unit`` are kept
    as the user wrote them and resolved through :mod:`app.core.units` at calculation time.
    """

    line_id: str
    name: str
    quantity: float
    unit: str
    stage: Stage | None = None
    parent_id: str | None = None
    loss_rate: float = 0.0
    distance_km: float | None = None
    factor_id: str | None = None
    factor_value: float | None = None
    factor_unit: str | None = None
    allocation: float = 1.0
    data_type: DataType | None = None
    source: str = ""
    comment: str = ""
    # Where the line came from (e.g. a worksheet row), only for messages; not part of identity.
    origin_row: int | None = field(default=None, compare=False)

    @property
    def gross_quantity(self) -> float:
        """Quantity including losses: ``quantity × (1 + loss_rate)`` (ERP 损耗率 convention)."""
        return self.quantity * (1.0 + self.loss_rate)

    @property
    def is_transport(self) -> bool:
        return self.distance_km is not None


_LINE_FIELDS = ("line_id", "name", "quantity", "unit", "stage", "parent_id", "loss_rate", "distance_km",
                "factor_id", "factor_value", "factor_unit", "allocation", "data_type", "source", "comment",
                "origin_row")  # fmt: skip


@dataclass(frozen=True, slots=True)
class LineColumns:
    """An inventory as columns: one sequence per :class:`InventoryLine` field, in line order.

    A reader builds these instead of 100,000 line objects; the compiler reads them directly and
    the line objects are made only when someone asks for ``Study.lines`` (see :class:`Study`).
    """

    line_id: Sequence[str]
    name: Sequence[str]
    quantity: Sequence[float]
    unit: Sequence[str]
    stage: Sequence[Stage | None]
    parent_id: Sequence[str | None]
    loss_rate: Sequence[float]
    distance_km: Sequence[float | None]
    factor_id: Sequence[str | None]
    factor_value: Sequence[float | None]
    factor_unit: Sequence[str | None]
    allocation: Sequence[float]
    data_type: Sequence[DataType | None]
    source: Sequence[str]
    comment: Sequence[str]
    origin_row: Sequence[int | None]

    def __len__(self) -> int:
        return len(self.line_id)

    @classmethod
    def of(cls, lines: Sequence[InventoryLine]) -> LineColumns:
        return cls(*([getattr(ln, name) for ln in lines] for name in _LINE_FIELDS))

    def line(self, i: int) -> InventoryLine:
        return InventoryLine(*(getattr(self, name)[i] for name in _LINE_FIELDS))

    def build(self) -> list[InventoryLine]:
        return list(map(InventoryLine, *(getattr(self, name) for name in _LINE_FIELDS)))


class Study:
    """A footprint study: settings, inventory lines in display order, study-specific factors.

    A reader may give the inventory as :class:`LineColumns` instead of line objects: ``lines``
    is then built on first access (a plain list, edited like any other), and until then - or
    while ``lines`` still holds exactly the objects built from the columns - the compiler reads
    the columns (:meth:`line_columns`). Lines are immutable values, so the same objects mean the
    same fields.
    """

    __slots__ = ("_built", "_columns", "_lines", "factors", "info")

    def __init__(
        self,
        info: StudyInfo,
        lines: list[InventoryLine] | None = None,
        factors: list[Factor] | None = None,
        *,
        columns: LineColumns | None = None,
    ) -> None:
        self.info = info
        self.factors = [] if factors is None else factors
        self._columns = columns if lines is None else None
        self._lines = lines if lines is not None or columns is not None else []
        self._built: tuple[InventoryLine, ...] | None = None

    @property
    def lines(self) -> list[InventoryLine]:
        if self._lines is None:
            assert self._columns is not None
            self._lines = self._columns.build()
            self._built = tuple(self._lines)
        return self._lines

    @lines.setter
    def lines(self, value: list[InventoryLine]) -> None:
        self._lines = value

    @property
    def lines_built(self) -> bool:
        """Whether ``lines`` exists as objects (False while only the reader's columns do)."""
        return self._lines is not None

    @property
    def line_count(self) -> int:
        return len(self._columns) if self._lines is None else len(self._lines)  # type: ignore[arg-type]

    def line_columns(self) -> LineColumns:
        """The lines' fields as columns: the reader's while they describe ``lines``, else gathered now."""
        lines, built = self._lines, self._built
        if lines is None:
            return self._columns  # type: ignore[return-value]
        if built is not None and len(lines) == len(built) and all(map(operator.is_, lines, built)):
            return self._columns  # type: ignore[return-value]
        return LineColumns.of(lines)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Study):
            return NotImplemented
        return (self.info, self.lines, self.factors) == (other.info, other.lines, other.factors)

    __hash__ = None  # type: ignore[assignment]  # mutable, like the dataclass it replaces

    def __repr__(self) -> str:
        return f"Study(info={self.info!r}, lines={self.lines!r}, factors={self.factors!r})"

    def line_by_id(self) -> dict[str, InventoryLine]:
        return {line.line_id: line for line in self.lines}

    def factor_by_id(self) -> dict[str, Factor]:
        return {f.factor_id: f for f in self.factors}
