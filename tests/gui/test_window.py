"""The main window driven as a person would (offscreen): the acceptance list of issue 4."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPoint, Qt, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QApplication, QComboBox, QLineEdit

from app.core.domain import Stage
from app.core.numbers import format_sig
from app.gui.columns import COLUMN_INDEX

pytestmark = pytest.mark.gui

ROOT = Path(__file__).resolve().parents[2]


def total_of(window) -> float:
    live = window.calc.latest
    assert live is not None and live.result is not None
    return live.result.total


def edit_cell(qtbot, window, editor, line_id: str, key: str, text: str) -> None:
    """Type into a cell the way a person does: select it, type, press Enter."""
    idx = editor.model.index_of(line_id, COLUMN_INDEX[key])
    editor.view.setFocus()
    editor.view.setCurrentIndex(idx)
    editor.view.edit(idx)
    widget = editor.view.indexWidget(idx)
    if isinstance(widget, QComboBox):
        widget = widget.lineEdit()
    assert isinstance(widget, QLineEdit), widget
    widget.selectAll()
    qtbot.keyClicks(widget, text)
    with qtbot.waitSignal(window.resultShown, timeout=10_000):
        qtbot.keyClick(widget, Qt.Key.Key_Return)


def cli_json(path: Path) -> dict:
    out = subprocess.run(
        [sys.executable, "-m", "app", "calc", str(path), "--json", "-"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=True,
    )
    return json.loads(out.stdout)


def test_open_shows_the_same_figures_as_the_cli(opened, kettle_file: Path) -> None:
    expected = cli_json(kettle_file)
    live = opened.calc.latest
    assert live.result.total == pytest.approx(expected["total_kgco2e"], rel=1e-12)
    shown = opened.results_page.figures()
    assert shown["total"] == format_sig(expected["total_kgco2e"])
    for stage, value in expected["stages"].items():
        assert shown[stage] == format_sig(value)
    assert opened.live_results.figures()["total"] == format_sig(expected["total_kgco2e"])
    assert format_sig(expected["total_kgco2e"]) in opened.total_status.text()


def test_edit_quantity_changes_the_total_and_undo_restores_it(qtbot, opened) -> None:
    editor = opened.stage_editors[Stage.USE]
    opened.navigate(1 + Stage.USE.index)
    before = total_of(opened)
    edit_cell(qtbot, opened, editor, "7", "quantity", "2190")
    assert opened.bridge.study.line_by_id()["7"].quantity == 2190
    after = total_of(opened)
    assert after > before * 1.9
    assert opened.live_results.figures()["total"] == format_sig(after)
    assert opened.isWindowModified()
    with qtbot.waitSignal(opened.resultShown, timeout=10_000):
        opened.act_undo.trigger()
    assert total_of(opened) == pytest.approx(before)


def test_add_child_line_and_pick_a_factor_by_typing(qtbot, opened, library) -> None:
    opened.navigate(1)
    editor = opened.stage_editors[Stage.RAW_MATERIALS]
    editor.select_line("1")
    before = total_of(opened)
    opened.act_add_child.trigger()
    new_id = editor.selected_line_ids()[0]
    new = opened.bridge.study.line_by_id()[new_id]
    assert new.parent_id == "1" and new.unit == "kg"
    name_editor = editor.view.indexWidget(editor.model.index_of(new_id, 0))
    if name_editor is not None:
        qtbot.keyClick(name_editor, Qt.Key.Key_Escape)  # keep the proposed name

    edit_cell(qtbot, opened, editor, new_id, "quantity", "0.1")
    idx = editor.model.index_of(new_id, COLUMN_INDEX["factor_id"])
    editor.view.setCurrentIndex(idx)
    editor.view.edit(idx)
    picker = editor.view.indexWidget(idx)
    qtbot.keyClicks(picker, "alumin")
    assert library.queries and library.queries[-1] == "alumin"
    popup = picker.popup
    qtbot.waitUntil(popup.isVisible, timeout=5000)
    assert "Aluminium ingot" in popup.model().index(0, 0).data()
    with qtbot.waitSignal(opened.resultShown, timeout=10_000):
        qtbot.keyClick(popup, Qt.Key.Key_Return)
    assert opened.bridge.study.line_by_id()[new_id].factor_id == "LIB-ALU"
    # 0.1 kg of aluminium per kettle body adds 1.65 kg CO2e
    assert total_of(opened) == pytest.approx(before + 0.1 * 16.5)
    assert "Aluminium" in editor.model.index_of(new_id, COLUMN_INDEX["factor_id"]).data()


def test_paste_a_3_by_4_range_is_one_undo_step(qtbot, opened) -> None:
    opened.navigate(1 + Stage.END_OF_LIFE.index)
    editor = opened.stage_editors[Stage.END_OF_LIFE]
    editor.select_line("8", "name")
    text = (
        "Recycling A\t8\t0.5\tkg\n"
        "Landfill B\t9\t1.5\tkg\n"
        "Compost C\t99\t2,000\tg\n"
    )  # name, line id, quantity, unit — as copied from Excel
    QApplication.clipboard().setText(text)
    depth = opened.bridge.undo_stack.count()
    with qtbot.waitSignal(opened.resultShown, timeout=10_000):
        opened.act_paste.trigger()
    by_id = opened.bridge.study.line_by_id()
    assert by_id["8"].name == "Recycling A" and by_id["8"].quantity == 0.5
    assert by_id["9"].quantity == 1.5
    assert "99" in by_id and by_id["99"].quantity == 2000 and by_id["99"].unit == "g"
    assert opened.bridge.undo_stack.count() == depth + 1
    with qtbot.waitSignal(opened.resultShown, timeout=10_000):
        opened.act_undo.trigger()
    by_id = opened.bridge.study.line_by_id()
    assert by_id["8"].quantity == 0.65 and "99" not in by_id and by_id["10"].name == "Incineration 焚烧"


def test_copy_gives_excel_a_tab_separated_range(opened) -> None:
    editor = opened.stage_editors[Stage.DISTRIBUTION]
    opened.navigate(1 + Stage.DISTRIBUTION.index)
    model, sel = editor.model, editor.view.selectionModel()
    for lid in ("5", "6"):
        for key in ("quantity", "unit"):
            sel.select(model.index_of(lid, COLUMN_INDEX[key]), sel.SelectionFlag.Select)
    opened.act_copy.trigger()
    assert QApplication.clipboard().text() == "1.3\tkg\n1.3\tkg\n"


def test_delete_line_updates_the_result_and_hotspot_selects_a_line(qtbot, opened) -> None:
    before = total_of(opened)
    top = opened.live_results.hotspot_model.hotspot(0)
    assert top.line_id == "7"  # use-phase electricity dominates a kettle
    opened.live_results.hotspot_view.clicked.emit(opened.live_results.hotspot_model.index(0, 1))
    editor = opened.current_editor()
    assert editor is opened.stage_editors[Stage.USE]
    assert editor.selected_line_ids() == ["7"]
    with qtbot.waitSignal(opened.resultShown, timeout=10_000):
        opened.act_delete.trigger()
    assert "7" not in opened.bridge.study.line_by_id()
    assert total_of(opened) == pytest.approx(before - top.kgco2e)
    assert opened.live_results.hotspot_model.hotspot(0).line_id != "7"


def test_deleting_a_sub_assembly_deletes_its_children(qtbot, opened) -> None:
    opened.navigate(1)
    editor = opened.stage_editors[Stage.RAW_MATERIALS]
    editor.select_line("1")
    with qtbot.waitSignal(opened.resultShown, timeout=10_000):
        opened.act_delete.trigger()
    ids = set(opened.bridge.study.line_by_id())
    assert not ids & {"1", "1.1", "1.2", "1.2.1"}


def test_indent_outdent_move_and_duplicate_from_the_menu(qtbot, opened) -> None:
    opened.navigate(1)
    editor = opened.stage_editors[Stage.RAW_MATERIALS]
    editor.select_line("3")
    opened.act_indent.trigger()
    assert opened.bridge.study.line_by_id()["3"].parent_id == "2"
    opened.act_outdent.trigger()
    assert opened.bridge.study.line_by_id()["3"].parent_id is None
    editor.select_line("3")
    opened.act_up.trigger()
    assert editor.model.top_level_ids() == ["1", "3", "2"]
    editor.select_line("2")
    opened.act_duplicate.trigger()
    assert len(editor.model.top_level_ids()) == 4
    assert opened.bridge.undo_stack.count() == 4
    for _ in range(4):
        opened.act_undo.trigger()
    assert editor.model.top_level_ids() == ["1", "2", "3"]


def test_invalid_cell_is_marked_with_the_reason(qtbot, opened) -> None:
    opened.navigate(1)
    editor = opened.stage_editors[Stage.RAW_MATERIALS]
    edit_cell(qtbot, opened, editor, "3", "unit", "kWh")  # carton in kWh: cannot convert to kg
    idx = editor.model.index_of("3", COLUMN_INDEX["unit"])
    tip = idx.data(Qt.ItemDataRole.ToolTipRole)
    assert "kWh" in tip and "kg" in tip
    assert idx.data(Qt.ItemDataRole.BackgroundRole) is not None
    live = opened.calc.latest
    assert live.is_partial and "3" in live.excluded
    assert opened.problems_model.rowCount() >= 1
    # the Problems panel jumps to the cell
    opened.navigate(0)
    assert opened.jump_to_problem(0)
    assert opened.current_editor() is editor
    assert editor.view.currentIndex().column() == COLUMN_INDEX["unit"]


def test_typing_text_into_a_number_cell_is_refused_with_a_message(qtbot, opened) -> None:
    editor = opened.stage_editors[Stage.USE]
    model = editor.model
    idx = model.index_of("7", COLUMN_INDEX["quantity"])
    assert not model.setData(idx, "1,5")  # decimal comma: refused, never guessed
    assert "decimal comma" in opened.statusBar().currentMessage()
    assert opened.bridge.study.line_by_id()["7"].quantity == 1095


def test_open_errors_go_to_the_problems_panel(qtbot, window, tmp_path: Path) -> None:
    bad = tmp_path / "bad.xlsx"
    sys.path.insert(0, str(ROOT / "tests"))
    from studybuilders import write_workbook

    write_workbook(bad, inventory=[("1", None, "raw_materials", "Steel", "lots", "kg")])
    with qtbot.waitSignal(window.studyLoaded, timeout=10_000) as blocker:
        window.open_path(bad)
    assert blocker.args == [False]
    assert window.problems_model.rowCount() == 1
    row = window.problems_model.problem_row(0).shown
    assert row.file == "bad.xlsx" and row.row == 2 and "quantity" in str(row.column)


def test_drop_a_workbook_opens_it(qtbot, window, kettle_file: Path) -> None:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(kettle_file))])
    event = QDropEvent(
        QPoint(10, 10),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    with qtbot.waitSignal(window.studyLoaded, timeout=10_000):
        window.dropEvent(event)
    assert window.bridge.document.path == kettle_file
    assert window.user_settings.recent_files() == [kettle_file.resolve()]


def test_export_writes_a_workbook_the_cli_reads_back(qtbot, opened, prompter, tmp_path: Path) -> None:
    editor = opened.stage_editors[Stage.USE]
    opened.navigate(1 + Stage.USE.index)
    edit_cell(qtbot, opened, editor, "7", "quantity", "500")
    out = tmp_path / "exported.xlsx"
    prompter.save_answers.append(out)
    with qtbot.waitSignal(opened.exported, timeout=20_000):
        opened.act_export.trigger()
    assert not opened.isWindowModified()
    assert cli_json(out)["total_kgco2e"] == pytest.approx(total_of(opened), rel=1e-12)


def test_study_settings_edit_is_undoable(qtbot, opened) -> None:
    page = opened.settings_page
    opened.navigate(0)
    page.product.setText("Kettle Pro")
    page.product.editingFinished.emit()
    assert opened.bridge.study.info.product_name == "Kettle Pro"
    assert "Kettle Pro" in opened.windowTitle()
    with qtbot.waitSignal(opened.resultShown, timeout=10_000):
        page.gwp.setCurrentIndex(page.gwp.findData("AR5"))
    assert opened.bridge.study.info.gwp_set.value == "AR5"
    opened.act_undo.trigger()
    opened.act_undo.trigger()
    assert opened.bridge.study.info.product_name.startswith("Electric kettle")
    assert page.product.text().startswith("Electric kettle")
