"""Project files in the window: save/open .pcfw, freeze, revisions, read-only, locks, recovery."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from kettle import kettle_study
from PySide6.QtWidgets import QAbstractItemView

from app.core.domain import Stage
from app.core.edits import SetLineField
from app.project.files import load_project
from app.project.lock import read_lock
from app.services.recovery import RecoveryStore
from app.services.studies import load_study

pytestmark = pytest.mark.gui

ROOT = Path(__file__).resolve().parents[2]


def _save_as(qtbot, window, prompter, path: Path) -> None:
    prompter.save_answers.append(path)
    with qtbot.waitSignal(window.projects.saved, timeout=10_000):
        window.projects.act_save_as.trigger()


def _edit(qtbot, window, line_id: str, field: str, value: object) -> None:
    with qtbot.waitSignal(window.resultShown, timeout=10_000):
        assert window.bridge.push(SetLineField(line_id, field, value), "edit")


def test_save_as_project_then_save_and_reopen(qtbot, opened, prompter, tmp_path: Path) -> None:
    path = tmp_path / "kettle.pcfw"
    shown = opened.bridge.document.snapshot()
    _save_as(qtbot, opened, prompter, path)
    assert not opened.isWindowModified()
    assert "kettle.pcfw — revision 1 (working)" in opened.windowTitle()
    assert load_study(path).study == shown
    _edit(qtbot, opened, "7", "quantity", 2190.0)
    assert opened.isWindowModified()
    with qtbot.waitSignal(opened.projects.saved, timeout=10_000):
        opened.projects.act_save.trigger()  # Ctrl+S: same file, no question
    assert not opened.isWindowModified()
    assert load_project(path).study.line_by_id()["7"].quantity == 2190.0
    assert opened.user_settings.recent_files()[0] == path.resolve()
    with qtbot.waitSignal(opened.studyLoaded, timeout=10_000):
        opened.open_path(path)  # the same project again: this window keeps its lock
    assert opened.bridge.study.line_by_id()["7"].quantity == 2190.0
    assert read_lock(path).pid == os.getpid()  # type: ignore[union-attr]
    opened.new_study()
    assert read_lock(path) is None  # released when the window lets go of the project


def test_saving_pins_library_factors_used_by_the_lines(qtbot, opened, prompter, tmp_path: Path) -> None:
    _edit(qtbot, opened, "4", "factor_id", "LIB-GRID")
    path = tmp_path / "k.pcfw"
    _save_as(qtbot, opened, prompter, path)
    pins = load_project(path).pins
    assert set(pins) == {"LIB-GRID"} and pins["LIB-GRID"].value == 0.5366


def test_save_as_xlsx_is_an_export(qtbot, opened, prompter, tmp_path: Path) -> None:
    path = tmp_path / "out.xlsx"
    prompter.save_answers.append(path)
    with qtbot.waitSignal(opened.exported, timeout=10_000):
        opened.projects.act_save_as.trigger()
    assert load_study(path).study == opened.bridge.document.snapshot()


def test_freeze_edit_and_compare_in_the_revisions_dialog(qtbot, opened, prompter, tmp_path: Path) -> None:
    path = tmp_path / "kettle.pcfw"
    _save_as(qtbot, opened, prompter, path)
    with qtbot.waitSignal(opened.projects.saved, timeout=10_000):
        opened.projects.act_freeze.trigger()
    frozen = load_project(path).revisions[-1]
    assert frozen.is_frozen and len(frozen.fingerprint) == 64
    assert any(frozen.fingerprint in text for kind, _t, text in prompter.messages if kind == "info")
    assert "revision 1 (frozen)" in opened.windowTitle()
    assert opened.projects.fingerprint == frozen.fingerprint
    total_before = opened.calc.latest.result.total

    _edit(qtbot, opened, "7", "quantity", 2190.0)  # 1095 kWh more at 0.5703
    assert "revision 2 (working)" in opened.windowTitle()
    assert opened.projects.fingerprint is None
    with qtbot.waitSignal(opened.projects.saved, timeout=10_000):
        opened.projects.act_save.trigger()
    project = load_project(path)
    assert [(r.number, r.status) for r in project.revisions] == [(1, "frozen"), (2, "working")]
    assert project.revisions[0].fingerprint == frozen.fingerprint

    dialog = opened.projects.show_revisions()
    qtbot.addWidget(dialog)
    assert dialog.table.rowCount() == 2
    assert dialog.table.item(0, 4).text() == frozen.fingerprint
    dialog.select(1)
    cmp = dialog.compare_selected()  # revision 1 against the working state
    assert [(c.key, c.kind, c.fields) for c in cmp.lines] == [("7", "changed", ("quantity",))]
    assert cmp.total_delta == pytest.approx(1095 * 0.5703, rel=1e-9)
    assert cmp.total_before == pytest.approx(total_before, rel=1e-12)
    text = dialog.details.toPlainText()
    assert "7: quantity 1095.0 → 2190.0" in text and "Total:" in text

    # open revision 1 read-only: editing refused, clearly marked
    dialog.select(1)
    with qtbot.waitSignal(opened.studyLoaded, timeout=10_000):
        assert dialog.open_selected()
    assert opened.bridge.study.line_by_id()["7"].quantity == 1095.0
    assert "revision 1 (frozen, read-only)" in opened.windowTitle()
    assert read_lock(path).pid == os.getpid()  # type: ignore[union-attr]  # still ours while viewing
    assert "read-only" in opened.projects.state_label.text()
    with qtbot.waitSignal(opened.bridge.editRejected, timeout=2000):
        assert not opened.bridge.push(SetLineField("7", "quantity", 1.0), "edit")
    assert opened.bridge.study.line_by_id()["7"].quantity == 1095.0
    view = opened.stage_editors[Stage.USE].view
    assert view.editTriggers() == QAbstractItemView.EditTrigger.NoEditTriggers
    assert not opened.settings_page.isEnabled()
    with qtbot.waitSignal(opened.studyLoaded, timeout=10_000):
        opened.projects.act_edit_working.trigger()
    assert opened.bridge.study.line_by_id()["7"].quantity == 2190.0 and not opened.bridge.read_only
    assert (
        view.editTriggers() != QAbstractItemView.EditTrigger.NoEditTriggers
        and opened.settings_page.isEnabled()
    )
    assert read_lock(path).pid == os.getpid()  # type: ignore[union-attr]


def test_a_study_with_errors_cannot_be_frozen(qtbot, opened, prompter, tmp_path: Path) -> None:
    path = tmp_path / "kettle.pcfw"
    _save_as(qtbot, opened, prompter, path)
    _edit(qtbot, opened, "7", "unit", "ton")  # ambiguous: an input error
    task = opened.projects.freeze_dialog()
    with qtbot.waitSignal(task.done, timeout=10_000):
        pass
    errors = [text for kind, title, text in prompter.messages if kind == "error" and title == "Cannot freeze"]
    assert errors and "ton" in errors[0]
    assert not any(r.is_frozen for r in load_project(path).revisions)


def test_freeze_needs_a_project_file_first(opened, prompter) -> None:
    assert opened.projects.freeze_dialog() is None
    assert prompter.messages[-1][0] == "info" and ".pcfw" in prompter.messages[-1][2]


HOLDER = """
import sys
from app.services.projects import open_project
session = open_project(sys.argv[1])
print("LOCKED", flush=True)
sys.stdin.readline()
"""


def test_a_second_instance_is_told_and_may_open_read_only(qtbot, window, prompter, tmp_path: Path) -> None:
    from app.services.studies import save_study

    path = tmp_path / "shared.pcfw"
    save_study(kettle_study(), path)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(path)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env=env,
    )
    try:
        assert proc.stdout.readline().strip() == "LOCKED"  # type: ignore[union-attr]
        prompter.confirm_answer = True
        with qtbot.waitSignal(window.studyLoaded, timeout=10_000) as blocker:
            window.open_path(path)
        assert blocker.args == [True]
        asked = [text for kind, _title, text in prompter.messages if kind == "confirm"]
        assert any(f"process {proc.pid}" in text and "read-only" in text for text in asked)
        assert window.bridge.read_only and "read-only" in window.windowTitle()
        assert window.bridge.study == kettle_study()
    finally:
        proc.kill()
        proc.wait()


def test_autosave_writes_the_unsaved_state_and_a_save_removes_it(qtbot, opened, prompter, tmp_path) -> None:
    store = opened.projects.store
    _edit(qtbot, opened, "7", "quantity", 2190.0)
    with qtbot.waitSignal(opened.projects.autosaved, timeout=10_000):
        opened.projects.autosave_now()
    (entry,) = store.entries(include_live=True)
    assert store.load(entry).study.line_by_id()["7"].quantity == 2190.0
    assert store.entries() == []  # this session is alive: nothing to offer
    _save_as(qtbot, opened, prompter, tmp_path / "k.pcfw")
    assert store.entries(include_live=True) == []


def test_autosave_timer_follows_the_policy(qtbot, opened) -> None:
    clock = {"t": 0.0}
    opened.projects.policy.clock = lambda: clock["t"]
    _edit(qtbot, opened, "7", "quantity", 5.0)
    opened.projects.tick()
    assert not opened.projects._autosaving  # not idle long enough
    clock["t"] += opened.projects.policy.idle_s
    with qtbot.waitSignal(opened.projects.autosaved, timeout=10_000):
        opened.projects.tick()


GUI_CHILD = r"""
import sys
from pathlib import Path
sys.path.insert(0, sys.argv[2])
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QAbstractItemView

from app.core.domain import Stage
from app.core.edits import SetLineField
from app.factors.gwp_data import load_gwp_tables
from app.gui.launch import build_window, make_application
from app.services.context import AppContext, LazyFactorSource
from app.core.compile import DictFactorSource
from conftest import FakePrompter

app = make_application()
ctx = AppContext(factors=LazyFactorSource(lambda: DictFactorSource({})), gwp_tables=load_gwp_tables())
window = build_window(ctx, prompter=FakePrompter())
window.show()
edits = [("7", "quantity", 2190.0), ("8", "name", "Recycled 回收"), ("9", "allocation", 0.25)]

def after_open(ok):
    for line_id, field, value in edits:
        window.bridge.push(SetLineField(line_id, field, value), "edit")
    window.projects.autosaved.connect(after_autosave)
    window.projects.autosave_now()

def after_autosave(_entry):
    window.bridge.push(SetLineField("10", "quantity", 99.0), "typed after the autosave")
    print("AUTOSAVED", flush=True)

window.studyLoaded.connect(after_open)
window.open_path(Path(sys.argv[1]), ask=False)
app.exec()
"""


def test_killed_app_is_recovered_at_the_next_start(qtbot, window, prompter, kettle_file: Path) -> None:
    """The real window in a child process: edits, autosave, one more edit, kill -9; then recover."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen"}
    proc = subprocess.Popen(
        [sys.executable, "-c", GUI_CHILD, str(kettle_file), str(Path(__file__).parent)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    try:
        line = proc.stdout.readline()  # type: ignore[union-attr]
        assert line.strip() == "AUTOSAVED", proc.stderr.read() if proc.poll() is not None else line  # type: ignore[union-attr]
    finally:
        proc.kill()  # SIGKILL: no clean-up runs
        proc.wait()
    entries = RecoveryStore().entries()
    assert len(entries) == 1 and entries[0].source_path == kettle_file
    prompter.confirm_answer = True
    with qtbot.waitSignal(window.resultShown, timeout=10_000):
        assert window.projects.offer_recovery()
    asked = [text for kind, _title, text in prompter.messages if kind == "confirm"]
    assert "kettle.xlsx" in asked[0] and "autosaved" in asked[0]
    by_id = window.bridge.study.line_by_id()
    assert (
        by_id["7"].quantity == 2190.0 and by_id["8"].name == "Recycled 回收" and by_id["9"].allocation == 0.25
    )
    assert by_id["10"].quantity == 1.1  # typed after the last autosave: not recoverable
    assert window.isWindowModified()  # recovered work is unsaved until saved
    assert [e.key for e in RecoveryStore().entries(include_live=True)] == [window.projects.key]


def test_recent_files_of_earlier_versions_move_to_the_user_settings(tmp_path: Path) -> None:
    from PySide6.QtCore import QSettings

    from app.gui.settings import GuiSettings
    from app.services.settings import UserSettings

    ini = tmp_path / "gui.ini"
    old = QSettings(str(ini), QSettings.Format.IniFormat)
    old.setValue("recent_files", [str(tmp_path / "b.xlsx"), str(tmp_path / "a.xlsx")])
    old.setValue("last_study", str(tmp_path / "b.xlsx"))
    old.sync()
    user = UserSettings(tmp_path / "settings.json")
    assert GuiSettings(ini).import_legacy_recent(user)
    assert user.recent_files() == [(tmp_path / "b.xlsx").resolve(), (tmp_path / "a.xlsx").resolve()]
    assert user.last_file() == tmp_path / "b.xlsx"
    assert not GuiSettings(ini).import_legacy_recent(UserSettings(tmp_path / "settings.json"))  # once


def test_recovering_a_project_keeps_its_history_and_saves_into_it(
    qtbot, window, prompter, tmp_path: Path
) -> None:
    import dataclasses
    import json

    from app.services.projects import freeze, open_project, save_project
    from app.services.studies import save_study

    path = tmp_path / "kettle.pcfw"
    save_study(kettle_study(), path)
    session = open_project(path)
    freeze(session.project, window.ctx)
    save_project(session.project, path)
    project = session.project
    project.study.lines[0] = dataclasses.replace(project.study.lines[0], name="Edited")
    store = window.projects.store
    entry = store.write("crashed", project, path, edits=7)
    session.close()
    dead = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True
    )
    meta = json.loads(entry.meta_path.read_text(encoding="utf-8"))
    meta["pid"] = int(dead.stdout)  # the process that wrote it is gone: a crashed session
    entry.meta_path.write_text(json.dumps(meta), encoding="utf-8")

    with qtbot.waitSignal(window.resultShown, timeout=10_000):
        assert window.projects.offer_recovery()
    assert window.bridge.study.lines[0].name == "Edited" and window.isWindowModified()
    assert "revision 2 (working)" in window.windowTitle()  # edited after the frozen revision 1
    with qtbot.waitSignal(window.projects.saved, timeout=10_000):
        window.projects.act_save.trigger()  # Ctrl+S writes into the project it came from
    saved = load_project(path)
    assert [(r.number, r.status) for r in saved.revisions] == [(1, "frozen"), (2, "working")]
    assert saved.study.lines[0].name == "Edited"
    assert store.entries(include_live=True) == []
