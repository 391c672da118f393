"""What an offline copy of one community keeps so that its edits can go back
to the shared project it was checked out of (``gridmap.offline``).

A copy is an ordinary GeoPackage project with a record of its check-out:

- ``gridmap_meta`` keys (``offline_…``): the server's address (never with a
  password), the community, the shared project's identity, the server's last
  history entry at the check-out, the copy's own last history entry at the
  check-out (its edits are the rows its history touches above it), the block
  of ids the server set aside for the copy's new rows, and its state;
- the table ``gridmap_offline_rows``: for every row copied, the server's
  ``row_version`` when it was copied (a row whose version the server still has
  is unchanged there since), the server's last history entry then, and whether
  the row is read-only here (a neighbour held for snapping, the office's zone,
  levels and tags).

The copy's ``ProjectStore`` (``store.py``) enforces the record: ids come only
from the block, and a commit that changes a read-only row is refused.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any, NamedTuple

from gridmap.errors import DamagedFileError, ProjectWriteError
from gridmap.storage.ids import BLOCKED_TABLES
from gridmap.storage.schema import META_TABLE

COPY_TABLE = "gridmap_offline_rows"
COPY_DDL = (f'CREATE TABLE "{COPY_TABLE}" (table_name TEXT NOT NULL, row_id INTEGER NOT NULL, '
            "row_version INTEGER NOT NULL, history INTEGER NOT NULL, read_only BOOLEAN NOT NULL, "
            "PRIMARY KEY (table_name, row_id))")

# gridmap_meta keys of a copy
SOURCE = "offline_source"  # the server's address, without password
PROJECT = "offline_project"  # the shared project's identity: its "created" stamp
COMMUNITY = "offline_community"  # the community's zone code
COMMUNITY_ID = "offline_community_id"
CHECKED_OUT = "offline_checked_out"  # when (UTC, GeoPackage form)
SERVER_HISTORY = "offline_server_history"  # the server's last history id at the check-out
LOCAL_HISTORY = "offline_local_history"  # the copy's last history id that is not an edit to send
IDS_FIRST = "offline_ids_first"  # the block of ids for the copy's new rows
IDS_COUNT = "offline_ids_count"
STATE = "offline_state"
CHECKED_IN = "offline_checked_in"  # when the copy was last checked in
CHECKINS = "offline_checkins"  # how many times
KEYS = (SOURCE, PROJECT, COMMUNITY, COMMUNITY_ID, CHECKED_OUT, SERVER_HISTORY, LOCAL_HISTORY, IDS_FIRST, IDS_COUNT,
        STATE)
OUT = "checked-out"  # edits may be made and checked in
SPENT = "checked-in"  # checked in and not brought up to date: check out again to edit


class Base(NamedTuple):
    """A copied row as the server had it: its version, the server's last history
    id when that version was taken, and whether the copy may change it."""

    version: int
    history: int
    read_only: bool


class CopyRecord(NamedTuple):
    """Where a copy came from and what it holds."""

    source: str
    project: str
    community_code: str
    community_id: int
    checked_out: str
    server_history: int
    local_history: int
    ids: range
    state: str = OUT
    rows: Mapping[str, Mapping[int, Base]] = {}  # table → id → base
    checked_in: str = ""
    checkins: int = 0

    def meta(self) -> dict[str, str]:
        found = {SOURCE: self.source, PROJECT: self.project, COMMUNITY: self.community_code,
                 COMMUNITY_ID: str(self.community_id), CHECKED_OUT: self.checked_out,
                 SERVER_HISTORY: str(self.server_history), LOCAL_HISTORY: str(self.local_history),
                 IDS_FIRST: str(self.ids.start), IDS_COUNT: str(len(self.ids)), STATE: self.state,
                 CHECKINS: str(self.checkins)}
        if self.checked_in:
            found[CHECKED_IN] = self.checked_in
        return found


class Held(NamedTuple):
    """What a copy's store enforces: the id block, the read-only rows, its state."""

    ids: range
    read_only: Mapping[str, frozenset[int]]
    state: str


def is_copy(meta: Mapping[str, str]) -> bool:
    """Whether a project's metadata marks it as an offline copy."""
    return any(key in meta for key in KEYS)


def _has_table(conn: sqlite3.Connection) -> bool:
    return conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?",
                        (COPY_TABLE,)).fetchone() is not None


def write(conn: sqlite3.Connection, record: CopyRecord) -> None:
    """Record a new copy inside the caller's write transaction (``ProjectStore.create``).

    SQLite's counters of every table are moved to just below the block, so a
    row another program adds to the copy (QGIS) takes an id of the block too."""
    conn.execute(COPY_DDL)
    conn.executemany(f'INSERT INTO "{COPY_TABLE}" VALUES (?, ?, ?, ?, ?)',
                     [(table, key, base.version, base.history, int(base.read_only))
                      for table, rows in record.rows.items() for key, base in rows.items()])
    conn.executemany(f'INSERT OR REPLACE INTO "{META_TABLE}" VALUES (?, ?)', sorted(record.meta().items()))
    below = record.ids.start - 1
    present = {name for name, in conn.execute("SELECT name FROM sqlite_sequence")}
    conn.executemany("UPDATE sqlite_sequence SET seq = ? WHERE name = ? AND seq < ?",
                     [(below, name, below) for name in BLOCKED_TABLES if name in present])
    conn.executemany("INSERT INTO sqlite_sequence (name, seq) VALUES (?, ?)",
                     [(name, below) for name in BLOCKED_TABLES if name not in present])


def _int(meta: Mapping[str, str], key: str, path: Path) -> int:
    try:
        return int(meta[key])
    except (KeyError, ValueError):
        raise _tampered(path, f"its check-out record lacks {key}") from None


def _tampered(path: Path, what: str) -> DamagedFileError:
    return DamagedFileError(path, f"is an offline copy, but {what}, so its edits cannot be told apart from the "
                                  "server's; nothing was changed.",
                            "It can still be viewed. Check the community out again to edit it, and make the "
                            "edits in the new copy.")


def check(path: Path, conn: sqlite3.Connection, meta: Mapping[str, str]) -> None:
    """Refuse (``DamagedFileError``) a copy whose check-out record is not whole."""
    if not is_copy(meta):
        return
    if not _has_table(conn):
        raise _tampered(path, f"its table of the rows it copied ({COPY_TABLE}) is missing")
    for key in KEYS:
        if key not in meta:
            raise _tampered(path, f"its check-out record lacks {key}")
    first, count = _int(meta, IDS_FIRST, path), _int(meta, IDS_COUNT, path)
    if first < 1 or count < 1:
        raise _tampered(path, "its block of ids is empty")
    _int(meta, COMMUNITY_ID, path)
    _int(meta, SERVER_HISTORY, path)
    _int(meta, LOCAL_HISTORY, path)


def held(conn: sqlite3.Connection, meta: Mapping[str, str]) -> Held | None:
    """What the store of a copy enforces, or None for a project that is not a copy.

    A copy whose record is not whole (:func:`check`) is opened only for viewing;
    it then holds no read-only rows and an empty block."""
    if not is_copy(meta):
        return None
    try:
        ids = range(int(meta[IDS_FIRST]), int(meta[IDS_FIRST]) + int(meta[IDS_COUNT]))
    except (KeyError, ValueError):
        ids = range(0)
    read_only: dict[str, set[int]] = {}
    if _has_table(conn):
        for table, key in conn.execute(f'SELECT table_name, row_id FROM "{COPY_TABLE}" WHERE read_only'):
            read_only.setdefault(table, set()).add(key)
    return Held(ids, {table: frozenset(keys) for table, keys in read_only.items()}, meta.get(STATE, OUT))


def read(path: Path, conn: sqlite3.Connection, meta: Mapping[str, str]) -> CopyRecord:
    """The whole record of a copy (``DamagedFileError`` if it is not whole)."""
    check(path, conn, meta)
    rows: dict[str, dict[int, Base]] = {}
    for table, key, version, history, read_only in conn.execute(
            f'SELECT table_name, row_id, row_version, history, read_only FROM "{COPY_TABLE}"'):
        rows.setdefault(table, {})[key] = Base(version, history, bool(read_only))
    first = int(meta[IDS_FIRST])
    return CopyRecord(
        source=meta[SOURCE], project=meta[PROJECT], community_code=meta[COMMUNITY],
        community_id=int(meta[COMMUNITY_ID]), checked_out=meta[CHECKED_OUT],
        server_history=int(meta[SERVER_HISTORY]), local_history=int(meta[LOCAL_HISTORY]),
        ids=range(first, first + int(meta[IDS_COUNT])), state=meta[STATE], rows=rows,
        checked_in=meta.get(CHECKED_IN, ""), checkins=int(meta.get(CHECKINS, "0") or 0))


def refuse(path: Path, copy: Held, changes: Iterable[Any]) -> None:
    """Refuse (``ProjectWriteError``) changes a copy may not make: to a read-only
    row, or any change once the copy was checked in and not brought up to date."""
    if copy.state != OUT:
        raise ProjectWriteError(path, "denied", "is an offline copy that was checked in already; the change was "
                                                "not saved, since it could not be sent back.",
                                "Check the community out again and make the change in the new copy.")
    for change in changes:
        if change.key in copy.read_only.get(change.table, ()):
            raise ProjectWriteError(
                path, "denied", f"holds {change.table} {change.key} as a neighbour for snapping only: this offline "
                                "copy may not change it; the change was not saved.",
                "Change it on the server, or in a check-out of the community it belongs to.")


def next_block(copy: Held, path: Path, start: int, count: int) -> range:
    """Up to ``count`` ids of the copy's block from ``start`` on (``ProjectWriteError`` when none is left)."""
    first = max(start, copy.ids.start)
    if first >= copy.ids.stop:
        raise ProjectWriteError(path, "no-ids", f"has used every id the server set aside for its new rows "
                                                f"({len(copy.ids):,}); the change was not saved.",
                                "Check the copy in (gridmap checkin), then check the community out again.")
    return range(first, min(first + count, copy.ids.stop))


def rebase(conn: sqlite3.Connection, bases: Mapping[tuple[str, int], Base | None], meta: Mapping[str, str]) -> None:
    """Inside the caller's write transaction: new bases for rows (None: the row is
    gone from the server and the copy) and new values of the copy's own keys."""
    gone = [(table, key) for (table, key), base in bases.items() if base is None]
    kept = [(table, key, base.version, base.history, int(base.read_only))
            for (table, key), base in bases.items() if base is not None]
    conn.executemany(f'DELETE FROM "{COPY_TABLE}" WHERE table_name = ? AND row_id = ?', gone)
    conn.executemany(f'INSERT OR REPLACE INTO "{COPY_TABLE}" VALUES (?, ?, ?, ?, ?)', kept)
    conn.executemany(f'INSERT OR REPLACE INTO "{META_TABLE}" VALUES (?, ?)', sorted(meta.items()))


def set_meta(conn: sqlite3.Connection, meta: Mapping[str, str]) -> None:
    """New values of a copy's own keys, inside the caller's write transaction."""
    conn.executemany(f'INSERT OR REPLACE INTO "{META_TABLE}" VALUES (?, ?)', sorted(meta.items()))
