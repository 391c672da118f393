"""A shared project's other desks, as they work: their commits shown here within
a moment, a refused edit explained, and the server's absence said and ridden out.

- Others' commits: the server NOTIFYs after each one; a ``QSocketNotifier`` on
  the store's listening connection wakes the window, which fetches only the
  rows changed (``Project.take_changes_by_others``) and announces them on
  ``project.changed``, as its own edits are: the map, the tree, the docks and
  the Problems panel follow.
- A refused edit (kind ``conflict``): a message names the record, who changed
  it and when, and the view catches up with their change first.
- The server gone (kind ``offline``, or the listening connection breaking): the
  status bar says 离线, and the server is tried again every few seconds (a TCP
  knock first, so that a network that swallows packets never freezes the
  window); once it answers, the window says so and catches up.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QSocketNotifier, Qt, QTimer
from PySide6.QtNetwork import QAbstractSocket, QTcpSocket
from PySide6.QtWidgets import QLabel, QMainWindow, QMessageBox

from gridmap.errors import ProjectWriteError, ServerError
from ui.shared.connections import Connection
from ui.shared.messages import conflict_text, shared_write_text

if TYPE_CHECKING:
    from gridmap.project import Project

RETRY_MS = 3000  # how often an unreachable server is tried again
KNOCK_MS = 2500  # how long a knock at the server's port waits for an answer


class LiveUpdates(QObject):
    """Follows the window's project while it is a shared one (its store can ``listen``)."""

    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.project: Project | None = None
        self.notifier: QSocketNotifier | None = None
        self.offline = False
        self.box: QMessageBox | None = None  # the last refusal's message, while it is up
        self.badge = QLabel(self.tr("Offline"), window)
        self.badge.setObjectName("offlineBadge")
        self.badge.setStyleSheet("color: #ffffff; background: #c00000; font-weight: bold; padding: 0 6px;")
        self.badge.setToolTip(self.tr("The database server cannot be reached: changes made now are not saved. "
                                      "gridmap tries again every few seconds and says when it is back."))
        self.badge.hide()
        window.statusBar().insertPermanentWidget(0, self.badge)
        self.retry = QTimer(self)
        self.retry.setInterval(RETRY_MS)
        self.retry.timeout.connect(self.try_again)
        self._knock: QTcpSocket | None = None
        self._refused: list[ProjectWriteError] = []  # conflicts to explain, once the edit's caller is done
        self._steps: dict[int, str] = {}  # id of a refused error → "undo" / "redo" (an edit otherwise)

    # -- following a project ------------------------------------------------------------

    def follow(self, project: Project | None) -> None:
        """Follow ``project`` if it is shared (any other: nothing to follow)."""
        self._stop()
        if project is None or not hasattr(project.store, "listen"):
            return
        self.project = project
        project.write_failed.connect(self.write_failed)
        if not self._watch():
            self._go_offline()

    def _stop(self) -> None:
        if self.project is not None:
            self.project.write_failed.disconnect(self.write_failed)
        self.project = None
        self._drop_notifier()
        self._drop_knock()
        self.retry.stop()
        self.offline = False
        self.badge.hide()
        self._refused.clear()
        self._steps.clear()

    def _watch(self) -> bool:
        """Watch the store's listening connection (opened if need be); False if the server cannot be reached."""
        try:
            fd = self.project.store.listen()
        except ServerError:
            return False
        if self.notifier is not None and self.notifier.socket() == fd and self.notifier.isEnabled():
            return True
        self._drop_notifier()
        self.notifier = QSocketNotifier(fd, QSocketNotifier.Type.Read, self)
        self.notifier.activated.connect(self._heard)
        return True

    def _drop_notifier(self) -> None:
        if self.notifier is not None:
            self.notifier.setEnabled(False)  # before its socket is closed: a closed one is never polled
            self.notifier.activated.disconnect(self._heard)
            self.notifier.deleteLater()
            self.notifier = None

    def _heard(self, *_args) -> None:
        """The listening connection has something: others' commits (or the server went away)."""
        if self.notifier is None or self.project is None:
            return
        self.notifier.setEnabled(False)
        try:
            count = self.project.store.take_notices(0)
        except ServerError:
            self._drop_notifier()  # its connection is closed
            self._go_offline()
            return
        self.notifier.setEnabled(True)
        self._watch()  # the same connection, or a new one if it was opened anew
        if count:
            self.catch_up()

    def catch_up(self) -> bool:
        """Show what the other desks committed since this one last looked; False if the server is unreachable."""
        if self.project is None:
            return False
        try:
            self.project.take_changes_by_others()
        except ServerError:
            self._go_offline()
            return False
        return True

    # -- refused edits -----------------------------------------------------------------

    def write_failed(self, error: ProjectWriteError) -> None:
        """An edit the server did not take: offline, or built on a row someone else changed since."""
        if error.kind == "offline":
            self._go_offline()
            self.window.statusBar().showMessage(self.tr("Not saved: the database server cannot be reached "
                                                        "(offline). Make the change again once it is back."), 15000)
        elif error.kind == "conflict":
            self._refused.append(error)
            QTimer.singleShot(0, self, self._explain)  # once the edit's caller has seen the refusal

    def refused_step(self, error: Exception, step: str) -> None:
        """``error`` refused an undo or a redo (``step``), not an edit: said so in its message."""
        if self.project is not None:
            self._steps[id(error)] = step

    def _explain(self) -> None:
        if not self._refused:
            return
        error = self._refused[-1]
        step = self._steps.get(id(error), "edit")
        self._refused.clear()
        self._steps.clear()
        self.catch_up()  # their change is on the screen before the message
        titles = {"undo": self.tr("Not undone"), "redo": self.tr("Not redone")}
        text = conflict_text(error, self.project, step) if error.conflict is not None else shared_write_text(error)
        if self.box is not None:
            self.box.close()
        box = QMessageBox(QMessageBox.Icon.Warning, titles.get(step, self.tr("Change not saved")), text,
                          QMessageBox.StandardButton.Ok, self.window)
        box.setObjectName("conflictMessage")
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.finished.connect(lambda _result: self._closed(box))
        self.box = box
        box.open()  # not modal to the whole program: the window goes on following the other desks

    def _closed(self, box: QMessageBox) -> None:
        if self.box is box:
            self.box = None

    # -- offline --------------------------------------------------------------------------

    def _go_offline(self) -> None:
        if self.project is None:
            return
        self._drop_notifier()
        if not self.offline:
            self.offline = True
            self.badge.show()
            self.window.statusBar().showMessage(self.tr("The database server cannot be reached: offline. Changes "
                                                        "cannot be saved until it is back."), 15000)
        if not self.retry.isActive():
            self.retry.start()

    def try_again(self) -> None:
        """Knock at the server's port (without blocking); if it answers, reconnect."""
        if self.project is None or self._knock is not None:
            return
        try:
            connection = Connection.of(self.project.store.url)
        except (AttributeError, ServerError):
            self.reconnect()
            return
        if connection.host.startswith("/"):  # a local socket: nothing to wait for
            self.reconnect()
            return
        knock = self._knock = QTcpSocket(self)
        knock.connected.connect(lambda: self._knocked(knock, True))
        knock.errorOccurred.connect(lambda _error: self._knocked(knock, False))
        QTimer.singleShot(KNOCK_MS, knock, lambda: self._knocked(knock, False))
        knock.connectToHost(connection.host, int(connection.port))

    def _knocked(self, knock: QTcpSocket, answered: bool) -> None:
        if knock is not self._knock:
            return
        self._drop_knock()
        if answered:
            self.reconnect()

    def _drop_knock(self) -> None:
        knock, self._knock = self._knock, None
        if knock is not None:
            if knock.state() != QAbstractSocket.SocketState.UnconnectedState:
                knock.abort()
            knock.deleteLater()

    def reconnect(self) -> bool:
        """Try the server now: if it answers, follow it again and catch up (True)."""
        if self.project is None:
            return False
        store = self.project.store
        if not (_answers(store.last_change) and _answers(lambda: store.take_notices(0))):
            return False
        self.retry.stop()
        self.offline = False
        self.badge.hide()
        if not self._watch() or not self.catch_up():
            self._go_offline()
            return False
        self.window.statusBar().showMessage(self.tr("The database server can be reached again: back online, "
                                                    "with the other desks' changes made meanwhile."), 10000)
        return True


def _answers(call) -> bool:
    """Whether ``call`` gets through to the server; tried twice, as a connection from before the break is
    found broken by the first try and opened anew by the second."""
    for _attempt in range(2):
        try:
            call()
        except ServerError:
            continue
        return True
    return False
