"""Models and helpers without the full window: headers, data, setData → command → undo, paste parsing."""

from __future__ import annotations

import pytest
from kettle import kettle_study
from PySide6.QtCore import Qt

from app.core.domain import Stage
from app.core.edits import StudyDocument
from app.core.progress import Progress
from app.gui.catalog import FactorCatalog
from app.gui.columns import COLUMN_INDEX, COLUMNS, CellError, parse_cell
from app.gui.delegates import compatible_units
from app.gui.document import DocumentBridge
from app.gui.editors import parse_tsv
from app.gui.live import calculate_snapshot
from app.gui.models import InventoryModel, ProblemRow, ProblemsModel, stage_assignment

pytestmark = pytest.mark.gui


@pytest.fixture
def bridge(qapp) -> DocumentBridge:
    return DocumentBridge(StudyDocument(kettle_study()))


@pytest.fixture
def raw_model(bridge, library) -> InventoryModel:
    return InventoryModel(bridge, Stage.RAW_MATERIALS, FactorCatalog(library))


def test_headers_follow_the_ui_language(raw_model, ui_language) -> None:
    quantity = COLUMN_INDEX["quantity"]
    assert raw_model.headerData(quantity, Qt.Orientation.Horizontal) == "Quantity"
    eol = InventoryModel(raw_model.bridge, Stage.END_OF_LIFE, raw_model.catalog)
    assert eol.headerData(COLUMN_INDEX["allocation"], Qt.Orientation.Horizontal) == "Route share"
    ui_language("zh_CN")
    assert raw_model.headerData(quantity, Qt.Orientation.Horizontal) == "数量"
    assert eol.headerData(COLUMN_INDEX["allocation"], Qt.Orientation.Horizontal) == "处置比例"


def test_tree_shape_follows_parent_ids(raw_model) -> None:
    assert raw_model.rowCount() == 3  # 1, 2, 3 at the top
    body = raw_model.index_of("1")
    assert raw_model.rowCount(body) == 2
    handle = raw_model.index_of("1.2")
    assert raw_model.parent(handle) == body
    assert raw_model.index(0, 0, handle).data() == "PP handle moulding 聚丙烯把手"


def test_display_rounds_but_edit_role_keeps_full_precision(raw_model, bridge) -> None:
    from app.core.edits import SetLineField

    bridge.push(SetLineField("1.1", "quantity", 0.623456), "t")
    idx = raw_model.index_of("1.1", COLUMN_INDEX["quantity"])
    assert idx.data() == "0.623"
    assert idx.data(Qt.ItemDataRole.EditRole) == "0.623456"
    assert raw_model.index_of("1.1", COLUMN_INDEX["loss_rate"]).data() == "5.0%"


def test_set_data_pushes_an_undoable_command(raw_model, bridge) -> None:
    idx = raw_model.index_of("1.1", COLUMN_INDEX["quantity"])
    assert raw_model.setData(idx, "0.7")
    assert idx.data() == "0.700"
    assert raw_model.setData(idx, "0.8")  # same cell again: folds into one undo step
    assert bridge.undo_stack.count() == 1
    bridge.undo_stack.undo()
    assert bridge.study.line_by_id()["1.1"].quantity == 0.62
    assert idx.data() == "0.620"


def test_set_data_refuses_bad_text_and_says_why(raw_model, qtbot) -> None:
    idx = raw_model.index_of("1.1", COLUMN_INDEX["loss_rate"])
    with qtbot.waitSignal(raw_model.statusMessage) as blocker:
        assert not raw_model.setData(idx, "-5%")
    assert "negative" in blocker.args[0]
    assert raw_model.setData(idx, "8%")
    assert raw_model.bridge.study.line_by_id()["1.1"].loss_rate == pytest.approx(0.08)


def test_structure_change_rebuilds_and_calculated_columns_follow_results(raw_model, bridge) -> None:
    from app.core.edits import DeleteLines

    bridge.push(DeleteLines(("2",)), "del")
    assert raw_model.rowCount() == 2
    live = calculate_snapshot(Progress(), 0, bridge.document.snapshot(), {}, {})
    raw_model.set_live_result(live)
    body = raw_model.index_of("1", COLUMN_INDEX["kgco2e"])
    expected = sum(live.line_emissions(x) for x in ("1.1", "1.2.1"))
    assert body.data(Qt.ItemDataRole.EditRole) == pytest.approx(expected)


def test_problem_cells_carry_the_reason(raw_model, bridge) -> None:
    from app.core.edits import SetLineField

    bridge.push(SetLineField("1.1", "unit", "kWh"), "t")
    live = calculate_snapshot(Progress(), 0, bridge.document.snapshot(), {}, {})
    assert live.result is not None and live.is_partial and "1.1" in live.excluded
    raw_model.set_live_result(live)
    idx = raw_model.index_of("1.1", COLUMN_INDEX["unit"])
    assert "kWh" in idx.data(Qt.ItemDataRole.ToolTipRole)
    assert idx.data(Qt.ItemDataRole.BackgroundRole) is not None
    assert raw_model.index_of("1.1", COLUMN_INDEX["kgco2e"]).data() == "–"


def test_unknown_unit_is_flagged_before_any_calculation(raw_model, bridge) -> None:
    from app.core.edits import SetLineField

    bridge.push(SetLineField("3", "unit", "ton"), "t")
    tip = raw_model.index_of("3", COLUMN_INDEX["unit"]).data(Qt.ItemDataRole.ToolTipRole)
    assert "unknown unit" in tip


def test_unit_choices_follow_the_factor(bridge) -> None:
    study = bridge.study
    by_id = study.line_by_id()
    codes = {u.code for u in compatible_units(by_id["4"], "kWh")}
    assert "MJ" in codes and "kg" not in codes
    transport = {u.code for u in compatible_units(by_id["5"], "t·km")}
    assert transport >= {"kg", "t"} and "t·km" not in transport
    assert len(compatible_units(None, None)) > 30


@pytest.mark.parametrize(
    ("key", "text", "value"),
    [
        ("quantity", "1,234.5", 1234.5),
        ("quantity", "１２", 12.0),
        ("loss_rate", "5%", 0.05),
        ("loss_rate", "", 0.0),
        ("allocation", "60%", 0.6),
        ("distance_km", "", None),
        ("data_type", "初级", "primary"),
        ("factor_id", " ", None),
    ],
)
def test_parse_cell(key: str, text: str, value: object) -> None:
    assert parse_cell(COLUMNS[COLUMN_INDEX[key]], text) == value


@pytest.mark.parametrize(
    ("key", "text"), [("quantity", "1,5"), ("quantity", ""), ("allocation", "0"), ("name", " ")]
)
def test_parse_cell_refuses(key: str, text: str) -> None:
    with pytest.raises(CellError):
        parse_cell(COLUMNS[COLUMN_INDEX[key]], text)


def test_parse_tsv_reads_excel_clipboard() -> None:
    assert parse_tsv("a\tb\r\nc\td\r\n") == [["a", "b"], ["c", "d"]]
    assert parse_tsv('"two\nlines"\tx\n') == [["two\nlines", "x"]]
    assert parse_tsv("") == []


def test_stage_assignment_shows_orphans_in_raw_materials(bridge) -> None:
    from dataclasses import replace

    lines = list(bridge.study.lines)
    lines[1] = replace(lines[1], parent_id="ghost")
    _children, roots = stage_assignment(lines)
    assert "1.1" in roots[Stage.RAW_MATERIALS]


def test_problems_model_rows(qapp) -> None:
    from app.core.errors import Problem

    model = ProblemsModel()
    p = Problem("bad unit", file="k.xlsx", sheet="Inventory", row=4, column="F (unit)", line_id="3")
    model.set_problems("open", [ProblemRow(p, p, "open")])
    model.set_problems("calculation", [ProblemRow(p, p, "calculation")])
    model.set_problems("open", [])
    assert model.rowCount() == 1
    assert [model.index(0, c).data() for c in range(7)] == [
        "Error",
        "k.xlsx",
        "Inventory",
        "4",
        "F (unit)",
        "3",
        "bad unit",
    ]


def test_catalog_survives_a_broken_library(qapp) -> None:
    class Broken:
        @property
        def source(self):
            raise FileNotFoundError("factor database missing")

    catalog = FactorCatalog(Broken())
    assert catalog.get("X") is None and catalog.search("steel") == []
    assert "missing" in (catalog.unavailable_reason or "")
