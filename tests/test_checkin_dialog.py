"""File ▸ Check In Offline Copy…: the window's dialog on ``gridmap.offline.checkin``.

A copy of the west community is checked out of a real server, one household is
changed in the copy and on the server (a conflict), another only in the copy.
The window on the copy asks for the server's password (the copy keeps the
address without it), lists the conflict field by field with both values and
who changed the server's side, and checks in with the copy's values; the
server then has them, its rules are clean, and the window reads the copy again."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QCoreApplication, QTimer

from gridmap.cli import main
from gridmap.commands.households import EditHouseholds
from gridmap.offline.checkout import checkout
from gridmap.project import Project
from gridmap.storage.server.address import parts
from gridmap.storage.server.store import ServerStore
from tests.factories import MOMENT, two_communities_tables
from tests.test_rules import NO_BANDS, NO_STAFFING
from tests.windows import shown_window

WEST = "410104099002"
LATER = dt.datetime(2026, 11, 3, 8, 0, tzinfo=dt.UTC)


def _tr(context: str, text: str) -> str:
    return QCoreApplication.translate(context, text)


def _server(url: str) -> dict:
    store = ServerStore.open(url, read_only=True)
    try:
        return store.read_all()
    finally:
        store.close()


@pytest.fixture
def copy(pg_url, tmp_path, monkeypatch):
    """The west community checked out; household ``both`` changed in the copy and on the server, ``only_here``
    in the copy. libpq finds no password (the copy never keeps one): the dialog must ask for it."""
    ServerStore.create(pg_url, epsg=4547, tables=two_communities_tables(),
                       meta={"title": "两社区", "rules": NO_BANDS.to_meta(), "staffing": NO_STAFFING}, moment=MOMENT)
    path = tmp_path / "west.gpkg"
    checkout(pg_url, WEST, path, moment=LATER)
    project = Project.open(path)
    try:
        held = project.store.copy
        both, only_here = sorted(key for key in project.tables["households"]
                                 if key not in held.read_only.get("households", ()))[:2]
        project.undo_stack.push(EditHouseholds([both], occupancy="空户", note="离线核查"))
        project.undo_stack.push(EditHouseholds([only_here], note="只在副本"))
    finally:
        project.close()
    server = Project.open(pg_url)
    try:
        server.undo_stack.push(EditHouseholds([both], occupancy="租户"))
    finally:
        server.close()
    monkeypatch.delenv("PGPASSWORD", raising=False)
    monkeypatch.setenv("PGPASSFILE", str(tmp_path / "no-pgpass"))
    return path, both, only_here


def _cells(table) -> list[tuple[str, ...]]:
    return [tuple(table.item(r, c).text() for c in range(table.columnCount())) for r in range(table.rowCount())]


def _validate(capsys, url: str) -> list[str]:
    main(["validate", url])
    return capsys.readouterr()[0].splitlines()


def test_the_dialog_lists_a_conflict_with_both_values_and_checks_in_the_copys(qtbot, pg_url, copy, tmp_path,
                                                                              capsys):
    path, both, only_here = copy
    # the small project has an empty grid of its own (第2网格); the check-in adds no problem to it
    problems = _validate(capsys, pg_url)
    assert problems[-1].startswith("1 problem in ") and problems[0].startswith("grid with no buildings: ")
    window = shown_window(qtbot, Project.open(path))
    action = window.checkin_copy.action
    assert action.isEnabled() and action in window.file_menu.actions()
    seen: dict = {}

    def in_dialog() -> None:
        dialog = window.checkin_copy.dialog
        try:
            seen["asked"] = dialog.password_row.isVisibleTo(dialog)
            seen["problem"] = dialog.message.text()
            dialog.password.setText(parts(pg_url)["password"])
            dialog.connect_button.click()  # the dry run, with the password typed
            seen["asked after"] = dialog.password_row.isVisibleTo(dialog)
            seen["conflicts"] = _cells(dialog.table)
            seen["counts"] = dialog.counts.text()
            seen["buttons"] = [b.isVisibleTo(dialog) for b in (dialog.mine_button, dialog.theirs_button,
                                                                dialog.checkin_button)]
            seen["server before"] = _server(pg_url)["households"][both]
            dialog.grab().save(str(tmp_path / "checkin-dialog.png"))
            dialog.mine_button.click()
            seen["result"] = dialog.message.text()
            seen["checked in"] = dialog.checked_in
        finally:
            dialog.accept()

    QTimer.singleShot(0, in_dialog)
    action.trigger()

    assert seen["asked"] and not seen["asked after"]
    assert _tr("Shared", "The server refused the user name or password.") in seen["problem"]
    households = _tr("Records", "households")
    assert seen["conflicts"] == [
        (households, str(both), _tr("Records", "occupancy"), "空户", "租户", seen["conflicts"][0][5]),
        (households, str(both), _tr("Records", "note"), "离线核查", "—", ""),
    ]
    assert seen["conflicts"][0][5].startswith("postgres (")  # who changed the server's side, and when
    assert seen["counts"] == _tr("CheckinDialog", "%1 to apply, %2 to keep as the server has them, %4 conflicts, "
                                                  "%3 unchanged").replace("%1", "1").replace("%2", "0") \
        .replace("%4", "1").replace("%3", "0")
    assert seen["buttons"] == [True, True, False]
    assert seen["server before"].occupancy == "租户"  # the dry run wrote nothing
    assert seen["checked in"]
    assert seen["result"].startswith(_tr("CheckinDialog", "Checked in: %1 row(s) applied on the server, %2 kept as "
                                                          "the server has them.").replace("%1", "2")
                                     .replace("%2", "0"))

    now = _server(pg_url)["households"]
    assert (now[both].occupancy, now[both].note) == ("空户", "离线核查")  # the copy's values chosen
    assert now[only_here].note == "只在副本"
    assert _validate(capsys, pg_url) == problems

    # the window read the copy again: editable, brought up to date; nothing more to send
    assert not window.project.read_only and window.project.path == path
    assert window.project.tables["households"][both].occupancy == "空户"
    assert action.isEnabled()


def test_a_refused_check_in_is_said_in_the_users_language_and_nothing_is_written(qtbot, pg_url, copy):
    from gridmap.commands.zones import DeleteZone
    from ui.shared.checkin_dialog import CheckinDialog
    from ui.shared.passwords import Passwords

    path, both, _only_here = copy
    server = Project.open(pg_url)
    try:
        server.undo_stack.push(DeleteZone(5, 2))  # the west community, merged into the east
    finally:
        server.close()
    before = _server(pg_url)["households"][both]
    source = Project.open(path, read_only=True)
    address = source.meta["offline_source"]
    source.close()
    dialog = CheckinDialog(path, address, Passwords(None))
    qtbot.addWidget(dialog)
    dialog.password.setText(parts(pg_url)["password"])
    dialog.start()
    text = dialog.message.text()
    assert text == f"{address}\n\n" + _tr("CheckinDialog", "The server no longer has the community the copy was "
                                                           "checked out of (deleted or renumbered); nothing was "
                                                           "written.") \
        + "\n" + _tr("CheckinDialog", "Ask the office where its households went; keep the copy to look the edits up.")
    assert not any(b.isVisibleTo(dialog) for b in (dialog.mine_button, dialog.theirs_button, dialog.checkin_button))
    assert dialog.answer is None and not dialog.checked_in
    assert _server(pg_url)["households"][both] == before


def test_each_refusal_of_checkin_py_is_known_by_its_words():
    """The dialog knows an OfflineError by a piece of its English (it has no kind): each piece is still said there."""
    from pathlib import Path

    import gridmap.offline.checkin as module
    from ui.shared.checkin_dialog import _OFFLINE

    source = " ".join(Path(module.__file__).read_text(encoding="utf-8").split())
    assert [piece for piece, _problem, _advice in _OFFLINE if piece not in source] == []
