"""A flat, read-only table model over a list of rows with translated column headers."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from app.gui.i18n import bilingual

Index = QModelIndex | QPersistentModelIndex


class BilingualListModel(QAbstractTableModel):
    """Subclasses set ``HEADERS``, keep rows in ``_rows`` and implement ``data``.

    A header is an English text marked with ``QT_TRANSLATE_NOOP("<SubclassName>", "…")`` (shown
    through ``self.tr``, so it is in the .ts under the subclass's context), or an ``(English,
    Chinese)`` pair, shown in the UI language without a .ts entry.
    """

    HEADERS: tuple[str | tuple[str, str], ...] = ()
    _rows: list

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return len(self.HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            header = self.HEADERS[section]
            if isinstance(header, tuple):
                return bilingual(*header)
            return self.tr(header)
        return None
