"""Atomic file output: write beside the target, flush to disk, then replace in one step.

A crash or an input error never leaves a half-written or partial file under the target name.
On Windows, ``os.replace`` fails while another program (an antivirus scanner, Excel) briefly
holds the target; that is retried for a short while.
"""

from __future__ import annotations

import contextlib
import os
import stat
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

_REPLACE_RETRIES = 20
_REPLACE_DELAY_S = 0.1


def replace_with_retry(src: Path, dst: Path) -> None:
    for attempt in range(_REPLACE_RETRIES):
        try:
            os.replace(src, dst)
            return
        except PermissionError:
            if sys.platform != "win32" or attempt == _REPLACE_RETRIES - 1:
                raise
            time.sleep(_REPLACE_DELAY_S)


def fsync_path(path: Path) -> None:
    with open(path, "rb+") as fh:
        os.fsync(fh.fileno())


def _copy_mode(target: Path, tmp: Path) -> None:
    """The new file keeps the permissions of the one it replaces (a new file: rw-r--r--);
    ``mkstemp`` alone would make every saved file private to its owner."""
    try:
        mode = stat.S_IMODE(os.stat(target).st_mode)
    except OSError:
        mode = 0o644
    with contextlib.suppress(OSError):
        os.chmod(tmp, mode)


@contextlib.contextmanager
def atomic_output(target: Path | str, suffix: str | None = None) -> Iterator[Path]:
    """Yield a temporary path beside ``target``; on success it replaces ``target`` atomically."""
    target = Path(target)
    fd, tmp_name = tempfile.mkstemp(
        prefix=f".{target.name}.",
        suffix=(suffix if suffix is not None else target.suffix) + ".tmp",
        dir=target.parent,
    )
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        _copy_mode(target, tmp)
        yield tmp
        fsync_path(tmp)
        replace_with_retry(tmp, target)
        if sys.platform != "win32":
            dir_fd = os.open(target.parent, os.O_RDONLY)
            try:
                os.fsync(dir_fd)
            finally:
                os.close(dir_fd)
    finally:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
