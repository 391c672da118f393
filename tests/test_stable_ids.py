"""Ids from blocks (schema 6): unique across programs writing at once, every
reference kept by the upgrade, the store protocol kept by the GeoPackage store."""

from __future__ import annotations

import inspect
import multiprocessing
import sqlite3
from contextlib import closing

import pyogrio
import pytest

from gridmap.commands.households import EditHouseholds
from gridmap.commands.staff import AddStaff, Assign
from gridmap.errors import ProjectWriteError
from gridmap.model.changes import RowChange
from gridmap.model.entities import Staff
from gridmap.project import ID_BLOCK, Project
from gridmap.storage.protocol import Store
from gridmap.storage.store import ProjectStore
from tests.old_schemas import SCHEMA_7_TABLES, undo_schema_6
import itertools

ROUNDS = 60


def _allocate_in_a_loop(path: str, rounds: int, queue) -> None:
    """In another process: take blocks of several sizes and insert a row with
    the first id of each, as a desk inserting at the same time would."""
    store = ProjectStore.open(path, shared=True)
    try:
        import datetime as dt

        moment = dt.datetime(2026, 12, 2, tzinfo=dt.UTC)
        taken = []
        for i in range(rounds):
            ids = store.allocate_ids(1 + i % 5)
            staff = Staff(ids[0], f"员工{ids[0]}", "", frozenset(), None, False, "")
            store.commit([RowChange("staff", None, staff)], [], moment)
            taken.append((ids.start, ids.stop))
        queue.put(taken)
    finally:
        store.close()


def test_two_stores_in_two_processes_never_hand_out_one_id_twice(project):
    path = str(project.path)
    project.close()
    context = multiprocessing.get_context("spawn")
    queue = context.Queue()
    workers = [context.Process(target=_allocate_in_a_loop, args=(path, ROUNDS, queue)) for _ in range(2)]
    for worker in workers:
        worker.start()
    results = [queue.get(timeout=120) for _ in workers]
    for worker in workers:
        worker.join(timeout=60)
        assert worker.exitcode == 0
    ids = [i for taken in results for start, stop in taken for i in range(start, stop)]
    assert len(ids) == len(set(ids)) == 2 * sum(1 + i % 5 for i in range(ROUNDS))
    reopened = Project.open(path, read_only=True)
    try:
        assert len(reopened.tables["staff"]) >= 2 * ROUNDS  # every row of both went in: no id clashed
    finally:
        reopened.close()
    with closing(sqlite3.connect(path)) as conn:
        blocks = conn.execute("SELECT first, count FROM gridmap_id_blocks ORDER BY first").fetchall()
    assert all(a + n <= b for (a, n), (b, _m) in itertools.pairwise(blocks))  # recorded, none overlapping


def test_new_ids_come_above_every_id_ever_given(project):
    highest = max(key for name, rows in project.tables.items() if name != "change_log" for key in rows)
    first = project.new_id("staff")
    assert first > highest
    assert project.new_id("zones") == first + 1  # one id space for every table
    project.return_id("zones", first + 1)
    assert project.new_id("buildings") == first + 1


def test_a_refused_edit_records_no_block_and_leaves_the_file_as_it_was(project):
    data = project.path.read_bytes()
    project.new_id("staff")  # taken for an edit that is then refused
    assert project.path.read_bytes() == data


def test_a_row_another_program_adds_lands_above_the_blocks_and_the_next_block_above_it(project):
    project.undo_stack.push(AddStaff("王五"))  # the block is recorded with the commit that uses it
    mine = max(project.tables["staff"])
    with closing(sqlite3.connect(project.path)) as conn:  # QGIS adding a row: SQLite picks the id
        conn.execute("INSERT INTO staff (name, phone, roles, phone_public, note) VALUES ('外来', '', '', 0, '')")
        conn.commit()
        theirs = conn.execute("SELECT max(id) FROM staff").fetchone()[0]
    assert theirs >= mine + ID_BLOCK - 1
    project.close()
    reopened = Project.open(project.path)
    try:
        assert reopened.new_id("staff") > theirs
    finally:
        reopened.close()


def test_the_store_keeps_the_protocol():
    wanted = {n for n in dir(Store) if not n.startswith("_")} | set(Store.__annotations__)
    assert wanted <= set(dir(ProjectStore)) | set(inspect.signature(ProjectStore.__init__).parameters) | {
        "meta", "srs_id", "substitutes", "path", "user"}
    for name in wanted & {n for n in dir(Store) if callable(getattr(Store, n, None))}:
        assert list(inspect.signature(getattr(Store, name)).parameters) == \
            list(inspect.signature(getattr(ProjectStore, name)).parameters), name


def _dump(project: Project) -> dict:
    return {name: dict(rows) for name, rows in project.tables.items() if name not in ("change_log", "levels")}


def test_a_schema_5_file_keeps_every_row_and_reference_and_opens_in_gdal(project):
    project.undo_stack.push(EditHouseholds([7], occupancy="空户", people=0))
    project.undo_stack.push(AddStaff("张三", "13800000000", {"网格员"}))
    person = max(project.tables["staff"])
    zone = next(z.id for z in project.tables["zones"].values() if z.level == 3)
    project.undo_stack.push(Assign(person, "zone", zone, "网格员"))
    before = _dump(project)
    logged = [(e.row_id, e.field, e.old, e.new) for e in project.tables["change_log"].values()
              if e.table_name == "households"]
    path = project.path
    project.close()
    with closing(sqlite3.connect(path)) as conn:
        undo_schema_6(conn)
        conn.commit()
        highest = max(conn.execute(f'SELECT coalesce(max(id), 0) FROM "{t}"').fetchone()[0]
                      for t in before if t not in SCHEMA_7_TABLES)
    upgraded = Project.open(path)
    try:
        assert upgraded.meta["schema_version"] == "7"
        assert _dump(upgraded) == before  # every row, every id, every reference (assignments.target_id too)
        assert [lv.role for lv in upgraded.levels] == ["office", "community", "grid"]
        assert [(e.row_id, e.field, e.old, e.new) for e in upgraded.tables["change_log"].values()] == logged
        assert {e.table_name for e in upgraded.tables["change_log"].values()} == {"households"}
        assert upgraded.new_id("zones") > highest
    finally:
        upgraded.close()
    layers = {name for name, _kind in pyogrio.list_layers(path)}
    assert {"zones", "buildings", "households", "change_log", "levels"} <= layers
    assert "role" in pyogrio.read_info(path, layer="levels")["fields"]
    assert len(pyogrio.read_dataframe(path, layer="zones")) == len(before["zones"])


def test_every_table_has_a_history(project):
    zone = next(z for z in project.tables["zones"].values() if z.level == 3)
    from gridmap.commands.zones import RenameZone

    project.undo_stack.push(RenameZone(zone.id, "新名字"))
    project.undo_stack.push(AddStaff("李四", "", {"楼栋长"}))
    entries = [(e.table_name, e.field, e.old, e.new) for e in project.tables["change_log"].values()]
    assert ("zones", "name", zone.name, "新名字") in entries and ("staff", "*", "", "present") in entries


def test_two_desks_editing_one_row_the_second_is_told_and_nothing_is_lost(project):
    path = project.path
    project.close()
    first, second = (Project(store, store.read_all()) for store in
                     (ProjectStore.open(path, shared=True), ProjectStore.open(path, shared=True)))
    try:
        first.undo_stack.push(EditHouseholds([3], note="甲写的"))
        with pytest.raises(ProjectWriteError) as caught:
            second.undo_stack.push(EditHouseholds([3], note="乙写的"))
        assert caught.value.kind == "conflict" and "households 3" in str(caught.value)
        seen = second.take_changes_by_others()
        assert [(c.table, c.key, c.after.note) for c in seen] == [("households", 3, "甲写的")]
        second.undo_stack.push(EditHouseholds([3], note="乙写的"))  # now from what is there
        assert [c.after.note for c in first.take_changes_by_others()] == ["乙写的"]
    finally:
        first.close()
        second.close()


def test_a_project_open_for_viewing_never_gives_one_id_twice(project):
    path = project.path
    project.close()
    viewing = Project.open(path, read_only=True)  # a preview there still makes records with ids
    try:
        ids = [viewing.new_id("zones") for _ in range(ID_BLOCK + 10)]  # into a second block
        assert len(set(ids)) == len(ids)
    finally:
        viewing.close()
