"""Bridge between the Qt-free :class:`StudyDocument` and Qt: signals and the undo stack.

The undo stack only wraps core commands: :class:`CoreUndoCommand` holds a command and, once
executed, its inverse; undo executes the inverse and keeps the inverse's inverse for redo.
Repeated edits of the same cell fold into one undo step (``mergeWith``), so typing a value
three times is one undo.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from app.core.domain import Study
from app.core.edits import Changes, Command, EditError, Macro, Noop, SetLineFields, StudyDocument
from app.gui.i18n import error_text

_MERGE_ID = 0x5CF1


class CoreUndoCommand(QUndoCommand):
    """One undo step: a core command and the inverse it returned."""

    def __init__(self, bridge: DocumentBridge, command: Command, inverse: Command, text: str) -> None:
        super().__init__(text)
        self._bridge = bridge
        self._forward: Command = command
        self._backward: Command | None = inverse
        self._applied = True  # pushed after it ran, so the push's own redo() is skipped

    def redo(self) -> None:
        if self._applied:
            self._applied = False
            return
        self._backward = self._bridge.document.execute(self._forward)

    def undo(self) -> None:
        assert self._backward is not None
        self._forward = self._bridge.document.execute(self._backward)

    def id(self) -> int:
        return _MERGE_ID if isinstance(self._forward, SetLineFields) else -1

    def mergeWith(self, other: QUndoCommand) -> bool:
        """Fold a repeated edit of the same cell(s) into this step (keep the first inverse)."""
        if not isinstance(other, CoreUndoCommand):
            return False
        mine, theirs = self._forward, other._forward
        if not (isinstance(mine, SetLineFields) and isinstance(theirs, SetLineFields)):
            return False
        if mine.line_id != theirs.line_id or set(mine.values) != set(theirs.values):
            return False
        if "line_id" in mine.values:
            return False  # a rename changes the id the next edit refers to
        self._forward = theirs
        return True


class DocumentBridge(QObject):
    """Owns the undo stack for a document and re-emits its changes as a Qt signal."""

    changed = Signal(object)  # Changes
    editRejected = Signal(str)

    def __init__(self, document: StudyDocument, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.undo_stack = QUndoStack(self)
        self.undo_stack.setUndoLimit(1000)
        self._unsubscribe = document.subscribe(self.changed.emit)
        self.read_only = False  # a frozen revision or a project open elsewhere: edits are refused

    @property
    def study(self) -> Study:
        return self.document.study

    def push(self, command: Command, text: str) -> bool:
        """Execute ``command`` as one undo step; False (and ``editRejected``) if refused.

        The command runs before it is pushed, so a refused edit never reaches the stack.
        """
        if self.read_only:
            self.editRejected.emit(self.tr("This revision is read-only: edits are not possible"))
            return False
        try:
            inverse = self.document.execute(command)
        except EditError as exc:
            self.editRejected.emit(error_text(exc))
            return False
        if isinstance(inverse, Noop):
            return False
        self.undo_stack.push(CoreUndoCommand(self, command, inverse, text))
        return True

    def push_many(self, commands: list[Command], text: str) -> bool:
        if not commands:
            return False
        return self.push(commands[0] if len(commands) == 1 else Macro(tuple(commands), text), text)

    def replace(self, study: Study, path: Path | None) -> None:
        """Load another study: a new history starts."""
        self.undo_stack.clear()
        self.document.replace(study, path)
        self.undo_stack.setClean()

    def mark_saved(self, path: Path | None = None) -> None:
        self.document.mark_saved(path)
        self.undo_stack.setClean()

    def emit_changes(self, changes: Changes) -> None:
        self.changed.emit(changes)
