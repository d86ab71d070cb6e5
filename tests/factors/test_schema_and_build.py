"""Schema version handling, read-only opening, and a rebuild that must match the shipped database."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from app.core.errors import SchemaVersionError
from app.factors.library import FactorLibrary
from app.factors.schema import SCHEMA_VERSION
from factor_db.build import build, content_hash

from .conftest import SHIPPED_DB


def _copy_with_version(tmp_path: Path, version: str) -> Path:
    path = tmp_path / "factors.sqlite"
    shutil.copy(SHIPPED_DB, path)
    con = sqlite3.connect(path)
    con.execute("UPDATE meta SET value=? WHERE key='schema_version'", (version,))
    con.commit()
    con.close()
    return path


def test_schema_version_is_recorded(library: FactorLibrary) -> None:
    assert library.schema_version == SCHEMA_VERSION == 1


def test_newer_schema_is_refused_with_a_message(tmp_path: Path) -> None:
    path = _copy_with_version(tmp_path, str(SCHEMA_VERSION + 1))
    with pytest.raises(SchemaVersionError, match="please update PCF Workbench"):
        FactorLibrary.open(path, tmp_path / "u.sqlite")


def test_newer_user_library_is_refused(tmp_path: Path) -> None:
    user = _copy_with_version(tmp_path, "99")
    with pytest.raises(SchemaVersionError, match="schema version 99"):
        FactorLibrary.open(SHIPPED_DB, user)


def test_not_a_library_is_refused(tmp_path: Path) -> None:
    junk = tmp_path / "junk.sqlite"
    junk.write_bytes(b"x" * 4096)
    with pytest.raises(SchemaVersionError, match="not a PCF Workbench factor library"):
        FactorLibrary.open(junk, tmp_path / "u.sqlite")
    with pytest.raises(FileNotFoundError):
        FactorLibrary.open(tmp_path / "missing.sqlite", tmp_path / "u.sqlite")


def test_bundled_file_is_not_modified_by_use(tmp_path: Path) -> None:
    before = SHIPPED_DB.stat().st_mtime_ns
    with FactorLibrary.open(SHIPPED_DB, tmp_path / "u.sqlite") as lib:
        lib.search("electricity")
        lib.get_factor("owid:CHN:2024")
    assert SHIPPED_DB.stat().st_mtime_ns == before


@pytest.mark.slow
def test_rebuild_matches_the_shipped_database(tmp_path: Path) -> None:
    """CI catches a stale factors.sqlite: rebuild from factor_db/sources and compare contents."""
    out = tmp_path / "factors.sqlite"
    counts = build(out)
    assert sum(counts.values()) == 10216
    assert content_hash(out) == content_hash(SHIPPED_DB), (
        "factor_db/factors.sqlite is stale: python -m factor_db.build"
    )
    rebuilt = tmp_path / "again.sqlite"
    build(rebuilt)
    assert rebuilt.read_bytes() == out.read_bytes()  # byte-identical on the same SQLite version
