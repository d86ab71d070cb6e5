"""The BOM import wizard: isolated reading, mapping suggestions, problems per cell, factors, one undo step."""

from __future__ import annotations

from pathlib import Path

import hostile_files as hf
import pytest
from bomfiles import write_kingdee, write_problem_xlsx

from app.services.bom_matching import MappingMemory

pytestmark = pytest.mark.gui
TIMEOUT = 30_000


def _open(qtbot, window, prompter, path: Path):
    prompter.open_answers.append(path)
    wizard = window.import_bom_dialog()
    assert wizard is not None
    qtbot.addWidget(wizard)
    return wizard


def test_file_menu_has_the_import_action(window) -> None:
    file_menu = window.menuBar().actions()[0].menu()
    assert window.act_import_bom in file_menu.actions()


def test_import_is_one_undo_step_and_confirmed_factors_are_remembered(
    qtbot, window, prompter, tmp_path
) -> None:
    before = len(window.bridge.study.lines)
    wizard = _open(qtbot, window, prompter, write_kingdee(tmp_path))
    with qtbot.waitSignal(wizard.gridLoaded, timeout=TIMEOUT):
        pass
    assert wizard.source_page.sheet_combo.currentData() == "BOM多级展开"
    assert wizard.source_page.isComplete()
    wizard.next()  # → columns: the two-row merged header was found
    page = wizard.mapping_page
    assert wizard.currentPage() is page
    assert {k: c.currentData() for k, c in page.combos.items()}[5] == "quantity"  # F: 用量 / 分子
    assert page.combos[6].currentData() == "quantity_base"  # G: 用量 / 分母
    with qtbot.waitSignal(wizard.parsed, timeout=TIMEOUT):
        wizard.next()  # → preview
    assert wizard.preview_page.isComplete()
    assert wizard.preview_page.table.rowCount() == 6
    with qtbot.waitSignal(wizard.matched, timeout=TIMEOUT):
        wizard.next()  # → factors
    factors = wizard.factor_page
    assert wizard.choices["M300"] == "LIB-STEEL-SS"  # 不锈钢板 → stainless steel, suggested
    assert "M300" not in wizard.confirmed
    factors.select_material("M300")
    assert factors.suggestions.count() >= 1
    factors.confirm_selected()
    factors.select_material("M400")
    factors.choose_selected("LIB-ALU", confirm=True)  # as if picked with the factor picker
    wizard.back()
    with qtbot.waitSignal(wizard.matched, timeout=TIMEOUT):
        wizard.next()  # back and forth keeps the choices
    assert wizard.choices["M400"] == "LIB-ALU" and {"M300", "M400"} <= wizard.confirmed
    wizard.next()  # → review
    assert "8 lines will be added" in wizard.review_page.summary.text()
    with qtbot.waitSignal(wizard.imported, timeout=TIMEOUT):
        wizard.accept()
    study = window.bridge.study
    assert len(study.lines) == before + 8
    assert window.bridge.undo_stack.count() == 1
    by_name = {ln.name: ln for ln in study.lines}
    assert by_name["不锈钢板 SUS304 0.6mm"].factor_id == "LIB-STEEL-SS"
    assert by_name["PP把手"].factor_id == "LIB-ALU"
    memory = MappingMemory()
    assert {k: e.factor_id for k, e in memory.entries.items()} == {"M300": "LIB-STEEL-SS", "M400": "LIB-ALU"}
    window.bridge.undo_stack.undo()
    assert len(window.bridge.study.lines) == before


def test_problems_are_marked_per_cell_and_block_the_import(qtbot, window, prompter, tmp_path) -> None:
    wizard = _open(qtbot, window, prompter, write_problem_xlsx(tmp_path))
    with qtbot.waitSignal(wizard.gridLoaded, timeout=TIMEOUT):
        pass
    combo = wizard.source_page.sheet_combo
    assert [combo.itemText(i) for i in range(combo.count())] == ["Old BOM (hidden)", "BOM"]
    assert combo.currentData() == "BOM"  # a hidden sheet is never the default
    wizard.next()
    with qtbot.waitSignal(wizard.parsed, timeout=TIMEOUT):
        wizard.next()
    preview = wizard.preview_page
    assert not preview.isComplete()
    assert "formula without a cached value" in preview.cell_problem(3, 2)
    assert "stored as text" in preview.cell_problem(4, 2)
    assert "ambiguous" in preview.cell_problem(6, 3) or "box" in preview.cell_problem(6, 3)
    assert preview.cell_problem(2, 2) == ""
    assert preview.table.item(1, 2).background().color().name() == "#f4c7c3"  # row 3, column C: error


def test_a_hostile_file_is_refused_without_harm(qtbot, window, prompter, tmp_path) -> None:
    wizard = _open(qtbot, window, prompter, hf.make_billion_laughs_sheet(tmp_path))
    with qtbot.waitSignal(wizard.failed, timeout=TIMEOUT) as blocker:
        pass
    assert "refused" in blocker.args[0]
    assert not wizard.source_page.isComplete()
    assert window.bridge.undo_stack.count() == 0


def _to_review(qtbot, window, prompter, path: Path):
    wizard = _open(qtbot, window, prompter, path)
    with qtbot.waitSignal(wizard.gridLoaded, timeout=TIMEOUT):
        pass
    wizard.next()
    with qtbot.waitSignal(wizard.parsed, timeout=TIMEOUT):
        wizard.next()
    with qtbot.waitSignal(wizard.matched, timeout=TIMEOUT):
        wizard.next()
    wizard.next()
    assert wizard.currentPage() is wizard.review_page
    return wizard


def test_reimport_shows_the_diff_before_applying(qtbot, window, prompter, tmp_path) -> None:
    first = _to_review(qtbot, window, prompter, write_kingdee(tmp_path))
    with qtbot.waitSignal(first.imported, timeout=TIMEOUT):
        first.accept()
    v2 = write_kingdee(tmp_path, "v2.xlsx", quantities={"M300": 0.7}, drop=("M400",))
    second = _to_review(qtbot, window, prompter, v2)
    assert "0 added, 1 removed, 1 changed, 6 unchanged" in second.review_page.summary.text()
    texts = [second.review_page.changes.item(i).text() for i in range(second.review_page.changes.count())]
    assert any(t.startswith("~ B1.1.1") and "0.620 → 0.700" in t for t in texts)
    assert any(t.startswith("- B1.2") for t in texts)
    assert window.bridge.study.line_by_id()["B1.1.1"].quantity == 0.62  # nothing applied yet
    with qtbot.waitSignal(second.imported, timeout=TIMEOUT):
        second.accept()
    assert window.bridge.study.line_by_id()["B1.1.1"].quantity == 0.7
    assert window.bridge.undo_stack.count() == 2
    window.bridge.undo_stack.undo()
    assert window.bridge.study.line_by_id()["B1.1.1"].quantity == 0.62
    assert "B1.2" in window.bridge.study.line_by_id()


def test_a_column_can_be_remapped(qtbot, window, prompter, tmp_path) -> None:
    wizard = _open(qtbot, window, prompter, write_kingdee(tmp_path))
    with qtbot.waitSignal(wizard.gridLoaded, timeout=TIMEOUT):
        pass
    wizard.next()
    wizard.mapping_page.set_field(7, None)  # H: 损耗率(%) → not imported
    with qtbot.waitSignal(wizard.parsed, timeout=TIMEOUT):
        wizard.next()
    assert wizard.table is not None
    assert all(r.loss_rate == 0.0 for r in wizard.table.rows)


def test_going_back_keeps_the_column_choices(qtbot, window, prompter, tmp_path) -> None:
    wizard = _open(qtbot, window, prompter, write_kingdee(tmp_path))
    with qtbot.waitSignal(wizard.gridLoaded, timeout=TIMEOUT):
        pass
    wizard.next()
    page = wizard.mapping_page
    assert page.combos[7].currentData() == "loss_rate"  # suggested from 损耗率(%)
    page.set_field(7, None)
    page.set_field(8, "gross_weight")  # I: 净重(kg) read as the gross weight
    wizard.back()  # to the file and sheet page, then forward again: the header is detected again
    assert wizard.currentPage() is wizard.source_page
    wizard.next()
    assert wizard.currentPage() is page
    assert page.combos[7].currentData() is None and page.combos[8].currentData() == "gross_weight"
    with qtbot.waitSignal(wizard.parsed, timeout=TIMEOUT):
        wizard.next()
    wizard.back()  # from the preview: still the user's mapping
    assert page.combos[7].currentData() is None


def test_the_file_dialog_offers_csv_boms(window, prompter) -> None:
    assert window.import_bom_dialog() is None  # the dialog was cancelled
    offered = prompter.open_filters[-1]
    assert offered is not None and offered.startswith("BOM files (*.xlsx *.csv *.txt)")
