"""Preview, save and print the label draft and the study report.

PySide6-Essentials has no QtPdf, so pages are rasterised with pypdfium2 (the pdfium library in a
wheel) off the GUI thread: the worker returns plain bytes, the dialog turns them into pixmaps.
Printing paints the pages, rendered at the printer's resolution one at a time, onto a QPrinter
(QPainter may paint on a QPrinter outside the GUI thread).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QImage, QPainter, QPixmap
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app.core.progress import Progress
from app.gui.i18n import error_text, is_chinese_ui
from app.reports.model import ReportData

LABEL, REPORT = "label", "report"
PREVIEW_SCALE = 1.4  # 72 dpi × 1.4 ≈ 100 dpi: crisp on screen, cheap to render
PREVIEW_MAX_PAGES = 12
# The document languages by their own names (as in Preferences); the label sizes are named in __init__ (tr).
LANGUAGES = (("zh", "中文"), ("en", "English"), ("both", "中文 + English"))
LABEL_SIZES = ("a4", "100x70", "60x40")


@dataclass(frozen=True, slots=True)
class PageImage:
    width: int
    height: int
    stride: int
    pixels: bytes  # RGBX8888


@dataclass(frozen=True, slots=True)
class RenderedDocument:
    kind: str
    lang: str
    size: str
    pdf: bytes
    page_count: int
    pages: tuple[PageImage, ...]  # the first PREVIEW_MAX_PAGES pages


def render_document(progress: Progress, data: ReportData, kind: str, lang: str, size: str,
                    max_pages: int = PREVIEW_MAX_PAGES, scale: float = PREVIEW_SCALE) -> RenderedDocument:  # fmt: skip
    """Worker: the PDF and preview images of its first pages (Qt-free, runs on the task runner)."""
    from app.reports.label import render_label
    from app.reports.report import render_report

    progress.check()
    pdf = render_label(data, size=size, lang=lang) if kind == LABEL else render_report(data, lang, progress)
    progress.check()
    count, pages = rasterise(pdf, max_pages, scale, progress)
    return RenderedDocument(kind, lang, size, pdf, count, pages)


def rasterise(pdf: bytes, max_pages: int, scale: float, progress: Progress | None = None):
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(pdf)
    try:
        images = []
        for i in range(min(len(doc), max_pages)):
            if progress is not None:
                progress.check()
            bitmap = doc[i].render(scale=scale, rev_byteorder=True, prefer_bgrx=True)
            images.append(PageImage(bitmap.width, bitmap.height, bitmap.stride, bytes(bitmap.buffer)))
        return len(doc), tuple(images)
    finally:
        doc.close()


class PrinterNotOpened(OSError):
    """The printer refused to start a job (the dialog says so in the UI language)."""


def default_document_language() -> str:
    """The documents' language the preview starts with: the UI language."""
    return "zh" if is_chinese_ui() else "en"


def print_pdf(progress: Progress, pdf: bytes, printer: QPrinter) -> int:
    """Worker: paint every page onto ``printer`` at its resolution; returns the pages printed."""
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(pdf)
    painter = QPainter()
    if not painter.begin(printer):
        doc.close()
        raise PrinterNotOpened("the printer could not be opened")
    try:
        n = len(doc)
        for i in range(n):
            progress.step(i, n)  # the progress dialog already says "Printing…" in the UI language
            if i:
                printer.newPage()
            target = printer.pageLayout().paintRectPixels(printer.resolution())
            page = doc[i]
            scale = min(target.width() / page.get_width(), target.height() / page.get_height())
            bitmap = page.render(scale=scale, rev_byteorder=True, prefer_bgrx=True)
            image = QImage(bytes(bitmap.buffer), bitmap.width, bitmap.height, bitmap.stride,
                           QImage.Format.Format_RGBX8888)  # fmt: skip
            painter.drawImage(0, 0, image)
        return n
    finally:
        painter.end()
        doc.close()


class PdfDialogs(Protocol):
    """The two questions the preview asks (tests pass a fake)."""

    def save_pdf_path(self, title: str, suggested: Path) -> Path | None: ...

    def choose_printer(self, parent: QWidget) -> QPrinter | None: ...


class QtPdfDialogs:
    def __init__(self, parent: QWidget | None = None) -> None:
        self.parent = parent

    def save_pdf_path(self, title: str, suggested: Path) -> Path | None:
        name, _ = QFileDialog.getSaveFileName(self.parent, title, str(suggested), "PDF (*.pdf)")
        if not name:
            return None
        path = Path(name)
        return path if path.suffix.lower() == ".pdf" else path.with_suffix(".pdf")

    def choose_printer(self, parent: QWidget) -> QPrinter | None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintDialog(printer, parent)
        return printer if dialog.exec() == QDialog.DialogCode.Accepted else None


class PreviewDialog(QDialog):
    """Shows the rendered pages; language and label size re-render; Save PDF… and Print…."""

    rendered = Signal(object)  # RenderedDocument
    saved = Signal(object)  # Path
    printed = Signal(int)  # pages

    def __init__(self, data: ReportData, kind: str, runner, dialogs: PdfDialogs, progress_dialogs=None,
                 parent: QWidget | None = None, suggested_dir: Path | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self.data = data
        self.kind = kind
        self.runner = runner
        self.dialogs = dialogs
        self.progress_dialogs = progress_dialogs
        self.suggested_dir = suggested_dir or Path.home()
        self.document: RenderedDocument | None = None
        self._task = None
        self.setWindowTitle(self.tr("Carbon label draft") if kind == LABEL else self.tr("CFP study report"))
        self.resize(900, 1000)

        self.lang_box = QComboBox()
        for code, name in LANGUAGES:
            self.lang_box.addItem(name, code)
        self.lang_box.setCurrentIndex(self.lang_box.findData(default_document_language()))
        self.size_box = QComboBox()
        size_names = {
            "a4": self.tr("A4 sheet"),
            "100x70": self.tr("Sticker 100 × 70 mm"),
            "60x40": self.tr("Sticker 60 × 40 mm"),
        }
        for code in LABEL_SIZES:
            self.size_box.addItem(size_names[code], code)
        self.size_box.setVisible(kind == LABEL)
        self.status = QLabel()
        options = QHBoxLayout()
        options.addWidget(QLabel(self.tr("Language")))
        options.addWidget(self.lang_box)
        if kind == LABEL:
            options.addWidget(QLabel(self.tr("Size")))
            options.addWidget(self.size_box)
        options.addStretch(1)
        options.addWidget(self.status)

        self.pages = QWidget()
        self.pages_layout = QVBoxLayout(self.pages)
        self.pages_layout.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.scroll = scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.pages)
        scroll.setBackgroundRole(self.backgroundRole())
        self._pixmaps: list[QPixmap] = []

        buttons = QDialogButtonBox()
        self.save_button = QPushButton(self.tr("Save PDF…"))
        self.print_button = QPushButton(self.tr("Print…"))
        buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.print_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        self.save_button.clicked.connect(self.save)
        self.print_button.clicked.connect(self.print_document)

        layout = QVBoxLayout(self)
        layout.addLayout(options)
        layout.addWidget(scroll, 1)
        layout.addWidget(buttons)
        self.lang_box.currentIndexChanged.connect(lambda _i: self.refresh())
        self.size_box.currentIndexChanged.connect(lambda _i: self.refresh())
        self._set_ready(False)

    @property
    def lang(self) -> str:
        return self.lang_box.currentData()

    @property
    def size(self) -> str:
        return self.size_box.currentData()

    def _set_ready(self, ready: bool) -> None:
        self.save_button.setEnabled(ready)
        self.print_button.setEnabled(ready)

    def refresh(self):
        """Render the document with the chosen options off the GUI thread."""
        if self._task is not None:
            self._task.cancel()
        self._set_ready(False)
        self.status.setText(self.tr("Rendering…"))
        task = self.runner.submit(render_document, self.data, self.kind, self.lang, self.size,
                                  title=self.tr("Rendering PDF"))  # fmt: skip
        self._task = task
        if self.progress_dialogs is not None:
            self.progress_dialogs.watch(task, self.tr("Rendering PDF…"))
        task.finished.connect(lambda doc, t=task: self._show(t, doc))
        task.failed.connect(lambda exc, t=task: self._failed(t, exc))
        return task

    def _show(self, task, doc: RenderedDocument) -> None:
        if task is not self._task:
            return
        self._task = None
        self.document = doc
        while self.pages_layout.count():
            item = self.pages_layout.takeAt(0)
            if item.widget() is not None:
                item.widget().deleteLater()
        self._pixmaps = []
        for page in doc.pages:
            image = QImage(page.pixels, page.width, page.height, page.stride, QImage.Format.Format_RGBX8888)
            self._pixmaps.append(QPixmap.fromImage(image.copy()))
            label = QLabel()
            label.setStyleSheet("border: 1px solid #b9c8be; background: white;")
            self.pages_layout.addWidget(label)
        self._fit_pages()
        shown = len(doc.pages)
        if doc.page_count > shown:
            self.status.setText(self.tr("{0} pages (preview of the first {1})").format(doc.page_count, shown))
        else:
            self.status.setText(self.tr("{0} page(s)").format(doc.page_count))
        self._set_ready(True)
        self.rendered.emit(doc)

    def _fit_pages(self) -> None:
        """Each page as wide as the view (never enlarged beyond its rendered size)."""
        width = max(200, self.scroll.viewport().width() - 40)
        for i, pixmap in enumerate(self._pixmaps):
            item = self.pages_layout.itemAt(i)
            label = item.widget() if item is not None else None
            if isinstance(label, QLabel):
                fitted = pixmap if pixmap.width() <= width else pixmap.scaledToWidth(
                    width, Qt.TransformationMode.SmoothTransformation)  # fmt: skip
                label.setPixmap(fitted)
                label.setFixedSize(fitted.size() + QSize(2, 2))  # the border; never squeezed by the layout

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._fit_pages()

    def _failed(self, task, exc: object) -> None:
        if task is self._task:
            self._task = None
            self.status.setText(self.tr("Rendering failed: {0}").format(error_text(exc)))

    def suggested_name(self) -> Path:
        safe = "".join(ch for ch in self.data.product_name if ch not in '\\/:*?"<>|').strip() or "study"
        suffix = f"label-{self.size}" if self.kind == LABEL else "report"
        return self.suggested_dir / f"{safe} {suffix}-{self.lang}.pdf"

    def save(self) -> Path | None:
        if self.document is None:
            return None
        title = self.tr("Save carbon label draft") if self.kind == LABEL else self.tr("Save CFP study report")
        path = self.dialogs.save_pdf_path(title, self.suggested_name())
        if path is None:
            return None
        from app.io.atomic import atomic_output

        with atomic_output(path) as tmp:
            tmp.write_bytes(self.document.pdf)
        self.status.setText(self.tr("Saved {0}").format(path.name))
        self.saved.emit(path)
        return path

    def print_document(self):
        if self.document is None:
            return None
        printer = self.dialogs.choose_printer(self)
        if printer is None:
            return None
        self._printer = printer  # kept alive until the job is done
        task = self.runner.submit(print_pdf, self.document.pdf, printer, title=self.tr("Printing"))
        if self.progress_dialogs is not None:
            self.progress_dialogs.watch(task, self.tr("Printing…"))
        task.finished.connect(lambda n: self.printed.emit(int(n)))
        task.failed.connect(self._print_failed)
        return task

    def _print_failed(self, exc: object) -> None:
        if isinstance(exc, PrinterNotOpened):
            reason = self.tr("the printer could not be opened")
        else:
            reason = error_text(exc) if isinstance(exc, BaseException) else str(exc)
        self.status.setText(self.tr("Printing failed: {0}").format(reason))
