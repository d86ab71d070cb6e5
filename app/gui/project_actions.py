"""Project files in the window: Save / Save As (.pcfw), freeze, revisions, autosave and recovery.

:class:`ProjectController` is created by the main window and owns everything about the file
behind the document: the open :class:`~app.services.projects.ProjectSession` (with its lock),
the autosave timer (the Qt-free :class:`~app.services.recovery.AutosavePolicy` decides when;
the write runs on the task runner, off the GUI thread) and the recovery offer at start. The
main window only adds its actions to the File menu and calls a few hooks.

Saving and freezing take a consistent snapshot of the study on the GUI thread (lines are
immutable values, so that is cheap), pin library factors there (the library is used only on
the GUI thread) and write in a worker.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QDateTime, QLocale, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QAbstractItemView, QLabel, QMenu, QStyle

from app.core.domain import Study
from app.core.errors import InputError, PcfError, Problem
from app.core.messages import MESSAGES, Message
from app.core.progress import Progress
from app.gui.i18n import message_text, problem_text
from app.project import PROJECT_SUFFIX
from app.project.lock import ProjectLock, ProjectLockedError
from app.project.model import Project, Revision
from app.services.recovery import AutosavePolicy, RecoveryEntry, RecoveryStore, new_session_key
from app.services.settings import UserSettings

if TYPE_CHECKING:
    from app.services.projects import ProjectSession

AUTOSAVE_TICK_MS = 1000


def _services():
    """The project use cases, imported on first use (SQLAlchemy stays out of the window's start-up)."""
    from app.services import projects

    return projects


def is_project_path(path: Path) -> bool:
    return Path(path).suffix.lower() == PROJECT_SUFFIX


def local_time_text(iso_utc: str | None) -> str:
    """An ISO 8601 UTC time from a file, shown in the user's time zone and locale."""
    if not iso_utc:
        return ""
    moment = QDateTime.fromString(iso_utc, Qt.DateFormat.ISODate)
    if not moment.isValid():
        return iso_utc
    return QLocale().toString(moment.toLocalTime(), QLocale.FormatType.ShortFormat)


def _same_problem(problem: Problem) -> Problem:
    return problem


def translated(message: Message) -> str:
    return message_text(message.code, message.params)


def _located_text(problem: Problem) -> str:
    """A problem's text in the UI language, after the line it is about (ids are language-neutral)."""
    text = problem_text(problem)
    return f"{problem.line_id}: {text}" if problem.line_id and problem.line_id not in text else text


def error_message(exc: object) -> str:
    """An error for a person, in the UI language: problems and coded errors (a locked or newer
    project) are translated; anything else is an internal error, shown with its type."""
    if isinstance(exc, InputError):
        return "\n".join(_located_text(p) for p in exc.problems[:10])
    code = getattr(exc, "code", None)
    if isinstance(code, str) and code in MESSAGES:
        return message_text(code, getattr(exc, "params", None))
    return f"{type(exc).__name__}: {exc}"


@dataclass(frozen=True, slots=True)
class OpenedStudy:
    """What the open worker hands the window for a project file (a workbook gives a LoadedStudy)."""

    study: Study
    locate: Callable[[Problem], Problem]
    session: ProjectSession | None
    fingerprint: str | None = None


def open_for_window(progress: Progress, path: Path, read_only: bool = False, revision: int | None = None):
    """Worker: a project (taking its lock unless read-only) or a study workbook."""
    from app.services.studies import load_study

    progress.step(0, 0)  # the dialog already says "Reading …" in the UI language
    if is_project_path(path):
        session = _services().open_project(path, read_only=read_only, revision=revision)
        if progress.cancelled:
            session.close()
        progress.check()
        return OpenedStudy(session.project.study, _same_problem, session, session.fingerprint)
    loaded = load_study(path)
    progress.check()
    return loaded


def save_worker(progress: Progress, project: Project, path: Path) -> Project:
    """Worker: write the project (pins were refreshed on the GUI thread)."""
    progress.step(0, 0)  # the dialog already says "Writing …" in the UI language
    _services().save_project(project, path, None)
    return project


def freeze_worker(
    _progress: Progress, project: Project, factors: dict, gwp_tables, library: dict
) -> tuple[Project, Revision]:
    """Worker: calculate with the pins and the factors resolved on the GUI thread, then freeze."""
    from app.core.compile import DictFactorSource
    from app.services.context import AppContext, LazyFactorSource

    source = DictFactorSource(factors)
    ctx = AppContext(factors=LazyFactorSource(lambda: source), gwp_tables=gwp_tables)
    return project, _services().freeze(project, ctx, library=library)


def autosave_worker(
    _progress: Progress, store: RecoveryStore, key: str, project: Project, source: Path | None, edits: int
) -> RecoveryEntry:
    return store.write(key, project, source, edits)


class ProjectController(QObject):
    saved = Signal(object)  # Path
    autosaved = Signal(object)  # RecoveryEntry
    frozen = Signal(object)  # Revision
    stateChanged = Signal()

    def __init__(
        self,
        window,
        user_settings: UserSettings,
        store: RecoveryStore | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        super().__init__(window)
        self.window = window
        self.bridge = window.bridge
        self.user_settings = user_settings
        self.store = store or RecoveryStore()
        self.key = new_session_key()
        prefs = user_settings.prefs
        self.policy = AutosavePolicy(prefs.autosave_interval_s, prefs.autosave_idle_s, clock)
        self.session: ProjectSession | None = None
        self._autosaving = False
        self._edit_triggers: dict | None = None  # the editors' own, restored after read-only
        self.timer = QTimer(self)
        self.timer.setInterval(AUTOSAVE_TICK_MS)
        self.timer.timeout.connect(self.tick)
        self.timer.start()
        self.bridge.changed.connect(self._on_changed)
        self.state_label = QLabel()
        self.state_label.setObjectName("projectState")
        window.statusBar().addPermanentWidget(self.state_label)
        self._build_actions()
        self._refresh_state()

    # --- actions -------------------------------------------------------------------------

    def _build_actions(self) -> None:
        S = QStyle.StandardPixmap
        K = QKeySequence.StandardKey
        style = self.window.style()

        def act(text: str, slot, shortcut=None, icon=None) -> QAction:
            a = QAction(text, self.window)
            if shortcut is not None:
                a.setShortcut(QKeySequence(shortcut))
            if icon is not None:
                a.setIcon(style.standardIcon(icon))
            a.setStatusTip(text.replace("&", ""))
            a.triggered.connect(lambda _checked=False: slot())
            return a

        self.act_save = act(self.tr("&Save project"), self.save, K.Save, S.SP_DialogSaveButton)
        self.act_save_as = act(self.tr("Save project &as…"), self.save_as, K.SaveAs)
        self.act_freeze = act(self.tr("&Freeze for certification…"), self.freeze_dialog)
        self.act_revisions = act(self.tr("Re&visions…"), self.show_revisions, "Ctrl+Shift+R")
        self.act_edit_working = act(self.tr("Back to the &working revision"), self.open_working)

    def add_to_menu(self, menu: QMenu) -> None:
        """Save, Save As, and the revision actions, in the File menu."""
        menu.addActions([self.act_save, self.act_save_as])
        menu.addSeparator()
        menu.addActions([self.act_freeze, self.act_revisions, self.act_edit_working])
        menu.addSeparator()

    # --- state ---------------------------------------------------------------------------

    @property
    def read_only(self) -> bool:
        return self.session is not None and (self.session.read_only or self.session.viewing is not None)

    @property
    def fingerprint(self) -> str | None:
        """The frozen revision's fingerprint when the window shows one unchanged (else None)."""
        if self.session is None or (self.bridge.document.modified and self.session.viewing is None):
            return None
        current = self.session.project.current
        if self.session.viewing is not None:
            return self.session.fingerprint
        return current.fingerprint if current is not None and current.is_frozen else None

    def state_text(self) -> str:
        """For the title and status bar: which revision, frozen or working, read-only."""
        s = self.session
        if s is None:
            return ""
        if s.viewing is not None:
            return self.tr("revision {0} (frozen, read-only)").format(s.viewing)
        current = s.project.current
        number = current.number if current else 1
        frozen = current is not None and current.is_frozen
        if frozen and not self.bridge.document.modified:
            text = self.tr("revision {0} (frozen)").format(number)
        elif frozen:
            text = self.tr("revision {0} (working)").format(number + 1)
        else:
            text = self.tr("revision {0} (working)").format(number)
        if s.read_only:
            text += " — " + self.tr("read-only")
        return text

    def _refresh_state(self) -> None:
        text = self.state_text()
        self.state_label.setText(text)
        self.state_label.setStyleSheet("color: #b00020; font-weight: bold;" if self.read_only else "")
        self._set_editable(not self.read_only)
        has_project = self.session is not None
        self.act_freeze.setEnabled(not self.read_only)
        self.act_revisions.setEnabled(has_project)
        self.act_edit_working.setEnabled(self.session is not None and self.session.viewing is not None)
        self.window._update_title()
        self.stateChanged.emit()

    def _set_editable(self, editable: bool) -> None:
        """Read-only: the bridge refuses edits, and the editors do not even open a cell editor."""
        self.bridge.read_only = not editable
        if self._edit_triggers is None:
            self._edit_triggers = {
                stage: editor.view.editTriggers() for stage, editor in self.window.stage_editors.items()
            }
        for stage, editor in self.window.stage_editors.items():
            editor.view.setEditTriggers(
                self._edit_triggers[stage] if editable else QAbstractItemView.EditTrigger.NoEditTriggers
            )
        self.window.settings_page.setEnabled(editable)

    def _on_changed(self, changes) -> None:
        if changes.study_replaced:
            return
        self.policy.edited()
        if self.session is not None and self.session.project.current is not None:
            self._refresh_state()

    # --- open / attach ---------------------------------------------------------------------

    def attach(self, path: Path | None, opened: object | None) -> None:
        """The window opened ``path`` (``opened``: OpenedStudy, LoadedStudy or None for a new study)."""
        session = getattr(opened, "session", None)
        if self.session is not None and self.session is not session:
            self.session.close()
        self.session = session
        self.store.discard(self.key)  # the previous document's autosave is no longer needed
        self.policy.reset()
        self._apply_pins()
        self._refresh_state()

    def _apply_pins(self) -> None:
        pins = self.session.project.pins if self.session is not None else {}
        self.window.catalog.set_pins({fid: pin.to_factor() for fid, pin in pins.items()})

    def locked(self, path: Path, exc: ProjectLockedError) -> None:
        """Opening failed because another instance has the project: say who, offer read-only."""
        if self.window.prompter.confirm(
            self.tr("Project already open"),
            self.tr("{0} is already open in PCF Workbench by {1}.\n\nOpen it read-only?").format(
                path.name, translated(exc.owner.message())
            ),
        ):
            self.window.open_path(path, ask=False, read_only=True)
        else:
            self.window.studyLoaded.emit(False)

    def open_revision(self, number: int) -> bool:
        """Show frozen revision ``number`` read-only (editing disabled, clearly marked)."""
        if self.session is None or self.session.path is None or not self.window._may_discard():
            return False
        try:
            session = _services().open_project(self.session.path, revision=number)
        except (InputError, PcfError) as exc:
            self.window.prompter.error(self.tr("Cannot open the revision"), error_message(exc))
            return False
        # Keep the project's lock while looking at an old revision: nobody else writes it meanwhile.
        session.lock, self.session.lock = self.session.lock, None
        opened = OpenedStudy(session.project.study, _same_problem, session, session.fingerprint)
        self.window._loaded(self.session.path, opened)
        return True

    def open_working(self) -> None:
        """Leave a read-only revision: open the project's working state for editing."""
        if self.session is not None and self.session.path is not None:
            self.window.open_path(self.session.path, ask=True)

    # --- save ------------------------------------------------------------------------------

    def current_project(self) -> Project:
        """The document's state as a project (history and pins of the open project kept)."""
        study = self.bridge.document.snapshot()
        s = self.session
        if s is None or s.viewing is not None:
            return Project(study)
        p = s.project
        return Project(study, dict(p.pins), dict(p.settings), list(p.revisions))

    def save(self):
        s = self.session
        if s is not None and not self.read_only and s.path is not None:
            return self.save_to(s.path)
        return self.save_as()

    def save_as(self):
        doc = self.bridge.document
        if doc.path is not None:
            suggested = doc.path.with_suffix(".pcfw")
        else:
            suggested = Path.home() / f"{doc.study.info.product_name}.pcfw"
        path = self.window.prompter.save_path(self.tr("Save project"), suggested)
        if path is None:
            return None
        if not is_project_path(path):
            return self.window.export_to(path)  # a workbook keeps working as an export
        return self.save_to(path)

    def save_to(self, path: Path, project: Project | None = None, after: Callable[[], None] | None = None):
        path = Path(path).resolve()
        new_lock: ProjectLock | None = None
        s = self.session
        if s is not None and s.viewing is not None and s.path == path:
            self.window.prompter.error(
                self.tr("Cannot save"),
                self.tr("A frozen revision is read-only. Save it under another name to work on a copy."),
            )
            return None
        same_file = s is not None and s.path == path and not self.read_only
        if not same_file:
            try:
                new_lock = ProjectLock.acquire(path)
            except ProjectLockedError as exc:
                self.window.prompter.error(self.tr("Cannot save"), error_message(exc))
                return None
        project = project or self.current_project()
        _services().refresh_pins(project, self.window.catalog.library())
        revision = self.bridge.document.revision
        task = self.window.runner.submit(save_worker, project, path, title=self.tr("Saving"))
        self.window.progress_dialogs.watch(task, self.tr("Writing {0}…").format(path.name))
        task.finished.connect(lambda p, r=revision: self._saved(path, p, r, new_lock, after))
        task.failed.connect(lambda exc: self._save_failed(path, exc, new_lock))
        return task

    def _saved(
        self, path: Path, project: Project, revision: int, new_lock: ProjectLock | None, after
    ) -> None:
        if new_lock is not None:
            if self.session is not None:
                self.session.close()
            self.session = _services().ProjectSession(project, path, new_lock)
        else:
            assert self.session is not None
            self.session.project = project
        doc = self.bridge.document
        if doc.revision == revision:
            self.bridge.mark_saved(path)
            self.store.discard(self.key)
            self.policy.reset()
        else:
            doc.path = path  # edits made while saving stay unsaved
        self.user_settings.add_recent(path)
        self._apply_pins()
        self._refresh_state()
        self.window.show_message(self.tr("Saved {0}").format(path))
        self.saved.emit(path)
        if after is not None:
            after()

    def _save_failed(self, path: Path, exc: object, new_lock: ProjectLock | None) -> None:
        if new_lock is not None:
            new_lock.release()
        self.window.prompter.error(self.tr("Saving failed"), f"{path}\n\n{error_message(exc)}")

    # --- freeze ------------------------------------------------------------------------------

    def freeze_dialog(self):
        if self.read_only:
            self.window.prompter.info(self.tr("Read-only"), self.tr("A read-only project cannot be frozen."))
            return None
        if self.session is None or self.session.path is None:
            self.window.prompter.info(
                self.tr("Freeze for certification"),
                self.tr("Save the study as a project (.pcfw) first; then freeze it."),
            )
            return None
        if not self.window.prompter.confirm(
            self.tr("Freeze for certification"),
            self.tr(
                "Freeze the current state as an immutable revision with a SHA-256 fingerprint? "
                "Later edits make a new working revision."
            ),
        ):
            return None
        # The library is used only on this thread: pin and resolve here, calculate in a worker.
        project = self.current_project()
        library = self.window.catalog.library()
        _services().refresh_pins(project, library)
        resolved = self.window.catalog.resolve(_services().library_factor_ids(project.study))
        task = self.window.runner.submit(
            freeze_worker,
            project,
            resolved,
            self.window.ctx.gwp_tables,
            _services().library_info(library),
            title=self.tr("Freezing"),
        )
        self.window.progress_dialogs.watch(task, self.tr("Calculating the revision to freeze…"))
        task.finished.connect(lambda result: self._frozen(*result))
        task.failed.connect(self._freeze_failed)
        return task

    def _frozen(self, project: Project, revision: Revision) -> None:
        def done() -> None:
            self.frozen.emit(revision)
            self.window.prompter.info(
                self.tr("Frozen"),
                self.tr("Revision {0} is frozen.\nSHA-256 fingerprint:\n{1}").format(
                    revision.number, revision.fingerprint
                ),
            )

        if self.session is not None and self.session.path is not None:
            self.save_to(self.session.path, project, after=done)

    def _freeze_failed(self, exc: object) -> None:
        self.window.prompter.error(self.tr("Cannot freeze"), error_message(exc))

    def show_revisions(self):
        from app.gui.revisions_dialog import RevisionsDialog

        if self.session is None:
            self.window.prompter.info(self.tr("Revisions"), self.tr("Open or save a project (.pcfw) first."))
            return None
        dialog = RevisionsDialog(self, self.window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        return dialog

    # --- autosave and recovery -----------------------------------------------------------------

    def tick(self) -> None:
        doc = self.bridge.document
        if self._autosaving or self.read_only:
            return
        if self.policy.due(doc.revision, doc.modified):
            self.autosave_now()

    def autosave_now(self):
        """Write the unsaved state to the recovery folder (in a worker)."""
        doc = self.bridge.document
        project = self.current_project()
        self._autosaving = True
        revision = doc.revision
        task = self.window.runner.submit(
            autosave_worker, self.store, self.key, project, doc.path, revision, title=self.tr("Autosave")
        )
        task.finished.connect(lambda entry, r=revision: self._autosaved(entry, r))
        task.failed.connect(
            lambda exc: self.window.show_message(self.tr("Autosave failed: {0}").format(error_message(exc)))
        )
        task.done.connect(lambda: setattr(self, "_autosaving", False))
        return task

    def _autosaved(self, entry: RecoveryEntry, revision: int) -> None:
        self.policy.autosaved(revision)
        if not self.bridge.document.modified:  # saved meanwhile: the copy is not needed
            self.store.discard(self.key)
        self.autosaved.emit(entry)

    def offer_recovery(self) -> bool:
        """At start: offer the autosaved copy of a session that ended without saving."""
        for entry in self.store.entries():
            source = entry.source_path.name if entry.source_path else self.tr("a study that was never saved")
            what = self.tr("{0} ({1}, {2} lines), autosaved {3}").format(
                entry.product_name, source, entry.line_count, local_time_text(entry.saved_at)
            )
            answer = self.window.prompter.confirm(
                self.tr("Recover unsaved work?"),
                self.tr(
                    "PCF Workbench did not close properly last time. An autosaved copy is available:\n\n"
                    "{0}\n\nRecover it? (No deletes the copy.)"
                ).format(what),
            )
            if not answer:
                self.store.discard(entry.key)
                continue
            return self._recover(entry)
        return False

    def _recover(self, entry: RecoveryEntry) -> bool:
        try:
            project = self.store.load(entry)
        except (InputError, PcfError) as exc:
            self.window.prompter.error(self.tr("Cannot recover"), error_message(exc))
            return False
        source = entry.source_path
        session = None
        if source is not None and is_project_path(source):
            try:
                session = _services().ProjectSession(project, source.resolve(), ProjectLock.acquire(source))
            except ProjectLockedError:
                session = None
        self.window._locate = None
        self.bridge.replace(project.study, source)
        self.bridge.document.saved_revision = -1  # recovered work is unsaved until saved
        self.bridge.undo_stack.resetClean()
        self.store.write(self.key, project, source, self.bridge.document.revision)  # ours now
        self.store.discard(entry.key)
        if self.session is not None and self.session is not session:
            self.session.close()
        self.session = session
        self._apply_pins()
        self._refresh_state()
        self.window.calc.run_now()
        self.window.show_message(self.tr("Recovered {0}").format(entry.product_name))
        return True

    def shutdown(self) -> None:
        """The window closes (changes saved or discarded by the user): nothing to recover."""
        self.timer.stop()
        self.store.discard(self.key)
        if self.session is not None:
            self.session.close()
