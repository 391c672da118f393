"""Reading a workbook from the window: a wait cursor while it is read and
checked, and the reason in a message box when it cannot be."""

from __future__ import annotations

from typing import Callable, TypeVar

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from gridmap.workbooks.reading import WorkbookError

T = TypeVar("T")


def read_or_explain(parent: QWidget, read: Callable[[], T]) -> T | None:
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        return read()
    except WorkbookError as error:
        QApplication.restoreOverrideCursor()
        QMessageBox.warning(parent, QCoreApplication.translate("Workbooks", "Cannot read the roster"),
                            f"{error.path}\n\n{error.problem}\n{error.advice}")
        return None
    finally:
        if QApplication.overrideCursor() is not None:
            QApplication.restoreOverrideCursor()
