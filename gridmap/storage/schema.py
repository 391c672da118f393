"""The project schema: our tables in a GeoPackage, the schema version, migrations."""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Callable

from gridmap.model.tables import TABLE_ORDER, TABLES, Column, TableSpec
from gridmap.storage import gpkg
from gridmap.storage.ids import ID_BLOCKS_DDL, take_block

# 2: R-tree spatial indexes on every feature table; 3: zone kind, parts_allowed;
# 4: roles renamed (党员 → 联户党员, 民警 → 片警, 医生 → 片医); 5: gate state (open/closed);
# 6: level roles, ids from blocks, a history of every table; 7: cases and visits
SCHEMA_VERSION = 7
META_TABLE = "gridmap_meta"  # key/value; its presence marks a gridmap project
# The SQLite (GeoPackage) column type of each field kind.
COLUMN_TYPES = {"integer": "INTEGER", "real": "REAL", "text": "TEXT", "boolean": "BOOLEAN", "date": "DATE",
                "datetime": "DATETIME", "text_set": "TEXT", "blob": "BLOB"}

# MIGRATIONS[v] upgrades a file from schema v to v + 1 inside the open transaction.
# Keep every step: a file from any earlier release must open.
# The tables schema 7 added: earlier steps leave them alone.
SCHEMA_7_TABLES = ("cases", "case_events", "case_photos", "visits", "visit_households")


def _add_spatial_indexes(conn: sqlite3.Connection) -> None:
    for name in TABLE_ORDER:
        spec = TABLES[name]
        if spec.is_features and name not in SCHEMA_7_TABLES:
            gpkg.create_spatial_index(conn, name, spec.key)


def _add_zone_kind(conn: sqlite3.Connection) -> None:
    conn.execute("""ALTER TABLE zones ADD COLUMN "kind" TEXT NOT NULL DEFAULT ''""")
    conn.execute('ALTER TABLE zones ADD COLUMN "parts_allowed" BOOLEAN NOT NULL DEFAULT 0')


def _rename_roles(conn: sqlite3.Connection) -> None:
    from gridmap.model.entities import RENAMED_ROLES
    from gridmap.model.tables import TEXT_SET

    for key, roles in conn.execute('SELECT id, roles FROM "staff"').fetchall():
        now = TEXT_SET.encode(frozenset(RENAMED_ROLES.get(r, r) for r in TEXT_SET.decode(roles)))
        if now != roles:
            conn.execute('UPDATE "staff" SET roles = ? WHERE id = ?', (now, key))
    for old, new in RENAMED_ROLES.items():
        conn.execute('UPDATE "assignments" SET role = ? WHERE role = ?', (new, old))


def _add_gate_state(conn: sqlite3.Connection) -> None:
    conn.execute("""ALTER TABLE site_points ADD COLUMN "state" TEXT NOT NULL DEFAULT ''""")
    conn.execute("""UPDATE site_points SET state = 'open' WHERE kind = 'gate'""")  # gates were drawn open


def _to_schema_6(conn: sqlite3.Connection) -> None:
    from gridmap.model.entities import DEFAULT_LEVELS

    # Until schema 6 a level's depth was its role: 1 the office, 2 communities, 3 grids, 4 micro-grids.
    conn.execute(f"ALTER TABLE levels ADD COLUMN {column_ddl(TABLES['levels'].columns[-1])}")
    roles = [role for _, _, role in DEFAULT_LEVELS] + ["micro_grid"]
    conn.executemany("UPDATE levels SET role = ? WHERE depth = ?", [(r, d) for d, r in enumerate(roles, 1)])
    # The history of every table: a household's rows become rows of the table "households".
    conn.execute('ALTER TABLE change_log RENAME COLUMN household_id TO row_id')
    conn.execute("""ALTER TABLE change_log ADD COLUMN "table_name" TEXT NOT NULL DEFAULT 'households'""")
    conn.execute('DROP INDEX IF EXISTS "idx_change_log_household_id"')
    conn.execute(INDEXES["idx_change_log_table_name_row_id"])
    # Ids from blocks: every id given so far (rows of any table, deleted ones too) is one block.
    conn.execute(ID_BLOCKS_DDL)
    taken = TABLES["change_log"].columns[0].type.encode(dt.datetime.now(dt.UTC))
    take_block(conn, 0, holder="ids before schema 6", taken=taken)


def _add_cases_and_visits(conn: sqlite3.Connection) -> None:
    epsg = conn.execute("SELECT srs_id FROM gpkg_geometry_columns WHERE table_name = 'zones'").fetchone()[0]
    now = TABLES["change_log"].columns[0].type.encode(dt.datetime.now(dt.UTC))
    for name in SCHEMA_7_TABLES:
        spec = TABLES[name]
        conn.execute(table_ddl(spec))
        gpkg.register_table(conn, name, geometry_type=spec.geometry_type, srs_id=epsg,
                            description=spec.description, last_change=now)
        if spec.is_features:
            gpkg.create_spatial_index(conn, name, spec.key)
    for index, statement in INDEXES.items():
        if any(index.startswith(f"idx_{name}_") for name in SCHEMA_7_TABLES):
            conn.execute(statement)


MIGRATIONS: dict[int, Callable[[sqlite3.Connection], None]] = {
    1: _add_spatial_indexes, 2: _add_zone_kind, 3: _rename_roles, 4: _add_gate_state, 5: _to_schema_6,
    6: _add_cases_and_visits}


def _literal(value: object) -> str:
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, str):
        return "'" + value.replace("'", "''") + "'"
    return repr(value)


def column_ddl(column: Column) -> str:
    """The column's SQLite definition (as gridmap has always written it: the foreign-object check reads it)."""
    parts = [f'"{column.name}"', COLUMN_TYPES[column.type.name]]
    if column.required:
        parts.append("NOT NULL")
    if column.unique:
        parts.append("UNIQUE")
    if column.default is not None:
        parts.append(f"DEFAULT {_literal(column.default)}")
    if column.references:
        parts.append(f"REFERENCES {column.references}(id)")
    return " ".join(parts)


def key_ddl(spec: TableSpec) -> str:
    return f'"{spec.key}" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL'


def table_ddl(spec: TableSpec) -> str:
    parts = [key_ddl(spec)]
    if spec.is_features:
        parts.append(f'"geom" {spec.geometry_type}')
    parts += [column_ddl(c) for c in spec.columns]
    return f'CREATE TABLE "{spec.name}" (\n  ' + ",\n  ".join(parts) + "\n)"


# Indexes for the lookups every view makes (households of a building, …).
INDEXED_COLUMNS = (
    ("zones", "parent_id"), ("buildings", "zone_id"), ("buildings", "compound_id"),
    ("units", "building_id"), ("households", "building_id"), ("households", "unit_id"),
    ("residents", "household_id"), ("assignments", "staff_id"),
    ("assignments", "target_kind, target_id"), ("party_links", "household_id"),
    ("change_log", "table_name, row_id"),
    ("cases", "zone_id"), ("cases", "assignee_id"), ("case_events", "case_id"), ("case_photos", "case_id"),
    ("visits", "staff_id"), ("visit_households", "visit_id"), ("visit_households", "household_id"),
)

# Indexes of earlier schemas, still in a file until its upgrade (the foreign-object check runs before it).
FORMER_INDEXES = {"idx_change_log_household_id":
                  'CREATE INDEX "idx_change_log_household_id" ON "change_log" (household_id)'}

# name → CREATE INDEX statement (as sqlite_master keeps it: the foreign-object check compares)
INDEXES: dict[str, str] = {f"idx_{t}_{c.replace(', ', '_')}": f'CREATE INDEX "idx_{t}_{c.replace(", ", "_")}" '
                                                              f'ON "{t}" ({c})' for t, c in INDEXED_COLUMNS}


def create_schema(conn: sqlite3.Connection, *, epsg: int, last_change: str) -> None:
    """Create the GeoPackage core and every project table in an empty database
    (spatial indexes come after the rows: see ``gpkg.create_spatial_index``)."""
    gpkg.create_core_tables(conn, [epsg])
    conn.execute(f'CREATE TABLE "{META_TABLE}" (key TEXT PRIMARY KEY NOT NULL, value TEXT NOT NULL)')
    for name in TABLE_ORDER:
        spec = TABLES[name]
        conn.execute(table_ddl(spec))
        gpkg.register_table(conn, name, geometry_type=spec.geometry_type, srs_id=epsg,
                            description=spec.description, last_change=last_change)
    for statement in INDEXES.values():
        conn.execute(statement)
    conn.execute(ID_BLOCKS_DDL)


def migrate(conn: sqlite3.Connection, version: int) -> int:
    """Run every migration from ``version`` up to ``SCHEMA_VERSION``; return the new version."""
    while version < SCHEMA_VERSION:
        if version not in MIGRATIONS:
            raise LookupError(f"no upgrade from project schema {version}")
        MIGRATIONS[version](conn)
        version += 1
    conn.execute(f'UPDATE "{META_TABLE}" SET value = ? WHERE key = ?', (str(version), "schema_version"))
    return version
