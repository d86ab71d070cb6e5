"""``pcf-workbench export STUDY [--excel OUT.xlsx] [--label OUT.pdf] [--report OUT.pdf] …``.

Each output format is one :class:`Output` row in :data:`OUTPUTS` (its option, the suffixes its
file may have, a message naming it, and the function that writes it) plus its own option group
(``--excel`` → :func:`add_excel_arguments`, :func:`export_excel`; ``--label``/``--report`` →
:func:`add_pdf_arguments`, :func:`export_label`, :func:`export_report`). ``--lang`` is shared by
every format. The command needs at least one output option; every target is checked before
anything is calculated, the study is calculated once, and every file is written atomically, so
bad input never leaves a partial file.

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
LABEL_SIZE_CHOICES = ("a4", "60x40", "100x70")


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
        help="export a calculated study: auditable Excel inventory, carbon-label draft, CFP report (PDF)",
        description="Calculate a study and export it. At least one output option is required.",
    )
    p.add_argument("study", type=Path, help="study workbook (.xlsx) or project file (.pcfw)")
    add_common_arguments(p)
    add_excel_arguments(p)
    add_pdf_arguments(p)
    p.set_defaults(handler=lambda args: run(args, ctx_factory()))


def add_common_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--lang",
        choices=LANGUAGES,
        default="both",
        help="language of the exported files (default: both, side by side)",
    )


def run(args: argparse.Namespace, ctx: AppContext) -> int:
    from app.cli import print_problems

    asked = [o for o in OUTPUTS if getattr(args, o.attr, None) is not None]
    if not asked:
        options = ", ".join(o.flag for o in OUTPUTS)
        raise InputError(problem("export.no_output", {"options": options}))
    for o in asked:
        check_target(getattr(args, o.attr), args.study, o.suffixes, o.what)
    check_distinct(args, asked)
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


def check_distinct(args: argparse.Namespace, asked: list[Output]) -> None:
    """Two outputs written to one file would leave only the last: refuse before calculating."""
    seen: dict[Path, Output] = {}
    for o in asked:
        target = Path(getattr(args, o.attr)).resolve()
        first = seen.setdefault(target, o)
        if first is not o:
            params = {"first": first.flag.split()[0], "second": o.flag.split()[0]}
            raise InputError(problem("export.same_target", params, file=str(getattr(args, o.attr))))


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


# --- PDF (carbon-label draft and CFP study report) -------------------------------------------


def add_pdf_arguments(p: argparse.ArgumentParser) -> None:
    g = p.add_argument_group("Carbon-label draft and CFP study report (PDF)")
    g.add_argument("--label", metavar="OUT.pdf", type=Path, help="write the carbon-label draft (PDF)")
    g.add_argument("--report", metavar="OUT.pdf", type=Path, help="write the CFP study report (PDF)")
    g.add_argument(
        "--label-size",
        choices=LABEL_SIZE_CHOICES,
        default="a4",
        help="label draft page: an A4 sheet (default) or a sticker of 60×40 / 100×70 mm",
    )


def _report_data(args: argparse.Namespace, ctx: AppContext, loaded: LoadedStudy, result: StudyResult):
    """What both PDFs print, gathered once per command (the label and the report share it)."""
    cached = getattr(args, "_report_data", None)
    if cached is None:
        from app.services.reports import build_report_data

        cached = build_report_data(
            result, loaded.fingerprint, ctx.factors, ctx.gwp_tables, study_file=Path(loaded.path).name
        )
        args._report_data = cached
    return cached


def export_label(args: argparse.Namespace, ctx: AppContext, loaded: LoadedStudy, result: StudyResult) -> Path:
    from app.services.reports import write_label

    data = _report_data(args, ctx, loaded, result)
    return write_label(data, args.label, size=args.label_size, lang=args.lang)


def export_report(
    args: argparse.Namespace, ctx: AppContext, loaded: LoadedStudy, result: StudyResult
) -> Path:
    from app.services.reports import write_report

    return write_report(_report_data(args, ctx, loaded, result), args.report, lang=args.lang)


# --- the outputs, in the order they are written ------------------------------------------------

OUTPUTS: list[Output] = [
    Output("excel", "--excel OUT.xlsx", (".xlsx",), "export.what.excel", export_excel),
    Output("label", "--label OUT.pdf", (".pdf",), "export.what.label", export_label),
    Output("report", "--report OUT.pdf", (".pdf",), "export.what.report", export_report),
]
