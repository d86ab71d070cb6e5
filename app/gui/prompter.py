"""Questions and messages to the user, behind one injected object.

Actions ask through a :class:`Prompter` and then do the work themselves, so tests pass a fake
prompter with canned answers instead of monkeypatching message boxes or file dialogs.
"""

from __future__ import annotations

from pathlib import Path
from typing import Protocol

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

SAVE_SUFFIXES = (".pcfw", ".xlsx", ".xlsm")


def study_filter() -> str:
    """The file-dialog filter for projects and study workbooks, in the UI language."""
    return QCoreApplication.translate(
        "QtPrompter",
        "Projects and study workbooks (*.pcfw *.xlsx *.xlsm);;Projects (*.pcfw);;"
        "Study workbooks (*.xlsx *.xlsm);;All files (*)",
    )


def bom_filter() -> str:
    """The file-dialog filter for bills of materials (ERP exports as workbooks or CSV text)."""
    return QCoreApplication.translate("QtPrompter", "BOM files (*.xlsx *.csv *.txt);;All files (*)")


class Prompter(Protocol):
    def open_path(self, title: str, start: Path | None, file_filter: str | None = None) -> Path | None: ...

    def save_path(self, title: str, suggested: Path) -> Path | None: ...

    def confirm(self, title: str, text: str) -> bool: ...

    def info(self, title: str, text: str) -> None: ...

    def error(self, title: str, text: str) -> None: ...


class QtPrompter:
    """Native dialogs, parented to the main window."""

    def __init__(self, parent: QWidget | None = None) -> None:
        self.parent = parent

    def open_path(self, title: str, start: Path | None, file_filter: str | None = None) -> Path | None:
        """``file_filter``: e.g. :func:`bom_filter`; study workbooks when not given."""
        name, _ = QFileDialog.getOpenFileName(
            self.parent, title, str(start or Path.home()), file_filter or study_filter()
        )
        return Path(name) if name else None

    def save_path(self, title: str, suggested: Path) -> Path | None:
        name, _ = QFileDialog.getSaveFileName(self.parent, title, str(suggested), study_filter())
        if not name:
            return None
        path = Path(name)
        if path.suffix.lower() in SAVE_SUFFIXES:
            return path
        return path.with_suffix(suggested.suffix if suggested.suffix.lower() in SAVE_SUFFIXES else ".xlsx")

    def confirm(self, title: str, text: str) -> bool:
        answer = QMessageBox.question(self.parent, title, text)
        return answer == QMessageBox.StandardButton.Yes

    def info(self, title: str, text: str) -> None:
        QMessageBox.information(self.parent, title, text)

    def error(self, title: str, text: str) -> None:
        QMessageBox.critical(self.parent, title, text)
