"""The pages of the main window: study settings and one editor per life-cycle stage.

A :class:`StageEditor` is a spreadsheet-like tree of the stage's lines with a hint that fits the
stage. Line operations (add, child, delete, duplicate, indent, outdent, move, copy, paste) are
methods here; the main window's menus and toolbar call them on the current page. Every one of
them becomes one core command (a paste is one :class:`~app.core.edits.Macro`), so one undo.
"""

from __future__ import annotations

import dataclasses

from PySide6.QtCore import QT_TRANSLATE_NOOP, QItemSelectionModel, QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QSpinBox,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from app.core.domain import Boundary, GwpSet, InventoryLine, Stage
from app.core.edits import (
    Changes,
    Command,
    DeleteLines,
    EditError,
    InsertLines,
    MoveLine,
    SetLineFields,
    SetStudyInfo,
    duplicate,
    indent,
    outdent,
    subtree_end,
)
from app.gui.catalog import FactorCatalog
from app.gui.columns import COLUMNS, DEFAULT_UNIT, HIDDEN_BY_DEFAULT, CellError, parse_cell
from app.gui.delegates import InventoryDelegate
from app.gui.document import DocumentBridge
from app.gui.i18n import bilingual, boundary_label, error_text, format_share, stage_label
from app.gui.models import InventoryModel

_HINTS: dict[Stage, str] = {  # shown through self.tr (context StageEditor)
    Stage.RAW_MATERIALS: QT_TRANSLATE_NOOP(
        "StageEditor",
        "Bill of materials per declared unit. A sub-assembly line has child lines; a child's quantity "
        "is per ONE unit of its parent. Loss is the scrap rate (gross = quantity × (1 + loss)).",
    ),
    Stage.PRODUCTION: QT_TRANSLATE_NOOP(
        "StageEditor",
        "Energy, water and auxiliary materials used in your plant per declared unit "
        "(e.g. allocated electricity in kWh, natural gas in Nm3).",
    ),
    Stage.DISTRIBUTION: QT_TRANSLATE_NOOP(
        "StageEditor",
        "Transport legs: enter the mass carried (product plus packaging) in kg or t, the distance in km "
        "and a t·km factor of the transport mode (truck, rail, ship, air). Emissions = t × km × factor.",
    ),
    Stage.USE: QT_TRANSLATE_NOOP(
        "StageEditor",
        "Energy and consumables over the whole service life per declared unit: "
        "e.g. 0.2 kWh per use × 3 uses a day × 365 days × 5 years = 1,095 kWh.",
    ),
    Stage.END_OF_LIFE: QT_TRANSLATE_NOOP(
        "StageEditor",
        "Disposal routes of the product's mass: one line per route (recycling, incineration, landfill) "
        "with the route share in the Route share column; the shares should add up to 100%.",
    ),
}

# The name a new line starts with (study data: written in the UI language of the moment).
_NEW_LINE_NAMES: dict[Stage, str] = {
    Stage.RAW_MATERIALS: QT_TRANSLATE_NOOP("StageEditor", "New material"),
    Stage.PRODUCTION: QT_TRANSLATE_NOOP("StageEditor", "New energy input"),
    Stage.DISTRIBUTION: QT_TRANSLATE_NOOP("StageEditor", "New transport leg"),
    Stage.USE: QT_TRANSLATE_NOOP("StageEditor", "New use-phase input"),
    Stage.END_OF_LIFE: QT_TRANSLATE_NOOP("StageEditor", "New disposal route"),
}


class StageEditor(QWidget):
    """Tree table of one stage's lines, with the stage's hint above it."""

    message = Signal(str)

    def __init__(
        self,
        bridge: DocumentBridge,
        stage: Stage,
        catalog: FactorCatalog,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.bridge = bridge
        self.stage = stage
        self.model = InventoryModel(bridge, stage, catalog, self)
        self.model.statusMessage.connect(self.message)
        self.model.resultsChanged.connect(self._repaint)

        title = QLabel(f"<b>{stage_label(stage)}</b>")
        title.setObjectName("pageTitle")
        self.hint = QLabel(self.tr(_HINTS[stage]))
        self.hint.setWordWrap(True)
        self.hint.setObjectName("stageHint")
        self.footer = QLabel()
        self.footer.setObjectName("stageFooter")

        self.view = QTreeView(self)
        self.view.setModel(self.model)
        self.view.setItemDelegate(InventoryDelegate(catalog, lambda: bridge.study, self.view))
        self.view.setUniformRowHeights(True)  # constant-time layout: smooth at 10k+ rows
        self.view.setAlternatingRowColors(True)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.view.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.view.setAllColumnsShowFocus(False)
        self.view.setExpandsOnDoubleClick(False)
        self.view.setAnimated(False)
        self.view.setIndentation(18)
        header = self.view.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignCenter)
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(self._header_menu)
        for i, col in enumerate(COLUMNS):
            self.view.setColumnWidth(i, col.width)
            self.view.setColumnHidden(i, col.key in HIDDEN_BY_DEFAULT[stage])
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)

        self._expanded_before_reset: set[str] | None = None
        self._current_before_reset: tuple[str, int] | None = None
        self.model.modelAboutToBeReset.connect(self._remember_view_state)
        self.model.modelReset.connect(self._restore_view_state)
        bridge.changed.connect(self._on_changed)

        head = QVBoxLayout()
        head.setContentsMargins(10, 8, 10, 4)
        head.setSpacing(2)
        head.addWidget(title)
        head.addWidget(self.hint)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addLayout(head)
        layout.addWidget(self.view, 1)
        foot = QHBoxLayout()
        foot.setContentsMargins(10, 3, 10, 3)
        foot.addWidget(self.footer)
        layout.addLayout(foot)
        self.view.expandAll()
        self._update_footer()

    def _repaint(self) -> None:
        self.view.viewport().update()

    # --- view state across model resets ------------------------------------------------------

    def _remember_view_state(self) -> None:
        m = self.model
        collapsed = {
            lid
            for lid in m.line_ids()
            if m.hasChildren(m.index_of(lid)) and not self.view.isExpanded(m.index_of(lid))
        }
        self._expanded_before_reset = collapsed
        cur = self.view.currentIndex()
        self._current_before_reset = (m.line_id(cur), cur.column()) if cur.isValid() else None  # type: ignore[assignment]

    def _restore_view_state(self) -> None:
        collapsed = self._expanded_before_reset or set()
        self.view.expandAll()
        for lid in collapsed:
            idx = self.model.index_of(lid)
            if idx.isValid():
                self.view.collapse(idx)
        if self._current_before_reset is not None:
            lid, column = self._current_before_reset
            idx = self.model.index_of(lid, column) if lid else QModelIndex()
            if idx.isValid():
                self.view.setCurrentIndex(idx)
        self._expanded_before_reset = None
        self._current_before_reset = None

    def _on_changed(self, changes: Changes) -> None:
        if changes.structure or (self.stage is Stage.END_OF_LIFE and changes.lines):
            self._update_footer()

    def _update_footer(self) -> None:
        n = self.model.line_count()
        text = self.tr("{0} lines").format(n)
        if self.stage is Stage.END_OF_LIFE:
            tops = [self.model.line_for(lid) for lid in self.model.top_level_ids()]
            shares = sum(line.allocation for line in tops if line is not None)
            if self.model.top_level_ids():
                text += "  ·  " + self.tr("route shares add up to {0}").format(format_share(shares))
        self.footer.setText(text)

    def _header_menu(self, pos) -> None:
        menu = QMenu(self)
        for i, col in enumerate(COLUMNS):
            act = menu.addAction(bilingual(col.label_en, col.label_zh))
            act.setCheckable(True)
            act.setChecked(not self.view.isColumnHidden(i))
            act.toggled.connect(lambda on, i=i: self.view.setColumnHidden(i, not on))
        menu.exec(self.view.header().mapToGlobal(pos))

    # --- selection helpers ---------------------------------------------------------------------

    def selected_line_ids(self) -> list[str]:
        """Selected lines in display order (any selected cell selects its line)."""
        ids: list[str] = []
        seen: set[str] = set()
        indexes = self.view.selectionModel().selectedIndexes() or [self.view.currentIndex()]
        for idx in sorted((i for i in indexes if i.isValid()), key=self._row_key):
            lid = self.model.line_id(idx)
            if lid and lid not in seen:
                seen.add(lid)
                ids.append(lid)
        return ids

    def _row_key(self, index: QModelIndex) -> int:
        return self.view.visualRect(index).top() if index.isValid() else 0

    def visible_rows(self) -> list[QModelIndex]:
        """Column-0 indexes of the rows a person sees, top to bottom (expanded parents open)."""
        out: list[QModelIndex] = []
        stack = [self.model.index(r, 0) for r in range(self.model.rowCount() - 1, -1, -1)]
        while stack:
            idx = stack.pop()
            out.append(idx)
            if self.view.isExpanded(idx):
                n = self.model.rowCount(idx)
                stack.extend(self.model.index(r, 0, idx) for r in range(n - 1, -1, -1))
        return out

    def visible_columns(self) -> list[int]:
        header = self.view.header()
        return [
            header.logicalIndex(v)
            for v in range(header.count())
            if not header.isSectionHidden(header.logicalIndex(v))
        ]

    def select_line(self, line_id: str, column_key: str | None = None) -> bool:
        col = self.model.column_of(column_key) if column_key in {c.key for c in COLUMNS} else 0
        idx = self.model.index_of(line_id, col)
        if not idx.isValid():
            return False
        if self.view.isColumnHidden(col):
            self.view.setColumnHidden(col, False)
        parent = idx.parent()
        while parent.isValid():
            self.view.expand(parent)
            parent = parent.parent()
        self.view.setCurrentIndex(idx)
        self.view.selectionModel().select(
            idx, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
        )
        self.view.scrollTo(idx, QAbstractItemView.ScrollHint.PositionAtCenter)
        self.view.setFocus()
        return True

    def _push(self, command: Command | None, text: str) -> bool:
        if command is None:
            return False
        return self.bridge.push(command, text)

    def _fail(self, exc: Exception) -> None:
        self.message.emit(error_text(exc))

    # --- line operations -------------------------------------------------------------------------

    def new_line(self, parent_id: str | None = None) -> InventoryLine:
        stage = None if parent_id else self.stage
        line = InventoryLine(
            line_id=self.bridge.document.new_line_id(),
            name=self.tr(_NEW_LINE_NAMES[self.stage]),
            quantity=0.0,
            unit=DEFAULT_UNIT[self.stage],
            stage=stage,
            parent_id=parent_id,
        )
        if self.stage is Stage.DISTRIBUTION:
            line = dataclasses.replace(line, distance_km=0.0)
        return line

    def add_line(self) -> str | None:
        """A new line after the current line's subtree (same level), or at the end of the stage."""
        study = self.bridge.study
        cur = self.view.currentIndex()
        lid = self.model.line_id(cur)
        if lid is not None:
            current = self.model.line(cur)
            parent_id = current.parent_id if current else None
            pos = subtree_end(study, lid)
        else:
            parent_id = None
            tops = self.model.top_level_ids()
            pos = subtree_end(study, tops[-1]) if tops else len(study.lines)
        line = self.new_line(parent_id)
        if self._push(InsertLines(pos, (line,)), self.tr("Add line")):
            self._start_editing(line.line_id)
            return line.line_id
        return None

    def add_child_line(self) -> str | None:
        lid = self.model.line_id(self.view.currentIndex())
        if lid is None:
            self.message.emit(self.tr("Select the line that gets a child line first"))
            return None
        line = self.new_line(lid)
        if self._push(InsertLines(subtree_end(self.bridge.study, lid), (line,)), self.tr("Add child line")):
            self._start_editing(line.line_id)
            return line.line_id
        return None

    def _start_editing(self, line_id: str) -> None:
        self.select_line(line_id)
        idx = self.model.index_of(line_id, 0)
        QTimer.singleShot(0, lambda: self.view.edit(idx) if idx.isValid() else None)

    def delete_lines(self) -> bool:
        ids = self.selected_line_ids()
        if not ids:
            return False
        below = self._neighbour_after(ids)
        n = len(ids)
        ok = self._push(DeleteLines(tuple(ids)), self.tr("Delete {0} line(s)").format(n))
        if ok and below:
            self.select_line(below)
        return ok

    def _neighbour_after(self, ids: list[str]) -> str | None:
        rows = [self.model.line_id(i) for i in self.visible_rows()]
        doomed = set(ids)
        last = max((i for i, lid in enumerate(rows) if lid in doomed), default=-1)
        for lid in rows[last + 1 :]:
            if lid not in doomed:
                return lid
        return None

    def duplicate_lines(self) -> bool:
        ids = self.selected_line_ids()
        if not ids:
            return False
        doc = self.bridge.document
        return self._push(duplicate(doc.study, ids, doc.new_line_id), self.tr("Duplicate line(s)"))

    def indent_lines(self) -> bool:
        ids = self.selected_line_ids()
        try:
            command = indent(self.bridge.study, ids) if ids else None
        except EditError as exc:
            self._fail(exc)
            return False
        ok = self._push(command, self.tr("Make child line"))
        if ok:
            self.select_line(ids[0])
        return ok

    def outdent_lines(self) -> bool:
        ids = self.selected_line_ids()
        try:
            command = outdent(self.bridge.study, ids) if ids else None
        except EditError as exc:
            self._fail(exc)
            return False
        ok = self._push(command, self.tr("Move line up a level"))
        if ok:
            self.select_line(ids[0])
        return ok

    def move_lines(self, direction: int) -> bool:
        ids = self.selected_line_ids()
        if not ids:
            return False
        order = ids if direction < 0 else list(reversed(ids))
        from app.core.edits import Macro

        ok = self._push(
            Macro(tuple(MoveLine(lid, direction) for lid in order), "Move"),
            self.tr("Move line(s) up") if direction < 0 else self.tr("Move line(s) down"),
        )
        if ok:
            self.select_line(ids[0])
        return ok

    def clear_cells(self) -> bool:
        """Delete key: empty the optional cells of the selection (required ones are kept)."""
        commands: list[Command] = []
        by_line: dict[str, dict[str, object]] = {}
        for idx in self.view.selectionModel().selectedIndexes():
            col = COLUMNS[idx.column()]
            lid = self.model.line_id(idx)
            if not col.editable or lid is None:
                continue
            try:
                values = self.model.values_for(lid, col, "")
            except CellError:
                continue  # a required field: leave it
            by_line.setdefault(lid, {}).update(values)
        commands = [SetLineFields(lid, v) for lid, v in by_line.items() if v]
        return self.bridge.push_many(commands, self.tr("Clear cells"))

    # --- clipboard ---------------------------------------------------------------------------------

    def copy_text(self) -> str:
        """The selected cell range as tab-separated text, full precision (Excel pastes it as cells)."""
        indexes = [i for i in self.view.selectionModel().selectedIndexes() if i.isValid()]
        if not indexes:
            return ""
        rows = self.visible_rows()
        row_pos = {self.model.line_id(r): i for i, r in enumerate(rows)}
        cols = self.visible_columns()
        col_pos = {c: i for i, c in enumerate(cols)}
        chosen = [(row_pos.get(self.model.line_id(i), -1), col_pos.get(i.column(), -1), i) for i in indexes]
        chosen = [c for c in chosen if c[0] >= 0 and c[1] >= 0]
        if not chosen:
            return ""
        r0, r1 = min(c[0] for c in chosen), max(c[0] for c in chosen)
        c0, c1 = min(c[1] for c in chosen), max(c[1] for c in chosen)
        grid = [[""] * (c1 - c0 + 1) for _ in range(r1 - r0 + 1)]
        for r, c, idx in chosen:
            value = idx.data(Qt.ItemDataRole.EditRole)
            grid[r - r0][c - c0] = "" if value is None else _clean_cell(str(value))
        return "\n".join("\t".join(row) for row in grid) + "\n"

    def copy(self) -> None:
        text = self.copy_text()
        if text:
            QGuiApplication.clipboard().setText(text)
            self.message.emit(self.tr("Copied {0} row(s)").format(text.count("\n")))

    def cut(self) -> None:
        self.copy()
        self.clear_cells()

    def paste(self, text: str | None = None) -> bool:
        """Paste a tab-separated range at the current cell; rows past the end become new lines."""
        text = QGuiApplication.clipboard().text() if text is None else text
        grid = parse_tsv(text)
        if not grid:
            return False
        cur = self.view.currentIndex()
        rows = self.visible_rows()
        cols = self.visible_columns()
        if cur.isValid():
            lid = self.model.line_id(cur)
            start_row = next((i for i, r in enumerate(rows) if self.model.line_id(r) == lid), len(rows))
            start_col = cols.index(cur.column()) if cur.column() in cols else 0
        else:
            start_row, start_col = len(rows), 0
        commands: list[Command] = []
        errors: list[str] = []
        new_lines: list[InventoryLine] = []
        for r, cells in enumerate(grid):
            target = start_row + r
            if target < len(rows):
                lid = self.model.line_id(rows[target])
                values = self._paste_values(lid, cells, cols, start_col, r, errors)
                if values:
                    renamed = values.pop("line_id", None)
                    if values:
                        commands.append(SetLineFields(lid, values))  # type: ignore[arg-type]
                    if renamed is not None:
                        commands.append(SetLineFields(lid, {"line_id": renamed}))  # type: ignore[arg-type]
            else:
                line = self._new_pasted_line(cells, cols, start_col, r, errors, new_lines)
                if line is not None:
                    new_lines.append(line)
        if new_lines:
            tops = self.model.top_level_ids()
            study = self.bridge.study
            pos = subtree_end(study, tops[-1]) if tops else len(study.lines)
            commands.append(InsertLines(pos, tuple(new_lines)))
        ok = self.bridge.push_many(
            commands, self.tr("Paste {0} × {1}").format(len(grid), max(map(len, grid)))
        )
        if errors:
            shown = "; ".join(errors[:3]) + (" …" if len(errors) > 3 else "")
            self.message.emit(self.tr("{0} cell(s) not pasted: {1}").format(len(errors), shown))
        elif ok:
            self.message.emit(self.tr("Pasted {0} row(s)").format(len(grid)))
        return ok

    def _paste_values(self, lid, cells, cols, start_col, r, errors) -> dict[str, object]:
        values: dict[str, object] = {}
        line = self.model.line_for(lid) if lid else None
        for c, text in enumerate(cells):
            if start_col + c >= len(cols):
                break
            col = COLUMNS[cols[start_col + c]]
            if not col.editable:
                continue
            try:
                parsed = parse_cell(col, text)
            except CellError as exc:
                errors.append(f"R{r + 1}C{c + 1} {error_text(exc)}")
                continue
            if line is None or getattr(line, col.key) != parsed:
                values[col.key] = parsed
        return values

    def _new_pasted_line(self, cells, cols, start_col, r, errors, pending) -> InventoryLine | None:
        line = self.new_line(None)
        taken = {ln.line_id for ln in pending}
        while line.line_id in taken:
            line = dataclasses.replace(line, line_id=self.bridge.document.new_line_id())
        values = self._paste_values(None, cells, cols, start_col, r, errors)
        values.pop("line_id", None)  # ids of new lines are generated; pasted ids could clash
        if not any(str(c).strip() for c in cells):
            return None
        return dataclasses.replace(line, **values)  # type: ignore[arg-type]


def _clean_cell(text: str) -> str:
    return text.replace("\t", " ").replace("\r", " ").replace("\n", " ")


def parse_tsv(text: str) -> list[list[str]]:
    """Excel's clipboard text: rows by newline, cells by tab; quoted cells may hold newlines."""
    if not text:
        return []
    rows: list[list[str]] = []
    row: list[str] = []
    cell: list[str] = []
    i, n = 0, len(text)
    quoted = False
    at_cell_start = True
    while i < n:
        ch = text[i]
        if quoted:
            if ch == '"' and i + 1 < n and text[i + 1] == '"':
                cell.append('"')
                i += 1
            elif ch == '"':
                quoted = False
            else:
                cell.append(ch)
        elif ch == '"' and at_cell_start:
            quoted = True
        elif ch == "\t":
            row.append("".join(cell))
            cell = []
            at_cell_start = True
            i += 1
            continue
        elif ch in "\r\n":
            if ch == "\r" and i + 1 < n and text[i + 1] == "\n":
                i += 1
            row.append("".join(cell))
            rows.append(row)
            row, cell = [], []
            at_cell_start = True
            i += 1
            continue
        else:
            cell.append(ch)
        at_cell_start = False
        i += 1
    if cell or row:
        row.append("".join(cell))
        rows.append(row)
    return rows


class StudySettingsEditor(QWidget):
    """Goal and scope: product, declared unit, boundary, GWP set, reference year, company, site."""

    message = Signal(str)

    def __init__(self, bridge: DocumentBridge, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.bridge = bridge
        self._loading = False
        title = QLabel("<b>" + self.tr("Study settings") + "</b>")
        title.setObjectName("pageTitle")
        self.product = QLineEdit()
        self.declared_unit = QLineEdit()
        self.declared_unit.setPlaceholderText(self.tr("e.g. 1 piece, 1 kg, 1 kWh"))
        self.boundary = QComboBox()
        for b in Boundary:
            self.boundary.addItem(boundary_label(b), b.value)
        self.gwp = QComboBox()
        for g in GwpSet:
            self.gwp.addItem(f"IPCC {g.value} GWP100", g.value)
        self.year = QSpinBox()
        self.year.setRange(1989, 2100)
        self.year.setSpecialValueText(self.tr("not set"))
        self.year.setMinimum(1989)
        self.company = QLineEdit()
        self.site = QLineEdit()

        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for label, widget in (
            (self.tr("Product"), self.product),
            (self.tr("Declared unit"), self.declared_unit),
            (self.tr("System boundary"), self.boundary),
            (self.tr("GWP set"), self.gwp),
            (self.tr("Reference year"), self.year),
            (self.tr("Company"), self.company),
            (self.tr("Site"), self.site),
        ):
            form.addRow(label, widget)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        box = QFrame()
        box.setLayout(form)
        box.setMaximumWidth(720)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 8)
        layout.addWidget(title)
        layout.addSpacing(8)
        layout.addWidget(box)
        layout.addSpacing(12)
        layout.addWidget(self.summary)
        layout.addStretch(1)

        for edit, key in (
            (self.product, "product_name"),
            (self.declared_unit, "declared_unit"),
            (self.company, "company"),
            (self.site, "site"),
        ):
            edit.editingFinished.connect(lambda e=edit, k=key: self._set(k, e.text().strip()))
        self.boundary.currentIndexChanged.connect(
            lambda _: self._set("boundary", self.boundary.currentData())
        )
        self.gwp.currentIndexChanged.connect(lambda _: self._set("gwp_set", self.gwp.currentData()))
        self.year.editingFinished.connect(
            lambda: self._set(
                "reference_year", None if self.year.value() == self.year.minimum() else self.year.value()
            )
        )
        bridge.changed.connect(self._on_changed)
        self.load()

    def _set(self, key: str, value: object) -> None:
        if self._loading:
            return
        if getattr(self.bridge.study.info, key) == value:
            return
        if key in ("product_name", "declared_unit") and not value:
            self.message.emit(self.tr("The product name and the declared unit are required"))
            self.load()
            return
        self.bridge.push(SetStudyInfo({key: value}), self.tr("Change study settings"))

    def _on_changed(self, changes: Changes) -> None:
        if changes.info or changes.structure:
            self.load()

    def load(self) -> None:
        self._loading = True
        try:
            info = self.bridge.study.info
            for edit, value in (
                (self.product, info.product_name),
                (self.declared_unit, info.declared_unit),
                (self.company, info.company),
                (self.site, info.site),
            ):
                if edit.text() != value:
                    edit.setText(value)
            self.boundary.setCurrentIndex(self.boundary.findData(info.boundary.value))
            self.gwp.setCurrentIndex(self.gwp.findData(info.gwp_set.value))
            self.year.setValue(info.reference_year or self.year.minimum())
            self._update_summary()
        finally:
            self._loading = False

    def _update_summary(self) -> None:
        study = self.bridge.study
        path = self.bridge.document.path
        counts = {s: 0 for s in Stage}
        from app.gui.models import stage_assignment

        children, roots = stage_assignment(study.lines)
        for stage, ids in roots.items():
            stack = list(ids)
            while stack:
                lid = stack.pop()
                counts[stage] += 1
                stack.extend(children.get(lid, ()))
        rows = "".join(
            f"<tr><td>{stage_label(s)}</td><td align=right>&nbsp;&nbsp;{counts[s]}</td></tr>" for s in Stage
        )
        where = str(path) if path else self.tr("not saved yet")
        self.summary.setText(
            "<p><b>"
            + self.tr("Inventory")
            + "</b> — "
            + self.tr("{0} lines; {1} study factors").format(len(study.lines), len(study.factors))
            + f"</p><table>{rows}</table><p style='color:#555'>"
            + self.tr("File: {0}").format(where)
            + "</p>"
        )


def standard_key(name: str) -> QKeySequence:
    return QKeySequence(getattr(QKeySequence.StandardKey, name))
