"""Search: both languages, any word order, filters, ranking, the expected factor in the top 3."""

from __future__ import annotations

import pytest

from app.factors.library import FactorLibrary
from app.factors.text import index_tokens, query_terms

# query -> a factor that must be among the first three hits (id prefix, or one of several)
EXPECTED_TOP3 = [
    ("electricity China 2024", "cn-mee:cfp:2024:national"),
    ("China electricity 2024", "cn-mee:cfp:2024:national"),
    ("2024 China electricity", "cn-mee:cfp:2024:national"),
    ("中国 电力 2024", "cn-mee:cfp:2024:national"),
    ("电力碳足迹", "cn-mee:cfp:2024:national"),
    ("全国 电网 2023", "cn-mee:co2:2023:national"),
    ("电力二氧化碳排放因子 2023 全国", "cn-mee:co2:2023:national"),
    ("grid CO2 China 2023", "cn-mee:co2:2023:national"),
    ("华东 电网 2023", "cn-mee:co2:2023:east"),
    ("江苏 2023", "cn-mee:co2:2023:jiangsu"),
    ("natural gas", ("epahub2025:t1:natural-gas:", "desnz2025:1_100_1004_")),
    ("天然气", ("epahub2025:t1:natural-gas:", "desnz2025:1_100_1004_")),
    ("natural gas m3", "desnz2025:1_100_1004_1_1"),
    ("aluminium", "desnz2025:19_504_5104_15_1"),
    ("aluminum", ("desnz2025:19_504_5104_15_1", "epahub2025:t9:aluminum-")),
    ("铝", "desnz2025:19_504_5104_15_1"),
    ("truck", "epahub2025:t8:"),
    ("货车", "desnz2025:27_304_"),
    ("HGV articulated average laden", ("desnz2025:27_30", "desnz2025:5_30")),
    ("diesel litres", "desnz2025:1_101_1012_"),
    ("柴油", "desnz2025:1_101_1012_"),
    ("UK electricity", "desnz2025:7_400_4000_5_1"),
    ("英国 电力", "desnz2025:7_400_4000_5_1"),
    ("PET plastic", "desnz2025:19_505_5140_15_1"),
    ("塑料 PET", "desnz2025:19_505_5140_15_1"),
    ("paper board", "desnz2025:19_506_5156_15_1"),
    ("纸板", "desnz2025:19_506_5156_15_1"),
    ("glass", "desnz2025:"),
    ("玻璃", "desnz2025:"),
    ("container ship", "desnz2025:27_320_"),
    ("集装箱船", "desnz2025:27_320_"),
    ("rail freight", "desnz2025:27_315_3151_14_1"),
    ("铁路货运", "desnz2025:27_315_3151_14_1"),
    ("air freight long-haul", "desnz2025:27_317_315"),
    ("landfill paper", ("epahub2025:t9:", "desnz2025:20_506_")),
    ("填埋", "desnz2025:"),
    ("cement spend", "useeio13:327310"),
    ("Vietnam electricity", "owid:VNM:2024"),
    ("越南", "owid:VNM:"),
    ("eGRID SRVC", "epahub2025:t6:srvc:total-output"),
    ("HFC-134a", "desnz2025:3_200_2024_3_1"),
    ("lithium battery", "desnz2025:"),
    ("锂电池", "desnz2025:"),
]


@pytest.mark.parametrize(("query", "expected"), EXPECTED_TOP3)
def test_expected_factor_in_top3(library: FactorLibrary, query: str, expected: str | tuple[str, ...]) -> None:
    hits = library.search(query, limit=3)
    ids = [h.factor_id for h in hits]
    assert any(i.startswith(expected) for i in ids), (query, ids)


def test_product_footprint_factor_ranks_first_for_electricity(library: FactorLibrary) -> None:
    for query in ("电力", "electricity China", "China electricity", "电力 中国"):
        assert library.search(query, limit=1)[0].factor_id == "cn-mee:cfp:2024:national", query


def test_latest_year_first_among_equal_matches(library: FactorLibrary) -> None:
    hits = library.search("越南", limit=3)
    assert [h.year for h in hits] == sorted((h.year for h in hits), reverse=True)


def test_filters(library: FactorLibrary) -> None:
    hits = library.search("electricity", limit=50, region="China", year=2023, dataset="cn-mee")
    assert hits and all(h.dataset == "cn-mee" and h.year == 2023 and "China" in h.region for h in hits)
    assert {h.factor_id for h in library.search("electricity", category="Grid CO2", limit=500)} <= {
        h.factor_id for h in library.search("electricity", dataset="cn-mee", limit=500)
    }
    # filters alone list factors by preference
    only = library.search("", dataset="cn-mee", year=2024, limit=3)
    assert only[0].factor_id == "cn-mee:cfp:2024:national"
    assert library.search("", limit=5) == []
    assert library.search("电", region="江苏", limit=5)[0].factor_id.endswith(":jiangsu")


def test_ranks_are_numbered(library: FactorLibrary) -> None:
    hits = library.search("diesel", limit=5)
    assert [h.rank for h in hits] == [1, 2, 3, 4, 5]
    assert [h.score for h in hits] == sorted(h.score for h in hits)


def test_odd_input_is_safe(library: FactorLibrary) -> None:
    for query in ('"', "AND OR NOT", "*", "NEAR(", "a'b", "电力)", "-", "   ", "x" * 500):
        library.search(query)  # no FTS syntax error leaks out
    assert library.search("zzzzqqq") == []


def test_tokens() -> None:
    assert index_tokens("天然气 Natural-Gas 2024") == "天 然 气 天然 然气 natural gas 2024"
    assert query_terms("天然气 natural") == ['"天然"', '"然气"', '"natural"*']
    assert query_terms("铝 e") == ['"铝"', '"e"']
    assert query_terms("ＡＢＣ") == ['"abc"*']  # full-width folded
