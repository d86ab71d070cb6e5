"""Regression guard for the PySide6 pin (pyproject: PySide6-Essentials < 6.12).

PySide6 6.12.0 on CPython 3.11 drops a reference to ``None`` on every call of a Qt method that
returns nothing; after a few thousand calls the process dies with "Fatal Python error:
none_dealloc". Python 3.12+ hides it (None is immortal there). This test makes 20,000 such
calls and checks that ``None``'s reference count is unchanged, so a future upgrade is safe to try.
"""

from __future__ import annotations

import sys

import pytest

pytestmark = pytest.mark.gui

CALLS = 20_000


def test_void_qt_calls_do_not_leak_references_to_none() -> None:
    from PySide6.QtCore import QObject, QTimer

    obj = QObject()
    timer = QTimer()
    if sys.version_info >= (3, 12):
        pytest.skip("None is immortal on Python ≥ 3.12; the leak cannot show (or abort) here")
    assert obj.setObjectName("warm-up") is None  # a void method really returns None
    before = sys.getrefcount(None)
    for _ in range(CALLS // 2):
        obj.setObjectName("pcf")  # void
        timer.stop()  # void
    after = sys.getrefcount(None)
    assert after - before == 0, f"None's refcount moved by {after - before} over {CALLS} void Qt calls"
