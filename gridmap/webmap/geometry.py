"""Project geometry as Leaflet wants it: WGS84 longitude/latitude GeoJSON.

A project keeps metric coordinates (a Gauss-Krüger CRS such as EPSG:4547).
Whole layers are simplified and reprojected at once (shapely and pyproj over
numpy arrays), and coordinates rounded to 1e-7 degrees (about 1 cm). A shape
with a coordinate that is not a number or far out (1e308 would keep GEOS's
simplify busy for ever) comes out empty: drawn as nothing, never as garbage.
"""

from __future__ import annotations

import json
from typing import Any
from collections.abc import Sequence

import numpy as np
import shapely
from pyproj import Transformer

from gridmap.model.coordinates import coordinate_faults

# Vertices closer than this to the simplified line go: invisible at any zoom the
# map offers, and it drops the dense vertices of traced or buffered outlines.
SIMPLIFY_METRES = 0.2
DECIMALS = 7
WGS84 = "EPSG:4326"
GLOBE = (-180.0, -90.0, 180.0, 90.0)


def lonlat_transformer(srs_id: int | str) -> Transformer:
    """From the project's CRS (an EPSG code, "4547" or "EPSG:4547") to lon/lat."""
    text = str(srs_id)
    return Transformer.from_crs(text if ":" in text else f"EPSG:{text}", WGS84, always_xy=True)


def to_lonlat(geometries: Sequence[Any], transformer: Transformer,
              tolerance: float = SIMPLIFY_METRES) -> np.ndarray:
    """The geometries simplified (in metres) and reprojected; shared boundaries
    stay shared, because equal input vertices give equal output ones."""
    array = _emptied(np.asarray(geometries, dtype=object), coordinate_faults(geometries))
    if tolerance > 0:
        array = shapely.simplify(array, tolerance, preserve_topology=True)

    def project(x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        lon, lat = transformer.transform(x, y)
        return np.round(lon, DECIMALS), np.round(lat, DECIMALS)

    lonlat = shapely.transform(array, project, interleaved=False)
    return _emptied(lonlat, coordinate_faults(lonlat, GLOBE))  # what the projection could not place


def _emptied(geometries: np.ndarray, faults: np.ndarray) -> np.ndarray:
    """``geometries`` with the faulty ones replaced by empty shapes of their kind."""
    if not faults.any():
        return geometries
    geometries = geometries.copy()
    for at in np.flatnonzero(faults):
        geometries[at] = shapely.from_wkt(f"{geometries[at].geom_type.upper()} EMPTY")
    return geometries


def geojson_geometries(geometries: np.ndarray) -> list[dict]:
    """GeoJSON geometry objects, one per geometry (all at once through GEOS)."""
    return [json.loads(text) for text in shapely.to_geojson(geometries)]


def bounds_latlon(geometries: np.ndarray) -> list[list[float]] | None:
    """[[south, west], [north, east]] around lon/lat geometries; None if there are none."""
    if len(geometries) == 0:
        return None
    west, south, east, north = shapely.total_bounds(geometries)
    if not np.isfinite([west, south, east, north]).all():
        return None
    return [[float(south), float(west)], [float(north), float(east)]]
