"""Cases and visits (schema 7) on a real PostgreSQL/PostGIS server: published
from a file and read back value for value (a photo's bytes byte-exact, a case
not closed with no closing time), saved back to a file; the rights kept by the
database itself (a chief reads and writes their own community's cases, photos
and visits only, a viewer none, the office all, and so their history); a chief
taking a case through the loop in the application, seen by the office's desk;
a database published at schema 6 upgraded when its owner opens it; and an
offline copy of a community taking its cases and visits along and back."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import psycopg
import pytest
from shapely.geometry import Point

from gridmap.cases import workflow
from gridmap.cases.settings import CaseSettings
from gridmap.commands.cases import AddCasePhotos, CaseStep, ReportCase
from gridmap.commands.visits import RecordVisit
from gridmap.errors import ProjectWriteError, ServerError
from gridmap.model.entities import (
    CASE_CLOSED, CASE_HANDLING, Case, CaseEvent, CasePhoto, ChangeLogEntry, Staff, Visit, VisitHousehold,
)
from gridmap.offline.changes import APPLIED, CONFLICT, compare, copy_edits, stored_text
from gridmap.offline.checkin import checkin
from gridmap.offline.checkout import checkout
from gridmap.model.changes import RowChange
from gridmap.project import Project, history_entries
from gridmap.storage.schema import SCHEMA_7_TABLES, SCHEMA_VERSION
from gridmap.storage.server import rights
from gridmap.storage.server.address import parts, with_user
from gridmap.storage.server.publish import publish
from gridmap.storage.offline_copy import Base
from gridmap.storage.server.store import ServerStore
from gridmap.storage.store import ProjectStore
from tests.factories import MOMENT, X0, Y0, two_communities_tables
from tests.test_server_rights import _changed, _ids, _refused, _rows

EAST, WEST = "410104099001", "410104099002"  # 东社区 (zone 2: 第1网格 3) and 西社区 (zone 5: 第2网格 4, 第3网格 6)
PASSWORD = "案件 口令 7"
LATER = dt.datetime(2026, 11, 3, 8, 0, tzinfo=dt.UTC)
# photos with every byte value, NULs and what would be a quote or a backslash in text
PHOTO_EAST = bytes(range(256)) * 64 + b"\x00\x00'\\\xff"
PHOTO_WEST = b"\x89PNG\r\n\x1a\n" + bytes(reversed(range(256))) * 8
EAST_CASES, WEST_CASES, OFFICE_CASES = {1001}, {1002}, {1003}  # 1003: placed in no zone, the office's alone
CLOSED_AT = dt.datetime(2026, 10, 20, 6, 30, 15, 123000, tzinfo=dt.UTC)


def _cases_tables() -> dict[str, list]:
    """The two communities with a case, its timeline and a photo in each, one
    case outside every zone, a visit by each community's staff, and history
    entries of the east and west cases."""
    t = two_communities_tables()
    t["staff"].append(Staff(3, "赵六", "13800000003", frozenset({"网格员"}), 5, False))
    reported = dt.datetime(2026, 10, 12, 1, 2, 3, 456000, tzinfo=dt.UTC)
    deadline = reported + dt.timedelta(hours=72)
    t["cases"] = [
        Case(1001, "2026-000001", "环境卫生", "楼道堆放杂物", "电话", "张三", "13900000000", reported, "一般",
             deadline, CASE_HANDLING, 3, 1, 1, "测试路 1-1-101", 1, 0, None, Point(X0 + 30, Y0 + 45)),
        Case(1002, "2026-000002", "设施维修", "路灯不亮", "微信群", "李四", "13900000001", reported, "紧急",
             deadline, CASE_CLOSED, 6, 3, 25, "测试路 3-1-101", 3, 1, CLOSED_AT, Point(X0 + 160, Y0 + 45)),
        Case(1003, "2026-000003", "其他", "界外来电", "12345", "王五", "", reported, "一般",
             deadline, "待受理", None, None, None, "界外", None, 0, None, Point(X0 + 500, Y0 + 500)),
    ]
    t["case_events"] = [CaseEvent(1101, 1001, reported, "东网格员", "上报", "待受理", None, "来电"),
                        CaseEvent(1102, 1002, reported, "西网格员", "上报", "待受理", None, "群里"),
                        CaseEvent(1103, 1003, reported, "办公室", "上报", "待受理", None, "")]
    t["case_photos"] = [CasePhoto(1201, 1001, "楼道.jpg", reported, PHOTO_EAST),
                        CasePhoto(1202, 1002, "路灯.png", reported, PHOTO_WEST)]
    t["visits"] = [Visit(1301, 1, dt.date(2026, 10, 5), "东入户"), Visit(1302, 3, dt.date(2026, 10, 6), "西入户")]
    t["visit_households"] = [VisitHousehold(1401, 1301, 1, "正常"), VisitHousehold(1402, 1302, 25, "独居老人")]
    t["change_log"] = [ChangeLogEntry(i, MOMENT, "publisher", table, row, field, "旧", "新", "do", "编辑")
                       for i, (table, row, field) in enumerate(
                           [("cases", 1001, "status"), ("cases", 1002, "status"), ("case_photos", 1202, "name"),
                            ("visits", 1302, "note"), ("zones", 3, "name")], 1)]
    return t


def _publish(url: str) -> None:
    ServerStore.create(url, epsg=4547, tables=_cases_tables(), meta={"title": "有呼必应"}, moment=MOMENT)


def _people(url: str) -> dict[str, str]:
    """An office planner, a chief of each community and a viewer: who → their URL."""
    database = parts(url)["dbname"]
    logins = {who: f"{database}.{who}" for who in ("office", "east", "west", "viewer")}
    rights.add(url, logins["office"], "office", PASSWORD)
    rights.add(url, logins["east"], "chief", PASSWORD, EAST)
    rights.add(url, logins["west"], "chief", PASSWORD, WEST)
    rights.add(url, logins["viewer"], "viewer", PASSWORD)
    return {who: with_user(url, login, PASSWORD) for who, login in logins.items()}


@pytest.fixture
def shared(pg_url):
    """The cases project published, its people made (their logins dropped afterwards: they outlive the database)."""
    _publish(pg_url)
    urls = _people(pg_url)
    yield pg_url, urls
    with psycopg.connect(pg_url, autocommit=True) as conn:
        for url in urls.values():
            conn.execute(f'DROP ROLE IF EXISTS "{parts(url)["user"]}"')


def _server_tables(url: str) -> dict:
    store = ServerStore.open(url, read_only=True)
    try:
        return store.read_all()
    finally:
        store.close()


# -- publishing, reading, saving ------------------------------------------------------


def test_cases_and_visits_are_published_and_read_back_value_for_value(pg_url, tmp_path):
    path = tmp_path / "cases.gpkg"
    ProjectStore.create(path, epsg=4547, tables=_cases_tables(), meta={"title": "有呼必应"}, moment=MOMENT)
    published = publish(path, pg_url, moment=MOMENT)
    for name in SCHEMA_7_TABLES:
        assert published.sums[name].rows == len(_cases_tables()[name]), name

    file = ProjectStore.open(path, read_only=True)
    try:
        in_file = file.read_all()
    finally:
        file.close()
    on_server = _server_tables(pg_url)
    for name in SCHEMA_7_TABLES:
        assert on_server[name] == in_file[name], name
    assert on_server["case_photos"][1201].data == PHOTO_EAST
    assert on_server["case_photos"][1202].data == PHOTO_WEST
    assert on_server["cases"][1001].closed_at is None
    assert on_server["cases"][1002].closed_at == CLOSED_AT
    assert on_server["cases"][1001].geometry.equals(Point(X0 + 30, Y0 + 45))
    # as PostgreSQL holds them: real bytea, timestamptz (NULL when not closed), a Point layer
    assert _rows(pg_url, "SELECT id, data = %s, octet_length(data) FROM case_photos ORDER BY id", (PHOTO_EAST,)) == \
        [(1201, True, len(PHOTO_EAST)), (1202, False, len(PHOTO_WEST))]
    assert _rows(pg_url, "SELECT id, closed_at FROM cases ORDER BY id") == [(1001, None), (1002, CLOSED_AT),
                                                                             (1003, None)]
    assert _rows(pg_url, "SELECT type FROM geometry_columns WHERE f_table_name = 'cases'") == [("POINT",)]
    indexes = {name for name, in _rows(pg_url, "SELECT indexname FROM pg_indexes WHERE tablename = ANY(%s)",
                                       (list(SCHEMA_7_TABLES),))}
    assert {"gist_cases_geom", "idx_cases_zone_id", "idx_case_photos_case_id",
            "idx_visit_households_household_id"} <= indexes

    # and saved from the server to a file again, the same
    again = tmp_path / "again.gpkg"
    store = ServerStore.open(pg_url)
    try:
        store.save_as(again)
    finally:
        store.close()
    saved = ProjectStore.open(again, read_only=True)
    try:
        back = saved.read_all()
    finally:
        saved.close()
    for name in SCHEMA_7_TABLES:
        assert back[name] == in_file[name], name


def test_a_photo_changed_outside_gridmap_is_in_the_history_by_its_size_and_versions_rise(shared):
    url, _urls = shared
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("UPDATE case_photos SET data = %s, name = '新.jpg' WHERE id = 1201", (b"\x00" * 1234567,))
        conn.execute("UPDATE cases SET closed_at = now() WHERE id = 1001")
    entries = _rows(url, "SELECT table_name, row_id, field, old, new FROM change_log WHERE id > 5 ORDER BY id")
    assert ("case_photos", 1201, "data", f"{len(PHOTO_EAST):,} bytes", "1,234,567 bytes") in entries
    assert ("case_photos", 1201, "name", "楼道.jpg", "新.jpg") in entries
    closing = [e for e in entries if e[:3] == ("cases", 1001, "closed_at")]
    assert len(closing) == 1 and closing[0][3] == "" and closing[0][4].startswith("20")
    assert _rows(url, "SELECT row_version FROM case_photos WHERE id = 1201") == [(2,)]
    assert _rows(url, "SELECT row_version FROM cases WHERE id = 1001") == [(2,)]

    # a photo replaced through gridmap: the bytes written whole, the history naming the sizes
    store = ServerStore.open(url)
    try:
        before = store.read_all()["case_photos"][1202]
        change = RowChange("case_photos", before, before._replace(data=PHOTO_WEST[::-1] + b"\x00"))
        store.commit([change], history_entries([change], MOMENT, store.user, "换照片", "do"), MOMENT)
    finally:
        store.close()
    assert _server_tables(url)["case_photos"][1202].data == PHOTO_WEST[::-1] + b"\x00"
    assert _rows(url, "SELECT field, old, new FROM change_log WHERE label = '换照片'") == \
        [("data", f"{len(PHOTO_WEST):,} bytes", f"{len(PHOTO_WEST) + 1:,} bytes")]


# -- rights -------------------------------------------------------------------------------


def test_each_person_reads_the_cases_and_visits_of_their_own_community_only(shared):
    _url, urls = shared
    every = {"cases": {1001, 1002, 1003}, "case_events": {1101, 1102, 1103}, "case_photos": {1201, 1202},
             "visits": {1301, 1302}, "visit_households": {1401, 1402}}
    east = {"cases": {1001}, "case_events": {1101}, "case_photos": {1201}, "visits": {1301},
            "visit_households": {1401}}
    west = {"cases": {1002}, "case_events": {1102}, "case_photos": {1202}, "visits": {1302},
            "visit_households": {1402}}
    for table in SCHEMA_7_TABLES:
        assert _ids(urls["office"], table) == every[table], table
        assert _ids(urls["east"], table) == east[table], table
        assert _ids(urls["west"], table) == west[table], table
        _refused(urls["viewer"], f'SELECT count(*) FROM "{table}"')
    # asked for by id, another community's case is simply not there (no error)
    assert _rows(urls["east"], "SELECT reporter, description FROM cases WHERE id = 1002") == []
    assert _rows(urls["east"], "SELECT data FROM case_photos WHERE case_id = 1002") == []
    assert _rows(urls["west"], "SELECT count(*) FROM visit_households WHERE household_id = 1") == [(0,)]
    # the history of cases, photos and visits follows the rows: 1 east's case, 2–4 west's rows, 5 the map
    history = {who: {key for key, in _rows(urls[who], "SELECT id FROM change_log")} for who in urls}
    assert history == {"office": {1, 2, 3, 4, 5}, "east": {1, 5}, "west": {2, 3, 4, 5}, "viewer": {5}}

    # the store, opened as each person, holds what they may read
    for who, cases in (("office", every["cases"]), ("east", EAST_CASES), ("west", WEST_CASES), ("viewer", set())):
        tables = _server_tables(urls[who])
        assert set(tables["cases"]) == cases, who
        assert {p.case_id for p in tables["case_photos"].values()} == cases - OFFICE_CASES, who
    assert _server_tables(urls["east"])["case_photos"][1201].data == PHOTO_EAST
    assert _server_tables(urls["viewer"])["visits"] == {}


def test_a_chief_writes_cases_and_visits_in_their_own_community_only(shared):
    url, urls = shared
    east = urls["east"]
    point = f"ST_SetSRID(ST_MakePoint({X0 + 20}, {Y0 + 20}), 4547)"
    case = ("INSERT INTO cases (number, category, description, source, reporter, reporter_phone, reported_at, "
            "urgency, deadline, status, zone_id, address, escalation, geom) VALUES ('2026-000009', '其他', '新', "
            f"'电话', '某', '', now(), '一般', now(), '待受理', %s, '', 0, {point}) RETURNING id")
    with psycopg.connect(east, autocommit=True) as conn:
        new_case = conn.execute(case, (3,)).fetchone()[0]
    assert new_case > 1402  # from the project's counter
    assert _changed(east, "INSERT INTO case_events (case_id, at, who, action, status, note) "
                          "VALUES (%s, now(), '东', '上报', '待受理', '')", (new_case,)) == 1
    assert _changed(east, "INSERT INTO case_photos (case_id, name, taken_at, data) VALUES (%s, 'a.jpg', now(), %s)",
                    (new_case, PHOTO_EAST)) == 1
    assert _changed(east, "UPDATE cases SET status = '已派发', closed_at = NULL WHERE id = 1001") == 1
    assert _changed(east, "INSERT INTO visits (staff_id, visited_on, note) VALUES (2, '2026-11-01', '') "
                          "RETURNING id") == 1
    assert _changed(east, "INSERT INTO visit_households (visit_id, household_id, found) VALUES (1301, 2, '正常')") == 1
    assert _changed(east, "DELETE FROM case_photos WHERE id = 1201") == 1

    before = {table: _rows(url, f'SELECT * FROM "{table}" ORDER BY id') for table in SCHEMA_7_TABLES}
    # another community's rows are not there for them: nothing is touched
    for statement in ("UPDATE cases SET status = '已办结' WHERE id = 1002",
                      "DELETE FROM cases WHERE id IN (1002, 1003)",
                      "UPDATE case_events SET note = '改' WHERE case_id = 1002",
                      "DELETE FROM case_photos WHERE id = 1202",
                      "UPDATE visits SET note = '改' WHERE id = 1302", "DELETE FROM visit_households WHERE id = 1402",
                      "UPDATE cases SET zone_id = 3 WHERE id = 1003"):  # nor can they take the office's case in
        assert _changed(east, statement) == 0, statement
    # a case put into the other community, or moved there, and rows hung on the other's cases: refused
    for statement, arguments in (
            (case, (6,)), (case, (None,)),
            ("UPDATE cases SET zone_id = 6 WHERE id = 1001", ()),
            (("INSERT INTO case_events (case_id, at, who, action, status, note) "
              "VALUES (1002, now(), '东', '督办', '已办结', '')"), ()),
            ("UPDATE case_events SET case_id = 1002 WHERE id = 1101", ()),
            ("INSERT INTO case_photos (case_id, name, taken_at, data) VALUES (1002, 'x', now(), '\\x00')", ()),
            ("INSERT INTO visits (staff_id, visited_on, note) VALUES (3, '2026-11-01', '')", ()),
            ("INSERT INTO visits (staff_id, visited_on, note) VALUES (NULL, '2026-11-01', '')", ()),
            ("INSERT INTO visit_households (visit_id, household_id, found) VALUES (1301, 25, '')", ())):
        _refused(east, statement, arguments)
    after = {table: _rows(url, f'SELECT * FROM "{table}" ORDER BY id') for table in SCHEMA_7_TABLES}
    assert after == before
    assert _rows(url, "SELECT zone_id, status FROM cases WHERE id = 1001") == [(3, "已派发")]

    # the viewer writes nothing; the office writes everywhere
    for statement in ("UPDATE cases SET status = '已办结'", "DELETE FROM case_photos",
                      "INSERT INTO visits (staff_id, visited_on, note) VALUES (1, '2026-11-01', '')"):
        _refused(urls["viewer"], statement)
    assert _changed(urls["office"], "UPDATE cases SET status = '挂起' WHERE id IN (1002, 1003)") == 2
    assert _changed(urls["office"], "UPDATE visits SET note = '办' WHERE id IN (1301, 1302)") == 2
    # and the history of these edits stays with the community: west's chief sees none of east's
    west_seen = _rows(urls["west"], "SELECT table_name, row_id FROM change_log WHERE id > 5 ORDER BY id")
    assert west_seen == [("cases", 1002), ("visits", 1302)]
    assert ("case_photos", 1201) not in west_seen


def test_a_chief_takes_a_case_through_the_loop_in_the_application_and_the_office_sees_it(shared):
    _url, urls = shared
    office = Project.open(urls["office"])
    chief = Project.open(urls["east"])
    try:
        assert set(chief.tables["cases"]) == EAST_CASES and set(office.tables["cases"]) == \
            EAST_CASES | WEST_CASES | OFFICE_CASES
        category = CaseSettings.from_meta(chief.meta).category_names[0]
        report = ReportCase(category=category, description="井盖松动", source="上门", reporter="居民甲",
                            reporter_phone="13900000009", point=Point(X0 + 40, Y0 + 60),
                            photos=[("井盖.jpg", PHOTO_EAST)])
        chief.undo_stack.push(report)
        key = report.case_id
        assert chief.tables["cases"][key].zone_id == 3
        for action, assignee in ((workflow.DISPATCH, 1), (workflow.ACCEPT, None), (workflow.SUBMIT, None),
                                 (workflow.CLOSE, None)):
            chief.undo_stack.push(CaseStep(key, action, note=f"{action}了", assignee_id=assignee))
        chief.undo_stack.push(AddCasePhotos(key, [("修好.png", PHOTO_WEST)]))
        visit = RecordVisit(2, dt.date(2026, 11, 2), [(3, "正常"), (4, "无人在家")], note="东入户")
        chief.undo_stack.push(visit)
        closed = chief.tables["cases"][key]
        assert closed.status == CASE_CLOSED and closed.closed_at is not None

        # a case in the other community's grid is refused by the server, and nothing of it is written
        with pytest.raises(ProjectWriteError) as refused:
            chief.undo_stack.push(ReportCase(category=category, point=Point(X0 + 160, Y0 + 60)))
        assert refused.value.kind == "denied"

        # the office's desk catches up with every row the chief wrote
        seen = office.take_changes_by_others()
        tables = {c.table for c in seen}
        assert {"cases", "case_events", "case_photos", "visits", "visit_households", "households"} <= tables
        assert office.tables["cases"][key] == closed
        assert [e.action for e in sorted(office.tables["case_events"].values(), key=lambda e: e.id)
                if e.case_id == key] == [workflow.REPORT, workflow.DISPATCH, workflow.ACCEPT, workflow.SUBMIT,
                                         workflow.CLOSE]
        assert sorted(p.data for p in office.tables["case_photos"].values() if p.case_id == key) == \
            sorted([PHOTO_EAST, PHOTO_WEST])
        assert office.tables["visits"][visit.visit_id].staff_id == 2
        assert {v.household_id for v in office.tables["visit_households"].values()
                if v.visit_id == visit.visit_id} == {3, 4}
        assert office.tables["households"][3].last_checked == dt.date(2026, 11, 2)
        assert len([c for c in office.tables["cases"].values() if c.zone_id == 6]) == 1  # only the published one
        # the history of the case, in the chief's name; a photo added is named, never its bytes
        photos = [e for e in office.tables["change_log"].values() if e.table_name == "case_photos"
                  and e.row_id in office.tables["case_photos"] and e.id > 5]
        assert len(photos) == 2 and {(e.field, e.new) for e in photos} == {("*", "present")}
        assert max(len(e.old) + len(e.new) for e in office.tables["change_log"].values()) < 200
        assert {e.who for e in office.tables["change_log"].values() if e.row_id == key} == {chief.store.user}

        # the office reopens the project: the same, photo bytes and all
        again = Project.open(urls["office"], read_only=True)
        try:
            for name in SCHEMA_7_TABLES:
                assert again.tables[name] == office.tables[name], name
        finally:
            again.close()

        # an undo by the chief reaches the office too
        chief.undo_stack.undo()  # the visit
        office.take_changes_by_others()
        assert visit.visit_id not in office.tables["visits"]
        assert office.tables["households"][3].last_checked == dt.date(2026, 10, 1)
    finally:
        chief.close()
        office.close()


# -- upgrading a database of schema 6 ---------------------------------------------------


def _make_schema_6(url: str) -> None:
    """Make the published project look as one published by the release of schema 6: no cases or visits
    (nor their policy function, nor history entries of them)."""
    schema_6_history = " OR ".join([f"table_name = ANY({rights._MAP_LIST})", "who = current_user"] + [
        f"(table_name = '{table}' AND row_id IN (SELECT {rows}))" for table, rows in rights._HISTORY_OF.items()
        if table not in SCHEMA_7_TABLES])
    with psycopg.connect(url) as conn:
        group = conn.execute("SELECT role FROM gridmap_groups WHERE kind = 'chief'").fetchone()[0]
        conn.execute('DROP POLICY "chief reads map and own community" ON change_log')
        conn.execute(f'CREATE POLICY "chief reads map and own community" ON change_log FOR SELECT TO "{group}" '
                     f"USING ({schema_6_history})")
        for name in reversed(SCHEMA_7_TABLES):
            conn.execute(f'DROP TABLE "{name}"')
        conn.execute("DROP FUNCTION gridmap_my_cases()")
        conn.execute("DROP FUNCTION gridmap_size_text(bigint)")
        conn.execute("DELETE FROM change_log WHERE table_name = ANY(%s)", (list(SCHEMA_7_TABLES),))
        conn.execute("UPDATE gridmap_meta SET value = '6' WHERE key = 'schema_version'")


def test_a_database_of_schema_6_is_upgraded_by_its_owner_and_the_rights_follow(shared):
    url, urls = shared
    _make_schema_6(url)
    present = {name for name, in _rows(url, "SELECT table_name FROM information_schema.tables "
                                            "WHERE table_name = ANY(%s)", (list(SCHEMA_7_TABLES),))}
    assert present == set()
    # the office's planners and the chiefs may not change the tables: they are told whom to ask, nothing changes
    for who in ("office", "east"):
        with pytest.raises(ServerError) as refused:
            ServerStore.open(urls[who])
        assert refused.value.kind == "denied" and "older schema 6" in str(refused.value)
        assert "owner" in refused.value.problem
    with pytest.raises(ServerError) as viewing:
        ServerStore.open(urls["viewer"], read_only=True)
    assert "older schema 6" in str(viewing.value)
    assert _rows(url, "SELECT value FROM gridmap_meta WHERE key = 'schema_version'") == [("6",)]

    store = ServerStore.open(url)  # the owner (here the administrator who published it)
    try:
        assert store.meta["schema_version"] == str(SCHEMA_VERSION) == "7"
        assert all(store.read_all()[name] == {} for name in SCHEMA_7_TABLES)
    finally:
        store.close()
    assert _rows(url, "SELECT value FROM gridmap_meta WHERE key = 'schema_version'") == [("7",)]
    # the tables as a new publication makes them: triggers, indexes, a Point layer, comments
    triggers = _rows(url, "SELECT event_object_table, trigger_name FROM information_schema.triggers "
                          "WHERE event_object_table = 'case_photos' GROUP BY 1, 2 ORDER BY 2")
    assert triggers == [("case_photos", "gridmap_outside_edit"), ("case_photos", "gridmap_row_version")]
    indexes = {name for name, in _rows(url, "SELECT indexname FROM pg_indexes WHERE tablename = ANY(%s)",
                                       (list(SCHEMA_7_TABLES),))}
    assert {"gist_cases_geom", "idx_cases_zone_id", "idx_cases_assignee_id", "idx_case_events_case_id",
            "idx_case_photos_case_id", "idx_visits_staff_id", "idx_visit_households_visit_id",
            "idx_visit_households_household_id"} <= indexes
    assert _rows(url, "SELECT type, srid FROM geometry_columns WHERE f_table_name = 'cases'") == [("POINT", 4547)]
    assert _rows(url, "SELECT obj_description('case_photos'::regclass)") == [("photos of cases: personal data",)]

    # every person opens it now; the rights cover the new tables
    office = Project.open(urls["office"])
    chief = Project.open(urls["east"])
    try:
        category = CaseSettings.from_meta(chief.meta).category_names[0]
        report = ReportCase(category=category, description="升级后", point=Point(X0 + 40, Y0 + 60),
                            photos=[("a.jpg", PHOTO_EAST)])
        chief.undo_stack.push(report)
        chief.undo_stack.push(RecordVisit(1, dt.date(2026, 11, 2), [(1, "正常")]))
        with pytest.raises(ProjectWriteError) as refused:
            chief.undo_stack.push(ReportCase(category=category, point=Point(X0 + 160, Y0 + 60)))
        assert refused.value.kind == "denied"
        office.undo_stack.push(ReportCase(category=category, description="西社区的", point=Point(X0 + 160, Y0 + 60)))
        office.take_changes_by_others()
        assert office.tables["case_photos"][max(office.tables["case_photos"])].data == PHOTO_EAST
        assert len(office.tables["cases"]) == 2 and len(office.tables["visits"]) == 1
    finally:
        chief.close()
        office.close()
    assert _ids(urls["east"], "cases") == {report.case_id}
    assert len(_ids(urls["west"], "cases")) == 1 and _ids(urls["west"], "visits") == set()
    _refused(urls["viewer"], "SELECT count(*) FROM cases")
    # the chiefs' history rules know the new tables again: west's chief reads none of east's case
    assert _rows(urls["west"], "SELECT count(*) FROM change_log WHERE table_name = 'cases' AND row_id = %s",
                 (report.case_id,)) == [(0,)]
    assert _rows(urls["east"], "SELECT count(*) FROM change_log WHERE table_name = 'cases' AND row_id = %s",
                 (report.case_id,))[0][0] > 0
    assert _rows(urls["viewer"], "SELECT count(*) FROM change_log WHERE table_name = ANY(%s)",
                 (list(SCHEMA_7_TABLES),)) == [(0,)]
    # and west's chief reads the history the office wrote of the case in west's grid (the rule of cases)
    office_login = parts(urls["office"])["user"]
    assert {table for table, in _rows(urls["west"], "SELECT DISTINCT table_name FROM change_log WHERE who = %s",
                                      (office_login,))} == {"cases", "case_events"}
    assert _rows(urls["east"], "SELECT count(*) FROM change_log WHERE who = %s", (office_login,)) == [(0,)]
    # an edit outside gridmap of the new tables is versioned and recorded as before
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("UPDATE case_photos SET data = '\\x0102' WHERE case_id = %s", (report.case_id,))
    assert _rows(url, "SELECT row_version FROM case_photos WHERE case_id = %s", (report.case_id,)) == [(2,)]
    assert _rows(url, "SELECT new FROM change_log WHERE table_name = 'case_photos' ORDER BY id DESC LIMIT 1") == \
        [("2 bytes",)]


# -- offline copies ---------------------------------------------------------------------


def test_an_offline_copy_takes_its_communitys_cases_and_visits_along_and_back(shared, tmp_path, monkeypatch):
    url, urls = shared
    monkeypatch.setenv("PGPASSWORD", PASSWORD)
    path = tmp_path / "西社区.gpkg"
    done = checkout(urls["west"], WEST, path, moment=MOMENT)
    assert done.selection.editable["cases"] == WEST_CASES
    assert done.selection.editable["case_photos"] == {1202} and done.selection.editable["visits"] == {1302}
    assert done.selection.editable["visit_households"] == {1402}
    copy = Project.open(path)
    try:
        assert set(copy.tables["cases"]) == WEST_CASES  # never the other community's, nor the office's
        assert copy.tables["case_photos"][1202].data == PHOTO_WEST
        assert copy.tables["cases"][1002].closed_at == CLOSED_AT
        # offline: the closed case reopened by a new report on it, a step, a photo, a visit
        report = ReportCase(category="其他", description="离线上报", household_id=26, photos=[("离线.jpg", PHOTO_EAST)])
        copy.undo_stack.push(report)
        copy.undo_stack.push(CaseStep(report.case_id, workflow.DISPATCH, note="派给赵六", assignee_id=3))
        copy.undo_stack.push(AddCasePhotos(1002, [("复查.png", PHOTO_WEST[::-1])]))
        visit = RecordVisit(3, dt.date(2026, 11, 2), [(26, "正常"), (27, "需帮扶")], note="离线走访")
        copy.undo_stack.push(visit)
    finally:
        copy.close()

    result = checkin(path, moment=LATER)
    assert result.written and not result.conflicts and not result.problems
    server = _server_tables(url)
    case = server["cases"][report.case_id]
    assert (case.zone_id, case.household_id, case.status, case.assignee_id) == (6, 26, "已派发", 3)
    assert case.closed_at is None
    photos = {p.name: p.data for p in server["case_photos"].values()}
    assert photos["离线.jpg"] == PHOTO_EAST and photos["复查.png"] == PHOTO_WEST[::-1]
    assert photos["路灯.png"] == PHOTO_WEST and photos["楼道.jpg"] == PHOTO_EAST
    assert {v.household_id: v.found for v in server["visit_households"].values() if v.visit_id == visit.visit_id} \
        == {26: "正常", 27: "需帮扶"}
    assert server["households"][27].last_checked == dt.date(2026, 11, 2)
    assert [e.action for e in server["case_events"].values() if e.case_id == report.case_id] == \
        [workflow.REPORT, workflow.DISPATCH]
    # written in the west chief's name; east's chief sees none of it
    assert {who for who, in _rows(url, "SELECT DISTINCT who FROM change_log WHERE table_name = 'cases' AND "
                                       "row_id = %s", (report.case_id,))} == {parts(urls["west"])["user"]}
    assert _ids(urls["east"], "cases") == EAST_CASES

    # the copy goes on: a later edit of a checked-in case goes back too
    copy = Project.open(path)
    try:
        copy.undo_stack.push(CaseStep(report.case_id, workflow.ACCEPT, note="接了"))
    finally:
        copy.close()
    assert checkin(path, moment=LATER + dt.timedelta(hours=1)).written
    assert _server_tables(url)["cases"][report.case_id].status == CASE_HANDLING


def test_an_office_copy_of_a_community_holds_its_cases_and_leaves_the_rest_out(shared, tmp_path):
    url, _urls = shared
    path = tmp_path / "东社区.gpkg"
    done = checkout(url, EAST, path, moment=MOMENT)
    assert done.selection.rows("cases") == EAST_CASES
    assert done.selection.rows("case_photos") == {1201} and done.selection.rows("case_events") == {1101}
    assert done.selection.rows("visits") == {1301} and done.selection.rows("visit_households") == {1401}
    copy = ProjectStore.open(Path(path), read_only=True)
    try:
        tables = copy.read_all()
    finally:
        copy.close()
    assert tables["case_photos"][1201].data == PHOTO_EAST
    assert set(tables["cases"]) == EAST_CASES


def test_a_photo_edited_offline_is_compared_whole_and_listed_by_its_size():
    """The history keeps a photo's size only: a photo replaced by one of the same size is still an edit,
    compared with the server's bytes, and a conflict lists it by size, never by its bytes."""
    taken = dt.datetime(2026, 10, 1, tzinfo=dt.UTC)
    base = CasePhoto(1201, 1001, "楼道.jpg", taken, b"ab")
    mine = base._replace(data=b"cd")
    history = [ChangeLogEntry(9, LATER, "离线", "case_photos", 1201, "data", "2 bytes", "2 bytes", "do", "换照片")]
    bases = {"case_photos": {1201: Base(1, 8, False)}}
    edits = copy_edits(history, 8, {"case_photos": {1201: mine}}, bases)
    assert [(e.key, e.fields) for e in edits] == [(1201, frozenset({"data"}))]
    applied = compare(edits, {"case_photos": {1201: base}}, {"case_photos": {1201: 1}}, [])
    assert [o.status for o in applied] == [APPLIED] and applied[0].change.after.data == b"cd"
    theirs = base._replace(data=b"xy")
    server = [ChangeLogEntry(10, LATER, "办公室", "case_photos", 1201, "data", "2 bytes", "2 bytes", "do", "换")]
    both = compare(edits, {"case_photos": {1201: theirs}}, {"case_photos": {1201: 2}}, server)
    assert [o.status for o in both] == [CONFLICT]
    assert [(d.field, d.mine, d.theirs, d.here, d.there) for d in both[0].differences] == \
        [("data", "2 bytes", "2 bytes", True, True)]
    assert stored_text("case_photos", "data", CasePhoto(1, 1, "", taken, PHOTO_EAST)) == f"{len(PHOTO_EAST):,} bytes"


def test_a_database_older_than_any_upgrade_is_refused_in_words(shared):
    url, _urls = shared
    with psycopg.connect(url) as conn:
        conn.execute("UPDATE gridmap_meta SET value = '3' WHERE key = 'schema_version'")
    with pytest.raises(ServerError) as refused:
        ServerStore.open(url)
    assert "schema 3, older than this gridmap can upgrade" in str(refused.value)
    assert _rows(url, "SELECT value FROM gridmap_meta WHERE key = 'schema_version'") == [("3",)]


def test_people_are_added_to_a_database_published_before_rights_only_once_it_is_upgraded(shared):
    """A project published before rights existed gets them with its first person; at schema 6 the rights
    would miss the cases, so the person is refused until the owner's first opening upgrades it."""
    url, _urls = shared
    _make_schema_6(url)
    with psycopg.connect(url) as conn:  # as published before rights: no groups, no people, no policies
        for table, in conn.execute("SELECT DISTINCT tablename FROM pg_policies WHERE schemaname = 'public'"
                                   ).fetchall():
            conn.execute(f'ALTER TABLE "{table}" DISABLE ROW LEVEL SECURITY')
            for name, in conn.execute("SELECT policyname FROM pg_policies WHERE tablename = %s", (table,)).fetchall():
                conn.execute(f'DROP POLICY "{name}" ON "{table}"')
        conn.execute("DROP TABLE gridmap_people, gridmap_groups")
    login = f"{parts(url)['dbname']}.late"
    try:
        with pytest.raises(ServerError) as refused:
            rights.add(url, login, "chief", PASSWORD, EAST)
        assert "older schema 6" in str(refused.value) and refused.value.kind == "refused"
        assert _rows(url, "SELECT count(*) FROM pg_roles WHERE rolname = %s", (login,)) == [(0,)]
        ServerStore.open(url).close()  # the owner opens it: upgraded
        rights.add(url, login, "chief", PASSWORD, EAST)
        store = ServerStore.open(url)
        try:  # the office puts the published cases back: one in each community, one in none
            store.commit([RowChange("cases", None, case) for case in _cases_tables()["cases"]], [], MOMENT)
        finally:
            store.close()
        late = with_user(url, login, PASSWORD)
        assert _ids(late, "cases") == EAST_CASES
        _refused(late, "UPDATE cases SET zone_id = 6 WHERE id = 1001")
        assert _changed(late, "UPDATE cases SET status = '已办结' WHERE id = 1002") == 0
    finally:
        with psycopg.connect(url, autocommit=True) as conn:
            conn.execute(f'DROP ROLE IF EXISTS "{login}"')
