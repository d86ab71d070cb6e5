"""The sheet scanner's cheaper searches reach exactly the verdicts of the scanner they replaced.

``guard_reference.ReferenceSheetScanner`` is the scanner as it was (regex searches over every
block); the fast one finds the rare tags through a rare byte of theirs. Both are fed the same
generated sheet XML in the same random chunks, driven as :func:`check_sheet` drives them (a fast
pass, then an exact pass when needed), and must return identical scans or identical refusals.
"""

from __future__ import annotations

import dataclasses
import random
import re
import signal
import struct
import subprocess
import sys
import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path
from unittest import mock

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

sys.path.insert(0, str(Path(__file__).resolve().parent))
import hostile_files as hf
from guard_reference import ReferenceSheetScanner

from app.core.errors import HostileFileError
from app.io import xlsx_guard
from app.io.xlsx_guard import (
    XlsxLimits,
    _first_via_rare_byte,
    _judge,
    _SheetScanner,
    check_sheet,
    inspect_xlsx,
)

NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"


def _verdict(scanner_type: type, chunks: list[bytes], limits: XlsxLimits) -> object:
    """What check_sheet would conclude from these chunks with this scanner class."""

    def scan(exact: bool, any_prefix: bool = False) -> object:
        options = {"any_prefix": True} if any_prefix else {}  # the reference knows no such pass
        scanner = scanner_type(
            "book.xlsx", "Sheet", "xl/worksheets/sheet1.xml", limits, exact=exact, **options
        )
        for chunk in chunks:
            scanner.feed(chunk)
        scanner.finish()
        return scanner

    try:
        return dataclasses.replace(_judge(scan, limits).result(0.0), seconds=0.0)
    except HostileFileError as exc:
        return [(p.code, p.params, p.sheet, p.file) for p in exc.problems]


# --- generated sheets --------------------------------------------------------------------------------

_COLS = st.one_of(
    st.sampled_from(["A", "B", "Z"]),
    st.text("ABCXYZ", min_size=2, max_size=3),
    st.sampled_from(["", "1", "XFD", "XFE"]),  # no lower case: calamine reads it, the old scanner did not
)
_ROWS = st.one_of(
    st.integers(1, 99_999).map(str),
    st.integers(100_000, 9_999_999).map(str),
    st.sampled_from(["", "0", "00001", "000001", "1048576", "x"]),
)
_REFS = st.builds(lambda c, r: c + r, _COLS, _ROWS)
_RANGES = st.one_of(_REFS, st.builds(lambda a, b: f"{a}:{b}", _REFS, _REFS), st.sampled_from(["", "A1:"]))
# Text that looks like the tags the scanner hunts: escaped in real files, raw in hostile ones.
_TEXT = st.lists(
    st.sampled_from(
        ["x", "f", "m", "g", " ", "mergeCell", "dimension", "<f", "f>", "<f ", "<c", "c>", "</c>", "&lt;f>"]
    ),
    max_size=12,
).map("".join)
_FILLER = st.sampled_from(["f", "m", "fm", "mf g", "xyz", "<fx", "<mx:", "<dimensionX "]).flatmap(
    lambda unit: st.integers(0, 400).map(lambda n: unit * n)
)


@st.composite
def _cell(draw: st.DrawFn, p: str) -> str:
    # Only the root's prefix: the old scanner ignored <y:c> (calamine does not; see below).
    tag = draw(st.sampled_from([f"{p}c", f"{p}c", f"{p}c", f"{p}col", f"{p}cfRule", f"{p}cx"]))
    # Not r='B2', r ="B2", xr="B2" or x:r="B2": the old scanner misread them (see below).
    attrs = draw(
        st.lists(st.sampled_from(['t="str"', 't="s"', 's="1"', 't="inlineStr"', 'cm="1"']), max_size=3)
    )
    # At most one r=: the old scanner read the first of two, calamine mostly the last; such cells
    # are refused now (see test_a_second_r_in_a_cell_is_refused).
    ref = draw(st.one_of(st.none(), _REFS.map(lambda r: f'r="{r}"')))
    if ref is not None:
        attrs.insert(draw(st.integers(0, len(attrs))), ref)
    # After <c only a space: the old scanner missed <c\tr=... (see test_white_space_after_c_...).
    sep = " " if tag.endswith("c") else draw(st.sampled_from([" ", " ", "\t", "\n"]))
    head = f"<{tag}" + "".join(sep + a for a in attrs)
    body = draw(
        st.lists(
            st.one_of(
                st.sampled_from(
                    [f"<{p}v>1</{p}v>", f"<{p}v></{p}v>", f"<{p}v>", f'<{p}f t="shared" si="0"/>', f"<{p}f/>"]
                ),
                st.builds(lambda t: f"<{p}f>{t}</{p}f>", _TEXT),
                st.builds(lambda t: f"<{p}is><{p}t>{t}</{p}t></{p}is>", _TEXT),
            ),
            max_size=3,
        )
    )
    if not body and draw(st.booleans()):
        return head + "/>"
    return head + ">" + "".join(body) + f"</{tag}>"


@st.composite
def _row(draw: st.DrawFn, p: str) -> str:
    ref = draw(st.one_of(st.none(), _ROWS))
    cells = "".join(draw(st.lists(_cell(p), max_size=5)))
    return (f"<{p}row>" if ref is None else f'<{p}row r="{ref}">') + cells + f"</{p}row>"


@st.composite
def sheet_xml(draw: st.DrawFn) -> bytes:
    prefix = draw(st.sampled_from(["", "", "x:"]))
    p = prefix
    parts = []
    if draw(st.booleans()):
        parts.append(draw(_RANGES.map(lambda r: f'<{p}dimension ref="{r}"/>')))
    if draw(st.booleans()):
        parts.append(f'<{p}cols><{p}col min="1" max="3" width="9"/></{p}cols>')
    parts.append(f"<{p}sheetData>" + "".join(draw(st.lists(_row(p), max_size=8))) + f"</{p}sheetData>")
    if draw(st.booleans()):
        parts.append(f'<{p}conditionalFormatting sqref="A1"><{p}cfRule type="x"/></{p}conditionalFormatting>')
    merges = draw(st.lists(_RANGES, max_size=3))
    if merges:
        parts.append(
            f"<{p}mergeCells>" + "".join(f'<{p}mergeCell ref="{m}"/>' for m in merges) + f"</{p}mergeCells>"
        )
    # Rare bytes in bulk before, between or after the parts: the probing budget runs out.
    for _ in range(draw(st.integers(0, 2))):
        parts.insert(draw(st.integers(0, len(parts))), draw(_FILLER))
    xmlns = f'xmlns:{p[:-1]}="{NS}"' if p else f'xmlns="{NS}"'
    decl = draw(st.sampled_from(["", '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n']))
    return f"{decl}<{p}worksheet {xmlns}>{''.join(parts)}</{p}worksheet>".encode()


def _chunks(data: bytes, cuts: list[int]) -> list[bytes]:
    points = sorted({min(c, len(data)) for c in cuts})
    return [data[a:b] for a, b in zip([0, *points], [*points, len(data)], strict=True) if b > a]


_LIMITS = st.builds(
    XlsxLimits,
    max_sheet_cells=st.sampled_from([20_000_000, 20_000_000, 2_600_000, 5_000, 50]),
    max_sheet_rows=st.sampled_from([1_048_576, 1_048_576, 100_000, 30]),
    max_sheet_cols=st.sampled_from([16_384, 16_384, 26, 3]),
    max_merged_cells=st.sampled_from([1_000_000, 1_000_000, 10]),
    max_uncached_listed=st.sampled_from([1_000, 1]),
    max_cell_bytes=st.sampled_from([8 * 2**20, 8 * 2**20, 300]),
    max_prolog_bytes=st.sampled_from([64 * 1024, 64 * 1024, 80, 40]),
)


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    data=sheet_xml(),
    cuts=st.lists(st.integers(1, 6_000), max_size=6),
    limits=_LIMITS,
    slack=st.sampled_from([16, 0]),
    per=st.sampled_from([512, 1, 10**9]),
    cut_short=st.one_of(st.none(), st.integers(0, 4_000)),
)
def test_fast_scanner_reaches_the_reference_verdict(
    data: bytes, cuts: list[int], limits: XlsxLimits, slack: int, per: int, cut_short: int | None
) -> None:
    if cut_short is not None:  # a part that ends mid-tag (readers fail on it; the verdicts must agree)
        data = data[: len(data) - cut_short]
    # Cell and row tags all with the root's prefix (the old scanner ignored the others, see below).
    root_prefix = re.match(rb"(?:<\?[^>]*>\s*)?<([\w.-]+:)?", data)
    prefixes = {m.group(1) or b"" for m in re.finditer(rb"<([\w.-]+:)?(?:c|row)[\s/>]", data)}
    assume(prefixes <= {root_prefix.group(1) or b"" if root_prefix else b""})
    # The first chunk holds the root's start tag: the old scanner took the namespace prefix from a
    # first chunk such as b"<x" as none (see test_a_first_chunk_cut_in_the_root_tag_...).
    root_end = data.find(b">", data.find(b"worksheet")) + 1
    chunks = _chunks(data, [c + root_end for c in cuts])
    expected = _verdict(ReferenceSheetScanner, chunks, limits)
    with (
        mock.patch.object(xlsx_guard, "_PROBE_SLACK", slack),
        mock.patch.object(xlsx_guard, "_PROBE_BYTES", per),
    ):
        assert _verdict(_SheetScanner, chunks, limits) == expected


_SOUP_PARTS = ['<c r="A1">', '<c r="B1"', '<c r="XFD1">', "<c>", "<c/>", '<c t="str">', '<c s="C2">', "</c>",
               "<v>1</v>", "<v></v>", "<v/>", "<f t", "<f>", "</f>", '<f t="shared" si="0"/>', "<row>",
               '<row r="7">', "</row>", '<mergeCell ref="A1:B9"/>', '<dimension ref="A1:Z9"/>', "<col/>", "x", "f",
               "m", "<"]  # fmt: skip
_SOUP = st.lists(st.sampled_from(_SOUP_PARTS), max_size=30).map("".join)


@settings(max_examples=500, deadline=None)
@given(tail=_SOUP, cuts=st.lists(st.integers(1, 200), max_size=4), limits=_LIMITS)
def test_tag_soup_reaches_the_reference_verdict(tail: str, cuts: list[int], limits: XlsxLimits) -> None:
    data = f'<worksheet xmlns="{NS}"><sheetData><row r="1">{tail}'.encode()
    chunks = _chunks(data, cuts)
    assert _verdict(_SheetScanner, chunks, limits) == _verdict(ReferenceSheetScanner, chunks, limits)


@pytest.mark.parametrize(
    "tail",
    [
        '<c r="A1"><v>1</v></c><c r="B1"<f t',  # no '>' after the last cell start
        '<v>1</v></row><c r="B1"<f t<c>',  # ... and a <v> before it, in the same block
        '<c r="A1"><v>1</v></c><c r="B1" t="str"<f/',
        '<c r="A1"><f>1</f><v>',  # ends inside the value
        "<c><f>x</f><v></v></c><c>",
        '<c r="A1" t="str"><f>x</f><v></v></c><f>loose</f>',
    ],
)
def test_malformed_formula_cells_get_the_reference_verdict(tail: str) -> None:
    data = f'<worksheet xmlns="{NS}"><sheetData><row r="1">{tail}'.encode()
    for limits in (XlsxLimits(), XlsxLimits(max_cell_bytes=10)):
        expected = _verdict(ReferenceSheetScanner, [data], limits)
        assert _verdict(_SheetScanner, [data], limits) == expected


# --- the searches themselves, on arbitrary bytes --------------------------------------------------------

_BYTES = st.lists(
    st.sampled_from(
        [b"<", b"f", b" ", b">", b"/", b"m", b"x:", b"mergeCell", b"dimension", b' ref="A1"', b"\n"]
    ),
    max_size=80,
).map(b"".join)


@settings(max_examples=400, deadline=None)
@given(
    buf=_BYTES,
    raw=st.sampled_from([b"", b"x:"]),
    slack=st.sampled_from([16, 2, 0]),
    per=st.sampled_from([512, 4, 1]),
)
def test_rare_byte_searches_equal_the_regex_searches(buf: bytes, raw: bytes, slack: int, per: int) -> None:
    scanner = _SheetScanner("f", "s", "p", XlsxLimits())
    scanner._compile(raw)
    p = re.escape(raw)
    formula = re.compile(b"<" + p + rb"f[ >/]")
    dimension = re.compile(b"<" + p + rb'dimension\b[^>]*?\bref="([^"]*)"')
    with (
        mock.patch.object(xlsx_guard, "_PROBE_SLACK", slack),
        mock.patch.object(xlsx_guard, "_PROBE_BYTES", per),
    ):
        assert scanner._has_formula(buf) == (formula.search(buf) is not None)
        found, wanted = scanner._first_dimension(buf), dimension.search(buf)
        assert (found and (found.span(), found.groups())) == (wanted and (wanted.span(), wanted.groups()))
        assert scanner._has_merge(buf) == (b"<" + raw + b"mergeCell" in buf)


def test_first_via_rare_byte_falls_back_where_probing_stopped() -> None:
    buf = b"m" * 100 + b"<dimension" + b"m" * 10 + b"<dimension"
    seen: list[int] = []

    def fallback(at: int) -> int:
        seen.append(at)
        return buf.find(b"<dimension", at)

    with (
        mock.patch.object(xlsx_guard, "_PROBE_SLACK", 3),
        mock.patch.object(xlsx_guard, "_PROBE_BYTES", 10**9),
    ):
        found = _first_via_rare_byte(buf, b"<dimension", 3, lambda at: at, fallback)
    assert found == 100  # the first start, found by the fallback after four fruitless probes
    assert seen == [4]  # resumed at the fifth candidate: the 'm' at 7 is index 3 of "<dimension"


# --- inspect_xlsx inflates each structure part once ------------------------------------------------


def _book_with_big_shared_strings(dir: Path, lie_by: int = 0) -> Path:
    """A 6 MB sharedStrings.xml (more than one 4 MiB chunk), its declared size optionally too small."""
    rnd = random.Random(3)
    strings = ["".join(rnd.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(60)) for _ in range(100_000)]
    path = hf.write_book(
        dir / "big_sst.xlsx", hf.Book([hf.Sheet("Inventory", hf.rows_xml([["a", 1]]))], strings)
    )
    if lie_by:
        with zipfile.ZipFile(path) as zf:
            size = zf.getinfo("xl/sharedStrings.xml").file_size
        hf._patch_central_sizes(path, "xl/sharedStrings.xml", file_size=size - lie_by)
    return path


def test_inspect_inflates_every_structure_part_once(tmp_path: Path) -> None:
    path = _book_with_big_shared_strings(tmp_path)
    produced = []
    real = zlib.decompressobj

    class Counting:
        def __init__(self, *args: object) -> None:
            self.inner = real(*args)

        def decompress(self, data: bytes, max_length: int = 0) -> bytes:
            out = self.inner.decompress(data, max_length)
            produced.append(len(out))
            return out

        def __getattr__(self, name: str) -> object:
            return getattr(self.inner, name)

    with mock.patch.object(xlsx_guard.zlib, "decompressobj", Counting):
        inspect_xlsx(path)
    with zipfile.ZipFile(path) as zf:
        size = {i.filename: i.file_size for i in zf.infolist()}
    xml_bytes = sum(n for name, n in size.items() if name.endswith((".xml", ".rels")))
    parsed = size["_rels/.rels"] + size["xl/workbook.xml"] + size["xl/_rels/workbook.xml.rels"]
    assert size["xl/sharedStrings.xml"] > 6_000_000
    # Every part inflated once (the 6 MB one too: its head is not inflated again), and the three
    # small structure parts a second time to be parsed.
    assert sum(produced) == xml_bytes + parsed


def test_a_structure_part_lying_after_its_head_is_still_refused(tmp_path: Path) -> None:
    path = _book_with_big_shared_strings(tmp_path, lie_by=1_000)
    with pytest.raises(HostileFileError) as caught:
        inspect_xlsx(path)
    assert caught.value.problems[0].code == "xlsx_inflates_past"
    assert caught.value.problems[0].params["name"] == "xl/sharedStrings.xml"


@pytest.mark.parametrize("space", ["\t", "\n", "\r", "\r\n"])
def test_white_space_after_c_does_not_hide_a_far_cell(tmp_path: Path, space: str) -> None:
    # calamine reads <c\tr="XFD1048576"> as a cell and aborts allocating the grid; the scanner
    # before 2026-12 skipped it (only a space, '>' or '/' after <c counted as a cell).
    body = (
        f'<sheetData><row r="1"><c r="A1"><v>1</v></c><c{space}r="XFD1048576"><v>2</v></c></row></sheetData>'
    )
    path = hf.write_book(tmp_path / "tab.xlsx", hf.Book([hf.Sheet("Inventory", body)]))
    info = inspect_xlsx(path, keep_heads=True)
    with pytest.raises(HostileFileError) as caught:
        check_sheet(path, info.sheets[0])
    assert caught.value.problems[0].code == "xlsx_huge_extent"
    assert caught.value.problems[0].params["ref"] == "A1:XFD1048576"


@pytest.mark.parametrize(
    "far",
    [
        "<c r='XFD1048576'><v>2</v></c>",  # single quotes
        '<c r ="XFD1048576"><v>2</v></c>',  # white space around '='
        '<c r= "XFD1048576"><v>2</v></c>',
        '<c r="xfd1048576"><v>2</v></c>',  # lower case column letters
        "<c s=\"1\" r='XfD1048576'><v>2</v></c>",
    ],
)
@pytest.mark.parametrize("wide", [False, True])
def test_every_spelling_of_a_far_reference_is_located(tmp_path: Path, far: str, wide: bool) -> None:
    # calamine reads each of these as XFD1048576 and aborts allocating the grid; the scanner
    # before 2026-12 placed them by position (A1048576 or B1) and let the file through. ``wide``
    # sends the sheet through the exact pass first (a near-cell bound over the area cap).
    first = '<c r="ZZ1"><v>0</v></c>' * wide
    body = (
        f'<sheetData><row r="1"><c r="A1"><v>1</v></c>{first}</row><row r="1048576">{far}</row></sheetData>'
    )
    path = hf.write_book(tmp_path / "far.xlsx", hf.Book([hf.Sheet("Inventory", body)]))
    info = inspect_xlsx(path, keep_heads=True)
    with pytest.raises(HostileFileError) as caught:
        check_sheet(path, info.sheets[0], XlsxLimits(max_sheet_cells=2_000_000) if wide else XlsxLimits())
    assert caught.value.problems[0].code == "xlsx_huge_extent"
    assert caught.value.problems[0].params["ref"] == "A1:XFD1048576"


@pytest.mark.parametrize("attribute", ['xr="A1"', 'x:r="A1"', 'r:r="A1"', 'rr="A1"'])
def test_cells_whose_only_r_is_another_attribute_are_placed_by_position(
    tmp_path: Path, attribute: str
) -> None:
    # calamine takes only an attribute named r as the reference and places these cells one after
    # the other: 16,384 of them span A:XFD, and with a cell in row 1048576 it aborts. The scanner
    # before 2026-12 took xr=/x:r= for a reference (and located nothing or A1).
    row = f"<c {attribute}><v>1</v></c>" * 16_384
    body = f'<sheetData><row r="1">{row}</row><row r="1048576"><c r="A1048576"><v>2</v></c></row></sheetData>'
    path = hf.write_book(tmp_path / "positional.xlsx", hf.Book([hf.Sheet("Inventory", body)]))
    info = inspect_xlsx(path, keep_heads=True)
    with pytest.raises(HostileFileError) as caught:
        check_sheet(path, info.sheets[0])
    assert caught.value.problems[0].code == "xlsx_huge_extent"


def test_r_right_after_the_previous_value_is_a_reference(tmp_path: Path) -> None:
    # t="n"r="XFD1048576" is not well-formed XML, but calamine reads the r and aborts.
    body = '<sheetData><row r="1"><c r="A1"><v>1</v></c><c t="n"r="XFD1048576"><v>2</v></c></row></sheetData>'
    path = hf.write_book(tmp_path / "glued.xlsx", hf.Book([hf.Sheet("Inventory", body)]))
    with pytest.raises(HostileFileError) as caught:
        check_sheet(path, inspect_xlsx(path).sheets[0])
    assert caught.value.problems[0].params["ref"] == "A1:XFD1048576"


# --- namespace prefixes: calamine reads tags by local name ------------------------------------------

_FAR_ROW = '<row r="1048576">{c}</row>'


@pytest.mark.parametrize(
    ("root", "far"),
    [
        ("", f'<y:c xmlns:y="{NS}" r="XFD1048576"><y:v>2</y:v></y:c>'),  # another prefix, same namespace
        ("", '<y:c r="XFD1048576"><y:v>2</y:v></y:c>'),  # an unbound prefix
        ("x:", '<c r="XFD1048576"><v>2</v></c>'),  # no prefix under a prefixed root
        ("x:", '<z:c r="XFD1048576"><z:v>2</z:v></z:c>'),
    ],
)
def test_a_far_cell_with_another_prefix_is_located(tmp_path: Path, root: str, far: str) -> None:
    # calamine aborts on each (it matches local names); the scanner before 2026-12 saw only the
    # root's prefix and let them through.
    p = root
    body = f'<{p}sheetData><{p}row r="1"><{p}c r="A1"><{p}v>1</{p}v></{p}c></{p}row>{_FAR_ROW.format(c=far)}'
    body = body.replace('<row r="1048576">', f'<{p}row r="1048576">').replace("</row>", f"</{p}row>")
    xmlns = f'xmlns:x="{NS}"' if p else f'xmlns="{NS}"'
    sheet = f"<{p}worksheet {xmlns}>{body}</{p}sheetData></{p}worksheet>".encode()
    chunks = [sheet]
    verdict = _verdict(_SheetScanner, chunks, XlsxLimits())
    assert verdict == [("xlsx_huge_extent", {"ref": "A1:XFD1048576", "cells": f"{16_384 * 1_048_576:,}",
                                             "limit": "20,000,000"}, "Sheet", "book.xlsx")]  # fmt: skip


def test_rows_with_another_prefix_count_for_cells_placed_by_position() -> None:
    # 1,048,575 rows calamine counts (<y:row/>) push the ref-less cells to row 1048576.
    rows = (
        '<row r="1"><c r="A1"><v>1</v></c></row>' + "<y:row/>" * 1_048_574 + "<row>" + "<c/>" * 20 + "</row>"
    )
    sheet = f'<worksheet xmlns="{NS}"><sheetData>{rows}</sheetData></worksheet>'.encode()
    verdict = _verdict(
        _SheetScanner, [sheet[i : i + 4 * 2**20] for i in range(0, len(sheet), 4 * 2**20)], XlsxLimits()
    )
    assert verdict[0][0] == "xlsx_huge_extent"
    assert verdict[0][1]["ref"] == "A1:T1048576"


def _zip_with_crafted_sheet(path: Path, parts: dict[str, bytes], sheet: str, deflated: bytes) -> Path:
    """A zip whose ``sheet`` member is the raw deflate stream ``deflated`` (the rest stored)."""
    out, central = bytearray(), bytearray()
    for name, data in parts.items():
        raw, method = (deflated, 8) if name == sheet else (data, 0)
        crc, enc = zlib.crc32(data), name.encode()
        sizes = (crc, len(raw), len(data))
        central += struct.pack(
            "<4s6H3I5H2I", b"PK\x01\x02", 20, 20, 0, method, 0, 0, *sizes, len(enc), 0, 0, 0, 0, 0, len(out)
        )
        central += enc
        out += struct.pack("<4s5H3I2H", b"PK\x03\x04", 20, 0, method, 0, 0, *sizes, len(enc), 0) + enc + raw
    end = struct.pack("<4s4H2IH", b"PK\x05\x06", 0, 0, len(parts), len(parts), len(central), len(out), 0)
    path.write_bytes(bytes(out + central + end))
    return path


def test_a_first_chunk_cut_in_the_root_tag_does_not_hide_the_prefix(tmp_path: Path) -> None:
    # A deflate stream can yield b"<x" alone first (then a megabyte of empty stored blocks). The
    # scanner before 2026-12 took the root's prefix from that first chunk as none, overlooked every
    # <x:c> and let a cell at XFD1048576 through (calamine aborts on it).
    cells = "".join(f'<x:c r="A{r}"><x:v>{r}</x:v></x:c>' for r in range(1, 60_001))
    far = '<x:row r="1048576"><x:c r="XFD1048576"><x:v>1</x:v></x:c></x:row>'
    xml = f'<x:worksheet xmlns:x="{NS}"><x:sheetData><x:row r="1">{cells}</x:row>{far}</x:sheetData></x:worksheet>'
    data = xml.encode()
    book = hf.write_book(tmp_path / "plain.xlsx", hf.Book([hf.Sheet("Inventory", hf.rows_xml([["a", 1]]))]))
    with zipfile.ZipFile(book) as zf:
        parts = {i.filename: zf.read(i.filename) for i in zf.infolist()}
    parts["xl/worksheets/sheet1.xml"] = data
    c = zlib.compressobj(9, zlib.DEFLATED, -15)
    head = c.compress(data[:2]) + c.flush(zlib.Z_SYNC_FLUSH)
    deflated = head + b"\x00\x00\x00\xff\xff" * 230_000 + c.compress(data[2:]) + c.flush()
    path = _zip_with_crafted_sheet(tmp_path / "cut_root.xlsx", parts, "xl/worksheets/sheet1.xml", deflated)
    with zipfile.ZipFile(path) as zf:
        assert zf.read("xl/worksheets/sheet1.xml") == data  # a valid zip, the same sheet
    info = inspect_xlsx(path, keep_heads=True)
    assert info.sheets[0].head is not None and info.sheets[0].head.chunks[0] == b"<x"  # alone
    with pytest.raises(HostileFileError) as caught:
        check_sheet(path, info.sheets[0])
    assert caught.value.problems[0].params["ref"] == "A1:XFD1048576"


# --- the guard's promise, on the spellings calamine accepts -----------------------------------------
# A model of where calamine puts cells: tags by local name (any prefix), attributes separated by any
# white space (or none after a quote), r= in either quote with white space around '=', column
# letters in either case; cells without r= follow the previous cell, rows without r= the previous
# row; a tag ends at the first '>' outside quotes; of two r= in a cell the last counts. Whatever the
# guard accepts, no modelled cell may lie beyond the bound it reports.

_ATTR = re.compile(r"""\s*([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')""")
_TAG = re.compile(r"<(?:[\w.-]+:)?(c|row)(?=[\s/>])")
_A1 = re.compile(r"([A-Za-z]{1,3})(\d{1,7})")


def _modelled_cells(xml: str) -> list[tuple[int, int]]:
    cells, row, col = [], 0, 0
    for tag in _TAG.finditer(xml):
        pos, r = tag.end(), None
        while m := _ATTR.match(xml, pos):
            pos = m.end()
            if m.group(1) == "r":
                r = m.group(2) if m.group(2) is not None else m.group(3)
        if tag.group(1) == "row":
            row, col = (int(r) if r and r.isdigit() else row + 1), 0
            continue
        ref = _A1.fullmatch(r or "")
        if ref:
            col = xlsx_guard.col_index(ref.group(1))
            cells.append((int(ref.group(2)), col))
        else:
            col += 1
            cells.append((max(row, 1), col))
    return cells


_SPACE = st.sampled_from([" ", " ", " ", "\t", "\n", "\r\n", "  "])
_FAR_REF = st.builds(
    lambda c, r, lower: (c.lower() if lower else c) + str(r),
    st.sampled_from(["A", "B", "Z", "AA", "XFD"]),
    st.sampled_from([1, 2, 99_999, 100_000, 1_048_576]),
    st.booleans(),
)


@st.composite
def _spelled_cell(draw: st.DrawFn, prefixes: list[str]) -> str:
    prefix = draw(st.sampled_from(prefixes))
    attrs = draw(
        st.lists(
            st.sampled_from(['t="n"', 's="1"', 'xr="ZZ9"', 'x:r="XFD9"', "cm='1'", 'x=">"', "x='<>'"]),
            max_size=2,
        )
    )
    # One r= or none, or (not well-formed XML, but calamine reads it) two or three.
    for ref in draw(
        st.sampled_from([0, 1, 1, 1, 2, 3]).flatmap(lambda n: st.lists(_FAR_REF, min_size=n, max_size=n))
    ):
        q = draw(st.sampled_from(['"', "'"]))
        eq = draw(st.sampled_from(["=", " =", "= ", " = "]))
        attrs.insert(draw(st.integers(0, len(attrs))), f"r{eq}{q}{ref}{q}")
    head = f"<{prefix}c"
    for a in attrs:
        glue = "" if head.endswith(('"', "'")) and draw(st.booleans()) else draw(_SPACE)
        head += glue + a
    return head + draw(st.sampled_from([f"><{prefix}v>1</{prefix}v></{prefix}c>", "/>"]))


@st.composite
def spelled_sheet(draw: st.DrawFn) -> bytes:
    root = draw(st.sampled_from(["", "x:"]))
    prefixes = [root, root, root, "", "y:"]
    rows = []
    for _ in range(draw(st.integers(1, 4))):
        p = draw(st.sampled_from(prefixes))
        r = draw(st.one_of(st.none(), st.sampled_from(["1", "2", "99999", "1048576"])))
        attr = "" if r is None else draw(_SPACE) + "r=" + draw(st.sampled_from(['"', "'"])).join(["", r, ""])
        if draw(st.integers(0, 5)) == 0:
            attr = ' x=">"' + attr  # calamine reads the tag to the first '>' outside quotes
        cells = "".join(draw(st.lists(_spelled_cell(prefixes), max_size=4)))
        rows.append(f"<{p}row{attr}>{cells}</{p}row>")
    xmlns = f'xmlns:x="{NS}" xmlns:y="{NS}"' if root else f'xmlns="{NS}" xmlns:y="{NS}"'
    return f"<{root}worksheet {xmlns}><{root}sheetData>{''.join(rows)}</{root}sheetData></{root}worksheet>".encode()


@settings(max_examples=500, deadline=None)
@given(data=spelled_sheet(), cuts=st.lists(st.integers(1, 400), max_size=3), small=st.booleans())
def test_no_accepted_cell_lies_beyond_the_reported_bound(data: bytes, cuts: list[int], small: bool) -> None:
    limits = XlsxLimits(max_sheet_cells=3_000_000) if small else XlsxLimits()
    verdict = _verdict(_SheetScanner, _chunks(data, cuts), limits)
    if isinstance(verdict, list):
        return  # refused
    for row, col in _modelled_cells(data.decode()):
        assert row <= verdict.max_row and col <= verdict.max_col, (row, col, verdict)


def test_looking_for_prefixed_tags_stays_linear_on_hostile_text() -> None:
    # Millions of ':c ' with no '<' before them (or one long name) must not make each colon search
    # back to the block's start: one pass, not one per colon.
    scanner = _SheetScanner("f", "s", "p", XlsxLimits())
    scanner._compile(b"")
    calls = {"n": 0, "bytes": 0}
    real_rfind = bytes.rfind

    class Counted(bytes):
        def rfind(self, sub: bytes, start: int = 0, end: int | None = None) -> int:  # type: ignore[override]
            calls["n"] += 1
            calls["bytes"] += (len(self) if end is None else end) - start
            return real_rfind(self, sub, start, len(self) if end is None else end)

    for text in (b"x" + b":c " * 200_000, b"<" + b"a" * 300_000 + b":x " + b":c " * 100_000):
        calls.update(n=0, bytes=0)
        assert not scanner._has_foreign_tag(Counted(text))
        assert calls["bytes"] <= len(text)  # every byte searched back over at most once
    assert scanner._has_foreign_tag(b"<a:b/>" + b":c " * 1_000 + b'<y:c r="A1"/>')


def test_a_single_quoted_row_number_at_a_block_end_places_the_next_cells() -> None:
    # The row opens at the end of one block (all its tags with r=) and its ref-less cells follow in
    # the next: they are in row 1048576, whatever quotes its r= has.
    first = (
        f'<worksheet xmlns="{NS}"><sheetData><row r="1"><c r="A1"><v>1</v></c></row><row r=\'1048576\'><x/>'
    )
    second = "<c><v>1</v></c>" * 30 + "</row></sheetData></worksheet>"
    verdict = _verdict(_SheetScanner, [first.encode(), second.encode()], XlsxLimits(max_sheet_cells=1_000))
    assert verdict[0][0] == "xlsx_huge_extent"
    assert verdict[0][1]["ref"] == "A1:B1048576"  # at the first of them


# --- cell tags calamine reads otherwise than the scanner: refused -------------------------------------

_SECOND_R = [
    '<c r="A1" r="XFD1048576">',
    '<c r="A1"\tr="XFD1048576">',
    "<c r=\"A1\"r='xfd1048576'>",  # glued after the quote, lower case
    '<c r="A1" r = "XFD1048576">',
    '<c r="A1" s="1" t="n" r="XFD1048576">',  # after the plain attributes
    '<c r="A1" t="n"\nr= \'XFD1048576\'>',
    "<c r = 'A1' r=\"XFD1048576\">",  # the first r= not plain either
    '<c r="A1" r="B1" r="XFD1048576">',
    '<c r="A1" r="XFD1048576"/>',
]
_GT_IN_VALUE = ['<c xr=">" r="XFD1048576">', '<c r="A1" t=">" r="XFD1048576">', '<c s="1>" r="XFD1048576">',
                "<c xr='a>b' r=\"XFD1048576\">", '<c xr="<" r="XFD1048576">', '<c r="A1" x="y>']  # fmt: skip
# fast: the fast pass refuses; exact: a wide near-cell bound sends the sheet to the exact pass first;
# walk: a ref-less cell sends it to the exact pass that places cells by position.
_PASSES = {
    "fast": ("", XlsxLimits()),
    "exact": ('<c r="ZZ1"><v>0</v></c>', XlsxLimits(max_sheet_cells=2_000_000)),
    "walk": ("<c><v>0</v></c>", XlsxLimits()),
}


def _sheet_with(tag: str, first_row: str, rows_before: int = 0) -> bytes:
    filler = "".join(
        f'<row r="{r}"><c r="A{r}" t="n"><v>{r}</v></c></row>' for r in range(2, rows_before + 2)
    )
    cell = tag if tag.endswith("/>") else tag + "<v>2</v></c>"
    return (
        f'<worksheet xmlns="{NS}"><sheetData><row r="1"><c r="A1"><v>1</v></c>{first_row}</row>{filler}'
        f'<row r="1048576">{cell}</row></sheetData></worksheet>'
    ).encode()


@pytest.mark.parametrize("tag", _SECOND_R + _GT_IN_VALUE)
@pytest.mark.parametrize("mode", sorted(_PASSES))
def test_a_second_r_or_a_gt_in_a_value_is_refused_at_every_chunk_cut(tag: str, mode: str) -> None:
    # calamine aborts on each of these (it reads the last r=, or the tag to the first '>' outside
    # quotes); the scanner before 2026-12 located A1 or nothing and let the file through.
    first_row, limits = _PASSES[mode]
    data = _sheet_with(tag, first_row)
    at = data.index(tag.encode())
    for cut in range(at - 2, at + len(tag) + 3):
        verdict = _verdict(_SheetScanner, _chunks(data, [cut]), limits)
        assert isinstance(verdict, list) and verdict[0][0] in {"xlsx_ambiguous_cell", "xlsx_huge_extent"}, cut
        if verdict[0][0] == "xlsx_huge_extent":  # the far ref was read (a cut kept the tags apart)
            assert verdict[0][1]["ref"] == "A1:XFD1048576"
        else:
            assert verdict[0][1]["tag"].startswith(tag[:2])


@pytest.mark.parametrize(
    ("tag", "shown"),
    [('<c r="A1" r="XFD1048576">', '<c r="A1" r=…'), ('<c xr=">" r="XFD1048576">', '<c xr=">…')],
)
def test_an_ambiguous_cell_first_in_a_later_block_is_refused(tag: str, shown: str) -> None:
    # 60,000 plain rows fill the first 4 MiB chunk; the ambiguous cell opens the next block.
    data = _sheet_with(tag, "", rows_before=60_000)
    at = data.index(tag.encode())
    assert at > 2 * 2**20
    verdict = _verdict(_SheetScanner, [data[:at], data[at:]], XlsxLimits())
    assert verdict[0][0] == "xlsx_ambiguous_cell"
    assert verdict[0][1] == {"tag": shown}  # the tag up to where it turns ambiguous


@pytest.mark.parametrize("row", ['<row x=">" r="1048576">', "<row x='<' r=\"1048576\">", '<row r="2" x=">'])
def test_a_gt_in_a_row_value_is_refused(row: str) -> None:
    # Rows count for cells placed by position: calamine puts the ref-less cell in row 1048576.
    rows = f'<row r="1"><c r="XFD1"><v>1</v></c></row>{row}<c><v>2</v></c></row>'
    data = f'<worksheet xmlns="{NS}"><sheetData>{rows}</sheetData></worksheet>'.encode()
    at = data.index(row.encode())
    for cut in range(at - 1, at + len(row) + 2):
        verdict = _verdict(_SheetScanner, _chunks(data, [cut]), XlsxLimits())
        assert isinstance(verdict, list) and verdict[0][0] == "xlsx_ambiguous_cell", (cut, verdict)


def test_a_second_r_in_a_row_is_read_as_calamine_reads_it() -> None:
    # calamine takes a row's first r= (unlike a cell's): so does the scanner, nothing is refused.
    rows = '<row r="2" r="1048576"><c><v>1</v></c></row>'
    data = f'<worksheet xmlns="{NS}"><sheetData>{rows}</sheetData></worksheet>'.encode()
    verdict = _verdict(_SheetScanner, [data], XlsxLimits())
    assert (verdict.max_row, verdict.max_col) == (2, 1)


@pytest.mark.parametrize(
    "tag",
    ['<c r="B2" s="3" t="s">', '<c r="B2" t="inlineStr">', '<c r="B2" s="12"/>', '<c r="B2" cm="1">',
     '<c r="B2" t="e" vm="1">', '<c r="AB2" s="1" t="n">', '<c r="B2" x="a\'b">', '<c r="B2" t="str" >'],
)  # fmt: skip
def test_ordinary_cells_of_every_shape_are_accepted(tag: str) -> None:
    # Plain shapes pass the fast path untouched; other writers' shapes (cm=, vm=, two-letter columns,
    # quotes in values) take the detailed way and are accepted there.
    data = _sheet_with(tag, "").replace(b"1048576", b"3")
    verdict = _verdict(_SheetScanner, [data], XlsxLimits())
    assert not isinstance(verdict, list), verdict
    assert verdict == _verdict(ReferenceSheetScanner, [data], XlsxLimits())


def test_an_open_quote_at_the_end_of_a_cut_short_part_is_no_ambiguity() -> None:
    # A part that ends inside a value is broken (every reader fails), not ambiguous: same verdict as before.
    data = f'<worksheet xmlns="{NS}"><sheetData><row r="1"><c r="A1" t="'.encode()
    assert _verdict(_SheetScanner, [data], XlsxLimits()) == _verdict(
        ReferenceSheetScanner, [data], XlsxLimits()
    )


_CALAMINE_CHILD = """
import resource, sys
resource.setrlimit(resource.RLIMIT_AS, (2 << 30, 2 << 30))
from python_calamine import CalamineWorkbook
CalamineWorkbook.from_path(sys.argv[1]).get_sheet_by_name("Inventory").to_python()
"""


@pytest.mark.parametrize(
    "maker", [hf.make_second_ref_in_a_cell, hf.make_gt_in_a_cell_value, hf.make_gt_in_a_row_value]
)
def test_calamine_really_aborts_on_the_refused_cells(tmp_path: Path, maker: Callable[[Path], Path]) -> None:
    # Why the refusal matters: calamine allocates the dense grid and the process dies of SIGABRT.
    path = maker(tmp_path)
    proc = subprocess.run([sys.executable, "-c", _CALAMINE_CHILD, str(path)], capture_output=True, timeout=60)
    assert proc.returncode == -signal.SIGABRT, proc.stderr[-500:]
    with pytest.raises(HostileFileError) as caught:
        check_sheet(path, inspect_xlsx(path).sheets[0])
    assert caught.value.problems[0].code == "xlsx_ambiguous_cell"
