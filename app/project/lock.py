"""A lock file beside an open project, so a second instance is told who has it open.

``NAME.pcfw.lock`` holds JSON: process id, host, user, time, app version. It is created with
``O_EXCL`` (one winner). A lock whose process is gone (same host, pid not running) or whose
content is unreadable is stale and taken over; locks from other hosts are respected, since we
cannot tell whether their process lives. Within one process the lock is counted, so the window
can re-open the project it has open (the file goes when the last holder releases it).
"""

from __future__ import annotations

import contextlib
import getpass
import json
import os
import socket
import sys
from dataclasses import asdict, dataclass
from pathlib import Path

from app import __version__
from app.core.errors import PcfError
from app.core.messages import Message


@dataclass(frozen=True, slots=True)
class LockInfo:
    pid: int
    host: str
    user: str
    time: str
    app: str = ""

    def describe(self) -> str:
        return str(self.message())

    def message(self) -> Message:
        """Who holds the lock, as a catalog message (the GUI shows it in the UI language)."""
        return Message(
            "project.lock_owner", {"user": self.user, "host": self.host, "pid": self.pid, "time": self.time}
        )

    @property
    def is_this_process(self) -> bool:
        return self.host == socket.gethostname() and self.pid == os.getpid()


class ProjectLockedError(PcfError):
    """Another instance has the project open; ``owner`` says who, ``path`` which file."""

    def __init__(self, path: Path, owner: LockInfo) -> None:
        self.path = path
        self.owner = owner
        message = Message("project.locked", {"name": path.name, "owner": owner.message()})
        self.code, self.params = message.code, dict(message.params)  # for the GUI's translation
        super().__init__(str(message))


# Locks this process holds, by resolved project path, with how many holders share each.
_HELD: dict[Path, int] = {}


def lock_path(path: Path) -> Path:
    return path.with_name(path.name + ".lock")


def _user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown user"


def current_info() -> LockInfo:
    from app.project.model import now_iso

    return LockInfo(os.getpid(), socket.gethostname(), _user(), now_iso(), __version__)


def read_lock(path: Path) -> LockInfo | None:
    """Who holds ``path``'s lock (None: no lock, or an unreadable one)."""
    try:
        data = json.loads(lock_path(path).read_text(encoding="utf-8"))
        return LockInfo(
            int(data["pid"]),
            str(data["host"]),
            str(data["user"]),
            str(data["time"]),
            str(data.get("app", "")),
        )
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _pid_alive_windows(pid: int) -> bool:
    import ctypes

    kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
    handle = kernel32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
    if not handle:
        return kernel32.GetLastError() == 5  # access denied: it exists; otherwise it is gone
    try:
        code = ctypes.c_ulong()
        if not kernel32.GetExitCodeProcess(handle, ctypes.byref(code)):
            return True
        return code.value == 259  # STILL_ACTIVE
    finally:
        kernel32.CloseHandle(handle)


def _pid_alive(pid: int) -> bool:
    if sys.platform == "win32":
        try:
            return _pid_alive_windows(pid)
        except (OSError, AttributeError):
            return True  # cannot tell: respect the lock
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def pid_alive(pid: int) -> bool:
    """Whether process ``pid`` runs on this host (True when it cannot be told)."""
    return _pid_alive(pid)


def is_stale(info: LockInfo | None) -> bool:
    if info is None:
        return True
    return info.host == socket.gethostname() and not _pid_alive(info.pid)


class ProjectLock:
    """Held while a project is open for writing; :meth:`release` (or ``with``) removes it."""

    def __init__(self, path: Path, info: LockInfo) -> None:
        self.path = path
        self.info = info
        self.released = False

    @classmethod
    def acquire(cls, path: Path | str) -> ProjectLock:
        path = Path(path).resolve()
        target = lock_path(path)
        info = current_info()
        for _attempt in range(3):
            try:
                fd = os.open(target, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644)
            except FileExistsError:
                owner = read_lock(path)
                if owner is not None and owner.is_this_process and _HELD.get(path):
                    _HELD[path] += 1
                    return cls(path, owner)  # this process already has it (re-opening)
                if not is_stale(owner):
                    assert owner is not None
                    raise ProjectLockedError(path, owner) from None
                with contextlib.suppress(FileNotFoundError):
                    target.unlink()
                continue
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                json.dump(asdict(info), fh)
                fh.flush()
                os.fsync(fh.fileno())
            _HELD[path] = 1
            return cls(path, info)
        owner = read_lock(path)
        raise ProjectLockedError(path, owner or info)

    def release(self) -> None:
        if self.released:
            return
        self.released = True
        holders = _HELD.get(self.path, 0) - 1
        if holders > 0:
            _HELD[self.path] = holders
            return
        _HELD.pop(self.path, None)
        current = read_lock(self.path)
        if current is not None and current.pid == self.info.pid and current.host == self.info.host:
            with contextlib.suppress(FileNotFoundError):
                lock_path(self.path).unlink()

    def __enter__(self) -> ProjectLock:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.release()
