"""CSV exports of ERPs: which encoding, which separator, which decimal sign.

Encoding, in this order (first match wins):

1. a byte-order mark: UTF-8 (``EF BB BF``), UTF-16 LE/BE (``FF FE`` / ``FE FF``);
2. the NUL pattern of BOM-less UTF-16: ASCII text in UTF-16 has a NUL in every other byte;
3. strict UTF-8 — valid UTF-8 is never decoded as GB18030 (a UTF-8 Chinese text also happens
   to be valid GB18030 bytes, so the order matters);
4. GB18030, the superset of GBK/GB2312 that Chinese Excel and Kingdee/Yonyou write by default.

Anything else is refused with a message rather than decoded with replacement characters.

Separator: ``;``, ``,``, tab or ``|`` — the one that splits the sample lines into the same number
(> 1) of fields most consistently. Decimal comma: only with ``;`` (or tab) as separator, and only
when numbers with a decimal comma (``1,5``) occur and none with a decimal point (``1.5``).
"""

from __future__ import annotations

import csv
import io
import re
from collections import Counter
from dataclasses import dataclass

from app.core.errors import HostileFileError, InputError
from app.core.messages import problem

MAX_CSV_BYTES = 100 * 2**20
MAX_CSV_ROWS = 1_048_576
MAX_CSV_COLS = 2_000
MAX_FIELD_CHARS = 32_767  # Excel's cap on one cell
_SAMPLE_LINES = 60
_SEPARATORS = (";", ",", "\t", "|")
_LINE_ENDS = re.compile(r"\r\n|\r|\n")


@dataclass(frozen=True, slots=True)
class CsvText:
    text: str
    encoding: str  # "utf-8", "utf-8-sig", "utf-16-le", "utf-16-be", "gb18030"


def _utf16_by_nuls(data: bytes) -> str | None:
    sample = data[:4096]
    if len(sample) < 4:
        return None
    even = sample[0::2].count(0)
    odd = sample[1::2].count(0)
    half = len(sample) // 2
    if odd > 0.3 * half and even < 0.05 * half:
        return "utf-16-le"
    if even > 0.3 * half and odd < 0.05 * half:
        return "utf-16-be"
    return None


def decode_csv(data: bytes, file: str) -> CsvText:
    """Decode CSV bytes by the rules above; raises InputError when no rule fits."""
    if data.startswith(b"\xef\xbb\xbf"):
        return CsvText(_strict(data[3:], "utf-8", file), "utf-8-sig")
    if data.startswith(b"\xff\xfe"):
        return CsvText(_strict(data[2:], "utf-16-le", file), "utf-16-le")
    if data.startswith(b"\xfe\xff"):
        return CsvText(_strict(data[2:], "utf-16-be", file), "utf-16-be")
    by_nuls = _utf16_by_nuls(data)
    if by_nuls:
        return CsvText(_strict(data, by_nuls, file), by_nuls)
    if b"\x00" in data:
        raise InputError(problem("bom.csv_binary", file=file))
    try:
        return CsvText(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return CsvText(data.decode("gb18030"), "gb18030")
    except UnicodeDecodeError as exc:
        raise InputError(problem("bom.csv_encoding", {"position": exc.start}, file=file)) from None


def _strict(data: bytes, encoding: str, file: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        bad = {"encoding": encoding.upper(), "position": exc.start}
        raise InputError(problem("bom.csv_bad_encoding", bad, file=file)) from None


def detect_separator(lines: list[str]) -> str:
    """The separator that splits the sample into a constant number (> 1) of fields most often."""
    best, best_score = ",", (-1.0, 0)
    sample = [line for line in lines if line.strip()][:_SAMPLE_LINES]
    if not sample:
        return ","
    for sep in _SEPARATORS:
        counts = [len(row) for row in csv.reader(sample, delimiter=sep)]
        if not counts:
            continue
        mode, freq = Counter(counts).most_common(1)[0]
        if mode < 2:
            continue
        score = (freq / len(counts), mode)
        if score > best_score:
            best, best_score = sep, score
    return best


_COMMA_DECIMAL = re.compile(r"^[+-]?(?:\d{1,3}(?:\.\d{3})+|\d+),\d+%?$")
_POINT_DECIMAL = re.compile(r"^[+-]?\d*\.\d+%?$")
_POINT_GROUPS = re.compile(r"^[+-]?\d{1,3}(?:\.\d{3})+$")


def uses_decimal_comma(rows: list[list[str]], delimiter: str) -> bool:
    """True when the file writes numbers with a decimal comma (and never with a decimal point)."""
    if delimiter == ",":
        return False  # with ',' as separator a decimal comma would need quotes; refuse it per cell
    comma = point = 0
    for row in rows[:5000]:
        for cell in row:
            s = cell.strip()
            if not s or len(s) > 24:
                continue
            if _COMMA_DECIMAL.match(s):
                comma += 1
            elif _POINT_DECIMAL.match(s) and not _POINT_GROUPS.match(s):
                point += 1
    return comma > 0 and point == 0


def split_csv(text: str, file: str) -> tuple[list[list[str]], str, bool]:
    """(rows, separator, decimal comma?) of decoded CSV text; caps rows, columns and cell size."""
    # Split the sample only at real line ends, as csv does (str.splitlines also splits at \f, \v …).
    delimiter = detect_separator(_LINE_ENDS.split(text[: 256 * 1024])[: _SAMPLE_LINES * 4])
    csv.field_size_limit(MAX_FIELD_CHARS + 1)
    rows: list[list[str]] = []
    try:
        for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter):
            if len(rows) >= MAX_CSV_ROWS:
                raise HostileFileError(
                    problem("bom.csv_too_many_rows", {"rows": f"{MAX_CSV_ROWS:,}"}, file=file)
                )
            if len(row) > MAX_CSV_COLS:
                fields = {"row": len(rows) + 1, "fields": f"{len(row):,}", "limit": f"{MAX_CSV_COLS:,}"}
                raise HostileFileError(
                    problem("bom.csv_too_many_columns", fields, file=file, row=len(rows) + 1)
                )
            rows.append(row)
    except csv.Error as exc:
        near = {"row": len(rows) + 1, "reason": str(exc)}
        raise InputError(problem("bom.csv_malformed", near, file=file, row=len(rows) + 1)) from None
    return rows, delimiter, uses_decimal_comma(rows, delimiter)
