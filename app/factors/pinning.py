"""Pinned factor values: what a saved study used, so a library update never changes it silently.

A study stores one :class:`PinnedFactor` per library factor it uses (id, value, unit, dataset
version, GWP basis, gases). Calculations resolve ids through :class:`PinnedFactorSource` (pins
first, then the live library for factors not pinned yet); :func:`diff_against_library` lists the
pinned factors whose current library entry differs, so the user can review and re-pin on purpose.

Pure functions and plain data: no Qt, no database (the library is any ``FactorSource``).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from app.core.compile import FactorSource
from app.core.domain import Factor

_REL_TOL = 1e-12  # values are compared as stored; this only absorbs float round-trips via text


@dataclass(frozen=True, slots=True)
class PinnedFactor:
    factor_id: str
    value: float
    unit: str
    dataset: str
    dataset_version: str
    gwp_basis: str | None = None
    gases: Mapping[str, float] = field(default_factory=dict)
    name: str = ""
    name_zh: str = ""
    source: str = ""

    @classmethod
    def from_factor(cls, factor: Factor) -> PinnedFactor:
        return cls(
            factor_id=factor.factor_id,
            value=factor.value,
            unit=factor.unit,
            dataset=factor.dataset,
            dataset_version=factor.dataset_version,
            gwp_basis=factor.gwp_basis,
            gases=MappingProxyType(dict(factor.gases)),
            name=factor.name,
            name_zh=factor.name_zh,
            source=factor.source,
        )

    def to_factor(self) -> Factor:
        return Factor(
            factor_id=self.factor_id,
            name=self.name or self.factor_id,
            value=self.value,
            unit=self.unit,
            source=self.source,
            gwp_basis=self.gwp_basis,
            gases=dict(self.gases),
            dataset=self.dataset,
            dataset_version=self.dataset_version,
            name_zh=self.name_zh,
        )

    def to_json_dict(self) -> dict[str, object]:
        """Plain JSON-able form, for the project file."""
        return {
            "factor_id": self.factor_id,
            "value": self.value,
            "unit": self.unit,
            "dataset": self.dataset,
            "dataset_version": self.dataset_version,
            "gwp_basis": self.gwp_basis,
            "gases": dict(self.gases),
            "name": self.name,
            "name_zh": self.name_zh,
            "source": self.source,
        }

    @classmethod
    def from_json_dict(cls, data: Mapping[str, object]) -> PinnedFactor:
        gases = data.get("gases") or {}
        assert isinstance(gases, Mapping)
        basis = data.get("gwp_basis")
        return cls(
            factor_id=str(data["factor_id"]),
            value=float(data["value"]),  # type: ignore[arg-type]
            unit=str(data["unit"]),
            dataset=str(data.get("dataset", "")),
            dataset_version=str(data.get("dataset_version", "")),
            gwp_basis=str(basis) if basis else None,
            gases=MappingProxyType({str(k): float(v) for k, v in gases.items()}),
            name=str(data.get("name", "")),
            name_zh=str(data.get("name_zh", "")),
            source=str(data.get("source", "")),
        )


@dataclass(frozen=True, slots=True)
class FactorChange:
    """A pinned factor whose library entry is different now (or gone)."""

    factor_id: str
    kind: str  # "changed" or "removed"
    fields: tuple[str, ...]  # which of value, unit, gwp_basis, gases, dataset_version differ
    pinned: PinnedFactor
    current: Factor | None

    def describe(self) -> str:
        if self.current is None:
            return f"{self.factor_id}: no longer in the factor library (the pinned value stays in use)"
        parts = []
        for name in self.fields:
            old = self.pinned.dataset_version if name == "dataset_version" else getattr(self.pinned, name)
            new = getattr(self.current, name)
            parts.append(f"{name} {_show(old)} → {_show(new)}")
        return f"{self.factor_id}: " + "; ".join(parts)


def _show(value: object) -> str:
    if isinstance(value, Mapping):
        return "{" + ", ".join(f"{k}: {v:g}" for k, v in sorted(value.items())) + "}"
    return "none" if value is None else str(value)


def _same_number(a: float, b: float) -> bool:
    return math.isclose(a, b, rel_tol=_REL_TOL, abs_tol=0.0)


def _same_gases(a: Mapping[str, float], b: Mapping[str, float]) -> bool:
    return a.keys() == b.keys() and all(_same_number(a[k], b[k]) for k in a)


def changed_fields(pin: PinnedFactor, factor: Factor) -> tuple[str, ...]:
    fields = []
    if not _same_number(pin.value, factor.value):
        fields.append("value")
    if pin.unit != factor.unit:
        fields.append("unit")
    if (pin.gwp_basis or None) != (factor.gwp_basis or None):
        fields.append("gwp_basis")
    if not _same_gases(pin.gases, factor.gases):
        fields.append("gases")
    if pin.dataset_version != factor.dataset_version:
        fields.append("dataset_version")
    return tuple(fields)


def pin_factors(factor_ids: Iterable[str], library: FactorSource) -> dict[str, PinnedFactor]:
    """Pins for the ids the library knows (unknown ids are left out: the compiler reports them)."""
    pins: dict[str, PinnedFactor] = {}
    for fid in dict.fromkeys(factor_ids):
        factor = library.get_factor(fid)
        if factor is not None:
            pins[fid] = PinnedFactor.from_factor(factor)
    return pins


def diff_against_library(pins: Iterable[PinnedFactor], library: FactorSource) -> list[FactorChange]:
    """The pinned factors whose current library entry differs, in the order given."""
    changes: list[FactorChange] = []
    for pin in pins:
        current = library.get_factor(pin.factor_id)
        if current is None:
            changes.append(FactorChange(pin.factor_id, "removed", (), pin, None))
            continue
        fields = changed_fields(pin, current)
        if fields:
            changes.append(FactorChange(pin.factor_id, "changed", fields, pin, current))
    return changes


class PinnedFactorSource:
    """A :class:`FactorSource` that answers from the pins first, then from ``fallback``."""

    def __init__(
        self, pins: Mapping[str, PinnedFactor] | Iterable[PinnedFactor], fallback: FactorSource | None = None
    ) -> None:
        items = pins.values() if isinstance(pins, Mapping) else pins
        self._factors = {p.factor_id: p.to_factor() for p in items}
        self._fallback = fallback

    def get_factor(self, factor_id: str) -> Factor | None:
        factor = self._factors.get(factor_id)
        if factor is None and self._fallback is not None:
            factor = self._fallback.get_factor(factor_id)
        return factor
