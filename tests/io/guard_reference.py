"""The xlsx guard's sheet scanner as it was before it was made cheaper per byte (commit 2d3708d).

Kept verbatim (only renamed) as the reference for the differential test in
test_xlsx_guard_scanner.py: the fast scanner must reach exactly the same verdicts.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from app.core.errors import HostileFileError
from app.io.xlsx_guard import (
    _CELL_TAG_WINDOW,
    _ROOT_START,
    MiB,
    SheetScan,
    XlsxLimits,
    _check_prolog,
    _hostile,
    _NeedExact,
    col_index,
    col_letters,
    parse_range,
)


def _last_of(buf: bytes, *needles: bytes) -> int:
    """The last position of any of ``needles`` in ``buf`` (-1 if none), as ``max(buf.rfind(n))``.

    Looks in the tail first: a match there is later than any before it, so the whole buffer is
    searched only when the tail holds none (e.g. ``<c>`` never occurs in most sheets).
    """
    tail = max(0, len(buf) - _TAIL)
    last = max(buf.rfind(n, tail) for n in needles)
    return last if last >= 0 else max(buf.rfind(n) for n in needles)


_TAIL = 64 * 1024


class ReferenceSheetScanner:
    """Byte-level scan of a sheet part fed in chunks; no XML parser, no per-cell Python work.

    Blocks are cut so no cell element straddles two of them. The fast path is four C-level regex
    searches per block; a block gets detailed treatment only when one hits (a formula, a merge, a
    cell or row that is far away or has no r= reference). Cells the fast path skips lie within
    A1:Z99999; if that bound times the far cells' extent could exceed the area cap, :func:`check_sheet`
    scans again with ``exact=True``, locating every cell.

    DTDs are looked for only in the prolog: anywhere else a DTD is not well-formed XML and every
    parser fails before expanding it.
    """

    def __init__(self, file: str, sheet: str, part: str, limits: XlsxLimits, exact: bool = False) -> None:
        self.file, self.sheet, self.part, self.limits, self.exact = file, sheet, part, limits, exact
        self.carry = b""
        self.started = False
        self.first_block = True
        self.dimension: str | None = None
        self.max_row = self.max_col = 0  # over the cells located exactly
        self.unlocated = False  # some cells were only bounded to A1:Z99999
        self.cur_row = self.cur_col = 0  # the last cell's position, to place cells without r=
        self.merged = 0
        self.formulas = 0
        self.uncached: list[str] = []
        self.uncached_count = 0

    # chunking

    def feed(self, chunk: bytes) -> None:
        buf = self.carry + chunk
        if not self.started:
            if len(buf) < self.limits.max_prolog_bytes and _ROOT_START.search(buf) is None:
                self.carry = buf
                return
            self._start(buf[: self.limits.max_prolog_bytes], complete=False)
        cut = self._cut(buf)
        self.carry = buf[cut:]
        if len(self.carry) > self.limits.max_cell_bytes:
            raise self._hostile("xlsx_huge_cell", {"limit_mb": self.limits.max_cell_bytes // MiB})
        self._block(buf[:cut])

    def _cut(self, buf: bytes) -> int:
        # A safe cut lies outside any cell and any tag: at the start of the last cell if it is
        # still open, else at the last '<' after the last complete cell.
        start = _last_of(buf, self.c_open_sp, self.c_open_gt)
        end = _last_of(buf, self.c_close)
        if start > end:
            gt = buf.find(b">", start)
            if gt < 0 or buf[gt - 1 : gt] != b"/":
                return start
            after = gt + 1
        else:
            after = end + len(self.c_close) if end >= 0 else 0
        return max(after, _last_of(buf, b"<"))

    def _start(self, head: bytes, complete: bool) -> None:
        root = _check_prolog(head, complete, self.part, self.limits, self.file, self.sheet)
        m = re.match(rb"<([\w.-]+:)?", head[root:]) if root >= 0 else None
        self._compile(m.group(1) if m and m.group(1) else b"")
        self.started = True

    def _compile(self, raw: bytes) -> None:
        p = re.escape(raw)
        self.c_open_sp, self.c_open_gt, self.c_close = (
            b"<" + raw + b"c ",
            b"<" + raw + b"c>",
            b"</" + raw + b"c>",
        )
        self.re_formula = re.compile(b"<" + p + rb"f[ >/]")
        self.re_merge = re.compile(b"<" + p + rb'mergeCell\b[^>]*?\bref="([^"]*)"')
        self.re_dimension = re.compile(b"<" + p + rb'dimension\b[^>]*?\bref="([^"]*)"')
        # Any '<c' that is not a near cell with r= first (A1:Z99999): far cells, ref-less cells,
        # other attribute orders, and non-cell tags like <cols> (filtered out afterwards).
        self.re_odd_cell = re.compile(b"<" + p + rb'c(?! r="[A-Z]\d{1,5}")')
        no_ref = rb'(?:>|/>|\s(?:[^>r]|r(?!="))*>)'
        self.re_refless = re.compile(b"<" + p + rb"(?:c|row)" + no_ref)
        self.re_refless_cell = re.compile(b"<" + p + rb"c" + no_ref)
        self.row_tag = b"<" + raw + b"row"
        self.merge_tag = raw + b"mergeCell"
        self.re_refs = re.compile(b"<" + p + rb'c\s[^>]*?\br="([A-Z]{1,7})(\d{1,10})"')
        self.re_token = re.compile(b"<" + p + rb"(row|c)(?=[\s/>])([^>]*)>")
        self.re_last_row = re.compile(b"<" + p + rb'row\s[^>]*?\br="(\d{1,10})"')
        self.re_value = re.compile(b"<" + p + rb"v>([^<]*)</" + p + rb"v>")

    # per block

    def _block(self, block: bytes) -> None:
        if not block:
            return
        if self.first_block:
            self.first_block = False
            if m := self.re_dimension.search(block):
                self._dimension(m.group(1).decode("ascii", "replace"))
        self._locate(block)
        if self.merge_tag in block:
            self._merges(block)
        if self.re_formula.search(block):
            self._formulas(block)

    def _locate(self, block: bytes) -> None:
        if self.exact:
            self._locate_exact(block)
            return
        odd = self.re_odd_cell.search(block)
        while odd and block[odd.end() : odd.end() + 1] not in (b" ", b">", b"/"):
            odd = self.re_odd_cell.search(block, odd.end())  # <cols>, <cfRule> …: not cells
        self.unlocated = True
        if odd is None:
            return  # every cell here is a near cell (A1:Z99999) with r= first
        if self.re_refless_cell.search(block, odd.start()):
            raise _NeedExact  # cells placed by position need the row count from the very start
        self._locate_refs(block, odd.start())

    def _locate_exact(self, block: bytes) -> None:
        if self.re_refless.search(block):
            self._walk_positions(block)
            return
        self._locate_refs(block, 0)
        last = block.rfind(self.row_tag)
        if last >= 0 and (m := self.re_last_row.match(block, last)):
            self.cur_row = int(m.group(1))

    def _locate_refs(self, block: bytes, start: int) -> None:
        refs = self.re_refs.findall(block, start)
        if refs:
            rows = max(map(int, {r for _, r in refs}))
            cols = max(map(col_index, {c.decode() for c, _ in refs}))
            self._cell_at(rows, cols)
            self.cur_col = col_index(refs[-1][0].decode())

    def _walk_positions(self, block: bytes) -> None:
        for m in self.re_token.finditer(block):
            attrs = m.group(2)
            ref = re.search(rb'\br="([A-Z]{0,7})(\d{1,10})"', attrs)
            if m.group(1) == b"row":
                self.cur_row = int(ref.group(2)) if ref else self.cur_row + 1
                self.cur_col = 0
            elif ref and ref.group(1):
                self._cell_at(int(ref.group(2)), col_index(ref.group(1).decode()))
            else:
                self._cell_at(max(self.cur_row, 1), self.cur_col + 1)

    def _cell_at(self, row: int, col: int) -> None:
        self.cur_col = col
        if row > self.max_row or col > self.max_col:
            self.max_row, self.max_col = max(self.max_row, row), max(self.max_col, col)
            self._check_extent(self.max_row, self.max_col)

    def _check_extent(self, rows: int, cols: int) -> None:
        lim = self.limits
        if rows > lim.max_sheet_rows or cols > lim.max_sheet_cols or rows * cols > lim.max_sheet_cells:
            params = {
                "ref": f"A1:{col_letters(cols)}{rows}",
                "cells": f"{rows * cols:,}",
                "limit": f"{lim.max_sheet_cells:,}",
            }
            raise self._hostile("xlsx_huge_extent", params)

    def extent_bound(self) -> tuple[int, int]:
        """(rows, cols) no cell lies beyond; exact unless the fast path skipped near cells."""
        if not self.unlocated:
            return self.max_row, self.max_col
        return max(self.max_row, 99_999), max(self.max_col, 26)

    def _dimension(self, ref: str) -> None:
        self.dimension = ref
        shape = parse_range(ref)
        if shape is None:
            return
        rows, cols = shape
        lim = self.limits
        if rows * cols > lim.max_sheet_cells or rows > lim.max_sheet_rows or cols > lim.max_sheet_cols:
            params = {"ref": ref, "cells": f"{rows * cols:,}", "limit": f"{lim.max_sheet_cells:,}"}
            raise self._hostile("xlsx_huge_dimension", params)

    def _merges(self, block: bytes) -> None:
        for m in self.re_merge.finditer(block):
            ref = m.group(1).decode("ascii", "replace")
            shape = parse_range(ref)
            if shape is None:
                continue
            self.merged += shape[0] * shape[1]
            if self.merged > self.limits.max_merged_cells:
                params = {
                    "ref": ref,
                    "cells": f"{shape[0] * shape[1]:,}",
                    "limit": f"{self.limits.max_merged_cells:,}",
                }
                raise self._hostile("xlsx_huge_merge", params)

    def _formulas(self, block: bytes) -> None:
        for m in self.re_formula.finditer(block):
            # The cell's start tag is just before its <f>: look there first. Searching back to the
            # block start for every formula (b"<c>" is rarely present) made big sheets quadratic.
            near = max(0, m.start() - _CELL_TAG_WINDOW)
            start = max(
                block.rfind(self.c_open_sp, near, m.start()), block.rfind(self.c_open_gt, near, m.start())
            )
            if start < 0 < near:
                start = max(
                    block.rfind(self.c_open_sp, 0, m.start()), block.rfind(self.c_open_gt, 0, m.start())
                )
            if start < 0:
                continue  # an <f> outside any cell is not a cell formula
            end = block.find(self.c_close, m.end())
            tag_end = block.find(b">", start)
            start_tag, body = block[start:tag_end], block[tag_end : len(block) if end < 0 else end]
            self.formulas += 1
            if self._has_cached_value(start_tag, body):
                continue
            self.uncached_count += 1
            if len(self.uncached) < self.limits.max_uncached_listed:
                ref = re.search(rb'\br="([A-Z]{1,7}\d{1,10})"', start_tag)
                self.uncached.append(ref.group(1).decode() if ref else "?")

    def _has_cached_value(self, start_tag: bytes, body: bytes) -> bool:
        v = self.re_value.search(body)
        if v and v.group(1):
            return True
        # Excel stores a formula whose result is the empty text as t="str" with an empty <v></v>.
        return bool(v) and b't="str"' in start_tag

    def finish(self) -> None:
        if not self.started:
            self._start(self.carry[: self.limits.max_prolog_bytes], complete=True)
        self._block(self.carry)
        self.carry = b""

    def result(self, seconds: float) -> SheetScan:
        rows, cols = self.extent_bound()
        return SheetScan(
            sheet=self.sheet,
            dimension=self.dimension,
            max_row=rows,
            max_col=cols,
            merged_cells=self.merged,
            formulas=self.formulas,
            uncached_formulas=list(self.uncached),
            uncached_truncated=self.uncached_count > len(self.uncached),
            uncached_count=self.uncached_count,
            seconds=seconds,
        )

    def _hostile(self, code: str, params: Mapping[str, object] | None = None) -> HostileFileError:
        return _hostile(self.file, code, params, self.sheet)
