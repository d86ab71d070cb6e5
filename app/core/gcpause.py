"""Pause Python's cyclic garbage collector while a burst of acyclic objects is built.

Reading a 100,000-line workbook creates millions of small objects (cells, lines) that never form
reference cycles; the collector would still traverse the ever-growing heap again and again, which
costs about as much as the reading itself. Reference counting still frees everything; the
collector resumes (if it was running) when the block ends, even on an exception.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused_gc() -> Iterator[None]:
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
