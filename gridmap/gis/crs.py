"""Coordinate reference systems: read what users type, pick a metric one, reproject.

Grids, snapping tolerances and areas need metres, so imported data is moved
into a projected CRS: in China the CGCS2000 3-degree Gauss–Krüger zone that
surveying offices use, elsewhere UTM.
"""

from __future__ import annotations

import math

import numpy as np
import shapely
from pyproj import CRS, Transformer
from pyproj.exceptions import CRSError, ProjError

from gridmap.errors import CoordinateError
from gridmap.gis.messages import crs_problem
from gridmap.gis.offsets import convert_geometry, in_china, offset_name

# EPSG:4534 "CGCS2000 / 3-degree Gauss-Kruger CM 75E" up to EPSG:4554 "... CM 135E",
# one code per 3 degrees (checked against PROJ's database in tests/test_crs.py).
GK_FIRST_CODE = 4534
GK_FIRST_CM = 75
GK_ZONES = 21


def parse_crs(text) -> CRS:
    """A CRS from "EPSG:4547", "4547", 4547, WKT or a PROJ string (a CRS passes through)."""
    if isinstance(text, CRS):
        return text
    shown = str(text).strip()
    try:
        if shown.isdecimal():
            return CRS.from_epsg(int(shown))
        if shown:
            return CRS.from_user_input(shown)
    except (CRSError, ProjError):
        pass
    if len(shown) > 120:
        shown = shown[:117] + "..."
    raise CoordinateError(crs_problem("unknown_crs", text=shown))


def is_geographic(crs) -> bool:
    """True for longitude/latitude systems (where offsets may apply), False for metric ones."""
    return parse_crs(crs).is_geographic


def metric_crs_for(lon: float, lat: float) -> int:
    """The EPSG code of a projected CRS with little distortion at (lon, lat).

    Inside China (the offsets' rough box) the CGCS2000 3-degree Gauss–Krüger
    zone whose central meridian is nearest; elsewhere the WGS84 UTM zone.
    """
    if not (math.isfinite(lon) and math.isfinite(lat) and -180 <= lon <= 180 and -90 <= lat <= 90):
        raise CoordinateError(crs_problem("not_lonlat", lon=lon, lat=lat))
    if in_china(lon, lat):
        zone = math.floor((lon - GK_FIRST_CM + 1.5) / 3)
        return GK_FIRST_CODE + min(max(zone, 0), GK_ZONES - 1)
    utm_zone = int((lon + 180) // 6) % 60 + 1
    return (32600 if lat >= 0 else 32700) + utm_zone


def to_project(geoms, source_crs, target_epsg, offset: str | None = None, lost: str = "raise"):
    """Reproject shapely geometries (x = longitude for geographic sources) into the target CRS.

    With ``offset`` "gcj02" or "bd09" the source coordinates are first moved to
    WGS84 longitude/latitude; offsets exist only on longitude/latitude, so a
    projected source with an offset is refused. A coordinate the target cannot
    express raises ``CoordinateError`` (the source CRS is probably wrong), or
    with ``lost="keep"`` is left not a number, for the caller to leave that
    shape out.
    """
    source = parse_crs(source_crs)
    target = parse_crs(target_epsg)
    if offset is not None:
        key = offset_name(offset)
        if not source.is_geographic:
            raise CoordinateError(crs_problem("offset_on_projected", offset=key, crs=source.name))
        geoms = convert_geometry(geoms, key, inverse=True)
        source = CRS.from_epsg(4326)
    try:
        transformer = Transformer.from_crs(source, target, always_xy=True)
    except ProjError as exc:
        raise CoordinateError(crs_problem("no_transformation", source=source.name, target=target.name,
                                          error=str(exc))) from exc

    def move(coords: np.ndarray) -> np.ndarray:
        moved = coords.copy()
        moved[:, 0], moved[:, 1] = transformer.transform(coords[:, 0], coords[:, 1])
        gone = np.isfinite(coords[:, :2]).all(axis=1) & ~np.isfinite(moved[:, :2]).all(axis=1)
        if gone.any() and lost == "raise":
            x, y = coords[gone][0, :2]
            raise CoordinateError(crs_problem("not_expressible", count=int(gone.sum()), x=x, y=y, crs=target.name))
        return moved

    return shapely.transform(geoms, move, include_z=None)
