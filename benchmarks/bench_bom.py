"""BOM import benchmark: import time beside python-calamine reading the same file, and factor matching.

    python benchmarks/bench_bom.py [--quick]

Prints medians; asserts nothing. Targets (issue 6): importing a 10,000- and a 100,000-row BOM
within 2× of python-calamine's own read of the same file; the time to match 10,000 materials
against the bundled library (factor_db/factors.sqlite). Two figures: "read to rows" = guard +
calamine + header detection + row parsing, tree and per-cell problems (``read_bom``); "full import"
adds the planned lines and the diff/command against an empty study (no factor matching, which is
measured on its own). Each figure is the time until the result is in hand (freeing it afterwards
is not timed, for calamine's rows as for the import's table, plan and lines); runs are interleaved
and both wall-clock and CPU-time medians are printed (the machine may be shared).
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from app.core.domain import Stage, Study, StudyInfo  # noqa: E402
from app.io.bom import BomTable, read_bom  # noqa: E402
from app.services.bom_import import BomChange, BomPlan, build_import, plan_bom  # noqa: E402
from app.services.bom_matching import FactorMatcher, Material  # noqa: E402

MATERIALS_ZH = ["不锈钢板", "冷轧钢板", "铝型材", "铜线", "PP粒料", "ABS外壳", "PE薄膜", "纸箱", "玻璃面板", "橡胶圈",
                "螺钉", "电源线", "硅胶垫", "铸铁底座", "黄铜接头", "PVC管", "木托盘", "泡沫垫"]  # fmt: skip
MATERIALS_EN = ["Steel sheet", "Aluminium profile", "Copper wire", "Polypropylene granulate", "Cardboard box",
                "Glass panel", "Rubber seal", "Screw", "Power cord", "PET bottle", "HDPE film", "Brass fitting"]  # fmt: skip
QUALIFIERS = ["", "A型", "B型", "左", "右", "大号", "小号", "v2", "加厚", "黑色"]
UNITS = ["kg", "千克", "克", "PCS", "个", "m", "kg", "kg"]


def write_bom(path: Path, rows: int, seed: int = 6) -> Path:
    """A Kingdee-like multi-level BOM: title row, header, levels 1-4, codes, text and numbers."""
    from openpyxl import Workbook

    rnd = random.Random(seed)
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("BOM")
    ws.append(["某某电器有限公司 物料清单"])
    ws.append(["层级", "物料编码", "物料名称", "规格型号", "单位", "用量", "损耗率(%)", "净重(kg)"])
    level = 1
    for i in range(rows):
        level = max(1, min(4, level + rnd.choice((-1, 0, 0, 1)))) if i else 1
        unit = rnd.choice(UNITS)
        name = rnd.choice(MATERIALS_ZH + MATERIALS_EN) + rnd.choice(QUALIFIERS)
        weight = round(rnd.uniform(0.001, 2), 4) if unit in ("PCS", "个") else None
        ws.append([level, f"{i:08d}", name, f"M{rnd.randint(2, 12)}x{rnd.randint(5, 60)}", unit,
                   round(rnd.uniform(0.01, 50), 3), rnd.choice((None, 1, 2.5, 5)), weight])  # fmt: skip
    wb.save(path)
    return path


def calamine_read(path: Path) -> list[list[object]]:
    import python_calamine

    wb = python_calamine.CalamineWorkbook.from_path(str(path))
    rows = wb.get_sheet_by_name("BOM").to_python(skip_empty_area=False)
    wb.close()
    return rows


def calamine_read_no_gc(path: Path) -> list[list[object]]:
    """The same read with the cyclic GC paused, as the BOM reader does (for a fair second baseline)."""
    from app.io.bom.grid import paused_gc

    with paused_gc():
        return calamine_read(path)


def read_rows(path: Path) -> BomTable:
    """The reading half of an import: guard + calamine + header + rows, tree and problems."""
    return read_bom(path)


def import_bom(path: Path) -> tuple[BomTable, BomPlan, BomChange]:
    """What the wizard holds at the end: the table it shows, the plan and the change to apply."""
    table = read_bom(path)
    plan = plan_bom(table, Stage.RAW_MATERIALS)
    change = build_import(Study(StudyInfo("bench", "1 piece")), plan)
    return table, plan, change


def timed(fn, arg) -> tuple[float, float]:
    """(wall-clock, CPU) seconds until ``fn`` has its result in hand; CPU time is less disturbed by
    a busy shared machine. Freeing the result afterwards is not timed — for calamine's rows just
    as for the import's table, plan and lines (what is freed inside, such as the grid, is)."""
    wall, cpu = time.perf_counter(), time.process_time()
    result = fn(arg)
    elapsed = time.perf_counter() - wall, time.process_time() - cpu
    del result
    return elapsed


def bench_import(folder: Path, sizes: list[int], runs: int) -> None:
    for n in sizes:
        path = write_bom(folder / f"bom-{n}.xlsx", n)
        lines = len(import_bom(path)[2].lines)  # warm (imports, caches)
        fns = {"calamine": calamine_read, "calamine_no_gc": calamine_read_no_gc, "read": read_rows,
               "import": import_bom}  # fmt: skip
        times: dict[str, list[tuple[float, float]]] = {k: [] for k in fns}
        for _ in range(runs):  # interleaved, so that a busy moment hits every candidate alike
            for key, fn in fns.items():
                times[key].append(timed(fn, path))
        wall = {k: statistics.median(t[0] for t in v) for k, v in times.items()}
        cpu = {k: statistics.median(t[1] for t in v) for k, v in times.items()}
        print(
            f"{n:>7,} rows ({path.stat().st_size / 1e6:.1f} MB, {lines:,} lines), median of {runs} interleaved runs:"
        )
        for label, med in (("wall", wall), ("CPU ", cpu)):
            print(f"  {label}: python-calamine read {med['calamine']:.3f} s (GC paused {med['calamine_no_gc']:.3f} s); "
                  f"BOM read to rows {med['read']:.3f} s = {med['read'] / med['calamine']:.2f}×; "
                  f"full import to lines {med['import']:.3f} s = {med['import'] / med['calamine']:.2f}× "
                  f"({med['import'] / med['calamine_no_gc']:.2f}× the GC-paused read; target ≤ 2×)")  # fmt: skip


def materials(n: int, seed: int = 7) -> list[Material]:
    rnd = random.Random(seed)
    out = []
    for i in range(n):
        name = rnd.choice(MATERIALS_ZH + MATERIALS_EN) + rnd.choice(QUALIFIERS)
        spec = rnd.choice(("SUS304", "Q235", "6063-T5", "1.5mm", "M4x8", "RoHS", "", "食品级"))
        out.append(Material(f"{i:08d}", f"{i:08d}", name, spec, rnd.choice(("kg", "kg", "g", "t"))))
    return out


def bench_matching(n: int) -> None:
    from app.factors.library import FactorLibrary

    with FactorLibrary.open() as lib:
        mats = materials(n)
        t = time.perf_counter()
        matches = FactorMatcher(lib).match_all(mats)
        cold = time.perf_counter() - t
        t = time.perf_counter()
        FactorMatcher(lib).match_all(mats[:1000])
        warm_1k = time.perf_counter() - t
        with_suggestion = sum(1 for m in matches.values() if m.best is not None)
        sure = sum(1 for m in matches.values() if m.best is not None and m.best.confidence >= 0.6)
        print(f"match {n:,} materials against the bundled library ({lib.count():,} factors): {cold:.2f} s "
              f"({cold / n * 1e3:.2f} ms each); {with_suggestion:,} with a suggestion, {sure:,} at ≥ 0.6; "
              f"a fresh matcher on 1,000 of them: {warm_1k:.2f} s")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true", help="10,000 rows only, fewer runs")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        if args.quick:
            bench_import(Path(tmp), [10_000], 3)
        else:
            bench_import(Path(tmp), [10_000], 9)
            bench_import(Path(tmp), [100_000], 7)
    bench_matching(2_000 if args.quick else 10_000)


if __name__ == "__main__":
    main()
