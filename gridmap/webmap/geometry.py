"""Project geometry as Leaflet wants it: WGS84 longitude/latitude GeoJSON.

A project keeps metric coordinates (a Gauss-Krüger CRS such as EPSG:4547).
Whole layers are simplified and reprojected at once (shapely and pyproj over
numpy arrays), and coordinates rounded to 1e-7 degrees (about 1 cm).
"""

from __future__ import annotations

import json
from typing import Any, Sequence

import numpy as np
import shapely
from pyproj import Transformer

# Vertices closer than this to the simplified line go: invisible at any zoom the
# map offers, and it drops the dense vertices of traced or buffered outlines.
SIMPLIFY_METRES = 0.2
DECIMALS = 7
WGS84 = "EPSG:4326"


def lonlat_transformer(srs_id: int | str) -> Transformer:
    """From the project's CRS (an EPSG code, "4547" or "EPSG:4547") to lon/lat."""
    text = str(srs_id)
    return Transformer.from_crs(text if ":" in text else f"EPSG:{text}", WGS84, always_xy=True)


def to_lonlat(geometries: Sequence[Any], transformer: Transformer,
              tolerance: float = SIMPLIFY_METRES) -> np.ndarray:
    """The geometries simplified (in metres) and reprojected; shared boundaries
    stay shared, because equal input vertices give equal output ones."""
    array = np.asarray(geometries, dtype=object)
    if tolerance > 0:
        array = shapely.simplify(array, tolerance, preserve_topology=True)

    def project(x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        lon, lat = transformer.transform(x, y)
        return np.round(lon, DECIMALS), np.round(lat, DECIMALS)

    return shapely.transform(array, project, interleaved=False)


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
