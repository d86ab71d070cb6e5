"""``pcf-workbench export STUDY --label OUT.pdf --report OUT.pdf [--lang …] [--label-size …]``.

The PDF part (label draft and CFP study report) lives in its own functions, ``add_pdf_arguments``
and ``export_pdfs``, so that other export formats can join the same command beside it.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path

from app.core.errors import InputError
from app.core.messages import problem
from app.services.context import AppContext

LANG_CHOICES = ("zh", "en", "both")
LABEL_SIZE_CHOICES = ("a4", "60x40", "100x70")


def register(sub, ctx_factory: Callable[[], AppContext]) -> None:
    p = sub.add_parser(
        "export",
        help="export a study: carbon-label draft and CFP study report (PDF)",
        description="Calculate a study and write the documents that leave the factory. "
        "At least one output is required.",
    )
    p.add_argument("study", type=Path, help="study workbook (.xlsx)")
    add_pdf_arguments(p)
    p.set_defaults(handler=lambda args: run(args, ctx_factory()))


def add_pdf_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--label", metavar="OUT.pdf", type=Path, help="write the carbon-label draft (PDF)")
    p.add_argument("--report", metavar="OUT.pdf", type=Path, help="write the CFP study report (PDF)")
    p.add_argument(
        "--lang",
        choices=LANG_CHOICES,
        default="both",
        help="language of the PDFs (default: both, 中文 + English)",
    )
    p.add_argument(
        "--label-size",
        choices=LABEL_SIZE_CHOICES,
        default="a4",
        help="label draft page: an A4 sheet (default) or a sticker of 60×40 / 100×70 mm",
    )


def pdf_outputs(args: argparse.Namespace) -> list[Path]:
    return [p for p in (getattr(args, "label", None), getattr(args, "report", None)) if p is not None]


def check_output(path: Path, suffix: str) -> None:
    """An output path the user can get: right suffix, existing folder, not a folder itself."""
    if path.suffix.lower() != suffix:
        raise InputError(problem("export.type", {"path": str(path), "suffix": suffix}, file=str(path)))
    if path.is_dir():
        raise InputError(problem("export.is_folder", {"path": str(path)}, file=str(path)))
    if not path.parent.exists():
        raise InputError(problem("export.no_folder", {"path": str(path.parent)}, file=str(path)))


def run(args: argparse.Namespace, ctx: AppContext) -> int:
    from app.cli import print_problems
    from app.services.studies import calculate_file

    outputs = pdf_outputs(args)
    if not outputs:
        raise InputError(problem("export.no_output"))
    if len({p.resolve() for p in outputs}) < len(outputs):
        raise InputError(problem("export.same_output"))
    for path in outputs:
        check_output(path, ".pdf")
    loaded, result = calculate_file(args.study, ctx)
    for path in export_pdfs(args, loaded, result, ctx):
        print(f"wrote {path}")
    print_problems(loaded.locate_problems(result.warnings))
    return 0


def export_pdfs(args: argparse.Namespace, loaded, result, ctx: AppContext) -> list[Path]:
    """Write the label draft and/or the report asked for by ``args``; returns the paths written."""
    from app.services.reports import build_report_data, write_label, write_report

    if not pdf_outputs(args):
        return []
    data = build_report_data(
        result, loaded.fingerprint, ctx.factors, ctx.gwp_tables, study_file=Path(loaded.path).name
    )
    written = []
    if args.label is not None:
        written.append(write_label(data, args.label, size=args.label_size, lang=args.lang))
    if args.report is not None:
        written.append(write_report(data, args.report, lang=args.lang))
    return written
