"""``pcf-workbench factors search | show | import | datasets``: the factor library on the command line."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path

from app.core.errors import InputError
from app.core.gwp import factor_co2e
from app.core.messages import problem
from app.factors.library import FactorLibrary
from app.factors.records import DatasetRecord, FactorHit, FactorRecord
from app.services.context import AppContext


def register(subparsers, ctx_factory: Callable[[], AppContext]) -> None:
    p = subparsers.add_parser(
        "factors",
        help="search and inspect the emission factor library; import your own factors",
        description="The bundled emission factor library (DESNZ, US EPA, China MEE, Ember/OWID) and your "
        "own user library.",
    )
    sub = p.add_subparsers(dest="factors_command", metavar="SUBCOMMAND", required=True)

    s = sub.add_parser("search", help="search factors (English or Chinese words, any order)")
    s.add_argument("query", help="e.g. 'electricity China 2024', '天然气', 'truck'")
    s.add_argument("--json", action="store_true", help="print the hits as JSON")
    s.add_argument("--limit", type=int, default=20, help="maximum number of hits (default 20)")
    s.add_argument("--category", help="only factors whose category contains this text")
    s.add_argument("--region", help="only factors whose region contains this text (e.g. China, 江苏)")
    s.add_argument("--year", type=int, help="only factors of this year")
    s.add_argument("--dataset", help="only this dataset (see 'factors datasets')")
    s.set_defaults(handler=lambda args: run_search(args, ctx_factory()))

    sh = sub.add_parser("show", help="one factor with its full provenance, licence and attribution")
    sh.add_argument("factor_id", metavar="ID")
    sh.add_argument("--json", action="store_true", help="print as JSON")
    sh.set_defaults(handler=lambda args: run_show(args, ctx_factory()))

    im = sub.add_parser("import", help="import your own factors from an .xlsx or .csv file")
    im.add_argument("file", type=Path, metavar="FILE")
    im.set_defaults(handler=lambda args: run_import(args, ctx_factory()))

    ds = sub.add_parser("datasets", help="list the datasets with licence and attribution")
    ds.add_argument("--json", action="store_true", help="print as JSON")
    ds.set_defaults(handler=lambda args: run_datasets(args, ctx_factory()))


def _library(ctx: AppContext) -> FactorLibrary:
    source = ctx.factors.source
    if not isinstance(source, FactorLibrary):
        raise InputError(problem("factors.unavailable"))
    return source


def _print_json(data: object) -> None:
    json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


# ---------------------------------------------------------------------------- search


def _hit_json(hit: FactorHit) -> dict[str, object]:
    f = hit.factor
    return {
        "rank": hit.rank,
        "factor_id": f.factor_id,
        "name": f.name,
        "name_zh": f.name_zh,
        "value": f.value,
        "unit": f.unit,
        "gwp_basis": f.gwp_basis,
        "has_gases": f.has_gases,
        "category": hit.category,
        "region": hit.region,
        "year": hit.year,
        "dataset": hit.dataset,
        "dataset_version": f.dataset_version,
        "kind": hit.kind,
    }


def run_search(args: argparse.Namespace, ctx: AppContext) -> int:
    if args.limit is not None and args.limit < 1:
        raise InputError(problem("factors.limit"))
    hits = _library(ctx).search(
        args.query,
        limit=args.limit,
        category=args.category,
        region=args.region,
        year=args.year,
        dataset=args.dataset,
    )
    if args.json:
        _print_json([_hit_json(h) for h in hits])
        return 0
    if not hits:
        print(f"no factors match '{args.query}'")
        return 0
    for h in hits:
        f = h.factor
        spend = "  [SPEND-BASED]" if h.kind == "spend-based" else ""
        print(f"{h.rank:3d}. {f.factor_id}")
        print(f"     {f.value:.6g} kg CO2e/{f.unit}  ·  {h.dataset} {h.year or ''}  ·  {h.region}{spend}")
        print(f"     {f.name}")
        if f.name_zh:
            print(f"     {f.name_zh}")
    return 0


# ---------------------------------------------------------------------------- show


def show_text(record: FactorRecord, ctx: AppContext) -> str:
    f = record.factor
    d = record.dataset
    lines = [
        f"{f.factor_id}",
        f"  name            {f.name}",
        f"  名称            {f.name_zh or '—'}",
        f"  value           {f.value:.10g} kg CO2e per {f.unit}",
        f"  GWP basis       {record.basis_label}",
    ]
    if f.gases:
        gases = ", ".join(f"{g} {m:.6g}" for g, m in sorted(f.gases.items()))
        lines.append(f"  gases (kg/unit) {gases}")
        recomputed = []
        for report in ("AR5", "AR6"):
            table = ctx.gwp_tables.get(report)
            if table is not None:
                recomputed.append(f"{report} {factor_co2e(f, table):.6g}")
        lines.append(f"  CO2e recomputed {', '.join(recomputed)} kg CO2e per {f.unit}")
    if record.biogenic_co2 is not None:
        lines.append(
            f"  biogenic CO2    {record.biogenic_co2:.6g} kg per {f.unit} (reported separately, not included)"
        )
    lines += [
        f"  category        {record.category}",
        f"  类别            {record.category_zh or '—'}",
        f"  region          {record.region or '—'}{f' ({record.region_zh})' if record.region_zh else ''}",
        f"  year            {record.year or '—'}",
        f"  uncertainty     {record.uncertainty or 'not published'}",
        f"  note            {record.note or '—'}",
        f"  source          {record.source or '—'}",
        f"  dataset         {d.name} ({d.dataset_id})",
        f"  version         {f.dataset_version or d.version or '—'}",
        f"  publisher       {d.publisher or '—'}",
        f"  licence         {d.licence or '—'}{f' <{d.licence_url}>' if d.licence_url else ''}",
        f"  attribution     {d.attribution or '—'}",
        f"  url             {d.url or '—'}",
        f"  editable        {'no (bundled library)' if record.read_only else 'yes (user library)'}",
    ]
    return "\n".join(lines)


def run_show(args: argparse.Namespace, ctx: AppContext) -> int:
    record = _library(ctx).factor_record(args.factor_id)
    if record is None:
        raise InputError(problem("factors.unknown_id", {"factor_id": args.factor_id}))
    if args.json:
        _print_json(record.to_json_dict())
    else:
        print(show_text(record, ctx))
    return 0


# ---------------------------------------------------------------------------- import


def run_import(args: argparse.Namespace, ctx: AppContext) -> int:
    path: Path = args.file
    if not path.is_file():
        raise InputError(problem("file.missing", {"path": str(path)}, file=str(path)))
    guard = None
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        from app.io.xlsx_guard import guard_xlsx

        guard = guard_xlsx  # the app's full hostile-file checks run before the reader
    library = _library(ctx)
    added, replaced = library.import_user_file(path, guard=guard)
    print(
        f"imported {added + replaced} user factors from {path.name} ({added} new, {replaced} updated) into {library.user_path}"
    )
    return 0


# ---------------------------------------------------------------------------- datasets


def _dataset_json(d: DatasetRecord) -> dict[str, object]:
    return {
        "id": d.dataset_id,
        "name": d.name,
        "name_zh": d.name_zh,
        "version": d.version,
        "kind": d.kind,
        "factors": d.factor_count,
        "publisher": d.publisher,
        "licence": d.licence,
        "licence_url": d.licence_url,
        "attribution": d.attribution,
        "url": d.url,
        "gwp_basis": d.gwp_basis,
        "note": d.note,
    }


def run_datasets(args: argparse.Namespace, ctx: AppContext) -> int:
    datasets = _library(ctx).datasets()
    if args.json:
        _print_json([_dataset_json(d) for d in datasets])
        return 0
    for d in datasets:
        print(
            f"{d.dataset_id}  ({d.factor_count} {'GWP values' if d.kind == 'characterisation' else 'factors'})"
        )
        print(f"  {d.name}")
        if d.name_zh:
            print(f"  {d.name_zh}")
        print(f"  version      {d.version or '—'}")
        print(f"  publisher    {d.publisher or '—'}")
        print(f"  licence      {d.licence or '—'}{f' <{d.licence_url}>' if d.licence_url else ''}")
        print(f"  attribution  {d.attribution or '—'}")
        if d.note:
            print(f"  note         {d.note}")
        print()
    return 0
