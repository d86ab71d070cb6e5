"""``pcf-workbench convert IN OUT``: study workbook (.xlsx) ↔ project file (.pcfw), lossless.

Writing a project pins the library factors the study uses; writing into an existing project
keeps its history (the study becomes its working state). Output is atomic; a project that is
open in the desktop application (lock file held by a live process) is not overwritten.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path

from app.core.errors import InputError, Problem
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
    from app.project.lock import ProjectLockedError
    from app.services.studies import STUDY_SUFFIXES, load_study, save_study

    src, dst = Path(args.input), Path(args.output)
    if dst.suffix.lower() not in STUDY_SUFFIXES:
        raise InputError(
            Problem(
                f"{dst.name}: the output must end in .xlsx (study workbook) or .pcfw (project)",
                code="convert.output_type",
                file=dst.name,
                params={"file": dst.name},
            )
        )
    if src.exists() and dst.exists() and src.resolve() == dst.resolve():
        raise InputError(
            Problem("the output must be a different file than the input", code="convert.same_file")
        )
    loaded = load_study(src, revision=args.revision)
    try:
        save_study(loaded.study, dst, factors=ctx.factors, pins=loaded.pins)
    except ProjectLockedError as exc:
        raise InputError(Problem(str(exc), code="project.locked", file=str(dst))) from None
    print(f"{src} → {dst}: {len(loaded.study.lines)} lines")
    return 0
