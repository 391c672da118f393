"""Which leaf zone holds each building: the derived link kept in step with geometry."""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import shapely

from gridmap.model.changes import RowChange
from gridmap.model.entities import Building, Zone
from gridmap.zone_tree import leaf_ids


def leaf_zones(zones: Iterable[Zone]) -> list[Zone]:
    """Zones that have no children (the grids buildings belong to)."""
    zones = list(zones)
    leaves = leaf_ids(zones)
    return [z for z in zones if z.id in leaves]


def locate(geometries: np.ndarray, zones: list[Zone]) -> np.ndarray:
    """The id of the zone holding each geometry's interior point, or -1.

    A building counts where its point-on-surface lies: one cheap, stable answer
    even for a footprint that strays over a boundary. Where that point lies
    exactly on a shared boundary the smaller zone id wins, so the answer does
    not depend on index order.
    """
    result = np.full(len(geometries), -1, dtype=np.int64)
    if len(geometries) == 0 or not zones:
        return result
    zone_ids = np.array([z.id for z in zones], dtype=np.int64)
    tree = shapely.STRtree(np.array([z.geometry for z in zones], dtype=object))
    points = shapely.point_on_surface(np.asarray(geometries, dtype=object))
    hit_points, hit_zones = tree.query(points, predicate="intersects")
    order = np.lexsort((-zone_ids[hit_zones], hit_points))  # per point, largest id first…
    result[hit_points[order]] = zone_ids[hit_zones[order]]  # …so the smallest is written last
    return result


def building_zone_ids(buildings: list[Building], zones: Iterable[Zone]) -> dict[int, int | None]:
    """Building id → the leaf zone id it belongs to (None where no zone holds it)."""
    found = locate(np.array([b.geometry for b in buildings], dtype=object), leaf_zones(zones))
    return {b.id: (int(z) if z >= 0 else None) for b, z in zip(buildings, found)}


def relinked(buildings: Iterable[Building], zones: Iterable[Zone]) -> list[RowChange]:
    """The changes linking each of ``buildings`` to the leaf zone holding it
    among ``zones``, for those linked to another (or to none)."""
    buildings = list(buildings)
    found = building_zone_ids(buildings, zones)
    return [RowChange("buildings", b, b._replace(zone_id=found[b.id])) for b in buildings if found[b.id] != b.zone_id]
