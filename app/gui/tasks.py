"""The one generic runner for long work: a plain function off the GUI thread, with progress.

``runner.submit(fn, *args)`` runs ``fn(progress, *args)`` on the runner's own thread pool; ``fn``
is ordinary Qt-free code (reading a workbook, calculating a snapshot) that calls
``progress.step`` now and then. The returned :class:`Task` emits ``progressed``, ``finished``,
``failed`` or ``cancelled`` on the GUI thread. Workers never touch widgets or the live model.

:class:`ProgressDialogs` shows a progress dialog with Cancel for a task that is still running
after half a second, so quick work never flashes a dialog.
"""

from __future__ import annotations

import logging
import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, QTimer, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from app.core.progress import Cancelled, Progress

log = logging.getLogger("pcf_workbench.gui")

SHOW_PROGRESS_AFTER_MS = 500


class Task(QObject):
    """Handle of one submitted job; its signals arrive on the GUI thread (queued)."""

    progressed = Signal(int, int, str)
    finished = Signal(object)
    failed = Signal(object)  # the exception
    cancelled = Signal()
    done = Signal()  # after any of finished/failed/cancelled

    def __init__(self, title: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.title = title
        self.progress = Progress(self._report)
        self.is_done = False
        self.result: object = None
        self.error: BaseException | None = None

    def cancel(self) -> None:
        """Ask the work to stop; if it cannot, its result is dropped when it arrives."""
        self.progress.cancel()

    def _report(self, done: int, total: int, message: str) -> None:
        self.progressed.emit(done, total, message)  # from the worker: delivered queued

    # The slots below run on the GUI thread (the Task lives there).
    def _on_result(self, value: object) -> None:
        self.is_done = True
        if self.progress.cancelled:
            self.cancelled.emit()
        else:
            self.result = value
            self.finished.emit(value)
        self.done.emit()

    def _on_error(self, exc: object) -> None:
        self.is_done = True
        if isinstance(exc, Cancelled) or self.progress.cancelled:
            self.cancelled.emit()
        else:
            self.error = exc  # type: ignore[assignment]
            self.failed.emit(exc)
        self.done.emit()


class _Relay(QObject):
    """Lives on the GUI thread; the worker emits these to hand results over."""

    result = Signal(object)
    error = Signal(object)


class _Worker(QRunnable):
    def __init__(self, fn: Callable[..., Any], task: Task, relay: _Relay, args: tuple) -> None:
        super().__init__()
        self.setAutoDelete(True)
        self._fn, self._task, self._relay, self._args = fn, task, relay, args

    def run(self) -> None:
        try:
            value = self._fn(self._task.progress, *self._args)
        except BaseException as exc:
            if not isinstance(exc, Cancelled):
                log.debug("task %s failed:\n%s", self._task.title, traceback.format_exc())
            self._relay.error.emit(exc)
        else:
            self._relay.result.emit(value)


class TaskRunner(QObject):
    """Runs plain functions on a private thread pool (no global pool, no singletons)."""

    submitted = Signal(object)  # Task

    def __init__(self, parent: QObject | None = None, max_threads: int = 2) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(max_threads)
        self._live: set[Task] = set()

    def submit(self, fn: Callable[..., Any], *args: Any, title: str = "") -> Task:
        task = Task(title, self)
        relay = _Relay(task)
        relay.result.connect(task._on_result, Qt.ConnectionType.QueuedConnection)
        relay.error.connect(task._on_error, Qt.ConnectionType.QueuedConnection)
        self._live.add(task)
        task.done.connect(lambda: self._forget(task))
        self.submitted.emit(task)
        self._pool.start(_Worker(fn, task, relay, args))
        return task

    def _forget(self, task: Task) -> None:
        self._live.discard(task)
        task.deleteLater()

    @property
    def active(self) -> int:
        return len(self._live)

    def cancel_all(self) -> None:
        for task in list(self._live):
            task.cancel()

    def wait(self, msecs: int = -1) -> bool:
        """Block until the pool is idle (shutdown and tests only)."""
        return self._pool.waitForDone(msecs)


class ProgressDialogs(QObject):
    """Shows a window-modal progress dialog with Cancel for tasks that outlast half a second."""

    def __init__(self, parent_widget: QWidget) -> None:
        super().__init__(parent_widget)
        self._parent = parent_widget

    def watch(self, task: Task, label: str) -> None:
        if task.is_done:
            return
        dialog = QProgressDialog(label, self.tr("Cancel"), 0, 0, self._parent)
        dialog.setWindowTitle(task.title or self.tr("Working…"))
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        dialog.setMinimumDuration(0)
        dialog.reset()  # stays hidden until the timer below shows it
        dialog.hide()
        timer = QTimer(dialog)
        timer.setSingleShot(True)
        timer.timeout.connect(lambda: None if task.is_done else dialog.show())
        timer.start(SHOW_PROGRESS_AFTER_MS)

        def on_progress(done: int, total: int, message: str) -> None:
            dialog.setMaximum(max(total, 0))
            dialog.setValue(min(done, total) if total > 0 else 0)
            if message:
                dialog.setLabelText(message)

        task.progressed.connect(on_progress)
        dialog.canceled.connect(task.cancel)

        def close() -> None:
            timer.stop()
            dialog.canceled.disconnect(task.cancel)
            dialog.hide()
            dialog.deleteLater()

        task.done.connect(close)
