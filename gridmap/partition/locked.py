"""New grids fitted to the grids a partition keeps as they are (locked).

The atoms are cut from the zone less its locked grids, so the new grids run
along the locked edges through their vertices. But noding puts a point on a
locked edge wherever a street, a wall or a line between buildings meets it,
and on a slanted edge that point lies a hair off the line: giving it to the
locked grid would change its shape. A locked grid keeps its shape to the last
bit, so the new grids give those points up wherever their outline only runs
on along the edge; where two new grids meet on the edge, the locked grid takes
their corner only if it lies exactly on the edge (as on a north–south or
east–west one), so the grids still share every vertex there.
"""

from __future__ import annotations

import numpy as np
import shapely
from shapely.geometry.base import BaseGeometry

from gridmap.partition.atoms import PRECISION

EXACTLY = 1e-12  # metres: snapping points that lie on an edge inserts them and moves nothing
ON_EDGE = 2 * PRECISION  # metres: a point this close to a locked edge or corner is on it (snap-rounding included)


def fitted(shapes: list[BaseGeometry], locked: list[BaseGeometry]) -> list[BaseGeometry]:
    """``shapes`` with the locked grids' corners and no other points along their edges."""
    if not locked:
        return shapes
    outlines = np.array(locked, dtype=object)
    edges = shapely.union_all(shapely.boundary(outlines))
    corners = np.unique(shapely.get_coordinates(outlines), axis=0)
    corner_index = shapely.STRtree(shapely.points(corners))
    return [_fitted(shape, edges, corners, corner_index) for shape in shapes]


def noded(locked: BaseGeometry, shapes: list[BaseGeometry]) -> BaseGeometry:
    """``locked`` with a vertex wherever a corner of ``shapes`` lies exactly on
    its edge: the very same shape, as ``equals`` says, with the neighbours'
    shared vertices (a valid coverage needs them; dragging a vertex moves them
    together)."""
    corners = shapely.points(np.unique(shapely.get_coordinates(np.array(shapes, dtype=object)), axis=0))
    own = shapely.multipoints(shapely.get_coordinates(locked))
    on_edge = corners[shapely.intersects(corners, locked.boundary) & ~shapely.intersects(corners, own)]
    if not len(on_edge):
        return locked
    out = shapely.snap(locked, shapely.multipoints(on_edge), EXACTLY)
    if not (out.is_valid and out.equals(locked)):
        return locked
    return shapely.MultiPolygon(list(shapely.get_parts(out))) if locked.geom_type == "MultiPolygon" else out


def _fitted(shape: BaseGeometry, edges, corners: np.ndarray, corner_index: shapely.STRtree) -> BaseGeometry:
    polygons = []
    for polygon in shapely.get_parts(shape):
        rings = (polygon.exterior, *polygon.interiors)
        exterior, *holes = [_ring(ring, edges, corners, corner_index) for ring in rings]
        polygons.append(shapely.Polygon(exterior, holes))
    out = shapely.MultiPolygon(polygons) if shape.geom_type == "MultiPolygon" else polygons[0]
    if not out.is_valid or abs(out.area - shape.area) > ON_EDGE * shape.length:
        return shape  # a ring that would fold up: keep the shape as noded
    return out


def _ring(ring, edges, corners: np.ndarray, corner_index: shapely.STRtree) -> np.ndarray:
    xy = shapely.get_coordinates(ring)[:-1]
    at, corner = corner_index.query_nearest(shapely.points(xy), max_distance=ON_EDGE)
    xy[at] = corners[corner]  # a locked corner, to the last bit
    is_corner = np.zeros(len(xy), dtype=bool)
    is_corner[at] = True
    before = (xy + np.roll(xy, 1, axis=0)) / 2  # the middle of the segment into each point…
    after = (xy + np.roll(xy, -1, axis=0)) / 2  # …and of the one out of it
    along = np.logical_and.reduce([shapely.dwithin(shapely.points(p), edges, ON_EDGE) for p in (xy, before, after)])
    kept = xy[is_corner | ~along]
    if len(kept) < 3:  # a sliver all along an edge: left as it is
        kept = xy
    return np.vstack([kept, kept[:1]])
