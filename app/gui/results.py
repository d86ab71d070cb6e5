"""Live results: total, per-stage figures, a per-stage bar chart and the top-10 hotspots.

Every figure is the :class:`~app.services.calculation.StudyResult` of the newest calculation,
rounded by :func:`app.core.numbers.format_sig` — the same numbers ``pcf-workbench calc`` prints.
The chart is painted with QPainter (no QtCharts dependency).
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QGridLayout,
    QHeaderView,
    QLabel,
    QSizePolicy,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.core.domain import STAGES
from app.gui.i18n import boundary_label, format_number, format_share, stage_label
from app.gui.live import LiveResult
from app.gui.models import LINE_ID_ROLE, HotspotModel, hotspots

STAGE_COLORS = {
    "raw_materials": QColor(46, 125, 107),
    "production": QColor(52, 101, 164),
    "distribution": QColor(196, 140, 32),
    "use": QColor(170, 68, 101),
    "end_of_life": QColor(110, 110, 110),
}


class StageBarChart(QWidget):
    """Horizontal bars, one per stage, labelled with kg CO2e and share."""

    def __init__(self, parent: QWidget | None = None, compact: bool = False) -> None:
        super().__init__(parent)
        self._values: list[float] = [0.0] * len(STAGES)
        self._total = 0.0
        self._compact = compact
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.setAccessibleName(self.tr("Emissions by life-cycle stage"))

    def set_values(self, values: list[float], total: float) -> None:
        self._values = values
        self._total = total
        self.update()

    def values(self) -> list[float]:
        return list(self._values)

    def sizeHint(self) -> QSize:
        row = self._row_height()
        return QSize(360, row * len(STAGES) + 8)

    def minimumSizeHint(self) -> QSize:
        return QSize(220, self._row_height() * len(STAGES) + 8)

    def _row_height(self) -> int:
        fm = QFontMetrics(self.font())
        return fm.height() * (2 if self._compact else 1) + 12

    def paintEvent(self, event: QPaintEvent) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        fm = QFontMetrics(self.font())
        row = self._row_height()
        w = self.width()
        text_color = self.palette().color(QPalette.ColorRole.WindowText)
        label_w = (
            0
            if self._compact
            else min(int(w * 0.36), max(fm.horizontalAdvance(stage_label(s)) for s in STAGES) + 12)
        )
        value_w = max(fm.horizontalAdvance("8,888,888 kg  (100.0%)"), 90) if not self._compact else 0
        bar_x = label_w
        bar_w = max(10, w - label_w - value_w - 8)
        peak = max((v for v in self._values if v > 0), default=0.0)
        for i, stage in enumerate(STAGES):
            y = 4 + i * row
            value = self._values[i]
            share = value / self._total if self._total else 0.0
            figure = f"{format_number(value)} kg  ({format_share(share)})"
            p.setPen(text_color)
            if self._compact:
                p.drawText(
                    QRectF(0, y, w, fm.height()),
                    Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                    stage_label(stage),
                )
                p.drawText(
                    QRectF(0, y, w, fm.height()),
                    Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                    figure,
                )
                bar_y, bar_h = y + fm.height() + 2, row - fm.height() - 8
            else:
                p.drawText(
                    QRectF(0, y, label_w - 8, row - 6),
                    Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                    stage_label(stage),
                )
                bar_y, bar_h = y + 3, row - 12
            length = 0.0 if peak <= 0 else max(0.0, value) / peak * bar_w
            track = QColor(text_color)
            track.setAlpha(22)
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(track)
            p.drawRoundedRect(QRectF(bar_x, bar_y, bar_w, bar_h), 3, 3)
            p.setBrush(STAGE_COLORS[stage.value])
            if length > 0:
                p.drawRoundedRect(QRectF(bar_x, bar_y, max(length, 2.0), bar_h), 3, 3)
            if not self._compact:
                p.setPen(text_color)
                p.drawText(
                    QRectF(bar_x + bar_w + 8, y, value_w, row - 6),
                    Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                    figure,
                )
        p.end()


class ResultsView(QWidget):
    """Total, stage figures, chart and hotspots; ``compact`` for the side dock."""

    lineActivated = Signal(str)

    def __init__(self, parent: QWidget | None = None, compact: bool = False) -> None:
        super().__init__(parent)
        self.compact = compact
        self.title = QLabel("<b>" + self.tr("Results") + "</b>")
        self.title.setObjectName("pageTitle")
        self.total_caption = QLabel(self.tr("Product carbon footprint"))
        self.total_label = QLabel("–")
        self.total_label.setObjectName("totalFigure")
        big = QFont(self.font())
        big.setPointSizeF(big.pointSizeF() * (1.9 if compact else 2.6))
        big.setBold(True)
        self.total_label.setFont(big)
        self.total_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.unit_label = QLabel("kg CO2e")
        self.state_label = QLabel()
        self.state_label.setWordWrap(True)
        self.state_label.setObjectName("resultState")
        self.chart = StageBarChart(self, compact=compact)

        self.stage_table = QGridLayout()
        self.stage_values: dict[str, QLabel] = {}
        self.stage_shares: dict[str, QLabel] = {}
        if not compact:
            for c, text in enumerate((self.tr("Stage"), "kg CO2e", self.tr("Share"))):
                head = QLabel(f"<b>{text}</b>")
                self.stage_table.addWidget(
                    head, 0, c, alignment=Qt.AlignmentFlag.AlignRight if c else Qt.AlignmentFlag.AlignLeft
                )
            for r, stage in enumerate(STAGES, start=1):
                swatch = f"<span style='color:{STAGE_COLORS[stage.value].name()}'>■</span>"
                self.stage_table.addWidget(QLabel(f"{swatch} {stage_label(stage)}"), r, 0)
                v, s = QLabel("–"), QLabel("–")
                for lab in (v, s):
                    lab.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.stage_values[stage.value], self.stage_shares[stage.value] = v, s
                self.stage_table.addWidget(v, r, 1)
                self.stage_table.addWidget(s, r, 2)
            self.stage_table.setColumnStretch(0, 1)

        self.hotspot_model = HotspotModel(self)
        self.hotspot_view = QTableView(self)
        self.hotspot_view.setModel(self.hotspot_model)
        self.hotspot_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.hotspot_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.hotspot_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.hotspot_view.verticalHeader().hide()
        self.hotspot_view.setShowGrid(False)
        self.hotspot_view.setAlternatingRowColors(True)
        self.hotspot_view.setWordWrap(False)
        hh = self.hotspot_view.horizontalHeader()
        hh.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        hh.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        if compact:
            self.hotspot_view.setColumnHidden(2, True)
        self.hotspot_view.verticalHeader().setDefaultSectionSize(QFontMetrics(self.font()).height() + 6)
        self.hotspot_view.clicked.connect(self._activate)
        self.hotspot_view.activated.connect(self._activate)
        self.hotspot_view.setToolTip(self.tr("Click a line to select it in its stage"))

        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 8)
        if not compact:
            layout.addWidget(self.title)
        card = QFrame()
        card.setObjectName("totalCard")
        card_l = QVBoxLayout(card)
        card_l.setContentsMargins(0, 0, 0, 0)
        card_l.addWidget(self.total_caption)
        card_l.addWidget(self.total_label)
        card_l.addWidget(self.unit_label)
        layout.addWidget(card)
        layout.addWidget(self.state_label)
        layout.addSpacing(6)
        layout.addWidget(QLabel("<b>" + self.tr("By life-cycle stage") + "</b>"))
        if not compact:
            layout.addLayout(self.stage_table)
            layout.addSpacing(6)
        layout.addWidget(self.chart)
        layout.addSpacing(6)
        layout.addWidget(QLabel("<b>" + self.tr("Top 10 hotspots") + "</b>"))
        layout.addWidget(self.hotspot_view, 1)
        self.show_result(None, "")

    def _activate(self, index: QModelIndex) -> None:
        lid = index.data(LINE_ID_ROLE)
        if lid:
            self.lineActivated.emit(lid)

    def show_result(self, live: LiveResult | None, declared_unit: str) -> None:
        if live is None or live.result is None:
            self.total_label.setText("–")
            self.unit_label.setText(f"kg CO2e / {declared_unit}" if declared_unit else "kg CO2e")
            self.chart.set_values([0.0] * len(STAGES), 0.0)
            self.hotspot_model.set_hotspots([])
            for lab in (*self.stage_values.values(), *self.stage_shares.values()):
                lab.setText("–")
            if live is not None:
                n = sum(1 for p in live.problems if p.severity == "error")
                self.state_label.setText(
                    "<span style='color:#b01e1e'>"
                    + self.tr("Cannot calculate: {0} problem(s); see the Problems panel.").format(n)
                    + "</span>"
                )
            else:
                self.state_label.setText("")
            return
        res = live.result
        total = res.total
        self.total_label.setText(format_number(total))
        self.unit_label.setText(f"kg CO2e / {res.study.info.declared_unit}")
        stages = [float(v) for v in res.result.stage_totals]
        self.chart.set_values(stages, total)
        for stage, value in zip(STAGES, stages, strict=True):
            if stage.value in self.stage_values:
                self.stage_values[stage.value].setText(format_number(value))
                self.stage_shares[stage.value].setText(format_share(value / total if total else 0.0))
        self.hotspot_model.set_hotspots(hotspots(live))
        info = res.study.info
        if live.is_partial:
            self.state_label.setText(
                "<span style='color:#b01e1e'>"
                + self.tr("Partial: {0} line(s) with errors are left out.").format(len(live.excluded))
                + "</span>"
            )
        else:
            self.state_label.setText(
                f"<span style='color:#555'>{boundary_label(info.boundary)} · IPCC {info.gwp_set.value} GWP100 · "
                + self.tr("{0} lines").format(len(res.study.lines))
                + "</span>"
            )

    def figures(self) -> dict[str, str]:
        """The texts on screen (tests compare them with ``pcf-workbench calc``)."""
        out = {"total": self.total_label.text()}
        for key, lab in self.stage_values.items():
            out[key] = lab.text()
        return out
