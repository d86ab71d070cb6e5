"""Benchmark project files (issue 5): save, open, freeze (calculate + canonical JSON + SHA-256), autosave.

Prints the median of several runs for studies of 1,000, 10,000 and 100,000 lines (6-level trees
from ``bench_core.make_study``), and the file size. Every save writes a complete new database to a
temporary file, fsyncs it and replaces the target.

Run: ``.venv/bin/python benchmarks/bench_project.py [--sizes 1000,10000,100000] [--runs 5]``.
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
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_core import make_study

from app.core.compile import DictFactorSource
from app.factors.gwp_data import load_gwp_tables
from app.project.canonical import fingerprint
from app.project.files import load_project
from app.project.model import Project
from app.project.store import write_project
from app.services.context import AppContext, LazyFactorSource
from app.services.projects import freeze, snapshot_of
from app.services.recovery import RecoveryStore


def median_s(fn: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", default="1000,10000,100000")
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args()
    ctx = AppContext(factors=LazyFactorSource(lambda: DictFactorSource({})), gwp_tables=load_gwp_tables())
    print(f"{'lines':>8} {'save':>9} {'open':>9} {'freeze':>9} {'sha256':>9} {'autosave':>9} {'size':>9}")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for n in (int(s) for s in args.sizes.split(",")):
            study = make_study(n, tree=True)
            path = folder / f"p{n}.pcfw"
            project = Project(study)
            save = median_s(lambda p=project, f=path: write_project(p, f), args.runs)
            open_ = median_s(lambda f=path: load_project(f), args.runs)

            def do_freeze(s=study) -> None:
                freeze(Project(s), ctx)

            frz = median_s(do_freeze, args.runs)
            snap = snapshot_of(project, ctx)
            sha = median_s(lambda s=snap: fingerprint(s), args.runs)
            store = RecoveryStore(folder / "recovery")
            auto = median_s(lambda p=project, st=store, f=path: st.write("bench", p, f, 1), args.runs)
            size = path.stat().st_size / 1e6
            print(f"{n:>8} {save * 1e3:>7.0f}ms {open_ * 1e3:>7.0f}ms {frz * 1e3:>7.0f}ms "
                  f"{sha * 1e3:>7.0f}ms {auto * 1e3:>7.0f}ms {size:>7.1f}MB")  # fmt: skip


if __name__ == "__main__":
    main()
