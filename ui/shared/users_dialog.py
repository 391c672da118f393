"""File ▸ People and Rights…: who may open the shared project, and as what — an
office planner, a community chief (of one community) or a viewer. The same as
``gridmap users URL add|list|remove``; the rights themselves are kept by the
database server (``gridmap.storage.server.rights``).

A new person's password is typed twice, never shown; it goes to the server
(which keeps only a SCRAM verifier) and is not logged or kept here."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtWidgets import (
    QAbstractItemView, QComboBox, QDialog, QDialogButtonBox, QFormLayout, QHBoxLayout, QHeaderView, QLabel,
    QLineEdit, QMessageBox, QPushButton, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget,
)

from gridmap.errors import GridmapError, ServerError
from gridmap.model.entities import COMMUNITY
from gridmap.storage.server import rights
from gridmap.storage.server.address import shown

if TYPE_CHECKING:
    from gridmap.project import Project

CONTEXT = "UsersDialog"
ROLE_NAMES = {  # rights.KINDS, as the office calls them
    rights.OFFICE: QT_TRANSLATE_NOOP("UsersDialog", "Office planner"),
    rights.CHIEF: QT_TRANSLATE_NOOP("UsersDialog", "Community chief"),
    rights.VIEWER: QT_TRANSLATE_NOOP("UsersDialog", "Viewer (read only)"),
}
_PROBLEMS = {  # (problem, advice) per ServerError kind
    "denied": (QT_TRANSLATE_NOOP("UsersDialog", "Only the server's administrator may add or remove people."),
               QT_TRANSLATE_NOOP("UsersDialog", "Nothing was changed. Open the project as the server's "
                                                "administrator (the postgres user) to do it, or ask them.")),
    "refused": (QT_TRANSLATE_NOOP("UsersDialog", "The server refused the change."),
                QT_TRANSLATE_NOOP("UsersDialog", "Nothing was changed. The login may already be in use on this "
                                                 "server: choose another.")),
    "unreachable": (QT_TRANSLATE_NOOP("UsersDialog", "The database server cannot be reached."),
                    QT_TRANSLATE_NOOP("UsersDialog", "Nothing was changed. Check the network and that the database "
                                                     "server is running, then try again.")),
    "login": (QT_TRANSLATE_NOOP("UsersDialog", "The server refused this desk's user name or password."),
              QT_TRANSLATE_NOOP("UsersDialog", "Nothing was changed. Open the project again, then try again.")),
    "not-a-project": (QT_TRANSLATE_NOOP("UsersDialog", "This database holds no gridmap project."),
                      QT_TRANSLATE_NOOP("UsersDialog", "Nothing was changed.")),
    "": (QT_TRANSLATE_NOOP("UsersDialog", "The people of the project could not be changed."),
         QT_TRANSLATE_NOOP("UsersDialog", "Nothing was changed. Try again; if it happens again, ask the server's "
                                          "administrator.")),
}


def tr(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


def problem_text(error: GridmapError) -> str:
    """Why the people could not be listed or changed, and what to do (by the ``ServerError``'s kind)."""
    problem, advice = _PROBLEMS.get(error.kind if isinstance(error, ServerError) else "", _PROBLEMS[""])
    return f"{tr(problem)}\n{tr(advice)}"


def role_name(kind: str) -> str:
    return tr(ROLE_NAMES.get(kind, kind))


def communities(project: Project) -> list[tuple[str, str]]:
    """The project's community zones: (code, name), by code."""
    depth = project.depth_of(COMMUNITY)
    return sorted((zone.code, zone.name) for zone in project.zones_at(depth)) if depth is not None else []


class UsersDialog(QDialog):
    """The people of the shared project at ``url`` (with the password of the desk that opened it): listed,
    added, removed. ``me`` is the desk's own login, which cannot remove itself."""

    def __init__(self, url: str, project: Project, me: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("usersDialog")
        self.setWindowTitle(self.tr("People and Rights"))
        self.url, self.project, self.me = url, project, me
        self.people: list[rights.Person] = []

        where = QLabel(self.tr("People who may open the shared project %1:").replace("%1", shown(url)), self)
        where.setWordWrap(True)
        self.table = QTableWidget(0, 3, self)
        self.table.setObjectName("peopleTable")
        self.table.setHorizontalHeaderLabels([self.tr("Login"), self.tr("Role"), self.tr("Community")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)  # the community takes the rest
        self.table.itemSelectionChanged.connect(self._follow_selection)
        self.add_button = QPushButton(self.tr("Add…"), self)
        self.add_button.setObjectName("addPerson")
        self.add_button.setToolTip(self.tr("Give a new person a login, a password and a role"))
        self.add_button.clicked.connect(self.add)
        self.remove_button = QPushButton(self.tr("Remove"), self)
        self.remove_button.setObjectName("removePerson")
        self.remove_button.setToolTip(self.tr("Take the picked person out of the project (their login is dropped)"))
        self.remove_button.clicked.connect(self.remove_picked)
        self.problem = QLabel(self)
        self.problem.setObjectName("usersProblem")
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color: #c00000")
        self.problem.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.problem.hide()
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)

        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch()
        layout = QVBoxLayout(self)
        layout.addWidget(where)
        layout.addWidget(self.table)
        layout.addLayout(buttons)
        layout.addWidget(self.problem)
        layout.addWidget(close)
        self.resize(560, 380)
        self.refresh()

    def refresh(self) -> bool:
        """List the people as the server has them now; False (and why, in the dialog) if it cannot."""
        try:
            self.people = rights.people(self.url)
        except GridmapError as error:
            self.say(problem_text(error))
            return False
        self.table.setRowCount(len(self.people))
        for row, person in enumerate(self.people):
            community = f"{person.community_name} {person.community_code}".strip()
            for column, text in enumerate((person.login, role_name(person.kind), community)):
                self.table.setItem(row, column, QTableWidgetItem(text))
        self._follow_selection()
        return True

    def say(self, text: str) -> None:
        self.problem.setText(text)
        self.problem.setVisible(bool(text))

    def logins(self) -> list[str]:
        return [person.login for person in self.people]

    def picked(self) -> str | None:
        rows = self.table.selectionModel().selectedRows()
        return self.people[rows[0].row()].login if rows else None

    def pick(self, login: str) -> None:
        self.table.selectRow(self.logins().index(login))

    def _follow_selection(self) -> None:
        self.remove_button.setEnabled(self.picked() is not None)

    # -- adding -----------------------------------------------------------------------

    def add(self) -> None:
        """The Add… button: the new person's dialog, which adds them on OK."""
        dialog = AddPersonDialog(communities(self.project), self.add_person, self.logins(), self)
        added = dialog.exec() == QDialog.DialogCode.Accepted
        dialog.deleteLater()  # its password fields go with it
        if added:
            self.refresh()

    def add_person(self, login: str, kind: str, password: str, community_code: str | None) -> None:
        """Add the person on the server (``GridmapError`` says why not)."""
        rights.add(self.url, login, kind, password, community_code)
        self.say("")

    # -- removing ---------------------------------------------------------------------

    def remove_picked(self) -> None:
        login = self.picked()
        if login is not None and self.confirm_remove(login):
            self.remove(login)

    def confirm_remove(self, login: str) -> bool:
        answer = QMessageBox.question(
            self, self.tr("Remove person"),
            self.tr("Take %1 out of the project? Their login is dropped from the server: they can no longer open "
                    "the project.").replace("%1", login))
        return answer == QMessageBox.StandardButton.Yes

    def remove(self, login: str) -> bool:
        """Take ``login`` out of the project; False (and why, in the dialog) if it cannot be."""
        if login == self.me:
            self.say(self.tr("You cannot remove the login this desk is using.") + "\n"
                     + self.tr("Nothing was changed. Remove people as the server's administrator."))
            return False
        try:
            rights.remove(self.url, login)
        except GridmapError as error:
            self.say(problem_text(error))
            return False
        self.say("")
        return self.refresh()


class AddPersonDialog(QDialog):
    """A new person: login, role, (a chief's) community, password twice. OK calls ``adder(login, kind, password,
    community_code)``; a ``GridmapError`` from it is said in the dialog, which stays up to be corrected."""

    def __init__(self, choices: list[tuple[str, str]], adder: Callable[[str, str, str, str | None], None],
                 taken: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("addPersonDialog")
        self.setWindowTitle(self.tr("Add a Person"))
        self.adder, self.taken = adder, taken
        self.login = QLineEdit(self)
        self.login.setObjectName("personLogin")
        self.login.setPlaceholderText(self.tr("letters, digits and _ . @ -"))
        self.role = QComboBox(self)
        self.role.setObjectName("personRole")
        for kind in rights.KINDS:
            self.role.addItem(role_name(kind), kind)
        self.community = QComboBox(self)
        self.community.setObjectName("personCommunity")
        for code, name in choices:
            self.community.addItem(f"{name}  {code}", code)
        if not choices:
            self.community.addItem(self.tr("(the project has no community)"), None)
        self.password = QLineEdit(self)
        self.password.setObjectName("personPassword")
        self.again = QLineEdit(self)
        self.again.setObjectName("personPasswordAgain")
        for field in (self.password, self.again):
            field.setEchoMode(QLineEdit.EchoMode.Password)
        self.problem = QLabel(self)
        self.problem.setObjectName("addPersonProblem")
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color: #c00000")
        self.problem.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel,
                                        self)
        self.buttons.accepted.connect(self.try_add)
        self.buttons.rejected.connect(self.reject)
        self.role.currentIndexChanged.connect(self._follow_role)

        form = QFormLayout()
        form.addRow(self.tr("Login:"), self.login)
        form.addRow(self.tr("Role:"), self.role)
        form.addRow(self.tr("Community:"), self.community)
        form.addRow(self.tr("Password:"), self.password)
        form.addRow(self.tr("Password again:"), self.again)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(420)  # room for a login and the problem's two lines
        self._follow_role()

    def _follow_role(self) -> None:
        self.community.setEnabled(self.role.currentData() == rights.CHIEF)

    def fill(self, login: str, kind: str, password: str, again: str | None = None,
             community_code: str | None = None) -> None:
        """Fill the fields as a user would (for tests and scripts)."""
        self.login.setText(login)
        self.role.setCurrentIndex(self.role.findData(kind))
        if community_code is not None:
            self.community.setCurrentIndex(self.community.findData(community_code))
        self.password.setText(password)
        self.again.setText(password if again is None else again)

    def fault(self) -> str:
        """What in the fields keeps the person from being added, "" if nothing."""
        login, kind = self.login.text().strip(), self.role.currentData()
        if not login:
            return self.tr("Give the person's login.")
        if (not rights.LOGIN_PATTERN.fullmatch(login) or len(login.encode()) > rights.NAME_BYTES
                or login.startswith("pg_")):
            return self.tr("A login is made of letters, digits and _ . @ - (at most 63 bytes), and does not start "
                           "with pg_.")
        if login in self.taken:
            return self.tr("%1 is already one of the project's people.").replace("%1", login)
        if kind == rights.CHIEF and not self.community.currentData():
            return self.tr("Pick the chief's community.")
        if not self.password.text():
            return self.tr("Give a password.")
        if self.password.text() != self.again.text():
            return self.tr("The two passwords differ: type the same password twice.")
        return ""

    def try_add(self) -> bool:
        """OK: add the person and close, or say why not and stay up."""
        fault = self.fault()
        if fault:
            self.say(fault)
            return False
        kind = self.role.currentData()
        code = self.community.currentData() if kind == rights.CHIEF else None
        try:
            self.adder(self.login.text().strip(), kind, self.password.text(), code)
        except GridmapError as error:
            self.say(problem_text(error))
            return False
        self.password.clear()  # not kept in the widgets once the server has it
        self.again.clear()
        self.accept()
        return True

    def say(self, text: str) -> None:
        self.problem.setText(text)
        self.problem.setVisible(bool(text))
