"""Load the IPCC GWP100 tables shipped in ``resources/gwp`` (CC0, openclimatedata + GHG Protocol)."""

from __future__ import annotations

import csv
from functools import cache
from pathlib import Path

from app.core.gwp import CH4_FOSSIL, CH4_NON_FOSSIL, CO2, GwpTable
from app.paths import resource_path

_REPORT_COLUMNS = {"AR5": "AR5GWP100", "AR6": "AR6GWP100", "AR4": "AR4GWP100"}


def _read_species(path: Path, column: str) -> dict[str, float]:
    with path.open(encoding="utf-8", newline="") as fh:
        rows = [line for line in fh if not line.startswith("#")]
    values: dict[str, float] = {}
    for row in csv.DictReader(rows):
        text = (row.get(column) or "").strip()
        if text:
            values[row["Species"].strip()] = float(text)
    return values


def _read_ch4_split(path: Path, report: str) -> dict[str, float]:
    with path.open(encoding="utf-8", newline="") as fh:
        rows = [line for line in fh if not line.startswith("#")]
    return {
        row["Species"].strip(): float(row["GWP100"])
        for row in csv.DictReader(rows)
        if row["Report"].strip() == report
    }


@cache
def load_gwp_tables(folder: Path | None = None) -> dict[str, GwpTable]:
    """GWP100 tables for AR4, AR5 and AR6; methane split by origin where IPCC gives it."""
    folder = folder or resource_path("gwp")
    tables: dict[str, GwpTable] = {}
    for report, column in _REPORT_COLUMNS.items():
        values = _read_species(folder / "globalwarmingpotentials.csv", column)
        values[CO2] = 1.0
        split = _read_ch4_split(folder / "ch4_origin_supplement.csv", report)
        generic_ch4 = values.get("CH4")
        values[CH4_FOSSIL] = split.get(CH4_FOSSIL, generic_ch4 or 0.0)
        values[CH4_NON_FOSSIL] = split.get(CH4_NON_FOSSIL, generic_ch4 or 0.0)
        tables[report] = GwpTable(report, values)
    return tables
