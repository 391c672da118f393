"""Opening a shared project for the window: from File ▸ Open Shared Project…,
from the recent list or the command line (an address without its password:
the one a secure keyring keeps is used, else the dialog asks), saying why in the
user's language when it cannot be opened."""

from __future__ import annotations


from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from gridmap.errors import GridmapError, ServerError
from gridmap.project import Project
from gridmap.storage.server.address import parts, with_user
from ui.settings import Settings
from ui.shared.connections import Connection, remember
from ui.shared.messages import server_problem_text
from ui.shared.open_dialog import OpenSharedDialog
from ui.shared.passwords import Passwords


class SharedProjects(QObject):
    """Opens shared projects over ``parent`` (the window); ``passwords`` is the keyring (the desktop's by default)."""

    def __init__(self, settings: Settings, parent: QWidget | None = None, passwords: Passwords | None = None) -> None:
        super().__init__(parent)
        self.parent_widget = parent
        self.settings = settings
        self._passwords = passwords
        self.dialog: OpenSharedDialog | None = None  # while it is up

    @property
    def passwords(self) -> Passwords:
        if self._passwords is None:  # the keyring is looked at only when a shared project is opened
            self._passwords = Passwords.of_this_desktop()
        return self._passwords

    def choose(self, connection: Connection | None = None, problem: str = "",
               password: str | None = None) -> Project | None:
        """The dialog (on ``connection`` and saying ``problem``, if given); the project it opened, or None."""
        dialog = self.dialog = OpenSharedDialog(self.settings, self.passwords, Project.open, self.parent_widget)
        try:
            if connection is not None:
                dialog.fill(connection, password)
            dialog.show_problem(problem)
            if dialog.exec() != OpenSharedDialog.DialogCode.Accepted:
                return None
            return dialog.project
        finally:
            self.dialog = None
            dialog.deleteLater()

    def open(self, url: str, *, ask: bool = True) -> Project | None:
        """The project at ``url``, opened; None if it cannot be (the reason has been shown: in the dialog, where
        a password is wanted and ``ask``, else in a message)."""
        try:
            connection = Connection.of(url)
            given = parts(url).get("password")
        except ServerError as error:
            self._refuse(error)
            return None
        password = given or self.passwords.get(connection)
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            project = Project.open(with_user(url, connection.user, password) if password else url)
        except ServerError as error:
            if error.kind == "login" and ask:  # no password given, or a wrong one: the dialog asks for it
                return self.choose(connection, server_problem_text(error), password="")
            self._refuse(error)
            return None
        except GridmapError as error:
            self._refuse(error, connection.key)
            return None
        finally:
            QGuiApplication.restoreOverrideCursor()
        remember(self.settings, connection)
        return project

    def _refuse(self, error: Exception, address: str = "") -> None:
        QMessageBox.warning(self.parent_widget, self.tr("Cannot open shared project"),
                            server_problem_text(error, address))
