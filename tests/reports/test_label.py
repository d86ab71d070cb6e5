"""The carbon-label draft: sizes, the figures by the one rounding rule, CJK embedded, fingerprint or DRAFT."""

from __future__ import annotations

import json

import pytest
from conftest import FINGERPRINT, fonts_of, kettle_data, page_size_mm, pdf_pages, squeeze
from hypothesis import given, settings
from hypothesis import strategies as st

from app.core.numbers import format_sig
from app.reports.common import label_payload
from app.reports.label import LABEL_SIZES, render_label
from app.reports.model import ReportData


@pytest.fixture(scope="module")
def frozen(kettle, ctx) -> ReportData:
    return kettle_data(kettle, ctx, FINGERPRINT)


@pytest.fixture(scope="module")
def draft(kettle, ctx) -> ReportData:
    return kettle_data(kettle, ctx, None)


@pytest.mark.parametrize(("size", "mm"), [("a4", (210, 297)), ("100x70", (100, 70)), ("60x40", (60, 40))])
def test_page_has_the_size_asked_for(frozen: ReportData, size: str, mm: tuple[int, int]) -> None:
    width, height = page_size_mm(render_label(frozen, size=size))
    assert width == pytest.approx(mm[0], abs=0.01) and height == pytest.approx(mm[1], abs=0.01)


@pytest.mark.parametrize("size", list(LABEL_SIZES))
@pytest.mark.parametrize("lang", ["zh", "en", "both"])
def test_label_shows_every_required_item(frozen: ReportData, size: str, lang: str) -> None:
    pdf = render_label(frozen, size=size, lang=lang)
    (page,) = pdf_pages(pdf)
    assert format_sig(frozen.total) == "129"  # the example's total, 129.178… kg CO2e
    assert "129" in page and "kg CO2e" in page
    assert f"/ {frozen.declared_unit}" in page  # "/ 1 kettle (1 台)"
    assert "Electric kettle 1.7 L 电热水壶" in page
    assert "示例电器有限公司" in page
    assert "ISO 14067" in page and "GB/T 24067" in page
    assert "AR6" in page and "2024" in page
    assert FINGERPRINT in squeeze(page)
    assert "DRAFT" not in page and "草稿" not in page
    if lang in ("zh", "both"):
        assert "摇篮到坟墓" in page and "认证机构" in page and "证书编号" in page and "有效期至" in page
    if lang in ("en", "both"):
        assert "Cradle-to-grave" in page and "Certification body" in page and "Certificate no." in page
        assert "Valid until" in page


@pytest.mark.parametrize("size", list(LABEL_SIZES))
def test_unfrozen_study_is_marked_draft(draft: ReportData, size: str) -> None:
    (page,) = pdf_pages(render_label(draft, size=size, lang="both"))
    assert "草稿 – 未冻结" in page and "DRAFT – not frozen" in page


@pytest.mark.parametrize("size", list(LABEL_SIZES))
def test_every_font_is_embedded(frozen: ReportData, size: str) -> None:
    fonts = fonts_of(render_label(frozen, size=size, lang="both"))
    assert fonts, "no fonts found"
    assert all(fonts.values()), fonts
    assert not any("Helvetica" in name or "Times" in name for name in fonts)


def test_qr_payload_carries_key_figures_and_fingerprint(frozen: ReportData, draft: ReportData) -> None:
    payload = json.loads(label_payload(frozen))
    assert payload["pcf"] == "129" and payload["unit"] == "kg CO2e" and payload["per"] == "1 kettle (1 台)"
    assert payload["kgco2e"] == frozen.total  # full precision beside the rounded value
    assert payload["fingerprint"] == FINGERPRINT and "status" not in payload
    assert payload["boundary"] == "cradle-to-grave" and payload["year"] == 2024
    draft_payload = json.loads(label_payload(draft))
    assert draft_payload["fingerprint"] is None and draft_payload["status"] == "DRAFT – not frozen"


def test_qr_code_is_drawn_as_vector_squares(frozen: ReportData) -> None:
    import io

    from pypdf import PdfReader

    page = PdfReader(io.BytesIO(render_label(frozen, size="100x70"))).pages[0]
    assert not (page.get("/Resources") or {}).get("/XObject")  # no raster image anywhere
    assert page.get_contents().get_data().count(b" re") > 100  # the QR modules as rectangles


def test_small_value_never_shows_as_zero(frozen: ReportData) -> None:
    from dataclasses import replace

    tiny = replace(frozen, total=0.000123456)
    (page,) = pdf_pages(render_label(tiny, size="60x40", lang="en"))
    assert "0.000123" in page


def test_unknown_size_or_language_is_refused(frozen: ReportData) -> None:
    with pytest.raises(ValueError, match="label size"):
        render_label(frozen, size="50x30")
    with pytest.raises(ValueError, match="language"):
        render_label(frozen, lang="fr")


@settings(max_examples=25, deadline=None)
@given(total=st.floats(min_value=1e-9, max_value=1e9, allow_nan=False, allow_infinity=False))
def test_label_value_is_the_rounding_rule_and_never_zero(frozen: ReportData, total: float) -> None:
    from dataclasses import replace

    (page,) = pdf_pages(render_label(replace(frozen, total=total), size="100x70", lang="en"))
    printed = format_sig(total)
    assert printed in page.splitlines()
    assert printed.strip("0.,") != ""  # a non-zero value never prints as 0
