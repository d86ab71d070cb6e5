"""The BOM import wizard: file and sheet → header and columns → preview → factors → review.

Reading the file runs in a child process (:func:`app.services.isolation.run_isolated`) driven from
the :class:`TaskRunner`, with progress and Cancel, so a crash of the native reader cannot take the
window down; parsing the rows runs on the runner's thread; factor matching runs on the GUI thread
in small slices (the factor library is used only from the GUI thread). The import is ONE undo step:
the core command of :func:`app.services.bom_import.build_import` pushed through the bridge.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from app.core.domain import STAGES, Stage
from app.core.errors import InputError, Problem
from app.core.messages import CodedError
from app.core.units import UNITS, Dimension
from app.gui.catalog import FactorCatalog
from app.gui.delegates import FactorPicker
from app.gui.document import DocumentBridge
from app.gui.i18n import (
    CORE_CONTEXT,
    bilingual,
    error_text,
    format_number,
    format_share,
    problem_text,
    stage_label,
)
from app.gui.prompter import bom_filter
from app.gui.tasks import ProgressDialogs, Task, TaskRunner
from app.io.bom import FIELDS, BomSource, BomTable, Grid, HeaderGuess, header_for, with_mapping
from app.io.bom.header import FIELD_BY_KEY, cell_text
from app.services.bom_import import (
    BomChange,
    BomDiff,
    BomPlan,
    build_import,
    list_sheets_task,
    parse_task,
    plan_bom,
    read_grid_task,
)
from app.services.bom_matching import FactorMatcher, MappingEntry, MappingMemory, MaterialMatch
from app.services.isolation import run_isolated

PREVIEW_ROWS = 1000
MATCH_SLICE = 40
AUTO_SUGGESTION = 0.6
ERROR_BRUSH = QBrush(QColor("#f4c7c3"))
WARNING_BRUSH = QBrush(QColor("#fce8b2"))
USED_FIELDS = [f for f in FIELDS if f.used]


def _letter_index(label: str | None) -> int | None:
    if not label:
        return None
    letters = label.split(" ", 1)[0]
    if not letters.isalpha() or not letters.isupper():
        return None
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n - 1


def _message(exc: object) -> str:
    """An error for a person, in the UI language (problems with their row and column)."""
    if isinstance(exc, InputError):
        return "\n".join(problem_line(p) for p in exc.problems[:5])
    if isinstance(exc, CodedError):
        return error_text(exc)
    return f"{type(exc).__name__}: {exc}"


def problem_line(p: Problem) -> str:
    """``row 3, column C (用量): …`` in the UI language (the file and sheet are the wizard's own)."""
    text = problem_text(p)
    if p.row is not None and p.column:
        return QCoreApplication.translate("BomWizard", "row {0}, column {1}: {2}").format(
            p.row, p.column, text
        )
    if p.row is not None:
        return QCoreApplication.translate("BomWizard", "row {0}: {1}").format(p.row, text)
    if p.column:
        return QCoreApplication.translate("BomWizard", "column {0}: {1}").format(p.column, text)
    return text


def _ui_template(code: str, template: str) -> str:
    """A catalog template in the UI language (for the texts an import writes into lines)."""
    return QCoreApplication.translate(CORE_CONTEXT, template, code)


def field_label(key: str | None) -> str:
    """A BOM field (quantity, unit …) in the UI language."""
    f = FIELD_BY_KEY.get(key) if key else None
    return bilingual(f.label_en, f.label_zh) if f is not None else (key or "—")


def unit_label(code: str) -> str:
    """A whitelist unit as people read it: counts in the UI language (``piece`` → 件), symbols as they are."""
    unit = UNITS.get(code)
    if unit is None or unit.dimension is not Dimension.COUNT:
        return code
    return bilingual(code, unit.label_zh)


def diff_summary(diff: BomDiff) -> str:
    return QCoreApplication.translate(
        "BomWizard", "{0} added, {1} removed, {2} changed, {3} unchanged"
    ).format(len(diff.added), len(diff.removed), len(diff.changed), diff.unchanged)


def _changed_field(key: str) -> str:
    """The name of a line field a re-import changes, in the UI language."""
    names = {
        "name": QCoreApplication.translate("BomWizard", "name"),
        "quantity": QCoreApplication.translate("BomWizard", "quantity"),
        "unit": QCoreApplication.translate("BomWizard", "unit"),
        "loss_rate": QCoreApplication.translate("BomWizard", "loss rate"),
    }
    return names.get(key, key)


def _shown(key: str, value: object) -> str:
    if value in (None, ""):
        return "—"
    if key == "unit":
        return unit_label(str(value))
    if key == "loss_rate" and isinstance(value, float):
        return format_share(value)
    return format_number(value) if isinstance(value, float) else str(value)


def diff_lines(diff: BomDiff, limit: int = 500) -> list[str]:
    """The lines added (+), removed (−) and changed (~), in the UI language."""
    out: list[str] = []
    for sign, lines in (("+", diff.added[:limit]), ("-", diff.removed[:limit])):
        for line in lines:
            out.append(
                f"{sign} {line.line_id}  {line.name}  {format_number(line.quantity)} {unit_label(line.unit)}"
            )
    for ch in diff.changed[:limit]:
        parts = [f"{_changed_field(k)}: {_shown(k, a)} → {_shown(k, b)}" for k, (a, b) in ch.fields.items()]
        out.append(f"~ {ch.line_id}  {ch.name}  " + "; ".join(parts))
    hidden = sum(max(0, len(part) - limit) for part in (diff.added, diff.removed, diff.changed))
    if hidden:
        out.append(QCoreApplication.translate("BomWizard", "… and {0} more").format(hidden))
    return out


class BomWizard(QWizard):
    """Import one BOM file into the open study; ``imported`` carries the applied :class:`BomChange`."""

    sourceLoaded = Signal()
    gridLoaded = Signal()
    parsed = Signal()
    matched = Signal()
    imported = Signal(object)
    failed = Signal(str)

    def __init__(
        self,
        path: Path,
        bridge: DocumentBridge,
        catalog: FactorCatalog,
        runner: TaskRunner,
        memory: MappingMemory,
        parent: QWidget | None = None,
        isolate: bool = True,
    ) -> None:
        super().__init__(parent)
        self.path = Path(path)
        self.bridge = bridge
        self.catalog = catalog
        self.runner = runner
        self.memory = memory
        self.isolate = isolate
        self.progress_dialogs = ProgressDialogs(self)
        self.source: BomSource | None = None
        self.grid: Grid | None = None
        self.header: HeaderGuess | None = None
        self.table: BomTable | None = None
        self.plan: BomPlan | None = None
        self.matches: dict[str, MaterialMatch] = {}
        self.choices: dict[str, str | None] = {}
        self.confirmed: set[str] = set()
        self.change: BomChange | None = None
        self._tasks: list[Task] = []
        self.setWindowTitle(self.tr("Import bill of materials — {0}").format(self.path.name))
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self.resize(1000, 680)
        self.source_page = SourcePage(self)
        self.mapping_page = MappingPage(self)
        self.preview_page = PreviewPage(self)
        self.factor_page = FactorPage(self)
        self.review_page = ReviewPage(self)
        for page in (
            self.source_page,
            self.mapping_page,
            self.preview_page,
            self.factor_page,
            self.review_page,
        ):
            self.addPage(page)
        self.rejected.connect(self._cancel_tasks)
        self._submit(list_sheets_task, self.path, done=self._on_source, label=self.tr("Checking {0}…"))

    # --- background work --------------------------------------------------------------------------

    def _submit(self, fn, *args, done, label: str, isolated: bool = True) -> Task:
        if isolated and self.isolate:
            task = self.runner.submit(run_isolated, fn, *args, title=self.tr("Reading BOM"))
        else:
            task = self.runner.submit(fn, *args, title=self.tr("Reading BOM"))
        self._tasks.append(task)
        self.progress_dialogs.watch(task, label.format(self.path.name))
        task.finished.connect(done)
        task.failed.connect(lambda exc: self._on_failed(exc))
        task.done.connect(lambda t=task: self._tasks.remove(t) if t in self._tasks else None)
        return task

    def _cancel_tasks(self) -> None:
        for task in list(self._tasks):
            task.cancel()

    def _on_failed(self, exc: object) -> None:
        text = _message(exc)
        self.source_page.status.setText(text)
        self.preview_page.status.setText(text)
        self.failed.emit(text)

    def _on_source(self, source: BomSource) -> None:
        self.source = source
        self.source_page.show_sheets(source)
        self.sourceLoaded.emit()

    def load_sheet(self, sheet: str | None) -> None:
        self.grid = None
        self.source_page.completeChanged.emit()
        self._submit(read_grid_task, self.path, sheet, done=self._on_grid, label=self.tr("Reading {0}…"))

    def _on_grid(self, grid: Grid) -> None:
        self.grid = grid
        self.source_page.show_grid(grid)
        self.gridLoaded.emit()

    def parse(self) -> None:
        assert self.grid is not None and self.header is not None
        self.table = None
        self._submit(parse_task, self.grid, self.header, done=self._on_parsed, label=self.tr("Checking rows…"),
                     isolated=False)  # fmt: skip

    def _on_parsed(self, table: BomTable) -> None:
        self.table = table
        self.preview_page.show_table(table)
        self.parsed.emit()

    @property
    def stage(self) -> Stage:
        return Stage(self.source_page.stage_combo.currentData())

    # --- finishing ----------------------------------------------------------------------------------

    def notes(self) -> dict[str, str]:
        out = {}
        for key, factor_id in self.choices.items():
            match = self.matches.get(key)
            if factor_id and key not in self.confirmed and match is not None:
                conf = next((s.confidence for s in match.suggestions if s.factor_id == factor_id), None)
                # written into the line's comment, in the UI language (like the line's other text)
                out[key] = (
                    self.tr("factor suggested (confidence {0}), not confirmed").format(format_share(conf))
                    if conf is not None
                    else self.tr("factor picked, not confirmed")
                )
        return out

    def accept(self) -> None:
        if self.change is None or self.plan is None:
            return
        if not self.change.diff.is_empty and not self.bridge.push(
            self.change.command, self.tr("Import BOM {0}").format(self.path.name)
        ):
            return
        materials = {m.key: m for m in self.plan.materials}
        self.memory.remember(
            MappingEntry(
                key, self.choices[key] or "", materials[key].name, self._factor_name(self.choices[key])
            )
            for key in sorted(self.confirmed)
            if self.choices.get(key) and key in materials
        )
        self.imported.emit(self.change)
        super().accept()

    def _factor_name(self, factor_id: str | None) -> str:
        factor = self.catalog.get(factor_id, self.bridge.study) if factor_id else None
        return factor.name if factor is not None else ""


class SourcePage(QWizardPage):
    def __init__(self, wizard: BomWizard) -> None:
        super().__init__()
        self.w = wizard
        self.setTitle(self.tr("File and sheet"))
        self.setSubTitle(self.tr("File: {0}").format(wizard.path.name))
        self.sheet_combo = QComboBox()
        self.header_spin = QSpinBox()
        self.header_spin.setRange(0, 1_048_576)
        self.header_spin.setSpecialValueText(self.tr("detect"))
        self.stage_combo = QComboBox()
        for stage in STAGES:
            self.stage_combo.addItem(stage_label(stage), stage)
        self.status = QLabel(self.tr("Checking the file…"))
        self.status.setWordWrap(True)
        form = QFormLayout(self)
        form.addRow(self.tr("Sheet"), self.sheet_combo)
        form.addRow(self.tr("Header row"), self.header_spin)
        form.addRow(self.tr("Import into stage"), self.stage_combo)
        form.addRow(self.status)
        self.sheet_combo.currentIndexChanged.connect(self._sheet_chosen)

    def show_sheets(self, source: BomSource) -> None:
        self.sheet_combo.blockSignals(True)
        self.sheet_combo.clear()
        for entry in source.sheets:
            label = self.tr("{0} (hidden)").format(entry.name) if entry.hidden else entry.name
            self.sheet_combo.addItem(label, entry.name)
        default = source.default_sheet
        self.sheet_combo.setCurrentIndex(-1 if default is None else self.sheet_combo.findData(default))
        self.sheet_combo.blockSignals(False)
        if default is None:
            self.status.setText(self.tr("Every sheet is hidden; choose the BOM sheet."))
        else:
            self.w.load_sheet(default if source.kind == "xlsx" else None)

    def _sheet_chosen(self, _index: int) -> None:
        name = self.sheet_combo.currentData()
        if name is not None:
            self.w.load_sheet(name if self.w.source and self.w.source.kind == "xlsx" else None)

    def show_grid(self, grid: Grid) -> None:
        parts = [self.tr("{0} rows read from '{1}'.").format(len(grid.rows), grid.sheet)]
        if grid.encoding:
            parts.append(self.tr("Encoding {0}, separator {1}.").format(grid.encoding, repr(grid.delimiter)))
        if grid.decimal_comma:
            parts.append(self.tr("Numbers use a decimal comma."))
        parts += [problem_text(p) for p in grid.problems]
        self.status.setText(" ".join(parts))
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        return self.w.grid is not None and self.w.grid.sheet == (
            self.sheet_combo.currentData() or self.w.grid.sheet
        )

    def validatePage(self) -> bool:
        assert self.w.grid is not None
        row = self.header_spin.value() or None
        try:
            self.w.header = header_for(self.w.grid, row)
        except InputError as exc:
            self.status.setText(_message(exc))
            return False
        return True


class MappingPage(QWizardPage):
    """One row per header column: what it holds (suggested, with the confidence), examples."""

    def __init__(self, wizard: BomWizard) -> None:
        super().__init__()
        self.w = wizard
        self.setTitle(self.tr("Columns"))
        self.setSubTitle(self.tr("Check what each column holds; suggestions come from the header text."))
        self.table = QTableWidget(0, 5)
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Column"),
                self.tr("Header"),
                self.tr("Holds"),
                self.tr("Confidence"),
                self.tr("Examples"),
            ]
        )
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.verticalHeader().hide()
        self.combos: dict[int, QComboBox] = {}
        # the user's choices per (sheet, header rows), kept when going back to an earlier page
        self._kept: dict[tuple[str, int, int], dict[int, str | None]] = {}
        self.rows_label = QLabel()
        layout = QVBoxLayout(self)
        layout.addWidget(self.rows_label)
        layout.addWidget(self.table)

    def initializePage(self) -> None:
        header, grid = self.w.header, self.w.grid
        assert header is not None and grid is not None
        rows = f"{header.first_row + 1}" + (
            f"–{header.last_row + 1}" if header.last_row > header.first_row else ""
        )
        self.rows_label.setText(
            self.tr("Header row(s): {0}; data from row {1}.").format(rows, header.data_start + 1)
        )
        self.table.setRowCount(len(header.columns))
        self.combos.clear()
        sample = grid.rows[header.data_start : header.data_start + 3]
        for i, col in enumerate(header.columns):
            self.table.setItem(i, 0, QTableWidgetItem(col.letter))
            self.table.setItem(i, 1, QTableWidgetItem(col.header))
            combo = QComboBox()
            combo.addItem("—", None)
            for f in USED_FIELDS:
                combo.addItem(field_label(f.key), f.key)
            kept = self._kept.get(self._header_key(), {})
            combo.setCurrentIndex(max(0, combo.findData(kept.get(col.index, col.field))))
            self.table.setCellWidget(i, 2, combo)
            self.combos[col.index] = combo
            conf = QTableWidgetItem(format_share(col.confidence) if col.field else "")
            self.table.setItem(i, 3, conf)
            examples = ", ".join(
                cell_text(r[col.index]) for r in sample if col.index < len(r) and cell_text(r[col.index])
            )
            self.table.setItem(i, 4, QTableWidgetItem(examples))

    def _header_key(self) -> tuple[str, int, int]:
        assert self.w.grid is not None and self.w.header is not None
        return (self.w.grid.sheet, self.w.header.first_row, self.w.header.last_row)

    def _remember(self) -> None:
        self._kept[self._header_key()] = {index: combo.currentData() for index, combo in self.combos.items()}

    def cleanupPage(self) -> None:  # Back: the choices stay for when this header comes again
        self._remember()

    def set_field(self, column: int, key: str | None) -> None:
        combo = self.combos[column]
        combo.setCurrentIndex(max(0, combo.findData(key)))

    def validatePage(self) -> bool:
        assert self.w.header is not None
        self._remember()
        mapping: dict[str, int | None] = {}
        for index, combo in self.combos.items():
            key = combo.currentData()
            if key is not None:
                if key in mapping:
                    self.rows_label.setText(self.tr("Two columns are mapped to the same field; keep one."))
                    return False
                mapping[key] = index
        for f in USED_FIELDS:
            mapping.setdefault(f.key, None)
        self.w.header = with_mapping(self.w.header, mapping)
        return True


class PreviewPage(QWizardPage):
    """The data rows with every problem marked on its cell; errors must be fixed in the file."""

    def __init__(self, wizard: BomWizard) -> None:
        super().__init__()
        self.w = wizard
        self.setTitle(self.tr("Preview"))
        self.status = QLabel(self.tr("Checking rows…"))
        self.status.setWordWrap(True)
        self.table = QTableWidget()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.problems = QListWidget()
        self.problems.setMaximumHeight(140)
        layout = QVBoxLayout(self)
        layout.addWidget(self.status)
        layout.addWidget(self.table, 3)
        layout.addWidget(self.problems, 1)

    def initializePage(self) -> None:
        self.table.clear()
        self.problems.clear()
        self.status.setText(self.tr("Checking rows…"))
        self.w.parse()

    def show_table(self, table: BomTable) -> None:
        grid, header = self.w.grid, table.header
        assert grid is not None
        columns = [c for c in header.columns if c.field]
        first = header.data_start
        rows = grid.rows[first : first + PREVIEW_ROWS]
        self.table.setRowCount(len(rows))
        self.table.setColumnCount(len(columns))
        self.table.setHorizontalHeaderLabels(
            [f"{c.letter} {c.header}\n→ {field_label(c.field)}" for c in columns]
        )
        self.table.setVerticalHeaderLabels([str(first + i + 1) for i in range(len(rows))])
        position = {c.index: j for j, c in enumerate(columns)}
        for i, row in enumerate(rows):
            for j, col in enumerate(columns):
                value = row[col.index] if col.index < len(row) else ""
                text = value if isinstance(value, str) else cell_text(value)
                self.table.setItem(i, j, QTableWidgetItem(text))
        for p in table.problems:
            self._mark(p, first, position)
            item = QListWidgetItem(("⚠ " if p.severity == "warning" else "✖ ") + problem_line(p))
            self.problems.addItem(item)
        errors, warnings = len(table.errors), len(table.warnings)
        if errors:
            text = self.tr(
                "{0} rows read; {1} error(s) must be fixed in the file first, {2} warning(s)."
            ).format(len(table.rows), errors, warnings)
        else:
            text = self.tr("{0} rows read; no errors, {1} warning(s).").format(len(table.rows), warnings)
        self.status.setText(text)
        self.completeChanged.emit()

    def _mark(self, p: Problem, first: int, position: dict[int, int]) -> None:
        col = _letter_index(p.column)
        if p.row is None or col not in position:
            return
        item = (
            self.table.item(p.row - 1 - first, position[col])
            if 0 <= p.row - 1 - first < PREVIEW_ROWS
            else None
        )
        if item is None:
            return
        item.setBackground(WARNING_BRUSH if p.severity == "warning" else ERROR_BRUSH)
        item.setToolTip(((item.toolTip() + "\n") if item.toolTip() else "") + problem_text(p))

    def cell_problem(self, sheet_row: int, column: int) -> str:
        """The tooltip of a cell (tests and screen readers): empty when the cell is fine."""
        assert self.w.table is not None
        columns = [c.index for c in self.w.table.header.columns if c.field]
        item = self.table.item(sheet_row - 1 - self.w.table.header.data_start, columns.index(column))
        return item.toolTip() if item is not None else ""

    def isComplete(self) -> bool:
        t = self.w.table
        return t is not None and not t.errors and bool(t.rows)


class FactorPage(QWizardPage):
    """Each material with the suggested factor and its confidence; confirm, pick or leave empty."""

    def __init__(self, wizard: BomWizard) -> None:
        super().__init__()
        self.w = wizard
        self.setTitle(self.tr("Factors"))
        self.setSubTitle(self.tr("Confirmed factors are remembered per material code for the next import. "
                                 "Materials without a factor are imported too (they count as 0 until you add one)."))  # fmt: skip
        headers = [self.tr("Code"), self.tr("Material"), self.tr("Unit"), self.tr("Factor"), self.tr("Confidence"),
                   self.tr("Status")]  # fmt: skip
        self.table = QTableWidget(0, len(headers))
        self.table.setHorizontalHeaderLabels(headers)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.suggestions = QListWidget()
        self.picker = FactorPicker(wizard.catalog, lambda: wizard.bridge.study)
        self.use_button = QPushButton(self.tr("Use suggestion"))
        self.confirm_button = QPushButton(self.tr("Confirm selected"))
        self.accept_all_button = QPushButton(self.tr("Confirm all shown factors"))
        self.clear_button = QPushButton(self.tr("No factor"))
        self.status = QLabel()
        side = QVBoxLayout()
        side.addWidget(QLabel(self.tr("Suggestions")))
        side.addWidget(self.suggestions)
        side.addWidget(self.use_button)
        side.addWidget(QLabel(self.tr("Search the library")))
        side.addWidget(self.picker)
        side.addWidget(self.confirm_button)
        side.addWidget(self.accept_all_button)
        side.addWidget(self.clear_button)
        body = QHBoxLayout()
        body.addWidget(self.table, 3)
        body.addLayout(side, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(self.status)
        layout.addLayout(body)
        self.keys: list[str] = []
        self._kept: dict[str, tuple[str | None, bool]] = {}
        self.row_of: dict[str, int] = {}
        self._pending: list = []
        self._timer = QTimer(self)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._match_slice)
        self.done = False
        self.table.itemSelectionChanged.connect(self._show_suggestions)
        self.use_button.clicked.connect(self._use_suggestion)
        self.confirm_button.clicked.connect(self.confirm_selected)
        self.accept_all_button.clicked.connect(self.confirm_all)
        self.clear_button.clicked.connect(lambda: self.choose_selected(None))
        self.picker.picked.connect(lambda fid: self.choose_selected(fid, confirm=True))

    def initializePage(self) -> None:
        w = self.w
        assert w.table is not None
        w.plan = plan_bom(w.table, w.stage, lookup=_ui_template)  # the lines' texts in the UI language
        # choices made before going back keep their value
        self._kept = {k: (v, k in w.confirmed) for k, v in w.choices.items()}
        w.matches, w.choices, w.confirmed = {}, {}, set()
        self.keys = [m.key for m in w.plan.materials]
        self.row_of = {key: i for i, key in enumerate(self.keys)}
        self.table.setRowCount(len(self.keys))
        self.done = False
        self._matcher = FactorMatcher(w.catalog.library(), w.memory.entries)
        self._pending = list(w.plan.materials)
        self.status.setText(self.tr("Matching {0} materials…").format(len(self._pending)))
        self._timer.start()

    def _match_slice(self) -> None:
        w = self.w
        for material in self._pending[:MATCH_SLICE]:
            match = self._matcher.match(material)
            w.matches[material.key] = match
            if material.key in self._kept:
                w.choices[material.key], confirmed = self._kept[material.key]
                if confirmed:
                    w.confirmed.add(material.key)
            elif match.remembered:
                w.choices[material.key] = match.remembered
                w.confirmed.add(material.key)
            elif match.best is not None and match.best.confidence >= AUTO_SUGGESTION:
                w.choices[material.key] = match.best.factor_id
            else:
                w.choices[material.key] = None
            self._fill_row(self.row_of[material.key])
        del self._pending[:MATCH_SLICE]
        if not self._pending:
            self._timer.stop()
            self.done = True
            self._update_status()
            self.completeChanged.emit()
            w.matched.emit()

    def _fill_row(self, row: int) -> None:
        w = self.w
        key = self.keys[row]
        match = w.matches[key]
        m = match.material
        chosen = w.choices.get(key)
        conf = next((s.confidence for s in match.suggestions if s.factor_id == chosen), None)
        if chosen and key in w.confirmed:
            status, conf_text = self.tr("confirmed"), format_share(1.0)
        elif chosen:
            status, conf_text = self.tr("suggested"), format_share(conf) if conf is not None else ""
        else:
            status, conf_text = self.tr("no factor"), ""
        factor = w.catalog.get(chosen, w.bridge.study) if chosen else None
        label = (
            f"{bilingual(factor.name, factor.name_zh)} ({format_number(factor.value)} kg CO2e/{unit_label(factor.unit)})"
            if factor
            else (chosen or "—")
        )
        texts = (m.code, f"{m.name} {m.spec}".strip(), unit_label(m.unit), label, conf_text, status)
        for col, text in enumerate(texts):
            item = QTableWidgetItem(text)
            if col == 5 and not chosen:
                item.setBackground(WARNING_BRUSH)
            self.table.setItem(row, col, item)

    def _update_status(self) -> None:
        w = self.w
        with_factor = sum(1 for v in w.choices.values() if v)
        self.status.setText(
            self.tr("{0} materials: {1} with a factor ({2} confirmed), {3} without.").format(
                len(self.keys), with_factor, len(w.confirmed), len(self.keys) - with_factor
            )
        )

    def _selected_rows(self) -> list[int]:
        return sorted({i.row() for i in self.table.selectedIndexes()})

    def _show_suggestions(self) -> None:
        self.suggestions.clear()
        rows = self._selected_rows()
        if len(rows) != 1:
            return
        for s in self.w.matches[self.keys[rows[0]]].suggestions:
            name = bilingual(s.name, s.name_zh)
            item = QListWidgetItem(
                f"{format_share(s.confidence)}  {name}  ({format_number(s.value)} kg CO2e/{unit_label(s.unit)})"
            )
            item.setData(Qt.ItemDataRole.UserRole, s.factor_id)
            self.suggestions.addItem(item)
        if self.suggestions.count():
            self.suggestions.setCurrentRow(0)

    def _use_suggestion(self) -> None:
        item = self.suggestions.currentItem()
        if item is not None:
            self.choose_selected(item.data(Qt.ItemDataRole.UserRole), confirm=True)

    def choose_selected(self, factor_id: str | None, confirm: bool = False) -> None:
        for row in self._selected_rows():
            key = self.keys[row]
            self.w.choices[key] = factor_id
            if confirm and factor_id:
                self.w.confirmed.add(key)
            else:
                self.w.confirmed.discard(key)
            self._fill_row(row)
        self._update_status()

    def confirm_selected(self) -> None:
        for row in self._selected_rows():
            key = self.keys[row]
            if self.w.choices.get(key):
                self.w.confirmed.add(key)
            self._fill_row(row)
        self._update_status()

    def confirm_all(self) -> None:
        self.table.selectAll()
        self.confirm_selected()

    def select_material(self, key: str) -> None:
        self.table.selectRow(self.row_of[key])

    def isComplete(self) -> bool:
        return self.done

    def cleanupPage(self) -> None:
        self._timer.stop()


class ReviewPage(QWizardPage):
    """What the import will do: the lines added, and on a re-import what is removed or changed."""

    def __init__(self, wizard: BomWizard) -> None:
        super().__init__()
        self.w = wizard
        self.setTitle(self.tr("Review"))
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.changes = QListWidget()
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.changes)
        self.setFinalPage(True)

    def initializePage(self) -> None:
        w = self.w
        assert w.plan is not None
        w.change = build_import(w.bridge.study, w.plan, w.choices, w.notes())
        diff = w.change.diff
        stage = w.plan.stage
        if diff.reimport:
            text = self.tr("The study already holds lines of this BOM. Applying the update: {0}.").format(
                diff_summary(diff)
            )
        else:
            text = self.tr("{0} lines will be added to {1}.").format(len(diff.added), stage_label(stage))
        self.summary.setText(text)
        self.changes.clear()
        for line in diff_lines(diff, 500):
            self.changes.addItem(line)
        if diff.is_empty:
            self.summary.setText(self.tr("Nothing changed since the last import of this BOM."))


def open_bom_wizard(window, path: Path | None = None, isolate: bool = True) -> BomWizard | None:
    """Ask for a BOM file (unless given) and open the wizard over ``window`` (the main window)."""
    if path is None:
        start = window.bridge.document.path.parent if window.bridge.document.path else None
        path = window.prompter.open_path(
            QCoreApplication.translate("BomWizard", "Import bill of materials"), start, bom_filter()
        )
        if path is None:
            return None
    try:
        memory = MappingMemory()
    except InputError as exc:
        window.prompter.error(QCoreApplication.translate("BomWizard", "BOM mapping memory"), _message(exc))
        return None
    wizard = BomWizard(Path(path), window.bridge, window.catalog, window.runner, memory, window, isolate)
    wizard.imported.connect(
        lambda change: window.show_message(
            QCoreApplication.translate("BomWizard", "Imported BOM: {0}").format(diff_summary(change.diff))
        )
    )
    wizard.setWindowModality(Qt.WindowModality.WindowModal)
    wizard.show()
    return wizard
