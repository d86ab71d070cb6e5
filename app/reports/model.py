"""What a label or a report prints, gathered by ``app.services.reports`` from a study result.

Plain values only (no database, no Qt): numbers are full precision here and rounded only when
drawn, by ``app.core.numbers.format_sig`` / ``format_percent`` — the same rule as on screen.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from app.core.domain import Boundary, DataType, GwpSet, Stage


@dataclass(frozen=True, slots=True)
class LineRow:
    """One inventory line with its result and the factor that made it."""

    line_id: str
    parent_id: str | None
    depth: int
    stage: Stage
    name: str
    quantity: float
    unit: str
    loss_rate: float
    allocation: float
    activity: float  # in the factor's unit (t·km for transport legs)
    activity_unit: str
    kgco2e: float
    factor_id: str | None
    factor_name: str
    factor_co2e: float | None  # kg CO2e per factor unit actually used
    factor_unit: str
    basis: str
    data_type: DataType | None
    source: str
    comment: str
    is_electricity: bool = False
    is_aircraft: bool = False
    has_children: bool = False
    biogenic_co2: float | None = None  # kg biogenic CO2 (outside the CO2e total) where the factor states it


@dataclass(frozen=True, slots=True)
class FactorRow:
    """One factor the study used, with where it came from."""

    factor_id: str
    name: str
    co2e: float  # kg CO2e per unit as used in the study (recomputed from gases where possible)
    unit: str
    basis: str
    origin: str  # "library", "study" or "inline"
    dataset: str
    dataset_version: str
    region: str
    year: int | None
    source: str
    line_count: int


@dataclass(frozen=True, slots=True)
class DatasetCredit:
    """A dataset used by the study and the attribution its licence requires."""

    name: str
    version: str
    publisher: str
    licence: str
    licence_url: str
    attribution: str
    url: str
    name_zh: str = ""


@dataclass(frozen=True, slots=True)
class ReportData:
    product_name: str
    declared_unit: str
    company: str
    site: str
    boundary: Boundary
    gwp_set: GwpSet
    reference_year: int | None
    fingerprint: str | None  # SHA-256 hex of the frozen revision; None → DRAFT
    total: float
    stage_totals: Mapping[Stage, float]
    lines: tuple[LineRow, ...]
    factors: tuple[FactorRow, ...]
    datasets: tuple[DatasetCredit, ...]
    gwp_values: Mapping[str, float]  # GWP100 of the study's IPCC report, per gas key
    gas_totals: Mapping[str, float] = field(default_factory=dict)  # kg CO2e per gas key
    warning_count: int = 0
    study_file: str = ""
    app_version: str = ""

    @property
    def is_frozen(self) -> bool:
        return self.fingerprint is not None
