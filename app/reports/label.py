"""The carbon-label draft: an A4 sheet and 100×70 mm / 60×40 mm stickers, all vector.

Every label shows the footprint rounded by the one rule (``format_sig``) with its unit and
declared unit, product and company, system boundary, standard, GWP basis, reference year, the
frozen-revision fingerprint (or a DRAFT mark), blanks for the certification body, certificate
number and validity, and a QR code (drawn as vector squares) with the key figures.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from app.core.numbers import format_sig
from app.reports.catalog import joined, langs_of, text
from app.reports.common import (
    DRAFT_RED,
    GREEN,
    GREEN_LIGHT,
    GREY,
    INK,
    RULE,
    STANDARD,
    boundary_text,
    ellipsize,
    fit_font_size,
    label_payload,
    year_text,
)
from app.reports.fonts import MONO, SANS, register_fonts
from app.reports.model import ReportData

MM = 72.0 / 25.4


@dataclass(frozen=True, slots=True)
class LabelSize:
    key: str
    width_mm: float
    height_mm: float


LABEL_SIZES: dict[str, LabelSize] = {
    "a4": LabelSize("a4", 210.0, 297.0),
    "100x70": LabelSize("100x70", 100.0, 70.0),
    "60x40": LabelSize("60x40", 60.0, 40.0),
}


def render_label(data: ReportData, size: str = "a4", lang: str = "both") -> bytes:
    """The label draft as PDF bytes (one page of ``size``)."""
    from reportlab.pdfgen.canvas import Canvas

    if size not in LABEL_SIZES:
        raise ValueError(f"unknown label size '{size}'; expected one of {', '.join(LABEL_SIZES)}")
    langs_of(lang)  # validates
    register_fonts()
    spec = LABEL_SIZES[size]
    buf = io.BytesIO()
    c = Canvas(
        buf,
        pagesize=(spec.width_mm * MM, spec.height_mm * MM),
        pageCompression=1,
        initialFontName=SANS,
        initialFontSize=8,
    )
    c.setTitle(f"{text('label.subtitle', 'en')} — {data.product_name}")
    c.setAuthor(data.company or text("app", "en"))
    c.setSubject(STANDARD)
    c.setCreator(f"PCF Workbench {data.app_version}")
    if size == "a4":
        _draw_a4_sheet(c, data, lang)
    elif size == "100x70":
        _draw_standard(c, data, lang)
    else:
        _draw_compact(c, data, lang)
    c.showPage()
    c.save()
    return buf.getvalue()


def _width(value: str, size: float, font: str = SANS) -> float:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    return stringWidth(value, font, size)


def _mono_width(value: str, size: float) -> float:
    return _width(value, size, MONO)


def _text(c, x: float, y: float, value: str, size: float, colour: str = INK, font: str = SANS,
          max_width: float | None = None, anchor: str = "left", min_size: float | None = None,
          whole: bool = False) -> float:  # fmt: skip
    """Draw one line of text, shrinking (to ``min_size``) then cutting it to fit; returns the size.

    ``whole``: never cut (the footprint value): shrink as far as needed instead.
    """

    def measure(v: str, s: float) -> float:
        return _width(v, s, font)

    if max_width is not None:
        size = fit_font_size(measure, value, size, max_width, min_size or size * 0.75)
        if not whole:
            value = ellipsize(measure, value, size, max_width)
    c.setFont(font, size)
    c.setFillColor(colour)
    if anchor == "right":
        c.drawRightString(x, y, value)
    elif anchor == "centre":
        c.drawCentredString(x, y, value)
    else:
        c.drawString(x, y, value)
    return size


def _qr(c, data: ReportData, x: float, y: float, side: float) -> None:
    """The QR code as filled vector squares (quiet zone included in ``side``)."""
    import qrcode
    from qrcode.constants import ERROR_CORRECT_M

    code = qrcode.QRCode(error_correction=ERROR_CORRECT_M, border=2)
    code.add_data(label_payload(data).encode("utf-8"))
    code.make(fit=True)
    matrix = code.get_matrix()
    n = len(matrix)
    cell = side / n
    c.setFillColor("#ffffff")
    c.rect(x, y, side, side, stroke=0, fill=1)
    c.setFillColor("#000000")
    path = c.beginPath()
    for row, cells in enumerate(matrix):
        col = 0
        while col < n:
            if cells[col]:
                start = col
                while col < n and cells[col]:
                    col += 1
                # a horizontal run of dark modules as one rectangle (slightly overlapping: no seams)
                path.rect(x + start * cell, y + side - (row + 1) * cell, (col - start) * cell, cell * 1.01)
            else:
                col += 1
    c.drawPath(path, stroke=0, fill=1)


def _caption(key: str, lang: str) -> str:
    return joined(key, lang, sep=" ")


def _draft_watermark(c, cx: float, cy: float, size: float, lang: str) -> None:
    c.saveState()
    c.translate(cx, cy)
    c.rotate(18)
    c.setFillColor(DRAFT_RED)
    c.setFillAlpha(0.10)
    c.setFont(SANS, size)
    word = "  ".join(text("draft_mark", code).split(" – ")[0] for code in langs_of(lang))
    c.drawCentredString(0, -size / 3, word)
    c.restoreState()


def _fingerprint_lines(fp: str, per_line: int) -> list[str]:
    return [fp[i : i + per_line] for i in range(0, len(fp), per_line)]


def _draw_standard(c, data: ReportData, lang: str, ox: float = 0.0, oy: float = 0.0) -> None:
    """The 100 × 70 mm label, drawn in its own mm grid with its lower-left corner at (ox, oy)."""
    w, h = 100 * MM, 70 * MM
    c.saveState()
    c.translate(ox, oy)
    pad = 4 * MM
    # frame and header band
    c.setStrokeColor(GREEN)
    c.setLineWidth(0.9)
    c.setFillColor("#ffffff")
    c.roundRect(0.6, 0.6, w - 1.2, h - 1.2, 2.5 * MM, stroke=1, fill=1)
    band = 11 * MM
    path = c.beginPath()
    r = 2.5 * MM
    path.moveTo(0.6, h - band)
    path.lineTo(0.6, h - 0.6 - r)
    path.arcTo(0.6, h - 0.6 - 2 * r, 0.6 + 2 * r, h - 0.6, startAng=180, extent=-90)
    path.lineTo(w - 0.6 - r, h - 0.6)
    path.arcTo(w - 0.6 - 2 * r, h - 0.6 - 2 * r, w - 0.6, h - 0.6, startAng=90, extent=-90)
    path.lineTo(w - 0.6, h - band)
    path.close()
    c.setFillColor(GREEN)
    c.drawPath(path, stroke=0, fill=1)
    codes = langs_of(lang)
    _text(c, pad, h - 5.6 * MM, text("label.title", codes[0]), 10.5, "#ffffff", max_width=56 * MM)
    if len(codes) > 1:
        _text(c, pad, h - 9.0 * MM, text("label.title", codes[1]), 6.2, "#dcefe3", max_width=56 * MM)
    else:
        _text(c, pad, h - 9.0 * MM, text("label.subtitle", codes[0]), 6.2, "#dcefe3", max_width=56 * MM)
    _text(c, w - pad, h - 5.6 * MM, "ISO 14067", 7.5, "#ffffff", anchor="right")
    _text(c, w - pad, h - 9.0 * MM, "GB/T 24067-2024", 6.2, "#dcefe3", anchor="right")

    # the value
    value = format_sig(data.total)
    top = h - band
    value_size = _text(c, pad, top - 11.5 * MM, value, 30, GREEN, max_width=40 * MM, min_size=1, whole=True)
    unit_x = pad + _width(value, value_size) + 1.6 * MM
    _text(c, unit_x, top - 6.6 * MM, "kg CO2e", 8.5, INK, max_width=62 * MM - unit_x)
    per = f"/ {data.declared_unit}"
    _text(c, unit_x, top - 11.0 * MM, per, 7.5, INK, max_width=62 * MM - unit_x, min_size=4.5)

    # details
    rows = [
        ("label.product", data.product_name),
        ("label.company", data.company or "—"),
        ("label.boundary", boundary_text(data, lang)),
        ("label.standard", STANDARD),
        ("label.gwp", f"IPCC {data.gwp_set.value} GWP100"),
        ("label.year", year_text(data, lang)),
        ("label.pcr", joined("not_stated", lang)),
    ]
    y = top - 16.6 * MM
    key_w = 20 * MM if len(codes) > 1 else 14 * MM
    for key, val in rows:
        _text(c, pad, y, _caption(key, lang), 4.6, GREY, max_width=key_w - 1 * MM, min_size=3.4)
        _text(c, pad + key_w, y, val, 5.6, INK, max_width=62 * MM - pad - key_w + 2 * MM, min_size=4.2)
        y -= 3.35 * MM

    # QR code, right
    qr_side = 27 * MM
    _qr(c, data, w - pad - qr_side + 1 * MM, top - 1.5 * MM - qr_side, qr_side)
    _text(c, w - pad - qr_side / 2 + 1 * MM, top - 2.6 * MM - qr_side, _caption("label.scan", lang), 4.0,
          GREY, anchor="centre", max_width=qr_side)  # fmt: skip

    # blanks for the certification body
    _draw_blanks(c, lang, pad, w, _STANDARD_BLANKS)

    # fingerprint or draft
    _draw_fingerprint(c, data, lang, pad, 2.6 * MM, w - 2 * pad, 4.2)
    if not data.is_frozen:
        _draft_watermark(c, w * 0.40, h * 0.50, 26, lang)
    c.restoreState()


@dataclass(frozen=True, slots=True)
class _Blanks:
    """Geometry of the certification blanks (body, certificate number, validity) on one label size."""

    top: float  # the rule above the three blanks
    rule_width: float
    caption_drop: float  # caption baseline below the rule
    caption_size: float
    caption_min: float
    caption_margin: float  # caption width = column width - this
    line_drop: float  # the dotted write-in line below the rule
    line_margin: float  # line length = column width - this
    dash: tuple[float, float]


_STANDARD_BLANKS = _Blanks(16.5 * MM, 0.5, 3.2 * MM, 4.3, 3.2, 2 * MM, 8.2 * MM, 3 * MM, (1, 1.2))
_COMPACT_BLANKS = _Blanks(10.6 * MM, 0.4, 2.2 * MM, 3.0, 2.4, 1 * MM, 5.6 * MM, 1.6 * MM, (0.8, 0.9))


def _draw_blanks(c, lang: str, pad: float, w: float, g: _Blanks) -> None:
    """Three captioned write-in lines the certification body fills in."""
    c.setStrokeColor(RULE)
    c.setLineWidth(g.rule_width)
    c.line(pad, g.top, w - pad, g.top)
    col_w = (w - 2 * pad) / 3
    for i, key in enumerate(("label.cert_body", "label.cert_no", "label.validity")):
        x = pad + i * col_w
        caption = _caption(key, lang)
        _text(c, x, g.top - g.caption_drop, caption, g.caption_size, GREY,
              max_width=col_w - g.caption_margin, min_size=g.caption_min)  # fmt: skip
        c.setStrokeColor("#9aa79f")
        c.setDash(*g.dash)
        c.line(x, g.top - g.line_drop, x + col_w - g.line_margin, g.top - g.line_drop)
        c.setDash()


def _draw_fingerprint(c, data: ReportData, lang: str, x: float, y: float, width: float, size: float) -> None:
    if data.fingerprint is not None:
        caption = _caption("fingerprint", lang) + " SHA-256 "
        cap_w = _width(caption, size * 0.95)
        _text(c, x, y, caption, size * 0.95, GREY)
        available = width - cap_w
        if _mono_width(data.fingerprint, size) <= available:
            _text(c, x + cap_w, y, data.fingerprint, size, INK, font=MONO)
        else:  # two lines of 32 hex digits
            half = _fingerprint_lines(data.fingerprint, 32)
            line_size = fit_font_size(_mono_width, half[0], size, available, size * 0.6)
            _text(c, x + cap_w, y + line_size * 1.15, half[0], line_size, INK, font=MONO)
            _text(c, x + cap_w, y, half[1], line_size, INK, font=MONO)
        return
    mark = joined("draft_mark", lang)
    mark_size = fit_font_size(_width, mark, size * 1.35, width - 2 * MM, size)
    box_w = _width(mark, mark_size) + 2.4 * MM
    c.setStrokeColor(DRAFT_RED)
    c.setLineWidth(0.7)
    c.rect(x, y - mark_size * 0.35, box_w, mark_size * 1.45, stroke=1, fill=0)
    _text(c, x + 1.2 * MM, y + mark_size * 0.02, mark, mark_size, DRAFT_RED)


def _draw_compact(c, data: ReportData, lang: str) -> None:
    """The 60 × 40 mm sticker: the same content, condensed."""
    w, h = 60 * MM, 40 * MM
    pad = 2.4 * MM
    codes = langs_of(lang)
    c.setStrokeColor(GREEN)
    c.setLineWidth(0.7)
    c.roundRect(0.5, 0.5, w - 1, h - 1, 1.6 * MM, stroke=1, fill=0)
    band = 6.4 * MM
    c.setFillColor(GREEN)
    c.rect(0.5, h - band, w - 1, band - 0.5, stroke=0, fill=1)
    title = " ".join(text("label.title_short", code) for code in codes)
    _text(c, pad, h - 4.3 * MM, title, 6.8, "#ffffff", max_width=37 * MM, min_size=4.8)
    _text(
        c, w - pad, h - 4.3 * MM, "ISO 14067 · GB/T 24067", 4.0, "#dcefe3", anchor="right", max_width=19 * MM
    )

    top = h - band
    value = format_sig(data.total)
    value_size = _text(c, pad, top - 7.0 * MM, value, 17, GREEN, max_width=22 * MM, min_size=1, whole=True)
    unit_x = pad + _width(value, value_size) + 1.0 * MM
    _text(c, unit_x, top - 3.9 * MM, "kg CO2e", 5.4, INK, max_width=37 * MM - unit_x)
    _text(
        c,
        unit_x,
        top - 6.9 * MM,
        f"/ {data.declared_unit}",
        4.8,
        INK,
        max_width=37 * MM - unit_x,
        min_size=3.2,
    )

    lines = [
        data.product_name,
        data.company or "",
        f"{boundary_text(data, lang)} · IPCC {data.gwp_set.value} GWP100 · {year_text(data, lang)}",
        STANDARD,
    ]
    y = top - 10.4 * MM
    for i, value_line in enumerate(line for line in lines if line):
        _text(c, pad, y, value_line, 4.3 if i == 0 else 3.7, INK if i == 0 else GREY, max_width=36 * MM,
              min_size=2.9)  # fmt: skip
        y -= 2.15 * MM

    qr_side = 19 * MM
    _qr(c, data, w - pad - qr_side + 0.8 * MM, top - 0.6 * MM - qr_side, qr_side)

    _draw_blanks(c, lang, pad, w, _COMPACT_BLANKS)
    _draw_fingerprint(c, data, lang, pad, 1.9 * MM, w - 2 * pad, 3.2)
    if not data.is_frozen:
        _draft_watermark(c, w * 0.38, h * 0.52, 15, lang)


def _draw_a4_sheet(c, data: ReportData, lang: str) -> None:
    """An A4 sheet: the label at 1.8×, the two sticker sizes at 1:1, the rounding rule and notes."""
    from reportlab.lib.pagesizes import A4

    pw, ph = A4
    margin = 15 * MM
    codes = langs_of(lang)
    y = ph - margin - 4 * MM
    _text(c, margin, y, text("label.a4_heading", codes[0]), 15, GREEN)
    if len(codes) > 1:
        _text(c, pw - margin, y, text("label.a4_heading", codes[1]), 9, GREY, anchor="right",
              max_width=pw / 2 - margin)  # fmt: skip
    y -= 7 * MM
    for code in codes:
        _text(c, margin, y, text("label.a4_intro", code), 8, INK, max_width=pw - 2 * margin, min_size=6)
        y -= 4.6 * MM
    c.setStrokeColor(RULE)
    c.setLineWidth(0.6)
    c.line(margin, y + 1.5 * MM, pw - margin, y + 1.5 * MM)

    scale = 1.8
    big_w, big_h = 100 * MM * scale, 70 * MM * scale
    y -= 4 * MM + big_h
    c.saveState()
    c.translate((pw - big_w) / 2, y)
    c.scale(scale, scale)
    _draw_standard(c, data, lang)
    c.restoreState()

    # the stickers at actual size, side by side
    y -= 14 * MM
    x1 = margin + 6 * MM
    x2 = x1 + 100 * MM + 16 * MM
    sticker_top = y
    c.saveState()
    c.translate(x1, sticker_top - 70 * MM)
    _draw_standard(c, data, lang)
    c.restoreState()
    c.saveState()
    c.translate(x2, sticker_top - 40 * MM)
    _draw_compact(c, data, lang)
    c.restoreState()
    _text(c, x1, sticker_top + 2.5 * MM, "100 × 70 mm (1:1)", 7, GREY)
    _text(c, x2, sticker_top + 2.5 * MM, "60 × 40 mm (1:1)", 7, GREY)

    # notes
    y = sticker_top - 70 * MM - 8 * MM
    for code in codes:
        _text(c, margin, y, text("rounding_rule", code), 6.8, GREY, max_width=pw - 2 * margin, min_size=5)
        y -= 3.8 * MM
    for code in codes:
        _text(c, margin, y, text("label.a4_total_full", code, value=repr(data.total)), 6.8, GREY,
              max_width=pw - 2 * margin, min_size=5)  # fmt: skip
        y -= 3.8 * MM
    if data.fingerprint is None:
        for code in codes:
            _text(
                c, margin, y, text("draft_note", code), 6.8, DRAFT_RED, max_width=pw - 2 * margin, min_size=5
            )
            y -= 3.8 * MM
    c.setFillColor(GREEN_LIGHT)
    c.rect(0, 0, pw, 8 * MM, stroke=0, fill=1)
    _text(c, margin, 3 * MM, f"{text('app', 'en')} · {text('app', 'zh')} {data.app_version}", 6.5, GREY)
