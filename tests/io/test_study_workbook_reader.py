"""The inventory reader's column-wise fast paths: values, defaults, blank rows, every problem located."""

from __future__ import annotations

from pathlib import Path

import pytest
from studybuilders import INVENTORY_HEADER, write_workbook

from app.core.compile import compile_study
from app.core.domain import DataType, InventoryLine, Stage
from app.core.errors import InputError
from app.io.study_workbook import read_study_workbook

HEADER = [*INVENTORY_HEADER, "notes 备注2"]  # an extra column is ignored


def _row(*cells: object) -> list[object]:
    return [*cells, *([None] * (len(HEADER) - len(cells)))]


def test_values_defaults_and_blank_rows(tmp_path: Path) -> None:
    rows = [
        _row("1", None, " Use ", "Kettle", "1,234.5", " kg ", "5%", None, None, 2.0, "kg", None, "初级", "EPD", None,
             "ignored"),
        _row(),  # a blank row: skipped, later rows keep their own row numbers
        _row(" 1.1 ", "1", None, "Steel", 2, "千克", 0.05, None, "F1", None, None, "60%"),
        _row("2", None, "运输", "Truck", 3, "t", None, 100, None, 0.1, "t·km"),
    ]  # fmt: skip
    wb = write_workbook(tmp_path / "s.xlsx", inventory=rows, header=HEADER, factors=[["F1", "f", 1.5, "kg"]])
    study = read_study_workbook(wb).study
    assert not study.lines_built and study.line_count == 3
    assert compile_study(study).calculate().total == pytest.approx(
        1234.5 * 1.05 * 2.0 + 1234.5 * 1.05 * 2 * 1.05 * 1.5 * 0.6 + 3 * 100 * 0.1
    )
    assert study.lines == [
        InventoryLine("1", "Kettle", 1234.5, "kg", Stage.USE, None, 0.05, None, None, 2.0, "kg", 1.0,
                      DataType.PRIMARY, "EPD", "", 2),
        InventoryLine("1.1", "Steel", 2.0, "千克", None, "1", 0.05, None, "F1", None, None, 0.6, None, "", "", 4),
        InventoryLine("2", "Truck", 3.0, "t", Stage.DISTRIBUTION, None, 0.0, 100.0, None, 0.1, "t·km", 1.0,
                      None, "", "", 5),
    ]  # fmt: skip


def test_every_bad_row_is_reported_in_row_order(tmp_path: Path) -> None:
    rows = [
        _row("1", None, "use", "ok", 1, "kg"),
        _row("", None, "use", "no id", 1, "kg"),  # row 3
        _row("3", None, "shipping", "bad stage", "1,5", "kg"),  # row 4: stage and decimal comma
        _row("4", None, "use", "", -2, "kg", 5),  # row 5: name, negative, ambiguous loss
        _row("5", None, "use", "x", 1, "kg", None, -1, None, 2.0, None, 1.5, "tertiary"),  # row 6
        _row("6", None, None, "top without stage", 1, "kg"),  # row 7
    ]
    wb = write_workbook(tmp_path / "s.xlsx", inventory=rows)
    with pytest.raises(InputError) as err:
        read_study_workbook(wb)
    got = [(p.row, p.column, p.code) for p in err.value.problems]
    assert got == [
        (4, "E (quantity)", "number.decimal_comma"),
        (3, "A (line_id)", "cell.required"),
        (4, "C (stage)", "cell.stage"),
        (5, "D (name)", "cell.required"),
        (5, "E (quantity)", "line.quantity"),
        (5, "G (loss_rate)", "cell.loss_rate_ambiguous"),
        (6, "H (distance_km)", "line.distance"),
        (6, "K (factor_unit)", "cell.factor_unit_required"),
        (6, "L (allocation)", "cell.allocation"),
        (6, "M (data_type)", "cell.data_type"),
        (7, "C (stage)", "cell.stage_required"),
    ]
    assert all(p.sheet == "Inventory" and p.file == "s.xlsx" for p in err.value.problems)
