"""Checks made before a file is opened for writing, so that a bad file is
reported and left exactly as it was."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from gridmap.errors import DamagedFileError, NotFoundError, NotGeoPackageError
from gridmap.storage.schema import META_TABLE

SQLITE_MAGIC = b"SQLite format 3\x00"  # the first 16 bytes of every SQLite file
_GPKG_IDS = (b"GPKG", b"GP10", b"GP11")


def check_header(path: Path) -> None:
    """Raise a ``ProjectFileError`` unless ``path`` looks like a whole GeoPackage.

    Reads only the 100-byte SQLite header: opening a truncated file with SQLite
    could otherwise fail late, half-way through reading.
    """
    if not path.exists():
        raise NotFoundError(path, "does not exist.", "Check the path and try again.")
    if path.is_dir():
        raise NotGeoPackageError(path, "is a folder, not a project file.",
                                 "Choose a .gpkg file inside it.")
    if not path.is_file():
        raise NotGeoPackageError(path, "is not an ordinary file (a device or a pipe?).",
                                 "Choose a .gpkg project file.")
    size = os.path.getsize(path)
    with open(path, "rb") as handle:
        header = handle.read(100)
    if size == 0:
        raise NotGeoPackageError(path, "is empty (0 bytes).", "Open another file or a backup.")
    if not header.startswith(SQLITE_MAGIC):
        raise NotGeoPackageError(path, "is not a GeoPackage (it is not an SQLite database).",
                                 "gridmap projects are .gpkg files; to bring in other data use Import.")
    if len(header) < 100:
        raise DamagedFileError(path, f"is truncated ({size} bytes).", "Open a backup copy.")
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    page_count = int.from_bytes(header[28:32], "big")
    # The in-header page count is valid only when its version stamp matches.
    if header[92:96] == header[24:28] and size < page_size * page_count:
        raise DamagedFileError(
            path, f"is truncated: {size:,} bytes where the database needs {page_size * page_count:,}.",
            "The copy was probably interrupted; open a backup copy.")
    if size % page_size:
        raise DamagedFileError(path, f"is damaged: its size {size:,} is not a whole number of pages.",
                               "Open a backup copy.")
    if header[68:72] not in _GPKG_IDS:
        raise NotGeoPackageError(path, "is an SQLite database but not a GeoPackage.",
                                 "gridmap projects are .gpkg files; to bring in other data use Import.")


def is_project(path: str | Path) -> bool:
    """Whether ``path`` is a gridmap project (or an SQLite file that cannot be
    checked, which is treated as one: it is never overwritten by an export)."""
    path = Path(path)
    try:
        with open(path, "rb") as handle:
            if handle.read(16) != SQLITE_MAGIC:
                return False
    except OSError:
        return False
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error:
        return True
    try:
        return conn.execute("SELECT 1 FROM sqlite_master WHERE name = ?", (META_TABLE,)).fetchone() is not None
    except sqlite3.Error:
        return True
    finally:
        conn.close()


def is_read_only_refusal(exc: BaseException) -> bool:
    """Whether SQLite refused to write because the file or its folder is read-only."""
    return isinstance(exc, sqlite3.Error) and "readonly" in str(exc)
