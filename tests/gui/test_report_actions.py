"""File → Export → label / report (PDF) with a preview; save and print through injected dialogs."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from conftest import save_and_freeze

pytestmark = pytest.mark.gui


class FakePdfDialogs:
    def __init__(self, save_to: Path | None = None, printer=None) -> None:
        self.save_to = save_to
        self.printer = printer
        self.asked: list[str] = []

    def save_pdf_path(self, title: str, suggested: Path) -> Path | None:
        self.asked.append(title)
        assert suggested.suffix == ".pdf"
        return self.save_to

    def choose_printer(self, parent):
        return self.printer


def _text(pdf: bytes) -> str:
    from pypdf import PdfReader

    return "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)


def test_label_preview_saves_the_numbers_on_screen(qtbot, opened, tmp_path: Path) -> None:
    from app.core.numbers import format_sig

    actions = opened.report_actions
    out = tmp_path / "label.pdf"
    actions.dialogs = FakePdfDialogs(save_to=out)
    file_menu = opened.menuBar().actions()[0].menu()
    export_menu = next(
        a.menu() for a in file_menu.actions() if a.menu() and actions.act_label in a.menu().actions()
    )
    assert actions.act_report in export_menu.actions() and actions.act_print in file_menu.actions()
    preview = actions.open_preview("label")
    assert preview is not None
    with qtbot.waitSignal(preview.rendered, timeout=20_000) as blocker:
        pass
    doc = blocker.args[0]
    assert doc.page_count == 1 and doc.pages[0].width > 500  # an A4 page at ~100 dpi
    assert preview.pages_layout.count() == 1
    assert doc.lang == "en"  # the documents start in the UI language (English here)
    assert "DRAFT – not frozen" in _text(doc.pdf) and "草稿" not in _text(doc.pdf)
    total = actions.latest.result.total
    preview.size_box.setCurrentIndex(preview.size_box.findData("60x40"))
    with qtbot.waitSignal(preview.rendered, timeout=20_000) as blocker:
        pass
    assert blocker.args[0].size == "60x40"
    preview.lang_box.setCurrentIndex(preview.lang_box.findData("both"))
    with qtbot.waitSignal(preview.rendered, timeout=20_000) as blocker:
        pass
    assert (blocker.args[0].size, blocker.args[0].lang) == ("60x40", "both")
    assert preview.save() == out
    text = _text(out.read_bytes())
    assert format_sig(total) in text and "kg CO2e" in text and "草稿 – 未冻结" in text
    preview.close()


def test_report_preview_prints_every_page(qtbot, opened, tmp_path: Path) -> None:
    from PySide6.QtPrintSupport import QPrinter

    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    actions = opened.report_actions
    actions.dialogs = FakePdfDialogs(printer=printer)
    preview = actions.open_preview("report")
    with qtbot.waitSignal(preview.rendered, timeout=30_000) as blocker:
        pass
    doc = blocker.args[0]
    assert doc.page_count >= 8 and len(doc.pages) == min(doc.page_count, 12)
    with qtbot.waitSignal(preview.printed, timeout=60_000) as printed:
        preview.print_document()
    assert printed.args[0] == doc.page_count
    from pypdf import PdfReader

    assert len(PdfReader(str(tmp_path / "printed.pdf")).pages) == doc.page_count
    preview.close()


def test_no_export_without_a_result(qtbot, window, prompter) -> None:
    window.report_actions.latest = None
    assert window.report_actions.open_preview("label") is None
    assert prompter.messages and prompter.messages[-1][0] == "error"


def test_a_frozen_project_label_carries_its_fingerprint(qtbot, opened, prompter, tmp_path: Path) -> None:
    fingerprint = save_and_freeze(qtbot, opened, prompter, tmp_path / "kettle.pcfw")
    data = opened.report_actions.report_data()
    assert data is not None and data.fingerprint == fingerprint
    preview = opened.report_actions.open_preview("label")
    with qtbot.waitSignal(preview.rendered, timeout=20_000) as blocker:
        pass
    text = _text(blocker.args[0].pdf).replace("\n", "")
    assert fingerprint[:16] in text and "DRAFT – not frozen" not in text
    preview.close()
