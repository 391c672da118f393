"""One way to make a menu action: text, optional shortcut, object name (tests and
saved toolbars find it), and a slot called without Qt's ``checked`` argument."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QWidget


def new_action(parent: QWidget, text: str, shortcut: QKeySequence | None, slot: Callable[[], object],
               name: str) -> QAction:
    action = QAction(text, parent)
    action.setObjectName(name)
    if shortcut is not None:
        action.setShortcut(shortcut)
    action.triggered.connect(lambda _checked=False: slot())
    return action
