"""Schema migrations of ``.pcfw`` files: all or nothing, with a backup beside the file.

``MIGRATIONS[v]`` upgrades a database from layout ``v`` to ``v + 1`` inside one transaction.
:func:`migrate_file` first writes a backup beside the file (``NAME.pcfw.v1.bak``, through the
backup API), then migrates a private copy in a temporary file, checks it, and only then
replaces the original atomically. If any step fails the temporary file is removed, the
original is untouched and the backup stays. :func:`migrated_in_memory` upgrades a copy in
memory for read-only opening, leaving the file alone.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

from app.core.errors import InputError
from app.core.messages import problem
from app.io.atomic import atomic_output
from app.project import schema as s
from app.project.store import backup_copy, connect_readonly, integrity_ok, schema_version_of

Migration = Callable[[sqlite3.Connection], None]


def _v1_to_v2(conn: sqlite3.Connection) -> None:
    """Layout 2: project settings and a note on each revision."""
    conn.execute("CREATE TABLE settings (key TEXT NOT NULL PRIMARY KEY, value TEXT NOT NULL)")
    conn.execute("ALTER TABLE revisions ADD COLUMN note TEXT NOT NULL DEFAULT ''")


MIGRATIONS: dict[int, Migration] = {1: _v1_to_v2}


class MigrationError(InputError):
    """A project file could not be upgraded; the original is unchanged and a backup is beside it."""


def backup_path(path: Path, version: int) -> Path:
    return path.with_name(f"{path.name}.v{version}.bak")


def _run_migrations(conn: sqlite3.Connection, version: int) -> None:
    conn.isolation_level = None  # we issue BEGIN/COMMIT ourselves, DDL included
    conn.execute("BEGIN IMMEDIATE")
    try:
        for v in range(version, s.SCHEMA_VERSION):
            step = MIGRATIONS.get(v)
            if step is None:
                raise RuntimeError(f"no migration from project schema {v}")
            step(conn)
        conn.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'", (str(s.SCHEMA_VERSION),))
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise


def migrate_file(path: Path) -> Path:
    """Upgrade ``path`` to the current layout in place; returns the backup's path."""
    source = connect_readonly(path)
    try:
        version = schema_version_of(source, path)
    finally:
        source.close()
    backup = backup_path(path, version)
    backup_copy(path, backup)
    try:
        with atomic_output(path) as tmp:
            source = connect_readonly(path)
            target = sqlite3.connect(tmp)
            try:
                source.backup(target)
                _run_migrations(target, version)
                if not integrity_ok(target):
                    raise RuntimeError("the upgraded database failed its integrity check")
            finally:
                target.close()
                source.close()
    except (sqlite3.Error, RuntimeError) as exc:
        params = {
            "file": str(path),
            "from_version": version,
            "to_version": s.SCHEMA_VERSION,
            "backup": str(backup),
            "reason": str(exc),
        }
        raise MigrationError(problem("project.migration_failed", params, file=str(path))) from None
    return backup


def migrated_in_memory(path: Path) -> sqlite3.Connection:
    """An upgraded copy of ``path`` in memory (for read-only opening); the file is not touched."""
    source = connect_readonly(path)
    memory = sqlite3.connect(":memory:")
    try:
        version = schema_version_of(source, path)
        source.backup(memory)
    finally:
        source.close()
    try:
        _run_migrations(memory, version)
    except (sqlite3.Error, RuntimeError) as exc:
        memory.close()
        params = {"file": str(path), "from_version": version, "reason": str(exc)}
        raise MigrationError(problem("project.migration_failed_in_memory", params, file=str(path))) from None
    return memory
