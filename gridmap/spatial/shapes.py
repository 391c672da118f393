"""Geometry type rules of the project's feature tables."""

from __future__ import annotations

import numpy as np
import shapely
from shapely.geometry import MultiPolygon, Polygon
from shapely.geometry.base import BaseGeometry

_SINGLE_TO_MULTI = {
    "MULTIPOLYGON": (shapely.GeometryType.POLYGON, shapely.GeometryType.MULTIPOLYGON, shapely.multipolygons),
    "MULTILINESTRING": (shapely.GeometryType.LINESTRING, shapely.GeometryType.MULTILINESTRING,
                        shapely.multilinestrings),
}
# GeoPackage geometry type name → shapely's geom_type
SHAPELY_NAMES = {"POINT": "Point", "LINESTRING": "LineString", "POLYGON": "Polygon",
                 "MULTIPOINT": "MultiPoint", "MULTILINESTRING": "MultiLineString",
                 "MULTIPOLYGON": "MultiPolygon"}
_SINGLE = {"POINT": shapely.GeometryType.POINT, "LINESTRING": shapely.GeometryType.LINESTRING,
           "POLYGON": shapely.GeometryType.POLYGON}


def conform(geometries: np.ndarray, geometry_type: str) -> np.ndarray:
    """Return ``geometries`` as the table's declared type.

    Single parts are promoted to their multi type (a grid clipped in two stays
    one record); anything else raises ``ValueError`` naming the offending type.
    """
    geometries = np.asarray(geometries, dtype=object)
    types = shapely.get_type_id(geometries)
    out = geometries.copy()
    if geometry_type in _SINGLE_TO_MULTI:
        single, multi, make = _SINGLE_TO_MULTI[geometry_type]
        promote = types == single
        if promote.any():
            # multipolygons() on a 1-D array of parts builds one multi per part.
            out[promote] = [make([g]) for g in geometries[promote]]
        allowed = (types == single) | (types == multi)
    else:
        allowed = types == _SINGLE[geometry_type]
    bad = ~allowed & (types >= 0)  # -1 = missing geometry, allowed (NULL)
    if bad.any():
        first = geometries[np.flatnonzero(bad)[0]]
        raise ValueError(f"expected {geometry_type}, got {first.geom_type}")
    return out


def polygonal(geometry: BaseGeometry) -> BaseGeometry:
    """The areas of ``geometry`` alone. Overlays can leave slivers of lines or
    points beside the areas (a GeometryCollection), and GEOS refuses such
    mixed-dimension input to the next overlay."""
    if geometry.geom_type in ("Polygon", "MultiPolygon"):
        return geometry
    parts = [p for p in shapely.get_parts(shapely.get_parts(geometry)) if p.geom_type == "Polygon" and p.area > 0]
    return MultiPolygon(parts) if parts else Polygon()


def conform_one(geometry: BaseGeometry | None, geometry_type: str) -> BaseGeometry | None:
    if geometry is None:
        return None
    return conform(np.array([geometry], dtype=object), geometry_type)[0]


def total_bounds(bounds: np.ndarray) -> tuple[float, float, float, float] | None:
    """The box around all rows of a ``shapely.bounds`` array, NaN rows (empty or
    missing geometry) left out; None if nothing is left."""
    finite = bounds[~np.isnan(bounds).any(axis=1)] if len(bounds) else bounds
    if not len(finite):
        return None
    return (float(finite[:, 0].min()), float(finite[:, 1].min()), float(finite[:, 2].max()), float(finite[:, 3].max()))


def typical_size(geometries: np.ndarray) -> float:
    """The median side of a square of the same area: what decides level of detail."""
    return float(np.median(np.sqrt(shapely.area(geometries)))) if len(geometries) else 0.0


def identical(a: BaseGeometry | None, b: BaseGeometry | None) -> bool:
    """The same shape, vertex for vertex (or both None): whether a stored shape changed."""
    return a is b or (a is not None and b is not None and bool(shapely.equals_identical(a, b)))
