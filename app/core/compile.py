"""Turn a :class:`Study` into the engine's arrays, checking it on the way.

Every problem is collected (not just the first) and located by line id, worksheet row and
column, so a plant engineer can fix a whole workbook in one pass. The per-line
:class:`LineTrace` records which factor, unit conversion and GWP basis produced each number —
the audit trail that exports and reports print.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Protocol

import numpy as np

from app.core.calc import CalcInput, CalcResult, calculate
from app.core.domain import STAGES, Factor, InventoryLine, Stage, Study
from app.core.errors import Problem, StudyError, UnitError
from app.core.gwp import CO2E_UNSPECIFIED, GwpTable, factor_co2e, gas_co2e
from app.core.units import TONNE, TONNE_KM, Dimension, Unit, conversion_factor, parse_unit


class FactorSource(Protocol):
    """Anything that can look up a factor by id (the factor library, a pinned set, a dict)."""

    def get_factor(self, factor_id: str) -> Factor | None: ...


class DictFactorSource:
    def __init__(self, factors: Mapping[str, Factor] | None = None) -> None:
        self._factors = dict(factors or {})

    def get_factor(self, factor_id: str) -> Factor | None:
        return self._factors.get(factor_id)


class FactorOrigin:
    INLINE = "inline"  # factor_value/factor_unit on the line itself
    STUDY = "study"  # the study's own Factors sheet
    LIBRARY = "library"  # the factor library


@dataclass(frozen=True, slots=True)
class LineTrace:
    """How one line's number was made."""

    line_id: str
    stage: Stage
    depth: int
    unit: Unit
    factor: Factor | None
    factor_origin: str | None
    factor_unit: Unit | None
    conversion: float  # line unit → factor unit (for transport legs: line unit → t, before × km)
    activity_unit: str
    factor_co2e: float  # kg CO2e per factor unit actually used
    basis: str  # "AR6 (recomputed from gases)", "AR5 (as published)", "not stated" …


@dataclass(frozen=True, slots=True)
class CompiledStudy:
    input: CalcInput
    traces: tuple[LineTrace, ...]
    warnings: tuple[Problem, ...]
    gwp_set: str

    def calculate(self) -> CalcResult:
        return calculate(self.input)


def _problem(line: InventoryLine, column: str | None, message: str, code: str, **params: object) -> Problem:
    return Problem(
        message,
        code=code,
        row=line.origin_row,
        column=column,
        line_id=line.line_id,
        params={"line_id": line.line_id, **params},
    )


def _line_label(line: InventoryLine) -> str:
    return f"line '{line.line_id}'"


def _depths(lines: list[InventoryLine], problems: list[Problem]) -> list[int] | None:
    """Depth of every line (0 = top level); reports duplicates, missing parents and loops."""
    index: dict[str, int] = {}
    for i, line in enumerate(lines):
        if line.line_id in index:
            first = lines[index[line.line_id]]
            where = f" (first at row {first.origin_row})" if first.origin_row else ""
            problems.append(
                _problem(line, "line_id", f"duplicate line id '{line.line_id}'{where}", "line.duplicate_id")
            )
        else:
            index[line.line_id] = i
    parent_pos = [-1] * len(lines)
    for i, line in enumerate(lines):
        if line.parent_id is None:
            continue
        p = index.get(line.parent_id)
        if p is None:
            problems.append(
                _problem(
                    line,
                    "parent_id",
                    f"parent '{line.parent_id}' does not exist",
                    "line.missing_parent",
                    parent=line.parent_id,
                )
            )
        elif p == i:
            problems.append(_problem(line, "parent_id", "a line cannot be its own parent", "line.loop"))
        else:
            parent_pos[i] = p
    if problems:
        return None
    depth = [-1] * len(lines)
    for start in range(len(lines)):
        chain: list[int] = []
        on_chain: set[int] = set()
        j = start
        while j != -1 and depth[j] == -1:
            if j in on_chain:
                ids = " → ".join(lines[k].line_id for k in [*chain[chain.index(j):], j])
                problems.append(_problem(lines[start], "parent_id", f"parent loop: {ids}", "line.loop"))
                return None
            chain.append(j)
            on_chain.add(j)
            j = parent_pos[j]
        base = -1 if j == -1 else depth[j]
        for k in reversed(chain):
            base += 1
            depth[k] = base
    return depth


def _check_numbers(line: InventoryLine, problems: list[Problem]) -> None:
    def bad(value: float | None) -> bool:
        return value is not None and not math.isfinite(value)

    if bad(line.quantity) or line.quantity < 0:
        problems.append(
            _problem(line, "quantity", f"quantity must be a number ≥ 0, got {line.quantity}", "line.quantity")
        )
    if bad(line.loss_rate) or line.loss_rate < 0:
        problems.append(
            _problem(line, "loss_rate", f"loss rate must be ≥ 0, got {line.loss_rate}", "line.loss_rate")
        )
    if bad(line.allocation) or not 0 < line.allocation <= 1:
        problems.append(
            _problem(
                line, "allocation", f"allocation must be in (0, 1], got {line.allocation}", "line.allocation"
            )
        )
    if line.distance_km is not None and (bad(line.distance_km) or line.distance_km < 0):
        problems.append(
            _problem(line, "distance_km", f"distance must be ≥ 0 km, got {line.distance_km}", "line.distance")
        )
    if line.factor_value is not None and (bad(line.factor_value) or line.factor_value < 0):
        problems.append(
            _problem(
                line,
                "factor_value",
                f"factor value must be ≥ 0, got {line.factor_value}",
                "line.factor_value",
            )
        )


def _unit(line: InventoryLine, text: str | None, column: str, problems: list[Problem]) -> Unit | None:
    try:
        return parse_unit(text or "")
    except UnitError as exc:
        p = exc.problems[0]
        problems.append(_problem(line, column, f"{_line_label(line)}: {p.message}", p.code, unit=text))
        return None


class _Compiler:
    def __init__(
        self,
        study: Study,
        library: FactorSource | None,
        gwp_table: GwpTable | None,
    ) -> None:
        self.study_factors = study.factor_by_id()
        self.library = library
        self.gwp_table = gwp_table
        self.gwp_set = study.info.gwp_set.value
        self._co2e_cache: dict[tuple[str | None, str], tuple[float, str, dict[str, float]]] = {}

    def resolve(self, line: InventoryLine, problems: list[Problem]) -> tuple[Factor | None, str | None]:
        if line.factor_value is not None:
            if not line.factor_unit:
                problems.append(
                    _problem(line, "factor_unit", "factor_value needs a factor_unit", "line.factor_unit")
                )
                return None, None
            factor = Factor(
                factor_id=line.factor_id or f"line:{line.line_id}",
                name=line.name,
                value=line.factor_value,
                unit=line.factor_unit,
                source=line.source,
            )
            return factor, FactorOrigin.INLINE
        if not line.factor_id:
            return None, None
        factor = self.study_factors.get(line.factor_id)
        if factor is not None:
            return factor, FactorOrigin.STUDY
        if self.library is not None:
            factor = self.library.get_factor(line.factor_id)
            if factor is not None:
                return factor, FactorOrigin.LIBRARY
        problems.append(
            _problem(
                line,
                "factor_id",
                f"factor '{line.factor_id}' is not in the factor library or the study's Factors sheet",
                "line.unknown_factor",
                factor_id=line.factor_id,
            )
        )
        return None, None

    def characterise(self, factor: Factor, origin: str | None) -> tuple[float, str, dict[str, float]]:
        """CO2e per factor unit under the study's GWP set, the basis note and the gas split."""
        key = (origin, factor.factor_id)
        cached = self._co2e_cache.get(key) if origin != FactorOrigin.INLINE else None
        if cached is None:
            if factor.gases and self.gwp_table is not None:
                basis = f"{self.gwp_table.report} (recomputed from gases)"
            elif factor.gwp_basis:
                basis = f"{factor.gwp_basis} (as published)"
            else:
                basis = "not stated"
            cached = (factor_co2e(factor, self.gwp_table), basis, gas_co2e(factor, self.gwp_table))
            if origin != FactorOrigin.INLINE:
                self._co2e_cache[key] = cached
        return cached


def compile_study(
    study: Study,
    library: FactorSource | None = None,
    gwp_table: GwpTable | None = None,
) -> CompiledStudy:
    """Check ``study`` and build the engine input; raises :class:`StudyError` with every problem.

    ``gwp_table`` is the table of the study's GWP set; without it factors keep their published
    CO2e values.
    """
    lines = study.lines
    problems: list[Problem] = []
    depth = _depths(lines, problems)
    if depth is None:
        raise StudyError(problems)

    compiler = _Compiler(study, library, gwp_table)
    index = {line.line_id: i for i, line in enumerate(lines)}
    n = len(lines)
    parent = np.full(n, -1, dtype=np.int64)
    stage_idx = np.zeros(n, dtype=np.int8)
    gross = np.empty(n, dtype=np.float64)
    to_activity = np.ones(n, dtype=np.float64)
    factor_arr = np.zeros(n, dtype=np.float64)
    allocation = np.empty(n, dtype=np.float64)
    gas_rows: list[dict[str, float] | None] = [None] * n
    traces: list[LineTrace] = []
    warnings: list[Problem] = []
    has_children = [False] * n
    stages: list[Stage | None] = [None] * n

    # Stages come from the top-level ancestor: resolve in depth order so parents go first.
    order = sorted(range(n), key=depth.__getitem__)
    for i in order:
        line = lines[i]
        if line.parent_id is None:
            if line.stage is None:
                problems.append(
                    _problem(line, "stage", "a top-level line needs a stage", "line.missing_stage")
                )
            stages[i] = line.stage
        else:
            p = index[line.parent_id]
            parent[i] = p
            has_children[p] = True
            stages[i] = stages[p]

    for i, line in enumerate(lines):
        _check_numbers(line, problems)
        stage = stages[i] or Stage.RAW_MATERIALS
        stage_idx[i] = stage.index
        gross[i] = line.gross_quantity
        allocation[i] = line.allocation
        unit = _unit(line, line.unit, "unit", problems)
        factor, origin = compiler.resolve(line, problems)
        factor_unit = None
        conversion = 1.0
        co2e, basis = 0.0, ""
        if factor is not None:
            factor_unit = _unit(
                line, factor.unit, "factor_unit" if origin == FactorOrigin.INLINE else "factor_id", problems
            )
            try:
                co2e, basis, gases = compiler.characterise(factor, origin)
            except StudyError as exc:
                problems.extend(p.located(row=line.origin_row, line_id=line.line_id) for p in exc.problems)
                continue
            if len(gases) != 1 or CO2E_UNSPECIFIED not in gases:
                gas_rows[i] = gases
        if unit is None:
            continue
        activity_unit = unit
        if line.is_transport:
            conversion = _transport_conversion(line, unit, factor_unit, problems)
            activity_unit = factor_unit or TONNE_KM
            to_activity[i] = conversion * (line.distance_km or 0.0)
        elif factor_unit is not None:
            try:
                conversion = conversion_factor(unit, factor_unit)
            except UnitError:
                problems.append(
                    _problem(
                        line,
                        "unit",
                        f"{_line_label(line)}: quantity unit '{line.unit}' ({unit.dimension}) does not "
                        f"measure the same thing as the factor's unit '{factor.unit}' "  # type: ignore[union-attr]
                        f"({factor_unit.dimension})",
                        "line.unit_mismatch",
                        unit=line.unit,
                        factor_unit=factor.unit,  # type: ignore[union-attr]
                    )
                )
                continue
            to_activity[i] = conversion
            activity_unit = factor_unit
        factor_arr[i] = co2e
        if factor is None and not has_children[i]:
            warnings.append(
                Problem(
                    f"{_line_label(line)} ('{line.name}') has no emission factor and counts as 0",
                    code="line.no_factor",
                    row=line.origin_row,
                    column="factor_id",
                    line_id=line.line_id,
                    severity="warning",
                )
            )
        traces.append(
            LineTrace(
                line_id=line.line_id,
                stage=stage,
                depth=depth[i],
                unit=unit,
                factor=factor,
                factor_origin=origin,
                factor_unit=factor_unit,
                conversion=conversion,
                activity_unit=activity_unit.code,
                factor_co2e=co2e,
                basis=basis,
            )
        )
    if problems:
        raise StudyError(problems)

    gas_names, gas_factor = _gas_matrix(gas_rows, factor_arr)
    levels = _levels(depth)
    calc_input = CalcInput(
        line_ids=tuple(line.line_id for line in lines),
        parent=parent,
        levels=levels,
        stage=stage_idx,
        gross_quantity=gross,
        to_activity=to_activity,
        factor=factor_arr,
        allocation=allocation,
        gas_names=gas_names,
        gas_factor=gas_factor,
        index=index,
    )
    return CompiledStudy(calc_input, tuple(traces), tuple(warnings), study.info.gwp_set.value)


def _transport_conversion(
    line: InventoryLine, unit: Unit, factor_unit: Unit | None, problems: list[Problem]
) -> float:
    """Line unit → tonnes, then t·km → the factor's transport-work unit."""
    if unit.dimension is not Dimension.MASS:
        problems.append(
            _problem(
                line,
                "unit",
                f"{_line_label(line)} is a transport leg (it has distance_km), so its quantity must be a "
                f"mass (kg, t …) to give t·km; got '{line.unit}' ({unit.dimension})",
                "line.transport_unit",
                unit=line.unit,
            )
        )
        return 1.0
    to_tonnes = conversion_factor(unit, TONNE)
    if factor_unit is None:
        return to_tonnes
    if factor_unit.dimension is not Dimension.TRANSPORT_WORK:
        problems.append(
            _problem(
                line,
                "factor_id",
                f"{_line_label(line)} is a transport leg, so its factor must be per t·km (or another "
                f"transport-work unit); the factor is per '{factor_unit.code}'",
                "line.transport_factor_unit",
                factor_unit=factor_unit.code,
            )
        )
        return 1.0
    return to_tonnes * conversion_factor(TONNE_KM, factor_unit)


def _levels(depth: list[int]) -> tuple[np.ndarray, ...]:
    if not depth:
        return (np.zeros(0, dtype=np.int64),)
    d = np.asarray(depth, dtype=np.int64)
    order = np.argsort(d, kind="stable")
    counts = np.bincount(d)
    return tuple(np.split(order, np.cumsum(counts)[:-1]))


def _gas_matrix(
    gas_rows: list[dict[str, float] | None], factor: np.ndarray
) -> tuple[tuple[str, ...], np.ndarray]:
    """(n, g) kg CO2e per factor unit and gas; lines without a gas split go to CO2e_unspecified."""
    names: dict[str, None] = {CO2E_UNSPECIFIED: None}
    for row in gas_rows:
        if row:
            names.update(dict.fromkeys(row))
    ordered = tuple(sorted(names, key=lambda g: (g == CO2E_UNSPECIFIED, g)))
    col = {g: j for j, g in enumerate(ordered)}
    matrix = np.zeros((len(gas_rows), len(ordered)), dtype=np.float64)
    split = np.fromiter((row is not None for row in gas_rows), dtype=bool, count=len(gas_rows))
    matrix[~split, col[CO2E_UNSPECIFIED]] = factor[~split]
    # Library factors share one dict per factor, so group rows by it and fill column-wise.
    groups: dict[int, tuple[dict[str, float], list[int]]] = {}
    for i in np.flatnonzero(split).tolist():
        row = gas_rows[i]
        assert row is not None
        groups.setdefault(id(row), (row, []))[1].append(i)
    for row, rows in groups.values():
        idx = np.asarray(rows, dtype=np.int64)
        for gas, value in row.items():
            matrix[idx, col[gas]] = value
    return ordered, matrix


def stage_of(stage_index: int) -> Stage:
    return STAGES[stage_index]
