"""One writer per project, and a writer that never writes stale rows: a second
gridmap program is refused and told who holds the project; a program that
ignores that (an older gridmap, QGIS, sqlite3) is noticed before the next
commit; a file deleted or replaced under an open project is noticed too; and a
command that writes nothing leaves the file byte for byte as it was."""

import hashlib
import os
import shutil
import sqlite3
import subprocess
import sys
import textwrap
from contextlib import closing
from pathlib import Path

import pytest

from gridmap.commands.households import EditHouseholds
from gridmap.errors import InUseError, ProjectWriteError, ReadOnlyProjectError
from gridmap.project import Project
from tests.factories import small_project
from tests.faults import fill

ROOT = Path(__file__).resolve().parents[1]

HOLDER = textwrap.dedent("""
    import sys
    from gridmap.commands.households import EditHouseholds
    from gridmap.errors import ProjectWriteError
    from gridmap.project import Project
    from gridmap.storage.lock import describe_process

    describe_process("window")
    path = sys.argv[1]
    project = Project.open(path)
    print("ready", flush=True)
    for line in sys.stdin:
        word, *rest = line.split()
        if word == "edit":
            try:
                project.undo_stack.push(EditHouseholds([int(rest[0])], note=rest[1]))
                print("saved", flush=True)
            except ProjectWriteError as error:
                print("refused", error.kind, flush=True)
        elif word == "reload":
            project.store.give_up_editing()
            reopened = Project.open(path)
            project.close()
            project = reopened
            print("reloaded", flush=True)
        elif word == "quit":
            break
    project.close()
""")


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def gridmap(*args, timeout=300) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "gridmap_command", *map(str, args)], capture_output=True, text=True,
                          timeout=timeout, cwd=ROOT)


class Holder:
    """Another gridmap process holding the project open for editing, as a window does."""

    def __init__(self, path: Path) -> None:
        self.process = subprocess.Popen([sys.executable, "-c", HOLDER, str(path)], stdin=subprocess.PIPE,
                                        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT)
        assert self.process.stdout.readline().strip() == "ready", self.process.stderr.read()

    def ask(self, line: str) -> str:
        self.process.stdin.write(line + "\n")
        self.process.stdin.flush()
        return self.process.stdout.readline().strip()

    def quit(self) -> None:
        if self.process.poll() is None:
            self.process.stdin.write("quit\n")
            self.process.stdin.flush()
            self.process.wait(timeout=60)


@pytest.fixture
def holder_of(request):
    holders = []

    def start(path: Path) -> Holder:
        holders.append(Holder(path))
        return holders[-1]

    yield start
    for holder in holders:
        holder.quit()


def test_a_second_writer_in_this_process_is_told_who_holds_it(project):
    with pytest.raises(InUseError, match=r"in use by .*process \d+") as caught:
        Project.open(project.path)
    assert caught.value.holder.pid == os.getpid()
    viewer = Project.open(project.path, read_only=True)  # looking is always allowed
    assert viewer.tables["households"] == project.tables["households"]
    viewer.close()
    project.close()
    assert not Path(f"{project.path}-lock").exists()
    Project.open(project.path).close()  # free again


@pytest.mark.slow
def test_every_writing_command_is_refused_while_a_window_holds_the_project(demo_copy, holder_of, tmp_path):
    roster = household_roster(demo_copy, tmp_path / "roster.csv", "租户")
    staff = tmp_path / "staff.xlsx"
    assert gridmap("staff", demo_copy, "--export", staff).returncode == 0
    holder = holder_of(demo_copy)
    before = digest(demo_copy)
    for args in (["households", demo_copy, "--import", roster],
                 ["staff", demo_copy, "--import", staff],
                 ["partition", demo_copy, "--zone", "410104099001", "--grids", "5", "--apply"],
                 ["repair", demo_copy], ["demo", demo_copy]):
        result = gridmap(*args)
        assert result.returncode == 1, (args, result.stdout, result.stderr)
        assert "is in use by a gridmap window" in result.stderr and f"process {holder.process.pid}" in result.stderr
        assert "Traceback" not in result.stderr
    assert digest(demo_copy) == before
    assert holder.ask("edit 1 still-mine") == "saved"  # the holder goes on as if nothing happened
    holder.quit()
    result = gridmap("households", demo_copy, "--import", roster)  # and once it has closed, the command works
    assert result.returncode == 0, result.stderr
    assert gridmap("validate", demo_copy).returncode == 0


@pytest.mark.slow
def household_roster(project_path: Path, out: Path, occupancy: str, count: int = 300) -> Path:
    """A roster CSV setting the first ``count`` households of the project to ``occupancy``."""
    project = Project.open(project_path, read_only=True)
    t = project.tables
    lines = ["小区,楼栋,单元,房号,居住状态,人数"]
    for h in list(t["households"].values())[:count]:
        building = t["buildings"][h.building_id]
        lines.append(f"{t['compounds'][building.compound_id].name},{building.number},"
                     f"{t['units'][h.unit_id].number},{h.room},{occupancy},{0 if occupancy == '空户' else 2}")
    project.close()
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return out


def test_two_imports_started_together_never_lose_or_mix_rows(demo_copy, tmp_path):
    values = ("租户", "空户")
    rosters = [household_roster(demo_copy, tmp_path / f"r{n}.csv", v) for n, v in enumerate(values)]
    runs = [subprocess.Popen([sys.executable, "-m", "gridmap", "households", str(demo_copy), "--import", str(r)],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT) for r in rosters]
    results = [(run.wait(timeout=300), *run.communicate()) for run in runs]
    for code, _out, err in results:
        assert "Traceback" not in err and code in (0, 1), err
        assert code == 0 or "is in use by the gridmap command 'households'" in err
    assert any(code == 0 for code, _o, _e in results)
    project = Project.open(demo_copy, read_only=True)
    written = {h.occupancy for h in list(project.tables["households"].values())[:300]}
    project.close()
    assert len(written) == 1 and written <= {v for (code, _o, _e), v in zip(results, values) if code == 0}
    assert gridmap("validate", demo_copy).returncode == 0


STEAL = textwrap.dedent("""
    # A program that ignores gridmap's lock (an older gridmap, say) applies a partition.
    import sys
    import gridmap.storage.store as store
    from gridmap.storage.lock import WriterLock

    class NoLock(WriterLock):
        def release(self):
            pass

    store.take_for_editing = lambda path: NoLock(path, -1)
    from gridmap.cli import main
    sys.exit(main(sys.argv[1:]))
""")


@pytest.mark.slow
def test_a_holder_never_writes_stale_rows_after_a_partition_behind_its_back(demo_copy, holder_of):
    holder = holder_of(demo_copy)
    result = subprocess.run([sys.executable, "-c", STEAL, "partition", str(demo_copy), "--zone", "410104099001",
                             "--grids", "6", "--apply"], capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert result.returncode == 0, result.stderr
    after_partition = digest(demo_copy)
    assert holder.ask("edit 1 stale") == "refused changed"  # its rows were read before the partition
    assert digest(demo_copy) == after_partition
    assert holder.ask("reload") == "reloaded"
    assert holder.ask("edit 1 fresh") == "saved"
    holder.quit()
    assert gridmap("validate", demo_copy).returncode == 0
    with closing(sqlite3.connect(demo_copy)) as conn:
        assert conn.execute("SELECT note FROM households WHERE id = 1").fetchone() == ("fresh",)


def test_a_commit_by_another_program_is_noticed_before_writing(project):
    ids = sorted(project.tables["households"])
    with closing(sqlite3.connect(project.path)) as conn:  # QGIS or sqlite3, behind gridmap's back
        conn.execute("UPDATE households SET note = 'theirs' WHERE id = ?", (ids[1],))
        conn.commit()
    failures = []
    project.write_failed.connect(failures.append)
    assert project.store.external_change() == "changed"
    with pytest.raises(ProjectWriteError, match="changed by another program") as caught:
        project.undo_stack.push(EditHouseholds([ids[0]], note="mine"))
    assert caught.value.kind == "changed" and failures == [caught.value]
    assert len(project.undo_stack) == 0 and project.tables["households"][ids[0]].note == ""
    with closing(sqlite3.connect(project.path)) as conn:
        assert conn.execute("SELECT note FROM households WHERE id = ?", (ids[1],)).fetchone() == ("theirs",)


def test_a_deleted_file_is_noticed_and_its_content_can_be_saved_elsewhere(project, tmp_path):
    household = sorted(project.tables["households"])[0]
    project.undo_stack.push(EditHouseholds([household], note="before"))
    os.remove(project.path)
    assert project.store.external_change() == "gone"
    with pytest.raises(ProjectWriteError) as caught:
        project.undo_stack.push(EditHouseholds([household], note="lost?"))
    assert caught.value.kind == "gone" and "Save As" in str(caught.value)
    rescue = tmp_path / "rescued.gpkg"
    project.save_as(rescue)  # from the connection that still holds the deleted file
    project.undo_stack.push(EditHouseholds([household], note="after"))
    project.close()
    reopened = Project.open(rescue, read_only=True)
    assert reopened.tables["households"][household].note == "after"
    reopened.close()


def test_a_replaced_file_is_noticed(project, tmp_path):
    other = small_project(tmp_path / "other.gpkg")
    other.close()
    os.replace(other.path, project.path)  # a sync tool or a restored backup puts another file in its place
    assert project.store.external_change() == "replaced"
    with pytest.raises(ProjectWriteError) as caught:
        project.undo_stack.push(EditHouseholds([1], note="x"))
    assert caught.value.kind == "replaced"


def test_opening_and_closing_without_an_edit_leaves_the_file_byte_for_byte(demo_copy):
    before = digest(demo_copy), os.stat(demo_copy).st_mtime_ns
    Project.open(demo_copy).close()
    assert (digest(demo_copy), os.stat(demo_copy).st_mtime_ns) == before
    assert sorted(p.name for p in demo_copy.parent.iterdir()) == ["demo.gpkg"]


@pytest.mark.slow
def test_a_refused_import_and_a_screenshot_leave_the_file_byte_for_byte(demo_copy, tmp_path):
    far = tmp_path / "far.geojson"  # a building far outside the street office: nothing to import
    far.write_text('{"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {}, '
                   '"geometry": {"type": "Polygon", "coordinates": [[[100.0, 30.0], [100.001, 30.0], '
                   '[100.001, 30.001], [100.0, 30.0]]]}}]}', encoding="utf-8")
    before = digest(demo_copy)
    result = gridmap("import", demo_copy, "--layer", "buildings", far)
    assert result.returncode in (0, 1) and "Traceback" not in result.stderr, result.stderr
    assert digest(demo_copy) == before
    result = gridmap("--screenshot", tmp_path / "w.png", demo_copy, "--size", "800x600")
    assert result.returncode == 0, result.stderr
    assert digest(demo_copy) == before
    assert sorted(p.name for p in demo_copy.parent.iterdir()) == ["demo.gpkg", "far.geojson", "w.png"]


def test_an_import_refused_in_use_names_the_holder_in_english(project, capsys, monkeypatch):
    import gridmap.storage.lock
    from gridmap.cli import main

    monkeypatch.setattr(gridmap.storage.lock, "_program", dict(gridmap.storage.lock._program))  # main() sets it

    assert main(["households", str(project.path), "--template", str(project.path.with_name("t.xlsx"))]) == 0
    code = main(["households", str(project.path), "--import", str(project.path.with_name("t.xlsx"))])
    err = capsys.readouterr().err
    assert code == 1 and "is in use by" in err and "Traceback" not in err


def test_a_read_only_file_opens_for_viewing_and_refuses_edits(tmp_path, immutable):
    path = tmp_path / "p.gpkg"
    small_project(path).close()
    before = digest(path)
    immutable(path)
    with pytest.raises(ReadOnlyProjectError, match="read-only"):
        Project.open(path)
    viewer = Project.open(path, read_only=True)
    with pytest.raises(ProjectWriteError, match="open for viewing only") as caught:
        viewer.undo_stack.push(EditHouseholds([1], note="x"))
    assert caught.value.kind == "viewing"
    viewer.close()
    result = gridmap("households", path, "--template", tmp_path / "t.xlsx")
    assert result.returncode == 0
    result = gridmap("households", path, "--import", tmp_path / "t.xlsx")
    assert result.returncode == 1 and "is read-only" in result.stderr and "Traceback" not in result.stderr
    assert digest(path) == before


def test_a_read_only_folder_is_said_plainly(tmp_path, immutable):
    folder = tmp_path / "locked"
    folder.mkdir()
    path = folder / "p.gpkg"
    small_project(path).close()
    immutable(folder)
    with pytest.raises(ReadOnlyProjectError, match="read-only folder"):
        Project.open(path)
    Project.open(path, read_only=True).close()


def test_an_edit_on_a_full_disk_is_refused_and_the_project_kept(small_disk):
    path = small_disk / "p.gpkg"
    project = small_project(path)
    before = digest(path)
    filler = fill(small_disk)
    with pytest.raises(ProjectWriteError, match="disk is full") as caught:
        project.undo_stack.push(EditHouseholds(sorted(project.tables["households"]), note="x" * 2000))
    assert caught.value.kind == "disk-full" and len(project.undo_stack) == 0
    assert digest(path) == before
    filler.unlink()
    project.undo_stack.push(EditHouseholds([1], note="after"))  # with room again, editing goes on
    project.close()
    assert Project.open(path, read_only=True).tables["households"][1].note == "after"


def test_save_as_onto_a_project_another_program_holds_is_refused(project, tmp_path, holder_of):
    other = tmp_path / "other.gpkg"
    shutil.copyfile(project.path, other)
    holder_of(other)
    before = digest(other)
    with pytest.raises(InUseError):
        project.save_as(other)
    assert digest(other) == before and project.path.name == "small.gpkg"


def test_save_as_into_a_missing_folder_or_onto_a_full_disk_says_so_and_leaves_nothing(project, small_disk):
    from gridmap.outputs import OutputError

    with pytest.raises(OutputError, match="does not exist") as caught:
        project.save_as(small_disk / "nowhere" / "p.gpkg")
    assert caught.value.kind == "no-folder"
    fill(small_disk, leave=100_000)  # the project is 400 KB or so
    with pytest.raises(OutputError, match="disk is full") as caught:
        project.save_as(small_disk / "copy.gpkg")
    assert caught.value.kind == "disk-full" and sorted(p.name for p in small_disk.iterdir()) == ["filler"]
    assert project.path.name == "small.gpkg"  # still working on the original
    project.undo_stack.push(EditHouseholds([1], note="still here"))


def test_a_lock_file_planted_as_a_link_never_has_anything_written_into_its_target(project, tmp_path):
    project.close()
    victim = tmp_path / "victim.txt"
    victim.write_text("一段不能丢的文字\n" * 100, encoding="utf-8")
    lock = Path(f"{project.path}-lock")
    before = digest(victim), digest(project.path)
    for plant in (lambda: lock.symlink_to(victim), lambda: os.link(victim, lock),
                  lambda: lock.symlink_to(project.path)):
        plant()
        Project.open(project.path).close()  # the planted name is removed and a lock file of our own used
        assert (digest(victim), digest(project.path)) == before and not lock.exists()
    os.link(project.path, lock)  # the project itself under the lock's name: it now has two names
    with pytest.raises(ReadOnlyProjectError):
        Project.open(project.path)
    assert (digest(victim), digest(project.path)) == before


def test_one_project_by_two_names_is_one_project(project, tmp_path):
    alias = tmp_path / "alias.gpkg"
    alias.symlink_to(project.path)
    with pytest.raises(InUseError):
        Project.open(alias)  # the same lock as the real name
    hard = tmp_path / "hard.gpkg"
    os.link(project.path, hard)
    project.close()
    with pytest.raises(ReadOnlyProjectError, match="more than one name"):
        Project.open(hard)  # a hard link cannot be told from the original by its name: viewing only
    Project.open(hard, read_only=True).close()


def test_a_file_written_over_in_place_is_noticed(project, tmp_path):
    """``cp other.gpkg project.gpkg`` keeps the inode, and SQLite's counters may match."""
    other = small_project(tmp_path / "other.gpkg")
    other.undo_stack.push(EditHouseholds([2], people=9))
    other.close()
    project.undo_stack.push(EditHouseholds([3], note="mine"))  # one commit on each side since they parted
    shutil.copyfile(other.path, project.path)  # writes into the same file
    assert project.store.external_change() == "changed"
    with pytest.raises(ProjectWriteError) as caught:
        project.undo_stack.push(EditHouseholds([2], note="stale"))
    assert caught.value.kind == "changed"
    with closing(sqlite3.connect(project.path)) as conn:
        assert conn.execute("SELECT people, note FROM households WHERE id = 2").fetchone() == (9, "")


@pytest.mark.parametrize("what", ["deleted", "replaced"])
def test_save_as_onto_its_own_name_after_the_file_went_puts_it_back(project, tmp_path, what):
    project.undo_stack.push(EditHouseholds([1], note="只在这里"))
    path = project.path
    if what == "deleted":
        os.remove(path)
    else:
        other = small_project(tmp_path / "other.gpkg")
        other.close()
        os.replace(other.path, path)
    project.save_as(path)  # what the window offers: Save As, and the user keeps the name
    project.undo_stack.push(EditHouseholds([2], note="之后"))
    project.close()
    reopened = Project.open(path, read_only=True)
    assert (reopened.tables["households"][1].note, reopened.tables["households"][2].note) == ("只在这里", "之后")
    reopened.close()
