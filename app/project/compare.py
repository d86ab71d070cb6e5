"""Compare two revisions: which lines and factors were added, removed or changed, and the effect.

Works on snapshots (the canonical dicts of :func:`app.project.canonical.build_snapshot`), so a
frozen revision is compared exactly as it was frozen.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from app.core.domain import STAGES


@dataclass(frozen=True, slots=True)
class ItemChange:
    key: str  # line_id or factor_id
    kind: str  # "added", "removed" or "changed"
    fields: tuple[str, ...] = ()
    before: Mapping[str, Any] | None = None
    after: Mapping[str, Any] | None = None
    effect_kgco2e: float | None = None  # change of the line's own emissions (lines only)

    def describe(self) -> str:
        if self.kind != "changed":
            return f"{self.key}: {self.kind}"
        assert self.before is not None and self.after is not None
        parts = [f"{f} {_show(self.before.get(f))} → {_show(self.after.get(f))}" for f in self.fields]
        return f"{self.key}: " + "; ".join(parts)


def _show(value: object) -> str:
    return "–" if value is None or value == "" else str(value)


@dataclass(frozen=True, slots=True)
class Comparison:
    lines: tuple[ItemChange, ...]
    factors: tuple[ItemChange, ...]  # study factors and pinned library factors
    settings: tuple[ItemChange, ...]  # study info / method settings
    total_before: float | None
    total_after: float | None
    stages_before: Mapping[str, float] = field(default_factory=dict)
    stages_after: Mapping[str, float] = field(default_factory=dict)

    @property
    def total_delta(self) -> float | None:
        if self.total_before is None or self.total_after is None:
            return None
        return self.total_after - self.total_before

    def stage_deltas(self) -> dict[str, float]:
        return {
            st.value: float(self.stages_after.get(st.value, 0.0))
            - float(self.stages_before.get(st.value, 0.0))
            for st in STAGES
        }

    @property
    def is_empty(self) -> bool:
        return not (self.lines or self.factors or self.settings)


def _diff_keyed(
    before: list[Mapping[str, Any]], after: list[Mapping[str, Any]], key: str
) -> list[ItemChange]:
    old = {str(x[key]): x for x in before}
    new = {str(x[key]): x for x in after}
    out: list[ItemChange] = []
    for k, item in old.items():
        if k not in new:
            out.append(ItemChange(k, "removed", before=item))
    for k, item in new.items():
        if k not in old:
            out.append(ItemChange(k, "added", after=item))
            continue
        fields = tuple(f for f in sorted(set(item) | set(old[k])) if item.get(f) != old[k].get(f))
        if fields:
            out.append(ItemChange(k, "changed", fields, old[k], item))
    return out


def _line_emissions(snapshot: Mapping[str, Any]) -> dict[str, float]:
    results = snapshot.get("results") or {}
    return {str(x["line_id"]): float(x["kgco2e"]) for x in results.get("lines", []) if "kgco2e" in x}


def compare_snapshots(before: Mapping[str, Any], after: Mapping[str, Any]) -> Comparison:
    a_in, b_in = before["inputs"], after["inputs"]
    e_a, e_b = _line_emissions(before), _line_emissions(after)
    lines = []
    for change in _diff_keyed(a_in["lines"], b_in["lines"], "line_id"):
        effect = e_b.get(change.key, 0.0) - e_a.get(change.key, 0.0)
        lines.append(ItemChange(change.key, change.kind, change.fields, change.before, change.after, effect))
    factors = _diff_keyed(a_in.get("factors", []), b_in.get("factors", []), "factor_id")
    factors += _diff_keyed(before.get("pinned_factors", []), after.get("pinned_factors", []), "factor_id")
    settings = _diff_keyed(
        [{"key": k, "value": v} for k, v in a_in["info"].items()],
        [{"key": k, "value": v} for k, v in b_in["info"].items()],
        "key",
    )
    method_a, method_b = before.get("method", {}), after.get("method", {})
    settings += _diff_keyed(
        [{"key": f"method.{k}", "value": v} for k, v in method_a.items()],
        [{"key": f"method.{k}", "value": v} for k, v in method_b.items()],
        "key",
    )
    ra, rb = before.get("results") or {}, after.get("results") or {}
    return Comparison(
        tuple(lines),
        tuple(factors),
        tuple(settings),
        ra.get("total_kgco2e"),
        rb.get("total_kgco2e"),
        dict(ra.get("stages", {})),
        dict(rb.get("stages", {})),
    )
