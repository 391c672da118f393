"""File ▸ Open Shared Project…: the database server, port, database, user and
password, with the servers opened before listed to pick. Open tries the
connection while the dialog stays up: a refusal (no server there, a wrong
password, no project in that database…) is said in it, to be corrected.

The password is remembered only in a secure keyring (passwords.py); where the
desktop has none, the dialog says that it is asked each time."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QCheckBox, QDialog, QDialogButtonBox, QFormLayout, QHBoxLayout, QLabel, QLineEdit, QListWidget, QListWidgetItem,
    QPushButton, QSpinBox, QVBoxLayout, QWidget,
)

from gridmap.errors import GridmapError
from ui.settings import Settings
from ui.shared.connections import DEFAULT_PORT, Connection, forget, remember, remembered
from ui.shared.messages import server_problem_text
from ui.shared.passwords import Passwords

if TYPE_CHECKING:
    from gridmap.project import Project

CONNECTION_ROLE = Qt.ItemDataRole.UserRole


class OpenSharedDialog(QDialog):
    """``opener(url)`` opens the project at ``url`` (raising a ``GridmapError`` if it cannot); once it has,
    the dialog closes accepted with the project in ``project`` and the connection remembered."""

    def __init__(self, settings: Settings, passwords: Passwords, opener: Callable[[str], Project],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("openSharedDialog")
        self.setWindowTitle(self.tr("Open Shared Project"))
        self.settings, self.passwords, self.opener = settings, passwords, opener
        self.project: Project | None = None

        self.list = QListWidget(self)
        self.list.setObjectName("rememberedConnections")
        self.list.setToolTip(self.tr("Servers a shared project was opened from: pick one to fill in the fields"))
        self.forget_button = QPushButton(self.tr("Forget"), self)
        self.forget_button.setObjectName("forgetConnection")
        self.forget_button.setToolTip(self.tr("Take the picked server off the list (and its password, if kept)"))
        self.host = QLineEdit(self)
        self.host.setObjectName("sharedHost")
        self.host.setPlaceholderText(self.tr("name or IP address, e.g. 192.168.1.10"))
        self.port = QSpinBox(self)
        self.port.setObjectName("sharedPort")
        self.port.setRange(1, 65535)
        self.port.setValue(int(DEFAULT_PORT))
        self.database = QLineEdit(self)
        self.database.setObjectName("sharedDatabase")
        self.user = QLineEdit(self)
        self.user.setObjectName("sharedUser")
        self.password = QLineEdit(self)
        self.password.setObjectName("sharedPassword")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.remember_password = QCheckBox(self.tr("Remember the password (in this computer's secure keyring)"),
                                           self)
        self.remember_password.setObjectName("rememberPassword")
        self.password_note = QLabel(self.tr("This computer has no secure place to keep passwords, so the password "
                                            "is not remembered: it is asked each time the project is opened."),
                                    self)
        self.password_note.setObjectName("passwordNote")
        self.password_note.setWordWrap(True)
        self.password_note.setStyleSheet("color: #666666")
        self.remember_password.setVisible(passwords.secure)
        self.password_note.setVisible(not passwords.secure)
        self.problem = QLabel(self)
        self.problem.setObjectName("sharedProblem")
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color: #c00000")
        self.problem.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.problem.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Open | QDialogButtonBox.StandardButton.Cancel,
                                        self)
        self.buttons.accepted.connect(self.try_open)
        self.buttons.rejected.connect(self.reject)

        picked = QHBoxLayout()
        picked.addWidget(self.list, 1)
        picked.addWidget(self.forget_button, 0, Qt.AlignmentFlag.AlignTop)
        form = QFormLayout()
        form.addRow(self.tr("Server"), self.host)
        form.addRow(self.tr("Port"), self.port)
        form.addRow(self.tr("Database"), self.database)
        form.addRow(self.tr("User name"), self.user)
        form.addRow(self.tr("Password"), self.password)
        form.addRow("", self.remember_password)
        layout = QVBoxLayout(self)
        self.list_label = QLabel(self.tr("Servers used before"), self)
        layout.addWidget(self.list_label)
        layout.addLayout(picked)
        layout.addLayout(form)
        layout.addWidget(self.password_note)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)

        self._fill_list()
        self.list.currentItemChanged.connect(lambda item, _before: self._pick(item))
        self.forget_button.clicked.connect(self._forget)
        if self.list.count():
            self.list.setCurrentRow(0)
        self.resize(460, self.sizeHint().height())

    # -- the fields ------------------------------------------------------------------

    def _fill_list(self) -> None:
        self.list.clear()
        for connection in remembered(self.settings):
            item = QListWidgetItem(connection.key, self.list)
            item.setData(CONNECTION_ROLE, connection)
        has = self.list.count() > 0
        self.list.setVisible(has)
        self.list_label.setVisible(has)
        self.forget_button.setVisible(has)
        self.list.setMaximumHeight(self.list.sizeHintForRow(0) * 4 + 6 if has else 0)

    def _pick(self, item: QListWidgetItem | None) -> None:
        if item is not None:
            self.fill(item.data(CONNECTION_ROLE))

    def fill(self, connection: Connection, password: str | None = None) -> None:
        """Show ``connection``, with ``password`` or else the one kept for it, if any."""
        self.host.setText(connection.host)
        self.port.setValue(int(connection.port or DEFAULT_PORT))
        self.database.setText(connection.database)
        self.user.setText(connection.user)
        kept = self.passwords.get(connection)
        self.password.setText(password if password is not None else kept or "")
        self.remember_password.setChecked(kept is not None)
        (self.user if not connection.user else self.password).setFocus()

    def connection(self) -> Connection:
        return Connection(self.host.text().strip(), str(self.port.value()), self.database.text().strip(),
                          self.user.text().strip())

    def show_problem(self, text: str) -> None:
        self.problem.setText(text)
        self.problem.setVisible(bool(text))

    def _forget(self) -> None:
        item = self.list.currentItem()
        if item is None:
            return
        connection = item.data(CONNECTION_ROLE)
        forget(self.settings, connection)
        self.passwords.forget(connection)
        self._fill_list()

    # -- opening ---------------------------------------------------------------------

    def try_open(self) -> None:
        """Open the project the fields name; on a refusal say why here and stay open."""
        connection = self.connection()
        missing = [name for name, text in ((self.tr("server"), connection.host),
                                           (self.tr("database"), connection.database),
                                           (self.tr("user name"), connection.user)) if not text]
        if missing:
            self.show_problem(self.tr("Fill in the %1.").replace("%1", self.tr(", ").join(missing)))
            return
        password = self.password.text()
        self.show_problem("")
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)  # a server far away answers in seconds
        try:
            self.project = self.opener(connection.url(password))
        except GridmapError as error:
            self.show_problem(server_problem_text(error, connection.key))
            return
        finally:
            QGuiApplication.restoreOverrideCursor()
        remember(self.settings, connection)
        if self.passwords.secure and self.remember_password.isChecked():
            self.passwords.put(connection, password)
        else:
            self.passwords.forget(connection)
        self.accept()
