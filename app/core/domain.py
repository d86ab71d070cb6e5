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


@dataclass(frozen=True, slots=True)
class LineColumns:
    """The fields the compiler reads, one list per field, for exactly the lines in ``lines``.

    A reader that builds its lines from columns hands these over, so compiling a 100,000-line
    study does not gather every field again line by line. :meth:`Study.line_columns` uses them
    only while they describe the study's current lines: the very same objects in the same order
    (lines are immutable values, so the same object means the same fields).
    """

    lines: tuple[InventoryLine, ...]
    line_id: Sequence[str]
    parent_id: Sequence[str | None]
    stage: Sequence[Stage | None]
    quantity: Sequence[float]
    unit: Sequence[str]
    loss_rate: Sequence[float]
    distance_km: Sequence[float | None]
    factor_id: Sequence[str | None]
    factor_value: Sequence[float | None]
    factor_unit: Sequence[str | None]
    allocation: Sequence[float]

    @classmethod
    def of(cls, lines: Sequence[InventoryLine]) -> LineColumns:
        return cls(
            tuple(lines),
            [ln.line_id for ln in lines],
            [ln.parent_id for ln in lines],
            [ln.stage for ln in lines],
            [ln.quantity for ln in lines],
            [ln.unit for ln in lines],
            [ln.loss_rate for ln in lines],
            [ln.distance_km for ln in lines],
            [ln.factor_id for ln in lines],
            [ln.factor_value for ln in lines],
            [ln.factor_unit for ln in lines],
            [ln.allocation for ln in lines],
        )

    def describes(self, lines: Sequence[InventoryLine]) -> bool:
        return len(lines) == len(self.lines) and all(map(operator.is_, lines, self.lines))


@dataclass(slots=True)
class Study:
    """A footprint study: settings, inventory lines in display order, study-specific factors."""

    info: StudyInfo
    lines: list[InventoryLine] = field(default_factory=list)
    factors: list[Factor] = field(default_factory=list)
    # Columns a reader built together with ``lines`` (see LineColumns); never required.
    columns_hint: LineColumns | None = field(default=None, compare=False, repr=False)

    def line_columns(self) -> LineColumns:
        """The lines' fields as columns: the reader's if they still describe ``lines``, else gathered now."""
        hint = self.columns_hint
        if hint is not None and hint.describes(self.lines):
            return hint
        return LineColumns.of(self.lines)

    def line_by_id(self) -> dict[str, InventoryLine]:
        return {line.line_id: line for line in self.lines}

    def factor_by_id(self) -> dict[str, Factor]:
        return {f.factor_id: f for f in self.factors}
