"""xlsx guard benchmark: inspect_xlsx(keep_heads=True) + check_sheet, as a BOM import runs them.

    python benchmarks/bench_guard.py [--quick]

Prints medians (wall clock and CPU time) for the BOM files of bench_bom.py (10,000 and 100,000
rows, inline strings, no dimension, no formulas) and for a study-like sheet with shared strings,
a dimension, formulas and a merge; asserts nothing. The machine may be shared: compare CPU times.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from app.io.xlsx_guard import check_sheet, inspect_xlsx  # noqa: E402
from benchmarks.bench_bom import write_bom  # noqa: E402


def write_study_like(path: Path, rows: int) -> Path:
    """openpyxl (normal mode): shared strings, a dimension, a formula column and one merge."""
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "Inventory"
    ws.append(["Line", "Material", "Quantity", "Unit", "Factor", "Emissions"])
    for r in range(2, rows + 2):
        ws.append([r - 1, f"Material {r % 97}", r * 0.5, "kg", 2.5, f"=C{r}*E{r}"])
    ws.merge_cells(f"A{rows + 3}:F{rows + 3}")
    wb.save(path)
    return path


def guard(path: Path) -> None:
    info = inspect_xlsx(path, keep_heads=True)
    sheet = next(s for s in info.sheets if s.kind == "worksheet")
    check_sheet(path, sheet)


def median_ms(path: Path, runs: int) -> tuple[float, float]:
    wall, cpu = [], []
    for _ in range(runs):
        w, c = time.perf_counter(), time.process_time()
        guard(path)
        wall.append(time.perf_counter() - w)
        cpu.append(time.process_time() - c)
    return statistics.median(wall) * 1000, statistics.median(cpu) * 1000


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true", help="fewer runs")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        d = Path(tmp)
        files = [
            ("BOM 10,000 rows", write_bom(d / "bom10k.xlsx", 10_000), 15 if args.quick else 41),
            ("BOM 100,000 rows", write_bom(d / "bom100k.xlsx", 100_000), 5 if args.quick else 11),
            (
                "study-like 100,000 rows",
                write_study_like(d / "study100k.xlsx", 100_000),
                5 if args.quick else 11,
            ),
        ]
        for label, path, runs in files:
            guard(path)  # warm the page cache
            wall, cpu = median_ms(path, runs)
            print(
                f"{label:26s} inspect+check_sheet: {wall:7.1f} ms wall, {cpu:7.1f} ms CPU (median of {runs})"
            )


if __name__ == "__main__":
    main()
