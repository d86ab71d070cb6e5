"""Median time to produce the carbon-label draft and the CFP study report (PDF).

``python benchmarks/bench_reports.py [--runs N]``: generated studies of 1,000 and 10,000 lines
(tests/studybuilders.py), calculated once; timed: gathering the report data, the label (A4 sheet)
and the full report (language ``both``) to bytes. The machine is shared: expect noise.
"""

from __future__ import annotations

import argparse
import io
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from pypdf import PdfReader  # noqa: E402
from studybuilders import generated_study  # noqa: E402

from app.reports.label import render_label  # noqa: E402
from app.reports.report import render_report  # noqa: E402
from app.services.calculation import calculate_study  # noqa: E402
from app.services.reports import build_report_data  # noqa: E402


def median_seconds(fn: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    fingerprint = "0" * 64
    print(f"{'lines':>7}  {'data':>8}  {'label':>8}  {'report':>8}  {'pages':>5}")
    for n in (1_000, 10_000):
        result = calculate_study(generated_study(n))
        data = build_report_data(result, fingerprint)
        render_label(data)  # warm-up: font registration and subsetting tables
        t_data = median_seconds(lambda result=result: build_report_data(result, fingerprint), args.runs)
        t_label = median_seconds(lambda data=data: render_label(data, size="a4", lang="both"), args.runs)
        pdf = render_report(data, lang="both")
        t_report = median_seconds(lambda data=data: render_report(data, lang="both"), args.runs)
        pages = len(PdfReader(io.BytesIO(pdf)).pages)
        print(f"{n:>7,}  {t_data * 1000:>6.0f}ms  {t_label * 1000:>6.0f}ms  {t_report:>7.2f}s  {pages:>5}")


if __name__ == "__main__":
    main()
