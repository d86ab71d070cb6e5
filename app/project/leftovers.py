"""Temporary files that an interrupted save leaves beside a project (cheap to import: no SQLAlchemy)."""

from __future__ import annotations

import contextlib
from pathlib import Path


def orphan_temp_files(path: Path) -> list[Path]:
    """Temporary files a crashed save of ``path`` left beside it (``.NAME.*.tmp``)."""
    path = Path(path)
    return sorted(path.parent.glob(f".{path.name}.*.tmp"))


def clean_orphans(path: Path) -> list[Path]:
    """Remove the leftovers of interrupted saves (call only while no other process writes ``path``)."""
    removed = []
    for orphan in orphan_temp_files(path):
        with contextlib.suppress(OSError):
            orphan.unlink()
            removed.append(orphan)
    return removed
