"""Rebuild the bundled example study: ``python resources/examples/build_example.py``.

An electric kettle (1.7 L, 2.2 kW) made in Zhejiang and sold in Germany, cradle-to-grave, with a
three-level bill of materials, factors from the bundled library and a 5-year use scenario.
Material factors are UK DESNZ 2025 cradle-to-gate values used as documented proxies.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from app.core.domain import Boundary, DataType, GwpSet, InventoryLine, Stage, Study, StudyInfo  # noqa: E402
from app.io.study_template import write_study_workbook  # noqa: E402

STEEL = "desnz2025:19_504_5116_15_1"  # steel, primary production (proxy for stainless 304)
SMALL_ELECTRICAL = "desnz2025:19_503_5088_15_1"  # electrical items - small, primary production
PP = "desnz2025:19_505_5144_15_1"  # PP incl. forming, primary production
BOARD = "desnz2025:19_506_5156_15_1"  # paper and board: board, primary production
GRID_CN = "cn-mee:cfp:2024:national"  # China electricity carbon-footprint factor 2024
GAS = "desnz2025:1_100_1004_6_1"  # natural gas per kWh (gross CV)
HGV = "desnz2025:27_304_3140_14_1"  # HGV all diesel, average laden, per t·km
SHIP = "desnz2025:27_320_3235_14_1"  # container ship, average, per t·km
GRID_DE = "owid:DEU:2024"  # Germany grid intensity 2024 (Ember/OWID)
STEEL_EOL = "desnz2025:20_504_5372_15_1"  # steel, open-loop recycling
PP_LANDFILL = "desnz2025:20_505_5425_15_1"  # PP, landfill
WEEE_LANDFILL = "desnz2025:20_503_5341_15_1"  # WEEE small, landfill

P, S = DataType.PRIMARY, DataType.SECONDARY


def L(line_id, name, qty, unit, stage=None, parent=None, factor=None, **kw) -> InventoryLine:  # noqa: N802
    return InventoryLine(line_id=line_id, name=name, quantity=qty, unit=unit, stage=stage, parent_id=parent,
                         factor_id=factor, **kw)  # fmt: skip


LINES = [
    L("1", "Kettle assembly 水壶总成", 1, "台", Stage.RAW_MATERIALS),
    L("1.1", "Body sub-assembly 壶身组件", 1, "件", parent="1"),
    L(
        "1.1.1",
        "Stainless steel 304 sheet 不锈钢板",
        0.62,
        "千克",
        parent="1.1",
        factor=STEEL,
        loss_rate=0.06,
        data_type=S,
        source="BOM 2024-03; DESNZ 2025 steel (proxy)",
        comment="proxy: carbon steel factor",
    ),
    L("1.1.2", "Heating element 发热盘", 1, "个", parent="1.1"),
    L(
        "1.1.2.1",
        "Heating element materials 发热盘材料",
        0.12,
        "kg",
        parent="1.1.2",
        factor=SMALL_ELECTRICAL,
        loss_rate=0.02,
        data_type=S,
        source="Supplier declaration",
    ),
    L("1.2", "Base and handle 底座和把手", 1, "套", parent="1"),
    L(
        "1.2.1",
        "PP housing 聚丙烯外壳",
        280,
        "克",
        parent="1.2",
        factor=PP,
        loss_rate=0.03,
        data_type=S,
        source="BOM 2024-03",
    ),
    L(
        "1.2.2",
        "Power base with cord 电源底座",
        0.15,
        "kg",
        parent="1.2",
        factor=SMALL_ELECTRICAL,
        data_type=S,
    ),
    L("1.3", "Packaging 包装", 1, "套", parent="1"),
    L("1.3.1", "Corrugated board box 瓦楞纸箱", 0.35, "kg", parent="1.3", factor=BOARD, data_type=S),
    L(
        "2",
        "Assembly electricity 装配用电",
        0.8,
        "度",
        Stage.PRODUCTION,
        factor=GRID_CN,
        data_type=P,
        source="Plant meter 2024 / output",
    ),
    L(
        "3",
        "Curing oven natural gas 固化炉天然气",
        0.3,
        "kWh",
        Stage.PRODUCTION,
        factor=GAS,
        data_type=P,
        source="Gas invoices 2024",
    ),
    L(
        "4",
        "Truck factory → Ningbo port 公路运输",
        1.6,
        "kg",
        Stage.DISTRIBUTION,
        factor=HGV,
        distance_km=320,
        data_type=P,
        source="Shipping records",
    ),
    L(
        "5",
        "Container ship Ningbo → Hamburg 海运",
        1.6,
        "kg",
        Stage.DISTRIBUTION,
        factor=SHIP,
        distance_km=20000,
        data_type=S,
        source="Sea-distances estimate",
    ),
    L(
        "6",
        "Electricity in use, 5 years 使用阶段用电",
        365,
        "kWh",
        Stage.USE,
        factor=GRID_DE,
        data_type=S,
        comment="1 boil/day × 0.2 kWh × 365 d × 5 years",
    ),
    L("7", "Steel to recycling 钢材回收", 0.62, "kg", Stage.END_OF_LIFE, factor=STEEL_EOL, data_type=S),
    L("8", "PP to landfill 塑料填埋", 0.28, "kg", Stage.END_OF_LIFE, factor=PP_LANDFILL, data_type=S),
    L(
        "9",
        "Electrical parts to landfill 电器件填埋",
        0.27,
        "kg",
        Stage.END_OF_LIFE,
        factor=WEEE_LANDFILL,
        data_type=S,
    ),
]

STUDY = Study(
    StudyInfo(
        product_name="Electric kettle 1.7 L 电热水壶",
        declared_unit="1 kettle (1 台)",
        boundary=Boundary.CRADLE_TO_GRAVE,
        gwp_set=GwpSet.AR6,
        reference_year=2024,
        company="Example Appliance Co., Ltd. 示例电器有限公司",
        site="Ningbo, Zhejiang 浙江宁波",
    ),
    LINES,
)

if __name__ == "__main__":
    out = Path(__file__).with_name("electric-kettle.xlsx")
    write_study_workbook(STUDY, out)
    print(f"wrote {out}")
