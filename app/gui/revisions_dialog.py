"""The Revisions dialog: list a project's revisions, open a frozen one read-only, compare two.

Comparing uses the frozen snapshots (exactly what was certified); the working state is
calculated on the fly. The text lists added, removed and changed lines (with each line's effect
on the footprint), changed factors and settings, and the effect on the total and per stage.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from app.core.domain import STAGES
from app.core.errors import InputError
from app.gui.i18n import bilingual, format_number, problem_text, stage_label
from app.gui.project_actions import local_time_text
from app.io import study_schema as schema
from app.project.compare import Comparison, ItemChange
from app.project.model import Project
from app.services.projects import compare_revisions

WORKING_ROW = -1  # the row of the unsaved working state (compared live)


# The Chinese names of the study's fields (inventory, study sheet, factors) for the comparison text.
_FIELD_ZH = {f.key: f.zh for f in (*schema.INVENTORY_FIELDS, *schema.STUDY_FIELDS, *schema.FACTOR_FIELDS)}


def _signed(value: float) -> str:
    return ("+" if value > 0 else "") + format_number(value)


def _field_label(key: str) -> str:
    """A field of a line, factor or the study in the UI language (keys stay as they are in English)."""
    return bilingual(key, _FIELD_ZH.get(key.removeprefix("method."), ""))


def _value_text(value: object) -> str:
    return "–" if value is None or value == "" else str(value)


class RevisionsDialog(QDialog):
    def __init__(self, controller, parent=None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.setWindowTitle(self.tr("Revisions"))
        self.resize(900, 560)
        layout = QVBoxLayout(self)
        self.header = QLabel()
        layout.addWidget(self.header)
        self.table = QTableWidget(0, 5)
        self.table.setHorizontalHeaderLabels(
            [self.tr("Revision"), self.tr("Status"), self.tr("Frozen"), self.tr("Total kg CO2e"),
             self.tr("SHA-256 fingerprint")]
        )  # fmt: skip
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        layout.addWidget(self.table, 2)
        self.details = QPlainTextEdit()
        self.details.setReadOnly(True)
        layout.addWidget(self.details, 3)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.open_button = QPushButton(self.tr("Open read-only"))
        self.compare_button = QPushButton(self.tr("Compare"))
        self.compare_button.setToolTip(
            self.tr("Select two revisions, or one to compare with the working state")
        )
        buttons.addButton(self.open_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.compare_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.open_button.clicked.connect(self.open_selected)
        self.compare_button.clicked.connect(self.compare_selected)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.refresh()

    @property
    def project(self) -> Project:
        return (
            self.controller.current_project()
            if self.controller.session.viewing is None
            else self.controller.session.project
        )

    def refresh(self) -> None:
        session = self.controller.session
        self.header.setText(
            f"<b>{session.path.name if session.path else ''}</b> — {self.controller.state_text()}"
        )
        revisions = session.project.revisions
        self.table.setRowCount(len(revisions))
        for row, rev in enumerate(revisions):
            total = rev.total
            values = [
                str(rev.number),
                self.tr("frozen") if rev.is_frozen else self.tr("working"),
                local_time_text(rev.frozen_at),
                format_number(total) if total is not None else "",
                rev.fingerprint or "",
            ]
            for col, text in enumerate(values):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, rev.number)
                self.table.setItem(row, col, item)
        self._update_buttons()

    def selected_numbers(self) -> list[int]:
        rows = sorted({i.row() for i in self.table.selectedIndexes()})
        return [int(self.table.item(r, 0).data(Qt.ItemDataRole.UserRole)) for r in rows]

    def select(self, *numbers: int) -> None:
        self.table.clearSelection()
        mode = self.table.selectionMode()
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.MultiSelection)
        for row in range(self.table.rowCount()):
            if int(self.table.item(row, 0).data(Qt.ItemDataRole.UserRole)) in numbers:
                self.table.selectRow(row)
        self.table.setSelectionMode(mode)

    def _frozen(self, number: int) -> bool:
        rev = self.controller.session.project.revision(number)
        return rev is not None and rev.is_frozen

    def _update_buttons(self) -> None:
        numbers = self.selected_numbers()
        self.open_button.setEnabled(len(numbers) == 1 and self._frozen(numbers[0]))
        self.compare_button.setEnabled(1 <= len(numbers) <= 2 and self._frozen(numbers[0]))

    def open_selected(self) -> bool:
        numbers = self.selected_numbers()
        if len(numbers) != 1 or not self._frozen(numbers[0]):
            return False
        opened = self.controller.open_revision(numbers[0])
        if opened:
            self.accept()
        return opened

    def compare_selected(self) -> Comparison | None:
        numbers = self.selected_numbers()
        if not 1 <= len(numbers) <= 2:
            return None
        a = numbers[0]
        b = numbers[1] if len(numbers) == 2 else None
        try:
            cmp = compare_revisions(self.project, a, b, self.controller.window.ctx)
        except InputError as exc:
            self.details.setPlainText("\n".join(problem_text(p) for p in exc.problems))
            return None
        self.details.setPlainText(self.comparison_text(a, b, cmp))
        return cmp

    def comparison_text(self, a: int, b: int | None, cmp: Comparison) -> str:
        after = self.tr("revision {0}").format(b) if b is not None else self.tr("the working state")
        out = [self.tr("Revision {0} → {1}").format(a, after), ""]
        if cmp.total_before is not None and cmp.total_after is not None:
            out.append(
                self.tr("Total: {0} → {1} kg CO2e ({2})").format(
                    format_number(cmp.total_before),
                    format_number(cmp.total_after),
                    _signed(cmp.total_delta or 0.0),
                )
            )
            for stage in STAGES:
                delta = cmp.stage_deltas()[stage.value]
                if delta:
                    out.append(f"  {stage_label(stage)}: {_signed(delta)} kg CO2e")
        if cmp.is_empty:
            out += ["", self.tr("No differences.")]
            return "\n".join(out)
        sections = (
            (self.tr("Lines"), cmp.lines),
            (self.tr("Factors"), cmp.factors),
            (self.tr("Settings"), cmp.settings),
        )
        kinds = {"added": self.tr("added"), "removed": self.tr("removed"), "changed": self.tr("changed")}
        for title, changes in sections:
            if not changes:
                continue
            out += ["", f"{title} ({len(changes)})"]
            for change in changes:
                text = (
                    self.change_text(change)
                    if change.kind == "changed"
                    else f"{change.key}: {kinds[change.kind]}"
                )
                if change.effect_kgco2e:
                    text += f"  [{_signed(change.effect_kgco2e)} kg CO2e]"
                out.append("  " + text)
        return "\n".join(out)

    @staticmethod
    def change_text(change: ItemChange) -> str:
        """``key: field before → after; …`` with the field names in the UI language."""
        before, after = change.before or {}, change.after or {}
        if change.fields == ("value",) and "key" in after:  # a study or method setting
            return f"{_field_label(change.key)}: {_value_text(before.get('value'))} → {_value_text(after.get('value'))}"
        parts = [
            f"{_field_label(f)} {_value_text(before.get(f))} → {_value_text(after.get(f))}"
            for f in change.fields
        ]
        return f"{change.key}: " + "; ".join(parts)
