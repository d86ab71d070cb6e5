"""BOM rows → inventory lines: ids, parents, quantities, units, mass lines, factors, re-import diff, memory."""

from __future__ import annotations

from pathlib import Path

import pytest
from bomfiles import FACTORS, FakeLibrary, shared_subassembly_grid, write_gbk_csv, write_kingdee, write_sap

from app.core.compile import DictFactorSource
from app.core.domain import InventoryLine, Stage, Study, StudyInfo
from app.factors.gwp_data import load_gwp_tables
from app.io.bom import read_bom
from app.io.bom.mapping_file import MappingRow, read_mapping_workbook, write_mapping_workbook
from app.services.bom_import import build_import, plan_bom, remembered_choices, tag_of
from app.services.bom_matching import FactorMatcher, MappingEntry, MappingMemory, Material, confidence
from app.services.calculation import calculate_study


def _study(*lines: InventoryLine) -> Study:
    return Study(StudyInfo("Kettle", "1 piece"), list(lines))


def _calc(study: Study) -> float:
    return calculate_study(study, DictFactorSource(FACTORS), load_gwp_tables()).total


def _apply(study: Study, change) -> None:
    change.command.apply(study)


KINGDEE_CHOICES = {"M300": "F-STEEL", "M301": "F-STEEL", "M400": "F-PP", "M500": "F-CU"}


def test_kingdee_import_lines_parents_mass_lines_and_total(tmp_path: Path) -> None:
    plan = plan_bom(read_bom(write_kingdee(tmp_path)))
    assert plan.bom_id == "P100"
    study = _study()
    change = build_import(study, plan, KINGDEE_CHOICES)
    _apply(study, change)
    got = [
        (ln.line_id, ln.parent_id, ln.stage, ln.quantity, ln.unit, ln.loss_rate, ln.factor_id)
        for ln in study.lines
    ]
    raw = Stage.RAW_MATERIALS
    assert got == [
        ("B1", None, raw, 1.0, "piece", 0.0, None),  # 电热水壶, a sub-assembly
        ("B1.1", "B1", None, 1.0, "piece", 0.0, None),  # 壶身组件
        ("B1.1.1", "B1.1", None, 0.62, "kg", 0.05, "F-STEEL"),  # 不锈钢板
        ("B1.1.2", "B1.1", None, 4.0, "piece", 0.0, None),  # 螺钉: the count line …
        ("B1.1.2.m", "B1.1.2", None, 0.002, "kg", 0.0, "F-STEEL"),  # … and its mass per piece
        ("B1.2", "B1", None, 80.0, "g", 0.02, "F-PP"),
        ("B1.3", "B1", None, 1.0, "piece", 0.0, None),  # 电源线 2 / 2
        ("B1.3.m", "B1.3", None, 0.05, "kg", 0.0, "F-CU"),
    ]
    assert study.lines[2].name == "不锈钢板 SUS304 0.6mm"
    assert "净重" in study.lines[4].comment and "0.00200 kg" in study.lines[4].comment
    assert tag_of(study.lines[4]) == ("P100", "P100/A200/M301/#mass")
    assert study.lines[2].origin_row == 8
    # 0.62 × 1.05 × 2 + 4 × 0.002 × 2 + 0.08 × 1.02 × 3 + 1 × 0.05 × 5
    assert _calc(study) == pytest.approx(1.302 + 0.016 + 0.2448 + 0.25)


def test_sap_import_calculates(tmp_path: Path) -> None:
    plan = plan_bom(read_bom(write_sap(tmp_path)), Stage.RAW_MATERIALS)
    assert plan.bom_id == "sap"  # two top-level items: the file names the BOM
    study = _study()
    _apply(study, build_import(study, plan, {"RM-3000": "F-ALU", "RM-3100": "F-STEEL", "RM-4000": "F-BOX"}))
    assert [(ln.line_id, ln.parent_id) for ln in study.lines] == [
        ("B1", None), ("B1.1", "B1"), ("B1.2", "B1"), ("B1.2.1", "B1.2"), ("B2", None)
    ]  # fmt: skip
    assert _calc(study) == pytest.approx(1.25 * 1.03 * 8 + 2 * 0.01 * 2 + 0.3 * 1)


def test_flat_import_into_a_study_with_lines_uses_new_ids(tmp_path: Path) -> None:
    existing = InventoryLine("B1", "own line", 1, "kg", Stage.PRODUCTION)
    study = _study(existing)
    plan = plan_bom(read_bom(write_gbk_csv(tmp_path)), Stage.RAW_MATERIALS)
    _apply(study, build_import(study, plan))
    assert [ln.line_id for ln in study.lines] == ["B1", "B2", "B3", "B4"]
    assert [(ln.name, ln.quantity, ln.unit) for ln in study.lines[1:]] == [
        ("铝锭 A00", 1234.5, "kg"),
        ("热轧钢卷 Q235", 0.5, "t"),
        ("聚丙烯粒料 PP", 12.0, "kg"),
    ]
    assert all(ln.factor_id is None for ln in study.lines[1:])  # unmatched: visible, no factor, not blocked
    assert "00123" in study.lines[1].comment


def test_reimport_shows_added_removed_changed_and_keeps_factors(tmp_path: Path) -> None:
    study = _study()
    _apply(study, build_import(study, plan_bom(read_bom(write_kingdee(tmp_path))), KINGDEE_CHOICES))
    before = [ln.line_id for ln in study.lines]
    v2 = write_kingdee(
        tmp_path, "kingdee-v2.xlsx", quantities={"M300": 0.7}, drop=("M400",),
        extra=[[1, "M600", "说明书", None, "kg", 0.01, 1, None, None]],
    )  # fmt: skip
    change = build_import(study, plan_bom(read_bom(v2)), {"M600": "F-BOX"})
    diff = change.diff
    assert diff.reimport
    assert [ln.name for ln in diff.added] == ["说明书"]
    assert [ln.line_id for ln in diff.removed] == ["B1.2"]
    assert [(c.line_id, c.fields) for c in diff.changed] == [("B1.1.1", {"quantity": (0.62, 0.7)})]
    assert diff.unchanged == 6
    assert any(t.startswith("~ B1.1.1") and "0.620 → 0.700" in t for t in diff.text_lines())
    _apply(study, change)
    by_id = study.line_by_id()
    assert by_id["B1.1.1"].quantity == 0.7 and by_id["B1.1.1"].factor_id == "F-STEEL"
    assert "B1.2" not in by_id
    new = next(ln for ln in study.lines if ln.name == "说明书")
    assert new.parent_id == "B1" and new.line_id not in before and new.factor_id == "F-BOX"
    # importing the same file again changes nothing
    assert build_import(study, plan_bom(read_bom(v2))).diff.is_empty


def test_the_import_is_one_command_with_an_inverse(tmp_path: Path) -> None:
    study = _study(InventoryLine("1", "electricity", 3, "kWh", Stage.PRODUCTION))
    change = build_import(study, plan_bom(read_bom(write_kingdee(tmp_path))), KINGDEE_CHOICES)
    inverse, changes = change.command.apply(study)
    assert len(study.lines) == 9 and changes.structure
    inverse.apply(study)
    assert [ln.line_id for ln in study.lines] == ["1"]


def test_matcher_suggests_by_name_spec_and_language_and_filters_units() -> None:
    matcher = FactorMatcher(FakeLibrary())
    steel = matcher.match(Material("M300", "M300", "不锈钢板", "SUS304", "kg"))
    assert steel.best is not None and steel.best.factor_id == "F-STEEL"
    assert steel.best.confidence >= 0.8
    alu = matcher.match(Material("RM-3000", "RM-3000", "Aluminium sheet", "", "kg"))
    assert [s.factor_id for s in alu.suggestions][:2] == ["F-ALU", "F-ALU-LANDFILL"]  # waste ranks lower
    power = matcher.match(Material("E1", "E1", "Aluminium sheet", "", "kWh"))
    assert power.suggestions == ()  # no per-kWh factor for aluminium: nothing suggested
    nothing = matcher.match(Material("X", "X", "量子纠缠器", "", "kg"))
    assert nothing.best is None


def test_confidence_is_higher_for_a_better_name() -> None:
    m = Material("C", "C", "Copper wire", "", "kg")
    assert confidence(m, FACTORS["F-CU"]) > confidence(m, FACTORS["F-ALU"])


def test_mapping_memory_is_reused_on_the_next_import(tmp_path: Path) -> None:
    memory = MappingMemory()
    assert memory.path.parent.exists() or not memory.entries
    memory.remember([MappingEntry("M300", "F-ALU", "不锈钢板")])  # a person's choice, even if odd
    again = MappingMemory()
    assert again.entries["M300"].factor_id == "F-ALU"
    plan = plan_bom(read_bom(write_kingdee(tmp_path)))
    matches = FactorMatcher(FakeLibrary(), again.entries).match_all(plan.materials)
    assert matches["M300"].remembered == "F-ALU"
    choices = remembered_choices(matches)
    assert choices["M300"] == "F-ALU" and choices["M400"] is None
    accepted = remembered_choices(matches, accept_min=0.5)
    assert accepted["M400"] == "F-PP"  # "PP把手" → the polypropylene factor, only when asked for


def test_mapping_memory_excel_roundtrip(tmp_path: Path) -> None:
    rows = [MappingRow("00123", "F-ALU", "铝锭", "Aluminium"), MappingRow("=HYPERLINK(1)", "F-CU", "=1+1")]
    path = tmp_path / "mappings.xlsx"
    write_mapping_workbook(rows, path)
    back = read_mapping_workbook(path)
    assert [(r.code, r.factor_id, r.material_name) for r in back] == [
        ("00123", "F-ALU", "铝锭"),
        ("=HYPERLINK(1)", "F-CU", "=1+1"),  # text stays text, never a formula
    ]
    import openpyxl

    ws = openpyxl.load_workbook(path).active
    assert ws["A3"].data_type == "s"


def test_the_material_code_helps_matching() -> None:
    library = FakeLibrary()
    match = FactorMatcher(library).match(Material("COPPER-WIRE-2", "COPPER-WIRE-2", "线材", "", "kg"))
    assert "copper" in library.queries
    assert match.best is not None and match.best.factor_id == "F-CU"


def test_a_parent_listed_below_its_children_is_planned_first() -> None:
    """A parent code may name a row further down: read and planned without a crash, parent first."""
    from app.io.bom import header_for, parse_rows
    from app.io.bom.grid import Grid

    grid = Grid(
        "bom.xlsx",
        "BOM",
        [
            ["物料编码", "用量", "单位", "父项编码"],
            ["RM01", 2.0, "kg", "SA01"],
            ["SA01", 1.0, "PCS", ""],
            ["RM02", 0.5, "kg", "SA01"],
        ],
    )
    table = parse_rows(grid, header_for(grid))
    assert table.errors == []
    assert [(r.code, r.parent, r.depth) for r in table.rows] == [
        ("RM01", 1, 1),
        ("SA01", None, 0),
        ("RM02", 1, 1),
    ]
    plan = plan_bom(table, Stage.RAW_MATERIALS)
    assert [(p.path, p.parent_path) for p in plan.lines] == [
        ("SA01", None),
        ("SA01/RM01", "SA01"),
        ("SA01/RM02", "SA01"),
    ]
    change = build_import(_study(), plan)
    assert [(line.line_id, line.parent_id, line.quantity) for line in change.lines] == [
        ("B1", None, 1.0),
        ("B1.1", "B1", 2.0),
        ("B1.2", "B1", 0.5),
    ]


@pytest.mark.parametrize(
    "template, fixed",
    [
        ("BOM {where}, row {row}", {"where": "a.xlsx, sheet '{x}'"}),
        ("BOM 第{row}行", {}),
        ("{row}", {}),
        ("row {row:,}", {}),
        ("{row} and {row}", {}),
        ("row {row!r}", {}),
    ],
)
def test_row_texts_split_once_are_what_format_gives(template: str, fixed: dict[str, str]) -> None:
    from app.services.bom_import import _around_row

    split = _around_row(template, **fixed)
    for n in (1, 9, 12345678):
        if split is not None:
            assert f"{split[0]}{n}{split[1]}" == template.format(row=n, **fixed)
    assert (split is None) == (template in ("row {row:,}", "{row} and {row}", "row {row!r}"))


def test_a_shared_sub_assembly_is_imported_and_calculated_under_each_use() -> None:
    """X (0.5 kg per screw set S, 2.0 kg CO2e/kg) in S used 2× under P1 and 3× under P2: 2.5 kg, 5.0 kg CO2e."""
    from app.io.bom import header_for, parse_rows

    grid = shared_subassembly_grid()
    plan = plan_bom(parse_rows(grid, header_for(grid)))
    assert plan.paths == ("FG", "FG/P1", "FG/P1/S", "FG/P1/S/X", "FG/P2", "FG/P2/S", "FG/P2/S/X")
    assert [m.key for m in plan.materials] == ["X"]  # one material to match, used twice
    study = _study()
    change = build_import(study, plan, {"X": "F-STEEL"})
    _apply(study, change)
    assert _calc(study) == pytest.approx(2.5 * 2.0)
    again = build_import(study, plan)  # a re-import of the same BOM changes nothing
    assert again.diff.is_empty and again.diff.unchanged == 7
