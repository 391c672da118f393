"""The project schema in PostgreSQL/PostGIS: the GeoPackage's tables, as ordinary
PostGIS layers (``geometry(MultiPolygon, SRID)`` with a GiST index), plus what
sharing needs: a version per row (``row_version``, raised by a trigger on every
update, whoever makes it: gridmap, QGIS or psql) and one id counter for every
table (``gridmap_take_ids``), so ids stay unique across desks and offline copies.

Foreign keys and unique names are checked at the commit (DEFERRABLE INITIALLY
DEFERRED), as in the GeoPackage: a merge deletes a zone and relinks its
buildings in one change set, in whatever order."""

from __future__ import annotations

from collections.abc import Callable, Iterable

import psycopg
from psycopg import sql

from gridmap.model.tables import TABLE_ORDER, TABLES, Column, TableSpec
from gridmap.storage.ids import HISTORY_TABLE, ID_BLOCKS_TABLE
from gridmap.storage.schema import INDEXED_COLUMNS, META_TABLE, SCHEMA_7_TABLES, SCHEMA_VERSION

# The PostgreSQL column type of each field kind (dates and times are real dates
# and times, so QGIS and SQL sort and filter them as such).
COLUMN_TYPES = {"integer": "bigint", "real": "double precision", "text": "text", "boolean": "boolean",
                "date": "date", "datetime": "timestamptz", "text_set": "text", "blob": "bytea"}
GEOMETRY_TYPES = {"MULTIPOLYGON": "MultiPolygon", "MULTILINESTRING": "MultiLineString", "POINT": "Point"}
VERSION_COLUMN = "row_version"  # how many times the row was updated since it was inserted, plus one
WRITING = "gridmap.writing"  # set ('on') in gridmap's own commits, which write their own history
IDS_TABLE = "gridmap_ids"  # one row: the next id to hand out
COMMITS_TABLE = "gridmap_commits"  # one row per commit: its token, so a commit cut off at COMMIT can be found
CHANNEL = "gridmap_changes"  # NOTIFY channel: a commit's last history id, as text
# pg_advisory_xact_lock key taken just before the history is written: commits
# number their history in the order they commit, so "every entry above N" is
# never missing one that commits later with a smaller number.
HISTORY_LOCK = 0x67726964  # "grid"
# pg_advisory_xact_lock(FAMILY_LOCK, parent id): a family of zones (the children
# of one parent) whose shapes one desk is changing.
FAMILY_LOCK = 0x7a6f6e65  # "zone"

def _literal(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return "'" + value.replace("'", "''") + "'"
    return repr(value)


def _column_ddl(column: Column) -> str:
    parts = [f'"{column.name}"', COLUMN_TYPES[column.type.name]]
    if column.required:
        parts.append("NOT NULL")
    if column.unique:
        parts.append("UNIQUE DEFERRABLE INITIALLY DEFERRED")
    if column.default is not None:
        parts.append(f"DEFAULT {_literal(column.default)}")
    if column.references:
        parts.append(f'REFERENCES "{column.references}" (id) DEFERRABLE INITIALLY DEFERRED')
    return " ".join(parts)


def _key_ddl(spec: TableSpec) -> str:
    if spec.name == HISTORY_TABLE or spec.key != "id":  # the history numbers its own; levels are keyed by depth
        return f'"{spec.key}" bigint PRIMARY KEY'
    return f'"{spec.key}" bigint PRIMARY KEY DEFAULT gridmap_next_id()'  # a row QGIS adds takes the next id


def table_ddl(spec: TableSpec, srid: int) -> str:
    parts = [_key_ddl(spec)]
    if spec.is_features:
        parts.append(f'"geom" geometry({GEOMETRY_TYPES[spec.geometry_type]}, {int(srid)})')
    parts += [_column_ddl(c) for c in spec.columns]
    if spec.name != HISTORY_TABLE:
        parts.append(f'"{VERSION_COLUMN}" bigint NOT NULL DEFAULT 1')
    return f'CREATE TABLE "{spec.name}" (\n  ' + ",\n  ".join(parts) + "\n)"


_FUNCTIONS = f"""
CREATE TABLE "{META_TABLE}" (key text PRIMARY KEY, value text NOT NULL);
CREATE TABLE "{IDS_TABLE}" (one boolean PRIMARY KEY DEFAULT true CHECK (one), next_id bigint NOT NULL);
CREATE TABLE "{ID_BLOCKS_TABLE}" (first bigint PRIMARY KEY, count bigint NOT NULL, holder text NOT NULL,
                                 taken timestamptz NOT NULL DEFAULT now());
CREATE TABLE "{COMMITS_TABLE}" (token uuid PRIMARY KEY, who text NOT NULL DEFAULT current_user,
                               at timestamptz NOT NULL DEFAULT now(), last_history bigint NOT NULL);
-- The last history entry's number, whoever may read it: row-level security
-- hides entries from a community chief, who must still number theirs after them.
CREATE FUNCTION gridmap_last_history() RETURNS bigint
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = {{path}} AS $$
BEGIN
  RETURN (SELECT coalesce(max(id), 0) FROM "{HISTORY_TABLE}");
END $$;
-- A block of ids for one desk (or an offline copy): the counter row's lock makes
-- two desks asking at once take turns. SECURITY DEFINER: a community chief may
-- take ids without the right to move the counter by hand.
CREATE FUNCTION gridmap_take_ids(wanted bigint, holder text) RETURNS bigint
LANGUAGE plpgsql SECURITY DEFINER SET search_path = {{path}} AS $$
DECLARE first_id bigint;
BEGIN
  IF wanted < 1 THEN RAISE EXCEPTION 'a block holds at least one id'; END IF;
  UPDATE "{IDS_TABLE}" SET next_id = next_id + wanted RETURNING next_id - wanted INTO first_id;
  INSERT INTO "{ID_BLOCKS_TABLE}" (first, count, holder) VALUES (first_id, wanted, holder);
  RETURN first_id;
END $$;
CREATE FUNCTION gridmap_next_id() RETURNS bigint
LANGUAGE sql SECURITY DEFINER SET search_path = {{path}} AS $$
  UPDATE "{IDS_TABLE}" SET next_id = next_id + 1 RETURNING next_id - 1
$$;
CREATE FUNCTION gridmap_bump_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.{VERSION_COLUMN} := OLD.{VERSION_COLUMN} + 1;
  RETURN NEW;
END $$;
"""


def function_path(conn: psycopg.Connection) -> str:
    """The search_path of gridmap's functions: the project's schema, PostGIS's,
    the catalog, and temporary tables last (never in front of the project's)."""
    schema = conn.execute("SELECT current_schema()").fetchone()[0]
    postgis = conn.execute("SELECT n.nspname FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace "
                           "WHERE e.extname = 'postgis'").fetchone()
    names = [schema] + ([postgis[0]] if postgis and postgis[0] != schema else []) + ["pg_catalog", "pg_temp"]
    return ", ".join(sql.Identifier(n).as_string(conn) for n in names)


# The triggers' functions: CREATE OR REPLACE, so an upgrade brings them up to date too.
_TRIGGER_FUNCTIONS = f"""
-- The history of an edit made outside gridmap (QGIS, psql): gridmap writes its own
-- history in its commits (and says so with gridmap.writing), anyone else's row
-- changes are recorded here, one entry per field as gridmap records them, and
-- announced, so every desk sees them and they show in the attributes panel.
CREATE OR REPLACE FUNCTION gridmap_record_outside_edit() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  before jsonb := CASE WHEN TG_OP = 'INSERT' THEN NULL ELSE to_jsonb(OLD) END;
  after jsonb := CASE WHEN TG_OP = 'DELETE' THEN NULL ELSE to_jsonb(NEW) END;
  key_name text := TG_ARGV[0];
  row_key bigint := coalesce(after, before) ->> key_name;
  label text := 'edited outside gridmap (' || coalesce(nullif(current_setting('application_name', true), ''),
                                                        'unknown program') || ')';
  field text;
  old_geom text;
  new_geom text;
  old_text text;
  new_text text;
  old_size bigint;
  new_size bigint;
  next_id bigint;
BEGIN
  IF coalesce(current_setting('gridmap.writing', true), '') = 'on' THEN
    RETURN NULL;
  END IF;
  PERFORM pg_advisory_xact_lock({HISTORY_LOCK});
  next_id := gridmap_last_history() + 1;
  IF before IS NULL OR after IS NULL THEN
    INSERT INTO "{HISTORY_TABLE}" (id, at, who, table_name, row_id, field, old, new, action, label)
    VALUES (next_id, now(), current_user, TG_TABLE_NAME, row_key, '*',
            CASE WHEN before IS NULL THEN '' ELSE 'present' END,
            CASE WHEN after IS NULL THEN '' ELSE 'present' END, 'do', label);
  ELSE
    FOR field IN SELECT k FROM jsonb_object_keys(after) AS k
                 WHERE k NOT IN (key_name, '{VERSION_COLUMN}', 'geom') ORDER BY k LOOP
      IF before -> field IS DISTINCT FROM after -> field THEN
        old_text := gridmap_history_text(before -> field);
        new_text := gridmap_history_text(after -> field);
        IF EXISTS (SELECT 1 FROM pg_attribute WHERE attrelid = TG_RELID AND attname = field
                   AND atttypid = 'bytea'::regtype) THEN  -- a photo: its size, never its bytes
          EXECUTE format('SELECT octet_length($1.%I), octet_length($2.%I)', field, field)
            INTO old_size, new_size USING OLD, NEW;
          old_text := gridmap_size_text(old_size);
          new_text := gridmap_size_text(new_size);
        END IF;
        INSERT INTO "{HISTORY_TABLE}" (id, at, who, table_name, row_id, field, old, new, action, label)
        VALUES (next_id, now(), current_user, TG_TABLE_NAME, row_key, field, old_text, new_text, 'do', label);
        next_id := next_id + 1;
      END IF;
    END LOOP;
    IF after ? 'geom' AND before -> 'geom' IS DISTINCT FROM after -> 'geom' THEN
      EXECUTE 'SELECT ST_AsText($1.geom), ST_AsText($2.geom)' INTO old_geom, new_geom USING OLD, NEW;
      INSERT INTO "{HISTORY_TABLE}" (id, at, who, table_name, row_id, field, old, new, action, label)
      VALUES (next_id, now(), current_user, TG_TABLE_NAME, row_key, 'geometry', coalesce(old_geom, ''),
              coalesce(new_geom, ''), 'do', label);
    END IF;
  END IF;
  PERFORM pg_notify('{CHANNEL}', '');
  RETURN NULL;
END $$;
-- A field's value as gridmap's history writes it (booleans 1/0, no quotes, '' for none).
CREATE OR REPLACE FUNCTION gridmap_history_text(value jsonb) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE jsonb_typeof(value) WHEN 'boolean' THEN CASE WHEN value::boolean THEN '1' ELSE '0' END
                                  WHEN 'null' THEN '' ELSE value #>> '{{}}' END
$$;
-- A photo's size as gridmap's history writes it ("12,345 bytes"; '' for none).
CREATE OR REPLACE FUNCTION gridmap_size_text(size bigint) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN size IS NULL THEN '' ELSE to_char(size, 'FM999,999,999,999,999,990') || ' bytes' END
$$;
"""


def create_schema(conn: psycopg.Connection, *, srid: int) -> None:
    """Create every project table in the connection's current schema (inside the caller's transaction)."""
    conn.execute(_FUNCTIONS.replace("{path}", function_path(conn)))
    conn.execute(_TRIGGER_FUNCTIONS)
    create_tables(conn, TABLE_ORDER, srid=srid)


def create_tables(conn: psycopg.Connection, names: Iterable[str], *, srid: int) -> None:
    """Create the tables ``names`` (in TABLE_ORDER, parents first) with their
    row-version and outside-edit triggers and their column indexes; gridmap's
    functions exist already."""
    names = [name for name in TABLE_ORDER if name in set(names)]
    for name in names:
        spec = TABLES[name]
        conn.execute(table_ddl(spec, srid))
        if spec.description:
            conn.execute(sql.SQL("COMMENT ON TABLE {} IS {}").format(sql.Identifier(name),
                                                                     sql.Literal(spec.description)))
        if name != HISTORY_TABLE:
            conn.execute(f'CREATE TRIGGER gridmap_row_version BEFORE UPDATE ON "{name}" '
                         "FOR EACH ROW EXECUTE FUNCTION gridmap_bump_version()")
            conn.execute(f'CREATE TRIGGER gridmap_outside_edit AFTER INSERT OR UPDATE OR DELETE ON "{name}" '
                         f"FOR EACH ROW EXECUTE FUNCTION gridmap_record_outside_edit('{spec.key}')")
    for table, columns in INDEXED_COLUMNS:
        if table in names:
            conn.execute(f'CREATE INDEX "idx_{table}_{columns.replace(", ", "_")}" ON "{table}" ({columns})')


def create_spatial_indexes(conn: psycopg.Connection, names: Iterable[str] = TABLE_ORDER) -> None:
    """GiST indexes on the geometry of the tables ``names`` (built after the rows: faster than row by row)."""
    for name in names:
        if TABLES[name].is_features:
            conn.execute(f'CREATE INDEX "gist_{name}_geom" ON "{name}" USING gist (geom)')


def _add_cases_and_visits(conn: psycopg.Connection) -> None:
    """Schema 7: the cases (有呼必应) and visits tables; photos' sizes in the outside-edit history.
    Their grants and policies follow the upgrade (``ServerStore.open`` reinstalls the rights)."""
    srid = int(conn.execute(f'SELECT value FROM "{META_TABLE}" WHERE key = %s', ("srs_id",)).fetchone()[0])
    conn.execute(_TRIGGER_FUNCTIONS)
    create_tables(conn, SCHEMA_7_TABLES, srid=srid)
    create_spatial_indexes(conn, SCHEMA_7_TABLES)


# MIGRATIONS[v] upgrades a database from schema v to v + 1 inside the open transaction.
# Keep every step: a database published by any earlier release must open.
MIGRATIONS: dict[int, Callable[[psycopg.Connection], None]] = {6: _add_cases_and_visits}


def migrate(conn: psycopg.Connection, version: int) -> int:
    """Run every migration from ``version`` up to ``SCHEMA_VERSION``; return the new version."""
    while version < SCHEMA_VERSION:
        if version not in MIGRATIONS:
            raise LookupError(f"no upgrade from project schema {version}")
        MIGRATIONS[version](conn)
        version += 1
    conn.execute(f'UPDATE "{META_TABLE}" SET value = %s WHERE key = %s', (str(version), "schema_version"))
    return version
