"""The import of a BOM the study does not hold yet (lines made while planning) equals the general build.

``build_import`` takes the plan's drafts as they are when the study holds no line of the BOM and
none of the drafts' ids; ``_build`` (the re-import path, which works out every id against the
study) is the reference: same lines, ids, parents, factors, comments, rows, diff and command effect.
"""

from __future__ import annotations

import copy

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.core.domain import InventoryLine, Stage, Study, StudyInfo
from app.io.bom import header_for, parse_rows
from app.io.bom.grid import Grid
from app.services.bom_import import _around_mass_and_row, _build, build_import, plan_bom

HEADER = ["层级", "物料编码", "物料名称", "规格型号", "单位", "用量", "净重(kg)"]
CODES = ["M1", "M2", "A/B", "#mass", "x|y", "", "M1"]  # duplicates, escaped characters, the mass suffix
UNITS = ["kg", "PCS", "g", "个"]


def _grid(rows: list[list[object]]) -> Grid:
    return Grid("bom.xlsx", "BOM", [HEADER, *rows])


row_strategy = st.tuples(
    st.integers(1, 3),
    st.sampled_from(CODES),
    st.sampled_from(["Steel", "螺钉", "Box"]),
    st.sampled_from(["", "M4"]),
    st.sampled_from(UNITS),
    st.sampled_from([1.0, 0.5, 2.0]),
    st.sampled_from([None, 0.002, 1.5]),
)


def _studies() -> list[Study]:
    other = InventoryLine("X1", "Other", 1.0, "kg", Stage.RAW_MATERIALS, source="by hand")
    taken = InventoryLine("B1.1", "Taken id", 2.0, "kg", Stage.RAW_MATERIALS, source="by hand")
    return [Study(StudyInfo("P", "1 piece")), Study(StudyInfo("P", "1 piece"), [other]),
            Study(StudyInfo("P", "1 piece"), [other, taken])]  # fmt: skip


def _rows(lines) -> list[tuple]:
    return [(ln, ln.origin_row) for ln in lines]  # origin_row is not compared by ==


def _same(study: Study, plan, choices) -> None:
    fast = build_import(study, plan, choices)
    ref = _build(study, plan, choices, None)
    assert _rows(fast.lines) == _rows(ref.lines)
    assert _rows(fast.diff.added) == _rows(ref.diff.added)
    assert (fast.diff.removed, fast.diff.changed, fast.diff.unchanged, fast.diff.reimport) == (
        ref.diff.removed, ref.diff.changed, ref.diff.unchanged, ref.diff.reimport)  # fmt: skip
    a, b = copy.deepcopy(study), copy.deepcopy(study)
    fast.command.apply(a)
    ref.command.apply(b)
    assert _rows(a.lines) == _rows(b.lines)


@settings(max_examples=150, deadline=None)
@given(st.lists(row_strategy, min_size=0, max_size=12), st.booleans())
def test_new_bom_import_equals_the_general_build(rows, with_choices: bool) -> None:
    table = parse_rows(_grid([list(r) for r in rows]), header_for(_grid([list(r) for r in rows])))
    plan = plan_bom(table, Stage.RAW_MATERIALS)
    choices = {key: f"F-{key}" for key in plan.keys if key} if with_choices else None
    for study in _studies():
        _same(study, plan, choices)


def test_a_child_coded_like_the_mass_suffix_is_an_ordinary_line() -> None:
    """'#' is escaped in path parts, so a material coded ``#mass`` is not taken for a mass line."""
    grid = _grid([[1, "SA", "Kit", "", "PCS", 1.0, None], [2, "#mass", "Odd", "", "kg", 2.0, None]])
    plan = plan_bom(parse_rows(grid, header_for(grid)))
    assert plan.paths == ("SA", "SA/%23mass")
    change = build_import(Study(StudyInfo("P", "1 piece")), plan)
    assert [(ln.line_id, ln.parent_id) for ln in change.lines] == [("B1", None), ("B1.1", "B1")]
    _same(Study(StudyInfo("P", "1 piece")), plan, None)


def test_a_code_that_looks_like_a_repeat_keeps_a_path_of_its_own_on_reimport() -> None:
    """Two X under one parent are X and X#2; a third material coded X#2 must not share that path,
    else a re-import pairs the wrong lines (it once reported 'b' as renamed to 'c')."""

    def bom(quantity_c: float) -> Grid:
        return _grid([[1, "P", "Top", "", "PCS", 1.0, None], [2, "X", "a", "", "kg", 1.0, None],
                      [2, "X", "b", "", "kg", 2.0, None], [2, "X#2", "c", "", "kg", quantity_c, None]])  # fmt: skip

    grid = bom(3.0)
    plan = plan_bom(parse_rows(grid, header_for(grid)))
    assert plan.paths == ("P", "P/X", "P/X#2", "P/X%232")
    study = Study(StudyInfo("P", "1 piece"))
    build_import(study, plan).command.apply(study)
    updated = bom(4.0)
    again = build_import(study, plan_bom(parse_rows(updated, header_for(updated))))
    assert (len(again.diff.added), len(again.diff.removed), again.diff.unchanged) == (0, 0, 3)
    assert [(ch.line_id, ch.name, ch.fields) for ch in again.diff.changed] == [
        ("B1.3", "c", {"quantity": (3.0, 4.0)})
    ]


def test_drafts_are_not_used_when_the_study_holds_their_ids_or_the_bom() -> None:
    grid = _grid([[1, "SA", "Kit", "", "PCS", 1.0, None], [2, "M1", "Steel", "", "kg", 2.0, None]])
    plan = plan_bom(parse_rows(grid, header_for(grid)))
    taken = InventoryLine("B1", "Taken", 1.0, "kg", Stage.RAW_MATERIALS)
    change = build_import(Study(StudyInfo("P", "1 piece"), [taken]), plan)
    assert [(ln.line_id, ln.parent_id) for ln in change.lines] == [("B2", None), ("B2.1", "B2")]
    study = Study(StudyInfo("P", "1 piece"))
    build_import(study, plan).command.apply(study)
    again = build_import(study, plan)  # a re-import: nothing changes
    assert again.diff.is_empty and again.diff.reimport and again.diff.unchanged == 2


def test_a_repeated_code_under_one_parent_gets_numbered_paths() -> None:
    rows = [[1, "SA", "Kit", "", "PCS", 1.0, None]] + [
        [2, "M1", "Steel", "", "kg", q, None] for q in (1.0, 2.0, 3.0)
    ]
    grid = _grid([*rows, [1, "M/1", "Odd", "", "kg", 4.0, None]])
    plan = plan_bom(parse_rows(grid, header_for(grid)))
    assert [(p.path, p.parent_path, p.quantity, p.row) for p in plan.lines] == [
        ("SA", None, 1.0, 2),
        ("SA/M1", "SA", 1.0, 3),
        ("SA/M1#2", "SA", 2.0, 4),
        ("SA/M1#3", "SA", 3.0, 5),
        ("M%2F1", None, 4.0, 6),
    ]
    change = build_import(Study(StudyInfo("P", "1 piece")), plan)
    assert [ln.line_id for ln in change.lines] == ["B1", "B1.1", "B1.2", "B1.3", "B2"]
    assert change.lines[2].source.endswith("[bom:bom|SA/M1#2]")


MASS_TEMPLATES = [
    "mass of one {unit_en}: {mass} kg from {column}, BOM row {row}",
    "BOM 第 {row} 行：每{unit_zh} {mass} kg（{column}）",  # the row before the mass: formatted per row
    "{mass}{row}",
    "{mass:>12} {row}",
    "{mass!r} row {row:,}",
    "{mass} and {mass}, row {row}",
    "{column} {{literal}} {mass} {row}",
]


@pytest.mark.parametrize("template", MASS_TEMPLATES)
def test_mass_comments_split_once_are_what_format_gives(template: str) -> None:
    fixed = {"unit_en": "piece", "unit_zh": "个", "column": "净重 {x} (column F)"}
    parts = _around_mass_and_row(template, **fixed)
    for mass, row in (("0.00200", 7), ("1,234", 123456), ("5", 1)):
        expected = template.format(mass=mass, row=row, **fixed)
        if parts is not None:
            assert f"{parts[0]}{mass}{parts[1]}{row}{parts[2]}" == expected
    assert (parts is not None) == (
        template in MASS_TEMPLATES[0:1] + MASS_TEMPLATES[2:3] + MASS_TEMPLATES[6:7]
    )


def test_a_translated_mass_line_reads_as_formatted() -> None:
    grid = _grid([[1, "SA", "Kit", "", "PCS", 1.0, None], [2, "M9", "Screw", "M4", "个", 4.0, 0.002]])
    table = parse_rows(grid, header_for(grid))
    zh = {
        "bom.line.mass": "BOM 第 {row} 行：每{unit_zh} {mass} kg（{column}）",
        "bom.line.mass_name": "{name}（质量）",
    }
    plan = plan_bom(table, lookup=lambda code, template: zh.get(code, template))
    mass = plan.lines[-1]
    assert mass.name == "Screw M4（质量）"
    assert mass.comment == "BOM 第 3 行：每件 0.00200 kg（G (净重(kg))）"
    english = plan_bom(table).lines[-1]
    assert english.name == "Screw M4 (mass)"
    assert english.comment == "mass of one piece: 0.00200 kg from G (净重(kg)), BOM row 3"
