"""The isolated reader process: results, input errors, crashes and cancel come back as values, not deaths."""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path

import pytest
from bomfiles import write_kingdee

from app.core.errors import HostileFileError, InputError, Problem
from app.core.progress import Cancelled, Progress
from app.services.bom_import import read_grid_task
from app.services.isolation import IsolatedError, run_isolated


def add(progress: Progress, a: int, b: int) -> int:
    progress.step(1, 1, "adding")
    return a + b


def refuse(progress: Progress) -> None:
    raise HostileFileError(Problem("refused", code="test.refused", file="x.xlsx", row=3))


def crash(progress: Progress) -> None:
    os.abort()  # what a native reader does on a memory allocation failure


def bug(progress: Progress) -> None:
    raise KeyError("oops")


def forever(progress: Progress) -> None:
    while True:
        progress.step(0, 0, "working")
        time.sleep(0.05)


def test_result_and_progress_come_back() -> None:
    seen: list[str] = []
    assert run_isolated(Progress(lambda d, t, m: seen.append(m)), add, 2, 3) == 5
    assert "adding" in seen


def test_input_errors_keep_their_type_and_location() -> None:
    with pytest.raises(HostileFileError) as err:
        run_isolated(Progress(), refuse)
    assert (err.value.problems[0].code, err.value.problems[0].row) == ("test.refused", 3)


def test_a_crash_is_an_input_error_not_a_dead_process() -> None:
    with pytest.raises(InputError) as err:
        run_isolated(Progress(), crash)
    assert err.value.problems[0].code == "bom.reader_crashed"


def test_a_bug_in_the_child_is_an_isolated_error() -> None:
    with pytest.raises(IsolatedError, match="KeyError"):
        run_isolated(Progress(), bug)


def test_cancel_terminates_the_child() -> None:
    progress = Progress()
    threading.Timer(0.5, progress.cancel).start()
    with pytest.raises(Cancelled):
        run_isolated(progress, forever)


def test_a_bom_grid_is_read_in_the_child(tmp_path: Path) -> None:
    grid = run_isolated(Progress(), read_grid_task, write_kingdee(tmp_path), None)
    assert grid.sheet == "BOM多级展开" and len(grid.rows) == 11
