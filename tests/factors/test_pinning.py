"""Pinned factor values: a saved study keeps its numbers; differences with the library are listed."""

from __future__ import annotations

import json

import pytest

from app.core.compile import compile_study
from app.core.domain import GwpSet, InventoryLine, Stage, Study, StudyInfo
from app.core.gwp import GwpTable
from app.factors.library import FactorLibrary
from app.factors.pinning import PinnedFactor, PinnedFactorSource, diff_against_library, pin_factors
from app.factors.user_library import UserFactorInput

SUPPLIER = UserFactorInput("resin", "PP resin, supplier B", 1.9, "kg", "Supplier B declaration 2024")


def _study(*ids: str) -> Study:
    info = StudyInfo(product_name="Box", declared_unit="1 piece", gwp_set=GwpSet.AR6)
    lines = [
        InventoryLine(
            str(i),
            fid,
            2.0,
            "kg" if fid.startswith("user:") else "kWh",
            stage=Stage.PRODUCTION,
            factor_id=fid,
        )
        for i, fid in enumerate(ids, 1)
    ]
    return Study(info, lines)


def test_pins_keep_the_study_stable_and_changes_are_listed(
    fresh_library: FactorLibrary, gwp: dict[str, GwpTable]
) -> None:
    fresh_library.add_user_factor(SUPPLIER)
    study = _study("user:resin", "cn-mee:cfp:2024:national")
    pins = pin_factors([line.factor_id for line in study.lines if line.factor_id], fresh_library)
    assert set(pins) == {"user:resin", "cn-mee:cfp:2024:national"}
    assert pins["cn-mee:cfp:2024:national"].dataset_version.startswith("data years 2021–2024")
    before = compile_study(study, PinnedFactorSource(pins, fresh_library), gwp["AR6"]).calculate().total
    assert diff_against_library(pins.values(), fresh_library) == []

    # the library changes: the supplier sends a new value
    fresh_library.edit_user_factor(
        UserFactorInput("resin", "PP resin, supplier B", 1.6, "kg", "Supplier B 2025")
    )
    after = compile_study(study, PinnedFactorSource(pins, fresh_library), gwp["AR6"]).calculate().total
    assert after == before == pytest.approx(2 * 1.9 + 2 * 0.5777)
    changes = diff_against_library(pins.values(), fresh_library)
    assert [(c.factor_id, c.kind) for c in changes] == [("user:resin", "changed")]
    assert changes[0].fields == ("value", "dataset_version")
    assert "value 1.9 → 1.6" in changes[0].describe()

    fresh_library.delete_user_factor("user:resin")
    changes = diff_against_library(pins.values(), fresh_library)
    assert [(c.factor_id, c.kind) for c in changes] == [("user:resin", "removed")]
    # the pinned value still calculates
    assert (
        compile_study(study, PinnedFactorSource(pins, fresh_library), gwp["AR6"]).calculate().total == before
    )


def test_pin_json_round_trip(library: FactorLibrary) -> None:
    factor = library.get_factor("epahub2025:t1:natural-gas:mmbtu")
    assert factor is not None
    pin = PinnedFactor.from_factor(factor)
    again = PinnedFactor.from_json_dict(json.loads(json.dumps(pin.to_json_dict())))
    assert again == pin
    assert again.to_factor() == factor
    assert diff_against_library([again], library) == []


def test_gas_and_basis_changes_are_detected(library: FactorLibrary) -> None:
    factor = library.get_factor("epahub2025:t1:natural-gas:mmbtu")
    assert factor is not None
    pin = PinnedFactor.from_factor(factor)
    edited = PinnedFactor(**{**pin.to_json_dict(), "gases": {"CO2": 53.0}, "gwp_basis": "AR6"})  # type: ignore[arg-type]
    (change,) = diff_against_library([edited], library)
    assert change.fields == ("gwp_basis", "gases")
