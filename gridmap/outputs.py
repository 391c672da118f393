"""Writing output files so that a failure loses nothing.

Every file gridmap writes (an export, a workbook, a chart, a copy of the
project) goes through :func:`written_in_place_of`, and every set of files
written into a folder (shapefiles, GeoJSON layers) through
:func:`files_written_into`: the content is written to a temporary file beside
the target, checked, forced to disk, and renamed over the target only when
complete. A full disk, a read-only folder or a crash mid-way leaves the
earlier file (or nothing), never a half-written one, and no temporary file.
A target that is a gridmap project is refused before anything is written: an
export must never replace the data it was made from.
"""

from __future__ import annotations

import errno
import os
import re
import shutil
import tempfile
import contextlib
from contextlib import contextmanager
from pathlib import Path
from collections.abc import Callable, Iterator, Sequence

from gridmap.cancel import Cancelled
from gridmap.errors import FileProblem
from gridmap.storage.checks import is_project, is_read_only_refusal

_SIDE_FILES = ("-wal", "-shm", "-journal", "-lock")
# Below this much free space a writer's failure is taken for a full disk: a
# failed write leaves at most a buffer's worth free (SQLite, GDAL and zip
# write in blocks of a few to a few hundred KiB).
NEARLY_FULL = 256 * 1024
# Some writers (GDAL's GeoJSON and shapefile drivers, Qt's PDF and image
# writers) do not report a failed write: only a check of the file shows it.
Check = Callable[[Path], bool]


class OutputError(FileProblem):
    """An output cannot be written; the target is as it was before.

    ``kind`` says why, for the window to put it in words: ``project`` (the
    target is a gridmap project), ``no-folder``, ``is-folder``, ``not-folder``
    (a file where a folder was asked for), ``read-only``, ``disk-full``,
    ``name`` (too long or not allowed), ``incomplete`` (the writer finished
    but the file is short) or ``failed`` (``detail`` holds the system's
    words)."""

    def __init__(self, path: str | Path, problem: str, advice: str = "", *, kind: str = "failed",
                 detail: str = "") -> None:
        super().__init__(path, problem, advice)
        self.kind = kind
        self.detail = detail


def _disk_full(path: Path) -> OutputError:
    return OutputError(path, "cannot be written: the disk is full.",
                       "Free some space or choose another disk; any earlier file of that name is unchanged.",
                       kind="disk-full")


def _no_folder(path: Path) -> OutputError:
    return OutputError(path, f"cannot be written: the folder {path.parent} does not exist.",
                       "Create the folder first, or choose another.", kind="no-folder")


def explain(path: str | Path, exc: OSError) -> OutputError:
    """An ``OSError`` met while writing ``path``, as a message with advice."""
    path = Path(path)
    code = exc.errno
    if code in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG):
        return _disk_full(path)
    if code in (errno.EACCES, errno.EPERM, errno.EROFS):
        return OutputError(path, "cannot be written: the file or its folder is read-only.",
                           "Choose a folder you may write to (or ask whoever manages this computer).",
                           kind="read-only")
    if code == errno.ENOENT:
        return _no_folder(path)
    if code == errno.EISDIR:
        return OutputError(path, "is a folder.", "Give a file name inside it.", kind="is-folder")
    if code == errno.ENOTDIR:
        return OutputError(path, f"cannot be written: {path.parent} is not a folder.",
                           "Choose a folder for it.", kind="not-folder")
    if code in (errno.ENAMETOOLONG, errno.EINVAL):
        return OutputError(path, "cannot be written: the name is too long or not allowed.",
                           "Choose a shorter name.", kind="name")
    detail = exc.strerror or str(exc)
    return OutputError(path, f"cannot be written ({detail}).",
                       "Try another folder; any earlier file of that name is unchanged.", detail=detail)


def nearly_full(folder: str | Path) -> bool:
    """Whether the disk holding ``folder`` has (almost) no space left."""
    try:
        stat = os.statvfs(folder)
    except (OSError, AttributeError):  # no statvfs (Windows) or no folder: cannot tell
        return False
    return stat.f_bavail * stat.f_frsize < NEARLY_FULL


def incomplete(path: str | Path, folder: str | Path | None = None) -> OutputError:
    """The error for an output found short after its writer said it was done:
    a full disk when ``folder`` (where it was written) has no space left."""
    path = Path(path)
    if nearly_full(folder if folder is not None else path.parent):
        return _disk_full(path)
    return OutputError(path, "was not written completely.",
                       "Try again, or choose another folder; any earlier file of that name is unchanged.",
                       kind="incomplete")


_FULL_WORDS = re.compile(r"disk is full|no space left|ENOSPC|quota exceeded", re.IGNORECASE)


def _failure(path: Path, exc: BaseException, folder: Path) -> OutputError | None:
    """``exc`` raised while writing ``path`` as an :class:`OutputError`, or None
    when it is not about the file (a cancel, a bug): that one goes on as it is.

    Writers that are not Python's own file objects (SQLite, GDAL) report a
    full disk in their own words, or as some other failure: the free space
    tells."""
    if isinstance(exc, (OutputError, Cancelled)) or not isinstance(exc, Exception):
        return None
    if isinstance(exc, OSError) and exc.errno is not None:
        return explain(path, exc)
    if _FULL_WORDS.search(str(exc)) or nearly_full(folder):
        return _disk_full(path)
    if is_read_only_refusal(exc):
        return explain(path, PermissionError(errno.EACCES, str(exc)))
    if isinstance(exc, OSError):  # raised by a writer without an error number
        return OutputError(path, f"cannot be written ({exc}).",
                           "Try another folder; any earlier file of that name is unchanged.", detail=str(exc))
    return None


def _owner(path: Path) -> Path:
    """The file ``path`` is a journal of (``x.gpkg`` for ``x.gpkg-wal``), or ``path``."""
    for side in _SIDE_FILES:
        if path.name.endswith(side) and len(path.name) > len(side):
            return path.with_name(path.name[: -len(side)])
    return path


def _refuse_project(path: Path) -> None:
    # The name as given and the real file behind links: a symlink or a
    # relative path to the project, or a link to its -wal, is the project too.
    real = Path(os.path.realpath(path))
    for candidate in dict.fromkeys([path, _owner(path), real, _owner(real)]):
        if candidate.exists() and is_project(candidate):
            what = ("is a gridmap project" if candidate in (path, real)
                    else f"belongs to the gridmap project {candidate.name}")
            raise OutputError(path, f"{what}: writing there would replace its households, staff and map.",
                              "Choose another file name.", kind="project")


def check_target(path: str | Path, *, replace_project: bool = False) -> Path:
    """Refuse a target that is a project (or one of its journal files), a
    folder, or in a folder that does not exist; return the path.

    ``replace_project`` lets a project be replaced (``gridmap demo`` over an
    earlier demo, which the caller has checked)."""
    path = Path(path)
    if not replace_project:
        _refuse_project(path)
    if path.is_dir():
        raise OutputError(path, "is a folder.", "Give a file name inside it.", kind="is-folder")
    if path.parent.exists() and not path.parent.is_dir():
        raise explain(path, NotADirectoryError(errno.ENOTDIR, "not a folder"))
    if not path.parent.is_dir():
        raise _no_folder(path)
    return path


def check_folder(folder: str | Path) -> Path:
    """Refuse a folder for a set of outputs that is a file (or a project) or
    whose parent does not exist; return the path."""
    folder = Path(folder)
    if folder.exists() and not folder.is_dir():
        _refuse_project(folder)
        raise OutputError(folder, "is a file, not a folder.", "Give a folder for the output (it is made if missing).",
                          kind="not-folder")
    if not folder.parent.is_dir():
        raise _no_folder(folder)
    return folder


@contextmanager
def output_folder(folder: str | Path) -> Iterator[Path]:
    """The folder for a set of outputs (:func:`check_folder`), made if
    missing; made here and the block fails, it goes again if still empty."""
    folder = check_folder(folder)
    made = not folder.exists()
    try:
        folder.mkdir(exist_ok=True)
    except OSError as exc:
        raise explain(folder, exc) from None
    try:
        yield folder
    except BaseException:
        if made:
            with contextlib.suppress(OSError):  # something was written into it: it stays
                folder.rmdir()
        raise


def _read_umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


_UMASK = _read_umask()  # read once at import: setting it is process-wide, not for a worker thread to do


def _finish(temp: Path) -> None:
    """Force ``temp`` to disk (a full disk shows up here, not later) and give it
    the permissions of an ordinary new file (mkstemp made it private)."""
    fd = os.open(temp, os.O_RDWR if os.name == "nt" else os.O_RDONLY)  # Windows syncs only a writable handle
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
    os.chmod(temp, 0o666 & ~_UMASK)


def _temp_prefix(name: str) -> str:
    # The temporary name must fit where the target's does: 255 bytes less the
    # random part and ".part".
    short = name.encode("utf-8")[:120].decode("utf-8", "ignore")
    return f".{short}."


def _remove_temp(temp: Path) -> None:
    """The temporary file and whatever its writer made beside it (SQLite's
    ``-journal`` and ``-wal``): every name that starts with its unique name."""
    try:
        entries = [e.path for e in os.scandir(temp.parent) if e.name.startswith(temp.name)]
    except OSError:
        entries = [str(temp)]
    for entry in entries:
        try:
            os.unlink(entry)
        except FileNotFoundError:
            pass
        except IsADirectoryError:
            shutil.rmtree(entry, ignore_errors=True)
        except OSError:
            pass  # nothing more to do: the target was not touched


@contextmanager
def written_in_place_of(path: str | Path, *, create: bool = True, complete: Check | None = None,
                        replace_project: bool = False) -> Iterator[Path]:
    """Yield a temporary path beside ``path`` to write the output to.

    When the block ends without an error, the temporary file is checked
    (``complete(temp)`` must say True: for writers that do not report a
    failed write), forced to disk and renamed over ``path`` in one step; on
    any error it is removed and ``path`` is as it was.

    Parameters
    ----------
    path : path-like
        The output file. A gridmap project, a folder or a name in a missing
        folder is refused (:func:`check_target`) before anything is written.
    create : bool
        False leaves the temporary name free, for writers that must create the
        file themselves (GDAL, SQLite).
    complete : callable, optional
        Says whether the written file is whole (a PDF ends with its
        trailer...); a short file is reported as a full disk when the disk has
        no space left.
    replace_project : bool
        Allow ``path`` to be a project (the caller has decided to replace it).

    Raises
    ------
    OutputError
        For every failure of the file system (read-only, full, missing
        folder...) and for a short file, with what to do.
    """
    path = check_target(path, replace_project=replace_project)
    # Through a symlink to the file it names: the user's link stays a link.
    real = check_target(os.path.realpath(path), replace_project=replace_project) if path.is_symlink() else path
    try:
        # The target's suffix last: GDAL warns about a GeoPackage named otherwise.
        fd, name = tempfile.mkstemp(prefix=_temp_prefix(real.name), suffix=".part" + real.suffix[:16],
                                    dir=real.parent)
    except OSError as exc:
        raise explain(path, exc) from None
    os.close(fd)
    temp = Path(name)
    if not create:
        temp.unlink()
    try:
        yield temp
        if not temp.is_file():
            raise OutputError(path, "was not written (the writer made no file).",
                              "Try again; any earlier file of that name is unchanged.", kind="incomplete")
        if complete is not None and not complete(temp):
            raise incomplete(path)
        _finish(temp)
        os.replace(temp, real)
    except BaseException as exc:
        error = _failure(path, exc, real.parent)
        if error is None:
            raise
        raise error from None
    finally:
        _remove_temp(temp)


def _swap_in(staging: Path, folder: Path, names: list[str], stale: list[str]) -> None:
    """Move ``names`` from ``staging`` into ``folder``, and ``stale`` earlier
    files out of it, all or none: the earlier files are set aside first and
    put back if any move fails (an immutable or locked file among them)."""
    aside = staging / ".earlier"
    aside.mkdir()
    set_aside: list[str] = []
    placed: list[str] = []
    try:
        for name in dict.fromkeys(names + stale):
            if os.path.lexists(folder / name):
                os.replace(folder / name, aside / name)
                set_aside.append(name)
        for name in names:
            os.replace(staging / name, folder / name)
            placed.append(name)
    except BaseException:
        for name in placed:
            os.replace(folder / name, staging / name)
        for name in set_aside:
            os.replace(aside / name, folder / name)
        raise


@contextmanager
def files_written_into(folder: str | Path, *, complete: Check | None = None,
                       stale: Sequence[str] = ()) -> Iterator[Path]:
    """Yield a temporary folder to write a set of outputs to; when the block
    ends without an error, every file in it replaces its namesake in
    ``folder`` (made if missing), all of them or none.

    A failure leaves the earlier set as it was and no temporary file; errors
    are as for :func:`written_in_place_of`, each file is checked with
    ``complete`` and refused if it would replace a project. Earlier files
    named in ``stale`` go when the new set comes in (a shapefile's old
    spatial index would misplace the new features).
    """
    with output_folder(folder) as folder:
        try:
            staging = Path(tempfile.mkdtemp(prefix=".gridmap-", suffix=".part", dir=folder))
        except OSError as exc:
            raise explain(folder, exc) from None
        written = folder
        try:
            yield staging
            names = sorted(p.name for p in staging.iterdir())
            for name in names:
                written = check_target(folder / name)
                if complete is not None and not complete(staging / name):
                    raise incomplete(written, staging)
                _finish(staging / name)
            written = folder
            _swap_in(staging, folder, names, [n for n in stale if (folder / n).is_file()])
        except BaseException as exc:
            error = _failure(written, exc, staging)
            if error is None:
                raise
            raise error from None
        finally:
            shutil.rmtree(staging, ignore_errors=True)


def pdf_is_complete(path: str | Path) -> bool:
    """Whether a PDF ends with its trailer and its cross-reference table is
    where the trailer says (a write that failed part-way moves or cuts it).
    Qt's PDF writer reports neither a full disk nor any other failed write."""
    try:
        with open(path, "rb") as handle:
            size = handle.seek(0, os.SEEK_END)
            handle.seek(max(0, size - 1024))
            tail = handle.read()
            found = re.search(rb"startxref\s+(\d+)\s+%%EOF\s*$", tail)
            if not found or int(found.group(1)) >= size:
                return False
            handle.seek(int(found.group(1)))
            return handle.read(4) == b"xref"
    except OSError:
        return False


_PNG_END = b"\x00\x00\x00\x00IEND\xaeB`\x82"


def png_is_complete(path: str | Path) -> bool:
    """Whether a PNG starts with its signature and ends with its IEND chunk."""
    try:
        with open(path, "rb") as handle:
            if handle.read(8) != b"\x89PNG\r\n\x1a\n":
                return False
            handle.seek(-len(_PNG_END), os.SEEK_END)
            return handle.read() == _PNG_END
    except OSError:
        return False
