"""Turn a :class:`Study` into the engine's arrays, checking it on the way.

Every problem is collected (not just the first) and located by line id, worksheet row and
column, so a plant engineer can fix a whole workbook in one pass. The per-line
:class:`LineTrace` records which factor, unit conversion and GWP basis produced each number —
the audit trail that exports and reports print.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from itertools import repeat
from typing import Protocol, overload

import numpy as np

from app.core.calc import CalcInput, CalcResult, calculate
from app.core.domain import STAGES, Factor, InventoryLine, LineColumns, Stage, Study
from app.core.errors import Problem, StudyError, UnitError
from app.core.gcpause import paused_gc
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


def _depths(
    lines: list[InventoryLine], cols: LineColumns, problems: list[Problem]
) -> tuple[np.ndarray, np.ndarray, dict[str, int]] | None:
    """Depth, parent position and the id → position map; reports duplicates, missing parents, loops."""
    n = len(lines)
    index = dict(zip(cols.line_id, range(n), strict=True))
    if len(index) != n:
        index = _first_positions(lines, problems)
    parents = cols.parent_id
    parent_pos = np.array(list(map(index.get, parents, repeat(-1))), dtype=np.int64)  # -1: top level
    if np.count_nonzero(parent_pos < 0) != parents.count(None) or np.any(parent_pos == np.arange(n)):
        _report_parents(lines, index, _children(parents), problems)  # a missing parent or a self-loop
    if problems:
        return None
    depth = _depth_by_pointer_jumping(parent_pos)
    if depth is None:  # a parent loop: walk the chains to name it
        depth_list = _depth_walk(lines, parent_pos.tolist(), _children(parents), problems)
        if depth_list is None:
            return None
        depth = np.array(depth_list, dtype=np.int64)
    return depth, parent_pos, index


def _children(parents: Sequence[str | None]) -> list[int]:
    return [i for i, p in enumerate(parents) if p is not None]


def _first_positions(lines: list[InventoryLine], problems: list[Problem]) -> dict[str, int]:
    index: dict[str, int] = {}
    for i, line in enumerate(lines):
        first = index.setdefault(line.line_id, i)
        if first != i:
            first_row = lines[first].origin_row
            first_at = Message("line.first_at_row", {"row": first_row}) if first_row else ""
            problems.append(_problem(line, "line_id", "line.duplicate_id", first=first_at))
    return index


def _report_parents(lines: list[InventoryLine], index: dict[str, int], children: list[int],
                    problems: list[Problem]) -> None:  # fmt: skip
    for i in children:
        line = lines[i]
        p = index.get(line.parent_id)  # type: ignore[arg-type]
        if p is None:
            problems.append(_problem(line, "parent_id", "line.missing_parent", parent=line.parent_id))
        elif p == i:
            problems.append(_problem(line, "parent_id", "line.own_parent"))


def _depth_by_pointer_jumping(parent: np.ndarray) -> np.ndarray | None:
    """Number of ancestors of every line in O(n log depth) numpy steps; None when there is a loop.

    Each step adds the distance to the current far ancestor and jumps to that ancestor's far
    ancestor, so after k steps every line has climbed 2**k levels or reached its root.
    """
    depth = (parent >= 0).astype(np.int64)
    far = parent.copy()
    for _ in range(len(parent).bit_length() + 1):
        climbing = np.flatnonzero(far >= 0)
        if climbing.size == 0:
            return depth
        above = far[climbing]
        depth[climbing] += depth[above]
        far[climbing] = far[above]
    return None


def _depth_walk(lines: list[InventoryLine], parent_pos: list[int], children: list[int],
                problems: list[Problem]) -> list[int] | None:  # fmt: skip
    """Depths by walking each chain up to a line of known depth; names the first parent loop."""
    n = len(lines)
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
    return depth


def _numbers(values: list[float | None]) -> np.ndarray:
    return np.array(values, dtype=np.float64)  # None → NaN, in C


def _check_numbers(
    lines: list[InventoryLine], cols: LineColumns, problems: list[Problem]
) -> dict[str, np.ndarray]:
    """Range checks of every numeric field, vectorised; problems only for the bad lines.

    Returns the fields as float arrays (None as NaN) for the engine input.
    """
    checks = (
        ("quantity", 0.0, "line.quantity"),
        ("loss_rate", 0.0, "line.loss_rate"),
        ("distance_km", 0.0, "line.distance"),
        ("factor_value", 0.0, "line.factor_value"),
    )
    arrays: dict[str, np.ndarray] = {}
    for name, low, code in checks:
        values = getattr(cols, name)
        arr = arrays[name] = _numbers(values)
        for i in np.flatnonzero(~(np.isfinite(arr) & (arr >= low))).tolist():
            if values[i] is not None:  # None (NaN here) is an empty optional field
                problems.append(_problem(lines[i], name, code, value=values[i]))
    alloc = arrays["allocation"] = np.array(cols.allocation, dtype=np.float64)
    for i in np.flatnonzero(~(np.isfinite(alloc) & (alloc > 0) & (alloc <= 1))).tolist():
        problems.append(_problem(lines[i], "allocation", "line.allocation", value=float(alloc[i])))
    return arrays


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
    with paused_gc():  # 100,000s of small acyclic objects: see app.core.gcpause
        return _compile(study, library, gwp_table)


def _compile(study: Study, library: FactorSource | None, gwp_table: GwpTable | None) -> CompiledStudy:
    cols = study.line_columns()
    lines = _LinesOf(study, cols)
    problems: list[Problem] = []
    structure = _depths(lines, cols, problems)
    if structure is None:
        raise StudyError(problems)
    depth, parent_pos, index = structure
    numbers = _check_numbers(lines, cols, problems)
    n = len(lines)
    levels = _levels(depth)
    stage_idx = _stages(lines, cols, levels, parent_pos, problems)
    compiler = _Compiler(study, library, gwp_table)
    has_children = np.zeros(n, dtype=bool)
    has_children[parent_pos[parent_pos >= 0]] = True

    # Lines that share unit, factor and transport-ness resolve identically: do it once per combination.
    keys = zip(cols.unit, cols.factor_id, cols.factor_value, cols.factor_unit,
               [d is None for d in cols.distance_km], strict=True)  # fmt: skip
    first_of: dict[tuple[object, ...], int] = {}
    # One hashing pass: each line gets the position of the first line with its combination.
    firsts = np.fromiter(map(first_of.setdefault, keys, range(n)), dtype=np.int64, count=n)
    first = list(first_of.values())  # ascending: combinations numbered by first appearance
    ci = np.searchsorted(np.array(first, dtype=np.int64), firsts)
    combo_of = ci.tolist()
    resolved: list[_Resolved] = [None] * len(first)  # type: ignore[list-item]
    bad_combos: set[int] = set()
    for c, i in enumerate(first):
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

    no_factor = [c for c, r in enumerate(resolved) if r.factor is None]
    unfactored = np.flatnonzero(np.isin(ci, no_factor) & ~has_children).tolist() if no_factor else []
    warnings = [
        problem("line.no_factor", {"line_id": lines[i].line_id, "name": lines[i].name},
                row=lines[i].origin_row, column="factor_id", line_id=lines[i].line_id, severity="warning")
        for i in unfactored
    ]  # fmt: skip
    factor_c = np.array([r.co2e for r in resolved], dtype=np.float64)
    conversion = np.array([r.conversion for r in resolved], dtype=np.float64)[ci]
    transport = np.array([r.transport for r in resolved], dtype=bool)[ci]
    distance = np.where(np.isnan(numbers["distance_km"]), 0.0, numbers["distance_km"])  # None → 0
    gas_names, gas_c = _gas_matrix([r.gases for r in resolved], factor_c)
    line_ids = tuple(index)  # no duplicates here, so the map's keys are the ids in line order
    calc_input = CalcInput(
        line_ids=line_ids,
        parent=parent_pos,
        levels=levels,
        stage=stage_idx,
        gross_quantity=numbers["quantity"] * (1.0 + numbers["loss_rate"]),
        to_activity=np.where(transport, conversion * distance, conversion),
        factor=factor_c[ci],
        allocation=numbers["allocation"],
        gas_names=gas_names,
        gas_factor=gas_c[ci],
        index=index,
    )
    traces = Traces(line_ids, stage_idx, depth.tolist(), combo_of, resolved)
    return CompiledStudy(calc_input, traces, tuple(warnings), study.info.gwp_set.value)


class _LinesOf(Sequence[InventoryLine]):
    """A study's lines for messages and per-combination resolution, without building every line.

    A study read from a workbook may hold only columns; a few lines are then made one at a time,
    and when many are needed (a message for every line) the study's own lines are built once.
    """

    _FEW = 64

    def __init__(self, study: Study, cols: LineColumns) -> None:
        self._study, self._cols, self._made = study, cols, 0

    def __len__(self) -> int:
        return len(self._cols)

    @overload
    def __getitem__(self, i: int) -> InventoryLine: ...
    @overload
    def __getitem__(self, i: slice) -> list[InventoryLine]: ...
    def __getitem__(self, i: int | slice) -> InventoryLine | list[InventoryLine]:
        if self._study.lines_built or self._made >= self._FEW or isinstance(i, slice):
            return self._study.lines[i]
        self._made += 1
        return self._cols.line(i)


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
_STAGE_CODE: dict[Stage | None, int] = {**_STAGE_INDEX, None: -1}


def _stages(lines: list[InventoryLine], cols: LineColumns, levels: tuple[np.ndarray, ...],
            parent_pos: np.ndarray, problems: list[Problem]) -> np.ndarray:  # fmt: skip
    """Each line's stage index: its own at the top level, its top-level ancestor's below."""
    stage = np.fromiter(map(_STAGE_CODE.get, cols.stage, repeat(-1)), dtype=np.int8, count=len(lines))
    for i in levels[0][stage[levels[0]] < 0].tolist():
        problems.append(_problem(lines[i], "stage", "line.missing_stage"))
    for level in levels[1:]:
        stage[level] = stage[parent_pos[level]]
    return stage


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


def _levels(depth: np.ndarray) -> tuple[np.ndarray, ...]:
    if len(depth) == 0:
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
