"""File → Export → Carbon label (PDF)… / CFP report (PDF)…, and File → Print preview….

The window's latest live result is the one the documents print (the same numbers as on screen);
the data is gathered on the GUI thread (a few factor-provenance lookups) and rendered off it.
A study whose calculation has errors is not exported: a label must never show a partial total.
"""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu

from app.gui.report_preview import LABEL, REPORT, PdfDialogs, PreviewDialog, QtPdfDialogs
from app.reports.model import ReportData


class ReportActions(QObject):
    def __init__(self, window, dialogs: PdfDialogs | None = None) -> None:
        super().__init__(window)
        self.window = window
        self.dialogs: PdfDialogs = dialogs or QtPdfDialogs(window)
        self.latest = None  # LiveResult
        self.preview: PreviewDialog | None = None
        window.calc.resultReady.connect(self._remember)
        self.act_label = QAction(self.tr("Carbon &label (PDF)…"), window)
        self.act_report = QAction(self.tr("CFP &report (PDF)…"), window)
        self.act_print = QAction(self.tr("&Print preview…"), window)
        self.act_print.setShortcuts(QKeySequence.keyBindings(QKeySequence.StandardKey.Print))
        self.act_label.triggered.connect(lambda _c=False: self.open_preview(LABEL))
        self.act_report.triggered.connect(lambda _c=False: self.open_preview(REPORT))
        self.act_print.triggered.connect(lambda _c=False: self.open_preview(REPORT))

    def add_to(self, export_menu: QMenu, file_menu: QMenu) -> None:
        """The two documents go into the shared Export submenu; Print preview into the File menu."""
        # Beside the Excel inventory, above the options that follow the first separator.
        separator = next((a for a in export_menu.actions() if a.isSeparator()), None)
        export_menu.insertActions(separator, [self.act_label, self.act_report])
        file_menu.addAction(self.act_print)

    def _remember(self, live) -> None:
        self.latest = live

    def report_data(self) -> ReportData | None:
        """What the documents print, from the current result; None (with a message) if there is none."""
        from app.services.reports import build_report_data

        w = self.window
        live = self.latest
        if (
            live is None
            or live.result is None
            or live.is_partial
            or live.revision != w.bridge.document.revision
        ):
            w.prompter.error(
                self.tr("Nothing to export"),
                self.tr("The study has no complete, current result. Fix the problems listed and wait for "
                        "the calculation to finish, then export again."),
            )  # fmt: skip
            return None
        fingerprint = w.projects.fingerprint  # a frozen, unchanged revision; None prints the DRAFT mark
        path = w.bridge.document.path
        return build_report_data(
            live.result, fingerprint, w.catalog.library(), w.ctx.gwp_tables, path.name if path else ""
        )

    def open_preview(self, kind: str) -> PreviewDialog | None:
        data = self.report_data()
        if data is None:
            return None
        if self.preview is not None:
            self.preview.close()
        path = getattr(self.window.bridge.document, "path", None)
        self.preview = PreviewDialog(data, kind, self.window.runner, self.dialogs,
                                     self.window.progress_dialogs, self.window,
                                     suggested_dir=path.parent if path else None)  # fmt: skip
        self.preview.saved.connect(lambda p: self.window.show_message(self.tr("Saved {0}").format(p)))
        self.preview.show()
        self.preview.refresh()
        return self.preview
