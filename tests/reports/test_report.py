"""The CFP study report: the checklist sections, every figure as on screen, the stage table adds up."""

from __future__ import annotations

import itertools
import re
from decimal import Decimal

import pytest
from conftest import FINGERPRINT, fonts_of, kettle_data, pdf_pages, squeeze

from app.core.domain import STAGES
from app.core.numbers import format_percent, format_sig
from app.reports.model import ReportData
from app.reports.report import render_report, stage_rows


@pytest.fixture(scope="module")
def frozen(kettle, ctx) -> ReportData:
    return kettle_data(kettle, ctx, FINGERPRINT)


@pytest.fixture(scope="module")
def pages_en(frozen: ReportData) -> list[str]:
    return pdf_pages(render_report(frozen, lang="en"))


@pytest.fixture(scope="module")
def pages_zh(frozen: ReportData) -> list[str]:
    return pdf_pages(render_report(frozen, lang="zh"))


def printed_stage_table(pages: list[str], start: str, stop: str, labels: list[str], total_label: str):
    """(label → printed value, printed total) read back from the results table."""
    text = "\n".join(pages)
    begin = text.index(start, text.index(start) + 1)  # the first hit is the table of contents
    segment = text[begin : text.index(stop, begin)]
    tokens = [t.strip() for t in segment.splitlines() if t.strip()]
    values = {}
    for label in [*labels, total_label]:
        i = tokens.index(label)
        values[label] = (tokens[i + 1], tokens[i + 2])
    return values


def half_unit_of_last_digit(printed: str) -> Decimal:
    """Half a unit of the third significant figure: the most rounding can move a printed value."""
    d = Decimal(printed.replace(",", ""))
    return Decimal(1).scaleb(d.adjusted() - 2) / 2 if d else Decimal(0)


def assert_stage_table_adds_up(values: dict, data: ReportData, labels: list[str], total_label: str) -> None:
    for stage, label in zip(STAGES, labels, strict=True):
        value, share = values[label]
        assert value == format_sig(data.stage_totals[stage])  # exactly the app's number as rounded
        assert share == format_percent(data.stage_totals[stage] / data.total)
    printed_total = Decimal(values[total_label][0].replace(",", ""))
    assert values[total_label][0] == format_sig(data.total)
    printed = [Decimal(values[label][0].replace(",", "")) for label in labels]
    tolerance = sum(half_unit_of_last_digit(values[label][0]) for label in labels) + half_unit_of_last_digit(
        values[total_label][0]
    )
    assert abs(sum(printed) - printed_total) <= tolerance


def test_stage_table_en_equals_the_app_and_sums_to_the_total(frozen: ReportData, pages_en: list[str]) -> None:
    labels = [s.label_en for s in STAGES]
    values = printed_stage_table(
        pages_en, "Results by life-cycle stage", "Each value is rounded", labels, "Total"
    )
    assert_stage_table_adds_up(values, frozen, labels, "Total")
    assert values["Use"] == ("124", "95.6%")  # hand-checked against `pcf-workbench calc` of the example


def test_stage_table_zh_equals_the_app_and_sums_to_the_total(frozen: ReportData, pages_zh: list[str]) -> None:
    labels = [s.label_zh for s in STAGES]
    values = printed_stage_table(pages_zh, "各生命周期阶段结果", "各数值分别修约", labels, "合计")
    assert_stage_table_adds_up(values, frozen, labels, "合计")


def test_stage_rows_helper_is_the_rule(frozen: ReportData) -> None:
    rows = stage_rows(frozen)
    assert [r[1] for r in rows] == ["4.58", "0.517", "0.568", "124", "0.00785"]
    assert [r[2] for r in rows] == ["3.5%", "0.4%", "0.4%", "95.6%", "<0.1%"]


def test_english_report_has_every_checklist_section(pages_en: list[str]) -> None:
    text = "\n".join(pages_en)
    assert "Contents" in text
    for heading in (
        "CFP statement",
        "Goal and scope",
        "Declared unit and reference flow",
        "System boundary and process map",
        "Significant processes",
        "Data sources and data quality",
        "Cut-off criteria",
        "Allocation",
        "Electricity",
        "Use and end-of-life scenarios",
        "Results by life-cycle stage",
        "Hotspots",
        "Fossil, biogenic, land-use change and aircraft emissions",
        "Greenhouse gases and GWP values",
        "Sensitivity and uncertainty",
        "Value choices, limitations and conclusions",
        "Conformance, PCR and critical review",
        "Appendix A. Emission factors and sources",
        "Appendix B. Dataset attributions",
        "Appendix C. Inventory",
    ):
        assert text.count(heading) >= 2, heading  # in the table of contents and in the body
    assert "ISO 14067:2018" in text and "GB/T 24067-2024" in text


def test_chinese_report_is_in_chinese(pages_zh: list[str]) -> None:
    text = "\n".join(pages_zh)
    for words in ("产品碳足迹研究报告", "目录", "目标与范围", "声明单位与基准流", "取舍准则", "分配", "电力",
                  "使用与废弃处置情景", "排放热点", "符合性声明", "附录 C", "数据集署名", "【待编制人确认】"):  # fmt: skip
        assert words in text, words
    assert "Goal and scope" not in text


def test_every_page_carries_fingerprint_and_page_number(pages_en: list[str]) -> None:
    n = len(pages_en)
    assert n >= 8
    for i, page in enumerate(pages_en, start=1):
        assert FINGERPRINT in squeeze(page), i
        if i > 1:
            assert f"Page {i} of {n}" in page


def test_draft_report_is_marked_on_every_page(kettle, ctx) -> None:
    pages = pdf_pages(render_report(kettle_data(kettle, ctx, None), lang="both"))
    for page in pages:
        assert "草稿 – 未冻结" in page and "DRAFT – not frozen" in page


def test_figures_units_and_sources_are_printed(frozen: ReportData, pages_en: list[str]) -> None:
    text = "\n".join(pages_en)
    assert "129 kg CO2e per declared unit (1 kettle (1 台))" in text  # the CFP statement
    # electricity: the China grid factor and the German one, with their values per kWh
    assert "cn-mee:cfp:2024:national" in text and "0.578 /kWh" in text
    assert "owid:DEU:2024" in text
    # GWP values of AR6 used to recompute per-gas factors
    assert "IPCC AR6" in text and "273" in text and "29.8" in text
    # every inventory line and every factor is in the appendices
    for line in frozen.lines:
        assert line.line_id in text
    for factor in frozen.factors:
        assert factor.factor_id in squeeze(text)
    # the attributions the licences require
    for credit in frozen.datasets:
        assert squeeze(credit.attribution)[:60] in squeeze(text), credit.name
    assert "WenQuanYi Micro Hei" in text


def test_data_quality_shares_follow_the_data_types(frozen: ReportData, pages_en: list[str]) -> None:
    primary = sum(
        ln.kgco2e for ln in frozen.lines if ln.data_type is not None and ln.data_type.value == "primary"
    )
    assert (
        f"Primary (site-specific) data cover {format_percent(primary / frozen.total)} of the result"
        in " ".join("\n".join(pages_en).split())
    )


@pytest.mark.parametrize("lang", ["zh", "en", "both"])
def test_every_font_is_embedded(frozen: ReportData, lang: str) -> None:
    fonts = fonts_of(render_report(frozen, lang=lang))
    assert fonts and all(fonts.values()), fonts


def test_generated_1000_line_study(big) -> None:
    result, data = big
    pdf = render_report(data, lang="both")
    pages = pdf_pages(pdf)
    text = "\n".join(pages)
    assert all(fonts_of(pdf).values())
    assert len(data.lines) == 1000
    # every line id appears in Appendix C (ids are "L1" … "L1000")
    ids = set(re.findall(r"\bL\d+\b", text))
    assert {ln.line_id for ln in data.lines} <= ids
    for page in pages:
        assert FINGERPRINT in squeeze(page)
    labels = [f"{s.label_zh} / {s.label_en}" for s in STAGES]
    values = printed_stage_table(pages, "各生命周期阶段结果", "各数值分别修约", labels, "合计 / Total")
    assert_stage_table_adds_up(values, data, labels, "合计 / Total")
    assert format_sig(result.total) in text and "生成产品" in text


def test_progress_is_reported_and_cancel_stops(big) -> None:
    from app.core.progress import Cancelled, Progress

    _, data = big
    steps: list[int] = []
    render_report(data, lang="en", progress=Progress(lambda done, total, msg: steps.append(done)))
    assert steps[0] == 0 and steps[-1] == 100 and steps == sorted(steps)
    progress = Progress()
    progress.cancel()
    with pytest.raises(Cancelled):
        render_report(data, lang="en", progress=progress)


def test_biogenic_co2_is_reported_where_the_factor_states_it(ctx) -> None:
    from studybuilders import line, study

    from app.core.domain import Stage
    from app.services.calculation import calculate_study
    from app.services.reports import build_report_data

    # EPA hub: agricultural byproducts, 118.17 kg biogenic CO2 per MMBtu (outside the CO2e value)
    s = study(
        line(
            "1", 2.0, "MMBtu", stage=Stage.PRODUCTION, factor_id="epahub2025:t1:agricultural-byproducts:mmbtu"
        )
    )
    result = calculate_study(s, ctx.factors, ctx.gwp_tables)
    data = build_report_data(result, None, ctx.factors, ctx.gwp_tables)
    assert data.lines[0].biogenic_co2 == pytest.approx(2.0 * 118.17)
    text = " ".join("\n".join(pdf_pages(render_report(data, lang="en"))).split())
    assert "Biogenic CO2 emissions stated by the factors of 1 lines" in text
    assert format_sig(2.0 * 118.17) in text  # 236


def _outline_pages(pdf: bytes) -> dict[str, int]:
    import io

    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(pdf))

    def walk(items):
        for item in items:
            if isinstance(item, list):
                yield from walk(item)
            else:
                yield item

    return {
        squeeze(item.title): reader.get_destination_page_number(item) + 1 for item in walk(reader.outline)
    }


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_contents_page_numbers_are_where_the_headings_are(frozen: ReportData, big, lang: str) -> None:
    for data in (frozen, big[1]):
        pdf = render_report(data, lang=lang)
        pages = pdf_pages(pdf)
        outline = _outline_pages(pdf)  # bookmarks placed on the page where each heading was drawn
        assert len(outline) == 20  # 16 sections + 1 subsection + 3 appendices
        lines = [ln for ln in pages[1].splitlines() if ln.strip()]
        printed = {}
        for leader, title in itertools.pairwise(lines):
            number = re.fullmatch(r"[\s.]*\.\s*(\d+)\s*", leader)  # the dot leader and page number
            if number:
                printed[squeeze(title)] = int(number.group(1))
        assert printed == outline
        for title, page in outline.items():
            assert title in squeeze(pages[page - 1]), title


def test_study_with_its_own_factors_never_opens_the_library(big) -> None:
    from app.services.context import LazyFactorSource
    from app.services.reports import build_report_data

    def fail() -> object:
        raise AssertionError("the library was opened")

    result, _ = big
    data = build_report_data(result, None, LazyFactorSource(fail))
    assert data.datasets == () and all(f.origin == "inline" for f in data.factors)
