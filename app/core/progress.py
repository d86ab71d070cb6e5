"""Progress reporting and cancellation for long work, without Qt.

Long functions (reading a big workbook, Monte Carlo, a PDF) take a :class:`Progress` and call
``step`` now and then; ``step`` raises :class:`Cancelled` once the user has asked to stop. The
GUI's one generic runner adapts this to a progress bar with a Cancel button.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

from app.core.errors import PcfError


class Cancelled(PcfError):
    """The user cancelled the work; nothing was changed."""


class Progress:
    """Thread-safe progress sink: ``step(done, total, message)``; ``cancel()`` from any thread."""

    def __init__(self, callback: Callable[[int, int, str], None] | None = None) -> None:
        self._callback = callback
        self._cancel = threading.Event()

    def cancel(self) -> None:
        self._cancel.set()

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def check(self) -> None:
        if self._cancel.is_set():
            raise Cancelled("cancelled")

    def step(self, done: int, total: int, message: str = "") -> None:
        self.check()
        if self._callback is not None:
            self._callback(done, total, message)


NO_PROGRESS = Progress()
