"""The project schema: our tables in a GeoPackage, the schema version, migrations."""

from __future__ import annotations

import sqlite3
from typing import Callable

from gridmap.model.tables import TABLE_ORDER, TABLES, TableSpec
from gridmap.storage import gpkg

# 2: R-tree spatial indexes on every feature table; 3: zone kind, parts_allowed;
# 4: roles renamed (党员 → 联户党员, 民警 → 片警, 医生 → 片医); 5: gate state (open/closed)
SCHEMA_VERSION = 5
META_TABLE = "gridmap_meta"  # key/value; its presence marks a gridmap project

# MIGRATIONS[v] upgrades a file from schema v to v + 1 inside the open transaction.
# Keep every step: a file from any earlier release must open.
def _add_spatial_indexes(conn: sqlite3.Connection) -> None:
    for name in TABLE_ORDER:
        spec = TABLES[name]
        if spec.is_features:
            gpkg.create_spatial_index(conn, name, spec.key)


def _add_zone_kind(conn: sqlite3.Connection) -> None:
    conn.execute("""ALTER TABLE zones ADD COLUMN "kind" TEXT NOT NULL DEFAULT ''""")
    conn.execute('ALTER TABLE zones ADD COLUMN "parts_allowed" BOOLEAN NOT NULL DEFAULT 0')


def _rename_roles(conn: sqlite3.Connection) -> None:
    from gridmap.model.entities import RENAMED_ROLES
    from gridmap.model.tables import TEXT_SET

    for key, roles in conn.execute('SELECT id, roles FROM "staff"').fetchall():
        now = TEXT_SET.to_sql(frozenset(RENAMED_ROLES.get(r, r) for r in TEXT_SET.from_sql(roles)))
        if now != roles:
            conn.execute('UPDATE "staff" SET roles = ? WHERE id = ?', (now, key))
    for old, new in RENAMED_ROLES.items():
        conn.execute('UPDATE "assignments" SET role = ? WHERE role = ?', (new, old))


def _add_gate_state(conn: sqlite3.Connection) -> None:
    conn.execute("""ALTER TABLE site_points ADD COLUMN "state" TEXT NOT NULL DEFAULT ''""")
    conn.execute("""UPDATE site_points SET state = 'open' WHERE kind = 'gate'""")  # gates were drawn open


MIGRATIONS: dict[int, Callable[[sqlite3.Connection], None]] = {
    1: _add_spatial_indexes, 2: _add_zone_kind, 3: _rename_roles, 4: _add_gate_state}


def table_ddl(spec: TableSpec) -> str:
    parts = [f'"{spec.key}" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL']
    if spec.is_features:
        parts.append(f'"geom" {spec.geometry_type}')
    parts += [f'"{c.name}" {c.type.ddl} {c.constraint}'.rstrip() for c in spec.columns]
    return f'CREATE TABLE "{spec.name}" (\n  ' + ",\n  ".join(parts) + "\n)"


# Indexes for the lookups every view makes (households of a building, …).
_INDEXES = (
    ("zones", "parent_id"), ("buildings", "zone_id"), ("buildings", "compound_id"),
    ("units", "building_id"), ("households", "building_id"), ("households", "unit_id"),
    ("residents", "household_id"), ("assignments", "staff_id"),
    ("assignments", "target_kind, target_id"), ("party_links", "household_id"),
    ("change_log", "household_id"),
)

# name → CREATE INDEX statement (as sqlite_master keeps it: the foreign-object check compares)
INDEXES: dict[str, str] = {f"idx_{t}_{c.replace(', ', '_')}": f'CREATE INDEX "idx_{t}_{c.replace(", ", "_")}" '
                                                              f'ON "{t}" ({c})' for t, c in _INDEXES}


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


def migrate(conn: sqlite3.Connection, version: int) -> int:
    """Run every migration from ``version`` up to ``SCHEMA_VERSION``; return the new version."""
    while version < SCHEMA_VERSION:
        if version not in MIGRATIONS:
            raise LookupError(f"no upgrade from project schema {version}")
        MIGRATIONS[version](conn)
        version += 1
    conn.execute(f'UPDATE "{META_TABLE}" SET value = ? WHERE key = ?', (str(version), "schema_version"))
    return version
