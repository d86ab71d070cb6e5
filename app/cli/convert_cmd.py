"""``pcf-workbench convert IN OUT``: study workbook (.xlsx) ↔ project file (.pcfw), lossless.

Writing a project pins the library factors the study uses; writing into an existing project
keeps its history (the study becomes its working state). Output is atomic; a project that is
open in the desktop application (lock file held by a live process) is not overwritten.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path

from app.services.context import AppContext


def register(sub, ctx_factory: Callable[[], AppContext]) -> None:
    p = sub.add_parser(
        "convert",
        help="convert a study workbook to a project file or back",
        description="Convert a study workbook (.xlsx) to a project file (.pcfw) or a project to a workbook.",
    )
    p.add_argument("input", type=Path, help="study workbook (.xlsx) or project (.pcfw)")
    p.add_argument("output", type=Path, help="study workbook (.xlsx) or project (.pcfw) to write")
    p.add_argument("--revision", type=int, help="with a project as input: convert this frozen revision")
    p.set_defaults(handler=lambda args: run(args, ctx_factory()))


def run(args: argparse.Namespace, ctx: AppContext) -> int:
    from app.services.projects import convert

    study = convert(args.input, args.output, ctx, revision=args.revision)
    print(f"{args.input} → {args.output}: {len(study.lines)} lines")
    return 0
