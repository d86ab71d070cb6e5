"""Bills of materials → inventory lines, as one undoable edit (the use case behind ``import-bom``).

    table = read_bom(path)                          # app.io.bom: rows, tree, located problems
    plan = plan_bom(table, Stage.RAW_MATERIALS)     # planned lines, materials to match
    matches = FactorMatcher(library, memory).match_all(plan.materials)
    change = build_import(study, plan, choices)     # diff against the study + one core command

Each BOM row becomes one line of ``stage`` (children per ONE unit of their parent; units are the
whitelist codes; loss rates as ERP ``gross = net × (1 + rate)``). A row counted in pieces that
has a weight (and no components of its own) keeps its count line and gets one child line holding
its mass per piece in kg, which carries the factor; the comment names the weight column used.

Every imported line carries a tag in its ``source`` — ``[bom:<BOM id>|<code path>]`` — naming the
BOM (its single top material, else the file name) and the path of material codes from the top,
so a later import of an updated BOM is compared line by line: added, removed and changed
quantities are shown before anything is applied. Lines keep the factor a person chose.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from math import isfinite
from pathlib import Path

from app.core.domain import InventoryLine, Stage, Study, StudyInfo
from app.core.edits import Command, DeleteLines, InsertLines, Macro, NormaliseOrder, SetLineFields
from app.core.gcpause import paused_gc
from app.core.messages import MESSAGES, Lookup
from app.core.numbers import format_sig, format_sig_each
from app.core.progress import Progress
from app.core.units import UNITS, Dimension, parse_unit
from app.io.bom import BomRow, BomSource, BomTable, Grid, HeaderGuess, list_sheets, parse_rows, read_grid
from app.services.bom_matching import Material

TAG = re.compile(r"\[bom:([^|\]]*)\|([^\]]*)\]")
MASS_SUFFIX = "#mass"
IMPORT_FIELDS = ("name", "quantity", "unit", "loss_rate")
# The texts an import writes into lines (names of mass lines, comments, sources): catalog codes,
# so the window writes them in its UI language (a ``lookup``) and the CLI in English.
LINE_TEXTS = (
    "bom.line.where",
    "bom.line.where_sheet",
    "bom.line.source",
    "bom.line.subassembly",
    "bom.line.counted",
    "bom.line.mass",
    "bom.line.mass_name",
    "bom.line.row",
)


# The characters a path part (a material code, or a name where there is none) cannot keep: the
# separators of tags and paths, and '#', which marks repeats (#2) and mass lines (#mass) — a code
# such as X#2 beside two X rows would otherwise take the second X's path.
_SPECIAL = re.compile(r"[%/\]|\[#]")


def _escape(text: str) -> str:
    if _SPECIAL.search(text) is None:
        return text
    return (
        text.replace("%", "%25")
        .replace("/", "%2F")
        .replace("]", "%5D")
        .replace("|", "%7C")
        .replace("[", "%5B")
        .replace("#", "%23")
    )


def tag_of(line: InventoryLine) -> tuple[str, str] | None:
    """(BOM id, path) of a line imported from a BOM, else None."""
    m = TAG.search(line.source)
    return (m.group(1), m.group(2)) if m else None


@dataclass(slots=True)
class PlannedLine:
    """A line to import, before it gets a line id: ``path`` identifies it within the BOM.

    Treated as immutable (not frozen only because frozen dataclasses are slow to create).
    """

    path: str
    parent_path: str | None
    name: str
    quantity: float
    unit: str
    loss_rate: float
    material_key: str | None  # the material whose factor goes here (None: a sub-assembly / count line)
    comment: str
    source: str
    row: int


@dataclass(frozen=True, slots=True)
class BomPlan:
    """The planned lines, held as the study lines an import into a study without lines of this BOM
    makes (``drafts``: ids ``B1``, ``B1.1`` …, no factor) beside each one's path, parent path and
    material key; ``lines`` gives them as :class:`PlannedLine`."""

    bom_id: str
    stage: Stage
    drafts: tuple[InventoryLine, ...]
    paths: tuple[str, ...]
    parent_paths: tuple[str | None, ...]
    keys: tuple[str | None, ...]
    materials: tuple[Material, ...]
    table: BomTable

    @property
    def lines(self) -> tuple[PlannedLine, ...]:
        return tuple(
            PlannedLine(
                path,
                parent_path,
                d.name,
                d.quantity,
                d.unit,
                d.loss_rate,
                key,
                d.comment,
                d.source,
                d.origin_row,
            )
            for d, path, parent_path, key in zip(
                self.drafts, self.paths, self.parent_paths, self.keys, strict=True
            )
        )


def bom_id_of(table: BomTable) -> str:
    tops = [r for r in table.rows if r.parent is None]
    if len(tops) == 1:
        return tops[0].key
    return Path(table.file).stem


def plan_bom(
    table: BomTable,
    stage: Stage = Stage.RAW_MATERIALS,
    bom_id: str | None = None,
    lookup: Lookup | None = None,
) -> BomPlan:
    """Planned lines (parents before children) and the distinct materials that need a factor.

    ``lookup`` (code, English template) → template gives the lines' texts in another language.
    """
    texts = {code: (lookup or _english)(code, MESSAGES[code]) for code in LINE_TEXTS}
    with paused_gc():
        return _plan(table, stage, bom_id, texts)


def _english(_code: str, template: str) -> str:
    return template


_ROW_MARK = "\x00row\x00"


def _around(template: str, field: str, mark: str, sample: object, **fixed: object) -> tuple[str, str] | None:
    """(before, after) such that ``f"{before}{v}{after}" == template.format(field=v, **fixed)``
    (checked with ``sample``), else None."""
    try:
        parts = template.format(**{field: mark}, **fixed).split(mark)
    except (ValueError, TypeError, KeyError, IndexError):
        return None
    if len(parts) != 2:
        return None
    before, after = parts
    return (
        (before, after) if f"{before}{sample}{after}" == template.format(**{field: sample}, **fixed) else None
    )


_MASS_MARK = "\x00mass\x00"


def _around_mass_and_row(template: str, **fixed: object) -> tuple[str, str, str] | None:
    """(a, b, c) such that ``f"{a}{mass}{b}{n}{c}" == template.format(mass=mass, row=n, **fixed)``
    for a mass text and a row number: the mass comes first and each once, else None."""
    rows = _around(template, "row", _ROW_MARK, 1234567, mass=_MASS_MARK, **fixed)
    if rows is None or rows[0].count(_MASS_MARK) != 1 or _MASS_MARK in rows[1]:
        return None
    a, b = rows[0].split(_MASS_MARK)
    sample = f"{a}0.00123{b}7654321{rows[1]}"
    return (a, b, rows[1]) if sample == template.format(mass="0.00123", row=7654321, **fixed) else None


def _around_row(template: str, **fixed: object) -> tuple[str, str] | None:
    """(before, after) such that ``f"{before}{n}{after}" == template.format(row=n, **fixed)`` for
    every row number ``n``: the template is formatted once, not per row. None when it cannot be
    split so (``{row}`` twice, or with a format spec or conversion); then each row is formatted."""
    try:
        parts = template.format(row=_ROW_MARK, **fixed).split(_ROW_MARK)
    except (ValueError, TypeError):
        return None
    if len(parts) != 2:
        return None
    before, after = parts
    sample = 1234567
    return (before, after) if f"{before}{sample}{after}" == template.format(row=sample, **fixed) else None


def _parents_first(rows: Sequence[BomRow]) -> Sequence[int]:
    """Row indices with every parent before its children: the sheet order, unless a parent code
    names a row further down (then depth first from the top rows, children in sheet order)."""
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


def _plan(table: BomTable, stage: Stage, bom_id: str | None, texts: Mapping[str, str]) -> BomPlan:
    """The plan in one loop over the rows, parents first (a BOM has 10,000s of rows: what is the
    same for many of them is worked out before it — the templates split around the row number, the
    mass texts of all weights at once, whether a path can repeat or need escaping at all); each
    line and material is filled in field by field."""
    rows = table.rows
    n = len(rows)
    # (a comprehension reads a slot twice as fast as map(attrgetter(…)) on Python 3.11)
    parents = [row.parent for row in rows]
    if not bom_id:  # bom_id_of(table), from the parents at hand
        bom_id = rows[parents.index(None)].key if parents.count(None) == 1 else Path(table.file).stem
    has_children, in_order = _tree_of(parents)
    numbered, escaping = _path_checks([row.code for row in rows], parents)
    counted_units = {u for u in {row.unit for row in rows} if parse_unit(u).dimension is Dimension.COUNT}
    mass_texts = _mass_texts(rows, counted_units)
    paths: list[str] = [""] * n
    prefixes: list[str] = [""] * n  # a sub-assembly's path and "/": its children's paths begin so
    # The line id each row gets in a study without lines of this BOM (what build_import gives
    # there, worked out here by row index instead of by path): B1, B2 … on top, parent.1 … below.
    ids: list[str] = [""] * n
    kids = [0] * n
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
    tag = f" [bom:{_escape(bom_id)}|"
    # The per-row texts with the row number put in by one f-string each (the strings ``format``
    # gives: a 100,000-row BOM formats 300,000 of them); templates that cannot be split so are
    # formatted per row.
    src0, src1 = _around_row(source_text, where=where) or (None, None)
    src1 = f"{src1}{tag}"  # the tag follows the row number
    note0, note1 = _around_row(row_text) or (None, None)
    sub0, sub1 = _around_row(sub_text) or (None, None)
    counted_note = texts["bom.line.counted"]
    # the mass lines' comments split around mass and row per (unit, weight column), and their names
    mass_text = texts["bom.line.mass"]
    mass_parts: dict[tuple[str, str], tuple[str, ...]] = {}
    named = _around(texts["bom.line.mass_name"], "name", "\x00a name\x00", "Steel {1} 50%")
    special = _SPECIAL.search
    new = object.__new__
    # a BomRow is a named tuple: one unpacking costs less than reading its fields one by one
    for i, (number, code, rname, spec, quantity, unit, loss_rate, _depth, parent, weight, column) in (
        enumerate(rows) if in_order else ((i, rows[i]) for i in _parents_first(rows))
    ):
        own = code or rname
        if escaping and not own.isalnum() and special(own):  # isalnum: a cheap "nothing to escape"
            own = _escape(own)
        if parent is None:
            parent_path = parent_id = None
            path = own
            tops += 1
            line_id = f"B{tops}"
            line_stage: Stage | None = stage
        else:
            parent_path = paths[parent]
            parent_id = ids[parent]
            path = prefixes[parent] + own
            kids[parent] = k = kids[parent] + 1
            line_id = parent_id + _DOT_NUMBERS[k] if k < _MANY_CHILDREN else f"{parent_id}.{k}"
            line_stage = None
        if numbered:  # a repeated path gets #2, #3 … (``used`` holds the paths before that)
            if path in used:
                k = repeats[path] = repeats.get(path, 1) + 1
                path = f"{path}#{k}"
            else:
                used.add(path)
        paths[i] = path
        ids[i] = line_id
        num = str(number)  # once, for the source and the comment (f"{n}" is str(n) for an int)
        source = (
            f"{src0}{num}{src1}{path}]"
            if src0 is not None
            else f"{source_text.format(where=where, row=number)}{tag}{path}]"
        )
        name = f"{rname} {spec}" if spec else rname
        counted = False  # a counted row with a weight: its material goes on its mass line
        if has_children[i]:  # a sub-assembly: no factor of its own
            prefixes[i] = f"{path}/" if path else ""
            if sub0 is not None:
                comment = f"{code}: {sub0}{num}{sub1}" if code else f"{sub0}{num}{sub1}"
            else:
                comment = f"{code}: {sub_text.format(row=number)}" if code else sub_text.format(row=number)
            key = line_key = material_unit = None
        elif weight is not None and unit in counted_units:
            counted = True
            comment = f"{code}: {counted_note}" if code else counted_note
            key = code or f"name:{rname}"
            line_key = None
            material_unit = "kg"
        else:
            if note0 is not None:
                comment = f"{code}: {note0}{num}{note1}" if code else f"{note0}{num}{note1}"
            else:
                comment = f"{code}: {row_text.format(row=number)}" if code else row_text.format(row=number)
            key = line_key = code or f"name:{rname}"
            material_unit = unit
        # The line's fields set one by one on a new object: the dataclass __init__ does no more, and a
        # class call with 16 arguments costs about as much again (see _DRAFT_FIELDS).
        line = new(InventoryLine)
        line.line_id = line_id
        line.name = name
        line.quantity = quantity
        line.unit = unit
        line.stage = line_stage
        line.parent_id = parent_id
        line.loss_rate = loss_rate
        line.distance_km = None
        line.factor_id = None
        line.factor_value = None
        line.factor_unit = None
        line.allocation = 1.0
        line.data_type = None
        line.source = source
        line.comment = comment
        line.origin_row = number
        drafts.append(line)
        line_paths.append(path)
        line_parents.append(parent_path)
        line_keys.append(line_key)
        if material_unit is not None and key not in materials:
            material = materials[key] = new(Material)
            material.key = key
            material.code = code
            material.name = rname
            material.spec = spec
            material.unit = material_unit
        if not counted:
            continue
        # the counted row's mass line: the mass of one piece in kg, which carries the factor
        mass = mass_texts.get(weight) or format_sig(weight)  # format_sig: the error of a weight that has none
        parts = mass_parts.get((unit, column))
        if parts is None:
            parts = mass_parts[unit, column] = (
                _around_mass_and_row(
                    mass_text, unit_en=unit, unit_zh=UNITS[unit].label_zh or unit, column=column
                )
                or ()
            )
        if parts:
            comment = f"{parts[0]}{mass}{parts[1]}{num}{parts[2]}"
        else:
            comment = mass_text.format(unit_en=unit, unit_zh=UNITS[unit].label_zh or unit, mass=mass,
                                       column=column, row=number)  # fmt: skip
        line = new(InventoryLine)
        line.line_id = f"{line_id}.m"
        line.name = f"{named[0]}{name}{named[1]}" if named else texts["bom.line.mass_name"].format(name=name)
        line.quantity = weight
        line.unit = "kg"
        line.stage = None
        line.parent_id = line_id
        line.loss_rate = 0.0
        line.distance_km = None
        line.factor_id = None
        line.factor_value = None
        line.factor_unit = None
        line.allocation = 1.0
        line.data_type = None
        # its source: the row's, with the mass line's path
        line.source = (
            f"{src0}{num}{src1}{path}/{MASS_SUFFIX}]" if src0 is not None else f"{source[:-1]}/{MASS_SUFFIX}]"
        )
        line.comment = comment
        line.origin_row = number
        drafts.append(line)
        line_paths.append(f"{path}/{MASS_SUFFIX}")
        line_parents.append(path)
        line_keys.append(key)
    return BomPlan(bom_id, stage, tuple(drafts), tuple(line_paths), tuple(line_parents), tuple(line_keys),
                   tuple(materials.values()), table)  # fmt: skip


# The fields _plan sets on each new line and material (tests check them against the dataclasses').
_DRAFT_FIELDS = {
    InventoryLine: ("line_id", "name", "quantity", "unit", "stage", "parent_id", "loss_rate", "distance_km",
                    "factor_id", "factor_value", "factor_unit", "allocation", "data_type", "source", "comment",
                    "origin_row"),
    Material: ("key", "code", "name", "spec", "unit"),
}  # fmt: skip


# ".0" … ".999": a child's id is its parent's and one of these (a concatenation is cheaper than
# an f-string that formats the number)
_MANY_CHILDREN = 1000
_DOT_NUMBERS = tuple(f".{k}" for k in range(_MANY_CHILDREN))


def _tree_of(parents: list[int | None]) -> tuple[list[bool], bool]:
    """Which rows have children, and whether every parent is above its children (a plain loop:
    ``map``/``compress`` chains take three times as long here)."""
    has_children = [False] * len(parents)
    in_order = True
    for i, parent in enumerate(parents):
        if parent is not None:
            has_children[parent] = True
            if parent >= i:
                in_order = False
    return has_children, in_order


def _path_checks(codes: list[str], parents: list[int | None]) -> tuple[bool, bool]:
    """(numbered, escaping): whether a path may repeat and whether a path part may need escaping.

    A path repeats only where two rows have the same code under one parent, or where a row has no
    code (its name stands in): only then is each path looked up among those before it (that costs
    as much as a text per row). Likewise a code is escaped only when one of them has a character
    to escape."""
    n, coded = len(codes), all(codes)
    numbered = not coded or (len(set(codes)) < n and len(set(zip(parents, codes, strict=True))) < n)
    return numbered, not coded or _SPECIAL.search("".join(codes)) is not None


def _mass_texts(rows: Sequence[BomRow], counted_units: set[str]) -> dict[float, str]:
    """The mass text (format_sig) of each weight a counted row has, formatted all at once."""
    weights = {row.weight_kg for row in rows if row.weight_kg is not None and row.unit in counted_units}
    masses = [mass for mass in weights if isfinite(mass)]
    return dict(zip(masses, format_sig_each(masses), strict=True))


# --- diff and the edit ------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class LineChange:
    line_id: str
    path: str
    name: str
    fields: dict[str, tuple[object, object]]  # field → (old, new)


@dataclass(frozen=True, slots=True)
class BomDiff:
    added: tuple[InventoryLine, ...]
    removed: tuple[InventoryLine, ...]
    changed: tuple[LineChange, ...]
    unchanged: int
    reimport: bool  # the study already held lines of this BOM

    @property
    def is_empty(self) -> bool:
        return not (self.added or self.removed or self.changed)

    def summary(self) -> str:
        return f"{len(self.added)} added, {len(self.removed)} removed, {len(self.changed)} changed, {self.unchanged} unchanged"

    def text_lines(self, limit: int = 50) -> list[str]:
        out: list[str] = []
        for line in self.added[:limit]:
            out.append(f"+ {line.line_id}  {line.name}  {format_sig(line.quantity)} {line.unit}")
        for line in self.removed[:limit]:
            out.append(f"- {line.line_id}  {line.name}  {format_sig(line.quantity)} {line.unit}")
        for ch in self.changed[:limit]:
            parts = [f"{k}: {_show(a)} → {_show(b)}" for k, (a, b) in ch.fields.items()]
            out.append(f"~ {ch.line_id}  {ch.name}  " + "; ".join(parts))
        hidden = (
            max(0, len(self.added) - limit)
            + max(0, len(self.removed) - limit)
            + max(0, len(self.changed) - limit)
        )
        if hidden:
            out.append(f"… and {hidden} more")
        return out


def _show(value: object) -> str:
    if isinstance(value, float):
        return format_sig(value)
    return "—" if value in (None, "") else str(value)


@dataclass(frozen=True, slots=True)
class BomChange:
    """What an import would do: the diff to show and the one command that does it."""

    diff: BomDiff
    command: Command
    lines: tuple[InventoryLine, ...]  # the BOM's lines as they will be in the study


class _Ids:
    """New line ids that no line of the study uses: ``B1``, ``B1.1``, ``B1.1.m`` …"""

    def __init__(self, study: Study) -> None:
        self.used = {line.line_id for line in study.lines}
        self.children: dict[str | None, int] = {}

    def new(self, parent_id: str | None, mass: bool = False) -> str:
        if mass and parent_id is not None:
            return self._free(f"{parent_id}.m")
        while True:
            n = self.children.get(parent_id, 0) + 1
            self.children[parent_id] = n
            candidate = f"B{n}" if parent_id is None else f"{parent_id}.{n}"
            if candidate not in self.used:
                self.used.add(candidate)
                return candidate

    def _free(self, base: str) -> str:
        candidate, k = base, 1
        while candidate in self.used:
            k += 1
            candidate = f"{base}{k}"
        self.used.add(candidate)
        return candidate


def build_import(
    study: Study,
    plan: BomPlan,
    choices: Mapping[str, str | None] | None = None,
    notes: Mapping[str, str] | None = None,
) -> BomChange:
    """Compare ``plan`` with the lines of the same BOM in ``study``; the command applies it.

    ``choices`` maps a material key to the factor id to use (None or absent: no factor). A line
    that already exists keeps its factor unless it has none and a choice gives one. ``notes``
    (per material key) are appended to the comment of new lines (e.g. "factor suggested, not
    confirmed").
    """
    with paused_gc():
        if not notes and _drafts_fit(study, plan):
            return _build_new(study, plan, choices)
        return _build(study, plan, choices, notes)


def _drafts_fit(study: Study, plan: BomPlan) -> bool:
    """The plan's drafts are the lines :func:`_build` would make: the study holds no line of this
    BOM and none of the drafts' ids (then no id is taken, so none moves)."""
    if not study.lines:
        return True
    bom = _escape(plan.bom_id)
    if any((tag := tag_of(line)) is not None and tag[0] == bom for line in study.lines):
        return False
    draft_ids = {line.line_id for line in plan.drafts}
    return not any(line.line_id in draft_ids for line in study.lines)


def _build_new(study: Study, plan: BomPlan, choices: Mapping[str, str | None] | None) -> BomChange:
    """:func:`_build` for a BOM the study does not hold yet: every draft is added, with its factor."""
    lines = plan.drafts
    if choices:
        replace = dataclasses.replace
        lines = tuple(
            replace(line, factor_id=factor) if key and (factor := choices.get(key)) else line
            for line, key in zip(lines, plan.keys, strict=True)
        )
    diff = BomDiff(lines, (), (), 0, False)
    command: Command = InsertLines(len(study.lines), lines) if lines else Macro((), "Import BOM")
    return BomChange(diff, command, lines)


def _build(
    study: Study, plan: BomPlan, choices: Mapping[str, str | None] | None, notes: Mapping[str, str] | None
) -> BomChange:
    choices = choices or {}
    notes = notes or {}
    existing = {
        tag[1]: line
        for line in study.lines
        if (tag := tag_of(line)) is not None and tag[0] == _escape(plan.bom_id)
    }
    ids = _Ids(study)
    new_id, children, used_ids = ids.new, ids.children, ids.used
    id_of: dict[str, str] = {}
    added: list[InventoryLine] = []
    changed: list[LineChange] = []
    final: list[InventoryLine] = []
    set_commands: list[Command] = []
    unchanged = 0
    stage = plan.stage
    mass_end = "/" + MASS_SUFFIX
    add_new, add_final = added.append, final.append
    for p in plan.lines:
        key, path, parent_path = p.material_key, p.path, p.parent_path
        factor = choices.get(key) if key else None
        parent_id = id_of.get(parent_path) if parent_path else None
        if existing:
            old = existing.get(path)
            if old is not None and old.parent_id == parent_id:
                unchanged += _update(old, p, factor, id_of, changed, set_commands, final)
                continue
        if path.endswith(mass_end):
            line_id = new_id(parent_id, True)
        else:  # ids.new's common case inline: the next number under the parent, when it is free
            n = children.get(parent_id, 0) + 1
            children[parent_id] = n
            line_id = f"B{n}" if parent_id is None else f"{parent_id}.{n}"
            if line_id in used_ids:
                line_id = new_id(parent_id)
            else:
                used_ids.add(line_id)
        id_of[path] = line_id
        comment = f"{p.comment}; {notes[key]}" if notes and key in notes else p.comment
        # positional (line_id, name, quantity, unit, stage, parent_id, loss_rate, distance_km, factor_id,
        # factor_value, factor_unit, allocation, data_type, source, comment, origin_row): keywords cost more
        line = InventoryLine(line_id, p.name, p.quantity, p.unit, stage if parent_id is None else None,
                             parent_id, p.loss_rate, None, factor or None, None, None, 1.0, None, p.source, comment,
                             p.row)  # fmt: skip
        add_new(line)
        add_final(line)
    kept = set(id_of.values())
    removed = tuple(line for line in existing.values() if line.line_id not in kept)
    commands: list[Command] = list(set_commands)
    if removed:
        commands.append(DeleteLines(tuple(line.line_id for line in removed)))
    if added:
        commands.append(InsertLines(len(study.lines), tuple(added)))
    if existing:
        commands.append(NormaliseOrder())
    diff = BomDiff(tuple(added), removed, tuple(changed), unchanged, bool(existing))
    command = commands[0] if len(commands) == 1 else Macro(tuple(commands), "Import BOM")
    return BomChange(diff, command, tuple(final))


def _update(
    old: InventoryLine,
    p: PlannedLine,
    factor: str | None,
    id_of: dict[str, str],
    changed: list[LineChange],
    set_commands: list[Command],
    final: list[InventoryLine],
) -> int:
    """A planned line that the study already holds: keep it (1) or change its fields (0)."""
    id_of[p.path] = old.line_id
    new_values = {"name": p.name, "quantity": p.quantity, "unit": p.unit, "loss_rate": p.loss_rate}
    if old.factor_id is None and factor and old.factor_value is None:
        new_values["factor_id"] = factor
    diff = {k: (getattr(old, k), v) for k, v in new_values.items() if getattr(old, k) != v}
    if diff:
        changed.append(LineChange(old.line_id, p.path, p.name, diff))
        set_commands.append(SetLineFields(old.line_id, {k: v for k, (_, v) in diff.items()}))
        final.append(dataclasses.replace(old, **{k: v for k, (_, v) in diff.items()}))  # type: ignore[arg-type]
        return 0
    final.append(old)
    return 1


def apply_change(study: Study, change: BomChange) -> Study:
    """Apply ``change`` to ``study`` in place (the CLI; the window pushes the command instead)."""
    if not change.diff.is_empty:
        change.command.apply(study)
    return study


def new_study_for(plan: BomPlan) -> Study:
    """An empty study named after the BOM's top material (for ``--into`` a file that does not exist)."""
    tops = [r for r in plan.table.rows if r.parent is None]
    name = tops[0].name if len(tops) == 1 else Path(plan.table.file).stem
    return Study(StudyInfo(product_name=name, declared_unit="1 piece"))


def remembered_choices(
    matches: Mapping[str, object], accept_min: float | None = None
) -> dict[str, str | None]:
    """Factor per material: confirmed mappings; with ``accept_min`` also suggestions at least that sure."""
    out: dict[str, str | None] = {}
    for key, match in matches.items():
        remembered = getattr(match, "remembered", None)
        best = getattr(match, "best", None)
        if remembered:
            out[key] = remembered
        elif accept_min is not None and best is not None and best.confidence >= accept_min:
            out[key] = best.factor_id
        else:
            out[key] = None
    return out


def unmatched_materials(plan: BomPlan, choices: Mapping[str, str | None]) -> list[Material]:
    return [m for m in plan.materials if not choices.get(m.key)]


def material_lines(plan: BomPlan) -> dict[str, list[PlannedLine]]:
    out: dict[str, list[PlannedLine]] = {}
    for p in plan.lines:
        if p.material_key:
            out.setdefault(p.material_key, []).append(p)
    return out


def planned_paths(lines: Sequence[InventoryLine]) -> dict[str, InventoryLine]:
    return {tag[1]: line for line in lines if (tag := tag_of(line)) is not None}


# --- work for the isolated reader process (module level: the child imports them by name) ----------------


def list_sheets_task(progress: Progress, path: Path) -> BomSource:
    progress.step(0, 0)  # the window's dialog names the file, in the UI language
    return list_sheets(path)


def read_grid_task(progress: Progress, path: Path, sheet: str | None) -> Grid:
    return read_grid(path, sheet, progress=progress)


def parse_task(progress: Progress, grid: Grid, header: HeaderGuess) -> BomTable:
    return parse_rows(grid, header, progress)
