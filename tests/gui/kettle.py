"""A realistic cradle-to-grave kettle study for GUI tests (study factors, so no library needed)."""

from __future__ import annotations

from pathlib import Path

from app.core.domain import Boundary, DataType, Factor, GwpSet, InventoryLine, Stage, Study, StudyInfo

FACTORS = [
    Factor(
        "T-SS304", "Stainless steel 304 sheet", 6.15, "kg", source="Supplier EPD 2024", name_zh="304不锈钢板"
    ),
    Factor("T-PP", "Polypropylene granulate", 1.98, "kg", source="Literature", name_zh="聚丙烯粒料"),
    Factor("T-CU", "Copper wire", 3.8, "kg", source="Literature", name_zh="铜线"),
    Factor("T-PCB", "Printed circuit board, populated", 48.0, "kg", source="Literature", name_zh="电路板"),
    Factor("T-CARTON", "Corrugated board box", 0.92, "kg", source="Literature", name_zh="瓦楞纸箱"),
    Factor(
        "T-GRID", "Electricity, East China grid", 0.5703, "kWh", source="MEE 2022", name_zh="华东电网电力"
    ),
    Factor("T-TRUCK", "Truck transport, 18-40 t", 0.0862, "t·km", source="Literature", name_zh="公路货运"),
    Factor("T-SHIP", "Container ship transport", 0.0089, "t·km", source="Literature", name_zh="集装箱海运"),
    Factor("T-LANDFILL", "Landfill of mixed waste", 0.45, "kg", source="Literature", name_zh="填埋处置"),
    Factor("T-INCIN", "Incineration of mixed plastics", 2.1, "kg", source="Literature", name_zh="焚烧处置"),
    Factor("T-RECYC", "Metal recycling, sorting", 0.08, "kg", source="Literature", name_zh="金属回收分拣"),
]


def L(lid, name, qty, unit, *, stage=None, parent=None, **kw) -> InventoryLine:
    return InventoryLine(lid, name, qty, unit, stage=stage, parent_id=parent, **kw)


def kettle_study() -> Study:
    RM, P, D, U, E = Stage.RAW_MATERIALS, Stage.PRODUCTION, Stage.DISTRIBUTION, Stage.USE, Stage.END_OF_LIFE
    lines = [
        L("1", "Kettle body 壶身组件", 1, "个", stage=RM),
        L(
            "1.1",
            "Stainless steel shell 不锈钢壶身",
            0.62,
            "kg",
            parent="1",
            loss_rate=0.05,
            factor_id="T-SS304",
            data_type=DataType.PRIMARY,
        ),
        L("1.2", "Handle 把手", 1, "件", parent="1"),
        L("1.2.1", "PP handle moulding 聚丙烯把手", 80, "g", parent="1.2", loss_rate=0.02, factor_id="T-PP"),
        L("2", "Base and electrics 底座与电气", 1, "套", stage=RM),
        L("2.1", "Power cord 电源线", 0.045, "kg", parent="2", factor_id="T-CU"),
        L("2.2", "Control board 控制板", 0.012, "kg", parent="2", factor_id="T-PCB"),
        L("2.3", "PP base 聚丙烯底座", 0.15, "kg", parent="2", factor_id="T-PP"),
        L("3", "Packaging carton 包装纸箱", 0.25, "kg", stage=RM, factor_id="T-CARTON"),
        L(
            "4",
            "Assembly electricity 装配用电",
            1.4,
            "kWh",
            stage=P,
            factor_id="T-GRID",
            data_type=DataType.PRIMARY,
        ),
        L("5", "Truck to port 公路运至港口", 1.3, "kg", stage=D, distance_km=320, factor_id="T-TRUCK"),
        L("6", "Ship to Rotterdam 海运至鹿特丹", 1.3, "kg", stage=D, distance_km=19500, factor_id="T-SHIP"),
        L("7", "Electricity over 5 years 五年使用电耗", 1095, "kWh", stage=U, factor_id="T-GRID"),
        L("8", "Metal recycling 金属回收", 0.65, "kg", stage=E, allocation=0.6, factor_id="T-RECYC"),
        L("9", "Landfill 填埋", 1.1, "kg", stage=E, allocation=0.3, factor_id="T-LANDFILL"),
        L("10", "Incineration 焚烧", 1.1, "kg", stage=E, allocation=0.1, factor_id="T-INCIN"),
    ]
    info = StudyInfo(
        "Electric kettle 电热水壶 1.7 L",
        "1 piece",
        Boundary.CRADLE_TO_GRAVE,
        GwpSet.AR6,
        2024,
        "Acme Appliances",
        "Ningbo",
    )
    return Study(info, lines, list(FACTORS))


def write_kettle(path: Path) -> Path:
    from app.io.study_template import write_study_workbook

    write_study_workbook(kettle_study(), path)
    return path
