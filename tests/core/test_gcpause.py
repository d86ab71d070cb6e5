"""The GC pause of big reads (workbooks, BOMs): collection resumes, cycles are still found, frozen objects stay frozen."""

from __future__ import annotations

import gc
import weakref

import pytest

from app.core.gcpause import paused_gc


class _Node:
    def __init__(self) -> None:
        self.other: object = None


def _cycle() -> weakref.ref:
    a, b = _Node(), _Node()
    a.other, b.other = b, a
    return weakref.ref(a)


def test_collection_resumes_and_a_cycle_made_inside_is_still_collected() -> None:
    assert gc.isenabled()
    with paused_gc():
        assert not gc.isenabled()
        ref = _cycle()
    assert gc.isenabled()
    assert gc.get_freeze_count() == 0  # promoted to the oldest generation, not left frozen
    assert ref() is not None  # only a cycle keeps it alive
    gc.collect()
    assert ref() is None


def test_a_disabled_collector_stays_disabled_and_errors_still_resume_it() -> None:
    gc.disable()
    try:
        with paused_gc():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()
    with pytest.raises(RuntimeError), paused_gc():
        raise RuntimeError("boom")
    assert gc.isenabled()


def test_objects_frozen_by_someone_else_stay_frozen() -> None:
    gc.freeze()
    try:
        frozen = gc.get_freeze_count()
        with paused_gc():
            _cycle()
        assert gc.get_freeze_count() >= frozen
    finally:
        gc.unfreeze()
