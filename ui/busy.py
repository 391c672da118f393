"""Work the user waits for: under a wait cursor, and when it fails for a reason
of the user's world (a file that cannot be read or written), that reason in a
message box instead of a traceback."""

from __future__ import annotations

from typing import Callable, TypeVar

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

T = TypeVar("T")


def busy_or_explain(parent: QWidget, work: Callable[[], T], errors: tuple[type[Exception], ...], title: str,
                    message: Callable[[Exception], str] = str) -> T | None:
    """``work()`` under a wait cursor; on one of ``errors`` a warning titled
    ``title`` saying ``message(error)``, and None."""
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        return work()
    except errors as error:
        QApplication.restoreOverrideCursor()
        QMessageBox.warning(parent, title, message(error))
        return None
    finally:
        if QApplication.overrideCursor() is not None:
            QApplication.restoreOverrideCursor()
