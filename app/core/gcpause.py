"""Pause Python's cyclic garbage collector while a burst of acyclic objects is built.

Reading a 100,000-line workbook creates millions of small objects (cells, lines) that never form
reference cycles; the collector would still traverse the ever-growing heap again and again, which
costs about as much as the reading itself. Reference counting still frees everything; the
collector resumes (if it was running) when the block ends, even on an exception.

When the block ends, what survived it (the result: lines, rows) goes straight to the oldest
generation — two O(1) list moves (``gc.freeze``/``gc.unfreeze``) — instead of being traversed once
more by the first young collection (another 0.1 s for a 100,000-row BOM); it is long-lived anyway,
and cyclic garbage made meanwhile is still found by the next full collection. That step is skipped
when something else has frozen objects on purpose (``gc.get_freeze_count()``): its freeze must not
be undone.
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
            if gc.get_freeze_count() == 0:
                gc.freeze()
                gc.unfreeze()
            gc.enable()
