"""``pcf-workbench calc STUDY [--json OUT]``: calculate headless, print a readable summary."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path

from app.core.domain import STAGES
from app.core.numbers import DISPLAY_SIGNIFICANT_FIGURES, format_percent, format_sig
from app.io.atomic import atomic_output
from app.services.calculation import StudyResult
from app.services.context import AppContext
from app.services.studies import calculate_loaded, load_study


def register(sub, ctx_factory: Callable[[], AppContext]) -> None:
    p = sub.add_parser(
        "calc",
        help="calculate a study workbook or project headless",
        description="Calculate a study workbook (.xlsx) or project (.pcfw) and print a summary by life-cycle stage.",
    )
    p.add_argument("study", type=Path, help="study workbook (.xlsx) or project file (.pcfw)")
    p.add_argument("--revision", type=int, help="with a project: calculate this frozen revision")
    p.add_argument("--json", metavar="OUT", help="write the result JSON to OUT ('-' for stdout)")
    p.set_defaults(handler=lambda args: run(args, ctx_factory()))


def run(args: argparse.Namespace, ctx: AppContext) -> int:
    from app.cli import print_problems

    loaded = load_study(args.study, revision=args.revision)
    result = calculate_loaded(loaded, ctx)
    if args.json == "-":
        json.dump(result.to_json_dict(), sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        print(summary_text(result))
        if loaded.revision is not None:
            state = f"frozen, SHA-256 {loaded.fingerprint}" if loaded.fingerprint else "working (not frozen)"
            print(f"Project revision {loaded.revision}: {state}")
        if args.json:
            with atomic_output(Path(args.json)) as tmp:
                tmp.write_text(
                    json.dumps(result.to_json_dict(), ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
                )
    print_problems(loaded.locate_problems(result.warnings))
    return 0


def _width(text: str) -> int:
    """Display width in a terminal: CJK characters take two columns."""
    return sum(2 if ord(ch) >= 0x1100 and not 0xFF61 <= ord(ch) <= 0xFFDC else 1 for ch in text)


def _pad(text: str, width: int, right: bool = False) -> str:
    fill = " " * max(0, width - _width(text))
    return fill + text if right else text + fill


def summary_text(result: StudyResult) -> str:
    info = result.study.info
    r = result.result
    total = r.total
    rows = []
    for stage in STAGES:
        value = float(r.stage_totals[stage.index])
        share = value / total if total else 0.0
        rows.append((f"{stage.label_en} {stage.label_zh}", format_sig(value), format_percent(share)))
    rows.append(("Total 合计", format_sig(total), format_percent(1.0 if total else 0.0)))
    name_w = max(_width(n) for n, _, _ in rows) + 2
    val_w = max(12, *(len(v) for _, v, _ in rows)) + 2
    lines = [
        f"{info.product_name} — declared unit 声明单位: {info.declared_unit}",
        f"System boundary 系统边界: {info.boundary.value} ({info.boundary.label_zh}); "
        f"GWP100: IPCC {info.gwp_set.value}; lines 行数: {result.study.line_count}",
        "",
        _pad("Stage 阶段", name_w) + _pad("kg CO2e", val_w, right=True) + _pad("share 占比", 12, right=True),
    ]
    for i, (name, value, share) in enumerate(rows):
        if i == len(rows) - 1:
            lines.append("-" * (name_w + val_w + 12))
        lines.append(_pad(name, name_w) + _pad(value, val_w, right=True) + _pad(share, 12, right=True))
    lines += [
        "",
        f"Footprint 碳足迹: {format_sig(total)} kg CO2e / {info.declared_unit}",
        f"(rounded half-up to {DISPLAY_SIGNIFICANT_FIGURES} significant figures; full precision with --json)",
    ]
    return "\n".join(lines)
