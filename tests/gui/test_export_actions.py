"""File ▸ Export ▸ Excel inventory (auditable): a task on the runner, a message when done."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("pytestqt")

from conftest import save_and_freeze
from openpyxl import load_workbook

from app.core.domain import InventoryLine, Stage, Study, StudyInfo
from app.io.study_workbook import read_study_workbook


def _export_menu(window):
    file_menu = window.menuBar().actions()[0].menu()
    return next(a.menu() for a in file_menu.actions() if a.menu() and a.text() == "Export")


def _excel_action(window):
    return next(a for a in _export_menu(window).actions() if a.text() == "Excel inventory (auditable)…")


def test_excel_inventory_from_the_file_menu(qtbot, opened, prompter, tmp_path: Path) -> None:
    out = tmp_path / "inventory.xlsx"
    prompter.save_answers.append(out)
    titles: list[str] = []
    opened.runner.submitted.connect(lambda task: titles.append(task.title))
    with qtbot.waitSignal(opened.export_actions.excelExported, timeout=30_000) as exported:
        _excel_action(opened).trigger()
    assert "Exporting" in titles  # the work ran on the task runner, not on the GUI thread
    assert exported.args == [out]
    assert "Exported the Excel inventory" in opened.statusBar().currentMessage()
    back = read_study_workbook(out).study
    assert back.lines == opened.bridge.study.lines
    assert back.factors == opened.bridge.study.factors
    assert not [m for m in prompter.messages if m[0] == "error"]
    assert load_workbook(out, read_only=True).sheetnames[:2] == ["Summary", "Inventory"]  # the English UI's


def test_both_languages_when_the_submenu_option_is_checked(qtbot, opened, tmp_path: Path) -> None:
    both = opened.export_actions.act_both_languages
    assert both in _export_menu(opened).actions() and both.isCheckable() and not both.isChecked()
    both.trigger()
    out = tmp_path / "inventory.xlsx"
    with qtbot.waitSignal(opened.export_actions.excelExported, timeout=30_000):
        opened.export_actions.export_excel(out)
    assert load_workbook(out, read_only=True).sheetnames[:2] == ["Summary 摘要", "Inventory"]


def test_a_study_with_errors_is_not_exported(qtbot, window, prompter, tmp_path: Path) -> None:
    bad = Study(StudyInfo("Bad", "1 piece"), [InventoryLine("1", "Steel", 1.0, "ton", Stage.RAW_MATERIALS,
                                                            factor_value=2.0, factor_unit="kg")])  # fmt: skip
    window.bridge.replace(bad, None)
    out = tmp_path / "inventory.xlsx"
    task = window.export_actions.export_excel(out)
    with qtbot.waitSignal(task.done, timeout=30_000):
        pass
    assert not out.exists()
    errors = [m for m in prompter.messages if m[0] == "error"]
    assert errors and "fix them" in errors[0][2] and "ton" in errors[0][2]


def test_the_open_study_is_never_overwritten(qtbot, opened, prompter, kettle_file: Path) -> None:
    before = kettle_file.read_bytes()
    assert opened.export_actions.export_excel(kettle_file) is None
    assert kettle_file.read_bytes() == before
    assert prompter.messages[-1][0] == "error"


def _summary_values(path: Path) -> list[object]:
    return [c.value for c in load_workbook(path, read_only=False)["Summary"]["B"]]


def test_a_frozen_project_prints_its_fingerprint_and_a_later_edit_a_draft(
    qtbot, opened, prompter, tmp_path: Path
) -> None:
    from app.core.edits import SetLineField

    fingerprint = save_and_freeze(qtbot, opened, prompter, tmp_path / "kettle.pcfw")
    frozen_out = tmp_path / "frozen.xlsx"
    with qtbot.waitSignal(opened.export_actions.excelExported, timeout=30_000):
        opened.export_actions.export_excel(frozen_out)
    values = _summary_values(frozen_out)
    assert fingerprint in values and "DRAFT – not frozen" not in values

    with qtbot.waitSignal(opened.resultShown, timeout=10_000):
        assert opened.bridge.push(SetLineField("7", "quantity", 2190.0), "edit")  # a new working revision
    draft_out = tmp_path / "draft.xlsx"
    with qtbot.waitSignal(opened.export_actions.excelExported, timeout=30_000):
        opened.export_actions.export_excel(draft_out)
    values = _summary_values(draft_out)
    assert fingerprint not in values and "DRAFT – not frozen" in values
