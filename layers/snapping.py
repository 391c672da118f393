"""Snapping for the map's editing tools, without Qt: the nearest vertex, the
nearest point on a line, the way along a shared boundary, the boundary segment
under the cursor.

``features`` maps a table to its :class:`~layers.features.FeatureGeometry`
(a :class:`~layers.scene.MapScene`'s ``features``); ``reach`` is in map metres
(the tools turn their pixel tolerance into metres at the current scale).
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import shapely
from shapely.ops import substring

from layers.features import FeatureGeometry

Point = tuple[float, float]
Features = Mapping[str, FeatureGeometry]


def _near(fg: FeatureGeometry, x: float, y: float, reach: float) -> np.ndarray:
    return fg.query((x - reach, y - reach, x + reach, y + reach))


def snap_point(features: Features, x: float, y: float, reach: float,
               tables: tuple[str, ...] = ("zones", "compounds", "buildings"),
               exclude: Point | None = None) -> Point | None:
    """The nearest vertex of ``tables`` within ``reach`` of (x, y) (other than ``exclude``), or None."""
    best, best_d = None, reach
    for table in tables:
        fg = features[table]
        if not len(fg):
            continue
        hits = _near(fg, x, y, reach)
        if not len(hits):
            continue
        coords = shapely.get_coordinates(fg.geometries[hits])
        if exclude is not None:
            coords = coords[np.hypot(*(coords - exclude).T) > 1e-9]
        if not len(coords):
            continue
        d = np.hypot(coords[:, 0] - x, coords[:, 1] - y)
        i = int(np.argmin(d))
        if d[i] <= best_d:
            best, best_d = (float(coords[i, 0]), float(coords[i, 1])), d[i]
    return best


def snap_to_lines(features: Features, x: float, y: float, reach: float,
                  tables: tuple[str, ...] = ("zones", "compounds", "streets")) -> Point | None:
    """The nearest point within ``reach`` of (x, y) on a street centreline or on
    the outline of a zone or compound wall (of ``tables``), or None."""
    point = shapely.Point(x, y)
    best, best_d = None, reach
    for table in tables:
        fg = features[table]
        if not len(fg):
            continue
        for geometry in fg.geometries[_near(fg, x, y, reach)]:
            line = geometry if table == "streets" else geometry.boundary
            d = line.distance(point)
            if d <= best_d:
                foot = line.interpolate(line.project(point))
                best, best_d = (foot.x, foot.y), d
    return best


def trace(features: Features, a: Point, b: Point) -> list[Point]:
    """The vertices between ``a`` and ``b`` along a zone boundary both lie on (the
    shorter way round), so a new zone can follow an existing edge; [] if none."""
    fg = features["zones"]
    hits = fg.query((min(a[0], b[0]), min(a[1], b[1]), max(a[0], b[0]), max(a[1], b[1])))
    pa, pb = shapely.Point(a), shapely.Point(b)
    for geometry in fg.geometries[hits]:
        for ring in shapely.get_rings(shapely.get_parts(geometry)):
            if ring.distance(pa) > 1e-6 or ring.distance(pb) > 1e-6:
                continue
            da, db = ring.project(pa), ring.project(pb)
            forward = substring(ring, min(da, db), max(da, db))
            if forward.length > ring.length / 2:  # the other way round is shorter
                back = [substring(ring, max(da, db), ring.length), substring(ring, 0, min(da, db))]
                coords = list(back[0].coords) + list(back[1].coords)[1:]
                coords = coords if da > db else coords[::-1]
            else:
                coords = list(forward.coords) if da <= db else list(forward.coords)[::-1]
            return [tuple(c) for c in coords[1:-1]]
    return []


def segment_near(features: Features, x: float, y: float, reach: float) -> tuple[Point, Point, Point] | None:
    """The zone boundary segment nearest (x, y) within ``reach``: (a, b, foot of (x, y) on it)."""
    fg = features["zones"]
    best = None
    for geometry in fg.geometries[_near(fg, x, y, reach)]:
        for ring in shapely.get_rings(shapely.get_parts(geometry)):
            c = shapely.get_coordinates(ring)
            a, b = c[:-1], c[1:]
            ab = b - a
            along = (x - a[:, 0]) * ab[:, 0] + (y - a[:, 1]) * ab[:, 1]
            t = np.clip(along / np.maximum((ab ** 2).sum(1), 1e-12), 0, 1)
            foot = a + ab * t[:, None]
            d = np.hypot(foot[:, 0] - x, foot[:, 1] - y)
            i = int(np.argmin(d))
            if d[i] <= reach and (best is None or d[i] < best[0]):
                best = (d[i], tuple(a[i]), tuple(b[i]), tuple(foot[i]))
    return best[1:] if best else None


def rings_through(features: Features, vertex: Point) -> tuple[list[np.ndarray], list[np.ndarray]]:
    """The zone outlines that have ``vertex`` and, for each, the mask of its places in it."""
    x, y = vertex
    fg = features["zones"]
    rings, moving = [], []
    for geometry in fg.geometries[fg.query((x, y, x, y))]:
        for ring in shapely.get_rings(shapely.get_parts(geometry)):
            coords = shapely.get_coordinates(ring)
            here = np.hypot(coords[:, 0] - x, coords[:, 1] - y) <= 1e-6
            if here.any():
                rings.append(coords)
                moving.append(here)
    return rings, moving
