"""The study workbook's sheets and columns (CONTRACTS.md §2), shared by the reader and writers.

Names match case-insensitively, ignoring surrounding spaces, in English or Chinese. A header or
key cell may carry both names separated by ``/``, ``|`` or a line break (the template writes
``line_id / 行号``); it matches when any part does.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from app.core.domain import Boundary, DataType, GwpSet, Stage


@dataclass(frozen=True, slots=True)
class Field:
    key: str
    zh: str
    required: bool
    help_en: str
    help_zh: str


STUDY_SHEET = ("Study", "研究信息")
INVENTORY_SHEET = ("Inventory", "清单")
FACTORS_SHEET = ("Factors", "因子")

STUDY_FIELDS: tuple[Field, ...] = (
    Field("product_name", "产品名称", True, "Product name", "产品名称"),
    Field("declared_unit", "声明单位", True, "e.g. 1 piece, 1 kg, 1 kWh", "如 1 件、1 千克、1 千瓦时"),
    Field(
        "boundary",
        "系统边界",
        False,
        "cradle-to-gate (default) or cradle-to-grave",
        "摇篮到大门（默认）或 摇篮到坟墓",
    ),
    Field("gwp_set", "GWP版本", False, "AR6 (default) or AR5", "AR6（默认）或 AR5"),
    Field("reference_year", "基准年", False, "Year the data describe", "数据所代表的年份"),
    Field("company", "企业名称", False, "Company", "企业名称"),
    Field("site", "生产地点", False, "Production site", "生产地点"),
)

INVENTORY_FIELDS: tuple[Field, ...] = (
    Field("line_id", "行号", True, "Unique id of the line", "行的唯一编号"),
    Field(
        "parent_id",
        "上级行号",
        False,
        "line_id of the sub-assembly; quantity is then per ONE unit of the parent",
        "所属部件的行号；数量为每一个上级单位的用量",
    ),
    Field(
        "stage",
        "阶段",
        True,
        "Life-cycle stage (top-level lines; children inherit)",
        "生命周期阶段（顶层行必填，子行继承）",
    ),
    Field("name", "名称", True, "Material, energy, transport …", "物料、能源、运输等"),
    Field("quantity", "数量", True, "Amount per declared unit (≥ 0)", "每声明单位的数量（≥0）"),
    Field("unit", "单位", True, "kg, kWh, m3, km, piece, t·km …", "千克、度、立方米、公里、件、吨公里等"),
    Field(
        "loss_rate",
        "损耗率",
        False,
        "0.05 or 5%; gross = quantity × (1 + rate)",
        "0.05 或 5%；毛用量 = 数量 ×（1+损耗率）",
    ),
    Field(
        "distance_km",
        "运输距离(km)",
        False,
        "Makes the line a transport leg: t × km",
        "填写后该行为运输：吨 × 公里",
    ),
    Field(
        "factor_id",
        "因子编号",
        False,
        "Id in the factor library or the Factors sheet",
        "因子库或“因子”表中的编号",
    ),
    Field(
        "factor_value",
        "因子值",
        False,
        "kg CO2e per factor unit; overrides factor_id",
        "千克二氧化碳当量/因子单位；优先于因子编号",
    ),
    Field(
        "factor_unit",
        "因子单位",
        False,
        "Unit the factor is per (with factor_value)",
        "因子对应的单位（填写因子值时必填）",
    ),
    Field("allocation", "分配比例", False, "Fraction in (0, 1], default 1", "(0, 1] 之间，默认 1"),
    Field("data_type", "数据类型", False, "primary or secondary", "初级 或 次级"),
    Field("source", "数据来源", False, "Where the data come from", "数据来源"),
    Field("comment", "备注", False, "Free text", "备注"),
)

FACTOR_FIELDS: tuple[Field, ...] = (
    Field("factor_id", "因子编号", True, "Id used in the Inventory sheet", "清单中引用的编号"),
    Field("name", "名称", True, "What the factor is for", "因子名称"),
    Field("value", "因子值", True, "kg CO2e per unit", "千克二氧化碳当量/单位"),
    Field("unit", "单位", True, "Unit the factor is per", "因子单位"),
    Field("source", "数据来源", False, "Publisher, supplier, document", "数据来源（发布机构、供应商、文件）"),
)

_SPLIT = re.compile(r"\s*[/|\n\r]+\s*")


def normalise_name(text: str) -> str:
    """Sheet, header and key names: NFKC, trimmed, case-folded, inner spaces collapsed."""
    return " ".join(unicodedata.normalize("NFKC", text).split()).casefold()


def name_parts(text: str) -> list[str]:
    whole = normalise_name(text)
    parts = [normalise_name(p) for p in _SPLIT.split(unicodedata.normalize("NFKC", text)) if p.strip()]
    return [whole, *(p for p in parts if p != whole)]


def field_lookup(fields: tuple[Field, ...]) -> dict[str, str]:
    lookup: dict[str, str] = {}
    for f in fields:
        lookup[normalise_name(f.key)] = f.key
        lookup[normalise_name(f.zh)] = f.key
    return lookup


def match_name(text: str, lookup: dict[str, str]) -> str | None:
    for part in name_parts(text):
        key = lookup.get(part)
        if key is not None:
            return key
    return None


def bilingual(field: Field) -> str:
    return f"{field.key} / {field.zh}"


# Values: the keys of CONTRACTS.md plus their Chinese labels (and English labels for stages).
STAGE_VALUES: dict[str, Stage] = {}
for _stage in Stage:
    for _text in (_stage.value, _stage.label_zh, _stage.label_en, _stage.value.replace("_", " ")):
        STAGE_VALUES[normalise_name(_text)] = _stage
STAGE_VALUES[normalise_name("原材料")] = Stage.RAW_MATERIALS
STAGE_VALUES[normalise_name("生产")] = Stage.PRODUCTION
STAGE_VALUES[normalise_name("运输")] = Stage.DISTRIBUTION
STAGE_VALUES[normalise_name("分销")] = Stage.DISTRIBUTION
STAGE_VALUES[normalise_name("废弃")] = Stage.END_OF_LIFE

BOUNDARY_VALUES: dict[str, Boundary] = {}
for _b in Boundary:
    for _text in (_b.value, _b.label_zh, _b.value.replace("-", " ")):
        BOUNDARY_VALUES[normalise_name(_text)] = _b

GWP_VALUES: dict[str, GwpSet] = {normalise_name(g.value): g for g in GwpSet}
GWP_VALUES.update({normalise_name(f"IPCC {g.value}"): g for g in GwpSet})

DATA_TYPE_VALUES: dict[str, DataType] = {}
for _d in DataType:
    for _text in (_d.value, _d.label_zh, f"{_d.label_zh}数据", f"{_d.value} data"):
        DATA_TYPE_VALUES[normalise_name(_text)] = _d


def lookup_value(text: str, table: dict[str, object]) -> object | None:
    for part in name_parts(text):
        value = table.get(part)
        if value is not None:
            return value
    return None
