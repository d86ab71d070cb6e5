"""Qt item models over the study document (no QStandardItemModel: these stay fast at 100k rows).

* :class:`InventoryModel` — one life-cycle stage's lines as a tree (sub-assemblies have children).
  Reads the document; every edit goes through ``setData`` → a core command on the undo stack;
  the document's :class:`~app.core.edits.Changes` tell the model which rows to repaint or whether
  to rebuild. Calculated columns and cell problems come from the newest :class:`LiveResult`.
* :class:`ProblemsModel` — located problems (file, sheet, row, column, message).
* :class:`HotspotModel` — the top lines by emissions.

Tree rows are addressed by an integer key per line (``createIndex(row, col, key)``), never by
Python objects, so no reference can dangle inside Qt.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractItemModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QFont

from app.core.domain import STAGES, InventoryLine, Stage, Study
from app.core.edits import Changes, SetLineFields
from app.core.errors import Problem
from app.core.messages import problem
from app.core.units import is_known_unit
from app.gui.catalog import FactorCatalog
from app.gui.columns import (
    COLUMN_INDEX,
    COLUMNS,
    KGCO2E,
    SHARE,
    CellError,
    Column,
    display_text,
    edit_text,
    header_text,
    parse_cell,
)
from app.gui.document import DocumentBridge
from app.gui.i18n import (
    bilingual,
    data_type_label,
    error_text,
    format_number,
    format_share,
    localise_number_text,
    problem_text,
    stage_label,
)
from app.gui.live import LiveResult
from app.gui.table_base import BilingualListModel

LINE_ID_ROLE = Qt.ItemDataRole.UserRole + 1
COLUMN_KEY_ROLE = Qt.ItemDataRole.UserRole + 2
FULL_VALUE_ROLE = Qt.ItemDataRole.UserRole + 3  # unrounded number (tests, copy)

_ERROR_BG = QColor(253, 226, 226)
_WARN_BG = QColor(255, 244, 206)
_EXCLUDED_FG = QColor(150, 150, 150)
_COMPUTED_BG = QColor(243, 246, 248)
_ROOT = -1
_FLAGS = {  # computed once: enum arithmetic in flags() showed up in profiles
    False: Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable,
    True: Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEditable,
}

Index = QModelIndex | QPersistentModelIndex


def stage_assignment(
    lines: Sequence[InventoryLine],
) -> tuple[dict[str | None, list[str]], dict[Stage, list[str]]]:
    """Children of every line and the root lines of each stage.

    Orphans (missing parent) and lines on a parent loop cannot hang in the tree; they show as
    roots of Raw materials (the compiler's default stage) so that they can be seen and fixed.
    """
    ids = {ln.line_id for ln in lines}
    children: dict[str | None, list[str]] = {}
    roots: dict[Stage, list[str]] = {s: [] for s in STAGES}
    for ln in lines:
        if ln.parent_id is None:
            roots[ln.stage or Stage.RAW_MATERIALS].append(ln.line_id)
        elif ln.parent_id in ids and ln.parent_id != ln.line_id:
            children.setdefault(ln.parent_id, []).append(ln.line_id)
        else:
            roots[Stage.RAW_MATERIALS].append(ln.line_id)
    reached: set[str] = set()
    stack = [lid for rs in roots.values() for lid in rs]
    while stack:
        lid = stack.pop()
        if lid not in reached:
            reached.add(lid)
            stack.extend(children.get(lid, ()))
    if len(reached) < len(ids):  # loops: show their members as roots, without their children
        for ln in lines:
            if ln.line_id not in reached:
                roots[Stage.RAW_MATERIALS].append(ln.line_id)
                children.pop(ln.line_id, None)
                reached.add(ln.line_id)
        for kids in children.values():
            kids[:] = [k for k in kids if k in reached]
    return children, roots


class InventoryModel(QAbstractItemModel):
    """The lines of one stage as a tree; columns from :data:`app.gui.columns.COLUMNS`."""

    statusMessage = Signal(str)
    resultsChanged = Signal()

    def __init__(
        self,
        bridge: DocumentBridge,
        stage: Stage,
        catalog: FactorCatalog,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.bridge = bridge
        self.stage = stage
        self.catalog = catalog
        self.columns: tuple[Column, ...] = COLUMNS
        self._live: LiveResult | None = None
        self._problems: dict[str, dict[str | None, Problem]] = {}
        self._keys: list[str] = []  # key → line id
        self._key_of: dict[str, int] = {}
        self._parent: list[int] = []  # key → parent key (or _ROOT)
        self._row: list[int] = []  # key → row under its parent
        self._children: dict[int, list[int]] = {}
        self._lines: dict[str, InventoryLine] = {}
        self._rebuild()
        bridge.changed.connect(self._on_changed)

    # --- tree bookkeeping ----------------------------------------------------------------

    def _rebuild(self) -> None:
        lines = self.bridge.study.lines
        children, roots = stage_assignment(lines)
        self._lines = {ln.line_id: ln for ln in lines}
        self._keys, self._key_of, self._parent, self._row = [], {}, [], []
        self._children = {_ROOT: []}

        # Depth-first, keeping list order among siblings.
        def add(lid: str, parent_key: int) -> int:
            key = len(self._keys)
            self._keys.append(lid)
            self._key_of[lid] = key
            self._parent.append(parent_key)
            siblings = self._children.setdefault(parent_key, [])
            self._row.append(len(siblings))
            siblings.append(key)
            return key

        stack: list[tuple[str, int]] = [(lid, _ROOT) for lid in reversed(roots[self.stage])]
        while stack:
            lid, pkey = stack.pop()
            if lid in self._key_of:
                continue
            key = add(lid, pkey)
            stack.extend((c, key) for c in reversed(children.get(lid, ())))

    def line_count(self) -> int:
        return len(self._keys)

    def line_ids(self) -> list[str]:
        return list(self._keys)

    def line(self, index: Index) -> InventoryLine | None:
        if not index.isValid():
            return None
        return self._lines.get(self._keys[index.internalId()])

    def line_for(self, line_id: str) -> InventoryLine | None:
        return self._lines.get(line_id)

    def line_id(self, index: Index) -> str | None:
        return self._keys[index.internalId()] if index.isValid() else None

    def index_of(self, line_id: str, column: int = 0) -> QModelIndex:
        key = self._key_of.get(line_id)
        if key is None:
            return QModelIndex()
        return self.createIndex(self._row[key], column, key)

    def column_of(self, key: str) -> int:
        return COLUMN_INDEX[key]

    def top_level_ids(self) -> list[str]:
        return [self._keys[k] for k in self._children.get(_ROOT, [])]

    # --- QAbstractItemModel --------------------------------------------------------------

    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        pkey = parent.internalId() if parent.isValid() else _ROOT
        kids = self._children.get(pkey)
        if kids is None or not 0 <= row < len(kids) or not 0 <= column < len(self.columns):
            return QModelIndex()
        return self.createIndex(row, column, kids[row])

    def parent(self, index: Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        if not index.isValid():
            return QModelIndex()
        pkey = self._parent[index.internalId()]
        if pkey == _ROOT:
            return QModelIndex()
        return self.createIndex(self._row[pkey], 0, pkey)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        if parent.isValid():
            if parent.column() != 0:
                return 0
            return len(self._children.get(parent.internalId(), ()))
        return len(self._children.get(_ROOT, ()))

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return len(self.columns)

    def hasChildren(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return self.rowCount(parent) > 0

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self.columns):
            return None
        col = self.columns[section]
        en, zh = header_text(col, self.stage)
        if role == Qt.ItemDataRole.DisplayRole:
            return bilingual(en, zh)
        if role == Qt.ItemDataRole.ToolTipRole:
            return bilingual(col.help_en, col.help_zh) if col.help_en else None
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == COLUMN_KEY_ROLE:
            return col.key
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return _FLAGS[self.columns[index.column()].editable]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        lid = self._keys[index.internalId()]
        line = self._lines.get(lid)
        if line is None:
            return None
        col = self.columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(line, col)
        if role == Qt.ItemDataRole.EditRole:
            return self._computed_value(lid, col) if col.kind == "computed" else edit_text(line, col.key)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(line, col)
        if role == Qt.ItemDataRole.BackgroundRole:
            problem = self._cell_problem(lid, col.key)
            if problem is not None:
                return QBrush(_WARN_BG if problem.severity == "warning" else _ERROR_BG)
            if col.kind == "computed":
                return QBrush(_COMPUTED_BG)
            return None
        if role == Qt.ItemDataRole.ForegroundRole:
            if self._live is not None and lid in self._live.excluded:
                return QBrush(_EXCLUDED_FG)
            return None
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if col.numeric:
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            return None
        if role == Qt.ItemDataRole.FontRole:
            if index.column() == 0 and self._children.get(index.internalId()):
                f = QFont()
                f.setBold(True)
                return f
            return None
        if role == LINE_ID_ROLE:
            return lid
        if role == COLUMN_KEY_ROLE:
            return col.key
        if role == FULL_VALUE_ROLE:
            return self._computed_value(lid, col) if col.kind == "computed" else getattr(line, col.key)
        return None

    def _display(self, line: InventoryLine, col: Column) -> str:
        if col.kind == "computed":
            value = self._computed_value(line.line_id, col)
            if value is None:
                return "–" if self._live is not None and line.line_id in self._live.excluded else ""
            return format_share(value) if col.key == SHARE else format_number(value)
        if col.key == "factor_id" and line.factor_id:
            factor = self.catalog.get(line.factor_id, self.bridge.study)
            if factor is not None:
                zh = f" {factor.name_zh}" if factor.name_zh and factor.name_zh != factor.name else ""
                return f"{factor.name}{zh}  [{factor.factor_id}]"
        if col.key == "factor_id" and line.factor_value is not None:
            return self.tr("(value on the line)")
        if col.key == "data_type" and line.data_type is not None:
            return data_type_label(line.data_type)
        text = display_text(line, col.key)
        return localise_number_text(text) if col.numeric else text

    def _computed_value(self, lid: str, col: Column) -> float | None:
        live = self._live
        if live is None or live.result is None:
            return None
        value = live.subtree_totals.get(lid)
        if value is None:
            return None
        if col.key == KGCO2E:
            return value
        total = live.result.total
        return value / total if total else 0.0

    def _cell_problem(self, lid: str, key: str) -> Problem | None:
        cells = self._problems.get(lid)
        if not cells:
            if key == "unit" or key == "factor_unit":
                return self._local_unit_problem(lid, key)
            return None
        if key in cells:
            return cells[key]
        if key == "name" and None in cells:
            return cells[None]
        return None

    def _local_unit_problem(self, lid: str, key: str) -> Problem | None:
        """An unknown unit is flagged at once, before the calculation confirms it."""
        text = getattr(self._lines[lid], key)
        if text and not is_known_unit(text):
            return problem("unit.unknown", {"unit": text}, line_id=lid)
        return None

    def _tooltip(self, line: InventoryLine, col: Column) -> str | None:
        problem = self._cell_problem(line.line_id, col.key)
        if problem is not None:
            return problem_text(problem)
        if col.key == "factor_id" and line.factor_id:
            f = self.catalog.get(line.factor_id, self.bridge.study)
            if f is None:
                return self.tr("factor '{0}' is not known").format(line.factor_id)
            parts = [f.name, f.name_zh, f"{format_number(f.value)} kg CO2e / {f.unit}", f.dataset, f.source]
            return "\n".join(p for p in parts if p)
        if col.kind == "number" and getattr(line, col.key) is not None:
            return repr(getattr(line, col.key))  # the full-precision value behind the rounded text
        if col.kind == "computed" and self._live is not None and line.line_id in self._live.excluded:
            return self.tr("left out of the total until the line's errors are fixed")
        return None

    def setData(self, index: Index, value: object, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        lid = self._keys[index.internalId()]
        col = self.columns[index.column()]
        try:
            values = self.values_for(lid, col, value)
        except CellError as exc:
            self.statusMessage.emit(error_text(exc))
            return False
        if not values:
            return True  # unchanged
        text = self.tr("Edit {0} of line {1}").format(bilingual(col.label_en, col.label_zh), lid)
        return self.bridge.push(SetLineFields(lid, values), text)

    def values_for(self, lid: str, col: Column, value: object) -> dict[str, object]:
        """Field values that typing ``value`` into ``col`` of ``lid`` sets (empty: no change)."""
        parsed = parse_cell(col, value)
        line = self._lines[lid]
        values: dict[str, object] = {}
        if getattr(line, col.key) != parsed:
            values[col.key] = parsed
        if col.key == "factor_id" and parsed and line.factor_value is not None:
            # Picking a library factor replaces a typed-in value (which would override it).
            values.update(factor_value=None, factor_unit=None)
        return values

    # --- document and results -------------------------------------------------------------

    def _on_changed(self, changes: Changes) -> None:
        if changes.structure or changes.study_replaced:
            self.beginResetModel()
            self._rebuild()
            self.endResetModel()
            return
        if changes.lines:
            study = self.bridge.study
            by_id = None
            last = len(self.columns) - 1
            for lid in changes.lines:
                key = self._key_of.get(lid)
                if key is None:
                    continue
                if by_id is None:
                    by_id = {ln.line_id: ln for ln in study.lines} if len(changes.lines) > 8 else None
                self._lines[lid] = by_id[lid] if by_id is not None else _find(study, lid)
                row = self._row[key]
                self.dataChanged.emit(self.createIndex(row, 0, key), self.createIndex(row, last, key))

    def set_live_result(self, live: LiveResult | None) -> None:
        self._live = live
        self._problems = {}
        if live is not None:
            for p in live.problems:
                if p.line_id is not None:
                    self._problems.setdefault(p.line_id, {}).setdefault(_problem_column(p), p)
        self._repaint_all()

    def _repaint_all(self) -> None:
        # Results touch the calculated columns and problem marks of every row. A dataChanged
        # over 10k rows makes QTreeView walk them all (~0.1 s); the views only need to repaint
        # what is visible, so they listen to ``resultsChanged`` instead (no proxies sit between).
        self.resultsChanged.emit()

    def line_problems(self, lid: str) -> list[Problem]:
        return list(self._problems.get(lid, {}).values())


def _find(study: Study, lid: str) -> InventoryLine:
    for ln in study.lines:
        if ln.line_id == lid:
            return ln
    raise KeyError(lid)


def _problem_column(p: Problem) -> str | None:
    """The field a compiler problem is about (its ``column`` is the field key before locating)."""
    column = p.column
    if column in COLUMN_INDEX:
        return column
    if column in ("stage", "parent_id"):
        return "name"
    return None


# --- problems ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ProblemRow:
    shown: Problem  # located for display (sheet, column letter)
    raw: Problem  # as reported (field key in ``column``), for jumping to the cell
    source: str  # "open" or "calculation"


class ProblemsModel(BilingualListModel):
    HEADERS = (
        QT_TRANSLATE_NOOP("ProblemsModel", "Severity"),
        QT_TRANSLATE_NOOP("ProblemsModel", "File"),
        QT_TRANSLATE_NOOP("ProblemsModel", "Sheet"),
        QT_TRANSLATE_NOOP("ProblemsModel", "Row"),
        QT_TRANSLATE_NOOP("ProblemsModel", "Column"),
        QT_TRANSLATE_NOOP("ProblemsModel", "Line"),
        QT_TRANSLATE_NOOP("ProblemsModel", "Message"),
    )

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[ProblemRow] = []

    def set_problems(self, source: str, rows: Iterable[ProblemRow]) -> None:
        self.beginResetModel()
        self._rows = [r for r in self._rows if r.source != source] + list(rows)
        self.endResetModel()

    def problem_row(self, row: int) -> ProblemRow:
        return self._rows[row]

    def count(self, severity: str | None = None) -> int:
        return sum(1 for r in self._rows if severity is None or r.shown.severity == severity)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        p = self._rows[index.row()].shown
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            c = index.column()
            if c == 0:
                return self.tr("Warning") if p.severity == "warning" else self.tr("Error")
            value = (p.file, p.sheet, p.row, p.column, p.line_id, problem_text(p))[c - 1]
            return "" if value is None else str(value)
        if role == Qt.ItemDataRole.ForegroundRole and index.column() == 0:
            return QBrush(QColor(176, 96, 0) if p.severity == "warning" else QColor(190, 30, 30))
        return None


# --- hotspots ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Hotspot:
    line_id: str
    name: str
    stage: Stage
    kgco2e: float
    share: float


def hotspots(live: LiveResult | None, limit: int = 10) -> list[Hotspot]:
    """The lines with the largest own emissions (sub-assembly totals would double count)."""
    if live is None or live.result is None:
        return []
    res = live.result
    emissions = res.result.emissions
    total = res.total
    by_id = res.study.line_by_id()
    order = np.argsort(-emissions, kind="stable")[:limit].tolist()
    out = []
    for i in order:
        value = float(emissions[i])
        if value <= 0:
            break
        trace = res.traces[i]
        line = by_id[trace.line_id]
        out.append(Hotspot(trace.line_id, line.name, trace.stage, value, value / total if total else 0.0))
    return out


class HotspotModel(BilingualListModel):
    HEADERS = (
        "#",
        QT_TRANSLATE_NOOP("HotspotModel", "Line"),
        QT_TRANSLATE_NOOP("HotspotModel", "Stage"),
        "kg CO2e",
        QT_TRANSLATE_NOOP("HotspotModel", "Share"),
    )

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[Hotspot] = []

    def set_hotspots(self, rows: list[Hotspot]) -> None:
        self.beginResetModel()
        self._rows = rows
        self.endResetModel()

    def hotspot(self, row: int) -> Hotspot:
        return self._rows[row]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        h = self._rows[index.row()]
        c = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return (
                str(index.row() + 1),
                h.name,
                stage_label(h.stage),
                format_number(h.kgco2e),
                format_share(h.share),
            )[c]
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{h.line_id}: {h.name}\n{stage_label(h.stage)}\n{h.kgco2e!r} kg CO2e"
        if role == Qt.ItemDataRole.TextAlignmentRole and c in (0, 3, 4):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == LINE_ID_ROLE:
            return h.line_id
        return None
