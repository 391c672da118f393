"""Workbooks from the window: asking where to save one, reading and writing
under a wait cursor, and the reason in a message box when it cannot be done."""

from __future__ import annotations

from pathlib import Path
from typing import Callable, TypeVar

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFileDialog, QWidget

from gridmap.workbooks.reading import WorkbookError
from ui.busy import busy_or_explain

T = TypeVar("T")


def read_or_explain(parent: QWidget, read: Callable[[], T]) -> T | None:
    return busy_or_explain(parent, read, (WorkbookError,),
                           QCoreApplication.translate("Workbooks", "Cannot read the roster"),
                           lambda error: f"{error.path}\n\n{error.problem}\n{error.advice}")


def ask_save_path(parent: QWidget, title: str, folder: str, name: str) -> str | None:
    """An .xlsx path the user picks, starting at ``folder``/``name``; None if cancelled."""
    path, _ = QFileDialog.getSaveFileName(parent, title, str(Path(folder) / name),
                                          QCoreApplication.translate("Workbooks", "Excel workbook (*.xlsx)"))
    return path or None


def write_or_explain(parent: QWidget, path: str, write: Callable[[], T]) -> T | None:
    """``write()`` under a wait cursor; a file that cannot be written is named with the reason."""
    return busy_or_explain(parent, write, (OSError,), QCoreApplication.translate("Workbooks", "Cannot write the roster"),
                           lambda error: f"{path}\n\n{error}")
