"""Files of earlier schemas, made from a project of today's by taking out what
later schemas added: what an earlier release of gridmap wrote."""

from gridmap.storage.schema import META_TABLE


def drop_columns(conn, table, *columns):
    triggers = conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = ?",
                            (table,)).fetchall()
    for name, _sql in triggers:
        conn.execute(f'DROP TRIGGER "{name}"')  # SQLite drops no column while triggers could name it
    for column in columns:
        conn.execute(f'ALTER TABLE "{table}" DROP COLUMN "{column}"')
    for _name, sql in triggers:
        conn.execute(sql)


def undo_schema_6(conn):
    """Make a file of schema 6 one of schema 5: no level roles, a household-only
    change log, no id blocks (the file an earlier release wrote)."""
    undo_schema_7(conn)
    drop_columns(conn, "levels", "role")
    conn.execute('DROP INDEX "idx_change_log_table_name_row_id"')
    conn.execute("DELETE FROM change_log WHERE table_name != 'households'")
    drop_columns(conn, "change_log", "table_name")
    conn.execute("ALTER TABLE change_log RENAME COLUMN row_id TO household_id")
    conn.execute('CREATE INDEX "idx_change_log_household_id" ON "change_log" (household_id)')
    conn.execute("DROP TABLE gridmap_id_blocks")
    conn.execute(f"UPDATE {META_TABLE} SET value = '5' WHERE key = 'schema_version'")


SCHEMA_7_TABLES = ("cases", "case_events", "case_photos", "visits", "visit_households")


def undo_schema_7(conn):
    """Make a file of schema 7 one of schema 6: no cases or visits."""
    for table in SCHEMA_7_TABLES:
        for name, in conn.execute("SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = ?",
                                  (table,)).fetchall():
            conn.execute(f'DROP TRIGGER "{name}"')
        conn.execute(f'DROP TABLE IF EXISTS "rtree_{table}_geom"')
        conn.execute(f'DROP TABLE "{table}"')
        for registry in ("gpkg_contents", "gpkg_geometry_columns", "gpkg_extensions"):
            if conn.execute("SELECT 1 FROM sqlite_master WHERE name = ?", (registry,)).fetchone():
                conn.execute(f"DELETE FROM {registry} WHERE table_name = ?", (table,))
        conn.execute("DELETE FROM change_log WHERE table_name = ?", (table,))
    conn.execute(f"UPDATE {META_TABLE} SET value = '6' WHERE key = 'schema_version'")
