"""``pcf-workbench export STUDY --excel OUT.xlsx [--lang zh|en|both]``: exports of a calculated study.

Each output format has its own option group and its own function (``--excel`` →
:func:`export_excel`); the command calculates the study once and writes every output asked for.
At least one output option is required. Targets are checked before anything is calculated, and
every file is written atomically, so bad input never leaves a partial file.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path

from app.core.errors import InputError, Problem
from app.io.inventory_export import LANGUAGES
from app.services.calculation import StudyResult
from app.services.context import AppContext
from app.services.studies import LoadedStudy, calculate_file

# (option attribute, the flag a user types): the command needs at least one of them.
OUTPUT_OPTIONS: list[tuple[str, str]] = [("excel", "--excel OUT.xlsx")]


def register(sub, ctx_factory: Callable[[], AppContext]) -> None:
    p = sub.add_parser(
        "export",
        help="export a calculated study (auditable Excel inventory)",
        description="Calculate a study and export it. At least one output option is required.",
    )
    p.add_argument("study", type=Path, help="study workbook (.xlsx)")
    add_excel_arguments(p)
    p.set_defaults(handler=lambda args: run(args, ctx_factory()))


def run(args: argparse.Namespace, ctx: AppContext) -> int:
    from app.cli import print_problems

    asked = [flag for attr, flag in OUTPUT_OPTIONS if getattr(args, attr, None) is not None]
    if not asked:
        flags = ", ".join(flag for _, flag in OUTPUT_OPTIONS)
        raise InputError(Problem(f"nothing to export: give at least one of {flags}", code="export.no_output"))
    if args.excel is not None:
        check_target(args.excel, args.study, (".xlsx",), "the Excel inventory")
    loaded, result = calculate_file(args.study, ctx)
    if args.excel is not None:
        export_excel(args, ctx, loaded, result)
    print_problems(loaded.locate_problems(result.warnings))
    return 0


def check_target(out: Path, study: Path, suffixes: tuple[str, ...], what: str) -> None:
    """Refuse a target with the wrong suffix, in a missing folder, or that is the study itself."""
    if out.suffix.lower() not in suffixes:
        raise InputError(
            Problem(f"{what} must be a {' or '.join(suffixes)} file", code="file.type", file=str(out))
        )
    if out.is_dir():
        raise InputError(Problem("this is a folder, not a file", code="file.folder", file=str(out)))
    if not out.parent.exists():
        raise InputError(Problem(f"no such folder: {out.parent}", code="file.folder", file=str(out)))
    if out.exists() and study.exists() and out.resolve() == study.resolve():
        raise InputError(
            Problem("this would overwrite the study itself; choose another file", code="file.same",
                    file=str(out))
        )  # fmt: skip


# --- Excel (auditable inventory) -------------------------------------------------------------


def add_excel_arguments(p: argparse.ArgumentParser) -> None:
    g = p.add_argument_group("Excel inventory (auditable)")
    g.add_argument(
        "--excel",
        metavar="OUT.xlsx",
        type=Path,
        help="write the auditable Excel inventory: live formulas with cached values, factor provenance",
    )
    g.add_argument(
        "--lang",
        choices=LANGUAGES,
        default="both",
        help="language of the workbook's headers and labels (default: both, side by side)",
    )


def export_excel(args: argparse.Namespace, ctx: AppContext, loaded: LoadedStudy, result: StudyResult) -> None:
    from app.services.exports import export_inventory_excel, factor_provenance, library_factor_ids

    ids = library_factor_ids(result)
    library = getattr(ctx.factors, "source", ctx.factors) if ids else None
    try:
        out = export_inventory_excel(
            result,
            args.excel,
            gwp_tables=ctx.gwp_tables,
            provenance=factor_provenance(library, ids),
            fingerprint=loaded.fingerprint,
            lang=args.lang,
        )
    except OSError as exc:  # a folder without write permission, a full disk: the user can fix it
        raise InputError(
            Problem(f"cannot write the file: {exc.strerror or exc}", code="file.write", file=str(args.excel))
        ) from None
    print(f"wrote {out}")
