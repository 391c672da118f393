"""File ▸ Check In Offline Copy…: an offline copy's edits sent back to the shared
project it was checked out of (``gridmap.offline.checkin``).

The dialog first compares without writing (a dry run): the rows to apply, and
each row changed both in the copy and on the server, field by field with both
values and who changed the server's side. The check-in resolves conflicts all
one way (``checkin(choice=…)`` takes one choice for all of them): keep the
copy's values or take the server's. It then says what was done, which rules
refused it, or why it could not be done, in the user's language. The copy
keeps the server's address without its password: the keyring's is used, else
libpq's (PGPASSWORD, ~/.pgpass), else the dialog asks for it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView, QDialog, QHBoxLayout, QHeaderView, QLabel, QLineEdit, QPushButton, QTableWidget,
    QTableWidgetItem, QVBoxLayout, QWidget,
)

from gridmap.model.entities import CHINA_TIME
from gridmap.errors import GridmapError, ProjectWriteError, ServerError
from gridmap.model.messages import FIELD_NAMES, RECORDS, TABLE_NAMES
from gridmap.offline.errors import OfflineError
from gridmap.storage.server.address import with_user
from ui.file_messages import project_file_text, write_problem_text
from ui.shared.connections import Connection
from ui.shared.messages import server_problem_text
from ui.shared.passwords import Passwords

if TYPE_CHECKING:
    from gridmap.offline.checkin import Checkin

CONTEXT = "CheckinDialog"
# An OfflineError says its problem in English only: known ones by a piece of that sentence (checkin.py), in order.
_OFFLINE = (
    ("is not an offline copy", QT_TRANSLATE_NOOP("CheckinDialog", "This project is not an offline copy: it has "
                                                                  "nothing to check in."),
     QT_TRANSLATE_NOOP("CheckinDialog", "To share a whole project, publish it (gridmap publish).")),
    ("was checked in already", QT_TRANSLATE_NOOP("CheckinDialog", "This copy was checked in already and could not "
                                                                  "be brought up to date then; it has nothing more "
                                                                  "to send."),
     QT_TRANSLATE_NOOP("CheckinDialog", "Check the community out again for more edits.")),
    ("holds read-only", QT_TRANSLATE_NOOP("CheckinDialog", "The copy changed rows it holds read-only (neighbours "
                                                           "kept for snapping); nothing was written."),
     QT_TRANSLATE_NOOP("CheckinDialog", "Check the community out again and make the edits there.")),
    ("did not set aside", QT_TRANSLATE_NOOP("CheckinDialog", "The copy has new rows with ids the server did not set "
                                                             "aside for it; nothing was written."),
     QT_TRANSLATE_NOOP("CheckinDialog", "Add them again in a new check-out.")),
    ("holds another project", QT_TRANSLATE_NOOP("CheckinDialog", "The database at this address holds another "
                                                                 "project than the one the copy was checked out "
                                                                 "of; nothing was written."),
     QT_TRANSLATE_NOOP("CheckinDialog", "Check in to the address the copy came from.")),
    ("no longer has the community", QT_TRANSLATE_NOOP("CheckinDialog", "The server no longer has the community the "
                                                                       "copy was checked out of (deleted or "
                                                                       "renumbered); nothing was written."),
     QT_TRANSLATE_NOOP("CheckinDialog", "Ask the office where its households went; keep the copy to look the edits "
                                        "up.")),
    ("does not take", QT_TRANSLATE_NOOP("CheckinDialog", "The copy holds a value the project does not take; nothing "
                                                         "was written."),
     QT_TRANSLATE_NOOP("CheckinDialog", "Correct it in the copy, then check in again.")),
    ("changed while it ran", QT_TRANSLATE_NOOP("CheckinDialog", "Someone changed a row of this check-in on the "
                                                                "server while it ran; nothing was written."),
     QT_TRANSLATE_NOOP("CheckinDialog", "Check in again: their change is then compared like any other.")),
    ("refused the check-in", QT_TRANSLATE_NOOP("CheckinDialog", "The server refused the check-in; nothing was "
                                                                "written."),
     QT_TRANSLATE_NOOP("CheckinDialog", "Check the community out again and make the edits there.")),
    ("", QT_TRANSLATE_NOOP("CheckinDialog", "The check-in could not be done; nothing was written."),
     QT_TRANSLATE_NOOP("CheckinDialog", "Check the copy and the connection, then try again.")),
)

SHAPES = {"Polygon": QT_TRANSLATE_NOOP("CheckinDialog", "polygon"),
          "MultiPolygon": QT_TRANSLATE_NOOP("CheckinDialog", "multipolygon"),
          "LineString": QT_TRANSLATE_NOOP("CheckinDialog", "line"),
          "MultiLineString": QT_TRANSLATE_NOOP("CheckinDialog", "multiline"),
          "Point": QT_TRANSLATE_NOOP("CheckinDialog", "point"),
          "MultiPoint": QT_TRANSLATE_NOOP("CheckinDialog", "multipoint")}

Runner = Callable[[Path, "str | None", "str | None", bool], "Checkin"]


def run_checkin(path: Path, url: str | None, choice: str | None, dry_run: bool) -> Checkin:
    """``gridmap.offline.checkin.checkin`` as the dialog calls it (``url``: the address with the password, or
    None for the copy's own)."""
    from gridmap.offline.checkin import checkin

    return checkin(path, url=url, choice=choice, dry_run=dry_run, moment=dt.datetime.now(dt.UTC))


def _tr(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


def offline_text(error: OfflineError) -> str:
    """Why the check-in could not be done, and what to do, in the user's language."""
    _piece, problem, advice = next(known for known in _OFFLINE if known[0] in error.problem)
    return f"{error.where}\n\n{_tr(problem)}\n{_tr(advice)}"


def error_text(path: Path, error: GridmapError) -> str:
    """Any refusal of a check-in, in the user's language (never the English of the command line)."""
    if isinstance(error, OfflineError):
        return offline_text(error)
    if isinstance(error, ServerError):
        return server_problem_text(error)
    if isinstance(error, ProjectWriteError):
        return write_problem_text(error)
    return project_file_text(path, error)  # the copy cannot be opened for editing: held, damaged…


class CheckinDialog(QDialog):
    """Checks in the copy at ``path`` to ``source`` (its server's address without password) by ``runner``;
    ``passwords`` is the keyring. :meth:`start` makes the dry run; ``answer`` is the last check-in's answer."""

    COLUMNS = (QT_TRANSLATE_NOOP("CheckinDialog", "Table"), QT_TRANSLATE_NOOP("CheckinDialog", "Row"),
               QT_TRANSLATE_NOOP("CheckinDialog", "Field"), QT_TRANSLATE_NOOP("CheckinDialog", "Copy's value"),
               QT_TRANSLATE_NOOP("CheckinDialog", "Server's value"),
               QT_TRANSLATE_NOOP("CheckinDialog", "Changed on the server by"))

    def __init__(self, path: str | Path, source: str, passwords: Passwords, parent: QWidget | None = None,
                 runner: Runner = run_checkin) -> None:
        super().__init__(parent)
        self.setObjectName("checkinDialog")
        self.setWindowTitle(self.tr("Check In Offline Copy"))
        self.path, self.source, self.passwords, self.runner = Path(path), source, passwords, runner
        self.answer: Checkin | None = None  # the last answer (a dry run or the check-in)
        self.checked_in = False  # the server took the edits (or there was nothing to send)

        self.where = QLabel(self)
        self.where.setObjectName("checkinWhere")
        self.where.setWordWrap(True)
        self.where.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.password = QLineEdit(self)
        self.password.setObjectName("checkinPassword")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText(self.tr("the server's password"))
        self.connect_button = QPushButton(self.tr("Connect"), self)
        self.connect_button.setObjectName("checkinConnect")
        self.connect_button.clicked.connect(self.start)
        self.password.returnPressed.connect(self.start)
        self.password_row = QWidget(self)
        row = QHBoxLayout(self.password_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(QLabel(self.tr("Password:"), self.password_row))
        row.addWidget(self.password, 1)
        row.addWidget(self.connect_button)
        self.password_row.hide()
        self.counts = QLabel(self)
        self.counts.setObjectName("checkinCounts")
        self.counts.setWordWrap(True)
        self.table = QTableWidget(0, len(self.COLUMNS), self)
        self.table.setObjectName("checkinConflicts")
        self.table.setHorizontalHeaderLabels([self.tr(c) for c in self.COLUMNS])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.choice_note = QLabel(self.tr("Each conflict is a row changed both in this copy and on the server since "
                                          "the check-out. The choice applies to all of them."), self)
        self.choice_note.setObjectName("checkinChoiceNote")
        self.choice_note.setWordWrap(True)
        self.message = QLabel(self)
        self.message.setObjectName("checkinMessage")
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.mine_button = QPushButton(self.tr("Keep Mine"), self)
        self.mine_button.setObjectName("checkinMine")
        self.mine_button.setToolTip(self.tr("Send the copy's values for every conflict"))
        self.mine_button.clicked.connect(lambda: self.check_in("mine"))
        self.theirs_button = QPushButton(self.tr("Take the Server's"), self)
        self.theirs_button.setObjectName("checkinTheirs")
        self.theirs_button.setToolTip(self.tr("Keep the server's values for every conflict; the copy takes them"))
        self.theirs_button.clicked.connect(lambda: self.check_in("theirs"))
        self.checkin_button = QPushButton(self.tr("Check In"), self)
        self.checkin_button.setObjectName("checkinSend")
        self.checkin_button.clicked.connect(lambda: self.check_in(None))
        self.close_button = QPushButton(self.tr("Close"), self)
        self.close_button.setObjectName("checkinClose")
        self.close_button.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        buttons.addWidget(self.mine_button)
        buttons.addWidget(self.theirs_button)
        buttons.addWidget(self.checkin_button)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        for widget in (self.where, self.password_row, self.counts, self.table, self.choice_note, self.message):
            layout.addWidget(widget)
        layout.addLayout(buttons)
        self._show_where()
        self._offer(())
        self.resize(900, 460)

    # -- running ---------------------------------------------------------------------------

    def _url(self) -> str | None:
        """The address with a password (typed, or the keyring's), else None: libpq finds one, or the login fails."""
        connection = Connection.of(self.source)
        password = self.password.text() or self.passwords.get(connection)
        return with_user(self.source, connection.user, password) if password else None

    def _run(self, choice: str | None, dry_run: bool) -> Checkin | None:
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            url = self._url()
            return self.runner(self.path, url, choice, dry_run)
        except ServerError as error:
            if error.kind == "login":  # no password where libpq looks, or a wrong one: asked here
                self.password_row.show()
                self.password.setFocus()
            self._say(server_problem_text(error), problem=True)
        except GridmapError as error:
            self._say(error_text(self.path, error), problem=True)
        finally:
            QGuiApplication.restoreOverrideCursor()
        return None

    def start(self) -> None:
        """The dry run: what would be applied, and the conflicts to choose."""
        self._say("")
        done = self._run(None, True)
        if done is None:
            self._offer(())
            return
        self.answer = done
        self.password_row.hide()
        self._show(done)
        if not done.outcomes:
            self._say(self.tr("The copy holds no edits since it was checked out or last checked in: nothing to "
                              "send."))
            self._offer(())
        elif done.refused == "conflicts":
            self._say(self.tr("Choose for the conflicts: keep the copy's values or take the server's. Nothing is "
                              "written until you choose."))
            self._offer((self.mine_button, self.theirs_button))
        elif done.refused == "rules":
            self._say(self._problems(done), problem=True)
            self._offer(())
        else:
            self._say(self.tr("No conflicts: the edits can be checked in."))
            self._offer((self.checkin_button,))

    def check_in(self, choice: str | None) -> None:
        """The check-in itself, conflicts resolved by ``choice`` ("mine", "theirs" or None)."""
        done = self._run(choice, False)
        if done is None:
            return
        self.answer = done
        self._show(done)
        self._offer(())
        if done.refused == "rules":
            self._say(self._problems(done), problem=True)
        elif done.refused == "conflicts":  # a row changed again on the server since the dry run
            self._say(self.tr("Another row was changed on both sides meanwhile; nothing was written. Choose "
                              "again."), problem=True)
            self._offer((self.mine_button, self.theirs_button))
        else:
            self.checked_in = True
            self._say(self._result(done))

    # -- showing ---------------------------------------------------------------------------

    def _offer(self, buttons) -> None:
        for button in (self.mine_button, self.theirs_button, self.checkin_button):
            button.setVisible(button in buttons)
        self.choice_note.setVisible(self.mine_button in buttons)

    def _say(self, text: str, problem: bool = False) -> None:
        self.message.setText(text)
        self.message.setStyleSheet("color: #c00000" if problem else "")

    def _show_where(self, community: str = "") -> None:
        text = self.tr("Copy: %1\nServer: %2").replace("%1", str(self.path)).replace("%2", self.source)
        if community:
            text += "\n" + self.tr("Community: %1").replace("%1", community)
        self.where.setText(text)

    def _show(self, done: Checkin) -> None:
        from gridmap.offline.changes import count

        self._show_where(done.community if done.outcomes else "")
        tally = count(done.outcomes)
        if done.written or (done.outcomes and not done.dry_run and not done.refused):
            text = self.tr("%1 applied, %2 kept as the server has them, %3 unchanged")
        else:
            text = self.tr("%1 to apply, %2 to keep as the server has them, %4 conflicts, %3 unchanged")
        self.counts.setText(text.replace("%1", str(tally["applied"])).replace("%2", str(tally["kept-theirs"]))
                            .replace("%3", str(tally["unchanged"])).replace("%4", str(tally["conflict"])))
        rows = [(o, d) for o in done.outcomes if o.status == "conflict" or o.resolved for d in o.differences]
        self.table.setRowCount(len(rows))
        for number, (outcome, difference) in enumerate(rows):
            cells = (QCoreApplication.translate(RECORDS, TABLE_NAMES.get(outcome.table, outcome.table)),
                     str(outcome.key), self._field(difference.field), self._value(difference.mine),
                     self._value(difference.theirs), self._who(outcome, difference))
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                self.table.setItem(number, column, item)
        self.table.resizeColumnsToContents()

    def _field(self, field: str) -> str:
        if field == "*":
            return self.tr("(the whole row)")
        if field == "geometry":
            return self.tr("shape")
        return QCoreApplication.translate(RECORDS, FIELD_NAMES.get(field, field))

    def _value(self, value: str) -> str:
        shown = {"(absent)": self.tr("(deleted)"), "(present)": self.tr("(present)"), "(no shape)": self.tr("(none)"),
                 "": "—"}
        kind, _, size = value.partition(" ")
        if kind in SHAPES and size:  # a shape, as changes.shown_text gives it: its kind (English) and size
            return f"{self.tr(SHAPES[kind])} {size}"
        return shown.get(value, value)

    def _who(self, outcome, difference) -> str:
        """Who changed the field on the server, and when (the last step); "" where the server's side did not."""
        if not difference.there:
            return ""
        steps = [s for s in outcome.server_changes if difference.field in s.fields] or list(outcome.server_changes)
        last = steps[-1] if steps else None
        who = difference.by or (last.who if last is not None else "")
        when = last.at if last is not None else None
        if isinstance(when, dt.datetime):
            return f"{who} ({when.astimezone(CHINA_TIME).strftime('%m-%d %H:%M')})"
        return who

    def _problems(self, done: Checkin) -> str:
        from ui.docks.problems import rule_title

        lines = [self.tr("Nothing was written: the edits would break these rules. Correct them in the copy, then "
                         "check in again.")]
        for item in done.problems:
            names = "、".join(z["name"] or str(z["id"]) for z in item["zones"])
            names = names or "、".join(b["name"] or str(b["id"]) for b in item["buildings"])
            title = rule_title(item["rule"])
            lines.append(f"• {title}" + (f": {names}" if names else ""))
        return "\n".join(lines)

    def _result(self, done: Checkin) -> str:
        from gridmap.offline.changes import count

        if not done.outcomes:
            return self.tr("The copy holds no edits since it was checked out or last checked in: nothing to send.")
        tally = count(done.outcomes)
        text = self.tr("Checked in: %1 row(s) applied on the server, %2 kept as the server has them.") \
            .replace("%1", str(tally["applied"])).replace("%2", str(tally["kept-theirs"]))
        if done.rebased:
            return text + "\n" + self.tr("The copy is up to date with the server: edit on and check in again.")
        return text + "\n" + self.tr("The copy could not be brought up to date and is marked as checked in: check "
                                     "the community out again for more edits.")
