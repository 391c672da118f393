"""Undo/Redo QActions kept in step with the Qt-free command stack of the open project."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtGui import QAction, QKeySequence

from gridmap.commands.stack import CommandStack
from ui.context import AppContext


class UndoActions(QObject):
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
        self.undo.triggered.connect(lambda: self.stack and self.stack.undo())
        self.redo.triggered.connect(lambda: self.stack and self.stack.redo())
        self.update()
        ctx.current.changed.connect(self._follow)

    def _follow(self, project) -> None:
        """A project opened: its stack is the one undone and redone (a closed one's stays until then)."""
        if project is not None:
            self.set_stack(project.undo_stack)

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
