"""BOM exports in the shapes ERPs write them, for the reader, import, CLI and window tests.

Each ``write_*`` writes one file into a folder and returns its path. The expected lines of every
shape are worked out by hand in the tests that use them.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

from app.core.domain import Factor


def write_kingdee(folder: Path, name: str = "kingdee.xlsx", quantities: dict[str, object] | None = None,
                  drop: tuple[str, ...] = (), extra: list[list[object]] | None = None) -> Path:  # fmt: skip
    """Kingdee-style multi-level export: merged title rows, a two-row merged header, a level column.

    Header rows 4-5: ``物料`` over ``编码 | 名称 | 规格型号`` and ``用量`` over ``分子 | 分母`` (merged).
    """
    import openpyxl

    q = {"A200": 1, "M300": 0.62, "M301": 4, "M400": 80, "M500": 2}
    q.update(quantities or {})
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "BOM多级展开"
    ws.append(["华东电器有限公司 物料清单（多级展开）"])
    ws.merge_cells("A1:I1")
    ws.append(["打印日期：2024-05-01", None, None, None, "制表：张三"])
    ws.merge_cells("A2:D2")
    ws.append([])
    ws.append(["级次", "物料", None, None, "单位", "用量", None, "损耗率(%)", "净重(kg)"])
    ws.append([None, "编码", "名称", "规格型号", None, "分子", "分母", None, None])
    for rng in ("B4:D4", "F4:G4", "A4:A5", "E4:E5", "H4:H5", "I4:I5"):
        ws.merge_cells(rng)
    rows = [
        [0, "P100", "电热水壶", "1.7L", "台", 1, 1, None, None],
        [1, "A200", "壶身组件", None, "个", q["A200"], 1, None, None],
        [2, "M300", "不锈钢板", "SUS304 0.6mm", "千克", q["M300"], 1, 5, None],
        [2, "M301", "螺钉", "M4×8", "PCS", q["M301"], 1, None, 0.002],
        [1, "M400", "PP把手", None, "克", q["M400"], 1, 2, None],
        [1, "M500", "电源线", "1.2m", "根", q["M500"], 2, None, 0.05],
    ]
    for row in rows:
        if row[1] not in drop:
            ws.append(row)
    for row in extra or []:
        ws.append(row)
    path = folder / name
    wb.save(path)
    return path


def write_sap(folder: Path, name: str = "sap.xlsx") -> Path:
    """SAP CS12-style multi-level explosion: title lines, levels ``.1``/``..2``/``...3``, English headers."""
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Sheet1"
    ws.append(["Explode BOM: Multi-Level BOM"])
    ws.append(["Material", "FG-1000", "Plant", "1000"])
    ws.append([])
    ws.append(["Explosion level", "Component number", "Object description", "Comp. Qty (BUn)", "BUn",
               "Component scrap (%)"])  # fmt: skip
    ws.append([".1", "SA-2000", "Housing assembly", 1, "PC", None])
    ws.append(["..2", "RM-3000", "Aluminium sheet", 1.25, "KG", 3])
    ws.append(["..2", "SA-2100", "Fastener kit", 2, "PC", None])
    ws.append(["...3", "RM-3100", "Steel screw", 0.01, "KG", None])
    ws.append([".1", "RM-4000", "Cardboard box", 300, "G", 0])
    path = folder / name
    wb.save(path)
    return path


FLAT_ROWS = [
    ["物料编码", "物料名称", "规格型号", "单位", "数量"],
    ["00123", "铝锭", "A00", "公斤", "1,234.5"],
    ["123456789012345678", "热轧钢卷", "Q235", "吨", "0.5"],
    ["00007", "聚丙烯粒料", "PP", "kg", "12"],
]


def _csv_text(rows: list[list[object]], delimiter: str = ",") -> str:
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    return out.getvalue()


def write_gbk_csv(folder: Path, name: str = "flat-gbk.csv") -> Path:
    path = folder / name
    path.write_bytes(_csv_text(FLAT_ROWS).encode("gbk"))
    return path


def write_utf16_csv(folder: Path, name: str = "flat-utf16.csv", bom: bool = True) -> Path:
    """Excel's 'Unicode text': UTF-16 LE with a byte-order mark, tab-separated."""
    path = folder / name
    data = _csv_text(FLAT_ROWS, "\t").encode("utf-16-le")
    path.write_bytes((b"\xff\xfe" if bom else b"") + data)
    return path


def write_semicolon_csv(folder: Path, name: str = "european.csv") -> Path:
    """A German-locale SAP export: ';' separators, decimal commas, thousands points, UTF-8 with BOM."""
    rows = [
        ["Material", "Material Description", "Quantity", "Base Unit", "Scrap (%)"],
        ["00123", "Stahlblech", "1,5", "kg", "2,5"],
        ["00456", "Schraube", "1.200", "PC", "0"],
        ["00789", "Kupferdraht", "0,025", "kg", ""],
    ]
    path = folder / name
    path.write_bytes(b"\xef\xbb\xbf" + _csv_text(rows, ";").encode("utf-8"))
    return path


def write_parent_csv(folder: Path, name: str = "yonyou.csv") -> Path:
    """Yonyou-style single-level BOMs concatenated: each row names its parent's code."""
    rows = [
        ["父项编码", "子项编码", "子项名称", "用量", "单位"],
        ["FG01", "SA01", "机壳组件", "1", "套"],
        ["SA01", "RM01", "冷轧钢板", "2.5", "kg"],
        ["SA01", "RM02", "ABS塑料", "300", "g"],
        ["FG01", "RM03", "包装纸箱", "1", "kg"],
    ]
    path = folder / name
    path.write_bytes(_csv_text(rows).encode("utf-8"))
    return path


def shared_subassembly_grid():
    """A parent-code BOM (as text, like a CSV) whose screw set S is used under two parents: 2 under
    P1 and 3 under P2, and holds 0.5 kg of steel X — 2.5 kg of X per kettle when counted per use."""
    from app.io.bom.grid import Grid

    return Grid("bom.csv", "bom", [["物料编码", "父项编码", "物料名称", "用量", "单位"],
                                   ["FG", "", "Kettle", "1", "PCS"], ["P1", "FG", "Base", "1", "PCS"],
                                   ["P2", "FG", "Lid", "1", "PCS"], ["S", "P1", "Screw set", "2", "PCS"],
                                   ["S", "P2", "Screw set", "3", "PCS"], ["X", "S", "Steel", "0.5", "kg"]],
                from_text=True)  # fmt: skip


def write_indented_xlsx(folder: Path, name: str = "indented.xlsx") -> Path:
    """A hand-made BOM whose structure is in the name column (full-width and half-width spaces)."""
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "BOM"
    ws.append(["物料名称", "数量", "单位"])
    ws.append(["风扇", 1, "台"])
    ws.append(["\u3000电机", 1, "个"])
    ws.append(["\u3000\u3000铜线", 0.3, "kg"])
    ws.append(["\u3000叶片", 3, "片"])
    ws.append(["    塑料粒料", 0.05, "kg"])  # four spaces = two full-width spaces
    ws.append(["包装", 0.4, "kg"])
    path = folder / name
    wb.save(path)
    return path


def write_problem_xlsx(folder: Path, name: str = "problems.xlsx") -> Path:
    """One problem per row, plus a hidden sheet listed first."""
    import openpyxl

    wb = openpyxl.Workbook()
    hidden = wb.active
    hidden.title = "Old BOM"
    hidden.append(["物料编码", "物料名称", "用量", "单位"])
    hidden.sheet_state = "hidden"
    ws = wb.create_sheet("BOM")
    ws.append(["物料编码", "物料名称", "用量", "单位"])
    ws.append(["C1", "good steel", 2, "kg"])  # row 2: fine
    ws.append(["C2", "formula", "=1+1", "kg"])  # row 3: formula, no cached value (openpyxl)
    ws.append(["C3", "text number", "1.5", "kg"])  # row 4: number stored as text (warning)
    ws.append(["C4", "mixed", "2 kg", "g"])  # row 5: mixed units
    ws.append(["C5", "box", 3, "箱"])  # row 6: ambiguous unit
    ws.append(["C6", "not a number", "abc", "kg"])  # row 7
    ws.append(["C7", "decimal comma", "1,5", "kg"])  # row 8: decimal comma in a workbook
    ws.append(["C1", "good steel again", 4, "pcs"])  # row 9: same code, other dimension (warning)
    ws.append(["C8", "missing qty", None, "kg"])  # row 10
    path = folder / name
    wb.save(path)
    return path


# --- a small factor library for the import tests ------------------------------------------------

FACTORS = {
    "F-STEEL": Factor("F-STEEL", "Steel, stainless sheet", 2.0, "kg", name_zh="不锈钢板"),
    "F-PP": Factor("F-PP", "Polypropylene PP granulate", 3.0, "kg", name_zh="聚丙烯"),
    "F-CU": Factor("F-CU", "Copper wire", 5.0, "kg", name_zh="铜线"),
    "F-ALU": Factor("F-ALU", "Aluminium sheet, primary production", 8.0, "kg", name_zh="铝板"),
    "F-BOX": Factor("F-BOX", "Cardboard box", 1.0, "kg", name_zh="纸箱"),
    "F-GRID": Factor("F-GRID", "Electricity, grid", 0.58, "kWh", name_zh="电网电力"),
    "F-ALU-LANDFILL": Factor(
        "F-ALU-LANDFILL", "Aluminium sheet waste, landfill", 0.02, "kg", name_zh="铝废料填埋"
    ),
}


@dataclass
class Hit:
    factor: Factor


class FakeLibrary:
    """search(query) like FactorLibrary: every word must occur in the id or a name."""

    def __init__(self) -> None:
        self.queries: list[str] = []

    def search(self, query: str, limit: int = 20, **_: object) -> list[Hit]:
        self.queries.append(query)
        words = query.casefold().split()
        return [
            Hit(f)
            for f in FACTORS.values()
            if all(w in f"{f.factor_id} {f.name} {f.name_zh}".casefold() for w in words)
        ][:limit]

    def get_factor(self, factor_id: str) -> Factor | None:
        return FACTORS.get(factor_id)
