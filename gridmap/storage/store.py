"""Reading and writing the project file.

The file is the single source of truth: every edit is committed at once in one
transaction. The rollback journal (not WAL) keeps the .gpkg whole after every
commit, so a copy taken while the window is open has every edit, and a killed
process leaves the last committed state.

A store opened for editing holds the project's writer lock (``lock.py``) and,
before each commit, makes sure the file is still the one it read: not
replaced, moved or deleted, and not written by another program since (SQLite's
``data_version``). Otherwise the commit is refused: rows computed from a stale
read are never written.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from contextlib import closing, contextmanager, suppress
from pathlib import Path
from typing import Any
from collections.abc import Iterable, Iterator, Mapping, Sequence

import numpy as np
import shapely
import sqlite_utils

from gridmap.bulk import collector_paused
from gridmap.errors import (
    DamagedFileError, ForeignObjectsError, NewerSchemaError, NotAProjectError, NotGeoPackageError, ProjectWriteError,
)
from gridmap.model.changes import RowChange
from gridmap.model.entities import ChangeLogEntry
from gridmap.model.tables import DATETIME, TABLE_ORDER, TABLES, Substitute, TableSpec
from gridmap.outputs import check_target, written_in_place_of
from gridmap.spatial.shapes import SHAPELY_NAMES
from gridmap.storage import foreign, gpkg, offline_copy
from gridmap.storage.access import (
    FileState, file_state, finish_interrupted_save, has_hot_journal, in_use, is_busy, take_for_editing, take_lock,
    write_problem,
)
from gridmap.storage.checks import check_header
from gridmap.storage.ids import HISTORY_TABLE, next_unused, record_block, take_block
from gridmap.storage.lock import Holder, WriterLock
from gridmap.storage.protocol import Tables
from gridmap.storage.schema import META_TABLE, SCHEMA_VERSION, create_schema, migrate


gpkg_timestamp = DATETIME.encode  # the GeoPackage form: UTC, milliseconds, Z


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _connect(path: Path, mode: str) -> sqlite3.Connection:
    # isolation_level=None: transactions are explicit (sqlite-utils' atomic()).
    return sqlite3.connect(f"{path.resolve().as_uri()}?mode={mode}", uri=True, isolation_level=None)


@contextmanager
def _written_in_place_of(path: Path) -> Iterator[Path]:
    """A temporary path to write a whole project to, holding ``path``'s writer
    lock (nobody has it open meanwhile); see ``gridmap.outputs.written_in_place_of``
    (a project may be replaced here: the one being saved or made)."""
    check_target(path, replace_project=True)  # before the lock: a missing folder is said as such
    lock = take_lock(path)
    try:
        with written_in_place_of(path, create=False, replace_project=True) as partial:
            yield partial
    finally:
        lock.release()


def _insert_sql(spec: TableSpec) -> str:
    names = [spec.key] + (["geom"] if spec.is_features else []) + list(spec.column_names)
    quoted = ", ".join(f'"{n}"' for n in names)
    return f'INSERT INTO "{spec.name}" ({quoted}) VALUES ({", ".join("?" * len(names))})'


def _update_sql(spec: TableSpec) -> str:
    names = (["geom"] if spec.is_features else []) + list(spec.column_names)
    assignments = ", ".join(f'"{n}" = ?' for n in names)
    return f'UPDATE "{spec.name}" SET {assignments} WHERE "{spec.key}" = ?'


def _rows(spec: TableSpec, records: Sequence[Any], srs_id: int) -> list[tuple]:
    rows = [spec.to_row(r) for r in records]
    if not spec.is_features:
        return rows
    _check_geometry_types(spec, records)
    blobs = gpkg.encode_geometries([r.geometry for r in records], srs_id)
    return [(row[0], blob, *row[1:]) for row, blob in zip(rows, blobs)]


def _check_geometry_types(spec: TableSpec, records: Sequence[Any]) -> None:
    wanted = SHAPELY_NAMES[spec.geometry_type]
    for record in records:
        if record.geometry is not None and record.geometry.geom_type != wanted:
            raise ValueError(f"{spec.name} {getattr(record, spec.key)}: geometry must be "
                             f"{wanted}, not {record.geometry.geom_type}")


class ProjectStore:
    """An open project file, the GeoPackage implementation of ``protocol.Store``.
    Create with :meth:`create`, open with :meth:`open`."""

    def __init__(self, path: Path, conn: sqlite3.Connection, *, lock: WriterLock | None = None,
                 foreign_objects: Sequence[foreign.ForeignObject] = (), state: FileState | None,
                 shared: bool = False) -> None:
        self.path = path
        self.conn = conn
        self.lock = lock  # None: opened for reading only, or shared
        self.shared = shared  # written by several programs at once: rows are checked, not the whole file
        self.user: str | None = None  # a file knows no users: the history names the desk's login
        self._seen_history = 0  # the last history entry read or written here
        self._own_history: set[int] = set()  # history entries written here since then
        self._unrecorded: list[range] = []  # ids handed out, recorded with the next commit (see allocate_ids)
        self.foreign_objects = tuple(foreign_objects)  # found in a file opened for reading
        self.substitutes: list[Substitute] = []  # stored values read in another form (see TableSpec.from_rows)
        self.meta: dict[str, str] = dict(conn.execute(f'SELECT key, value FROM "{META_TABLE}"'))
        self.srs_id = int(self.meta["srs_id"])
        # An offline copy of one community (offline_copy.py): its ids, its read-only rows; None for a project.
        self.copy: offline_copy.Held | None = offline_copy.held(conn, self.meta)
        self._state = state  # taken before connecting: a file swapped meanwhile is seen
        self._version = self._data_version()
        self._journal_checked = False

    @property
    def read_only(self) -> bool:
        return self.lock is None and not self.shared

    @property
    def address(self) -> str:
        return str(self.path)

    @property
    def read_only_rows(self) -> Mapping[str, frozenset[int]]:
        return self.copy.read_only if self.copy is not None else {}

    # -- creating and opening ------------------------------------------------

    @classmethod
    def create(cls, path: str | Path, *, epsg: int, tables: Mapping[str, Sequence[Any]],
               meta: Mapping[str, str], moment: dt.datetime, offline: offline_copy.CopyRecord | None = None) -> None:
        """Write a new project file holding ``tables``.

        Written to a temporary file beside ``path`` and renamed into place, so
        ``path`` is either untouched or complete. ``offline``: the file is an
        offline copy checked out of a shared project, with this record.
        """
        path = Path(path)
        stamp = gpkg_timestamp(moment)
        with _written_in_place_of(path) as partial, closing(sqlite3.connect(partial, isolation_level=None)) as conn:
            gpkg.register_functions(conn)
            conn.execute("PRAGMA foreign_keys = ON")  # a new file is consistent from the start
            with sqlite_utils.Database(conn).atomic():
                create_schema(conn, epsg=epsg, last_change=stamp)
                all_meta = {"schema_version": str(SCHEMA_VERSION), "srs_id": str(epsg),
                            "created": stamp, **meta}
                conn.executemany(f'INSERT INTO "{META_TABLE}" VALUES (?, ?)', sorted(all_meta.items()))
                for name in TABLE_ORDER:
                    records = tables.get(name, ())
                    spec = TABLES[name]
                    conn.executemany(_insert_sql(spec), _rows(spec, records, epsg))
                    if spec.is_features:
                        bounds = shapely.bounds(np.array([r.geometry for r in records], dtype=object)) \
                            if records else np.empty((0, 4))
                        gpkg.update_extent(conn, name, bounds, stamp, grow=False)
                        gpkg.create_spatial_index(conn, name, spec.key, bounds, [getattr(r, spec.key) for r in records])
                take_block(conn, 0, holder="created", taken=stamp)  # the ids the rows came with
                if offline is not None:
                    offline_copy.write(conn, offline)

    @classmethod
    def open(cls, path: str | Path, *, read_only: bool = False, shared: bool = False) -> ProjectStore:
        """Open an existing project.

        Raises a ``ProjectFileError`` naming the file and the problem; in that
        case the file on disk is left byte for byte as it was (an older file
        that is upgraded is the one exception: the upgrade is committed).
        ``read_only`` never writes: for commands that only report, and for
        looking at a project another program is editing. Opening for editing
        takes the writer lock (``InUseError`` says who holds it) and refuses a
        read-only file (``ReadOnlyProjectError``) or one holding triggers or
        views gridmap did not make (``ForeignObjectsError``): each of those may
        still be opened ``read_only``. Nothing is written until the first edit.

        ``shared`` edits without the writer lock, beside other programs that do
        the same: a commit is refused only when a row it changes was changed by
        another since it was read, and :meth:`changes_by_others` says what they
        did (the way a database server is used; here for tests and tools).
        """
        path = Path(path)
        check_header(path)
        lock = None
        if not read_only and not shared:
            lock = take_for_editing(path)
        elif has_hot_journal(path):
            finish_interrupted_save(path)
        state = file_state(path)
        try:
            try:
                conn = _connect(path, "ro" if read_only else "rw")
            except sqlite3.Error as exc:
                raise DamagedFileError(path, f"cannot be opened ({exc}).",
                                       "Check that the file and its folder can be read.") from exc
            try:
                version = cls._check_project(path, conn)
                found = foreign.find(conn)
                if found and not read_only:
                    raise ForeignObjectsError(
                        path, f"holds {len(found)} database object(s) gridmap did not make, which could change or "
                              "copy data whenever the project is edited: "
                              + "; ".join(o.describe() for o in found[:3]) + ("; …" if len(found) > 3 else "") + ".",
                        f"It can be viewed, not edited. If you trust no one added them on purpose, remove them "
                        f"with: gridmap repair {path}", objects=found)
                if not read_only:  # a copy whose check-out record was tampered with is only viewed
                    offline_copy.check(path, conn, dict(conn.execute(f'SELECT key, value FROM "{META_TABLE}"')))
                gpkg.register_functions(conn)  # the R-tree triggers call them on every write
                conn.execute("PRAGMA foreign_keys = ON")
                if not read_only:
                    conn.execute("PRAGMA synchronous = FULL")  # a commit survives a power cut (edits are human-paced)
                if version < SCHEMA_VERSION and read_only:
                    raise NotAProjectError(path, f"uses the older project schema {version} and must be upgraded.",
                                           "Open it in gridmap for editing once; it is upgraded then.")
                if version < SCHEMA_VERSION:
                    try:
                        with sqlite_utils.Database(conn).atomic():
                            migrate(conn, version)
                    except LookupError as exc:
                        raise NotAProjectError(path, f"cannot be upgraded ({exc}).",
                                               "Open it with the gridmap release that made it.") from exc
                    state = file_state(path)  # the upgrade was our own write
                return cls(path, conn, lock=lock, foreign_objects=found, state=state, shared=shared and not read_only)
            except sqlite3.OperationalError as exc:
                conn.close()
                if is_busy(exc):
                    raise in_use(path, f"another program ({exc})") from exc
                raise DamagedFileError(path, f"cannot be read ({exc}).", "Open a backup copy.") from exc
            except BaseException:
                conn.close()
                raise
        except BaseException:
            if lock is not None:
                lock.release()
            raise

    @classmethod
    def repair(cls, path: str | Path, *, dry_run: bool = False) -> tuple[list[foreign.ForeignObject], list[str]]:
        """Remove what gridmap did not make from the file (see ``foreign.py``) in
        one transaction; return what was (or, with ``dry_run``, would be) removed
        and the R-tree triggers of gridmap's put back."""
        path = Path(path)
        check_header(path)
        lock = None if dry_run else take_for_editing(path)
        try:
            conn = _connect(path, "ro" if dry_run else "rw")
            try:
                cls._check_project(path, conn)
                found = foreign.find(conn)
                if dry_run:
                    return found, []
                gpkg.register_functions(conn)
                conn.execute("PRAGMA journal_mode = DELETE")
                with sqlite_utils.Database(conn).atomic():
                    restored = foreign.remove(conn, found)
                return found, restored
            except sqlite3.Error as exc:
                raise write_problem(path, exc) from exc
            finally:
                conn.close()
        finally:
            if lock is not None:
                lock.release()

    @classmethod
    def peek_meta(cls, path: str | Path) -> dict[str, str]:
        """Validate ``path`` and return its metadata without writing anything."""
        path = Path(path)
        check_header(path)
        conn = _connect(path, "ro")
        try:
            cls._check_project(path, conn)
            return dict(conn.execute(f'SELECT key, value FROM "{META_TABLE}"'))
        finally:
            conn.close()

    @staticmethod
    def _check_project(path: Path, conn: sqlite3.Connection) -> int:
        """Validate without writing; return the file's schema version."""
        try:
            names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            if "gpkg_contents" not in names:
                raise NotGeoPackageError(path, "is an SQLite database without GeoPackage tables.",
                                         "gridmap projects are .gpkg files made by gridmap.")
            if META_TABLE not in names:
                raise NotAProjectError(
                    path, "is a GeoPackage but not a gridmap project (it has no gridmap tables).",
                    "To use its layers, create a project and import them.")
            meta = dict(conn.execute(f'SELECT key, value FROM "{META_TABLE}"'))
            version = int(meta.get("schema_version", "0"))
            if version > SCHEMA_VERSION:
                raise NewerSchemaError(
                    path, f"was saved by a newer gridmap (project schema {version}; "
                          f"this gridmap reads up to {SCHEMA_VERSION}).",
                    "Update gridmap to open it. The file was not changed.")
            if version == SCHEMA_VERSION:
                missing = [t for t in TABLE_ORDER if t not in names]
                if missing:
                    raise NotAProjectError(path, f"lacks the project tables {', '.join(missing)}.",
                                           "Open a backup copy.")
            problems = [r[0] for r in conn.execute("PRAGMA quick_check(5)")]
            if problems != ["ok"]:
                raise DamagedFileError(path, f"is damaged ({'; '.join(problems)}).", "Open a backup copy.")
            return version
        except sqlite3.DatabaseError as exc:
            if is_busy(exc):
                raise in_use(path, f"another program ({exc})") from exc
            raise DamagedFileError(path, f"is damaged and cannot be read ({exc}).",
                                   "Open a backup copy.") from exc

    # -- reading ---------------------------------------------------------------

    @contextmanager
    def _reading(self) -> Iterator[None]:
        try:
            yield
        except (sqlite3.DatabaseError, ValueError) as exc:
            raise DamagedFileError(self.path, f"has unreadable data ({exc}).", "Open a backup copy.") from exc

    def read_all(self) -> Tables:
        """Every record of every table, keyed by id, in id order: one snapshot,
        however others commit meanwhile; what later commits are checked against."""
        self.substitutes.clear()
        with collector_paused(), self._reading():
            self.conn.execute("BEGIN")
            try:
                tables = {name: self._read_table(TABLES[name]) for name in TABLE_ORDER}
                self._version = self._data_version()
            finally:
                self.conn.execute("COMMIT")
        self._seen_history = max(tables[HISTORY_TABLE], default=0)
        self._own_history.clear()
        return tables

    def _read_table(self, spec: TableSpec, keys: Sequence[int] | None = None) -> dict[int, Any]:
        """The table's records (only those with ``keys`` when given), by id."""
        order = spec.select_order
        quoted = ", ".join(f'"{n}"' for n in order)
        where = "" if keys is None else f' WHERE "{spec.key}" IN (SELECT value FROM json_each(?))'
        rows = self.conn.execute(f'SELECT {quoted} FROM "{spec.name}"{where} ORDER BY "{spec.key}"',
                                 () if keys is None else (json.dumps(list(keys)),)).fetchall()
        geometries = None
        if spec.is_features:
            at = order.index("geom")
            geometries = gpkg.decode_geometries([row[at] for row in rows])
        key_at = order.index(spec.key)
        return {row[key_at]: record for row, record in zip(rows, spec.from_rows(rows, geometries, self.substitutes))}

    def changes_by_others(self) -> dict[str, dict[int, Any]]:
        """The rows other programs changed since this store last read or wrote
        the history: table → {id: the record now, or None if it is gone}."""
        with self._reading():
            self.conn.execute("BEGIN")
            try:
                entries = self.conn.execute(f'SELECT id, table_name, row_id FROM "{HISTORY_TABLE}" WHERE id > ?',
                                            (self._seen_history,)).fetchall()
                touched: dict[str, set[int]] = {}
                for key, table, row in entries:
                    if key not in self._own_history and table in TABLES:
                        touched.setdefault(table, set()).add(row)
                found = {}
                for table in sorted(touched, key=TABLE_ORDER.index):
                    now = self._read_table(TABLES[table], sorted(touched[table]))
                    found[table] = {row: now.get(row) for row in sorted(touched[table])}
                self._version = self._data_version()
            finally:
                self.conn.execute("COMMIT")
        if entries:
            self._seen_history = max(key for key, _t, _r in entries)
        self._own_history = {key for key in self._own_history if key > self._seen_history}
        return found

    # -- ids -------------------------------------------------------------------

    def allocate_ids(self, count: int) -> range:
        """A block of ``count`` ids no other program is given (see ``ids.py``).

        A shared store records the block at once, in a transaction of its own:
        others may ask at the same moment. A store holding the writer lock is
        the only one that can give ids, so it records the block with the next
        commit that uses it, and an edit that is refused leaves the file
        untouched. A store open for viewing never commits, so never records
        them: its ids can never be written. An offline copy hands out only the
        ids the server set aside for it, so its rows go back unchanged."""
        if self.copy is not None:
            start = max([next_unused(self.conn)] + [given.stop for given in self._unrecorded])
            block = offline_copy.next_block(self.copy, self.path, start, count)
            self._unrecorded.append(block)
            return block
        if self.shared:
            with self.transaction():
                first = take_block(self.conn, count, holder=self._holder(), taken=gpkg_timestamp(_now()))
            return range(first, first + count)
        first = max([next_unused(self.conn)] + [block.stop for block in self._unrecorded])
        block = range(first, first + count)
        self._unrecorded.append(block)  # the next block starts after it, recorded or not
        return block

    @staticmethod
    def _holder() -> str:
        holder = Holder.of_this_process()
        return f"{holder.user}@{holder.host} {holder.pid}"

    # -- writing ---------------------------------------------------------------

    def _data_version(self) -> int:
        return self.conn.execute("PRAGMA data_version").fetchone()[0]

    def external_change(self) -> str | None:
        """What another program did to the file since it was read: ``gone``
        (deleted or moved), ``replaced`` (another file put in its place),
        ``changed`` (rows committed by another connection, or the file written
        over, as ``cp`` does), or None."""
        now = file_state(self.path)
        if now is None:
            return "gone"
        if now[:2] != self._state[:2]:
            return "replaced"
        try:
            version = self._data_version()
        except sqlite3.Error:
            return "changed"  # another program is in the middle of writing it
        return "changed" if version != self._version or now != self._state else None

    def _refuse_stale(self) -> None:
        change = self.external_change()
        if change is None or (self.shared and change == "changed"):  # others' commits are rows to check
            return
        message, advice = {
            "gone": ("was deleted or moved while open; the change was not saved.",
                     "Save the project as it is here with File ▸ Save As."),
            "replaced": ("was replaced by another file while open; the change was not saved.",
                         "Reload to see the file as it is now, or save what is shown here with File ▸ Save As."),
            "changed": (("was changed by another program since it was opened; the change was not saved, so that "
                         "nothing is written over the other program's work."),
                        "Reload the project, then make the change again."),
        }[change]
        raise ProjectWriteError(self.path, change, message, advice)

    def _leave_wal(self) -> None:
        """Switch a file left in WAL mode (by an older gridmap, or QGIS) to the rollback journal."""
        if self.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal":
            self.conn.execute("PRAGMA journal_mode = DELETE")
            now = file_state(self.path)
            if now is not None and now[:2] == self._state[:2]:
                self._state = now  # the header changed by our own hand
        self._journal_checked = True

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One atomic write; everything inside is committed together or not at all.

        Refused with a ``ProjectWriteError`` when the store is read-only, when the
        file is not the one that was read (see :meth:`external_change`), or when
        SQLite cannot write (a full disk, a file made read-only, a lost drive).
        Foreign keys are checked at the commit, not row by row: a merge deletes a
        zone and relinks its buildings in one change set, in whatever order."""
        if self.read_only:
            raise ProjectWriteError(self.path, "viewing", "is open for viewing only; the change was not saved.",
                                    "Open it for editing once no other program holds it.")
        try:
            if not self._journal_checked:
                self._leave_wal()
            self.conn.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as exc:
            self._refuse_stale()  # SQLite refuses to write to a file that was moved or deleted: say that
            raise write_problem(self.path, exc) from exc
        try:
            self._refuse_stale()  # with the write lock taken: nobody commits between this check and ours
            self.conn.execute("PRAGMA defer_foreign_keys = ON")
            yield self.conn
            self.conn.execute("COMMIT")
            self._state = file_state(self.path)  # our own write: the file as it is now is the one we know
        except BaseException as exc:
            if self.conn.in_transaction:
                with suppress(sqlite3.Error):  # SQLite rolled back already (a full disk does that)
                    self.conn.execute("ROLLBACK")
            if isinstance(exc, sqlite3.Error):
                raise write_problem(self.path, exc) from exc
            raise

    def commit(self, changes: Sequence[RowChange], history: Sequence[ChangeLogEntry],
               moment: dt.datetime) -> list[ChangeLogEntry]:
        """Write ``changes`` and their ``history`` in one transaction, all or
        nothing; return the history entries as stored (their ids are the store's
        commit order, whatever ids they came with). Refused with a
        ``ProjectWriteError`` (see :meth:`transaction`); an offline copy refuses
        changes to its read-only rows."""
        if self.copy is not None:
            offline_copy.refuse(self.path, self.copy, changes)
        with self.transaction():
            for block in self._unrecorded:
                record_block(self.conn, block.start, len(block), holder=self._holder(), taken=gpkg_timestamp(moment))
            self.write_changes(changes, moment)
            first = self.conn.execute(f'SELECT coalesce(max(id), 0) + 1 FROM "{HISTORY_TABLE}"').fetchone()[0]
            at = DATETIME.decode(DATETIME.encode(moment))  # as it is stored (to the millisecond)
            stored = [entry._replace(id=first + i, at=at) for i, entry in enumerate(history)]
            self.append_records(HISTORY_TABLE, stored)
        self._own_history.update(entry.id for entry in stored)
        self._unrecorded.clear()
        return stored

    def rebase_copy(self, changes: Sequence[RowChange], history: Sequence[ChangeLogEntry], moment: dt.datetime,
                    bases: Mapping[tuple[str, int], offline_copy.Base | None], meta: Mapping[str, str]) -> None:
        """Bring an offline copy up to date after a check-in (``gridmap.offline``),
        in one transaction: the server's rows written (read-only or not), their
        history, the rows' new bases and the copy's keys; the history written
        here and before is not sent again."""
        with self.transaction():
            self.write_changes(changes, moment)
            first = self.conn.execute(f'SELECT coalesce(max(id), 0) + 1 FROM "{HISTORY_TABLE}"').fetchone()[0]
            at = DATETIME.decode(DATETIME.encode(moment))
            self.append_records(HISTORY_TABLE, [entry._replace(id=first + i, at=at) for i, entry in enumerate(history)])
            last = self.conn.execute(f'SELECT coalesce(max(id), 0) FROM "{HISTORY_TABLE}"').fetchone()[0]
            meta = {**meta, offline_copy.LOCAL_HISTORY: str(last)}
            offline_copy.rebase(self.conn, bases, meta)
        self.meta.update(meta)
        self.copy = offline_copy.held(self.conn, self.meta)

    def mark_copy(self, meta: Mapping[str, str]) -> None:
        """Set an offline copy's own keys (its state after a check-in) in a transaction of their own."""
        with self.transaction():
            offline_copy.set_meta(self.conn, meta)
        self.meta.update(meta)
        self.copy = offline_copy.held(self.conn, self.meta)

    def _check_unchanged(self, changes: Sequence[RowChange]) -> None:
        """Refuse changes to rows another program changed since they were read
        (a shared store; a store with the writer lock knows nobody else writes)."""
        by_table: dict[str, dict[int, Any]] = {}
        for change in changes:
            if change.before is not None:
                by_table.setdefault(change.table, {})[change.key] = change.before
        for table, before in by_table.items():
            now = self._read_table(TABLES[table], list(before))
            changed = [key for key, record in before.items() if now.get(key) != record]
            if changed:
                raise ProjectWriteError(
                    self.path, "conflict", f"has {table} {changed[0]} changed by someone else since it was read; "
                                           "the change was not saved, so that nothing is written over their work.",
                    "Reload to see their change, then make yours again.")

    def write_changes(self, changes: Iterable[RowChange], moment: dt.datetime) -> None:
        """Write row changes inside the caller's :meth:`transaction`.

        Deletes go first, children before parents; then inserts and updates,
        parents before children. Updates are real UPDATE statements, so the
        R-tree triggers see them (an INSERT OR REPLACE would not fire the one
        that removes an emptied geometry).
        """
        changes = list(changes)
        if self.shared:
            self._check_unchanged(changes)
        stamp = gpkg_timestamp(moment)
        order = {name: i for i, name in enumerate(TABLE_ORDER)}
        for change in sorted((c for c in changes if c.after is None), key=lambda c: -order[c.table]):
            spec = TABLES[change.table]
            self.conn.execute(f'DELETE FROM "{spec.name}" WHERE "{spec.key}" = ?', (change.key,))
        written: dict[str, list[RowChange]] = {}
        for change in changes:
            if change.after is not None:
                written.setdefault(change.table, []).append(change)
        for name in sorted(written, key=order.get):
            spec = TABLES[name]
            inserted = [c.after for c in written[name] if c.before is None]
            updated = [c.after for c in written[name] if c.before is not None]
            self.conn.executemany(_insert_sql(spec), _rows(spec, inserted, self.srs_id))
            self.conn.executemany(_update_sql(spec), [row[1:] + row[:1] for row in _rows(spec, updated, self.srs_id)])
            if spec.is_features:
                bounds = shapely.bounds(np.array([c.after.geometry for c in written[name]], dtype=object))
                gpkg.update_extent(self.conn, name, bounds, stamp, grow=True)
        # Every touched table's last_change is current: the charts print it as the date of the data.
        self.conn.executemany("UPDATE gpkg_contents SET last_change = ? WHERE table_name = ?",
                              [(stamp, name) for name in sorted({c.table for c in changes})])

    def last_change(self) -> dt.datetime:
        """When the project's content last changed (GeoPackage ``last_change``, UTC)."""
        stamp = self.conn.execute("SELECT max(last_change) FROM gpkg_contents").fetchone()[0]
        return dt.datetime.strptime(stamp, "%Y-%m-%dT%H:%M:%S.%fZ").replace(tzinfo=dt.UTC)

    def append_records(self, table: str, records: Sequence[Any]) -> None:
        """Insert new records inside the caller's transaction (e.g. change-log rows)."""
        spec = TABLES[table]
        self.conn.executemany(_insert_sql(spec), _rows(spec, records, self.srs_id))

    # -- whole-file operations -------------------------------------------------

    def save_as(self, path: str | Path) -> None:
        """Copy the committed project to ``path`` (a consistent snapshot, atomically
        placed), with each feature table's extent made exact again."""
        path = Path(path)
        with _written_in_place_of(path) as partial, closing(sqlite3.connect(partial, isolation_level=None)) as target:
            self.conn.backup(target)
            target.execute("PRAGMA journal_mode = DELETE")
            if self.foreign_objects:  # a copy of a file opened read-only for them: the copy is made clean
                gpkg.register_functions(target)
                with sqlite_utils.Database(target).atomic():
                    foreign.remove(target, foreign.find(target))
            for name in (n for n in TABLE_ORDER if TABLES[n].is_features):
                # The R-tree holds every box: its bounds are the table's (to float32 precision).
                box = target.execute(f'SELECT min(minx), min(miny), max(maxx), max(maxy) FROM "rtree_{name}_geom"')
                target.execute("UPDATE gpkg_contents SET min_x = ?, min_y = ?, max_x = ?, max_y = ? "
                               "WHERE table_name = ?", (*box.fetchone(), name))

    @property
    def is_open(self) -> bool:
        try:
            self.conn.execute("SELECT 1")
            return True
        except sqlite3.ProgrammingError:
            return False

    def give_up_editing(self) -> None:
        """Let go of the writer lock and read only from now on (before reopening
        the same file for editing in this process)."""
        if self.lock is not None:
            self.lock.release()
            self.lock = None

    def close(self) -> None:
        """Close the file and let go of its writer lock (closing twice is harmless)."""
        try:
            self.conn.close()
        finally:
            self.give_up_editing()
