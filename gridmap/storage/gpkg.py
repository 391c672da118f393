"""GeoPackage 1.2 essentials: the core tables, the geometry blob, table registration.

Written with plain SQLite rather than GDAL so that feature tables and attribute
tables change together in one transaction. ``tests/test_storage.py`` checks the
result with GDAL (pyogrio) and geopandas.
"""

from __future__ import annotations

import sqlite3
import struct
from collections.abc import Iterable, Sequence

import numpy as np
import shapely
import shapely.errors
from pyproj import CRS

from gridmap.spatial.shapes import total_bounds

APPLICATION_ID = 0x47504B47  # "GPKG"
USER_VERSION = 10200  # GeoPackage 1.2: opened without warnings by older QGIS/GDAL

_CORE_DDL = """
CREATE TABLE gpkg_spatial_ref_sys (
  srs_name TEXT NOT NULL,
  srs_id INTEGER NOT NULL PRIMARY KEY,
  organization TEXT NOT NULL,
  organization_coordsys_id INTEGER NOT NULL,
  definition TEXT NOT NULL,
  description TEXT
);
CREATE TABLE gpkg_contents (
  table_name TEXT NOT NULL PRIMARY KEY,
  data_type TEXT NOT NULL,
  identifier TEXT UNIQUE,
  description TEXT DEFAULT '',
  last_change DATETIME NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
  min_x DOUBLE, min_y DOUBLE, max_x DOUBLE, max_y DOUBLE,
  srs_id INTEGER,
  CONSTRAINT fk_gc_r_srs_id FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys(srs_id)
);
CREATE TABLE gpkg_geometry_columns (
  table_name TEXT NOT NULL,
  column_name TEXT NOT NULL,
  geometry_type_name TEXT NOT NULL,
  srs_id INTEGER NOT NULL,
  z TINYINT NOT NULL,
  m TINYINT NOT NULL,
  CONSTRAINT pk_geom_cols PRIMARY KEY (table_name, column_name),
  CONSTRAINT uk_gc_table_name UNIQUE (table_name),
  CONSTRAINT fk_gc_tn FOREIGN KEY (table_name) REFERENCES gpkg_contents(table_name),
  CONSTRAINT fk_gc_srs FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys (srs_id)
);
"""

_UNDEFINED_SRS = (
    ("Undefined cartesian SRS", -1, "NONE", -1, "undefined", "undefined cartesian coordinate reference system"),
    ("Undefined geographic SRS", 0, "NONE", 0, "undefined", "undefined geographic coordinate reference system"),
)

# flags byte: bit 0 little-endian, bits 1–3 envelope kind (1 = xy), bit 4 empty
_FLAGS_ENVELOPE = 0b0000_0011
_FLAGS_NO_ENVELOPE = 0b0000_0001
_FLAGS_EMPTY = 0b0001_0001
_HEADER = struct.Struct("<2sBBi")
_ENVELOPE = struct.Struct("<4d")
_ENVELOPE_SIZES = (0, 32, 48, 48, 64)


def create_core_tables(conn: sqlite3.Connection, epsg_codes: Iterable[int]) -> None:
    """Create the mandatory tables and register the given EPSG systems (plus 4326)."""
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    conn.execute(f"PRAGMA user_version = {USER_VERSION}")
    for statement in _CORE_DDL.split(";"):
        if statement.strip():
            conn.execute(statement)
    conn.executemany("INSERT INTO gpkg_spatial_ref_sys VALUES (?,?,?,?,?,?)", _UNDEFINED_SRS)
    for code in sorted(set(epsg_codes) | {4326}):
        crs = CRS.from_epsg(code)
        conn.execute(
            "INSERT INTO gpkg_spatial_ref_sys VALUES (?,?,?,?,?,?)",
            (crs.name, code, "EPSG", code, crs.to_wkt("WKT1_GDAL"), None),
        )


def register_table(conn: sqlite3.Connection, table: str, *, geometry_type: str | None,
                   srs_id: int, description: str, last_change: str) -> None:
    """Add a table to ``gpkg_contents`` (and ``gpkg_geometry_columns`` for features)."""
    data_type = "features" if geometry_type else "attributes"
    conn.execute(
        "INSERT INTO gpkg_contents (table_name, data_type, identifier, description, last_change, srs_id)"
        " VALUES (?,?,?,?,?,?)",
        (table, data_type, table, description, last_change, srs_id if geometry_type else None),
    )
    if geometry_type:
        conn.execute("INSERT INTO gpkg_geometry_columns VALUES (?,?,?,?,0,0)",
                     (table, "geom", geometry_type, srs_id))


def encode_geometries(geometries: Sequence, srs_id: int) -> list[bytes | None]:
    """GeoPackage binary blobs for an array of shapely geometries (None stays NULL)."""
    geometries = np.asarray(geometries, dtype=object)
    wkbs = shapely.to_wkb(geometries, byte_order=1, flavor="iso")
    bounds = shapely.bounds(geometries)
    empty = shapely.is_empty(geometries)
    points = shapely.get_type_id(geometries) == shapely.GeometryType.POINT
    blobs: list[bytes | None] = []
    for wkb, box, is_empty, is_point in zip(wkbs, bounds, empty, points):
        if wkb is None:
            blobs.append(None)
        elif is_empty:
            blobs.append(_HEADER.pack(b"GP", 0, _FLAGS_EMPTY, srs_id) + wkb)
        elif is_point:  # a point's envelope is the point itself; GDAL omits it too
            blobs.append(_HEADER.pack(b"GP", 0, _FLAGS_NO_ENVELOPE, srs_id) + wkb)
        else:
            minx, miny, maxx, maxy = box
            blobs.append(_HEADER.pack(b"GP", 0, _FLAGS_ENVELOPE, srs_id)
                         + _ENVELOPE.pack(minx, maxx, miny, maxy) + wkb)
    return blobs


def decode_geometries(blobs: Sequence[bytes | None]) -> np.ndarray:
    """Shapely geometries from GeoPackage binary blobs; raises ``ValueError`` on garbage."""
    if any(b is not None and b[:2] != b"GP" for b in blobs):
        raise ValueError("not a GeoPackage geometry blob")
    sizes = _ENVELOPE_SIZES + (None,) * 3  # indicators 5–7 are invalid
    try:
        wkbs = [None if b is None else b[8 + sizes[(b[3] >> 1) & 0b111]:] for b in blobs]
    except TypeError:
        raise ValueError("bad envelope indicator in a geometry blob") from None
    try:
        return shapely.from_wkb(np.array(wkbs, dtype=object), on_invalid="raise")
    except shapely.errors.GEOSException as exc:
        raise ValueError(f"a geometry cannot be read: {exc}") from exc


def update_extent(conn: sqlite3.Connection, table: str, bounds: np.ndarray, last_change: str,
                  *, grow: bool) -> None:
    """Set (or, with ``grow``, widen) the table's extent in ``gpkg_contents``.

    ``bounds`` is the (n, 4) array from ``shapely.bounds``; NaN rows are ignored.
    Widening keeps edits cheap; the extent is exact again in a file written
    by create or save-as.
    """
    box = total_bounds(bounds) or (None,) * 4
    if grow:
        conn.execute(
            "UPDATE gpkg_contents SET last_change = ?,"
            " min_x = min(coalesce(min_x, ?), coalesce(?, min_x)),"
            " min_y = min(coalesce(min_y, ?), coalesce(?, min_y)),"
            " max_x = max(coalesce(max_x, ?), coalesce(?, max_x)),"
            " max_y = max(coalesce(max_y, ?), coalesce(?, max_y)) WHERE table_name = ?",
            (last_change, box[0], box[0], box[1], box[1], box[2], box[2], box[3], box[3], table),
        )
    else:
        conn.execute(
            "UPDATE gpkg_contents SET last_change = ?, min_x = ?, min_y = ?, max_x = ?, max_y = ?"
            " WHERE table_name = ?", (last_change, *box, table))


# -- the R-tree spatial index extension (GeoPackage 1.2, Annex F.3) ---------------
# GDAL and QGIS use it for every pan and bounding-box read. Its triggers call
# ST_* functions that SQLite lacks: every connection that writes a feature table
# registers them first (register_functions); GDAL does the same.

_EXTENSIONS_DDL = """CREATE TABLE IF NOT EXISTS gpkg_extensions (
  table_name TEXT,
  column_name TEXT,
  extension_name TEXT NOT NULL,
  definition TEXT NOT NULL,
  scope TEXT NOT NULL,
  CONSTRAINT ge_tce UNIQUE (table_name, column_name, extension_name)
)"""

_RTREE_TRIGGERS = (
    ("insert", "AFTER INSERT ON {t} WHEN (new.{c} NOT NULL AND NOT ST_IsEmpty(NEW.{c}))",
     ("INSERT OR REPLACE INTO {r} VALUES (NEW.{i}, ST_MinX(NEW.{c}), ST_MaxX(NEW.{c}), "
      "ST_MinY(NEW.{c}), ST_MaxY(NEW.{c}));")),
    ("update1", ("AFTER UPDATE OF {c} ON {t} WHEN OLD.{i} = NEW.{i} AND "
                 "(NEW.{c} NOTNULL AND NOT ST_IsEmpty(NEW.{c}))"),
     ("INSERT OR REPLACE INTO {r} VALUES (NEW.{i}, ST_MinX(NEW.{c}), ST_MaxX(NEW.{c}), "
      "ST_MinY(NEW.{c}), ST_MaxY(NEW.{c}));")),
    ("update2", "AFTER UPDATE OF {c} ON {t} WHEN OLD.{i} = NEW.{i} AND (NEW.{c} ISNULL OR ST_IsEmpty(NEW.{c}))",
     "DELETE FROM {r} WHERE id = OLD.{i};"),
    ("update3", "AFTER UPDATE ON {t} WHEN OLD.{i} != NEW.{i} AND (NEW.{c} NOTNULL AND NOT ST_IsEmpty(NEW.{c}))",
     ("DELETE FROM {r} WHERE id = OLD.{i}; INSERT OR REPLACE INTO {r} VALUES (NEW.{i}, ST_MinX(NEW.{c}), "
      "ST_MaxX(NEW.{c}), ST_MinY(NEW.{c}), ST_MaxY(NEW.{c}));")),
    ("update4", "AFTER UPDATE ON {t} WHEN OLD.{i} != NEW.{i} AND (NEW.{c} ISNULL OR ST_IsEmpty(NEW.{c}))",
     "DELETE FROM {r} WHERE id IN (OLD.{i}, NEW.{i});"),
    ("delete", "AFTER DELETE ON {t} WHEN old.{c} NOT NULL", "DELETE FROM {r} WHERE id = OLD.{i};"),
)


def _envelope(blob: bytes | None) -> tuple[float, float, float, float] | None:
    """(minx, maxx, miny, maxy) from a blob's header, or from its WKB when the
    header carries none (points); None for NULL or empty."""
    if blob is None or blob[3] & 0b1_0000:
        return None
    kind = (blob[3] >> 1) & 0b111
    if kind:
        return _ENVELOPE.unpack_from(blob, 8)
    minx, miny, maxx, maxy = shapely.bounds(decode_geometries([blob])[0])
    return (minx, maxx, miny, maxy)


def _st(index: int):
    def function(blob):
        box = _envelope(blob)
        return None if box is None else box[index]
    return function


def register_functions(conn: sqlite3.Connection) -> None:
    """The SQL functions the R-tree triggers call."""
    for name, index in (("ST_MinX", 0), ("ST_MaxX", 1), ("ST_MinY", 2), ("ST_MaxY", 3)):
        conn.create_function(name, 1, _st(index), deterministic=True)
    conn.create_function("ST_IsEmpty", 1, lambda blob: None if blob is None else int(_envelope(blob) is None),
                         deterministic=True)


def rtree_triggers(table: str, key: str) -> dict[str, str]:
    """Name → CREATE TRIGGER statement of the R-tree triggers of ``table``.geom, as
    stored in ``sqlite_master`` (the foreign-object check compares against them)."""
    rtree = f"rtree_{table}_geom"
    names = {"t": f'"{table}"', "c": "geom", "i": f'"{key}"', "r": f'"{rtree}"'}
    return {f"{rtree}_{suffix}": f'CREATE TRIGGER "{rtree}_{suffix}" {when.format(**names)} '
                                 f'BEGIN {body.format(**names)} END'
            for suffix, when, body in _RTREE_TRIGGERS}


def fill_spatial_index(conn: sqlite3.Connection, table: str, key: str) -> None:
    """Fill the R-tree of ``table``.geom from the table itself (emptied first)."""
    rtree = f"rtree_{table}_geom"
    conn.execute(f'DELETE FROM "{rtree}"')
    conn.execute(f'INSERT INTO "{rtree}" SELECT "{key}", ST_MinX(geom), ST_MaxX(geom), ST_MinY(geom), '
                 f'ST_MaxY(geom) FROM "{table}" WHERE geom NOT NULL AND NOT ST_IsEmpty(geom)')


def create_spatial_index(conn: sqlite3.Connection, table: str, key: str, bounds: np.ndarray | None = None,
                         ids: Sequence[int] | None = None) -> None:
    """Add the R-tree index of ``table``.geom: virtual table, rows, triggers, registration.

    With ``bounds`` and ``ids`` (shapely.bounds order) the rows are written from
    them in one statement, instead of a trigger-function call per row.
    """
    rtree = f"rtree_{table}_geom"
    conn.execute(_EXTENSIONS_DDL)
    conn.execute(f'CREATE VIRTUAL TABLE "{rtree}" USING rtree(id, minx, maxx, miny, maxy)')
    if bounds is None:
        fill_spatial_index(conn, table, key)
    else:
        finite = ~np.isnan(bounds).any(axis=1)
        conn.executemany(f'INSERT INTO "{rtree}" VALUES (?, ?, ?, ?, ?)',
                         [(int(i), float(b[0]), float(b[2]), float(b[1]), float(b[3]))
                          for i, b in zip(np.asarray(ids)[finite], bounds[finite])])
    for sql in rtree_triggers(table, key).values():
        conn.execute(sql)
    conn.execute("INSERT INTO gpkg_extensions VALUES (?, 'geom', 'gpkg_rtree_index', "
                 "'http://www.geopackage.org/spec120/#extension_rtree', 'write-only')", (table,))
