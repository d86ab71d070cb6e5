"""Find the header of a BOM export and suggest which column holds what.

ERP exports put title rows, print dates and merged group headers above the real header, and some
split the header over two rows (``用量`` over ``分子 | 分母``). :func:`detect_header` scores the
first rows by how many known column names they hold (English and Chinese aliases below), takes
the best one, and joins the row above or below when that explains more columns (merged cells are
spread over the columns they cover first). :func:`suggest_mapping` then assigns each field to at
most one column, best confidence first: 1.0 for an exact alias, 0.7 when an alias is part of the
header text, 0.6 for a column recognised by its values (``.1``/``..2`` levels).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from app.core.units import is_known_unit, parse_unit
from app.io.study_workbook import column_letter

Cell = object

HEADER_SCAN_ROWS = 40


@dataclass(frozen=True, slots=True)
class BomField:
    key: str
    label_en: str
    label_zh: str
    aliases: tuple[str, ...]
    used: bool = True  # False: recognised only so that its header is not mistaken for another field


def _f(key: str, en: str, zh: str, aliases: str, used: bool = True) -> BomField:
    return BomField(key, en, zh, tuple(aliases.split()), used)


# Aliases are compared after NFKC, case folding and removing spaces and punctuation.
FIELDS: tuple[BomField, ...] = (
    _f("code", "Material code", "物料编码",
       "物料编码 物料代码 子项物料编码 子项物料代码 子项编码 子件编码 子件物料编码 物料号 料号 存货编码 存货代码 零件号 "
       "组件 编码 代码 material materialnumber materialcode materialno component componentnumber itemcode "
       "itemnumber partnumber partno part"),
    _f("name", "Material name", "物料名称",
       "物料名称 子项物料名称 子项名称 子件名称 存货名称 名称 品名 零件名称 description materialdescription "
       "componentdescription objectdescription itemname itemdescription name partname"),
    _f("spec", "Specification", "规格型号", "规格型号 规格 型号 子项规格型号 specification spec model size"),
    _f("unit", "Unit", "单位",
       "单位 计量单位 基本单位 子项单位 子件单位 用量单位 主计量单位 uom unit baseunit baseunitofmeasure componentuom "
       "componentunit un bun unitofmeasure"),
    _f("quantity", "Quantity (per parent)", "用量",
       "用量 数量 子项用量 子件用量 用量分子 单位用量 标准用量 定额用量 基本用量 quantity qty componentquantity compqty "
       "compquantity quantityperparent"),
    _f("quantity_base", "Quantity per (denominator)", "用量分母", "用量分母 分母 denominator perquantity"),
    _f("loss_rate", "Loss rate", "损耗率",
       "损耗率 损耗 耗损率 变动损耗率 scrap componentscrap scraprate lossrate loss scrappercent"),
    _f("net_weight", "Net weight", "净重", "净重 单位净重 单重 netweight netwt"),
    _f("gross_weight", "Gross weight", "毛重", "毛重 单位毛重 grossweight grosswt"),
    _f("weight_unit", "Weight unit", "重量单位", "重量单位 weightunit wun unitofweight"),
    _f("level", "Level", "层级", "层级 级次 bom层次 层次 bom级次 阶层 阶次 level explosionlevel lvl bomlevel"),
    _f("parent_code", "Parent code", "父项编码",
       "父项编码 父项物料编码 父项代码 父件编码 上级物料 上级编码 母件编码 parent parentmaterial parentcode parentitem "
       "assembly parentpart"),
    _f("parent_name", "Parent name", "父项名称", "父项名称 父项物料名称 父件名称 parentname", used=False),
    _f("parent_quantity", "Parent quantity", "父项数量", "父项数量 父件数量 basequantity", used=False),
    _f("seq", "Row number", "序号", "序号 行号 项次 no itemno pos position", used=False),
)  # fmt: skip

FIELD_BY_KEY = {f.key: f for f in FIELDS}
USED_FIELDS = tuple(f.key for f in FIELDS if f.used)

_BRACKETS = re.compile(r"[(（\[【]([^)）\]】]*)[)）\]】]")
_STRIP = re.compile(r"[\s._\-:：*#'\"“”‘’,，;；]+")


def _norm(text: str) -> str:
    return _STRIP.sub("", text)


_ALIASES: dict[str, str] = {}
for _f in FIELDS:
    for _a in _f.aliases:
        _ALIASES.setdefault(_norm(unicodedata.normalize("NFKC", _a).casefold()), _f.key)
_ALIASES_BY_LENGTH = sorted(_ALIASES.items(), key=lambda kv: -len(kv[0]))
# Aliases that may match inside a longer header: Chinese from two characters, Latin from four.
_SUBSTRING_ALIASES = [
    (a, k)
    for a, k in _ALIASES_BY_LENGTH
    if len(a) >= (2 if any("\u3400" <= ch <= "\u9fff" for ch in a) else 4)
]


@dataclass(frozen=True, slots=True)
class HeaderText:
    """One header cell taken apart: the name, a unit named in brackets, a percent marker."""

    display: str
    name: str  # normalised for matching
    unit_hint: str | None
    percent: bool


def parse_header_text(text: str) -> HeaderText:
    raw = unicodedata.normalize("NFKC", text).strip()
    folded = raw.casefold()
    unit_hint: str | None = None
    percent = "%" in folded
    for hint in _BRACKETS.findall(folded):
        h = hint.strip()
        if h in ("%", "％"):
            percent = True
        elif h and is_known_unit(h):
            unit_hint = parse_unit(h).code
    name = _norm(_BRACKETS.sub("", folded).replace("%", ""))
    return HeaderText(raw, name, unit_hint, percent)


@lru_cache(maxsize=8192)
def match_field(text: str) -> tuple[str | None, float]:
    """(field key, confidence) that a header names; (None, 0) when it names none."""
    header = parse_header_text(text)
    best: tuple[str | None, float] = (None, 0.0)
    parts = [header.name] + [_norm(p) for p in re.split(r"[/|]", header.name) if p]
    for part in parts:
        if not part:
            continue
        key = _ALIASES.get(part)
        if key is not None:
            return key, 1.0
        if best[1] < 0.7:
            for alias, k in _SUBSTRING_ALIASES:
                if alias in part:
                    best = (k, 0.7)
                    break
    return best


def cell_text(value: Cell) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    return str(value)


_NUMBERISH = re.compile(r"^[+-]?[\d.,\s%]+$")


def _is_numberish(value: Cell) -> bool:
    if isinstance(value, bool):
        return False
    if isinstance(value, int | float):
        return True
    return (
        isinstance(value, str) and bool(_NUMBERISH.match(value.strip())) and any(c.isdigit() for c in value)
    )


@dataclass(frozen=True, slots=True)
class ColumnGuess:
    index: int  # 0-based
    letter: str
    header: str  # the combined header text as shown
    field: str | None
    confidence: float
    unit_hint: str | None = None
    percent: bool = False


@dataclass(frozen=True, slots=True)
class HeaderGuess:
    first_row: int  # 0-based, inclusive
    last_row: int
    columns: tuple[ColumnGuess, ...]
    confidence: float  # of the header row as a whole (0..1)

    @property
    def data_start(self) -> int:
        return self.last_row + 1

    def mapping(self) -> dict[str, int]:
        """field key → column index of the mapped (used) fields."""
        return {c.field: c.index for c in self.columns if c.field in USED_FIELDS}

    def column(self, index: int) -> ColumnGuess | None:
        return next((c for c in self.columns if c.index == index), None)


def _spread_merges(rows: list[list[Cell]], merges, first: int, last: int) -> dict[tuple[int, int], str]:
    """Text of header cells with each merge's value spread over every cell it covers."""
    texts: dict[tuple[int, int], str] = {}
    for r in range(first, last + 1):
        for c, value in enumerate(rows[r]):
            t = cell_text(value)
            if t:
                texts[(r, c)] = t
    for r0, c0, r1, c1 in merges:
        if r1 < first or r0 > last:
            continue
        value = texts.get((r0, c0))
        if not value or (c1 - c0) > 200:
            continue
        for r in range(max(r0, first), min(r1, last) + 1):
            for c in range(c0, c1 + 1):
                texts.setdefault((r, c), value)
    return texts


def _columns(
    rows: list[list[Cell]], merges, first: int, last: int
) -> list[tuple[int, str, str | None, float]]:
    texts = _spread_merges(rows, merges, first, last)
    width = max((c for _, c in texts), default=-1) + 1
    out = []
    for c in range(width):
        parts: list[str] = []
        for r in range(first, last + 1):
            t = texts.get((r, c))
            if t and t not in parts:
                parts.append(t)
        if not parts:
            continue
        candidates = [" ".join(parts), parts[-1], *parts[:-1]] if len(parts) > 1 else parts
        best: tuple[str | None, float] = (None, 0.0)
        for i, text in enumerate(candidates):
            key, conf = match_field(text)
            conf -= 0.01 * i  # the combined text first, then the lowest row
            if key is not None and conf > best[1]:
                best = (key, conf)
        out.append((c, " ".join(parts), best[0], max(best[1], 0.0)))
    return out


def _score(cols: list[tuple[int, str, str | None, float]]) -> float:
    best: dict[str, float] = {}
    for _, _, key, conf in cols:
        if key is not None:
            best[key] = max(best.get(key, 0.0), conf)
    return sum(best.values())


def _row_is_header_like(row: list[Cell]) -> bool:
    filled = [v for v in row if cell_text(v)]
    return bool(filled) and not any(_is_numberish(v) for v in filled)


def detect_header(
    rows: list[list[Cell]], merges=(), header_row: int | None = None, scan_rows: int = HEADER_SCAN_ROWS
) -> HeaderGuess | None:
    """The header rows and column suggestions; ``header_row`` (0-based) fixes the main row."""
    if header_row is not None:
        if not 0 <= header_row < len(rows):
            return None
        candidates = [header_row]
    else:
        candidates = list(range(min(scan_rows, len(rows))))
    best_row, best_score = -1, 0.0
    for r in candidates:
        score = _score(_columns(rows, merges, r, r))
        if score > best_score + 1e-9:
            best_row, best_score = r, score
    if best_row < 0 or (header_row is None and best_score < 1.9):
        return None
    first = last = best_row
    if best_row > 0 and _row_is_header_like(rows[best_row - 1]):
        combined = _score(_columns(rows, merges, best_row - 1, best_row))
        if combined > best_score + 1e-9:
            first, best_score = best_row - 1, combined
    if last + 1 < len(rows) and _row_is_header_like(rows[last + 1]):
        combined = _score(_columns(rows, merges, first, last + 1))
        if combined > best_score + 1e-9:
            last, best_score = last + 1, combined
    cols = _columns(rows, merges, first, last)
    data = rows[last + 1 : last + 201]
    return HeaderGuess(first, last, _assign(cols, data, first, last, rows), min(1.0, best_score / 5.0))


_LEVEL_TEXT = re.compile(r"^[.*]+\d*$|^[.*]*\d+$")


def _looks_like_levels(values: list[Cell]) -> bool:
    texts = [cell_text(v) for v in values if cell_text(v)]
    return (
        len(texts) >= 2 and all(_LEVEL_TEXT.match(t) for t in texts) and any(t.startswith(".") for t in texts)
    )


def _assign(
    cols, data: list[list[Cell]], first: int, last: int, rows: list[list[Cell]]
) -> tuple[ColumnGuess, ...]:
    """One column per field, best confidence first (earlier column on a tie)."""
    order = sorted(range(len(cols)), key=lambda i: (-cols[i][3], cols[i][0]))
    taken: set[str] = set()
    fields: dict[int, tuple[str | None, float]] = {}
    for i in order:
        c, _, key, conf = cols[i]
        if key is not None and key not in taken:
            taken.add(key)
            fields[c] = (key, conf)
        else:
            fields[c] = (None, 0.0)
    if "level" not in taken:  # SAP explosion levels have no standard header text
        for c, _, _, _ in cols:
            if fields[c][0] is None and _looks_like_levels([r[c] for r in data if c < len(r)]):
                fields[c] = ("level", 0.6)
                break
    out = []
    for c, display, _, _ in cols:
        key, conf = fields[c]
        header = parse_header_text(display)
        out.append(
            ColumnGuess(c, column_letter(c), display, key, round(conf, 2), header.unit_hint, header.percent)
        )
    return tuple(out)


def with_mapping(guess: HeaderGuess, mapping: dict[str, int | None]) -> HeaderGuess:
    """A copy with the fields the user set (field → column index, or None to unmap)."""
    by_column = {c.field: c.index for c in guess.columns if c.field}
    for key, index in mapping.items():
        if index is None:
            by_column.pop(key, None)
        else:
            by_column = {k: v for k, v in by_column.items() if v != index}
            by_column[key] = index
    field_of = {v: k for k, v in by_column.items()}
    columns = tuple(
        ColumnGuess(
            c.index,
            c.letter,
            c.header,
            field_of.get(c.index),
            1.0 if field_of.get(c.index) != c.field else c.confidence,
            c.unit_hint,
            c.percent,
        )
        for c in guess.columns
    )
    return HeaderGuess(guess.first_row, guess.last_row, columns, guess.confidence)
