"""A flat, read-only table model over a list of rows with bilingual column headers."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

Index = QModelIndex | QPersistentModelIndex


class BilingualListModel(QAbstractTableModel):
    """Subclasses set ``HEADERS`` (English, Chinese) pairs, keep rows in ``_rows`` and implement ``data``."""

    HEADERS: tuple[tuple[str, str], ...] = ()
    _rows: list

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return len(self.HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            en, zh = self.HEADERS[section]
            return en if en == zh else f"{self.tr(en)} {zh}"
        return None
