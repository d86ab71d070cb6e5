"""Reading bills of materials exported from ERPs (Kingdee 金蝶, Yonyou 用友, SAP, spreadsheets).

    source = list_sheets(path)                   # sheets, hidden ones marked, the default
    grid = read_grid(path, sheet)                # guarded .xlsx or decoded .csv → cells
    header = detect_header(grid.rows, grid.merges)   # header rows + column suggestions
    table = parse_rows(grid, header)             # BomRow records, tree, located problems

:func:`read_bom` does all four. Nothing here opens a dialog or guesses a number.
"""

from __future__ import annotations

from pathlib import Path

from app.core.errors import InputError
from app.core.messages import problem
from app.core.progress import NO_PROGRESS, Progress
from app.io.bom.grid import BomSource, Grid, SheetEntry, list_sheets, read_grid
from app.io.bom.header import FIELDS, ColumnGuess, HeaderGuess, detect_header, with_mapping
from app.io.bom.rows import BomRow, BomTable, parse_rows

__all__ = [
    "FIELDS",
    "BomRow",
    "BomSource",
    "BomTable",
    "ColumnGuess",
    "Grid",
    "HeaderGuess",
    "SheetEntry",
    "detect_header",
    "header_for",
    "list_sheets",
    "parse_rows",
    "read_bom",
    "read_grid",
    "with_mapping",
]


def header_for(
    grid: Grid, header_row: int | None = None, mapping: dict[str, int | None] | None = None
) -> HeaderGuess:
    """The detected header (``header_row`` is 1-based, as the user sees it); raises InputError."""
    guess = detect_header(grid.rows, grid.merges, None if header_row is None else header_row - 1)
    if guess is None:
        where = {"file": grid.file, "sheet": grid.sheet_label, "row": header_row}
        if header_row is not None:
            raise InputError(problem("bom.no_such_row", {"row": header_row, "rows": len(grid.rows)}, **where))
        raise InputError(problem("bom.no_header", **where))
    return with_mapping(guess, mapping) if mapping else guess


def read_bom(
    path: Path | str,
    sheet: str | None = None,
    header_row: int | None = None,
    mapping: dict[str, int | None] | None = None,
    progress: Progress = NO_PROGRESS,
) -> BomTable:
    """Read a BOM file into a :class:`BomTable` (problems inside, hostile files raise)."""
    grid = read_grid(path, sheet, progress=progress)
    return parse_rows(grid, header_for(grid, header_row, mapping), progress)
