"""Benchmark the calculation core and the study-workbook reader (issue 2).

Generates studies of 1,000, 10,000 and 100,000 lines, flat and as 6-level trees, and prints the
median of several runs of:

* calculate alone (the engine on prepared arrays), beside a plain-Python roll-up baseline;
* compile + calculate (checking the study and building the arrays);
* read + calculate of the study workbook, beside python-calamine alone reading the same file's
  Study and Inventory sheets (``to_python``, as the reader needs them), measured in the same run.

Read times are given twice: wall-clock medians, and medians of this process's CPU time
(``time.process_time``), which other work on a shared machine disturbs far less. The ratio
target (read + calculate within 1.5x calamine's own read) is checked on both.

Run: ``.venv/bin/python benchmarks/bench_core.py [--sizes 1000,10000,100000] [--runs 7]``.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from app.core.calc import CalcInput, calculate
from app.core.compile import compile_study
from app.core.domain import STAGES, InventoryLine, Stage, Study, StudyInfo

DEPTH = 6


def make_study(n: int, tree: bool) -> Study:
    """``n`` lines; as a tree: top-level assemblies with chains down to depth 6 and leaf materials."""
    lines: list[InventoryLine] = []
    units = (
        ("kg", "kg", 2.1),
        ("g", "kg", 3.4),
        ("kWh", "kWh", 0.5777),
        ("度", "kWh", 0.5777),
        ("t", "t", 1900.0),
    )
    for i in range(n):
        unit, factor_unit, factor = units[i % len(units)]
        parent = None
        stage: Stage | None = STAGES[i % 5]
        if tree and i % DEPTH:
            parent = str(i - 1)  # chains of six levels: i%6 == 0 starts a new top-level line
            stage = None
        is_assembly = tree and (i % DEPTH) < DEPTH - 1
        lines.append(
            InventoryLine(
                line_id=str(i),
                name=f"Material {i} 物料",
                quantity=1.0 + (i % 7) * 0.25,
                unit="piece" if is_assembly else unit,
                stage=stage,
                parent_id=parent,
                loss_rate=0.01 * (i % 4),
                factor_value=None if is_assembly else factor,
                factor_unit=None if is_assembly else factor_unit,
                allocation=1.0 if i % 11 else 0.5,
            )
        )
    return Study(StudyInfo("Benchmark product", "1 piece"), lines)


def python_rollup(inp: CalcInput) -> float:
    """Baseline: the same arithmetic as a plain Python loop over lists."""
    parent = inp.parent.tolist()
    gross = inp.gross_quantity.tolist()
    conv = inp.to_activity.tolist()
    factor = inp.factor.tolist()
    alloc = inp.allocation.tolist()
    stage = inp.stage.tolist()
    order = [i for level in inp.levels for i in level.tolist()]
    exploded = [0.0] * len(parent)
    totals = [0.0] * len(STAGES)
    for i in order:
        p = parent[i]
        exploded[i] = gross[i] * (exploded[p] if p >= 0 else 1.0)
        totals[stage[i]] += exploded[i] * conv[i] * alloc[i] * factor[i]
    return sum(totals)


def median_seconds(fn: Callable[[], object], runs: int) -> float:
    fn()  # warm-up
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def interleaved(
    fns: tuple[Callable[[], object], Callable[[], object]], runs: int
) -> list[tuple[float, float]]:
    """Wall and CPU medians of two functions run alternately, so both see the same machine load."""
    for fn in fns:
        fn()  # warm-up
    samples: list[list[tuple[float, float]]] = [[], []]
    for _ in range(runs):
        for k, fn in enumerate(fns):
            start, start_cpu = time.perf_counter(), time.process_time()
            fn()
            samples[k].append((time.perf_counter() - start, time.process_time() - start_cpu))
    return [(statistics.median(w for w, _ in s), statistics.median(c for _, c in s)) for s in samples]


def write_workbook(study: Study, path: Path) -> None:
    from openpyxl import Workbook

    from app.io.study_schema import INVENTORY_FIELDS

    wb = Workbook(write_only=True)
    ws = wb.create_sheet("Study")
    ws.append(["product_name", study.info.product_name])
    ws.append(["declared_unit", study.info.declared_unit])
    inv = wb.create_sheet("Inventory")
    inv.append([f.key for f in INVENTORY_FIELDS])
    for ln in study.lines:
        inv.append(
            [ln.line_id, ln.parent_id, ln.stage.value if ln.stage else None, ln.name, ln.quantity, ln.unit,
             ln.loss_rate or None, None, None, ln.factor_value, ln.factor_unit,
             ln.allocation if ln.allocation != 1 else None, "secondary", "benchmark", None]
        )  # fmt: skip
    wb.save(path)


def calamine_read(path: Path) -> int:
    import python_calamine

    wb = python_calamine.CalamineWorkbook.from_path(str(path))
    rows = 0
    for name in ("Study", "Inventory"):
        rows += len(wb.get_sheet_by_name(name).to_python(skip_empty_area=False))
    wb.close()
    return rows


def fmt(seconds: float) -> str:
    return f"{seconds * 1000:9.2f} ms"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--no-read", action="store_true", help="skip the workbook read benchmarks")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    print(f"median of {args.runs} runs; python {sys.version.split()[0]}")
    print(f"{'lines':>8} {'shape':>7} | {'calculate':>12} {'py loop':>12} | {'compile+calc':>12} | "
          f"{'read+calc':>12} {'calamine':>12} {'ratio':>6} | {'cpu r+c':>12} {'cpu calam.':>12} "
          f"{'ratio':>6}")  # fmt: skip
    with tempfile.TemporaryDirectory() as tmp:
        for n in sizes:
            for tree in (False, True):
                study = make_study(n, tree)
                compiled = compile_study(study)
                inp = compiled.input
                t_calc = median_seconds(lambda inp=inp: calculate(inp), args.runs)
                t_loop = median_seconds(lambda inp=inp: python_rollup(inp), max(3, args.runs // 2))
                t_compile = median_seconds(
                    lambda s=study: compile_study(s).calculate(), max(3, args.runs // 2)
                )
                read_cols = ""
                if not args.no_read:
                    from app.io.study_workbook import read_study_workbook

                    path = Path(tmp) / f"study_{n}_{'tree' if tree else 'flat'}.xlsx"
                    write_workbook(study, path)
                    (t_read, c_read), (t_cal, c_cal) = interleaved(
                        (
                            lambda p=path: compile_study(read_study_workbook(p).study).calculate(),
                            lambda p=path: calamine_read(p),
                        ),
                        args.runs,
                    )
                    read_cols = (
                        f"{fmt(t_read)} {fmt(t_cal)} {t_read / t_cal:6.2f} | "
                        f"{fmt(c_read)} {fmt(c_cal)} {c_read / c_cal:6.2f}"
                    )
                shape = "6-level" if tree else "flat"
                print(f"{n:>8} {shape:>7} | {fmt(t_calc)} {fmt(t_loop)} | {fmt(t_compile)} | {read_cols}")


if __name__ == "__main__":
    main()
