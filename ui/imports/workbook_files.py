"""Workbooks from the window: asking where to save one, reading and writing
under a wait cursor, and the reason in a message box when it cannot be done."""

from __future__ import annotations

from pathlib import Path
from typing import Callable, TypeVar

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox, QWidget

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


def ask_save_path(parent: QWidget, title: str, folder: str, name: str) -> str | None:
    """An .xlsx path the user picks, starting at ``folder``/``name``; None if cancelled."""
    path, _ = QFileDialog.getSaveFileName(parent, title, str(Path(folder) / name),
                                          QCoreApplication.translate("Workbooks", "Excel workbook (*.xlsx)"))
    return path or None


def write_or_explain(parent: QWidget, path: str, write: Callable[[], T]) -> T | None:
    """``write()`` under a wait cursor; a file that cannot be written is named with the reason."""
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        return write()
    except OSError as error:
        QApplication.restoreOverrideCursor()
        QMessageBox.warning(parent, QCoreApplication.translate("Workbooks", "Cannot write the roster"),
                            f"{path}\n\n{error}")
        return None
    finally:
        if QApplication.overrideCursor() is not None:
            QApplication.restoreOverrideCursor()
