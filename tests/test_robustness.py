"""Files and situations that are unusual but real: zones whose parent is
missing or loops, a file locked by another program, a view that fails while
handling an edit, edits that cancel out."""

import hashlib
import sqlite3
import struct
import subprocess
import sys
from contextlib import closing

import pytest

from gridmap.commands.households import EditHouseholds
from gridmap.errors import DamagedFileError, InUseError, ProjectWriteError
from gridmap.model.entities import Zone
from gridmap.project import Project
from gridmap.search import search
from gridmap.stats import project_summary
from gridmap.storage import gpkg
from gridmap.zone_tree import ZoneTree
from tests.factories import box


def test_zone_tree_survives_missing_parents_and_loops():
    zones = {1: Zone(1, "1", "a", 1, None, box(0, 0, 1, 1)), 2: Zone(2, "2", "b", 2, 99, box(0, 0, 1, 1)),
             3: Zone(3, "3", "c", 2, 4, box(0, 0, 1, 1)), 4: Zone(4, "4", "d", 2, 3, box(0, 0, 1, 1)),
             5: Zone(5, "5", "e", 3, 1, box(0, 0, 1, 1))}
    tree = ZoneTree(zones)
    assert tree.roots[:2] == [1, 2] and 3 in tree.roots  # the loop 3 ↔ 4 is cut at 3
    assert sorted(tree.walk()) == [1, 2, 3, 4, 5]
    assert tree.ancestors(4) == [4, 3] and tree.ancestors(5) == [5, 1]


def test_a_file_with_a_dangling_parent_still_summarises(project):
    path = project.path
    project.close()
    with closing(sqlite3.connect(path)) as conn:  # as QGIS could leave it: no foreign keys enforced
        gpkg.register_functions(conn)  # the R-tree triggers need them, in any writer
        conn.execute("UPDATE zones SET parent_id = 999 WHERE id = 2")
        conn.commit()
    reopened = Project.open(path)
    try:
        summary = project_summary(reopened)
        community = next(z for z in summary["zones"] if z["id"] == 2)
        assert community["households"] == 36 and community["grids"] == 2
        assert search(reopened, "1-1-101")[0].context.startswith("测试社区")
    finally:
        reopened.close()
    out = subprocess.run([sys.executable, "-m", "gridmap", "info", str(path)], capture_output=True, text=True)
    assert out.returncode == 0 and "Traceback" not in out.stderr


def test_a_file_locked_by_another_program_is_reported_as_in_use(project):
    path = project.path
    project.close()
    blocker = sqlite3.connect(path, isolation_level=None, timeout=0)
    blocker.execute("BEGIN EXCLUSIVE")
    try:
        before = hashlib.sha256(path.read_bytes()).hexdigest()
        with pytest.raises(InUseError, match="in use by another program"):
            Project.open(path)
        assert hashlib.sha256(path.read_bytes()).hexdigest() == before
    finally:
        blocker.execute("ROLLBACK")
        blocker.close()


def test_a_failed_open_leaves_the_file_byte_for_byte(project):
    path = project.path
    project.close()
    with closing(sqlite3.connect(path)) as conn:
        gpkg.register_functions(conn)
        # a whole header (the index triggers read it) in front of a WKB cut short
        blob = struct.pack("<2sBBi4d", b"GP", 0, 3, 4547, 0.0, 1.0, 0.0, 1.0) + b"\x01\x06\x00"
        conn.execute("UPDATE buildings SET geom = ? WHERE id = 2", (blob,))
        conn.commit()
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    with pytest.raises(DamagedFileError):
        Project.open(path)
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before
    assert not path.with_name(path.name + "-wal").exists()


def test_a_failing_view_does_not_put_the_stack_out_of_step(project):
    def broken_view(_changes):
        raise RuntimeError("a view failed")

    project.changed.connect(broken_view)
    with pytest.raises(RuntimeError):
        project.undo_stack.push(EditHouseholds([1], note="a"))
    assert len(project.undo_stack) == 1 and project.undo_stack.can_undo  # recorded all the same
    with pytest.raises(RuntimeError):
        project.undo_stack.undo()
    assert project.tables["households"][1].note == "" and project.undo_stack.can_redo


class _Note(EditHouseholds):
    def merge_key(self):
        return ("note", self.household_ids)


def test_edits_that_cancel_out_leave_no_step(project):
    project.undo_stack.set_clean()
    project.undo_stack.push(EditHouseholds([2], note="before"))
    project.undo_stack.set_clean()
    project.undo_stack.push(_Note([1], note="x"))
    project.undo_stack.push(_Note([1], note=""))
    assert len(project.undo_stack) == 1 and project.undo_stack.is_clean()
    assert project.undo_stack.undo_label == "Edit household"


def test_a_failed_write_takes_no_change_log_ids(project, monkeypatch):
    next_log_id = max(project.tables["change_log"], default=0) + 1

    def disk_full(*_args):
        error = sqlite3.OperationalError("database or disk is full")
        error.sqlite_errorcode = sqlite3.SQLITE_FULL  # as SQLite itself raises it
        raise error

    monkeypatch.setattr(project.store, "append_records", disk_full)
    with pytest.raises(ProjectWriteError, match="the disk is full") as caught:
        project.undo_stack.push(EditHouseholds([1], note="x"))
    assert caught.value.kind == "disk-full" and not project.tables["change_log"]
    assert project.tables["households"][1].note == "" and len(project.undo_stack) == 0
    monkeypatch.undo()
    project.undo_stack.push(EditHouseholds([1], note="y"))
    assert list(project.tables["change_log"]) == [next_log_id]
