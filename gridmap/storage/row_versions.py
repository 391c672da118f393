"""The row versions of a shared project's rows, as its server has them now
(``row_version``, raised by a trigger at every update), and its last history
entry: what an offline copy records at its check-out and compares at its
check-in (``gridmap.offline``).

Read over an open ``ServerStore``'s connection, in one snapshot of their own:
a caller that needs them beside the records reads them just before (a row
changed in between then looks changed, never unchanged) or just after the
store's ``read_all`` (a version still the same means the record read is it).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import NamedTuple

import psycopg

from gridmap.model.tables import TABLE_ORDER, TABLES
from gridmap.storage.ids import HISTORY_TABLE
from gridmap.storage.server.connection import statement_problem
from gridmap.storage.server.schema import VERSION_COLUMN
from gridmap.storage.server.store import ServerStore

VERSIONED_TABLES: tuple[str, ...] = tuple(name for name in TABLE_ORDER if name != HISTORY_TABLE)


class Versions(NamedTuple):
    """Table → id → row version (rows this user may read), the last history id,
    and the tables this user may change at all (rows of others stay read-only in a copy)."""

    rows: dict[str, dict[int, int]]
    last_history: int
    writable: frozenset[str]


def read_versions(store: ServerStore, keys: Mapping[str, Iterable[int]] | None = None) -> Versions:
    """The versions of every row (or of ``keys``: table → ids) and the last
    history id, in one snapshot. A lost server is a ``ServerError``."""
    conn = store.conn  # a lost connection is a ServerError here; the store's next call reconnects
    try:
        with conn.transaction():
            conn.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            rights = {name: (read, write) for name, read, write in conn.execute(
                "SELECT t, has_table_privilege(current_user, quote_ident(t), 'SELECT'), "
                "has_table_privilege(current_user, quote_ident(t), 'UPDATE') FROM unnest(%s::text[]) AS t",
                (list(VERSIONED_TABLES),))}
            found: dict[str, dict[int, int]] = {}
            for name in VERSIONED_TABLES if keys is None else [n for n in VERSIONED_TABLES if n in keys]:
                if not rights[name][0]:
                    found[name] = {}
                    continue
                key = TABLES[name].key
                query = f'SELECT "{key}", "{VERSION_COLUMN}" FROM "{name}"'
                if keys is None:
                    rows = conn.execute(query).fetchall()
                else:
                    rows = conn.execute(query + f' WHERE "{key}" = ANY(%s)', (sorted(keys[name]),)).fetchall()
                found[name] = dict(rows)
            last = conn.execute("SELECT gridmap_last_history()").fetchone()[0]  # also the entries RLS hides
    except psycopg.Error as exc:
        raise statement_problem(store.url, exc) from exc
    return Versions(found, last, frozenset(name for name, (_read, write) in rights.items() if write))
