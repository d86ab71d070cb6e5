"""Live results: recalculate a snapshot of the study off the GUI thread after every edit.

Edits restart a short single-shot timer, so a burst of typing or a paste costs one calculation.
Each run gets a generation number; a result that arrives after a newer run started is dropped.
The work itself (:func:`calculate_snapshot`) is plain Qt-free code given the study snapshot and
the factors it uses, resolved on the GUI thread beforehand.

When the study has errors, the lines with errors (and their sub-lines) are left out and the rest
is calculated, so the window still shows a (clearly marked) partial footprint while the user
fixes them; ``pcf-workbench calc`` refuses such a study, and the window says why.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

import numpy as np
from PySide6.QtCore import QObject, QTimer, Signal

from app.core.compile import DictFactorSource
from app.core.domain import Factor, Study
from app.core.edits import Changes, StudyDocument, subtree_ids
from app.core.errors import Problem, StudyError
from app.core.gwp import GwpTable
from app.core.progress import Progress
from app.gui.catalog import FactorCatalog
from app.gui.tasks import Task, TaskRunner
from app.services.calculation import StudyResult, calculate_study

COALESCE_MS = 150


@dataclass(frozen=True, slots=True)
class LiveResult:
    """What the window shows after a calculation of revision ``revision``."""

    revision: int
    result: StudyResult | None
    problems: tuple[Problem, ...] = ()
    excluded: frozenset[str] = frozenset()
    subtree_totals: Mapping[str, float] = field(default_factory=dict)

    @property
    def total(self) -> float | None:
        return None if self.result is None else self.result.total

    @property
    def is_partial(self) -> bool:
        return bool(self.excluded)

    def line_emissions(self, line_id: str) -> float | None:
        if self.result is None:
            return None
        i = self.result.result.index.get(line_id)
        return None if i is None else float(self.result.result.emissions[i])


def _subtree_totals(result: StudyResult) -> dict[str, float]:
    """Each line's emissions plus its descendants' (a sub-assembly shows its whole share)."""
    inp = result.compiled.input
    totals = np.array(result.result.emissions, dtype=np.float64, copy=True)
    for level in reversed(inp.levels[1:]):  # deepest first, so grandchildren reach the top
        np.add.at(totals, inp.parent[level], totals[level])
    return dict(zip(inp.line_ids, totals.tolist(), strict=True))


def calculate_snapshot(
    progress: Progress,
    revision: int,
    study: Study,
    factors: Mapping[str, Factor],
    gwp_tables: Mapping[str, GwpTable],
) -> LiveResult:
    """Calculate ``study``; on errors, calculate without the faulty lines and report both."""
    progress.check()
    source = DictFactorSource(factors)
    try:
        result = calculate_study(study, source, gwp_tables)
        return LiveResult(revision, result, result.warnings, frozenset(), _subtree_totals(result))
    except StudyError as exc:
        problems = exc.problems
    progress.check()
    bad = {p.line_id for p in problems if p.line_id and p.severity == "error"}
    if not bad:
        return LiveResult(revision, None, problems)
    excluded = frozenset(subtree_ids(study.lines, bad))
    partial = Study(study.info, [ln for ln in study.lines if ln.line_id not in excluded], study.factors)
    try:
        result = calculate_study(partial, source, gwp_tables)
    except StudyError as exc:
        return LiveResult(revision, None, problems + exc.problems, excluded)
    return LiveResult(revision, result, problems + result.warnings, excluded, _subtree_totals(result))


class LiveCalculator(QObject):
    """Schedules calculations of the document and publishes the newest result."""

    resultReady = Signal(object)
    started = Signal(object)  # Task
    failed = Signal(str)

    def __init__(
        self,
        document: StudyDocument,
        catalog: FactorCatalog,
        gwp_tables: Mapping[str, GwpTable],
        runner: TaskRunner,
        parent: QObject | None = None,
        delay_ms: int = COALESCE_MS,
    ) -> None:
        super().__init__(parent)
        self._document = document
        self._catalog = catalog
        self._gwp = gwp_tables
        self._runner = runner
        self._generation = 0
        self._current: Task | None = None
        self.latest: LiveResult | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(delay_ms)
        self._timer.timeout.connect(self.run_now)

    @property
    def busy(self) -> bool:
        return self._timer.isActive() or self._current is not None

    def on_changes(self, changes: Changes) -> None:
        if changes.affects_results:
            self._timer.start()  # restart: coalesce a burst of edits into one run

    def schedule(self) -> None:
        self._timer.start()

    def run_now(self) -> Task:
        self._timer.stop()
        if self._current is not None:
            self._current.cancel()  # its result would be stale anyway
        self._generation += 1
        generation = self._generation
        doc = self._document
        snapshot = doc.snapshot()
        own = {f.factor_id for f in snapshot.factors}
        wanted = {ln.factor_id for ln in snapshot.lines if ln.factor_id and ln.factor_value is None}
        factors = self._catalog.resolve(wanted - own)
        task = self._runner.submit(
            calculate_snapshot, doc.revision, snapshot, factors, self._gwp, title=self.tr("Calculating")
        )
        self._current = task
        task.finished.connect(lambda live, g=generation: self._deliver(g, live))
        task.failed.connect(lambda exc, g=generation: self._fail(g, exc))
        task.done.connect(lambda t=task: self._clear(t))
        self.started.emit(task)
        return task

    def _clear(self, task: Task) -> None:
        if self._current is task:
            self._current = None

    def _deliver(self, generation: int, live: LiveResult) -> None:
        if generation != self._generation:
            return  # a newer edit is being calculated
        self.latest = live
        self.resultReady.emit(live)

    def _fail(self, generation: int, exc: object) -> None:
        if generation == self._generation:
            self.failed.emit(f"{type(exc).__name__}: {exc}")
