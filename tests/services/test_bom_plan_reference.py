"""The planning step of a BOM import (``_plan``) gives exactly the plan of the per-row reference.

``_reference_plan`` below is ``_plan`` as it was before it was made faster (one general loop per
row, each text formatted as it comes): on generated tables — repeated codes, characters that are
escaped in paths (``%/]|[``), ``#mass`` codes, parents listed below their children and cycles,
counted rows with and without a weight, sub-assemblies, rows without a code, translated texts
including ones that cannot be split around the row number — both give the same plan, field by
field, type by type (``origin_row`` included, which ``==`` on lines leaves out).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from operator import attrgetter
from pathlib import Path

from hypothesis import example, given, settings
from hypothesis import strategies as st

from app.core.domain import InventoryLine, Stage
from app.core.messages import MESSAGES
from app.core.numbers import format_sig, format_sig_each
from app.core.units import UNITS, Dimension, parse_unit
from app.io.bom import BomRow, BomTable, header_for
from app.io.bom.grid import Grid
from app.services.bom_import import (
    _DRAFT_FIELDS,
    _SPECIAL,
    LINE_TEXTS,
    MASS_SUFFIX,
    BomPlan,
    _around,
    _around_mass_and_row,
    _around_row,
    _escape,
    _plan,
    plan_bom,
)
from app.services.bom_matching import Material

# --- the reference: _plan before the faster version, unchanged but for its name ---------------------


def _mass_text(texts: dict[float, str], mass: float) -> str:
    text = texts.get(mass)
    if text is None:
        text = texts[mass] = format_sig(mass)
    return text


def _reference_parents_first(rows: Sequence[BomRow]) -> Sequence[int]:
    if all(row.parent is None or row.parent < i for i, row in enumerate(rows)):
        return range(len(rows))
    children: dict[int | None, list[int]] = {}
    for i, row in enumerate(rows):
        children.setdefault(row.parent, []).append(i)
    order: list[int] = []
    stack = list(reversed(children.get(None, [])))
    while stack:
        i = stack.pop()
        order.append(i)
        stack.extend(reversed(children.get(i, [])))
    return order


def _reference_plan(table: BomTable, stage: Stage, bom_id: str | None, texts: Mapping[str, str]) -> BomPlan:
    rows = table.rows
    parents = list(map(attrgetter("parent"), rows))  # map + attrgetter: no Python frame per row
    if not bom_id:  # bom_id_of(table), from the parents at hand
        bom_id = rows[parents.index(None)].key if parents.count(None) == 1 else Path(table.file).stem
    has_children = [False] * len(rows)
    in_order = True  # every parent above its children (else _parents_first works out an order)
    for i, parent in enumerate(parents):
        if parent is not None:
            has_children[parent] = True
            if parent >= i:
                in_order = False
    paths: list[str] = [""] * len(rows)
    # The line id each row gets in a study without lines of this BOM (what build_import gives
    # there, worked out here by row index instead of by path): B1, B2 … on top, parent.1 … below.
    ids: list[str] = [""] * len(rows)
    kids = [0] * len(rows)
    tops = 0
    used: set[str] = set()
    repeats: dict[str, int] = {}
    drafts: list[InventoryLine] = []
    line_paths: list[str] = []
    line_parents: list[str | None] = []
    line_keys: list[str | None] = []
    materials: dict[str, Material] = {}
    where = (
        texts["bom.line.where_sheet"].format(file=table.file, sheet=table.sheet)
        if table.sheet
        else texts["bom.line.where"].format(file=table.file)
    )
    source_text, row_text, sub_text = (
        texts["bom.line.source"],
        texts["bom.line.row"],
        texts["bom.line.subassembly"],
    )
    # The per-row texts with the row number put in by one f-string each (the strings ``format``
    # gives: a 100,000-row BOM formats 300,000 of them); templates that cannot be split so are
    # formatted per row.
    src0, src1 = _around_row(source_text, where=where) or (None, None)
    note0, note1 = _around_row(row_text) or (None, None)
    sub0, sub1 = _around_row(sub_text) or (None, None)
    mass_texts: dict[float, str] = {}  # format_sig per weight, once (BOMs repeat weights)
    # the mass lines' comments split around mass and row per (unit, weight column), and their names
    mass_text = texts["bom.line.mass"]
    mass_parts: dict[tuple[str, str], tuple[str, ...]] = {}
    named = _around(texts["bom.line.mass_name"], "name", "\x00a name\x00", "Steel {1} 50%")
    tag = f" [bom:{_escape(bom_id)}|"
    counted_units = {
        u for u in set(map(attrgetter("unit"), rows)) if parse_unit(u).dimension is Dimension.COUNT
    }
    special = _SPECIAL.search
    add, add_path, add_parent, add_key = (
        drafts.append,
        line_paths.append,
        line_parents.append,
        line_keys.append,
    )
    order = range(len(rows)) if in_order else _reference_parents_first(rows)
    for i, row in enumerate(rows) if isinstance(order, range) else ((i, rows[i]) for i in order):
        code, rname, spec, unit, number, parent = row.code, row.name, row.spec, row.unit, row.row, row.parent
        own = code or rname
        if not own.isalnum() and special(own):  # isalnum: a cheap "nothing to escape" for most codes
            own = _escape(own)
        if parent is None:
            parent_path = parent_id = None
            path = own
            tops += 1
            line_id = f"B{tops}"
            line_stage: Stage | None = stage
        else:
            parent_path, parent_id = paths[parent], ids[parent]
            path = f"{parent_path}/{own}" if parent_path else own
            kids[parent] = n = kids[parent] + 1
            line_id = f"{parent_id}.{n}"
            line_stage = None
        if path in used:  # a repeated path gets #2, #3 … (``used`` holds the paths before that)
            n = repeats[path] = repeats.get(path, 1) + 1
            path = f"{path}#{n}"
        else:
            used.add(path)
        paths[i] = path
        ids[i] = line_id
        num = str(number)  # once, for the source and the comment (f"{n}" is str(n) for an int)
        source = (
            f"{src0}{num}{src1}{tag}{path}]"
            if src0 is not None
            else f"{source_text.format(where=where, row=number)}{tag}{path}]"
        )
        key = code or f"name:{rname}"
        name = f"{rname} {spec}" if spec else rname
        add_path(path)
        add_parent(parent_path)
        # positional (line_id, name, quantity, unit, stage, parent_id, loss_rate, distance_km, factor_id,
        # factor_value, factor_unit, allocation, data_type, source, comment, origin_row): keywords cost more
        if has_children[i]:
            sub_note = f"{sub0}{num}{sub1}" if sub0 is not None else sub_text.format(row=number)
            add(InventoryLine(line_id, name, row.quantity, unit, line_stage, parent_id, row.loss_rate, None, None,
                              None, None, 1.0, None, source, f"{code}: {sub_note}" if code else sub_note,
                              number))  # fmt: skip
            add_key(None)
            continue
        if row.weight_kg is not None and unit in counted_units:
            counted_note = texts["bom.line.counted"]
            add(InventoryLine(line_id, name, row.quantity, unit, line_stage, parent_id, row.loss_rate, None, None,
                              None, None, 1.0, None, source, f"{code}: {counted_note}" if code else counted_note,
                              number))  # fmt: skip
            add_key(None)
            mass_path = f"{path}/{MASS_SUFFIX}"
            mass = _mass_text(mass_texts, row.weight_kg)
            parts = mass_parts.get((unit, row.weight_source))
            if parts is None:
                parts = mass_parts[unit, row.weight_source] = (
                    _around_mass_and_row(
                        mass_text,
                        unit_en=unit,
                        unit_zh=UNITS[unit].label_zh or unit,
                        column=row.weight_source,
                    )
                    or ()
                )
            if parts:
                comment = f"{parts[0]}{mass}{parts[1]}{num}{parts[2]}"
            else:
                comment = mass_text.format(unit_en=unit, unit_zh=UNITS[unit].label_zh or unit, mass=mass,
                                           column=row.weight_source, row=number)  # fmt: skip
            mass_name = (
                f"{named[0]}{name}{named[1]}" if named else texts["bom.line.mass_name"].format(name=name)
            )
            source_note = source[: -len(tag) - len(path) - 1]
            add(InventoryLine(f"{line_id}.m", mass_name, row.weight_kg, "kg",
                              None, line_id, 0.0, None, None, None, None, 1.0, None,
                              f"{source_note}{tag}{mass_path}]", comment, number))  # fmt: skip
            add_path(mass_path)
            add_parent(path)
            add_key(key)
            if key not in materials:
                materials[key] = Material(key, code, rname, spec, "kg")
            continue
        if note0 is not None:
            comment = f"{code}: {note0}{num}{note1}" if code else f"{note0}{num}{note1}"
        else:
            comment = f"{code}: {row_text.format(row=number)}" if code else row_text.format(row=number)
        add(InventoryLine(line_id, name, row.quantity, unit, line_stage, parent_id, row.loss_rate, None, None, None,
                          None, 1.0, None, source, comment, number))  # fmt: skip
        add_key(key)
        if key not in materials:
            materials[key] = Material(key, code, rname, spec, unit)
    return BomPlan(bom_id, stage, tuple(drafts), tuple(line_paths), tuple(line_parents), tuple(line_keys),
                   tuple(materials.values()), table)  # fmt: skip


# --- generated tables and texts ------------------------------------------------------------------------

CODES = ["M1", "M2", "M1", "A/B", "#mass", "x|y", "50%", "[a]", "", "", "Q 9"]
NAMES = ["Steel", "螺钉", "Box/1", "%", "", "Steel"]
UNIT_CODES = ["kg", "piece", "g", "piece", "m"]
WEIGHTS = [None, None, 0.002, 1.5, 0.0, 1234.5, 0.0012345, 0.1235]
# per text code: the English template, a translation that splits, ones that cannot be split
# (the row twice, a format spec or conversion, the mass after the row or twice)
TEMPLATES = {
    "bom.line.where": ["{file}", "文件 {file}"],
    "bom.line.where_sheet": ["{file}, sheet '{sheet}'", "{sheet}@{file}"],
    "bom.line.source": ["BOM {where}, row {row}", "物料清单 {where} 第 {row} 行", "{row:>6} in {where}",
                        "{row}-{row} {where}"],
    "bom.line.subassembly": ["sub-assembly from BOM row {row}", "{row!s} 组件", "组件 {row!r}"],
    "bom.line.counted": ["counted part; its mass is the line below", "计数件"],
    "bom.line.mass": ["mass of one {unit_en}: {mass} kg from {column}, BOM row {row}",
                      "每{unit_zh}质量 {mass} kg（{column}，第 {row} 行）", "{row}: {mass}", "{mass} {mass} {row}"],
    "bom.line.mass_name": ["{name} (mass)", "质量：{name}", "{name}{name}", "{name!r}"],
    "bom.line.row": ["BOM row {row}", "第 {row} 行", "第 {row:d} 行"],
}  # fmt: skip


@st.composite
def tables(draw: st.DrawFn) -> BomTable:
    n = draw(st.integers(0, 14))
    parents: list[int | None] = []
    for i in range(n):
        kind = draw(st.sampled_from(["top", "above", "above", "above", "anywhere"]))
        if kind == "top" or (kind == "above" and i == 0) or n == 0:
            parents.append(None)
        elif kind == "above":
            parents.append(draw(st.integers(0, i - 1)))
        else:  # a parent further down (a parent-code BOM), also itself or a cycle
            parents.append(draw(st.integers(0, n - 1)))
    rows = []
    numbers = draw(st.lists(st.integers(2, 99999), min_size=n, max_size=n, unique=True))
    for i, parent in enumerate(parents):
        code = draw(st.sampled_from(CODES))
        name = draw(st.sampled_from(NAMES))
        rows.append(BomRow(numbers[i], code, name, draw(st.sampled_from(["", "M4", "50%"])),
                           draw(st.sampled_from([1.0, 0.5, 2, 1e-9])), draw(st.sampled_from(UNIT_CODES)),
                           draw(st.sampled_from([0.0, 0.05])), 0, parent, draw(st.sampled_from(WEIGHTS)),
                           draw(st.sampled_from(["净重 (column G)", "weight {x} (column H)"]))))  # fmt: skip
    file = draw(st.sampled_from(["bom.xlsx", "a b%/x.csv"]))
    grid = Grid(file, "BOM", [["物料编码", "物料名称", "单位", "用量"]])
    sheet = draw(st.sampled_from(["BOM", None]))
    return BomTable(file, sheet, header_for(grid), tuple(rows), (), "parent")


texts_strategy = st.fixed_dictionaries({code: st.sampled_from(TEMPLATES[code]) for code in LINE_TEXTS})


def _exact(value: object) -> object:
    """Each field of a dataclass (or the value) with its type: 1 and 1.0 differ here."""
    if dataclasses.is_dataclass(value):
        fields = dataclasses.fields(value)
        return (type(value), tuple(_exact(getattr(value, f.name)) for f in fields))
    if isinstance(value, tuple):
        return tuple(_exact(v) for v in value)
    return (type(value), repr(value))


def _same_plan(a: BomPlan, b: BomPlan) -> None:
    assert (a.bom_id, a.stage, a.table) == (b.bom_id, b.stage, b.table)
    assert _exact(a.drafts) == _exact(b.drafts)
    assert (a.paths, a.parent_paths, a.keys) == (b.paths, b.parent_paths, b.keys)
    assert _exact(a.materials) == _exact(b.materials)


@settings(max_examples=400, deadline=None)
@given(tables(), texts_strategy, st.sampled_from([None, None, "", "KIT|1"]), st.sampled_from(list(Stage)))
def test_plan_equals_the_reference_on_generated_tables(
    table: BomTable, texts: dict[str, str], bom_id: str | None, stage: Stage
) -> None:
    _same_plan(_plan(table, stage, bom_id, texts), _reference_plan(table, stage, bom_id, texts))


def test_plan_equals_the_reference_on_a_big_level_bom() -> None:
    """Thousands of rows, four levels, unique codes (the planner's quick path), weights repeating."""
    rows: list[BomRow] = []
    last_at_depth: dict[int, int] = {}
    for i in range(3000):
        depth = (i * 7) % 4 if i else 0
        depth = min(depth, max(last_at_depth, default=-1) + 1)
        parent = last_at_depth[depth - 1] if depth else None
        last_at_depth = {d: r for d, r in last_at_depth.items() if d < depth} | {depth: i}
        unit = ("piece", "kg", "g")[i % 3]
        rows.append(BomRow(i + 3, f"{i:06d}", "螺钉" if i % 2 else "Steel", f"M{i % 9}", 1.0 + i, unit,
                           0.01, depth, parent, (i % 17) / 1000 if i % 5 else None, "净重 (column H)"))  # fmt: skip
    grid = Grid("bom.xlsx", "BOM", [["物料编码", "物料名称", "单位", "用量"]])
    table = BomTable("bom.xlsx", "BOM", header_for(grid), tuple(rows), (), "level")
    texts = {code: MESSAGES[code] for code in LINE_TEXTS}
    plan = _plan(table, Stage.RAW_MATERIALS, None, texts)
    _same_plan(plan, _reference_plan(table, Stage.RAW_MATERIALS, None, texts))
    assert len(plan.drafts) > len(rows)  # some counted rows got mass lines
    assert plan_bom(table).drafts == plan.drafts


def test_the_fields_the_planner_sets_are_the_dataclasses_fields() -> None:
    """_plan fills new lines and materials field by field: a field added to either must be added there."""
    for cls, names in _DRAFT_FIELDS.items():
        assert tuple(f.name for f in dataclasses.fields(cls)) == names


finite = st.floats(allow_nan=False, allow_infinity=False)
ties = st.builds(
    lambda d, e: d * 10.0**e, st.integers(-99995, 99995).map(lambda k: k - k % 5 + 5), st.integers(-9, 6)
)


@settings(max_examples=300, deadline=None)
@example([10.0], 1, True)  # the last digit left of the point: no str() shortcut
@example([99.96, 0.5], 3, True)  # rounds up to 100.0
@given(st.lists(st.one_of(finite, ties, st.sampled_from([0.0, -0.0, 1, 0.0005, 999.5, 1e16, 1e-7])), max_size=30),
       st.integers(1, 5), st.booleans())  # fmt: skip
def test_format_sig_each_is_format_sig_of_each(values: list[float], sig: int, thousands: bool) -> None:
    assert format_sig_each(values, sig, thousands) == [format_sig(v, sig, thousands) for v in values]


def test_plan_equals_the_reference_for_a_parent_of_more_than_a_thousand_children() -> None:
    rows = [BomRow(2, "KIT", "Kit", "", 1.0, "piece")]
    rows += [BomRow(3 + i, f"C{i}", "Screw", "M4", 2.0, "piece", 0.0, 1, 0, 0.001) for i in range(1100)]
    grid = Grid("bom.xlsx", "BOM", [["物料编码", "物料名称", "单位", "用量"]])
    table = BomTable("bom.xlsx", "BOM", header_for(grid), tuple(rows), (), "level")
    texts = {code: MESSAGES[code] for code in LINE_TEXTS}
    plan = _plan(table, Stage.RAW_MATERIALS, None, texts)
    _same_plan(plan, _reference_plan(table, Stage.RAW_MATERIALS, None, texts))
    assert plan.drafts[-2].line_id == "B1.1100"


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(st.floats(1e-6, 99.99), st.floats(-99.99, -1e-6), ties.filter(lambda v: 1e-6 <= abs(v) < 100)),
                min_size=1, max_size=30), st.integers(1, 5), st.booleans())  # fmt: skip
def test_format_sig_each_of_small_weights_is_format_sig_of_each(
    values: list[float], sig: int, thousands: bool
) -> None:
    """Weights of pieces are mostly below 100 kg: the texts come from str() there, when every value is."""
    assert format_sig_each(values, sig, thousands) == [format_sig(v, sig, thousands) for v in values]
