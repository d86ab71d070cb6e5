"""Which sheets writing a study back to its workbook would drop (``sheets_a_rewrite_drops``)."""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook

from app.io.study_template import write_template
from app.services.studies import sheets_a_rewrite_drops


def _workbook(path: Path, names: list[str]) -> Path:
    wb = Workbook()
    wb.active.title = names[0]
    for name in names[1:]:
        wb.create_sheet(name)
    wb.save(path)
    return path


def test_the_template_and_the_contract_sheets_by_either_name_are_kept(tmp_path: Path) -> None:
    write_template(tmp_path / "blank.xlsx")  # the blank template, examples included
    assert sheets_a_rewrite_drops(tmp_path / "blank.xlsx") == []
    zh = _workbook(tmp_path / "zh.xlsx", ["研究信息", "清单", " 因子 ", "inventory"])
    assert sheets_a_rewrite_drops(zh) == []


def test_the_users_own_sheets_are_named_in_order(tmp_path: Path) -> None:
    path = _workbook(tmp_path / "s.xlsx", ["Study", "Notes 备注", "Inventory", "Factors", "Supplier data"])
    assert sheets_a_rewrite_drops(path) == ["Notes 备注", "Supplier data"]
