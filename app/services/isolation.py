"""Run risky parsing in a child process, so that a crash of a native reader cannot take the app down.

python-calamine aborts the whole process on some malformed files (see :mod:`app.io.xlsx_guard`);
the guard refuses every such file we know of, and this is the second wall. :func:`run_isolated`
runs ``fn(progress, *args)`` in a *spawned* process (no fork of a process holding Qt threads),
relays its progress, terminates it when the user cancels, and turns a dead child into an
:class:`InputError` instead of a dead window. ``fn`` must be a module-level function and its
arguments and result picklable. On POSIX the child's address space is capped.
"""

from __future__ import annotations

import multiprocessing
import time
from collections.abc import Callable
from typing import Any

from app.core.errors import HostileFileError, InputError, PcfError, UnitError
from app.core.messages import problem
from app.core.progress import Cancelled, Progress

CHILD_MEMORY_LIMIT = 3 * 1024**3
_POLL_S = 0.05
_ERRORS: dict[str, type[InputError]] = {
    "InputError": InputError,
    "HostileFileError": HostileFileError,
    "UnitError": UnitError,
}


class IsolatedError(PcfError):
    """The isolated function raised something other than an input error (a bug)."""


def _limit_memory() -> None:
    try:
        import resource
    except ImportError:  # Windows
        return
    try:
        _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
        limit = CHILD_MEMORY_LIMIT if hard == resource.RLIM_INFINITY else min(hard, CHILD_MEMORY_LIMIT)
        resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
    except (ValueError, OSError):
        pass


def _child(conn, fn: Callable[..., Any], args: tuple) -> None:
    _limit_memory()
    last = [0.0]

    def relay(done: int, total: int, message: str) -> None:
        now = time.monotonic()
        if message or now - last[0] > 0.1:
            last[0] = now
            conn.send(("progress", done, total, message))

    try:
        result = fn(Progress(relay), *args)
    except InputError as exc:
        conn.send(("input_error", type(exc).__name__, list(exc.problems)))
    except BaseException as exc:
        conn.send(("error", f"{type(exc).__name__}: {exc}"))
    else:
        conn.send(("ok", result))
    finally:
        conn.close()


def run_isolated(progress: Progress, fn: Callable[..., Any], *args: Any, file: str | None = None) -> Any:
    """``fn(progress, *args)`` in a spawned child; its result, or its InputError, or Cancelled."""
    ctx = multiprocessing.get_context("spawn")
    receiver, sender = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=_child, args=(sender, fn, args), daemon=True)
    proc.start()
    sender.close()
    try:
        while True:
            if progress.cancelled:
                raise Cancelled("cancelled")
            if receiver.poll(_POLL_S):
                try:
                    message = receiver.recv()
                except EOFError:
                    break  # the child died without a word
                kind = message[0]
                if kind == "progress":
                    progress.step(*message[1:])
                elif kind == "ok":
                    return message[1]
                elif kind == "input_error":
                    raise _ERRORS.get(message[1], InputError)(message[2])
                else:
                    raise IsolatedError(message[1])
            elif not proc.is_alive():
                if receiver.poll(0):
                    continue
                break
        proc.join(5)
        raise InputError(problem("bom.reader_crashed", {"exit_code": proc.exitcode}, file=file))
    finally:
        receiver.close()
        if proc.is_alive():
            proc.terminate()
            proc.join(5)
        if proc.exitcode is not None:
            proc.close()
