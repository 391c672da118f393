"""Checks made before a file is opened for writing, so that a bad file is
reported and left exactly as it was."""

from __future__ import annotations

import os
from pathlib import Path

from gridmap.errors import DamagedFileError, NotFoundError, NotGeoPackageError

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
