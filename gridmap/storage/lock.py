"""One writer per project file: a lock file beside it that says who holds it.

SQLite lets writers take turns commit by commit, which is not enough: a window
that holds a project for an afternoon and a command that imports into it would
each write rows computed from what they read earlier. So a program that edits
a project holds ``FILE.gpkg-lock`` for as long as it has the project open; a
second one is refused and told who holds it (program, user, computer, process,
since when). The lock is an operating-system lock on that file (``flock`` on
POSIX, ``msvcrt.locking`` on Windows), so it ends with the process that holds
it, however that process ends; a lock file left behind by a crash is taken over.
"""

from __future__ import annotations

import datetime as dt
import errno
import getpass
import json
import os
import socket
import stat
import sys
import time
from dataclasses import asdict, dataclass
from pathlib import Path

LOCK_SUFFIX = "-lock"

_program = {"program": "gridmap", "detail": ""}


def describe_process(program: str, detail: str = "") -> None:
    """Say what this process is, for the lock files it writes ("window", or
    "command" and its name): set once at start-up by the command line and the app."""
    _program.update(program=program, detail=detail)


@dataclass(frozen=True)
class Holder:
    """Who holds a project: what the lock file says."""

    program: str  # "window", "command" or "gridmap"
    detail: str  # the command's name, e.g. "import"
    user: str
    host: str
    pid: int
    since: str  # ISO 8601, local time

    @classmethod
    def of_this_process(cls) -> Holder:
        try:
            user = getpass.getuser()
        except (KeyError, OSError):
            user = "unknown"
        return cls(_program["program"], _program["detail"], user, socket.gethostname(), os.getpid(),
                   dt.datetime.now().astimezone().isoformat(timespec="seconds"))

    @classmethod
    def parse(cls, text: str) -> Holder | None:
        try:
            fields = json.loads(text)
            return cls(str(fields["program"]), str(fields.get("detail", "")), str(fields["user"]),
                       str(fields["host"]), int(fields["pid"]), str(fields["since"]))
        except (ValueError, KeyError, TypeError):
            return None

    @property
    def since_text(self) -> str:
        """When it was taken, as a person says it: "14:05" today, else "2026-12-01 14:05"."""
        try:
            moment = dt.datetime.fromisoformat(self.since)
        except ValueError:
            return self.since
        today = moment.date() == dt.datetime.now(moment.tzinfo).date()
        return moment.strftime("%H:%M" if today else "%Y-%m-%d %H:%M")

    def describe(self) -> str:
        """In English, for the command line: "a gridmap window (user … on …, process …, since …)"."""
        what = {"window": "a gridmap window", "command": f"the gridmap command '{self.detail}'"}.get(
            self.program, "another gridmap program")
        return f"{what} (user {self.user} on computer {self.host}, process {self.pid}, since {self.since_text})"


class LockBusy(Exception):
    """The project is held by another program; ``holder`` says who, if it could be read."""

    def __init__(self, holder: Holder | None) -> None:
        super().__init__(holder.describe() if holder else "another program")
        self.holder = holder


def lock_path(project: Path) -> Path:
    """The lock file of ``project``, beside the file itself (a symlink's target)."""
    project = Path(project).resolve()
    return project.with_name(project.name + LOCK_SUFFIX)


class WriterLock:
    """The held lock of one project file; :meth:`release` it when the project closes."""

    def __init__(self, path: Path, fd: int) -> None:
        self.path = path
        self._fd: int | None = fd

    @classmethod
    def acquire(cls, project: Path) -> WriterLock:
        """Take the lock of ``project`` or raise :class:`LockBusy`.

        An ``OSError`` (a read-only folder, a folder where the lock file goes) is
        left to the caller."""
        path = lock_path(project)
        for _attempt in range(8):
            fd, writable = _open_lock_file(path)
            try:
                if not _try_lock(fd):
                    raise LockBusy(_holder_of_busy(fd))
                # The holder before us may have removed the file between our open and our lock:
                # then we hold an orphan, and must lock the file that is there now.
                if _same_file(fd, path) and (writable or not _remove(path)):
                    break  # (a lock left by another user's crash is replaced by one of ours where we may)
            except BaseException:
                os.close(fd)
                raise
            os.close(fd)
        else:
            raise OSError(errno.EAGAIN, "the lock file keeps changing under us", str(path))
        lock = cls(path, fd)
        if writable:
            lock._write_holder(Holder.of_this_process())
        return lock

    def _write_holder(self, holder: Holder) -> None:
        data = json.dumps(asdict(holder), ensure_ascii=False).encode()
        try:
            os.ftruncate(self._fd, 0)
            os.lseek(self._fd, 0, os.SEEK_SET)  # (no pwrite on Windows)
            os.write(self._fd, data)
        except OSError:
            pass  # a full disk: the lock holds all the same, only the holder's name is missing

    def release(self) -> None:
        """Remove the lock file and let go (releasing twice is harmless)."""
        if self._fd is None:
            return
        try:
            self.path.unlink(missing_ok=True)  # while still held: nobody can lock it half-removed
        except OSError:
            pass  # a read-only folder now: the stale file is taken over next time
        finally:
            os.close(self._fd)  # closing lets go of the OS lock
            self._fd = None


def _holder_of_busy(fd: int) -> Holder | None:
    """The holder of a lock just found taken: it writes its name right after taking
    the lock, so an empty file is given a moment (at most half a second)."""
    for _ in range(10):
        holder = _read_holder(fd)
        if holder is not None:
            return holder
        time.sleep(0.05)
    return None


def _read_holder(fd: int) -> Holder | None:
    try:
        os.lseek(fd, 0, os.SEEK_SET)  # (no pread on Windows)
        return Holder.parse(os.read(fd, 4096).decode("utf-8", "replace"))
    except OSError:
        return None


def _open_lock_file(path: Path) -> tuple[int, bool]:
    """An open descriptor of the lock file, and whether we may write our name in it.

    Never follows a symbolic link and never uses a file with other names: what is
    written into a lock file must not land in a file planted there (the project
    itself, say). Such a thing is removed (only the name at ``path``) and a lock
    file of our own made in its place. Another user's lock file (a shared folder)
    is opened for reading: an ``flock`` needs no more."""
    nofollow = getattr(os, "O_NOFOLLOW", 0)
    for _attempt in range(4):
        try:
            fd = os.open(path, os.O_RDWR | os.O_CREAT | nofollow, 0o666)
            writable = True
        except PermissionError:
            if not path.is_file():
                raise  # no lock file to share: the folder itself may not be written
            fd = os.open(path, os.O_RDONLY | nofollow)
            writable = False
        except OSError as exc:
            if exc.errno != errno.ELOOP:  # ELOOP: a symbolic link
                raise
            _remove(path)
            continue
        info = os.fstat(fd)
        if stat.S_ISREG(info.st_mode) and info.st_nlink == 1:
            return fd, writable
        os.close(fd)
        if not _remove(path):
            break
    raise OSError(errno.EEXIST, "something that is not a lock file of gridmap's is in the way", str(path))


def _remove(path: Path) -> bool:
    try:
        path.unlink()
        return True
    except FileNotFoundError:
        return True
    except OSError:
        return False


def _same_file(fd: int, path: Path) -> bool:
    try:
        now = os.stat(path)
    except FileNotFoundError:
        return False
    held = os.fstat(fd)
    return (held.st_dev, held.st_ino) == (now.st_dev, now.st_ino)


if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
    import msvcrt

    # Windows locks bytes, and a locked byte cannot be read by others: lock one byte
    # far past the holder's text, which stays readable at the start of the file.
    _LOCK_AT = 1 << 20

    def _try_lock(fd: int) -> bool:
        os.lseek(fd, _LOCK_AT, os.SEEK_SET)
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
            return True
        except OSError:
            return False

    def _same_file(fd: int, path: Path) -> bool:
        return True
else:
    import fcntl

    def _try_lock(fd: int) -> bool:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return True
        except OSError as exc:
            if exc.errno in (errno.EWOULDBLOCK, errno.EAGAIN, errno.EACCES):
                return False
            raise
