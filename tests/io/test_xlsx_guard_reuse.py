"""check_sheet going on from the head inspect_xlsx(keep_heads=True) inflated gives the same verdicts.

Each file is judged twice, once with every sheet inflated afresh and once reusing the kept heads;
the verdicts (refusal class, codes, parameters, sheet, or the complete scans) must be identical.
"""

from __future__ import annotations

import copy
import dataclasses
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))
import hostile_files as hf

from app.core.errors import InputError
from app.io.xlsx_guard import check_sheet, inspect_xlsx


def _verdict(path: Path, keep_heads: bool) -> object:
    try:
        info = inspect_xlsx(path, keep_heads=keep_heads)
        scans = [check_sheet(path, s) for s in info.sheets if s.kind == "worksheet"]
    except InputError as exc:
        return (type(exc).__name__, [(p.code, p.params, p.sheet, p.file) for p in exc.problems])
    return [dataclasses.replace(s, seconds=0.0) for s in scans]


def _chunked_formulas(dir: Path) -> Path:
    """About 10 MB of sheet: several 4 MiB chunks after the kept head, formulas straddling them."""
    rows = "".join(
        f'<row r="{r}"><c r="A{r}"><v>{r}</v></c><c r="B{r}" t="inlineStr"><is><t>{"x" * 200}</t></is></c>'
        f'<c r="C{r}"><f>A{r}*2</f>{"" if r % 7 else f"<v>{2 * r}</v>"}</c></row>'
        for r in range(1, 40_001)
    )
    return hf.write_book(
        dir / "chunks.xlsx", hf.Book([hf.Sheet("Inventory", f"<sheetData>{rows}</sheetData>")])
    )


def _far_cell_past_head(dir: Path) -> Path:
    """Harmless first 4 MiB, then a cell at XFD1048576: refused by the part scanned after the head."""
    rows = "".join(
        f'<row r="{r}"><c r="A{r}" t="inlineStr"><is><t>{"y" * 300}</t></is></c></row>'
        for r in range(1, 20_001)
    )
    far = '<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>'
    return hf.write_book(
        dir / "far_late.xlsx", hf.Book([hf.Sheet("Inventory", f"<sheetData>{rows}{far}</sheetData>")])
    )


def _dtd_in_second_sheet(dir: Path) -> Path:
    body = '<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&lol9;</t></is></c></row></sheetData>'
    sheets = [
        hf.Sheet("Inventory", hf.rows_xml([["a", 1]])),
        hf.Sheet("Other", body, prolog=hf.BILLION_LAUGHS_DTD),
    ]
    return hf.write_book(dir / "laughs_second.xlsx", hf.Book(sheets))


MAKERS: dict[str, Callable[[Path], Path]] = {
    **{name: maker for name, (maker, _) in hf.HOSTILE.items()},
    **{name: maker for name, (maker, _) in hf.BROKEN.items()},
    "valid_minimal": hf.make_valid_minimal,
    "valid_study": hf.make_valid_study,
    "valid_openpyxl": hf.make_valid_openpyxl,
    "hidden_sheets": hf.make_hidden_sheets,
    "prefixed_namespace": hf.make_prefixed_namespace,
    "uncached_formula": hf.make_uncached_formula,
    "many_uncached_formulas": hf.make_many_uncached_formulas,
    "chunked_formulas": _chunked_formulas,
    "far_cell_past_head": _far_cell_past_head,
    "dtd_in_second_sheet": _dtd_in_second_sheet,
}


@pytest.mark.parametrize("name", sorted(MAKERS))
def test_reused_head_gives_the_same_verdict(tmp_path: Path, name: str) -> None:
    path = MAKERS[name](tmp_path)
    assert _verdict(path, keep_heads=True) == _verdict(path, keep_heads=False)


def test_dtd_in_the_kept_head_is_refused(tmp_path: Path) -> None:
    verdict = _verdict(hf.make_billion_laughs_sheet(tmp_path), keep_heads=True)
    assert verdict == (
        "HostileFileError",
        [("xlsx_xml_dtd", {"part": "xl/worksheets/sheet1.xml"}, None, "laughs_sheet.xlsx")],
    )


def test_late_far_cell_is_refused_after_the_head(tmp_path: Path) -> None:
    verdict = _verdict(_far_cell_past_head(tmp_path), keep_heads=True)
    assert isinstance(verdict, tuple) and verdict[0] == "HostileFileError", verdict


def test_head_is_used_once_and_a_second_check_reads_afresh(tmp_path: Path) -> None:
    path = _chunked_formulas(tmp_path)
    sheet = inspect_xlsx(path, keep_heads=True).sheets[0]
    assert sheet.head is not None and sheet.head.chunks
    first = dataclasses.replace(check_sheet(path, sheet), seconds=0.0)
    assert sheet.head.chunks is None  # taken
    assert dataclasses.replace(check_sheet(path, sheet), seconds=0.0) == first
    assert first.formulas == 40_000 and first.uncached_count == 40_000 - 40_000 // 7


def test_file_changed_after_inspect_is_read_afresh(tmp_path: Path) -> None:
    """A head kept from one file is never spliced onto another file's stream."""
    path = hf.make_valid_minimal(tmp_path)
    sheet = inspect_xlsx(path, keep_heads=True).sheets[0]
    (tmp_path / "other").mkdir()
    far = hf.make_far_apart_cells(tmp_path / "other")
    path.write_bytes(far.read_bytes())
    fresh = _verdict(path, keep_heads=False)
    try:
        check_sheet(path, sheet)
        got: object = "passed"
    except InputError as exc:
        got = (type(exc).__name__, [(p.code, p.params, p.sheet, p.file) for p in exc.problems])
    assert got == fresh


def test_kept_head_is_tied_to_its_member(tmp_path: Path) -> None:
    path = hf.make_valid_minimal(tmp_path)
    sheet = inspect_xlsx(path, keep_heads=True).sheets[0]
    with zipfile.ZipFile(path) as zf:
        info = zf.getinfo(sheet.part)
    assert sheet.head is not None
    other = copy.copy(info)
    other.header_offset += 1
    assert sheet.head.take(other, sheet.head.stamp) is None  # a different member: not reused
    assert sheet.head.take(info, sheet.head.stamp) is None  # and a head is given out only once
