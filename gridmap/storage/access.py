"""Who may write a project file, and what stands in the way, in words.

Opening for editing needs a file that can be written, in a folder that can be
written (SQLite keeps its journal there), with one name only (two names would
mean two lock files), and the writer lock. A file a writer left in the middle
of a commit (killed, a power cut) must have its journal played back before
anyone can read it. A write SQLite refuses is said as the user's problem.
"""

from __future__ import annotations

import errno
import os
import sqlite3
from contextlib import closing
from pathlib import Path

from gridmap.errors import InterruptedSaveError, InUseError, ProjectWriteError, ReadOnlyProjectError
from gridmap.storage.lock import LockBusy, WriterLock, lock_path

FileState = tuple[int, int, int, int]
_JOURNAL_MAGIC = bytes.fromhex("d9d505f920a163d7")  # a journal SQLite must play back before reading


def file_state(path: Path) -> FileState | None:
    """The file behind ``path``: device, inode (which file), size and modification
    time (whether it was written); None when there is none."""
    try:
        stat = os.stat(path)
    except OSError:
        return None
    return stat.st_dev, stat.st_ino, stat.st_size, stat.st_mtime_ns


def in_use(path: Path, who: str, holder=None) -> InUseError:
    return InUseError(path, f"is in use by {who}.",
                      "Close it there, or wait until that program has finished, and try again.", holder=holder)


def take_lock(path: Path) -> WriterLock:
    """The writer lock of ``path``, or the reason it cannot be had."""
    try:
        return WriterLock.acquire(path)
    except LockBusy as busy:
        raise in_use(path, busy.holder.describe() if busy.holder else "another gridmap program",
                     busy.holder) from None
    except OSError as exc:
        if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
            raise ReadOnlyProjectError(path, f"cannot be edited here: its folder is read-only ({exc.strerror}).",
                                       "Copy the project to a folder you may write to.") from None
        raise ReadOnlyProjectError(path, f"cannot be edited here: its lock file {lock_path(path).name} cannot be "
                                         f"made ({exc.strerror}).",
                                   f"Remove whatever is in the way at {lock_path(path)}, or copy the project "
                                   "elsewhere.") from None


def take_for_editing(path: Path) -> WriterLock:
    """Check that ``path`` may be edited here and take its writer lock."""
    if os.stat(path).st_nlink > 1:  # two names, two lock files: two writers could not be told apart
        raise ReadOnlyProjectError(path, "has more than one name (hard links): it can be viewed but not edited.",
                                   "Copy it (a copy is one file of its own) and edit the copy.")
    if not os.access(path, os.W_OK):
        raise ReadOnlyProjectError(path, "is read-only: it can be viewed but not edited.",
                                   "Copy it to a folder you may write to, or remove its write protection.")
    if not os.access(path.parent, os.W_OK):
        raise ReadOnlyProjectError(path, "is in a read-only folder: it can be viewed but not edited "
                                         "(SQLite keeps its journal beside the file).",
                                   "Copy the project to a folder you may write to.")
    return take_lock(path)


def has_hot_journal(path: Path) -> bool:
    try:
        with open(path.with_name(path.name + "-journal"), "rb") as journal:
            return journal.read(8) == _JOURNAL_MAGIC
    except OSError:
        return False


def finish_interrupted_save(path: Path) -> None:
    """Play back the journal a writer left in the middle of a commit, which a
    read-only connection cannot do: here, if nobody holds the project and it may
    be written; otherwise an ``InterruptedSaveError`` says what to do."""
    try:
        lock = take_for_editing(path)
    except (InUseError, ReadOnlyProjectError):
        raise InterruptedSaveError(path, "was left in the middle of a save by a program that stopped; it is not "
                                         "damaged, but must be put back in order before it can be read.",
                                   "Open it for editing once (in the window or with any editing command), or "
                                   "ask whoever can write to it to do so.") from None
    try:
        with closing(sqlite3.connect(f"{path.resolve().as_uri()}?mode=rw", uri=True)) as conn:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()  # the first read plays the journal back
    except sqlite3.Error:
        pass  # then opening says what is wrong
    finally:
        lock.release()


def is_busy(exc: sqlite3.Error) -> bool:
    return getattr(exc, "sqlite_errorcode", 0) & 0xFF in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED)


def write_problem(path: Path, exc: sqlite3.Error) -> ProjectWriteError:
    """A failed write as the user's problem: what happened and what to do."""
    code = getattr(exc, "sqlite_errorcode", 0) & 0xFF  # the primary result code
    if isinstance(exc, sqlite3.IntegrityError):
        return ProjectWriteError(path, "refused", f"the file refused the change ({exc}); nothing was saved.",
                                 "Check the project with Validate; if it persists, the file may be damaged.")
    if code == sqlite3.SQLITE_FULL:
        return ProjectWriteError(path, "disk-full", "the disk is full; the change was not saved.",
                                 "Free some space on the disk, then do it again.")
    if code == sqlite3.SQLITE_READONLY:
        return ProjectWriteError(path, "read-only", "the file has become read-only; the change was not saved.",
                                 "Save a copy elsewhere (File ▸ Save As) or remove the write protection.")
    if is_busy(exc):
        return ProjectWriteError(path, "in-use", "another program is writing to the file; the change was not "
                                                 "saved.", "Wait a moment and do it again.")
    return ProjectWriteError(path, "io", f"the change could not be saved ({exc}).",
                             "Check the disk (a network drive that went away?), then do it again or save a copy.")
