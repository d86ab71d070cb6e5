"""Open a project file whatever its layout: check, migrate if old, read."""

from __future__ import annotations

from pathlib import Path

from app.core.errors import InputError
from app.core.messages import problem
from app.project import schema as s
from app.project.migrations import migrate_file, migrated_in_memory
from app.project.model import Project
from app.project.store import check_header, connect_readonly, integrity_ok, read_connection, schema_version_of


def load_project(path: Path | str, *, migrate_on_disk: bool = True) -> Project:
    """Read a ``.pcfw`` file. An older layout is upgraded (on disk with a backup when
    ``migrate_on_disk``, else in memory only); a newer one raises ``SchemaVersionError``."""
    path = Path(path)
    check_header(path)
    conn = connect_readonly(path)
    try:
        version = schema_version_of(conn, path)
        if version == s.SCHEMA_VERSION:
            _check_integrity(conn, path)
            return read_connection(conn, path)
    finally:
        conn.close()
    if migrate_on_disk:
        migrate_file(path)
        return load_project(path, migrate_on_disk=False)
    memory = migrated_in_memory(path)
    try:
        return read_connection(memory, path)
    finally:
        memory.close()


def _check_integrity(conn, path: Path) -> None:
    if not integrity_ok(conn):
        raise InputError(problem("project.integrity", {"file": str(path)}, file=str(path)))
