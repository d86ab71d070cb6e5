"""Generators for hostile and broken spreadsheet files, shared by the reader and CLI tests.

Every generator is ``make_<name>(dir: Path) -> Path``: it writes one small file into ``dir`` and
returns its path. Files are built from raw XML with :mod:`zipfile` so the attack is exactly what
the name says (openpyxl would refuse to write most of them). Only :func:`make_valid_openpyxl`
uses openpyxl, to prove the guard has no false positives on a real writer's output.
"""

from __future__ import annotations

import struct
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
CT_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
WORKSHEET_CT = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"
XML_DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'

BILLION_LAUGHS_DTD = (
    '<!DOCTYPE lolz [<!ENTITY lol "lol">'
    + "".join(
        f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">' for i in range(1, 10)
    )
    + "]>\n"
)
XXE_DTD = '<!DOCTYPE foo [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n'


@dataclass
class Sheet:
    name: str
    body: str = ""  # the XML between <worksheet ...> and </worksheet>
    state: str | None = None  # None (visible), "hidden" or "veryHidden"
    prolog: str = ""  # text between the XML declaration and the root element (a DTD …)


@dataclass
class Book:
    sheets: list[Sheet]
    shared_strings: list[str] = field(default_factory=list)
    shared_strings_prolog: str = ""
    shared_strings_body: str | None = None  # raw <sst> children, overrides shared_strings
    styles_prolog: str = ""


def cell(ref: str, value: object) -> str:
    if isinstance(value, (int, float)):
        return f'<c r="{ref}"><v>{value}</v></c>'
    return f'<c r="{ref}" t="inlineStr"><is><t>{value}</t></is></c>'


def rows_xml(rows: Iterable[Iterable[object]]) -> str:
    out = []
    for r, values in enumerate(rows, start=1):
        cells = "".join(cell(f"{chr(65 + c)}{r}", v) for c, v in enumerate(values) if v is not None)
        out.append(f'<row r="{r}">{cells}</row>')
    return "<sheetData>" + "".join(out) + "</sheetData>"


def write_book(path: Path, book: Book) -> Path:
    """Write a minimal but complete .xlsx package (what Excel and both readers accept)."""
    overrides = [
        '<Override PartName="/xl/workbook.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>',
        '<Override PartName="/xl/styles.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>',
        '<Override PartName="/xl/sharedStrings.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>',
    ]
    sheet_entries, rels = [], []
    for i, sh in enumerate(book.sheets, start=1):
        overrides.append(f'<Override PartName="/xl/worksheets/sheet{i}.xml" ContentType="{WORKSHEET_CT}"/>')
        state = f' state="{sh.state}"' if sh.state else ""
        sheet_entries.append(f'<sheet name="{sh.name}" sheetId="{i}"{state} r:id="rId{i}"/>')
        rels.append(f'<Relationship Id="rId{i}" Type="{REL_NS}/worksheet" Target="worksheets/sheet{i}.xml"/>')
    n = len(book.sheets)
    rels.append(f'<Relationship Id="rId{n + 1}" Type="{REL_NS}/styles" Target="styles.xml"/>')
    rels.append(f'<Relationship Id="rId{n + 2}" Type="{REL_NS}/sharedStrings" Target="sharedStrings.xml"/>')
    sst_body = book.shared_strings_body
    if sst_body is None:
        sst_body = "".join(f"<si><t>{s}</t></si>" for s in book.shared_strings)
    parts = {
        "[Content_Types].xml": (
            f'{XML_DECL}<Types xmlns="{CT_NS}">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>' + "".join(overrides) + "</Types>"
        ),
        "_rels/.rels": (
            f'{XML_DECL}<Relationships xmlns="{PKG_REL_NS}">'
            f'<Relationship Id="rId1" Type="{REL_NS}/officeDocument" Target="xl/workbook.xml"/>'
            "</Relationships>"
        ),
        "xl/workbook.xml": (
            f'{XML_DECL}<workbook xmlns="{MAIN_NS}" xmlns:r="{REL_NS}"><sheets>'
            + "".join(sheet_entries)
            + "</sheets></workbook>"
        ),
        "xl/_rels/workbook.xml.rels": (
            f'{XML_DECL}<Relationships xmlns="{PKG_REL_NS}">' + "".join(rels) + "</Relationships>"
        ),
        "xl/styles.xml": (
            f'{XML_DECL}{book.styles_prolog}<styleSheet xmlns="{MAIN_NS}">'
            '<fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts>'
            '<fills count="1"><fill><patternFill patternType="none"/></fill></fills>'
            '<borders count="1"><border/></borders>'
            '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
            '<cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs>'
            "</styleSheet>"
        ),
        "xl/sharedStrings.xml": (
            f'{XML_DECL}{book.shared_strings_prolog}<sst xmlns="{MAIN_NS}">{sst_body}</sst>'
        ),
    }
    for i, sh in enumerate(book.sheets, start=1):
        parts[f"xl/worksheets/sheet{i}.xml"] = (
            f'{XML_DECL}{sh.prolog}<worksheet xmlns="{MAIN_NS}" xmlns:r="{REL_NS}">{sh.body}</worksheet>'
        )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, text in parts.items():
            zf.writestr(name, text.encode("utf-8"))
    return path


def _one_sheet(dir: Path, file_name: str, body: str, *, prolog: str = "", name: str = "Inventory") -> Path:
    return write_book(dir / file_name, Book([Sheet(name, body, prolog=prolog)]))


# --- legit files -----------------------------------------------------------------------------------


def make_valid_minimal(dir: Path, file_name: str = "valid_minimal.xlsx") -> Path:
    body = '<dimension ref="A1:B2"/>' + rows_xml([["name", "quantity"], ["steel", 2.5]])
    return _one_sheet(dir, file_name, body)


def make_valid_study(dir: Path) -> Path:
    """A tiny study workbook as described in CONTRACTS.md section 2 (sheets Study and Inventory)."""
    study = [
        ["key", "value"],
        ["product_name", "Widget"],
        ["declared_unit", "1 piece"],
        ["boundary", "cradle-to-gate"],
        ["gwp_set", "AR6"],
    ]
    inventory = [
        ["line_id", "parent_id", "stage", "name", "quantity", "unit", "factor_value", "factor_unit"],
        ["1", None, "raw_materials", "steel sheet", 2.5, "kg", 1.9, "kg"],
        ["2", None, "production", "electricity", 3, "kWh", 0.58, "kWh"],
        ["3", None, "distribution", "truck", 2.5, "kg", 0.1, "t·km"],
    ]
    book = Book(
        [
            Sheet("Study", '<dimension ref="A1:B5"/>' + rows_xml(study)),
            Sheet("Inventory", '<dimension ref="A1:H4"/>' + rows_xml(inventory)),
        ]
    )
    return write_book(dir / "valid_study.xlsx", book)


def make_valid_openpyxl(dir: Path) -> Path:
    """A study workbook written by openpyxl, with a formula openpyxl leaves without cached value."""
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Study"
    ws.append(["key", "value"])
    ws.append(["product_name", "Widget 小部件"])
    ws.append(["declared_unit", "1 piece"])
    inv = wb.create_sheet("Inventory")
    inv.append(["line_id", "stage", "name", "quantity", "unit", "factor_value", "factor_unit"])
    inv.append([1, "raw_materials", "steel", 2.5, "kg", 1.9, "kg"])
    inv.append([2, "production", "electricity", 3, "度", 0.58, "kWh"])
    inv.merge_cells("I1:J2")  # a small merge must pass
    path = dir / "valid_openpyxl.xlsx"
    wb.save(path)
    return path


def make_valid_big(dir: Path, rows: int = 100_000, cols: int = 16) -> Path:
    """A legit large sheet (numbers and shared strings, no formulas) for the speed measurement."""
    last_col = chr(64 + cols)
    parts = [f'<dimension ref="A1:{last_col}{rows}"/><sheetData>']
    for r in range(1, rows + 1):
        cells = "".join(
            f'<c r="{chr(65 + c)}{r}"><v>{r * 16 + c}.25</v></c>'
            if c % 4
            else f'<c r="{chr(65 + c)}{r}" t="s"><v>{c // 4}</v></c>'
            for c in range(cols)
        )
        parts.append(f'<row r="{r}" spans="1:{cols}">{cells}</row>')
    parts.append("</sheetData>")
    book = Book([Sheet("Inventory", "".join(parts))], shared_strings=["a", "b", "c", "d"])
    return write_book(dir / "valid_big.xlsx", book)


# --- broken but not hostile ------------------------------------------------------------------------


def make_not_a_zip(dir: Path) -> Path:
    path = dir / "plain_text.xlsx"
    path.write_text("line_id,name,quantity\n1,steel,2.5\n", encoding="utf-8")
    return path


def _ole2(dir: Path, file_name: str, stream_name: str) -> Path:
    # An OLE2 compound file header followed by a directory entry name: enough for magic sniffing.
    header = bytes.fromhex("D0CF11E0A1B11AE1") + bytes(504)
    entry = stream_name.encode("utf-16-le").ljust(64, b"\0") + struct.pack("<H", 2 * (len(stream_name) + 1))
    path = dir / file_name
    path.write_bytes(header + entry.ljust(128, b"\0") + bytes(384))
    return path


def make_old_xls(dir: Path) -> Path:
    return _ole2(dir, "old_format.xlsx", "Workbook")


def make_encrypted_xlsx(dir: Path) -> Path:
    """Excel saves a password-protected .xlsx as an OLE2 container holding 'EncryptedPackage'."""
    return _ole2(dir, "password.xlsx", "EncryptedPackage")


def make_truncated_zip(dir: Path) -> Path:
    full = make_valid_study(dir).read_bytes()
    path = dir / "truncated.xlsx"
    path.write_bytes(full[: len(full) // 2])
    return path


def make_empty_file(dir: Path) -> Path:
    path = dir / "empty.xlsx"
    path.write_bytes(b"")
    return path


def make_zip_without_workbook(dir: Path) -> Path:
    path = dir / "no_workbook.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("word/document.xml", "<document/>")
    return path


# --- zip bombs -------------------------------------------------------------------------------------


def _patch_central_sizes(path: Path, member: str, *, file_size: int | None = None) -> None:
    """Rewrite a member's declared uncompressed size in the central directory (a lying header)."""
    data = bytearray(path.read_bytes())
    name = member.encode()
    pos = data.find(b"PK\x01\x02")
    while pos != -1:
        name_len = struct.unpack_from("<H", data, pos + 28)[0]
        if bytes(data[pos + 46 : pos + 46 + name_len]) == name:
            if file_size is not None:
                struct.pack_into("<I", data, pos + 24, file_size)
            path.write_bytes(bytes(data))
            return
        pos = data.find(b"PK\x01\x02", pos + 4)
    raise ValueError(f"{member} not found")


def make_zip_bomb_declared(dir: Path) -> Path:
    """A sheet whose zip header declares 4,000,000,000 bytes: refused before decompressing."""
    path = make_valid_minimal(dir, "bomb_declared.xlsx")
    _patch_central_sizes(path, "xl/worksheets/sheet1.xml", file_size=4_000_000_000)
    return path


def make_zip_bomb_lying(dir: Path, size: int = 256 * 1024 * 1024) -> Path:
    """sharedStrings.xml declares its compressed size as its size but inflates ~1000x more."""
    path = dir / "bomb_lying.xlsx"
    make_zip_bomb_real(dir, size=size, part="xl/sharedStrings.xml", file_name=path.name)
    with zipfile.ZipFile(path) as zf:
        compressed = zf.getinfo("xl/sharedStrings.xml").compress_size
    _patch_central_sizes(path, "xl/sharedStrings.xml", file_size=compressed)
    return path


def make_zip_bomb_real(
    dir: Path,
    size: int = 2 * 1024**3,
    part: str = "xl/worksheets/sheet1.xml",
    file_name: str = "bomb_real.xlsx",
) -> Path:
    """A real bomb: ``size`` bytes of blanks inside a valid sheet part, deflated about 1000:1 (~2 MB)."""
    base = make_valid_minimal(dir, f".{file_name}.base")
    path = dir / file_name
    chunk = b" " * (1 << 20)
    with (
        zipfile.ZipFile(base) as src,
        zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as zf,
    ):
        for info in src.infolist():
            if info.filename != part:
                zf.writestr(info.filename, src.read(info.filename))
                continue
            text = src.read(part)
            cut = text.index(b">", text.index(b"<", text.index(b"?>") + 2)) + 1  # after the root start tag
            with zf.open(part, "w", force_zip64=True) as out:
                out.write(text[:cut])
                for _ in range(size // len(chunk)):
                    out.write(chunk)  # whitespace keeps the XML well-formed
                out.write(text[cut:])
    base.unlink()
    return path


def make_many_members(dir: Path, count: int = 10_050) -> Path:
    path = make_valid_minimal(dir, "many_members.xlsx")
    with zipfile.ZipFile(path, "a", zipfile.ZIP_STORED) as zf:
        for i in range(count):
            zf.writestr(f"customXml/item{i}.bin", b"")
    return path


# --- XML entity attacks ----------------------------------------------------------------------------


def make_billion_laughs_sheet(dir: Path) -> Path:
    body = '<dimension ref="A1"/><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&lol9;</t></is></c></row></sheetData>'
    return _one_sheet(dir, "laughs_sheet.xlsx", body, prolog=BILLION_LAUGHS_DTD)


def make_billion_laughs_shared_strings(dir: Path) -> Path:
    body = '<dimension ref="A1"/><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c></row></sheetData>'
    book = Book(
        [Sheet("Inventory", body)],
        shared_strings_prolog=BILLION_LAUGHS_DTD,
        shared_strings_body="<si><t>&lol9;</t></si>",
    )
    return write_book(dir / "laughs_shared_strings.xlsx", book)


def make_xxe_sheet(dir: Path) -> Path:
    body = '<dimension ref="A1"/><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&xxe;</t></is></c></row></sheetData>'
    return _one_sheet(dir, "xxe_sheet.xlsx", body, prolog=XXE_DTD)


def make_xxe_styles(dir: Path) -> Path:
    book = Book([Sheet("Inventory", rows_xml([["a"]]))], styles_prolog=XXE_DTD)
    return write_book(dir / "xxe_styles.xlsx", book)


def make_doctype_after_long_comment(dir: Path) -> Path:
    """A DTD hidden after 200 KB of comment, past any 'first few KB' sniffing window."""
    prolog = "<!--" + "x" * 200_000 + "-->\n" + BILLION_LAUGHS_DTD
    body = '<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&lol9;</t></is></c></row></sheetData>'
    return _one_sheet(dir, "laughs_after_comment.xlsx", body, prolog=prolog)


# --- absurd dimensions -----------------------------------------------------------------------------


def make_huge_dimension(dir: Path) -> Path:
    body = '<dimension ref="A1:XFD1048576"/>' + rows_xml([["name", "quantity"], ["steel", 2.5]])
    return _one_sheet(dir, "huge_dimension.xlsx", body)


def make_far_apart_cells(dir: Path) -> Path:
    """A modest dimension claim, but real cells at A1 and XFD1048576 (a dense reader spans both)."""
    body = (
        '<dimension ref="A1:B2"/><sheetData><row r="1"><c r="A1"><v>1</v></c></row>'
        '<row r="1048576"><c r="XFD1048576"><v>2</v></c></row></sheetData>'
    )
    return _one_sheet(dir, "far_apart_cells.xlsx", body)


def _near_then(dir: Path, file_name: str, first_row: str, far_row: str) -> Path:
    """A sheet of a plain first row, then the row a hostile spelling hides from a naive scanner."""
    return _one_sheet(dir, file_name, f"<sheetData>{first_row}{far_row}</sheetData>")


_NEAR_ROW = '<row r="1"><c r="A1"><v>1</v></c></row>'


def make_far_cell_after_a_tab(dir: Path) -> Path:
    """A far cell whose r= follows a tab, not a space (white space XML and calamine accept)."""
    far = '<row r="1048576"><c\tr="XFD1048576"><v>2</v></c></row>'
    return _near_then(dir, "far_cell_after_a_tab.xlsx", _NEAR_ROW, far)


def make_second_ref_in_a_cell(dir: Path) -> Path:
    """A cell that starts as a near cell but has a second r= (calamine reads the last one)."""
    far = '<row r="1048576"><c r="A1048576" r="XFD1048576"><v>2</v></c></row>'
    return _near_then(dir, "second_ref_in_a_cell.xlsx", _NEAR_ROW, far)


def make_gt_in_a_cell_value(dir: Path) -> Path:
    """Well-formed XML: a '>' inside a value, which the scanner once took for the tag's end."""
    far = '<row r="1048576"><c xr=">" r="XFD1048576"><v>2</v></c></row>'
    return _near_then(dir, "gt_in_a_cell_value.xlsx", _NEAR_ROW, far)


def make_gt_in_a_row_value(dir: Path) -> Path:
    """Well-formed XML: a '>' in a row's value hid its r= from the scanner (ref-less cells follow)."""
    first = '<row r="1"><c r="XFD1"><v>1</v></c></row>'
    return _near_then(dir, "gt_in_a_row_value.xlsx", first, '<row x=">" r="1048576"><c><v>2</v></c></row>')


def make_far_cells_without_refs(dir: Path) -> Path:
    """Cells without r= attributes are placed by position: 16,384 of them make a row XFD wide."""
    wide = "<c/>" * 16_383 + "<c><v>1</v></c>"
    body = f'<sheetData><row>{wide}</row><row r="1048576"><c><v>2</v></c></row></sheetData>'
    return _one_sheet(dir, "far_cells_without_refs.xlsx", body)


def make_whole_sheet_merge(dir: Path) -> Path:
    body = (
        '<dimension ref="A1:B2"/>'
        + rows_xml([["name", "quantity"], ["steel", 2.5]])
        + '<mergeCells count="1"><mergeCell ref="A1:XFD1048576"/></mergeCells>'
    )
    return _one_sheet(dir, "whole_sheet_merge.xlsx", body)


# --- formulas and hidden sheets --------------------------------------------------------------------


def make_uncached_formula(dir: Path) -> Path:
    body = (
        '<dimension ref="A1:C2"/><sheetData>'
        '<row r="1"><c r="A1"><v>2</v></c><c r="B1"><v>3</v></c><c r="C1"><f>A1*B1</f></c></row>'
        '<row r="2"><c r="A2"><f>A1+1</f><v>3</v></c><c r="B2"><f>B1+1</f><v></v></c>'
        '<c r="C2" t="str"><f>"x"&amp;A1</f><v>x2</v></c></row>'
        "</sheetData>"
    )
    return _one_sheet(dir, "uncached_formula.xlsx", body)


def make_shared_formula_uncached(dir: Path) -> Path:
    rows = ['<row r="1"><c r="A1"><v>1</v></c><c r="B1"><f t="shared" ref="B1:B4" si="0">A1*2</f></c></row>']
    rows += [
        f'<row r="{r}"><c r="A{r}"><v>{r}</v></c><c r="B{r}"><f t="shared" si="0"/></c></row>' for r in (2, 3)
    ]
    rows.append('<row r="4"><c r="A4"><v>4</v></c><c r="B4"><f t="shared" si="0"/><v>8</v></c></row>')
    body = '<dimension ref="A1:B4"/><sheetData>' + "".join(rows) + "</sheetData>"
    return _one_sheet(dir, "shared_formula_uncached.xlsx", body)


def make_many_uncached_formulas(dir: Path, count: int = 1_500) -> Path:
    rows = "".join(f'<row r="{r}"><c r="A{r}"><f>ROW()</f></c></row>' for r in range(1, count + 1))
    return _one_sheet(
        dir, "many_uncached.xlsx", f'<dimension ref="A1:A{count}"/><sheetData>{rows}</sheetData>'
    )


def make_hidden_sheets(dir: Path) -> Path:
    book = Book(
        [
            Sheet("Study", rows_xml([["key", "value"], ["product_name", "Widget"]])),
            Sheet("Inventory", rows_xml([["line_id"], [1]]), state="hidden"),
            Sheet("Factors", rows_xml([["factor_id"], ["F1"]]), state="veryHidden"),
        ]
    )
    return write_book(dir / "hidden_sheets.xlsx", book)


def make_prefixed_namespace(dir: Path) -> Path:
    """Some .NET writers use a prefixed main namespace (<x:worksheet>, <x:c>, <x:f>)."""
    body = (
        '<x:dimension ref="A1:B1"/><x:sheetData><x:row r="1"><x:c r="A1"><x:v>1</x:v></x:c>'
        '<x:c r="B1"><x:f>A1*2</x:f></x:c></x:row></x:sheetData>'
    )
    path = _one_sheet(dir, "prefixed.xlsx", body)
    text_in = f'<worksheet xmlns="{MAIN_NS}" xmlns:r="{REL_NS}">'.encode()
    text_out = f'<x:worksheet xmlns:x="{MAIN_NS}" xmlns:r="{REL_NS}">'.encode()
    with zipfile.ZipFile(path) as zf:
        parts = {i.filename: zf.read(i.filename) for i in zf.infolist()}
    sheet = (
        parts["xl/worksheets/sheet1.xml"]
        .replace(text_in, text_out)
        .replace(b"</worksheet>", b"</x:worksheet>")
    )
    parts["xl/worksheets/sheet1.xml"] = sheet
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in parts.items():
            zf.writestr(name, data)
    return path


#: Every hostile generator with the exception class the guard must raise (by name, to keep this
#: module free of app imports so CLI tests can use it in a subprocess too).
HOSTILE = {
    "zip_bomb_declared": (make_zip_bomb_declared, "HostileFileError"),
    "zip_bomb_lying": (make_zip_bomb_lying, "HostileFileError"),
    "many_members": (make_many_members, "HostileFileError"),
    "billion_laughs_sheet": (make_billion_laughs_sheet, "HostileFileError"),
    "billion_laughs_shared_strings": (make_billion_laughs_shared_strings, "HostileFileError"),
    "xxe_sheet": (make_xxe_sheet, "HostileFileError"),
    "xxe_styles": (make_xxe_styles, "HostileFileError"),
    "doctype_after_long_comment": (make_doctype_after_long_comment, "HostileFileError"),
    "huge_dimension": (make_huge_dimension, "HostileFileError"),
    "far_apart_cells": (make_far_apart_cells, "HostileFileError"),
    "far_cells_without_refs": (make_far_cells_without_refs, "HostileFileError"),
    "far_cell_after_a_tab": (make_far_cell_after_a_tab, "HostileFileError"),
    "second_ref_in_a_cell": (make_second_ref_in_a_cell, "HostileFileError"),
    "gt_in_a_cell_value": (make_gt_in_a_cell_value, "HostileFileError"),
    "gt_in_a_row_value": (make_gt_in_a_row_value, "HostileFileError"),
    "whole_sheet_merge": (make_whole_sheet_merge, "HostileFileError"),
}

BROKEN = {
    "not_a_zip": (make_not_a_zip, "InputError"),
    "old_xls": (make_old_xls, "InputError"),
    "encrypted_xlsx": (make_encrypted_xlsx, "InputError"),
    "truncated_zip": (make_truncated_zip, "InputError"),
    "empty_file": (make_empty_file, "InputError"),
    "zip_without_workbook": (make_zip_without_workbook, "InputError"),
}
