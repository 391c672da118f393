"""Publishing a GeoPackage project to a database server (``gridmap publish``):
every table copied in one transaction, read back and compared (row counts and
checksums) before the commit, so the database holds the whole project or
nothing of it.

The file is opened read-only and never changed. A database that does not exist
yet is made first (as ``gridmap server init`` would), and removed again if the
project cannot be published into it."""

from __future__ import annotations

import datetime as dt
from contextlib import suppress
from pathlib import Path
from typing import Any, NamedTuple

from gridmap.errors import ProjectFileError, ServerError
from gridmap.model.tables import TABLE_ORDER, TABLES
from gridmap.storage.checksums import TableSum
from gridmap.storage.protocol import Tables
from gridmap.storage.offline_copy import is_copy
from gridmap.storage.server.address import shown
from gridmap.storage.server.database import Readiness, drop_database, make_ready
from gridmap.storage.server.store import ServerStore

NOT_COPIED_META = ("schema_version", "srs_id")  # the server's own schema and SRID say these
LISTED = 3  # faults named in a message; the rest are counted


class Published(NamedTuple):
    """A project published: where from, where to, and each table as read back."""

    path: Path
    address: str  # without password
    epsg: int
    title: str
    sums: dict[str, TableSum]  # table → rows and checksum, read back before the commit
    readiness: Readiness  # what was done to the database first (made it, added PostGIS)


def publish(path: str | Path, url: str, *, moment: dt.datetime) -> Published:
    """Copy the project at ``path`` into the database at ``url``, which must
    hold no project yet. ``ProjectFileError`` for a file that cannot be
    published, ``ServerError`` for a database that cannot take it; in either
    case the database holds nothing of it."""
    path = Path(path)
    tables, epsg, meta = read_project(path)
    readiness = make_ready(url)
    try:
        if readiness.project is not None:
            named = f" ({readiness.project})" if readiness.project else ""
            raise ServerError(readiness.address, "not-a-project",
                              f"already holds a gridmap project{named}; nothing was written.",
                              "A shared project is never written over: publish into a new database (give the URL "
                              "a new name at the end; gridmap server init makes it), or have the administrator "
                              "remove the old database first (dropdb NAME) if it is no longer wanted.")
        try:
            sums = ServerStore.create(url, epsg=epsg, tables={name: list(records.values())
                                                              for name, records in tables.items()},
                                      meta=meta, moment=moment)
        except ServerError as error:
            raise _in_publishing_words(error, path) from error
    except BaseException:
        if readiness.made_database:  # made for this project only: leave nothing behind
            with suppress(ServerError):
                drop_database(url)
        raise
    return Published(path, shown(url), epsg, meta.get("title", ""), sums, readiness)


def _in_publishing_words(error: ServerError, path: Path) -> ServerError:
    """The store's refusal, with what to do about a publication."""
    if error.kind == "denied":
        return ServerError(error.address, error.kind, error.problem,
                           "Publish as the user who owns the database, or as the server's administrator (postgres); "
                           "nothing was written.")
    if error.kind == "refused":
        return ServerError(error.address, error.kind, error.problem,
                           f"Nothing was written: the database is as it was. If a value of {path.name} is at fault, "
                           "mend it in gridmap and publish again.")
    return error


def read_project(path: Path) -> tuple[Tables, int, dict[str, str]]:
    """The project's tables, SRID and metadata, read without writing to the file;
    refused when a value could not be read as stored or cannot be stored on
    the server, since the copy would not be the file."""
    from gridmap.storage.store import ProjectStore

    store = ProjectStore.open(path, read_only=True)
    try:
        tables = store.read_all()
        substitutes = list(store.substitutes)
        epsg = store.srs_id
        meta = {key: value for key, value in store.meta.items() if key not in NOT_COPIED_META}
    finally:
        store.close()
    if is_copy(store.meta):
        raise ProjectFileError(path, "is an offline copy of one community of a shared project, not a whole project.",
                               "Send its edits back with: gridmap checkin FILE. Nothing was written to the server.")
    if substitutes:
        raise ProjectFileError(path, f"holds {len(substitutes)} value(s) that cannot be read as stored: "
                                     + "; ".join(str(s) for s in substitutes[:LISTED])
                                     + ("; …" if len(substitutes) > LISTED else "") + ".",
                               "Publishing would change them. Mend them in gridmap first (gridmap validate lists "
                               "them all), then publish again. Nothing was written to the server.")
    unstorable = [f"the project's {key!r}" for key, value in meta.items() if "\x00" in key + value]
    unstorable += _nul_characters(tables)
    if unstorable:
        raise ProjectFileError(path, f"holds {len(unstorable)} text value(s) with a NUL character (\\0), which "
                                     "PostgreSQL cannot store: " + "; ".join(unstorable[:LISTED])
                                     + ("; …" if len(unstorable) > LISTED else "") + ".",
                               "Retype those values in gridmap, then publish again. Nothing was written to the "
                               "server.")
    return tables, epsg, meta


def _nul_characters(tables: Tables):
    """Where a text value holds the character U+0000, as "table id field"."""
    for name in TABLE_ORDER:
        spec = TABLES[name]
        fields = (spec.key,) + spec.column_names
        for record in tables.get(name, {}).values():
            row: tuple[Any, ...] = spec.to_row(record)
            for field, value in zip(fields, row):
                if isinstance(value, str) and "\x00" in value:
                    yield f"{name} {row[0]} {field}"
