"""Cell editors of the stage tables.

* factor column: a line edit with type-ahead search of the factor library (name, value, unit,
  dataset shown in a multi-column popup); picking a row commits the factor id at once;
* unit columns: a drop-down of the units compatible with the line's factor (mass units for a
  transport leg), still editable so that any whitelisted alias can be typed;
* data type: a drop-down; numbers and text: a line edit holding the full-precision value.
"""

from __future__ import annotations

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractItemModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QCompleter,
    QHeaderView,
    QLineEdit,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeView,
    QWidget,
)

from app.core.domain import DataType, InventoryLine, Study
from app.core.errors import UnitError
from app.core.units import UNITS, Dimension, Unit, parse_unit, units_of
from app.gui.catalog import FactorCatalog, FactorChoice
from app.gui.columns import COLUMNS
from app.gui.i18n import data_type_label, format_number
from app.gui.table_base import BilingualListModel

FACTOR_ID_ROLE = Qt.ItemDataRole.UserRole + 20
UNIT_CODE_ROLE = Qt.ItemDataRole.UserRole + 21

Index = QModelIndex | QPersistentModelIndex


class FactorSearchModel(BilingualListModel):
    """Rows of the factor picker's popup."""

    HEADERS = (
        QT_TRANSLATE_NOOP("FactorSearchModel", "Factor"),
        "kg CO2e",
        QT_TRANSLATE_NOOP("FactorSearchModel", "per"),
        QT_TRANSLATE_NOOP("FactorSearchModel", "Dataset"),
        QT_TRANSLATE_NOOP("FactorSearchModel", "ID"),
    )

    def __init__(self, catalog: FactorCatalog, study_getter, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._catalog = catalog
        self._study = study_getter
        self._rows: list[FactorChoice] = []

    def set_query(self, text: str) -> None:
        self.beginResetModel()
        self._rows = self._catalog.search(text, self._study()) if text.strip() else []
        self.endResetModel()

    def choice(self, row: int) -> FactorChoice:
        return self._rows[row]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        c = self._rows[index.row()]
        f = c.factor
        if role == Qt.ItemDataRole.DisplayRole:
            dataset = f.dataset or (self.tr("study") if c.origin == "study" else "")
            if f.dataset_version:
                dataset = f"{dataset} {f.dataset_version}"
            return (c.label, format_number(f.value), f.unit, dataset, f.factor_id)[index.column()]
        if role in (FACTOR_ID_ROLE, Qt.ItemDataRole.EditRole):
            return f.factor_id
        if role == Qt.ItemDataRole.ToolTipRole:
            where = ", ".join(str(x) for x in (c.category, c.region, c.year) if x)
            return "\n".join(x for x in (c.label, f"{f.value!r} kg CO2e / {f.unit}", f.source, where) if x)
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() == 1:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


class FactorPicker(QLineEdit):
    """Type words (English or Chinese, any order); the library's best matches pop up."""

    picked = Signal(str)

    def __init__(self, catalog: FactorCatalog, study_getter, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setPlaceholderText(self.tr("Type to search factors…"))
        self.search_model = FactorSearchModel(catalog, study_getter, self)
        self.completer_ = QCompleter(self.search_model, self)
        self.completer_.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self.completer_.setCompletionRole(FACTOR_ID_ROLE)
        self.completer_.setMaxVisibleItems(12)
        popup = QTreeView()
        popup.setRootIsDecorated(False)
        popup.setUniformRowHeights(True)
        popup.setAlternatingRowColors(True)
        popup.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        popup.header().setStretchLastSection(False)
        popup.header().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        popup.setMinimumWidth(720)
        self.completer_.setPopup(popup)
        self.completer_.setWidget(self)
        self.completer_.activated[str].connect(self._on_activated)
        self.textEdited.connect(self._search)

    @property
    def popup(self) -> QTreeView:
        return self.completer_.popup()  # type: ignore[return-value]

    def _search(self, text: str) -> None:
        self.search_model.set_query(text)
        if self.search_model.rowCount():
            self.completer_.complete()
            self.popup.setCurrentIndex(self.completer_.completionModel().index(0, 0))
        else:
            self.popup.hide()

    def _on_activated(self, factor_id: str) -> None:
        self.setText(factor_id)
        self.picked.emit(factor_id)


def compatible_units(line: InventoryLine | None, factor_unit: str | None) -> list[Unit]:
    """Units a line's quantity may be in: the factor's dimension (mass for a transport leg)."""
    if line is not None and line.is_transport:
        return units_of(Dimension.MASS)
    if factor_unit:
        try:
            return units_of(parse_unit(factor_unit).dimension)
        except UnitError:
            pass
    return list(UNITS.values())


class InventoryDelegate(QStyledItemDelegate):
    """Chooses the editor by column kind (see :mod:`app.gui.columns`)."""

    def __init__(self, catalog: FactorCatalog, study_getter, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._catalog = catalog
        self._study = study_getter

    def _column(self, index: Index):
        return COLUMNS[index.column()]

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        col = self._column(index)
        if col.kind == "factor":
            editor = FactorPicker(self._catalog, self._study, parent)
            editor.picked.connect(lambda _id, e=editor: self._commit_and_close(e))
            return editor
        if col.kind == "unit":
            combo = QComboBox(parent)
            combo.setEditable(True)
            combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
            for unit in self._units_for(index, col.key):
                combo.addItem(f"{unit.code} — {unit.label_zh}" if unit.label_zh else unit.code, unit.code)
            combo.setMaxVisibleItems(20)
            return combo
        if col.kind == "choice":
            combo = QComboBox(parent)
            combo.addItem("", "")
            for dt in DataType:
                combo.addItem(data_type_label(dt), dt.value)
            return combo
        editor = QLineEdit(parent)
        editor.setFrame(False)
        return editor

    def _units_for(self, index: Index, key: str) -> list[Unit]:
        model = index.model()
        line = model.line(index) if hasattr(model, "line") else None  # type: ignore[attr-defined]
        if key == "factor_unit" or line is None:
            return list(UNITS.values())
        factor_unit = line.factor_unit if line.factor_value is not None else None
        if factor_unit is None and line.factor_id:
            factor = self._catalog.get(line.factor_id, self._study())
            factor_unit = factor.unit if factor is not None else None
        return compatible_units(line, factor_unit)

    def _commit_and_close(self, editor: QWidget) -> None:
        self.commitData.emit(editor)
        self.closeEditor.emit(editor, QStyledItemDelegate.EndEditHint.NoHint)

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        text = index.data(Qt.ItemDataRole.EditRole) or ""
        if isinstance(editor, QComboBox):
            i = editor.findData(text)
            if i >= 0:
                editor.setCurrentIndex(i)
            elif editor.isEditable():
                editor.setEditText(str(text))
            return
        if isinstance(editor, QLineEdit) and not editor.text():
            # Type-to-edit: Qt passes the first key to the editor before this call.
            editor.setText(str(text))
            editor.selectAll()

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: Index) -> None:
        if isinstance(editor, QComboBox):
            text = editor.currentText()
            i = editor.findText(text)
            value = editor.itemData(i) if i >= 0 else text
        else:
            value = editor.text()  # type: ignore[attr-defined]
        model.setData(index, value, Qt.ItemDataRole.EditRole)

    def updateEditorGeometry(self, editor: QWidget, option: QStyleOptionViewItem, index: Index) -> None:
        editor.setGeometry(option.rect)


def study_getter_for(bridge) -> object:
    def get() -> Study:
        return bridge.study

    return get
