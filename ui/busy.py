"""Work the user waits for: under a wait cursor, and when it fails for a reason
of the user's world (a file that cannot be read or written), that reason in a
message box instead of a traceback; or on a worker thread behind a progress bar."""

from __future__ import annotations

from typing import TypeVar
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, Qt, QThread
from PySide6.QtWidgets import QApplication, QMessageBox, QProgressDialog, QWidget

from gridmap.cancel import Cancelled

T = TypeVar("T")


class Worker(QThread):
    """Long work off the UI thread that stops when asked: a subclass does it
    in ``work(cancelled)`` and says in ``explain`` which failures the user
    should read (a message) rather than leave to the traceback (re-raise)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.cancel_requested = False
        self.cancelled = False
        self.error: str | None = None

    def work(self, cancelled: Callable[[], bool]) -> None:
        raise NotImplementedError

    def explain(self, error: Exception) -> str:
        """The message for ``error``; by default every failure reaches the user."""
        return f"{type(error).__name__}: {error}"

    def run(self) -> None:
        try:
            self.work(lambda: self.cancel_requested)
        except Cancelled:
            self.cancelled = True
        except Exception as error:  # noqa: BLE001 (a thread's failure must reach the user, not vanish)
            self.error = self.explain(error)


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


def worker_progress(parent: QWidget, title: str, label: str, cancel: str, maximum: int,
                    minimum_duration: int = 0) -> QProgressDialog:
    """A progress bar that stays up until its owner closes it: Cancel only asks
    the worker to stop, and the worker may finish the step in hand first."""
    progress = QProgressDialog(label, cancel, 0, maximum, parent)
    progress.setWindowTitle(title)
    progress.setMinimumDuration(minimum_duration)
    progress.setModal(True)
    progress.setAutoClose(False)
    progress.setAutoReset(False)
    return progress


def start(worker: QThread, wait: bool = False) -> QThread:
    """Start ``worker``; with ``wait`` (tests) block until it is done and its
    ``finished`` signal has been delivered."""
    worker.start()
    if wait:
        worker.wait()
        QCoreApplication.processEvents()
    return worker
