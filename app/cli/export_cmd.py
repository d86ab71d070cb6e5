"""``pcf-workbench export STUDY --excel OUT.xlsx [--lang zh|en|both]``: exports of a calculated study.

Each output format is one :class:`Output` row in :data:`OUTPUTS` (its option, the suffixes its
file may have, a message naming it, and the function that writes it) plus its own option group
(``--excel`` → :func:`add_excel_arguments`, :func:`export_excel`). ``--lang`` is shared by every
format. The command needs at least one output option; every target is checked before anything is
calculated, the study is calculated once, and every file is written atomically, so bad input
never leaves a partial file.

Adding a format: an ``add_<format>_arguments`` group, an ``export_<format>`` writer returning the
path it wrote, an ``export.what.<format>`` message in ``app/core/messages.py`` and a row in
:data:`OUTPUTS` (plus the ``add_…`` call in :func:`register`).
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from app.core.errors import InputError
from app.core.messages import Message, problem
from app.io.inventory_export import LANGUAGES
from app.services.calculation import StudyResult
from app.services.context import AppContext
from app.services.studies import LoadedStudy, calculate_file

Writer = Callable[[argparse.Namespace, AppContext, LoadedStudy, StudyResult], Path]


@dataclass(frozen=True, slots=True)
class Output:
    """One output option of the command."""

    attr: str  # the argparse destination holding the target path (None: not asked for)
    flag: str  # how a user types it, for "give at least one of …"
    suffixes: tuple[str, ...]  # what the target's name may end with
    what: str  # catalog code naming the file in messages ("the Excel inventory")
    write: Writer  # writes the file atomically, returns its path


def register(sub, ctx_factory: Callable[[], AppContext]) -> None:
    p = sub.add_parser(
        "export",
        help="export a calculated study (auditable Excel inventory)",
        description="Calculate a study and export it. At least one output option is required.",
    )
    p.add_argument("study", type=Path, help="study workbook (.xlsx) or project file (.pcfw)")
    add_common_arguments(p)
    add_excel_arguments(p)
    p.set_defaults(handler=lambda args: run(args, ctx_factory()))


def add_common_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--lang",
        choices=LANGUAGES,
        default="both",
        help="language of the exported files' headers and labels (default: both, side by side)",
    )


def run(args: argparse.Namespace, ctx: AppContext) -> int:
    from app.cli import print_problems

    asked = [o for o in OUTPUTS if getattr(args, o.attr, None) is not None]
    if not asked:
        options = ", ".join(o.flag for o in OUTPUTS)
        raise InputError(problem("export.no_output", {"options": options}))
    for o in asked:
        check_target(getattr(args, o.attr), args.study, o.suffixes, o.what)
    loaded, result = calculate_file(args.study, ctx)
    for o in asked:
        target: Path = getattr(args, o.attr)
        try:
            written = o.write(args, ctx, loaded, result)
        except OSError as exc:  # a folder without write permission, a full disk: the user can fix it
            reason = exc.strerror or str(exc)
            raise InputError(problem("export.write_failed", {"reason": reason}, file=str(target))) from None
        print(f"wrote {written}")
    print_problems(loaded.locate_problems(result.warnings))
    return 0


def check_target(out: Path, study: Path, suffixes: tuple[str, ...], what: str) -> None:
    """Refuse a target with the wrong suffix, in a missing folder, or that is the study itself."""
    where = {"file": str(out)}
    if out.suffix.lower() not in suffixes:
        params = {"what": Message(what), "suffixes": " or ".join(suffixes)}
        raise InputError(problem("export.target_type", params, **where))
    if out.is_dir():
        raise InputError(problem("export.target_is_folder", **where))
    if not out.parent.exists():
        raise InputError(problem("export.no_folder", {"folder": str(out.parent)}, **where))
    if out.exists() and study.exists() and out.resolve() == study.resolve():
        raise InputError(problem("export.target_is_study", **where))


# --- Excel (auditable inventory) -------------------------------------------------------------


def add_excel_arguments(p: argparse.ArgumentParser) -> None:
    g = p.add_argument_group("Excel inventory (auditable)")
    g.add_argument(
        "--excel",
        metavar="OUT.xlsx",
        type=Path,
        help="write the auditable Excel inventory: live formulas with cached values, factor provenance",
    )


def export_excel(args: argparse.Namespace, ctx: AppContext, loaded: LoadedStudy, result: StudyResult) -> Path:
    from app.services.exports import export_inventory_excel, factor_provenance, library_factor_ids

    ids = library_factor_ids(result)
    library = getattr(ctx.factors, "source", ctx.factors) if ids else None
    return export_inventory_excel(
        result,
        args.excel,
        gwp_tables=ctx.gwp_tables,
        provenance=factor_provenance(library, ids),
        fingerprint=loaded.fingerprint,
        lang=args.lang,
    )


# --- the outputs, in the order they are written ------------------------------------------------

OUTPUTS: list[Output] = [
    Output("excel", "--excel OUT.xlsx", (".xlsx",), "export.what.excel", export_excel),
]
