"""Autosave and crash recovery, without Qt.

While a study has unsaved changes, the window writes it (as a complete project file, so pins and
revision history come along) to ``user_data_dir()/recovery/`` every few minutes and shortly
after the user stops typing. Each session has one entry: ``<key>.pcfw`` plus ``<key>.json``
(what, when, from which file, which process). A clean save or a discard removes the entry; after
a crash or ``kill -9`` the entry stays, and the next start offers it back.

:class:`AutosavePolicy` is the timing rule (interval and idle, in seconds) on an injected clock;
the GUI's timer asks it :meth:`AutosavePolicy.due` and writes off the GUI thread.
"""

from __future__ import annotations

import contextlib
import json
import os
import socket
import uuid
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path

from app.paths import user_data_dir
from app.project.leftovers import clean_orphans, orphan_temp_files
from app.project.lock import LockInfo, is_stale, pid_alive
from app.project.model import Project, now_iso


@dataclass(frozen=True, slots=True)
class RecoveryEntry:
    key: str
    saved_at: str  # ISO 8601 UTC
    source: str | None  # the file the study was opened from / last saved to (None: never saved)
    product_name: str
    line_count: int
    edits: int  # document revision counter when autosaved (for "what")
    pid: int
    host: str
    folder: Path

    @property
    def data_path(self) -> Path:
        return self.folder / f"{self.key}.pcfw"

    @property
    def meta_path(self) -> Path:
        return self.folder / f"{self.key}.json"

    @property
    def source_path(self) -> Path | None:
        return Path(self.source) if self.source else None

    def describe(self) -> str:
        where = Path(self.source).name if self.source else "an unsaved study"
        return f"{self.product_name} ({where}, {self.line_count} lines), autosaved {self.saved_at}"


def new_session_key() -> str:
    return f"{os.getpid()}-{uuid.uuid4().hex[:12]}"


class RecoveryStore:
    """The recovery folder: write one entry per session, list the orphaned ones, load, discard."""

    def __init__(self, folder: Path | None = None) -> None:
        self.folder = folder or user_data_dir() / "recovery"

    def write(self, key: str, project: Project, source: Path | None, edits: int) -> RecoveryEntry:
        """Autosave ``project`` under ``key`` (atomic: data first, then the note that points to it)."""
        self.folder.mkdir(parents=True, exist_ok=True)
        entry = RecoveryEntry(
            key=key,
            saved_at=now_iso(),
            source=str(source) if source else None,
            product_name=project.study.info.product_name,
            line_count=len(project.study.lines),
            edits=edits,
            pid=os.getpid(),
            host=socket.gethostname(),
            folder=self.folder,
        )
        from app.project.store import write_project  # SQLAlchemy loads on the first autosave

        write_project(project, entry.data_path)
        meta = {k: v for k, v in asdict(entry).items() if k != "folder"}
        tmp = entry.meta_path.with_name(f".{entry.meta_path.name}.{os.getpid()}.tmp")
        with open(tmp, "w", encoding="utf-8") as fh:
            json.dump(meta, fh, ensure_ascii=False)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, entry.meta_path)
        return entry

    def _read(self, meta_path: Path) -> RecoveryEntry | None:
        try:
            data = json.loads(meta_path.read_text(encoding="utf-8"))
            entry = RecoveryEntry(folder=self.folder, **data)
        except (OSError, ValueError, TypeError):
            return None
        return entry if entry.data_path.is_file() else None

    def entries(self, include_live: bool = False) -> list[RecoveryEntry]:
        """Entries left by sessions that ended without saving (newest first).

        Entries of a running session (this host, live process) are skipped unless
        ``include_live``; leftover temporary files of interrupted autosaves are removed.
        """
        if not self.folder.is_dir():
            return []
        self._sweep()
        found = []
        for meta_path in self.folder.glob("*.json"):
            entry = self._read(meta_path)
            if entry is None:
                continue
            owner = LockInfo(entry.pid, entry.host, "", entry.saved_at)
            if not include_live and not is_stale(owner):
                continue  # its session is still running (this process included)
            found.append(entry)
            clean_orphans(entry.data_path)
        return sorted(found, key=lambda e: e.saved_at, reverse=True)

    def _sweep(self) -> None:
        """Remove what autosaves of ended sessions left half-done: temporary files, and data files
        whose note was never written. File names start with the writer's process id (the key)."""
        for path in self.folder.iterdir():
            pid_text = path.name.lstrip(".").split("-", 1)[0]
            if not pid_text.isdigit() or pid_alive(int(pid_text)):
                continue
            half_done = path.name.endswith(".tmp") or (
                path.suffix == ".pcfw" and not path.with_suffix(".json").exists()
            )
            if half_done:
                with contextlib.suppress(OSError):
                    path.unlink()

    def load(self, entry: RecoveryEntry) -> Project:
        from app.project.files import load_project

        return load_project(entry.data_path)

    def discard(self, key: str) -> None:
        for path in (self.folder / f"{key}.pcfw", self.folder / f"{key}.json"):
            with contextlib.suppress(FileNotFoundError):
                path.unlink()
        for orphan in orphan_temp_files(self.folder / f"{key}.pcfw"):
            with contextlib.suppress(OSError):
                orphan.unlink()


class AutosavePolicy:
    """When to autosave: ``idle_s`` after the last edit, and at least every ``interval_s`` while
    changes keep coming. ``clock`` returns seconds (monotonic); tests pass a fake one."""

    def __init__(self, interval_s: float, idle_s: float, clock: Callable[[], float]) -> None:
        self.interval_s = interval_s
        self.idle_s = idle_s
        self.clock = clock
        self._last_edit: float | None = None
        self._pending_since: float | None = None
        self._saved_revision: int | None = None

    def edited(self) -> None:
        now = self.clock()
        self._last_edit = now
        if self._pending_since is None:
            self._pending_since = now

    def due(self, revision: int, modified: bool) -> bool:
        if not modified or revision == self._saved_revision or self._last_edit is None:
            return False
        now = self.clock()
        idle = now - self._last_edit >= self.idle_s
        overdue = self._pending_since is not None and now - self._pending_since >= self.interval_s
        return idle or overdue

    def autosaved(self, revision: int) -> None:
        self._saved_revision = revision
        self._pending_since = None

    def reset(self) -> None:
        """After a save, open or discard: nothing is pending."""
        self._last_edit = None
        self._pending_since = None
        self._saved_revision = None
