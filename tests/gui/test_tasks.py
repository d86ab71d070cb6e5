"""The generic task runner: results, failures and cancellation arrive on the GUI thread."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import QThread

from app.core.progress import Progress
from app.gui.tasks import TaskRunner

pytestmark = pytest.mark.gui


def test_result_arrives_on_the_gui_thread(qtbot, qapp) -> None:
    runner = TaskRunner()
    seen: dict[str, object] = {}

    def work(progress: Progress, a: int, b: int) -> int:
        seen["worker"] = threading.get_ident()
        progress.step(1, 1, "half")
        return a + b

    task = runner.submit(work, 2, 3)
    task.finished.connect(lambda _v: seen.__setitem__("slot", QThread.currentThread()))
    with qtbot.waitSignal(task.finished, timeout=5000) as blocker:
        pass
    assert blocker.args == [5]
    assert seen["worker"] != threading.get_ident()
    assert seen["slot"] is qapp.thread()
    runner.wait()


def test_failure_is_reported(qtbot) -> None:
    runner = TaskRunner()

    def work(progress: Progress) -> None:
        raise ValueError("broken input")

    task = runner.submit(work)
    with qtbot.waitSignal(task.failed, timeout=5000) as blocker:
        pass
    assert isinstance(blocker.args[0], ValueError)
    runner.wait()


def test_cancel_stops_work_at_the_next_step(qtbot) -> None:
    runner = TaskRunner()
    started = threading.Event()
    release = threading.Event()

    def work(progress: Progress) -> str:
        started.set()
        release.wait(5)
        for i in range(100):
            progress.step(i, 100)
        return "finished"

    task = runner.submit(work)
    assert started.wait(5)
    task.cancel()
    release.set()
    with qtbot.waitSignal(task.cancelled, timeout=5000):
        pass
    assert task.result is None
    runner.wait()


def test_progress_dialog_appears_only_for_slow_work(qtbot) -> None:
    from PySide6.QtWidgets import QProgressDialog, QWidget

    from app.gui.tasks import ProgressDialogs

    parent = QWidget()
    qtbot.addWidget(parent)
    runner = TaskRunner()
    release = threading.Event()
    task = runner.submit(lambda progress: release.wait(5))
    ProgressDialogs(parent).watch(task, "Reading…")
    dialog = parent.findChild(QProgressDialog)
    assert dialog is not None and not dialog.isVisible()
    qtbot.waitUntil(dialog.isVisible, timeout=3000)
    dialog.cancel()
    release.set()
    with qtbot.waitSignal(task.done, timeout=5000):
        pass
    runner.wait()
