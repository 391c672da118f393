"""Ids from blocks: unique however many programs insert at once.

Every row of every table takes its id from one 64-bit id space. A program that
inserts asks the store for a block of ids (``take_block``); the block is
recorded in ``gridmap_id_blocks`` inside a write transaction, so two programs
that ask at the same moment take turns and get blocks that do not overlap. An
id is never handed out twice, even when its row is deleted, so a reference
(``assignments.target_id``, a history entry) never points at a newer row.

Why blocks and not UUIDs: a GeoPackage feature id must be an integer, and QGIS
and GDAL show and edit a table by it; 64-bit integers from blocks keep every
table a plain GeoPackage layer and every existing id as it was. A copy that
goes offline takes a block large enough for its work before it leaves (the
shared store of issue 20 hands it out), and its rows come back without
renumbering.

SQLite's own AUTOINCREMENT counters are moved past each block, so a row another
program adds (QGIS, ogr2ogr) lands above every block handed out so far, and the
next block starts above it.
"""

from __future__ import annotations

import sqlite3

from gridmap.model.tables import TABLE_ORDER

# The blocks of ids handed out: which program took which ids, and when.
ID_BLOCKS_TABLE = "gridmap_id_blocks"
ID_BLOCKS_DDL = (f'CREATE TABLE "{ID_BLOCKS_TABLE}" (first INTEGER PRIMARY KEY NOT NULL, count INTEGER NOT NULL, '
                 "holder TEXT NOT NULL, taken TEXT NOT NULL)")
HISTORY_TABLE = "change_log"  # its ids are the store's own commit order, not taken from blocks
BLOCKED_TABLES = tuple(name for name in TABLE_ORDER if name != HISTORY_TABLE)


def _highest_given(conn: sqlite3.Connection) -> int:
    block = conn.execute(f'SELECT max(first + count - 1) FROM "{ID_BLOCKS_TABLE}"').fetchone()[0] or 0
    marks = ", ".join("?" * len(BLOCKED_TABLES))
    counted = conn.execute(f"SELECT max(seq) FROM sqlite_sequence WHERE name IN ({marks})",
                           BLOCKED_TABLES).fetchone()[0] or 0
    return max(block, counted)


def take_block(conn: sqlite3.Connection, count: int, *, holder: str, taken: str) -> int:
    """Record a block of ``count`` ids for ``holder`` and return its first id
    (inside the caller's write transaction). ``count`` 0 records every id given
    so far (by rows already in the file) as one block, and returns 1."""
    top = _highest_given(conn)
    first, count = (1, top) if count == 0 else (top + 1, count)
    if count > 0:
        record_block(conn, first, count, holder=holder, taken=taken)
    return first


def record_block(conn: sqlite3.Connection, first: int, count: int, *, holder: str, taken: str) -> None:
    """Record ids ``first`` … ``first + count - 1`` as handed out (inside the caller's write transaction)."""
    conn.execute(f'INSERT INTO "{ID_BLOCKS_TABLE}" VALUES (?, ?, ?, ?)', (first, count, holder, taken))
    last = first + count - 1
    present = {name for name, in conn.execute("SELECT name FROM sqlite_sequence")}
    conn.executemany("UPDATE sqlite_sequence SET seq = ? WHERE name = ? AND seq < ?",
                     [(last, name, last) for name in BLOCKED_TABLES if name in present])
    conn.executemany("INSERT INTO sqlite_sequence (name, seq) VALUES (?, ?)",
                     [(name, last) for name in BLOCKED_TABLES if name not in present])


def next_unused(conn: sqlite3.Connection) -> int:
    """The id the next block would start at."""
    return _highest_given(conn) + 1
