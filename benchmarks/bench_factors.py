"""Factor library benchmark: search latency, bulk id lookups, cold open. Prints figures, asserts nothing.

    python benchmarks/bench_factors.py

Targets (issue 3): a few ms per keystroke for search, worst case included; 10,000 lookups by id
in ≤ 100 ms; opening the library cold in under 1 s.
"""

from __future__ import annotations

import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from app.factors.library import FactorLibrary  # noqa: E402
from app.paths import factor_db_path  # noqa: E402

QUERIES = [
    "electricity China 2024", "全国 电网 2023", "natural gas", "天然气", "aluminium", "铝", "truck", "货车",
    "电力", "electricity", "diesel", "柴油", "petrol", "汽油", "coal", "煤", "LPG", "steel", "钢", "copper",
    "plastic", "塑料", "PET", "HDPE", "paper", "纸板", "cardboard", "glass", "玻璃", "container ship",
    "海运", "rail freight", "铁路", "air freight", "空运", "landfill", "填埋", "incineration", "recycled",
    "cement", "concrete", "battery", "锂电池", "HFC-134a", "R410A", "Vietnam electricity", "越南", "江苏 2023",
    "eGRID", "e",
]  # fmt: skip
RUNS = 7


def keystrokes(query: str) -> list[str]:
    """Every prefix a user types on the way to ``query`` (as-you-type search)."""
    return [query[:i] for i in range(1, len(query) + 1) if query[:i].strip()]


def bench_search(lib: FactorLibrary) -> None:
    assert len(QUERIES) == 50
    medians: list[float] = []
    for q in QUERIES:
        lib.search(q)  # warm
        times = []
        for _ in range(RUNS):
            t = time.perf_counter()
            lib.search(q, limit=20)
            times.append(time.perf_counter() - t)
        medians.append(statistics.median(times))
    worst_q = QUERIES[max(range(len(QUERIES)), key=medians.__getitem__)]
    print(f"search, 50 queries (median of {RUNS} runs each): median {statistics.median(medians) * 1e3:.2f} ms, "
          f"worst {max(medians) * 1e3:.2f} ms ('{worst_q}')")  # fmt: skip
    strokes = [k for q in QUERIES for k in keystrokes(q)]
    per_stroke = []
    for k in strokes:
        times = []
        for _ in range(3):
            t = time.perf_counter()
            lib.search(k, limit=20)
            times.append(time.perf_counter() - t)
        per_stroke.append((statistics.median(times), k))
    per_stroke.sort()
    print(f"as-you-type, {len(strokes)} keystrokes: median {per_stroke[len(per_stroke) // 2][0] * 1e3:.2f} ms, "
          f"worst {per_stroke[-1][0] * 1e3:.2f} ms ('{per_stroke[-1][1]}')")  # fmt: skip


def bench_lookups(path: Path) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        ids = FactorLibrary.open(path, Path(tmp) / "u.sqlite")._bundled.ids()
        rng = random.Random(1)
        sample = [rng.choice(ids) for _ in range(10_000)]
        bulk, single = [], []
        for _ in range(RUNS):
            lib = FactorLibrary.open(path, Path(tmp) / "u.sqlite")  # fresh: no cached factors
            t = time.perf_counter()
            found = lib.get_factors(sample)
            bulk.append(time.perf_counter() - t)
            lib.close()
            lib = FactorLibrary.open(path, Path(tmp) / "u.sqlite")
            t = time.perf_counter()
            for fid in sample:
                lib.get_factor(fid)
            single.append(time.perf_counter() - t)
            lib.close()
        assert len(found) == len(set(sample))
        print(f"10,000 lookups by id, cold cache: get_factors (bulk) {statistics.median(bulk) * 1e3:.1f} ms, "
              f"get_factor one by one {statistics.median(single) * 1e3:.1f} ms")  # fmt: skip


COLD_OPEN = """
import sys, time
t = time.perf_counter()
sys.path.insert(0, {root!r})
from app.factors.library import FactorLibrary
lib = FactorLibrary.open({path!r}, __import__('pathlib').Path({user!r}))
hit = lib.search('electricity China 2024', limit=1)[0]
print(time.perf_counter() - t)
"""


def bench_cold_open(path: Path) -> None:
    times = []
    with tempfile.TemporaryDirectory() as tmp:
        code = COLD_OPEN.format(root=str(ROOT), path=str(path), user=str(Path(tmp) / "u.sqlite"))
        for _ in range(5):
            out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
            times.append(float(out.stdout))
    print(f"cold open in a new process (imports + open + first search): median {statistics.median(times) * 1e3:.0f} ms, "
          f"worst {max(times) * 1e3:.0f} ms")  # fmt: skip


def main() -> None:
    path = factor_db_path("factors.sqlite")
    with tempfile.TemporaryDirectory() as tmp:
        lib = FactorLibrary.open(path, Path(tmp) / "u.sqlite")
        print(
            f"library: {lib.count()} factors, {path.stat().st_size / 1e6:.1f} MB, schema {lib.schema_version}"
        )
        bench_search(lib)
        lib.close()
    bench_lookups(path)
    bench_cold_open(path)


if __name__ == "__main__":
    main()
