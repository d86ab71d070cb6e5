"""The command line (CONTRACTS.md §1): ``pcf-workbench calc | template | factors | export …``.

Exit codes: 0 success; 2 the input is wrong (located message on stderr, no traceback);
1 an internal error (short message; the traceback goes to the log file). Output files are
written atomically, so bad input never leaves a partial file behind.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Callable, Sequence

from app import __version__
from app.core.errors import InputError, PcfError, Problem, SchemaVersionError
from app.services.context import AppContext, open_context

EXIT_OK = 0
EXIT_INTERNAL = 1
EXIT_INPUT = 2
MAX_PROBLEMS_SHOWN = 20

log = logging.getLogger("pcf_workbench")

GUI_COMMANDS = ("open",)


def build_parser(ctx_factory: Callable[[], AppContext]) -> argparse.ArgumentParser:
    from app.cli import bom_cmd, calc_cmd, convert_cmd, export_cmd, factors_cmd, template_cmd

    parser = argparse.ArgumentParser(
        prog="pcf-workbench",
        description="PCF Workbench 产品碳足迹工作台 — product carbon footprints (ISO 14067, GB/T 24067).",
        epilog="With no command the desktop application opens. "
        "'pcf-workbench open FILE' opens a study in it; '--screenshot OUT.png [FILE]' renders it to a PNG.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    calc_cmd.register(sub, ctx_factory)
    template_cmd.register(sub, ctx_factory)
    factors_cmd.register(sub, ctx_factory)
    bom_cmd.register(sub, ctx_factory)
    export_cmd.register(sub, ctx_factory)
    convert_cmd.register(sub, ctx_factory)
    return parser


def print_problems(problems: Sequence[Problem], stream=None) -> None:
    stream = stream or sys.stderr
    for p in problems[:MAX_PROBLEMS_SHOWN]:
        label = "warning" if p.severity == "warning" else "error"
        print(f"{label}: {p}", file=stream)
    if len(problems) > MAX_PROBLEMS_SHOWN:
        print(f"… and {len(problems) - MAX_PROBLEMS_SHOWN} more", file=stream)


def _setup_logging() -> str | None:
    """Log to a file in the user's data folder; returns its path (None if it cannot be created)."""
    from app.paths import log_dir

    try:
        folder = log_dir()
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / "pcf-workbench.log"
        handler = logging.FileHandler(path, encoding="utf-8")
    except OSError:
        return None
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    log.addHandler(handler)
    log.setLevel(logging.INFO)
    return str(path)


def main(argv: Sequence[str] | None = None, ctx_factory: Callable[[], AppContext] = open_context) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    contexts: list[AppContext] = []

    def factory() -> AppContext:
        if not contexts:
            contexts.append(ctx_factory())
        return contexts[0]

    parser = build_parser(factory)
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return EXIT_INPUT
    log_path = _setup_logging()
    try:
        return int(args.handler(args))
    except InputError as exc:
        print_problems(exc.problems)
        return EXIT_INPUT
    except SchemaVersionError as exc:  # a file from a newer version: the input is the problem
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_INPUT
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return EXIT_OK
    except (PcfError, Exception) as exc:
        log.exception("internal error in %s", " ".join(argv))
        where = f"; details in {log_path}" if log_path else ""
        print(f"internal error: {type(exc).__name__}: {exc}{where}", file=sys.stderr)
        return EXIT_INTERNAL
    finally:
        for ctx in contexts:
            ctx.close()
