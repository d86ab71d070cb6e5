"""Invariants of the engine over generated studies (hypothesis)."""

from __future__ import annotations

import dataclasses
import math

from hypothesis import given, settings
from hypothesis import strategies as st
from studybuilders import UNIT_PAIRS, study

from app.core.compile import compile_study
from app.core.domain import STAGES, InventoryLine

UNITS = UNIT_PAIRS


@st.composite
def studies(draw: st.DrawFn) -> list[InventoryLine]:
    n = draw(st.integers(min_value=1, max_value=40))
    lines: list[InventoryLine] = []
    for i in range(n):
        parent = None
        if i and draw(st.booleans()):
            parent = str(draw(st.integers(min_value=0, max_value=i - 1)))
        unit, factor_unit = draw(st.sampled_from(UNITS))
        has_factor = draw(st.booleans())
        transport = draw(st.integers(0, 9)) == 0 and unit in ("kg", "g", "吨")
        lines.append(
            InventoryLine(
                line_id=str(i),
                name=f"line {i}",
                quantity=draw(st.floats(min_value=0, max_value=1e4, allow_nan=False)),
                unit=unit,
                stage=None if parent else draw(st.sampled_from(STAGES)),
                parent_id=parent,
                loss_rate=draw(st.floats(min_value=0, max_value=0.5)),
                distance_km=draw(st.floats(min_value=0, max_value=5000)) if transport else None,
                factor_value=draw(st.floats(min_value=0, max_value=100)) if has_factor or transport else None,
                factor_unit=("t·km" if transport else factor_unit) if has_factor or transport else None,
                allocation=draw(st.floats(min_value=0.01, max_value=1.0)),
            )
        )
    return lines


def _close(a: float, b: float) -> bool:
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-9)


@settings(max_examples=150, deadline=None)
@given(studies())
def test_stage_sums_equal_total_equal_sum_of_lines(lines: list[InventoryLine]) -> None:
    r = compile_study(study(*lines)).calculate()
    assert r.total == sum(r.stage_totals.tolist())  # exactly, as a reader of the JSON checks it
    assert _close(r.total, math.fsum(r.emissions.tolist()))
    for stage in STAGES:
        mask = [STAGES[s] is stage for s in compile_study(study(*lines)).input.stage.tolist()]
        assert _close(
            r.stage_total(stage), math.fsum(e for e, m in zip(r.emissions.tolist(), mask, strict=False) if m)
        )


@settings(max_examples=100, deadline=None)
@given(studies(), st.floats(min_value=0.01, max_value=1000))
def test_scaling_every_top_level_quantity_scales_every_result(lines: list[InventoryLine], k: float) -> None:
    base = compile_study(study(*lines)).calculate()
    scaled_lines = [
        dataclasses.replace(ln, quantity=ln.quantity * k) if ln.parent_id is None else ln for ln in lines
    ]
    scaled = compile_study(study(*scaled_lines)).calculate()
    assert _close(scaled.total, base.total * k)
    for a, b in zip(scaled.emissions.tolist(), base.emissions.tolist(), strict=True):
        assert _close(a, b * k)
    for a, b in zip(scaled.stage_totals.tolist(), base.stage_totals.tolist(), strict=True):
        assert _close(a, b * k)


@settings(max_examples=100, deadline=None)
@given(studies(), st.randoms(use_true_random=False))
def test_row_order_does_not_matter(lines: list[InventoryLine], rnd) -> None:
    base = compile_study(study(*lines)).calculate()
    shuffled = list(lines)
    rnd.shuffle(shuffled)
    other = compile_study(study(*shuffled)).calculate()
    assert _close(other.total, base.total)
    for line_id in base.line_ids:
        assert _close(other.line_emissions(line_id), base.line_emissions(line_id))
    for a, b in zip(other.stage_totals.tolist(), base.stage_totals.tolist(), strict=True):
        assert _close(a, b)
