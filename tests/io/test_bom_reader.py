"""The BOM reader on the shapes ERPs export: headers, structure, encodings, per-cell problems, hostile files."""

from __future__ import annotations

import math
from pathlib import Path

import hostile_files as hf
import pytest
from bomfiles import (
    shared_subassembly_grid,
    write_gbk_csv,
    write_indented_xlsx,
    write_kingdee,
    write_parent_csv,
    write_problem_xlsx,
    write_sap,
    write_semicolon_csv,
    write_utf16_csv,
)

from app.core.errors import HostileFileError, InputError
from app.io.bom import detect_header, header_for, list_sheets, parse_rows, read_bom, read_grid
from app.io.bom.csv_text import decode_csv, detect_separator
from app.io.bom.grid import Grid
from app.io.bom.header import match_field


def _shape(table) -> list[tuple[str, float, str, int | None, int]]:
    """(key, quantity, unit, parent key or None, depth) per row."""
    rows = table.rows
    return [
        (r.key, r.quantity, r.unit, None if r.parent is None else rows[r.parent].key, r.depth) for r in rows
    ]


def test_kingdee_merged_title_two_row_header_and_level_column(tmp_path: Path) -> None:
    table = read_bom(write_kingdee(tmp_path))
    assert (table.header.first_row, table.header.last_row) == (3, 4)  # rows 4-5, under merged titles
    fields = {c.field: c.letter for c in table.header.columns if c.field}
    assert fields == {"level": "A", "code": "B", "name": "C", "spec": "D", "unit": "E", "quantity": "F",
                      "quantity_base": "G", "loss_rate": "H", "net_weight": "I"}  # fmt: skip
    assert table.structure == "level"
    assert _shape(table) == [
        ("P100", 1.0, "piece", None, 0),
        ("A200", 1.0, "piece", "P100", 1),
        ("M300", 0.62, "kg", "A200", 2),
        ("M301", 4.0, "piece", "A200", 2),
        ("M400", 80.0, "g", "P100", 1),
        ("M500", 1.0, "piece", "P100", 1),  # 2 / denominator 2
    ]
    by_code = {r.code: r for r in table.rows}
    assert by_code["M300"].loss_rate == pytest.approx(0.05)  # 损耗率(%) column: 5 means 5 %
    assert by_code["M400"].loss_rate == pytest.approx(0.02)
    assert by_code["M301"].weight_kg == pytest.approx(0.002)
    assert "净重" in by_code["M301"].weight_source
    assert by_code["M300"].spec == "SUS304 0.6mm"
    assert table.errors == []


def test_sap_dotted_levels_and_english_headers(tmp_path: Path) -> None:
    table = read_bom(write_sap(tmp_path))
    assert table.header.first_row == 3
    assert table.structure == "level"
    assert _shape(table) == [
        ("SA-2000", 1.0, "piece", None, 0),
        ("RM-3000", 1.25, "kg", "SA-2000", 1),
        ("SA-2100", 2.0, "piece", "SA-2000", 1),
        ("RM-3100", 0.01, "kg", "SA-2100", 2),
        ("RM-4000", 300.0, "g", None, 0),
    ]
    assert table.rows[1].loss_rate == pytest.approx(0.03)
    assert table.problems == ()


@pytest.mark.parametrize("writer", [write_gbk_csv, write_utf16_csv])
def test_flat_csv_gbk_and_utf16_keep_codes_as_text(tmp_path: Path, writer) -> None:
    table = read_bom(writer(tmp_path))
    assert table.structure == "flat"
    assert [(r.code, r.name, r.spec, r.quantity, r.unit) for r in table.rows] == [
        ("00123", "铝锭", "A00", 1234.5, "kg"),
        ("123456789012345678", "热轧钢卷", "Q235", 0.5, "t"),
        ("00007", "聚丙烯粒料", "PP", 12.0, "kg"),
    ]
    assert table.encoding in ("gb18030", "utf-16-le")
    assert table.problems == ()  # CSV cells are text by nature: no 'stored as text' warnings


def test_semicolon_csv_with_decimal_commas(tmp_path: Path) -> None:
    table = read_bom(write_semicolon_csv(tmp_path))
    assert (table.delimiter, table.decimal_comma, table.encoding) == (";", True, "utf-8-sig")
    assert [(r.code, r.quantity, r.unit, r.loss_rate) for r in table.rows] == [
        ("00123", 1.5, "kg", pytest.approx(0.025)),
        ("00456", 1200.0, "piece", 0.0),
        ("00789", 0.025, "kg", 0.0),
    ]


def test_parent_code_column(tmp_path: Path) -> None:
    table = read_bom(write_parent_csv(tmp_path))
    assert table.structure == "parent"
    assert _shape(table) == [
        ("SA01", 1.0, "piece", None, 0),
        ("RM01", 2.5, "kg", "SA01", 1),
        ("RM02", 300.0, "g", "SA01", 1),
        ("RM03", 1.0, "kg", None, 0),
    ]
    [note] = table.warnings
    assert note.code == "bom.parent_missing" and note.params["parent"] == "FG01"


def test_indented_names(tmp_path: Path) -> None:
    table = read_bom(write_indented_xlsx(tmp_path))
    assert table.structure == "indent"
    assert [
        (r.name, None if r.parent is None else table.rows[r.parent].name, r.depth) for r in table.rows
    ] == [
        ("风扇", None, 0),
        ("电机", "风扇", 1),
        ("铜线", "电机", 2),
        ("叶片", "风扇", 1),
        ("塑料粒料", "叶片", 2),
        ("包装", None, 0),
    ]


def test_problems_are_reported_per_cell_and_never_imported_as_zero(tmp_path: Path) -> None:
    table = read_bom(write_problem_xlsx(tmp_path))
    got = {(p.row, (p.column or "")[:1], p.code, p.severity) for p in table.problems}
    assert got == {
        (3, "C", "cell.uncached_formula", "error"),
        (4, "C", "cell.text_number", "warning"),
        (5, "C", "unit.mixed", "error"),
        (6, "D", "unit.ambiguous", "error"),
        (7, "C", "cell.not_a_number", "error"),
        (8, "C", "cell.not_a_number", "error"),
        (9, "D", "unit.mixed_material", "warning"),  # one code in two kinds of unit
        (10, "C", "cell.missing", "error"),
    }
    assert all(p.sheet == "BOM" and p.file == "problems.xlsx" for p in table.problems)
    assert "decimal comma" in next(p.message for p in table.problems if p.row == 8)
    messages = {p.row: p.message for p in table.problems}
    assert messages[7].startswith("quantity: expected a number, got ")
    assert messages[10] == "the quantity is missing"
    # only the readable rows are imported; nothing became 0 or NaN
    assert [(r.row, r.quantity) for r in table.rows] == [(2, 2.0), (4, 1.5), (9, 4.0)]
    assert all(math.isfinite(r.quantity) and r.quantity > 0 for r in table.rows)
    assert (3, 2) in table.bad_cells and (6, 3) in table.bad_cells


def test_hidden_sheets_are_listed_but_never_the_default(tmp_path: Path) -> None:
    path = write_problem_xlsx(tmp_path)
    source = list_sheets(path)
    assert [(s.name, s.hidden) for s in source.sheets] == [("Old BOM", True), ("BOM", False)]
    assert source.default_sheet == "BOM"
    assert read_grid(path).sheet == "BOM"
    grid = read_grid(path, "Old BOM")
    assert [p.code for p in grid.problems] == ["bom.hidden_sheet"]
    assert grid.problems[0].sheet == "Old BOM"


def test_all_sheets_hidden_needs_an_explicit_choice(tmp_path: Path) -> None:
    rows = hf.rows_xml([["物料编码", "用量", "单位"], ["A", 1, "kg"]])
    book = hf.Book([hf.Sheet("one", rows, state="hidden"), hf.Sheet("two", rows, state="veryHidden")])
    path = hf.write_book(tmp_path / "hidden.xlsx", book)
    assert [s.hidden for s in list_sheets(path).sheets] == [True, True]
    assert list_sheets(path).default_sheet is None
    with pytest.raises(InputError) as err:
        read_grid(path)
    assert err.value.problems[0].code == "bom.all_hidden"


def test_level_jump_is_an_error_and_children_of_a_bad_row_are_not_placed(tmp_path: Path) -> None:
    path = write_kingdee(tmp_path, extra=[[3, "X1", "stray", None, "kg", 1, 1, None, None]])
    table = read_bom(path)
    [jump] = table.errors
    assert (jump.code, jump.row, jump.column) == ("cell.level_jump", 12, "A (级次)")
    assert "X1" not in [r.code for r in table.rows]


@pytest.mark.parametrize(
    "maker",
    [hf.make_zip_bomb_declared, hf.make_billion_laughs_sheet, hf.make_xxe_sheet, hf.make_far_apart_cells,
     hf.make_huge_dimension, hf.make_whole_sheet_merge, hf.make_many_members],
)  # fmt: skip
def test_hostile_workbooks_are_refused_before_parsing(tmp_path: Path, maker) -> None:
    with pytest.raises(HostileFileError):
        read_grid(maker(tmp_path))


@pytest.mark.parametrize(
    "maker", [hf.make_old_xls, hf.make_encrypted_xlsx, hf.make_truncated_zip, hf.make_not_a_zip]
)
def test_broken_workbooks_get_a_message(tmp_path: Path, maker) -> None:
    path = maker(tmp_path)
    if path.suffix.lower() not in (".xlsx", ".xls"):
        path = path.rename(path.with_suffix(".xlsx"))
    with pytest.raises(InputError) as err:
        read_grid(path)
    assert err.value.problems[0].file == path.name


def test_encoding_rules() -> None:
    chinese = "物料编码,用量\nA,1\n"
    assert decode_csv(chinese.encode("utf-8"), "f").encoding == "utf-8"  # never GB18030 for valid UTF-8
    assert decode_csv(chinese.encode("gbk"), "f").encoding == "gb18030"
    assert decode_csv(chinese.encode("utf-16-le"), "f").encoding == "utf-16-le"  # by the NUL pattern
    assert decode_csv(chinese.encode("utf-16-be"), "f").encoding == "utf-16-be"
    assert decode_csv(b"\xfe\xff" + chinese.encode("utf-16-be"), "f").text == chinese
    with pytest.raises(InputError):
        decode_csv(b"\xff\xfe\x00\xd8", "f")  # a lone surrogate: not valid UTF-16


def test_separator_detection() -> None:
    assert detect_separator(["a;b;c", "1,5;2;3", "2,5;3;4"]) == ";"
    assert detect_separator(["a,b,c", "1,2,3"]) == ","
    assert detect_separator(["a\tb", "1\t2"]) == "\t"


def test_header_aliases_in_both_languages() -> None:
    assert match_field("物料代码") == ("code", 1.0)
    assert match_field("Component quantity") == ("quantity", 1.0)
    assert match_field("BOM层次") == ("level", 1.0)
    assert match_field("父项编码") == ("parent_code", 1.0)
    assert match_field("毛重(kg)") == ("gross_weight", 1.0)
    assert match_field("子项物料的规格") == ("spec", 0.7)  # contains an alias
    assert match_field("备注") == (None, 0.0)


def test_no_header_is_an_input_error_and_header_row_can_be_given(tmp_path: Path) -> None:
    path = tmp_path / "odd.csv"
    path.write_text("x,y\nfoo,1\n料,2\n", encoding="utf-8")
    with pytest.raises(InputError) as err:
        read_bom(path)
    assert err.value.problems[0].code == "bom.no_header"
    assert detect_header([["x"], ["y"]]) is None


def test_csv_size_cap(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import app.io.bom.grid as grid

    monkeypatch.setattr(grid, "MAX_CSV_BYTES", 10)
    path = write_gbk_csv(tmp_path)
    with pytest.raises(HostileFileError):
        read_grid(path)


def test_rows_without_a_code_use_the_name(tmp_path: Path) -> None:
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["物料编码", "物料名称", "用量", "单位"])
    ws.append([None, "Steel sheet", 2.0, "kg"])
    ws.append(["合计", None, 2.0, None])  # a summary row is not a material
    path = tmp_path / "nocode.xlsx"
    wb.save(path)
    table = read_bom(path)
    assert [(r.code, r.name, r.key) for r in table.rows] == [("", "Steel sheet", "Steel sheet")]
    assert table.problems == ()


@pytest.mark.parametrize(
    ("levels", "parents"),
    [
        (["1", "1.1", "1.1.1", "1.2", "2"], [None, 0, 1, 0, None]),  # outline numbers
        (["*1", "**2", "***3", "**2", "*1"], [None, 0, 1, 0, None]),  # stars
        ([".1", "..2", "...3", "..2", ".1"], [None, 0, 1, 0, None]),  # SAP dots
    ],
)
def test_level_notations(tmp_path: Path, levels: list[str], parents: list[int | None]) -> None:
    path = tmp_path / "levels.csv"
    lines = ["BOM层次,物料编码,用量,单位"] + [f"{lv},C{i},1,kg" for i, lv in enumerate(levels)]
    path.write_text("\n".join(lines), encoding="utf-8")
    table = read_bom(path)
    assert table.errors == []
    assert [r.parent for r in table.rows] == parents


def _parent_grid(rows: list[list[object]]) -> Grid:
    return Grid(
        "bom.csv", "bom", [["物料编码", "父项编码", "物料名称", "用量", "单位"], *rows], from_text=True
    )


def test_a_shared_sub_assembly_is_counted_under_each_of_its_uses() -> None:
    """S is used twice (2 under P1, 3 under P2); its component X (0.5 kg per S) is counted under
    both: 1 × (2 + 3) × 0.5 = 2.5 kg of X per FG, where the nearest use alone would give 1.0 kg."""
    grid = shared_subassembly_grid()
    table = parse_rows(grid, header_for(grid))
    assert table.structure == "parent" and not table.errors
    assert _shape(table) == [
        ("FG", 1.0, "piece", None, 0),
        ("P1", 1.0, "piece", "FG", 1),
        ("S", 2.0, "piece", "P1", 2),
        ("X", 0.5, "kg", "S", 3),
        ("P2", 1.0, "piece", "FG", 1),
        ("S", 3.0, "piece", "P2", 2),
        ("X", 0.5, "kg", "S", 3),
    ]
    assert [r.row for r in table.rows] == [2, 3, 5, 7, 4, 6, 7]  # each use names its sheet row
    parents = [r.parent for r in table.rows]
    assert parents == [None, 0, 1, 2, 0, 4, 5]
    kg_of_x = 0.0
    for row in table.rows:
        if row.code == "X":
            amount, p = row.quantity, row.parent
            while p is not None:
                amount, p = amount * table.rows[p].quantity, table.rows[p].parent
            kg_of_x += amount
    assert kg_of_x == pytest.approx(2.5)
    [note] = table.warnings
    assert (note.code, note.params, note.row) == ("bom.parent_shared", {"parent": "S", "count": 2}, 5)


def test_a_loop_through_a_shared_code_is_reported_and_not_followed() -> None:
    grid = _parent_grid([["FG", "", "Kit", "1", "PCS"], ["A", "FG", "a", "1", "PCS"], ["B", "A", "b", "1", "PCS"],
                         ["A", "B", "a again", "1", "PCS"]])  # fmt: skip
    table = parse_rows(grid, header_for(grid))
    assert [(r.code, r.depth) for r in table.rows] == [("FG", 0), ("A", 0 + 1), ("B", 2)]
    assert [(p.code, p.row) for p in table.errors] == [("bom.parent_loop", 5)]


def test_an_explosion_past_the_limit_is_refused_with_a_message(monkeypatch) -> None:
    import app.io.bom.rows as rows_module

    monkeypatch.setattr(rows_module, "MAX_EXPLODED_ROWS", 5)
    grid = shared_subassembly_grid()
    table = parse_rows(grid, header_for(grid))
    assert table.rows == () and [p.code for p in table.errors] == ["bom.explosion_too_big"]
