"""Edit commands: each applies, reports what changed, and its inverse restores the study exactly."""

from __future__ import annotations

import copy

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from studybuilders import line, study

from app.core.domain import Stage, Study
from app.core.edits import (
    Changes,
    DeleteLines,
    EditError,
    InsertLines,
    Macro,
    MoveLine,
    ReorderLines,
    SetLineField,
    SetLineFields,
    SetStudyInfo,
    StudyDocument,
    duplicate,
    indent,
    outdent,
    subtree_ids,
)


def kettle() -> Study:
    return study(
        line("1", 1, "piece", name="Body"),
        line("1.1", 0.6, "kg", parent="1", name="Steel"),
        line("1.2", 0.08, "kg", parent="1", name="PP"),
        line("1.2.1", 0.01, "kg", parent="1.2", name="Masterbatch"),
        line("2", 0.3, "kg", name="Cable"),
        line("3", 1.4, "kWh", stage=Stage.PRODUCTION, name="Electricity"),
        line("4", 1.2, "kg", stage=Stage.DISTRIBUTION, distance_km=800, name="Truck"),
    )


def state(s: Study) -> tuple:
    return (s.info, tuple(s.lines), tuple(s.factors))


def roundtrip(s: Study, cmd) -> tuple[object, Changes]:
    before = state(s)
    inverse, changes = cmd.apply(s)
    after = state(s)
    inverse2, _ = inverse.apply(s)
    assert state(s) == before, "the inverse must restore the study"
    inverse2.apply(s)
    assert state(s) == after, "the inverse of the inverse must redo the edit"
    inverse.apply(s)
    return inverse, changes


def test_set_line_field_and_inverse() -> None:
    s = kettle()
    _, changes = roundtrip(s, SetLineField("1.1", "quantity", 0.7))
    assert changes.lines == {"1.1"} and changes.fields == {"quantity"} and not changes.structure
    SetLineField("1.1", "quantity", 0.7).apply(s)
    assert s.line_by_id()["1.1"].quantity == 0.7


def test_rename_line_repoints_children_and_undoes() -> None:
    s = kettle()
    _, changes = roundtrip(s, SetLineField("1", "line_id", "BODY"))
    assert changes.structure
    SetLineField("1", "line_id", "BODY").apply(s)
    assert [x.parent_id for x in s.lines[1:3]] == ["BODY", "BODY"]


def test_rename_to_existing_id_is_refused() -> None:
    s = kettle()
    before = state(s)
    with pytest.raises(EditError, match="already"):
        SetLineField("1", "line_id", "2").apply(s)
    assert state(s) == before


def test_set_line_fields_rejects_unknown_field_and_line() -> None:
    s = kettle()
    with pytest.raises(EditError):
        SetLineField("1", "colour", "red").apply(s)
    with pytest.raises(EditError):
        SetLineField("nope", "quantity", 1).apply(s)


def test_stage_text_is_coerced() -> None:
    s = kettle()
    SetLineField("2", "stage", "production").apply(s)
    assert s.line_by_id()["2"].stage is Stage.PRODUCTION


def test_set_study_info_roundtrip() -> None:
    s = kettle()
    _, changes = roundtrip(s, SetStudyInfo({"product_name": "Kettle", "gwp_set": "AR5"}))
    assert changes.info and changes.fields == {"product_name", "gwp_set"}


def test_insert_and_delete_restore_positions() -> None:
    s = kettle()
    new = (line("9", 1, "kg", name="New"), line("9.1", 2, "kg", parent="9"))
    _, changes = roundtrip(s, InsertLines(2, new))
    assert changes.structure and changes.lines == {"9", "9.1"}
    roundtrip(s, DeleteLines(("1.2", "3")))


def test_deleting_a_parent_deletes_its_subtree() -> None:
    s = kettle()
    DeleteLines(("1",)).apply(s)
    assert [x.line_id for x in s.lines] == ["2", "3", "4"]


def test_insert_refuses_duplicates_and_missing_parents() -> None:
    s = kettle()
    with pytest.raises(EditError):
        InsertLines(0, (line("1", 1, "kg"),)).apply(s)
    with pytest.raises(EditError):
        InsertLines(0, (line("x", 1, "kg", parent="ghost"),)).apply(s)


def test_indent_makes_child_of_previous_sibling_and_keeps_quantity() -> None:
    s = kettle()
    doc = StudyDocument(s)
    inverse = doc.execute(indent(s, ["2"]))
    cable = s.line_by_id()["2"]
    assert cable.parent_id == "1" and cable.quantity == 0.3 and cable.stage is None
    doc.execute(inverse)
    assert s.line_by_id()["2"].parent_id is None and s.line_by_id()["2"].stage is Stage.RAW_MATERIALS


def test_indent_first_line_of_a_level_is_refused() -> None:
    s = kettle()
    with pytest.raises(EditError):
        indent(s, ["1"])
    with pytest.raises(EditError):
        indent(s, ["3"])  # first top-level line of its stage


def test_outdent_takes_the_inherited_stage() -> None:
    s = kettle()
    macro = outdent(s, ["1.1"])
    roundtrip(s, macro)
    macro.apply(s)
    steel = s.line_by_id()["1.1"]
    assert steel.parent_id is None and steel.stage is Stage.RAW_MATERIALS
    macro = outdent(s, ["1.2.1"])
    macro.apply(s)
    assert s.line_by_id()["1.2.1"].parent_id == "1"


def test_move_swaps_sibling_subtrees() -> None:
    s = kettle()
    _, changes = roundtrip(s, MoveLine("2", -1))
    MoveLine("2", -1).apply(s)
    assert [x.line_id for x in s.lines][:5] == ["2", "1", "1.1", "1.2", "1.2.1"]
    assert changes.structure


def test_move_at_the_edge_changes_nothing() -> None:
    s = kettle()
    before = state(s)
    _, changes = MoveLine("1", -1).apply(s)
    assert state(s) == before and not changes.affects_results


def test_move_among_children() -> None:
    s = kettle()
    MoveLine("1.1", 1).apply(s)
    assert [x.line_id for x in s.lines][:4] == ["1", "1.2", "1.2.1", "1.1"]


def test_duplicate_copies_subtree_with_fresh_ids() -> None:
    s = kettle()
    doc = StudyDocument(s)
    inverse = doc.execute(duplicate(s, ["1.2"], doc.new_line_id))
    ids = [x.line_id for x in s.lines]
    assert ids[:6] == ["1", "1.1", "1.2", "1.2.1", "N1", "N2"]
    assert s.line_by_id()["N2"].parent_id == "N1"
    assert s.line_by_id()["N1"].parent_id == "1"
    doc.execute(inverse)
    assert len(s.lines) == 7


def test_macro_is_all_or_nothing() -> None:
    s = kettle()
    before = state(s)
    bad = Macro((SetLineField("1.1", "quantity", 5), SetLineField("ghost", "quantity", 1)))
    with pytest.raises(EditError):
        bad.apply(s)
    assert state(s) == before
    roundtrip(s, Macro((SetLineField("1.1", "quantity", 5), DeleteLines(("3",)))))


def test_reorder_roundtrip() -> None:
    s = kettle()
    order = tuple(reversed([x.line_id for x in s.lines]))
    roundtrip(s, ReorderLines(order))


def test_document_notifies_and_tracks_revisions() -> None:
    s = kettle()
    doc = StudyDocument(s)
    seen: list[Changes] = []
    unsubscribe = doc.subscribe(seen.append)
    inverse = doc.execute(SetLineFields("1.1", {"quantity": 1.0, "loss_rate": 0.1}))
    assert doc.modified and doc.revision == 1 and seen[-1].fields == {"quantity", "loss_rate"}
    doc.execute(inverse)
    assert doc.revision == 2 and doc.modified  # undo is a new revision; still differs from save point
    doc.mark_saved()
    assert not doc.modified
    doc.replace(kettle(), None)
    assert seen[-1].study_replaced and not doc.modified
    unsubscribe()
    doc.execute(SetLineField("1.1", "quantity", 2.0))
    assert len(seen) == 3


def test_snapshot_is_independent_of_later_edits() -> None:
    doc = StudyDocument(kettle())
    snap = doc.snapshot()
    doc.execute(DeleteLines(("1",)))
    assert len(snap.lines) == 7 and len(doc.study.lines) == 3


def test_subtree_ids_in_list_order() -> None:
    assert subtree_ids(kettle().lines, ["1"]) == ["1", "1.1", "1.2", "1.2.1"]


_OPS = st.lists(
    st.tuples(st.sampled_from(["set", "del", "ins", "move", "indent", "outdent", "dup"]), st.integers(0, 50)),
    min_size=1,
    max_size=12,
)


@settings(max_examples=60, deadline=None)
@given(_OPS)
def test_random_edit_sequences_undo_to_the_start(ops: list[tuple[str, int]]) -> None:
    doc = StudyDocument(kettle())
    start = state(doc.study)
    undo: list = []
    for op, n in ops:
        ids = [x.line_id for x in doc.study.lines]
        if not ids and op != "ins":
            continue
        lid = ids[n % len(ids)] if ids else ""
        try:
            if op == "set":
                cmd = SetLineField(lid, "quantity", float(n))
            elif op == "del":
                cmd = DeleteLines((lid,))
            elif op == "ins":
                cmd = InsertLines(n, (line(doc.new_line_id(), 1, "kg"),))
            elif op == "move":
                cmd = MoveLine(lid, 1 if n % 2 else -1)
            elif op == "indent":
                cmd = indent(doc.study, [lid])
            elif op == "outdent":
                cmd = outdent(doc.study, [lid])
            else:
                cmd = duplicate(doc.study, [lid], doc.new_line_id)
            undo.append(doc.execute(cmd))
        except EditError:
            continue
    for inverse in reversed(undo):
        doc.execute(inverse)
    assert state(doc.study) == start
    assert copy.copy(doc.study.lines) == list(start[1])


def test_outdent_keeps_subtrees_contiguous_so_moves_still_work() -> None:
    s = kettle()
    doc = StudyDocument(s)
    doc.execute(outdent(s, ["1.1"]))
    assert [x.line_id for x in s.lines][:5] == ["1", "1.2", "1.2.1", "1.1", "2"]
    doc.execute(MoveLine("1", 1))
    assert [x.line_id for x in s.lines][:4] == ["1.1", "1", "1.2", "1.2.1"]


def test_move_in_a_scattered_workbook_order_is_undoable() -> None:
    s = study(
        line("A", 1, "piece"),
        line("B", 1, "piece"),
        line("A.1", 1, "kg", parent="A"),
    )
    before = state(s)
    inverse, _ = MoveLine("B", -1).apply(s)
    assert [x.line_id for x in s.lines] == ["B", "A", "A.1"]
    inverse.apply(s)
    assert state(s) == before
