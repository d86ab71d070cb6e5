"""Undoable edits of a study, without Qt.

Every edit is a small command object whose ``apply(study)`` changes the study in place and
returns ``(inverse, changes)``: the command that undoes it and a :class:`Changes` record saying
what changed (like Anki's ``OpChanges``), so each view decides whether and how to refresh.
:class:`StudyDocument` owns the study, executes commands and tells its listeners. The GUI's
undo stack only wraps these commands; project files and autosave build on the document.

Lines are immutable values, so an inverse simply holds the old values (or old lines).
"""

from __future__ import annotations

import dataclasses
import itertools
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from app.core.domain import Boundary, DataType, GwpSet, InventoryLine, Stage, Study, StudyInfo
from app.core.messages import CodedError

LINE_FIELDS: frozenset[str] = frozenset(
    f.name for f in dataclasses.fields(InventoryLine) if f.name != "origin_row"
)
INFO_FIELDS: frozenset[str] = frozenset(f.name for f in dataclasses.fields(StudyInfo))
# Fields whose change moves a line in the tree (or to another stage's table).
STRUCTURAL_FIELDS: frozenset[str] = frozenset({"line_id", "parent_id", "stage"})


class EditError(CodedError):
    """An edit that cannot be applied (unknown line, duplicate id, bad field); nothing changed."""


@dataclass(frozen=True, slots=True)
class Changes:
    """What an executed command changed.

    ``structure`` means lines were added, removed, reordered or re-parented (views rebuild);
    otherwise ``lines``/``fields`` name the edited lines and fields (views repaint those rows).
    """

    info: bool = False
    structure: bool = False
    lines: frozenset[str] = frozenset()
    fields: frozenset[str] = frozenset()
    study_replaced: bool = False
    factors: bool = False

    def __or__(self, other: Changes) -> Changes:
        return Changes(
            info=self.info or other.info,
            structure=self.structure or other.structure,
            lines=self.lines | other.lines,
            fields=self.fields | other.fields,
            study_replaced=self.study_replaced or other.study_replaced,
            factors=self.factors or other.factors,
        )

    @property
    def affects_results(self) -> bool:
        return bool(self.structure or self.lines or self.study_replaced or self.factors or self.info)


NO_CHANGES = Changes()


class Command(Protocol):
    """An edit: ``apply`` changes ``study`` in place and returns its inverse and what changed."""

    def apply(self, study: Study) -> tuple[Command, Changes]: ...


# --- helpers over the line list ------------------------------------------------------------


def _positions(study: Study) -> dict[str, int]:
    return {line.line_id: i for i, line in enumerate(study.lines)}


def children_map(lines: Sequence[InventoryLine]) -> dict[str | None, list[str]]:
    """Child ids of each line id (``None``: top level), in list order."""
    children: dict[str | None, list[str]] = {}
    for line in lines:
        children.setdefault(line.parent_id, []).append(line.line_id)
    return children


def subtree_ids(lines: Sequence[InventoryLine], roots: Iterable[str]) -> list[str]:
    """``roots`` and all their descendants (each once), in list order."""
    children = children_map(lines)
    seen: set[str] = set()
    stack = list(roots)
    while stack:
        lid = stack.pop()
        if lid in seen:
            continue
        seen.add(lid)
        stack.extend(children.get(lid, ()))
    return [line.line_id for line in lines if line.line_id in seen]


def top_stage(study: Study, line_id: str) -> Stage | None:
    """The stage of ``line_id``'s top-level ancestor (children inherit it)."""
    by_id = study.line_by_id()
    line = by_id.get(line_id)
    guard = 0
    while line is not None and line.parent_id is not None and guard <= len(by_id):
        line = by_id.get(line.parent_id)
        guard += 1
    return line.stage if line is not None else None


def _require(study: Study, line_id: str) -> int:
    for i, line in enumerate(study.lines):
        if line.line_id == line_id:
            return i
    raise EditError("edit.no_line", {"line_id": line_id})


_COERCE: dict[str, Callable[[object], object]] = {
    "stage": lambda v: None if v is None else Stage(v),
    "boundary": lambda v: Boundary(v),
    "gwp_set": lambda v: GwpSet(v),
    "data_type": lambda v: None if v is None else DataType(v),
}


def _coerce(name: str, value: object) -> object:
    conv = _COERCE.get(name)
    try:
        return conv(value) if conv is not None else value
    except ValueError as exc:
        raise EditError("edit.invalid_value", {"value": value, "field": name}) from exc


# --- commands ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class SetLineFields:
    """Set fields of one line; renaming ``line_id`` also re-points its children."""

    line_id: str
    values: Mapping[str, object]

    def apply(self, study: Study) -> tuple[Command, Changes]:
        unknown = set(self.values) - LINE_FIELDS
        if unknown:
            raise EditError("edit.unknown_line_fields", {"fields": ", ".join(sorted(unknown))})
        i = _require(study, self.line_id)
        old = study.lines[i]
        values = {k: _coerce(k, v) for k, v in self.values.items()}
        new_id = values.get("line_id", old.line_id)
        if new_id != old.line_id:
            if not isinstance(new_id, str) or not new_id.strip():
                raise EditError("edit.empty_id")
            if any(line.line_id == new_id for line in study.lines):
                raise EditError("edit.duplicate_id", {"line_id": new_id})
        if values.get("parent_id") is not None and values["parent_id"] not in _positions(study):
            raise EditError("line.missing_parent", {"parent": values["parent_id"]})
        study.lines[i] = dataclasses.replace(old, **values)  # type: ignore[arg-type]
        touched = {old.line_id, str(new_id)}
        if new_id != old.line_id:
            for j, line in enumerate(study.lines):
                if line.parent_id == old.line_id:
                    study.lines[j] = dataclasses.replace(line, parent_id=new_id)
                    touched.add(line.line_id)
        inverse = SetLineFields(str(new_id), {k: getattr(old, k) for k in values})
        structure = bool(STRUCTURAL_FIELDS & set(values))
        return inverse, Changes(structure=structure, lines=frozenset(touched), fields=frozenset(values))


def SetLineField(line_id: str, field_name: str, value: object) -> SetLineFields:
    """One cell: ``SetLineField('1.2', 'quantity', 0.5)``."""
    return SetLineFields(line_id, {field_name: value})


@dataclass(frozen=True, slots=True)
class SetStudyInfo:
    """Set goal-and-scope fields (product, declared unit, boundary, GWP set …)."""

    values: Mapping[str, object]

    def apply(self, study: Study) -> tuple[Command, Changes]:
        unknown = set(self.values) - INFO_FIELDS
        if unknown:
            raise EditError("edit.unknown_study_fields", {"fields": ", ".join(sorted(unknown))})
        old = study.info
        values = {k: _coerce(k, v) for k, v in self.values.items()}
        study.info = dataclasses.replace(old, **values)  # type: ignore[arg-type]
        inverse = SetStudyInfo({k: getattr(old, k) for k in values})
        return inverse, Changes(info=True, fields=frozenset(values))


@dataclass(frozen=True, slots=True)
class InsertLines:
    """Insert ``lines`` as one block before position ``index`` of the line list."""

    index: int
    lines: tuple[InventoryLine, ...]

    def apply(self, study: Study) -> tuple[Command, Changes]:
        existing = _positions(study)
        ids = [line.line_id for line in self.lines]
        clash = [lid for lid in ids if lid in existing] or [lid for lid, n in _counts(ids) if n > 1]
        if clash:
            raise EditError("edit.duplicate_id", {"line_id": clash[0]})
        known = set(existing) | set(ids)
        for line in self.lines:
            if line.parent_id is not None and line.parent_id not in known:
                raise EditError("line.missing_parent", {"parent": line.parent_id})
        index = max(0, min(self.index, len(study.lines)))
        study.lines[index:index] = list(self.lines)
        changed = frozenset(ids)
        return _PlacedDelete(tuple(ids)), Changes(structure=True, lines=changed)


def _counts(ids: Sequence[str]) -> list[tuple[str, int]]:
    counts: dict[str, int] = {}
    for lid in ids:
        counts[lid] = counts.get(lid, 0) + 1
    return list(counts.items())


@dataclass(frozen=True, slots=True)
class RestoreLines:
    """Put lines back at their old positions (ascending), the inverse of :class:`DeleteLines`."""

    entries: tuple[tuple[int, InventoryLine], ...]

    def apply(self, study: Study) -> tuple[Command, Changes]:
        for pos, line in self.entries:
            study.lines.insert(min(pos, len(study.lines)), line)
        ids = tuple(line.line_id for _, line in self.entries)
        return DeleteLines(ids), Changes(structure=True, lines=frozenset(ids))


@dataclass(frozen=True, slots=True)
class DeleteLines:
    """Delete lines; deleting a parent deletes its whole subtree."""

    line_ids: tuple[str, ...]

    def apply(self, study: Study) -> tuple[Command, Changes]:
        pos = _positions(study)
        missing = [lid for lid in self.line_ids if lid not in pos]
        if missing:
            raise EditError("edit.no_line", {"line_id": missing[0]})
        doomed = set(subtree_ids(study.lines, self.line_ids))
        entries = tuple((i, line) for i, line in enumerate(study.lines) if line.line_id in doomed)
        study.lines[:] = [line for line in study.lines if line.line_id not in doomed]
        return RestoreLines(entries), Changes(structure=True, lines=frozenset(doomed))


@dataclass(frozen=True, slots=True)
class _PlacedDelete:
    """Inverse of an insert: the same as :class:`DeleteLines` (kept separate for clarity in undo)."""

    line_ids: tuple[str, ...]

    def apply(self, study: Study) -> tuple[Command, Changes]:
        return DeleteLines(self.line_ids).apply(study)


@dataclass(frozen=True, slots=True)
class MoveLine:
    """Move a line (with its subtree) one place up (``-1``) or down (``+1``) among its siblings."""

    line_id: str
    direction: int

    def apply(self, study: Study) -> tuple[Command, Changes]:
        if self.direction not in (-1, 1):
            raise EditError("edit.move_step")
        lines = study.lines
        i = _require(study, self.line_id)
        parent = lines[i].parent_id
        stage = lines[i].stage if parent is None else None
        siblings = [
            line.line_id
            for line in lines
            if line.parent_id == parent and (parent is not None or line.stage == stage)
        ]
        k = siblings.index(self.line_id)
        j = k + self.direction
        if not 0 <= j < len(siblings):
            return Noop(), NO_CHANGES  # already first/last: nothing to do
        first, second = (siblings[j], self.line_id) if self.direction < 0 else (self.line_id, siblings[j])
        old_order = tuple(line.line_id for line in lines)
        normalised = _normalise_order(study)  # subtrees must be contiguous to swap
        block_a = subtree_ids(study.lines, [first])
        block_b = subtree_ids(study.lines, [second])
        _swap_blocks(study, block_a, block_b)
        inverse: Command = ReorderLines(old_order) if normalised else MoveLine(self.line_id, -self.direction)
        return inverse, Changes(structure=True, lines=frozenset(block_a + block_b))


def tree_order(lines: Sequence[InventoryLine]) -> list[str]:
    """Ids in depth-first order (siblings keep list order); orphans and loops keep their place."""
    children = children_map(lines)
    ids = {line.line_id for line in lines}
    out: list[str] = []
    seen: set[str] = set()

    def visit(root: str) -> None:
        stack = [root]
        while stack:
            lid = stack.pop()
            if lid in seen:
                continue
            seen.add(lid)
            out.append(lid)
            stack.extend(reversed(children.get(lid, ())))

    for line in lines:
        if line.parent_id is None or line.parent_id not in ids:
            visit(line.line_id)
    out.extend(line.line_id for line in lines if line.line_id not in seen)
    return out


def _normalise_order(study: Study) -> bool:
    """Put the list in tree order; True if anything moved."""
    order = tree_order(study.lines)
    if order == [line.line_id for line in study.lines]:
        return False
    by_id = study.line_by_id()
    study.lines[:] = [by_id[lid] for lid in order]
    return True


@dataclass(frozen=True, slots=True)
class NormaliseOrder:
    """Make every subtree contiguous, parents first (after a re-parenting edit)."""

    def apply(self, study: Study) -> tuple[Command, Changes]:
        old = tuple(line.line_id for line in study.lines)
        if not _normalise_order(study):
            return Noop(), NO_CHANGES
        return ReorderLines(old), Changes(structure=True)


def _swap_blocks(study: Study, first: list[str], second: list[str]) -> None:
    """Swap two sibling subtrees in place; lines between them (other stages) stay put."""
    pos = _positions(study)
    a0, a1 = pos[first[0]], pos[first[-1]] + 1
    b0, b1 = pos[second[0]], pos[second[-1]] + 1
    lines = study.lines
    if a1 - a0 != len(first) or b1 - b0 != len(second) or a1 > b0:
        raise EditError("edit.move_not_contiguous")
    lines[a0:b1] = lines[b0:b1] + lines[a1:b0] + lines[a0:a1]


@dataclass(frozen=True, slots=True)
class ReorderLines:
    """Put the line list in the given order of ids (every id exactly once)."""

    order: tuple[str, ...]

    def apply(self, study: Study) -> tuple[Command, Changes]:
        by_id = study.line_by_id()
        if sorted(self.order) != sorted(by_id):
            raise EditError("edit.reorder_incomplete")
        old = tuple(line.line_id for line in study.lines)
        study.lines[:] = [by_id[lid] for lid in self.order]
        return ReorderLines(old), Changes(structure=True, lines=frozenset(self.order))


@dataclass(frozen=True, slots=True)
class Macro:
    """Several commands as one undo step (a paste, a multi-row edit)."""

    commands: tuple[Command, ...]
    text: str = ""

    def apply(self, study: Study) -> tuple[Command, Changes]:
        inverses: list[Command] = []
        changes = NO_CHANGES
        try:
            for cmd in self.commands:
                inverse, ch = cmd.apply(study)
                inverses.append(inverse)
                changes = changes | ch
        except EditError:
            for inverse in reversed(inverses):  # all or nothing
                inverse.apply(study)
            raise
        return Macro(tuple(reversed(inverses)), self.text), changes


@dataclass(frozen=True, slots=True)
class Noop:
    """Changes nothing (the inverse of an edit that turned out to change nothing)."""

    def apply(self, study: Study) -> tuple[Command, Changes]:
        return self, NO_CHANGES


# --- composite edits built from the primitives ---------------------------------------------


def indent(study: Study, line_ids: Sequence[str]) -> Macro:
    """Make each line a child of its previous sibling (quantities unchanged)."""
    commands: list[Command] = []
    pos = _positions(study)
    moved: set[str] = set()
    for lid in sorted(line_ids, key=lambda x: pos.get(x, -1)):
        if lid not in pos:
            raise EditError("edit.no_line", {"line_id": lid})
        line = study.lines[pos[lid]]
        if line.parent_id in moved:
            continue  # its parent moves with it
        prev = _previous_sibling(study, line)
        if prev is None:
            continue
        commands.append(SetLineFields(lid, {"parent_id": prev, "stage": None}))
        moved.add(lid)
    if not commands:
        raise EditError("edit.indent_first")
    return Macro((*commands, NormaliseOrder()), "Indent")


def _previous_sibling(study: Study, line: InventoryLine) -> str | None:
    prev = None
    for other in study.lines:
        if other.line_id == line.line_id:
            return prev
        if other.parent_id == line.parent_id and (line.parent_id is not None or other.stage == line.stage):
            prev = other.line_id
    return None


def outdent(study: Study, line_ids: Sequence[str]) -> Macro:
    """Make each child line a sibling of its parent; it takes the parent's (inherited) stage."""
    commands: list[Command] = []
    by_id = study.line_by_id()
    for lid in line_ids:
        line = by_id.get(lid)
        if line is None:
            raise EditError("edit.no_line", {"line_id": lid})
        if line.parent_id is None or line.parent_id in line_ids:
            continue
        parent = by_id[line.parent_id]
        values: dict[str, object] = {"parent_id": parent.parent_id}
        if parent.parent_id is None:
            values["stage"] = top_stage(study, parent.line_id)
        commands.append(SetLineFields(lid, values))
    if not commands:
        raise EditError("edit.outdent_top")
    return Macro((*commands, NormaliseOrder()), "Outdent")


def duplicate(study: Study, line_ids: Sequence[str], new_id: Callable[[], str]) -> Macro:
    """Copies of the lines (with their subtrees), each inserted after its original's subtree."""
    commands: list[Command] = []
    selected = set(line_ids)
    by_id = study.line_by_id()
    roots = [lid for lid in line_ids if not _has_ancestor_in(by_id, lid, selected)]
    offset = 0
    for root in sorted(roots, key=_positions(study).__getitem__):
        block = subtree_ids(study.lines, [root])
        mapping = {lid: new_id() for lid in block}
        copies = tuple(
            dataclasses.replace(
                by_id[lid],
                line_id=mapping[lid],
                parent_id=mapping.get(by_id[lid].parent_id, by_id[lid].parent_id),  # type: ignore[arg-type]
                origin_row=None,
            )
            for lid in block
        )
        end = max(_positions(study)[lid] for lid in block) + 1 + offset
        commands.append(InsertLines(end, copies))
        offset += len(copies)
    return Macro(tuple(commands), "Duplicate")


def _has_ancestor_in(by_id: Mapping[str, InventoryLine], lid: str, ids: set[str]) -> bool:
    parent = by_id[lid].parent_id
    guard = 0
    while parent is not None and guard <= len(by_id):
        if parent in ids:
            return True
        parent = by_id[parent].parent_id if parent in by_id else None
        guard += 1
    return False


def subtree_end(study: Study, line_id: str) -> int:
    """Position just after ``line_id``'s subtree in the line list."""
    pos = _positions(study)
    return max(pos[lid] for lid in subtree_ids(study.lines, [line_id])) + 1


# --- the document --------------------------------------------------------------------------

Listener = Callable[[Changes], None]


@dataclass
class StudyDocument:
    """One open study: executes commands, numbers its revisions, tells listeners what changed.

    ``revision`` grows with every executed command (undo included), so a background result
    computed on revision ``r`` is known to be stale once ``revision != r``. ``saved_revision``
    marks the last save/open for the "modified" flag.
    """

    study: Study
    path: Path | None = None
    revision: int = 0
    saved_revision: int = 0
    _listeners: list[Listener] = field(default_factory=list, repr=False)
    _ids: itertools.count = field(default_factory=lambda: itertools.count(1), repr=False)

    def subscribe(self, listener: Listener) -> Callable[[], None]:
        self._listeners.append(listener)
        return lambda: self._listeners.remove(listener)

    @property
    def modified(self) -> bool:
        return self.revision != self.saved_revision

    def execute(self, command: Command) -> Command:
        """Apply ``command``; returns its inverse. Raises :class:`EditError` leaving no change."""
        inverse, changes = command.apply(self.study)
        self.revision += 1
        self._notify(changes)
        return inverse

    def replace(self, study: Study, path: Path | None) -> None:
        """Load another study (not undoable: a new document history starts)."""
        self.study = study
        self.path = path
        self.revision += 1
        self.saved_revision = self.revision
        self._notify(Changes(info=True, structure=True, study_replaced=True, factors=True))

    def mark_saved(self, path: Path | None = None) -> None:
        if path is not None:
            self.path = path
        self.saved_revision = self.revision

    def snapshot(self) -> Study:
        """A consistent copy for a worker: lines are immutable, so shallow copies suffice."""
        s = self.study
        return Study(s.info, list(s.lines), list(s.factors))

    def new_line_id(self) -> str:
        """A fresh id that no line uses (``N1``, ``N2`` …)."""
        used = {line.line_id for line in self.study.lines}
        while True:
            candidate = f"N{next(self._ids)}"
            if candidate not in used:
                return candidate

    def _notify(self, changes: Changes) -> None:
        for listener in list(self._listeners):
            listener(changes)
