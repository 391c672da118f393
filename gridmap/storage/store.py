"""Reading and writing the project file.

The file is the single source of truth: every edit is committed at once in one
transaction (WAL journal while open, so a killed process leaves the last
committed state), and the file is made self-contained again (no -wal) on close.
"""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Iterable, Iterator, Mapping, Sequence

import numpy as np
import shapely
import sqlite_utils

from gridmap.errors import DamagedFileError, NewerSchemaError, NotAProjectError, NotGeoPackageError
from gridmap.model.changes import RowChange
from gridmap.model.tables import TABLE_ORDER, TABLES, TableSpec
from gridmap.spatial.shapes import SHAPELY_NAMES
from gridmap.storage import gpkg
from gridmap.storage.checks import check_header
from gridmap.storage.schema import META_TABLE, SCHEMA_VERSION, create_schema, migrate

Tables = dict[str, dict[int, Any]]


def gpkg_timestamp(moment: dt.datetime) -> str:
    utc = moment.astimezone(dt.timezone.utc)
    return utc.strftime("%Y-%m-%dT%H:%M:%S.") + f"{utc.microsecond // 1000:03d}Z"


def _connect(path: Path, mode: str) -> sqlite3.Connection:
    # isolation_level=None: transactions are explicit (sqlite-utils' atomic()).
    return sqlite3.connect(f"{path.resolve().as_uri()}?mode={mode}", uri=True, isolation_level=None)


def _insert_sql(spec: TableSpec) -> str:
    names = [spec.key] + (["geom"] if spec.is_features else []) + list(spec.column_names)
    quoted = ", ".join(f'"{n}"' for n in names)
    return f'INSERT INTO "{spec.name}" ({quoted}) VALUES ({", ".join("?" * len(names))})'


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
        partial = path.with_name(path.name + ".part")
        partial.unlink(missing_ok=True)
        stamp = gpkg_timestamp(moment)
        conn = sqlite3.connect(partial, isolation_level=None)
        gpkg.register_functions(conn)
        try:
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
            conn.close()
            os.replace(partial, path)
        except BaseException:
            conn.close()
            partial.unlink(missing_ok=True)
            raise

    @classmethod
    def open(cls, path: str | Path) -> "ProjectStore":
        """Open an existing project for editing.

        Raises a ``ProjectFileError`` naming the file and the problem; in that
        case the file on disk is left byte for byte as it was.
        """
        path = Path(path)
        check_header(path)
        try:
            conn = _connect(path, "rw")
        except sqlite3.Error as exc:
            raise DamagedFileError(path, f"cannot be opened for writing ({exc}).",
                                   "Check that the file is not read-only or locked.") from exc
        try:
            version = cls._check_project(path, conn)
            gpkg.register_functions(conn)  # the R-tree triggers call them on every write
            conn.execute("PRAGMA foreign_keys = ON")
            if version < SCHEMA_VERSION:
                try:
                    with sqlite_utils.Database(conn).atomic():
                        migrate(conn, version)
                except LookupError as exc:
                    raise NotAProjectError(path, f"cannot be upgraded ({exc}).",
                                           "Open it with the gridmap release that made it.") from exc
            # WAL: a crash mid-write leaves the last committed state; FULL: the
            # last commit survives a power cut too. Edits are human-paced.
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = FULL")
            return cls(path, conn)
        except BaseException:
            conn.close()
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
        with self._reading():
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
        """One atomic write; everything inside is committed together or not at all."""
        with self.db.atomic():
            yield self.conn

    def write_changes(self, changes: Iterable[RowChange], moment: dt.datetime) -> None:
        """Write row changes inside the caller's :meth:`transaction`."""
        changes = list(changes)
        stamp = gpkg_timestamp(moment)
        for change in changes:  # deletes first, children before parents
            if change.after is None:
                spec = TABLES[change.table]
                self.conn.execute(f'DELETE FROM "{spec.name}" WHERE "{spec.key}" = ?', (change.key,))
        touched: dict[str, list[Any]] = {}
        for change in changes:
            if change.after is not None:
                touched.setdefault(change.table, []).append(change.after)
        for name in (n for n in TABLE_ORDER if n in touched):
            spec = TABLES[name]
            records = touched[name]
            # REPLACE keeps the id: an update is the row written anew.
            self.conn.executemany(_insert_sql(spec).replace("INSERT", "INSERT OR REPLACE", 1),
                                  _rows(spec, records, self.srs_id))
            if spec.is_features:
                bounds = shapely.bounds(np.array([r.geometry for r in records], dtype=object))
                gpkg.update_extent(self.conn, name, bounds, stamp, grow=True)
        for name in {c.table for c in changes if c.after is None and TABLES[c.table].is_features}:
            self.conn.execute("UPDATE gpkg_contents SET last_change = ? WHERE table_name = ?", (stamp, name))

    def append_records(self, table: str, records: Sequence[Any]) -> None:
        """Insert new records inside the caller's transaction (e.g. change-log rows)."""
        spec = TABLES[table]
        self.conn.executemany(_insert_sql(spec), _rows(spec, records, self.srs_id))

    # -- whole-file operations -------------------------------------------------

    def save_as(self, path: str | Path) -> None:
        """Copy the committed project to ``path`` (a consistent snapshot, atomically placed)."""
        path = Path(path)
        partial = path.with_name(path.name + ".part")
        partial.unlink(missing_ok=True)
        target = sqlite3.connect(partial, isolation_level=None)
        try:
            self.conn.backup(target)
            target.execute("PRAGMA journal_mode = DELETE")
            target.close()
            os.replace(partial, path)
        except BaseException:
            target.close()
            partial.unlink(missing_ok=True)
            raise

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
        try:
            self.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            self.conn.execute("PRAGMA journal_mode = DELETE")
        except sqlite3.OperationalError:
            pass  # another program (QGIS?) has the file open: it stays in WAL mode, still whole
        finally:
            self.conn.close()
