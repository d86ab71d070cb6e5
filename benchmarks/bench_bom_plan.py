"""The BOM import's planning step alone: ``plan_bom`` on a read 10,000- and 100,000-row BOM.

    python benchmarks/bench_bom_plan.py [--quick] [--runs N]

Prints CPU-time and wall-clock medians of ``plan_bom`` (the table is read once, outside the timing);
asserts nothing. The BOM is the one ``bench_bom.py`` writes (levels 1-4, codes, weights on counted rows).
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
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_bom import write_bom  # noqa: E402

from app.core.domain import Stage  # noqa: E402
from app.io.bom import read_bom  # noqa: E402
from app.services.bom_import import plan_bom  # noqa: E402


def bench(n: int, runs: int, folder: Path) -> None:
    table = read_bom(write_bom(folder / f"bom-{n}.xlsx", n))
    lines = len(plan_bom(table, Stage.RAW_MATERIALS).drafts)  # warm
    cpu: list[float] = []
    wall: list[float] = []
    for _ in range(runs):
        w, c = time.perf_counter(), time.process_time()
        plan = plan_bom(table, Stage.RAW_MATERIALS)
        wall.append(time.perf_counter() - w)
        cpu.append(time.process_time() - c)
        del plan
    print(f"{n:>7,} rows ({lines:,} lines), median of {runs} runs: plan_bom CPU "
          f"{statistics.median(cpu) * 1e3:.1f} ms, wall {statistics.median(wall) * 1e3:.1f} ms")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true", help="10,000 rows only")
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        for n in [10_000] if args.quick else [10_000, 100_000]:
            bench(n, args.runs, Path(tmp))


if __name__ == "__main__":
    main()
