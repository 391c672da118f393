"""The shared store on a real PostgreSQL/PostGIS server: the store protocol,
exact round trips, commits from several desks (conflicts named, others' commits
heard and fetched), ids unique across processes, atomic commits, a server that
goes away and comes back."""

from __future__ import annotations

import datetime as dt
import inspect
import itertools
import multiprocessing

import psycopg
import pytest

from benchmarks.pg_cluster import PgCluster
from gridmap.commands.households import EditHouseholds
from gridmap.errors import ProjectWriteError, ServerError
from gridmap.model.changes import RowChange
from gridmap.model.entities import Household, Staff, Zone
from gridmap.project import Project
from gridmap.storage.protocol import Store
from gridmap.storage.server.schema import VERSION_COLUMN
from gridmap.storage.server.store import ServerStore
from gridmap.storage.store import ProjectStore
from tests.factories import MOMENT, box, small_tables

ROUNDS = 40


def _publish(url: str, tables: dict | None = None) -> None:
    ServerStore.create(url, epsg=4547, tables=tables or small_tables(), meta={"title": "共享测试"}, moment=MOMENT)


@pytest.fixture
def shared(pg_url) -> str:
    _publish(pg_url)
    return pg_url


def test_the_server_store_keeps_the_protocol():
    wanted = {n for n in dir(Store) if not n.startswith("_")} | set(Store.__annotations__)
    assert wanted <= set(dir(ServerStore)) | {"meta", "srs_id", "substitutes", "user", "address"}
    for name in wanted & {n for n in dir(Store) if callable(getattr(Store, n, None))}:
        assert list(inspect.signature(getattr(Store, name)).parameters) == \
            list(inspect.signature(getattr(ServerStore, name)).parameters), name


def test_a_published_project_reads_back_record_for_record(shared):
    tables = small_tables()
    store = ServerStore.open(shared)
    try:
        read = store.read_all()
        assert store.substitutes == []
        assert store.srs_id == 4547 and store.meta["title"] == "共享测试"
        for name, records in tables.items():
            assert read[name] == {getattr(r, "depth" if name == "levels" else "id"): r for r in records}, name
        assert store.address.startswith("postgresql://postgres@127.0.0.1:") and "@" in store.address
        assert ":" not in store.address.split("//")[1].split("@")[0]  # no password shown
    finally:
        store.close()
    with psycopg.connect(shared) as conn:
        kinds = dict(conn.execute("SELECT f_table_name, type FROM geometry_columns").fetchall())
        srids = {srid for srid, in conn.execute("SELECT DISTINCT srid FROM geometry_columns")}
        gist = {name for name, in conn.execute("SELECT indexname FROM pg_indexes WHERE indexdef LIKE '%gist%'")}
    assert kinds["zones"] == "MULTIPOLYGON" and kinds["site_points"] == "POINT" and srids == {4547}
    assert {"gist_zones_geom", "gist_buildings_geom", "gist_streets_geom"} <= gist


def test_an_edit_is_committed_with_the_database_user_as_its_author_and_undoes(shared):
    project = Project.open(shared)
    try:
        project.undo_stack.push(EditHouseholds([7], occupancy="空户", people=0))
        entries = [e for e in project.tables["change_log"].values() if e.row_id == 7]
        assert {(e.field, e.old, e.new, e.who) for e in entries} == {
            ("occupancy", "常住", "空户", "postgres"), ("people", "2", "0", "postgres")}
        again = Project.open(shared, read_only=True)
        assert again.tables["households"][7].occupancy == "空户"
        assert again.tables["change_log"] == project.tables["change_log"]
        again.close()
        project.undo_stack.undo()
        assert project.tables["households"][7].occupancy == "常住"
    finally:
        project.close()
    with psycopg.connect(shared) as conn:
        assert conn.execute(f'SELECT occupancy, {VERSION_COLUMN} FROM households WHERE id = 7').fetchone() == \
            ("常住", 3)  # two updates since it was published
        assert conn.execute("SELECT count(*) FROM gridmap_commits").fetchone()[0] == 2


def test_a_stale_edit_is_refused_naming_who_changed_it_and_the_view_catches_up(shared):
    first, second = Project.open(shared), Project.open(shared)
    try:
        first.undo_stack.push(EditHouseholds([7], note="第一张桌子"))
        with pytest.raises(ProjectWriteError) as refused:
            second.undo_stack.push(EditHouseholds([7], note="第二张桌子"))
        assert refused.value.kind == "conflict"
        assert refused.value.conflict.table == "households" and refused.value.conflict.key == 7
        assert refused.value.conflict.who == "postgres" and refused.value.conflict.label
        assert "changed by postgres" in str(refused.value)
        assert second.tables["households"][7].note == ""  # nothing of the refused edit is kept
        caught = second.take_changes_by_others()
        assert [(c.table, c.key) for c in caught if c.table == "households"] == [("households", 7)]
        assert second.tables["households"][7].note == "第一张桌子"
        assert {e.row_id for e in second.tables["change_log"].values()} == {7}  # their history came too
        second.undo_stack.push(EditHouseholds([7], note="第二张桌子"))
        assert first.take_changes_by_others()[0].after.note == "第二张桌子"
        # Undo on the first desk would write over the second desk's note: refused, nothing written.
        with pytest.raises(ProjectWriteError) as undo_refused:
            first.undo_stack.undo()
        assert undo_refused.value.kind == "conflict"
    finally:
        first.close()
        second.close()
    with psycopg.connect(shared) as conn:
        assert conn.execute("SELECT note FROM households WHERE id = 7").fetchone()[0] == "第二张桌子"


def test_another_desk_hears_a_commit_and_fetches_only_the_changed_rows(shared):
    writer, reader = Project.open(shared), Project.open(shared)
    try:
        reader.store.listen()
        assert reader.store.take_notices(timeout=0) == 0
        writer.undo_stack.push(EditHouseholds([3, 4], occupancy="空户"))
        assert reader.store.take_notices(timeout=1.0) == 1  # the bound: seen within one second
        found = reader.store.changes_by_others()
        assert set(found) == {"households", "change_log"}
        assert sorted(found["households"]) == [3, 4]
        assert reader.store.changes_by_others() == {}  # each commit is fetched once
        writer.undo_stack.push(EditHouseholds([5], occupancy="空户"))
        writer.undo_stack.push(EditHouseholds([6], occupancy="空户"))
        heard = reader.store.take_notices(timeout=1.0)
        heard += reader.store.take_notices(timeout=1.0) if heard < 2 else 0  # the second may come a moment later
        assert heard == 2
        assert sorted(c.key for c in reader.take_changes_by_others() if c.table == "households") == [5, 6]
    finally:
        writer.close()
        reader.close()


def _allocate_in_a_loop(url: str, rounds: int, queue) -> None:
    """In another process: blocks of several sizes, a row inserted with each block's first id."""
    store = ServerStore.open(url)
    try:
        moment = dt.datetime(2026, 12, 3, tzinfo=dt.UTC)
        taken = []
        for i in range(rounds):
            ids = store.allocate_ids(1 + i % 5)
            staff = Staff(ids[0], f"员工{ids[0]}", "", frozenset(), None, False, "")
            store.commit([RowChange("staff", None, staff)], [], moment)
            taken.append((ids.start, ids.stop))
        queue.put(taken)
    finally:
        store.close()


def test_two_desks_in_two_processes_never_take_one_id_twice(shared):
    context = multiprocessing.get_context("spawn")
    queue = context.Queue()
    workers = [context.Process(target=_allocate_in_a_loop, args=(shared, ROUNDS, queue)) for _ in range(2)]
    for worker in workers:
        worker.start()
    results = [queue.get(timeout=120) for _ in workers]
    for worker in workers:
        worker.join(timeout=60)
        assert worker.exitcode == 0
    ids = [i for taken in results for start, stop in taken for i in range(start, stop)]
    assert len(ids) == len(set(ids)) == 2 * sum(1 + i % 5 for i in range(ROUNDS))
    assert min(ids) > max(r.id for r in small_tables()["households"])
    with psycopg.connect(shared) as conn:
        assert conn.execute("SELECT count(*) FROM staff").fetchone()[0] == 2 + 2 * ROUNDS
        blocks = conn.execute("SELECT first, count FROM gridmap_id_blocks ORDER BY first").fetchall()
        # a row added by hand (QGIS, psql) takes its id from the same counter
        added = conn.execute("INSERT INTO staff (name, phone, roles, phone_public, note) "
                             "VALUES ('手工', '', '', false, '') RETURNING id").fetchone()[0]
    for (a, n), (b, _m) in itertools.pairwise(blocks):
        assert a + n <= b  # blocks never overlap
    assert added > max(ids)


def test_a_refused_commit_leaves_nothing_behind(shared):
    store = ServerStore.open(shared)
    try:
        tables = store.read_all()
        ids = store.allocate_ids(2)
        orphan = Household(ids[0], 999_999, None, 1, "101", "常住", frozenset(), 1, None, False, "")
        staff = Staff(ids[1], "赵六", "", frozenset(), None, False, "")
        history = []
        with pytest.raises(ProjectWriteError) as refused:
            store.commit([RowChange("staff", None, staff), RowChange("households", None, orphan)], history, MOMENT)
        assert refused.value.kind == "refused" and "foreign key" in str(refused.value)
        assert store.read_all() == tables  # not the staff row either: all or nothing
        with psycopg.connect(shared) as conn:
            assert conn.execute("SELECT count(*) FROM gridmap_commits").fetchone()[0] == 0
    finally:
        store.close()


def test_a_store_open_for_viewing_refuses_to_commit(shared):
    project = Project.open(shared, read_only=True)
    try:
        with pytest.raises(ProjectWriteError) as refused:
            project.undo_stack.push(EditHouseholds([7], note="看看"))
        assert refused.value.kind == "viewing"
    finally:
        project.close()


def test_save_as_writes_the_shared_project_to_a_geopackage(shared, tmp_path):
    project = Project.open(shared)
    try:
        project.undo_stack.push(EditHouseholds([9], occupancy="租户"))
        project.store.save_as(tmp_path / "副本.gpkg")
        copy = ProjectStore.open(tmp_path / "副本.gpkg", read_only=True)
        try:
            read = copy.read_all()
            for name in ("zones", "buildings", "households", "residents", "staff", "change_log"):
                assert read[name] == project.tables[name], name
        finally:
            copy.close()
    finally:
        project.close()


def test_a_database_without_a_project_and_a_newer_project_are_named(pg_url):
    with pytest.raises(ServerError) as empty:
        Project.open(pg_url)
    assert empty.value.kind == "not-a-project" and "gridmap publish" in str(empty.value)
    _publish(pg_url)
    with psycopg.connect(pg_url) as conn:
        conn.execute("UPDATE gridmap_meta SET value = '99' WHERE key = 'schema_version'")
    with pytest.raises(ServerError) as newer:
        Project.open(pg_url)
    assert newer.value.kind == "newer-schema" and "schema 99" in str(newer.value)
    with pytest.raises(ServerError) as in_the_way:
        _publish(pg_url)
    assert in_the_way.value.kind == "not-a-project" and "nothing was written" in str(in_the_way.value)


def test_a_server_that_goes_away_refuses_edits_in_words_and_is_used_again_when_back(tmp_path):
    with PgCluster.start() as cluster:
        url = cluster.new_database("office")
        _publish(url)
        project = Project.open(url)
        try:
            cluster.stop_immediate()
            with pytest.raises(ProjectWriteError) as offline:
                project.undo_stack.push(EditHouseholds([7], note="断网"))
            assert offline.value.kind == "offline" and "not saved" in str(offline.value)
            assert project.tables["households"][7].note == ""
            assert not project.undo_stack.can_undo
            cluster.start_again()
            project.undo_stack.push(EditHouseholds([7], note="恢复"))
            check = Project.open(url, read_only=True)
            assert check.tables["households"][7].note == "恢复"
            check.close()
        finally:
            project.close()


def test_two_desks_reshaping_neighbouring_grids_take_turns(shared):
    """Grids 3 and 4 share an edge. One desk moves it (both grids, one step); the
    other, still seeing the old edge, reshapes grid 4 alone: that would overlap
    grid 3's new shape, so it is refused, naming the neighbour; a rename is not."""
    first, second = Project.open(shared), Project.open(shared)
    try:
        grid3, grid4 = first.tables["zones"][3], first.tables["zones"][4]
        first.apply([RowChange("zones", grid3, grid3._replace(geometry=box(0, 0, 110, 100))),
                     RowChange("zones", grid4, grid4._replace(geometry=box(110, 0, 200, 100)))], label="移动边界")
        old4 = second.tables["zones"][4]
        with pytest.raises(ProjectWriteError) as refused:
            second.apply([RowChange("zones", old4, old4._replace(geometry=box(90, 0, 200, 100)))], label="扩大")
        assert refused.value.kind == "conflict" and refused.value.conflict.table == "zones"
        assert "neighbouring zone" in str(refused.value)
        second.take_changes_by_others()
        assert second.tables["zones"][3].geometry.equals(box(0, 0, 110, 100))
        community = second.tables["zones"][2]
        second.apply([RowChange("zones", community, community._replace(name="测试社区（新）"))], label="改名")
        grid4 = second.tables["zones"][4]
        second.apply([RowChange("zones", grid4, grid4._replace(name="第二网格"))], label="改名")
        first.take_changes_by_others()  # the renames raised their versions: seen now, so the edge may move back
        grid3, grid4 = first.tables["zones"][3], first.tables["zones"][4]
        first.apply([RowChange("zones", grid3, grid3._replace(geometry=box(0, 0, 100, 100))),
                     RowChange("zones", grid4, grid4._replace(geometry=box(100, 0, 200, 100)))], label="移回")
        assert Project.open(shared, read_only=True).tables["zones"][4].name == "第二网格"
    finally:
        first.close()
        second.close()


class _CutAtCommit:
    """The store's connection, with the COMMIT's fate chosen by the test: the
    server takes it and the answer is lost, or the connection dies before it."""

    def __init__(self, conn, admin_url: str, *, lands: bool) -> None:
        self.conn, self.admin_url, self.lands = conn, admin_url, lands

    def __getattr__(self, name):
        return getattr(self.conn, name)

    def execute(self, query, *args, **kwargs):
        if query != "COMMIT":
            return self.conn.execute(query, *args, **kwargs)
        if self.lands:
            self.conn.execute(query)
        else:
            with psycopg.connect(self.admin_url, autocommit=True) as admin:
                admin.execute("SELECT pg_terminate_backend(%s)", (self.conn.info.backend_pid,))
        raise psycopg.OperationalError("server closed the connection unexpectedly")


@pytest.mark.parametrize("lands", [True, False])
def test_a_commit_cut_off_at_its_end_is_found_or_reported_lost(shared, lands):
    project = Project.open(shared)
    try:
        project.store.conn = _CutAtCommit(project.store.conn, shared, lands=lands)
        if lands:
            project.undo_stack.push(EditHouseholds([7], note="到了"))  # acknowledged: found by its token
            assert project.tables["households"][7].note == "到了"
        else:
            with pytest.raises(ProjectWriteError) as lost:
                project.undo_stack.push(EditHouseholds([7], note="没到"))
            assert lost.value.kind == "offline" and project.tables["households"][7].note == ""
        assert not isinstance(project.store.conn, _CutAtCommit)  # a new connection, which works
        project.undo_stack.push(EditHouseholds([8], note="之后"))
    finally:
        project.close()
    check = Project.open(shared, read_only=True)
    try:
        assert check.tables["households"][7].note == ("到了" if lands else "")
        assert check.tables["households"][8].note == "之后"
    finally:
        check.close()


def test_an_older_schema_on_the_server_is_upgraded_in_one_transaction(shared, monkeypatch):
    """The migration path of the server (as for GeoPackage files): a database of
    the previous schema opens upgraded by the registered step, and read-only refuses it."""
    from gridmap.storage.server import schema

    def _add_a_column(conn):
        conn.execute('ALTER TABLE "staff" ADD COLUMN "upgraded" boolean NOT NULL DEFAULT true')

    with psycopg.connect(shared) as conn:
        conn.execute("UPDATE gridmap_meta SET value = '6' WHERE key = 'schema_version'")
    with pytest.raises(ServerError) as viewing:
        ServerStore.open(shared, read_only=True)
    assert "older schema 6" in str(viewing.value)
    monkeypatch.setattr(schema, "MIGRATIONS", {6: _add_a_column})
    store = ServerStore.open(shared)
    try:
        assert store.meta["schema_version"] == "7"
        assert store.read_all()["staff"][1].name == "王伟"
    finally:
        store.close()
    with psycopg.connect(shared) as conn:
        assert conn.execute("SELECT bool_and(upgraded) FROM staff").fetchone()[0] is True

    def _fails(conn):
        conn.execute('ALTER TABLE "staff" ADD COLUMN "half" boolean')
        raise psycopg.errors.RaiseException("a step that fails half way")

    with psycopg.connect(shared) as conn:
        conn.execute("UPDATE gridmap_meta SET value = '6' WHERE key = 'schema_version'")
    monkeypatch.setattr(schema, "MIGRATIONS", {6: _fails})
    with pytest.raises(ServerError):
        ServerStore.open(shared)
    with psycopg.connect(shared) as conn:  # nothing of the failed upgrade stays
        columns = {c for c, in conn.execute("SELECT column_name FROM information_schema.columns "
                                            "WHERE table_name = 'staff'")}
        assert "half" not in columns
        assert conn.execute("SELECT value FROM gridmap_meta WHERE key = 'schema_version'").fetchone()[0] == "6"


def test_an_edit_made_outside_gridmap_is_recorded_and_announced(shared):
    """QGIS or psql editing the tables directly: the server records the history
    (one entry per field, as gridmap does, with the database user) and the desks hear it."""
    desk = Project.open(shared)
    try:
        desk.store.listen()
        with psycopg.connect(shared, application_name="QGIS") as conn:
            conn.execute("UPDATE households SET occupancy = '空户', follow_up = true WHERE id = 12")
            conn.execute("UPDATE zones SET geom = ST_Multi(ST_Buffer(geom, 0)) , name = '改过' WHERE id = 4")
        assert desk.store.take_notices(timeout=1.0) == 1
        caught = {(c.table, c.key) for c in desk.take_changes_by_others()}
        assert {("households", 12), ("zones", 4)} <= caught
        entries = sorted((e.table_name, e.row_id, e.field, e.old, e.new, e.who, e.label)
                         for e in desk.tables["change_log"].values() if e.field != "geometry")
        assert entries == [
            ("households", 12, "follow_up", "0", "1", "postgres", "edited outside gridmap (QGIS)"),
            ("households", 12, "occupancy", "常住", "空户", "postgres", "edited outside gridmap (QGIS)"),
            ("zones", 4, "name", "第2网格", "改过", "postgres", "edited outside gridmap (QGIS)")]
        assert desk.tables["households"][12].follow_up is True
    finally:
        desk.close()


def test_a_boundary_edit_far_from_another_desks_is_not_refused(pg_url):
    """Five grids in a row. One desk moves the edge between the first two; another,
    not yet knowing it, moves the edge between the last two: nothing of the first
    edit is near the second, so both land (a planner is not stopped by every edit
    in the office); a third, whose zone touches one the first moved, is refused."""
    tables = small_tables()
    community = tables["zones"][1]
    grids = [Zone(3 + i, f"41010409900100{i + 1}", f"第{i + 1}网格", 3, 2, box(40 * i, 0, 40 * i + 40, 100))
             for i in range(5)]
    tables["zones"] = [tables["zones"][0], community, *grids]
    _publish(pg_url, tables)
    first, second = Project.open(pg_url), Project.open(pg_url)
    try:
        g3, g4 = first.tables["zones"][3], first.tables["zones"][4]
        first.apply([RowChange("zones", g3, g3._replace(geometry=box(0, 0, 35, 100))),
                     RowChange("zones", g4, g4._replace(geometry=box(35, 0, 80, 100)))], label="西边")
        g6, g7 = second.tables["zones"][6], second.tables["zones"][7]
        second.apply([RowChange("zones", g6, g6._replace(geometry=box(120, 0, 165, 100))),
                      RowChange("zones", g7, g7._replace(geometry=box(165, 0, 200, 100)))], label="东边")
        g5, g6 = second.tables["zones"][5], second.tables["zones"][6]  # g5 touches g4, which moved meanwhile
        with pytest.raises(ProjectWriteError) as refused:
            second.apply([RowChange("zones", g5, g5._replace(geometry=box(80, 0, 125, 100))),
                          RowChange("zones", g6, g6._replace(geometry=box(125, 0, 165, 100)))], label="中间")
        assert refused.value.conflict.neighbour and refused.value.conflict.key == 4
    finally:
        first.close()
        second.close()
    check = Project.open(pg_url, read_only=True)
    try:
        assert check.tables["zones"][3].geometry.equals(box(0, 0, 35, 100))
        assert check.tables["zones"][7].geometry.equals(box(165, 0, 200, 100))
    finally:
        check.close()
