"""Shared fixtures: the shipped factor library, opened read-only, with a throw-away user library."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from app.core.gwp import GwpTable
from app.factors.gwp_data import load_gwp_tables
from app.factors.library import FactorLibrary
from app.paths import factor_db_path

SHIPPED_DB = factor_db_path("factors.sqlite")


@pytest.fixture(scope="session")
def library(tmp_path_factory: pytest.TempPathFactory) -> Iterator[FactorLibrary]:
    """The bundled library; tests that write use ``fresh_library`` instead."""
    lib = FactorLibrary.open(SHIPPED_DB, tmp_path_factory.mktemp("shared-user") / "user_factors.sqlite")
    yield lib
    lib.close()


@pytest.fixture
def fresh_library(tmp_path: Path) -> Iterator[FactorLibrary]:
    lib = FactorLibrary.open(SHIPPED_DB, tmp_path / "user" / "user_factors.sqlite")
    yield lib
    lib.close()


@pytest.fixture(scope="session")
def gwp() -> dict[str, GwpTable]:
    return load_gwp_tables()
