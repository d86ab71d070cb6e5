"""The first door for every .xlsx the app reads: refuse hostile or broken files before a parser sees them.

:func:`inspect_xlsx` checks the container (size, zip structure, declared and real decompressed sizes,
DTDs in every XML part) and lists the sheets with their visibility; :func:`check_sheet` streams one
sheet part and refuses absurd dimensions, far-apart cells and huge merges, and lists formulas without
a cached value. :func:`guard_xlsx` does both for a whole workbook. Nothing here parses cell values:
the readers (openpyxl, python-calamine) do that afterwards, on a file this module has accepted.

Only stdlib, defusedxml and ``app.core.errors`` are imported, so the guard is cheap to run anywhere.

Findings that shaped the checks (openpyxl 3.1.5, python-calamine 0.9.1, defusedxml 0.7.1, CPython
3.11.7 with expat 2.5.0; every reader run in a subprocess with RLIMIT_AS = 2 GiB):

* openpyxl uses defusedxml when it is importable: ``openpyxl.xml.DEFUSEDXML`` is True and
  ``openpyxl.xml.functions.fromstring/iterparse`` are defusedxml's (lxml is not installed; with lxml
  openpyxl would use ``resolve_entities=False`` instead). A billion-laughs or XXE DTD in a sheet,
  sharedStrings.xml or styles.xml makes ``load_workbook`` raise ``ValueError("Unable to read
  workbook ...")`` caused by ``defusedxml.EntitiesForbidden`` - safe, but an unhelpful message.
  (With ``OPENPYXL_DEFUSEDXML=False`` expat's own amplification limit raises ``ParseError``.)
* python-calamine (quick-xml) never expands DTD entities: ``&lol9;`` / ``&xxe;`` in a sheet or in
  sharedStrings.xml raise ``CalamineError``-family ``XmlError: unrecognized entity``; a DTD in
  styles.xml is silently ignored.
* A ``<dimension ref="A1:XFD1048576"/>`` claim alone is harmless in calamine 0.9.1 (it reads the
  two real rows) and in openpyxl. But REAL cells at A1 and XFD1048576 (or 16,384 ref-less ``<c/>``
  in one row and a later row 1048576) make calamine's ``Range::from_sparse`` allocate the dense
  rectangle: "memory allocation of 549755813888 bytes failed", then SIGABRT of the whole process,
  with or without a memory limit. Hence :func:`check_sheet` bounds the real cell extent, not only
  the claim. openpyxl handles such a sheet (sparse storage) in 0.4 s.
* calamine (quick-xml) matches tags by local name whatever the prefix (bound or not), separates
  attributes by any white space or none after a quote, reads r= in either quote, with white space
  around '=' and in lower case, and ignores xr=/x:r=. Each spelling of a cell at XFD1048576
  aborts it as above; the scanner reads them all alike (tests/io/test_xlsx_guard_scanner.py).
  Of two r= in a cell (not well-formed XML) calamine mostly takes the last (with s= and t= between
  them once the first), of a row the first; quick-xml ends a tag at the first '>' outside quotes
  and takes '<' inside them, so <c xr=">" r="XFD1048576"> (well-formed) and <row x=">"
  r="1048576"> place cells where a scanner that stops at the first '>' does not look. Since
  2026-12 :func:`check_sheet` refuses such tags (``xlsx_ambiguous_cell``) instead of modelling
  each case: the fast path skips only whole plain start tags (``<c r="A1">`` with optional s= and
  t=, as Excel, openpyxl, XlsxWriter and LibreOffice write them); from the first other cell tag of
  a block on, and in every block of the exact pass, tags are read quote-aware for a second r= or
  a '<'/'>' in a value. Checking the whole tag costs ~1.2 ms per 3.4 MB of plain cells.
* A merge over A1:XFD1048576 is ignored by calamine, but openpyxl (normal mode) creates one
  MergedCell per covered cell: MemoryError after 23 s at 2 GiB (unbounded memory without a limit).
  Read-only mode ignores merges.
* A real 2 GiB zip bomb in a sheet part (2 MB on disk): calamine aborts the process after 8 s at
  2 GiB; openpyxl raises MemoryError after 12 s (``ZipFile.read`` inflates the whole part). A part
  whose header declares fewer bytes than it inflates to: calamine raises "File is larger than its
  declared uncompressed size", openpyxl ``BadZipFile: Bad CRC-32``. A header declaring 4 GB for a
  small part is read fine by both (so the refusal is our policy, cheap and before inflating).
* Speed of :func:`check_sheet` without formulas: 100,000 rows x 16 columns written by openpyxl
  (67 MB of XML, 6 MB zipped) 0.31 s; the generated 57 MB sheet of tests/io/hostile_files.py
  0.22-0.31 s, of which inflating takes 0.07 s. About 5 ms per MB of XML; sheets with formulas,
  far cells (beyond Z99999) or cells without r= refs take longer (detailed or second pass).
  Since 2026-12 (rare tags found by memchr, structure parts inflated once): inspect_xlsx +
  check_sheet of the 10,000-row BOM of benchmarks/bench_bom.py (3.4 MB of XML) 9.5 -> 7.0 ms, of
  which inflating is ~4 ms and the one remaining regex pass ~2.6 ms (benchmarks/bench_guard.py);
  with the whole-tag check (2026-12) 8.3 ms, the regex pass ~3.8 ms.
"""

from __future__ import annotations

import itertools
import posixpath
import re
import struct
import time
import zipfile
import zlib
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO
from xml.etree.ElementTree import Element, ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring as _safe_fromstring

from app.core.errors import HostileFileError, InputError
from app.core.messages import problem

MiB = 1 << 20
EXCEL_MAX_ROWS = 1_048_576
EXCEL_MAX_COLS = 16_384

_OLE2_MAGIC = bytes.fromhex("D0CF11E0A1B11AE1")
_ENCRYPTED_PACKAGE = "EncryptedPackage".encode("utf-16-le")
_OUT_CHUNK = 4 * MiB  # decompressed bytes handed to the scanner at a time
_IN_CHUNK = 1 * MiB
_XML_SUFFIXES = (".xml", ".rels", ".vml")
_OFFICE_DOC_REL = "/officeDocument"
_SHEET_KINDS = {"worksheet", "chartsheet", "dialogsheet", "macrosheet"}
_CELL_TAG_WINDOW = 1024  # bytes before an <f> in which its cell's start tag is looked for first


@dataclass(frozen=True, slots=True)
class XlsxLimits:
    """What a workbook may claim or contain before it is refused. All sizes are in bytes."""

    max_file_bytes: int = 200 * MiB
    max_total_uncompressed: int = 1024 * MiB
    max_part_uncompressed: int = 512 * MiB
    max_ratio: float = 200.0  # deflate of real XML stays well under 100:1; bombs reach ~1000:1
    ratio_min_bytes: int = 1 * MiB  # tiny parts (empty styles, blank rows) compress absurdly; let them be
    max_members: int = 10_000
    # calamine allocates the rectangle spanned by the cells densely (32 bytes a cell), so the
    # area cap is a memory cap: 20 M cells = 640 MB. Rows and columns are also capped at Excel's max.
    max_sheet_cells: int = 20_000_000
    max_sheet_rows: int = EXCEL_MAX_ROWS
    max_sheet_cols: int = EXCEL_MAX_COLS
    max_merged_cells: int = 1_000_000  # total area of a sheet's merges (openpyxl: one object a cell)
    max_uncached_listed: int = 1_000
    max_prolog_bytes: int = 64 * 1024  # a DTD may hide only before the root element
    max_cell_bytes: int = 8 * MiB  # Excel caps a cell at 32,767 characters


@dataclass(frozen=True, slots=True)
class SheetInfo:
    name: str
    state: str  # 'visible' | 'hidden' | 'veryHidden'
    part: str  # zip member, e.g. 'xl/worksheets/sheet1.xml'
    dimension: str | None = None  # the <dimension ref=...> claim, as written
    shape: tuple[int, int] | None = None  # (rows, cols) of the claim
    kind: str = "worksheet"  # or 'chartsheet', 'dialogsheet', 'macrosheet'
    # inspect_xlsx(keep_heads=True): the sheet's already decompressed head, so check_sheet does not
    # inflate it twice. Not part of the sheet's identity.
    head: _SheetHead | None = field(default=None, compare=False, repr=False)


@dataclass(frozen=True, slots=True)
class WorkbookInfo:
    file: str
    sheets: list[SheetInfo]

    def sheet(self, name: str) -> SheetInfo | None:
        """The sheet called ``name``, matched case-insensitively and ignoring surrounding spaces."""
        wanted = name.strip().casefold()
        return next((s for s in self.sheets if s.name.strip().casefold() == wanted), None)

    @property
    def hidden(self) -> list[SheetInfo]:
        return [s for s in self.sheets if s.state != "visible"]


@dataclass(frozen=True, slots=True)
class SheetScan:
    sheet: str
    dimension: str | None
    # No cell lies beyond (max_row, max_col). Exact when every cell had to be located; otherwise
    # the cells the fast path skipped count as reaching Z99999.
    max_row: int
    max_col: int
    merged_cells: int
    formulas: int
    uncached_formulas: list[str] = field(default_factory=list)  # A1 refs, at most max_uncached_listed
    uncached_truncated: bool = False  # more uncached formulas exist than are listed
    uncached_count: int = 0
    seconds: float = 0.0


@dataclass(frozen=True, slots=True)
class GuardedWorkbook:
    info: WorkbookInfo
    scans: dict[str, SheetScan]


# --- errors ----------------------------------------------------------------------------------------


def _hostile(
    file: str, code: str, params: Mapping[str, object] | None = None, sheet: str | None = None
) -> HostileFileError:
    return HostileFileError(problem(code, params, file=file, sheet=sheet))


def _broken(
    file: str, code: str, params: Mapping[str, object] | None = None, sheet: str | None = None
) -> InputError:
    return InputError(problem(code, params, file=file, sheet=sheet))


# --- A1 references ---------------------------------------------------------------------------------

_REF_RE = re.compile(r"^\$?([A-Za-z]{1,7})\$?(\d{1,10})$")


def col_index(letters: str) -> int:
    n = 0
    for ch in letters.upper():
        n = n * 26 + ord(ch) - 64
    return n


def col_letters(index: int) -> str:
    out = ""
    while index > 0:
        index, rem = divmod(index - 1, 26)
        out = chr(65 + rem) + out
    return out


def parse_range(ref: str) -> tuple[int, int] | None:
    """(rows, cols) spanned by 'A1' or 'A1:XFD1048576'; None if it is not a plain A1 range."""
    ends = ref.strip().split(":")
    if not 1 <= len(ends) <= 2:
        return None
    cells = [_REF_RE.match(e) for e in ends]
    if not all(cells):
        return None
    rows = [int(m.group(2)) for m in cells if m]
    cols = [col_index(m.group(1)) for m in cells if m]
    return max(rows) - min(rows) + 1, max(cols) - min(cols) + 1


# --- container checks ------------------------------------------------------------------------------


def _sniff_not_zip(path: Path, head: bytes, file: str) -> InputError:
    if head.startswith(_OLE2_MAGIC):
        if _file_contains(path, _ENCRYPTED_PACKAGE):
            return _broken(file, "xlsx_encrypted")
        return _broken(file, "xlsx_old_xls")
    if head.startswith(b"PK"):
        return _broken(file, "xlsx_truncated")
    return _broken(file, "xlsx_not_zip")


def _file_contains(path: Path, needle: bytes) -> bool:
    """Stream the (size-checked) file looking for ``needle``; chunks overlap so no match is missed."""
    tail = b""
    with path.open("rb") as fh:
        while chunk := fh.read(_IN_CHUNK):
            if needle in tail + chunk:
                return True
            tail = chunk[-len(needle) :]
    return False


def _check_end_record(fh: BinaryIO, size: int, limits: XlsxLimits, file: str) -> None:
    """Bound the central directory BEFORE zipfile builds one object per entry."""
    fh.seek(max(0, size - 22 - 65_535))
    tail = fh.read()
    pos = tail.rfind(b"PK\x05\x06")
    if pos < 0 or len(tail) - pos < 22:
        return  # zipfile will report the damage
    entries, cd_size = struct.unpack_from("<HI", tail, pos + 10)
    locator = tail.rfind(b"PK\x06\x07", 0, pos)
    if locator >= 0 and (entries == 0xFFFF or cd_size == 0xFFFFFFFF):
        (zip64_offset,) = struct.unpack_from("<Q", tail, locator + 8)
        fh.seek(zip64_offset)
        rec = fh.read(56)
        if rec[:4] == b"PK\x06\x06" and len(rec) == 56:
            entries, cd_size = struct.unpack_from("<QQ", rec, 32)
    if entries > limits.max_members or cd_size > limits.max_members * 1_100:
        raise _hostile(
            file, "xlsx_too_many_members", {"members": f"{entries:,}", "limit": f"{limits.max_members:,}"}
        )


def _check_members(infos: list[zipfile.ZipInfo], limits: XlsxLimits, file: str) -> None:
    """Refuse on the declared sizes alone, before anything is decompressed."""
    if len(infos) > limits.max_members:
        raise _hostile(
            file, "xlsx_too_many_members", {"members": f"{len(infos):,}", "limit": f"{limits.max_members:,}"}
        )
    seen: set[str] = set()
    total = 0
    for info in infos:
        name = info.filename
        if name.casefold() in seen:
            # Two readers could pick different copies: what we check must be what they read.
            raise _hostile(file, "xlsx_duplicate_member", {"name": name})
        seen.add(name.casefold())
        if info.flag_bits & 0x1:
            raise _broken(file, "xlsx_encrypted_zip")
        if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise _broken(file, "xlsx_compression", {"name": name})
        _check_member_size(info, limits, file)
        total += info.file_size
        if total > limits.max_total_uncompressed:
            raise _hostile(file, "xlsx_zip_bomb", {"limit_mb": f"{limits.max_total_uncompressed / MiB:,.0f}"})


def _check_member_size(info: zipfile.ZipInfo, limits: XlsxLimits, file: str) -> None:
    name, size, packed = info.filename, info.file_size, info.compress_size
    if size > limits.max_part_uncompressed:
        params = {"name": name, "size": f"{size:,}", "limit": f"{limits.max_part_uncompressed:,}"}
        raise _hostile(file, "xlsx_zip_bomb_part", params)
    if size > limits.ratio_min_bytes and size > packed * limits.max_ratio:
        params = {"name": name, "ratio": f"{size / max(packed, 1):,.0f}", "limit": f"{limits.max_ratio:,.0f}"}
        raise _hostile(file, "xlsx_zip_bomb_ratio", params)
    # Deflate never grows data by more than ~0.1 %: a bigger compressed size means the declared
    # uncompressed size is a lie meant to slip past the checks above.
    if packed > size + size // 100 + 1024 or (info.compress_type == zipfile.ZIP_STORED and packed != size):
        raise _hostile(file, "xlsx_forged_size", {"name": name, "size": f"{size:,}", "packed": f"{packed:,}"})


class _PartStream:
    """One member decompressed by us, never past its declared size (which the limits bounded).

    zipfile silently stops at the declared size; other readers (calamine's zip crate) do not, so a
    stream longer than declared is a forged header and refused here. The stream remembers where it
    is (file position, inflater, bytes produced), so it can stop after a head and later go on from
    there, even through another handle on the same file: the bytes and the budget checks are
    exactly those of one uninterrupted pass.
    """

    def __init__(self, fh: BinaryIO, info: zipfile.ZipInfo, limits: XlsxLimits, file: str) -> None:
        fh.seek(info.header_offset)
        local = fh.read(30)
        if len(local) < 30 or local[:4] != b"PK\x03\x04":
            raise _broken(file, "xlsx_bad_entry", {"name": info.filename})
        name_len, extra_len = struct.unpack_from("<HH", local, 26)
        self.info, self.file = info, file
        self.pos = info.header_offset + 30 + name_len + extra_len
        self.budget = min(info.file_size, limits.max_part_uncompressed)
        self.remaining = info.compress_size
        self.inflater = None if info.compress_type == zipfile.ZIP_STORED else zlib.decompressobj(-15)
        self.produced = 0
        self.finished = False  # inflated to its end and every check passed

    def chunks(self, fh: BinaryIO, stop_after: int | None = None) -> Iterator[bytes]:
        """Go on decompressing; ``stop_after`` pauses once that many bytes were produced in all."""
        inflater, name = self.inflater, self.info.filename
        while not (inflater is not None and inflater.eof) and (
            self.remaining > 0 or (inflater is not None and inflater.unconsumed_tail)
        ):
            if inflater is not None and inflater.unconsumed_tail:
                out = inflater.decompress(inflater.unconsumed_tail, _OUT_CHUNK)
            else:
                fh.seek(self.pos)
                data = fh.read(min(_IN_CHUNK, self.remaining))
                if not data:
                    raise _broken(self.file, "xlsx_cut_short", {"name": name})
                self.pos += len(data)
                self.remaining -= len(data)
                out = data if inflater is None else inflater.decompress(data, _OUT_CHUNK)
            self.produced += len(out)
            if self.produced > self.budget:
                raise _hostile(
                    self.file, "xlsx_inflates_past", {"name": name, "size": f"{self.info.file_size:,}"}
                )
            if out:
                yield out
            if stop_after is not None and self.produced >= stop_after:
                return
        if inflater is not None and not inflater.eof:
            raise _broken(self.file, "xlsx_cut_short", {"name": name})
        self.finished = True


def iter_part(
    fh: BinaryIO, info: zipfile.ZipInfo, limits: XlsxLimits, file: str, stop_after: int | None = None
) -> Iterator[bytes]:
    """Decompress one member (see :class:`_PartStream`); ``stop_after`` ends early."""
    yield from _PartStream(fh, info, limits, file).chunks(fh, stop_after)


def _read_part(fh: BinaryIO, info: zipfile.ZipInfo, limits: XlsxLimits, file: str) -> bytes:
    return b"".join(iter_part(fh, info, limits, file))


# --- XML prolog: the only place a DTD can be ---------------------------------------------------------

_ROOT_START = re.compile(rb"<[A-Za-z_]")
_DTD = re.compile(rb"<!(?:DOCTYPE|ENTITY)", re.IGNORECASE)


def _check_prolog(
    head: bytes, complete: bool, part: str, limits: XlsxLimits, file: str, sheet: str | None
) -> int:
    """Refuse a DTD before the root element; return where the root element starts.

    A document type declaration may only precede the root element (anywhere else the XML is not
    well-formed and parsers fail without expanding anything), so scanning the prolog is enough.
    """
    root = _ROOT_START.search(head)
    prolog = head if root is None else head[: root.start()]
    if _DTD.search(prolog):
        raise _hostile(file, "xlsx_xml_dtd", {"part": part}, sheet)
    if root is None and not complete and len(head) >= limits.max_prolog_bytes:
        raise _hostile(
            file, "xlsx_xml_prolog", {"part": part, "limit": f"{limits.max_prolog_bytes:,}"}, sheet
        )
    return -1 if root is None else root.start()


def _part_head(
    fh: BinaryIO, info: zipfile.ZipInfo, limits: XlsxLimits, file: str
) -> tuple[bytes, bool, _SheetHead]:
    stream = _PartStream(fh, info, limits, file)
    chunks = list(stream.chunks(fh, stop_after=limits.max_prolog_bytes))
    head = b"".join(chunks)
    return (
        head[: limits.max_prolog_bytes],
        info.file_size <= limits.max_prolog_bytes,
        _SheetHead(chunks, stream),
    )


class _SheetHead:
    """What :func:`inspect_xlsx` already decompressed of a sheet, for :func:`check_sheet` to go on from.

    Used once: the stream moves on as the scan reads it. Tied to the member it came from (offset,
    sizes, CRC) and to the file's size and modification time, so a changed file is read afresh.
    """

    __slots__ = ("chunks", "stamp", "stream")

    def __init__(self, chunks: list[bytes], stream: _PartStream) -> None:
        self.chunks: list[bytes] | None = chunks
        self.stream = stream
        self.stamp: tuple[object, ...] = ()

    def take(
        self, info: zipfile.ZipInfo, stamp: tuple[object, ...]
    ) -> tuple[list[bytes], _PartStream] | None:
        chunks, self.chunks = self.chunks, None
        if chunks is None or stamp != self.stamp or _member_key(info) != _member_key(self.stream.info):
            return None
        return chunks, self.stream


def _member_key(info: zipfile.ZipInfo) -> tuple[object, ...]:
    return (
        info.filename,
        info.header_offset,
        info.compress_size,
        info.file_size,
        info.CRC,
        info.compress_type,
    )


def _file_stamp(path: Path) -> tuple[object, ...]:
    st = path.stat()
    return (st.st_size, st.st_mtime_ns, st.st_ino, st.st_dev)


# --- workbook structure ------------------------------------------------------------------------------


def _parse_xml(data: bytes, part: str, file: str) -> Element:
    try:
        return _safe_fromstring(data, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except DefusedXmlException as exc:
        raise _hostile(file, "xlsx_xml_entity", {"part": part, "kind": type(exc).__name__}) from None
    except ParseError as exc:
        raise _broken(file, "xlsx_bad_xml", {"part": part, "reason": str(exc)}) from None


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _attr(el: Element, local_name: str) -> str | None:
    for key, value in el.attrib.items():
        if _local(key) == local_name:
            return value
    return None


def _rels(
    fh: BinaryIO, infos: dict[str, zipfile.ZipInfo], part: str, limits: XlsxLimits, file: str
) -> dict[str, tuple[str, str]]:
    """Relationship id -> (type, resolved target part) for ``part`` ('' for the package)."""
    base_dir, base_name = posixpath.split(part)
    rels_name = posixpath.join(base_dir, "_rels", base_name + ".rels")
    info = infos.get(rels_name)
    if info is None:
        return {}
    out: dict[str, tuple[str, str]] = {}
    for rel in _parse_xml(_read_part(fh, info, limits, file), rels_name, file).iter():
        if _local(rel.tag) != "Relationship" or rel.get("TargetMode") == "External":
            continue
        target = rel.get("Target", "")
        resolved = target.lstrip("/") if target.startswith("/") else posixpath.join(base_dir, target)
        out[rel.get("Id", "")] = (rel.get("Type", ""), posixpath.normpath(resolved))
    return out


def _workbook_part(fh: BinaryIO, infos: dict[str, zipfile.ZipInfo], limits: XlsxLimits, file: str) -> str:
    for rel_type, target in _rels(fh, infos, "", limits, file).values():
        if rel_type.endswith(_OFFICE_DOC_REL) and target in infos:
            return target
    if "xl/workbook.xml" in infos:
        return "xl/workbook.xml"
    if "xl/workbook.bin" in infos:
        raise _broken(file, "xlsx_xlsb")
    raise _broken(file, "xlsx_no_workbook")


def _list_sheets(
    fh: BinaryIO, infos: dict[str, zipfile.ZipInfo], limits: XlsxLimits, file: str
) -> list[SheetInfo]:
    wb_part = _workbook_part(fh, infos, limits, file)
    if wb_part.endswith(".bin"):
        raise _broken(file, "xlsx_xlsb")
    root = _parse_xml(_read_part(fh, infos[wb_part], limits, file), wb_part, file)
    rels = _rels(fh, infos, wb_part, limits, file)
    sheets: list[SheetInfo] = []
    for el in root.iter():
        if _local(el.tag) != "sheet":
            continue
        name = el.get("name", "")
        rel_type, target = rels.get(_attr(el, "id") or "", ("", ""))
        if target not in infos:
            raise _broken(file, "xlsx_no_sheet_part", {"sheet": name}, name)
        state = el.get("state", "visible")
        kind = rel_type.rsplit("/", 1)[-1]
        sheets.append(SheetInfo(name, state, target, kind=kind if kind in _SHEET_KINDS else "worksheet"))
    if not sheets:
        raise _broken(file, "xlsx_no_sheets")
    return sheets


_DIMENSION = re.compile(rb'<(?:[\w.-]+:)?dimension\b[^>]*?\bref="([^"]*)"')


def _with_dimension(sheet: SheetInfo, head: bytes, kept: _SheetHead | None) -> SheetInfo:
    m = _DIMENSION.search(head) if b"dimension" in head else None  # `in` is far quicker than the regex
    if not m:
        ref, shape = None, None
    else:
        ref = m.group(1).decode("ascii", "replace")
        shape = parse_range(ref)
    return SheetInfo(sheet.name, sheet.state, sheet.part, ref, shape, sheet.kind, kept)


# --- public entry points -----------------------------------------------------------------------------


def _open_checked(path: Path, limits: XlsxLimits) -> tuple[str, int]:
    file = path.name
    if not path.is_file():
        raise _broken(file, "file_not_found")
    size = path.stat().st_size
    if size == 0:
        raise _broken(file, "xlsx_empty")
    if size > limits.max_file_bytes:
        params = {"size_mb": f"{size / MiB:,.0f}", "limit_mb": f"{limits.max_file_bytes / MiB:,.0f}"}
        raise _broken(file, "xlsx_too_large", params)
    with path.open("rb") as fh:
        head = fh.read(8)
    if not zipfile.is_zipfile(path):
        raise _sniff_not_zip(path, head, file)
    return file, size


def _zip_infos(fh: BinaryIO, size: int, limits: XlsxLimits, file: str) -> dict[str, zipfile.ZipInfo]:
    _check_end_record(fh, size, limits, file)
    try:
        with zipfile.ZipFile(fh) as zf:
            infos = zf.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError, OSError) as exc:
        raise _broken(file, "xlsx_damaged", {"reason": str(exc)}) from None
    _check_members(infos, limits, file)
    return {i.filename: i for i in infos}


def inspect_xlsx(path: Path, limits: XlsxLimits = XlsxLimits(), keep_heads: bool = False) -> WorkbookInfo:
    """Check the container and list the sheets; raises HostileFileError or InputError.

    Reads only the declared sizes, the heads of the XML parts (for DTDs) and the small structure
    parts; sheets' cells are left to :func:`check_sheet`. With ``keep_heads`` each worksheet keeps
    its decompressed head (the first chunk, up to 4 MiB) so :func:`check_sheet` goes on from there.
    """
    path = Path(path)
    file, size = _open_checked(path, limits)
    stamp = _file_stamp(path) if keep_heads else ()
    with path.open("rb") as fh:
        infos = _zip_infos(fh, size, limits, file)
        heads: dict[str, bytes] = {}
        kept: dict[str, _SheetHead] = {}
        streams: dict[str, _PartStream] = {}
        for name, info in infos.items():
            if name.lower().endswith(_XML_SUFFIXES) and info.file_size:
                head, complete, state = _part_head(fh, info, limits, file)
                _check_prolog(head, complete, name, limits, file, None)
                heads[name] = head
                streams[name] = state.stream
                if keep_heads and "worksheets/" in name:
                    state.stamp = stamp
                    kept[name] = state
        _verify_small_parts(fh, infos, streams, limits, file)
        sheets = _list_sheets(fh, infos, limits, file)
    return WorkbookInfo(file, [_with_dimension(s, heads.get(s.part, b""), kept.get(s.part)) for s in sheets])


def _verify_small_parts(
    fh: BinaryIO,
    infos: dict[str, zipfile.ZipInfo],
    heads: dict[str, _PartStream],
    limits: XlsxLimits,
    file: str,
) -> None:
    """Inflate every non-sheet XML part to its end (bounded), so a forged size cannot pass to a reader.

    A part whose head was inflated goes on from there (``heads``): the same checks on the same
    bytes as a pass from the start, without inflating the head twice; most parts are whole already.
    """
    for name, info in infos.items():
        if name.lower().endswith(_XML_SUFFIXES) and "worksheets/" not in name:
            stream = heads.get(name) or _PartStream(fh, info, limits, file)
            for _ in stream.chunks(fh):
                pass


def check_sheet(path: Path, sheet: SheetInfo, limits: XlsxLimits = XlsxLimits()) -> SheetScan:
    """Stream one sheet part: refuse DTDs, absurd dimensions, far-apart cells and huge merges.

    Also lists formulas without a cached value (a reader sees them as empty cells).
    """
    path = Path(path)
    file, size = _open_checked(path, limits)
    started = time.perf_counter()
    with path.open("rb") as fh:
        infos = _zip_infos(fh, size, limits, file)
        info = infos.get(sheet.part)
        if info is None:
            raise _broken(file, "xlsx_part_missing", {"part": sheet.part}, sheet.name)
        resumed = None if sheet.head is None else sheet.head.take(info, _file_stamp(path))

        def scan(exact: bool, any_prefix: bool = False) -> _SheetScanner:
            return _scan(
                fh, info, file, sheet.name, limits, exact, None if exact else resumed, any_prefix=any_prefix
            )

        return _judge(scan, limits).result(time.perf_counter() - started)


def _judge(scan: Callable[..., _SheetScanner], limits: XlsxLimits) -> _SheetScanner:
    """The fast pass, then an exact pass when its bound or its cells call for one.

    ``scan(exact, any_prefix=False)`` scans the whole part afresh and returns the finished scanner.
    """
    any_prefix = False
    try:
        scanner = scan(False)
        rows, cols = scanner.extent_bound()
        exact = rows * cols > limits.max_sheet_cells  # near cells were only bounded: locate all
    except _NeedExact as need:
        exact, any_prefix = True, need.any_prefix
    if not exact:
        return scanner
    try:
        return scan(True, any_prefix=any_prefix)
    except _NeedExact:  # tags with a foreign prefix after all
        return scan(True, any_prefix=True)


def _scan(
    fh: BinaryIO,
    info: zipfile.ZipInfo,
    file: str,
    sheet: str,
    limits: XlsxLimits,
    exact: bool,
    resumed: tuple[list[bytes], _PartStream] | None = None,
    any_prefix: bool = False,
) -> _SheetScanner:
    scanner = _SheetScanner(file, sheet, info.filename, limits, exact=exact, any_prefix=any_prefix)
    if resumed is None:
        chunks: Iterator[bytes] = iter_part(fh, info, limits, file)
    else:  # the head inspect_xlsx inflated (and budget-checked), then the rest of the same stream
        head, stream = resumed
        chunks = itertools.chain(head, stream.chunks(fh))
    for chunk in chunks:
        scanner.feed(chunk)
    scanner.finish()
    return scanner


def guard_xlsx(
    path: Path, limits: XlsxLimits = XlsxLimits(), sheets: list[str] | None = None
) -> GuardedWorkbook:
    """:func:`inspect_xlsx` then :func:`check_sheet` for every worksheet (or only those named)."""
    info = inspect_xlsx(path, limits)
    wanted = None if sheets is None else {s.strip().casefold() for s in sheets}
    scans = {
        s.name: check_sheet(path, s, limits)
        for s in info.sheets
        if s.kind == "worksheet" and (wanted is None or s.name.strip().casefold() in wanted)
    }
    return GuardedWorkbook(info, scans)


# --- the sheet scanner -------------------------------------------------------------------------------


def _last_of(buf: bytes, *needles: bytes) -> int:
    """The last position of any of ``needles`` in ``buf`` (-1 if none), as ``max(buf.rfind(n))``.

    Looks in the tail first: a match there is later than any before it, so the whole buffer is
    searched only when the tail holds none (e.g. ``<c>`` never occurs in most sheets).
    """
    tail = max(0, len(buf) - _TAIL)
    last = max(buf.rfind(n, tail) for n in needles)
    return last if last >= 0 else max(buf.rfind(n) for n in needles)


_TAIL = 64 * 1024

# A literal that is rare in sheet XML is found fastest through one of its bytes that is rare too:
# bytes.find of one byte is memchr, which skips megabytes of cells at memory speed, while a regex or
# bytes.find of a literal starting with the ubiquitous '<' steps through the data byte by byte.
# Probing each hit costs about as much as stepping through ~0.5 KB, so probing goes on only while hits
# stay sparser than that (plus a few); then the byte-by-byte search takes over where probing stopped.
_PROBE_SLACK = 256  # the sheet's head (sheetPr, sheetFormatPr, cols ...) is dense in 'f' and 'm'
_PROBE_BYTES = 512


def _first_via_rare_byte(
    buf: bytes,
    literal: bytes,
    rare_at: int,
    accept: Callable[[int], object],
    fallback: Callable[[int], object],
) -> object:
    """``accept(at)`` for the first start ``at`` of ``literal`` in ``buf`` where it is truthy, else None.

    Exactly what ``fallback(0)`` returns, given that ``fallback(pos)`` finds the first truthy
    ``accept`` among the starts of ``literal`` at or after ``pos`` (e.g. a regex search whose every
    match starts with ``literal``). The starts are found through ``literal[rare_at]``.
    """
    byte = literal[rare_at : rare_at + 1]
    hit = buf.find(byte, rare_at)
    probes = 0
    while hit >= 0:
        at = hit - rare_at
        if probes > _PROBE_SLACK + hit // _PROBE_BYTES:
            return fallback(at)  # every start before ``at`` was probed
        probes += 1
        if buf.startswith(literal, at) and (found := accept(at)):
            return found
        hit = buf.find(byte, hit + 1)
    return None


_FORMULA_NEXT = (b" ", b">", b"/")  # the byte after <f in re_formula
# The byte after <c in a cell's start tag. XML separates attributes by any white space, and so does
# calamine: <c\tr="XFD1048576"> is a cell there (before 2026-12 the fast path took it for <cols>).
_CELL_NEXT = (b" ", b">", b"/", b"\t", b"\n", b"\r")
# An r= reference as XML and calamine read it: an attribute named r (after white space or, as
# calamine also takes it, right after the previous value's quote; xr= or x:r= are other attributes),
# white space around '=', either quote, column letters in either case. Before 2026-12 the scanner
# knew only r="XFD1048576": it placed r='xfd1048576' by position and took x:r="A1" for a reference.
_R_ATTR = rb"""(?<=[\s"'])r\s*=\s*(["'])"""
_ANY_REF = re.compile(_R_ATTR + rb"([A-Za-z]{0,7})(\d{1,10})\1")
_PREFIXED_TAG = re.compile(rb"<[\w.-]+:(?:c|row)[\s/>]")
_COLON_TAG = re.compile(rb":(?:c|row)[\s/>]")  # quicker than _PREFIXED_TAG.search: a 2-byte literal


class _PrefixedTagAt:
    """Whether the ':' at ``colon`` is that of a prefixed cell or row tag (``<y:c``, ``<y:row``).

    Asked for colons in increasing order. Linear in the buffer however hostile: the '<' before each
    colon is looked for only back to the previous colon, and each '<' is matched once.
    """

    __slots__ = ("buf", "checked", "floor", "lt")

    def __init__(self, buf: bytes) -> None:
        self.buf, self.lt, self.floor, self.checked = buf, -1, 0, -1

    def __call__(self, colon: int) -> bool:
        buf = self.buf
        if not buf.startswith((b"c", b"row"), colon + 1):
            return False  # spans="1:9", x14ac:dyDescent …: the usual colons, told apart cheaply
        lt = buf.rfind(b"<", self.floor, colon)
        if lt >= 0:
            self.lt = lt
        self.floor = colon
        if self.lt < 0 or self.lt == self.checked:
            return False  # no tag, or the same tag as for an earlier colon
        self.checked = self.lt
        return _PREFIXED_TAG.match(buf, self.lt) is not None


# The rest of a plain cell start tag after '<c': a near reference, then the style and type shapes
# writers produce (Excel, openpyxl, XlsxWriter, LibreOffice write r, s, t in this order), then the
# tag's end. The fast path skips only such tags. Few exact shapes, tried by their next byte: each
# costs per cell (sre ~25 ns), and cells of other shapes (cm=, vm=, ph=) take the detailed way.
_PLAIN_TAG_END = rb'"(?:>| t="[a-zA-Z]++">| s="[0-9]++"(?:>| t="[a-zA-Z]++">|/>)|/>)'
_PLAIN_CELL_REST = rb' r="[A-Z][0-9]{1,5}' + _PLAIN_TAG_END
_PLAIN_FAR_CELL_REST = rb' r="[A-Z]{1,3}[0-9]{1,7}' + _PLAIN_TAG_END  # unambiguous too
# A cell or row start tag the scanner and calamine may read differently, after its '<' and prefix:
# - a cell with two r= (calamine mostly takes the last, the scanner the first; not well-formed
#   XML; of a row both take the first), or
# - a '<' or '>' in a quoted value, or a quote left open up to one or to the end of a block that
#   is not the last: calamine (quick-xml) reads a tag to the first '>' outside quotes (well-formed
#   XML allows '>' in a value), the scanner to the first '>', so <c xr=">" r="XFD1048576"> was a
#   cell without r= to it and <row x=">" r="1048576"> a row without r=. (A block is cut at a '<',
#   so a '<' in a value could also split a tag between two blocks.)
# The tag is read by units (a run of plain bytes, or one quoted value), so an r= counts only
# outside values. Every unit is told apart by its first byte and the repeats are possessive: one
# pass, no backtracking, however hostile the tag.
_R_NAME = rb"""(?<=[\s"'])r\s*+=\s*+(?=["'])"""  # what _R_ATTR matches, up to the quote
_VALUE = rb"""(?:"[^"<>]*+"|'[^'<>]*+')"""
_UNITS = rb"""(?:[^<>"']++|""" + _VALUE + rb")*+"
_UNITS_BUT_R = rb"""(?:[^<>"'r]++|""" + _VALUE + rb"""|(?<![\s"'])r|r(?!\s*+=\s*+["']))*+"""


def _ambiguous_tag(open_value_ends: bytes) -> bytes:
    # Where the units stop at a quote, that value runs into a '<', a '>' or the end of the block.
    open_value = rb"""(?:"[^"<>]*+|'[^'<>]*+)""" + open_value_ends
    # Plain tags (of cells anywhere) are told apart first: far quicker than reading them by units.
    cell = (
        b"c(?!"
        + _PLAIN_FAR_CELL_REST
        + rb")\s"
        + _UNITS_BUT_R
        + b"(?:"
        + open_value
        + b"|"
        + _R_NAME
        + _UNITS_BUT_R
    )
    cell += b"(?:" + open_value + b"|" + _R_NAME + b"))"
    return b"(?:" + cell + rb"|row\s" + _UNITS + open_value + b")"


_AMBIGUOUS_TAG = _ambiguous_tag(rb"(?:[<>]|\Z)")
_AMBIGUOUS_LAST_TAG = _ambiguous_tag(b"[<>]")  # the part's last block: cut short, not split
_SHOWN_TAG_BYTES = 80

_FORMULA_REF = re.compile(rb'\br="([A-Z]{1,7}\d{1,10})"')


class _NeedExact(Exception):
    """The fast path met cells without r= references: scan again from the start, locating all.

    ``any_prefix``: it met cell or row tags with another namespace prefix than the root element's
    (calamine matches local names only), so the exact scan must read tags of every prefix.
    """

    def __init__(self, any_prefix: bool = False) -> None:
        super().__init__()
        self.any_prefix = any_prefix


class _SheetScanner:
    """Byte-level scan of a sheet part fed in chunks; no XML parser, no per-cell Python work.

    Blocks are cut so no cell element straddles two of them. The fast path is one C-level regex
    search per block for cell tags that are not plain near cells (see _PLAIN_CELL_REST), and memchr
    probes for the rare tags (dimension, mergeCell, f) through a byte of theirs that cells rarely
    contain; a block gets detailed treatment only when one hits (a formula, a merge, a cell that is
    far away, has no r= reference or is not plain: its tag may be ambiguous, see _AMBIGUOUS_TAG).
    Cells the fast path skips lie within A1:Z99999; if that bound times the far cells' extent could
    exceed the area cap, :func:`check_sheet` scans again with ``exact=True``, locating every cell.

    DTDs are looked for only in the prolog: anywhere else a DTD is not well-formed XML and every
    parser fails before expanding it.
    """

    def __init__(
        self,
        file: str,
        sheet: str,
        part: str,
        limits: XlsxLimits,
        exact: bool = False,
        any_prefix: bool = False,
    ) -> None:
        self.file, self.sheet, self.part, self.limits, self.exact = file, sheet, part, limits, exact
        self.any_prefix = any_prefix  # exact only: read cell and row tags of any namespace prefix
        self.carry = b""
        self.started = False
        self.first_block = True
        self.last_block = False
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
        self.formula_tag = b"<" + raw + b"f"  # + one of _FORMULA_NEXT: where re_formula matches
        self.merge_tag = b"<" + raw + b"mergeCell"  # in every re_merge match
        self.dimension_tag = b"<" + raw + b"dimension"  # where every re_dimension match starts
        self.re_merge = re.compile(b"<" + p + rb'mergeCell\b[^>]*?\bref="([^"]*)"')
        self.re_dimension = re.compile(b"<" + p + rb'dimension\b[^>]*?\bref="([^"]*)"')
        # Any '<c' that is not a near cell with r= first (A1:Z99999): far cells, ref-less cells,
        # other attribute orders, and non-cell tags like <cols> (filtered out afterwards).
        self.re_odd_cell = re.compile(b"<" + p + rb'c(?! r="[A-Z]\d{1,5}")')
        # Any '<c' that is not a whole plain cell start tag (a near cell as writers write it). Only
        # from the first such tag on can a cell tag be ambiguous (see _AMBIGUOUS_TAG).
        self.re_unplain_cell = re.compile(b"<" + p + b"c(?!" + _PLAIN_CELL_REST + b")")
        tag_start = rb"<(?:[\w.-]+:)?" if self.any_prefix else b"<" + p
        self.re_ambiguous = re.compile(tag_start + _AMBIGUOUS_TAG)
        self.re_ambiguous_last = re.compile(tag_start + _AMBIGUOUS_LAST_TAG)
        no_ref = rb"""(?:>|/>|\s(?:[^>r]|(?<![\s"'])r|r(?!\s*=))*>)"""  # no r attribute (_R_ATTR)
        self.re_refless = re.compile(b"<" + p + rb"(?:c|row)" + no_ref)
        self.re_refless_cell = re.compile(b"<" + p + rb"c" + no_ref)
        self.row_tag = b"<" + raw + b"row"
        self.re_refs = re.compile(b"<" + p + rb"c\s[^>]*?" + _R_ATTR + rb"([A-Za-z]{1,7})(\d{1,10})\1")
        self.re_token = re.compile(b"<" + p + rb"(row|c)(?=[\s/>])([^>]*)>")
        if self.any_prefix:
            self.re_token = re.compile(rb"<(?:[\w.-]+:)?(row|c)(?=[\s/>])([^>]*)>")
        # Cell or row tags with another prefix than the root's (see _has_foreign_tag).
        self.raw_prefix = raw
        self.re_foreign = (
            _PREFIXED_TAG
            if not raw
            else re.compile(b"<(?!" + p + rb"(?:c|row)[\s/>])(?:[\w.-]+:)?(?:c|row)[\s/>]")
        )
        self.re_last_row = re.compile(b"<" + p + rb"row\s[^>]*?" + _R_ATTR + rb"(\d{1,10})\1")
        self.re_value = re.compile(b"<" + p + rb"v>([^<]*)</" + p + rb"v>")

    # per block

    def _block(self, block: bytes) -> None:
        if not block:
            return
        if self.first_block:
            self.first_block = False
            if m := self._first_dimension(block):
                self._dimension(m.group(1).decode("ascii", "replace"))
        self._locate(block)
        if self._has_merge(block):  # _merges and _formulas find nothing in the other blocks
            self._merges(block)
        if self._has_formula(block):
            self._formulas(block)

    # Where the tags that need a closer look are, found through a byte of theirs that is rare
    # in cells: 'm' of dimension and mergeCell, 'f' of <f> (see _first_via_rare_byte).

    def _first_dimension(self, block: bytes) -> re.Match[bytes] | None:
        """``re_dimension.search(block)``."""
        tag, pattern = self.dimension_tag, self.re_dimension
        found = _first_via_rare_byte(
            block,
            tag,
            tag.rindex(b"m"),
            lambda at: pattern.match(block, at),
            lambda at: pattern.search(block, at),
        )
        return found if isinstance(found, re.Match) else None

    def _has_merge(self, block: bytes) -> bool:
        """Whether ``block`` holds ``<mergeCell`` (as every ``re_merge`` match does)."""
        tag = self.merge_tag
        return bool(
            _first_via_rare_byte(
                block, tag, tag.rindex(b"m"), lambda at: True, lambda at: block.find(tag, at) >= 0
            )
        )

    def _has_formula(self, block: bytes) -> bool:
        """``re_formula.search(block) is not None``."""
        tag, after = self.formula_tag, len(self.formula_tag)
        return bool(
            _first_via_rare_byte(
                block,
                tag,
                after - 1,
                lambda at: block[at + after : at + after + 1] in _FORMULA_NEXT,
                lambda at: self.re_formula.search(block, at),
            )
        )

    def _locate(self, block: bytes) -> None:
        if not self.any_prefix and self._has_foreign_tag(block):
            raise _NeedExact(any_prefix=True)
        if self.exact:
            self._refuse_ambiguous(block, 0)
            self._locate_exact(block)
            return
        self.unlocated = True
        plain_until = self._first_cell(self.re_unplain_cell, block, 0)
        if plain_until is None:
            return  # every cell here is a plain near cell (A1:Z99999)
        self._refuse_ambiguous(block, plain_until)
        odd = self._first_cell(self.re_odd_cell, block, plain_until)  # plain cells are not odd
        if odd is None:
            return  # every cell here is a near cell (A1:Z99999) with r= first
        if self.re_refless_cell.search(block, odd):
            raise _NeedExact  # cells placed by position need the row count from the very start
        self._locate_refs(block, odd)

    @staticmethod
    def _first_cell(pattern: re.Pattern[bytes], block: bytes, start: int) -> int | None:
        """Where the first match of ``pattern`` (``<c`` + …) from ``start`` is a cell tag; None if none is."""
        m = pattern.search(block, start)
        while m and block[m.end() : m.end() + 1] not in _CELL_NEXT:
            m = pattern.search(block, m.end())  # <cols>, <cfRule> …: not cells
        return None if m is None else m.start()

    def _refuse_ambiguous(self, block: bytes, start: int) -> None:
        """Refuse a cell or row tag from ``start`` on that calamine may read otherwise than the scanner."""
        m = (self.re_ambiguous_last if self.last_block else self.re_ambiguous).search(block, start)
        if m is None:
            return
        shown = block[m.start() : min(m.end(), m.start() + _SHOWN_TAG_BYTES)].decode("utf-8", "replace")
        raise self._hostile("xlsx_ambiguous_cell", {"tag": " ".join(shown.split()) + "…"})

    def _has_foreign_tag(self, block: bytes) -> bool:
        """Whether a cell or row tag with another prefix than the root's (``<y:c``, ``<y:row``) is here.

        calamine reads tags by their local name, whatever the prefix (bound or not): such cells
        count as much as the others. Without a root prefix they are found through their ':'.
        """
        if self.raw_prefix:
            return self.re_foreign.search(block) is not None
        at_tag = _PrefixedTagAt(block)
        return bool(
            _first_via_rare_byte(
                block,
                b":",
                0,
                at_tag,
                lambda at: any(at_tag(m.start()) for m in _COLON_TAG.finditer(block, at)),
            )
        )

    def _locate_exact(self, block: bytes) -> None:
        if self.any_prefix or self.re_refless.search(block):
            self._walk_positions(block)
            return
        self._locate_refs(block, 0)
        last = block.rfind(self.row_tag)
        if last >= 0 and (m := self.re_last_row.match(block, last)):
            self.cur_row = int(m.group(2))

    def _locate_refs(self, block: bytes, start: int) -> None:
        refs = self.re_refs.findall(block, start)
        if refs:
            rows = max(map(int, {r for _, _, r in refs}))
            cols = max(map(col_index, {c.decode() for _, c, _ in refs}))
            self._cell_at(rows, cols)
            self.cur_col = col_index(refs[-1][1].decode())

    def _walk_positions(self, block: bytes) -> None:
        for m in self.re_token.finditer(block):
            attrs = m.group(2)
            ref = _ANY_REF.search(attrs)
            if m.group(1) == b"row":
                self.cur_row = int(ref.group(3)) if ref else self.cur_row + 1
                self.cur_col = 0
            elif ref and ref.group(2):
                self._cell_at(int(ref.group(3)), col_index(ref.group(2).decode()))
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
        cell_starts = (self.c_open_sp, self.c_open_gt)
        for m in self.re_formula.finditer(block):
            f_start = m.start()
            # The cell's start tag is just before its <f>: look there first. Searching back to the
            # block start for every formula (b"<c>" is rarely present) made big sheets quadratic.
            # Usually the last '<' before <f> opens the cell: then it is the last cell start too.
            near = max(0, f_start - _CELL_TAG_WINDOW)
            start = block.rfind(b"<", near, f_start)
            if start < 0 or not block.startswith(cell_starts, start):
                start = max(
                    block.rfind(self.c_open_sp, near, f_start), block.rfind(self.c_open_gt, near, f_start)
                )
            if start < 0 < near:
                start = max(block.rfind(self.c_open_sp, 0, f_start), block.rfind(self.c_open_gt, 0, f_start))
            if start < 0:
                continue  # an <f> outside any cell is not a cell formula
            end = block.find(self.c_close, m.end())
            tag_end = block.find(b">", start)
            self.formulas += 1
            if self._has_cached_value(block, start, tag_end, len(block) if end < 0 else end):
                continue
            self.uncached_count += 1
            if len(self.uncached) < self.limits.max_uncached_listed:
                ref = _FORMULA_REF.search(block[start:tag_end])
                self.uncached.append(ref.group(1).decode() if ref else "?")

    def _has_cached_value(self, block: bytes, start: int, tag_end: int, end: int) -> bool:
        """Whether the cell with start tag ``block[start:tag_end]`` and body ``block[tag_end:end]`` has one."""
        if tag_end < 0:  # no '>' after the cell start: slice as the scanner always has
            v = self.re_value.search(block[tag_end:end])
        else:  # the same search, without copying the body
            v = self.re_value.search(block, tag_end, end)
        if v and v.group(1):
            return True
        # Excel stores a formula whose result is the empty text as t="str" with an empty <v></v>.
        return bool(v) and block.find(b't="str"', start, tag_end) >= 0

    def finish(self) -> None:
        if not self.started:
            self._start(self.carry[: self.limits.max_prolog_bytes], complete=True)
        self.last_block = True
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
