"""Small helpers both documents share: display texts of a study's values, colours, fitting text."""

from __future__ import annotations

import json

from app.core.numbers import format_sig
from app.reports.catalog import joined, text
from app.reports.model import ReportData

GREEN = "#1b5e3b"
GREEN_LIGHT = "#e6f2ea"
GREEN_MID = "#5e9c76"
INK = "#222222"
GREY = "#666666"
RULE = "#b9c8be"
DRAFT_RED = "#c0392b"
STAGE_COLOURS = ("#1b5e3b", "#3f8f5f", "#7fb685", "#c9a227", "#8c6d4f")

STANDARD = "ISO 14067:2018 / GB/T 24067-2024"
LABEL_SCHEMA = "pcf-label/1"


def boundary_text(data: ReportData, lang: str) -> str:
    return joined(f"boundary.{data.boundary.value}", lang)


def year_text(data: ReportData, lang: str) -> str:
    return str(data.reference_year) if data.reference_year is not None else joined("not_stated", lang)


def value_with_unit(data: ReportData) -> str:
    """``12.3 kg CO2e / 1 piece``: the footprint by the one rounding rule, with both units."""
    return f"{format_sig(data.total)} kg CO2e / {data.declared_unit}"


def label_payload(data: ReportData) -> str:
    """The QR code's text: compact JSON with the key figures and the fingerprint (or draft)."""
    payload: dict[str, object] = {
        "schema": LABEL_SCHEMA,
        "pcf": format_sig(data.total, thousands=False),
        "unit": "kg CO2e",
        "per": data.declared_unit,
        "kgco2e": data.total,
        "product": data.product_name,
        "company": data.company,
        "boundary": data.boundary.value,
        "gwp": f"IPCC {data.gwp_set.value} GWP100",
        "year": data.reference_year,
        "std": STANDARD,
        "fingerprint": data.fingerprint,
    }
    if data.fingerprint is None:
        payload["status"] = text("draft_mark", "en")
    return json.dumps(payload, ensure_ascii=False, separators=(",", ":"))


def fit_font_size(width_of, value: str, size: float, max_width: float, min_size: float) -> float:
    """The largest size ≤ ``size`` (down to ``min_size``) at which ``value`` fits ``max_width``."""
    width = width_of(value, size)
    if width <= max_width:
        return size
    return max(min_size, size * max_width / width)


def ellipsize(width_of, value: str, size: float, max_width: float) -> str:
    """``value`` cut with an ellipsis so that it fits ``max_width`` at ``size``."""
    if width_of(value, size) <= max_width:
        return value
    while value and width_of(value + "…", size) > max_width:
        value = value[:-1]
    return value + "…"
