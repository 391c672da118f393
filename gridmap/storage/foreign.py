"""Schema objects in a project file that gridmap did not make.

A GeoPackage is a database, and whoever hands one over can put code in it: a
trigger on ``households`` runs inside gridmap's own transaction on the next
edit (it could delete every resident, or copy names and phones into grid names
that end up on the public wall charts). So a file is scanned when it is opened:
a trigger that could fire on gridmap's writes and is not one of gridmap's own
R-tree triggers, any view, an index on gridmap's tables that gridmap did not
make, and a table whose name only looks like one of gridmap's. Such a file is
read, never edited, until :func:`remove` (``gridmap repair``) takes them out.

Triggers on other tables (a layer someone added in QGIS, with GDAL's R-tree
triggers) are left alone: they fire only when that table is written, which
gridmap never does.
"""

from __future__ import annotations

import re
import sqlite3
import unicodedata
from dataclasses import dataclass
from functools import cache

from gridmap.model.tables import TABLE_ORDER, TABLES
from gridmap.storage import gpkg
from gridmap.storage.ids import ID_BLOCKS_TABLE
from gridmap.storage.offline_copy import COPY_TABLE
from gridmap.storage.schema import FORMER_INDEXES, INDEXES, META_TABLE, column_ddl, key_ddl

# The tables gridmap's writes reach: a trigger on any of them runs inside gridmap's transactions
# (the R-tree module writes its shadow tables with ordinary statements, which fire triggers too;
# GDAL's feature-count triggers, allowed on gridmap's tables, write gpkg_ogr_contents). A table whose
# foreign key cascades from one of these is reached too: find() adds it.
GUARDED = frozenset((*TABLE_ORDER, META_TABLE, ID_BLOCKS_TABLE, COPY_TABLE, "gpkg_contents", "gpkg_extensions",
                     "gpkg_spatial_ref_sys",
                     "gpkg_geometry_columns", "gpkg_ogr_contents",
                     *(f"rtree_{t}_geom_{part}" for t in TABLE_ORDER if TABLES[t].is_features
                       for part in ("node", "parent", "rowid"))))
_QUOTED = re.compile(r"'(?:[^']|'')*'|\"(?:[^\"]|\"\")*\"|`[^`]*`|\[[^\]]*\]")
_WORD = re.compile(r"[A-Za-z_][A-Za-z_0-9]*")
_QUIET = ("NO ACTION", "RESTRICT")  # foreign-key actions that change no other row
# GDAL keeps a feature count with these two triggers on every layer it writes.
_GDAL_COUNT = re.compile(r'create trigger "trigger_(insert|delete)_feature_count_(\w+)" after (insert|delete) '
                         r'on "(\w+)" begin update gpkg_ogr_contents set feature_count = feature_count ([+-]) 1 '
                         r"where lower\(table_name\) = lower\('(\w+)'\); end")


_OWN_INDEXES = INDEXES | FORMER_INDEXES


@dataclass(frozen=True)
class ForeignObject:
    """One object gridmap did not make: its type (trigger, view, index, table),
    name, the table it belongs to and its SQL."""

    type: str
    name: str
    table: str
    sql: str

    def describe(self) -> str:
        sql = " ".join(self.sql.split())
        return f"{self.type} {self.name!r} on {self.table!r}: {sql[:160]}" + ("…" if len(sql) > 160 else "")


def _normal(sql: str | None) -> str:
    return " ".join((sql or "").split()).lower()


def _looks_like(name: str) -> str:
    """A name as a person reads it: "Households ", "ｈｏｕｓｅｈｏｌｄｓ", "house\u200bholds" and
    "households" look alike (invisible format characters such as zero-width spaces are dropped)."""
    visible = "".join(ch for ch in unicodedata.normalize("NFKC", name) if unicodedata.category(ch) != "Cf")
    return visible.strip().strip("\"'`[]").strip().casefold()


def _words(sql: str | None) -> set[str]:
    """The bare words of a statement: keywords and unquoted names, quoted text left out."""
    return {w.lower() for w in _WORD.findall(_QUOTED.sub(" ", sql or ""))}


@cache
def _definition_words() -> frozenset[str]:
    """Every word gridmap's own table definitions use (ALTER TABLE … ADD COLUMN of a
    migration adds a column definition of the same words)."""
    from gridmap.storage.schema import table_ddl

    return frozenset().union(*(_words(table_ddl(TABLES[n])) for n in TABLE_ORDER), _words("create table"))


@cache
def own_triggers() -> dict[str, str]:
    """Name → normalised SQL of every trigger gridmap makes."""
    found = {}
    for name in TABLE_ORDER:
        spec = TABLES[name]
        if spec.is_features:
            found.update({k: _normal(v) for k, v in gpkg.rtree_triggers(name, spec.key).items()})
    return found


def _is_gdal_count(sql: str) -> bool:
    match = _GDAL_COUNT.fullmatch(_normal(sql))
    return bool(match) and match.group(1) == match.group(3) and \
        match.group(2) == match.group(4) == match.group(6) and (match.group(5) == "+") == (match.group(1) == "insert")


def _reached(conn: sqlite3.Connection, schema: list[tuple]) -> set[str]:
    """GUARDED and, over and over, every table whose foreign key changes its rows
    when a reached table's rows are deleted or updated (ON DELETE CASCADE, SET NULL …)."""
    reached = {n.casefold() for n in GUARDED}
    tables = [name for kind, name, _t, _s in schema if kind == "table"]
    grew = True
    while grew:
        grew = False
        for name in tables:
            if name.casefold() in reached:
                continue
            quoted = '"' + name.replace('"', '""') + '"'
            for row in conn.execute(f"PRAGMA foreign_key_list({quoted})"):
                if row[2].casefold() in reached and (row[5] not in _QUIET or row[6] not in _QUIET):
                    reached.add(name.casefold())
                    grew = True
                    break
    return reached


def find(conn: sqlite3.Connection) -> list[ForeignObject]:
    """Every object of ``conn``'s schema that gridmap did not make and that could
    act on, or pass for, gridmap's tables; and gridmap's own tables whose
    definition was changed (a CHECK, an ON DELETE CASCADE, a generated column)."""
    own = own_triggers()
    schema = conn.execute("SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY rowid").fetchall()
    guarded = _reached(conn, schema)
    look_alikes = {_looks_like(n): n for n in GUARDED}
    ours = {n.casefold() for n in TABLE_ORDER}
    vocabulary = _definition_words()
    has_ogr_contents = any(kind == "table" and name == "gpkg_ogr_contents" for kind, name, _t, _s in schema)
    found = []
    for kind, name, table, sql in schema:
        on_ours = table.casefold() in guarded
        if kind == "trigger" and on_ours:
            if own.get(name) != _normal(sql) and not (_is_gdal_count(sql) and has_ogr_contents):
                found.append(ForeignObject(kind, name, table, sql or ""))
        elif kind == "table" and name.casefold() in ours and (extra := _words(sql) - vocabulary):
            extra = ", ".join(sorted(w.upper() for w in extra))
            found.append(ForeignObject("definition", name, table, f"words gridmap does not use: {extra}; {sql}"))
        elif kind == "view":
            found.append(ForeignObject(kind, name, table, sql or ""))
        elif kind == "index" and on_ours and sql is not None and _normal(_OWN_INDEXES.get(name)) != _normal(sql):
            found.append(ForeignObject(kind, name, table, sql))  # sql None: SQLite's own (UNIQUE, PRIMARY KEY)
        elif kind == "table" and name.casefold() not in guarded and _looks_like(name) in look_alikes:
            found.append(ForeignObject(kind, name, table, sql or ""))
    return found


def remove(conn: sqlite3.Connection, objects: list[ForeignObject]) -> list[str]:
    """Drop ``objects`` inside the caller's transaction, then put back any R-tree
    trigger of gridmap's that is missing (and refill that index, which went
    without it); returns the names of the triggers put back."""
    order = {"trigger": 0, "view": 1, "index": 2, "table": 3, "definition": 4}
    for item in sorted(objects, key=lambda o: order[o.type]):
        quoted = '"' + item.name.replace('"', '""') + '"'
        if item.type == "definition":
            _rebuild(conn, item.name)
        else:
            conn.execute(f"DROP {item.type.upper()} IF EXISTS {quoted}")
    present = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")}
    restored = []
    for name in TABLE_ORDER:
        spec = TABLES[name]
        if not spec.is_features:
            continue
        missing = {k: v for k, v in gpkg.rtree_triggers(name, spec.key).items() if k not in present}
        if not missing:
            continue
        for sql in missing.values():
            conn.execute(sql)
        gpkg.fill_spatial_index(conn, name, spec.key)
        restored += sorted(missing)
    return restored


def _rebuild(conn: sqlite3.Connection, name: str) -> None:
    """Make gridmap's table ``name`` again from its own definition, keeping its rows
    (SQLite's way of changing a table; the caller's connection has foreign keys off)."""
    spec = TABLES[name]
    present = [row[1] for row in conn.execute(f'PRAGMA table_info("{name}")')]
    definitions = {c.name: column_ddl(c) for c in spec.columns}
    parts = [key_ddl(spec)]
    parts += ['"geom" ' + spec.geometry_type] if spec.is_features else []
    kept = [c for c in present if c in definitions]  # an older schema has fewer columns; its upgrade adds them
    parts += [definitions[c] for c in kept]
    columns = ", ".join(f'"{c}"' for c in [spec.key] + (["geom"] if spec.is_features else []) + kept)
    conn.execute(f'CREATE TABLE "{name}__rebuilt" ({", ".join(parts)})')
    conn.execute(f'INSERT INTO "{name}__rebuilt" ({columns}) SELECT {columns} FROM "{name}"')
    conn.execute(f'DROP TABLE "{name}"')  # its triggers and indexes go with it: put back below and by remove()
    conn.execute(f'ALTER TABLE "{name}__rebuilt" RENAME TO "{name}"')
    for statement in INDEXES.values():
        if f'ON "{name}"' in statement:
            conn.execute(statement)
