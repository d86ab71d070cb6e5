"""`pcf-workbench export STUDY --excel OUT.xlsx`: exit codes, atomic output, located messages."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from libreoffice import SOFFICE, assert_cached_values_are_what_libreoffice_computes, recalculated
from studybuilders import write_workbook
from test_cli import GOOD_INVENTORY, ROOT, run_cli

EXAMPLE = ROOT / "resources" / "examples" / "electric-kettle.xlsx"


def test_export_writes_the_inventory_and_it_calculates_like_the_study(tmp_path: Path) -> None:
    out = tmp_path / "inventory.xlsx"
    result = run_cli("export", EXAMPLE, "--excel", out)
    assert result.returncode == 0, result.stderr
    assert f"wrote {out}" in result.stdout
    original = json.loads(run_cli("calc", EXAMPLE, "--json", "-").stdout)
    again = run_cli("calc", out, "--json", "-")
    assert again.returncode == 0, again.stderr
    reread = json.loads(again.stdout)
    assert reread["stages"] == original["stages"] and reread["total_kgco2e"] == original["total_kgco2e"]
    assert reread["lines"] == original["lines"]


@pytest.mark.parametrize("lang", ["both", "zh"])
def test_the_example_reads_back_as_the_same_study(tmp_path: Path, lang: str) -> None:
    from app.io.study_workbook import read_study_workbook

    out = tmp_path / "inventory.xlsx"
    assert run_cli("export", EXAMPLE, "--excel", out, "--lang", lang).returncode == 0
    original, back = read_study_workbook(EXAMPLE).study, read_study_workbook(out).study
    assert back.info == original.info
    assert back.lines == original.lines
    assert back.factors == original.factors


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed")
def test_libreoffice_recalculates_the_example_to_the_apps_result(tmp_path: Path) -> None:
    """The bundled example with library factors (per-gas GWP recomputation included)."""
    from openpyxl import load_workbook

    out = tmp_path / "inventory.xlsx"
    assert run_cli("export", EXAMPLE, "--excel", out, "--lang", "en").returncode == 0
    data = json.loads(run_cli("calc", EXAMPLE, "--json", "-").stdout)
    again = recalculated(out, tmp_path)
    assert assert_cached_values_are_what_libreoffice_computes(out, again) > 5 * len(data["lines"])
    wb = load_workbook(again, data_only=True)
    header = [c.value for c in wb["Inventory"][1]]
    col = header.index("Emissions (kg CO2e)")
    rows = list(wb["Inventory"].iter_rows(min_row=2, values_only=True))
    for line, row in zip(data["lines"], rows, strict=False):
        assert row[0] == line["line_id"]
        assert row[col] == pytest.approx(line["kgco2e"], rel=1e-9, abs=0)
    totals = [r for r in rows[len(data["lines"]) :] if isinstance(r[col], float)]
    stages = list(data["stages"].values())
    assert [r[col] for r in totals[:5]] == pytest.approx(stages, rel=1e-9, abs=0)
    assert totals[5][col] == pytest.approx(data["total_kgco2e"], rel=1e-9, abs=0)


def test_export_needs_an_output_option(tmp_path: Path) -> None:
    result = run_cli("export", EXAMPLE)
    assert result.returncode == 2
    assert "nothing to export" in result.stderr and "--excel" in result.stderr
    assert "Traceback" not in result.stderr


def test_bad_study_exits_2_and_leaves_no_file(tmp_path: Path) -> None:
    bad = write_workbook(
        tmp_path / "bad.xlsx", inventory=[["1", None, "raw_materials", "Steel", "1,5", "kg"]]
    )
    out = tmp_path / "inventory.xlsx"
    result = run_cli("export", bad, "--excel", out)
    assert result.returncode == 2
    assert "bad.xlsx, sheet 'Inventory', row 2, column 'E (quantity)'" in result.stderr
    assert "Traceback" not in result.stderr
    assert not out.exists()
    assert [p.name for p in tmp_path.iterdir()] == ["bad.xlsx"]  # no temporary file left either


def test_a_failed_export_keeps_the_previous_file(tmp_path: Path) -> None:
    bad = write_workbook(tmp_path / "bad.xlsx", inventory=[["1", None, "nowhere", "Steel", 1, "kg"]])
    out = tmp_path / "inventory.xlsx"
    out.write_bytes(b"previous export")
    assert run_cli("export", bad, "--excel", out).returncode == 2
    assert out.read_bytes() == b"previous export"


@pytest.mark.parametrize(
    ("target", "message"),
    [
        ("inventory.pdf", "inventory.pdf: the Excel inventory must be a .xlsx file"),
        ("missing/inventory.xlsx", "no such folder"),
        ("folder.xlsx", "folder.xlsx: this is a folder, not a file"),
    ],
)
def test_bad_targets_exit_2(tmp_path: Path, target: str, message: str) -> None:
    good = write_workbook(tmp_path / "good.xlsx", inventory=GOOD_INVENTORY)
    (tmp_path / "folder.xlsx").mkdir()
    result = run_cli("export", good, "--excel", tmp_path / target)
    assert result.returncode == 2
    assert message in result.stderr


def test_export_refuses_to_overwrite_the_study(tmp_path: Path) -> None:
    study = tmp_path / "study.xlsx"
    shutil.copy(EXAMPLE, study)
    before = study.read_bytes()
    result = run_cli("export", study, "--excel", study)
    assert result.returncode == 2 and "overwrite the study" in result.stderr
    assert study.read_bytes() == before


def test_missing_study_exits_2(tmp_path: Path) -> None:
    result = run_cli("export", tmp_path / "nope.xlsx", "--excel", tmp_path / "out.xlsx")
    assert result.returncode == 2 and "no such file" in result.stderr


def test_lang_zh_writes_chinese_headers(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    out = tmp_path / "inventory.xlsx"
    assert run_cli("export", EXAMPLE, "--excel", out, "--lang", "zh").returncode == 0
    wb = load_workbook(out)
    assert wb.sheetnames[:2] == ["摘要", "清单"]
    assert wb["清单"]["A1"].value == "行号"
    assert run_cli("export", EXAMPLE, "--excel", out, "--lang", "fr").returncode == 2


def test_an_unwritable_target_exits_2(tmp_path: Path) -> None:
    (tmp_path / "a-file").write_text("not a folder")
    result = run_cli("export", EXAMPLE, "--excel", tmp_path / "a-file" / "inventory.xlsx")
    assert result.returncode == 2, result.stderr
    assert "cannot write the file" in result.stderr and "Traceback" not in result.stderr
