"""Composition root: ``python -m app`` / ``pcf-workbench``.

With no command, ``open FILE`` or ``--screenshot``, the desktop application starts; everything
else is the headless command line. Only this module knows both.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence


def _wants_gui(argv: Sequence[str]) -> bool:
    return not argv or argv[0] == "open" or argv[0].startswith("--screenshot")


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if _wants_gui(argv):
        try:
            from app.gui.launch import run_gui
        except ImportError as exc:
            print(f"the desktop application is not available: {exc}", file=sys.stderr)
            return 1
        return run_gui(argv)
    from app.cli import main as cli_main

    return cli_main(argv)


if __name__ == "__main__":
    sys.exit(main())
