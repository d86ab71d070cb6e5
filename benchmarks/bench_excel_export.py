"""Benchmark the auditable Excel inventory export (issue 7).

Generates studies of 10,000 and 100,000 lines (6-level trees, as in ``bench_core.py``),
calculates each once, then prints the median of several runs of the export alone (building
every formula with its cached value and writing the .xlsx atomically), with the file size, and
the time to read the export back as a study workbook (one run; guard + reader).

Run: ``.venv/bin/python benchmarks/bench_excel_export.py [--sizes 10000,100000] [--runs 3]``.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_core import make_study

from app.factors.gwp_data import load_gwp_tables
from app.io.study_workbook import read_study_workbook
from app.services.calculation import calculate_study
from app.services.exports import export_inventory_excel


def median_export_seconds(n: int, runs: int, folder: Path) -> tuple[float, int, float]:
    tables = load_gwp_tables()
    result = calculate_study(make_study(n, tree=True), None, tables)
    out = folder / f"inventory-{n}.xlsx"
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        export_inventory_excel(result, out, gwp_tables=tables, provenance={}, fingerprint=None, lang="both")
        times.append(time.perf_counter() - started)
    started = time.perf_counter()
    assert len(read_study_workbook(out).study.lines) == n
    return statistics.median(times), out.stat().st_size, time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,100000")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        for n in (int(s) for s in args.sizes.split(",")):
            seconds, size, read = median_export_seconds(n, args.runs, Path(tmp))
            print(f"export {n:>7,} lines: median {seconds:6.2f} s of {args.runs} runs  ({size / 1e6:.1f} MB); "
                  f"read back {read:.2f} s")  # fmt: skip


if __name__ == "__main__":
    main()
