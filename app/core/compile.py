"""Turn a :class:`Study` into the engine's arrays, checking it on the way.

Every problem is collected (not just the first) and located by line id, worksheet row and
column, so a plant engineer can fix a whole workbook in one pass. The per-line
:class:`LineTrace` records which factor, unit conversion and GWP basis produced each number —
the audit trail that exports and reports print.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol, overload

import numpy as np

from app.core.calc import CalcInput, CalcResult, calculate
from app.core.domain import STAGES, Factor, InventoryLine, Stage, Study
from app.core.errors import Problem, StudyError, UnitError
from app.core.gwp import CO2E_UNSPECIFIED, GwpTable, factor_co2e, gas_co2e
from app.core.messages import Message, problem
from app.core.units import TONNE, TONNE_KM, Dimension, Unit, conversion_factor, dimension_message, parse_unit


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
class _Resolved:
    """What a line's unit and factor resolve to; shared by every line with the same combination."""

    unit: Unit
    factor: Factor | None
    origin: str | None
    factor_unit: Unit | None
    co2e: float
    basis: str
    gases: dict[str, float] | None  # None: CO2e only
    conversion: float  # line unit → factor unit (transport legs: → t, before × km)
    activity_unit: str
    transport: bool


class Traces(Sequence[LineTrace]):
    """The audit trail of every line: per-line structure plus shared resolutions, read per line."""

    def __init__(self, line_ids: tuple[str, ...], stage: np.ndarray, depth: list[int], combo_of: list[int],
                 resolved: list[_Resolved]) -> None:  # fmt: skip
        self._line_ids = line_ids
        self._stage = stage
        self._depth = depth
        self._combo_of = combo_of
        self._resolved = resolved

    def __len__(self) -> int:
        return len(self._line_ids)

    @overload
    def __getitem__(self, i: int) -> LineTrace: ...
    @overload
    def __getitem__(self, i: slice) -> list[LineTrace]: ...
    def __getitem__(self, i: int | slice) -> LineTrace | list[LineTrace]:
        if isinstance(i, slice):
            return [self[j] for j in range(*i.indices(len(self)))]
        r = self._resolved[self._combo_of[i]]
        return LineTrace(
            line_id=self._line_ids[i],
            stage=STAGES[int(self._stage[i])],
            depth=self._depth[i],
            unit=r.unit,
            factor=r.factor,
            factor_origin=r.origin,
            factor_unit=r.factor_unit,
            conversion=r.conversion,
            activity_unit=r.activity_unit,
            factor_co2e=r.co2e,
            basis=r.basis,
        )

    def activity_units(self) -> list[str]:
        units = [r.activity_unit for r in self._resolved]
        return [units[c] for c in self._combo_of]

    def factors(self) -> list[Factor | None]:
        factors = [r.factor for r in self._resolved]
        return [factors[c] for c in self._combo_of]


@dataclass(frozen=True, slots=True)
class CompiledStudy:
    input: CalcInput
    traces: Traces
    warnings: tuple[Problem, ...]
    gwp_set: str

    def calculate(self) -> CalcResult:
        return calculate(self.input)


def _problem(line: InventoryLine, column: str | None, code: str, **params: object) -> Problem:
    return problem(
        code,
        {"line_id": line.line_id, **params},
        row=line.origin_row,
        column=column,
        line_id=line.line_id,
    )


def _depths(lines: list[InventoryLine], problems: list[Problem]) -> tuple[list[int], list[int]] | None:
    """Depth and parent position of every line; reports duplicates, missing parents and loops."""
    index: dict[str, int] = {}
    for i, line in enumerate(lines):
        first = index.setdefault(line.line_id, i)
        if first != i:
            first_row = lines[first].origin_row
            first_at = Message("line.first_at_row", {"row": first_row}) if first_row else ""
            problems.append(_problem(line, "line_id", "line.duplicate_id", first=first_at))
    n = len(lines)
    parent_pos = [-1] * n
    children = [i for i, line in enumerate(lines) if line.parent_id is not None]
    for i in children:
        line = lines[i]
        p = index.get(line.parent_id)  # type: ignore[arg-type]
        if p is None:
            problems.append(_problem(line, "parent_id", "line.missing_parent", parent=line.parent_id))
        elif p == i:
            problems.append(_problem(line, "parent_id", "line.own_parent"))
        else:
            parent_pos[i] = p
    if problems:
        return None
    depth = [0] * n
    known = [True] * n
    for i in children:
        known[i] = False
    for start in children:
        p = parent_pos[start]
        if known[p]:  # the common case: parents come before their children
            depth[start] = depth[p] + 1
            known[start] = True
            continue
        chain: list[int] = []
        j = start
        while not known[j]:
            if len(chain) > n:
                break
            chain.append(j)
            j = parent_pos[j]
        if not known[j]:  # walked more steps than there are lines: j is on a loop
            cycle = [j]
            while parent_pos[cycle[-1]] != j and len(cycle) <= n:
                cycle.append(parent_pos[cycle[-1]])
            ids = " → ".join(lines[k].line_id for k in [*cycle[:20], j])
            problems.append(_problem(lines[start], "parent_id", "line.loop", ids=ids))
            return None
        base = depth[j]
        for k in reversed(chain):
            base += 1
            depth[k] = base
            known[k] = True
    return depth, parent_pos


def _finite_at_least(values: list[float | None], low: float) -> np.ndarray:
    """Mask of entries that are None or finite numbers ≥ ``low`` (checked in one numpy pass)."""
    arr = np.array([np.nan if v is None else v for v in values], dtype=np.float64)
    ok = np.isfinite(arr) & (arr >= low)
    ok |= np.fromiter((v is None for v in values), dtype=bool, count=len(values))
    return ok


def _check_numbers(lines: list[InventoryLine], problems: list[Problem]) -> None:
    """Range checks of every numeric field, vectorised; problems only for the bad lines."""
    checks = (
        ("quantity", 0.0, "line.quantity"),
        ("loss_rate", 0.0, "line.loss_rate"),
        ("distance_km", 0.0, "line.distance"),
        ("factor_value", 0.0, "line.factor_value"),
    )
    for name, low, code in checks:
        values = [getattr(line, name) for line in lines]
        for i in np.flatnonzero(~_finite_at_least(values, low)).tolist():
            problems.append(_problem(lines[i], name, code, value=values[i]))
    alloc = np.array([line.allocation for line in lines], dtype=np.float64)
    for i in np.flatnonzero(~(np.isfinite(alloc) & (alloc > 0) & (alloc <= 1))).tolist():
        problems.append(_problem(lines[i], "allocation", "line.allocation", value=float(alloc[i])))


def _unit(line: InventoryLine, text: str | None, column: str, problems: list[Problem]) -> Unit | None:
    try:
        return parse_unit(text or "")
    except UnitError as exc:
        p = exc.problems[0]
        problems.append(_problem(line, column, "line.unit", unit=text, detail=Message(p.code, p.params)))
        return None


_INLINE_SOURCE = "value entered on the line"


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
        self._inline: dict[tuple[str | None, float, str], Factor] = {}
        self._library: dict[str, Factor | None] = {}
        self._co2e_cache: dict[int, tuple[Factor, float, str, dict[str, float]]] = {}

    def resolve(self, line: InventoryLine, problems: list[Problem]) -> tuple[Factor | None, str | None]:
        if line.factor_value is not None:
            if not line.factor_unit:
                problems.append(_problem(line, "factor_unit", "line.factor_unit"))
                return None, None
            # Lines with the same entered value share one Factor object (and one cache entry).
            key = (line.factor_id, line.factor_value, line.factor_unit)
            factor = self._inline.get(key)
            if factor is None:
                factor = Factor(line.factor_id or "", _INLINE_SOURCE, line.factor_value, line.factor_unit,
                                source=_INLINE_SOURCE)  # fmt: skip
                self._inline[key] = factor
            return factor, FactorOrigin.INLINE
        factor_id = line.factor_id
        if not factor_id:
            return None, None
        factor = self.study_factors.get(factor_id)
        if factor is not None:
            return factor, FactorOrigin.STUDY
        if factor_id in self._library:
            factor = self._library[factor_id]
        elif self.library is not None:
            factor = self._library[factor_id] = self.library.get_factor(factor_id)
        if factor is not None:
            return factor, FactorOrigin.LIBRARY
        problems.append(_problem(line, "factor_id", "line.unknown_factor", factor_id=factor_id))
        return None, None

    def characterise(self, factor: Factor) -> tuple[float, str, dict[str, float]]:
        """CO2e per factor unit under the study's GWP set, the basis note and the gas split."""
        # Keyed by identity (the factor is kept alive in the cache entry, so ids are never reused).
        cached = self._co2e_cache.get(id(factor))
        if cached is None:
            if factor.gases and self.gwp_table is not None:
                basis = f"{self.gwp_table.report} (recomputed from gases)"
            elif factor.gwp_basis:
                basis = f"{factor.gwp_basis} (as published)"
            else:
                basis = "not stated"
            gases = gas_co2e(factor, self.gwp_table)
            cached = (factor, factor_co2e(factor, self.gwp_table), basis, gases)
            self._co2e_cache[id(factor)] = cached
        return cached[1], cached[2], cached[3]


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
    structure = _depths(lines, problems)
    if structure is None:
        raise StudyError(problems)
    depth, parent_pos = structure
    _check_numbers(lines, problems)
    n = len(lines)
    stages = _stages(lines, depth, parent_pos, problems)
    compiler = _Compiler(study, library, gwp_table)
    has_children = [False] * n
    for p in parent_pos:
        if p >= 0:
            has_children[p] = True

    # Lines that share unit, factor and transport-ness resolve identically: do it once per combination.
    combos: dict[tuple[object, ...], int] = {}
    combo_of = [
        combos.setdefault(
            (ln.unit, ln.factor_id, ln.factor_value, ln.factor_unit, ln.distance_km is None), len(combos)
        )
        for ln in lines
    ]
    first: dict[int, int] = {}
    for i, c in enumerate(combo_of):
        first.setdefault(c, i)
    resolved: list[_Resolved] = [None] * len(combos)  # type: ignore[list-item]
    bad_combos: set[int] = set()
    for c, i in first.items():
        before = len(problems)
        r = _resolve_line(lines[i], compiler, problems)
        if r is None or len(problems) > before:
            del problems[before:]
            bad_combos.add(c)
        else:
            resolved[c] = r
    if bad_combos:  # report every affected line with its own row
        for i, c in enumerate(combo_of):
            if c in bad_combos:
                _resolve_line(lines[i], compiler, problems)
    if problems:
        raise StudyError(problems)

    warnings = [
        problem("line.no_factor", {"line_id": lines[i].line_id, "name": lines[i].name},
                row=lines[i].origin_row, column="factor_id", line_id=lines[i].line_id, severity="warning")
        for i, c in enumerate(combo_of)
        if resolved[c].factor is None and not has_children[i]
    ]  # fmt: skip
    ci = np.array(combo_of, dtype=np.int64)
    factor_c = np.array([r.co2e for r in resolved], dtype=np.float64)
    conversion = np.array([r.conversion for r in resolved], dtype=np.float64)[ci]
    transport = np.array([r.transport for r in resolved], dtype=bool)[ci]
    distance = np.array([ln.distance_km or 0.0 for ln in lines], dtype=np.float64)
    gas_names, gas_c = _gas_matrix([r.gases for r in resolved], factor_c)
    stage_idx = np.array([_STAGE_INDEX[s] for s in stages], dtype=np.int8)
    line_ids = tuple(line.line_id for line in lines)
    calc_input = CalcInput(
        line_ids=line_ids,
        parent=np.array(parent_pos, dtype=np.int64),
        levels=_levels(depth),
        stage=stage_idx,
        gross_quantity=np.array([line.quantity for line in lines], dtype=np.float64)
        * (1.0 + np.array([line.loss_rate for line in lines], dtype=np.float64)),
        to_activity=np.where(transport, conversion * distance, conversion),
        factor=factor_c[ci],
        allocation=np.array([line.allocation for line in lines], dtype=np.float64),
        gas_names=gas_names,
        gas_factor=gas_c[ci],
        index={line_id: i for i, line_id in enumerate(line_ids)},
    )
    traces = Traces(line_ids, stage_idx, depth, combo_of, resolved)
    return CompiledStudy(calc_input, traces, tuple(warnings), study.info.gwp_set.value)


def _resolve_line(line: InventoryLine, compiler: _Compiler, problems: list[Problem]) -> _Resolved | None:
    """Unit, factor, characterisation and conversion of one line; problems located at the line."""
    unit = _unit(line, line.unit, "unit", problems)
    factor, origin = compiler.resolve(line, problems)
    factor_unit = None
    co2e, basis, gases = 0.0, "", None
    if factor is not None:
        column = "factor_unit" if origin == FactorOrigin.INLINE else "factor_id"
        factor_unit = _unit(line, factor.unit, column, problems)
        try:
            co2e, basis, split = compiler.characterise(factor)
        except StudyError as exc:
            problems.extend(p.located(row=line.origin_row, line_id=line.line_id) for p in exc.problems)
            return None
        if len(split) != 1 or CO2E_UNSPECIFIED not in split:
            gases = split
    if unit is None:
        return None
    transport = line.distance_km is not None
    if transport:
        conversion = _transport_conversion(line, unit, factor_unit, problems)
        activity_unit = (factor_unit or TONNE_KM).code
    elif factor_unit is not None:
        if unit.dimension is not factor_unit.dimension:
            problems.append(_mismatch(line, unit, factor_unit))
            return None
        conversion = unit.to_base / factor_unit.to_base if unit is not factor_unit else 1.0
        activity_unit = factor_unit.code
    else:
        conversion = 1.0
        activity_unit = unit.code
    return _Resolved(
        unit, factor, origin, factor_unit, co2e, basis, gases, conversion, activity_unit, transport
    )


_STAGE_INDEX = {stage: i for i, stage in enumerate(STAGES)}


def _stages(lines: list[InventoryLine], depth: list[int], parent_pos: list[int],
            problems: list[Problem]) -> list[Stage]:  # fmt: skip
    """Each line's stage: its own at the top level, its top-level ancestor's below."""
    stages: list[Stage] = [Stage.RAW_MATERIALS] * len(lines)
    for i in sorted(range(len(lines)), key=depth.__getitem__):
        p = parent_pos[i]
        if p >= 0:
            stages[i] = stages[p]
        elif lines[i].stage is None:
            problems.append(_problem(lines[i], "stage", "line.missing_stage"))
        else:
            stages[i] = lines[i].stage  # type: ignore[assignment]
    return stages


def _mismatch(line: InventoryLine, unit: Unit, factor_unit: Unit) -> Problem:
    return _problem(
        line,
        "unit",
        "line.unit_mismatch",
        unit=line.unit,
        unit_dimension=dimension_message(unit.dimension),
        factor_unit=factor_unit.code,
        factor_dimension=dimension_message(factor_unit.dimension),
    )


def _transport_conversion(
    line: InventoryLine, unit: Unit, factor_unit: Unit | None, problems: list[Problem]
) -> float:
    """Line unit → tonnes, then t·km → the factor's transport-work unit."""
    if unit.dimension is not Dimension.MASS:
        problems.append(
            _problem(
                line,
                "unit",
                "line.transport_unit",
                unit=line.unit,
                unit_dimension=dimension_message(unit.dimension),
            )
        )
        return 1.0
    to_tonnes = conversion_factor(unit, TONNE)
    if factor_unit is None:
        return to_tonnes
    if factor_unit.dimension is not Dimension.TRANSPORT_WORK:
        problems.append(
            _problem(line, "factor_id", "line.transport_factor_unit", factor_unit=factor_unit.code)
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
