"""The main window: navigation of the study's parts, stage editors, live results, problems, history.

It receives everything it works with (context, document bridge, settings, prompter, task
runner) from the composition root, so tests build it the same way with fakes.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QDragEnterEvent, QDropEvent, QIcon, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QDockWidget,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QProgressBar,
    QSplitter,
    QStackedWidget,
    QStyle,
    QTableView,
    QToolButton,
    QUndoView,
    QWidget,
)

from app.core.domain import STAGES, Stage, Study, StudyInfo
from app.core.edits import Changes, top_stage
from app.core.errors import InputError, Problem
from app.core.progress import Progress
from app.gui.catalog import FactorCatalog
from app.gui.document import DocumentBridge
from app.gui.editors import StageEditor, StudySettingsEditor
from app.gui.export_actions import ExportActions
from app.gui.i18n import bilingual, format_number
from app.gui.live import LiveCalculator, LiveResult
from app.gui.models import ProblemRow, ProblemsModel
from app.gui.project_actions import ProjectController, error_message
from app.gui.prompter import Prompter
from app.gui.results import ResultsView
from app.gui.settings import GuiSettings
from app.gui.tasks import SHOW_PROGRESS_AFTER_MS, ProgressDialogs, Task, TaskRunner
from app.project.lock import ProjectLockedError
from app.services.context import AppContext
from app.services.settings import UserSettings

APP_TITLE = "PCF Workbench"  # the brand; the window title shows its translation
STUDY_SUFFIXES = (".pcfw", ".xlsx", ".xlsm")
PAGE_SETTINGS = 0
PAGE_RESULTS = len(STAGES) + 1


def load_study_file(progress: Progress, path: Path, read_only: bool = False) -> object:
    """Worker: read a project or a study workbook (Qt-free; readers raise InputError with problems)."""
    from app.gui.project_actions import open_for_window

    return open_for_window(progress, path, read_only)


def export_study_file(progress: Progress, study: Study, path: Path) -> Path:
    """Worker: write the study back to a study workbook (atomic; openpyxl loads here, lazily)."""
    from app.io.study_template import write_study_workbook

    progress.step(0, 0)
    write_study_workbook(study, path)
    return path


def blank_study() -> Study:
    """A new study, its placeholder product and declared unit in the UI language (study data)."""
    product = QCoreApplication.translate("MainWindow", "New product")
    unit = QCoreApplication.translate("MainWindow", "1 piece", "the declared unit of a new study")
    return Study(StudyInfo(product, unit))


class StatusTask(QWidget):
    """A small progress bar with Cancel in the status bar, shown for work longer than 0.5 s."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from PySide6.QtWidgets import QHBoxLayout

        self.bar = QProgressBar()
        self.bar.setMaximumWidth(160)
        self.bar.setMaximumHeight(16)
        self.bar.setTextVisible(False)
        self.cancel = QToolButton()
        self.cancel.setText(self.tr("Cancel"))
        self.cancel.setAutoRaise(True)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.bar)
        layout.addWidget(self.cancel)
        self._task: Task | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._reveal)
        self.cancel.clicked.connect(self._cancel)
        self.hide()

    def watch(self, task: Task) -> None:
        self._task = task
        self.bar.setRange(0, 0)
        task.progressed.connect(self._progress)
        task.done.connect(lambda t=task: self._finish(t))
        self._timer.start(SHOW_PROGRESS_AFTER_MS)

    def _reveal(self) -> None:
        if self._task is not None and not self._task.is_done:
            self.show()

    def _progress(self, done: int, total: int, _msg: str) -> None:
        self.bar.setRange(0, max(total, 0))
        if total > 0:
            self.bar.setValue(done)

    def _cancel(self) -> None:
        if self._task is not None:
            self._task.cancel()

    def _finish(self, task: Task) -> None:
        if self._task is task:
            self._task = None
            self._timer.stop()
            self.hide()


class MainWindow(QMainWindow):
    studyLoaded = Signal(bool)
    resultShown = Signal(object)
    exported = Signal(object)  # Path

    def __init__(
        self,
        ctx: AppContext,
        bridge: DocumentBridge,
        settings: GuiSettings,
        prompter: Prompter,
        runner: TaskRunner | None = None,
        user_settings: UserSettings | None = None,
    ) -> None:
        super().__init__()
        self.ctx = ctx
        self.bridge = bridge
        self.settings = settings
        self.user_settings = user_settings or UserSettings()
        self.prompter = prompter
        self.runner = runner or TaskRunner(self)
        self.catalog = FactorCatalog(ctx.factors)
        self.progress_dialogs = ProgressDialogs(self)
        self._locate = None  # the opened workbook's problem locator (sheet, column letters)
        self._loading: Task | None = None
        self.setObjectName("MainWindow")
        self.setAcceptDrops(True)
        self.setDockOptions(QMainWindow.DockOption.AnimatedDocks | QMainWindow.DockOption.AllowTabbedDocks)

        self.calc = LiveCalculator(bridge.document, self.catalog, ctx.gwp_tables, self.runner, self)
        bridge.changed.connect(self.calc.on_changes)
        bridge.editRejected.connect(self.show_message)
        bridge.undo_stack.cleanChanged.connect(self._on_clean_changed)
        self.calc.resultReady.connect(self._on_result)
        self.calc.failed.connect(
            lambda msg: self.show_message(self.tr("Calculation failed: {0}").format(msg))
        )

        self._build_status_bar()
        self._build_pages()
        self._build_docks()
        self._build_actions()
        self.projects = ProjectController(self, self.user_settings)  # save, revisions, autosave
        self._build_menus_and_toolbar()
        bridge.changed.connect(self._on_changed)  # after the pages: their models update first
        self.calc.started.connect(self.status_task.watch)
        self.calc.started.connect(lambda _t: self.calc_state.setText(self.tr("Calculating…")))
        self.resize(1400, 880)
        geometry, state = settings.window_state()
        if geometry is not None:
            self.restoreGeometry(geometry)
        if state is not None:
            self.restoreState(state)
        self.navigate(PAGE_SETTINGS + 1)
        self._update_title()
        self.calc.schedule()

    # --- construction ------------------------------------------------------------------------

    def _build_pages(self) -> None:
        self.nav = QListWidget()
        self.nav.setObjectName("navigation")
        self.nav.setIconSize(QSize(18, 18))
        self.nav.setSpacing(1)
        self.nav.setMinimumWidth(190)
        self.nav.setMaximumWidth(260)
        self.pages = QStackedWidget()
        self.settings_page = StudySettingsEditor(self.bridge)
        self.settings_page.message.connect(self.show_message)
        self._add_page(
            self.tr("Study settings"), self.settings_page, QStyle.StandardPixmap.SP_FileDialogDetailedView
        )
        self.stage_editors: dict[Stage, StageEditor] = {}
        icons = (
            QStyle.StandardPixmap.SP_DriveHDIcon,
            QStyle.StandardPixmap.SP_ComputerIcon,
            QStyle.StandardPixmap.SP_ArrowRight,
            QStyle.StandardPixmap.SP_MediaPlay,
            QStyle.StandardPixmap.SP_TrashIcon,
        )
        for stage, icon in zip(STAGES, icons, strict=True):
            editor = StageEditor(self.bridge, stage, self.catalog)
            editor.message.connect(self.show_message)
            self.stage_editors[stage] = editor
            self._add_page(bilingual(stage.label_en, stage.label_zh), editor, icon)
        self.results_page = ResultsView(compact=False)
        self.results_page.lineActivated.connect(self.select_line)
        self._add_page(self.tr("Results"), self.results_page, QStyle.StandardPixmap.SP_FileDialogInfoView)
        self.nav.currentRowChanged.connect(self.pages.setCurrentIndex)
        splitter = QSplitter()
        splitter.addWidget(self.nav)
        splitter.addWidget(self.pages)
        splitter.setStretchFactor(1, 1)
        splitter.setChildrenCollapsible(False)
        splitter.setSizes([210, 1000])
        self.setCentralWidget(splitter)
        self._update_nav_counts()

    def _add_page(self, text: str, widget: QWidget, icon: QStyle.StandardPixmap) -> None:
        item = QListWidgetItem(self.style().standardIcon(icon), text)
        item.setData(Qt.ItemDataRole.UserRole, text)
        item.setSizeHint(QSize(180, 44))
        self.nav.addItem(item)
        self.pages.addWidget(widget)

    def _build_docks(self) -> None:
        self.results_dock = QDockWidget(self.tr("Live results"), self)
        self.results_dock.setObjectName("resultsDock")
        self.live_results = ResultsView(compact=True)
        self.live_results.lineActivated.connect(self.select_line)
        self.results_dock.setWidget(self.live_results)
        self.results_dock.setMinimumWidth(300)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.results_dock)

        self.problems_model = ProblemsModel(self)
        self.problems_view = QTableView()
        self.problems_view.setModel(self.problems_model)
        self.problems_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.problems_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.problems_view.verticalHeader().hide()
        self.problems_view.setAlternatingRowColors(True)
        self.problems_view.setWordWrap(False)
        hh = self.problems_view.horizontalHeader()
        hh.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        hh.setStretchLastSection(True)
        self.problems_view.doubleClicked.connect(lambda idx: self.jump_to_problem(idx.row()))
        self.problems_view.activated.connect(lambda idx: self.jump_to_problem(idx.row()))
        self.problems_dock = QDockWidget(self.tr("Problems"), self)
        self.problems_dock.setObjectName("problemsDock")
        self.problems_dock.setWidget(self.problems_view)
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.problems_dock)

        self.history_view = QUndoView(self.bridge.undo_stack)
        self.history_view.setEmptyLabel(self.tr("<opened study>"))
        self.history_dock = QDockWidget(self.tr("Undo history"), self)
        self.history_dock.setObjectName("historyDock")
        self.history_dock.setWidget(self.history_view)
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.history_dock)
        self.tabifyDockWidget(self.problems_dock, self.history_dock)
        self.problems_dock.raise_()
        self.resizeDocks([self.problems_dock], [150], Qt.Orientation.Vertical)
        self.resizeDocks([self.results_dock], [340], Qt.Orientation.Horizontal)

    def _action(
        self, text: str, slot, shortcut=None, icon: QStyle.StandardPixmap | None = None, tip: str = ""
    ) -> QAction:
        act = QAction(text, self)
        if icon is not None:
            act.setIcon(self.style().standardIcon(icon))
        if shortcut is not None:
            if isinstance(shortcut, list | tuple):
                act.setShortcuts([QKeySequence(s) for s in shortcut])
            else:
                act.setShortcut(QKeySequence(shortcut))
        act.setStatusTip(tip or text)
        act.setToolTip(
            f"{text} ({act.shortcut().toString(QKeySequence.SequenceFormat.NativeText)})"
            if act.shortcut().count()
            else text
        )
        act.triggered.connect(lambda _checked=False: slot())
        return act

    def _build_actions(self) -> None:
        S = QStyle.StandardPixmap
        K = QKeySequence.StandardKey
        self.act_new = self._action(self.tr("&New study"), self.new_study, K.New, S.SP_FileIcon)
        self.act_open = self._action(
            self.tr("&Open project or workbook…"), self.open_dialog, K.Open, S.SP_DialogOpenButton
        )
        self.act_export = self._action(
            self.tr("&Export study workbook…"),
            self.export_dialog,
            "Ctrl+E",
            S.SP_DialogSaveButton,
        )
        self.act_import_bom = self._action(self.tr("Import &BOM…"), self.import_bom_dialog)
        self.act_quit = self._action(self.tr("&Quit"), self.close, K.Quit)
        self.act_undo = self.bridge.undo_stack.createUndoAction(self, self.tr("&Undo"))
        self.act_undo.setShortcuts(QKeySequence.keyBindings(K.Undo))
        self.act_undo.setIcon(self.style().standardIcon(S.SP_ArrowBack))
        self.act_redo = self.bridge.undo_stack.createRedoAction(self, self.tr("&Redo"))
        self.act_redo.setShortcuts(QKeySequence.keyBindings(K.Redo))
        self.act_redo.setIcon(self.style().standardIcon(S.SP_ArrowForward))
        ed = self._editor_call
        self.act_cut = self._action(self.tr("Cu&t"), ed("cut"), K.Cut)
        self.act_copy = self._action(self.tr("&Copy"), ed("copy"), K.Copy)
        self.act_paste = self._action(self.tr("&Paste"), ed("paste"), K.Paste)
        self.act_clear = self._action(self.tr("Clear cells"), ed("clear_cells"), K.Delete)
        self.act_add = self._action(
            self.tr("&Add line"),
            ed("add_line"),
            ["Ctrl+Return", "Ctrl+Enter"],
            S.SP_FileDialogNewFolder,
            self.tr("Add a line after the current one"),
        )
        self.act_add_child = self._action(
            self.tr("Add c&hild line"),
            ed("add_child_line"),
            "Ctrl+Shift+Return",
            S.SP_FileDialogListView,
            self.tr("Add a line inside the current one (sub-assembly)"),
        )
        self.act_delete = self._action(
            self.tr("&Delete lines"),
            ed("delete_lines"),
            ["Ctrl+Del", "Ctrl+-"],
            S.SP_DialogDiscardButton,
            self.tr("Delete the selected lines and their sub-lines"),
        )
        self.act_duplicate = self._action(
            self.tr("D&uplicate lines"), ed("duplicate_lines"), "Ctrl+D", S.SP_FileLinkIcon
        )
        self.act_indent = self._action(
            self.tr("Make &child of line above"), ed("indent_lines"), "Alt+Shift+Right", S.SP_MediaSeekForward
        )
        self.act_outdent = self._action(
            self.tr("Move up a &level"), ed("outdent_lines"), "Alt+Shift+Left", S.SP_MediaSeekBackward
        )
        self.act_up = self._action(
            self.tr("Move line u&p"),
            lambda: self._with_editor(lambda e: e.move_lines(-1)),
            "Alt+Up",
            S.SP_ArrowUp,
        )
        self.act_down = self._action(
            self.tr("Move line do&wn"),
            lambda: self._with_editor(lambda e: e.move_lines(1)),
            "Alt+Down",
            S.SP_ArrowDown,
        )
        self.act_recalc = self._action(self.tr("&Recalculate"), self.calc.run_now, "F5", S.SP_BrowserReload)
        self.line_actions = [
            self.act_cut, self.act_copy, self.act_paste, self.act_clear, self.act_add, self.act_add_child,
            self.act_delete, self.act_duplicate, self.act_indent, self.act_outdent, self.act_up, self.act_down,
        ]  # fmt: skip
        for editor in self.stage_editors.values():
            for act in self.line_actions:
                act.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
                editor.view.addAction(act)
        self.page_actions: list[QAction] = []
        for i in range(self.nav.count()):
            text = self.nav.item(i).data(Qt.ItemDataRole.UserRole)
            act = self._action(text, lambda i=i: self.navigate(i), f"Ctrl+{i + 1}")
            self.page_actions.append(act)
        self.nav.currentRowChanged.connect(self._update_line_actions)

    def _build_menus_and_toolbar(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu(self.tr("&File"))
        file_menu.addActions([self.act_new, self.act_open])
        self.recent_menu = file_menu.addMenu(self.tr("Open &recent"))
        self.recent_menu.aboutToShow.connect(self._fill_recent)
        self.projects.add_to_menu(file_menu)
        file_menu.addAction(self.act_export)
        file_menu.addAction(self.act_import_bom)
        self.export_actions = ExportActions(self)
        export_menu = self.export_actions.add_to(file_menu)
        from app.gui.report_actions import ReportActions  # label draft, study report, print preview

        self.report_actions = ReportActions(self)
        self.report_actions.add_to(export_menu, file_menu)
        file_menu.addSeparator()
        file_menu.addAction(self.act_quit)
        edit_menu = self.edit_menu = bar.addMenu(self.tr("&Edit"))
        edit_menu.addActions([self.act_undo, self.act_redo])
        edit_menu.addSeparator()
        edit_menu.addActions([self.act_cut, self.act_copy, self.act_paste, self.act_clear])
        lines_menu = bar.addMenu(self.tr("&Lines"))
        lines_menu.addActions([self.act_add, self.act_add_child, self.act_duplicate, self.act_delete])
        lines_menu.addSeparator()
        lines_menu.addActions([self.act_indent, self.act_outdent, self.act_up, self.act_down])
        view_menu = bar.addMenu(self.tr("&View"))
        view_menu.addActions(self.page_actions)
        view_menu.addSeparator()
        for dock in (self.results_dock, self.problems_dock, self.history_dock):
            view_menu.addAction(dock.toggleViewAction())
        view_menu.addSeparator()
        view_menu.addAction(self.act_recalc)
        help_menu = bar.addMenu(self.tr("&Help"))
        help_menu.addAction(self._action(self.tr("&Keyboard shortcuts"), self.show_shortcuts))
        help_menu.addAction(self._action(self.tr("&About PCF Workbench"), self.show_about))

        tb = self.addToolBar(self.tr("Main"))
        tb.setObjectName("mainToolBar")
        tb.setIconSize(QSize(18, 18))
        tb.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        tb.addActions([self.act_open, self.projects.act_save, self.act_export])
        tb.addSeparator()
        tb.addActions([self.act_undo, self.act_redo])
        tb.addSeparator()
        for act in (self.act_add, self.act_add_child, self.act_delete, self.act_duplicate):
            tb.addAction(act)
        tb.addSeparator()
        for act in (self.act_indent, self.act_outdent, self.act_up, self.act_down):
            tb.addAction(act)
            tb.widgetForAction(act).setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonIconOnly)  # type: ignore[union-attr]

    def _build_status_bar(self) -> None:
        sb = self.statusBar()
        self.status_task = StatusTask()
        self.calc_state = QLabel()
        self.total_status = QLabel()
        self.total_status.setObjectName("totalStatus")
        self.lines_status = QLabel()
        sb.addPermanentWidget(self.status_task)
        sb.addPermanentWidget(self.lines_status)
        sb.addPermanentWidget(self.calc_state)
        sb.addPermanentWidget(self.total_status)

    # --- navigation and selection ---------------------------------------------------------------

    def navigate(self, page: int) -> None:
        self.nav.setCurrentRow(page)

    def current_editor(self) -> StageEditor | None:
        widget = self.pages.currentWidget()
        return widget if isinstance(widget, StageEditor) else None

    def _editor_call(self, name: str):
        return lambda: self._with_editor(lambda e: getattr(e, name)())

    def _with_editor(self, fn) -> None:
        editor = self.current_editor()
        if editor is None:
            self.show_message(self.tr("Open a life-cycle stage to edit its lines"))
            return
        fn(editor)

    def _update_line_actions(self, row: int) -> None:
        enabled = 1 <= row <= len(STAGES)
        for act in self.line_actions:
            act.setEnabled(enabled)

    def select_line(self, line_id: str, column_key: str | None = None) -> bool:
        """Show the line's stage page and select the line (hotspots, problems)."""
        study = self.bridge.study
        stage = top_stage(study, line_id)
        candidates = [stage] if stage is not None else []
        candidates += [s for s in STAGES if s not in candidates]
        for s in candidates:
            editor = self.stage_editors[s]
            if editor.model.index_of(line_id).isValid():
                self.navigate(1 + s.index)
                return editor.select_line(line_id, column_key)
        self.show_message(self.tr("Line '{0}' is not in the study any more").format(line_id))
        return False

    def jump_to_problem(self, row: int) -> bool:
        entry = self.problems_model.problem_row(row)
        raw = entry.raw
        if raw.line_id and self.select_line(raw.line_id, raw.column):
            return True
        if raw.row is not None and entry.source == "calculation":
            for line in self.bridge.study.lines:
                if line.origin_row == raw.row:
                    return self.select_line(line.line_id, raw.column)
        if entry.source == "open":
            self.show_message(
                self.tr("This problem is in the file: correct it there and open the file again")
            )
        return False

    # --- document events --------------------------------------------------------------------------

    def _on_changed(self, changes: Changes) -> None:
        if changes.study_replaced or changes.info:
            self._update_title()
        if changes.structure or changes.study_replaced:
            self._update_nav_counts()

    def _update_nav_counts(self) -> None:
        for i, stage in enumerate(STAGES, start=1):
            item = self.nav.item(i)
            text = item.data(Qt.ItemDataRole.UserRole)
            n = self.stage_editors[stage].model.line_count()
            item.setText(f"{text}  ({n})")
        self.lines_status.setText(self.tr("{0} lines").format(len(self.bridge.study.lines)))

    def _on_clean_changed(self, _clean: bool) -> None:
        self._update_title()

    def _update_title(self) -> None:
        doc = self.bridge.document
        name = doc.path.name if doc.path else self.tr("untitled")
        projects = getattr(self, "projects", None)
        state = projects.state_text() if projects is not None else ""
        state = f" — {state}" if state else ""
        brand = self.tr("PCF Workbench")
        self.setWindowTitle(f"{doc.study.info.product_name} — {name}{state}[*] — {brand}")
        self.setWindowModified(not self.bridge.undo_stack.isClean())

    def _on_result(self, live: LiveResult) -> None:
        for editor in self.stage_editors.values():
            editor.model.set_live_result(live)
        unit = self.bridge.study.info.declared_unit
        self.live_results.show_result(live, unit)
        self.results_page.show_result(live, unit)
        rows = [ProblemRow(self._located(p), p, "calculation") for p in live.problems]
        self.problems_model.set_problems("calculation", rows)
        errors = sum(1 for p in live.problems if p.severity == "error")
        if live.result is None:
            self.total_status.setText("<b>" + self.tr("Total: –") + "</b>")
        else:
            star = "*" if live.is_partial else ""
            total = format_number(live.result.total) + star
            self.total_status.setText("<b>" + self.tr("Total: {0} kg CO2e").format(total) + "</b>")
        self.calc_state.setText(self.tr("{0} problem(s)").format(errors) if errors else self.tr("Up to date"))
        self.problems_dock.setWindowTitle(self.tr("Problems ({0})").format(self.problems_model.rowCount()))
        self.resultShown.emit(live)

    def _located(self, p: Problem) -> Problem:
        if self._locate is None:
            return p
        try:
            return self._locate(p)  # type: ignore[misc]
        except Exception:
            return p

    def show_message(self, text: str) -> None:
        self.statusBar().showMessage(text, 8000)

    # --- open and export ------------------------------------------------------------------------------

    def new_study(self) -> None:
        if not self._may_discard():
            return
        self._locate = None
        self.problems_model.set_problems("open", [])
        self.bridge.replace(blank_study(), None)
        self.projects.attach(None, None)
        self.navigate(PAGE_SETTINGS)

    def _may_discard(self) -> bool:
        if self.bridge.undo_stack.isClean():
            return True
        return self.prompter.confirm(
            self.tr("Discard changes?"),
            self.tr("The study has changes that are not saved. Discard them?"),
        )

    def open_dialog(self) -> None:
        start = self.bridge.document.path.parent if self.bridge.document.path else None
        path = self.prompter.open_path(self.tr("Open project or study workbook"), start)
        if path is not None:
            self.open_path(path)

    def open_path(self, path: Path, ask: bool = True, read_only: bool = False) -> Task | None:
        if ask and not self._may_discard():
            return None
        path = Path(path)
        if self._loading is not None:
            self._loading.cancel()
        task = self.runner.submit(load_study_file, path, read_only, title=self.tr("Opening"))
        self._loading = task
        self.progress_dialogs.watch(task, self.tr("Reading {0}…").format(path.name))
        task.finished.connect(lambda loaded, p=path: self._loaded(p, loaded))
        task.failed.connect(lambda exc, p=path: self._load_failed(p, exc))
        task.cancelled.connect(lambda: self.show_message(self.tr("Opening cancelled")))
        task.cancelled.connect(lambda: self.studyLoaded.emit(False))
        task.done.connect(lambda t=task: self._loading_done(t))
        self.show_message(self.tr("Opening {0}…").format(path.name))
        return task

    def _loading_done(self, task: Task) -> None:
        if self._loading is task:
            self._loading = None

    def _loaded(self, path: Path, loaded) -> None:
        self._locate = loaded.locate
        self.problems_model.set_problems("open", [])
        self.bridge.replace(loaded.study, path)
        self.projects.attach(path, loaded)
        self.user_settings.add_recent(path)
        for editor in self.stage_editors.values():
            editor.view.expandAll()
        self.show_message(self.tr("Opened {0}: {1} lines").format(path.name, len(loaded.study.lines)))
        self.calc.run_now()
        self.studyLoaded.emit(True)

    def _load_failed(self, path: Path, exc: object) -> None:
        if isinstance(exc, ProjectLockedError):
            self.projects.locked(path, exc)
            return
        if isinstance(exc, InputError):
            rows = [ProblemRow(p, p, "open") for p in exc.problems]
            self.problems_model.set_problems("open", rows)
            self.problems_dock.show()
            self.problems_dock.raise_()
            self.show_message(
                self.tr("{0} could not be opened: {1} problem(s), see the Problems panel").format(
                    path.name, len(rows)
                )
            )
        else:
            self.prompter.error(self.tr("Cannot open the study"), f"{path}\n\n{error_message(exc)}")
        self.studyLoaded.emit(False)

    def import_bom_dialog(self, path: Path | None = None):
        from app.gui.bom_wizard import open_bom_wizard

        return open_bom_wizard(self, path)

    def export_dialog(self) -> None:
        doc = self.bridge.document
        suggested = doc.path if doc.path else Path.home() / f"{doc.study.info.product_name}.xlsx"
        path = self.prompter.save_path(self.tr("Export study workbook"), suggested)
        if path is not None:
            self.export_to(path)

    def export_to(self, path: Path) -> Task:
        revision = self.bridge.document.revision
        task = self.runner.submit(
            export_study_file,
            self.bridge.document.snapshot(),
            Path(path),
            title=self.tr("Exporting"),
        )
        self.progress_dialogs.watch(task, self.tr("Writing {0}…").format(Path(path).name))
        task.finished.connect(lambda p, r=revision: self._exported(Path(p), r))
        task.failed.connect(lambda exc: self.prompter.error(self.tr("Export failed"), f"{path}\n\n{exc}"))
        return task

    def _exported(self, path: Path, revision: int) -> None:
        if self.bridge.document.revision == revision and self.projects.session is None:
            self.bridge.mark_saved(path)  # a workbook is the file; a project stays the file when open
        self.user_settings.add_recent(path)
        self._update_title()
        self.show_message(self.tr("Exported {0}").format(path))
        self.exported.emit(path)

    def _fill_recent(self) -> None:
        self.recent_menu.clear()
        for path in self.user_settings.recent_files():
            act = self.recent_menu.addAction(str(path))
            act.triggered.connect(lambda _c=False, p=path: self.open_path(p))
        if self.recent_menu.isEmpty():
            self.recent_menu.addAction(self.tr("(none)")).setEnabled(False)

    # --- help ---------------------------------------------------------------------------------------------

    def show_shortcuts(self) -> None:
        acts = [
            self.act_open,
            self.projects.act_save,
            self.projects.act_save_as,
            self.act_export,
            self.act_undo,
            self.act_redo,
            *self.line_actions,
            self.act_recalc,
        ]
        lines = [
            f"{a.shortcut().toString(QKeySequence.SequenceFormat.NativeText):<22} {a.text().replace('&', '')}"
            for a in acts
        ]
        self.prompter.info(self.tr("Keyboard shortcuts"), "\n".join(lines))

    def show_about(self) -> None:
        from app import __version__

        parts = [
            self.tr("PCF Workbench") + f" {__version__}",
            self.tr("Product carbon footprints per ISO 14067 / GB/T 24067, offline."),
            "",
            self.tr("Data sources and licences:"),
        ]
        parts += [f"• {line}" for line in self.dataset_attributions()]
        parts += ["", self.tr("Font: WenQuanYi Micro Hei, Apache License 2.0.")]
        self.prompter.info(self.tr("About PCF Workbench"), "\n".join(parts))

    def dataset_attributions(self) -> list[str]:
        """One line per bundled dataset: name, version, licence and the attribution it requires."""
        library = self.catalog.library()
        datasets = getattr(library, "datasets", None)
        if datasets is None:
            return [self.tr("The factor library is not available.")]
        return [f"{d.name} {d.version} — {d.licence}. {d.attribution}".strip() for d in datasets()]

    # --- drag and drop, closing ----------------------------------------------------------------------------

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self._dropped_path(event) is not None:
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        path = self._dropped_path(event)
        if path is not None:
            event.acceptProposedAction()
            self.open_path(path)

    @staticmethod
    def _dropped_path(event) -> Path | None:
        mime = event.mimeData()
        if not mime.hasUrls():
            return None
        for url in mime.urls():
            if url.isLocalFile() and Path(url.toLocalFile()).suffix.lower() in STUDY_SUFFIXES:
                return Path(url.toLocalFile())
        return None

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self._may_discard():
            event.ignore()
            return
        self.settings.save_window_state(self.saveGeometry(), self.saveState())
        self.runner.cancel_all()
        self.runner.wait(3000)
        self.projects.shutdown()
        event.accept()


def app_icon() -> QIcon:
    app = QApplication.instance()
    return app.style().standardIcon(QStyle.StandardPixmap.SP_DesktopIcon) if app else QIcon()  # type: ignore[union-attr]
