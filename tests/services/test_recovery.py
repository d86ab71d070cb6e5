"""Autosave and crash recovery without Qt: timing rule, store, and a kill -9 after edits."""

from __future__ import annotations

import os
import signal
from pathlib import Path

import pytest

from app.core.domain import InventoryLine, Stage, Study, StudyInfo
from app.core.edits import SetLineField, SetStudyInfo, StudyDocument
from app.project.model import Project
from app.services.recovery import AutosavePolicy, RecoveryStore, new_session_key


class FakeClock:
    def __init__(self) -> None:
        self.t = 1000.0

    def __call__(self) -> float:
        return self.t


def _study() -> Study:
    lines = [InventoryLine(str(i), f"line {i}", 1.0, "kg", stage=Stage.RAW_MATERIALS) for i in range(5)]
    return Study(StudyInfo("Kettle", "1 piece"), lines)


def test_autosave_is_due_after_idle_and_at_the_interval_while_typing() -> None:
    clock = FakeClock()
    policy = AutosavePolicy(interval_s=180, idle_s=20, clock=clock)
    assert not policy.due(revision=0, modified=False)
    policy.edited()
    clock.t += 19
    assert not policy.due(1, True)
    clock.t += 1
    assert policy.due(1, True)  # 20 s idle
    policy.autosaved(1)
    assert not policy.due(1, True)  # nothing new since
    for _ in range(19):  # an edit every 10 s for three minutes: never idle
        clock.t += 10
        policy.edited()
        assert policy.due(2, True) == (clock.t - 1030 >= 180)  # pending since the edit at 1030
    assert policy.due(2, True)
    assert not policy.due(2, False)  # saved meanwhile: nothing to autosave


def test_store_lists_only_entries_of_ended_sessions_and_discards(tmp_path: Path) -> None:
    store = RecoveryStore(tmp_path / "recovery")
    entry = store.write("mine", Project(_study()), tmp_path / "k.pcfw", edits=3)
    assert store.entries() == []  # this session is alive
    assert [e.key for e in store.entries(include_live=True)] == ["mine"]
    assert entry.describe().startswith("Kettle (k.pcfw, 5 lines), autosaved ")
    assert store.load(entry).study == _study()
    store.discard("mine")
    assert store.entries(include_live=True) == []
    assert list((tmp_path / "recovery").iterdir()) == []


EDITS = [
    SetLineField("0", "quantity", 2.5),
    SetStudyInfo({"product_name": "Kettle v2"}),
    SetLineField("1", "unit", "g"),
    SetLineField("2", "comment", "checked"),
    SetLineField("3", "quantity", 0.125),
    SetLineField("4", "name", "renamed 改名"),
]


def _expected_after(n: int) -> Study:
    doc = StudyDocument(_study())
    for cmd in EDITS[:n]:
        doc.execute(cmd)
    return doc.study


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs os.fork (POSIX)")
def test_kill_after_edits_without_saving_recovers_every_edit_up_to_the_last_autosave(tmp_path: Path) -> None:
    """The child edits and autosaves exactly as the window's timer does, then is killed mid-way."""
    folder = tmp_path / "recovery"
    source = tmp_path / "kettle.pcfw"
    read_fd, write_fd = os.pipe()
    pid = os.fork()
    if pid == 0:  # child: a session that edits, autosaves on idle, and never saves
        try:
            os.close(read_fd)
            clock = FakeClock()
            store = RecoveryStore(folder)
            key = new_session_key()
            policy = AutosavePolicy(180, 20, clock)
            doc = StudyDocument(_study(), source)
            for i, cmd in enumerate(EDITS, start=1):
                doc.execute(cmd)
                policy.edited()
                clock.t += 25  # the user pauses: the idle timer fires
                if policy.due(doc.revision, doc.modified):
                    store.write(key, Project(doc.snapshot()), doc.path, doc.revision)
                    policy.autosaved(doc.revision)
                    os.write(write_fd, f"{i}\n".encode())
                if i == 4:
                    doc.execute(SetLineField("0", "quantity", 99.0))  # typed after the last autosave
                    os.write(write_fd, b"wait\n")
                    signal.pause()  # killed here
        finally:
            os._exit(0)
    os.close(write_fd)
    with os.fdopen(read_fd) as pipe:
        reported = []
        for line in pipe:
            if line.strip() == "wait":
                break
            reported.append(int(line))
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
    assert reported == [1, 2, 3, 4]
    # The next start: the entry of the killed session is offered, with every autosaved edit.
    entries = RecoveryStore(folder).entries()
    assert len(entries) == 1
    entry = entries[0]
    assert entry.source_path == source and entry.edits == 4 and entry.product_name == "Kettle v2"
    recovered = RecoveryStore(folder).load(entry).study
    assert recovered == _expected_after(4)
    assert recovered.lines[0].quantity == 2.5  # the unsaved edit after the last autosave is not there


def test_half_done_autosaves_of_ended_sessions_are_swept(tmp_path: Path) -> None:
    import subprocess
    import sys

    folder = tmp_path / "recovery"
    folder.mkdir()
    dead = int(subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True,
                              text=True, check=True).stdout)  # fmt: skip
    leftovers = [
        folder / f".{dead}-abc.pcfw.x1.pcfw.tmp",
        folder / f"{dead}-abc.pcfw",
        folder / f".{dead}-abc.json.{dead}.tmp",
    ]
    live = folder / f".{os.getpid()}-mine.pcfw.x2.pcfw.tmp"  # this session's save in progress
    for path in [*leftovers, live]:
        path.write_bytes(b"partial")
    assert RecoveryStore(folder).entries() == []
    assert [p for p in leftovers if p.exists()] == [] and live.exists()
