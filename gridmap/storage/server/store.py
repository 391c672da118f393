"""A project shared on a PostgreSQL/PostGIS server: the ``protocol.Store`` that
many desks open at once.

Each commit is one transaction. Rows are checked before they are written over
(optimistic concurrency): an edit computed from a row someone else changed
since it was read is refused, naming who changed it, and nothing is written.
The history is numbered in commit order (an advisory lock taken just before it
is written), so a desk that has seen every entry up to N and then reads those
above N never misses one; a NOTIFY after each commit tells the other desks to
look. A commit whose connection breaks at the COMMIT itself is looked up again
by its token once the server is back, so the desk knows whether it landed.
"""

from __future__ import annotations

import datetime as dt
import uuid
from contextlib import suppress
from pathlib import Path
from types import MappingProxyType
from typing import Any
from collections.abc import Iterable, Mapping, Sequence

import numpy as np
import psycopg
import shapely

from gridmap.bulk import collector_paused
from gridmap.errors import Conflict, ProjectWriteError, ServerError
from gridmap.model.changes import RowChange
from gridmap.model.entities import ChangeLogEntry
from gridmap.model.tables import DATETIME, TABLE_ORDER, TABLES, Substitute
from gridmap.spatial.shapes import identical
from gridmap.storage.checksums import TableSum, table_sums
from gridmap.storage.ids import HISTORY_TABLE, ID_BLOCKS_TABLE
from gridmap.storage.lock import Holder
from gridmap.storage.protocol import Tables
from gridmap.storage.schema import META_TABLE, SCHEMA_VERSION
from gridmap.storage.server import rows
from gridmap.storage.server import schema as server_schema
from gridmap.storage.server.address import shown
from gridmap.storage.server.rights import GROUPS_TABLE, install_rights
from gridmap.storage.server.connection import connect, connection_problem, is_connection_lost, statement_problem
from gridmap.storage.server.schema import (
    CHANNEL, COMMITS_TABLE, FAMILY_LOCK, HISTORY_LOCK, IDS_TABLE, VERSION_COLUMN, WRITING, create_schema,
    create_spatial_indexes, migrate,
)



def _holder() -> str:
    holder = Holder.of_this_process()
    return f"{holder.user}@{holder.host} {holder.pid}"


class ServerStore:
    """An open shared project. Create with :meth:`create`, open with :meth:`open`."""

    path = None  # no file: see ``address``
    read_only_rows: Mapping[str, frozenset[int]] = MappingProxyType({})  # rights are the server's to keep

    def __init__(self, url: str, conn: psycopg.Connection, *, read_only: bool) -> None:
        self.url = url  # with its password, if it has one: kept in memory only
        self.address = shown(url)
        self.conn = conn
        self._read_only = read_only
        self.user: str = conn.execute("SELECT current_user").fetchone()[0]  # the history's "who"
        self.meta: dict[str, str] = dict(conn.execute(f'SELECT key, value FROM "{META_TABLE}"').fetchall())
        self.srs_id = int(self.meta["srs_id"])
        self._last_change = DATETIME.decode(self.meta["created"])
        self.substitutes: list[Substitute] = []
        self._seen_history = 0  # the last history entry read or written here
        self._own_history: set[int] = set()  # entries written here above it
        self._listener: psycopg.Connection | None = None
        self._local_ids = 2**62  # the next id a store open for viewing hands out (never written)
        self._readable: set[str] = set(TABLE_ORDER)  # the tables this user may read (set by read_all)
        # Each zone's row version and parent as this desk last saw them: an edit of
        # a boundary was checked against these neighbours, so it may land only if
        # they are still the same (see _check_neighbours).
        self._zones_seen: dict[int, tuple[int, int | None]] = {}
        self._zone_boxes: dict[int, tuple[float, float, float, float]] = {}  # their bounds as this desk saw them

    # -- creating and opening ------------------------------------------------

    @classmethod
    def create(cls, url: str, *, epsg: int, tables: Mapping[str, Sequence[Any]], meta: Mapping[str, str],
               moment: dt.datetime) -> dict[str, TableSum]:
        """Write a new project holding ``tables`` into the (empty) database at
        ``url``, in one transaction: the database holds all of it or none.
        Before the commit every table is read back and its row count and
        checksum compared with ``tables``'; return them."""
        address = shown(url)
        with connect(url) as conn:
            try:
                _require_postgis(conn, address)
                _require_room(conn, address)
                if conn.execute("SELECT 1 FROM spatial_ref_sys WHERE srid = %s", (epsg,)).fetchone() is None:
                    raise ServerError(address, "refused", f"does not know the coordinate system EPSG:{epsg}.",
                                      "Update PostGIS on the server.")
                stamp = DATETIME.encode(moment)
                conn.execute(f"SET LOCAL {WRITING} = 'on'")  # the rows come with their own history
                create_schema(conn, srid=epsg)
                all_meta = {"schema_version": str(SCHEMA_VERSION), "srs_id": str(epsg), "created": stamp, **meta}
                with conn.cursor() as cursor:
                    cursor.executemany(f'INSERT INTO "{META_TABLE}" VALUES (%s, %s)', sorted(all_meta.items()))
                for name in TABLE_ORDER:
                    _copy_rows(conn, name, tables.get(name, ()), epsg)
                conn.execute("SET CONSTRAINTS ALL IMMEDIATE")  # references checked now: indexes need no pending checks
                create_spatial_indexes(conn)
                top = max([_highest_key(name, tables.get(name, ())) for name in TABLE_ORDER if name != HISTORY_TABLE]
                          + [0])
                conn.execute(f'INSERT INTO "{IDS_TABLE}" (next_id) VALUES (%s)', (top + 1,))
                if top:
                    conn.execute(f'INSERT INTO "{ID_BLOCKS_TABLE}" (first, count, holder, taken) '
                                 "VALUES (1, %s, 'created', %s)", (top, stamp))
                sums = _compare_read_back(conn, tables, address)
                install_rights(conn)  # the groups, grants and row-level security (rights.py)
                conn.commit()
                return sums
            except psycopg.Error as exc:
                raise statement_problem(url, exc) from exc

    @classmethod
    def open(cls, url: str, *, read_only: bool = False) -> ServerStore:
        """Open the project at ``url`` (``ServerError`` says why not). An older
        schema is upgraded in one transaction, unless ``read_only``."""
        address = shown(url)
        conn = connect(url, autocommit=True)
        try:
            names = {name for name, in conn.execute(
                "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()")}
            if META_TABLE not in names:
                raise ServerError(address, "not-a-project", "holds no gridmap project.",
                                  "Publish one there with: gridmap publish FILE.gpkg URL.")
            version = int(dict(conn.execute(f'SELECT key, value FROM "{META_TABLE}"').fetchall())
                          .get("schema_version", "0"))
            if version > SCHEMA_VERSION:
                raise ServerError(address, "newer-schema",
                                  f"holds a project of a newer gridmap (schema {version}; this one reads up to "
                                  f"{SCHEMA_VERSION}).", "Update gridmap to open it.")
            if version < SCHEMA_VERSION:
                if read_only:
                    raise ServerError(address, "not-a-project", f"holds a project of the older schema {version}.",
                                      "Open it for editing once, as its owner, to upgrade it.")
                _upgrade(conn, address, version)
            may_write = conn.execute(
                "SELECT bool_or(has_table_privilege(current_user, quote_ident(t), 'INSERT')) FROM unnest(%s::text[]) t",
                (list(TABLE_ORDER),)).fetchone()[0]
            return cls(url, conn, read_only=read_only or not may_write)  # a viewer only ever views
        except psycopg.Error as exc:
            conn.close()
            raise statement_problem(url, exc) from exc
        except BaseException:
            conn.close()
            raise

    @property
    def read_only(self) -> bool:
        return self._read_only

    # -- reading ---------------------------------------------------------------

    def _snapshot(self) -> tuple[Tables, list[Substitute], dict[int, tuple[int, int | None]]]:
        """Every table as one consistent snapshot (REPEATABLE READ), and the zones' versions."""
        found: list[Substitute] = []
        with collector_paused(), self._talking(), self.conn.transaction():
            self.conn.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            readable = self._readable = self._readable_tables()
            with self.conn.cursor(binary=True) as cursor:
                tables = {}
                for name in TABLE_ORDER:
                    spec = TABLES[name]
                    tables[name] = rows.records(spec, cursor.execute(rows.select_sql(spec)).fetchall(), found) \
                        if name in readable else {}
            zones = self._zone_versions(None)
            last = self.conn.execute(f'SELECT {rows.DATETIME_TEXT.format("max(at)")} FROM "{COMMITS_TABLE}"').fetchone()
        if last[0]:
            self._last_change = max(self._last_change, DATETIME.decode(last[0]))
        return tables, found, zones

    def _zone_versions(self, keys: Iterable[int] | None) -> dict[int, tuple[int, int | None]]:
        where, arguments = ("", ()) if keys is None else (" WHERE id = ANY(%s)", (list(keys),))
        found = self.conn.execute(f'SELECT id, {VERSION_COLUMN}, parent_id FROM zones{where}', arguments)
        return {key: (version, parent) for key, version, parent in found}

    def _readable_tables(self) -> set[str]:
        """The tables this user may read (a viewer may not read households, say: they stay empty here)."""
        return {name for name in TABLE_ORDER if self.conn.execute(
            "SELECT has_table_privilege(current_user, quote_ident(%s), 'SELECT')", (name,)).fetchone()[0]}

    def read_all(self) -> Tables:
        """Every record of every table, keyed by id: one snapshot, however others commit meanwhile."""
        tables, found, self._zones_seen = self._snapshot()
        self.substitutes[:] = found
        self._zone_boxes = {}
        self._see_zones(tables["zones"])
        self._seen_history = max(tables[HISTORY_TABLE], default=0)
        self._own_history.clear()
        return tables

    def _read_rows(self, table: str, keys: Iterable[int], *, lock: bool = False) -> dict[int, Any]:
        spec = TABLES[table]
        query = rows.select_sql(spec, where=f' WHERE "{spec.key}" = ANY(%s)')
        if lock:
            query += " FOR UPDATE"
        with self.conn.cursor(binary=True) as cursor:
            return rows.records(spec, cursor.execute(query, (list(keys),)).fetchall(), self.substitutes)

    def changes_by_others(self) -> dict[str, dict[int, Any]]:
        """The rows others committed since this store last read or wrote the
        history: table → {id: the record now, or None if it is gone}; their
        history entries come as rows of ``change_log``."""
        with self._talking(), self.conn.transaction():
            self.conn.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            spec = TABLES[HISTORY_TABLE]
            with self.conn.cursor(binary=True) as cursor:
                entries = rows.records(spec, cursor.execute(rows.select_sql(spec, where=' WHERE "id" > %s'),
                                                            (self._seen_history,)).fetchall())
            others = {key: entry for key, entry in entries.items() if key not in self._own_history}
            touched: dict[str, set[int]] = {}
            for entry in others.values():
                if entry.table_name in self._readable:
                    touched.setdefault(entry.table_name, set()).add(entry.row_id)
            found: dict[str, dict[int, Any]] = {}
            for table in sorted(touched, key=TABLE_ORDER.index):
                now = self._read_rows(table, sorted(touched[table]))
                found[table] = {key: now.get(key) for key in sorted(touched[table])}
            zones = self._zone_versions(touched.get("zones", ()))
        for key in touched.get("zones", ()):
            self._zones_seen.pop(key, None)
        self._zones_seen.update(zones)
        self._see_zones(found.get("zones", {}))
        if others:
            found[HISTORY_TABLE] = others
            self._last_change = max(self._last_change, *(entry.at for entry in others.values()))
        if entries:
            self._seen_history = max(entries)
        self._own_history = {key for key in self._own_history if key > self._seen_history}
        return found

    # -- others' commits, as they happen --------------------------------------

    def listen(self) -> int:
        """Start listening for others' commits; return the socket to watch (a
        readable socket means: call :meth:`take_notices`, then :meth:`changes_by_others`)."""
        if self._listener is None or self._listener.closed:
            self._listener = connect(self.url, autocommit=True)
            try:
                self._listener.execute(f"LISTEN {CHANNEL}")
            except psycopg.Error as exc:
                raise statement_problem(self.url, exc) from exc
        return self._listener.fileno()

    def take_notices(self, timeout: float = 0.0) -> int:
        """How many commits were announced (waiting up to ``timeout`` seconds for the first)."""
        self.listen()
        try:
            count = 0
            for _notice in self._listener.notifies(timeout=timeout, stop_after=1):
                count += 1
            for _notice in self._listener.notifies(timeout=0):
                count += 1
            return count
        except psycopg.Error as exc:
            with suppress(psycopg.Error):
                self._listener.close()
            raise connection_problem(self.url, exc) from exc

    # -- ids -------------------------------------------------------------------

    def allocate_ids(self, count: int) -> range:
        """A block of ``count`` ids no other desk is given (recorded on the server at once)."""
        if self.read_only:  # never written: ids far above the server's will do (a viewer may not read its counter)
            first = self._local_ids
            self._local_ids += count
            return range(first, first + count)
        try:
            with self._talking():
                first = self.conn.execute("SELECT gridmap_take_ids(%s, %s)", (count, _holder())).fetchone()[0]
        except ServerError as error:
            kind = "denied" if error.kind == "denied" else "offline"
            raise ProjectWriteError(self.address, kind, error.problem, error.advice) from error
        return range(first, first + count)

    # -- writing ---------------------------------------------------------------

    def commit(self, changes: Sequence[RowChange], history: Sequence[ChangeLogEntry],
               moment: dt.datetime) -> list[ChangeLogEntry]:
        """Write ``changes`` and their ``history`` in one transaction, all or
        nothing; return the history as stored (numbered in commit order, "who"
        being the database user)."""
        if self.read_only:
            raise ProjectWriteError(self.address, "viewing", "is open for viewing only; the change was not saved.",
                                    "Open it for editing.")
        token = uuid.uuid4()
        try:
            self._reconnect_if_lost()
        except ServerError as error:
            raise ProjectWriteError(self.address, "offline", f"{error.problem} The change was not saved.",
                                    error.advice) from error
        try:
            self.conn.execute("BEGIN")
            self.conn.execute(f"SET LOCAL {WRITING} = 'on'")  # our history is written below, not by the triggers
            moved = self._check_neighbours(changes)  # first: the family locks before any row lock
            self._check_unchanged(changes)
            self._write(changes)
            zones_now = self._zone_versions(moved) if moved else {}
            self.conn.execute("SELECT pg_advisory_xact_lock(%s)", (HISTORY_LOCK,))
            first = self.conn.execute("SELECT gridmap_last_history() + 1").fetchone()[0]  # whatever RLS hides
            at = DATETIME.decode(DATETIME.encode(moment))  # as it is stored (to the millisecond)
            stored = [entry._replace(id=first + i, who=self.user, at=at) for i, entry in enumerate(history)]
            spec = TABLES[HISTORY_TABLE]
            with self.conn.cursor() as cursor:
                cursor.executemany(rows.insert_sql(spec, self.srs_id), rows.parameters(spec, stored))
            last = first + len(stored) - 1
            self.conn.execute(f'INSERT INTO "{COMMITS_TABLE}" (token, at, last_history) VALUES (%s, %s, %s)',
                              (token, DATETIME.encode(moment), last))
            self.conn.execute("SELECT pg_notify(%s, %s)", (CHANNEL, str(last)))
        except ProjectWriteError:
            self._roll_back()
            raise
        except psycopg.Error as exc:
            self._roll_back()
            raise self._write_problem(exc) from exc
        try:
            self.conn.execute("COMMIT")
        except psycopg.Error as exc:
            if not is_connection_lost(exc) or not self._landed(token):
                self._roll_back()
                raise self._write_problem(exc) from exc
        self._own_history.update(entry.id for entry in stored)
        self._last_change = max(self._last_change, DATETIME.decode(DATETIME.encode(moment)))
        for key in moved:
            self._zones_seen.pop(key, None)
        self._zones_seen.update(zones_now)
        self._see_zones({c.key: c.after for c in changes if c.table == "zones" and c.key in moved})
        return stored

    def _see_zones(self, zones: Mapping[int, Any]) -> None:
        """Remember the bounds of ``zones`` as this desk now has them (None: gone)."""
        for key, zone in zones.items():
            shape = None if zone is None else zone.geometry
            if shape is None or shape.is_empty:
                self._zone_boxes.pop(key, None)
            else:
                self._zone_boxes[key] = tuple(shape.bounds)

    def _landed(self, token: uuid.UUID) -> bool:
        """Whether the commit with ``token`` is on the server (asked once it answers again)."""
        try:
            self._reconnect()
            return self.conn.execute(f'SELECT 1 FROM "{COMMITS_TABLE}" WHERE token = %s',
                                     (token,)).fetchone() is not None
        except (psycopg.Error, ServerError):
            return False  # not known: said as not saved, and the desk reloads once back

    def _roll_back(self) -> None:
        with suppress(psycopg.Error):
            self.conn.execute("ROLLBACK")

    def _write_problem(self, exc: psycopg.Error) -> ProjectWriteError:
        if is_connection_lost(exc):
            return ProjectWriteError(self.address, "offline", "cannot be reached; the change was not saved.",
                                     "Check the network and that the database server is running, then do it again.")
        if isinstance(exc, (psycopg.errors.TransactionRollback, psycopg.errors.LockNotAvailable)):
            return ProjectWriteError(self.address, "in-use", "was saving the same rows for another desk at that "
                                                             "moment; the change was not saved.",
                                     "Do it again in a moment.")
        if isinstance(exc, psycopg.errors.InsufficientPrivilege):
            return ProjectWriteError(self.address, "denied", "does not give you the right to make this change; it "
                                                             "was not saved.",
                                     "Ask the office's administrator, or edit only your own community.")
        if isinstance(exc, psycopg.errors.IntegrityError):
            return ProjectWriteError(self.address, "refused", f"refused the change ({exc.diag.message_primary}).",
                                     "Reload the project, then make the change again.")
        return ProjectWriteError(self.address, "refused", f"refused the change ({exc}).", "Nothing was changed.")

    def _check_unchanged(self, changes: Sequence[RowChange]) -> None:
        """Refuse changes to rows someone changed since they were read (locking them till the commit)."""
        by_table: dict[str, dict[int, Any]] = {}
        for change in changes:
            if change.before is not None:
                by_table.setdefault(change.table, {})[change.key] = change.before
        for table in sorted(by_table, key=TABLE_ORDER.index):  # one order: two desks never lock crosswise
            before = by_table[table]
            now = self._read_rows(table, sorted(before), lock=True)
            hidden = sorted(set(before) - set(now))
            if hidden and self._read_rows(table, hidden):  # there to read, but not this user's to change
                raise ProjectWriteError(self.address, "denied", f"does not give you the right to change {table} "
                                                                f"{hidden[0]}; your change was not saved.",
                                        "Ask the office's administrator, or edit only your own community.")
            changed = [key for key, record in before.items() if now.get(key) != record]
            if changed:
                conflict = self._who_changed(table, changed[0])
                by = f" by {conflict.who}" if conflict.who else ""
                raise ProjectWriteError(
                    self.address, "conflict",
                    f"has {table} {changed[0]} changed{by} since you read it; your change was not saved, so that "
                    "nothing is written over their work.", "Your view now shows their change; make yours again.",
                    conflict=conflict)

    def _check_neighbours(self, changes: Sequence[RowChange]) -> set[int]:
        """Refuse a change to zones' shapes or parents when a zone of the same
        family (same parent) near it, or the parent's outline near it, changed
        since this desk saw it: the edit was checked for gaps and overlaps
        against what this desk saw. Families are locked until the commit, so
        two desks editing neighbouring grids take turns and the second is
        checked against the first's result. "Near" is the box around the
        moved zones, before and after, met by the neighbour as it is now or
        as this desk saw it: a zone changed elsewhere cannot meet this edit.
        Return the zones this change moves."""
        moved, families, shapes = set(), set(), []
        for change in changes:
            if change.table != "zones":
                continue
            before, after = change.before, change.after
            if before is not None and after is not None and before.parent_id == after.parent_id \
                    and identical(before.geometry, after.geometry):
                continue  # a name or code: no neighbour cares
            moved.add(change.key)
            families.update(z.parent_id or 0 for z in (before, after) if z is not None)
            shapes += [z.geometry for z in (before, after) if z is not None and z.geometry is not None]
        if not families:
            return moved
        for family in sorted(families):  # one order: two desks never wait for each other crosswise
            self.conn.execute("SELECT pg_advisory_xact_lock(%s, %s)", (FAMILY_LOCK, family % 2**31))
        parents = sorted(families - {0})
        bounds = shapely.total_bounds(np.array(shapes, dtype=object)) if shapes else None
        if bounds is None or not np.isfinite(bounds).all():
            near = "true"  # nothing to measure by: every neighbour counts
        else:
            box = f"ST_MakeEnvelope({', '.join(repr(float(b)) for b in bounds)}, {self.srs_id})"
            near = (f"CASE WHEN id = ANY(%(parents)s) THEN ST_Intersects(ST_Boundary(geom), {box}) "
                    f"ELSE ST_Intersects(geom, {box}) END")
        now = self.conn.execute(
            f"SELECT id, {VERSION_COLUMN}, parent_id, coalesce({near}, true) FROM zones "
            "WHERE (parent_id = ANY(%(parents)s) OR id = ANY(%(parents)s)"
            + (" OR parent_id IS NULL)" if 0 in families else ")"), {"parents": parents}).fetchall()
        seen_family = {key for key, (_v, parent) in self._zones_seen.items() if (parent or 0) in families}
        now_keys = set()
        for key, version, parent, is_near in now:
            now_keys.add(key)
            was_near = bounds is None or _touch(self._zone_boxes.get(key), bounds)  # where this desk saw it
            if key not in moved and (is_near or was_near) and self._zones_seen.get(key) != (version, parent):
                self._refuse_neighbour(key)
        for key in seen_family - now_keys - moved:  # gone since: wherever it was, it was a neighbour
            self._refuse_neighbour(key)
        return moved

    def _refuse_neighbour(self, key: int) -> None:
        conflict = self._who_changed("zones", key)._replace(neighbour=True)
        by = f" by {conflict.who}" if conflict.who else ""
        raise ProjectWriteError(
            self.address, "conflict", f"has the neighbouring zone {key} changed{by} since you read it; your change "
                                      "was not saved, so that the two cannot leave a gap or an overlap.",
            "Your view now shows their change; check the boundary and make yours again.", conflict=conflict)

    def _who_changed(self, table: str, key: int) -> Conflict:
        found = self.conn.execute(
            f"""SELECT who, at, label FROM "{HISTORY_TABLE}" WHERE table_name = %s AND row_id = %s
                ORDER BY id DESC LIMIT 1""", (table, key)).fetchone()
        if found is None:
            return Conflict(table, key)
        return Conflict(table, key, found[0], found[1], found[2])

    def _write(self, changes: Sequence[RowChange]) -> None:
        """Deletes first, children before parents; then inserts and updates, parents before children."""
        order = {name: i for i, name in enumerate(TABLE_ORDER)}
        deleted: dict[str, list[int]] = {}
        for change in changes:
            if change.after is None:
                deleted.setdefault(change.table, []).append(change.key)
        for name in sorted(deleted, key=lambda n: -order[n]):
            spec = TABLES[name]
            self.conn.execute(f'DELETE FROM "{name}" WHERE "{spec.key}" = ANY(%s)', (deleted[name],))
        written: dict[str, list[RowChange]] = {}
        for change in changes:
            if change.after is not None:
                written.setdefault(change.table, []).append(change)
        with self.conn.cursor() as cursor:
            for name in sorted(written, key=order.get):
                spec = TABLES[name]
                inserted = [c.after for c in written[name] if c.before is None]
                updated = [c.after for c in written[name] if c.before is not None]
                if inserted:
                    cursor.executemany(rows.insert_sql(spec, self.srs_id), rows.parameters(spec, inserted))
                if updated:
                    cursor.executemany(rows.update_sql(spec, self.srs_id),
                                       [row[1:] + row[:1] for row in rows.parameters(spec, updated)])

    # -- the connection ------------------------------------------------------------

    def _talking(self):
        """Context: a psycopg error becomes a ``ServerError`` in words."""
        return _Talking(self)

    def _reconnect_if_lost(self) -> None:
        if self.conn.closed or self.conn.broken:
            self._reconnect()

    def _reconnect(self) -> None:
        with suppress(psycopg.Error):
            self.conn.close()
        self.conn = connect(self.url, autocommit=True)

    def external_change(self) -> str | None:
        """Others' commits are rows to follow (:meth:`changes_by_others`), not a change behind our back."""
        return None

    def last_change(self) -> dt.datetime:
        """When the content last changed, as far as this desk has seen (no round trip: it also
        answers offline, for a chart's date)."""
        return self._last_change

    def save_as(self, path: str | Path) -> None:
        """Write the committed project to a GeoPackage at ``path``."""
        from gridmap.storage.store import ProjectStore

        from gridmap.zone_tree import ZoneTree

        tables, _found, _zones = self._snapshot()
        meta = {key: value for key, value in self.meta.items() if key not in ("schema_version", "srs_id")}
        written = {n: list(t.values()) for n, t in tables.items()}
        # the file checks each zone's parent as it is written: parents first, not by id
        written["zones"] = [tables["zones"][key] for key in ZoneTree(tables["zones"]).walk()]
        ProjectStore.create(path, epsg=self.srs_id, tables=written, meta=meta, moment=dt.datetime.now(dt.UTC))

    @property
    def is_open(self) -> bool:
        return not self.conn.closed

    def give_up_editing(self) -> None:
        self._read_only = True

    def close(self) -> None:
        for conn in (self.conn, self._listener):
            if conn is not None:
                with suppress(psycopg.Error):
                    conn.close()


class _Talking:
    """A psycopg error inside becomes a ``ServerError``; a lost connection is reopened next time."""

    def __init__(self, store: ServerStore) -> None:
        self.store = store

    def __enter__(self) -> None:
        self.store._reconnect_if_lost()

    def __exit__(self, kind, error, trace) -> bool:
        if isinstance(error, psycopg.Error):
            raise statement_problem(self.store.url, error) from error
        return False


def _upgrade(conn: psycopg.Connection, address: str, version: int) -> None:
    """Upgrade the project of the older schema ``version`` in one transaction,
    its rights (grants and row-level security) brought up to date for the
    tables the upgrade added. Only the tables' owner (whoever published the
    project, or a superuser) may; anyone else is told so and nothing changes."""
    owner = conn.execute("SELECT pg_has_role(current_user, relowner, 'USAGE') FROM pg_class "
                         "WHERE oid = to_regclass(quote_ident(%s))", (META_TABLE,)).fetchone()
    if not owner or not owner[0]:
        raise ServerError(address, "denied", f"holds a project of the older schema {version}, which only its owner "
                                             "(who published it) may upgrade; nothing was changed.",
                          "Ask them (or the server's administrator) to open it once with this gridmap.")
    if any(step not in server_schema.MIGRATIONS for step in range(version, SCHEMA_VERSION)):
        raise ServerError(address, "not-a-project", f"holds a project of schema {version}, older than this gridmap "
                                                    "can upgrade; nothing was changed.",
                          "Open it with the gridmap release that published it and save it as a file, then publish "
                          "that file anew.")
    with conn.transaction():
        migrate(conn, version)
        if conn.execute("SELECT to_regclass(quote_ident(%s)) IS NOT NULL", (GROUPS_TABLE,)).fetchone()[0]:
            install_rights(conn)  # the new tables' grants and policies (the people stay)


def _compare_read_back(conn: psycopg.Connection, tables: Mapping[str, Sequence[Any]],
                       address: str) -> dict[str, TableSum]:
    wanted = table_sums({name: {getattr(r, TABLES[name].key): r for r in records} for name, records in tables.items()})
    with conn.cursor(binary=True) as cursor:
        found = table_sums({name: rows.records(TABLES[name], cursor.execute(rows.select_sql(TABLES[name])).fetchall())
                            for name in TABLE_ORDER})
    for name in TABLE_ORDER:
        if found[name] != wanted[name]:
            raise ServerError(address, "refused",
                              f"did not take the table {name} whole ({found[name].rows} rows read back of "
                              f"{wanted[name].rows}, checksum {found[name].digest} for {wanted[name].digest}); "
                              "nothing was written.", "Report this with the project file.")
    return found


def _touch(box: tuple[float, float, float, float] | None, bounds: Any) -> bool:
    """Whether two boxes meet (touching counts); an unknown box counts as meeting."""
    if box is None:
        return True
    return box[0] <= bounds[2] and bounds[0] <= box[2] and box[1] <= bounds[3] and bounds[1] <= box[3]


def _highest_key(name: str, records: Sequence[Any]) -> int:
    key = TABLES[name].key
    return max((getattr(r, key) for r in records), default=0)


def _copy_rows(conn: psycopg.Connection, name: str, records: Sequence[Any], srid: int) -> None:
    """Bulk-load ``records`` with COPY (shapes as hex EWKB, which PostGIS reads as text)."""
    if not records:
        return
    spec = TABLES[name]
    values = rows.parameters(spec, records)
    if spec.is_features:
        shapes = np.array([r.geometry for r in records], dtype=object)
        hexes = shapely.to_wkb(shapely.set_srid(shapes, srid), hex=True, include_srid=True)
        for row, shape in zip(values, hexes):
            row[1] = shape
    names = [spec.key] + (["geom"] if spec.is_features else []) + list(spec.column_names)
    quoted = ", ".join(f'"{n}"' for n in names)
    with conn.cursor() as cursor, cursor.copy(f'COPY "{name}" ({quoted}) FROM STDIN') as copy:
        for row in values:
            copy.write_row(row)


def _require_postgis(conn: psycopg.Connection, address: str) -> None:
    if conn.execute("SELECT 1 FROM pg_extension WHERE extname = 'postgis'").fetchone() is not None:
        return
    try:
        with conn.transaction():
            conn.execute("CREATE EXTENSION postgis")
    except psycopg.Error as exc:
        raise ServerError(address, "no-postgis", f"has no PostGIS, and it could not be added ({exc}).",
                          "As the server's administrator: sudo apt-get install postgresql-15-postgis-3, then "
                          "gridmap server init URL.") from exc


def _require_room(conn: psycopg.Connection, address: str) -> None:
    ours = set(TABLE_ORDER) | {META_TABLE, IDS_TABLE, ID_BLOCKS_TABLE, COMMITS_TABLE}
    present = {name for name, in conn.execute(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()")}
    in_the_way = sorted(present & ours)
    if in_the_way:
        raise ServerError(address, "not-a-project",
                          f"already holds tables named {', '.join(in_the_way[:5])}; nothing was written.",
                          "Publish into a new, empty database (gridmap server init makes one).")
