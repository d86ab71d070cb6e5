"""The data-collection template: written by `pcf-workbench template`, filled in, calculated without edits."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from test_cli import run_cli

from app.core.domain import Boundary, GwpSet, Stage
from app.io.study_workbook import read_study_workbook

# What a plant engineer types into the template's Inventory sheet (columns A..O)
FILLED_ROWS = [
    ["1", None, "原材料获取", "Kettle body 壶身", 1, "个"],
    ["1.1", "1", None, "Stainless steel 不锈钢", 0.62, "千克", "5%", None, "SS", None, None, None, "初级"],
    ["2", None, "production", "Electricity 电", 1.4, "度", None, None, None, 0.5777, "kWh"],
    ["3", None, "分销运输", "Truck 货车", 1.3, "kg", None, 650, None, 0.1, "吨公里"],
    ["4", None, "use", "Use-phase electricity", 0.365, "MWh", None, None, None, 0.5777, "kWh", 1],
]
# 0.62 × 1.05 × 3.2 = 2.0832; 1.4 × 0.5777 = 0.80878; 0.0013 t × 650 × 0.1 = 0.0845; 365 × 0.5777 = 210.8605
EXPECTED = {"raw_materials": 2.0832, "production": 0.80878, "distribution": 0.0845, "use": 210.8605}


def _fill(template: Path, filled: Path) -> None:
    from openpyxl import load_workbook

    wb = load_workbook(template)
    study = wb["Study"]
    keys = {str(study.cell(row=r, column=1).value).split(" / ")[0]: r for r in range(2, study.max_row + 1)}
    study.cell(row=keys["product_name"], column=2, value="Electric kettle 电热水壶")
    study.cell(row=keys["declared_unit"], column=2, value="1 台")
    study.cell(row=keys["boundary"], column=2, value="摇篮到坟墓")
    study.cell(row=keys["reference_year"], column=2, value=2024)
    inventory = wb["Inventory"]
    for r, values in enumerate(FILLED_ROWS, start=2):
        for c, value in enumerate(values, start=1):
            if value is not None:
                inventory.cell(row=r, column=c, value=value)
    factors = wb["Factors"]
    for c, value in enumerate(["SS", "Stainless steel (supplier)", 3.2, "kg", "Supplier EPD"], start=1):
        factors.cell(row=2, column=c, value=value)
    wb.save(filled)


def _check(path: Path) -> None:
    result = run_cli("calc", path, "--json", "-")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    for stage, value in EXPECTED.items():
        assert data["stages"][stage] == pytest.approx(value, rel=1e-12)
    assert data["boundary"] == "cradle-to-grave"
    assert data["total_kgco2e"] == pytest.approx(sum(EXPECTED.values()), rel=1e-12)


def test_template_has_instructions_dropdowns_and_an_example_that_is_never_calculated(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    out = tmp_path / "t.xlsx"
    assert run_cli("template", out).returncode == 0
    wb = load_workbook(out)
    assert wb.sheetnames[:4] == ["Instructions 说明", "Study", "Inventory", "Factors"]
    assert wb["Lists 列表"].sheet_state == "hidden"
    inventory = wb["Inventory"]
    headers = [c.value for c in inventory[1]]
    assert headers[0] == "line_id / 行号" and headers[5] == "unit / 单位"
    assert inventory.max_row == 1  # empty: the example lives on its own sheet
    validations = {
        str(dv.sqref).split(":")[0]: dv.formula1 for dv in inventory.data_validations.dataValidation
    }
    assert "Lists" in validations["C2"] and "Lists" in validations["F2"]  # stage and unit drop-downs
    study_validations = [dv.formula1 for dv in wb["Study"].data_validations.dataValidation]
    assert len(study_validations) == 2  # boundary and GWP set
    example = wb["Example 示例"]
    assert example.max_row > 3


def test_the_template_read_before_filling_in_names_what_is_missing(tmp_path: Path) -> None:
    out = tmp_path / "t.xlsx"
    run_cli("template", out)
    result = run_cli("calc", out)
    assert result.returncode == 2
    assert "'product_name' (产品名称) is required" in result.stderr
    assert "the inventory has no lines" in result.stderr


def test_filled_in_template_calculates_without_edits(tmp_path: Path) -> None:
    template = tmp_path / "t.xlsx"
    run_cli("template", template)
    filled = tmp_path / "filled.xlsx"
    _fill(template, filled)
    _check(filled)
    study = read_study_workbook(filled).study
    assert study.info.boundary is Boundary.CRADLE_TO_GRAVE and study.info.gwp_set is GwpSet.AR6
    assert study.info.reference_year == 2024
    assert study.lines[2].stage is Stage.PRODUCTION


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed")
def test_filled_in_template_saved_by_libreoffice_calculates(tmp_path: Path) -> None:
    """A real spreadsheet program re-saves the filled-in form (cached values, its own XML)."""
    template = tmp_path / "t.xlsx"
    run_cli("template", template)
    filled = tmp_path / "filled.xlsx"
    _fill(template, filled)
    outdir = tmp_path / "lo"
    subprocess.run(
        ["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path / 'profile'}", "--convert-to",
         "xlsx:Calc MS Excel 2007 XML", "--outdir", str(outdir), str(filled)],
        check=True, capture_output=True, timeout=180,
    )  # fmt: skip
    _check(outdir / "filled.xlsx")
