"""Offline copies of one community (gridmap checkout / checkin) on the real
PostgreSQL/PostGIS server: a copy holds its community editable and its
neighbours read-only, edits offline take ids set aside on the server, and a
check-in applies what the server did not change, lists each row changed on
both sides with both values and writes nothing until it is resolved, checks
the rules, and refuses whole (nothing written) when the community is gone,
the copy was tampered with or the server cannot be reached."""

from __future__ import annotations

from collections import Counter

import datetime as dt
import hashlib
import json
import sqlite3
import uuid
from contextlib import closing
from pathlib import Path

import psycopg
import pytest

from benchmarks.pg_cluster import free_port
from gridmap.cli import main
from gridmap.commands.households import EditHouseholds
from gridmap.commands.staff import AddStaff, LinkHouseholds
from gridmap.commands.zones import DeleteZone, RenameZone
from gridmap.errors import DamagedFileError, ProjectWriteError, ServerError
from gridmap.model.changes import RowChange
from gridmap.model.entities import ChangeLogEntry, Household, Resident
from gridmap.offline.changes import (
    APPLIED, CONFLICT, KEPT_THEIRS, MINE, ROW, THEIRS, UNCHANGED, compare, copy_edits, resolve,
)
from gridmap.offline.checkin import CHECKIN_LABEL, checkin
from gridmap.offline.checkout import checkout
from gridmap.offline.errors import OfflineError
from gridmap.project import Project
from gridmap.levels import project_depths
from gridmap.rules.check import check
from gridmap.rules.report import check_project
from gridmap.rules.settings import RuleSettings
from gridmap.storage.offline_copy import COPY_TABLE, Base
from gridmap.storage.server import rights
from gridmap.storage.server.address import parts, shown, with_user
from gridmap.storage.row_versions import read_versions
from gridmap.storage.server.store import ServerStore
from gridmap.storage.store import ProjectStore
from tests.factories import MOMENT, box, two_communities_tables
from tests.test_rules import NO_BANDS, NO_STAFFING

WEST = "410104099002"  # 西社区 (zone 5): 第2网格 (4) and 第3网格 (6, holding 3号楼 and its 12 households)
EAST = "410104099001"  # 东社区 (zone 2)
HEPINGLI = "410104099002"  # the demo's 和平里社区 (zone 9)
LATER = dt.datetime(2026, 11, 3, 8, 0, tzinfo=dt.UTC)
PASSWORD = "离线 chief 口令"


@pytest.fixture
def shared(pg_url, monkeypatch) -> str:
    """The two communities published; the password where libpq looks for it (a copy never keeps it)."""
    ServerStore.create(pg_url, epsg=4547, tables=two_communities_tables(),
                       meta={"title": "两社区", "rules": NO_BANDS.to_meta(), "staffing": NO_STAFFING}, moment=MOMENT)
    monkeypatch.setenv("PGPASSWORD", parts(pg_url)["password"])
    return pg_url


def _server(url: str) -> dict:
    store = ServerStore.open(url, read_only=True)
    try:
        return store.read_all()
    finally:
        store.close()


def _checkout(capsys, url: str, path: Path, code: str = WEST) -> str:
    assert main(["checkout", url, "--community", code, str(path)]) == 0
    out, err = capsys.readouterr()
    assert err == ""
    return out


def _checkin(capsys, path: Path, *options: str) -> tuple[int, str, str]:
    code = main(["checkin", str(path), *options])
    out, err = capsys.readouterr()
    return code, out, err


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _edit(path: Path, *commands) -> list[int]:
    """Do ``commands`` in the copy, offline; return the ids of the rows they added."""
    project = Project.open(path)
    try:
        added = []
        for command in commands:
            project.undo_stack.push(command)
            added += [c.key for c in command.changes if c.before is None]
        return added
    finally:
        project.close()


def _on_server(url: str, *commands) -> None:
    project = Project.open(url)
    try:
        for command in commands:
            project.undo_stack.push(command)
    finally:
        project.close()


# -- what changed where: pure, no server --------------------------------------------


def _household(key: int, **fields) -> Household:
    return Household(key, 3, 5, 1, "101", "常住", frozenset(), 2, None, False, "")._replace(**fields)


def _entry(key: int, table: str, row: int, field: str, old: str, new: str, label: str = "Edit household"):
    return ChangeLogEntry(key, MOMENT, "chief", table, row, field, old, new, "do", label)


def test_the_copys_edits_are_the_rows_its_history_touched_with_the_fields_still_changed():
    mine = {"households": {1: _household(1, occupancy="空户"), 2: _household(2), 4: _household(4, note="new")}}
    bases = {"households": {key: Base(3, 10, False) for key in (1, 2, 3)}}
    history = [
        _entry(5, "households", 9, "note", "", "older than the check-out"),  # at or below the mark: not an edit
        _entry(11, "households", 1, "occupancy", "常住", "租户"),
        _entry(12, "households", 1, "occupancy", "租户", "空户"),
        _entry(13, "households", 2, "note", "", "x"),
        _entry(14, "households", 2, "note", "x", "", label="Undo"),  # undone: nothing left to send
        _entry(15, "households", 3, ROW, "present", "", label="Delete household"),
        _entry(16, "households", 4, ROW, "", "present", label="Add household"),
    ]
    edits = {(e.table, e.key): e for e in copy_edits(history, 10, mine, bases)}
    assert set(edits) == {("households", k) for k in (1, 2, 3, 4)}
    assert edits["households", 1].fields == {"occupancy"} and edits["households", 1].labels == ("Edit household",)
    assert edits["households", 2].fields == frozenset() and edits["households", 2].labels == ("Edit household", "Undo")
    assert edits["households", 3].fields == {ROW} and edits["households", 3].mine is None
    assert edits["households", 4].fields == {ROW} and edits["households", 4].base is None


def test_an_edit_is_applied_where_the_server_kept_its_version_and_a_conflict_where_it_did_not():
    mine = {"households": {1: _household(1, occupancy="空户"), 2: _household(2, note="mine"),
                           3: _household(3, note="same"), 4: _household(4, note="mine")}}
    bases = {"households": {key: Base(1, 0, False) for key in (1, 2, 3, 4)}}
    history = [_entry(k, "households", k, "occupancy" if k == 1 else "note", "常住" if k == 1 else "", "x")
               for k in (1, 2, 3, 4)]
    edits = copy_edits(history, 0, mine, bases)
    server = {"households": {1: _household(1), 2: _household(2, note="theirs"), 3: _household(3, note="same")}}
    versions = {"households": {1: 1, 2: 2, 3: 2}}  # 4: deleted on the server
    server_history = [ChangeLogEntry(7, LATER, "office", "households", 2, "note", "", "theirs", "do", "Edit household")]
    outcomes = {o.key: o for o in compare(edits, server, versions, server_history)}
    assert {k: o.status for k, o in outcomes.items()} == {1: APPLIED, 2: CONFLICT, 3: UNCHANGED, 4: CONFLICT}
    assert outcomes[1].change == RowChange("households", _household(1), mine["households"][1])
    assert [(d.field, d.mine, d.theirs, d.here, d.there, d.by) for d in outcomes[2].differences] == \
        [("note", "mine", "theirs", True, True, "office")]
    assert [(s.who, s.label) for s in outcomes[2].server_changes] == [("office", "Edit household")]
    assert [(d.field, d.mine, d.theirs, d.there) for d in outcomes[4].differences] == \
        [(ROW, "(present)", "(absent)", True)]
    assert [o.status for o in resolve(outcomes.values(), None)] == [APPLIED, CONFLICT, UNCHANGED, CONFLICT]
    chosen = resolve(outcomes.values(), MINE)
    assert [(o.status, o.resolved) for o in chosen] == [(APPLIED, ""), (APPLIED, MINE), (UNCHANGED, ""),
                                                        (APPLIED, MINE)]
    assert chosen[3].change == RowChange("households", None, mine["households"][4])  # put back on the server
    assert [o.status for o in resolve(outcomes.values(), THEIRS)] == [APPLIED, KEPT_THEIRS, UNCHANGED, KEPT_THEIRS]


# -- checking out ---------------------------------------------------------------------


def test_a_copy_holds_its_community_editable_and_its_neighbours_read_only(shared, tmp_path, capsys):
    path = tmp_path / "west.gpkg"
    out = _checkout(capsys, shared, path)
    assert out.splitlines()[0] == f"checked out 西社区 ({WEST}) of {shown(shared)} to {path}"
    password = parts(shared)["password"]
    assert password.encode() not in path.read_bytes()  # the address is kept, the password never

    store = ProjectStore.open(path, read_only=True)
    try:
        tables = store.read_all()
        held = store.copy
        meta = store.meta
        with closing(sqlite3.connect(path)) as conn:
            editable = {(t, k) for t, k in conn.execute(f"SELECT table_name, row_id FROM {COPY_TABLE} "
                                                        "WHERE NOT read_only")}
    finally:
        store.close()
    assert set(tables["zones"]) == {1, 2, 3, 4, 5, 6}
    assert {k for t, k in editable if t == "zones"} == {4, 5, 6}
    assert held.read_only["zones"] == {1, 2, 3}  # the office, the other community and its grid along the boundary
    assert set(tables["buildings"]) == {2, 3} and held.read_only["buildings"] == {2}  # 2号楼: 14 m from the boundary
    assert {k for t, k in editable if t == "households"} == set(range(25, 37)) == set(tables["households"])
    assert set(tables["staff"]) == {2} and held.read_only["staff"] == {2}  # the east's party member, linked here
    assert held.read_only["party_links"] == set(range(25, 37))
    assert held.read_only["levels"] == {1, 2, 3} and len(held.read_only["tag_defs"]) == 5
    assert meta["offline_source"] == shown(shared) and meta["offline_community"] == WEST
    assert meta["title"] == "两社区" and meta["rules"] == NO_BANDS.to_meta()
    with closing(psycopg.connect(shared)) as conn:
        first, count = conn.execute("SELECT first, count FROM gridmap_id_blocks ORDER BY first DESC LIMIT 1").fetchone()
    assert held.ids == range(first, first + count) and count == 65_536 and first > 36

    # the copy is a project of its own: it opens and reports with no server
    assert main(["info", str(path), "--json"]) == 0
    summary = json.loads(capsys.readouterr()[0])
    assert summary["levels"][-1]["households"] == 12

    assert main(["checkout", shared, "--community", WEST, str(path), "--json"]) == 1  # never over a file
    assert "exists already" in capsys.readouterr()[1]


def test_checkout_names_what_it_cannot_take(shared, tmp_path, capsys):
    assert main(["checkout", shared, "--community", "999", str(tmp_path / "a.gpkg")]) == 1
    assert "has no zone with the code '999'" in capsys.readouterr()[1]
    assert main(["checkout", shared, "--community", "410104099002001", str(tmp_path / "a.gpkg")]) == 1
    assert "at level 3, not a community (level 2)" in capsys.readouterr()[1]
    assert main(["checkout", str(tmp_path / "x.gpkg"), "--community", WEST, str(tmp_path / "a.gpkg")]) == 1
    assert "is not a database address" in capsys.readouterr()[1]
    assert not (tmp_path / "a.gpkg").exists()


def test_a_read_only_neighbour_cannot_be_edited_offline(shared, tmp_path, capsys):
    path = tmp_path / "west.gpkg"
    _checkout(capsys, shared, path)
    before = _digest(path)
    project = Project.open(path)
    try:
        with pytest.raises(ProjectWriteError) as refused:
            project.undo_stack.push(RenameZone(2, "东边社区"))
        assert refused.value.kind == "denied"
        assert "holds zones 2 as a neighbour for snapping only" in str(refused.value)
        assert project.tables["zones"][2].name == "东社区"
        assert _digest(path) == before
        project.undo_stack.push(RenameZone(6, "第三网格"))  # its own grid: fine
        assert project.tables["zones"][6].name == "第三网格"
    finally:
        project.close()


def test_new_rows_take_the_ids_set_aside_until_none_is_left(shared, tmp_path):
    path = tmp_path / "west.gpkg"
    done = checkout(shared, WEST, path, moment=LATER, id_count=3)
    added = _edit(path, *(AddStaff(f"新人{i}", f"1380000001{i}", community_id=5) for i in range(3)))
    assert added == list(done.ids)
    project = Project.open(path)
    try:
        with pytest.raises(ProjectWriteError) as refused:
            project.undo_stack.push(AddStaff("再一个", "13800000020", community_id=5))
        assert refused.value.kind == "no-ids"
        assert "has used every id the server set aside for its new rows (3)" in str(refused.value)
        assert "gridmap checkin" in str(refused.value)
    finally:
        project.close()


# -- checking in ----------------------------------------------------------------------


@pytest.mark.slow
def test_publish_check_out_edit_offline_check_in_a_conflict_resolve_and_validate_clean(
        demo_file, pg_url, tmp_path, monkeypatch, capsys):
    assert main(["publish", str(demo_file), pg_url]) == 0
    capsys.readouterr()
    monkeypatch.setenv("PGPASSWORD", parts(pg_url)["password"])
    path = tmp_path / "hepingli.gpkg"
    _checkout(capsys, pg_url, path, HEPINGLI)

    project = Project.open(path, read_only=True)
    held = project.store.copy
    households = sorted(project.tables["households"])
    linked = {link.household_id: link for link in project.tables["party_links"].values()}
    mine_only = [h for h in households if h in linked and linked[h].id not in held.read_only.get("party_links", ())]
    grid = min(z.id for z in project.tables["zones"].values() if z.parent_id == 9)
    found = check(project.tables["zones"], project.tables["buildings"],
                  Counter(h.building_id for h in project.tables["households"].values()),
                  RuleSettings.from_meta(project.meta, project.levels), project_depths(project))
    assert found and {p.rule for p in found} <= {"gap", "empty_grid", "households_band"}
    assert check_project(project) == []  # the neighbours, held in part, look gapped: not the copy's problems
    both = next(h for h in households if project.tables["households"][h].occupancy == "常住")
    only_here, relinked = next(h for h in households if h != both), mine_only[-1]
    people = project.tables["households"][both].people
    project.close()
    elsewhere = next(h.id for h in _server(pg_url)["households"].values() if h.id not in households)

    # offline: households, a new staff member linked to a household, a grid renamed
    added = _edit(path, EditHouseholds([both], occupancy="空户", people=0),
                  EditHouseholds([only_here], note="离线核查"),
                  AddStaff("离线新人", "13800009999", community_id=9))
    staff_id = added[0]
    added += _edit(path, LinkHouseholds(staff_id, [relinked]), RenameZone(grid, "和平里第一网格"))
    # meanwhile on the server, through another desk: the same household, and one the copy does not hold
    _on_server(pg_url, EditHouseholds([both], occupancy="租户"), EditHouseholds([elsewhere], note="办公室"))
    server_before = _server(pg_url)
    copy_before = _digest(path)

    code, out, err = _checkin(capsys, path)
    assert (code, err) == (1, ""), out
    lines = out.splitlines()
    conflict = [i for i, line in enumerate(lines) if line.startswith("conflict")]
    assert len(conflict) == 1
    assert lines[conflict[0]].startswith(f"conflict     households {both}: changed in the copy and on the server "
                                         "(by postgres, ")
    assert lines[conflict[0]].endswith("'Edit household')")
    assert lines[conflict[0] + 1].split() == ["occupancy", "mine:", "空户", "theirs:", "租户", "(changed", "by",
                                              "postgres)"]
    assert lines[-1].startswith("5 to apply, 0 to keep theirs, 1 conflict, 0 unchanged: nothing was written.")
    assert _server(pg_url) == server_before and _digest(path) == copy_before

    assert main(["checkin", str(path), "--json"]) == 1
    report = json.loads(capsys.readouterr()[0])
    assert report["refused"] == "conflicts" and report["written"] is False
    row = next(r for r in report["rows"] if r["status"] == "conflict")
    assert (row["table"], row["id"]) == ("households", both)
    assert {f["field"]: (f["mine"], f["theirs"], f["changed_here"], f["changed_there"]) for f in row["fields"]} == {
        "occupancy": ("空户", "租户", True, True), "people": ("0", str(people), True, False)}

    code, out, err = _checkin(capsys, path, "--mine")
    assert (code, err) == (0, ""), out
    assert out.splitlines()[-1].endswith("6 applied, 0 kept theirs, 0 conflicts, 0 unchanged; the copy is up to "
                                         "date with them: edit on and check in again.")
    assert main(["validate", pg_url]) == 0
    assert capsys.readouterr()[0].splitlines()[-1].startswith("0 problems in postgresql://")

    now = _server(pg_url)
    assert (now["households"][both].occupancy, now["households"][both].people) == ("空户", 0)  # the copy's side
    assert now["households"][only_here].note == "离线核查"
    assert now["households"][elsewhere].note == "办公室"  # the other desk's edit stays
    assert now["staff"][staff_id].name == "离线新人" and now["staff"][staff_id].community_id == 9
    assert {link.staff_id for link in now["party_links"].values() if link.household_id == relinked} == {staff_id}
    assert now["zones"][grid].name == "和平里第一网格"
    assert all(key in held.ids for key in added)  # the new rows kept the ids they were given offline
    assert set(added) <= set(now["staff"]) | set(now["party_links"])
    labels = {e.label for e in now["change_log"].values() if e.id > max(server_before["change_log"])}
    assert labels == {f"{CHECKIN_LABEL}: Edit household (conflict: the copy's values chosen)",
                      f"{CHECKIN_LABEL}: Edit household",
                      f"{CHECKIN_LABEL}: Add staff member; Link households to a party member",
                      f"{CHECKIN_LABEL}: Link households to a party member",
                      f"{CHECKIN_LABEL}: Rename zone"}

    code, out, _ = _checkin(capsys, path)  # nothing new since: nothing to send
    assert code == 0 and out.strip().endswith("holds no edits since it was checked out or last checked in: nothing "
                                              "to send.")


def test_theirs_keeps_the_servers_values_and_the_copy_takes_them(shared, tmp_path, capsys):
    path = tmp_path / "west.gpkg"
    _checkout(capsys, shared, path)
    _edit(path, EditHouseholds([25], occupancy="空户"), EditHouseholds([26], note="离线"))
    _on_server(shared, EditHouseholds([25], occupancy="租户", note="办公室"))

    code, out, _ = _checkin(capsys, path, "--theirs", "--dry-run")
    assert code == 0 and out.splitlines() == [
        "keep theirs  households 25: the server's values stay, and the copy takes them",
        "    occupancy  mine: 空户  theirs: 租户  (changed by postgres)",
        "    note       mine: —  theirs: 办公室  (changed by postgres)",
        "to apply     households 26 (update)",
        "1 to apply, 1 to keep theirs, 0 conflicts, 0 unchanged (dry run): nothing was written."]
    assert _server(shared)["households"][26].note == ""

    code, out, _ = _checkin(capsys, path, "--theirs")
    assert code == 0
    assert "kept theirs  households 25: the server's values stay, and the copy takes them" in out.splitlines()
    now = _server(shared)
    assert (now["households"][25].occupancy, now["households"][25].note) == ("租户", "办公室")
    assert now["households"][26].note == "离线"
    copy = Project.open(path, read_only=True)
    assert copy.tables["households"][25] == now["households"][25]
    taken = [e for e in copy.tables["change_log"].values() if e.row_id == 25 and e.label.startswith("Take the")]
    assert {(e.field, e.old, e.new) for e in taken} == {("occupancy", "空户", "租户"), ("note", "", "办公室")}
    copy.close()

    # edited again after the check-in: only the new edit goes, onto the server's values
    _edit(path, EditHouseholds([25], people=5))
    code, out, _ = _checkin(capsys, path)
    assert code == 0 and out.splitlines() == [
        "applied      households 25 (update)",
        (f"checked in {path} to {shown(shared)} (西社区 ({WEST})): 1 applied, 0 kept theirs, 0 conflicts, "
         "0 unchanged; the copy is up to date with them: edit on and check in again.")]
    now = _server(shared)["households"][25]
    assert (now.occupancy, now.note, now.people) == ("租户", "办公室", 5)


def test_a_copy_edited_after_a_check_in_sends_only_its_new_edits(shared, tmp_path, capsys):
    path = tmp_path / "west.gpkg"
    _checkout(capsys, shared, path)
    first = _edit(path, AddStaff("甲", "13800000031", community_id=5), EditHouseholds([30], note="一"))
    assert _checkin(capsys, path)[0] == 0
    _edit(path, EditHouseholds([30], note="二"))
    _edit(path, EditHouseholds([31], note="临时"), EditHouseholds([31], note=""))  # undone by hand: nothing to send
    project = Project.open(path)
    project.undo_stack.push(RenameZone(6, "第三网格"))
    project.undo_stack.undo()  # undone: nothing to send
    project.close()
    assert main(["checkin", str(path), "--json"]) == 0
    report = json.loads(capsys.readouterr()[0])
    assert [(r["table"], r["id"], r["status"]) for r in report["rows"]] == [
        ("zones", 6, "unchanged"), ("households", 30, "applied"), ("households", 31, "unchanged")]
    assert report["written"] is True and report["rebased"] is True
    now = _server(shared)
    assert now["households"][30].note == "二" and now["staff"][first[0]].name == "甲"
    assert now["zones"][6].name == "第3网格"


def test_edits_that_break_a_rule_together_are_refused_whole(shared, tmp_path, capsys):
    path = tmp_path / "west.gpkg"
    _checkout(capsys, shared, path)
    project = Project.open(path)
    grid = project.tables["zones"][4]
    project.apply([RowChange("zones", grid, grid._replace(geometry=box(100, 0, 150, 100)))], label="Reshape")
    project.apply([RowChange("households", project.tables["households"][27],
                             project.tables["households"][27]._replace(note="x"))], label="Edit household")
    assert [(p.rule, set(p.zones)) for p in check_project(project)
            if p.rule == "overlap"] == [("overlap", {4, 6})]  # the copy's own grids: its problem
    project.close()
    before = _server(shared)
    code, out, _ = _checkin(capsys, path)
    assert code == 1
    assert [line for line in out.splitlines() if line.startswith("would break: ")] == [
        "would break: siblings overlap: 西社区 第2网格, 西社区 第3网格 overlap by 1,000.0 m²"]
    assert out.splitlines()[-1].startswith("2 to apply, 0 to keep theirs, 0 conflicts, 0 unchanged: nothing was "
                                           "written, since the edits would break the rules above.")
    assert _server(shared) == before
    assert main(["checkin", str(path), "--json"]) == 1
    report = json.loads(capsys.readouterr()[0])
    assert report["refused"] == "rules" and report["written"] is False
    assert [(p["rule"], [z["id"] for z in p["zones"]], p["amount"]) for p in report["problems"]] == [
        ("overlap", [4, 6], 1000.0)]


def test_a_new_row_whose_parent_the_server_deleted_is_refused_whole(shared, tmp_path, capsys):
    path = tmp_path / "west.gpkg"
    _checkout(capsys, shared, path)
    project = Project.open(path)
    project.apply([RowChange("residents", None, Resident(project.new_id("residents"), 26, "新住户", "13900000026",
                                                         "", False))], label="Add resident")
    project.apply([RowChange("households", project.tables["households"][27],
                             project.tables["households"][27]._replace(note="x"))], label="Edit household")
    project.close()
    server = Project.open(shared)
    link = next(k for k in server.tables["party_links"].values() if k.household_id == 26)
    server.apply([RowChange("party_links", link, None), RowChange("households", server.tables["households"][26], None)],
                 label="Remove household")
    server.close()
    before = _server(shared)
    code, _, err = _checkin(capsys, path)
    assert code == 1 and "refused the check-in: refused the change (" in err and '"residents"' in err
    assert "Nothing was written. See what the copy sends with gridmap checkin --dry-run" in err
    assert _server(shared) == before


def test_a_row_changed_on_the_server_while_the_check_in_runs_stops_it_whole(shared, tmp_path, capsys, monkeypatch):
    import gridmap.offline.checkin as checking

    path = tmp_path / "west.gpkg"
    _checkout(capsys, shared, path)
    _edit(path, EditHouseholds([25], note="离线"), EditHouseholds([26], note="离线"))
    calls = []

    def versions_then_a_desk_commits(store, keys=None):  # a real commit by another desk, just before ours
        found = read_versions(store, keys)
        calls.append(keys)
        if len(calls) == 2:
            _on_server(shared, EditHouseholds([26], note="办公室"))
        return found

    monkeypatch.setattr(checking, "read_versions", versions_then_a_desk_commits)
    copy_before = _digest(path)
    with pytest.raises(OfflineError) as stopped:
        checkin(path, moment=LATER)
    assert "had a row of this check-in changed while it ran: has households 26 changed by postgres" in \
        str(stopped.value)
    now = _server(shared)["households"]
    assert (now[25].note, now[26].note) == ("", "办公室") and _digest(path) == copy_before
    monkeypatch.setattr(checking, "read_versions", read_versions)
    code, out, _ = _checkin(capsys, path)  # again: now it is a conflict like any other
    assert code == 1 and out.splitlines()[0].startswith("to apply     households 25")
    assert out.splitlines()[1].startswith("conflict     households 26: changed in the copy and on the server")


def test_a_community_deleted_on_the_server_refuses_the_check_in(shared, tmp_path, capsys):
    path = tmp_path / "west.gpkg"
    _checkout(capsys, shared, path)
    _edit(path, EditHouseholds([25], note="离线"))
    _on_server(shared, DeleteZone(5, 2))
    before, copy_before = _server(shared), _digest(path)
    code, _, err = _checkin(capsys, path, "--mine")
    assert code == 1
    assert f"no longer has the community {WEST} that west.gpkg was checked out of (deleted or renumbered" in err
    assert "nothing was written" in err
    assert _server(shared) == before and _digest(path) == copy_before


def test_a_tampered_copy_is_refused_and_nothing_is_written(shared, tmp_path, capsys):
    path = tmp_path / "west.gpkg"
    _checkout(capsys, shared, path)
    _edit(path, EditHouseholds([25], note="离线"))
    with closing(sqlite3.connect(path)) as conn:
        conn.execute(f"DROP TABLE {COPY_TABLE}")
        conn.commit()
    before, copy_before = _server(shared), _digest(path)
    code, _, err = _checkin(capsys, path)
    assert code == 1
    assert f"is an offline copy, but its table of the rows it copied ({COPY_TABLE}) is missing" in err
    assert _server(shared) == before and _digest(path) == copy_before
    with pytest.raises(DamagedFileError):
        Project.open(path)  # nor can it be edited further
    Project.open(path, read_only=True).close()  # it can still be looked at


def test_a_copy_marked_as_checked_in_takes_no_more_edits(shared, tmp_path, capsys):
    path = tmp_path / "west.gpkg"
    _checkout(capsys, shared, path)
    store = ProjectStore.open(path)
    store.mark_copy({"offline_state": "checked-in", "offline_checked_in": "2026-11-03T08:00:00.000Z"})
    store.close()
    project = Project.open(path)
    with pytest.raises(ProjectWriteError) as refused:
        project.undo_stack.push(EditHouseholds([25], note="迟了"))
    project.close()
    assert refused.value.kind == "denied" and "was checked in already" in str(refused.value)
    code, _, err = _checkin(capsys, path)
    assert code == 1 and "was checked in already (2026-11-03T08:00:00.000Z)" in err


def test_new_rows_with_ids_not_set_aside_are_refused(shared, tmp_path, capsys):
    path = tmp_path / "west.gpkg"
    _checkout(capsys, shared, path)
    project = Project.open(path)  # a row added around the commands, with an id of its own making
    project.apply([RowChange("households", None, _household(10**9, building_id=3, unit_id=5))], label="Add")
    project.close()
    before = _server(shared)
    code, _, err = _checkin(capsys, path)
    assert code == 1
    assert "has 1 new row(s) with ids the server did not set aside for it (first households 1000000000" in err
    assert _server(shared) == before


def test_a_plain_project_has_nothing_to_check_in(shared, tmp_path, capsys):
    path = tmp_path / "plain.gpkg"
    ProjectStore.create(path, epsg=4547, tables=two_communities_tables(), meta={"title": "t"}, moment=MOMENT)
    code, _, err = _checkin(capsys, path)
    assert code == 1 and "is not an offline copy (gridmap checkout makes them)" in err


def test_an_unreachable_server_leaves_the_copy_and_the_server_as_they_were(shared, tmp_path, capsys):
    path = tmp_path / "west.gpkg"
    _checkout(capsys, shared, path)
    _edit(path, EditHouseholds([25], note="离线"))
    before, copy_before = _server(shared), _digest(path)
    address = f"postgresql://postgres@127.0.0.1:{free_port()}/{parts(shared)['dbname']}"
    with pytest.raises(ServerError) as refused:
        checkin(path, url=address, moment=LATER)
    assert refused.value.kind == "unreachable"
    code, _, err = _checkin(capsys, path, "--url", address)
    assert code == 1 and "cannot be reached" in err
    assert _server(shared) == before and _digest(path) == copy_before
    assert _checkin(capsys, path)[0] == 0  # back on the network: it goes
    assert _server(shared)["households"][25].note == "离线"


def test_without_the_password_the_check_in_says_where_to_give_it(shared, tmp_path, capsys, monkeypatch):
    path = tmp_path / "west.gpkg"
    _checkout(capsys, shared, path)
    _edit(path, EditHouseholds([25], note="离线"))
    monkeypatch.delenv("PGPASSWORD")
    monkeypatch.setenv("PGPASSFILE", str(tmp_path / "no-pgpass"))
    copy_before = _digest(path)
    code, _, err = _checkin(capsys, path)
    assert code == 1 and "refused the user name or password" in err
    assert "west.gpkg keeps the address without its password: give it in PGPASSWORD or ~/.pgpass, or with --url" in err
    assert _digest(path) == copy_before
    assert _checkin(capsys, path, "--url", shared)[0] == 0  # the password in the address given
    assert _server(shared)["households"][25].note == "离线"


def test_another_project_at_the_address_is_refused(shared, pg_cluster, tmp_path, capsys):
    path = tmp_path / "west.gpkg"
    _checkout(capsys, shared, path)
    _edit(path, EditHouseholds([25], note="离线"))
    other = pg_cluster.new_database()
    try:
        ServerStore.create(other, epsg=4547, tables=two_communities_tables(), meta={"title": "另一个"},
                           moment=LATER)
        with pytest.raises(OfflineError) as refused:
            checkin(path, url=other, moment=LATER)
        assert "holds another project than the one west.gpkg was checked out of" in str(refused.value)
        assert _server(other)["households"][25].note == ""
    finally:
        pg_cluster.drop_database(parts(other)["dbname"])


@pytest.fixture
def chief(shared) -> str:
    """The address of the west's community chief (a login of their own, with row-level rights)."""
    with closing(psycopg.connect(shared)) as conn:
        if conn.execute("SELECT to_regclass('gridmap_groups') IS NULL").fetchone()[0]:
            rights.install_rights(conn)  # until ServerStore.create installs them itself
            conn.commit()
    login = f"{parts(shared)['dbname']}.west"
    rights.add(shared, login, "chief", PASSWORD, WEST)
    yield with_user(shared, login, PASSWORD)
    with closing(psycopg.connect(shared, autocommit=True)) as conn:
        conn.execute(f'DROP OWNED BY "{login}"')
        conn.execute(f'DROP ROLE IF EXISTS "{login}"')


def test_a_community_chief_checks_out_what_they_may_write_and_checks_it_back_in(chief, shared, tmp_path, capsys,
                                                                                monkeypatch):
    monkeypatch.setenv("PGPASSWORD", PASSWORD)
    path = tmp_path / "west.gpkg"
    out = _checkout(capsys, chief, path)
    assert "left out 12 party_links row(s) that refer to rows this user may not read" in out.splitlines()
    copy = Project.open(path, read_only=True)
    held = copy.store.copy
    assert held.read_only["compounds"] == {1}  # the office's map; its sites are the community's to keep
    assert set(copy.tables["site_points"]) == {1} and "site_points" not in held.read_only
    assert "households" not in held.read_only and set(copy.tables["households"]) == set(range(25, 37))
    assert copy.tables["staff"] == {} and copy.tables["party_links"] == {}  # the east's party member is not theirs
    copy.close()
    assert PASSWORD.encode() not in path.read_bytes()

    _edit(path, EditHouseholds([25], note="社区长离线"))
    code, out, err = _checkin(capsys, path)
    assert (code, err) == (0, ""), out
    now = _server(shared)
    assert now["households"][25].note == "社区长离线"
    assert {e.who for e in now["change_log"].values() if e.row_id == 25 and e.table_name == "households"} == {
        parts(chief)["user"]}

    _edit(path, RenameZone(5, "西边社区"))  # their community's own zone: the office's to change
    before = _server(shared)
    code, _, err = _checkin(capsys, path)
    assert code == 1 and "does not give you the right to change zones 5" in err
    assert _server(shared) == before


def test_an_offline_copy_is_not_published_as_a_project(shared, tmp_path, capsys, pg_cluster):
    path = tmp_path / "west.gpkg"
    _checkout(capsys, shared, path)
    target = pg_cluster.new_database("copy_" + uuid.uuid4().hex[:8])
    assert main(["publish", str(path), target]) == 1
    assert "offline copy" in capsys.readouterr().err
