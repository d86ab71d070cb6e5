"""GUI benchmark: prints medians of several runs (run on purpose, not as a timed test).

    QT_QPA_PLATFORM=offscreen python benchmarks/bench_gui.py [--lines 10000] [--runs 5]

* open + show: read a 10,000-line study workbook off the GUI thread, fill the five stage
  models, expand the trees, paint, and show the first result (target < 1.5 s);
* recalc after one edit: from ``setData`` on a quantity cell to the new result on screen,
  coalescing delay excluded (target < 100 ms);
* scroll: time per page-down repaint of the biggest stage table;
* cold start: a fresh process, from start to the first event-loop turn after the window is
  shown (target < 1.5 s), plus the heavy modules that must not be imported by then.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def big_study(n: int):
    from app.core.domain import Boundary, Factor, InventoryLine, Stage, Study, StudyInfo

    factors = [
        Factor("B-STEEL", "Steel", 2.2, "kg"),
        Factor("B-PP", "PP", 1.9, "kg"),
        Factor("B-GRID", "Grid", 0.57, "kWh"),
        Factor("B-TRUCK", "Truck", 0.09, "t·km"),
    ]
    lines: list[InventoryLine] = []
    stages = [Stage.RAW_MATERIALS] * 6 + [Stage.PRODUCTION, Stage.DISTRIBUTION, Stage.USE, Stage.END_OF_LIFE]
    i = 0
    while len(lines) < n:
        stage = stages[i % len(stages)]
        pid = f"A{i}"
        if stage is Stage.RAW_MATERIALS:
            lines.append(InventoryLine(pid, f"Assembly {i}", 1, "piece", stage=stage))
            for j in range(4):
                lines.append(
                    InventoryLine(
                        f"{pid}.{j}",
                        f"Part {i}.{j}",
                        0.1 + j,
                        "kg",
                        parent_id=pid,
                        factor_id="B-STEEL",
                        loss_rate=0.02,
                    )
                )
        elif stage is Stage.DISTRIBUTION:
            lines.append(
                InventoryLine(pid, f"Leg {i}", 1.2, "kg", stage=stage, distance_km=300, factor_id="B-TRUCK")
            )
        else:
            lines.append(
                InventoryLine(
                    pid,
                    f"Input {i}",
                    0.3,
                    "kWh" if stage is not Stage.END_OF_LIFE else "kg",
                    stage=stage,
                    factor_id="B-GRID" if stage is not Stage.END_OF_LIFE else "B-PP",
                )
            )
        i += 1
    info = StudyInfo("Benchmark product", "1 piece", Boundary.CRADLE_TO_GRAVE)
    return Study(info, lines[:n], factors)


def _wait(app, predicate, timeout: float = 60.0) -> None:
    end = time.perf_counter() + timeout
    while not predicate():
        app.processEvents()
        if time.perf_counter() > end:
            raise TimeoutError
        time.sleep(0.0005)


def bench_window(path: Path, runs: int) -> dict[str, list[float]]:
    from app.core.domain import Stage
    from app.gui.columns import COLUMN_INDEX
    from app.gui.launch import build_window, make_application
    from app.gui.settings import GuiSettings
    from app.services.context import open_context

    app = make_application()
    ctx = open_context()
    out: dict[str, list[float]] = {"open_show": [], "recalc": [], "scroll_page": []}
    with tempfile.TemporaryDirectory() as tmp:
        for run in range(runs):
            window = build_window(ctx, GuiSettings(Path(tmp) / f"s{run}.ini"))
            window.resize(1400, 880)
            window.show()
            _wait(app, lambda w=window: w.calc.latest is not None)  # the blank study's result
            shown: list[object] = []
            window.resultShown.connect(shown.append)
            t0 = time.perf_counter()
            window.open_path(path, ask=False)
            _wait(
                app,
                lambda shown=shown: (
                    bool(shown) and shown[-1].result is not None and len(shown[-1].result.study.lines) > 10
                ),
            )
            window.navigate(1)
            app.processEvents()
            window.repaint()
            out["open_show"].append(time.perf_counter() - t0)

            editor = window.stage_editors[Stage.RAW_MATERIALS]
            times = []
            for k in range(5):
                lid = editor.model.top_level_ids()[k]
                child = editor.model.index(0, COLUMN_INDEX["quantity"], editor.model.index_of(lid))
                shown.clear()
                t1 = time.perf_counter()
                editor.model.setData(child, str(1.5 + k))
                window.calc.run_now()  # skip the 150 ms coalescing delay: measure the work
                _wait(app, lambda shown=shown: bool(shown))
                window.repaint()
                times.append(time.perf_counter() - t1)
            out["recalc"].append(statistics.median(times))

            view = editor.view
            bar = view.verticalScrollBar()
            t2 = time.perf_counter()
            steps = 30
            for s in range(steps):
                bar.setValue(int(bar.maximum() * (s + 1) / steps))
                view.viewport().repaint()
            out["scroll_page"].append((time.perf_counter() - t2) / steps)
            window.bridge.undo_stack.setClean()
            window.close()
            window.deleteLater()
            app.processEvents()
    ctx.close()
    return out


def bench_cold_start(runs: int) -> tuple[list[float], list[str]]:
    times = []
    heavy: list[str] = []
    probe = (
        "import sys, time, os; os.environ['PCF_WORKBENCH_STARTUP_PROBE']='1';"
        "from app.__main__ import main; rc = main([]);"
        "bad=[m for m in ('pandas','openpyxl','reportlab','scipy','sqlalchemy') if m in sys.modules];"
        "print('HEAVY', ','.join(bad)); sys.exit(rc)"
    )
    with tempfile.TemporaryDirectory() as data:
        for _ in range(runs):
            env = {**os.environ, "PCF_WORKBENCH_DATA": data, "PCF_WORKBENCH_T0": repr(time.time())}
            env["PCF_WORKBENCH_T0"] = repr(time.time())
            proc = subprocess.run(
                [sys.executable, "-c", probe], capture_output=True, text=True, cwd=ROOT, env=env, timeout=60
            )
            for line in proc.stdout.splitlines():
                if line.startswith("STARTUP"):
                    times.append(float(line.split()[1]))
                elif line.startswith("HEAVY"):
                    heavy = [m for m in line.split(" ", 1)[1].split(",") if m]
            if proc.returncode != 0:
                print(proc.stderr[-2000:], file=sys.stderr)
    return times, heavy


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--lines", type=int, default=10_000)
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args()
    from app.io.study_template import write_study_workbook

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "big.xlsx"
        write_study_workbook(big_study(args.lines), path)
        results = bench_window(path, args.runs)
    cold, heavy = bench_cold_start(args.runs)

    def ms(values: list[float]) -> str:
        return f"{statistics.median(values) * 1000:8.1f} ms" if values else "     n/a"

    print(f"PCF Workbench GUI benchmark — {args.lines:,} lines, median of {args.runs} runs")
    print(f"  open + show study          {ms(results['open_show'])}   (target < 1500 ms)")
    print(f"  recalc after one edit      {ms(results['recalc'])}   (target <  100 ms)")
    print(f"  scroll repaint per step    {ms(results['scroll_page'])}")
    print(f"  cold start to usable window{ms(cold)}   (target < 1500 ms)")
    print(f"  heavy modules at start-up  {', '.join(heavy) or 'none'}")


if __name__ == "__main__":
    main()
