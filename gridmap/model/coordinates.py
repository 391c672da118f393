"""Coordinates no shape can mean: not numbers (NaN, ∞), or so far out that they
are garbage. One such vertex makes GEOS throw (make_valid) or spin for ever
(simplify with 1e308), so every door checks them, all vertices at once.

"Far out" is relative to a coordinate reference system: for a projected one,
beyond the area EPSG says it is for, with a generous margin (a project's data
may stray out of its Gauss–Krüger zone; a thousand kilometres out is a typo);
for longitude/latitude, off the globe. Without a CRS, beyond
``LARGEST_COORDINATE`` in any unit.
"""

from __future__ import annotations

import functools

import numpy as np
import shapely
from pyproj import CRS, Transformer
from pyproj.exceptions import CRSError, ProjError

from gridmap.model.entities import LARGEST_COORDINATE
from gridmap.model.messages import fault_reason

# How far beyond its CRS's area of use a shape may lie before it is refused.
MARGIN_METRES = 1_000_000.0
MARGIN_DEGREES = 10.0

FINE, NOT_A_NUMBER, FAR_OUT = 0, 1, 2
ANY_CRS = (-LARGEST_COORDINATE, -LARGEST_COORDINATE, LARGEST_COORDINATE, LARGEST_COORDINATE)


@functools.lru_cache(maxsize=32)
def crs_limits(crs: int | str) -> tuple[float, float, float, float]:
    """(xmin, ymin, xmax, ymax) a shape in ``crs`` (an EPSG code or any text
    pyproj reads) may reach: its area of use, widened by the margin, within
    ``ANY_CRS``. A CRS without a known area of use gets ``ANY_CRS``."""
    try:
        parsed = CRS.from_epsg(crs) if isinstance(crs, int) or str(crs).isdecimal() else CRS.from_user_input(crs)
        area = parsed.area_of_use
        if parsed.is_geographic:  # any longitude, latitude is meant: its area of use is about accuracy
            box = (-180.0 - MARGIN_DEGREES, -90.0, 180.0 + MARGIN_DEGREES, 90.0)
        elif area is None:
            return ANY_CRS
        else:
            to_crs = Transformer.from_crs(parsed.geodetic_crs, parsed, always_xy=True)
            x0, y0, x1, y1 = to_crs.transform_bounds(*area.bounds, densify_pts=21)
            m = MARGIN_METRES / parsed.axis_info[0].unit_conversion_factor  # in the CRS's own unit
            box = (x0 - m, y0 - m, x1 + m, y1 + m)
    except (CRSError, ProjError, ValueError, IndexError):
        return ANY_CRS
    if not np.isfinite(box).all():
        return ANY_CRS
    return (max(box[0], ANY_CRS[0]), max(box[1], ANY_CRS[1]), min(box[2], ANY_CRS[2]), min(box[3], ANY_CRS[3]))


def coordinate_faults(geometries, limits: tuple[float, float, float, float] = ANY_CRS) -> np.ndarray:
    """Per geometry: ``FINE``, ``NOT_A_NUMBER`` (a NaN or ∞ vertex) or ``FAR_OUT``
    (a vertex outside ``limits``). None and empty geometries are fine.

    One pass over every vertex (shapely.get_coordinates), no loop per shape;
    the owners of the vertices are looked up only when some vertex is bad.
    (Bounds would not do: GEOS's envelope skips a NaN.)"""
    geometries = np.asarray(geometries, dtype=object)
    faults = np.zeros(len(geometries), dtype=np.int8)
    if not len(geometries):
        return faults
    coords = shapely.get_coordinates(geometries)
    if not len(coords):
        return faults
    x, y = coords[:, 0], coords[:, 1]  # a NaN makes min and max NaN, and every test below false
    if x.min() >= limits[0] and y.min() >= limits[1] and x.max() <= limits[2] and y.max() <= limits[3]:
        return faults
    coords, owner = shapely.get_coordinates(geometries, return_index=True)
    with np.errstate(invalid="ignore"):
        finite = np.isfinite(coords).all(axis=1)
        inside = ((coords[:, 0] >= limits[0]) & (coords[:, 0] <= limits[2])
                  & (coords[:, 1] >= limits[1]) & (coords[:, 1] <= limits[3]))
    faults[np.unique(owner[finite & ~inside])] = FAR_OUT
    faults[np.unique(owner[~finite])] = NOT_A_NUMBER
    return faults


def first_bad_vertex(geometry, limits: tuple[float, float, float, float] = ANY_CRS) -> tuple[float, float] | None:
    """The first vertex of ``geometry`` that is not a number or lies outside ``limits``, for messages."""
    coords = shapely.get_coordinates(geometry)
    with np.errstate(invalid="ignore"):
        bad = ~(np.isfinite(coords).all(axis=1) & (coords[:, 0] >= limits[0]) & (coords[:, 0] <= limits[2])
                & (coords[:, 1] >= limits[1]) & (coords[:, 1] <= limits[3]))
    at = np.flatnonzero(bad)
    return (float(coords[at[0], 0]), float(coords[at[0], 1])) if len(at) else None


def fault_text(fault: int, vertex: tuple[float, float] | None, crs_name: str = "") -> str:
    """What is wrong: "a coordinate is not a number (nan, 34.7)", a Reason the window translates."""
    return fault_reason(fault == NOT_A_NUMBER, vertex, crs_name)
