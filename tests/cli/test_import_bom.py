"""``pcf-workbench import-bom`` and ``bom-mappings``: exit codes, summary and diff, atomic writes, memory."""

from __future__ import annotations

import json
from pathlib import Path

import hostile_files as hf
import pytest
from bomfiles import FakeLibrary, write_kingdee, write_problem_xlsx

from app.cli import main
from app.factors.gwp_data import load_gwp_tables
from app.io.bom.mapping_file import MappingRow, write_mapping_workbook
from app.services.context import AppContext, LazyFactorSource
from app.services.studies import load_study

EXPECTED_TOTAL = 1.302 + 0.016 + 0.2448 + 0.25  # tests/services/test_bom_import.py, by hand


def _ctx() -> AppContext:
    return AppContext(factors=LazyFactorSource(FakeLibrary), gwp_tables=load_gwp_tables())


def _run(*args: object) -> int:
    return main([str(a) for a in args], ctx_factory=_ctx)


def _mapping(tmp_path: Path) -> Path:
    path = tmp_path / "shared-mappings.xlsx"
    rows = [MappingRow("M300", "F-STEEL"), MappingRow("M301", "F-STEEL"), MappingRow("M400", "F-PP"),
            MappingRow("M500", "F-CU")]  # fmt: skip
    write_mapping_workbook(rows, path)
    return path


def test_import_into_a_new_study_with_a_mapping_file_then_calc(tmp_path: Path, capsys) -> None:
    study = tmp_path / "kettle.xlsx"
    assert _run("import-bom", write_kingdee(tmp_path), "--into", study, "--mapping", _mapping(tmp_path)) == 0
    out = capsys.readouterr().out
    assert "Read 6 BOM rows from kingdee.xlsx (sheet 'BOM多级展开', header row 4–5" in out
    assert "structure: level column" in out
    assert "with factor 4 (4 confirmed earlier, 0 suggested); without factor 0" in out
    assert "Import into new study" in out and "8 added, 0 removed, 0 changed" in out
    loaded = load_study(study)
    assert loaded.study.info.product_name == "电热水壶"
    assert len(loaded.study.lines) == 8
    assert _run("calc", study, "--json", tmp_path / "r.json") == 0
    assert json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))["total_kgco2e"] == pytest.approx(
        EXPECTED_TOTAL
    )


def test_reimport_dry_run_prints_the_diff_and_writes_nothing(tmp_path: Path, capsys) -> None:
    study = tmp_path / "kettle.xlsx"
    assert _run("import-bom", write_kingdee(tmp_path), "--into", study) == 0
    before = study.read_bytes()
    capsys.readouterr()
    v2 = write_kingdee(tmp_path, "v2.xlsx", quantities={"M300": 0.7}, drop=("M400",))
    assert _run("import-bom", v2, "--into", study, "--dry-run") == 0
    out = capsys.readouterr().out
    assert "Re-import into" in out and "0 added, 1 removed, 1 changed" in out
    assert "~ B1.1.1" in out and "quantity: 0.620 → 0.700" in out
    assert "- B1.2  PP把手" in out
    assert "Dry run: nothing written." in out
    assert study.read_bytes() == before
    assert _run("import-bom", v2, "--into", study) == 0
    assert load_study(study).study.line_by_id()["B1.1.1"].quantity == 0.7


def test_bad_cells_exit_2_with_located_messages_and_no_file(tmp_path: Path, capsys) -> None:
    study = tmp_path / "new.xlsx"
    assert _run("import-bom", write_problem_xlsx(tmp_path), "--into", study) == 2
    err = capsys.readouterr().err
    assert "problems.xlsx, sheet 'BOM', row 3, column 'C (用量)': formula without a cached value" in err
    assert "row 6, column 'D (单位)'" in err
    assert "Traceback" not in err
    assert not study.exists()


@pytest.mark.parametrize(
    "maker", [hf.make_billion_laughs_sheet, hf.make_zip_bomb_declared, hf.make_far_apart_cells]
)
def test_hostile_files_exit_2(tmp_path: Path, capsys, maker) -> None:
    study = tmp_path / "new.xlsx"
    assert _run("import-bom", maker(tmp_path), "--into", study) == 2
    assert "refused" in capsys.readouterr().err
    assert not study.exists()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []  # no temp file left


def test_remember_then_the_memory_fills_the_next_import_and_exports(tmp_path: Path, capsys) -> None:
    first = tmp_path / "a.xlsx"
    bom = write_kingdee(tmp_path)
    assert _run("import-bom", bom, "--into", first, "--mapping", _mapping(tmp_path), "--remember") == 0
    assert "Remembered 4 mapping(s)" in capsys.readouterr().out
    second = tmp_path / "b.xlsx"
    assert _run("import-bom", bom, "--into", second) == 0
    assert "with factor 4 (4 confirmed earlier" in capsys.readouterr().out
    exported = tmp_path / "memory.xlsx"
    assert _run("bom-mappings", "export", exported) == 0
    assert "Wrote 4 mapping(s)" in capsys.readouterr().out
    assert _run("bom-mappings", "import", exported) == 0
    assert "Read 4 mapping(s)" in capsys.readouterr().out


def test_memory_import_refuses_unknown_factors(tmp_path: Path, capsys) -> None:
    path = tmp_path / "bad.xlsx"
    write_mapping_workbook([MappingRow("M1", "NO-SUCH-FACTOR")], path)
    assert _run("bom-mappings", "import", path) == 2
    assert "row 2" in capsys.readouterr().err


def test_accept_suggestions_marks_them_not_confirmed(tmp_path: Path, capsys) -> None:
    study = tmp_path / "s.xlsx"
    assert _run("import-bom", write_kingdee(tmp_path), "--into", study, "--accept-suggestions", "0.5") == 0
    lines = load_study(study).study.lines
    pp = next(ln for ln in lines if ln.name.startswith("PP把手"))
    assert pp.factor_id == "F-PP" and "not confirmed" in pp.comment


def test_sheet_header_row_stage_and_csv(tmp_path: Path, capsys) -> None:
    from bomfiles import write_gbk_csv, write_problem_xlsx

    study = tmp_path / "s.xlsx"
    # the hidden sheet only when named; an explicit header row
    problems = write_problem_xlsx(tmp_path)
    assert _run("import-bom", problems, "--into", study, "--sheet", "Old BOM", "--header-row", "1") == 2
    assert "the BOM has no rows" in capsys.readouterr().err
    assert _run("import-bom", problems, "--into", study, "--sheet", "Nope") == 2
    assert "no sheet 'Nope'" in capsys.readouterr().err
    assert _run("import-bom", write_gbk_csv(tmp_path), "--into", study, "--stage", "production") == 0
    out = capsys.readouterr().out
    assert "gb18030, separator ','" in out and "structure: flat list" in out
    lines = load_study(study).study.lines
    assert [(ln.stage.value if ln.stage else None, ln.quantity, ln.unit) for ln in lines] == [
        ("production", 1234.5, "kg"),
        ("production", 0.5, "t"),
        ("production", 12.0, "kg"),
    ]
    assert "00123" in lines[0].comment and "123456789012345678" in lines[1].comment


def test_import_into_a_project_keeps_its_history_and_pins_the_factors(tmp_path: Path, capsys) -> None:
    from app.project.files import load_project

    project = tmp_path / "kettle.pcfw"
    assert (
        _run("import-bom", write_kingdee(tmp_path), "--into", project, "--mapping", _mapping(tmp_path)) == 0
    )
    assert "Import into new study" in capsys.readouterr().out
    saved = load_project(project)
    assert len(saved.study.lines) == 8
    assert {"F-STEEL", "F-PP", "F-CU"} <= set(saved.pins)  # library factors pinned at the import
    v2 = write_kingdee(tmp_path, "v2.xlsx", quantities={"M300": 0.7})
    assert _run("import-bom", v2, "--into", project) == 0
    assert "0 added, 0 removed, 1 changed" in capsys.readouterr().out
    assert load_study(project).study.line_by_id()["B1.1.1"].quantity == 0.7
    assert _run("calc", project, "--json", tmp_path / "r.json") == 0


def test_a_new_study_of_another_kind_is_refused(tmp_path: Path, capsys) -> None:
    assert _run("import-bom", write_kingdee(tmp_path), "--into", tmp_path / "kettle.json") == 2
    assert "a new one is created as a study workbook (.xlsx) or a project (.pcfw)" in capsys.readouterr().err


def _with_notes_sheet(study: Path) -> None:
    """The user's own sheet beside the study's (what a rewrite in the template's layout would drop)."""
    from openpyxl import load_workbook

    wb = load_workbook(study)
    wb.create_sheet("Notes 备注").append(["supplier call 3 March: steel from plant B"])
    wb.save(study)


def test_a_workbook_with_other_sheets_is_not_rewritten_without_them(tmp_path: Path, capsys) -> None:
    study = tmp_path / "kettle.xlsx"
    assert _run("import-bom", write_kingdee(tmp_path), "--into", study) == 0  # made from the template: fine
    _with_notes_sheet(study)
    before = study.read_bytes()
    capsys.readouterr()
    v2 = write_kingdee(tmp_path, "v2.xlsx", quantities={"M300": 0.7})
    assert _run("import-bom", v2, "--into", study) == 2
    err = capsys.readouterr().err
    assert "kettle.xlsx" in err and "'Notes 备注'" in err and "--drop-other-sheets" in err
    assert study.read_bytes() == before  # nothing written
    assert _run("import-bom", v2, "--into", study, "--dry-run") == 0  # the dry run shows it as a warning
    captured = capsys.readouterr()
    assert "'Notes 备注'" in captured.err + captured.out and study.read_bytes() == before
    assert _run("import-bom", v2, "--into", study, "--drop-other-sheets") == 0
    from openpyxl import load_workbook

    assert "Notes 备注" not in load_workbook(study).sheetnames
    assert {line.quantity for line in load_study(study).study.lines if line.name.startswith("不锈钢")} >= {
        0.7
    }
