"""The command line as a user meets it: exit codes, located messages, no tracebacks, no partial files."""

from __future__ import annotations

import json
import math
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

import pytest
from studybuilders import write_workbook

ROOT = Path(__file__).resolve().parents[2]
MEMORY_LIMIT = 2 * 1024**3


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


def run_cli(
    *args: str | Path, cwd: Path | None = None, timeout: float = 60
) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run(
        [sys.executable, "-m", "app", *map(str, args)],
        cwd=cwd or ROOT,
        capture_output=True,
        text=True,
        timeout=timeout,
        env=env,
        preexec_fn=_limit_memory,
    )


GOOD_INVENTORY = [
    # line_id, parent, stage, name, qty, unit, loss, dist, factor_id, fvalue, funit, alloc, dtype, source, comment
    ["1", None, "raw_materials", "Body", 1, "个", None, None, None, None, None, None, None, None, None],
    ["1.1", "1", None, "Steel", 0.8, "千克", "5%", None, None, 2.0, "kg", None, "primary", "EPD", None],
    ["2", None, "生产制造", "Electricity", 3, "度", None, None, None, 0.5777, "kWh", None, None, None, None],
    ["3", None, "distribution", "Truck", 1.2, "kg", None, 500, None, 0.1, "tkm", None, None, None, None],
]
# 0.8 × 1.05 × 2.0 = 1.68; 3 × 0.5777 = 1.7331; 0.0012 t × 500 km × 0.1 = 0.06
GOOD_TOTAL = 1.68 + 1.7331 + 0.06


def test_calc_prints_a_readable_summary(tmp_path: Path) -> None:
    wb = write_workbook(tmp_path / "study.xlsx", inventory=GOOD_INVENTORY)
    result = run_cli("calc", wb)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "Kettle" in out and "1 piece" in out
    assert "Raw material acquisition 原材料获取" in out
    assert "3.47" in out  # the total, 3 significant figures
    assert "Traceback" not in result.stderr


def test_calc_json_to_stdout_follows_the_contract(tmp_path: Path) -> None:
    wb = write_workbook(tmp_path / "study.xlsx", inventory=GOOD_INVENTORY)
    result = run_cli("calc", wb, "--json", "-")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["schema"] == "pcf-result/1"
    assert set(data["stages"]) == {"raw_materials", "production", "distribution", "use", "end_of_life"}
    assert data["total_kgco2e"] == pytest.approx(GOOD_TOTAL, rel=1e-14)
    assert data["total_kgco2e"] == sum(data["stages"].values())
    assert math.isclose(data["total_kgco2e"], math.fsum(x["kgco2e"] for x in data["lines"]), rel_tol=1e-12)
    assert data["stages"]["production"] == pytest.approx(1.7331, rel=1e-14)
    steel = next(x for x in data["lines"] if x["line_id"] == "1.1")
    assert steel == {
        "line_id": "1.1",
        "stage": "raw_materials",
        "activity": pytest.approx(0.84),
        "activity_unit": "kg",
        "kgco2e": pytest.approx(1.68),
        "factor_id": None,
        "factor_origin": "inline",
        "factor_kgco2e_per_unit": 2.0,
        "factor_unit": "kg",
        "factor_basis": "not stated",
    }
    assert data["boundary"] == "cradle-to-gate" and data["gwp_set"] == "AR6"


def test_calc_json_to_a_file(tmp_path: Path) -> None:
    wb = write_workbook(tmp_path / "study.xlsx", inventory=GOOD_INVENTORY)
    out = tmp_path / "result.json"
    result = run_cli("calc", wb, "--json", out)
    assert result.returncode == 0, result.stderr
    assert json.loads(out.read_text(encoding="utf-8"))["total_kgco2e"] == pytest.approx(GOOD_TOTAL)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["result.json", "study.xlsx"]


def test_bad_input_leaves_no_output_file(tmp_path: Path) -> None:
    rows = [list(GOOD_INVENTORY[0]), list(GOOD_INVENTORY[1])]
    rows[1][5] = "ton"
    wb = write_workbook(tmp_path / "study.xlsx", inventory=rows)
    out = tmp_path / "result.json"
    result = run_cli("calc", wb, "--json", out)
    assert result.returncode == 2
    assert sorted(p.name for p in tmp_path.iterdir()) == ["study.xlsx"]


def _inv(*changes: tuple[int, int, object], extra: list[list[object]] | None = None) -> list[list[object]]:
    rows = [list(r) for r in GOOD_INVENTORY] + (extra or [])
    for r, c, value in changes:
        rows[r][c] = value
    return rows


# (name, inventory rows, expected fragments of stderr)
BAD_WORKBOOKS = [
    (
        "duplicate id",
        _inv((3, 0, "2")),
        ["sheet 'Inventory'", "row 5", "duplicate line id '2'", "A (line_id)"],
    ),
    ("missing parent", _inv((1, 1, "9")), ["row 3", "parent '9' does not exist", "B (parent_id)"]),
    (
        "parent loop",
        _inv((0, 1, "1.1"), (0, 2, None)),
        ["parent loop", "sheet 'Inventory'"],
    ),
    ("negative quantity", _inv((2, 4, -3)), ["row 4", "E (quantity)", "≥ 0"]),
    ("text quantity", _inv((2, 4, "three")), ["row 4", "E (quantity)", "expected a number, got 'three'"]),
    ("decimal comma", _inv((2, 4, "1,5")), ["row 4", "E (quantity)", "decimal comma"]),
    ("ton", _inv((1, 5, "ton")), ["row 3", "F (unit)", "'ton' is ambiguous"]),
    ("unknown unit", _inv((1, 5, "furlong")), ["row 3", "F (unit)", "unknown unit 'furlong'"]),
    ("unit mismatch", _inv((2, 5, "kg")), ["row 4", "F (unit)", "does not measure the same thing"]),
    (
        "unknown factor",
        _inv((2, 8, "NOPE"), (2, 9, None), (2, 10, None)),
        ["row 4", "I (factor_id)", "'NOPE'"],
    ),
    ("bad stage", _inv((0, 2, "shipping")), ["row 2", "C (stage)", "unknown stage 'shipping'"]),
    ("ambiguous loss rate", _inv((1, 6, 5)), ["row 3", "G (loss_rate)", "ambiguous"]),
    ("bad allocation", _inv((2, 11, 1.5)), ["row 4", "L (allocation)", "(0, 1]"]),
    (
        "formula without cached value",
        _inv((2, 4, "=1+2")),
        ["row 4", "E (quantity)", "formula without a cached value"],
    ),
    ("missing stage", _inv((0, 2, None)), ["row 2", "C (stage)", "needs a stage"]),
    (
        "factor value without unit",
        _inv((2, 10, None)),
        ["row 4", "K (factor_unit)", "factor_unit is required"],
    ),
]


@pytest.mark.parametrize(("name", "rows", "fragments"), BAD_WORKBOOKS, ids=[b[0] for b in BAD_WORKBOOKS])
def test_bad_workbooks_exit_2_with_a_located_message(tmp_path: Path, name: str, rows, fragments) -> None:
    wb = write_workbook(tmp_path / "study.xlsx", inventory=rows)
    result = run_cli("calc", wb)
    assert result.returncode == 2, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    assert "study.xlsx" in result.stderr
    for fragment in fragments:
        assert fragment in result.stderr, f"{fragment!r} not in {result.stderr!r}"


def test_missing_sheet_and_column(tmp_path: Path) -> None:
    wb = write_workbook(
        tmp_path / "a.xlsx", inventory=GOOD_INVENTORY, sheet_names=("Study", "Lines", "Factors")
    )
    result = run_cli("calc", wb)
    assert result.returncode == 2
    assert "no 'Inventory' / '清单' sheet" in result.stderr
    header = [h for h in ("line_id", "parent_id", "stage", "name", "quantity")]
    wb2 = write_workbook(tmp_path / "b.xlsx", inventory=[r[:5] for r in GOOD_INVENTORY], header=header)
    result = run_cli("calc", wb2)
    assert result.returncode == 2
    assert "missing column 'unit' (单位)" in result.stderr and "row 1" in result.stderr


def test_missing_study_keys_are_named(tmp_path: Path) -> None:
    wb = write_workbook(tmp_path / "s.xlsx", study_rows=[("产品名称", "水壶")], inventory=GOOD_INVENTORY)
    result = run_cli("calc", wb)
    assert result.returncode == 2
    assert "sheet 'Study'" in result.stderr and "'declared_unit' (声明单位) is required" in result.stderr


def test_chinese_sheet_and_column_names_case_and_space_insensitive(tmp_path: Path) -> None:
    header = [" 行号 ", "上级行号", "阶段", "名称", "数量", "单位", "损耗率", "运输距离(km)", "因子编号", "因子值",
              "因子单位", "分配比例", "数据类型", "数据来源", "备注"]  # fmt: skip
    wb = write_workbook(
        tmp_path / "zh.xlsx",
        study_rows=[
            ("产品名称", "电热水壶"),
            ("声明单位", "1 台"),
            ("系统边界", "摇篮到坟墓"),
            ("GWP版本", "ar5"),
        ],
        inventory=GOOD_INVENTORY,
        header=header,
        sheet_names=("研究信息", " 清单 ", "因子"),
    )
    result = run_cli("calc", wb, "--json", "-")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["boundary"] == "cradle-to-grave" and data["gwp_set"] == "AR5"
    assert data["total_kgco2e"] == pytest.approx(GOOD_TOTAL)


def test_extra_sheets_and_columns_are_ignored_and_text_numbers_read(tmp_path: Path) -> None:
    header = [*write_workbook.__defaults__[2], "ERP code"]  # type: ignore[index]
    rows = [[*r, "X-1"] for r in GOOD_INVENTORY]
    rows[1][4] = "0.8"
    rows[2][4] = "1,003"  # thousands separator: 1003 kWh
    wb = write_workbook(tmp_path / "x.xlsx", inventory=rows, header=header)
    from openpyxl import load_workbook

    book = load_workbook(wb)
    book.create_sheet("Notes").append(["anything", 1, 2])
    book.save(wb)
    result = run_cli("calc", wb, "--json", "-")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["stages"]["production"] == pytest.approx(1003 * 0.5777)


def test_factors_sheet_supplies_study_specific_factors(tmp_path: Path) -> None:
    rows = _inv((1, 8, "SUP-1"), (1, 9, None), (1, 10, None))
    wb = write_workbook(
        tmp_path / "f.xlsx", inventory=rows, factors=[["SUP-1", "Steel (supplier)", 2.5, "t", "EPD"]]
    )
    result = run_cli("calc", wb, "--json", "-")
    assert result.returncode == 0, result.stderr
    steel = next(x for x in json.loads(result.stdout)["lines"] if x["line_id"] == "1.1")
    assert steel["kgco2e"] == pytest.approx(0.84e-3 * 2.5)  # 0.84 kg = 0.00084 t × 2.5


def test_hidden_inventory_sheet_is_refused(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    wb = write_workbook(tmp_path / "h.xlsx", inventory=GOOD_INVENTORY)
    book = load_workbook(wb)
    book["Inventory"].sheet_state = "hidden"
    book.save(wb)
    result = run_cli("calc", wb)
    assert result.returncode == 2
    assert "sheet 'Inventory' is hidden" in result.stderr


def test_missing_file_and_wrong_type(tmp_path: Path) -> None:
    result = run_cli("calc", tmp_path / "nope.xlsx")
    assert result.returncode == 2 and "no such file" in result.stderr
    (tmp_path / "notes.txt").write_text("hello", encoding="utf-8")
    result = run_cli("calc", tmp_path / "notes.txt")
    assert result.returncode == 2 and "unknown study file type" in result.stderr


def test_template_is_written_atomically_and_refuses_bad_targets(tmp_path: Path) -> None:
    result = run_cli("template", tmp_path / "t.xlsx")
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "t.xlsx").stat().st_size > 5000
    assert [p.name for p in tmp_path.iterdir()] == ["t.xlsx"]
    assert run_cli("template", tmp_path / "t.csv").returncode == 2
    assert run_cli("template", tmp_path / "no" / "t.xlsx").returncode == 2


def test_internal_errors_exit_1_with_the_traceback_in_the_log(tmp_path: Path, capsys, monkeypatch) -> None:
    from app.cli import main

    monkeypatch.setenv("PCF_WORKBENCH_DATA", str(tmp_path / "data"))
    wb = write_workbook(tmp_path / "study.xlsx", inventory=GOOD_INVENTORY)

    def broken_context():
        raise RuntimeError("database exploded")

    code = main(["calc", str(wb)], ctx_factory=broken_context)
    err = capsys.readouterr().err
    assert code == 1
    assert "internal error: RuntimeError: database exploded" in err and "Traceback" not in err
    log = (tmp_path / "data" / "logs" / "pcf-workbench.log").read_text(encoding="utf-8")
    assert "Traceback" in log and "database exploded" in log


def test_usage_errors_exit_2() -> None:
    assert run_cli("calc").returncode == 2
    assert run_cli("frobnicate").returncode == 2


@pytest.mark.parametrize(
    "maker",
    [
        "make_not_a_zip",
        "make_old_xls",
        "make_truncated_zip",
        "make_empty_file",
        "make_zip_bomb_declared",
        "make_zip_bomb_lying",
        "make_billion_laughs_sheet",
        "make_billion_laughs_shared_strings",
        "make_xxe_sheet",
        "make_huge_dimension",
        "make_whole_sheet_merge",
        "make_many_members",
    ],
)
def test_hostile_and_broken_files_exit_2_quickly_in_bounded_memory(tmp_path: Path, maker: str) -> None:
    import hostile_files

    path = getattr(hostile_files, maker)(tmp_path)
    started = time.monotonic()
    result = run_cli("calc", path, timeout=30)
    elapsed = time.monotonic() - started
    assert result.returncode == 2, (maker, result.returncode, result.stderr[-2000:])
    assert "Traceback" not in result.stderr
    assert path.name in result.stderr
    assert len(result.stderr.strip().splitlines()) <= 3
    assert elapsed < 30
