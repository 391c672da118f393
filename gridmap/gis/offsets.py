"""The Chinese web-map offsets: GCJ-02 (Amap, Tencent, Google China) and BD-09 (Baidu).

They are deliberate distortions of WGS84 longitude and latitude, not datums, so
PROJ does not implement them (OSGeo/PROJ#982). The forward formulas are the
published ones, written from their public descriptions; the inverses have no
closed form and are solved by fixed-point iteration, which converges quickly
because each offset changes by only about a thousandth of a degree per degree.
Coordinates are always (longitude, latitude) in degrees.
"""

from __future__ import annotations

import numpy as np
import shapely

from gridmap.errors import CoordinateError
from gridmap.gis.messages import crs_problem

# The Krasovsky 1940 ellipsoid, which the published GCJ-02 formula uses.
_A = 6378245.0
_EE = 0.00669342162296594323
_BD_FACTOR = np.pi * 3000.0 / 180.0

# The rough box the published algorithm treats as China (west, south, east, north);
# outside it GCJ-02 equals WGS84.
CHINA_BOX = (72.004, 0.8293, 137.8347, 55.8271)

# An inverse stops when re-applying the forward offset lands within this many
# degrees of the input (1e-10 degrees is about 0.01 mm on the ground).
TOLERANCE = 1e-10
MAX_ITERATIONS = 30


def in_china(lon, lat) -> np.ndarray:
    """True where the published algorithm applies the GCJ-02 offset."""
    west, south, east, north = CHINA_BOX
    lon, lat = _arrays(lon, lat)
    return (lon >= west) & (lon <= east) & (lat >= south) & (lat <= north)


def wgs84_to_gcj02(lon, lat) -> tuple[np.ndarray, np.ndarray]:
    """WGS84 to GCJ-02; points outside ``CHINA_BOX`` are returned unchanged."""
    lon, lat = _arrays(lon, lat)
    glon, glat = _gcj_everywhere(lon, lat)
    inside = in_china(lon, lat)
    return np.where(inside, glon, lon), np.where(inside, glat, lat)


def gcj02_to_wgs84(lon, lat) -> tuple[np.ndarray, np.ndarray]:
    """GCJ-02 to WGS84, iterated until the round trip closes within ``TOLERANCE``.

    As in the published algorithm, a point outside ``CHINA_BOX`` is returned
    unchanged; so is one whose coordinates are not finite. (So round trips are
    exact except within about a kilometre inside the box's edges, far from China.)
    """
    lon, lat = _arrays(lon, lat)
    out_lon, out_lat = lon.copy(), lat.copy()
    todo = in_china(lon, lat)
    if todo.any():
        out_lon[todo], out_lat[todo] = _invert(_gcj_everywhere, lon[todo], lat[todo], "GCJ-02")
    return out_lon, out_lat


def gcj02_to_bd09(lon, lat) -> tuple[np.ndarray, np.ndarray]:
    """GCJ-02 to BD-09. Published code applies this step everywhere, and so do we."""
    lon, lat = _arrays(lon, lat)
    z = np.hypot(lon, lat) + 0.00002 * np.sin(lat * _BD_FACTOR)
    theta = np.arctan2(lat, lon) + 0.000003 * np.cos(lon * _BD_FACTOR)
    return z * np.cos(theta) + 0.0065, z * np.sin(theta) + 0.006


def bd09_to_gcj02(lon, lat) -> tuple[np.ndarray, np.ndarray]:
    """BD-09 to GCJ-02, iterated until the round trip closes within ``TOLERANCE``."""
    lon, lat = _arrays(lon, lat)
    out_lon, out_lat = lon.copy(), lat.copy()
    todo = np.isfinite(lon) & np.isfinite(lat)
    if todo.any():
        out_lon[todo], out_lat[todo] = _invert(gcj02_to_bd09, lon[todo], lat[todo], "BD-09")
    return out_lon, out_lat


def wgs84_to_bd09(lon, lat) -> tuple[np.ndarray, np.ndarray]:
    """WGS84 to BD-09, through GCJ-02 as Baidu defines it."""
    return gcj02_to_bd09(*wgs84_to_gcj02(lon, lat))


def bd09_to_wgs84(lon, lat) -> tuple[np.ndarray, np.ndarray]:
    """BD-09 to WGS84, through GCJ-02."""
    return gcj02_to_wgs84(*bd09_to_gcj02(lon, lat))


# name -> (from WGS84, to WGS84); the names users may write map onto these keys.
OFFSETS = {
    "gcj02": (wgs84_to_gcj02, gcj02_to_wgs84),
    "bd09": (wgs84_to_bd09, bd09_to_wgs84),
}


def offset_name(offset: str) -> str:
    """``"GCJ-02"``, ``"gcj02"`` → ``"gcj02"``; a clear error for anything else."""
    key = str(offset).strip().lower().replace("-", "").replace("_", "")
    if key not in OFFSETS:
        raise CoordinateError(crs_problem("unknown_offset", offset=offset))
    return key


def convert_geometry(geom_array, offset: str, inverse: bool = True):
    """Move every vertex of shapely geometries between an offset and WGS84.

    With ``inverse=True`` (the usual case, reading a map service's data)
    ``offset`` coordinates become WGS84; with ``inverse=False`` the reverse.
    Geometries hold x = longitude, y = latitude; any z is kept.
    """
    forward, backward = OFFSETS[offset_name(offset)]
    convert = backward if inverse else forward

    def move(coords: np.ndarray) -> np.ndarray:
        moved = coords.copy()
        moved[:, 0], moved[:, 1] = convert(coords[:, 0], coords[:, 1])
        return moved

    return shapely.transform(geom_array, move, include_z=None)


def _arrays(lon, lat) -> tuple[np.ndarray, np.ndarray]:
    lon, lat = np.broadcast_arrays(np.asarray(lon, dtype=float), np.asarray(lat, dtype=float))
    return lon, lat


def _gcj_everywhere(lon: np.ndarray, lat: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The published GCJ-02 formula without the box test (smooth, so it can be inverted)."""
    x = lon - 105.0
    y = lat - 35.0
    # Both published polynomials share the fast ripple in x.
    ripple = (20.0 * np.sin(6.0 * x * np.pi) + 20.0 * np.sin(2.0 * x * np.pi)) * 2.0 / 3.0
    root = np.sqrt(np.abs(x))
    north = (-100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * root + ripple
             + (20.0 * np.sin(y * np.pi) + 40.0 * np.sin(y / 3.0 * np.pi)) * 2.0 / 3.0
             + (160.0 * np.sin(y / 12.0 * np.pi) + 320.0 * np.sin(y * np.pi / 30.0)) * 2.0 / 3.0)
    east = (300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * root + ripple
            + (20.0 * np.sin(x * np.pi) + 40.0 * np.sin(x / 3.0 * np.pi)) * 2.0 / 3.0
            + (150.0 * np.sin(x / 12.0 * np.pi) + 300.0 * np.sin(x / 30.0 * np.pi)) * 2.0 / 3.0)
    # The polynomials give metres-like amounts; scale them by the Krasovsky radii of curvature.
    phi = lat / 180.0 * np.pi
    magic = 1.0 - _EE * np.sin(phi) ** 2
    root_magic = np.sqrt(magic)
    dlat = (north * 180.0) / ((_A * (1.0 - _EE)) / (magic * root_magic) * np.pi)
    dlon = (east * 180.0) / (_A / root_magic * np.cos(phi) * np.pi)
    return lon + dlon, lat + dlat


def _invert(forward, lon: np.ndarray, lat: np.ndarray, name: str) -> tuple[np.ndarray, np.ndarray]:
    """Solve forward(p) = (lon, lat) by p <- p - (forward(p) - target); inputs are finite.

    The offsets vary slowly, so each step shrinks the error about a
    thousandfold; a handful of steps reaches ``TOLERANCE``.
    """
    guess_lon, guess_lat = lon.copy(), lat.copy()
    worst = np.inf
    for _ in range(MAX_ITERATIONS):
        here_lon, here_lat = forward(guess_lon, guess_lat)
        miss_lon, miss_lat = here_lon - lon, here_lat - lat
        worst = float(np.max(np.maximum(np.abs(miss_lon), np.abs(miss_lat)), initial=0.0))
        if worst < TOLERANCE:
            return guess_lon, guess_lat
        guess_lon -= miss_lon
        guess_lat -= miss_lat
    raise CoordinateError(crs_problem("offset_diverged", name=name, steps=MAX_ITERATIONS, worst=f"{worst:.3g}"))
