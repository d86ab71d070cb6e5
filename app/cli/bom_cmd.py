"""``pcf-workbench import-bom FILE --into STUDY`` and ``pcf-workbench bom-mappings …``.

``import-bom`` reads an ERP bill of materials (.xlsx or .csv), turns it into inventory lines of one
stage, fills in the factors confirmed earlier (the mapping memory, or ``--mapping FILE``), prints a
summary and — when the study already holds lines of this BOM — what changed, then writes the study
back atomically. Problems in the BOM file are reported per cell and nothing is written (exit 2).
"""

from __future__ import annotations

import argparse
import logging
from collections.abc import Callable
from pathlib import Path

from app.core.domain import STAGES, Stage, Study
from app.core.errors import InputError, Problem
from app.core.messages import Message, problem
from app.services.context import AppContext

log = logging.getLogger("pcf_workbench")
SHOWN = 20
DEFAULT_ACCEPT = 0.6


def register(sub, ctx_factory: Callable[[], AppContext]) -> None:
    p = sub.add_parser(
        "import-bom",
        help="import a bill of materials from an ERP export (.xlsx/.csv) into a study",
        description="Import a bill of materials (Kingdee, Yonyou, SAP or a spreadsheet; .xlsx or .csv) "
        "into a study workbook or a project as inventory lines, with the factors confirmed earlier.",
    )
    p.add_argument("file", type=Path, help="the BOM export (.xlsx or .csv)")
    p.add_argument(
        "--into",
        type=Path,
        required=True,
        metavar="STUDY_OR_PROJECT",
        help="study workbook (.xlsx) or project (.pcfw) to add to (created if missing)",
    )
    p.add_argument(
        "--stage", default="raw_materials", choices=[s.value for s in STAGES], help="stage of the lines"
    )
    p.add_argument(
        "--mapping", type=Path, metavar="FILE", help="mapping workbook (material code → factor id) to use"
    )
    p.add_argument("--sheet", metavar="NAME", help="sheet to read (default: the first visible sheet)")
    p.add_argument("--header-row", type=int, metavar="N", help="row of the header (default: detected)")
    p.add_argument(
        "--bom-id", metavar="ID", help="name of this BOM for re-imports (default: its top material)"
    )
    p.add_argument(
        "--accept-suggestions",
        nargs="?",
        type=float,
        const=DEFAULT_ACCEPT,
        metavar="MIN",
        help=f"also use suggested factors at least this confident (default {DEFAULT_ACCEPT}); marked as not confirmed",
    )
    p.add_argument("--remember", action="store_true", help="store the factors used in the mapping memory")
    p.add_argument(
        "--drop-other-sheets",
        action="store_true",
        help="rewrite a study workbook even though sheets other than the study's would be lost",
    )
    p.add_argument("--dry-run", action="store_true", help="show what would change, write nothing")
    p.set_defaults(handler=lambda args: run_import(args, ctx_factory()))

    m = sub.add_parser("bom-mappings", help="the BOM mapping memory (material code → factor)")
    msub = m.add_subparsers(dest="mappings_command", metavar="ACTION", required=True)
    e = msub.add_parser("export", help="write the mapping memory to an Excel file")
    e.add_argument("out", type=Path)
    e.set_defaults(handler=lambda args: run_export(args))
    i = msub.add_parser("import", help="add the mappings of an Excel file to the memory")
    i.add_argument("file", type=Path)
    i.set_defaults(handler=lambda args: run_memory_import(args, ctx_factory()))
    ls = msub.add_parser("list", help="list the remembered mappings")
    ls.set_defaults(handler=lambda args: run_list(args))


def _library(ctx: AppContext) -> object | None:
    try:
        return ctx.factors.source
    except Exception as exc:  # the import still works without suggestions
        log.warning("factor library unavailable: %s", exc)
        return None


def _load_or_new(into: Path, plan) -> tuple[Study, bool]:
    from app.services.bom_import import new_study_for
    from app.services.studies import STUDY_SUFFIXES, load_study

    if into.exists():
        return load_study(into).study, False
    if into.suffix.lower() not in STUDY_SUFFIXES:
        raise InputError(problem("bom.no_study", {"path": str(into)}, file=str(into)))
    if not into.parent.is_dir():
        raise InputError(problem("template.no_folder", {"path": str(into.parent)}, file=str(into)))
    return new_study_for(plan), True


def _sheets_lost(into: Path, created: bool) -> list[str]:
    """Sheets of an existing study workbook that writing it back would drop (a project loses none)."""
    from app.services.studies import WORKBOOK_SUFFIXES, sheets_a_rewrite_drops

    if created or into.suffix.lower() not in WORKBOOK_SUFFIXES or not into.exists():
        return []
    return sheets_a_rewrite_drops(into)


def _known(factor_id: str, study: Study, library: object | None) -> bool:
    if any(f.factor_id == factor_id for f in study.factors):
        return True
    get = getattr(library, "get_factor", None)
    return bool(get and get(factor_id) is not None)


def run_import(args: argparse.Namespace, ctx: AppContext) -> int:
    from app.cli import print_problems
    from app.io.bom import read_bom
    from app.io.bom.mapping_file import read_mapping_workbook
    from app.project.lock import ProjectLockedError
    from app.services.bom_import import apply_change, build_import, plan_bom, remembered_choices
    from app.services.bom_matching import FactorMatcher, MappingEntry, MappingMemory
    from app.services.studies import save_study

    table = read_bom(args.file, sheet=args.sheet, header_row=args.header_row)
    if table.errors:
        raise InputError(table.errors + table.warnings)
    if not table.rows:
        raise InputError(problem("bom.empty", file=table.file))
    plan = plan_bom(table, Stage(args.stage), args.bom_id)
    study, created = _load_or_new(args.into, plan)
    warnings: list[Problem] = list(table.warnings)
    lost = _sheets_lost(args.into, created)
    if lost and not args.drop_other_sheets:
        kept = problem("bom.into_drops_sheets", {"sheets": ", ".join(map(repr, lost))}, file=args.into.name)
        if not args.dry_run:
            raise InputError(kept)  # before any work, and nothing is written
        warnings.append(problem(kept.code, kept.params, file=args.into.name, severity="warning"))
    library = _library(ctx)
    memory = MappingMemory()
    entries = dict(memory.entries)
    if args.mapping:
        for row in read_mapping_workbook(args.mapping):
            entries[row.code] = MappingEntry(row.code, row.factor_id, row.material_name, row.factor_name, row.updated,
                                             args.mapping.name)  # fmt: skip
    matches = FactorMatcher(library, entries).match_all(plan.materials)
    choices = remembered_choices(matches, args.accept_suggestions)
    notes: dict[str, str] = {}
    for key, factor_id in list(choices.items()):
        match = matches[key]
        if factor_id and not _known(factor_id, study, library):
            origin = {"": Message("bom.origin_suggestion"), "memory": Message("bom.origin_memory")}.get(
                match.remembered_origin, match.remembered_origin
            )
            unknown = {"material": key, "factor_id": factor_id, "origin": origin}
            warnings.append(problem("bom.factor_unknown", unknown, file=table.file, severity="warning"))
            choices[key] = None
        elif factor_id and not match.remembered and match.best is not None:
            notes[key] = f"factor suggested (confidence {match.best.confidence:.2f}), not confirmed"
    change = build_import(study, plan, choices, notes)
    _print_summary(args, table, plan, matches, choices, change, created)
    if not args.dry_run and not change.diff.is_empty:
        try:  # a project keeps its history and pins the library factors the new lines use
            save_study(apply_change(study, change), args.into, factors=ctx.factors)
        except ProjectLockedError as exc:
            raise InputError(problem(exc.code, exc.params, file=str(args.into))) from None
        print(f"Wrote {args.into}")
    elif args.dry_run:
        print("Dry run: nothing written.")
    else:
        print("Nothing changed; the study was not rewritten.")
    if args.remember and not args.dry_run:
        confirmed = [
            MappingEntry(m.material.key, choices[k] or "", m.material.name)  # type: ignore[arg-type]
            for k, m in matches.items()
            if choices.get(k)
        ]
        print(f"Remembered {memory.remember(confirmed)} mapping(s) in {memory.path}")
    print_problems(warnings)
    return 0


def _print_summary(args, table, plan, matches, choices, change, created: bool) -> None:
    header_rows = f"{table.header.first_row + 1}" + (
        f"–{table.header.last_row + 1}" if table.header.last_row != table.header.first_row else ""
    )
    where = f"sheet '{table.sheet}', " if table.sheet else ""
    extra = f", {table.encoding}, separator {table.delimiter!r}" if table.encoding else ""
    if table.decimal_comma:
        extra += ", decimal comma"
    structure = {
        "level": "level column",
        "parent": "parent-code column",
        "indent": "indented names",
        "flat": "flat list",
    }
    print(f"Read {len(table.rows)} BOM rows from {table.file} ({where}header row {header_rows}{extra}; "
          f"structure: {structure[table.structure]})")  # fmt: skip
    mapped = ", ".join(f"{c.field}={c.letter}" for c in table.header.columns if c.field and c.field in _USED)
    print(f"Columns: {mapped}")
    used = [k for k, v in choices.items() if v]
    remembered = sum(1 for k in used if matches[k].remembered)
    print(f"Materials: {len(plan.materials)}; with factor {len(used)} ({remembered} confirmed earlier, "
          f"{len(used) - remembered} suggested); without factor {len(plan.materials) - len(used)}")  # fmt: skip
    missing = [matches[k] for k, v in choices.items() if not v]
    for match in missing[:SHOWN]:
        best = match.best
        hint = (
            f" — best suggestion: {best.factor_id} {best.label} (confidence {best.confidence:.2f})"
            if best
            else ""
        )
        print(f"  no factor: {match.material.key} {match.material.name}{hint}")
    if len(missing) > SHOWN:
        print(f"  … and {len(missing) - SHOWN} more without factor")
    target = f"new study {args.into}" if created else str(args.into)
    print(f"{'Re-import' if change.diff.reimport else 'Import'} into {target}: {change.diff.summary()}")
    if change.diff.reimport:
        for text in change.diff.text_lines(SHOWN):
            print(f"  {text}")
    print(f"Lines of this BOM after the import: {len(change.lines)} (stage {plan.stage.value})")


_USED = ("code", "name", "spec", "unit", "quantity", "quantity_base", "loss_rate", "net_weight", "gross_weight",
         "weight_unit", "level", "parent_code")  # fmt: skip


def run_export(args: argparse.Namespace) -> int:
    from app.io.bom.mapping_file import MappingRow, write_mapping_workbook
    from app.services.bom_matching import MappingMemory

    memory = MappingMemory()
    rows = [
        MappingRow(e.code, e.factor_id, e.material_name, e.factor_name, e.updated)
        for e in memory.entries.values()
    ]
    write_mapping_workbook(sorted(rows, key=lambda r: r.code), args.out)
    print(f"Wrote {len(rows)} mapping(s) to {args.out}")
    return 0


def run_memory_import(args: argparse.Namespace, ctx: AppContext) -> int:
    from app.io.bom.mapping_file import read_mapping_workbook
    from app.services.bom_matching import MappingEntry, MappingMemory

    rows = read_mapping_workbook(args.file)
    library = _library(ctx)
    get = getattr(library, "get_factor", None)
    unknown = [r for r in rows if get is not None and get(r.factor_id) is None]
    if unknown:
        raise InputError([
            problem("bom.mapping_factor_unknown", {"factor_id": r.factor_id}, file=args.file.name, row=r.row,
                    column="factor_id")
            for r in unknown
        ])  # fmt: skip
    memory = MappingMemory()
    changed = memory.remember(
        MappingEntry(r.code, r.factor_id, r.material_name, r.factor_name, r.updated) for r in rows
    )
    print(f"Read {len(rows)} mapping(s) from {args.file}; {changed} new or changed; memory: {memory.path}")
    return 0


def run_list(args: argparse.Namespace) -> int:
    from app.services.bom_matching import MappingMemory

    memory = MappingMemory()
    for e in sorted(memory.entries.values(), key=lambda e: e.code):
        print(f"{e.code}\t{e.factor_id}\t{e.material_name}")
    if not memory.entries:
        print(f"(no mappings in {memory.path})")
    return 0
