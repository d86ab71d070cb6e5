"""Dataset metadata: names, versions, publishers, licences and the attribution text to ship.

Texts follow each source folder's SOURCE.md (``factor_db/sources/<folder>/SOURCE.md``).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class DatasetInfo:
    dataset_id: str
    folder: str
    name: str
    name_zh: str
    version: str
    publisher: str
    licence: str
    licence_url: str
    attribution: str
    url: str
    kind: str = "activity"
    gwp_basis: str = ""
    note: str = ""


DESNZ = DatasetInfo(
    dataset_id="desnz2025",
    folder="uk-desnz-ghg-conversion-factors-2025",
    name="UK Government GHG Conversion Factors for Company Reporting 2025 (DESNZ), full flat file",
    name_zh="英国政府温室气体转换因子2025（DESNZ，完整平面文件）",
    version="2025 v1 (June 2025)",
    publisher="UK Department for Energy Security and Net Zero (DESNZ), with Defra",
    licence="Open Government Licence v3.0",
    licence_url="https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/",
    attribution="Contains public sector information licensed under the Open Government Licence v3.0. "
    "Source: UK Government GHG Conversion Factors for Company Reporting 2025, "
    "Department for Energy Security and Net Zero.",
    url="https://www.gov.uk/government/publications/greenhouse-gas-reporting-conversion-factors-2025",
    gwp_basis="AR5",
    note="kg CO2e per unit on IPCC AR5 GWP100 (CH4 28, N2O 265). Fuel factors are combustion only; "
    "upstream is in the WTT rows. UK context.",
)

EPA_HUB = DatasetInfo(
    dataset_id="epahub2025",
    folder="us-epa-ghg-emission-factors-hub-2025",
    name="US EPA GHG Emission Factors Hub 2025 (Tables 1, 2, 6, 8, 9)",
    name_zh="美国环保署温室气体排放因子中心2025（表1、2、6、8、9）",
    version="January 2025 (eGRID2023)",
    publisher="U.S. Environmental Protection Agency, Center for Corporate Climate Leadership",
    licence="Public domain (US federal government work, 17 U.S.C. §105)",
    licence_url="https://www.usa.gov/government-copyright",
    attribution="Source: U.S. EPA, GHG Emission Factors Hub (January 2025).",
    url="https://www.epa.gov/climateleadership/ghg-emission-factors-hub",
    gwp_basis="AR5",
    note="Per-gas masses (kg CO2, g CH4, g N2O); CO2e values on AR5 computed by PCF Workbench. "
    "Combustion only (no upstream). US-specific; heat contents are HHV (gross CV).",
)

USEEIO = DatasetInfo(
    dataset_id="useeio13",
    folder="us-epa-supply-chain-ghg-factors-v1.3.0",
    name="US EPA Supply Chain GHG Emission Factors v1.3 by NAICS-6 (spend-based)",
    name_zh="美国环保署供应链温室气体排放因子v1.3（按NAICS-6，支出法）",
    version="v1.3.0 (2022 USD, purchaser price)",
    publisher="U.S. EPA Office of Research and Development",
    licence="Public domain (US federal government work); EPA Science Hub licence",
    licence_url="https://pasteur.epa.gov/license/sciencehub-license.html",
    attribution="U.S. EPA (2024). Supply Chain Greenhouse Gas Emission Factors v1.3 by NAICS-6. "
    "doi:10.23719/1531143",
    url="https://doi.org/10.23719/1531143",
    kind="spend-based",
    gwp_basis="AR5",
    note="SPEND-BASED screening factors: kg CO2e per 2022 US dollar (purchaser price, with margins), "
    "cradle-to-gate, US production technology. Not for product-level PCF claims.",
)

CN_MEE = DatasetInfo(
    dataset_id="cn-mee",
    folder="china-mee-electricity-factors",
    name="China electricity factors 2021–2024 (MEE / NBS / NEA): grid CO2 factors and electricity "
    "carbon-footprint factors",
    name_zh="中国电力因子2021–2024（生态环境部/国家统计局/国家能源局）：电力二氧化碳排放因子与电力碳足迹因子",
    version="data years 2021–2024 (notices up to 2025-12-31)",
    publisher="生态环境部 MEE, 国家统计局 NBS, 国家能源局 NEA",
    licence="Official government facts (PRC Copyright Law Art. 5), redistributable with citation",
    licence_url="",
    attribution="生态环境部、国家统计局，关于发布2023年电力二氧化碳排放因子的公告（2025年第47号）; "
    "生态环境部、国家统计局、国家能源局，关于发布2024年电力碳足迹因子数据的公告（2025-10-23）; "
    "and the other notices cited per factor.",
    url="https://www.mee.gov.cn/",
    note="Two series that must not be mixed: 电力碳足迹因子 (life-cycle CO2e, for PRODUCT footprints, "
    "default) and 电力二氧化碳排放因子 (CO2 only, for corporate Scope 2 reporting).",
)

OWID = DatasetInfo(
    dataset_id="owid-ember",
    folder="global-electricity-carbon-intensity-owid-ember",
    name="Carbon intensity of electricity generation by country (Our World in Data / Ember / "
    "Energy Institute)",
    name_zh="各国发电碳强度（Our World in Data / Ember / Energy Institute）",
    version="OWID grapher export, Ember 2025 and EI Statistical Review 2025 (years 1990–2025)",
    publisher="Ember; Energy Institute; Our World in Data",
    licence="CC BY 4.0",
    licence_url="https://creativecommons.org/licenses/by/4.0/",
    attribution="Ember (2025); Energy Institute – Statistical Review of World Energy (2025) – with major "
    "processing by Our World in Data. Licensed under CC BY 4.0.",
    url="https://ourworldindata.org/grapher/carbon-intensity-electricity",
    note="Life-cycle gCO2e per kWh GENERATED (no T&D losses), converted to kg/kWh. A fallback grid "
    "factor for countries without an official one.",
)

IPCC_GWP = DatasetInfo(
    dataset_id="ipcc-gwp100",
    folder="ipcc-gwp100",
    name="IPCC GWP100 values AR4, AR5 and AR6 (openclimatedata/globalwarmingpotentials, CH4 by origin)",
    name_zh="IPCC 全球增温潜势GWP100（AR4、AR5、AR6）",
    version="openclimatedata 0.13.1; GHG Protocol GWP table v2.0 (2024) for CH4 by origin",
    publisher="IPCC (values); openclimatedata (compilation); GHG Protocol",
    licence="CC0 1.0 Universal",
    licence_url="https://creativecommons.org/publicdomain/zero/1.0/",
    attribution="IPCC AR5 WG1 Ch.8 Table 8.A.1 and AR6 WG1 Ch.7 Table 7.15 / 7.SM.7, compiled by "
    "openclimatedata/globalwarmingpotentials (CC0).",
    url="https://github.com/openclimatedata/globalwarmingpotentials",
    kind="characterisation",
    note="Characterisation factors used to recompute CO2e from per-gas data (GWP switching).",
)

ALL: tuple[DatasetInfo, ...] = (CN_MEE, DESNZ, EPA_HUB, USEEIO, OWID, IPCC_GWP)
