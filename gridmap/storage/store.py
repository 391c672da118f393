"""Reading and writing the project file.

The file is the single source of truth: every edit is committed at once in one
transaction (WAL journal while open, so a killed process leaves the last
committed state), and the file is made self-contained again (no -wal) on close.
"""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
from contextlib import closing, contextmanager
from pathlib import Path
from typing import Any, Iterable, Iterator, Mapping, Sequence

import numpy as np
import shapely
import sqlite_utils

from gridmap.bulk import collector_paused
from gridmap.errors import DamagedFileError, InUseError, NewerSchemaError, NotAProjectError, NotGeoPackageError
from gridmap.model.changes import RowChange
from gridmap.model.tables import DATETIME, TABLE_ORDER, TABLES, TableSpec
from gridmap.spatial.shapes import SHAPELY_NAMES
from gridmap.storage import gpkg
from gridmap.storage.checks import check_header
from gridmap.storage.schema import META_TABLE, SCHEMA_VERSION, create_schema, migrate

Tables = dict[str, dict[int, Any]]


gpkg_timestamp = DATETIME.to_sql  # the GeoPackage form: UTC, milliseconds, Z


def _connect(path: Path, mode: str) -> sqlite3.Connection:
    # isolation_level=None: transactions are explicit (sqlite-utils' atomic()).
    return sqlite3.connect(f"{path.resolve().as_uri()}?mode={mode}", uri=True, isolation_level=None)


@contextmanager
def _written_in_place_of(path: Path) -> Iterator[Path]:
    """Yield a temporary path beside ``path``; on success it replaces ``path``
    in one rename, on failure it is removed and ``path`` is untouched."""
    partial = path.with_name(path.name + ".part")
    partial.unlink(missing_ok=True)
    try:
        yield partial
        os.replace(partial, path)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise


def _is_lock_error(exc: sqlite3.Error) -> bool:
    return "locked" in str(exc) or "busy" in str(exc)


def _in_use(path: Path, exc: sqlite3.Error) -> InUseError:
    return InUseError(path, f"is in use by another program ({exc}).",
                      "Close it there (or wait for that program to finish) and open it again.")


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
    """An open project file. Create with :meth:`create`, open with :meth:`open`."""

    def __init__(self, path: Path, conn: sqlite3.Connection) -> None:
        self.path = path
        self.conn = conn
        self.db = sqlite_utils.Database(conn)
        self.meta: dict[str, str] = dict(conn.execute(f'SELECT key, value FROM "{META_TABLE}"'))
        self.srs_id = int(self.meta["srs_id"])

    # -- creating and opening ------------------------------------------------

    @classmethod
    def create(cls, path: str | Path, *, epsg: int, tables: Mapping[str, Sequence[Any]],
               meta: Mapping[str, str], moment: dt.datetime) -> None:
        """Write a new project file holding ``tables``.

        Written to a temporary file beside ``path`` and renamed into place, so
        ``path`` is either untouched or complete.
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

    @classmethod
    def open(cls, path: str | Path, *, read_only: bool = False) -> "ProjectStore":
        """Open an existing project (still in its own journal mode: call
        :meth:`start_editing` once its tables have been read).

        Raises a ``ProjectFileError`` naming the file and the problem; in that
        case the file on disk is left byte for byte as it was (an older file
        that is upgraded is the one exception: the upgrade is committed).
        ``read_only`` never writes: for commands that only report.
        """
        path = Path(path)
        check_header(path)
        try:
            conn = _connect(path, "ro" if read_only else "rw")
        except sqlite3.Error as exc:
            raise DamagedFileError(path, f"cannot be opened for writing ({exc}).",
                                   "Check that the file is not read-only.") from exc
        try:
            version = cls._check_project(path, conn)
            gpkg.register_functions(conn)  # the R-tree triggers call them on every write
            conn.execute("PRAGMA foreign_keys = ON")
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
            return cls(path, conn)
        except sqlite3.OperationalError as exc:
            conn.close()
            if _is_lock_error(exc):
                raise _in_use(path, exc) from exc
            raise
        except BaseException:
            conn.close()
            raise

    def start_editing(self) -> None:
        """Switch to the WAL journal for the editing session.

        WAL: a crash mid-write leaves the last committed state; FULL: the last
        commit survives a power cut too (edits are human-paced). Undone by :meth:`close`.
        """
        try:
            self.conn.execute("PRAGMA journal_mode = WAL")
            self.conn.execute("PRAGMA synchronous = FULL")
        except sqlite3.OperationalError as exc:
            if _is_lock_error(exc):
                raise _in_use(self.path, exc) from exc
            raise

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
            if _is_lock_error(exc):
                raise _in_use(path, exc) from exc
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
        """Every record of every table, keyed by id, in id order."""
        with collector_paused(), self._reading():
            return {name: self._read_table(TABLES[name]) for name in TABLE_ORDER}

    def _read_table(self, spec: TableSpec) -> dict[int, Any]:
        order = spec.select_order
        quoted = ", ".join(f'"{n}"' for n in order)
        rows = self.conn.execute(f'SELECT {quoted} FROM "{spec.name}" ORDER BY "{spec.key}"').fetchall()
        geometries = None
        if spec.is_features:
            at = order.index("geom")
            geometries = gpkg.decode_geometries([row[at] for row in rows])
        key_at = order.index(spec.key)
        return {row[key_at]: record for row, record in zip(rows, spec.from_rows(rows, geometries))}

    def next_ids(self) -> dict[str, int]:
        """The next unused id per table (ids of deleted rows are never reused)."""
        seq = dict(self.conn.execute("SELECT name, seq FROM sqlite_sequence"))
        return {name: int(seq.get(name, 0)) + 1 for name in TABLE_ORDER}

    # -- writing ---------------------------------------------------------------

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One atomic write; everything inside is committed together or not at all.

        Foreign keys are checked at the commit, not row by row: a merge deletes a
        zone and relinks its buildings in one change set, in whatever order."""
        with self.db.atomic():
            self.conn.execute("PRAGMA defer_foreign_keys = ON")
            yield self.conn

    def write_changes(self, changes: Iterable[RowChange], moment: dt.datetime) -> None:
        """Write row changes inside the caller's :meth:`transaction`.

        Deletes go first, children before parents; then inserts and updates,
        parents before children. Updates are real UPDATE statements, so the
        R-tree triggers see them (an INSERT OR REPLACE would not fire the one
        that removes an emptied geometry).
        """
        changes = list(changes)
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
        return dt.datetime.strptime(stamp, "%Y-%m-%dT%H:%M:%S.%fZ").replace(tzinfo=dt.timezone.utc)

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

    def close(self) -> None:
        """Fold the WAL back into the file so it is one self-contained .gpkg again.

        Closing twice is harmless."""
        if not self.is_open:
            return
        if self.conn.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
            self.conn.close()  # never switched to WAL (read-only, or not yet editing): nothing to fold
            return
        try:
            self.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            self.conn.execute("PRAGMA journal_mode = DELETE")
        except sqlite3.OperationalError:
            pass  # another program (QGIS?) has the file open: it stays in WAL mode, still whole
        finally:
            self.conn.close()
