"""File ▸ Export: the auditable Excel inventory, written off the GUI thread.

The factor library is only used on the GUI thread (see ``catalog.py``): the factors a snapshot
needs and their provenance are gathered here first, then :func:`export_excel_inventory` (plain,
Qt-free) calculates the snapshot and writes the workbook on the task runner, with progress and
Cancel. A study with errors is not exported: the message says so, nothing is written.

The workbook's headers and labels are in the UI language (简体中文 UI → zh, English UI → en); the
checkable "Headers in both languages" in the same submenu writes English and Chinese side by side
(the CLI's ``--lang both``) for teams that share one file. A frozen project revision (unchanged
since, or opened read-only) prints its SHA-256 fingerprint on the Summary sheet
(``window.projects.fingerprint``); anything else is marked as a draft.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu

from app.core.compile import DictFactorSource
from app.core.domain import Factor, Study
from app.core.errors import InputError
from app.core.gwp import GwpTable
from app.core.progress import Progress
from app.gui.i18n import error_text, is_chinese_ui, problem_text
from app.io.inventory_export import FactorProvenance
from app.services.calculation import calculate_study
from app.services.exports import export_inventory_excel, factor_provenance


def export_language(both: bool) -> str:
    """The workbook language: both side by side, else the UI language ("zh" or "en")."""
    if both:
        return "both"
    return "zh" if is_chinese_ui() else "en"


def export_excel_inventory(
    progress: Progress,
    study: Study,
    factors: Mapping[str, Factor],
    gwp_tables: Mapping[str, GwpTable],
    provenance: Mapping[str, FactorProvenance],
    path: Path,
    lang: str,
    fingerprint: str | None = None,
) -> Path:
    """Worker: calculate the snapshot and write the workbook (atomic; raises on study errors).

    ``fingerprint``: the frozen revision's SHA-256 the window shows (None: the Summary says draft)."""
    progress.step(0, 0)  # the dialog already says "Writing …" in the UI language
    result = calculate_study(study, DictFactorSource(factors), gwp_tables)
    progress.check()
    return export_inventory_excel(result, path, gwp_tables=gwp_tables, provenance=provenance,
                                  fingerprint=fingerprint, lang=lang, progress=progress)  # fmt: skip


def library_ids(study: Study) -> list[str]:
    """Factor ids the study takes from the library (not its own Factors sheet, not entered on a line)."""
    own = {f.factor_id for f in study.factors}
    return sorted({ln.factor_id for ln in study.lines if ln.factor_id and ln.factor_value is None} - own)


class ExportActions(QObject):
    """The Export submenu's actions; ``window`` is the main window (runner, prompter, catalog …)."""

    excelExported = Signal(object)  # Path

    def __init__(self, window) -> None:
        super().__init__(window)
        self.window = window
        self.act_excel = QAction(self.tr("Excel inventory (auditable)…"), window)
        self.act_excel.setStatusTip(
            self.tr("Export every line with live formulas, factor sources and licences for verification")
        )
        self.act_excel.triggered.connect(lambda _checked=False: self.excel_dialog())
        self.act_both_languages = QAction(self.tr("Headers in both languages (English and Chinese)"), window)
        self.act_both_languages.setCheckable(True)
        self.act_both_languages.setStatusTip(
            self.tr("Write exported headers and labels in English and Chinese side by side")
        )

    def add_to(self, file_menu: QMenu) -> QMenu:
        menu = file_menu.addMenu(self.tr("Export"))
        menu.addAction(self.act_excel)
        menu.addSeparator()
        menu.addAction(self.act_both_languages)
        return menu

    def language(self) -> str:
        return export_language(self.act_both_languages.isChecked())

    def excel_dialog(self) -> None:
        w = self.window
        doc = w.bridge.document
        stem = doc.path.stem if doc.path else doc.study.info.product_name
        folder = doc.path.parent if doc.path else Path.home()
        path = w.prompter.save_path(self.tr("Export Excel inventory"), folder / f"{stem}-inventory.xlsx")
        if path is not None:
            self.export_excel(path)

    def export_excel(self, path: Path):
        w = self.window
        path = Path(path)
        doc = w.bridge.document
        if doc.path is not None and path.resolve() == Path(doc.path).resolve():
            w.prompter.error(
                self.tr("Export failed"), self.tr("Choose another file: this is the open study.")
            )
            return None
        study = doc.snapshot()
        factors = w.catalog.resolve(library_ids(study))
        provenance = factor_provenance(w.catalog.library(), factors)
        fingerprint = w.projects.fingerprint  # a frozen, unchanged revision; None: a draft
        task = w.runner.submit(export_excel_inventory, study, factors, w.ctx.gwp_tables, provenance, path,
                               self.language(), fingerprint, title=self.tr("Exporting"))  # fmt: skip
        w.progress_dialogs.watch(task, self.tr("Writing {0}…").format(path.name))
        task.finished.connect(lambda p: self._done(Path(p)))
        task.failed.connect(lambda exc: self._failed(path, exc))
        task.cancelled.connect(lambda: w.show_message(self.tr("Export cancelled")))
        return task

    def _done(self, path: Path) -> None:
        self.window.show_message(self.tr("Exported the Excel inventory to {0}").format(path))
        self.excelExported.emit(path)

    def _failed(self, path: Path, exc: object) -> None:
        if isinstance(exc, InputError):
            first = "\n".join(problem_text(p) for p in exc.problems[:5])  # where: the Problems panel
            text = self.tr("The study has problems; fix them (see the Problems panel) and export again.")
            self.window.prompter.error(self.tr("Export failed"), f"{text}\n\n{first}")
        else:
            self.window.prompter.error(self.tr("Export failed"), f"{path}\n\n{error_text(exc)}")
