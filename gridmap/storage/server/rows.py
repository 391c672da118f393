"""Records to and from PostgreSQL rows: the SQL that selects a table in the
record's field order and the parameters that write a record.

Values travel in the registry's stored forms (``FieldKind.encode``) so that a
record read from the server equals the one read from a GeoPackage: dates and
times are selected as the GeoPackage's ISO text, shapes as WKB."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import shapely

from gridmap.model.tables import TableSpec
from gridmap.storage.server.schema import VERSION_COLUMN

# A timestamptz as the GeoPackage writes a DATETIME (UTC, milliseconds, Z).
DATETIME_TEXT = """to_char({} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')"""


def _select_expression(spec: TableSpec, name: str) -> str:
    if name == "geom":
        return 'ST_AsBinary("geom")'
    kind = next((c.type.name for c in spec.columns if c.name == name), None)
    if kind == "date":
        return f'"{name}"::text'
    if kind == "datetime":
        return DATETIME_TEXT.format(f'"{name}"')
    return f'"{name}"'


def select_sql(spec: TableSpec, *, where: str = "", versions: bool = False) -> str:
    """SELECT of the table in record field order (and its row versions last, if asked)."""
    columns = [_select_expression(spec, name) for name in spec.select_order]
    if versions:
        columns.append(f'"{VERSION_COLUMN}"')
    return f'SELECT {", ".join(columns)} FROM "{spec.name}"{where} ORDER BY "{spec.key}"'


def records(spec: TableSpec, rows: list[tuple], substitutes: list | None = None) -> dict[int, Any]:
    """Rows selected by :func:`select_sql` (without versions) as records, by id."""
    if not rows:
        return {}
    order = spec.select_order
    geometries = None
    if spec.is_features:
        at = order.index("geom")
        geometries = shapely.from_wkb(np.array([row[at] for row in rows], dtype=object))
    key_at = order.index(spec.key)
    return {row[key_at]: record for row, record in zip(rows, spec.from_rows(rows, geometries, substitutes))}


def _written_names(spec: TableSpec) -> list[str]:
    return [spec.key] + (["geom"] if spec.is_features else []) + list(spec.column_names)


def insert_sql(spec: TableSpec, srid: int) -> str:
    names = _written_names(spec)
    values = ["%s"] * len(names)
    if spec.is_features:
        values[1] = f"ST_GeomFromWKB(%s, {int(srid)})"
    quoted = ", ".join(f'"{n}"' for n in names)
    return f'INSERT INTO "{spec.name}" ({quoted}) VALUES ({", ".join(values)})'


def update_sql(spec: TableSpec, srid: int) -> str:
    names = _written_names(spec)[1:]
    assignments = [f'"{n}" = %s' for n in names]
    if spec.is_features:
        assignments[0] = f'"geom" = ST_GeomFromWKB(%s, {int(srid)})'
    return f'UPDATE "{spec.name}" SET {", ".join(assignments)} WHERE "{spec.key}" = %s'


def parameters(spec: TableSpec, record_list: Sequence[Any]) -> list[list[Any]]:
    """Each record's values in :func:`insert_sql` order (key, WKB shape, fields)."""
    booleans = [i for i, c in enumerate(spec.columns, 1) if c.type.name == "boolean"]
    rows = []
    for record in record_list:
        row = list(spec.to_row(record))
        for i in booleans:
            row[i] = bool(row[i])  # the stored 0/1 is a real boolean here
        rows.append(row)
    if spec.is_features:
        shapes = shapely.to_wkb(np.array([r.geometry for r in record_list], dtype=object))
        for row, shape in zip(rows, shapes):
            row.insert(1, shape)
    return rows
