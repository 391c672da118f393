"""A process killed with SIGKILL in the middle of editing leaves a file that opens
with the last committed state: never a partial edit, never a damaged file."""

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from gridmap.commands.households import EditHouseholds
from gridmap.project import Project

pytestmark = pytest.mark.slow
ROOT = Path(__file__).resolve().parents[1]

CHILD = textwrap.dedent("""
    import sys, time
    from gridmap.commands.households import EditHouseholds
    from gridmap.project import Project

    project = Project.open(sys.argv[1])
    mode = sys.argv[2]
    ids = sorted(project.tables["households"])
    if mode == "spill":  # a page cache this small writes pages to the file before the commit: a hot journal
        project.store.conn.execute("PRAGMA cache_size = 4")
        mode = "batch"
    if mode == "batch":
        for k in range(5):
            project.undo_stack.push(EditHouseholds([ids[k]], note=f"edit {k}"))
            print(f"committed {k}", flush=True)
        conn = project.store.conn
        start = conn.total_changes

        def stall():
            # Inside the batch transaction, once thousands of rows are written:
            # tell the parent, then wait to be killed.
            if conn.total_changes - start > 2000:
                print("mid", flush=True)
                time.sleep(60)
            return 0

        conn.set_progress_handler(stall, 1000)
        project.undo_stack.push(EditHouseholds(ids, note="batch", follow_up=True))
        print("batch committed", flush=True)
    else:
        k = 0
        while True:
            project.undo_stack.push(EditHouseholds([ids[k % 50]], note=f"edit {k}"))
            print(f"committed {k}", flush=True)
            k += 1
""")


def _run_until(path: Path, mode: str, line: str) -> list[str]:
    child = subprocess.Popen([sys.executable, "-c", CHILD, str(path), mode], stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True, cwd=ROOT)
    seen = []
    try:
        for out in child.stdout:
            seen.append(out.strip())
            if out.strip() == line:
                os.kill(child.pid, signal.SIGKILL)
                break
        child.wait(timeout=60)
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
    assert child.returncode == -signal.SIGKILL, child.stderr.read()
    return seen


def test_kill_inside_a_batch_transaction_leaves_the_state_before_it(demo_copy):
    seen = _run_until(demo_copy, "batch", "mid")
    assert seen[-2:] == ["committed 4", "mid"]
    assert Path(f"{demo_copy}-journal").exists()  # the process died inside its transaction
    project = Project.open(demo_copy)
    try:
        households = project.tables["households"]
        ids = sorted(households)
        assert [households[i].note for i in ids[:5]] == [f"edit {k}" for k in range(5)]
        assert not any(h.note == "batch" for h in households.values())
        assert len(project.tables["change_log"]) == 5
        project.undo_stack.push(EditHouseholds([ids[0]], note="after the crash"))  # the next write goes through
    finally:
        project.close()
    assert not Path(f"{demo_copy}-journal").exists() and not Path(f"{demo_copy}-lock").exists()


def test_kill_between_commits_keeps_every_committed_edit(demo_copy):
    seen = _run_until(demo_copy, "loop", "committed 40")
    project = Project.open(demo_copy)
    try:
        households = project.tables["households"]
        ids = sorted(households)
        done = len(project.tables["change_log"])  # one field per edit: rows = edits committed
        assert done >= 41 and seen[-1] == "committed 40"
        expected = {}
        for k in range(done):
            expected[ids[k % 50]] = f"edit {k}"
        assert {i: households[i].note for i in expected} == expected
    finally:
        project.close()


def test_a_reader_after_a_kill_mid_commit_puts_the_file_back_in_order(demo_copy):
    """The journal of a commit that spilled pages into the file must be played back before
    anyone reads it, which a read-only connection cannot do: a read-only open does it
    (nobody holds the project) instead of calling the file damaged."""
    seen = _run_until(demo_copy, "spill", "mid")
    assert seen[-1] == "mid"
    with open(f"{demo_copy}-journal", "rb") as journal:
        assert journal.read(8) == bytes.fromhex("d9d505f920a163d7")  # hot: the file holds half a commit
    project = Project.open(demo_copy, read_only=True)
    try:
        households = project.tables["households"]
        assert not any(h.note == "batch" for h in households.values()) and len(project.tables["change_log"]) == 5
    finally:
        project.close()
    assert not Path(f"{demo_copy}-journal").exists()


def test_a_hot_journal_of_a_held_project_is_explained_not_called_damage(demo_copy):
    from gridmap.errors import InterruptedSaveError
    from gridmap.storage.lock import WriterLock

    _run_until(demo_copy, "spill", "mid")
    held = WriterLock.acquire(demo_copy)  # another program holds it: the journal is not ours to play back
    try:
        with pytest.raises(InterruptedSaveError, match="not damaged"):
            Project.open(demo_copy, read_only=True)
    finally:
        held.release()
