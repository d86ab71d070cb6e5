"""``pcf-workbench template OUT.xlsx``: write the bilingual data-collection template."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path

from app.core.errors import InputError
from app.core.messages import problem
from app.services.context import AppContext


def register(sub, ctx_factory: Callable[[], AppContext]) -> None:
    p = sub.add_parser(
        "template",
        help="write an empty bilingual study workbook (data-collection template)",
        description="Write an empty study workbook with instructions, drop-downs and an example sheet.",
    )
    p.add_argument("out", type=Path, help="where to write the template (.xlsx)")
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from app.io.study_template import write_template

    out: Path = args.out
    if out.suffix.lower() != ".xlsx":
        raise InputError(problem("template.type", {"path": str(out)}, file=str(out)))
    if not out.parent.exists():
        raise InputError(problem("template.no_folder", {"path": str(out.parent)}, file=str(out)))
    write_template(out)
    print(f"wrote {out}")
    return 0
