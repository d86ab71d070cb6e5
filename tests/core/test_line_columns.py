"""A study held as columns (how the workbook reader delivers 100,000 lines) behaves like one held as lines."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest
from hypothesis import given, settings
from studybuilders import line, study
from test_properties import studies

from app.core.compile import compile_study
from app.core.domain import InventoryLine, LineColumns, Stage, Study
from app.core.errors import StudyError


def _columnar(s: Study) -> Study:
    return Study(s.info, factors=s.factors, columns=LineColumns.of(s.lines))


def _inputs(s: Study) -> tuple[object, ...]:
    c = compile_study(s)
    i = c.input
    return (i.line_ids, i.parent.tolist(), [lv.tolist() for lv in i.levels], i.stage.tolist(),
            i.gross_quantity.tolist(), i.to_activity.tolist(), i.factor.tolist(), i.allocation.tolist(),
            i.gas_names, dict(i.index), list(c.traces), c.warnings)  # fmt: skip


def test_line_columns_have_exactly_the_fields_of_a_line_in_order() -> None:
    assert [f.name for f in dataclasses.fields(LineColumns)] == [
        f.name for f in dataclasses.fields(InventoryLine)
    ]


TREE = (
    line("1", 2, "piece", stage=Stage.PRODUCTION),
    line("1.1", 0.5, "g", parent="1", loss_rate=0.1, factor_value=3.0, factor_unit="kg", origin_row=3),
    line("2", 1.2, "kg", stage=Stage.DISTRIBUTION, distance_km=500, factor_value=0.1, factor_unit="t·km"),
    line("3", 4, "度", stage=Stage.USE, factor_value=0.5777, factor_unit="kWh", allocation=0.25),
    line("4", 1, "kg", stage=Stage.END_OF_LIFE),  # no factor: a warning
)


def test_compiling_columns_does_not_build_line_objects_and_matches_lines() -> None:
    s = _columnar(study(*TREE))
    assert not s.lines_built and s.line_count == 5
    assert _inputs(s) == _inputs(study(*TREE))
    assert not s.lines_built  # the happy path read only the columns
    assert s.lines == list(TREE)  # built on demand, equal field by field
    assert s.lines_built and s.line_count == 5


def test_an_edited_line_is_never_hidden_by_the_old_columns() -> None:
    s = _columnar(study(*TREE))
    before = compile_study(s).calculate().total
    s.lines[3] = dataclasses.replace(s.lines[3], quantity=8)  # what an edit command does
    after = compile_study(s).calculate()
    assert after.total == pytest.approx(before + 4 * 0.5777 * 0.25)
    s.lines.append(line("5", 1, "kg", stage=Stage.USE, factor_value=2.0, factor_unit="kg"))
    assert compile_study(s).calculate().total == pytest.approx(after.total + 2.0)


def test_problems_from_columns_are_the_same_as_from_lines() -> None:
    bad = (
        line("a", 1, "kg", factor_value=1.0, factor_unit="kWh", origin_row=2),
        line("b", 1, "furlong", origin_row=3),
        line("c", -1, "kg", parent="zz", origin_row=4),
    )
    with pytest.raises(StudyError) as from_lines:
        compile_study(study(*bad))
    with pytest.raises(StudyError) as from_columns:
        compile_study(_columnar(study(*bad)))
    assert from_columns.value.problems == from_lines.value.problems
    assert [p.code for p in from_lines.value.problems] == ["line.missing_parent"]


def test_many_warnings_from_columns() -> None:
    # More lines need a message than are made one by one: the study's lines get built once.
    lines = [line(str(i), 1, "kg", origin_row=i + 2) for i in range(200)]
    from_columns = compile_study(_columnar(study(*lines))).warnings
    assert from_columns == compile_study(study(*lines)).warnings
    assert [w.row for w in from_columns] == list(range(2, 202))


@settings(max_examples=80, deadline=None)
@given(studies())
def test_columns_and_lines_compile_identically(lines: list[InventoryLine]) -> None:
    assert _inputs(_columnar(study(*lines))) == _inputs(study(*lines))


def test_depth_of_a_very_deep_chain_and_of_lines_listed_before_their_parents() -> None:
    n = 3000
    chain = [line("0", 1.0, "piece")] + [line(str(i), 1.0, "piece", parent=str(i - 1)) for i in range(1, n)]
    c = compile_study(study(*reversed(chain)))  # children first: parents come later in the list
    depth_of = {t.line_id: t.depth for t in c.traces}
    assert depth_of["0"] == 0 and depth_of[str(n - 1)] == n - 1
    assert len(c.input.levels) == n
    assert all(
        int(c.input.parent[c.input.index[str(i)]]) == c.input.index[str(i - 1)] for i in (1, 1500, n - 1)
    )
    assert np.all(c.input.stage == c.input.stage[c.input.index["0"]])


def test_a_parent_loop_far_from_the_roots_is_still_named() -> None:
    lines = [line("r", 1, "kg")] + [line(f"x{i}", 1, "kg", parent=f"x{(i + 1) % 5}") for i in range(5)]
    with pytest.raises(StudyError) as err:
        compile_study(study(*lines))
    (problem,) = err.value.problems
    assert problem.code == "line.loop" and problem.message.startswith("parent loop: x")
