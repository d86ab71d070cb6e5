"""Read one sheet of a BOM export (.xlsx or .csv) into a grid of cells, refusing hostile files.

An .xlsx always passes :mod:`app.io.xlsx_guard` first (zip bombs, entity attacks, absurd extents,
huge merges; formulas without a cached value are listed per cell); only then does python-calamine
parse the chosen sheet. Hidden sheets are listed as hidden and never chosen by default.

A CSV is decoded by :func:`app.io.bom.csv_text.decode_csv` (BOM, UTF-16 NUL pattern, strict UTF-8,
then GB18030) and split by the detected separator; every cell stays text, so codes such as
``00123`` and long numeric ids are never turned into numbers here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from app.core.errors import HostileFileError, InputError, Problem
from app.core.gcpause import paused_gc
from app.core.messages import problem
from app.core.progress import NO_PROGRESS, Progress
from app.io.bom.csv_text import MAX_CSV_BYTES, CsvText, decode_csv, split_csv
from app.io.xlsx_guard import XlsxLimits, check_sheet, inspect_xlsx

Cell = object  # str | float | int | bool | date | datetime | time | timedelta, '' when empty

XLSX_SUFFIXES = (".xlsx", ".xlsm")
CSV_SUFFIXES = (".csv", ".txt", ".tsv")
MAX_GRID_CELLS = 20_000_000


@dataclass(frozen=True, slots=True)
class SheetEntry:
    name: str
    hidden: bool


@dataclass(frozen=True, slots=True)
class BomSource:
    """What a BOM file offers: its sheets (a CSV has one, named after the file) and the default."""

    file: str
    kind: str  # "xlsx" or "csv"
    sheets: tuple[SheetEntry, ...]
    default_sheet: str | None  # the first visible sheet; None when every sheet is hidden

    def entry(self, name: str) -> SheetEntry | None:
        wanted = name.strip().casefold()
        return next((s for s in self.sheets if s.name.strip().casefold() == wanted), None)


@dataclass(slots=True)
class Grid:
    """The cells of one sheet (0-based rows and columns) and what the reader noticed about them."""

    file: str
    sheet: str
    rows: list[list[Cell]]
    uncached: frozenset[tuple[int, int]] = frozenset()  # formulas without a cached value (r, c)
    merges: tuple[tuple[int, int, int, int], ...] = ()  # (r0, c0, r1, c1), inclusive
    from_text: bool = False  # CSV: every cell is text as written
    decimal_comma: bool = False  # CSV with ';' whose numbers use a decimal comma
    encoding: str | None = None
    delimiter: str | None = None
    hidden: bool = False
    problems: list[Problem] = field(default_factory=list)

    @property
    def sheet_label(self) -> str | None:
        """The sheet name for messages (None for a CSV, whose only 'sheet' is the file)."""
        return None if self.from_text else self.sheet


def _kind(path: Path) -> str:
    suffix = path.suffix.lower()
    if suffix in XLSX_SUFFIXES:
        return "xlsx"
    if suffix in CSV_SUFFIXES:
        return "csv"
    if suffix == ".xls":
        raise InputError(problem("bom.xls", file=path.name))
    raise InputError(problem("bom.file_type", {"suffix": path.suffix}, file=path.name))


def _exists(path: Path) -> None:
    if not path.exists():
        raise InputError(problem("file.missing", {"path": str(path)}, file=str(path)))
    if path.is_dir():
        raise InputError(problem("bom.folder", {"path": str(path)}, file=str(path)))


def list_sheets(path: Path | str, limits: XlsxLimits | None = None) -> BomSource:
    """The sheets of a BOM file (guarded for .xlsx); raises InputError/HostileFileError."""
    path = Path(path)
    _exists(path)
    kind = _kind(path)
    if kind == "csv":
        return BomSource(path.name, "csv", (SheetEntry(path.stem, False),), path.stem)
    info = inspect_xlsx(path, limits or XlsxLimits())
    sheets = tuple(SheetEntry(s.name, s.state != "visible") for s in info.sheets if s.kind == "worksheet")
    default = next((s.name for s in sheets if not s.hidden), None)
    return BomSource(path.name, "xlsx", sheets, default)


def read_grid(
    path: Path | str,
    sheet: str | None = None,
    limits: XlsxLimits | None = None,
    progress: Progress = NO_PROGRESS,
) -> Grid:
    """Read one sheet (``sheet`` or the first visible one) of a BOM file into a :class:`Grid`."""
    path = Path(path)
    _exists(path)
    if _kind(path) == "csv":
        return _read_csv_grid(path, progress)
    return _read_xlsx_grid(path, sheet, limits or XlsxLimits(), progress)


def _read_csv_grid(path: Path, progress: Progress) -> Grid:
    size = path.stat().st_size
    if size > MAX_CSV_BYTES:
        too_big = {"size_mb": f"{size / 2**20:,.0f}", "limit_mb": MAX_CSV_BYTES // 2**20}
        raise HostileFileError(problem("bom.csv_too_big", too_big, file=path.name))
    progress.step(0, 3, "")  # no text: the window's dialog says what is read, in the UI language
    text: CsvText = decode_csv(path.read_bytes(), path.name)
    progress.step(1, 3, "")
    rows, delimiter, decimal_comma = split_csv(text.text, path.name)
    progress.step(2, 3, "")
    return Grid(
        path.name,
        path.stem,
        rows,
        from_text=True,
        decimal_comma=decimal_comma,
        encoding=text.encoding,
        delimiter=delimiter,
    )


def _read_xlsx_grid(path: Path, sheet: str | None, limits: XlsxLimits, progress: Progress) -> Grid:
    progress.step(0, 3, "")
    info = inspect_xlsx(path, limits, keep_heads=True)  # check_sheet goes on from the inflated head
    worksheets = [s for s in info.sheets if s.kind == "worksheet"]
    if sheet is None:
        chosen = next((s for s in worksheets if s.state == "visible"), None)
        if chosen is None:
            raise InputError(problem("bom.all_hidden", file=path.name))
    else:
        chosen = info.sheet(sheet)
        if chosen is None or chosen.kind != "worksheet":
            names = ", ".join(repr(s.name) for s in worksheets) or "—"
            raise InputError(problem("bom.no_such_sheet", {"sheet": sheet, "sheets": names}, file=path.name))
    scan = check_sheet(path, chosen, limits)
    progress.step(1, 3, "")
    import python_calamine  # deferred: only needed when a workbook is actually read

    try:
        workbook = python_calamine.CalamineWorkbook.from_path(str(path))
        try:
            calamine_sheet = workbook.get_sheet_by_name(chosen.name)
            with paused_gc():  # a million new cells would trigger full collections over and over
                rows = calamine_sheet.to_python(skip_empty_area=False)
            merges = tuple((r0, c0, r1, c1) for (r0, c0), (r1, c1) in calamine_sheet.merged_cell_ranges or ())
        finally:
            workbook.close()
    except python_calamine.CalamineError as exc:
        raise InputError(problem("workbook.unreadable", {"reason": str(exc)}, file=path.name)) from None
    progress.step(2, 3, "")
    problems: list[Problem] = []
    hidden = chosen.state != "visible"
    if hidden:
        hidden_sheet = {"sheet": chosen.name}
        problems.append(
            problem("bom.hidden_sheet", hidden_sheet, file=path.name, sheet=chosen.name, severity="warning")
        )
    if scan.uncached_truncated:
        many = {"count": f"{scan.uncached_count:,}", "located": f"{len(scan.uncached_formulas):,}"}
        problems.append(problem("bom.many_uncached", many, file=path.name, sheet=chosen.name))
    return Grid(
        path.name,
        chosen.name,
        rows,
        uncached=frozenset(_a1(ref) for ref in scan.uncached_formulas if ref != "?"),
        merges=merges,
        hidden=hidden,
        problems=problems,
    )


def _a1(ref: str) -> tuple[int, int]:
    letters = ref.rstrip("0123456789")
    col = 0
    for ch in letters:
        col = col * 26 + ord(ch) - 64
    return int(ref[len(letters) :]) - 1, col - 1
