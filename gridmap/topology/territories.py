"""Each building's share of its grid: the ground nearer to it than to any other
building there. Painting a building into another grid moves its share, so the
new boundary runs between buildings, never through one."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import shapely
from shapely.geometry.base import BaseGeometry

from gridmap.spatial.shapes import polygonal

SAMPLE_SPACING = 4.0  # metres between points taken along each footprint's outline


def territories(zone: BaseGeometry, footprints: Sequence[BaseGeometry]) -> list[BaseGeometry]:
    """One area per footprint, together exactly ``zone``; each holds its footprint
    whole (as far as the footprint lies in the zone)."""
    footprints = np.asarray(footprints, dtype=object)
    if len(footprints) == 0:
        return []
    if len(footprints) == 1:
        return [zone]
    outlines = shapely.segmentize(shapely.boundary(footprints), SAMPLE_SPACING)
    points, owner = shapely.get_coordinates(outlines, return_index=True)
    points, first = np.unique(points, axis=0, return_index=True)  # a shared corner belongs to one building
    owner = owner[first]
    cells = shapely.get_parts(shapely.voronoi_polygons(shapely.multipoints(points), extend_to=zone, ordered=True))
    # At projected coordinates GEOS's Voronoi can give a cell a spike that
    # crosses itself (sample points nearly on one circle): mend those first.
    bad = ~shapely.is_valid(cells)
    cells[bad] = [polygonal(cell) for cell in shapely.make_valid(cells[bad])]
    shares = []
    for i in range(len(footprints)):
        nearer = shapely.union_all(cells[owner == i])
        shares.append(nearer)
    shares = np.array(shares, dtype=object)
    # Footprints are the buildings' own whatever the sampling: add each to its
    # share and take it from the others, which keeps the shares a partition.
    everyone = shapely.union_all(footprints)
    out = []
    for i, share in enumerate(shares):
        mine = shapely.union(shapely.difference(share, everyone), footprints[i])
        out.append(polygonal(shapely.intersection(mine, zone)))
    return out
