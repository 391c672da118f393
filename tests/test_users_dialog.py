"""File ▸ 人员与权限…: the people of a shared project, managed in the window. A
chief of a community added through the dialog is listed, logs in with plain
SQL and reads only their community's households; removed, they are listed no
more and their login is refused. A planner who may not create roles is told,
in Chinese, that only the server's administrator may; the action is there only
for a shared project."""

from __future__ import annotations

import psycopg
import pytest
from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from gridmap.project import Project
from gridmap.storage.server import rights
from gridmap.storage.server.address import parts, with_user
from gridmap.storage.server.store import ServerStore
from tests.factories import MOMENT, small_project, two_communities_tables
from tests.windows import shown_window
from ui.shared.users_dialog import AddPersonDialog, UsersDialog

EAST = "410104099001"  # 东社区: 第1网格, households 1–24
EAST_HOUSEHOLDS = set(range(1, 25))
PASSWORD = "correct horse 电池"


def _tr(context: str, text: str) -> str:
    return QCoreApplication.translate(context, text)


@pytest.fixture
def shared(pg_url):
    """The two communities published at ``pg_url`` (the administrator's URL); logins made here dropped after."""
    ServerStore.create(pg_url, epsg=4547, tables=two_communities_tables(), meta={"title": "人员"}, moment=MOMENT)
    prefix = parts(pg_url)["dbname"]
    yield pg_url, prefix
    with psycopg.connect(pg_url, autocommit=True) as conn:
        for login, in conn.execute("SELECT rolname FROM pg_roles WHERE rolname LIKE %s", (f"{prefix}.%",)).fetchall():
            conn.execute(f'DROP ROLE IF EXISTS "{login}"')


def _users(qtbot, url: str) -> UsersDialog:
    project = Project.open(url)
    dialog = UsersDialog(url, project, project.store.user)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def _add_through_the_button(qtbot, dialog: UsersDialog, login: str, kind: str, password: str, again: str,
                            community: str | None = None, shot: str = "") -> list[str]:
    """Click 添加…, fill the person's dialog as a user would and press OK; return what it said (if it stayed up)."""
    said: list[str] = []

    def fill() -> None:
        person = QApplication.activeModalWidget()
        assert isinstance(person, AddPersonDialog)
        assert person.password.echoMode() == person.password.EchoMode.Password  # never shown
        person.fill(login, kind, password, again, community)
        if not person.try_add():
            said.append(person.problem.text())
            if shot:
                person.grab().save(shot)
            person.reject()

    QTimer.singleShot(0, fill)
    qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
    return said


def _rows(dialog: UsersDialog) -> list[tuple[str, str, str]]:
    table = dialog.table
    return [tuple(table.item(row, column).text() for column in range(3)) for row in range(table.rowCount())]


def test_a_chief_added_in_the_dialog_reads_only_their_community_and_once_removed_cannot_log_in(
        qtbot, shared, monkeypatch, tmp_path):
    url, prefix = shared
    dialog = _users(qtbot, url)
    assert _rows(dialog) == [] and not dialog.problem.isVisible()
    assert [dialog.table.horizontalHeaderItem(c).text() for c in range(3)] == [
        _tr("UsersDialog", "Login"), _tr("UsersDialog", "Role"), _tr("UsersDialog", "Community")]
    chief = f"{prefix}.east"

    # two different passwords: said, nothing added
    said = _add_through_the_button(qtbot, dialog, chief, "chief", PASSWORD, PASSWORD + "x", EAST)
    assert said == [_tr("AddPersonDialog", "The two passwords differ: type the same password twice.")]
    assert rights.people(url) == []

    assert _add_through_the_button(qtbot, dialog, chief, "chief", PASSWORD, PASSWORD, EAST) == []
    assert _rows(dialog) == [(chief, _tr("UsersDialog", "Community chief"), f"东社区 {EAST}")]
    assert rights.people(url) == [rights.Person(chief, "chief", EAST, "东社区")]
    dialog.table.selectRow(0)
    dialog.grab().save(str(tmp_path / "users_dialog.png"))

    # the chief logs in with plain SQL and reads the households of 东社区 alone
    with psycopg.connect(with_user(url, chief, PASSWORD)) as conn:
        seen = {row[0] for row in conn.execute("SELECT id FROM households").fetchall()}
    assert seen == EAST_HOUSEHOLDS

    # 删除, confirmed: listed no more, and the server refuses the login
    asked: list[str] = []
    monkeypatch.setattr(QMessageBox, "question",
                        lambda _parent, _title, text: asked.append(text) or QMessageBox.StandardButton.Yes)
    assert dialog.picked() == chief and dialog.remove_button.isEnabled()
    qtbot.mouseClick(dialog.remove_button, Qt.MouseButton.LeftButton)
    assert len(asked) == 1 and chief in asked[0]
    assert _rows(dialog) == [] and rights.people(url) == []
    assert not dialog.remove_button.isEnabled()
    with pytest.raises(psycopg.OperationalError):
        psycopg.connect(with_user(url, chief, PASSWORD)).close()


def test_a_planner_who_may_not_create_roles_is_told_only_the_administrator_may(qtbot, shared, tmp_path):
    url, prefix = shared
    planner = f"{prefix}.planner"
    rights.add(url, planner, "office", PASSWORD)
    dialog = _users(qtbot, with_user(url, planner, PASSWORD))
    assert _rows(dialog) == [(planner, _tr("UsersDialog", "Office planner"), "")]  # the planner may list people

    said = _add_through_the_button(qtbot, dialog, f"{prefix}.viewer", "viewer", PASSWORD, PASSWORD,
                                  shot=str(tmp_path / "denied.png"))
    assert said == [_tr("UsersDialog", "Only the server's administrator may add or remove people.") + "\n"
                    + _tr("UsersDialog", "Nothing was changed. Open the project as the server's administrator "
                                         "(the postgres user) to do it, or ask them.")]
    assert said[0].startswith("只有服务器管理员可以添加或删除人员。")
    assert "Traceback" not in said[0] and "psycopg" not in said[0]
    assert [p.login for p in rights.people(url)] == [planner]


def test_the_menu_action_is_there_only_for_a_shared_project(qtbot, shared, tmp_path):
    url, _prefix = shared
    window = shown_window(qtbot, None)
    action = window.file_actions.people
    assert action in window.file_menu.actions() and action.text() == _tr("FileActions", "&People and Rights…")
    assert not action.isEnabled()
    assert window.open_path(url)
    assert action.isEnabled()
    window.set_project(small_project(tmp_path / "file.gpkg"))  # a project in a file: no server, no people
    assert not action.isEnabled()
