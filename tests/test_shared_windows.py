"""Two windows on one shared project (issue 20's acceptance): an edit in one is
in the other within a second — its tables, map, tree, attributes, history and
Problems —, an edit built on a row the other changed is refused with a message
naming the record and who changed it, and the view then shows their change; an
undo over someone else's change is refused the same way, the stack as it was.
The server stopped: the window says it is offline, and once the server is back
it reconnects by itself and catches up. And the window on a shared project:
File ▸ 打开共享项目… (its errors in Chinese, the servers remembered, passwords
only in a secure keyring), the title, the recent list, a local copy, no English."""

from __future__ import annotations

import os
import socket
from pathlib import Path

import keyring.backend
import psycopg
import pytest
from keyring.backends import SecretService, chainer, fail, null
from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QFileDialog, QMessageBox

from gridmap.commands.geometry import SetZoneGeometry
from gridmap.commands.households import EditHouseholds
from gridmap.commands.zones import ReassignBuildings, RenameZone
from gridmap.errors import ProjectWriteError
from gridmap.project import Project
from gridmap.selection import Item
from gridmap.storage.server.address import parts, shown, with_user
from gridmap.storage.server.store import ServerStore
from tests.factories import MOMENT, small_tables
from tests.test_no_english import english_words, leaks, widget_texts
from tests.windows import shown_window
from ui.settings import Settings
from ui.shared.connections import Connection, remembered
from ui.shared.open_dialog import OpenSharedDialog
from ui.shared.opening import SharedProjects
from ui.shared.passwords import SERVICE, Passwords, is_secure

SEEN_WITHIN_MS = 1000  # the bound for another desk's commit to show
BACK_WITHIN_MS = 20_000  # a server started again is found by the window's next tries (every 3 s)


def _tr(context: str, text: str) -> str:
    return QCoreApplication.translate(context, text)


def _publish(url: str) -> None:
    ServerStore.create(url, epsg=4547, tables=small_tables(), meta={"title": "共享"}, moment=MOMENT)


@pytest.fixture
def shared(pg_url) -> str:
    _publish(pg_url)
    return pg_url


def _desk(qtbot, url: str):
    """A window opened on the shared project at ``url`` the way the command line and the recent list do."""
    window = shown_window(qtbot, None, 1366, 768)
    assert window.open_path(url)
    return window


def _tree_text(window, zone_id: int) -> tuple[str, str]:
    """The zone's row in the hierarchy: its name and its household count."""
    model = window.tree.model
    index = model.index_of("zone", zone_id)
    return model.data(index), model.data(index.siblingAtColumn(1))


def _attribute(window, label: str) -> str:
    return dict(window.attributes.rows())[_tr("AttributeRows", label)]


# -- two desks ------------------------------------------------------------------------


def test_two_windows_see_each_others_edits_within_a_second_and_a_stale_edit_is_refused_by_name(qtbot, shared):
    first, second = _desk(qtbot, shared), _desk(qtbot, shared)
    who = first.project.store.user
    assert who and second.project.store.user == who  # the database user: the history's "who"
    second.selection.set(Item("zone", 4))
    assert _tree_text(second, 4) == ("第2网格", "12")

    # An edit in the first window, through the UI: the second shows it within a second, everywhere.
    assert first.zone_naming.rename(4, "第二网格")
    assert first.project.undo_stack.push(ReassignBuildings([2], 4))  # a building (12 households) changes grid
    qtbot.waitUntil(lambda: _tree_text(second, 4) == ("第二网格", "24"), timeout=SEEN_WITHIN_MS)
    assert second.project.tables["buildings"][2].zone_id == 4
    assert second.project.tables["zones"] == first.project.tables["zones"]
    assert _attribute(second, "Name") == "第二网格" and _attribute(second, "Households") == "24"
    assert "第二网格" in second.scene.zone_names  # the map's labels
    moved = second.scene.features["zones"].geometries[list(second.project.tables["zones"]).index(4)]
    assert moved.equals(first.project.tables["zones"][4].geometry)
    history = second.attributes.history
    assert history.steps and history.steps[0].who == who  # the History tab names the database user
    headings = [heading for heading, _what, _change in history.lines()]
    assert any(who in h and _tr("Commands", "Move buildings to another grid") in h for h in headings)
    assert any(_tr("Commands", "Rename zone") in h for h in headings)
    assert second.project.tables["change_log"] == first.project.tables["change_log"]  # others' history came too

    # A gap made in the first shows in the second's Problems panel.
    grid = first.project.tables["zones"][3]
    second.problems.check()
    assert first.project.undo_stack.push(SetZoneGeometry(3, grid.geometry.buffer(-5)))
    listed = second.problems.list.topLevelItemCount()
    assert "gap" not in {problem.rule for problem in second.problems.problems}
    qtbot.waitUntil(lambda: "gap" in {problem.rule for problem in second.problems.problems}, timeout=SEEN_WITHIN_MS)
    assert second.problems.list.topLevelItemCount() > listed
    first.project.undo_stack.undo()
    qtbot.waitUntil(lambda: second.project.tables["zones"][3] == grid, timeout=SEEN_WITHIN_MS)

    # The second edits the zone the first has just renamed, before it has heard of it: refused, by name.
    assert first.zone_naming.rename(4, "甲网格")
    assert not second.zone_naming.rename(4, "乙网格")  # built on 第二网格, which is no longer there
    qtbot.waitUntil(lambda: second.live.box is not None)
    box = second.live.box
    assert box.windowTitle() == _tr("LiveUpdates", "Change not saved")
    text = box.text()
    assert f"{_tr('Records', 'zones')} 4（第二网格）" in text or f"{_tr('Records', 'zones')} 4（甲网格）" in text
    assert who in text and _tr("Commands", "Rename zone") in text
    assert english_words(text.replace(who, "")) == []
    assert _tree_text(second, 4)[0] == "甲网格" and _attribute(second, "Name") == "甲网格"  # their change shown
    assert len(second.project.undo_stack) == 0  # nothing of the refused edit is kept
    box.close()

    # Now the second renames it, on what it sees: taken, and the first shows it.
    assert second.zone_naming.rename(4, "乙网格")
    qtbot.waitUntil(lambda: first.project.tables["zones"][4].name == "乙网格", timeout=SEEN_WITHIN_MS)

    # The first's undo would put 第二网格 back over the second's 乙网格: refused, said, the stack as it was.
    steps, label = len(first.project.undo_stack), first.undo_actions.undo.text()
    index = first.project.undo_stack.index
    first.undo_actions.undo.trigger()
    qtbot.waitUntil(lambda: first.live.box is not None)
    assert first.live.box.windowTitle() == _tr("LiveUpdates", "Not undone")
    assert who in first.live.box.text()
    assert (len(first.project.undo_stack), first.project.undo_stack.index) == (steps, index)
    assert first.undo_actions.undo.text() == label and first.undo_actions.undo.isEnabled()
    assert first.project.tables["zones"][4].name == "乙网格" and _tree_text(first, 4)[0] == "乙网格"
    with psycopg.connect(shared) as conn:
        assert conn.execute("SELECT name FROM zones WHERE id = 4").fetchone()[0] == "乙网格"


def test_a_household_edit_in_one_window_is_in_the_others_attributes(qtbot, shared):
    first, second = _desk(qtbot, shared), _desk(qtbot, shared)
    second.selection.set(Item("household", 7))
    first.project.undo_stack.push(EditHouseholds([7], note="第一张桌子"))
    qtbot.waitUntil(lambda: _attribute(second, "Note") == "第一张桌子", timeout=SEEN_WITHIN_MS)
    assert second.project.tables["households"][7] == first.project.tables["households"][7]
    # an edit pushed on the stack straight away, before the window has heard: refused, then caught up
    first.project.undo_stack.push(EditHouseholds([7], note="又一次"))
    with pytest.raises(ProjectWriteError) as refused:
        second.project.undo_stack.push(EditHouseholds([7], note="第二张桌子"))
    assert refused.value.kind == "conflict"
    qtbot.waitUntil(lambda: second.live.box is not None)
    assert _attribute(second, "Note") == "又一次"


def test_a_boundary_edit_beside_a_neighbour_changed_meanwhile_is_refused_naming_the_neighbour(qtbot, shared):
    first, second = _desk(qtbot, shared), _desk(qtbot, shared)
    grid = first.project.tables["zones"][3]
    assert first.project.undo_stack.push(SetZoneGeometry(3, grid.geometry.buffer(-2)))
    neighbour = second.project.tables["zones"][4]
    assert not second.canvas.push(SetZoneGeometry(4, neighbour.geometry.buffer(-2)))  # a map tool's way: not raised
    qtbot.waitUntil(lambda: second.live.box is not None)
    text = second.live.box.text()
    assert text.startswith("相邻区域“第1网格”在您读取之后已被 ") and first.project.store.user in text
    assert second.project.tables["zones"] == first.project.tables["zones"]  # the first's boundary is shown
    with psycopg.connect(shared) as conn:
        assert conn.execute("SELECT count(*) FROM change_log WHERE row_id = 4").fetchone()[0] == 0


# -- the server goes away and comes back ---------------------------------------------------


def test_the_window_says_offline_when_the_server_stops_and_catches_up_when_it_is_back(qtbot):
    from benchmarks.pg_cluster import PgCluster

    with PgCluster.start() as cluster:
        url = cluster.new_database("office")
        _publish(url)
        window = _desk(qtbot, url)
        assert not window.live.offline and window.live.badge.isHidden()
        cluster.stop_immediate()
        qtbot.waitUntil(lambda: window.live.offline, timeout=5000)  # the listening connection broke
        assert window.live.badge.isVisible() and window.live.badge.text() == _tr("LiveUpdates", "Offline")
        assert "离线" in window.statusBar().currentMessage()
        assert not window.zone_naming.rename(4, "断网时")  # not saved, and said so
        assert window.project.tables["zones"][4].name == "第2网格"
        assert "离线" in window.statusBar().currentMessage() and window.live.box is None
        assert not window.project.undo_stack.can_undo
        cluster.start_again()
        other = Project.open(url)  # another desk, once the server is back
        try:
            other.undo_stack.push(RenameZone(3, "恢复后"))
        finally:
            other.close()
        qtbot.waitUntil(lambda: not window.live.offline and window.project.tables["zones"][3].name == "恢复后",
                        timeout=BACK_WITHIN_MS)
        assert window.live.badge.isHidden() and _tree_text(window, 3)[0] == "恢复后"
        assert "恢复" in window.statusBar().currentMessage()
        assert window.zone_naming.rename(4, "恢复了")  # edits are saved again
        window.close()
    with pytest.raises(Exception):  # noqa: B017 - the cluster is gone: nothing is listening there
        socket.create_connection(("127.0.0.1", cluster.port), timeout=1).close()


# -- opening a shared project ---------------------------------------------------------------


class MemoryKeyring(keyring.backend.KeyringBackend):
    """A keyring kept in memory, standing for the desktop's secure one (Windows, macOS, Secret Service)."""

    priority = 1

    def __init__(self) -> None:
        super().__init__()
        self.kept: dict[tuple[str, str], str] = {}

    def get_password(self, service, username):
        return self.kept.get((service, username))

    def set_password(self, service, username, password):
        self.kept[service, username] = password

    def delete_password(self, service, username):
        self.kept.pop((service, username), None)


def test_only_a_secure_keyring_is_trusted_with_passwords():
    assert not is_secure(fail.Keyring()) and not is_secure(null.Keyring()) and not is_secure(None)
    assert not is_secure(chainer.ChainerBackend())  # a chain of nothing
    assert not is_secure(MemoryKeyring())  # not a back end the system keeps encrypted
    assert is_secure(SecretService.Keyring())
    insecure = Passwords(fail.Keyring())
    assert not insecure.secure and not insecure.put(Connection("h", "5432", "d", "u"), "pw")


def _dialog(qtbot, settings: Settings, passwords: Passwords) -> OpenSharedDialog:
    dialog = OpenSharedDialog(settings, passwords, Project.open)
    qtbot.addWidget(dialog)
    return dialog


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_the_open_dialog_says_why_a_project_cannot_be_opened_in_chinese(qtbot, pg_url):
    settings = Settings.default()
    dialog = _dialog(qtbot, settings, Passwords(fail.Keyring()))
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.password_note.isVisible() and not dialog.remember_password.isVisible()  # no secure keyring
    assert not dialog.list.isVisible()  # nothing remembered yet
    server, password = Connection.of(pg_url), parts(pg_url)["password"]
    with psycopg.connect(pg_url, autocommit=True) as conn:
        conn.execute("CREATE ROLE clerk LOGIN PASSWORD 'clerk-pw'")
        conn.execute(f'REVOKE CONNECT ON DATABASE "{server.database}" FROM PUBLIC')
    cases = {
        "unreachable": (server._replace(port=str(_free_port())), password),
        "no-database": (server._replace(database="no_such_office"), password),
        "login": (server, "not-the-password"),
        "denied": (server._replace(user="clerk"), "clerk-pw"),
        "not-a-project": (server, password),
    }
    said = {}
    for kind, (connection, given) in cases.items():
        dialog.fill(connection, given)
        dialog.try_open()
        assert dialog.result() == 0 and dialog.project is None and dialog.problem.isVisible(), kind
        said[kind] = dialog.problem.text()
        problem = said[kind].split("\n\n")[1]
        assert english_words(problem) == [], (kind, problem)
    assert len(set(said.values())) == len(cases)  # each kind in its own words
    assert _tr("Shared", "The server refused the user name or password.") in said["login"]
    _publish(pg_url)
    with psycopg.connect(pg_url, autocommit=True) as conn:
        conn.execute("UPDATE gridmap_meta SET value = '999' WHERE key = 'schema_version'")
    dialog.fill(server, password)
    dialog.try_open()
    assert _tr("Shared", "The shared project was saved by a newer gridmap.") in dialog.problem.text()
    dialog.fill(server._replace(host=""), "")
    dialog.try_open()
    assert dialog.problem.text() == "请填写服务器。"
    assert remembered(settings) == []  # nothing that failed is remembered
    texts = [(where, text.replace(server.key, "")) for where, text in widget_texts(dialog, "open dialog")]
    assert "\n".join(leaks(texts)) == ""


def test_a_connection_is_remembered_and_its_password_only_in_a_secure_keyring(qtbot, shared, monkeypatch):
    settings = Settings.default()
    secret = parts(shared)["password"]  # the test cluster's superuser's
    keys = MemoryKeyring()
    passwords = Passwords(keys, secure=True)
    dialog = _dialog(qtbot, settings, passwords)
    assert not dialog.remember_password.isHidden() and dialog.password_note.isHidden()
    server = Connection.of(shared)
    dialog.fill(server, secret)
    dialog.remember_password.setChecked(True)
    dialog.try_open()
    assert dialog.result() == OpenSharedDialog.DialogCode.Accepted and dialog.project is not None
    assert dialog.project.meta["title"] == "共享" and dialog.project.store.user == server.user
    dialog.project.close()
    assert remembered(settings) == [server]
    assert keys.kept == {(SERVICE, server.key): secret}
    settings.sync()
    kept = (Path(os.environ["GRIDMAP_CONFIG_DIR"]) / "gridmap.ini").read_text(encoding="utf-8")
    assert server.database in kept and secret not in kept  # the server remembered, never its password
    # The next dialog lists it; picking it fills every field, the password from the keyring.
    again = _dialog(qtbot, settings, passwords)
    assert again.list.count() == 1 and again.list.item(0).text() == server.key
    assert again.connection() == server and again.password.text() == secret
    assert again.remember_password.isChecked()
    # Opened from the recent list or the command line (no password in the address): the keyring's is used.
    opened = SharedProjects(settings, passwords=passwords).open(shown(shared))
    assert opened is not None and opened.store.url == with_user(shown(shared), server.user, secret)
    opened.close()
    keys.kept[SERVICE, server.key] = "not-the-password"  # changed on the server since: the dialog asks
    asked = []
    monkeypatch.setattr(OpenSharedDialog, "exec", lambda dialog: asked.append(dialog.problem.text()) or 0)
    assert SharedProjects(settings, passwords=passwords).open(shown(shared)) is None
    assert len(asked) == 1 and _tr("Shared", "The server refused the user name or password.") in asked[0]
    keys.kept[SERVICE, server.key] = secret
    # Unticked: the password is forgotten; Forget takes the server off the list.
    again.remember_password.setChecked(False)
    again.try_open()
    again.project.close()
    assert keys.kept == {}
    third = _dialog(qtbot, settings, passwords)
    third.list.setCurrentRow(0)
    third.forget_button.click()
    assert remembered(settings) == [] and third.list.count() == 0


# -- the window on a shared project ---------------------------------------------------------


def test_the_window_on_a_shared_project(qtbot, shared, tmp_path, monkeypatch):
    secret = parts(shared)["password"]
    window = _desk(qtbot, shared)
    address = window.project.address
    assert window.project.path is None and secret not in address
    assert window.windowTitle() == f"共享 — {address} — gridmap"
    assert window.settings.recent_files[0] == address  # the address, never the password
    window.settings.sync()
    assert secret not in (Path(os.environ["GRIDMAP_CONFIG_DIR"]) / "gridmap.ini").read_text(encoding="utf-8")
    window.file_actions.fill_recent()
    assert window.file_actions.recent_menu.actions()[0].text() == f"&1 {address}"
    assert not window.file_watch.timer.isActive() and window.project.external_change() is None
    assert window.live.notifier is not None and window.live.notifier.isEnabled()
    assert window.file_actions.open_shared.shortcut().toString() == "Ctrl+Shift+O"
    assert window.file_actions.open_shared.text() == "打开共享项目(&H)…"
    assert window.file_actions.save_as.text() == _tr("FileActions", "Save a &Local Copy…")
    assert window.file_actions.reload.text() == _tr("FileActions", "Re&load from the Server")

    # Save a local copy: a GeoPackage of what the server holds; the window stays on the server.
    window.project.undo_stack.push(EditHouseholds([7], note="本地副本里也有"))
    offered = []

    def save_name(_parent, _title, start, _filter):
        offered.append(start)
        return str(tmp_path / "副本.gpkg"), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_name)
    window.file_actions.save_as.trigger()
    assert offered and offered[0].endswith("共享.gpkg")
    assert window.project.path is None and window.project.address == address
    copy = Project.open(tmp_path / "副本.gpkg", read_only=True)
    assert copy.tables["households"][7].note == "本地副本里也有" and copy.meta["title"] == "共享"
    copy.close()
    assert "副本.gpkg" in window.statusBar().currentMessage()

    # Reloading reads it again from the server (with the password given, kept in memory only).
    before = window.project
    assert window.reload_project() and window.project is not before and window.project.path is None
    assert window.project.tables["households"][7].note == "本地副本里也有"

    # No English and every character in the font, the address (a name the user typed) left out.
    window.selection.set(Item("zone", 3))
    qtbot.wait(50)
    texts = [(where, text.replace(address, "")) for where, text in widget_texts(window, "window")]
    assert "\n".join(leaks(texts)) == ""
    metrics = QFontMetrics(window.font())
    missing = {ch for _where, text in texts for ch in text if ch.strip() and not metrics.inFontUcs4(ord(ch))}
    assert not missing, "".join(sorted(missing))
    image = window.grab().toImage()
    assert (image.width(), image.height()) == (1366, 768)
    image.save(str(tmp_path / "shared-window.png"))


def test_a_shared_project_that_cannot_be_opened_is_said_in_chinese_and_the_window_keeps_its_own(
        qtbot, window, pg_url, monkeypatch):
    warnings = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _parent, title, text: warnings.append((title, text)))
    kept = window.project
    assert not window.open_path(pg_url)  # an empty database
    assert window.project is kept
    (title, text), = warnings
    assert title == _tr("SharedProjects", "Cannot open shared project")
    assert _tr("Shared", "This database holds no gridmap project that can be opened here.") in text
    assert english_words(text.replace(shown(pg_url), "")) == []


def test_gridmap_with_an_address_opens_the_shared_project(shared, tmp_path):
    from ui.app import run

    out = tmp_path / "shared.png"
    assert run([shared, "--screenshot", str(out), "--size", "1366x768"]) == 0
    assert out.read_bytes()[:4] == b"\x89PNG"
