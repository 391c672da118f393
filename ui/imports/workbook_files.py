"""Workbooks from the window: asking where to save one, reading and writing
under a wait cursor, and the reason in a message box when it cannot be done."""

from __future__ import annotations

from pathlib import Path
from typing import TypeVar
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFileDialog, QWidget

from gridmap.outputs import OutputError, explain
from gridmap.workbooks.messages import WORKBOOK_PROBLEMS
from gridmap.workbooks.reading import WorkbookError
from ui.busy import busy_or_explain
from ui.output_problems import output_problem_text

T = TypeVar("T")


def workbook_problem_text(error: WorkbookError) -> str:
    """The file, what is wrong with it and what to do, in the user's language
    (the templates are in gridmap/workbooks/messages.py, for lupdate)."""
    problem, advice = (QCoreApplication.translate("Workbooks", text).format(**error.params)
                       for text in WORKBOOK_PROBLEMS[error.key])
    return f"{error.path}\n\n{problem}\n{advice}"


def read_or_explain(parent: QWidget, read: Callable[[], T]) -> T | None:
    return busy_or_explain(parent, read, (WorkbookError,),
                           QCoreApplication.translate("Workbooks", "Cannot read the roster"), workbook_problem_text)


def ask_save_path(parent: QWidget, title: str, folder: str, name: str) -> str | None:
    """An .xlsx path the user picks, starting at ``folder``/``name``; None if cancelled."""
    path, _ = QFileDialog.getSaveFileName(parent, title, str(Path(folder) / name),
                                          QCoreApplication.translate("Workbooks", "Excel workbook (*.xlsx)"))
    return path or None


def write_or_explain(parent: QWidget, path: str | Path, write: Callable[[], T]) -> T | None:
    """``write()`` under a wait cursor; a file that cannot be written (a
    project, a read-only folder, a full disk) is named with the reason and
    what to do, and any earlier file of that name is as it was."""
    def text(error: Exception) -> str:
        return output_problem_text(error if isinstance(error, OutputError) else explain(path, error))

    return busy_or_explain(parent, write, (OutputError, OSError),
                           QCoreApplication.translate("Workbooks", "Cannot write the workbook"), text)
