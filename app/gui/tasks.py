"""The one generic runner for long work: a plain function off the GUI thread, with progress.

``runner.submit(fn, *args)`` runs ``fn(progress, *args)`` on the runner's own thread pool; ``fn``
is ordinary Qt-free code (reading a workbook, calculating a snapshot) that calls
``progress.step`` now and then. The returned :class:`Task` emits ``progressed``, ``finished``,
``failed`` or ``cancelled`` on the GUI thread. Workers never touch widgets or the live model.

:class:`ProgressDialogs` shows a progress dialog with Cancel for a task that is still running
after half a second, so quick work never flashes a dialog.
"""

from __future__ import annotations

import itertools
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
    """Handle of one submitted job; its signals arrive on the GUI thread.

    The worker thread never holds a reference to this object (only to the runner's relay), so
    it is always created and destroyed on the GUI thread.
    """

    progressed = Signal(int, int, str)
    finished = Signal(object)
    failed = Signal(object)  # the exception
    cancelled = Signal()
    done = Signal()  # after any of finished/failed/cancelled

    def __init__(self, title: str, progress: Progress) -> None:
        super().__init__()
        self.title = title
        self.progress = progress
        self.is_done = False
        self.result: object = None
        self.error: BaseException | None = None

    def cancel(self) -> None:
        """Ask the work to stop; if it cannot, its result is dropped when it arrives."""
        self.progress.cancel()

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
    """One per runner, on the GUI thread; workers emit these (queued) with their task number."""

    progressed = Signal(int, int, int, str)
    result = Signal(int, object)
    error = Signal(int, object)


class _Worker(QRunnable):
    def __init__(
        self, fn: Callable[..., Any], number: int, progress: Progress, relay: _Relay, args: tuple
    ) -> None:
        super().__init__()
        self.setAutoDelete(True)
        self._fn, self._number, self._progress, self._relay, self._args = fn, number, progress, relay, args

    def run(self) -> None:
        try:
            value = self._fn(self._progress, *self._args)
        except BaseException as exc:
            if not isinstance(exc, Cancelled):
                log.debug("task %d failed:\n%s", self._number, traceback.format_exc())
            self._relay.error.emit(self._number, exc)
        else:
            self._relay.result.emit(self._number, value)


class TaskRunner(QObject):
    """Runs plain functions on a private thread pool (no global pool, no singletons)."""

    submitted = Signal(object)  # Task

    def __init__(self, parent: QObject | None = None, max_threads: int = 2) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)  # created first, destroyed first: waits for running work
        self._pool.setMaxThreadCount(max_threads)
        self._relay = _Relay(self)
        self._relay.progressed.connect(self._on_progress, Qt.ConnectionType.QueuedConnection)
        self._relay.result.connect(self._on_result, Qt.ConnectionType.QueuedConnection)
        self._relay.error.connect(self._on_error, Qt.ConnectionType.QueuedConnection)
        self._live: dict[int, Task] = {}
        self._numbers = itertools.count(1)

    def submit(self, fn: Callable[..., Any], *args: Any, title: str = "") -> Task:
        number = next(self._numbers)
        relay = self._relay
        progress = Progress(lambda done, total, message: relay.progressed.emit(number, done, total, message))
        task = Task(title, progress)
        self._live[number] = task
        self.submitted.emit(task)
        self._pool.start(_Worker(fn, number, progress, relay, args))
        return task

    def _on_progress(self, number: int, done: int, total: int, message: str) -> None:
        task = self._live.get(number)
        if task is not None:
            task.progressed.emit(done, total, message)

    def _on_result(self, number: int, value: object) -> None:
        task = self._live.get(number)
        if task is not None:
            task._on_result(value)
            self._release(number)

    def _on_error(self, number: int, exc: object) -> None:
        task = self._live.get(number)
        if task is not None:
            task._on_error(exc)
            self._release(number)

    def _release(self, number: int) -> None:
        # Dropped on the next turn of the event loop, never while its own signal is emitting.
        QTimer.singleShot(0, self, lambda: self._live.pop(number, None))

    @property
    def active(self) -> int:
        return sum(1 for t in self._live.values() if not t.is_done)

    def cancel_all(self) -> None:
        for task in list(self._live.values()):
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
