"""GeoPackage 1.2 essentials: the core tables, the geometry blob, table registration.

Written with plain SQLite rather than GDAL so that feature tables and attribute
tables change together in one transaction. ``tests/test_storage.py`` checks the
result with GDAL (pyogrio) and geopandas.
"""

from __future__ import annotations

import sqlite3
import struct
from typing import Iterable, Sequence

import numpy as np
import shapely
from pyproj import CRS

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
    return shapely.from_wkb(np.array(wkbs, dtype=object), on_invalid="raise")


def update_extent(conn: sqlite3.Connection, table: str, bounds: np.ndarray, last_change: str,
                  *, grow: bool) -> None:
    """Set (or, with ``grow``, widen) the table's extent in ``gpkg_contents``.

    ``bounds`` is the (n, 4) array from ``shapely.bounds``; NaN rows are ignored.
    Widening keeps edits cheap; the exact extent is rewritten on save-as.
    """
    finite = bounds[~np.isnan(bounds).any(axis=1)] if len(bounds) else bounds
    if len(finite):
        box = [finite[:, 0].min(), finite[:, 1].min(), finite[:, 2].max(), finite[:, 3].max()]
    else:
        box = [None] * 4
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
