"""The calculation engine: arrays and index maps in, an immutable result out.

It knows no files, databases or widgets. :mod:`app.core.compile` turns a study into a
:class:`CalcInput`; this module only does the arithmetic:

* BOM explosion level by level: ``exploded[i] = gross[i] × exploded[parent[i]]`` (roots: own gross);
* ``activity = exploded × to_activity`` (unit conversion to the factor's unit, and for transport
  legs the conversion to tonnes × distance in km);
* ``emissions = activity × factor × allocation``;
* stage totals by stage index; the total is the sum of the five stage totals in stage order.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np

from app.core.domain import STAGES, Stage


def _frozen(a: np.ndarray) -> np.ndarray:
    a.setflags(write=False)
    return a


@dataclass(frozen=True, slots=True)
class CalcInput:
    """Everything the engine needs, one entry per inventory line (same order everywhere).

    ``levels[d]`` holds the indices of the lines at depth ``d`` (0 = top level); a line's
    parent is always at the depth above, so rolling up level by level is exact.
    """

    line_ids: tuple[str, ...]
    parent: np.ndarray  # int64, -1 for top-level lines
    levels: tuple[np.ndarray, ...]
    stage: np.ndarray  # int8 index into STAGES (the top-level ancestor's stage)
    gross_quantity: np.ndarray  # own quantity × (1 + loss rate), in the line's unit
    to_activity: np.ndarray  # line unit → factor unit (× distance for transport legs)
    factor: np.ndarray  # kg CO2e per factor unit under the study's GWP set; 0 = no factor
    allocation: np.ndarray
    gas_names: tuple[str, ...] = ()
    gas_factor: np.ndarray | None = None  # (n, len(gas_names)) kg CO2e per factor unit
    index: Mapping[str, int] = field(default_factory=dict)  # line_id → position

    def __post_init__(self) -> None:
        n = len(self.line_ids)
        for name in ("parent", "stage", "gross_quantity", "to_activity", "factor", "allocation"):
            if getattr(self, name).shape != (n,):
                raise ValueError(f"CalcInput.{name} must have shape ({n},)")
        if sum(len(level) for level in self.levels) != n:
            raise ValueError("CalcInput.levels must cover every line exactly once")
        if self.gas_factor is not None and self.gas_factor.shape != (n, len(self.gas_names)):
            raise ValueError("CalcInput.gas_factor must have shape (n, len(gas_names))")


@dataclass(frozen=True, slots=True)
class CalcResult:
    """Per-line, per-stage, per-gas results. Arrays are read-only; nothing is rounded."""

    line_ids: tuple[str, ...]
    exploded_quantity: np.ndarray  # gross quantity × ancestors' gross quantities, line unit
    activity: np.ndarray  # in the factor's unit (t·km for transport legs without factor)
    emissions: np.ndarray  # kg CO2e per line
    stage_totals: np.ndarray  # kg CO2e per stage, in STAGES order
    total: float
    gas_names: tuple[str, ...] = ()
    gas_emissions: np.ndarray | None = None  # (n, g) kg CO2e per line and gas
    index: Mapping[str, int] = field(default_factory=dict)

    def stage_total(self, stage: Stage) -> float:
        return float(self.stage_totals[stage.index])

    def line_emissions(self, line_id: str) -> float:
        return float(self.emissions[self.index[line_id]])

    @property
    def gas_totals(self) -> dict[str, float]:
        if self.gas_emissions is None:
            return {}
        sums = self.gas_emissions.sum(axis=0)
        return {name: float(v) for name, v in zip(self.gas_names, sums, strict=True)}

    def stages_dict(self) -> dict[str, float]:
        return {s.value: float(v) for s, v in zip(STAGES, self.stage_totals, strict=True)}


def explode(gross_quantity: np.ndarray, parent: np.ndarray, levels: Sequence[np.ndarray]) -> np.ndarray:
    """Multiply each line's gross quantity by its ancestors' (BOM explosion), level by level."""
    exploded = np.array(gross_quantity, dtype=np.float64, copy=True)
    for level in levels[1:]:
        exploded[level] *= exploded[parent[level]]
    return exploded


def calculate(inp: CalcInput) -> CalcResult:
    exploded = explode(inp.gross_quantity, inp.parent, inp.levels)
    activity = exploded * inp.to_activity
    allocated = activity * inp.allocation
    emissions = allocated * inp.factor
    stage_totals = np.bincount(inp.stage, weights=emissions, minlength=len(STAGES))
    # Summed left to right in stage order, so that total == sum(stages) as a reader checks it.
    total = 0.0
    for value in stage_totals.tolist():
        total += value
    gas_emissions = None
    if inp.gas_factor is not None:
        gas_emissions = _frozen(allocated[:, None] * inp.gas_factor)
    return CalcResult(
        line_ids=inp.line_ids,
        exploded_quantity=_frozen(exploded),
        activity=_frozen(activity),
        emissions=_frozen(emissions),
        stage_totals=_frozen(stage_totals.astype(np.float64, copy=False)),
        total=total,
        gas_names=inp.gas_names,
        gas_emissions=gas_emissions,
        index=inp.index,
    )
