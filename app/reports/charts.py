"""Vector figures of the report (reportlab graphics): process map, stage bars, Pareto chart."""

from __future__ import annotations

from collections.abc import Sequence

from app.core.domain import STAGES, Boundary, Stage
from app.core.numbers import format_percent, format_sig
from app.reports.catalog import joined, langs_of, text
from app.reports.common import GREEN, GREEN_LIGHT, GREY, INK, RULE, STAGE_COLOURS, ellipsize
from app.reports.fonts import SANS
from app.reports.model import LineRow, ReportData

MM = 72.0 / 25.4
MAP_LINES_PER_STAGE = 4


def _width(value: str, size: float) -> float:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    return stringWidth(value, SANS, size)


def stage_label(stage: Stage, lang: str, sep: str = " ") -> str:
    return sep.join(stage.label_zh if code == "zh" else stage.label_en for code in langs_of(lang))


def in_boundary(stage: Stage, boundary: Boundary) -> bool:
    return boundary is Boundary.CRADLE_TO_GRAVE or stage in (
        Stage.RAW_MATERIALS,
        Stage.PRODUCTION,
        Stage.DISTRIBUTION,
    )


def leaf_lines(data: ReportData) -> list[LineRow]:
    """Lines that carry emissions themselves (sub-assemblies without a factor are left out)."""
    return [ln for ln in data.lines if not (ln.has_children and ln.factor_id is None and ln.kgco2e == 0)]


def _drawing(width: float, height: float):
    """A Drawing whose initial font is ours (renderPDF would otherwise select Helvetica, unembedded)."""
    from reportlab.graphics.shapes import Drawing

    d = Drawing(width, height)
    d.initialFontName = SANS
    d.initialFontSize = 7
    return d


def _string(x: float, y: float, value: str, size: float, colour: str = INK, anchor: str = "start"):
    from reportlab.graphics.shapes import String

    return String(x, y, value, fontName=SANS, fontSize=size, fillColor=colour, textAnchor=anchor)


def process_map(data: ReportData, width: float, lang: str):
    """Stages left to right with their main lines below, inside a dashed system boundary."""
    from reportlab.graphics.shapes import Line, Polygon, Rect

    n = len(STAGES)
    gap = 5 * MM
    box_w = (width - gap * (n - 1)) / n
    head_h = 15 * MM
    item_h = 8.2 * MM
    by_stage: dict[Stage, list[LineRow]] = {s: [] for s in STAGES}
    for ln in leaf_lines(data):
        by_stage[ln.stage].append(ln)
    rows = max(
        1, *(min(len(v), MAP_LINES_PER_STAGE) + (len(v) > MAP_LINES_PER_STAGE) for v in by_stage.values())
    )
    height = head_h + 6 * MM + rows * (item_h + 1.6 * MM) + 9 * MM
    d = _drawing(width, height)
    top = height - 6 * MM
    included = [s for s in STAGES if in_boundary(s, data.boundary)]
    right = (included[-1].index + 1) * (box_w + gap) - gap
    d.add(Rect(-1.5 * MM + 1.5 * MM, 2 * MM, right, height - 2.5 * MM, strokeColor=GREEN, strokeWidth=0.8,
               strokeDashArray=[3, 2], fillColor=None))  # fmt: skip
    d.add(_string(2 * MM, height - 4.2 * MM, joined("label.boundary", lang, sep=" ") + ": "
                  + joined(f"boundary.{data.boundary.value}", lang), 6.5, GREEN))  # fmt: skip
    for i, stage in enumerate(STAGES):
        x = i * (box_w + gap)
        inside = in_boundary(stage, data.boundary)
        colour = STAGE_COLOURS[i] if inside else "#b0b0b0"
        d.add(Rect(x + 1.5 * MM, top - head_h, box_w - 3 * MM, head_h - 1 * MM, rx=4, ry=4, fillColor=colour,
                   strokeColor=None))  # fmt: skip
        cx = x + box_w / 2
        codes = langs_of(lang)
        names = [stage.label_zh if c == "zh" else stage.label_en for c in codes]
        d.add(
            _string(
                cx, top - 5.2 * MM, ellipsize(_width, names[0], 7, box_w - 5 * MM), 7, "#ffffff", "middle"
            )
        )
        if len(names) > 1:
            d.add(_string(cx, top - 8.4 * MM, ellipsize(_width, names[1], 5.4, box_w - 5 * MM), 5.4, "#e8f3ec",
                          "middle"))  # fmt: skip
        d.add(_string(cx, top - 12.4 * MM, f"{format_sig(data.stage_totals[stage])} kg CO2e", 6.4, "#ffffff",
                      "middle"))  # fmt: skip
        if i < n - 1:
            ax = x + box_w - 1.2 * MM
            ay = top - head_h / 2 - 0.5 * MM
            d.add(Line(ax, ay, ax + gap + 0.6 * MM, ay, strokeColor=GREY, strokeWidth=1))
            tip = ax + gap + 2.2 * MM
            d.add(Polygon([tip, ay, tip - 2.2 * MM, ay + 1.3 * MM, tip - 2.2 * MM, ay - 1.3 * MM],
                          fillColor=GREY, strokeColor=None))  # fmt: skip
        lines = sorted(by_stage[stage], key=lambda ln: -abs(ln.kgco2e))
        y = top - head_h - 2.2 * MM
        for ln in lines[:MAP_LINES_PER_STAGE]:
            d.add(Rect(x + 1.5 * MM, y - item_h, box_w - 3 * MM, item_h, rx=2, ry=2, fillColor=GREEN_LIGHT,
                       strokeColor=RULE, strokeWidth=0.4))  # fmt: skip
            d.add(_string(x + 3 * MM, y - 3.4 * MM, ellipsize(_width, ln.name, 5.6, box_w - 6 * MM), 5.6))
            d.add(_string(x + 3 * MM, y - 6.6 * MM, f"{format_sig(ln.kgco2e)} kg CO2e", 5.2, GREY))
            y -= item_h + 1.6 * MM
        if len(lines) > MAP_LINES_PER_STAGE:
            more = joined("boundary.more", lang, n=len(lines) - MAP_LINES_PER_STAGE)
            d.add(_string(x + 3 * MM, y - 3.6 * MM, ellipsize(_width, more, 5.4, box_w - 5 * MM), 5.4, GREY))
        if not lines:
            d.add(_string(x + 3 * MM, y - 3.6 * MM, ellipsize(_width, joined("scenarios.empty", lang), 5.4,
                                                              box_w - 5 * MM), 5.4, GREY))  # fmt: skip
    return d


def stage_bars(data: ReportData, width: float, lang: str):
    """Horizontal bars, one per stage, with the rounded value and share at the end of each bar."""
    from reportlab.graphics.shapes import Line, Rect

    label_w = 52 * MM if langs_of(lang) == ("zh", "en") else 30 * MM
    value_w = 32 * MM
    bar_h = 6 * MM
    step = 9 * MM
    height = step * len(STAGES) + 6 * MM
    d = _drawing(width, height)
    values = [data.stage_totals[s] for s in STAGES]
    lo = min(0.0, *values)
    hi = max(0.0, *values)
    span = (hi - lo) or 1.0
    plot_w = width - label_w - value_w
    zero_x = label_w + plot_w * (-lo / span)
    for i, (stage, value) in enumerate(zip(STAGES, values, strict=True)):
        y = height - (i + 1) * step
        d.add(_string(label_w - 2 * MM, y + bar_h / 2 - 2.2, ellipsize(_width, stage_label(stage, lang), 7,
                                                                        label_w - 3 * MM), 7, INK, "end"))  # fmt: skip
        w = plot_w * abs(value) / span
        x = zero_x if value >= 0 else zero_x - w
        d.add(Rect(x, y, max(w, 0.4), bar_h, fillColor=STAGE_COLOURS[i], strokeColor=None))
        share = format_percent(value / data.total) if data.total else "–"
        d.add(
            _string(max(x + w, zero_x) + 1.8 * MM, y + bar_h / 2 - 2.2, f"{format_sig(value)}  ({share})", 7)
        )
    d.add(Line(zero_x, 2 * MM, zero_x, height, strokeColor=GREY, strokeWidth=0.6))
    return d


def nice_ceiling(value: float) -> float:
    """The smallest round number ≥ ``value`` whose quarters are round too (axis ticks)."""
    import math

    exponent = math.floor(math.log10(value))
    for step in (1.0, 1.2, 1.6, 2.0, 2.4, 3.0, 4.0, 5.0, 6.0, 8.0, 10.0):
        if step * 10**exponent >= value * (1 - 1e-12):
            return step * 10**exponent
    return 10.0 ** (exponent + 1)


def pareto(lines: Sequence[LineRow], total: float, width: float, lang: str):
    """The largest lines as bars (kg CO2e) with their cumulative share of the total as a line."""
    from reportlab.graphics.shapes import Circle, Line, PolyLine, Rect

    height = 70 * MM
    left, right, bottom, top = 16 * MM, 12 * MM, 20 * MM, 6 * MM
    d = _drawing(width, height)
    plot_w = width - left - right
    plot_h = height - bottom - top
    n = max(1, len(lines))
    peak = nice_ceiling(max((abs(ln.kgco2e) for ln in lines), default=1.0) or 1.0)
    slot = plot_w / n
    points: list[float] = []
    cumulative = 0.0
    for tick in range(5):
        frac = tick / 4
        y = bottom + plot_h * frac
        d.add(Line(left, y, left + plot_w, y, strokeColor="#e4e9e5", strokeWidth=0.5))
        d.add(_string(left - 1.5 * MM, y - 2, f"{peak * frac:,.6g}", 6, GREY, "end"))
        d.add(_string(left + plot_w + 1.5 * MM, y - 2, f"{int(frac * 100)}%", 6, GREY))
    for i, ln in enumerate(lines):
        x = left + i * slot
        h = plot_h * abs(ln.kgco2e) / peak
        d.add(Rect(x + slot * 0.15, bottom, slot * 0.7, h, fillColor=STAGE_COLOURS[ln.stage.index],
                   strokeColor=None))  # fmt: skip
        cumulative += ln.kgco2e
        share = cumulative / total if total else 0.0
        px, py = x + slot / 2, bottom + plot_h * max(0.0, min(1.0, share))
        points += [px, py]
        d.add(Circle(px, py, 1.3, fillColor=INK, strokeColor=None))
        label = ellipsize(_width, ln.line_id, 5.6, slot - 1)
        d.add(_string(px, bottom - 3.4 * MM, label, 5.6, INK, "middle"))
    if len(points) >= 4:
        d.add(PolyLine(points, strokeColor=INK, strokeWidth=0.9))
    d.add(Line(left, bottom, left + plot_w, bottom, strokeColor=GREY, strokeWidth=0.6))
    d.add(_string(left, 3 * MM, "kg CO2e", 6, GREY))
    d.add(_string(left + plot_w + right - 1 * MM, 3 * MM, joined("chart.cumulative", lang), 6, GREY, "end"))
    d.add(
        _string(left + plot_w / 2, bottom - 7.6 * MM, text("col.line", langs_of(lang)[0]), 6, GREY, "middle")
    )
    return d
