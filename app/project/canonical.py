"""Canonical JSON of a study and the SHA-256 fingerprint of a frozen revision.

The canonical form is what the fingerprint is taken over: sorted keys, no insignificant white
space, floats written by ``repr`` (the shortest text that reads back to the same double, which
is what :mod:`json` does), non-finite numbers as strings, no timestamps. So the fingerprint is
stable across save and open and changes whenever any input, factor, method setting or result
changes.

``study_to_dict``/``study_from_dict`` are lossless for every field of the study (line order
kept), which is also how a frozen revision can be reopened read-only from its snapshot alone.
"""

from __future__ import annotations

import hashlib
import json
import math
from collections.abc import Mapping
from typing import Any

from app.core.domain import Boundary, DataType, Factor, GwpSet, InventoryLine, Stage, Study, StudyInfo
from app.factors.pinning import PinnedFactor

SNAPSHOT_SCHEMA = "pcfw-snapshot/1"
LINE_KEYS = (
    "line_id",
    "parent_id",
    "stage",
    "name",
    "quantity",
    "unit",
    "loss_rate",
    "distance_km",
    "factor_id",
    "factor_value",
    "factor_unit",
    "allocation",
    "data_type",
    "source",
    "comment",
)
_NON_FINITE = {"nan": math.nan, "inf": math.inf, "-inf": -math.inf}


def _num(value: float | None) -> float | str | None:
    """Always a float (``1`` and ``1.0`` must give one fingerprint); NaN and infinity, which JSON
    cannot hold, as text (they read back the same)."""
    if value is None:
        return None
    value = float(value)
    if math.isfinite(value):
        return value
    return "nan" if math.isnan(value) else ("inf" if value > 0 else "-inf")


def _unnum(value: object) -> float | None:
    if value is None:
        return None
    if isinstance(value, str):
        return _NON_FINITE[value]
    return float(value)  # type: ignore[arg-type]


def info_to_dict(info: StudyInfo) -> dict[str, Any]:
    return {
        "product_name": info.product_name,
        "declared_unit": info.declared_unit,
        "boundary": info.boundary.value,
        "gwp_set": info.gwp_set.value,
        "reference_year": info.reference_year,
        "company": info.company,
        "site": info.site,
    }


def info_from_dict(d: Mapping[str, Any]) -> StudyInfo:
    year = d.get("reference_year")
    return StudyInfo(
        product_name=str(d["product_name"]),
        declared_unit=str(d["declared_unit"]),
        boundary=Boundary(d.get("boundary") or Boundary.CRADLE_TO_GATE.value),
        gwp_set=GwpSet(d.get("gwp_set") or GwpSet.AR6.value),
        reference_year=None if year is None else int(year),
        company=str(d.get("company") or ""),
        site=str(d.get("site") or ""),
    )


def line_to_dict(line: InventoryLine) -> dict[str, Any]:
    return {
        "line_id": line.line_id,
        "parent_id": line.parent_id,
        "stage": line.stage.value if line.stage is not None else None,
        "name": line.name,
        "quantity": _num(line.quantity),
        "unit": line.unit,
        "loss_rate": _num(line.loss_rate),
        "distance_km": _num(line.distance_km),
        "factor_id": line.factor_id,
        "factor_value": _num(line.factor_value),
        "factor_unit": line.factor_unit,
        "allocation": _num(line.allocation),
        "data_type": line.data_type.value if line.data_type is not None else None,
        "source": line.source,
        "comment": line.comment,
    }


def line_from_dict(d: Mapping[str, Any]) -> InventoryLine:
    stage = d.get("stage")
    data_type = d.get("data_type")
    return InventoryLine(
        line_id=str(d["line_id"]),
        name=str(d["name"]),
        quantity=_unnum(d["quantity"]),  # type: ignore[arg-type]
        unit=str(d["unit"]),
        stage=Stage(stage) if stage else None,
        parent_id=d.get("parent_id"),
        loss_rate=_unnum(d.get("loss_rate", 0.0)) or 0.0,
        distance_km=_unnum(d.get("distance_km")),
        factor_id=d.get("factor_id"),
        factor_value=_unnum(d.get("factor_value")),
        factor_unit=d.get("factor_unit"),
        allocation=_unnum(d.get("allocation", 1.0)),  # type: ignore[arg-type]
        data_type=DataType(data_type) if data_type else None,
        source=str(d.get("source") or ""),
        comment=str(d.get("comment") or ""),
    )


def factor_to_dict(f: Factor) -> dict[str, Any]:
    return {
        "factor_id": f.factor_id,
        "name": f.name,
        "value": _num(f.value),
        "unit": f.unit,
        "source": f.source,
        "gwp_basis": f.gwp_basis,
        "gases": {k: _num(v) for k, v in f.gases.items()},
        "dataset": f.dataset,
        "dataset_version": f.dataset_version,
        "name_zh": f.name_zh,
    }


def factor_from_dict(d: Mapping[str, Any]) -> Factor:
    gases = d.get("gases") or {}
    return Factor(
        factor_id=str(d["factor_id"]),
        name=str(d["name"]),
        value=_unnum(d["value"]),  # type: ignore[arg-type]
        unit=str(d["unit"]),
        source=str(d.get("source") or ""),
        gwp_basis=d.get("gwp_basis") or None,
        gases={str(k): _unnum(v) for k, v in gases.items()},  # type: ignore[misc]
        dataset=str(d.get("dataset") or ""),
        dataset_version=str(d.get("dataset_version") or ""),
        name_zh=str(d.get("name_zh") or ""),
    )


def study_to_dict(study: Study) -> dict[str, Any]:
    return {
        "info": info_to_dict(study.info),
        "lines": [line_to_dict(line) for line in study.lines],
        "factors": [factor_to_dict(f) for f in study.factors],
    }


def study_from_dict(d: Mapping[str, Any]) -> Study:
    return Study(
        info_from_dict(d["info"]),
        [line_from_dict(x) for x in d.get("lines", [])],
        [factor_from_dict(x) for x in d.get("factors", [])],
    )


def pins_to_list(pins: Mapping[str, PinnedFactor]) -> list[dict[str, Any]]:
    out = []
    for fid in sorted(pins):
        d = pins[fid].to_json_dict()
        d["value"] = _num(pins[fid].value)
        out.append(d)
    return out


def pins_from_list(items: list[Mapping[str, Any]]) -> dict[str, PinnedFactor]:
    pins = {}
    for item in items:
        data = dict(item)
        data["value"] = _unnum(data["value"])
        pin = PinnedFactor.from_json_dict(data)
        pins[pin.factor_id] = pin
    return pins


def canonical_json(data: Any) -> str:
    """Sorted keys, compact separators, floats by repr; refuses NaN (callers write it as text)."""
    return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False)


def fingerprint(snapshot: Mapping[str, Any]) -> str:
    """SHA-256 (hex) of the canonical JSON of ``snapshot``."""
    return hashlib.sha256(canonical_json(snapshot).encode("utf-8")).hexdigest()


def inputs_digest(study: Study, pins: Mapping[str, PinnedFactor]) -> str:
    """SHA-256 of what the user controls (study + pinned factors): did anything change?"""
    return fingerprint({"study": study_to_dict(study), "pinned_factors": pins_to_list(pins)})


def build_snapshot(
    study: Study,
    pins: Mapping[str, PinnedFactor],
    results: Mapping[str, Any],
    factors_used: list[Mapping[str, Any]],
    app_version: str,
    factor_library: Mapping[str, Any],
    method: Mapping[str, Any],
) -> dict[str, Any]:
    """Everything a verifier needs to reproduce a frozen number, without timestamps."""
    return {
        "schema": SNAPSHOT_SCHEMA,
        "app_version": app_version,
        "factor_library": dict(factor_library),
        "method": dict(method),
        "inputs": study_to_dict(study),
        "pinned_factors": pins_to_list(pins),
        "factors_used": [dict(f) for f in factors_used],
        "results": _clean_numbers(results),
    }


def _clean_numbers(value: Any) -> Any:
    if isinstance(value, float):
        return _num(value)
    if isinstance(value, Mapping):
        return {str(k): _clean_numbers(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_clean_numbers(v) for v in value]
    return value


def snapshot_study(snapshot: Mapping[str, Any]) -> Study:
    return study_from_dict(snapshot["inputs"])


def snapshot_pins(snapshot: Mapping[str, Any]) -> dict[str, PinnedFactor]:
    return pins_from_list(list(snapshot.get("pinned_factors", [])))
