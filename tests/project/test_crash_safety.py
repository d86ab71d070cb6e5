"""SIGKILL in the middle of saving, 200 times: the project is always a complete version.

A forked child saves the project in a loop (each save writes version n + 1 of every line); the
parent kills it with SIGKILL after a random short delay, then opens the file: it must pass
SQLite's integrity check and be one complete version (every line and the study agree on n),
never older than the last version seen. Kills that land while a save is being written leave its
temporary file behind (counted, so the test knows it really interrupted saves); opening the
project for writing cleans those orphans.
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import sys
import time
from pathlib import Path

import pytest

from app.core.domain import InventoryLine, Stage, Study, StudyInfo
from app.project.files import load_project
from app.project.model import Project
from app.project.store import integrity_ok, orphan_temp_files, write_project
from app.services.projects import open_project

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="needs os.fork (POSIX)")

LINES = 300
KILLS = 200


def _version_study(n: int) -> Study:
    lines = [
        InventoryLine(f"L{i}", f"line {i} v{n}", float(n), "kg", stage=Stage.RAW_MATERIALS, factor_value=1.0,
                      factor_unit="kg", comment=f"version {n}")
        for i in range(LINES)
    ]  # fmt: skip
    return Study(StudyInfo(f"Product v{n}", "1 piece"), lines)


def _version_of(path: Path) -> int:
    """The one version the file holds; fails if lines and study disagree (a torn write)."""
    study = load_project(path).study
    n = int(study.info.product_name.removeprefix("Product v"))
    assert len(study.lines) == LINES
    assert all(ln.quantity == n and ln.comment == f"version {n}" for ln in study.lines)
    return n


def _saver(path: Path, version: int) -> None:  # runs in the child: never returns
    try:
        n = version
        while True:
            n += 1
            write_project(Project(_version_study(n)), path)
    finally:
        os._exit(0)


def _save_time(path: Path) -> float:
    """How long one save takes on this machine now (the kill moments are spread over a few)."""
    times = []
    for _ in range(3):
        t0 = time.perf_counter()
        write_project(Project(_version_study(0)), path)
        times.append(time.perf_counter() - t0)
    return sorted(times)[1]


def test_killing_a_save_at_random_moments_never_breaks_the_project(tmp_path: Path) -> None:
    path = tmp_path / "crash.pcfw"
    window = 3 * _save_time(path)
    rng = random.Random(20261201)
    last = 0
    interrupted = 0
    for _ in range(KILLS):
        pid = os.fork()
        if pid == 0:
            _saver(path, last)
        time.sleep(rng.uniform(0.0, window))  # the random moment of the kill
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        conn = sqlite3.connect(path)
        assert integrity_ok(conn)
        conn.close()
        version = _version_of(path)
        assert version >= last  # the previous or a newer complete version, never older
        last = version
        orphans = orphan_temp_files(path)
        interrupted += bool(orphans)
        for orphan in orphans:
            orphan.unlink()
    assert last > 0  # saves did complete between kills
    assert interrupted >= KILLS // 10, f"only {interrupted} kills landed inside a save"
    print(f"{KILLS} kills, {interrupted} inside a save, final version {last}", file=sys.stderr)


def test_opening_for_writing_cleans_orphans_of_a_killed_save(tmp_path: Path) -> None:
    path = tmp_path / "p.pcfw"
    write_project(Project(_version_study(1)), path)
    orphan = tmp_path / ".p.pcfw.abc123.pcfw.tmp"
    orphan.write_bytes(b"half a database")
    unrelated = tmp_path / ".other.pcfw.abc.pcfw.tmp"
    unrelated.write_bytes(b"not ours")
    session = open_project(path)
    try:
        assert not orphan.exists() and unrelated.exists()
    finally:
        session.close()
