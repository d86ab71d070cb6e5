"""Shared fixtures: the example study and a generated 1,000-line study, calculated once per module."""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from studybuilders import generated_study

from app.reports.model import ReportData
from app.services.calculation import calculate_study

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "resources" / "examples" / "electric-kettle.xlsx"
FINGERPRINT = "3f7a9c0e5b21d4f68a0c9e7b3d5f1a2c4e6b8d0f2a4c6e8b0d2f4a6c8e0b2d4f"  # a fake SHA-256
MM = 72.0 / 25.4


@pytest.fixture(scope="module")
def ctx(tmp_path_factory: pytest.TempPathFactory) -> Iterator[object]:
    from app.services.context import open_context

    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("PCF_WORKBENCH_DATA", str(tmp_path_factory.mktemp("user-data")))
        context = open_context()
        yield context
        context.close()


@pytest.fixture(scope="module")
def kettle(ctx):
    from app.services.studies import calculate_file

    loaded, result = calculate_file(EXAMPLE, ctx)
    return loaded, result


def kettle_data(kettle, ctx, fingerprint: str | None) -> ReportData:
    from app.services.reports import build_report_data

    _, result = kettle
    return build_report_data(result, fingerprint, ctx.factors, ctx.gwp_tables, "electric-kettle.xlsx")


@pytest.fixture(scope="module")
def big():
    from app.services.reports import build_report_data

    result = calculate_study(generated_study(1000))
    return result, build_report_data(result, FINGERPRINT, None, None, "generated.xlsx")


def pdf_pages(pdf: bytes) -> list[str]:
    from pypdf import PdfReader

    return [page.extract_text() or "" for page in PdfReader(io.BytesIO(pdf)).pages]


def squeeze(value: str) -> str:
    return re.sub(r"\s+", "", value)


def fonts_of(pdf: bytes) -> dict[str, bool]:
    """Every font the PDF uses → whether it is embedded (FontFile, FontFile2 or FontFile3)."""
    from pypdf import PdfReader

    fonts: dict[str, bool] = {}
    for page in PdfReader(io.BytesIO(pdf)).pages:
        resources = page.get("/Resources") or {}
        for ref in (resources.get("/Font") or {}).values():
            font = ref.get_object()
            descriptors = [font.get("/FontDescriptor")]
            for descendant in font.get("/DescendantFonts") or []:
                descriptors.append(descendant.get_object().get("/FontDescriptor"))
            embedded = any(
                d is not None and any(k in d.get_object() for k in ("/FontFile", "/FontFile2", "/FontFile3"))
                for d in descriptors
            )
            fonts[str(font["/BaseFont"])] = embedded
    return fonts


def page_size_mm(pdf: bytes) -> tuple[float, float]:
    from pypdf import PdfReader

    box = PdfReader(io.BytesIO(pdf)).pages[0].mediabox
    return float(box.width) / MM, float(box.height) / MM
