"""Known values from every dataset, row counts per dataset, and the unit mapping."""

from __future__ import annotations

import math

import pytest

from app.core.units import parse_unit
from app.factors.library import FactorLibrary

# (factor id, value in kg CO2e per unit, unit): transcribed from the source files by hand.
KNOWN = [
    # China MEE / NBS / NEA
    ("cn-mee:co2:2023:national", 0.5306, "kWh"),
    ("cn-mee:co2:2022:national", 0.5366, "kWh"),
    ("cn-mee:co2:2021:national", 0.5568, "kWh"),
    ("cn-mee:co2:2023:east", 0.5500, "kWh"),
    ("cn-mee:co2-reporting:2022:national", 0.5703, "kWh"),  # published in tCO2/MWh
    ("cn-mee:cfp:2024:national", 0.5777, "kWh"),
    ("cn-mee:cfp:2023:national", 0.6205, "kWh"),
    ("cn-mee:cfp-gen:2024:coal", 0.9240, "kWh"),
    ("cn-mee:cfp-td:2024:incl-losses", 0.0327, "kWh"),
    # UK DESNZ 2025 (flat file)
    ("desnz2025:1_100_1000_15_1", 3033.38067, "t"),  # butane, tonnes
    ("desnz2025:1_100_1004_1_1", 2.06672, "m3"),  # natural gas, cubic metres
    ("desnz2025:1_100_1004_6_1", 0.18296, "kWh"),  # natural gas, kWh (Gross CV)
    ("desnz2025:7_400_4000_5_1", 0.17700, "kWh"),  # UK electricity
    ("desnz2025:27_317_3157_14_1", 0.53130, "t·km"),  # long-haul air freight without RF
    ("desnz2025:27_304_3132_14_1", 0.07703, "t·km"),  # HGV articulated >33t, average laden
    ("desnz2025:19_504_5104_15_1", 9115.90131, "t"),  # aluminium cans and foil, primary
    ("desnz2025:17_404_4005_10_1", 191.30156 / 1000, "m3"),  # water supply, per million litres
    # US EPA GHG Emission Factors Hub 2025: CO2e = CO2 + 28 CH4 + 265 N2O (EPA's AR5 basis)
    ("epahub2025:t1:natural-gas:mmbtu", 53.06 + 0.001 * 28 + 0.0001 * 265, "MMBtu"),
    ("epahub2025:t1:anthracite:short-ton", 2602 + 0.276 * 28 + 0.040 * 265, "short ton"),
    ("epahub2025:t2:diesel-fuel:gal", 10.21, "gal"),
    ("epahub2025:t6:us-average:total-output", (771.523 + 0.057 * 28 + 0.008 * 265) * 0.45359237, "MWh"),
    ("epahub2025:t8:rail:short-ton-mile", 0.021 + 0.0016e-3 * 28 + 0.0005e-3 * 265, "short ton-mile"),
    ("epahub2025:t9:corrugated-containers:landfilled", 1.00 * 1000, "short ton"),  # 1 mt CO2e/short ton
    ("epahub2025:t9:aluminum-cans:recycled", 0.06 * 1000, "short ton"),
    # US EPA supply chain v1.3 (kg CO2e per 2022 USD, with margins)
    ("useeio13:331110", 0.787, "USD"),  # iron and steel mills
    ("useeio13:331313", 1.018, "USD"),  # primary aluminium
    ("useeio13:327310", 3.924, "USD"),  # cement
    # OWID / Ember, gCO2e/kWh / 1000
    ("owid:CHN:2024", 0.5554, "kWh"),
    ("owid:VNM:2024", 0.48432, "kWh"),
    ("owid:IND:2024", 0.70745, "kWh"),
]


@pytest.mark.parametrize(("factor_id", "value", "unit"), KNOWN)
def test_known_values(library: FactorLibrary, factor_id: str, value: float, unit: str) -> None:
    factor = library.get_factor(factor_id)
    assert factor is not None, factor_id
    assert factor.unit == unit
    assert math.isclose(factor.value, value, rel_tol=1e-9), (factor.value, value)


def test_row_counts_per_dataset(library: FactorLibrary) -> None:
    counts = {d.dataset_id: d.factor_count for d in library.datasets()}
    assert counts == {
        "cn-mee": 142,  # every row of the CSV
        "desnz2025": 2577,  # 3,425 total rows - 809 blank - 39 hotel stays (no unit)
        "epahub2025": 375,  # T1 58 fuels x 2 units + 5 kraft liquors, T2 8, T6 28 x 2, T8 7, T9 183
        "useeio13": 1016,
        "owid-ember": 6106,  # every row of the CSV (SOURCE.md says 6,105)
        "ipcc-gwp100": 239,  # GWP values AR4/AR5/AR6 incl. CH4 by origin
    }
    assert library.count() == 142 + 2577 + 375 + 1016 + 6106


def test_every_unit_is_on_the_whitelist(library: FactorLibrary) -> None:
    units = {r[0] for r in library._bundled.con.execute("SELECT DISTINCT unit FROM factors")}
    for unit in units:
        assert parse_unit(unit).code == unit
    assert {"vehicle·km", "vehicle·mile", "passenger·km", "t·km", "short ton-mile", "MMBtu", "scf"} <= units


def test_china_series_are_named_apart(library: FactorLibrary) -> None:
    cfp = library.get_factor("cn-mee:cfp:2024:national")
    co2 = library.get_factor("cn-mee:co2:2023:national")
    assert cfp is not None and co2 is not None
    assert "carbon footprint" in cfp.name and "product" in cfp.name and "电力碳足迹因子" in cfp.name_zh
    assert "CO2 only" in co2.name and "not for product" in co2.name
    assert "电力二氧化碳排放因子" in co2.name_zh and "不用于产品碳足迹" in co2.name_zh
    assert co2.gases == {"CO2": 0.5306} and not cfp.gases  # CO2-only vs CO2e-only


def test_spend_based_factors_are_marked(library: FactorLibrary) -> None:
    record = library.factor_record("useeio13:331110")
    assert record is not None
    assert record.dataset.kind == "spend-based"
    assert "SPEND-BASED" in record.factor.name and "支出法" in record.factor.name_zh
    assert record.factor.unit == "USD"


def test_biomass_co2_is_biogenic_and_kept_apart(library: FactorLibrary) -> None:
    record = library.factor_record("epahub2025:t1:wood-and-wood-residuals:short-ton")
    assert record is not None
    assert record.biogenic_co2 == 1640.0
    assert set(record.factor.gases) == {"CH4_non_fossil", "N2O"}


def test_every_factor_has_provenance(library: FactorLibrary) -> None:
    con = library._bundled.con
    bad = con.execute(
        "SELECT count(*) FROM factors f JOIN datasets d USING (dataset_id) "
        "WHERE f.name = '' OR f.name_zh = '' OR f.category = '' OR f.source = '' OR d.licence = '' "
        "OR d.attribution = '' OR d.publisher = '' OR d.version = ''"
    ).fetchone()[0]
    assert bad == 0
