"""The fast reader of clean BOM rows gives exactly what the careful path gives (hypothesis).

``parse_rows(..., fast=False)`` reads every row the careful way; on random BOMs — typed and text
numbers, non-finite and negative values, bad and mixed units, indents, summary rows, empty cells,
formulas without a cached value, CSV text with and without decimal commas — both must give the
same rows, tree, problems (with their params), structure and bad cells.
"""

from __future__ import annotations

import datetime as dt
import math
from unittest import mock

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

import app.io.bom.rows as rows_module
from app.io.bom import header_for, parse_rows
from app.io.bom.grid import Grid

HEADERS = {
    "level": "层级",
    "code": "物料编码",
    "name": "物料名称",
    "spec": "规格型号",
    "unit": "单位",
    "quantity": "用量",
    "quantity_base": "用量分母",
    "loss_rate": "损耗率",
    "loss_rate_percent": "损耗率(%)",
    "net_weight": "净重(kg)",
    "net_weight_plain": "净重",
    "gross_weight": "毛重(g)",
    "weight_unit": "重量单位",
    "parent_code": "父项编码",
    "quantity_kg": "用量(kg)",
    "quantity_pieces": "用量(个)",
}

numbers = st.one_of(
    st.floats(min_value=-5, max_value=120, allow_nan=False).map(lambda x: round(x, 2)),
    st.sampled_from([0.0, 1.0, 2.0, 0.05, 3.5, -1.0, math.nan, math.inf, -math.inf, 1e16, 12345678.0]),
    st.integers(-3, 5),
    st.booleans(),
    st.sampled_from(
        ["2", " 3.5 ", "1,5", "1.234,5", "abc", "", "  ", "5%", "２", "3 kg", "1e3", "nan", "-2"]
    ),
    st.none(),
    st.just(dt.datetime(2024, 1, 2)),
)
texts = st.one_of(
    st.sampled_from(
        ["Steel", "  Steel", "\u3000铝型材", "\tPP", "合计", "Total", "", " ", "螺钉 M4", "a/b", "x|y"]
    ),
    st.text(alphabet="ab 1.\u3000", max_size=5),
    st.floats(min_value=0, max_value=1e16).map(lambda x: float(int(x))),
    st.sampled_from([1.5, 7, True, None]),
)
units = st.one_of(
    st.sampled_from(
        ["kg", "千克", "克", "PCS", "个", "m", "g", " kg ", "kgs", "吨", "L", "", "??", "m2", "t"]
    ),
    st.sampled_from([None, 1.0, 3]),
)
levels = st.one_of(
    st.sampled_from([1.0, 2.0, 3.0, 1, 2, 1.5, -1.0, 0.0, math.inf]),
    st.sampled_from(["1", "2", ".1", "..2", "...3", "**2", "1.1", "1.2.1", "", "x", "３", None, True]),
)
EDGE_VALUES = [
    math.nan,
    math.inf,
    -math.inf,
    -1.0,
    -0.0,
    0.0,
    1e16,
    1.5,
    100.0,
    7,
    True,
    "",
    " ",
    None,
    "2",
    "x",
    "　a",
]
EDGES = st.sampled_from(EDGE_VALUES)
CELLS = {
    "level": levels,
    "code": st.one_of(st.sampled_from(["A1", "A2", "B1", " C7 ", "", "00123", "小计"]), texts),
    "name": texts,
    "spec": texts,
    "unit": units,
    "quantity": numbers,
    "quantity_base": numbers,
    "loss_rate": numbers,
    "loss_rate_percent": numbers,
    "net_weight": numbers,
    "net_weight_plain": numbers,
    "gross_weight": numbers,
    "weight_unit": units,
    "parent_code": st.sampled_from(["", "A1", "A2", "B1", None, "Z9", 5.0]),
    "quantity_kg": numbers,
    "quantity_pieces": numbers,
}


@st.composite
def boms(draw) -> tuple[Grid, bool]:
    optional = [k for k in HEADERS if k not in ("code", "quantity", "unit", "quantity_kg", "quantity_pieces")]
    fields = ["code", "quantity", "unit", *draw(st.lists(st.sampled_from(optional), unique=True, max_size=6))]
    for a, b in (
        ("loss_rate", "loss_rate_percent"),
        ("net_weight", "net_weight_plain"),
        ("level", "parent_code"),
    ):
        if a in fields and b in fields:
            fields.remove(b)
    if draw(st.integers(0, 4)) == 0:  # the unit in the quantity's header only: 用量(kg), 用量(个)
        fields.remove("unit")
        fields[fields.index("quantity")] = draw(st.sampled_from(["quantity_kg", "quantity_pieces"]))
    fields = draw(st.permutations(fields))
    n = draw(st.integers(1, 14))
    clean = draw(st.booleans())  # mostly clean rows, so that the fast path is really taken
    body = []
    for i in range(n):
        row = []
        for f in fields:
            pick = draw(st.integers(0, 11)) if clean else 0
            if pick > 1:
                row.append(_clean_cell(f, i, draw))
            else:  # in a mostly clean row, one odd cell: an edge value or any cell of the field
                row.append(draw(EDGES if pick == 1 else CELLS[f]))
        if draw(st.integers(0, 9)) == 0:
            row = row[: draw(st.integers(0, len(row)))]  # a short row (ragged CSV)
        body.append(row)
    csv = draw(st.booleans())
    if csv:
        body = [["" if v is None else str(v) for v in row] for row in body]
    uncached = frozenset(
        (1 + draw(st.integers(0, n - 1)), draw(st.integers(0, len(fields) - 1)))
        for _ in range(draw(st.integers(0, 2)))
    )
    grid = Grid(
        "gen.csv" if csv else "gen.xlsx",
        "BOM",
        [[HEADERS[f] for f in fields], *body],
        uncached=frozenset() if csv else uncached,
        from_text=csv,
        decimal_comma=csv and draw(st.booleans()),
    )
    return grid, csv


def _clean_cell(field: str, i: int, draw) -> object:
    if field == "level":
        return float(draw(st.integers(1, 3)))
    if field in ("code", "parent_code"):
        return f"C{draw(st.integers(0, 4))}"
    if field in ("name", "spec"):
        return draw(st.sampled_from(["Steel", "铝型材", "PP 粒料", ""]))
    if field in ("unit", "weight_unit"):
        return draw(st.sampled_from(["kg", "g", "PCS", "个", "m"]))
    if field in ("loss_rate",):
        return draw(st.sampled_from([0.0, 0.02, 0.5, ""]))
    if field in ("quantity", "quantity_kg", "quantity_pieces"):
        return draw(st.sampled_from([0.5, 1.0, 2.0, 12.0]))
    return draw(st.sampled_from([0.5, 1.0, 2.0, 12.0, ""]))  # denominators, percents, weights


def _summary(table) -> tuple:
    return (
        table.rows,
        [(p, p.params) for p in table.problems],
        table.structure,
        table.bad_cells,
    )


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(boms(), st.sampled_from([1, 2, 3, 5, 4096]))
def test_the_fast_row_reader_gives_what_the_careful_path_gives(bom: tuple[Grid, bool], chunk: int) -> None:
    grid, _ = bom
    try:
        header = header_for(grid)
    except Exception:  # a generated header the detector does not recognise: nothing to compare
        return
    with mock.patch.object(rows_module, "CHUNK_ROWS", chunk):  # chunk borders anywhere
        fast = parse_rows(grid, header)
    careful = parse_rows(grid, header, fast=False)
    assert _summary(fast) == _summary(careful)


def test_the_fast_reader_really_reads_clean_rows(monkeypatch) -> None:
    """Clean typed rows never reach the careful path (else the test above would prove nothing)."""
    import app.io.bom.rows as rows_module

    calls: list[int] = []
    careful = rows_module._parse_row
    monkeypatch.setattr(rows_module, "_parse_row", lambda rd, r, row: calls.append(r) or careful(rd, r, row))
    grid = Grid(
        "bom.xlsx",
        "BOM",
        [
            ["层级", "物料编码", "物料名称", "单位", "用量", "损耗率(%)", "净重(kg)"],
            [1.0, "A", "Fan", "PCS", 1.0, "", ""],
            [2.0, "B", "Steel sheet", "kg", 0.25, 2.0, ""],
            [2.0, "C", "Screw", "个", 4.0, "", 0.002],
            [2.0, "D", "合计", "kg", 1.0, "", ""],  # a summary row: careful path
        ],
    )
    table = parse_rows(grid, header_for(grid))
    assert calls == [4]
    assert [(r.code, r.quantity, r.unit, r.loss_rate, r.weight_kg, r.parent) for r in table.rows] == [
        ("A", 1.0, "piece", 0.0, None, None),
        ("B", 0.25, "kg", 0.02, None, 0),
        ("C", 4.0, "piece", 0.0, 0.002, 0),
    ]


CLEAN_ROW = {
    "level": 2.0,
    "code": "C1",
    "name": "Steel",
    "spec": "M4",
    "unit": "PCS",
    "quantity": 2.0,
    "quantity_base": 4.0,
    "loss_rate_percent": 5.0,
    "net_weight": 0.5,
    "gross_weight": 600.0,
    "parent_code": "",
}


@pytest.mark.parametrize("csv", [False, True])
@pytest.mark.parametrize("field", list(CLEAN_ROW))
def test_every_single_odd_cell_in_a_clean_row_reads_as_carefully(field: str, csv: bool) -> None:
    """One edge value at a time in an otherwise clean row (under a clean top row): fast == careful."""
    fields = [f for f in CLEAN_ROW if f != ("level" if field == "parent_code" else "parent_code")]
    header = [HEADERS[f] for f in fields]
    top = [1.0 if f == "level" else CLEAN_ROW[f] for f in fields]
    top[fields.index("code")] = "TOP"
    for edge in EDGE_VALUES:
        row = [edge if f == field else CLEAN_ROW[f] for f in fields]
        body = [top, row]
        if csv:
            body = [["" if v is None else str(v) for v in r] for r in body]
        grid = Grid("gen.csv" if csv else "gen.xlsx", "BOM", [header, *body], from_text=csv)
        header_guess = header_for(grid)
        assert _summary(parse_rows(grid, header_guess)) == _summary(
            parse_rows(grid, header_guess, fast=False)
        ), edge


def _level_table(levels: list[int]):
    from app.io.bom.rows import _Parsed

    n = len(levels)
    return _Parsed(list(range(1, n + 1)), [0] * n, ["x"] * n, [f"C{i}" for i in range(n)], [""] * n, [1.0] * n,
                   ["kg"] * n, [0.0] * n, [None] * n, [""] * n, [""] * n, list(levels))  # fmt: skip


@settings(max_examples=400, deadline=None)
@given(st.lists(st.integers(0, 6), min_size=1, max_size=40))
def test_levels_that_step_up_one_at_a_time_give_the_tree_of_the_open_ancestor_stack(
    levels: list[int],
) -> None:
    """The per-level binary search (no Python per row) gives the stack's parents and depths, and is
    taken exactly when the stack would find no level jump."""
    from app.io.bom import rows as rows_module

    grid = Grid("bom.xlsx", "BOM", [["层级", "物料编码", "单位", "用量"], [1.0, "A", "kg", 1.0]])
    rd = rows_module._Reader(grid, header_for(grid))
    parsed = _level_table(levels)
    n = len(levels)
    stack_parents, stack_depths, dropped = [None] * n, [0] * n, set()
    rows_module._tree_by_open_levels(rd, parsed, min(levels), stack_parents, stack_depths, dropped)
    steady = levels[0] == min(levels) and rows_module._steps_up_by_one(levels)
    assert steady == (not dropped)
    parents, depths, dropped_too = [None] * n, [0] * n, set()
    rows_module._tree_by_levels(rd, parsed, parents, depths, dropped_too)
    assert (parents, depths, dropped_too) == (stack_parents, stack_depths, dropped)


@given(st.lists(st.text(alphabet="aAßſﬁΣσς合计TtOoLlSsUuMm \x00İı", max_size=6), max_size=8))
@example(["A1", "ToTaL"])
@example(["ſum", "x"])
@example(["小计", "合计 "])
@example(["a\x00total", "b"])
def test_the_joined_casefold_finds_a_summary_word_exactly_when_one_text_folds_to_it(texts: list[str]) -> None:
    from app.io.bom.rows import SUMMARY_WORDS, _any_summary_word

    assert "\x00".join(texts).casefold() == "\x00".join(t.casefold() for t in texts)
    if _any_summary_word(texts) is False:
        assert not any(t.casefold() in SUMMARY_WORDS for t in texts)
    if "\x00" not in "".join(texts):
        assert _any_summary_word(texts) == any(t.casefold() in SUMMARY_WORDS for t in texts)


CLEAN_POOLS = {  # values every field reads cleanly, chosen so that a misread column changes the result
    "level": [1.0, 2.0, 3.0],
    "code": ["C1", "C2", " C3 ", "00123", 7.0],
    "name": ["Steel", "铝型材", "PP 粒料 "],
    "spec": ["", "M4", 6.0, None],
    "unit": ["kg", "g", "PCS", "个", "m", "千克"],
    "quantity": [0.5, 1.0, 2.0, 12.0, 0.0],
    "quantity_base": [2.0, 4.0, "", None],
    "loss_rate": [0.02, 0.5, "", None],
    "loss_rate_percent": [0.5, 0.25, "", None],
    "net_weight": [0.5, 0.002, "", None],
    "gross_weight": [600.0, 1.5, "", None],
    "weight_unit": ["kg", "g", ""],
    "parent_code": ["", "C1", "C2"],
}


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_clean_boms_are_read_by_columns_alone_and_as_carefully(data) -> None:
    """Every row clean: no row reaches the careful path, and the columns give its values."""
    optional = [k for k in CLEAN_POOLS if k not in ("code", "quantity", "unit")]
    fields = [
        "code",
        "quantity",
        "unit",
        *data.draw(st.lists(st.sampled_from(optional), unique=True, max_size=7)),
    ]
    for a, b in (("loss_rate", "loss_rate_percent"), ("level", "parent_code")):
        if a in fields and b in fields:
            fields.remove(b)
    if data.draw(st.booleans()):  # the unit in the quantity's header only: 用量(kg)
        fields.remove("unit")
    fields = data.draw(st.permutations(fields))
    pools = {f: data.draw(st.lists(st.sampled_from(CLEAN_POOLS[f]), min_size=1, unique=True)) for f in fields}
    n = data.draw(st.integers(1, 25))
    body = [[data.draw(st.sampled_from(pools[f])) for f in fields] for _ in range(n)]
    if "level" in fields:  # the first row on top, so the tree is whole (a jump is reported either way)
        body[0][fields.index("level")] = 1.0
    names = [HEADERS[f] if f != "quantity" or "unit" in fields else "用量(kg)" for f in fields]
    grid = Grid("gen.xlsx", "BOM", [names, *body])
    header = header_for(grid)
    chunk = data.draw(st.sampled_from([1, 2, 3, 7, 4096]))
    with (
        mock.patch.object(rows_module, "_parse_row", side_effect=AssertionError("careful path taken")),
        mock.patch.object(rows_module, "CHUNK_ROWS", chunk),
    ):
        fast = parse_rows(grid, header)
    assert _summary(fast) == _summary(parse_rows(grid, header, fast=False))
