"""Rights kept by the database itself: a shared project with two communities
and one person per role (an office planner, a chief of each community, a
viewer), each connected with plain SQL — not through gridmap — finds every
forbidden read empty or refused and every forbidden write refused or without
effect, and the allowed ones done; the store, opened as each of them, reads
what they may read."""

from __future__ import annotations

import uuid
from typing import NamedTuple

import psycopg
import pytest
from psycopg import errors
from psycopg.conninfo import make_conninfo
from shapely.geometry import LineString, MultiLineString, Point

from gridmap.cli import main
from gridmap.errors import ProjectWriteError, ServerError
from gridmap.model.changes import RowChange
from gridmap.model.entities import (
    Assignment, ChangeLogEntry, Compound, PartyLink, Resident, SitePoint, SiteRoute, Staff,
)
from gridmap.storage.server import rights
from gridmap.storage.server.address import parts, with_user
from gridmap.storage.server.schema import COMMITS_TABLE
from gridmap.storage.server.store import ServerStore
from tests.factories import MOMENT, X0, Y0, box, two_communities_tables

EAST, WEST = "410104099001", "410104099002"  # 东社区 (zone 2: 第1网格 3) and 西社区 (zone 5: 第2网格 4, 第3网格 6)
EAST_HOUSEHOLDS = set(range(1, 25))  # 1号楼 and 2号楼, in 第1网格
WEST_HOUSEHOLDS = set(range(25, 37))  # 3号楼, in 第3网格
PERSONAL = ("households", "residents", "staff", "assignments", "party_links")
PASSWORD = "correct horse 电池"


def _tables() -> dict[str, list]:
    """The two communities, each with its compound, staff, posts, party links,
    a resident and sites; the history holds entries of map and personal rows of both."""
    t = two_communities_tables()
    t["compounds"] = [Compound(1, "东小区", "小区", box(5, 5, 95, 95)),
                      Compound(2, "西小区", "小区", box(105, 5, 195, 95))]
    t["buildings"] = [b._replace(compound_id=1 if b.zone_id == 3 else 2) for b in t["buildings"]]
    t["staff"].append(Staff(3, "赵六", "13800000003", frozenset({"联户党员"}), 5, False))
    t["assignments"].append(Assignment(2, 3, "zone", 6, "网格长"))
    # each household linked to a member of its own community, and one west household to east's member too
    t["party_links"] = [PartyLink(h.id, 2 if h.id in EAST_HOUSEHOLDS else 3, h.id) for h in t["households"]]
    t["party_links"].append(PartyLink(37, 2, 25))
    t["residents"].append(Resident(2, 30, "李四", "13900000001", "410199196002020023", False))
    t["site_points"] = [SitePoint(1, "gate", "东门", 1, Point(X0 + 50, Y0 + 5)),
                        SitePoint(2, "checkpoint", "西卡口", None, Point(X0 + 150, Y0 + 60))]
    t["site_routes"] = [SiteRoute(1, "closed-loop", "西环", 2,
                                  MultiLineString([LineString([(X0 + 105, Y0 + 5), (X0 + 195, Y0 + 5)])]))]
    t["change_log"] = [ChangeLogEntry(i, MOMENT, "publisher", table, row, field, "旧", "新", "do", "编辑")
                       for i, (table, row, field) in enumerate(
                           [("zones", 3, "name"), ("households", 1, "note"), ("households", 25, "note"),
                            ("residents", 2, "phone"), ("staff", 3, "phone"), ("buildings", 3, "floors")], 1)]
    return t


HISTORY_SEEN = {"office": {1, 2, 3, 4, 5, 6}, "east": {1, 2, 6}, "west": {1, 3, 4, 5, 6}, "viewer": {1, 6}}


class Shared(NamedTuple):
    url: str  # the administrator's
    logins: dict[str, str]  # office, east, west, viewer → login
    urls: dict[str, str]  # … → URL with that person's login and password


def _publish(url: str) -> None:
    ServerStore.create(url, epsg=4547, tables=_tables(), meta={"title": "权限测试"}, moment=MOMENT)
    with psycopg.connect(url) as conn:
        if conn.execute("SELECT to_regclass('gridmap_groups') IS NULL").fetchone()[0]:
            rights.install_rights(conn)  # until ServerStore.create installs them itself


@pytest.fixture
def shared(pg_url):
    _publish(pg_url)
    database = parts(pg_url)["dbname"]
    logins = {who: f"{database}.{who}" for who in ("office", "east", "west", "viewer")}
    rights.add(pg_url, logins["office"], "office", PASSWORD)
    rights.add(pg_url, logins["east"], "chief", PASSWORD, EAST)
    rights.add(pg_url, logins["west"], "chief", PASSWORD, WEST)
    rights.add(pg_url, logins["viewer"], "viewer", PASSWORD)
    yield Shared(pg_url, logins, {who: with_user(pg_url, login, PASSWORD) for who, login in logins.items()})
    _drop_logins(pg_url, logins.values())


def _drop_logins(url: str, logins) -> None:
    """Logins outlive the test's database: dropped, so the next test may use the names again."""
    with psycopg.connect(url, autocommit=True) as conn:
        for login in logins:
            conn.execute(f'DROP ROLE IF EXISTS "{login}"')


def _rows(url: str, query: str, arguments: tuple = ()) -> list[tuple]:
    with psycopg.connect(url, autocommit=True) as conn:
        return conn.execute(query, arguments).fetchall()


def _ids(url: str, table: str) -> set[int]:
    return {key for key, in _rows(url, f'SELECT id FROM "{table}"')}


def _changed(url: str, statement: str, arguments: tuple = ()) -> int:
    """Run ``statement`` (committed); how many rows it touched."""
    with psycopg.connect(url, autocommit=True) as conn:
        return conn.execute(statement, arguments).rowcount


def _refused(url: str, statement: str, arguments: tuple = ()) -> None:
    with pytest.raises(errors.InsufficientPrivilege), psycopg.connect(url, autocommit=True) as conn:
        conn.execute(statement, arguments)


def _household_note(shared: Shared, key: int) -> str:
    return _rows(shared.url, "SELECT note FROM households WHERE id = %s", (key,))[0][0]


# -- reading -------------------------------------------------------------------------


def test_each_person_reads_the_map_and_only_the_personal_data_of_their_own_community(shared):
    urls = shared.urls
    for who in ("office", "east", "west", "viewer"):
        assert _rows(urls[who], "SELECT current_user")[0][0] == shared.logins[who]
        for table in ("zones", "compounds", "buildings", "units", "streets", "site_points", "site_routes"):
            assert _ids(urls[who], table) == _ids(shared.url, table), (who, table)
        assert len(_rows(urls[who], "SELECT * FROM levels")) == 3
        assert len(_rows(urls[who], "SELECT * FROM tag_defs")) == 5
        assert {key for key, in _rows(urls[who], "SELECT id FROM change_log")} == HISTORY_SEEN[who], who
        assert _rows(urls[who], "SELECT value FROM gridmap_meta WHERE key = 'title'") == [("权限测试",)]
    assert _rows(urls["office"], "SELECT gridmap_my_role()") == [("office",)]
    assert _rows(urls["east"], "SELECT gridmap_my_role()") == [("chief",)]
    assert _rows(urls["viewer"], "SELECT gridmap_my_role()") == [("viewer",)]

    assert _ids(urls["office"], "households") == EAST_HOUSEHOLDS | WEST_HOUSEHOLDS
    assert _ids(urls["east"], "households") == EAST_HOUSEHOLDS
    assert _ids(urls["west"], "households") == WEST_HOUSEHOLDS
    assert _ids(urls["east"], "residents") == {1} and _ids(urls["west"], "residents") == {2}
    assert _ids(urls["east"], "staff") == {1, 2} and _ids(urls["west"], "staff") == {3}
    assert _ids(urls["east"], "assignments") == {1} and _ids(urls["west"], "assignments") == {2}
    # a link is seen by the community of either end: link 37 joins east's member to west's household 25
    assert _ids(urls["east"], "party_links") == EAST_HOUSEHOLDS | {37}
    assert _ids(urls["west"], "party_links") == WEST_HOUSEHOLDS | {37}
    # the personal data of the other community cannot be found by asking for it either
    assert _rows(urls["east"], "SELECT name, id_number FROM residents WHERE id = 2") == []
    assert _rows(urls["east"], "SELECT count(*) FROM households WHERE building_id = 3") == [(0,)]
    assert _rows(urls["west"], "SELECT * FROM change_log WHERE table_name = 'households' AND row_id = 1") == []
    for table in PERSONAL:
        _refused(urls["viewer"], f'SELECT count(*) FROM "{table}"')


def test_the_id_counter_and_the_people_are_read_by_no_one_but_through_their_functions(shared):
    urls = shared.urls
    for who in ("office", "east", "west", "viewer"):
        for table in ("gridmap_ids", "gridmap_id_blocks"):
            _refused(urls[who], f'SELECT * FROM "{table}"')
        assert _rows(urls[who], "SELECT count(*) FROM gridmap_commits") == [(0,)]
    assert {login for login, in _rows(urls["office"], "SELECT login FROM gridmap_people")} == \
        set(shared.logins.values())
    assert _rows(urls["east"], "SELECT login FROM gridmap_people") == [(shared.logins["east"],)]
    assert _rows(urls["viewer"], "SELECT login FROM gridmap_people") == [(shared.logins["viewer"],)]
    for function in ("gridmap_take_ids(5, 'me')", "gridmap_next_id()"):
        _refused(urls["viewer"], f"SELECT {function}")
    first = _rows(urls["east"], "SELECT gridmap_take_ids(5, 'east desk')")[0][0]
    assert first == _rows(urls["office"], "SELECT gridmap_take_ids(1, 'office desk')")[0][0] - 5
    # a chief's functions tell only about the chief who asks
    assert {z for z, in _rows(urls["east"], "SELECT gridmap_my_zones()")} == {2, 3}
    assert {z for z, in _rows(urls["west"], "SELECT gridmap_my_zones()")} == {5, 4, 6}
    assert _rows(urls["viewer"], "SELECT gridmap_my_role()") == [("viewer",)]


# -- writing -------------------------------------------------------------------------


def test_a_chief_writes_in_their_own_community(shared):
    east = shared.urls["east"]
    assert _changed(east, "UPDATE households SET note = '已走访' WHERE id = 3") == 1
    assert _changed(east, "INSERT INTO households (building_id, unit_id, floor, room, occupancy, tags, people, "
                          "follow_up, note) VALUES (1, 1, 4, '401', '常住', '', 1, false, '')") == 1
    new_household = max(_ids(shared.url, "households"))
    assert new_household > 37  # the id came from the project's counter
    assert _changed(east, "INSERT INTO residents (household_id, name, phone, id_number, is_head) "
                          "VALUES (%s, '钱七', '', '', true)", (new_household,)) == 1
    assert _changed(east, "UPDATE staff SET phone = '13800000011' WHERE id = 1") == 1
    assert _changed(east, "INSERT INTO assignments (staff_id, target_kind, target_id, role) "
                          "VALUES (2, 'building', 1, '楼栋长')") == 1
    assert _changed(east, "INSERT INTO party_links (staff_id, household_id) VALUES (2, %s)", (new_household,)) == 1
    assert _changed(east, "DELETE FROM party_links WHERE id = 1") == 1
    assert _changed(east, "UPDATE buildings SET floors = 6 WHERE id = 1") == 1
    assert _changed(east, "INSERT INTO units (building_id, number, rooms_per_floor) VALUES (2, 3, 2)") == 1
    # a new grid under the community, renamed, then its shape changed
    assert _changed(east, "INSERT INTO zones (code, name, level, parent_id, geom) VALUES ('410104099001009', "
                          "'第9网格', 3, 2, ST_GeomFromText('MULTIPOLYGON(((0 0, 1 0, 1 1, 0 0)))', 4547))") == 1
    assert _changed(east, "UPDATE zones SET name = '第一网格' WHERE id = 3") == 1
    assert _changed(east, "INSERT INTO site_points (kind, name, compound_id, state, geom) VALUES "
                          "('supply', '东物资点', NULL, '', ST_SetSRID(ST_MakePoint(%s, %s), 4547))",
                    (X0 + 30, Y0 + 30)) == 1
    assert _changed(east, "UPDATE site_points SET state = 'closed' WHERE id = 1") == 1
    assert _household_note(shared, 3) == "已走访"
    assert _rows(shared.url, "SELECT name FROM zones WHERE id = 3") == [("第一网格",)]
    # every change is in the history, in the chief's own name
    assert {who for who, in _rows(shared.url, "SELECT DISTINCT who FROM change_log WHERE id > 6")} == \
        {shared.logins["east"]}


def test_a_chief_changes_nothing_of_another_community(shared):
    east, url = shared.urls["east"], shared.url
    before = {table: _rows(url, f'SELECT * FROM "{table}" ORDER BY 1') for table in
              ("households", "residents", "staff", "assignments", "party_links", "buildings", "units", "zones",
               "site_points", "site_routes", "change_log")}
    # rows of the other community are not there for them: nothing is touched
    for statement in ("UPDATE households SET note = '改' WHERE id = 25", "DELETE FROM households WHERE id = 30",
                      "UPDATE residents SET phone = '1' WHERE id = 2", "DELETE FROM staff WHERE id = 3",
                      "UPDATE assignments SET role = '网格员' WHERE id = 2", "DELETE FROM party_links WHERE id = 25",
                      "UPDATE buildings SET floors = 9 WHERE id = 3", "DELETE FROM units WHERE building_id = 3",
                      "UPDATE zones SET name = '改' WHERE id IN (4, 6)",
                      # nor the community's own zone, nor the office's
                      "UPDATE zones SET name = '改' WHERE id = 2", "UPDATE zones SET geom = NULL WHERE id = 1",
                      "DELETE FROM zones WHERE id = 2",
                      # a link of west's household, even with east's member at the other end
                      "DELETE FROM party_links WHERE id = 37",
                      "UPDATE site_points SET name = '改' WHERE id = 2", "DELETE FROM site_routes WHERE id = 1"):
        assert _changed(east, statement) == 0, statement
    # rows written into the other community, or moved there, are refused
    for statement in (
            ("INSERT INTO households (building_id, floor, room, occupancy, tags, people, follow_up, note) "
             "VALUES (3, 1, '109', '常住', '', 1, false, '')"),
            "UPDATE households SET building_id = 3 WHERE id = 1",  # moving a household into west's building
            "INSERT INTO residents (household_id, name, phone, id_number, is_head) VALUES (25, '某', '', '', false)",
            "UPDATE residents SET household_id = 25 WHERE id = 1",
            ("INSERT INTO staff (name, phone, roles, community_id, phone_public, note) "
             "VALUES ('某', '', '', 5, false, '')"),
            "UPDATE staff SET community_id = 5 WHERE id = 1",
            "INSERT INTO party_links (staff_id, household_id) VALUES (2, 26)",
            "INSERT INTO assignments (staff_id, target_kind, target_id, role) VALUES (3, 'zone', 3, '网格员')",
            "UPDATE buildings SET zone_id = 6 WHERE id = 1",
            "INSERT INTO units (building_id, number, rooms_per_floor) VALUES (3, 9, 2)",
            "UPDATE zones SET parent_id = 5 WHERE id = 3",  # moving its grid into west
            "INSERT INTO zones (code, name, level, parent_id) VALUES ('410104099002009', '某', 3, 5)",
            "INSERT INTO zones (code, name, level, parent_id) VALUES ('410104099003', '新社区', 2, 1)",
            # a second community inside its own
            "INSERT INTO zones (code, name, level, parent_id) VALUES ('410104099001099', '某', 2, 2)",
            ("INSERT INTO site_points (kind, name, compound_id, state, geom) VALUES "
             "('gate', '某', 2, 'open', ST_SetSRID(ST_MakePoint(470050, 3849005), 4547))"),
            "UPDATE site_points SET compound_id = 2 WHERE id = 1"):
        _refused(east, statement)
    # tables of the office alone: no right to write at all
    for statement in ("UPDATE compounds SET name = '改'", "DELETE FROM streets", "UPDATE levels SET name = '改'",
                      "INSERT INTO tag_defs (name, color, sensitive, position) VALUES ('某', '#000000', false, 9)",
                      "UPDATE gridmap_meta SET value = '改'", "TRUNCATE households"):
        _refused(east, statement)
    after = {table: _rows(url, f'SELECT * FROM "{table}" ORDER BY 1') for table in before}
    assert after == before


def test_a_viewer_writes_nothing(shared):
    viewer, url = shared.urls["viewer"], shared.url
    before = _rows(url, "SELECT id, name, row_version FROM zones ORDER BY id")
    history = ("INSERT INTO change_log (id, at, who, table_name, row_id, field, old, new, action, label) "
               "VALUES (99, now(), current_user, 'zones', 1, 'name', '', '', 'do', '')")
    for statement in ("UPDATE zones SET name = '改'", "DELETE FROM buildings",
                      "INSERT INTO streets (name, kind, width) VALUES ('某', '支路', 10)",
                      "UPDATE households SET note = '改'", history,
                      "INSERT INTO gridmap_commits (token, last_history) VALUES (gen_random_uuid(), 1)",
                      "UPDATE gridmap_meta SET value = '改'", "CREATE TABLE mine (x int)",
                      "CREATE TEMPORARY TABLE zones (id bigint)"):
        _refused(viewer, statement)
    assert _rows(url, "SELECT id, name, row_version FROM zones ORDER BY id") == before


def test_the_history_is_written_only_in_ones_own_name_and_never_changed(shared):
    insert = ("INSERT INTO change_log (id, at, who, table_name, row_id, field, old, new, action, label) "
              "VALUES (%s, now(), %s, 'households', 3, 'note', '', '', 'do', '')")
    for who, key in (("office", 100), ("east", 101)):
        _refused(shared.urls[who], insert, (key, "someone else"))
        assert _changed(shared.urls[who], insert, (key, shared.logins[who])) == 1
        for statement in ("UPDATE change_log SET who = 'someone else'", "DELETE FROM change_log"):
            _refused(shared.urls[who], statement)
    commits = f"INSERT INTO {COMMITS_TABLE} (token, who, last_history) VALUES (gen_random_uuid(), %s, 1)"
    _refused(shared.urls["east"], commits, ("someone else",))
    assert _changed(shared.urls["east"], commits, (shared.logins["east"],)) == 1
    _refused(shared.urls["east"], f"DELETE FROM {COMMITS_TABLE}")
    # nobody but the functions moves the id counter
    for who in ("office", "east"):
        _refused(shared.urls[who], "UPDATE gridmap_ids SET next_id = 1")
        _refused(shared.urls[who], "INSERT INTO gridmap_id_blocks (first, count, holder) VALUES (1, 1, 'x')")
    assert {who for who, in _rows(shared.url, "SELECT who FROM change_log WHERE id >= 100")} == \
        {shared.logins["office"], shared.logins["east"]}


def test_the_office_writes_everywhere(shared):
    office = shared.urls["office"]
    assert _changed(office, "UPDATE households SET note = '办' WHERE id IN (3, 30)") == 2
    assert _changed(office, "UPDATE zones SET name = '东社区一' WHERE id = 2") == 1
    assert _changed(office, "UPDATE compounds SET kind = '楼院' WHERE id = 2") == 1
    assert _changed(office, "UPDATE gridmap_meta SET value = '权限' WHERE key = 'title'") == 1
    assert _changed(office, "DELETE FROM party_links WHERE id = 37") == 1
    assert _household_note(shared, 30) == "办"


def test_a_zone_moved_to_another_community_takes_its_households_along(shared):
    east, west = shared.urls["east"], shared.urls["west"]
    assert _changed(shared.urls["office"], "UPDATE zones SET parent_id = 2 WHERE id = 6") == 1  # 第3网格 to 东社区
    assert _ids(east, "households") == EAST_HOUSEHOLDS | WEST_HOUSEHOLDS
    assert _ids(west, "households") == set()
    assert _ids(west, "residents") == set() and _ids(east, "residents") == {1, 2}
    assert _changed(west, "UPDATE buildings SET floors = 9 WHERE id = 3") == 0
    assert _changed(east, "UPDATE zones SET name = '东三网格' WHERE id = 6") == 1


def test_a_chief_edit_is_numbered_after_history_they_cannot_see(shared):
    # the office's edit of west's household writes a history entry east may not read;
    # east's edit after it must still take the next number, not one of its own view
    assert _changed(shared.urls["office"], "UPDATE households SET note = '办' WHERE id = 30") == 1
    assert _changed(shared.urls["east"], "UPDATE households SET note = '东' WHERE id = 2") == 1
    assert _changed(shared.urls["west"], "UPDATE households SET note = '西' WHERE id = 26") == 1
    entries = _rows(shared.url, "SELECT id, who, row_id FROM change_log WHERE id > 6 ORDER BY id")
    assert [(who, row) for _key, who, row in entries] == [
        (shared.logins["office"], 30), (shared.logins["east"], 2), (shared.logins["west"], 26)]


# -- the store, as each person -------------------------------------------------------


def test_the_store_reads_what_each_person_may_read(shared):
    expected = {"office": (EAST_HOUSEHOLDS | WEST_HOUSEHOLDS, {1, 2}, {1, 2, 3}),
                "east": (EAST_HOUSEHOLDS, {1}, {1, 2}), "west": (WEST_HOUSEHOLDS, {2}, {3}),
                "viewer": (set(), set(), set())}
    for who, (households, residents, staff) in expected.items():
        store = ServerStore.open(shared.urls[who], read_only=who == "viewer")
        try:
            tables = store.read_all()
            assert store.user == shared.logins[who]
            assert set(tables["households"]) == households, who
            assert set(tables["residents"]) == residents, who
            assert set(tables["staff"]) == staff, who
            assert set(tables["change_log"]) == HISTORY_SEEN[who], who
            assert set(tables["zones"]) == {1, 2, 3, 4, 5, 6} and set(tables["buildings"]) == {1, 2, 3}
            if who == "viewer":
                assert all(tables[name] == {} for name in PERSONAL)
        finally:
            store.close()


def test_a_chiefs_commit_through_the_store_lands_in_their_community_and_is_refused_elsewhere(shared):
    def note(table: str, record, text: str) -> tuple[list[RowChange], list[ChangeLogEntry]]:
        changed = record._replace(note=text) if table == "households" else record._replace(floors=9)
        return ([RowChange(table, record, changed)],
                [ChangeLogEntry(0, MOMENT, "", table, record.id, "note", "", text, "do", "走访")])

    office, east = ServerStore.open(shared.urls["office"]), ServerStore.open(shared.urls["east"])
    try:
        office_tables, east_tables = office.read_all(), east.read_all()
        office.commit(*note("households", office_tables["households"][30], "办"), MOMENT)  # history east cannot see
        stored = east.commit(*note("households", east_tables["households"][3], "走访"), MOMENT)
        assert [(entry.id, entry.who) for entry in stored] == [(8, shared.logins["east"])]
        assert _household_note(shared, 3) == "走访"
        with pytest.raises(ProjectWriteError) as refused:  # west's building: on east's map, not east's to change
            east.commit(*note("buildings", east_tables["buildings"][3], ""), MOMENT)
        assert refused.value.kind == "denied"
        moved = east_tables["households"][4]._replace(building_id=3)
        with pytest.raises(ProjectWriteError) as refused:
            east.commit([RowChange("households", east_tables["households"][4], moved)], [], MOMENT)
        assert refused.value.kind == "denied"
    finally:
        office.close()
        east.close()
    assert _rows(shared.url, "SELECT floors FROM buildings WHERE id = 3") == [(3,)]
    assert _rows(shared.url, "SELECT building_id FROM households WHERE id = 4") == [(1,)]


# -- people ----------------------------------------------------------------------------


def test_people_are_added_listed_and_removed_with_the_users_command(pg_url, tmp_path, capsys, monkeypatch):
    _publish(pg_url)
    database = parts(pg_url)["dbname"]
    chief, viewer = f"{database}_王", f"{database}_guest"
    secret = tmp_path / "secret.txt"
    secret.write_text(PASSWORD + "\n", encoding="utf-8")
    try:
        assert main(["users", pg_url, "add", chief, "--role", "chief", "--community", WEST,
                     "--password-file", str(secret)]) == 0
        typed = iter(["另一个密码", "另一个密码"])
        monkeypatch.setattr("getpass.getpass", lambda prompt="": next(typed))
        assert main(["users", pg_url, "add", viewer, "--role", "viewer"]) == 0
        out = capsys.readouterr().out
        assert f"added {chief} as community chief of {WEST} 西社区" in out
        assert f"gridmap {with_user(pg_url, viewer)}" in out
        assert PASSWORD not in out and "另一个密码" not in out
        stored = dict(_rows(pg_url, "SELECT rolname, rolpassword FROM pg_authid WHERE rolname IN (%s, %s)",
                            (chief, viewer)))
        assert all(value.startswith("SCRAM-SHA-256$") for value in stored.values()) and len(stored) == 2
        assert _ids(with_user(pg_url, chief, PASSWORD), "households") == WEST_HOUSEHOLDS
        assert _rows(with_user(pg_url, viewer, "另一个密码"), "SELECT current_user") == [(viewer,)]

        assert main(["users", pg_url, "list"]) == 0
        lines = capsys.readouterr().out.splitlines()
        assert lines[0].split() == ["login", "role", "community", "name"]
        assert [line.split() for line in lines[1:]] == [[chief, "community", "chief", WEST, "西社区"],
                                                        [viewer, "viewer"]]

        assert main(["users", pg_url, "remove", viewer]) == 0
        assert "login is dropped" in capsys.readouterr().out
        assert _rows(pg_url, "SELECT count(*) FROM pg_roles WHERE rolname = %s", (viewer,)) == [(0,)]
        assert [p.login for p in rights.people(pg_url)] == [chief]
    finally:
        _drop_logins(pg_url, [chief, viewer])


def test_the_users_command_says_what_is_wrong(pg_url, tmp_path, capsys):
    _publish(pg_url)
    database = parts(pg_url)["dbname"]
    secret = tmp_path / "secret.txt"
    secret.write_text(PASSWORD, encoding="utf-8")
    planner = f"{database}_planner"
    try:
        def error(*arguments: str) -> str:
            assert main(["users", pg_url, *arguments, "--password-file", str(secret)]) == 1
            return capsys.readouterr().err

        assert "has no zone of code 999" in error("add", "x1", "--role", "chief", "--community", "999")
        assert "410104099 (测试街道), which is not a community" in \
            error("add", "x1", "--role", "chief", "--community", "410104099")
        assert f"--community CODE (the project's are: {EAST} 东社区, {WEST} 西社区)" in \
            error("add", "x1", "--role", "chief")
        assert "gives an office planner no community" in error("add", "x1", "--role", "office", "--community", EAST)
        assert "cannot take 'no spaces' as a login" in error("add", "no spaces", "--role", "viewer")
        assert main(["users", pg_url, "add", planner, "--role", "office", "--password-file", str(secret)]) == 0
        capsys.readouterr()
        assert f"already has a login named {planner}" in error("add", planner, "--role", "viewer")
        # an office planner may not make logins: the server's administrator does
        assert main(["users", with_user(pg_url, planner, PASSWORD), "add", "x2", "--role", "viewer",
                     "--password-file", str(secret)]) == 1
        refused = capsys.readouterr().err
        assert f"does not let {planner} create roles" in refused and "administrator" in refused
        assert main(["users", pg_url, "remove", "nobody"]) == 1
        assert "has no person nobody" in capsys.readouterr().err
        assert PASSWORD not in refused
        assert _rows(pg_url, "SELECT count(*) FROM pg_roles WHERE rolname IN ('x1', 'x2', 'no spaces')") == [(0,)]
    finally:
        _drop_logins(pg_url, [planner])


def test_a_project_published_without_rights_gets_them_with_its_first_person(pg_url):
    ServerStore.create(pg_url, epsg=4547, tables=_tables(), meta={"title": "旧"}, moment=MOMENT)
    guest = f"{parts(pg_url)['dbname']}.guest"
    try:
        assert rights.add(pg_url, guest, "viewer", PASSWORD) == rights.Person(guest, "viewer")
        assert rights.people(pg_url) == [rights.Person(guest, "viewer")]
        _refused(with_user(pg_url, guest, PASSWORD), "SELECT * FROM residents")
    finally:
        _drop_logins(pg_url, [guest])


def test_two_projects_on_one_server_keep_their_people_apart(shared):
    other = f"{parts(shared.url)['dbname']}_b"
    with psycopg.connect(shared.url, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{other}"')
    other_url = make_conninfo(shared.url, dbname=other)
    try:
        with psycopg.connect(other_url, autocommit=True) as conn:
            conn.execute("CREATE EXTENSION postgis")
        _publish(other_url)
        assert set(rights.group_names(other).values()).isdisjoint(rights.group_names(parts(shared.url)["dbname"])
                                                                   .values())
        for who in ("office", "east", "viewer"):  # this project's people may not even connect to the other
            with pytest.raises(psycopg.OperationalError, match="permission denied for database"):
                psycopg.connect(with_user(other_url, shared.logins[who], PASSWORD)).close()
        assert rights.people(other_url) == []
    finally:
        with psycopg.connect(shared.url, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE "{other}" WITH (FORCE)')


def test_a_new_project_in_a_database_of_a_removed_ones_name_starts_without_its_people(pg_cluster):
    name = f"test_{uuid.uuid4().hex[:12]}"
    url = pg_cluster.new_database(name)
    old, other = f"{name}.old", f"test_{uuid.uuid4().hex[:12]}"
    try:
        _publish(url)
        rights.add(url, old, "office", PASSWORD)
        pg_cluster.drop_database(name)  # its groups stay on the server, with their members
        url = pg_cluster.new_database(name)
        _publish(url)
        assert rights.people(url) == []
        with pytest.raises(psycopg.OperationalError, match="permission denied for database"):
            psycopg.connect(with_user(url, old, PASSWORD)).close()
        # a role of a group's name that gridmap did not make is not taken over
        with psycopg.connect(url, autocommit=True) as conn:
            conn.execute(f'CREATE ROLE "{other}_viewer" LOGIN')
        other_url = pg_cluster.new_database(other)
        with pytest.raises(ServerError, match=f"already has a role named {other}_viewer that gridmap did not make"):
            _publish(other_url)
    finally:
        _drop_logins(pg_cluster.admin_url(), [old, f"{other}_viewer"])
        pg_cluster.drop_database(name)
        pg_cluster.drop_database(other)


def test_a_publisher_who_may_not_create_roles_is_told_what_to_do(pg_url):
    publisher = f"{parts(pg_url)['dbname']}.publisher"
    with psycopg.connect(pg_url, autocommit=True) as conn:
        conn.execute(f"CREATE ROLE \"{publisher}\" LOGIN PASSWORD '{PASSWORD}'")
        conn.execute(f'ALTER DATABASE "{parts(pg_url)["dbname"]}" OWNER TO "{publisher}"')
    try:
        with pytest.raises(ServerError) as refused:
            _publish(with_user(pg_url, publisher, PASSWORD))
        assert refused.value.kind == "denied"
        assert f"does not let {publisher} create roles" in refused.value.problem
        assert "CREATEROLE" in refused.value.advice
    finally:
        with psycopg.connect(pg_url, autocommit=True) as conn:
            conn.execute(f'ALTER DATABASE "{parts(pg_url)["dbname"]}" OWNER TO postgres')
            conn.execute(f'DROP OWNED BY "{publisher}"')
        _drop_logins(pg_url, [publisher])


def test_rights_installed_again_keep_the_people_and_cover_every_table(shared):
    with psycopg.connect(shared.url) as conn:
        groups = rights.install_rights(conn)
    assert groups == rights.group_names(parts(shared.url)["dbname"])
    assert len(rights.people(shared.url)) == 4
    assert _ids(shared.urls["east"], "households") == EAST_HOUSEHOLDS
    unguarded = _rows(shared.url, "SELECT relname FROM pg_class WHERE relkind = 'r' AND NOT relrowsecurity AND "
                                  "relnamespace = 'public'::regnamespace AND relname <> 'spatial_ref_sys'")
    assert unguarded == [("gridmap_groups",)]  # read by all, written by no one but the administrator


def test_group_names_fit_postgresql_and_stay_apart():
    assert rights.group_names("街道") == {"office": "街道_office", "chief": "街道_chief", "viewer": "街道_viewer"}
    assert rights.group_names("pg_x")["office"] == "gm_pg_x_office"
    long_a, long_b = "社区" * 20 + "a", "社区" * 20 + "b"
    names_a, names_b = rights.group_names(long_a), rights.group_names(long_b)
    assert all(len(name.encode()) <= 63 for name in [*names_a.values(), *names_b.values()])
    assert set(names_a.values()).isdisjoint(names_b.values())
    assert rights.KINDS == ("office", "chief", "viewer")
    from gridmap.cli.users import ROLES

    assert ROLES == rights.KINDS
