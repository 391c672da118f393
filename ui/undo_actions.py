"""Undo/Redo QActions kept in step with the Qt-free command stack of the open project."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtGui import QAction, QKeySequence

from gridmap.commands.stack import CommandStack
from gridmap.errors import ProjectWriteError
from ui.context import AppContext


class UndoActions(QObject):
    # An undo or redo the project did not take ("undo"/"redo"): the stack is as it was (nothing was
    # done), and the reason has been said by whoever follows project.write_failed.
    refused = Signal(object, str)

    def __init__(self, ctx: AppContext) -> None:
        parent = ctx.dialog_parent
        super().__init__(parent)
        self.undo = QAction(self.tr("Undo"), parent)
        self.undo.setObjectName("actionUndo")
        self.undo.setShortcut(QKeySequence.StandardKey.Undo)
        self.redo = QAction(self.tr("Redo"), parent)
        self.redo.setObjectName("actionRedo")
        self.redo.setShortcuts([QKeySequence("Ctrl+Y"), QKeySequence.StandardKey.Redo])
        self.stack: CommandStack | None = None
        self.undo.triggered.connect(lambda: self._step("undo"))
        self.redo.triggered.connect(lambda: self._step("redo"))
        self.update()
        ctx.current.changed.connect(self._follow)

    def _follow(self, project) -> None:
        """A project opened: its stack is the one undone and redone (a closed one's stays until then)."""
        if project is not None:
            self.set_stack(project.undo_stack)

    def _step(self, which: str) -> None:
        if self.stack is None:
            return
        try:
            getattr(self.stack, which)()
        except ProjectWriteError as error:  # someone else changed those rows since, the server is offline…
            self.refused.emit(error, which)

    def set_stack(self, stack: CommandStack) -> None:
        if self.stack is not None:
            self.stack.changed.disconnect(self.update)
        self.stack = stack
        stack.changed.connect(self.update)
        self.update()

    def update(self) -> None:
        stack = self.stack
        self.undo.setEnabled(bool(stack and stack.can_undo))
        self.redo.setEnabled(bool(stack and stack.can_redo))
        undo_label = QCoreApplication.translate("Commands", stack.undo_label) if stack and stack.can_undo else ""
        redo_label = QCoreApplication.translate("Commands", stack.redo_label) if stack and stack.can_redo else ""
        self.undo.setText(self.tr("Undo %1").replace("%1", undo_label) if undo_label else self.tr("Undo"))
        self.redo.setText(self.tr("Redo %1").replace("%1", redo_label) if redo_label else self.tr("Redo"))
