"""Undo/redo for every editor operation, down to the opened state and back, results equal at every step.

Each operation is done the way the window does it (editor methods, the model's setData, the
paste of an Excel range, an import as one InsertLines step as the BOM import does). After every
step the study and its calculated result are recorded; undoing all steps must give back each
recorded state in reverse down to the opened study, and redoing must give them again up to the
end. A recalculation between steps must not touch the undo history.
"""

from __future__ import annotations

import dataclasses

import pytest
from PySide6.QtCore import Qt

from app.core.compile import DictFactorSource
from app.core.domain import InventoryLine, Stage
from app.core.edits import InsertLines, Macro
from app.gui.columns import COLUMN_INDEX
from app.services.calculation import calculate_study

pytestmark = pytest.mark.gui


def _state(window) -> tuple[object, dict]:
    study = window.bridge.document.snapshot()
    result = calculate_study(study, DictFactorSource({}), window.ctx.gwp_tables).to_json_dict()
    return dataclasses.replace(study.info), list(study.lines), list(study.factors), result


def _run(qtbot, window, steps) -> None:
    stack = window.bridge.undo_stack
    states = [_state(window)]
    for step in steps:
        depth = stack.count()
        step(window)
        assert stack.count() == depth + 1, "each operation is exactly one undo step"
        with qtbot.waitSignal(window.resultShown, timeout=10_000):
            window.calc.run_now()  # a recalculation between edits leaves the history alone
        assert stack.count() == depth + 1 and stack.canUndo()
        states.append(_state(window))
    assert states[-1] != states[0]
    for i in range(len(steps) - 1, -1, -1):
        stack.undo()
        assert _state(window) == states[i]
    assert stack.index() == 0 and not stack.canUndo()
    assert window.bridge.document.snapshot().lines == states[0][1]
    with qtbot.waitSignal(window.resultShown, timeout=10_000):
        window.calc.run_now()
    assert window.calc.latest.result.total == states[0][3]["total_kgco2e"]
    for i in range(1, len(steps) + 1):
        stack.redo()
        assert _state(window) == states[i]
    assert not stack.canRedo()
    with qtbot.waitSignal(window.resultShown, timeout=10_000):
        window.calc.run_now()
    assert window.calc.latest.result.total == states[-1][3]["total_kgco2e"]


def _editor(window, stage: Stage, line_id: str | None = None, column: str | None = None):
    window.navigate(1 + stage.index)
    editor = window.stage_editors[stage]
    if line_id is not None:
        assert editor.select_line(line_id, column)
    return editor


def _set(stage: Stage, line_id: str, key: str, text: str):
    def step(window) -> None:
        editor = _editor(window, stage)
        idx = editor.model.index_of(line_id, COLUMN_INDEX[key])
        assert editor.model.setData(idx, text, Qt.ItemDataRole.EditRole)

    return step


def test_undo_redo_edit(qtbot, opened) -> None:
    _run(qtbot, opened, [
        _set(Stage.USE, "7", "quantity", "2190"),
        _set(Stage.RAW_MATERIALS, "1.1", "loss_rate", "10%"),
        _set(Stage.END_OF_LIFE, "8", "allocation", "0.5"),
        _set(Stage.RAW_MATERIALS, "1.2.1", "unit", "kg"),
        _set(Stage.PRODUCTION, "4", "name", "Assembly 装配"),
        _clear(Stage.DISTRIBUTION, "5", "distance_km"),  # the Delete key on a cell
        lambda w: w.settings_page._set("declared_unit", "1 kettle"),  # the study settings page
        lambda w: w.settings_page._set("boundary", "cradle-to-gate"),
    ])  # fmt: skip


def _clear(stage: Stage, line_id: str, column: str):
    def step(window) -> None:
        editor = _editor(window, stage, line_id, column)
        assert editor.clear_cells()

    return step


def test_undo_redo_add(qtbot, opened) -> None:
    added: list[str] = []

    def add(window) -> None:
        added.append(_editor(window, Stage.RAW_MATERIALS, "3").add_line())

    def add_child(window) -> None:
        added.append(_editor(window, Stage.RAW_MATERIALS, "2").add_child_line())

    def add_and_fill(window) -> None:  # a new line's first value is its own step
        _set(Stage.RAW_MATERIALS, added[0], "quantity", "0.2")(window)

    def duplicate(window) -> None:
        assert _editor(window, Stage.RAW_MATERIALS, "2").duplicate_lines()  # with its sub-lines

    _run(qtbot, opened, [add, add_child, add_and_fill, duplicate])


def test_undo_redo_delete(qtbot, opened) -> None:
    def delete(line_id: str, stage: Stage):
        return lambda window: _editor(window, stage, line_id).delete_lines()

    _run(
        qtbot,
        opened,
        [delete("1", Stage.RAW_MATERIALS), delete("9", Stage.END_OF_LIFE), delete("5", Stage.DISTRIBUTION)],
    )


def test_undo_redo_indent_outdent_move(qtbot, opened) -> None:
    _run(qtbot, opened, [
        lambda w: _editor(w, Stage.RAW_MATERIALS, "3").indent_lines(),
        lambda w: _editor(w, Stage.RAW_MATERIALS, "1.2").outdent_lines(),
        lambda w: _editor(w, Stage.END_OF_LIFE, "10").move_lines(-1),
        lambda w: _editor(w, Stage.DISTRIBUTION, "6").indent_lines(),
    ])  # fmt: skip


def test_undo_redo_paste_is_one_step_each(qtbot, opened) -> None:
    def paste(text: str, stage: Stage, line_id: str, column: str):
        return lambda window: _editor(window, stage, line_id, column).paste(text)

    _run(qtbot, opened, [
        paste("Recycling A\t8\t0.5\tkg\nLandfill B\t9\t1.5\tkg\nCompost C\t99\t2,000\tg\n", Stage.END_OF_LIFE, "8", "name"),
        paste("0.7\n0.05\n", Stage.RAW_MATERIALS, "1.1", "quantity"),
    ])  # fmt: skip


def test_undo_redo_import_of_lines_as_one_step(qtbot, opened) -> None:
    """An import (e.g. a BOM) inserts its lines as one InsertLines macro."""
    imported = (
        InventoryLine("B1", "Imported assembly", 1.0, "个", stage=Stage.RAW_MATERIALS),
        InventoryLine(
            "B1.1", "Imported steel", 0.3, "kg", parent_id="B1", factor_id="T-SS304", loss_rate=0.02
        ),
        InventoryLine("B1.2", "Imported copper", 0.01, "kg", parent_id="B1", factor_id="T-CU"),
    )

    def import_lines(window) -> None:
        at = len(window.bridge.study.lines)
        assert window.bridge.push(Macro((InsertLines(at, imported),), "Import BOM"), "Import BOM")

    _run(qtbot, opened, [import_lines, _set(Stage.RAW_MATERIALS, "B1.1", "quantity", "0.4")])


def test_undo_redo_open_project_history_starts_at_the_opened_state(qtbot, opened, prompter, tmp_path) -> None:
    """Opening a file is not undoable: the history starts there (the Undo view shows '<opened study>')."""
    _set(Stage.USE, "7", "quantity", "2190")(opened)
    prompter.save_answers.append(tmp_path / "k.pcfw")
    with qtbot.waitSignal(opened.projects.saved, timeout=10_000):
        opened.projects.act_save_as.trigger()
    assert opened.bridge.undo_stack.count() == 1  # saving keeps the history
    with qtbot.waitSignal(opened.studyLoaded, timeout=10_000):
        opened.open_path(tmp_path / "k.pcfw")
    assert opened.bridge.undo_stack.count() == 0
    _run(qtbot, opened, [_set(Stage.USE, "7", "quantity", "10")])
