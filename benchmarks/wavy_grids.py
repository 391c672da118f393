"""Hand-drawn-looking grids for the district of ``gridmap bench validate`` and
``gridmap bench edit``: the synthetic city's grid rectangles turned into
polygons whose shared edges are one jittered polyline, used by both grids (so
the partition stays exact and every grid has ~40 vertices), and the zones
above them rebuilt as exact unions of what they hold."""

from __future__ import annotations

import numpy as np
import shapely
from shapely.geometry import MultiPolygon

from gridmap.model.entities import GRID

EDGE_VERTICES = 9  # inner vertices of each wavy shared edge


def wavy_grids(zones: list, levels: list, seed: int = 11) -> list:
    """``zones`` with the grids' (level of role GRID among ``levels``) edges made wavy."""
    grid_level = grid_depth(levels)
    rng = np.random.default_rng(seed)
    edges: dict[tuple, np.ndarray] = {}

    def edge(a: tuple, b: tuple) -> np.ndarray:
        key = (a, b) if a <= b else (b, a)
        if key not in edges:
            t = np.linspace(0, 1, EDGE_VERTICES + 2)[1:-1]
            (x0, y0), (x1, y1) = key
            along = np.column_stack([x0 + (x1 - x0) * t, y0 + (y1 - y0) * t])
            normal = np.array([-(y1 - y0), x1 - x0]) / np.hypot(x1 - x0, y1 - y0)
            edges[key] = along + normal * rng.uniform(-4, 4, (len(t), 1))
        inner = edges[key]
        return inner if (a, b) == key else inner[::-1]

    out = []
    for zone in zones:
        if zone.level != grid_level:
            out.append(zone)
            continue
        x0, y0, x1, y1 = (round(v, 6) for v in zone.geometry.bounds)
        corners = [(x0, y0), (x1, y0), (x1, y1), (x0, y1)]
        ring = []
        for a, b in zip(corners, corners[1:] + corners[:1], strict=True):
            ring.append(a)
            ring.extend(map(tuple, edge(a, b)))
        out.append(zone._replace(geometry=MultiPolygon([shapely.Polygon(ring)])))
    # the zones above the grids, deepest first: exactly the union of what they hold
    by_parent: dict[int, list] = {}
    for zone in out:
        if zone.level == grid_level:
            by_parent.setdefault(zone.parent_id, []).append(zone.geometry)
    for level in range(grid_level - 1, 0, -1):
        for i, zone in enumerate(out):
            if zone.level == level:
                union = shapely.coverage_union_all(np.array(by_parent[zone.id], dtype=object))
                out[i] = zone._replace(geometry=multi(union))
                by_parent.setdefault(zone.parent_id, []).append(out[i].geometry)
    return out


def grid_depth(levels: list) -> int:
    """The depth of the grids among ``levels`` (the synthetic city's tables have no project to ask)."""
    return next(level.depth for level in levels if level.role == GRID)


def multi(geometry) -> MultiPolygon:
    """Any polygonal shape as a MultiPolygon (zones are stored as such)."""
    return MultiPolygon(shapely.get_parts(geometry).tolist())
